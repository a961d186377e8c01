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

use super::lexicon::{Lexicon, spelling_variant};
use super::quotes::QuoteIndex;
use super::util::{Tok, TokKind, is_stop, tokenize_span};
use super::{Ctx, finding};
use crate::model::{
    DiffOp, DiffTag, Discrepancy, DiscrepancyKind, GroupId, Mention, SentenceLink, Span,
};

/// One classified change in one link.
#[derive(Debug, Clone)]
struct Change {
    subkind: &'static str,
    /// Spans in the a and b paragraphs (phrase around the change).
    a: Span,
    b: Span,
    /// Key of the referent (the head word after the change), for merging.
    referent: String,
    /// What differs, for the summary ("alleged").
    detail: String,
}

/// Priority of subkinds when one change has several readings.
fn priority(subkind: &str) -> u8 {
    match subkind {
        "label" => 4,
        "hedge" => 3,
        "attribution" => 2,
        _ => 1,
    }
}

/// Finds framing differences in linked sentences.
pub fn detect(ctx: &Ctx<'_>, quotes: &QuoteIndex) -> Vec<Discrepancy> {
    let lex = Lexicon::get();
    let mut out: Vec<(GroupId, Change, &SentenceLink)> = Vec::new();
    for (group, link) in ctx.alignment.links() {
        let (Some((pa, sa)), Some((pb, sb))) = (ctx.sentence(link.a), ctx.sentence(link.b)) else {
            continue;
        };
        let ta = tokenize_span(&pa.text, sa);
        let tb = tokenize_span(&pb.text, sb);
        let mut changes: Vec<Change> = Vec::new();
        for op in link.diff.iter().filter(|o| o.tag != DiffTag::Equal) {
            if !valid(op, &pa.text, &pb.text)
                || quotes.covers(link.a.source, link.a.paragraph, op.a)
                || quotes.covers(link.b.source, link.b.paragraph, op.b)
            {
                continue;
            }
            let wa = words_in(&ta, op.a);
            let wb = words_in(&tb, op.b);
            if spelling_variant(op.a.slice(&pa.text), op.b.slice(&pb.text)) {
                continue;
            }
            if let Some(c) = classify(lex, op, &wa, &wb, &ta, &tb) {
                merge_near(&mut changes, c, &ta, &tb);
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
                "label" => format!("Label for the {}", change.referent),
                "hedge" => format!("Hedge “{}” in one version", change.detail),
                "attribution" => "Attribution verb".to_string(),
                _ => format!("Tone ({})", change.detail),
            };
            let score = match change.subkind {
                "label" => 0.68,
                "hedge" => 0.66,
                "attribution" => 0.63,
                _ => 0.6,
            } + 0.01 * (mentions.len().saturating_sub(2).min(3) as f64);
            finding(
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

fn valid(op: &DiffOp, a: &str, b: &str) -> bool {
    op.a.end <= a.len()
        && op.b.end <= b.len()
        && a.is_char_boundary(op.a.start)
        && a.is_char_boundary(op.a.end)
        && b.is_char_boundary(op.b.start)
        && b.is_char_boundary(op.b.end)
}

/// Lowercased words of the tokens inside `span`.
fn words_in(toks: &[Tok<'_>], span: Span) -> Vec<String> {
    toks.iter()
        .filter(|t| t.is_word() && t.start >= span.start && t.end <= span.end)
        .map(Tok::lower)
        .collect()
}

/// Lowercased words of a whole sentence.
fn all_words(toks: &[Tok<'_>]) -> Vec<String> {
    toks.iter()
        .filter(|t| t.is_word())
        .map(Tok::lower)
        .collect()
}

fn classify(
    lex: &Lexicon,
    op: &DiffOp,
    wa: &[String],
    wb: &[String],
    ta: &[Tok<'_>],
    tb: &[Tok<'_>],
) -> Option<Change> {
    let change = |subkind, detail: String| {
        let a = phrase(ta, op.a);
        let b = phrase(tb, op.b);
        let referent = head_after(ta, op.a)
            .or_else(|| head_after(tb, op.b))
            .unwrap_or_else(|| detail.clone());
        Change {
            subkind,
            a,
            b,
            referent,
            detail,
        }
    };
    // Labels: different members of one set for the same slot.
    for x in wa {
        for set in lex.label_sets(x) {
            if let Some(y) = wb
                .iter()
                .find(|y| *y != x && lex.label_sets(y).contains(&set) && !wa.contains(y))
                && !wb.contains(x)
            {
                return Some(change("label", format!("{x}/{y}")));
            }
        }
    }
    // Hedges present on one side only: the changed words carry a hedge
    // that the other sentence has fewer of.
    let (sent_a, sent_b) = (all_words(ta), all_words(tb));
    let (text_a, text_b) = (joined(ta), joined(tb));
    let (op_a, op_b) = (joined_in(ta, op.a), joined_in(tb, op.b));
    for h in &lex.hedges {
        let (in_a, in_b) = (count_phrase(&op_a, h), count_phrase(&op_b, h));
        if in_a == in_b {
            continue;
        }
        let family = |t: &str| {
            lex.hedges
                .iter()
                .filter(|x| stem_eq(x, h))
                .map(|x| count_phrase(t, x))
                .sum::<usize>()
        };
        if family(&text_a) != family(&text_b) {
            return Some(change("hedge", h.clone()));
        }
    }
    // Report verbs of different stance.
    let verb = |ws: &[String]| {
        ws.iter()
            .find_map(|w| lex.report_category(w).map(|c| (w.clone(), c.to_string())))
    };
    if let (Some((va, ca)), Some((vb, cb))) = (verb(wa), verb(wb))
        && ca != cb
    {
        return Some(change("attribution", format!("{va}/{vb}")));
    }
    // Evaluative words of different strength.
    let strength = |ws: &[String]| {
        ws.iter()
            .find_map(|w| lex.strength(w).map(|s| (w.clone(), s)))
    };
    match (strength(wa), strength(wb)) {
        (Some((x, sx)), Some((y, sy))) if sx != sy && x != y => {
            Some(change("evaluative", format!("{x}/{y}")))
        }
        (Some((x, sx)), None) if sx.abs() >= 2 && !sent_b.contains(&x) => {
            Some(change("evaluative", x))
        }
        (None, Some((y, sy))) if sy.abs() >= 2 && !sent_a.contains(&y) => {
            Some(change("evaluative", y))
        }
        _ => None,
    }
}

/// Lowercased words of `toks`, hyphenated compounds kept whole, joined by
/// single spaces and padded so phrases match on word boundaries.
fn joined(toks: &[Tok<'_>]) -> String {
    let mut out = String::from(" ");
    for t in toks {
        if t.is_word() || t.kind == TokKind::Num {
            out.push_str(&t.lower());
            out.push(' ');
        } else if t.is('-') && !t.space_before {
            out.pop();
            out.push('-');
        } else {
            out.push_str("| ");
        }
    }
    out
}

fn joined_in(toks: &[Tok<'_>], span: Span) -> String {
    let inside: Vec<Tok<'_>> = toks
        .iter()
        .filter(|t| t.start >= span.start && t.end <= span.end)
        .copied()
        .collect();
    joined(&inside)
}

/// Occurrences of a word or phrase in a `joined` text.
fn count_phrase(text: &str, phrase: &str) -> usize {
    text.matches(&format!(" {phrase} ")).count()
}

fn stem_eq(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let n = a.len().min(b.len()).min(6);
    n >= 5 && a[..n] == b[..n]
}

/// The content word right after `span` (the referent a label or hedge
/// qualifies), within two words.
fn head_after(toks: &[Tok<'_>], span: Span) -> Option<String> {
    let start = toks
        .iter()
        .position(|t| t.start >= span.end.max(span.start))?;
    let mut last = None;
    for t in toks[start..].iter().take(3) {
        if !t.is_word() || is_stop(t.text) {
            break;
        }
        last = Some(t.lower());
    }
    last
}

/// The phrase a change sits in: the changed words (or, for an empty side,
/// the word before the insertion point) extended over up to two following
/// content words, so a label reads with its noun ("spy balloon").
fn phrase(toks: &[Tok<'_>], span: Span) -> Span {
    let mut start = span.start;
    let mut end = span.end;
    if span.is_empty() {
        // Anchor at the next word.
        if let Some(t) = toks.iter().find(|t| t.start >= span.start && t.is_word()) {
            start = t.start;
            end = t.end;
        } else if let Some(t) = toks
            .iter()
            .rev()
            .find(|t| t.end <= span.start && t.is_word())
        {
            start = t.start;
            end = t.end;
        }
    }
    let from = end;
    for t in toks.iter().filter(|t| t.start >= from).take(2) {
        if t.kind == TokKind::Punct || !t.is_word() || is_stop(t.text) {
            break;
        }
        end = t.end;
    }
    Span::new(start, end)
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
