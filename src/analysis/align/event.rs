//! Whether two sources report one event, and on which day each reports it.
//!
//! Every source gets a [`Profile`]: how often it names whom (names and
//! acronyms, by the sentences that carry them), the same over every content
//! word, the terms of its opening (the first body sentences, where a news
//! report states its main happening), the five-word phrases it writes
//! (quotations, mostly), and the day its opening reports. Two profiles give
//! the [`Features`] of a pair, and [`same_event_probability`] combines them
//! with the sentence links into the probability that the two report one
//! event. Its weights and threshold were calibrated on real reporting (see
//! README, "Source relations"), not set by hand.
//!
//! The profiles need no reference corpus: an overlap of profiles weighs a
//! term by how much each source dwells on it, so the person both articles
//! are about counts once, and what each says of them decides.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::Source;
use crate::text::lexicon::{Words, contains, words};
use crate::text::{TokKind, is_stop_word, lowercase, segment_span};

use super::features::Corpus;

/// Body sentences that make up the opening.
pub const OPENING_SENTENCES: usize = 2;
/// Extra weight of an opening sentence in the name and content profiles.
const OPENING_BONUS: f32 = 2.0;
/// Words in a shared phrase, and how many of them must carry content.
const PHRASE_WORDS: usize = 5;
const PHRASE_CONTENT: usize = 3;

/// The day an opening reports: a weekday (0 = Monday).
pub type Weekday = u8;

/// What one source names and says, for comparing events.
#[derive(Debug, Default, Clone)]
pub struct Profile {
    /// Name and acronym terms with their weight (sentences naming them,
    /// opening sentences weighing more), and the total weight.
    names: HashMap<u32, f32>,
    names_total: f32,
    /// The same over every content word (numbers aside).
    content: HashMap<u32, f32>,
    content_total: f32,
    /// Terms of the opening: names weigh 2, other words 1.
    opening: HashMap<u32, f32>,
    opening_total: f32,
    /// Hashes of the five-word phrases of the body.
    phrases: HashSet<u64>,
    /// The weekday the opening names first.
    pub day: Option<Weekday>,
    /// Hash of the body text, for "the same text twice".
    body_hash: u64,
    body_len: usize,
}

/// What two profiles (and the links between them) share.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Features {
    /// Overlap of the name profiles (histogram intersection), 0..=1.
    pub names: f64,
    /// Overlap of the openings, over the smaller opening, 0..=1.
    pub openings: f64,
    /// Overlap of the content profiles, 0..=1.
    pub content: f64,
    /// Summed similarity of the sentence links between the two, over the
    /// geometric mean of their sentence counts.
    pub links: f64,
    /// Five-word phrases in common.
    pub phrases: usize,
    /// The larger of the two coverage shares.
    pub coverage: f64,
}

impl Features {
    /// The values the calibrated model reads, in [`WEIGHTS`] order.
    pub fn vector(&self) -> [f64; N_FEATURES] {
        [
            self.names,
            self.openings,
            self.content,
            self.links,
            (self.phrases as f64).ln_1p(),
            self.coverage,
        ]
    }
}

/// Names of the model's inputs, for reports and the calibration harness.
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "names", "openings", "content", "links", "phrases", "coverage",
];

/// Inputs of the calibrated model.
pub const N_FEATURES: usize = 6;

/// Logistic weights over [`Features::vector`] and the intercept:
/// `p = 1 / (1 + exp(-(INTERCEPT + WEIGHTS · x)))`. Calibrated by
/// class-weighted logistic regression on the real-text tuning events (see
/// README, "Source relations"; `tests/relations_real.rs` prints the fit).
pub const WEIGHTS: [f64; N_FEATURES] = [4.14, 18.94, 26.71, 11.90, 1.84, 7.52];
pub const INTERCEPT: f64 = -11.99;
/// Below this probability of one event, two sources report different
/// events. Calibrated with the weights.
pub const DIFFERENT_EVENT_BELOW: f64 = 0.85;

/// The calibrated probability that two sources report one event.
pub fn same_event_probability(f: &Features) -> f64 {
    let z = INTERCEPT
        + WEIGHTS
            .iter()
            .zip(f.vector())
            .map(|(w, x)| w * x)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// The profile of every source of the comparison.
pub(crate) fn profiles(sources: &[Source], corpus: &Corpus) -> Vec<Profile> {
    let excluded: Vec<bool> = corpus
        .surface
        .iter()
        .enumerate()
        .map(|(t, surface)| {
            let lower = lowercase(surface);
            !corpus.literal[t]
                || contains(Words::Weekdays, &lower)
                || contains(Words::Months, &lower)
                || contains(Words::MonthAbbreviations, &lower)
                || contains(Words::RoleTitles, &lower)
        })
        .collect();
    let weekday: HashMap<u32, Weekday> = corpus
        .surface
        .iter()
        .enumerate()
        .filter_map(|(t, surface)| {
            let lower = lowercase(surface);
            let d = words(Words::Weekdays).iter().position(|w| *w == lower)?;
            Some((t as u32, d as Weekday))
        })
        .collect();
    let mut out: Vec<Profile> = vec![Profile::default(); sources.len()];
    for s in &corpus.sentences {
        let p = &mut out[s.at.source.0];
        let opening = s.ordinal < OPENING_SENTENCES;
        let w = if opening { 1.0 + OPENING_BONUS } else { 1.0 };
        for &(t, _) in &s.terms {
            if let Some(&d) = weekday.get(&t)
                && opening
                && p.day.is_none()
            {
                p.day = Some(d);
            }
            if excluded[t as usize] {
                continue;
            }
            let entity = s.entities.binary_search(&t).is_ok();
            let number = corpus.strong[t as usize] && !entity;
            if number {
                continue;
            }
            if entity {
                *p.names.entry(t).or_default() += w;
                p.names_total += w;
            }
            *p.content.entry(t).or_default() += w;
            p.content_total += w;
            if opening {
                let weight = if entity { 2.0 } else { 1.0 };
                let e = p.opening.entry(t).or_default();
                if *e < weight {
                    p.opening_total += weight - *e;
                    *e = weight;
                }
            }
        }
    }
    for (source, p) in sources.iter().zip(out.iter_mut()) {
        let (phrases, hash, len) = phrases_and_hash(source);
        p.phrases = phrases;
        p.body_hash = hash;
        p.body_len = len;
    }
    out
}

/// Five-word phrases (lower-cased words, at least three with content) and
/// a hash of the body text.
fn phrases_and_hash(source: &Source) -> (HashSet<u64>, u64, usize) {
    let mut phrases = HashSet::default();
    let mut body = FNV_START;
    let mut len = 0;
    for p in source.body() {
        body = fnv(body, p.text.as_bytes());
        body = fnv(body, b"\n");
        len += p.text.len() + 1;
        for span in &p.sentences {
            if span.end > p.text.len() || !p.text.is_char_boundary(span.start) {
                continue;
            }
            // a word's hash and whether it carries content (no allocation
            // for the words already in lower case)
            let toks: Vec<(u64, bool)> = segment_span(&p.text, *span)
                .into_iter()
                .filter(|t| t.kind != TokKind::Punct)
                .map(|t| {
                    let lower = lowercase(t.text);
                    (fnv(FNV_START, lower.as_bytes()), !is_stop_word(&lower))
                })
                .collect();
            for window in toks.windows(PHRASE_WORDS) {
                if window.iter().filter(|w| w.1).count() < PHRASE_CONTENT {
                    continue;
                }
                let mut h = FNV_START;
                for (w, _) in window {
                    h = fnv(h, &w.to_le_bytes());
                }
                phrases.insert(h);
            }
        }
    }
    (phrases, body, len)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// True when the two bodies are the same text.
pub fn identical(a: &Profile, b: &Profile, sa: &Source, sb: &Source) -> bool {
    a.body_len > 0
        && a.body_hash == b.body_hash
        && a.body_len == b.body_len
        && sa.body().map(|p| &p.text).eq(sb.body().map(|p| &p.text))
}

/// Histogram intersection of two weighted profiles.
fn overlap(a: &HashMap<u32, f32>, ta: f32, b: &HashMap<u32, f32>, tb: f32) -> f64 {
    if ta <= 0.0 || tb <= 0.0 {
        return 0.0;
    }
    let (small, ts, large, tl) = if a.len() <= b.len() {
        (a, ta, b, tb)
    } else {
        (b, tb, a, ta)
    };
    small
        .iter()
        .filter_map(|(t, w)| large.get(t).map(|v| f64::from((w / ts).min(v / tl))))
        .sum()
}

/// The profile features of a pair; `links` and `coverage` come from the
/// alignment.
pub fn features(a: &Profile, b: &Profile, links: f64, coverage: f64) -> Features {
    let openings = {
        let (small, large) = if a.opening.len() <= b.opening.len() {
            (&a.opening, &b.opening)
        } else {
            (&b.opening, &a.opening)
        };
        let shared: f32 = small
            .iter()
            .filter_map(|(t, w)| large.get(t).map(|v| w.min(*v)))
            .sum();
        let total = a.opening_total.min(b.opening_total);
        if total > 0.0 {
            f64::from(shared / total)
        } else {
            0.0
        }
    };
    let (small, large) = if a.phrases.len() <= b.phrases.len() {
        (&a.phrases, &b.phrases)
    } else {
        (&b.phrases, &a.phrases)
    };
    Features {
        names: overlap(&a.names, a.names_total, &b.names, b.names_total),
        openings,
        content: overlap(&a.content, a.content_total, &b.content, b.content_total),
        links,
        phrases: small.iter().filter(|h| large.contains(h)).count(),
        coverage,
    }
}

/// The names both profiles weigh most (by the smaller share), at most `n`.
pub(crate) fn shared_names(a: &Profile, b: &Profile, corpus: &Corpus, n: usize) -> Vec<String> {
    if a.names_total <= 0.0 || b.names_total <= 0.0 {
        return Vec::new();
    }
    let mut shared: Vec<(f32, u32)> = a
        .names
        .iter()
        .filter_map(|(t, w)| {
            b.names
                .get(t)
                .map(|v| ((w / a.names_total).min(v / b.names_total), *t))
        })
        .collect();
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    shared
        .into_iter()
        .take(n)
        .map(|(_, t)| corpus.surface[t as usize].clone())
        .collect()
}

/// The weekday's name, capitalized ("Thursday").
pub fn weekday_name(d: Weekday) -> String {
    let w = words(Words::Weekdays)
        .get(usize::from(d))
        .copied()
        .unwrap_or("?");
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probability_grows_with_every_feature() {
        let base = Features::default();
        let p0 = same_event_probability(&base);
        for (k, name) in FEATURE_NAMES.iter().enumerate() {
            let mut f = base;
            match k {
                0 => f.names = 0.5,
                1 => f.openings = 0.5,
                2 => f.content = 0.5,
                3 => f.links = 0.5,
                4 => f.phrases = 5,
                _ => f.coverage = 0.5,
            }
            assert!(
                same_event_probability(&f) > p0,
                "{name} raises the probability"
            );
        }
    }

    #[test]
    fn weekday_names_are_capitalized() {
        assert_eq!(weekday_name(0), "Monday");
        assert_eq!(weekday_name(6), "Sunday");
    }
}
