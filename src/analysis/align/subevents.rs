//! The sub-event level: paragraphs of different sources that report one
//! happening, recall first.
//!
//! Claim groups are precise but narrow: real outlets tell one meeting or
//! one statement in paragraphs that share few sentences. A sub-event starts
//! from each claim group's paragraphs and takes in every paragraph that is
//! the mutual best match, as a whole, of one of its members in another
//! source (paragraph cosine at least [`Params::sub_event_link`]). Mutually
//! best paragraphs outside every group form sub-events of their own.
//!
//! There is no transitive closure: measured on the real-text benchmark's
//! tuning events, closing over shared paragraphs or adjacent paragraphs
//! chains whole articles together (precision 0.17 to 0.56), while one hop
//! from a group keeps most of the precision of the pairwise signal.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use super::Params;
use super::context::{paragraph_sentences, paragraph_vectors};
use super::features::Corpus;
use crate::model::{Group, GroupId, ParagraphRef, SourceId, SubEvent};

type Key = (usize, usize);

/// Builds the sub-events of a comparison from its claim groups.
pub fn sub_events(corpus: &Corpus, groups: &[Group], params: &Params) -> Vec<SubEvent> {
    let vectors = paragraph_vectors(corpus, &paragraph_sentences(corpus));
    let mutual = mutual_best(&vectors, params);
    let mut events: Vec<(BTreeSet<Key>, Vec<GroupId>)> = groups
        .iter()
        .map(|g| {
            let members = g
                .members
                .iter()
                .map(|m| (m.source.0, m.paragraph))
                .collect();
            (members, vec![g.id])
        })
        .collect();
    let mut first: HashMap<Key, usize> = HashMap::default();
    for (i, (members, _)) in events.iter().enumerate() {
        for &k in members {
            first.entry(k).or_insert(i);
        }
    }
    for (p, q) in mutual {
        match (first.get(&p).copied(), first.get(&q).copied()) {
            (Some(i), Some(j)) => {
                events[i].0.insert(q);
                events[j].0.insert(p);
            }
            (Some(i), None) => {
                events[i].0.insert(q);
                first.insert(q, i);
            }
            (None, Some(j)) => {
                events[j].0.insert(p);
                first.insert(p, j);
            }
            (None, None) => {
                first.insert(p, events.len());
                first.insert(q, events.len());
                events.push(([p, q].into_iter().collect(), Vec::new()));
            }
        }
    }
    let mut out: Vec<SubEvent> = events
        .into_iter()
        .map(|(members, groups)| SubEvent {
            members: members
                .into_iter()
                .map(|(s, p)| ParagraphRef {
                    source: SourceId(s),
                    paragraph: p,
                })
                .collect(),
            groups,
        })
        .collect();
    out.sort_by(|a, b| a.members.cmp(&b.members));
    out.dedup_by(|a, b| {
        if a.members == b.members {
            b.groups.extend(a.groups.iter().copied());
            true
        } else {
            false
        }
    });
    out
}

/// Pairs of paragraphs of different sources at least
/// [`Params::sub_event_link`] similar, where one of the two is among the
/// best matches of the other in its source (within
/// [`Params::sub_event_share`] of the best); `(p, q)` with
/// `p < q`, sorted. Scores only pairs that share a term (an inverted index
/// over the paragraph vectors), so the cost follows the text, not the
/// square of the paragraphs.
fn mutual_best(
    vectors: &HashMap<Key, super::sparse::SparseVec>,
    params: &Params,
) -> Vec<(Key, Key)> {
    let floor = params.sub_event_link;
    if floor >= 1.0 {
        return Vec::new();
    }
    let mut keys: Vec<Key> = vectors.keys().copied().collect();
    keys.sort_unstable();
    let mut postings: BTreeMap<u64, Vec<(usize, f32)>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        for &(t, w) in &vectors[k].0 {
            postings.entry(t).or_default().push((i, w));
        }
    }
    // terms in very many paragraphs weigh little and would make the pairs
    // quadratic: they are left out of the dot products, as out of the index
    let limit = params
        .max_posting
        .max(keys.len() / params.posting_divisor.max(1));
    let mut dots: HashMap<(usize, usize), f32> = HashMap::default();
    for list in postings.values().filter(|l| l.len() <= limit) {
        for (x, &(i, wi)) in list.iter().enumerate() {
            for &(j, wj) in &list[x + 1..] {
                if keys[i].0 != keys[j].0 {
                    *dots.entry((i, j)).or_default() += wi * wj;
                }
            }
        }
    }
    // best partner of each paragraph in each other source
    let mut best: HashMap<(usize, usize), (usize, f32)> = HashMap::default();
    for (&(i, j), &sim) in &dots {
        for (x, y) in [(i, j), (j, i)] {
            let e = best.entry((x, keys[y].0)).or_insert((y, sim));
            if sim > e.1 || (sim == e.1 && y < e.0) {
                *e = (y, sim);
            }
        }
    }
    let mut out: Vec<(Key, Key)> = dots
        .iter()
        .filter(|&(&(i, j), &sim)| {
            let near = |x: usize, y: usize| {
                best.get(&(x, keys[y].0))
                    .is_some_and(|b| sim >= params.sub_event_share * b.1)
            };
            sim >= floor && (near(i, j) || near(j, i))
        })
        .map(|(&(i, j), _)| (keys[i], keys[j]))
        .collect();
    out.sort_unstable();
    out
}
