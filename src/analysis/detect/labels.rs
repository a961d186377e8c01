//! Framing labels across sentences the alignment did not put together:
//! one head noun of an open label set ("balloon", "device"…) whose
//! modifiers differ in loaded label words or hedges ("alleged Chinese spy
//! balloon" / "Chinese surveillance balloon"), in sentences whose event
//! contexts agree (see [`recognize::referent`](super::recognize::referent)).
//! Sentence pairs a group already holds are the framing detector's.

use std::collections::{HashMap, HashSet};

use super::ctx::Ctx;
use super::rank::Band;
use super::recognize::quotes::QuoteIndex;
use super::recognize::referent::{
    Entities, Events, LabelSlot, index, label_slots, labels_differ, push_unique,
};
use crate::model::{Discrepancy, DiscrepancyKind, Mention, SentenceRef, Subkind};
use crate::text::lexicon::Lexicon;

/// Label differences for one referent in sentences the alignment did not
/// put together: label slots indexed by head noun; two slots of different
/// sources whose event contexts agree (see [`Entities::agreement`]) and
/// whose modifiers differ are one finding per head, listing every source's
/// wording. Sentence pairs a group already holds are left to the aligned
/// framing detector; text inside quotations is skipped.
pub(crate) fn detect(
    ctx: &Ctx<'_>,
    quotes: &QuoteIndex,
    events: &Events<'_, '_>,
) -> Vec<Discrepancy> {
    let lex = Lexicon::get();
    let mut slots = Vec::new();
    for r in ctx.body_sentences().filter(|r| !ctx.is_furniture(*r)) {
        slots.extend(
            label_slots(lex, r, ctx.tokens(r))
                .into_iter()
                .filter(|s| !quotes.covers(r.source, r.paragraph, s.span)),
        );
    }
    let by_head = index(slots.iter().enumerate().map(|(i, s)| (s.head.clone(), i)));
    if by_head.values().all(|v| v.len() < 2) {
        return Vec::new();
    }
    let grouped: HashSet<(SentenceRef, SentenceRef)> =
        ctx.pairs().iter().map(|p| (p.a, p.b)).collect();
    let mut entities: HashMap<SentenceRef, Entities> = HashMap::new();
    let mut out = Vec::new();
    let mut heads: Vec<&String> = by_head.keys().collect();
    heads.sort();
    for head in heads {
        let members = &by_head[head];
        let mut linked: Vec<usize> = Vec::new();
        for (k, &x) in members.iter().enumerate() {
            for &y in &members[k + 1..] {
                let (a, b) = (&slots[x], &slots[y]);
                let key = if a.at < b.at {
                    (a.at, b.at)
                } else {
                    (b.at, a.at)
                };
                if a.at.source == b.at.source || grouped.contains(&key) || !labels_differ(lex, a, b)
                {
                    continue;
                }
                for r in [a.at, b.at] {
                    entities.entry(r).or_insert_with(|| events.of(r));
                }
                if entities[&a.at].agreement(&entities[&b.at]).is_none() {
                    continue;
                }
                push_unique(&mut linked, x);
                push_unique(&mut linked, y);
            }
        }
        if let Some(d) = label_finding(ctx, &slots, &mut linked, head) {
            out.push(d);
        }
    }
    out
}

/// One framing finding for a head: the slots in conflict, one wording per
/// source (the first), ordered by source.
fn label_finding(
    ctx: &Ctx<'_>,
    slots: &[LabelSlot],
    members: &mut [usize],
    head: &str,
) -> Option<Discrepancy> {
    members.sort_by_key(|&m| (slots[m].at, slots[m].span.start));
    let mut mentions: Vec<Mention> = Vec::new();
    for &m in members.iter() {
        let s = &slots[m];
        if mentions.iter().any(|e| e.source == s.at.source) {
            continue;
        }
        mentions.push(ctx.mention(s.at.source, s.at.paragraph, s.span)?);
    }
    if mentions.len() < 2 {
        return None;
    }
    let parts: Vec<String> = mentions
        .iter()
        .map(|m| format!("{} “{}”", ctx.name(m.source), m.text))
        .collect();
    let group = members.iter().find_map(|&m| ctx.group_at(slots[m].at));
    let score = Band::LabelAcross.score(mentions.len().saturating_sub(2).min(3) as f64);
    Some(Discrepancy::new(
        DiscrepancyKind::Framing,
        Some(Subkind::Label),
        group,
        format!("Label for the {head}: {}", parts.join(" · ")),
        score,
        mentions,
    ))
}
