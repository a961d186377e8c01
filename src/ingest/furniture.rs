//! Phrase lists for page furniture, loaded from `assets/ingest/furniture.txt`
//! (embedded at build time; the file's header explains each section).

use std::sync::OnceLock;

/// The phrase lists, by section of `furniture.txt`.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    pub exact: Vec<String>,
    pub prefix: Vec<String>,
    pub contains: Vec<String>,
    pub list_header: Vec<String>,
    pub list_header_prefix: Vec<String>,
    pub dateline: Vec<String>,
    pub caption: Vec<String>,
    pub role: Vec<String>,
    pub role_adjective: Vec<String>,
}

/// The embedded phrase lists, parsed once.
pub(crate) fn phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(|| parse(include_str!("../../assets/ingest/furniture.txt")))
}

fn parse(raw: &str) -> Phrases {
    let mut phrases = Phrases::default();
    let mut section: Option<&mut Vec<String>> = None;
    for line in raw.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = match name {
                "exact" => Some(&mut phrases.exact),
                "prefix" => Some(&mut phrases.prefix),
                "contains" => Some(&mut phrases.contains),
                "list-header" => Some(&mut phrases.list_header),
                "list-header-prefix" => Some(&mut phrases.list_header_prefix),
                "dateline" => Some(&mut phrases.dateline),
                "caption" => Some(&mut phrases.caption),
                "role" => Some(&mut phrases.role),
                "role-adjective" => Some(&mut phrases.role_adjective),
                _ => None,
            };
            continue;
        }
        if let Some(list) = section.as_deref_mut() {
            list.push(line.to_lowercase());
        }
    }
    phrases
}

/// Lowercases, straightens quotes and apostrophes, removes leading bullets
/// and dashes and trailing punctuation, and collapses whitespace.
pub(crate) fn normalize(line: &str) -> String {
    let lowered: String = line
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let trimmed = lowered
        .trim_start_matches(|c: char| c.is_whitespace() || "-–—•*·|>▶►".contains(c))
        .trim_end_matches(|c: char| c.is_whitespace() || ".:;,!|-–—›»>→".contains(c));
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `normalized` starts with `phrase` at a word boundary.
pub(crate) fn starts_with_phrase(normalized: &str, phrase: &str) -> bool {
    normalized.strip_prefix(phrase).is_some_and(|rest| {
        phrase.ends_with(|c: char| !c.is_alphanumeric())
            || rest.is_empty()
            || rest.starts_with(|c: char| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_loaded() {
        let p = phrases();
        for (name, list) in [
            ("exact", &p.exact),
            ("prefix", &p.prefix),
            ("contains", &p.contains),
            ("list-header", &p.list_header),
            ("list-header-prefix", &p.list_header_prefix),
            ("dateline", &p.dateline),
            ("caption", &p.caption),
            ("role", &p.role),
            ("role-adjective", &p.role_adjective),
        ] {
            assert!(!list.is_empty(), "section {name} is empty");
        }
    }

    #[test]
    fn normalizes_quotes_bullets_and_punctuation() {
        assert_eq!(normalize("  — Read More:  "), "read more");
        assert_eq!(normalize("Don’t  Miss…"), "don't miss…");
    }

    #[test]
    fn phrases_match_at_word_boundaries() {
        assert!(starts_with_phrase("read more: the making of", "read more:"));
        assert!(starts_with_phrase("follow us on x", "follow us"));
        assert!(!starts_with_phrase("followers said", "follow"));
    }
}
