//! Alignment of body paragraphs across sources, by content, in any order.
//!
//! The pipeline, one module per concern:
//! 1. `features`: every body sentence becomes two unit vectors over the
//!    comparison at hand: IDF-weighted content-word keys (stemmed, stop words
//!    out, names/acronyms and numbers weighted up) and IDF-weighted character
//!    4-grams of the content words (spelling variants, shared word parts).
//! 2. `index`: an inverted index over the rarer terms proposes candidate
//!    partners per sentence and source (those within half of the
//!    sentence's best candidate); only those are scored (`similarity`),
//!    so cost grows close to linearly with the text. `context` credits
//!    the best sentence pair of mutually best, similar paragraphs.
//! 3. `grouping`: strong or mutual-best pairs become links; average-link
//!    clustering over the links forms cohesive clusters of sentences (one
//!    claim or sub-event each), resisting chaining.
//! 4. Clusters spanning two or more sources become [`Group`]s of paragraphs
//!    (a paragraph whose sentences report two things joins two groups), with
//!    every cross-source sentence pair of a cluster linked and word-diffed.
//! 5. `relations`: pairwise coverage, rewrite flags and the kind of relation
//!    (one event, a later report, a part, a different event, a rewrite, the
//!    same text) from the links and the sources' profiles (`event`).
//!
//! Design reading (ideas, not code): Nelken & Shieber 2006 (sentence
//! alignment of comparable texts without order), CATS "closest" alignment
//! with character n-gram TF-IDF, SuperPAL (proposition-level alignment).

mod context;
pub mod event;
mod features;
mod grouping;
mod index;
pub mod overview;
mod relations;
mod similarity;
mod sparse;
mod subevents;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Alignment, DiffOp, Group, GroupId, Member, SentenceLink, SentenceRef, Source};
use crate::text::diff::{TokenInterner, Tokenized, to_bytes, token_diff};

use features::Corpus;
pub use overview::{Overview, Role};

/// The knobs of the aligner. [`Params::default`] holds the values tuned on
/// generated rewrites of the fixture articles and on the tuning events of
/// `tests/fixtures/events/` (never on the bundled corpus or the held-out
/// events).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Weight of the word cosine in the blend with the char n-gram cosine.
    pub word_weight: f32,
    /// Weight multiplier of names and acronyms.
    pub entity_boost: f32,
    /// Weight multiplier of numbers.
    pub number_boost: f32,
    /// A pair at least this similar is linked outright.
    pub strong_link: f32,
    /// A mutual-best pair at least this similar is linked.
    pub weak_link: f32,
    /// Weak links need both ends to be each other's best (else either).
    pub mutual_best: bool,
    /// "Best" allows this fraction of the best similarity (1.0: strictly
    /// the best), so a claim split over two sentences links to both.
    pub near_best: f32,
    /// Minimum average-link similarity for two clusters to merge.
    pub cluster_cohesion: f32,
    /// Candidates kept per sentence and other source.
    pub candidates_per_source: usize,
    /// Minimum accumulated index score for a candidate.
    pub min_candidate_score: f32,
    /// A candidate's index score must also reach this share of the
    /// sentence's best candidate score in any source.
    pub candidate_share: f32,
    /// Terms in more sentences than max(`max_posting`, n / `posting_divisor`)
    /// do not propose candidates (they still count in the similarity).
    pub max_posting: usize,
    /// See `max_posting`.
    pub posting_divisor: usize,
    /// Rewrite flag: minimum share of the derived body with a counterpart.
    pub rewrite_coverage: f64,
    /// Rewrite flag: minimum mean similarity of those counterparts.
    pub rewrite_similarity: f64,
    /// Rewrite flag: minimum share of consecutive counterparts kept in order.
    pub rewrite_order: f64,
    /// Near-copy (rather than rewrite): coverage and similarity floors.
    pub near_copy_coverage: f64,
    /// See `near_copy_coverage`.
    pub near_copy_similarity: f64,
    /// IDF is ln(`idf_offset` + n / df) over the n body sentences compared.
    pub idf_offset: f32,
    /// Similarity factor when both sentences name things and share no name.
    pub entity_mismatch: f32,
    /// A sentence also joins another cluster when its average similarity
    /// to it reaches this (1.0 disables).
    pub attach_cohesion: f32,
    /// Mutually best paragraphs at least this similar as wholes credit
    /// their best sentence pair (see `context`).
    pub paragraph_link: f32,
    /// The credit: this times the paragraph similarity (0 disables).
    pub paragraph_weight: f32,
    /// Sub-events: a paragraph joins the sub-event of its best-matching
    /// paragraph in another source when the two are each other's best match
    /// there and at least this similar as wholes (1.0 or more: sub-events are
    /// the claim groups alone).
    pub sub_event_link: f32,
    /// ... and when it reaches this share of the best similarity of either
    /// paragraph in the other's source (1.0: only best matches).
    pub sub_event_share: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            word_weight: 0.6,
            entity_boost: 1.5,
            number_boost: 1.5,
            strong_link: 0.5,
            weak_link: 0.2,
            near_best: 0.8,
            mutual_best: true,
            cluster_cohesion: 0.2,
            candidates_per_source: 1,
            min_candidate_score: 0.02,
            candidate_share: 0.5,
            max_posting: 64,
            posting_divisor: 20,
            rewrite_coverage: 0.5,
            rewrite_similarity: 0.5,
            rewrite_order: 0.6,
            near_copy_coverage: 0.8,
            near_copy_similarity: 0.85,
            idf_offset: 1.0,
            entity_mismatch: 0.5,
            attach_cohesion: 0.3,
            paragraph_link: 0.2,
            paragraph_weight: 1.2,
            sub_event_link: 0.15,
            sub_event_share: 0.5,
        }
    }
}

/// Groups the body paragraphs of `sources` that report the same thing,
/// links their sentences with word diffs, and relates the sources pairwise.
pub fn align(sources: &[Source]) -> Alignment {
    align_with(sources, &Params::default())
}

/// [`align`] with explicit parameters (for evaluation and tuning).
pub fn align_with(sources: &[Source], params: &Params) -> Alignment {
    let corpus = Corpus::build(sources, params);
    let mut pairs = index::candidate_pairs(&corpus, params);
    context::credit_paragraph_pairs(&corpus, &mut pairs, params);
    let edges = grouping::select_links(&corpus, &pairs, params);
    let mut clusters = grouping::cluster(&corpus, &mut pairs, &edges, params);
    grouping::attach(&corpus, &mut pairs, &mut clusters, params);
    let mut differ = Differ::new(sources);
    let groups = build_groups(&corpus, &clusters, params, &mut differ);
    let links: Vec<&SentenceLink> = groups.iter().flat_map(|g| &g.links).collect();
    let sub_events = subevents::sub_events(&corpus, &groups, params);
    let relations = relations::relations(sources, &corpus, &sub_events, &links, params);
    Alignment {
        groups,
        sub_events,
        relations,
    }
}

/// Turns sentence clusters into paragraph groups; clusters over the same
/// paragraphs become one group.
fn build_groups(
    corpus: &Corpus,
    clusters: &[Vec<u32>],
    params: &Params,
    differ: &mut Differ<'_>,
) -> Vec<Group> {
    let mut by_members: BTreeMap<Vec<(usize, usize)>, Vec<&Vec<u32>>> = BTreeMap::new();
    for cluster in clusters {
        let mut paragraphs: Vec<(usize, usize)> = cluster
            .iter()
            .map(|&i| {
                let at = corpus.sentences[i as usize].at;
                (at.source.0, at.paragraph)
            })
            .collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let mut distinct: Vec<usize> = paragraphs.iter().map(|p| p.0).collect();
        distinct.dedup();
        if distinct.len() >= 2 {
            by_members.entry(paragraphs).or_default().push(cluster);
        }
    }
    let mut groups: Vec<Group> = by_members
        .into_values()
        .map(|parts| make_group(differ, corpus, &parts, params))
        .collect();
    groups.sort_by(|a, b| {
        let key = |g: &Group| g.members.first().map(|m| (m.source, m.paragraph));
        key(a).cmp(&key(b)).then(b.score.total_cmp(&a.score))
    });
    for (k, g) in groups.iter_mut().enumerate() {
        g.id = GroupId(k);
    }
    groups
}

fn make_group(
    differ: &mut Differ<'_>,
    corpus: &Corpus,
    parts: &[&Vec<u32>],
    params: &Params,
) -> Group {
    let mut members: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    let mut links = Vec::new();
    for cluster in parts {
        for &i in cluster.iter() {
            let at = corpus.sentences[i as usize].at;
            members
                .entry((at.source.0, at.paragraph))
                .or_default()
                .push(at.sentence);
        }
        for (x, &i) in cluster.iter().enumerate() {
            for &j in &cluster[x + 1..] {
                let (si, sj) = (&corpus.sentences[i as usize], &corpus.sentences[j as usize]);
                if si.at.source == sj.at.source {
                    continue;
                }
                // the sentences' own similarity: a paragraph-context credit
                // decides linking, but is not what the two sentences share
                let sim = similarity::sentence_similarity(si, sj, params);
                links.push(differ.link(si.at, sj.at, sim));
            }
        }
    }
    links.sort_by_key(|l| (l.a, l.b));
    let score = if links.is_empty() {
        0.0
    } else {
        links.iter().map(|l| l.similarity).sum::<f64>() / links.len() as f64
    };
    let members = members
        .into_iter()
        .map(|((source, paragraph), mut sentences)| {
            sentences.sort_unstable();
            sentences.dedup();
            Member {
                source: crate::model::SourceId(source),
                paragraph,
                sentences,
            }
        })
        .collect();
    Group {
        id: GroupId(0),
        label: label(corpus, parts),
        score,
        members,
        links,
    }
}

/// Builds sentence links with word diffs, tokenizing each sentence once.
///
/// The same sentence often appears word for word in several sources (wire
/// copy, a rewrite that keeps most sentences), so a cluster links the same
/// pair of texts again and again. A diff depends only on the two texts
/// (their tokens and the interner's ids for them), so it is computed once per
/// pair of distinct texts, kept in token positions, and mapped to each
/// link's byte offsets.
struct Differ<'s> {
    sources: &'s [Source],
    interner: TokenInterner<'s>,
    /// Tokens of each sentence, and the id of its text in `texts`.
    tokens: HashMap<SentenceRef, (Tokenized, u32)>,
    /// Distinct sentence texts.
    texts: HashMap<&'s str, u32>,
    /// Diffs in token positions by pair of text ids.
    diffs: HashMap<(u32, u32), Vec<DiffOp>>,
}

impl<'s> Differ<'s> {
    fn new(sources: &'s [Source]) -> Self {
        Differ {
            sources,
            interner: TokenInterner::default(),
            tokens: HashMap::default(),
            texts: HashMap::default(),
            diffs: HashMap::default(),
        }
    }

    fn text(&self, r: SentenceRef) -> &'s str {
        &self.sources[r.source.0].paragraphs[r.paragraph].text
    }

    fn tokenize(&mut self, r: SentenceRef) {
        if !self.tokens.contains_key(&r) {
            let paragraph = &self.sources[r.source.0].paragraphs[r.paragraph];
            let span = paragraph.sentences[r.sentence];
            let t = self.interner.tokenize(&paragraph.text, span);
            let next = self.texts.len() as u32;
            let text = *self
                .texts
                .entry(span.slice(&paragraph.text))
                .or_insert(next);
            self.tokens.insert(r, (t, text));
        }
    }

    /// A sentence link with its word diff; `a` is the lower source.
    fn link(&mut self, x: SentenceRef, y: SentenceRef, similarity: f32) -> SentenceLink {
        let (a, b) = if x.source < y.source { (x, y) } else { (y, x) };
        self.tokenize(a);
        self.tokenize(b);
        let ((ta, text_a), (tb, text_b)) = (&self.tokens[&a], &self.tokens[&b]);
        let text = self.text(a);
        let ops = self
            .diffs
            .entry((*text_a, *text_b))
            .or_insert_with(|| token_diff(text, ta, tb));
        SentenceLink {
            a,
            b,
            similarity: f64::from(similarity).clamp(0.0, 1.0),
            diff: to_bytes(ops, ta, tb),
        }
    }
}

/// The group's most salient shared terms: summed weight over the group's
/// sentences, counting only terms found in two or more sources and written
/// in the text (not initials derived from names); names, acronyms and
/// numbers first.
fn label(corpus: &Corpus, parts: &[&Vec<u32>]) -> String {
    let mut weight: HashMap<u32, (f32, Vec<usize>)> = HashMap::default();
    for &i in parts.iter().flat_map(|c| c.iter()) {
        let s = &corpus.sentences[i as usize];
        for &(term, w) in &s.terms {
            let e = weight.entry(term).or_default();
            e.0 += w;
            if !e.1.contains(&s.at.source.0) {
                e.1.push(s.at.source.0);
            }
        }
    }
    let mut terms: Vec<(bool, f32, u32)> = weight
        .into_iter()
        .filter(|(t, (_, srcs))| srcs.len() >= 2 && corpus.literal[*t as usize])
        .map(|(t, (w, _))| (corpus.strong[t as usize], w, t))
        .collect();
    terms.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    terms
        .iter()
        .take(4)
        .map(|&(_, _, t)| corpus.surface[t as usize].as_str())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Diagnostics: the aligner's view of one comparison, built once and then
/// asked about any pair of sentences or paragraphs (whether or not the
/// index proposed them).
pub struct Explainer {
    corpus: Corpus,
    params: Params,
    at: HashMap<SentenceRef, usize>,
    paragraphs: HashMap<(usize, usize), sparse::SparseVec>,
}

impl Explainer {
    /// Extracts the features of `sources` as [`align_with`] does.
    pub fn new(sources: &[Source], params: &Params) -> Self {
        let corpus = Corpus::build(sources, params);
        let at = corpus
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (s.at, i))
            .collect();
        let paragraphs =
            context::paragraph_vectors(&corpus, &context::paragraph_sentences(&corpus));
        Explainer {
            corpus,
            params: params.clone(),
            at,
            paragraphs,
        }
    }

    /// The similarity of two body sentences, with the word and character
    /// cosines; `None` if either is not a body sentence.
    pub fn sentences(&self, a: SentenceRef, b: SentenceRef) -> Option<(f64, f64, f64)> {
        let find = |r: SentenceRef| self.at.get(&r).map(|&i| &self.corpus.sentences[i]);
        let (x, y) = (find(a)?, find(b)?);
        Some((
            f64::from(similarity::sentence_similarity(x, y, &self.params)),
            f64::from(x.words.dot(&y.words)),
            f64::from(x.chars.dot(&y.chars)),
        ))
    }

    /// The cosine of two body paragraphs' weighted term vectors (`(source
    /// index, paragraph index)` each); `None` if either has no body sentence.
    pub fn paragraphs(&self, a: (usize, usize), b: (usize, usize)) -> Option<f64> {
        Some(f64::from(
            self.paragraphs.get(&a)?.dot(self.paragraphs.get(&b)?),
        ))
    }
}

/// Diagnostics: every candidate pair the index proposed, with its similarity,
/// best first.
pub fn scored_pairs(sources: &[Source], params: &Params) -> Vec<(SentenceRef, SentenceRef, f64)> {
    let corpus = Corpus::build(sources, params);
    let pairs = index::candidate_pairs(&corpus, params);
    let mut out: Vec<_> = pairs
        .scores
        .iter()
        .map(|(&(i, j), &s)| {
            (
                corpus.sentences[i as usize].at,
                corpus.sentences[j as usize].at,
                f64::from(s),
            )
        })
        .collect();
    out.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    out
}
