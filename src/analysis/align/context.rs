//! Paragraph context. Outlets restate a sub-event in their own words, so
//! two paragraphs can share much content as a whole while no single pair
//! of their sentences does. When two paragraphs are each other's best match
//! across their sources and similar enough as wholes, their best sentence
//! pair is credited with the paragraph similarity.

use rustc_hash::FxHashMap as HashMap;

use super::Params;
use super::features::Corpus;
use super::index::PairScores;
use super::sparse::SparseVec;

type ParagraphKey = (usize, usize);

/// Raises the score of the best sentence pair of every mutually best,
/// similar paragraph pair.
pub(crate) fn credit_paragraph_pairs(corpus: &Corpus, pairs: &mut PairScores, params: &Params) {
    if params.paragraph_weight <= 0.0 {
        return;
    }
    let sentences = paragraph_sentences(corpus);
    let vectors = paragraph_vectors(corpus, &sentences);
    let key_of = |i: u32| {
        let at = corpus.sentences[i as usize].at;
        (at.source.0, at.paragraph)
    };
    // best partner of each paragraph in each other source
    let mut best: HashMap<(ParagraphKey, usize), (ParagraphKey, f32)> = HashMap::default();
    let mut seen: Vec<(ParagraphKey, ParagraphKey)> = pairs
        .scores
        .keys()
        .map(|&(i, j)| (key_of(i), key_of(j)))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    for &(p, q) in &seen {
        let sim = vectors[&p].dot(&vectors[&q]);
        for (x, y) in [(p, q), (q, p)] {
            let entry = best.entry((x, y.0)).or_insert((y, sim));
            if sim > entry.1 || (sim == entry.1 && y < entry.0) {
                *entry = (y, sim);
            }
        }
    }
    for &(p, q) in &seen {
        let Some(&(bq, sim)) = best.get(&(p, q.0)) else {
            continue;
        };
        let mutual = bq == q && best.get(&(q, p.0)).is_some_and(|b| b.0 == p);
        if !mutual || sim < params.paragraph_link {
            continue;
        }
        let mut top: Option<(u32, u32, f32)> = None;
        for &i in &sentences[&p] {
            for &j in &sentences[&q] {
                let s = pairs.get_or_compute(corpus, i, j, params);
                if top.is_none_or(|t| s > t.2) {
                    top = Some((i, j, s));
                }
            }
        }
        if let Some((i, j, s)) = top {
            let credited = s.max(params.paragraph_weight * sim);
            pairs.scores.insert((i.min(j), i.max(j)), credited);
        }
    }
}

/// The sentences of each paragraph, by (source, paragraph).
pub(crate) fn paragraph_sentences(corpus: &Corpus) -> HashMap<ParagraphKey, Vec<u32>> {
    let mut sentences: HashMap<ParagraphKey, Vec<u32>> = HashMap::default();
    for (i, s) in corpus.sentences.iter().enumerate() {
        sentences
            .entry((s.at.source.0, s.at.paragraph))
            .or_default()
            .push(i as u32);
    }
    sentences
}

/// One unit vector per paragraph over its sentences' weighted terms.
pub(crate) fn paragraph_vectors(
    corpus: &Corpus,
    sentences: &HashMap<ParagraphKey, Vec<u32>>,
) -> HashMap<ParagraphKey, SparseVec> {
    sentences
        .iter()
        .map(|(key, members)| {
            let entries = members
                .iter()
                .flat_map(|&i| corpus.sentences[i as usize].terms.iter())
                .map(|&(t, w)| (u64::from(t), w))
                .collect();
            (*key, SparseVec::normalized(entries))
        })
        .collect()
}
