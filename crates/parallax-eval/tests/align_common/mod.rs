//! Shared by the alignment tests: hand-written gold (`tests/gold/*.json`)
//! naming paragraphs by source and text snippet, and its pairwise scoring.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use parallax::analysis::align::{Explainer, Params};
use parallax::model::{Alignment, Source};
use parallax_eval::synth::PairCounts;
use serde::Deserialize;

pub type Ref = (String, String);

#[derive(Deserialize)]
pub struct Gold {
    pub rewrites: Vec<RewriteGold>,
    pub events: Vec<Event>,
    pub alone: Vec<Ref>,
}

#[derive(Deserialize)]
pub struct RewriteGold {
    pub derived: String,
    pub original: String,
}

#[derive(Deserialize)]
pub struct Event {
    pub id: String,
    pub core: Vec<Ref>,
    pub weak: Vec<Ref>,
}

/// (source index, paragraph index)
pub type Para = (usize, usize);

/// Parses a gold file's text.
pub fn parse(json: &str) -> Gold {
    serde_json::from_str(json).expect("gold parses")
}

/// The source whose origin is `bundled:<stem>.txt` or whose name is `stem`.
pub fn source_index(sources: &[Source], stem: &str) -> usize {
    let origin = format!("bundled:{stem}.txt");
    sources
        .iter()
        .position(|s| s.origin == origin || s.name == stem)
        .unwrap_or_else(|| panic!("no source {stem}"))
}

/// The body paragraph of `stem` containing `snippet`; `None` if ingest
/// classified it as something other than body. Panics if no paragraph
/// contains the snippet (the gold is stale).
pub fn resolve(sources: &[Source], (stem, snippet): &Ref) -> Option<Para> {
    let s = source_index(sources, stem);
    let p = sources[s]
        .paragraphs
        .iter()
        .find(|p| p.text.contains(snippet.as_str()))
        .unwrap_or_else(|| panic!("gold snippet not found in {stem}: {snippet:?}"));
    p.kind.is_body().then_some((s, p.index))
}

pub fn shared_groups(alignment: &Alignment) -> BTreeSet<(Para, Para)> {
    let mut pairs = BTreeSet::new();
    for g in &alignment.groups {
        for x in &g.members {
            for y in &g.members {
                let (px, py) = ((x.source.0, x.paragraph), (y.source.0, y.paragraph));
                if x.source != y.source {
                    pairs.insert((px.min(py), px.max(py)));
                }
            }
        }
    }
    pairs
}

#[derive(Default, Debug)]
pub struct Scored {
    pub counts: PairCounts,
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
}

impl Scored {
    pub fn precision(&self) -> f64 {
        self.counts.precision()
    }
    pub fn recall(&self) -> f64 {
        self.counts.recall()
    }
    pub fn f1(&self) -> f64 {
        self.counts.f1()
    }
}

pub fn describe(sources: &[Source], (s, p): Para) -> String {
    let text: String = sources[s].paragraphs[p].text.chars().take(60).collect();
    format!("{}#{p} {text:?}", sources[s].name)
}

/// Every scored cross-source pair of gold paragraphs (lower first), labelled
/// "positive", "neutral" or "negative".
pub fn pair_labels(sources: &[Source], gold: &Gold) -> BTreeMap<(Para, Para), &'static str> {
    let mut core: BTreeMap<Para, BTreeSet<&str>> = BTreeMap::new();
    let mut weak: BTreeMap<Para, BTreeSet<&str>> = BTreeMap::new();
    let mut all: BTreeSet<Para> = BTreeSet::new();
    for e in &gold.events {
        for r in &e.core {
            if let Some(p) = resolve(sources, r) {
                core.entry(p).or_default().insert(&e.id);
                all.insert(p);
            }
        }
        for r in &e.weak {
            if let Some(p) = resolve(sources, r) {
                weak.entry(p).or_default().insert(&e.id);
                all.insert(p);
            }
        }
    }
    for r in &gold.alone {
        all.extend(resolve(sources, r));
    }
    let empty = BTreeSet::new();
    let all: Vec<Para> = all.into_iter().collect();
    let mut labels = BTreeMap::new();
    for (i, &x) in all.iter().enumerate() {
        for &y in &all[i + 1..] {
            if x.0 == y.0 {
                continue;
            }
            let (cx, cy) = (
                core.get(&x).unwrap_or(&empty),
                core.get(&y).unwrap_or(&empty),
            );
            let (wx, wy) = (
                weak.get(&x).unwrap_or(&empty),
                weak.get(&y).unwrap_or(&empty),
            );
            let positive = cx.intersection(cy).next().is_some();
            let neutral = !positive
                && (wx.intersection(cy).next().is_some()
                    || cx.intersection(wy).next().is_some()
                    || wx.intersection(wy).next().is_some());
            let label = if positive {
                "positive"
            } else if neutral {
                "neutral"
            } else {
                "negative"
            };
            labels.insert((x.min(y), x.max(y)), label);
        }
    }
    labels
}

pub fn score(sources: &[Source], gold: &Gold, alignment: &Alignment) -> Scored {
    let predicted = shared_groups(alignment);
    let mut scored = Scored::default();
    for (&(x, y), &label) in &pair_labels(sources, gold) {
        let got = predicted.contains(&(x, y));
        let line = || format!("{} <> {}", describe(sources, x), describe(sources, y));
        match (label, got) {
            ("positive", true) => scored.counts.true_positives += 1,
            ("positive", false) => {
                scored.counts.false_negatives += 1;
                scored.misses.push(line());
            }
            ("negative", true) => {
                scored.counts.false_positives += 1;
                scored.false_alarms.push(line());
            }
            _ => {}
        }
    }
    scored
}

/// One line per group: label, score and member paragraphs.
pub fn summary(sources: &[Source], alignment: &Alignment) -> String {
    let mut out = String::new();
    for g in &alignment.groups {
        out.push_str(&format!("{} [{:.2}] {}\n", g.id, g.score, g.label));
        for m in &g.members {
            let text = &sources[m.source.0].paragraphs[m.paragraph].text;
            let short: String = text.chars().take(70).collect();
            out.push_str(&format!(
                "    {}#{} {:?} {short}\n",
                sources[m.source.0].name, m.paragraph, m.sentences
            ));
        }
    }
    out
}

pub fn groups_of(alignment: &Alignment, p: Para) -> Vec<usize> {
    alignment
        .groups
        .iter()
        .filter(|g| g.members.iter().any(|m| (m.source.0, m.paragraph) == p))
        .map(|g| g.id.0)
        .collect()
}

pub fn para(sources: &[Source], stem: &str, snippet: &str) -> Para {
    resolve(sources, &(stem.to_string(), snippet.to_string()))
        .unwrap_or_else(|| panic!("{stem}: {snippet:?} is not a body paragraph"))
}

/// Some group holds all the given paragraphs.
pub fn share_a_group(alignment: &Alignment, paras: &[Para]) -> bool {
    alignment.groups.iter().any(|g| {
        paras
            .iter()
            .all(|p| g.members.iter().any(|m| (m.source.0, m.paragraph) == *p))
    })
}

impl Scored {
    /// Figures, misses and false alarms, for failure messages.
    pub fn report(&self) -> String {
        format!(
            "P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {})\nmissed:\n  {}\nfalse:\n  {}",
            self.precision(),
            self.recall(),
            self.f1(),
            self.counts.true_positives,
            self.counts.false_positives,
            self.counts.false_negatives,
            self.misses.join("\n  "),
            self.false_alarms.join("\n  ")
        )
    }
}

/// The default parameters, then the variants named in `VARIANTS`, e.g.
/// `VARIANTS="weak_link=0.2,cluster_cohesion=0.2;idf_offset=0.5"` (for the
/// tuning reports).
pub fn variants() -> Vec<(String, Params)> {
    let base = Params::default();
    let mut variants: Vec<(String, Params)> = vec![("default".into(), base.clone())];
    let Ok(spec) = std::env::var("VARIANTS") else {
        return variants;
    };
    for v in spec.split(';') {
        let mut p = base.clone();
        for kv in v.split(',') {
            let Some((k, val)) = kv.split_once('=') else {
                continue;
            };
            let x: f64 = val.parse().expect("number");
            match k.trim() {
                "word_weight" => p.word_weight = x as f32,
                "entity_boost" => p.entity_boost = x as f32,
                "number_boost" => p.number_boost = x as f32,
                "strong_link" => p.strong_link = x as f32,
                "weak_link" => p.weak_link = x as f32,
                "cluster_cohesion" => p.cluster_cohesion = x as f32,
                "idf_offset" => p.idf_offset = x as f32,
                "paragraph_link" => p.paragraph_link = x as f32,
                "paragraph_weight" => p.paragraph_weight = x as f32,
                "attach_cohesion" => p.attach_cohesion = x as f32,
                "mutual_best" => p.mutual_best = x != 0.0,
                "near_best" => p.near_best = x as f32,
                "entity_mismatch" => p.entity_mismatch = x as f32,
                "candidates_per_source" => p.candidates_per_source = x as usize,
                "candidate_share" => p.candidate_share = x as f32,
                other => panic!("unknown parameter {other}"),
            }
        }
        variants.push((v.to_string(), p));
    }
    variants
}

/// The highest similarity the aligner computes between a sentence of
/// paragraph `x` and one of paragraph `y`.
pub fn best_similarity(sources: &[Source], explainer: &Explainer, x: Para, y: Para) -> f64 {
    use parallax::model::SentenceRef;
    let r = |(s, p): Para, k: usize| SentenceRef {
        source: sources[s].id,
        paragraph: p,
        sentence: k,
    };
    let mut best: f64 = 0.0;
    for i in 0..sources[x.0].paragraphs[x.1].sentences.len() {
        for j in 0..sources[y.0].paragraphs[y.1].sentences.len() {
            if let Some(e) = explainer.sentences(r(x, i), r(y, j)) {
                best = best.max(e.0);
            }
        }
    }
    best
}

/// Prints every gold pair the aligner gets wrong, and every negative pair
/// above 0.2, with the best sentence similarity (diagnosis, not tuning).
pub fn diagnose(sources: &[Source], gold: &Gold, alignment: &Alignment, params: &Params) {
    let explainer = Explainer::new(sources, params);
    for ((x, y), label) in pair_labels(sources, gold) {
        if label == "neutral" {
            continue;
        }
        let best = best_similarity(sources, &explainer, x, y);
        let shared = share_a_group(alignment, &[x, y]);
        if (label == "positive") != shared || best > 0.2 {
            println!(
                "{label:8} {shared:5} {best:.3} {} <> {}",
                describe(sources, x),
                describe(sources, y)
            );
        }
    }
}

/// Prints one line per pair of sources: coverage both ways, the mean best
/// link similarity of each side's linked sentences, the share of the
/// pair's links that keep paragraph order, and the rewrite flag (for
/// diagnosing rewrite detection).
pub fn print_relations(label: &str, sources: &[Source], alignment: &Alignment) {
    for r in &alignment.relations {
        let mut best: BTreeMap<(usize, usize, usize), f64> = BTreeMap::new();
        let mut order: Vec<(usize, usize)> = Vec::new();
        for (_, l) in alignment.links() {
            if (l.a.source, l.b.source) != (r.a, r.b) {
                continue;
            }
            order.push((l.a.paragraph, l.b.paragraph));
            for s in [l.a, l.b] {
                let e = best
                    .entry((s.source.0, s.paragraph, s.sentence))
                    .or_default();
                *e = e.max(l.similarity);
            }
        }
        let mean = |src: usize| {
            let v: Vec<f64> = best
                .iter()
                .filter(|(k, _)| k.0 == src)
                .map(|(_, v)| *v)
                .collect();
            v.iter().sum::<f64>() / v.len().max(1) as f64
        };
        order.sort_unstable();
        let kept = order.windows(2).filter(|w| w[1].1 >= w[0].1).count() as f64
            / order.len().saturating_sub(1).max(1) as f64;
        println!(
            "{label:18} {:>22} {:>22} cover {:.2}/{:.2} sim {:.2}/{:.2} order {kept:.2} {:?}",
            sources[r.a.0].name,
            sources[r.b.0].name,
            r.a_in_b,
            r.b_in_a,
            mean(r.a.0),
            mean(r.b.0),
            r.rewrite_of.as_ref().map(|f| (f.derived.0, f.original.0))
        );
    }
}
