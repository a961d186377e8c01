//! Sentence splitting with byte ranges into the paragraph text.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// Splits `text` into sentences; each span excludes surrounding whitespace.
pub fn split_sentences(text: &str) -> Vec<Span> {
    text.split_sentence_bound_indices()
        .filter_map(|(start, s)| {
            let trimmed = s.trim_end();
            let lead = trimmed.len() - trimmed.trim_start().len();
            (!trimmed.trim().is_empty()).then(|| Span::new(start + lead, start + trimmed.len()))
        })
        .collect()
}
