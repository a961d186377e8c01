//! Sentence splitting with byte ranges into the paragraph text.
//!
//! Unicode sentence boundaries (UAX #29, `unicode-segmentation`) already keep
//! decimals ("3.5") whole, keep a closing quote after the period with its
//! sentence, and do not break before a lower-case word. On top of them this
//! joins what UAX #29 splits wrongly in news text: abbreviations ("Mr.",
//! "Corp.", "Jan. 5", "U.S. officials"), initials ("J. R. R. Tolkien"), a
//! quoted sentence followed by lower case or by a short attribution
//! ("“Stop!” he said.", "“It is over.” Xi said.").
//!
//! Crates evaluated first (see the ingest notes): `sentencex` handles these
//! cases too, but keeps whole multi-sentence quotations as one sentence
//! (coarser units for sentence alignment) and its current release needs Rust
//! 1.91 (this crate supports 1.88; the older release it resolves to splits
//! quotes worse); `srx` needs external SRX rule files and `punkt` needs
//! trained model data, and neither has been maintained for years.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;
use crate::text::lexicon::{Words, contains};

/// Words that commonly start a sentence; after "U.S." or "etc." they mark a
/// real sentence end.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "An",
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "There",
    "Here",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Some",
    "Many",
    "Most",
    "Officials",
    "However",
    "Meanwhile",
    "Still",
    "Now",
    "Then",
];

/// Splits `text` into sentences; each span excludes surrounding whitespace.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for (start, piece) in text.split_sentence_bound_indices() {
        let Some(span) = trimmed(text, start, start + piece.len()) else {
            continue;
        };
        match spans.last_mut() {
            Some(last) if continues(last.slice(text), span.slice(text)) => last.end = span.end,
            _ => spans.push(span),
        }
    }
    spans
}

/// `start..end` without surrounding whitespace; `None` when nothing is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    (!body.is_empty()).then(|| Span::new(start + lead, start + lead + body.len()))
}

/// Whether `next` continues the sentence `previous` rather than starting one.
fn continues(previous: &str, next: &str) -> bool {
    if !next.chars().any(char::is_alphanumeric) {
        return true;
    }
    let next_word = first_word(next);
    let starts_lower = next_word.chars().next().is_some_and(char::is_lowercase);
    let starts_digit = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());
    if starts_lower {
        return true;
    }
    let last = last_word(previous);
    let Some(stem) = last.strip_suffix('.') else {
        return ends_quote(previous) && is_attribution(next);
    };
    if contains(Words::Abbreviations, stem) {
        return true;
    }
    if contains(Words::MonthAbbreviations, stem) {
        return starts_digit;
    }
    if is_initial(stem) {
        return !SENTENCE_STARTERS.contains(&next_word);
    }
    if is_dotted_acronym(stem) {
        return !SENTENCE_STARTERS.contains(&next_word) && !next_word.is_empty();
    }
    ends_quote(previous) && is_attribution(next)
}

/// The last whitespace-separated word, without opening quotes or brackets.
fn last_word(text: &str) -> &str {
    text.split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_start_matches(|c: char| "\"'“‘([".contains(c))
}

/// The first word, without opening quotes and trailing punctuation.
fn first_word(text: &str) -> &str {
    text.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// "J" in "J. R. R. Tolkien".
fn is_initial(stem: &str) -> bool {
    let mut chars = stem.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// "U.S", "U.K", "a.m" (the final period already removed).
fn is_dotted_acronym(stem: &str) -> bool {
    stem.contains('.')
        && stem
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

fn ends_quote(text: &str) -> bool {
    text.trim_end().ends_with(['”', '"', '’', '\''])
}

/// A short clause naming a speaker: "Xi said.", "the minister added."
fn is_attribution(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() <= 6
        && words.iter().any(|w| {
            contains(
                Words::SpeechVerbs,
                w.trim_end_matches(|c: char| !c.is_alphanumeric()),
            )
        })
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
                "U.S. Secretary of State Antony Blinken spoke at the U.S. Embassy in Beijing.",
                &["U.S. Secretary of State Antony Blinken spoke at the U.S. Embassy in Beijing."],
            ),
            (
                "She lives in the U.S. He lives in China.",
                &["She lives in the U.S.", "He lives in China."],
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
                "“It is over.” Xi said. Talks ended.",
                &["“It is over.” Xi said.", "Talks ended."],
            ),
            (
                "“I hope through this visit, Mr. Secretary, you will help,” Xi added.",
                &["“I hope through this visit, Mr. Secretary, you will help,” Xi added."],
            ),
            (
                "He said: “The talks went well. We agreed on much.” Officials agreed.",
                &[
                    "He said: “The talks went well.",
                    "We agreed on much.”",
                    "Officials agreed.",
                ],
            ),
            (
                "Is it over? Yes. Really!",
                &["Is it over?", "Yes.", "Really!"],
            ),
            (
                "They met at 9 a.m. on Monday.",
                &["They met at 9 a.m. on Monday."],
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
