//! Pairwise source relations: how much of each body has a counterpart in
//! the other, and whether one reads as a rewrite of the other.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Rewrite, SentenceLink, Source, SourceId, SourceRelation};

use super::Params;
use super::features::Corpus;

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
    links: &[&SentenceLink],
    params: &Params,
) -> Vec<SourceRelation> {
    let ordinal: HashMap<_, usize> = corpus.sentences.iter().map(|s| (s.at, s.ordinal)).collect();
    let mut directed: HashMap<(usize, usize), Directed> = HashMap::default();
    for link in links {
        let (Some(&oa), Some(&ob)) = (ordinal.get(&link.a), ordinal.get(&link.b)) else {
            continue;
        };
        let (sa, sb) = (link.a.source.0, link.b.source.0);
        for (x, ox, y, oy) in [(sa, oa, sb, ob), (sb, ob, sa, oa)] {
            let d = directed.entry((x, y)).or_default();
            let entry = d.best.entry(ox).or_insert((link.similarity, oy));
            if link.similarity > entry.0 {
                *entry = (link.similarity, oy);
            }
        }
    }
    let mut out = Vec::new();
    for a in 0..sources.len() {
        for b in a + 1..sources.len() {
            let empty = Directed::default();
            let ab = directed.get(&(a, b)).unwrap_or(&empty);
            let ba = directed.get(&(b, a)).unwrap_or(&empty);
            let a_in_b = share(ab, corpus.per_source[a]);
            let b_in_a = share(ba, corpus.per_source[b]);
            let rewrite_of = rewrite(sources, (a, ab, a_in_b), (b, ba, b_in_a), params);
            out.push(SourceRelation {
                a: SourceId(a),
                b: SourceId(b),
                a_in_b,
                b_in_a,
                rewrite_of,
            });
        }
    }
    out
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
        "near_copy"
    } else {
        "rewrite"
    };
    Some(Rewrite {
        derived: SourceId(derived),
        original: SourceId(original),
        kind: kind.to_string(),
    })
}
