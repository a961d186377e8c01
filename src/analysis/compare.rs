//! The detectors, run only among sources that report one event.
//!
//! [`Overview`] reads the pairwise relations: sources joined by any relation
//! but `different_event` form a story. The detectors run on each story of
//! two or more sources by itself (the sources, groups, links and relations
//! sub-events of that story, renumbered, and the findings mapped back), so no
//! omission, exclusive quote, "not in Y" or conflict is ever claimed
//! between sources that do not report one event. A source alone on its
//! event is set aside, and a copy of another source's text is compared
//! with nothing. When every source is in one story the detectors run on the
//! whole comparison unchanged.
//!
//! Then, between a report and a later report of the same story, number
//! differences in time-bound facts (dates, counts so far, what is expected)
//! are what a later day changes: they are labelled `time_bound` and ranked
//! below conflicts.

use std::collections::HashMap;

use super::align::Overview;
use super::detect::{self, rank};
use crate::model::{
    Alignment, Discrepancy, DiscrepancyKind, Group, GroupId, Member, ParagraphRef, RelationKind,
    SentenceLink, SentenceRef, Source, SourceId, SourceRelation, SubEvent, Subkind,
};

/// Scale of a time-bound difference's score: number conflicts score 0.8 to
/// 1.0, so a time-bound one lands at 0.4 to 0.5, below every conflict and
/// above the omissions.
const TIME_BOUND_SCALE: f64 = 0.5;

/// Words that make a figure time-bound: it is a count so far, an
/// expectation or a state that a later day changes.
const TIME_CUES: &[&str] = &[
    "so far",
    "to date",
    "as of",
    "at least",
    "expected",
    "expects",
    "will",
    "would",
    "could",
    "plans",
    "planned",
    "scheduled",
    "set to",
    "deadline",
    "until",
    "yet",
    "still",
    "now",
    "latest",
    "toll",
    "tally",
    "rose",
    "risen",
    "climbed",
];

/// The ranked findings of the comparison, made only among sources that
/// report one event.
pub fn compare(sources: &[Source], alignment: &Alignment) -> Vec<Discrepancy> {
    let overview = Overview::new(sources.len(), &alignment.relations);
    let found = if sources.len() < 2 || overview.all_one_story() {
        detect::detect(sources, alignment)
    } else {
        let mut all = Vec::new();
        for story in &overview.stories {
            all.extend(detect_within(sources, alignment, story));
        }
        rank::finish(all)
    };
    label_time_bound(sources, &alignment.relations, found)
}

/// The detectors over the sources of one story, renumbered, with the
/// findings mapped back to the whole comparison's ids.
fn detect_within(
    sources: &[Source],
    alignment: &Alignment,
    members: &[SourceId],
) -> Vec<Discrepancy> {
    let new_id: HashMap<SourceId, SourceId> = members
        .iter()
        .enumerate()
        .map(|(k, s)| (*s, SourceId(k)))
        .collect();
    let sub_sources: Vec<Source> = members
        .iter()
        .map(|s| {
            let mut source = sources[s.0].clone();
            source.id = new_id[s];
            source
        })
        .collect();
    let at = |r: SentenceRef| {
        new_id.get(&r.source).map(|s| SentenceRef {
            source: *s,
            paragraph: r.paragraph,
            sentence: r.sentence,
        })
    };
    let mut old_group = Vec::new();
    let mut groups = Vec::new();
    for g in &alignment.groups {
        let kept: Vec<Member> = g
            .members
            .iter()
            .filter_map(|m| {
                new_id.get(&m.source).map(|s| Member {
                    source: *s,
                    ..m.clone()
                })
            })
            .collect();
        let mut distinct: Vec<SourceId> = kept.iter().map(|m| m.source).collect();
        distinct.dedup();
        if distinct.len() < 2 {
            continue;
        }
        let links: Vec<SentenceLink> = g
            .links
            .iter()
            .filter_map(|l| {
                let (a, b) = (at(l.a)?, at(l.b)?);
                let (a, b, diff) = if a.source <= b.source {
                    (a, b, l.diff.clone())
                } else {
                    // renumbering never reorders (members keep input order)
                    (b, a, l.diff.clone())
                };
                Some(SentenceLink {
                    a,
                    b,
                    similarity: l.similarity,
                    diff,
                })
            })
            .collect();
        old_group.push(g.id);
        groups.push(Group {
            id: GroupId(groups.len()),
            label: g.label.clone(),
            score: g.score,
            members: kept,
            links,
        });
    }
    let relations: Vec<SourceRelation> = alignment
        .relations
        .iter()
        .filter_map(|r| {
            let (a, b) = (*new_id.get(&r.a)?, *new_id.get(&r.b)?);
            let mut r = r.clone();
            r.a = a;
            r.b = b;
            if let Some(w) = r.rewrite_of.as_mut() {
                w.derived = new_id[&w.derived];
                w.original = new_id[&w.original];
            }
            r.evidence.later = r.evidence.later.and_then(|s| new_id.get(&s).copied());
            r.evidence.part = r.evidence.part.and_then(|s| new_id.get(&s).copied());
            Some(r)
        })
        .collect();
    let new_group: HashMap<GroupId, GroupId> = old_group
        .iter()
        .enumerate()
        .map(|(k, g)| (*g, GroupId(k)))
        .collect();
    let sub_events: Vec<SubEvent> = alignment
        .sub_events
        .iter()
        .filter_map(|e| {
            let members: Vec<ParagraphRef> = e
                .members
                .iter()
                .filter_map(|m| {
                    new_id.get(&m.source).map(|s| ParagraphRef {
                        source: *s,
                        paragraph: m.paragraph,
                    })
                })
                .collect();
            let mut distinct: Vec<SourceId> = members.iter().map(|m| m.source).collect();
            distinct.dedup();
            (distinct.len() >= 2).then(|| SubEvent {
                members,
                groups: e
                    .groups
                    .iter()
                    .filter_map(|g| new_group.get(g).copied())
                    .collect(),
            })
        })
        .collect();
    let sub = Alignment {
        groups,
        sub_events,
        relations,
    };
    let mut found = detect::detect(&sub_sources, &sub);
    for d in &mut found {
        d.group = d.group.and_then(|g| old_group.get(g.0).copied());
        for m in &mut d.mentions {
            m.source = members[m.source.0];
        }
    }
    found
}

/// Labels the number differences between a report and a later report that
/// are time-bound, ranks them below conflicts, and re-ranks.
fn label_time_bound(
    sources: &[Source],
    relations: &[SourceRelation],
    mut found: Vec<Discrepancy>,
) -> Vec<Discrepancy> {
    let later = |x: SourceId, y: SourceId| {
        let (a, b) = (x.min(y), x.max(y));
        relations
            .iter()
            .any(|r| r.a == a && r.b == b && r.kind == RelationKind::LaterReport)
    };
    let mut changed = false;
    for d in &mut found {
        if d.kind != DiscrepancyKind::Number {
            continue;
        }
        let mut present: Vec<SourceId> = d.mentions.iter().map(|m| m.source).collect();
        present.sort();
        present.dedup();
        let spans_later = present
            .iter()
            .enumerate()
            .any(|(i, x)| present[i + 1..].iter().any(|y| later(*x, *y)));
        if !spans_later || !time_bound(sources, d) {
            continue;
        }
        d.subkind = Some(Subkind::TimeBound);
        d.summary = format!("Later report, time-bound: {}", d.summary);
        d.score *= TIME_BOUND_SCALE;
        changed = true;
    }
    if changed { rank::finish(found) } else { found }
}

/// True for a point in time, or a figure whose sentence says it is a count
/// so far or an expectation.
fn time_bound(sources: &[Source], d: &Discrepancy) -> bool {
    if d.summary.starts_with("Date") || d.summary.starts_with("Year") {
        return true;
    }
    d.mentions.iter().any(|m| {
        let Some(p) = sources
            .get(m.source.0)
            .and_then(|s| s.paragraphs.get(m.paragraph))
        else {
            return false;
        };
        let sentence = p
            .sentences
            .iter()
            .find(|s| s.contains(m.start))
            .and_then(|s| p.text.get(s.start..s.end))
            .unwrap_or(&p.text);
        let lower = format!(" {} ", sentence.to_lowercase());
        TIME_CUES.iter().any(|cue| {
            lower.match_indices(cue).any(|(i, _)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + cue.len()..].chars().next();
                before.is_some_and(|c| !c.is_alphanumeric())
                    && after.is_some_and(|c| !c.is_alphanumeric())
            })
        })
    })
}
