//! Omissions: what some sources carry and others lack.
//!
//! Two shapes, both from the alignment:
//! - "Only AP: …" for body sentences that belong to no multi-source group
//!   (reported per paragraph, best sentence first);
//! - "Not in Sky News, TIME: …" for groups that some sources have no member
//!   in, when there are three or more sources.
//!
//! Both are ranked by how much a reader loses: sentences with numbers,
//! quotations and named people first, long factual sentences next. Short or
//! low-information sentences are left out so the list stays readable.

use std::collections::HashSet;

use super::ctx::Ctx;
use super::rank::Band;
use super::recognize::quantity::{Context, has_quantity};
use super::recognize::quotes::QuoteIndex;
use super::util::{ellipsize, join_names};
use crate::model::{Discrepancy, DiscrepancyKind, SentenceRef, SourceId, Span, Subkind};
use crate::text::is_name_word;

/// Sentences under this many words are not worth an omission entry.
const MIN_WORDS: usize = 8;
/// At most this many "Only X" entries per source.
const MAX_EXCLUSIVE_PER_SOURCE: usize = 6;
/// At most this many "Not in X" entries.
const MAX_PARTIAL: usize = 10;

/// How informative a sentence is, 0..=1, and whether it carries a quote.
fn information(ctx: &Ctx<'_>, quotes: &QuoteIndex, r: SentenceRef) -> Option<(f64, usize)> {
    let (p, _) = ctx.sentence(r)?;
    if ctx.is_furniture(r) {
        return None;
    }
    let toks = ctx.tokens(r);
    let words = toks.iter().filter(|t| t.is_word()).count();
    if words < MIN_WORDS {
        return None;
    }
    let numbers = has_quantity(&p.text, toks, Context { date: None });
    let quote = quotes.in_sentence(r).any(|q| q.content.len() >= 3);
    let names = toks
        .iter()
        .skip(1)
        .filter(|t| t.is_word() && is_name_word(t.text))
        .count();
    let mut score = 0.0;
    if numbers {
        score += 0.35;
    }
    if quote {
        score += 0.3;
    }
    score += 0.1 * names.min(3) as f64;
    score += 0.05 * (words.min(40) as f64 / 40.0);
    Some((score.min(1.0), words))
}

/// Finds omissions.
/// `compared`: sentences other findings already set against another
/// source's version; they are never reported as exclusive.
pub(crate) fn detect(
    ctx: &Ctx<'_>,
    quotes: &QuoteIndex,
    compared: &HashSet<SentenceRef>,
) -> Vec<Discrepancy> {
    let mut out = exclusive(ctx, quotes, compared);
    out.extend(partial(ctx, quotes));
    out
}

/// Sentences of each source that no group shares with another source.
fn exclusive(
    ctx: &Ctx<'_>,
    quotes: &QuoteIndex,
    compared: &HashSet<SentenceRef>,
) -> Vec<Discrepancy> {
    if ctx.sources.len() < 2 {
        return Vec::new();
    }
    let mut shared: HashSet<SentenceRef> = HashSet::new();
    for g in &ctx.alignment.groups {
        let sentences = ctx.group_sentences(g);
        let sources: HashSet<SourceId> = sentences.iter().map(|r| r.source).collect();
        if sources.len() >= 2 {
            shared.extend(sentences);
        }
    }
    let mut out = Vec::new();
    for source in ctx.sources {
        let others: Vec<&str> = ctx
            .sources
            .iter()
            .filter(|s| s.id != source.id)
            .map(|s| s.name.as_str())
            .collect();
        let mut found = Vec::new();
        for p in source.body() {
            // The best unshared sentence of the paragraph.
            let best = (0..p.sentences.len())
                .map(|sentence| SentenceRef {
                    source: source.id,
                    paragraph: p.index,
                    sentence,
                })
                .filter(|r| !shared.contains(r) && !compared.contains(r))
                .filter(|r| {
                    !ctx.sources
                        .iter()
                        .any(|o| o.id != source.id && ctx.has_counterpart(*r, o.id))
                })
                .filter_map(|r| information(ctx, quotes, r).map(|(s, _)| (s, r)))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((info, r)) = best
                && info >= 0.3
            {
                found.push((info, r));
            }
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (info, r) in found.into_iter().take(MAX_EXCLUSIVE_PER_SOURCE) {
            let Some((p, span)) = ctx.sentence(r) else {
                continue;
            };
            let Some(m) = ctx.mention(r.source, r.paragraph, span) else {
                continue;
            };
            let text = ellipsize(span.slice(&p.text), 90);
            let summary = if others.len() == 1 {
                format!("Only {} (not {}): {text}", source.name, others[0])
            } else {
                format!("Only {}: {text}", source.name)
            };
            out.push(Discrepancy::new(
                DiscrepancyKind::Omission,
                Some(Subkind::Exclusive),
                None,
                summary,
                Band::OmissionExclusive.score(info),
                vec![m],
            ));
        }
    }
    out
}

/// Groups that some sources have no member in (three or more sources).
fn partial(ctx: &Ctx<'_>, quotes: &QuoteIndex) -> Vec<Discrepancy> {
    if ctx.sources.len() < 3 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for g in &ctx.alignment.groups {
        let sentences = ctx.group_sentences(g);
        let present: HashSet<SourceId> = sentences.iter().map(|r| r.source).collect();
        if present.len() < 2 || present.len() == ctx.sources.len() {
            continue;
        }
        // A source without a member may still say it in other words.
        let missing: Vec<&str> = ctx
            .sources
            .iter()
            .filter(|s| !present.contains(&s.id))
            .filter(|s| !sentences.iter().any(|r| ctx.has_counterpart(*r, s.id)))
            .map(|s| s.name.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        // The most informative sentence of each present source.
        let mut best: Vec<(f64, SentenceRef, Span)> = Vec::new();
        for src in &present {
            let pick = sentences
                .iter()
                .filter(|r| r.source == *src)
                .filter_map(|r| information(ctx, quotes, *r).map(|(s, _)| (s, *r)))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((s, r)) = pick
                && let Some((_, span)) = ctx.sentence(r)
            {
                best.push((s, r, span));
            }
        }
        if best.len() < 2 {
            continue;
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let info = best[0].0;
        if info < 0.3 {
            continue;
        }
        let lead = ctx.sentence_text(best[0].1);
        let summary = format!("Not in {}: {}", join_names(&missing), ellipsize(lead, 90));
        let mut mentions: Vec<_> = best
            .iter()
            .filter_map(|(_, r, span)| ctx.mention(r.source, r.paragraph, *span))
            .collect();
        mentions.sort_by_key(|m| m.source);
        let share = missing.len() as f64 / (ctx.sources.len() - 1) as f64;
        out.push(Discrepancy::new(
            DiscrepancyKind::Omission,
            Some(Subkind::Partial),
            Some(g.id),
            summary,
            Band::OmissionPartial.base() + Band::OmissionPartial.step() * info * share,
            mentions,
        ));
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out.truncate(MAX_PARTIAL);
    out
}
