//! Small text helpers the detectors share: a byte-exact word tokenizer,
//! stems, stop words, proper-name detection, and a word diff.
//!
//! The alignment engine has its own `text.rs`; these helpers are kept here
//! because the detectors need byte offsets into paragraph text for every
//! token (quote and number spans must be exact), number-aware token classes,
//! and apostrophe handling that the aligner does not need.

use std::borrow::Cow;
use std::cell::RefCell;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::text::FUNCTION_WORDS;
use crate::model::{DiffOp, DiffTag, Span};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Starts with a letter: letters, digits, inner apostrophes.
    Word,
    /// Starts with a digit or a vulgar fraction: digits, inner `.,/:`, and
    /// attached letters ("10m", "1st").
    Num,
    /// Any other single non-space character.
    Punct,
}

/// One token with its byte range in the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace (or the start of the text) precedes the token.
    pub space_before: bool,
}

impl Tok<'_> {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    /// Lowercased text.
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
    /// True for a single punctuation character equal to `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }
}

/// Unicode vulgar fractions and their values.
pub fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅕' => 0.2,
        '⅛' => 0.125,
        _ => return None,
    })
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// `word` lowercased exactly as `str::to_lowercase` does, but borrowed
/// (no allocation) when it is ASCII without uppercase letters, the common
/// case for running text.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Tokenizes `text[range]`; offsets are relative to `text` (so paragraph
/// offsets when `text` is a paragraph).
pub fn tokenize_span(text: &str, range: Span) -> Vec<Tok<'_>> {
    let slice = &text[range.start..range.end];
    let char_at = |at: usize| slice[at..].chars().next();
    let mut out = Vec::with_capacity(slice.len() / 4);
    let mut pos = 0;
    let mut space_before = true;
    while let Some(c) = char_at(pos) {
        if c.is_whitespace() {
            space_before = true;
            pos += c.len_utf8();
            continue;
        }
        let kind = if c.is_alphabetic() {
            TokKind::Word
        } else if c.is_ascii_digit() || vulgar_fraction(c).is_some() {
            TokKind::Num
        } else {
            TokKind::Punct
        };
        let mut end = pos + c.len_utf8();
        if kind != TokKind::Punct {
            while let Some(c) = char_at(end) {
                let after = end + c.len_utf8();
                let next = char_at(after);
                let keep = c.is_alphanumeric()
                    || (kind == TokKind::Word
                        && is_apostrophe(c)
                        && next.is_some_and(char::is_alphabetic))
                    || (kind == TokKind::Num
                        && matches!(c, '.' | ',' | '/' | ':')
                        && next.is_some_and(|n| n.is_ascii_digit()));
                if !keep {
                    break;
                }
                end = after;
            }
        }
        let (start, end_in_text) = (range.start + pos, range.start + end);
        out.push(Tok {
            text: &text[start..end_in_text],
            start,
            end: end_in_text,
            kind,
            space_before,
        });
        space_before = false;
        pos = end;
    }
    out
}

/// Tokenizes a whole string.
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    tokenize_span(text, Span::new(0, text.len()))
}

/// Stop words of the detectors besides [`FUNCTION_WORDS`]: attribution
/// ("said", "told", "according"), contraction parts ("s", "t") and a
/// few more that carry no content for comparing claims. The aligner's extra
/// stop words (quantifiers, connectives) are content here: hedges and
/// ranges are read from them.
const DETECT_STOP_WORDS: [&str; 10] = [
    "according",
    "dr",
    "last",
    "s",
    "said",
    "say",
    "says",
    "shall",
    "t",
    "told",
];

/// True for a stop word (case-insensitive).
pub fn is_stop(word: &str) -> bool {
    static SET: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        FUNCTION_WORDS
            .iter()
            .chain(&DETECT_STOP_WORDS)
            .copied()
            .collect()
    });
    if word.len() > 10 {
        return false;
    }
    set.contains(lowercase(word).as_ref())
}

/// A reusable English stemmer (Snowball, via `rust-stemmers`, already a
/// dependency of the crate) that remembers its results: the detectors stem
/// the same few hundred words of a document set again and again, and a
/// lookup costs a fraction of a Snowball run.
#[derive(Default)]
pub struct Stems {
    stemmer: Snowball,
    /// Stems by the word as given.
    memo: RefCell<FxHashMap<String, String>>,
}

/// The English Snowball stemmer (its own type so that [`Stems`] can derive
/// `Default`).
struct Snowball(Stemmer);

impl Default for Snowball {
    fn default() -> Self {
        Snowball(Stemmer::create(Algorithm::English))
    }
}

impl Stems {
    /// Lowercased stem of `word`, with possessive `'s` removed.
    pub fn stem(&self, word: &str) -> String {
        if let Some(stem) = self.memo.borrow().get(word) {
            return stem.clone();
        }
        let lower = word.to_lowercase();
        let base = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("’s"))
            .unwrap_or(&lower);
        let stem = self.stemmer.0.stem(base).into_owned();
        self.memo
            .borrow_mut()
            .insert(word.to_string(), stem.clone());
        stem
    }

    /// Stems of the content words of `toks` (no stop words, no numbers).
    pub fn content(&self, toks: &[Tok<'_>]) -> Vec<String> {
        toks.iter()
            .filter(|t| t.is_word() && !is_stop(t.text))
            .map(|t| self.stem(t.text))
            .collect()
    }
}

/// Shares of overlap between two bags of strings: |A∩B| / min(|A|,|B|).
pub fn containment(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|w| b.contains(w)).count();
    common as f64 / a.len().min(b.len()) as f64
}

/// Jaccard overlap of two bags of strings, counting distinct items.
pub fn jaccard(a: &[String], b: &[String]) -> f64 {
    let mut sa: Vec<&String> = a.iter().collect();
    let mut sb: Vec<&String> = b.iter().collect();
    sa.sort();
    sa.dedup();
    sb.sort();
    sb.dedup();
    if sa.is_empty() && sb.is_empty() {
        return 0.0;
    }
    let common = sa.iter().filter(|w| sb.binary_search(w).is_ok()).count();
    common as f64 / (sa.len() + sb.len() - common) as f64
}

/// Words that are capitalized but are not names (titles, days and months
/// are kept out of the name detection).
/// Titles and roles written before names ("President", "Mr").
pub const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "secretary",
    "minister",
    "prime",
    "foreign",
    "state",
    "chief",
    "general",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Capitalized words that open clauses rather than name someone.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "in", "on", "at", "for",
    "this", "that", "speaking", "after", "before", "during", "while", "when", "as", "if", "his",
    "her", "their", "its", "our",
];

/// True when `word` looks like part of a proper name: capitalized and not a
/// title, weekday, month or sentence-opening function word.
pub fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.clone().any(char::is_lowercase) && {
        let w = word.to_lowercase();
        !NOT_NAMES.contains(&w.as_str())
            && !TITLES.contains(&w.as_str())
            && !super::quantity::MONTHS.contains(&w.as_str())
            && !super::quantity::WEEKDAYS.contains(&w.as_str())
    }
}

/// Word-level diff of two token lists, as model diff ops with byte spans
/// (Patience diff via `similar`, on lowercased token texts).
///
/// The tokens are compared as small integers: each distinct lowercased text
/// gets one id (so equal ids mean equal lowercased texts, the same relation
/// `similar` would see on the strings, and the same diff), which spares
/// the diff hashing and comparing strings.
pub fn word_diff<'t>(a: &[Tok<'t>], b: &[Tok<'t>]) -> Vec<DiffOp> {
    let mut ids: FxHashMap<Cow<'t, str>, u32> = FxHashMap::default();
    let mut intern = |t: &Tok<'t>| -> u32 {
        let key = lowercase(t.text);
        let next = ids.len() as u32;
        *ids.entry(key).or_insert(next)
    };
    let la: Vec<u32> = a.iter().map(&mut intern).collect();
    let lb: Vec<u32> = b.iter().map(&mut intern).collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Patience, &la, &lb);
    let span = |toks: &[Tok<'_>], r: std::ops::Range<usize>| -> Span {
        if r.is_empty() {
            let at = toks
                .get(r.start)
                .map(|t| t.start)
                .or_else(|| toks.last().map(|t| t.end))
                .unwrap_or(0);
            Span::new(at, at)
        } else {
            Span::new(toks[r.start].start, toks[r.end - 1].end)
        }
    };
    ops.iter()
        .map(|op| {
            let (tag, ra, rb) = op.as_tag_tuple();
            let tag = match tag {
                similar::DiffTag::Equal => DiffTag::Equal,
                similar::DiffTag::Delete => DiffTag::Delete,
                similar::DiffTag::Insert => DiffTag::Insert,
                similar::DiffTag::Replace => DiffTag::Replace,
            };
            DiffOp {
                tag,
                a: span(a, ra),
                b: span(b, rb),
            }
        })
        .collect()
}

/// Cuts `text` to at most `max` characters at a word boundary, adding "…".
pub fn ellipsize(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '-', '–']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_byte_spans_and_number_shapes() {
        let text = "The 35-minute talks cost $1,200.50 — 7½ hours, “Xi’s” view.";
        let toks = tokenize(text);
        for t in &toks {
            assert_eq!(&text[t.start..t.end], t.text);
        }
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert!(texts.contains(&"35"));
        assert!(texts.contains(&"1,200.50"));
        assert!(texts.contains(&"7½"));
        assert!(texts.contains(&"Xi’s"));
        let minute = toks.iter().find(|t| t.text == "minute").unwrap();
        assert!(!minute.space_before);
    }

    #[test]
    fn tokens_join_inner_apostrophes_and_number_punctuation_only() {
        let text = "a'b 1:30 3/4 1.2.3 x' 'y 12,5 ,5 ½x İstanbul";
        let toks: Vec<(&str, TokKind)> = tokenize(text).iter().map(|t| (t.text, t.kind)).collect();
        use TokKind::{Num, Punct, Word};
        assert_eq!(
            toks,
            [
                ("a'b", Word),
                ("1:30", Num),
                ("3/4", Num),
                ("1.2.3", Num),
                ("x", Word),
                ("'", Punct),
                ("'", Punct),
                ("y", Word),
                ("12,5", Num),
                (",", Punct),
                ("5", Num),
                ("½x", Num),
                ("İstanbul", Word),
            ]
        );
    }

    #[test]
    fn lowercase_borrows_only_what_is_already_lowercase() {
        assert!(matches!(lowercase("said"), Cow::Borrowed("said")));
        assert!(matches!(lowercase("U.S."), Cow::Owned(ref w) if w == "u.s."));
        assert_eq!(lowercase("Éloïse"), "éloïse");
        assert_eq!(lowercase("ΟΔΟΣ"), "ΟΔΟΣ".to_lowercase());
    }

    #[test]
    fn word_diff_spans_point_into_the_texts() {
        let a = "an alleged Chinese spy balloon";
        let b = "a Chinese surveillance balloon";
        let ops = word_diff(&tokenize(a), &tokenize(b));
        let changed: Vec<(&str, &str)> = ops
            .iter()
            .filter(|o| o.tag != DiffTag::Equal)
            .map(|o| (o.a.slice(a), o.b.slice(b)))
            .collect();
        assert_eq!(
            changed,
            [("an alleged", "a"), ("spy", "surveillance")],
            "{ops:?}"
        );
    }

    #[test]
    fn names_skip_titles_and_days() {
        assert!(is_name_word("Blinken"));
        assert!(!is_name_word("President"));
        assert!(!is_name_word("Sunday"));
        assert!(!is_name_word("US"));
    }
}
