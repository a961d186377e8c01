//! The floor of the detectors: [`Ctx`], read access to the sources and the
//! alignment, with the lookups every recognizer and detector needs (body
//! sentences and their tokens, links by sentence pair, the groups holding a
//! sentence, counterparts of a sentence in another source). It depends on
//! the model and the text layer only.

use std::cell::OnceCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::model::{
    Alignment, DiffOp, Group, GroupId, Mention, Paragraph, SentenceLink, SentenceRef, Source,
    SourceId, Span,
};
use crate::text::lexicon::{Words, words};
use crate::text::{Stems, Tok, segment_span};

/// Read access to the sources and alignment, with the lookups every
/// detector needs.
pub(crate) struct Ctx<'a> {
    pub(crate) sources: &'a [Source],
    pub(crate) alignment: &'a Alignment,
    /// Reference date per source: its own, else the most common date of the
    /// others (relative dates need one).
    pub(crate) dates: Vec<Option<NaiveDate>>,
    /// Links by sentence pair (ordered so that `a.source < b.source`); only
    /// links whose ends and diff spans lie in the texts (checked once here,
    /// so the detectors slice with them freely).
    links: FxHashMap<(SentenceRef, SentenceRef), &'a SentenceLink>,
    /// The same links with their groups, in alignment order.
    linked: Vec<(&'a Group, &'a SentenceLink)>,
    /// Tokens of every body sentence, with what the detectors derive from
    /// them (filled on first use), shared by the detectors.
    tokens: FxHashMap<SentenceRef, SentenceData<'a>>,
    stems: Stems,
    /// The first group (in alignment order) whose sentences hold each
    /// sentence, built on first use.
    holding: OnceCell<FxHashMap<SentenceRef, GroupId>>,
    /// Content-stem weights and each paragraph's stems, for
    /// [`Ctx::has_counterpart`], built on first use.
    counterparts: OnceCell<CounterpartIndex>,
}

/// What [`Ctx::has_counterpart`] reads: how rare each content stem is across
/// the document set, and each body paragraph's distinct content stems.
#[derive(Default)]
struct CounterpartIndex {
    /// Stem ids.
    ids: FxHashMap<String, u32>,
    /// Inverse sentence frequency of each stem id, `ln(1 + n / df)`.
    weight: Vec<f64>,
    /// Per source: for each stem id, the windows that hold it. A window is
    /// a body paragraph, or two adjacent body paragraphs (a fact split over
    /// two paragraphs); `windows[source]` counts them.
    postings: Vec<FxHashMap<u32, Vec<u32>>>,
    windows: Vec<usize>,
}

/// Share of a sentence's content weight that another source must carry in
/// one paragraph (or two adjacent ones) for the fact to count as present
/// there: the fact is paraphrased, folded into a longer sentence, or split.
/// Calibrated on the real-text benchmark's tuning events (see README,
/// "Measured on real reporting").
pub(crate) const COUNTERPART_SHARE: f64 = 0.5;

/// A body sentence whose span lies in its paragraph's text (checked once,
/// in [`Ctx::new`]): its tokens, and what is derived from them on first use.
struct SentenceData<'a> {
    paragraph: &'a Paragraph,
    span: Span,
    tokens: Vec<Tok<'a>>,
    /// Content stems (see [`Ctx::content`]).
    content: OnceCell<Vec<String>>,
    /// Page furniture (see [`Ctx::is_furniture`]).
    furniture: OnceCell<bool>,
}

/// Two sentences of different sources that a group puts together, with the
/// alignment's link between them when it made one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair<'a> {
    pub(crate) group: GroupId,
    pub(crate) a: SentenceRef,
    pub(crate) b: SentenceRef,
    pub(crate) link: Option<&'a SentenceLink>,
    /// The link's word diff (checked, see [`Ctx::diff`]); empty without a link.
    pub(crate) diff: &'a [DiffOp],
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(sources: &'a [Source], alignment: &'a Alignment) -> Self {
        let mut counts: HashMap<NaiveDate, usize> = HashMap::new();
        for d in sources.iter().filter_map(|s| s.date) {
            *counts.entry(d).or_default() += 1;
        }
        let common = counts
            .into_iter()
            .max_by_key(|(d, n)| (*n, std::cmp::Reverse(*d)))
            .map(|(d, _)| d);
        let dates = sources.iter().map(|s| s.date.or(common)).collect();
        let mut tokens = FxHashMap::default();
        for source in sources {
            for p in source.body() {
                for (i, span) in p.sentences.iter().enumerate() {
                    if span.check(&p.text).is_ok() {
                        let r = SentenceRef {
                            source: source.id,
                            paragraph: p.index,
                            sentence: i,
                        };
                        let data = SentenceData {
                            paragraph: p,
                            span: *span,
                            tokens: segment_span(&p.text, *span),
                            content: OnceCell::new(),
                            furniture: OnceCell::new(),
                        };
                        tokens.insert(r, data);
                    }
                }
            }
        }
        let mut ctx = Ctx {
            sources,
            alignment,
            dates,
            links: FxHashMap::default(),
            linked: Vec::new(),
            tokens,
            stems: Stems::default(),
            holding: OnceCell::new(),
            counterparts: OnceCell::new(),
        };
        for (group, link) in alignment.links() {
            if !ctx.diff_fits(link) {
                continue;
            }
            let key = if link.a.source <= link.b.source {
                (link.a, link.b)
            } else {
                (link.b, link.a)
            };
            ctx.links.insert(key, link);
            ctx.linked.push((group, link));
        }
        ctx
    }

    /// True when both ends of a link are body sentences and every span of
    /// its word diff lies in their paragraphs' texts.
    fn diff_fits(&self, link: &SentenceLink) -> bool {
        let (Some((pa, _)), Some((pb, _))) = (self.sentence(link.a), self.sentence(link.b)) else {
            return false;
        };
        link.diff
            .iter()
            .all(|op| op.a.check(&pa.text).is_ok() && op.b.check(&pb.text).is_ok())
    }

    /// The alignment's links whose spans were checked (see [`Ctx::new`]),
    /// with their groups, in alignment order.
    pub(crate) fn links(&self) -> impl Iterator<Item = (&'a Group, &'a SentenceLink)> + '_ {
        self.linked.iter().copied()
    }

    /// The tokens of a body sentence (empty when it does not resolve).
    pub(crate) fn tokens(&self, r: SentenceRef) -> &[Tok<'a>] {
        self.tokens.get(&r).map_or(&[], |d| d.tokens.as_slice())
    }

    /// The shared stemmer (it remembers every word it has stemmed).
    pub(crate) fn stems(&self) -> &Stems {
        &self.stems
    }

    /// True when `source` plausibly states what sentence `r` states: the
    /// alignment puts their paragraphs in one sub-event, or one of its body
    /// paragraphs, or two adjacent ones, holds at least
    /// [`COUNTERPART_SHARE`] of the sentence's content words, weighted by
    /// rarity (a shared "Trump" counts little, a shared "filibuster" much).
    /// Omissions ask this before they say "not in X": the alignment links
    /// claims precisely, and a fact can be present without a link
    /// (paraphrased inside a longer sentence, split, folded into a lede).
    pub(crate) fn has_counterpart(&self, r: SentenceRef, source: SourceId) -> bool {
        self.in_sub_event_with(r, source) || self.carries(r, source)
    }

    /// True when `source` carries the words of sentence `r`: at least
    /// [`COUNTERPART_SHARE`] of its weighted content in one paragraph or two
    /// adjacent ones (the lexical half of [`Ctx::has_counterpart`]).
    pub(crate) fn carries(&self, r: SentenceRef, source: SourceId) -> bool {
        self.counterpart_share(r, source) >= COUNTERPART_SHARE
    }

    /// True when the alignment puts `r`'s paragraph in a sub-event that
    /// `source` has a paragraph in: `source` reports the same happening.
    pub(crate) fn in_sub_event_with(&self, r: SentenceRef, source: SourceId) -> bool {
        self.alignment.sub_events.iter().any(|e| {
            e.members
                .iter()
                .any(|m| m.source == r.source && m.paragraph == r.paragraph)
                && e.members.iter().any(|m| m.source == source)
        })
    }

    /// The best share of `r`'s content weight found in `source` (0..=1).
    pub(crate) fn counterpart_share(&self, r: SentenceRef, source: SourceId) -> f64 {
        let index = self.counterparts.get_or_init(|| self.counterpart_index());
        let mut terms: Vec<u32> = self
            .content(r)
            .iter()
            .filter_map(|w| index.ids.get(w).copied())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let total: f64 = terms.iter().map(|&t| index.weight[t as usize]).sum();
        let (Some(postings), Some(&windows)) =
            (index.postings.get(source.0), index.windows.get(source.0))
        else {
            return 0.0;
        };
        if total <= 0.0 || windows == 0 {
            return 0.0;
        }
        let mut acc = vec![0.0; windows];
        for &t in &terms {
            for &w in postings.get(&t).map_or(&[][..], Vec::as_slice) {
                acc[w as usize] += index.weight[t as usize];
            }
        }
        acc.into_iter().fold(0.0, f64::max) / total
    }

    fn counterpart_index(&self) -> CounterpartIndex {
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut df: Vec<usize> = Vec::new();
        let mut n = 0usize;
        let mut postings = Vec::new();
        let mut windows = Vec::new();
        for source in self.sources {
            let mut own: Vec<Vec<u32>> = Vec::new();
            for p in source.body() {
                let mut stems: Vec<u32> = Vec::new();
                for k in 0..p.sentences.len() {
                    let r = SentenceRef {
                        source: source.id,
                        paragraph: p.index,
                        sentence: k,
                    };
                    let mut distinct: Vec<u32> = self
                        .content(r)
                        .iter()
                        .map(|w| match ids.get(w.as_str()) {
                            Some(&id) => id,
                            None => {
                                let next = ids.len() as u32;
                                ids.insert(w.clone(), next);
                                next
                            }
                        })
                        .collect();
                    distinct.sort_unstable();
                    distinct.dedup();
                    n += 1;
                    for &t in &distinct {
                        if df.len() <= t as usize {
                            df.resize(t as usize + 1, 0);
                        }
                        df[t as usize] += 1;
                    }
                    stems.extend(distinct);
                }
                stems.sort_unstable();
                stems.dedup();
                own.push(stems);
            }
            let mut map: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
            let mut add = |w: usize, terms: &[u32]| {
                for &t in terms {
                    map.entry(t).or_default().push(w as u32);
                }
            };
            for (w, terms) in own.iter().enumerate() {
                add(w, terms);
            }
            for (k, pair) in own.windows(2).enumerate() {
                let mut union: Vec<u32> = pair[0].iter().chain(&pair[1]).copied().collect();
                union.sort_unstable();
                union.dedup();
                add(own.len() + k, &union);
            }
            windows.push(own.len() + own.len().saturating_sub(1));
            postings.push(map);
        }
        let weight = df
            .into_iter()
            .map(|d| (1.0 + n as f64 / d.max(1) as f64).ln())
            .collect();
        CounterpartIndex {
            ids,
            weight,
            postings,
            windows,
        }
    }

    /// Content stems of a body sentence (no stop words, no numbers).
    pub(crate) fn content(&self, r: SentenceRef) -> &[String] {
        self.tokens.get(&r).map_or(&[], |d| {
            d.content
                .get_or_init(|| self.stems.content(&d.tokens))
                .as_slice()
        })
    }

    /// The word diff of a link: the alignment's own (the one word diff,
    /// [`crate::text::diff`]); for the links of [`Ctx::links`] and
    /// [`Ctx::link`] its spans were checked in [`Ctx::new`].
    pub(crate) fn diff<'s>(&'s self, link: &'s SentenceLink) -> &'s [DiffOp] {
        &link.diff
    }

    /// True when the alignment flags one of the two sources as a rewrite or
    /// near-copy of the other (their agreement is not independent, and
    /// their paraphrases of each other are expected).
    pub(crate) fn rewrite_pair(&self, a: SourceId, b: SourceId) -> bool {
        self.alignment.relations.iter().any(|r| {
            r.rewrite_of.as_ref().is_some_and(|w| {
                (w.derived == a && w.original == b) || (w.derived == b && w.original == a)
            })
        })
    }

    /// The body paragraph `paragraph` of `source`, if it exists and is body.
    pub(crate) fn paragraph(&self, source: SourceId, paragraph: usize) -> Option<&'a Paragraph> {
        self.sources
            .get(source.0)?
            .paragraphs
            .get(paragraph)
            .filter(|p| p.kind.is_body())
    }

    /// The paragraph and sentence span of a body sentence (its span checked
    /// once, in [`Ctx::new`]); `None` when it does not resolve.
    pub(crate) fn sentence(&self, r: SentenceRef) -> Option<(&'a Paragraph, Span)> {
        self.tokens.get(&r).map(|d| (d.paragraph, d.span))
    }

    /// True for a sentence that is page furniture left in a body paragraph:
    /// photo credits, video players, reading times, timestamps. Such
    /// sentences are never compared or reported.
    pub(crate) fn is_furniture(&self, r: SentenceRef) -> bool {
        self.tokens
            .get(&r)
            .is_some_and(|d| *d.furniture.get_or_init(|| furniture(self.sentence_text(r))))
    }

    /// The sentence text of a reference ("" when it does not resolve).
    pub(crate) fn sentence_text(&self, r: SentenceRef) -> &'a str {
        self.sentence(r).map_or("", |(p, s)| s.slice(&p.text))
    }

    /// Display name of a source.
    pub(crate) fn name(&self, source: SourceId) -> &'a str {
        self.sources.get(source.0).map_or("?", |s| s.name.as_str())
    }

    /// The alignment's link between two sentences, either way round.
    pub(crate) fn link(&self, a: SentenceRef, b: SentenceRef) -> Option<&'a SentenceLink> {
        let key = if a.source <= b.source { (a, b) } else { (b, a) };
        self.links.get(&key).copied()
    }

    /// A byte-exact mention of `span` in a body paragraph (`None` when the
    /// span does not lie in its text, see [`Mention::new`]).
    pub(crate) fn mention(
        &self,
        source: SourceId,
        paragraph: usize,
        span: Span,
    ) -> Option<Mention> {
        let p = self.paragraph(source, paragraph)?;
        Mention::new(source, paragraph, &p.text, span).ok()
    }

    /// Body sentences of a group's members (all sentences of a member that
    /// lists none).
    pub(crate) fn group_sentences(&self, group: &Group) -> Vec<SentenceRef> {
        let mut out = Vec::new();
        for m in &group.members {
            let Some(p) = self.paragraph(m.source, m.paragraph) else {
                continue;
            };
            let indices: Vec<usize> = if m.sentences.is_empty() {
                (0..p.sentences.len()).collect()
            } else {
                m.sentences.clone()
            };
            for sentence in indices.into_iter().filter(|s| *s < p.sentences.len()) {
                out.push(SentenceRef {
                    source: m.source,
                    paragraph: m.paragraph,
                    sentence,
                });
            }
        }
        for link in &group.links {
            for r in [link.a, link.b] {
                if self.sentence(r).is_some() {
                    out.push(r);
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The first group whose [`Ctx::group_sentences`] hold `r`.
    pub(crate) fn group_holding(&self, r: SentenceRef) -> Option<GroupId> {
        let holding = self.holding.get_or_init(|| {
            let mut holding = FxHashMap::default();
            for group in &self.alignment.groups {
                for s in self.group_sentences(group) {
                    holding.entry(s).or_insert(group.id);
                }
            }
            holding
        });
        holding.get(&r).copied()
    }

    /// The group holding a sentence's paragraph, if any.
    pub(crate) fn group_at(&self, r: SentenceRef) -> Option<GroupId> {
        self.alignment
            .groups
            .iter()
            .find(|g| {
                g.members
                    .iter()
                    .any(|m| m.source == r.source && m.paragraph == r.paragraph)
            })
            .map(|g| g.id)
    }

    /// Every body sentence of every source, in reading order.
    pub(crate) fn body_sentences(&self) -> impl Iterator<Item = SentenceRef> + '_ {
        self.sources.iter().flat_map(|source| {
            source.body().flat_map(move |p| {
                (0..p.sentences.len()).map(move |sentence| SentenceRef {
                    source: source.id,
                    paragraph: p.index,
                    sentence,
                })
            })
        })
    }

    /// Every cross-source sentence pair of every group.
    pub(crate) fn pairs(&self) -> Vec<Pair<'_>> {
        let mut out = Vec::new();
        for group in &self.alignment.groups {
            let sentences = self.group_sentences(group);
            for (i, a) in sentences.iter().enumerate() {
                for b in &sentences[i + 1..] {
                    if a.source != b.source {
                        let link = self.link(*a, *b);
                        out.push(Pair {
                            group: group.id,
                            a: *a,
                            b: *b,
                            link,
                            diff: link.map_or(&[][..], |l| self.diff(l)),
                        });
                    }
                }
            }
        }
        out
    }
}

/// True when a sentence carries a furniture marker.
pub(crate) fn furniture(sentence: &str) -> bool {
    words(Words::TextFurnitureMarkers)
        .iter()
        .any(|m| sentence.contains(m))
}
