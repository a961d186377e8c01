//! Pairwise source relations: how much of each body has a counterpart in
//! the other, whether one reads as a rewrite of the other, and what the two
//! share: one event, a later day of it, a part of it, the same text, or
//! nothing ([`RelationKind`]), with a score and the evidence.
//!
//! The kind is decided in this order: the same body text is `identical`;
//! a rewrite flag makes `rewrite`; a calibrated probability of one event
//! below [`event::DIFFERENT_EVENT_BELOW`] makes `different_event` (see
//! [`event`]); openings that report different days make `later_report`
//! (the later one is told by the dates, else it is the day at most three
//! days after the other's); a source a third the length of the other or less, at least half
//! of it found in the other, is `partial`; the rest is `same_event`.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap as HashMap;

use crate::model::{
    RelationEvidence, RelationKind, Rewrite, RewriteKind, SentenceLink, Source, SourceId,
    SourceRelation, SubEvent,
};

use super::Params;
use super::event::{self, Profile, Weekday};
use super::features::Corpus;

/// `partial`: the shorter source has at most this share of the longer's
/// body sentences ...
const PARTIAL_LENGTH: f64 = 1.0 / 3.0;
/// ... and at least this share of its own sentences found in the longer.
const PARTIAL_COVERAGE: f64 = 0.5;
/// Publication dates this many days apart make a later report even when
/// the openings name no day.
const LATER_DAYS: i64 = 2;
/// Without dates, the later of two weekdays is the one at most this many
/// days after the other (a later report follows within days: "on Friday"
/// and "on Sunday" read as Friday, then Sunday).
const LATER_WITHIN: i64 = 3;
/// Names listed in the evidence.
const EVIDENCE_NAMES: usize = 4;

/// What the links say about one ordered pair of sources (from `x` to `y`).
#[derive(Debug, Default, Clone)]
struct Directed {
    /// For each body sentence of `x` (by ordinal) linked to `y`: the best
    /// similarity and the ordinal of that best partner in `y`.
    best: HashMap<usize, (f64, usize)>,
}

/// One relation per pair of sources, `a < b`.
pub fn relations(
    sources: &[Source],
    corpus: &Corpus,
    sub_events: &[SubEvent],
    links: &[&SentenceLink],
    params: &Params,
) -> Vec<SourceRelation> {
    let ordinal: HashMap<_, usize> = corpus.sentences.iter().map(|s| (s.at, s.ordinal)).collect();
    let mut directed: HashMap<(usize, usize), Directed> = HashMap::default();
    let mut mass: HashMap<(usize, usize), f64> = HashMap::default();
    for link in links {
        let (Some(&oa), Some(&ob)) = (ordinal.get(&link.a), ordinal.get(&link.b)) else {
            continue;
        };
        let (sa, sb) = (link.a.source.0, link.b.source.0);
        *mass.entry((sa.min(sb), sa.max(sb))).or_default() += link.similarity;
        for (x, ox, y, oy) in [(sa, oa, sb, ob), (sb, ob, sa, oa)] {
            let d = directed.entry((x, y)).or_default();
            let entry = d.best.entry(ox).or_insert((link.similarity, oy));
            if link.similarity > entry.0 {
                *entry = (link.similarity, oy);
            }
        }
    }
    let profiles = event::profiles(sources, corpus);
    let mut out = Vec::new();
    for a in 0..sources.len() {
        for b in a + 1..sources.len() {
            let empty = Directed::default();
            let ab = directed.get(&(a, b)).unwrap_or(&empty);
            let ba = directed.get(&(b, a)).unwrap_or(&empty);
            let a_in_b = share(ab, corpus.per_source[a]);
            let b_in_a = share(ba, corpus.per_source[b]);
            let rewrite_of = rewrite(sources, (a, ab, a_in_b), (b, ba, b_in_a), params);
            let sizes = (corpus.per_source[a], corpus.per_source[b]);
            let norm = ((sizes.0 * sizes.1) as f64).sqrt().max(1.0);
            let link_mass = mass.get(&(a, b)).copied().unwrap_or(0.0) / norm;
            let features =
                event::features(&profiles[a], &profiles[b], link_mass, a_in_b.max(b_in_a));
            let pair = Pair {
                sources,
                corpus,
                profiles: &profiles,
                a,
                b,
                sizes,
                coverage: (a_in_b, b_in_a),
                features,
                shared_sub_events: shared_sub_events(sub_events, a, b),
            };
            let (kind, score, evidence) = pair.classify(rewrite_of.as_ref());
            out.push(SourceRelation {
                a: SourceId(a),
                b: SourceId(b),
                a_in_b,
                b_in_a,
                rewrite_of,
                kind,
                score,
                evidence,
            });
        }
    }
    out
}

/// Sub-events with paragraphs in both sources.
fn shared_sub_events(sub_events: &[SubEvent], a: usize, b: usize) -> Vec<usize> {
    sub_events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.members.iter().any(|m| m.source.0 == a) && e.members.iter().any(|m| m.source.0 == b)
        })
        .map(|(k, _)| k)
        .collect()
}

/// Everything known about one pair of sources, `a < b`.
struct Pair<'a> {
    sources: &'a [Source],
    corpus: &'a Corpus,
    profiles: &'a [Profile],
    a: usize,
    b: usize,
    /// Body sentence counts.
    sizes: (usize, usize),
    coverage: (f64, f64),
    features: event::Features,
    shared_sub_events: Vec<usize>,
}

impl Pair<'_> {
    fn name(&self, s: usize) -> &str {
        &self.sources[s].name
    }

    /// The kind, score and evidence of the pair.
    fn classify(&self, rewrite: Option<&Rewrite>) -> (RelationKind, f64, RelationEvidence) {
        let (pa, pb) = (&self.profiles[self.a], &self.profiles[self.b]);
        let f = &self.features;
        let p = event::same_event_probability(f);
        let mut ev = RelationEvidence {
            shared_sub_events: self.shared_sub_events.clone(),
            shared_names: event::shared_names(pa, pb, self.corpus, EVIDENCE_NAMES),
            names: round3(f.names),
            openings: round3(f.openings),
            content: round3(f.content),
            links: round3(f.links),
            shared_phrases: f.phrases,
            a_day: self.day(self.a),
            b_day: self.day(self.b),
            ..RelationEvidence::default()
        };
        let shared = self.shared_sub_events.len();
        let (sa, sb) = (&self.sources[self.a], &self.sources[self.b]);
        if event::identical(pa, pb, sa, sb) {
            ev.note = "the same text".to_string();
            return (RelationKind::Identical, 1.0, ev);
        }
        if let Some(r) = rewrite {
            ev.note = format!(
                "{} reads as a {} of {}: not independent confirmation",
                self.name(r.derived.0),
                r.kind.label(),
                self.name(r.original.0)
            );
            return (RelationKind::Rewrite, p, ev);
        }
        if p < event::DIFFERENT_EVENT_BELOW {
            ev.note = format!(
                "no happening in common: {} linked sentence{}, {} of names and {} of the openings shared",
                self.linked(),
                if self.linked() == 1 { "" } else { "s" },
                percent(f.names),
                percent(f.openings),
            );
            return (RelationKind::DifferentEvent, p, ev);
        }
        if let Some(later) = self.later_report() {
            ev.later = later.map(SourceId);
            let days = match (&ev.a_day, &ev.b_day) {
                (Some(x), Some(y)) => format!(
                    "{} reports {x}, {} {y}",
                    self.name(self.a),
                    self.name(self.b)
                ),
                _ => "published days apart".to_string(),
            };
            ev.note = match later {
                Some(l) => format!(
                    "{} is a later report: {days}; {shared} happening{} in common",
                    self.name(l),
                    if shared == 1 { "" } else { "s" }
                ),
                None => format!("different days of one story: {days}"),
            };
            return (RelationKind::LaterReport, p, ev);
        }
        let (small, large, cover) = if self.sizes.0 <= self.sizes.1 {
            (self.a, self.b, self.coverage.0)
        } else {
            (self.b, self.a, self.coverage.1)
        };
        let (ns, nl) = (
            self.sizes.0.min(self.sizes.1),
            self.sizes.0.max(self.sizes.1),
        );
        if nl > 0 && (ns as f64) <= PARTIAL_LENGTH * nl as f64 && cover >= PARTIAL_COVERAGE {
            ev.part = Some(SourceId(small));
            ev.note = format!(
                "{} ({ns} sentences) covers part of {} ({nl}): {} of it is there",
                self.name(small),
                self.name(large),
                percent(cover)
            );
            return (RelationKind::Partial, p, ev);
        }
        ev.note = format!(
            "one event: {shared} happening{} in common, {} of names shared",
            if shared == 1 { "" } else { "s" },
            percent(f.names)
        );
        (RelationKind::SameEvent, p, ev)
    }

    /// Sentences of either source linked to the other.
    fn linked(&self) -> usize {
        let (ca, cb) = self.coverage;
        ((ca * self.sizes.0 as f64).round() + (cb * self.sizes.1 as f64).round()) as usize
    }

    /// The day source `s`'s opening reports: the weekday, with its date when
    /// the publication date places it.
    fn day(&self, s: usize) -> Option<String> {
        let d = self.profiles[s].day?;
        let name = event::weekday_name(d);
        Some(match self.sources[s].date.and_then(|p| resolve(p, d)) {
            Some(date) => format!("{name} {date}"),
            None => name,
        })
    }

    /// `Some(later)` when the two report different days of one story:
    /// `later` is the later source when the dates or the texts tell.
    fn later_report(&self) -> Option<Option<usize>> {
        let (pa, pb) = (&self.profiles[self.a], &self.profiles[self.b]);
        let (da, db) = (self.sources[self.a].date, self.sources[self.b].date);
        let apart = match (da, db) {
            (Some(x), Some(y)) => (y - x).num_days(),
            _ => 0,
        };
        let days_differ = matches!((pa.day, pb.day), (Some(x), Some(y)) if x != y);
        if !days_differ && apart.abs() < LATER_DAYS {
            return None;
        }
        // the dates of the happenings, else of publication
        let happened = |p: &Profile, date: Option<NaiveDate>| match (p.day, date) {
            (Some(d), Some(date)) => resolve(date, d),
            _ => date,
        };
        if let (Some(x), Some(y)) = (happened(pa, da), happened(pb, db))
            && x != y
        {
            return Some(Some(if x > y { self.a } else { self.b }));
        }
        // without dates: a later report follows within days, so the later
        // day is the one at most LATER_WITHIN days after the other
        Some(match (pa.day, pb.day) {
            (Some(x), Some(y)) if x != y => {
                let forward = (i64::from(y) - i64::from(x)).rem_euclid(7);
                Some(if forward <= LATER_WITHIN {
                    self.b
                } else {
                    self.a
                })
            }
            _ => None,
        })
    }
}

/// The latest date on or before `published` that falls on weekday `d`.
fn resolve(published: NaiveDate, d: Weekday) -> Option<NaiveDate> {
    let today = published.weekday().num_days_from_monday() as i64;
    let back = (today - i64::from(d)).rem_euclid(7);
    published.checked_sub_signed(chrono::Duration::days(back))
}

/// "42%" (never "-0%").
fn percent(x: f64) -> String {
    format!("{:.0}%", (100.0 * x).round().max(0.0) + 0.0)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn share(d: &Directed, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        d.best.len() as f64 / total as f64
    }
}

/// Mean best similarity of the linked sentences.
fn mean_similarity(d: &Directed) -> f64 {
    if d.best.is_empty() {
        return 0.0;
    }
    d.best.values().map(|v| v.0).sum::<f64>() / d.best.len() as f64
}

/// Share of consecutive linked sentences whose partners keep their order.
fn order_kept(d: &Directed) -> f64 {
    let mut seq: Vec<(usize, usize)> = d.best.iter().map(|(k, v)| (*k, v.1)).collect();
    seq.sort_unstable();
    if seq.len() < 2 {
        return 0.0;
    }
    let kept = seq.windows(2).filter(|w| w[1].1 >= w[0].1).count();
    kept as f64 / (seq.len() - 1) as f64
}

/// Decides whether one of the two sources is a rewrite of the other.
fn rewrite(
    sources: &[Source],
    (a, ab, a_in_b): (usize, &Directed, f64),
    (b, ba, b_in_a): (usize, &Directed, f64),
    params: &Params,
) -> Option<Rewrite> {
    let derived_first = match (sources[a].date, sources[b].date) {
        (Some(da), Some(db)) if da != db => da > db,
        _ => a_in_b >= b_in_a,
    };
    let (derived, original, d, cover) = if derived_first {
        (a, b, ab, a_in_b)
    } else {
        (b, a, ba, b_in_a)
    };
    let sim = mean_similarity(d);
    let order = order_kept(d);
    if cover < params.rewrite_coverage
        || sim < params.rewrite_similarity
        || order < params.rewrite_order
    {
        return None;
    }
    let kind = if cover >= params.near_copy_coverage && sim >= params.near_copy_similarity {
        RewriteKind::NearCopy
    } else {
        RewriteKind::Rewrite
    };
    Some(Rewrite {
        derived: SourceId(derived),
        original: SourceId(original),
        kind,
    })
}
