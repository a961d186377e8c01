//! Candidate generation: an inverted index from content terms to sentences,
//! so that only sentences sharing a reasonably rare term are ever compared.
//! Cost grows with the postings of rare terms, close to linearly in the
//! total text, instead of with all pairs of sentences.

use rustc_hash::FxHashMap as HashMap;

use super::Params;
use super::features::Corpus;
use super::similarity::sentence_similarity;

/// Similarities of the candidate pairs, keyed by (lower index, higher index)
/// into [`Corpus::sentences`]. Pairs are always from different sources.
#[derive(Debug, Default)]
pub(crate) struct PairScores {
    pub(crate) scores: HashMap<(u32, u32), f32>,
}

impl PairScores {
    /// Similarity of sentences `i` and `j`, computed and remembered if the
    /// index did not propose them.
    pub(crate) fn get_or_compute(
        &mut self,
        corpus: &Corpus,
        i: u32,
        j: u32,
        params: &Params,
    ) -> f32 {
        let key = if i < j { (i, j) } else { (j, i) };
        *self.scores.entry(key).or_insert_with(|| {
            sentence_similarity(
                &corpus.sentences[i as usize],
                &corpus.sentences[j as usize],
                params,
            )
        })
    }
}

/// Finds, for every sentence, its most promising partners in each other
/// source and scores them with the full similarity.
pub(crate) fn candidate_pairs(corpus: &Corpus, params: &Params) -> PairScores {
    let n = corpus.sentences.len();
    let max_df = params.max_posting.max(n / params.posting_divisor.max(1));
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); corpus.df.len()];
    for (i, s) in corpus.sentences.iter().enumerate() {
        for &(term, _) in &s.words.0 {
            let t = term as usize;
            if (corpus.df[t] as usize) <= max_df {
                postings[t].push(i as u32);
            }
        }
    }
    let mut pairs = PairScores::default();
    let mut acc: Vec<f32> = vec![0.0; n];
    let mut touched: Vec<u32> = Vec::new();
    let keep = params.candidates_per_source.max(1);
    let mut best: Vec<Vec<(f32, u32)>> = vec![Vec::with_capacity(keep); corpus.per_source.len()];
    let mut sources_hit: Vec<usize> = Vec::new();
    for (i, s) in corpus.sentences.iter().enumerate() {
        for &(term, w) in &s.words.0 {
            for &j in &postings[term as usize] {
                let other = &corpus.sentences[j as usize];
                if other.at.source == s.at.source {
                    continue;
                }
                if acc[j as usize] == 0.0 {
                    touched.push(j);
                }
                acc[j as usize] += w * weight_of(other, term);
            }
        }
        // keep the best few per other source, if they come close enough to
        // the best candidate anywhere: with many sources, every source has
        // *some* best partner, and scoring them all is quadratic in sources
        let top = touched
            .iter()
            .map(|&j| acc[j as usize])
            .fold(0.0f32, f32::max);
        let floor = params.min_candidate_score.max(params.candidate_share * top);
        for &j in &touched {
            let score = acc[j as usize];
            acc[j as usize] = 0.0;
            if score < floor {
                continue;
            }
            let src = corpus.sentences[j as usize].at.source.0;
            let top = &mut best[src];
            if top.is_empty() {
                sources_hit.push(src);
            }
            if top.len() < keep {
                top.push((score, j));
            } else if let Some(worst) = top.iter_mut().min_by(|a, b| a.0.total_cmp(&b.0))
                && score > worst.0
            {
                *worst = (score, j);
            }
        }
        touched.clear();
        for src in sources_hit.drain(..) {
            for (_, j) in best[src].drain(..) {
                let key = ((i as u32).min(j), (i as u32).max(j));
                pairs.scores.entry(key).or_insert_with(|| {
                    sentence_similarity(s, &corpus.sentences[j as usize], params)
                });
            }
        }
    }
    pairs
}

fn weight_of(s: &super::features::SentenceFeatures, term: u64) -> f32 {
    s.words
        .0
        .binary_search_by_key(&term, |e| e.0)
        .map(|k| s.words.0[k].1)
        .unwrap_or(0.0)
}
