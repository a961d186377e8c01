//! The analysis engine: alignment of paragraphs across sources, word diffs,
//! and discrepancy detectors. Nothing here knows about the terminal.

pub mod align;
pub mod detect;

use crate::model::{Report, SCHEMA, Source};

/// Runs the whole analysis over ingested sources and returns the report.
pub fn analyze(sources: Vec<Source>) -> Report {
    let alignment = align::align(&sources);
    let discrepancies = detect::detect(&sources, &alignment);
    Report {
        schema: SCHEMA.to_string(),
        sources,
        groups: alignment.groups,
        sub_events: alignment.sub_events,
        discrepancies,
        relations: alignment.relations,
    }
}
