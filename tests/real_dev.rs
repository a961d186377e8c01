//! The real-text benchmark: today's engine scored against blind gold for
//! real three-outlet events (Fox News, The New York Times, HuffPost).
//!
//! `cargo test --release --test real_dev -- --nocapture`
//!
//! The articles are copyrighted and never committed: they are read from
//! `$PARALLAX_REAL_DEV/basil`, or else `../shared/real-dev/basil` beside the
//! checkout, and the test skips with a message when neither is there. The
//! gold (`tests/gold/real-dev/<event>.json`) was written by annotators who
//! followed `tests/gold/real-dev/GUIDELINES.md` and never saw parallax's
//! code or output; it locates text by short verbatim snippets.
//!
//! The events are split once (`tests/gold/real-dev/split.json`) into 36
//! tuning events and 16 held out. Only the tuning figures are printed;
//! `PARALLAX_REAL_DEV_HELD_OUT=1` prints the held-out ones, for the closing
//! figures of a piece of work, never while tuning. The floors below are
//! regression guards at the figures measured when they were set.
//!
//! Every input goes through the same pipeline as `parallax report FILE...`.

mod real_dev_common;
use real_dev_common::{data_dir, repo};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use parallax::ingest::{Input, load};
use parallax::model::{DiscrepancyKind, Report, SentenceRef, SourceId, Span, Subkind};
use serde::Deserialize;

const SOURCES: [&str; 3] = ["fox", "nyt", "hpo"];

// ---------------------------------------------------------------------------
// Gold
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct Gold {
    event: String,
    sub_events: Vec<SubEvent>,
    paragraphs: BTreeMap<String, Vec<GoldParagraph>>,
    #[serde(default)]
    claims: Vec<Claim>,
    #[serde(default)]
    discrepancies: Vec<GoldFinding>,
    #[serde(default)]
    must_not_flag: Vec<GoldFinding>,
}

#[derive(Debug, Deserialize)]
struct SubEvent {
    id: String,
    topic: String,
}

#[derive(Debug, Deserialize)]
struct GoldParagraph {
    p: usize,
    tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Claim {
    a: Loc,
    b: Loc,
}

#[derive(Debug, Deserialize)]
struct Loc {
    source: String,
    p: usize,
    snippet: String,
}

#[derive(Debug, Deserialize)]
struct GoldFinding {
    kind: String,
    #[serde(default)]
    subkind: Option<String>,
    #[serde(default)]
    note: String,
    sources: Vec<String>,
    #[serde(default)]
    missing_from: Vec<String>,
    snippets: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct Split {
    tuning: Vec<String>,
    held_out: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpertSpan {
    bias: String,
    txt: String,
}

/// Diagnostics: `PARALLAX_REAL_DEV_PARAMS="weak_link=0.3,strong_link=0.6"`
/// runs the aligner with those parameters changed (for sweeps on the tuning
/// events; the floors are checked only with the defaults).
fn sweep_params() -> Option<parallax::analysis::align::Params> {
    let spec = std::env::var("PARALLAX_REAL_DEV_PARAMS").ok()?;
    let mut p = parallax::analysis::align::Params::default();
    for kv in spec.split(',').filter(|kv| !kv.is_empty()) {
        let (k, v) = kv.split_once('=').expect("name=value");
        let v: f32 = v.parse().expect("a number");
        match k {
            "strong_link" => p.strong_link = v,
            "weak_link" => p.weak_link = v,
            "near_best" => p.near_best = v,
            "cluster_cohesion" => p.cluster_cohesion = v,
            "attach_cohesion" => p.attach_cohesion = v,
            "paragraph_link" => p.paragraph_link = v,
            "paragraph_weight" => p.paragraph_weight = v,
            "sub_event_link" => p.sub_event_link = v,
            "sub_event_share" => p.sub_event_share = v,
            "entity_mismatch" => p.entity_mismatch = v,
            "word_weight" => p.word_weight = v,
            _ => panic!("unknown parameter {k}"),
        }
    }
    Some(p)
}

fn gold_dir() -> PathBuf {
    std::env::var_os("PARALLAX_REAL_DEV_GOLD")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("tests/gold/real-dev"))
}

// ---------------------------------------------------------------------------
// Locating gold text in parallax's paragraphs
// ---------------------------------------------------------------------------

/// Lower-cased alphanumeric words with their byte spans. Quotes, dashes and
/// apostrophes are separators, so typographic cleaning cannot break a match.
fn words(text: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((text[s..i].to_lowercase(), Span::new(s, i)));
        }
    }
    out
}

fn find_words(hay: &[(String, Span)], needle: &[(String, Span)]) -> Option<Span> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .find(|&i| needle.iter().zip(&hay[i..]).all(|(n, h)| n.0 == h.0))
        .map(|i| Span::new(hay[i].1.start, hay[i + needle.len() - 1].1.end))
}

/// One analysed event: the report, and for each outlet the parallax
/// paragraph that holds each gold body paragraph.
struct Event {
    gold: Gold,
    report: Report,
    /// `para_of[source][gold p]` = parallax paragraph indices.
    para_of: Vec<Vec<Vec<usize>>>,
    experts: Vec<Vec<ExpertSpan>>,
}

/// A place in the report: source, parallax paragraph, byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Place {
    source: usize,
    paragraph: usize,
    span: Span,
}

fn blocks(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_string());
            }
            cur.clear();
        } else {
            cur.push_str(line);
            cur.push('\n');
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

impl Event {
    fn load(data: &Path, gold: Gold) -> Event {
        let dir = data.join(&gold.event);
        let inputs: Vec<Input> = SOURCES
            .iter()
            .map(|s| Input::new(dir.join(format!("{s}.txt")).display().to_string()))
            .collect();
        let loaded = load(&inputs).unwrap_or_else(|e| panic!("{e}"));
        let report = match sweep_params() {
            None => parallax::analyze(loaded.sources),
            Some(params) => {
                let alignment = parallax::analysis::align::align_with(&loaded.sources, &params);
                let discrepancies = parallax::analysis::detect::detect(&loaded.sources, &alignment);
                Report {
                    schema: parallax::model::SCHEMA.to_string(),
                    sources: loaded.sources,
                    groups: alignment.groups,
                    sub_events: alignment.sub_events,
                    discrepancies,
                    relations: alignment.relations,
                }
            }
        };
        let mut para_of = Vec::new();
        for (si, s) in SOURCES.iter().enumerate() {
            let raw = std::fs::read_to_string(dir.join(format!("{s}.txt"))).unwrap();
            let body: Vec<Vec<(String, Span)>> =
                blocks(&raw).iter().skip(1).map(|b| words(b)).collect();
            let mut map = vec![Vec::new(); body.len()];
            for para in &report.sources[si].paragraphs {
                let w = words(&para.text);
                if w.is_empty() {
                    continue;
                }
                let head = &w[..w.len().min(8)];
                if let Some(p) = body.iter().position(|b| find_words(b, head).is_some()) {
                    map[p].push(para.index);
                }
            }
            para_of.push(map);
        }
        let experts_path = dir.join("annotations.json");
        let mut by_file: HashMap<String, Vec<ExpertSpan>> =
            serde_json::from_str(&std::fs::read_to_string(experts_path).unwrap()).unwrap();
        let experts = SOURCES
            .iter()
            .map(|s| by_file.remove(&format!("{s}.txt")).unwrap_or_default())
            .collect();
        Event {
            gold,
            report,
            para_of,
            experts,
        }
    }

    fn source(name: &str) -> usize {
        SOURCES
            .iter()
            .position(|s| *s == name)
            .expect("known outlet")
    }

    /// Where `snippet` is, in the parallax paragraphs of gold paragraph `p`
    /// (or, with `p` unknown, anywhere in the source).
    fn locate(&self, source: usize, p: Option<usize>, snippet: &str) -> Option<Place> {
        let needle = words(snippet);
        let paras: Vec<usize> = match p {
            Some(p) => self.para_of[source].get(p).cloned().unwrap_or_default(),
            None => (0..self.report.sources[source].paragraphs.len()).collect(),
        };
        let fallback: Vec<usize> = (0..self.report.sources[source].paragraphs.len()).collect();
        for list in [paras, fallback] {
            for pi in list {
                let text = &self.report.sources[source].paragraphs[pi].text;
                if let Some(span) = find_words(&words(text), &needle) {
                    return Some(Place {
                        source,
                        paragraph: pi,
                        span,
                    });
                }
            }
        }
        None
    }

    /// Every place where `snippet` occurs in the source.
    fn locate_all(&self, source: usize, snippet: &str) -> Vec<Place> {
        let needle = words(snippet);
        let mut out = Vec::new();
        if needle.is_empty() {
            return out;
        }
        for (pi, para) in self.report.sources[source].paragraphs.iter().enumerate() {
            let hay = words(&para.text);
            for i in 0..hay.len().saturating_sub(needle.len() - 1) {
                if needle.iter().zip(&hay[i..]).all(|(n, h)| n.0 == h.0) {
                    out.push(Place {
                        source,
                        paragraph: pi,
                        span: Span::new(hay[i].1.start, hay[i + needle.len() - 1].1.end),
                    });
                }
            }
        }
        out
    }

    fn sentence_at(&self, place: Place) -> Option<SentenceRef> {
        let para = &self.report.sources[place.source].paragraphs[place.paragraph];
        let k = para
            .sentences
            .iter()
            .position(|s| s.overlaps(&place.span) || s.contains(place.span.start))?;
        Some(SentenceRef {
            source: SourceId(place.source),
            paragraph: place.paragraph,
            sentence: k,
        })
    }

    fn sentence_span(&self, r: SentenceRef) -> Span {
        self.report.sources[r.source.0].paragraphs[r.paragraph].sentences[r.sentence]
    }

    /// The gold body paragraph that holds parallax paragraph `pi`.
    fn gold_p(&self, source: usize, pi: usize) -> Option<usize> {
        self.para_of[source].iter().position(|l| l.contains(&pi))
    }
}

// ---------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------

#[derive(Debug, Default, Clone, Copy)]
struct Prf {
    /// Predictions that are right (precision numerator).
    tp_pred: usize,
    pred: usize,
    /// Gold items found (recall numerator).
    tp_gold: usize,
    gold: usize,
}

impl Prf {
    fn p(&self) -> f64 {
        ratio(self.tp_pred, self.pred)
    }
    fn r(&self) -> f64 {
        ratio(self.tp_gold, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Prf) {
        self.tp_pred += o.tp_pred;
        self.pred += o.pred;
        self.tp_gold += o.tp_gold;
        self.gold += o.gold;
    }
    fn line(&self) -> String {
        format!(
            "P {:.3} ({}/{})  R {:.3} ({}/{})  F1 {:.3}",
            self.p(),
            self.tp_pred,
            self.pred,
            self.r(),
            self.tp_gold,
            self.gold,
            self.f1()
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[derive(Debug, Default)]
struct Scores {
    events: usize,
    sub_events: Prf,
    claims: Prf,
    claim_events: usize,
    unlocated: usize,
    kinds: BTreeMap<&'static str, Prf>,
    must_not_hits: BTreeMap<&'static str, usize>,
    omissions: usize,
    false_omissions: usize,
    lex_spans: usize,
    lex_found: usize,
    lex_located: usize,
    framing_mentions: usize,
    articles: usize,
    /// Per "kind/subkind": (findings right, findings reported, traps hit).
    subkinds: BTreeMap<String, (usize, usize, usize)>,
    /// (event, what) pairs for the failure list (and the findings of the kind
    /// or "kind/subkind" that `PARALLAX_REAL_DEV_SHOW` names, with verdicts).
    failures: Vec<(String, String)>,
}

/// The benchmark's kind of a finding: framing between sources and loaded
/// wording in one source are scored apart (their targets differ).
fn gold_kind(d: &parallax::model::Discrepancy) -> &'static str {
    match d.kind {
        DiscrepancyKind::Number => "numbers",
        DiscrepancyKind::Quote => "quotes",
        DiscrepancyKind::Framing if d.subkind == Some(Subkind::Loaded) => "loaded",
        DiscrepancyKind::Framing => "framing",
        DiscrepancyKind::Omission => "omissions",
    }
}

/// The benchmark's kind of a gold item (see [`gold_kind`]).
fn item_kind(f: &GoldFinding) -> &str {
    if f.kind == "framing" && f.subkind.as_deref() == Some("loaded") {
        "loaded"
    } else {
        &f.kind
    }
}

/// Whether two gold paragraphs share a sub-event, and, when they do not,
/// whether they share a topic (a neutral pair, left out of precision).
fn pair_label(
    topic_of: &HashMap<&str, &str>,
    a: &GoldParagraph,
    b: &GoldParagraph,
) -> (bool, bool) {
    let shared = a.tags.iter().any(|t| b.tags.contains(t));
    let topics: HashSet<&str> = a
        .tags
        .iter()
        .filter_map(|t| topic_of.get(t.as_str()).copied())
        .collect();
    let neutral = !shared
        && b.tags
            .iter()
            .any(|t| topic_of.get(t.as_str()).is_some_and(|z| topics.contains(z)));
    (shared, neutral)
}

fn score_event(ev: &Event, s: &mut Scores) {
    // the kind or "kind/subkind" whose findings to list with verdicts
    let show = std::env::var("PARALLAX_REAL_DEV_SHOW").ok();
    s.events += 1;
    let g = &ev.gold;
    let topic_of: HashMap<&str, &str> = g
        .sub_events
        .iter()
        .map(|x| (x.id.as_str(), x.topic.as_str()))
        .collect();

    // Sub-event pairs: gold paragraphs of two outlets.
    let tags: Vec<Vec<&GoldParagraph>> = SOURCES
        .iter()
        .map(|n| {
            g.paragraphs
                .get(*n)
                .map(|v| v.iter().collect())
                .unwrap_or_default()
        })
        .collect();
    let mut together: HashSet<((usize, usize), (usize, usize))> = HashSet::new();
    let levels: Vec<Vec<(usize, usize)>> = if ev.report.sub_events.is_empty() {
        let groups = ev.report.groups.iter();
        groups
            .map(|g| {
                g.members
                    .iter()
                    .map(|m| (m.source.0, m.paragraph))
                    .collect()
            })
            .collect()
    } else {
        let subs = ev.report.sub_events.iter();
        subs.map(|e| {
            e.members
                .iter()
                .map(|m| (m.source.0, m.paragraph))
                .collect()
        })
        .collect()
    };
    for members in &levels {
        let ms: Vec<(usize, usize)> = members
            .iter()
            .filter_map(|&(s, p)| Some((s, ev.gold_p(s, p)?)))
            .collect();
        for &a in &ms {
            for &b in &ms {
                if a.0 < b.0 {
                    together.insert((a, b));
                }
            }
        }
    }
    let mut prf = Prf::default();
    for x in 0..3 {
        for y in x + 1..3 {
            for pa in &tags[x] {
                for pb in &tags[y] {
                    let (shared, neutral) = pair_label(&topic_of, pa, pb);
                    let pred = together.contains(&((x, pa.p), (y, pb.p)));
                    if shared {
                        prf.gold += 1;
                        prf.tp_gold += pred as usize;
                    }
                    if pred && !neutral {
                        prf.pred += 1;
                        prf.tp_pred += shared as usize;
                    }
                }
            }
        }
    }
    s.sub_events.add(prf);

    // Claim links.
    let gold_links: Vec<(SentenceRef, SentenceRef)> = g
        .claims
        .iter()
        .filter_map(|c| {
            let a = ev.locate(Event::source(&c.a.source), Some(c.a.p), &c.a.snippet);
            let b = ev.locate(Event::source(&c.b.source), Some(c.b.p), &c.b.snippet);
            match (
                a.and_then(|a| ev.sentence_at(a)),
                b.and_then(|b| ev.sentence_at(b)),
            ) {
                (Some(a), Some(b)) => Some(if a < b { (a, b) } else { (b, a) }),
                _ => {
                    s.unlocated += 1;
                    None
                }
            }
        })
        .collect();
    let gold_set: HashSet<_> = gold_links.iter().copied().collect();
    if !g.claims.is_empty() {
        s.claim_events += 1;
        let pred: HashSet<(SentenceRef, SentenceRef)> = ev
            .report
            .groups
            .iter()
            .flat_map(|gr| &gr.links)
            .map(|l| if l.a < l.b { (l.a, l.b) } else { (l.b, l.a) })
            .collect();
        if std::env::var_os("PARALLAX_REAL_DEV_LINKS").is_some() {
            let text = |r: &SentenceRef| {
                let p = &ev.report.sources[r.source.0].paragraphs[r.paragraph];
                p.sentences[r.sentence]
                    .slice(&p.text)
                    .chars()
                    .take(110)
                    .collect::<String>()
            };
            for l in pred.iter().filter(|p| !gold_set.contains(p)).take(4) {
                println!(
                    "    false link {}:\n      {}\n      {}",
                    &g.event[..8],
                    text(&l.0),
                    text(&l.1)
                );
            }
        }
        s.claims.add(Prf {
            tp_pred: pred.iter().filter(|p| gold_set.contains(p)).count(),
            pred: pred.len(),
            tp_gold: gold_set.iter().filter(|p| pred.contains(p)).count(),
            gold: gold_set.len(),
        });
    }

    // Discrepancies, per kind.
    let located = |f: &GoldFinding| -> Vec<Place> {
        f.sources
            .iter()
            .filter_map(|src| {
                let snip = f.snippets.get(src)?;
                ev.locate(Event::source(src), None, snip)
            })
            .collect()
    };
    let widen = |p: Place, kind: &str| -> Span {
        if kind == "omissions" {
            ev.sentence_at(p).map_or(p.span, |r| ev.sentence_span(r))
        } else {
            p.span
        }
    };
    let matches = |f: &GoldFinding, places: &[Place], d: &parallax::model::Discrepancy| -> bool {
        let kind = gold_kind(d);
        if kind != item_kind(f) {
            return false;
        }
        let hit: HashSet<usize> = places
            .iter()
            .filter(|p| {
                let span = widen(**p, kind);
                d.mentions.iter().any(|m| {
                    m.source.0 == p.source && m.paragraph == p.paragraph && m.span().overlaps(&span)
                })
            })
            .map(|p| p.source)
            .collect();
        if kind == "omissions" {
            let has: HashSet<usize> = d.mentions.iter().map(|m| m.source.0).collect();
            let missing_pred: HashSet<usize> = (0..3).filter(|i| !has.contains(i)).collect();
            return !hit.is_empty()
                && f.missing_from
                    .iter()
                    .any(|m| missing_pred.contains(&Event::source(m)));
        }
        let single = matches!(f.subkind.as_deref(), Some("exclusive" | "loaded"));
        hit.len()
            >= if single {
                1
            } else {
                2.min(places.len().max(1))
            }
    };
    let gold_places: Vec<Vec<Place>> = g.discrepancies.iter().map(located).collect();
    let trap_places: Vec<Vec<Place>> = g.must_not_flag.iter().map(located).collect();
    for kind in ["numbers", "quotes", "framing", "loaded", "omissions"] {
        let mut prf = Prf::default();
        let preds: Vec<&parallax::model::Discrepancy> = ev
            .report
            .discrepancies
            .iter()
            .filter(|d| gold_kind(d) == kind)
            .collect();
        for (f, places) in g.discrepancies.iter().zip(&gold_places) {
            if item_kind(f) != kind {
                continue;
            }
            prf.gold += 1;
            if places.is_empty() {
                s.unlocated += 1;
            }
            if preds.iter().any(|d| matches(f, places, d)) {
                prf.tp_gold += 1;
            } else {
                s.failures
                    .push((g.event.clone(), format!("missed {kind}: {}", f.note)));
            }
        }
        for d in &preds {
            prf.pred += 1;
            let right = g
                .discrepancies
                .iter()
                .zip(&gold_places)
                .any(|(f, pl)| matches(f, pl, d));
            prf.tp_pred += right as usize;
            let trap = g
                .must_not_flag
                .iter()
                .zip(&trap_places)
                .any(|(f, pl)| matches(f, pl, d));
            let sub = d
                .subkind
                .and_then(|k| serde_json::to_value(k).ok())
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_else(|| "-".into());
            let key = format!("{kind}/{sub}");
            if show.as_deref().is_some_and(|k| k == key || k == kind) {
                let verdict = if right {
                    "right"
                } else if trap {
                    "TRAP"
                } else {
                    "wrong"
                };
                s.failures
                    .push((g.event.clone(), format!("{key} {verdict}: {}", d.summary)));
            }
            let e = s.subkinds.entry(key).or_default();
            e.0 += right as usize;
            e.1 += 1;
            e.2 += trap as usize;
            if trap {
                *s.must_not_hits.entry(kind).or_default() += 1;
                s.failures.push((
                    g.event.clone(),
                    format!("flagged a trap ({kind}): {}", d.summary),
                ));
            }
        }
        s.kinds.entry(kind).or_default().add(prf);
    }

    // False omissions: the outlet said to lack a fact has a sentence the
    // gold links to it, or the gold lists it among the outlets that have it.
    if !g.claims.is_empty() {
        for d in ev
            .report
            .discrepancies
            .iter()
            .filter(|d| d.kind == DiscrepancyKind::Omission)
        {
            s.omissions += 1;
            let has: HashSet<usize> = d.mentions.iter().map(|m| m.source.0).collect();
            let mut refs = Vec::new();
            for m in &d.mentions {
                let para = &ev.report.sources[m.source.0].paragraphs[m.paragraph];
                for (k, sp) in para.sentences.iter().enumerate() {
                    if sp.overlaps(&m.span()) {
                        refs.push(SentenceRef {
                            source: m.source,
                            paragraph: m.paragraph,
                            sentence: k,
                        });
                    }
                }
            }
            let linked_elsewhere = gold_links.iter().any(|(a, b)| {
                (refs.contains(a) && !has.contains(&b.source.0))
                    || (refs.contains(b) && !has.contains(&a.source.0))
            });
            let listed = g
                .discrepancies
                .iter()
                .chain(&g.must_not_flag)
                .zip(gold_places.iter().chain(&trap_places))
                .any(|(f, pl)| {
                    f.kind == "omissions"
                        && pl.iter().any(|p| {
                            let span = widen(*p, "omissions");
                            d.mentions.iter().any(|m| {
                                m.source.0 == p.source
                                    && m.paragraph == p.paragraph
                                    && m.span().overlaps(&span)
                            })
                        })
                        && f.sources.iter().any(|x| !has.contains(&Event::source(x)))
                });
            if linked_elsewhere || listed {
                s.false_omissions += 1;
                s.failures
                    .push((g.event.clone(), format!("false omission: {}", d.summary)));
            }
        }
    }

    // The experts' lexical-bias spans: does a framing mention cover them?
    for (si, spans) in ev.experts.iter().enumerate() {
        s.articles += 1;
        let framing: Vec<&parallax::model::Mention> = ev
            .report
            .discrepancies
            .iter()
            .filter(|d| d.kind == DiscrepancyKind::Framing)
            .flat_map(|d| &d.mentions)
            .filter(|m| m.source.0 == si)
            .collect();
        s.framing_mentions += framing.len();
        for e in spans.iter().filter(|e| e.bias == "lex") {
            s.lex_spans += 1;
            let places = ev.locate_all(si, &e.txt);
            if !places.is_empty() {
                s.lex_located += 1;
            }
            if places.iter().any(|p| {
                framing
                    .iter()
                    .any(|m| m.paragraph == p.paragraph && m.span().overlaps(&p.span))
            }) {
                s.lex_found += 1;
            }
        }
    }
}

/// Diagnostics (`PARALLAX_REAL_DEV_DUMP=FILE`): one line per cross-outlet
/// pair of gold body paragraphs of the tuning events, with the gold label
/// (1 same sub-event, 0 different, n neutral), whether a group holds both,
/// and the aligner's paragraph cosine; for studying signals, never for
/// fitting to single events.
fn dump_pairs(ev: &Event, out: &mut String) {
    use parallax::analysis::align::{Explainer, Params};
    let explainer = Explainer::new(&ev.report.sources, &Params::default());
    let g = &ev.gold;
    let topic_of: HashMap<&str, &str> = g
        .sub_events
        .iter()
        .map(|x| (x.id.as_str(), x.topic.as_str()))
        .collect();
    let grouped: HashSet<((usize, usize), (usize, usize))> = ev
        .report
        .groups
        .iter()
        .flat_map(|gr| {
            let ms: Vec<(usize, usize)> = gr
                .members
                .iter()
                .map(|m| (m.source.0, m.paragraph))
                .collect();
            let mut v = Vec::new();
            for &a in &ms {
                for &b in &ms {
                    if a.0 < b.0 {
                        v.push((a, b));
                    }
                }
            }
            v
        })
        .collect();
    for (x, sx) in SOURCES.iter().enumerate() {
        for (y, sy) in SOURCES.iter().enumerate().skip(x + 1) {
            let (Some(px), Some(py)) = (g.paragraphs.get(*sx), g.paragraphs.get(*sy)) else {
                continue;
            };
            for a in px {
                for b in py {
                    let (shared, neutral) = pair_label(&topic_of, a, b);
                    let label = if shared {
                        "1"
                    } else if neutral {
                        "n"
                    } else {
                        "0"
                    };
                    let (Some(&pa), Some(&pb)) = (
                        ev.para_of[x].get(a.p).and_then(|l| l.first()),
                        ev.para_of[y].get(b.p).and_then(|l| l.first()),
                    ) else {
                        continue;
                    };
                    let cos = explainer.paragraphs((x, pa), (y, pb)).unwrap_or(0.0);
                    let grp = grouped.contains(&((x, pa), (y, pb)));
                    out.push_str(&format!(
                        "{}\t{x}\t{}\t{y}\t{}\t{label}\t{}\t{cos:.4}\n",
                        g.event, a.p, b.p, grp as u8
                    ));
                }
            }
        }
    }
}

fn print(label: &str, s: &Scores) {
    println!("real-dev {label}: {} events", s.events);
    println!("  sub-event pairs   {}", s.sub_events.line());
    println!(
        "  claim links       {}   ({} events with claim gold)",
        s.claims.line(),
        s.claim_events
    );
    for (kind, prf) in &s.kinds {
        println!(
            "  {kind:<17} {}   must-not-flag hits {}",
            prf.line(),
            s.must_not_hits.get(kind).copied().unwrap_or(0)
        );
    }
    let by_subkind: Vec<String> = s
        .subkinds
        .iter()
        .map(|(k, (right, all, traps))| format!("{k} {right}/{all} (traps {traps})"))
        .collect();
    println!("  right/reported by subkind: {}", by_subkind.join(", "));
    println!(
        "  false omissions   {}/{} = {:.3} of the omissions reported",
        s.false_omissions,
        s.omissions,
        ratio(s.false_omissions, s.omissions)
    );
    println!(
        "  experts' lex spans covered by a framing mention: {}/{} = {:.3} ({} located); \
         framing mentions per article {:.2}, expert lex spans per article {:.2}",
        s.lex_found,
        s.lex_spans,
        ratio(s.lex_found, s.lex_spans),
        s.lex_located,
        ratio(s.framing_mentions, s.articles),
        ratio(s.lex_spans, s.articles)
    );
    println!(
        "  gold items not located in parallax's text: {}",
        s.unlocated
    );
}

#[test]
fn real_dev_benchmark() {
    let Some(data) = data_dir() else {
        eprintln!(
            "real_dev: skipped: no ../shared/real-dev/basil and no $PARALLAX_REAL_DEV \
             (the real-text benchmark needs the BASIL articles)"
        );
        return;
    };
    let split: Split = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/gold/real-dev/split.json")).unwrap(),
    )
    .unwrap();
    let mut tuning = Scores::default();
    let mut held = Scores::default();
    let mut missing = Vec::new();
    let dump = std::env::var_os("PARALLAX_REAL_DEV_DUMP");
    let mut dumped = String::new();
    for (list, scores) in [(&split.tuning, &mut tuning), (&split.held_out, &mut held)] {
        let tuning_list = std::ptr::eq(list, &split.tuning);
        for event in list {
            let path = gold_dir().join(format!("{event}.json"));
            let Ok(text) = std::fs::read_to_string(&path) else {
                missing.push(event.clone());
                continue;
            };
            let gold: Gold =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(&gold.event, event, "{}", path.display());
            let ev = Event::load(&data, gold);
            if dump.is_some() && tuning_list {
                dump_pairs(&ev, &mut dumped);
            }
            score_event(&ev, scores);
        }
    }
    if let Some(path) = &dump {
        std::fs::write(path, dumped).expect("dump file");
    }
    if !missing.is_empty() {
        println!("real-dev: {} events have no gold yet", missing.len());
    }
    print("tuning", &tuning);
    if std::env::var_os("PARALLAX_REAL_DEV_HELD_OUT").is_some() {
        print("held-out", &held);
    }
    if std::env::var_os("PARALLAX_REAL_DEV_FAILURES").is_some()
        || std::env::var_os("PARALLAX_REAL_DEV_SHOW").is_some()
    {
        for (event, what) in &tuning.failures {
            println!("  {event}: {what}");
        }
    }
    if sweep_params().is_none() {
        check_floors(&tuning);
    }
}

/// Regression guards at the tuning figures measured when they were set.
fn check_floors(s: &Scores) {
    if s.events < 30 {
        return; // gold incomplete (a partial checkout): no floors
    }
    let kind = |k: &str| s.kinds.get(k).copied().unwrap_or_default();
    // Set on 2026-12-04 at the tuning figures then measured (rounded down);
    // later work raises them.
    let floors: [(&str, f64, f64); 11] = [
        ("sub-event F1", s.sub_events.f1(), 0.449),
        ("claim-link precision", s.claims.p(), 0.534),
        ("claim-link recall", s.claims.r(), 0.328),
        ("quote recall", kind("quotes").r(), 0.42),
        ("quote precision", kind("quotes").p(), 0.165),
        ("number recall", kind("numbers").r(), 0.07),
        ("loaded-wording recall", kind("loaded").r(), 0.29),
        ("omission precision", kind("omissions").p(), 0.16),
        ("omission recall", kind("omissions").r(), 0.34),
        (
            "share of reported omissions that are true (1 - false omissions)",
            1.0 - ratio(s.false_omissions, s.omissions),
            0.79,
        ),
        (
            "experts' lex spans covered",
            ratio(s.lex_found, s.lex_spans),
            0.66,
        ),
    ];
    for (what, value, floor) in floors {
        assert!(
            value >= floor,
            "real-dev {what}: {value:.3} below the floor {floor}"
        );
    }
}
