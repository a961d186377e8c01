//! The one tokenizer: every part of parallax that reads words (sentence
//! features for alignment, the word diff, the detectors, the reader's
//! highlights) cuts text the same way.
//!
//! [`segment`] cuts a text into [`Tok`]s with exact byte spans: words
//! (letters, digits, inner apostrophes, and the dots of "U.S." or "p.m."),
//! numbers (digits with inner `.,/:` and attached letters: "1,000", "3:30",
//! "10m") and single marks. [`tokenize`] keeps the words and numbers and
//! gives each its matching [`Token::key`], under which two spellings of one
//! word compare equal ("stabilising" / "stabilized" → `stabil`, "U.S." /
//! "US" → `US`, "five" / "5" → `#5`), its [`TokenKind`] and whether it is a
//! stop word. [`Stems`] and [`StemMemo`] remember stems, so a comparison
//! stems each distinct word once.
//!
//! Stemming uses `rust-stemmers` (Snowball English, Porter2): a maintained
//! implementation of the standard algorithm, far better than hand-written
//! suffix stripping.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::lexicon::{NumberRole, Words, contains, number_words};
use crate::model::Span;

// ---------------------------------------------------------------------------
// Segmentation
// ---------------------------------------------------------------------------

/// What a [`Tok`] is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Starts with a letter: letters, digits, inner apostrophes, and the
    /// dots between single letters ("U.S", "p.m").
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

/// Cuts `text[range]` into tokens; offsets are relative to `text` (so
/// paragraph offsets when `text` is a paragraph).
pub fn segment_span(text: &str, range: Span) -> Vec<Tok<'_>> {
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
            // letters since the last dot: 1 while the word reads "U.S" or "p.m"
            let mut run = 1;
            while let Some(c) = char_at(end) {
                let after = end + c.len_utf8();
                let next = char_at(after);
                let initials = kind == TokKind::Word
                    && c == '.'
                    && run == 1
                    && next.is_some_and(char::is_alphabetic)
                    && char_at(after + next.map_or(0, char::len_utf8))
                        .is_none_or(|n| !n.is_alphanumeric());
                let keep = c.is_alphanumeric()
                    || initials
                    || (kind == TokKind::Word
                        && is_apostrophe(c)
                        && next.is_some_and(char::is_alphabetic))
                    || (kind == TokKind::Num
                        && matches!(c, '.' | ',' | '/' | ':')
                        && next.is_some_and(|n| n.is_ascii_digit()));
                if !keep {
                    break;
                }
                run = if initials { 0 } else { run + 1 };
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

/// Cuts a whole string into tokens.
pub fn segment(text: &str) -> Vec<Tok<'_>> {
    segment_span(text, Span::new(0, text.len()))
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

// ---------------------------------------------------------------------------
// Matching tokens
// ---------------------------------------------------------------------------

/// What a word token is, as far as matching is concerned.
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

/// One word of a text, with its matching key.
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

/// The words and numbers of `text` (marks are skipped), with their keys.
///
/// `text` should be one sentence: a capitalized first word is not taken for
/// a name (it is capitalized because it starts the sentence), unless it is
/// followed by another capitalized word ("Antony Blinken met ...").
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokenize_with(text, &mut |lower| stem(lower))
}

/// [`tokenize`] with stems from `memo` (same tokens, fewer stemmer runs).
pub fn tokenize_memo<'a>(text: &'a str, memo: &Stems) -> Vec<Token<'a>> {
    tokenize_with(text, &mut |lower| memo.stem(lower))
}

fn tokenize_with<'a>(text: &'a str, stem_of: &mut dyn FnMut(&str) -> String) -> Vec<Token<'a>> {
    let words: Vec<Tok<'a>> = segment(text)
        .into_iter()
        .filter(|t| t.kind != TokKind::Punct)
        .collect();
    let mut tokens = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(|w| w.text);
        tokens.push(classify(w.text, w.span(), i == 0, next, stem_of));
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
    word.chars().next().is_some_and(char::is_uppercase) && !is_stop_word(&lowercase(word))
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
/// decimals ("1,000", "3.5", "2018"), or an English number word ("five",
/// "twenty", "dozen", "million"; see [`number_words`]). `None` for anything
/// else.
pub fn number_value(word: &str) -> Option<f64> {
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let digits: String = word.chars().filter(|c| *c != ',').collect();
        return digits.parse().ok();
    }
    let lower = lowercase(word);
    number_words()
        .iter()
        .find(|n| n.word == lower && n.role != NumberRole::ScaleAbbreviation)
        .map(|n| n.value)
}

/// True for English function words and the aligner's quantifiers and
/// connectives (lower case given): no content for alignment.
pub fn is_stop_word(lower: &str) -> bool {
    contains(Words::FunctionWords, lower) || contains(Words::AlignStopWords, lower)
}

/// True for a stop word of the detectors (case-insensitive): function
/// words and attribution words. The aligner's quantifiers and connectives
/// are content here: hedges and ranges are read from them.
pub fn is_stop(word: &str) -> bool {
    if word.len() > 10 {
        return false;
    }
    let lower = lowercase(word);
    contains(Words::FunctionWords, &lower) || contains(Words::DetectStopWords, &lower)
}

/// Stems remembered for one comparison: a comparison repeats most of its
/// words, and Snowball stemming is the dearest step of tokenizing. Shared by
/// the aligner and the detectors, so the two agree on every key.
#[derive(Debug, Default)]
pub struct Stems {
    /// Keys by the word as given.
    memo: RefCell<FxHashMap<String, String>>,
}

impl Stems {
    /// The matching key of a word in any case: lowercased, possessive
    /// removed, US-spelled, Porter2-stemmed (see [`stem`]).
    pub fn stem(&self, word: &str) -> String {
        if let Some(stem) = self.memo.borrow().get(word) {
            return stem.clone();
        }
        let key = stem(&possessive_stripped(word.to_lowercase()));
        self.memo.borrow_mut().insert(word.to_string(), key.clone());
        key
    }

    /// Stems of the content words of `toks` (no stop words, no numbers).
    pub fn content(&self, toks: &[Tok<'_>]) -> Vec<String> {
        toks.iter()
            .filter(|t| t.is_word() && !is_stop(t.text))
            .map(|t| self.stem(t.text))
            .collect()
    }
}

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
            && !contains(Words::RoleTitles, &w)
            && !contains(Words::Months, &w)
            && !contains(Words::Weekdays, &w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lexicon::{Words, contains, words};

    fn keys(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .filter(Token::is_content)
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn stop_words_of_the_aligner_and_the_detectors() {
        for w in ["the", "and", "mr", "us", "whether"] {
            assert!(is_stop_word(w), "{w}");
        }
        assert!(!is_stop_word("balloon"));
        assert!(is_stop("Said") && is_stop("the") && !is_stop("whether"));
        assert!(
            words(Words::AlignStopWords)
                .iter()
                .all(|w| !contains(Words::FunctionWords, w))
        );
    }

    #[test]
    fn one_segmentation_for_words_and_marks() {
        let text = "The U.S. paid $5.6bn at 3:30 p.m. — Blinken’s “deal”.";
        let toks: Vec<&str> = segment(text).iter().map(|t| t.text).collect();
        assert_eq!(
            toks,
            [
                "The",
                "U.S",
                ".",
                "paid",
                "$",
                "5.6bn",
                "at",
                "3:30",
                "p.m",
                ".",
                "—",
                "Blinken’s",
                "“",
                "deal",
                "”",
                "."
            ]
        );
        let words: Vec<&str> = tokenize(text).iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S",
                "paid",
                "5.6bn",
                "at",
                "3:30",
                "p.m",
                "Blinken’s",
                "deal"
            ]
        );
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
        let memo = Stems::default();
        let text = "Officials stabilised ties; officials met.";
        assert_eq!(tokenize_memo(text, &memo), tokenize(text));
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

    #[test]
    fn tokens_keep_byte_spans_and_number_shapes() {
        let text = "The 35-minute talks cost $1,200.50 — 7½ hours, “Xi’s” view.";
        let toks = segment(text);
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
        let toks: Vec<(&str, TokKind)> = segment(text).iter().map(|t| (t.text, t.kind)).collect();
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
    fn names_skip_titles_and_days() {
        assert!(is_name_word("Blinken"));
        assert!(!is_name_word("President"));
        assert!(!is_name_word("Sunday"));
        assert!(!is_name_word("US"));
    }
}
