//! The framing lexicons (data files under `assets/lexicons/`, embedded at
//! build time; each file's header says where its categories come from) and
//! spelling-variant detection.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::util::lowercase;

const REPORT_VERBS: &str = include_str!("../../../assets/lexicons/report_verbs.txt");
const HEDGES: &str = include_str!("../../../assets/lexicons/hedges.txt");
const LABELS: &str = include_str!("../../../assets/lexicons/labels.txt");
const EVALUATIVE: &str = include_str!("../../../assets/lexicons/evaluative.txt");

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
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
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
    }

    #[test]
    fn spelling_variants() {
        assert!(spelling_variant("stabilising", "stabilizing"));
        assert!(spelling_variant("U.S.", "US"));
        assert!(spelling_variant("colour", "color"));
        assert!(!spelling_variant("spy", "surveillance"));
    }
}
