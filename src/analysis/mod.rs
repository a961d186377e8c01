//! The analysis engine: alignment of paragraphs across sources, word diffs,
//! and discrepancy detectors. Nothing here knows about the terminal.

pub mod align;
pub mod compare;
pub mod detect;

use crate::model::{Report, SCHEMA, Source};

/// Runs the whole analysis over ingested sources and returns the report:
/// the alignment with the sources' pairwise relations, then the detectors
/// among the sources that report one event ([`compare::compare`]).
pub fn analyze(sources: Vec<Source>) -> Report {
    let alignment = align::align(&sources);
    let discrepancies = compare::compare(&sources, &alignment);
    Report {
        schema: SCHEMA.to_string(),
        sources,
        groups: alignment.groups,
        sub_events: alignment.sub_events,
        discrepancies,
        relations: alignment.relations,
    }
}
