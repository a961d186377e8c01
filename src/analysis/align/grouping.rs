//! From scored sentence pairs to cohesive clusters of sentences.
//!
//! Two guards against chaining: a pair only becomes a link when it is
//! strong on its own, or moderately strong and each sentence is the other's
//! best match in its source (mutual best); and two clusters only merge when
//! the *average* similarity over all their cross-source sentence pairs stays
//! above a threshold (average-link), so one weak bridge cannot fuse two
//! topics into a blob.

use rustc_hash::FxHashMap as HashMap;

use super::Params;
use super::features::Corpus;
use super::index::PairScores;

/// A sentence link before diffs: indices into [`Corpus::sentences`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Edge {
    pub(crate) a: u32,
    pub(crate) b: u32,
    pub(crate) similarity: f32,
}

/// Keeps the pairs that are strong, or moderately strong and mutual best
/// (each within `near_best` of the other's best similarity in its source).
pub(crate) fn select_links(corpus: &Corpus, pairs: &PairScores, params: &Params) -> Vec<Edge> {
    let mut best: HashMap<(u32, usize), (u32, f32)> = HashMap::default();
    let source_of = |i: u32| corpus.sentences[i as usize].at.source.0;
    for (&(i, j), &sim) in &pairs.scores {
        for (x, y) in [(i, j), (j, i)] {
            let entry = best.entry((x, source_of(y))).or_insert((y, sim));
            if sim > entry.1 || (sim == entry.1 && y < entry.0) {
                *entry = (y, sim);
            }
        }
    }
    // y is (nearly) x's best partner in y's source
    let is_best = |x: u32, y: u32, sim: f32| {
        best.get(&(x, source_of(y)))
            .is_some_and(|b| b.0 == y || sim >= b.1 * params.near_best)
    };
    let mut edges: Vec<Edge> = pairs
        .scores
        .iter()
        .filter(|&(&(i, j), &sim)| {
            sim >= params.strong_link
                || (sim >= params.weak_link
                    && if params.mutual_best {
                        is_best(i, j, sim) && is_best(j, i, sim)
                    } else {
                        is_best(i, j, sim) || is_best(j, i, sim)
                    })
        })
        .map(|(&(a, b), &similarity)| Edge { a, b, similarity })
        .collect();
    edges.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    edges
}

/// Average-link clustering over the link graph. Returns clusters of
/// sentence indices (only clusters of two or more sentences).
pub(crate) fn cluster(
    corpus: &Corpus,
    pairs: &mut PairScores,
    edges: &[Edge],
    params: &Params,
) -> Vec<Vec<u32>> {
    let n = corpus.sentences.len();
    let mut owner: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    for edge in edges {
        let (ca, cb) = (owner[edge.a as usize], owner[edge.b as usize]);
        if ca == cb {
            continue;
        }
        let floor = if shared_sources(corpus, &members[ca], &members[cb]) {
            params.strong_link
        } else {
            params.cluster_cohesion
        };
        if average_link(corpus, pairs, &members[ca], &members[cb], params) < floor {
            continue;
        }
        let (keep, gone) = if members[ca].len() >= members[cb].len() {
            (ca, cb)
        } else {
            (cb, ca)
        };
        let moved = std::mem::take(&mut members[gone]);
        for &s in &moved {
            owner[s as usize] = keep;
        }
        members[keep].extend(moved);
    }
    let mut clusters: Vec<Vec<u32>> = members.into_iter().filter(|m| m.len() > 1).collect();
    for c in &mut clusters {
        c.sort_unstable();
    }
    clusters.sort();
    clusters
}

/// True when both clusters already hold sentences from the same sources
/// (more than half of the smaller one's): each of those sources reports the
/// two clusters' claims separately, so they are distinct claims, and only a
/// strong average similarity may still merge them.
fn shared_sources(corpus: &Corpus, a: &[u32], b: &[u32]) -> bool {
    let sources = |c: &[u32]| {
        let mut s: Vec<usize> = c
            .iter()
            .map(|&i| corpus.sentences[i as usize].at.source.0)
            .collect();
        s.sort_unstable();
        s.dedup();
        s
    };
    let (sa, sb) = (sources(a), sources(b));
    let shared = sa.iter().filter(|x| sb.binary_search(x).is_ok()).count();
    shared >= 2 && shared * 2 > sa.len().min(sb.len())
}

/// Mean similarity over the cross-source pairs between two clusters
/// (pairs the index did not propose are scored here).
pub(crate) fn average_link(
    corpus: &Corpus,
    pairs: &mut PairScores,
    a: &[u32],
    b: &[u32],
    params: &Params,
) -> f32 {
    let mut sum = 0.0;
    let mut count = 0usize;
    for &x in a {
        for &y in b {
            let (sx, sy) = (&corpus.sentences[x as usize], &corpus.sentences[y as usize]);
            if sx.at.source != sy.at.source {
                sum += pairs.get_or_compute(corpus, x, y, params);
                count += 1;
            }
        }
    }
    if count == 0 { 0.0 } else { sum / count as f32 }
}

/// Lets a sentence that reports two things join a second cluster: every
/// sentence with a scored pair into a cluster that has nothing yet from the
/// sentence's source joins it (as well as its own)
/// when its average similarity to the cluster's sentences in other sources
/// reaches `params.attach_cohesion`. Clusters are read as they stood after
/// clustering, so attachments do not chain.
pub(crate) fn attach(
    corpus: &Corpus,
    pairs: &mut PairScores,
    clusters: &mut [Vec<u32>],
    params: &Params,
) {
    if params.attach_cohesion >= 1.0 {
        return;
    }
    let mut neighbours: HashMap<u32, Vec<u32>> = HashMap::default();
    for &(i, j) in pairs.scores.keys() {
        neighbours.entry(i).or_default().push(j);
        neighbours.entry(j).or_default().push(i);
    }
    for list in neighbours.values_mut() {
        list.sort_unstable();
    }
    let mut additions: Vec<(usize, u32)> = Vec::new();
    for (c, members) in clusters.iter().enumerate() {
        let mut candidates: Vec<u32> = members
            .iter()
            .filter_map(|m| neighbours.get(m))
            .flatten()
            .copied()
            .filter(|x| members.binary_search(x).is_err())
            .filter(|&x| {
                let source = corpus.sentences[x as usize].at.source;
                members
                    .iter()
                    .all(|&m| corpus.sentences[m as usize].at.source != source)
            })
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for x in candidates {
            if average_link(corpus, pairs, &[x], members, params) >= params.attach_cohesion {
                additions.push((c, x));
            }
        }
    }
    for (c, x) in additions {
        clusters[c].push(x);
        clusters[c].sort_unstable();
    }
}
