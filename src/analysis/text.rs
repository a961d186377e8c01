//! Text features shared by the aligner and the detectors: word tokens with
//! byte spans, matching keys (stemmed, spelling-normalized), stop words,
//! named-entity and number tokens.
//!
//! Everything here is pure and allocation-light. The main entry point is
//! [`tokenize`], which returns one [`Token`] per Unicode word of a text
//! (UAX #29 word boundaries, via `unicode-segmentation`), each with its byte
//! span, its [`TokenKind`] and a normalized [`Token::key`] under which two
//! spellings of one word compare equal ("stabilising" / "stabilized" →
//! `stabil`, "U.S." / "US" → `US`, "five" / "5" → `#5`).
//!
//! Stemming uses `rust-stemmers` (Snowball English, Porter2): a maintained
//! implementation of the standard algorithm, far better than hand-written
//! suffix stripping.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// What a token is, as far as matching is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An ordinary word (possibly a stop word: see [`Token::stop`]).
    Word,
    /// A number written in digits ("35", "1,000", "3.5") or words ("five").
    Number,
    /// An all-capitals abbreviation of two or more letters ("US", "U.S.", "CIA").
    Acronym,
    /// A capitalized word inside a sentence: part of a name ("Qin", "Gang").
    Name,
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Byte range of the word in the text given to [`tokenize`].
    pub span: Span,
    pub kind: TokenKind,
    /// Normalized matching key: the Porter2 stem of the lower-cased,
    /// US-spelled word; `#<value>` for numbers; the dotless capitals for
    /// acronyms. Two tokens with equal keys are "the same word".
    pub key: String,
    /// True for function words that carry no content (see [`is_stop_word`]).
    pub stop: bool,
    /// The numeric value of a [`TokenKind::Number`].
    pub value: Option<f64>,
}

impl Token<'_> {
    /// True for content words, numbers, acronyms and names.
    pub fn is_content(&self) -> bool {
        !self.stop
    }

    /// True for names and acronyms: strong evidence that two sentences
    /// speak of the same thing.
    pub fn is_entity(&self) -> bool {
        matches!(self.kind, TokenKind::Name | TokenKind::Acronym)
    }
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Splits `text` into word tokens (punctuation and spaces are skipped).
///
/// `text` should be one sentence: a capitalized first word is not taken for
/// a name (it is capitalized because it starts the sentence), unless it is
/// followed by another capitalized word ("Antony Blinken met ...").
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokenize_with(text, &mut |lower| stem(lower))
}

/// Memoized stems for one pass over many sentences: a comparison repeats
/// most of its words, and Snowball stemming is the dearest step of
/// tokenizing.
#[derive(Debug, Default)]
pub struct StemMemo(rustc_hash::FxHashMap<String, String>);

impl StemMemo {
    /// [`stem`] of `lower`, computed once per distinct word.
    pub fn stem(&mut self, lower: &str) -> String {
        if let Some(key) = self.0.get(lower) {
            return key.clone();
        }
        let key = stem(lower);
        self.0.insert(lower.to_string(), key.clone());
        key
    }
}

/// [`tokenize`] with stems from `memo` (same tokens, fewer stemmer runs).
pub fn tokenize_memo<'a>(text: &'a str, memo: &mut StemMemo) -> Vec<Token<'a>> {
    tokenize_with(text, &mut |lower| memo.stem(lower))
}

fn tokenize_with<'a>(text: &'a str, stem_of: &mut dyn FnMut(&str) -> String) -> Vec<Token<'a>> {
    let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    let mut tokens = Vec::with_capacity(words.len());
    for (i, &(start, word)) in words.iter().enumerate() {
        let span = Span::new(start, start + word.len());
        let next = words.get(i + 1).map(|w| w.1);
        tokens.push(classify(word, span, i == 0, next, stem_of));
    }
    tokens
}

fn classify<'a>(
    word: &'a str,
    span: Span,
    first: bool,
    next: Option<&str>,
    stem_of: &mut dyn FnMut(&str) -> String,
) -> Token<'a> {
    let token = |kind, key, stop, value| Token {
        text: word,
        span,
        kind,
        key,
        stop,
        value,
    };
    if let Some(value) = number_value(word) {
        return token(TokenKind::Number, number_key(value), false, Some(value));
    }
    if is_acronym(word) {
        let key: String = word.chars().filter(|c| *c != '.').collect();
        return token(TokenKind::Acronym, key, false, None);
    }
    let lower = possessive_stripped(word.to_lowercase());
    if is_stop_word(&lower) {
        return token(TokenKind::Word, lower, true, None);
    }
    let key = stem_of(&lower);
    let capitalized = word.chars().next().is_some_and(char::is_uppercase);
    let name = capitalized && (!first || next.is_some_and(starts_name));
    let kind = if name {
        TokenKind::Name
    } else {
        TokenKind::Word
    };
    token(kind, key, false, None)
}

/// "blinken’s" → "blinken", "officials'" → "officials"; typographic
/// apostrophes become ASCII ones.
fn possessive_stripped(lower: String) -> String {
    if !lower.contains(['\'', '’']) {
        return lower;
    }
    let ascii = lower.replace('’', "'");
    let trimmed = ascii
        .strip_suffix("'s")
        .or_else(|| ascii.strip_suffix('\''))
        .unwrap_or(&ascii);
    trimmed.to_string()
}

fn starts_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !is_stop_word(&word.to_lowercase())
}

/// True for an all-capitals word of two to five letters, dots allowed
/// ("US", "U.S", "CIA", "PRC", "NATO"). Longer all-capitals words are
/// emphasis ("A HUNTER who ..."), not abbreviations.
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=5).contains(&letters)
        && word
            .chars()
            .all(|c| c == '.' || (c.is_alphabetic() && c.is_uppercase()) || c.is_ascii_digit())
}

/// The matching key of a lower-cased word: US spelling, then Porter2 stem.
pub fn stem(lower: &str) -> String {
    let us = us_spelling(lower);
    STEMMER.stem(&us).into_owned()
}

/// Maps common British spellings to US ones so both share a stem
/// ("stabilising" → "stabilizing", "labour" → "labor", "centre" → "center",
/// "analyse" → "analyze", "defence" → "defense"). The rules are applied to
/// every text alike, so a rule firing on a word that has no US variant is
/// harmless: both sides are rewritten the same way.
pub fn us_spelling(lower: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    const IS_ENDINGS: [(&str, &str); 8] = [
        ("isations", "izations"),
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("iser", "izer"),
        ("ise", "ize"),
        ("yse", "yze"),
    ];
    if lower.len() >= 6 {
        for (gb, us) in IS_ENDINGS {
            if let Some(root) = lower.strip_suffix(gb) {
                return Cow::Owned(format!("{root}{us}"));
            }
        }
        if let Some(root) = lower.strip_suffix("our") {
            return Cow::Owned(format!("{root}or"));
        }
        if let Some(root) = lower.strip_suffix("ours") {
            return Cow::Owned(format!("{root}ors"));
        }
    }
    if lower.len() >= 5
        && let Some(root) = lower.strip_suffix("tre")
    {
        return Cow::Owned(format!("{root}ter"));
    }
    match lower {
        "defence" => Cow::Borrowed("defense"),
        "offence" => Cow::Borrowed("offense"),
        "licence" => Cow::Borrowed("license"),
        "programme" => Cow::Borrowed("program"),
        "programmes" => Cow::Borrowed("programs"),
        _ => Cow::Borrowed(lower),
    }
}

fn number_key(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("#{}", value as i64)
    } else {
        format!("#{value}")
    }
}

/// The value of a number word: digits with optional thousands separators and
/// decimals ("1,000", "3.5", "2018"), or a small English number word
/// ("five", "twenty", "dozen", "half"). `None` for anything else.
pub fn number_value(word: &str) -> Option<f64> {
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let digits: String = word.chars().filter(|c| *c != ',').collect();
        return digits.parse().ok();
    }
    let lower = word.to_lowercase();
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = SMALL.iter().position(|w| *w == lower) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|w| *w == lower) {
        return Some(((i + 2) * 10) as f64);
    }
    match lower.as_str() {
        "dozen" => Some(12.0),
        "hundred" => Some(100.0),
        "thousand" => Some(1_000.0),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// True for English function words (articles, pronouns, auxiliaries,
/// prepositions, conjunctions, and honorifics), given in lower case.
pub fn is_stop_word(lower: &str) -> bool {
    FUNCTION_WORDS.binary_search(&lower).is_ok() || ALIGN_STOP_WORDS.binary_search(&lower).is_ok()
}

/// Function words every matcher skips: articles, pronouns, auxiliaries,
/// prepositions, conjunctions, honorifics. Sorted, for binary search. The
/// aligner adds [`ALIGN_STOP_WORDS`]; the detectors add their own few
/// (`detect::util::is_stop`).
pub const FUNCTION_WORDS: [&str; 135] = [
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Also no content for alignment: quantifiers and connectives ("many",
/// "less", "even", "whether"), which the detectors read (hedges, ranges).
/// Sorted.
const ALIGN_STOP_WORDS: [&str; 31] = [
    "among",
    "another",
    "around",
    "became",
    "become",
    "either",
    "else",
    "even",
    "ever",
    "least",
    "less",
    "let",
    "many",
    "meanwhile",
    "much",
    "neither",
    "often",
    "others",
    "otherwise",
    "quite",
    "rather",
    "though",
    "thus",
    "upon",
    "us",
    "whether",
    "whose",
    "within",
    "without",
    "yet",
    "yourselves",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .filter(Token::is_content)
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        for list in [&FUNCTION_WORDS[..], &ALIGN_STOP_WORDS[..]] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted, list, "sorted, no duplicates");
        }
        assert!(ALIGN_STOP_WORDS.iter().all(|w| !FUNCTION_WORDS.contains(w)));
        for w in ["the", "and", "mr", "us", "whether"] {
            assert!(is_stop_word(w), "{w}");
        }
        assert!(!is_stop_word("balloon"));
    }

    #[test]
    fn british_and_us_spellings_share_a_key() {
        assert_eq!(keys("stabilising"), keys("stabilizing"));
        assert_eq!(keys("stabilised"), keys("stabilized"));
        assert_eq!(keys("labour"), keys("labor"));
        assert_eq!(keys("centre"), keys("center"));
        assert_eq!(keys("defence"), keys("defense"));
        assert_eq!(keys("analyse"), keys("analyze"));
    }

    #[test]
    fn numbers_in_words_and_digits_share_a_key() {
        assert_eq!(keys("five"), vec!["#5"]);
        assert_eq!(keys("5"), vec!["#5"]);
        assert_eq!(keys("1,000 troops"), keys("1000 troops"));
        let t = tokenize("about 3.5 percent");
        assert_eq!(t[1].kind, TokenKind::Number);
        assert_eq!(t[1].value, Some(3.5));
    }

    #[test]
    fn acronyms_drop_their_dots() {
        let t = tokenize("The U.S. and US officials");
        let acr: Vec<_> = t.iter().filter(|t| t.kind == TokenKind::Acronym).collect();
        assert_eq!(acr.len(), 2);
        assert!(acr.iter().all(|t| t.key == "US"));
        // the pronoun stays a stop word
        assert!(tokenize("tell us")[1].stop);
        let mut memo = StemMemo::default();
        let text = "Officials stabilised ties; officials met.";
        assert_eq!(tokenize_memo(text, &mut memo), tokenize(text));
    }

    #[test]
    fn names_inside_a_sentence_are_entities() {
        let t = tokenize("On Sunday Blinken met Qin Gang in Beijing.");
        let names: Vec<&str> = t.iter().filter(|t| t.is_entity()).map(|t| t.text).collect();
        assert_eq!(names, vec!["Sunday", "Blinken", "Qin", "Gang", "Beijing"]);
        let t = tokenize("Antony Blinken met Xi.");
        assert!(t[0].is_entity(), "a two-word name at the start");
        let t = tokenize("Officials met.");
        assert!(!t[0].is_entity(), "a capitalized first word alone");
    }

    #[test]
    fn spans_slice_the_input() {
        let text = "“Progress”, Xi said — in Beijing.";
        for t in tokenize(text) {
            assert_eq!(t.span.slice(text), t.text);
        }
    }
}
