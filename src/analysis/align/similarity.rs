//! The sentence similarity: a blend of the word and character n-gram
//! cosines of two sentences' features, damped when they name different
//! things.

use super::Params;
use super::features::SentenceFeatures;

/// Similarity of two sentences in 0..=1: a blend of the content-word cosine
/// (exact stems, entities and numbers weighted up) and the character n-gram
/// cosine (spelling variants, shared word parts).
pub(crate) fn sentence_similarity(
    a: &SentenceFeatures,
    b: &SentenceFeatures,
    params: &Params,
) -> f32 {
    let words = a.words.dot(&b.words);
    let chars = a.chars.dot(&b.chars);
    let blend = params.word_weight * words + (1.0 - params.word_weight) * chars;
    (blend * entity_agreement(a, b, params)).clamp(0.0, 1.0)
}

/// 1 when the sentences share their names (or one has none); down to
/// `params.entity_mismatch` when both name things and share none: "England
/// qualified" and "Italy qualified" are different facts.
pub(crate) fn entity_agreement(a: &SentenceFeatures, b: &SentenceFeatures, params: &Params) -> f32 {
    let (x, y) = (&a.entities, &b.entities);
    if x.is_empty() || y.is_empty() {
        return 1.0;
    }
    let shared = x.iter().filter(|e| y.binary_search(e).is_ok()).count();
    let overlap = shared as f32 / x.len().min(y.len()) as f32;
    params.entity_mismatch + (1.0 - params.entity_mismatch) * overlap.min(1.0)
}
