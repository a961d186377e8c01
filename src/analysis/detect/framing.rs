//! Framing: in sentences the alignment linked, the words that differ are
//! classified with the lexicons of `assets/lexicons/`:
//!
//! - `label`: different members of one label set for the same slot ("spy
//!   balloon" / "surveillance balloon");
//! - `attribution`: report verbs of different stance ("said" / "claimed");
//! - `hedge`: an epistemic marker in one sentence and not the other
//!   ("alleged", "reportedly");
//! - `evaluative`: words of different evaluative strength ("acrimonious" /
//!   "strained", "slammed" / "criticized").
//!
//! Spelling variants and rewording outside the lexicons are not framing.
//! Changes inside quotations belong to the quote detector. Changes close to
//! each other in one link are one finding, and findings about the same
//! referent in one group are merged.

use std::borrow::Cow;
use std::collections::HashMap;

use super::ctx::Ctx;
use super::rank::Band;
use super::recognize::quotes::QuoteIndex;
use crate::model::{
    DiffTag, Discrepancy, DiscrepancyKind, GroupId, Mention, SentenceLink, SentenceRef, Span,
    Subkind,
};
use crate::text::lexicon::{Lexicon, spelling_variant};
use crate::text::{Tok, is_stop, lowercase, stem};

/// One classified change in one link.
#[derive(Debug, Clone)]
struct Change {
    subkind: Subkind,
    /// Spans in the a and b paragraphs (phrase around the change).
    a: Span,
    b: Span,
    /// Key of the referent (the head word after the change), for merging.
    referent: String,
    /// What differs, for the summary ("alleged").
    detail: String,
}

/// Priority of subkinds when one change has several readings.
fn priority(subkind: Subkind) -> u8 {
    match subkind {
        Subkind::Label => 4,
        Subkind::Hedge => 3,
        Subkind::Attribution => 2,
        _ => 1,
    }
}

/// Finds framing differences in linked sentences.
pub(crate) fn detect(ctx: &Ctx<'_>, quotes: &QuoteIndex) -> Vec<Discrepancy> {
    let lex = Lexicon::get();
    let mut out: Vec<(GroupId, Change, &SentenceLink)> = Vec::new();
    let mut sents: HashMap<SentenceRef, Sent<'_>> = HashMap::new();
    for (_, link) in ctx.links() {
        for r in [link.a, link.b] {
            if ctx.sentence(r).is_some() {
                sents.entry(r).or_insert_with(|| {
                    Sent::new(
                        ctx.tokens(r).to_vec(),
                        &quotes.spans(r.source, r.paragraph),
                        lex,
                    )
                });
            }
        }
    }
    for (group, link) in ctx.links() {
        let (Some((pa, sa)), Some((pb, sb))) = (ctx.sentence(link.a), ctx.sentence(link.b)) else {
            continue;
        };
        if ctx.is_furniture(link.a) || ctx.is_furniture(link.b) {
            continue;
        }
        let (Some(sent_a), Some(sent_b)) = (sents.get(&link.a), sents.get(&link.b)) else {
            continue;
        };
        let (ta, tb) = (&sent_a.toks, &sent_b.toks);
        let mut changes: Vec<Change> = Vec::new();
        // Most of the words are shared: the sentences are parallel enough
        // for a single changed word to be a choice rather than a rewrite.
        let diff = ctx.diff(link);
        let equal_bytes: usize = diff
            .iter()
            .filter(|o| o.tag == DiffTag::Equal)
            .map(|o| o.a.len())
            .sum();
        let parallel = equal_bytes * 2 >= sa.len().min(sb.len());
        // Labels are looked for over the whole sentences: a diff may pair
        // the words differently, but a label word that only one sentence
        // has, next to the same word as the other's label, is a choice.
        let whole_a = Side::new(sent_a, sa);
        let whole_b = Side::new(sent_b, sb);
        if let Some(c) = label(lex, &whole_a, &whole_b, false) {
            changes.push(c);
        }
        for (k, op) in diff.iter().enumerate() {
            if op.tag == DiffTag::Equal {
                continue;
            }
            // Equal words on both sides of the change: a local substitution
            // in otherwise parallel wording.
            let equal_at = |i: Option<usize>| {
                i.and_then(|i| diff.get(i))
                    .is_none_or(|o| o.tag == DiffTag::Equal)
            };
            let anchored = parallel && equal_at(k.checked_sub(1)) && equal_at(Some(k + 1));
            if spelling_variant(op.a.slice(&pa.text), op.b.slice(&pb.text)) {
                continue;
            }
            let side_a = Side::new(sent_a, op.a);
            let side_b = Side::new(sent_b, op.b);
            if let Some(c) = classify(lex, &side_a, &side_b, anchored) {
                merge_near(&mut changes, c, ta, tb);
            }
        }
        for c in changes {
            out.push((group.id, c, link));
        }
    }
    // One finding per referent per group.
    let mut merged: Vec<(GroupId, Change, Vec<Mention>)> = Vec::new();
    for (group, change, link) in out {
        let (Some(ma), Some(mb)) = (
            ctx.mention(link.a.source, link.a.paragraph, change.a),
            ctx.mention(link.b.source, link.b.paragraph, change.b),
        ) else {
            continue;
        };
        if ma.text.trim().is_empty() || mb.text.trim().is_empty() {
            continue;
        }
        if let Some((_, _, mentions)) = merged.iter_mut().find(|(g, c, _)| {
            *g == group && c.referent == change.referent && c.subkind == change.subkind
        }) {
            for m in [ma, mb] {
                if !mentions.iter().any(|e| {
                    e.source == m.source
                        && e.paragraph == m.paragraph
                        && e.span().overlaps(&m.span())
                }) {
                    mentions.push(m);
                }
            }
            continue;
        }
        merged.push((group, change, vec![ma, mb]));
    }
    merged
        .into_iter()
        .map(|(group, change, mentions)| {
            let parts: Vec<String> = mentions
                .iter()
                .map(|m| format!("{} “{}”", ctx.name(m.source), m.text))
                .collect();
            let what = match change.subkind {
                Subkind::Label => format!("Label for the {}", change.referent),
                Subkind::Hedge => format!("Hedge “{}” in one version", change.detail),
                Subkind::Attribution => "Attribution verb".to_string(),
                _ => format!("Tone ({})", change.detail),
            };
            let band = match change.subkind {
                Subkind::Label => Band::FramingLabel,
                Subkind::Hedge => Band::FramingHedge,
                Subkind::Attribution => Band::FramingAttribution,
                _ => Band::FramingEvaluative,
            };
            let score = band.score(mentions.len().saturating_sub(2).min(3) as f64);
            Discrepancy::new(
                DiscrepancyKind::Framing,
                Some(change.subkind),
                Some(group),
                format!("{what}: {}", parts.join(" · ")),
                score,
                mentions,
            )
        })
        .collect()
}

/// Ops with at most this many words per side are a local substitution;
/// larger ones mean the sentences are not parallel there.
const SMALL_OP: usize = 4;

/// A sentence prepared once per link: tokens, lowercased tokens, which
/// tokens sit inside quotations, its words and its `joined` text.
struct Sent<'a> {
    toks: Vec<Tok<'a>>,
    lower: Vec<Cow<'a, str>>,
    quoted: Vec<bool>,
    all: Vec<Cow<'a, str>>,
    /// Hedges in the sentence.
    hedges: usize,
}

impl<'a> Sent<'a> {
    fn new(toks: Vec<Tok<'a>>, quotes: &[Span], lex: &Lexicon) -> Self {
        let lower: Vec<Cow<'a, str>> = toks.iter().map(|t| lowercase(t.text)).collect();
        let hedges = (0..toks.len())
            .filter(|&i| lex.hedge_starts(&lower[i]))
            .filter(|&i| {
                lex.hedges
                    .iter()
                    .any(|h| hedge_matches(&toks, &lower, i, h))
            })
            .count();
        Sent {
            lower,
            quoted: toks
                .iter()
                .map(|t| quotes.iter().any(|q| q.start <= t.start && t.end <= q.end))
                .collect(),
            all: toks
                .iter()
                .filter(|t| t.is_word())
                .map(|t| lowercase(t.text))
                .collect(),
            hedges,

            toks,
        }
    }
}

/// One side of a diff op: its sentence, and the changed words outside
/// quotations.
struct Side<'s, 'a> {
    toks: &'s [Tok<'a>],
    lower: &'s [Cow<'a, str>],
    /// Indices into `toks` of the changed word tokens outside quotations.
    changed: Vec<usize>,
    /// Number of word tokens in the op.
    size: usize,
    /// Lowercased words of the whole sentence.
    all: &'s [Cow<'a, str>],
    /// Hedges in the whole sentence.
    hedges: usize,
}

impl<'s, 'a> Side<'s, 'a> {
    fn new(sent: &'s Sent<'a>, op: Span) -> Self {
        let toks = &sent.toks;
        let inside: Vec<usize> = (0..toks.len())
            .filter(|&i| toks[i].is_word() && toks[i].start >= op.start && toks[i].end <= op.end)
            .collect();
        let size = inside.len();
        let changed = inside.into_iter().filter(|&i| !sent.quoted[i]).collect();
        Side {
            toks,
            lower: &sent.lower,
            changed,
            size,
            all: &sent.all,
            hedges: sent.hedges,
        }
    }

    fn word(&self, i: usize) -> String {
        self.lower[i].to_string()
    }

    /// The word at `i`, or the hyphenated compound it opens
    /// ("self-governing").
    fn term(&self, i: usize) -> String {
        compound(self.toks, i).unwrap_or_else(|| self.word(i))
    }

    /// The next word token after token `i` (skipping a hyphen compound).
    fn next_word(&self, i: usize) -> Option<usize> {
        (i + 1..self.toks.len()).find(|&k| self.toks[k].is_word() && self.toks[k].space_before)
    }

    /// The first word token of this sentence with the stem of `word`
    /// ("agreed" for "agree").
    fn find_stem(&self, word: &str) -> Option<usize> {
        let key = stem(word);
        (0..self.toks.len()).find(|&k| self.toks[k].is_word() && stem(&self.lower[k]) == key)
    }

    /// A report verb with the name right before it ("Xi declared").
    fn with_subject(&self, i: usize) -> Span {
        let mut start = i;
        while start > 0
            && i - start < 3
            && self.toks[start - 1].is_word()
            && crate::text::is_name_word(self.toks[start - 1].text)
        {
            start -= 1;
        }
        Span::new(self.toks[start].start, self.toks[i].end)
    }

    /// The phrase around token `i`: up to two modifiers before it and one
    /// content word after it ("alleged Chinese spy balloon").
    fn around(&self, i: usize, left: usize) -> Span {
        let mut start = i;
        let mut taken = 0;
        while start > 0 && taken < left {
            let t = &self.toks[start - 1];
            if t.is('-') && !t.space_before {
                start -= 1;
                continue;
            }
            if !t.is_word() || is_stop(t.text) {
                break;
            }
            start -= 1;
            taken += 1;
        }
        let mut end = i;
        // Hyphen compounds ("so-called", "self-governing") stay whole.
        while end + 2 < self.toks.len()
            && self.toks[end + 1].is('-')
            && !self.toks[end + 1].space_before
        {
            end += 2;
        }
        if let Some(n) = self.toks.get(end + 1)
            && n.is_word()
            && !is_stop(n.text)
        {
            end += 1;
        }
        Span::new(self.toks[start].start, self.toks[end].end)
    }
}

fn classify(lex: &Lexicon, a: &Side<'_, '_>, b: &Side<'_, '_>, anchored: bool) -> Option<Change> {
    let small = a.size <= SMALL_OP && b.size <= SMALL_OP && anchored;
    hedge(lex, a, b)
        .or_else(|| hedge(lex, b, a).map(Change::flip))
        .or_else(|| small.then(|| attribution(lex, a, b)).flatten())
        .or_else(|| small.then(|| evaluative(lex, a, b)).flatten())
}

impl Change {
    fn flip(self) -> Self {
        Change {
            a: self.b,
            b: self.a,
            ..self
        }
    }
}

/// Different members of one label set in the same slot: a local
/// substitution, or the same word right after or before both.
fn label(lex: &Lexicon, a: &Side<'_, '_>, b: &Side<'_, '_>, small: bool) -> Option<Change> {
    for &i in &a.changed {
        let x = a.term(i);
        for &set in lex.label_sets(&x) {
            for &j in &b.changed {
                let y = b.term(j);
                if y == x || has_word(b.all, &x) || has_word(a.all, &y) {
                    continue;
                }
                if !lex.label_sets(&y).contains(&set) || !lex.labels_differ(set, &x, &y) {
                    continue;
                }
                let next_a = a.next_word(i).map(|k| a.word(k));
                let next_b = b.next_word(j).map(|k| b.word(k));
                let prev = |s: &Side<'_, '_>, k: usize| (k > 0).then(|| s.word(k - 1));
                let same_slot = small
                    || (next_a.is_some() && next_a == next_b)
                    || (i > 0 && j > 0 && prev(a, i) == prev(b, j));
                if !same_slot {
                    continue;
                }
                let referent = next_a
                    .filter(|n| !is_stop(n) && next_b.as_ref() == Some(n))
                    .unwrap_or_else(|| x.clone());
                return Some(Change {
                    subkind: Subkind::Label,
                    a: a.around(i, 2),
                    b: b.around(j, 2),
                    referent,
                    detail: format!("{x}/{y}"),
                });
            }
        }
    }
    None
}

/// Hedges that are verbs of seeming: hedges only before "to".
const VERB_HEDGES: &[&str] = &["appear", "appears", "appeared", "seem", "seems", "seemed"];

/// A hedge among the changed words of `a` that `b` has fewer of, about
/// something `b` also mentions (the word after the hedge).
fn hedge(lex: &Lexicon, a: &Side<'_, '_>, b: &Side<'_, '_>) -> Option<Change> {
    if !a.changed.iter().any(|&i| lex.hedge_starts(&a.lower[i])) {
        return None;
    }
    // More hedging in `a` than in `b` overall ("alleged" against
    // "suspected" is hedged on both sides).
    if a.hedges <= b.hedges {
        return None;
    }
    for &i in &a.changed {
        let Some(h) = lex.hedges.iter().find(|h| hedge_at(a, i, h)) else {
            continue;
        };
        let words = h.split('-').count();
        let last = i + 2 * (words - 1);
        // "appeared", "seems" hedge only before an infinitive ("appeared
        // to agree"); "Pence appeared on ABC" is an appearance.
        if VERB_HEDGES.contains(&h.as_str()) && a.next_word(last).is_none_or(|k| a.word(k) != "to")
        {
            continue;
        }
        // What is hedged: the next content word ("alleged *Russian*
        // interference", "appeared to *agree*"), which `b` must mention
        // too: a hedge next to words `b` lacks hedges something else. A
        // shared "to" or "the" anchors nothing.
        let mut after = a.next_word(last);
        while let Some(k) = after.filter(|&k| is_stop(&a.word(k))) {
            after = a.next_word(k);
        }
        let Some(anchor) = after.and_then(|k| b.find_stem(&a.word(k))) else {
            continue;
        };
        let b_span = b.around(anchor, 1);
        let referent = after.map(|k| a.word(k)).unwrap_or_else(|| h.clone());
        return Some(Change {
            subkind: Subkind::Hedge,
            a: a.around(after.unwrap_or(i), 3),
            b: b_span,
            referent,
            detail: h.clone(),
        });
    }
    None
}

/// True when the hedge `h` (possibly hyphenated) starts at token `i`.
fn hedge_at(s: &Side<'_, '_>, i: usize, h: &str) -> bool {
    hedge_matches(s.toks, s.lower, i, h)
}

/// True when the hedge `h` (possibly hyphenated) starts at token `i` of a
/// sentence with lowercased tokens `lower`.
fn hedge_matches(toks: &[Tok<'_>], lower: &[Cow<'_, str>], i: usize, h: &str) -> bool {
    let parts: Vec<&str> = h.split('-').collect();
    parts.iter().enumerate().all(|(k, p)| {
        let at = i + 2 * k;
        lower.get(at).is_some_and(|w| *w == **p)
            && (k == 0
                || toks
                    .get(at - 1)
                    .is_some_and(|t| t.is('-') && !t.space_before))
    })
}

/// The lowercased hyphenated compound that opens at token `i`
/// ("self-governing", "so-called"), if any.
fn compound(toks: &[Tok<'_>], i: usize) -> Option<String> {
    let joined = |k: usize| {
        toks.get(k).is_some_and(|t| t.is('-') && !t.space_before)
            && toks
                .get(k + 1)
                .is_some_and(|t| t.is_word() && !t.space_before)
    };
    if !toks.get(i)?.is_word()
        || !joined(i + 1)
        || (i >= 1 && toks[i - 1].is('-') && !toks[i].space_before)
    {
        return None;
    }
    let mut out = toks[i].lower();
    let mut k = i + 1;
    while joined(k) {
        out.push('-');
        out.push_str(&toks[k + 1].lower());
        k += 2;
    }
    Some(out)
}

/// True when `words` (lowercased) hold `word`.
fn has_word(words: &[Cow<'_, str>], word: &str) -> bool {
    words.iter().any(|w| w == word)
}

/// A span for a side with no usable changed word: its first word.
fn fallback(s: &Side<'_, '_>) -> Span {
    s.toks
        .iter()
        .find(|t| t.is_word())
        .map_or(Span::new(0, 0), Tok::span)
}

/// Report verbs of different stance in a local substitution.
fn attribution(lex: &Lexicon, a: &Side<'_, '_>, b: &Side<'_, '_>) -> Option<Change> {
    let verb = |s: &Side<'_, '_>| {
        s.changed
            .iter()
            .find_map(|&i| lex.report_category(&s.word(i)).map(|c| (i, c.to_string())))
    };
    let ((i, ca), (j, cb)) = (verb(a)?, verb(b)?);
    (ca != cb).then(|| Change {
        subkind: Subkind::Attribution,
        a: a.with_subject(i),
        b: b.with_subject(j),
        referent: "attribution".into(),
        detail: format!("{}/{}", a.word(i), b.word(j)),
    })
}

/// Evaluative words of different strength in a local substitution, or a
/// strong one added.
fn evaluative(lex: &Lexicon, a: &Side<'_, '_>, b: &Side<'_, '_>) -> Option<Change> {
    let strength = |s: &Side<'_, '_>| {
        s.changed
            .iter()
            .find_map(|&i| lex.strength(&s.word(i)).map(|v| (i, v)))
    };
    let change = |i: usize, j: Option<usize>, detail: String| Change {
        subkind: Subkind::Evaluative,
        a: a.around(i, 1),
        b: j.map_or_else(
            || {
                b.changed
                    .first()
                    .map_or_else(|| fallback(b), |&k| b.around(k, 1))
            },
            |j| b.around(j, 1),
        ),
        referent: detail.clone(),
        detail,
    };
    match (strength(a), strength(b)) {
        (Some((i, x)), Some((j, y))) if x != y && a.word(i) != b.word(j) => {
            Some(change(i, Some(j), format!("{}/{}", a.word(i), b.word(j))))
        }
        (Some((i, x)), None) if x.abs() >= 2 && !has_word(b.all, &a.word(i)) => {
            Some(change(i, None, a.word(i)))
        }
        (None, Some((j, y))) if y.abs() >= 2 && !has_word(a.all, &b.word(j)) => {
            let c = Change {
                subkind: Subkind::Evaluative,
                a: a.changed
                    .first()
                    .map_or_else(|| fallback(a), |&k| a.around(k, 1)),
                b: b.around(j, 1),
                referent: b.word(j),
                detail: b.word(j),
            };
            Some(c)
        }
        _ => None,
    }
}

/// Adds `c` to `changes`, or merges it with a change a few words away
/// (the hedge and the label of one noun phrase are one finding).
fn merge_near(changes: &mut Vec<Change>, c: Change, ta: &[Tok<'_>], tb: &[Tok<'_>]) {
    let close = |x: Span, y: Span, toks: &[Tok<'_>]| {
        let (lo, hi) = if x.start <= y.start { (x, y) } else { (y, x) };
        lo.end >= hi.start
            || toks
                .iter()
                .filter(|t| t.start >= lo.end && t.end <= hi.start)
                .count()
                <= 3
    };
    if let Some(e) = changes
        .iter_mut()
        .find(|e| close(e.a, c.a, ta) && close(e.b, c.b, tb))
    {
        e.a = Span::new(e.a.start.min(c.a.start), e.a.end.max(c.a.end));
        e.b = Span::new(e.b.start.min(c.b.start), e.b.end.max(c.b.end));
        if priority(c.subkind) > priority(e.subkind) {
            e.subkind = c.subkind;
            e.referent = c.referent;
            e.detail = c.detail;
        }
        return;
    }
    changes.push(c);
}

#[cfg(test)]
mod tests {
    use super::super::harness::detect_pair;
    use crate::model::{DiscrepancyKind, Subkind};

    fn framing(a: &str, b: &str) -> Vec<(Option<Subkind>, String)> {
        detect_pair(a, b)
            .into_iter()
            .filter(|d| d.kind == DiscrepancyKind::Framing)
            .map(|d| (d.subkind, d.summary))
            .collect()
    }

    #[test]
    fn appearances_and_unshared_words_are_not_hedges() {
        for (a, b) in [
            (
                "Mayor Ines Calder appeared on the Harbour Radio morning show on Sunday to defend the plan.",
                "Mayor Ines Calder went on the Harbour Radio morning show on Sunday to defend the plan.",
            ),
            (
                "The new rules are likely to include limits on overtime, officials said on Monday.",
                "The new rules would require employers to pay overtime, officials said on Monday.",
            ),
        ] {
            let hedges: Vec<_> = framing(a, b)
                .into_iter()
                .filter(|(s, _)| *s == Some(Subkind::Hedge))
                .collect();
            assert!(hedges.is_empty(), "{a} / {b}: {hedges:?}");
        }
    }

    #[test]
    fn framing_choices_are_found() {
        for (a, b, subkind) in [
            (
                "The trip was postponed after an alleged Chinese spy balloon flew over the US.",
                "The trip was postponed after a Chinese surveillance balloon flew over the US.",
                Subkind::Label,
            ),
            (
                "The minister said the plan would cut costs for families.",
                "The minister claimed the plan would cut costs for families.",
                Subkind::Attribution,
            ),
            (
                "The suspect reportedly fled the scene before police arrived.",
                "The suspect fled the scene before police arrived.",
                Subkind::Hedge,
            ),
            (
                "The senators appeared to agree with the proposal on Tuesday.",
                "The senators agreed with the proposal on Tuesday.",
                Subkind::Hedge,
            ),
            (
                "The senator slammed the proposal in a speech on Tuesday.",
                "The senator criticized the proposal in a speech on Tuesday.",
                Subkind::Evaluative,
            ),
            (
                "Taiwan, a self-governing island, held elections on Saturday.",
                "Taiwan, a breakaway territory, held elections on Saturday.",
                Subkind::Label,
            ),
        ] {
            let found = framing(a, b);
            assert!(
                found.iter().any(|(s, _)| *s == Some(subkind)),
                "{a} / {b}: {found:?}"
            );
        }
    }

    #[test]
    fn neutral_rewording_is_not_framing() {
        for (a, b) in [
            (
                "Xi said he hoped for stabilising ties.",
                "Xi said he hoped for stabilizing ties.",
            ),
            (
                "The minister said the plan would work.",
                "The minister stated the plan would work.",
            ),
            (
                "The visit was postponed in February.",
                "The trip was postponed in February.",
            ),
            (
                "He described the talks as “acrimonious” on Monday.",
                "He described the talks as “strained” on Monday.",
            ),
        ] {
            let found = framing(a, b);
            assert!(found.is_empty(), "{a} / {b}: {found:?}");
        }
    }
}
