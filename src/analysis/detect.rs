//! Discrepancy detectors (issue: discrepancy detectors).

use crate::model::{Alignment, Discrepancy, Source};

/// Finds where the aligned sources disagree, ranked by score.
pub fn detect(sources: &[Source], alignment: &Alignment) -> Vec<Discrepancy> {
    let _ = (sources, alignment);
    Vec::new()
}
