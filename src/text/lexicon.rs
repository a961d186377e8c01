//! Every word list parallax uses, loaded once from `assets/lexicons/`
//! (embedded at build time). Each file's header says what the list is for
//! and where it comes from; nothing else in the crate spells out a list.
//!
//! - [`words`]: plain lists (function words, months, speech verbs, ...), one
//!   entry a line, in `assets/lexicons/words/`, by [`Words`];
//! - [`number_words`]: number words with their values;
//! - [`Lexicon`]: the framing lexicons (report verbs, hedges, labels,
//!   evaluative strengths) in `assets/lexicons/*.txt`;
//! - [`spelling_variant`]: British/American and hyphenation variants.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::lowercase;

const REPORT_VERBS: &str = include_str!("../../assets/lexicons/report_verbs.txt");
const HEDGES: &str = include_str!("../../assets/lexicons/hedges.txt");
const LABELS: &str = include_str!("../../assets/lexicons/labels.txt");
const EVALUATIVE: &str = include_str!("../../assets/lexicons/evaluative.txt");
const LOADED: &str = include_str!("../../assets/lexicons/loaded.txt");

/// The plain word lists of `assets/lexicons/words/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Words {
    /// Articles, pronouns, auxiliaries, prepositions, conjunctions,
    /// honorifics: skipped by every matcher.
    FunctionWords,
    /// Quantifiers and connectives: no content for alignment only.
    AlignStopWords,
    /// Attribution and contraction parts: no content for the detectors.
    DetectStopWords,
    /// Verbs that introduce or close a quotation.
    SpeechVerbs,
    /// Titles and roles before names ("president", "mr").
    RoleTitles,
    /// Abbreviations whose period ends no sentence ("Mr", "No").
    Abbreviations,
    /// Month names, lowercase, January first.
    Months,
    /// Month abbreviations before a day number ("Jan", "Sept").
    MonthAbbreviations,
    /// Weekday names, lowercase, Monday first.
    Weekdays,
    /// Caption, credit and timestamp markers inside a sentence.
    TextFurnitureMarkers,
}

impl Words {
    const ALL: [Words; 10] = [
        Words::FunctionWords,
        Words::AlignStopWords,
        Words::DetectStopWords,
        Words::SpeechVerbs,
        Words::RoleTitles,
        Words::Abbreviations,
        Words::Months,
        Words::MonthAbbreviations,
        Words::Weekdays,
        Words::TextFurnitureMarkers,
    ];

    fn file(self) -> &'static str {
        match self {
            Words::FunctionWords => include_str!("../../assets/lexicons/words/function_words.txt"),
            Words::AlignStopWords => {
                include_str!("../../assets/lexicons/words/align_stop_words.txt")
            }
            Words::DetectStopWords => {
                include_str!("../../assets/lexicons/words/detect_stop_words.txt")
            }
            Words::SpeechVerbs => include_str!("../../assets/lexicons/words/speech_verbs.txt"),
            Words::RoleTitles => include_str!("../../assets/lexicons/words/role_titles.txt"),
            Words::Abbreviations => include_str!("../../assets/lexicons/words/abbreviations.txt"),
            Words::Months => include_str!("../../assets/lexicons/words/months.txt"),
            Words::MonthAbbreviations => {
                include_str!("../../assets/lexicons/words/month_abbreviations.txt")
            }
            Words::Weekdays => include_str!("../../assets/lexicons/words/weekdays.txt"),
            Words::TextFurnitureMarkers => {
                include_str!("../../assets/lexicons/words/text_furniture_markers.txt")
            }
        }
    }
}

struct WordList {
    items: Vec<&'static str>,
    set: FxHashSet<&'static str>,
}

fn word_lists() -> &'static [WordList] {
    static LISTS: OnceLock<Vec<WordList>> = OnceLock::new();
    LISTS.get_or_init(|| {
        Words::ALL
            .iter()
            .map(|w| {
                let items: Vec<&'static str> = lines(w.file()).collect();
                let set = items.iter().copied().collect();
                WordList { items, set }
            })
            .collect()
    })
}

fn word_list(list: Words) -> &'static WordList {
    let i = Words::ALL.iter().position(|w| *w == list).unwrap_or(0);
    &word_lists()[i]
}

/// The entries of a word list, in file order.
pub fn words(list: Words) -> &'static [&'static str] {
    &word_list(list).items
}

/// True when `word` (exactly as given) is in the list.
pub fn contains(list: Words, word: &str) -> bool {
    word_list(list).set.contains(word)
}

/// What a number word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberRole {
    /// zero to nineteen
    Unit,
    /// twenty to ninety
    Ten,
    /// hundred, thousand, million, ...
    Scale,
    /// bn, tn, mn: scales written short, never numbers alone
    ScaleAbbreviation,
    /// dozen
    Dozen,
}

/// A number word, its value and its role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberWord {
    pub word: &'static str,
    pub value: f64,
    pub role: NumberRole,
}

/// The number words of `assets/lexicons/words/number_words.txt`.
pub fn number_words() -> &'static [NumberWord] {
    static LIST: OnceLock<Vec<NumberWord>> = OnceLock::new();
    LIST.get_or_init(|| {
        lines(include_str!("../../assets/lexicons/words/number_words.txt"))
            .filter_map(|line| {
                let mut parts = line.split_whitespace();
                let word = parts.next()?;
                let value = parts.next()?.parse().ok()?;
                let role = match parts.next()? {
                    "unit" => NumberRole::Unit,
                    "ten" => NumberRole::Ten,
                    "scale" => NumberRole::Scale,
                    "abbr" => NumberRole::ScaleAbbreviation,
                    "dozen" => NumberRole::Dozen,
                    _ => return None,
                };
                Some(NumberWord { word, value, role })
            })
            .collect()
    })
}

/// The number words of one role, as (word, value) pairs in file order.
pub fn number_words_of(role: NumberRole) -> impl Iterator<Item = (&'static str, f64)> {
    number_words()
        .iter()
        .filter(move |n| n.role == role)
        .map(|n| (n.word, n.value))
}

/// Hash lookups over the lists (Fx hashing: the detectors look words up
/// for every token, and the keys are our own word lists).
#[derive(Debug, Default)]
struct Index {
    report: FxHashMap<String, String>,
    hedge_first: FxHashSet<String>,
    hedges: FxHashSet<String>,
    labels: FxHashMap<String, Vec<usize>>,
    strength: FxHashMap<String, i32>,
}

/// The parsed lexicons.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// (verb, category)
    pub report_verbs: Vec<(String, String)>,
    pub hedges: Vec<String>,
    /// Sets of alternative labels for one referent.
    pub labels: Vec<Vec<String>>,
    /// Per set: every difference counts (`!` sets).
    pub label_open: Vec<bool>,
    /// Loaded members (`*` in the file).
    pub loaded: Vec<String>,
    /// Lookups built from the lists above.
    index: Index,
    /// (word, strength -3..=3)
    pub evaluative: Vec<(String, i32)>,
    /// Loaded-language words (`loaded.txt`), lowercase, with the section
    /// that lists them ("vader", "news", "learned").
    pub loaded_words: FxHashMap<String, &'static str>,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The embedded lexicons, parsed once.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut lex = Lexicon::default();
        for line in lines(REPORT_VERBS) {
            if let Some((cat, words)) = line.split_once(':') {
                for w in words.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                    lex.report_verbs
                        .push((w.to_lowercase(), cat.trim().to_string()));
                }
            }
        }
        lex.hedges = lines(HEDGES).map(str::to_lowercase).collect();
        for line in lines(LABELS) {
            let (open, rest) = match line.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let mut set = Vec::new();
            for w in rest.split('|').map(|w| w.trim().to_lowercase()) {
                match w.strip_suffix('*') {
                    Some(bare) => {
                        lex.loaded.push(bare.to_string());
                        set.push(bare.to_string());
                    }
                    None => set.push(w),
                }
            }
            lex.labels.push(set);
            lex.label_open.push(open);
        }
        for line in lines(EVALUATIVE) {
            let mut parts = line.split_whitespace();
            if let (Some(w), Some(v)) = (parts.next(), parts.next())
                && let Ok(v) = v.parse()
            {
                lex.evaluative.push((w.to_lowercase(), v));
            }
        }
        let mut section = "";
        for line in lines(LOADED) {
            match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                Some(name) => section = name,
                None => {
                    lex.loaded_words.insert(line.to_lowercase(), section);
                }
            }
        }
        lex.index = Index {
            report: lex.report_verbs.iter().cloned().collect(),
            hedge_first: lex
                .hedges
                .iter()
                .filter_map(|h| h.split('-').next().map(str::to_string))
                .collect(),
            hedges: lex.hedges.iter().cloned().collect(),
            labels: {
                let mut m: FxHashMap<String, Vec<usize>> = FxHashMap::default();
                for (i, set) in lex.labels.iter().enumerate() {
                    for w in set {
                        m.entry(w.clone()).or_default().push(i);
                    }
                }
                m
            },
            strength: lex.evaluative.iter().cloned().collect(),
        };
        lex
    }

    /// Category of a report verb ("neutral", "assertive", ...).
    pub fn report_category(&self, word: &str) -> Option<&str> {
        self.index
            .report
            .get(lowercase(word).as_ref())
            .map(String::as_str)
    }

    /// True when some hedge starts with `word` ("so" of "so-called").
    pub fn hedge_starts(&self, word: &str) -> bool {
        self.index.hedge_first.contains(word)
    }

    pub fn is_hedge(&self, word: &str) -> bool {
        self.index.hedges.contains(lowercase(word).as_ref())
    }

    /// Index of the label set holding `word`.
    pub fn label_sets(&self, word: &str) -> &[usize] {
        self.index
            .labels
            .get(lowercase(word).as_ref())
            .map_or(&[], Vec::as_slice)
    }

    /// True when two members of label set `set` differ in framing: the set
    /// is open, or one of them is loaded.
    pub fn labels_differ(&self, set: usize, a: &str, b: &str) -> bool {
        a != b
            && (self.label_open.get(set).copied().unwrap_or(false)
                || self.loaded.iter().any(|w| w == a || w == b))
    }

    /// True for a word of the loaded-language lexicon (any case; typographic
    /// apostrophes read as ASCII ones).
    pub fn is_loaded_word(&self, word: &str) -> bool {
        let lower = lowercase(word);
        if lower.contains('’') {
            return self.loaded_words.contains_key(&lower.replace('’', "'"));
        }
        self.loaded_words.contains_key(lower.as_ref())
    }

    pub fn strength(&self, word: &str) -> Option<i32> {
        self.index.strength.get(lowercase(word).as_ref()).copied()
    }
}

/// Folds British/American and hyphenation variants to one form.
fn fold(s: &str) -> String {
    let mut w: String = s
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    for (from, to) in [
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("our", "or"),
        ("tre", "ter"),
        ("ogue", "og"),
        ("lled", "led"),
        ("lling", "ling"),
        ("ae", "e"),
        ("oe", "e"),
        ("ence", "ense"),
    ] {
        if w.contains(from) {
            w = w.replace(from, to);
        }
    }
    w
}

/// True when two words or phrases differ only in spelling convention,
/// hyphenation, case, or punctuation ("stabilising" / "stabilizing",
/// "U.S." / "US").
pub fn spelling_variant(a: &str, b: &str) -> bool {
    // Variants differ by a few letters at most.
    if a.len().abs_diff(b.len()) > 4 || a.is_empty() || b.is_empty() {
        return false;
    }
    let (fa, fb) = (fold(a), fold(b));
    fa == fb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_parse_and_answer() {
        let lex = Lexicon::get();
        assert_eq!(lex.report_category("said"), Some("neutral"));
        assert_eq!(lex.report_category("Claimed"), Some("assertive"));
        assert!(lex.is_hedge("alleged"));
        assert!(!lex.label_sets("spy").is_empty());
        assert_eq!(lex.label_sets("spy"), lex.label_sets("surveillance"));
        assert_eq!(lex.strength("acrimonious"), Some(-3));
        assert!(lex.evaluative.len() > 100);
        assert!(lex.is_loaded_word("Slammed") && lex.is_loaded_word("so-called"));
        assert!(!lex.is_loaded_word("said") && !lex.is_loaded_word("the"));
        assert!(
            lex.loaded_words
                .values()
                .all(|s| ["vader", "news", "learned"].contains(s))
        );
    }

    #[test]
    fn word_lists_load_once_each_with_a_header() {
        for list in Words::ALL {
            assert!(list.file().starts_with('#'), "{list:?}: provenance header");
            assert!(!words(list).is_empty(), "{list:?}");
            let mut seen = FxHashSet::default();
            for w in words(list) {
                assert!(seen.insert(*w), "{list:?}: {w} twice");
            }
        }
        assert_eq!(words(Words::Months)[0], "january");
        assert_eq!(words(Words::Weekdays)[6], "sunday");
        assert!(contains(Words::SpeechVerbs, "tweeted"));
        assert!(!contains(Words::FunctionWords, "balloon"));
        let forty = number_words().iter().find(|n| n.word == "forty").unwrap();
        assert_eq!((forty.value, forty.role), (40.0, NumberRole::Ten));
        assert_eq!(number_words_of(NumberRole::Unit).count(), 20);
    }

    #[test]
    fn spelling_variants() {
        assert!(spelling_variant("stabilising", "stabilizing"));
        assert!(spelling_variant("U.S.", "US"));
        assert!(spelling_variant("colour", "color"));
        assert!(!spelling_variant("spy", "surveillance"));
    }
}
