//! Sentence splitting with byte ranges into the paragraph text.
//!
//! Built on `sentencex` (Wikimedia's rule-based segmenter, English rules):
//! of the crates evaluated it alone handles abbreviations ("Mr.", "U.S.",
//! "Corp.", "Jan. 5"), decimals, initials and quotations that span
//! sentences out of the box. `srx` needs external rule files and `punkt`
//! needs trained model data; both are unmaintained. Unicode sentence
//! boundaries (`unicode-segmentation`) remain as a fallback should the
//! segmenter return ranges that do not fit the text.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// Splits `text` into sentences; each span excludes surrounding whitespace,
/// and fragments without letters or digits join the sentence before them.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let raw: Vec<(usize, usize)> = sentencex::get_sentence_boundaries("en", text)
        .iter()
        .map(|b| (b.start_byte, b.end_byte))
        .collect();
    let fits = raw.iter().all(|&(s, e)| s <= e && text.get(s..e).is_some());
    let ranges = if fits && !raw.is_empty() {
        raw
    } else {
        text.split_sentence_bound_indices()
            .map(|(start, s)| (start, start + s.len()))
            .collect()
    };
    let mut spans: Vec<Span> = Vec::new();
    for (start, end) in ranges {
        let Some(span) = trimmed(text, start, end) else {
            continue;
        };
        let has_words = span.slice(text).chars().any(char::is_alphanumeric);
        match spans.last_mut() {
            Some(last) if !has_words && last.end <= span.start => last.end = span.end,
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => spans.push(span),
        }
    }
    spans
}

/// `start..end` without surrounding whitespace; `None` when nothing is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let piece = text.get(start..end)?;
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    (!body.is_empty()).then(|| Span::new(start + lead, start + lead + body.len()))
}

#[cfg(test)]
mod tests {
    use super::split_sentences;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr. Blinken met Xi. They talked.",
                &["Mr. Blinken met Xi.", "They talked."],
            ),
            (
                "The U.S. and China agreed. Talks resume Jan. 5 in Beijing.",
                &[
                    "The U.S. and China agreed.",
                    "Talks resume Jan. 5 in Beijing.",
                ],
            ),
            (
                "Microsoft Corp. co-founder Bill Gates visited. He left.",
                &["Microsoft Corp. co-founder Bill Gates visited.", "He left."],
            ),
            (
                "Growth was 3.5 percent. It fell.",
                &["Growth was 3.5 percent.", "It fell."],
            ),
            (
                "J. R. R. Tolkien wrote books. He died in 1973.",
                &["J. R. R. Tolkien wrote books.", "He died in 1973."],
            ),
            (
                "“It’s very good,” Xi said. “This is progress.” Then he left.",
                &[
                    "“It’s very good,” Xi said.",
                    "“This is progress.”",
                    "Then he left.",
                ],
            ),
            (
                "“Stop!” he said. Nobody did.",
                &["“Stop!” he said.", "Nobody did."],
            ),
            (
                "He said: “The talks went well. We agreed on much.” Officials agreed.",
                &[
                    "He said: “The talks went well. We agreed on much.”",
                    "Officials agreed.",
                ],
            ),
            (
                "Is it over? Yes. Really!",
                &["Is it over?", "Yes.", "Really!"],
            ),
            ("No punctuation at all", &["No punctuation at all"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text}");
        }
    }

    #[test]
    fn spans_are_ordered_trimmed_and_on_char_boundaries() {
        let text = "  Ünïcode “quotes” — here.  And 東京 too! ";
        let spans = split_sentences(text);
        assert_eq!(spans.len(), 2);
        for pair in spans.windows(2) {
            assert!(pair[0].end <= pair[1].start);
        }
        for span in &spans {
            let s = span.slice(text);
            assert_eq!(s, s.trim());
        }
    }
}
