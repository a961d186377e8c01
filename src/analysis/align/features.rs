//! Sentence features for alignment: IDF-weighted content-word vectors and
//! character n-gram vectors, computed over the comparison at hand.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{SentenceRef, Source};
use crate::text::tokens::us_spelling;
use crate::text::{Stems, Token, TokenKind, tokenize_memo};

use super::Params;
use super::sparse::SparseVec;

/// One body sentence of one source, ready for comparison.
#[derive(Debug, Clone)]
pub(crate) struct SentenceFeatures {
    pub(crate) at: SentenceRef,
    /// Position of the sentence among its source's body sentences.
    pub(crate) ordinal: usize,
    /// IDF-weighted content-word keys (term ids), L2-normalized.
    pub(crate) words: SparseVec,
    /// IDF-weighted character 4-grams of the content words, L2-normalized.
    pub(crate) chars: SparseVec,
    /// Term ids of the names and acronyms in the sentence, sorted.
    pub(crate) entities: Vec<u32>,
    /// Content terms with their surface forms, for labels.
    pub(crate) terms: Vec<(u32, f32)>,
}

/// All body sentences of a comparison, with the vocabulary they share.
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    pub(crate) sentences: Vec<SentenceFeatures>,
    /// Term id -> a surface form seen in the text (for labels).
    pub(crate) surface: Vec<String>,
    /// Term id -> number of sentences containing it.
    pub(crate) df: Vec<u32>,
    /// Term id -> true for names, acronyms and numbers.
    pub(crate) strong: Vec<bool>,
    /// Term id -> true when the term occurs as a word of the text (false
    /// for initials derived from a name, "QG" for "Qin Gang", until the
    /// text itself writes them).
    pub(crate) literal: Vec<bool>,
    /// Body sentence count per source.
    pub(crate) per_source: Vec<usize>,
}

struct RawSentence {
    at: SentenceRef,
    ordinal: usize,
    entities: Vec<u32>,
    words: Vec<(u32, f32)>,
    grams: Vec<u64>,
}

impl Corpus {
    /// Extracts and weights the features of every body sentence.
    pub(crate) fn build(sources: &[Source], params: &Params) -> Corpus {
        let mut vocab: HashMap<String, u32> = HashMap::default();
        let mut corpus = Corpus {
            per_source: vec![0; sources.len()],
            ..Corpus::default()
        };
        let mut raw = Vec::new();
        let stems = Stems::default();
        let mut gram_df: HashMap<u64, u32> = HashMap::default();
        for (s, source) in sources.iter().enumerate() {
            for paragraph in source.body() {
                for (k, span) in paragraph.sentences.iter().enumerate() {
                    let text = span.slice(&paragraph.text);
                    let at = SentenceRef {
                        source: source.id,
                        paragraph: paragraph.index,
                        sentence: k,
                    };
                    let sentence = corpus.raw_sentence(
                        text,
                        at,
                        corpus.per_source[s],
                        &mut vocab,
                        &stems,
                        params,
                    );
                    if sentence.words.is_empty() {
                        continue;
                    }
                    for g in &sentence.grams {
                        *gram_df.entry(*g).or_default() += 1;
                    }
                    corpus.per_source[s] += 1;
                    raw.push(sentence);
                }
            }
        }
        let n = raw.len() as f32;
        let idf = |df: u32| (params.idf_offset + n / df.max(1) as f32).ln().max(0.01);
        corpus.sentences = raw
            .into_iter()
            .map(|r| {
                let words: Vec<(u64, f32)> = r
                    .words
                    .iter()
                    .map(|&(t, boost)| (u64::from(t), boost * idf(corpus.df[t as usize])))
                    .collect();
                let chars: Vec<(u64, f32)> =
                    r.grams.iter().map(|g| (*g, idf(gram_df[g]))).collect();
                SentenceFeatures {
                    entities: r.entities,
                    at: r.at,
                    ordinal: r.ordinal,
                    terms: words.iter().map(|&(t, w)| (t as u32, w)).collect(),
                    words: SparseVec::normalized(words),
                    chars: SparseVec::normalized(chars),
                }
            })
            .collect();
        corpus
    }

    /// The id of term `key`, registering it (with a surface form) if new.
    fn term_id(&mut self, key: &str, surface: &str, vocab: &mut HashMap<String, u32>) -> u32 {
        if let Some(id) = vocab.get(key) {
            return *id;
        }
        self.surface.push(surface.to_string());
        self.df.push(0);
        self.strong.push(false);
        self.literal.push(false);
        let id = (self.surface.len() - 1) as u32;
        vocab.insert(key.to_string(), id);
        id
    }

    fn raw_sentence(
        &mut self,
        text: &str,
        at: SentenceRef,
        ordinal: usize,
        vocab: &mut HashMap<String, u32>,
        stems: &Stems,
        params: &Params,
    ) -> RawSentence {
        let mut words: Vec<(u32, f32)> = Vec::new();
        let mut grams = Vec::new();
        let mut entities = Vec::new();
        let tokens = tokenize_memo(text, stems);
        for token in tokens.iter().filter(|t| t.is_content()) {
            let strong = token.is_entity() || token.kind == TokenKind::Number;
            let key = match token.kind {
                TokenKind::Name => name_root(&token.key),
                _ => &token.key,
            };
            let id = self.term_id(key, token.text, vocab);
            self.literal[id as usize] = true;
            if strong {
                self.strong[id as usize] = true;
            }
            if token.is_entity() {
                entities.push(id);
            }
            let boost = match token.kind {
                TokenKind::Number => params.number_boost,
                TokenKind::Name | TokenKind::Acronym => params.entity_boost,
                TokenKind::Word => 1.0,
            };
            match words.iter_mut().find(|(t, _)| *t == id) {
                Some(entry) => entry.1 = entry.1.max(boost),
                None => words.push((id, boost)),
            }
            if token.kind != TokenKind::Number {
                char_grams(&us_spelling(&token.text.to_lowercase()), &mut grams);
            }
        }
        for key in initialisms(&tokens) {
            let id = self.term_id(&key, &key, vocab);
            self.strong[id as usize] = true;
            entities.push(id);
            if !words.iter().any(|(t, _)| *t == id) {
                words.push((id, params.entity_boost));
            }
        }
        for (id, _) in &words {
            self.df[*id as usize] += 1;
        }
        grams.sort_unstable();
        grams.dedup();
        entities.sort_unstable();
        entities.dedup();
        RawSentence {
            at,
            ordinal,
            entities,
            words,
            grams,
        }
    }
}

/// The root of a name's key, so that a country, its people and its
/// adjective share one term ("australia" / "australian", "china" /
/// "chinese", "russia" / "russian", "nepal" / "nepalese" / "nepali"): the
/// longest demonym ending is cut when at least four letters remain.
fn name_root(key: &str) -> &str {
    const ENDINGS: [&str; 9] = ["ese", "ian", "ans", "es", "an", "ia", "a", "e", "i"];
    ENDINGS
        .iter()
        .filter_map(|e| key.strip_suffix(e))
        .find(|root| root.chars().count() >= 4)
        .unwrap_or(key)
}

/// The initials of multi-word names ("United States" → "US", "World Health
/// Organization" → "WHO"; "of", "the", "for" skipped), so a name and
/// its acronym match.
fn initialisms(tokens: &[Token<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    let mut words = 0;
    for t in tokens {
        let joiner = t.stop && matches!(t.text, "of" | "the" | "for") && !run.is_empty();
        if t.kind == TokenKind::Name {
            run.extend(
                t.text
                    .chars()
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase),
            );
            words += 1;
        } else if !joiner {
            if words >= 2 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
            words = 0;
        }
    }
    if words >= 2 {
        out.push(run);
    }
    out
}

/// Appends the hashed character 4-grams of ` word ` (padded with spaces).
fn char_grams(word: &str, out: &mut Vec<u64>) {
    let padded = std::iter::once(' ')
        .chain(word.chars())
        .chain(std::iter::once(' '));
    let mut window = ['\0'; 4];
    for (k, c) in padded.enumerate() {
        window.rotate_left(1);
        window[3] = c;
        if k >= 3 {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for c in window {
                h ^= u64::from(c);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            out.push(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{stem, tokenize};

    #[test]
    fn multi_word_names_yield_their_initials() {
        let of = |text: &str| initialisms(&tokenize(text));
        assert_eq!(of("A balloon over the United States."), vec!["US"]);
        assert_eq!(
            of("Said the World Health Organization and Joe Biden"),
            vec!["WHO", "JB"]
        );
        assert!(of("China said").is_empty());
    }

    #[test]
    fn a_country_and_its_demonym_share_a_root() {
        for (a, b) in [
            ("australia", "australian"),
            ("china", "chinese"),
            ("russia", "russian"),
            ("nepal", "nepalese"),
            ("nepal", "nepali"),
            ("vietnam", "vietnamese"),
            ("korea", "korean"),
        ] {
            let (ka, kb) = (stem(a), stem(b));
            assert_eq!(name_root(&ka), name_root(&kb), "{a} / {b}");
        }
        // too short to cut: "ryan" stays itself
        assert_eq!(name_root("ryan"), "ryan");
    }

    #[test]
    fn spelling_variants_share_most_char_grams() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        char_grams(&us_spelling("stabilising"), &mut a);
        char_grams(&us_spelling("stabilizing"), &mut b);
        assert_eq!(a, b);
        let mut c = Vec::new();
        char_grams("surveillance", &mut c);
        assert!(a.iter().all(|g| !c.contains(g)));
    }
}
