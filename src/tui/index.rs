//! What the reader derives from a [`Report`] once, before the first frame:
//! which groups and sub-events each paragraph belongs to, and the highlight spans of every
//! paragraph (discrepancy mentions and word-diff operations).

use crate::analysis::align::Overview;
use crate::model::{DiffTag, DiscrepancyKind, Report, Span};

/// What a highlighted span is, in increasing drawing priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    Only,
    Framing,
    Quote,
    Number,
}

impl MarkKind {
    /// The highlight for a discrepancy kind.
    pub fn of(kind: DiscrepancyKind) -> MarkKind {
        match kind {
            DiscrepancyKind::Number => MarkKind::Number,
            DiscrepancyKind::Quote => MarkKind::Quote,
            DiscrepancyKind::Framing => MarkKind::Framing,
            DiscrepancyKind::Omission => MarkKind::Only,
        }
    }
}

/// A highlighted byte span of a paragraph, from one discrepancy mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    pub kind: MarkKind,
    /// Index into [`Report::discrepancies`].
    pub discrepancy: usize,
}

/// A word-diff span of a paragraph: words that differ from `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffMark {
    pub span: Span,
    /// The source this paragraph was compared with.
    pub other: usize,
}

/// Per-paragraph data, indexed `[source][paragraph]`.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Group positions (into `Report::groups`) each paragraph belongs to.
    pub groups: Vec<Vec<Vec<usize>>>,
    /// Sub-event positions (into `Report::sub_events`) each paragraph
    /// belongs to.
    pub sub_events: Vec<Vec<Vec<usize>>>,
    /// Discrepancy mentions, sorted by start.
    pub marks: Vec<Vec<Vec<Mark>>>,
    /// Word-diff spans, sorted by start.
    pub diffs: Vec<Vec<Vec<DiffMark>>>,
    /// One-line notices, e.g. that one source rewrites another.
    pub notices: Vec<String>,
}

fn per_paragraph<T>(report: &Report) -> Vec<Vec<Vec<T>>> {
    report
        .sources
        .iter()
        .map(|s| s.paragraphs.iter().map(|_| Vec::new()).collect())
        .collect()
}

/// Adds `value` to the slot of a paragraph (once; unknown paragraphs are
/// skipped).
fn add_once(slots: &mut [Vec<Vec<usize>>], source: usize, paragraph: usize, value: usize) {
    if let Some(slot) = slots.get_mut(source).and_then(|s| s.get_mut(paragraph))
        && !slot.contains(&value)
    {
        slot.push(value);
    }
}

/// A span is usable when it lies on char boundaries of the paragraph.
fn valid(report: &Report, source: usize, paragraph: usize, span: Span) -> bool {
    report
        .sources
        .get(source)
        .and_then(|s| s.paragraphs.get(paragraph))
        .is_some_and(|p| span.start <= span.end && p.text.get(span.start..span.end).is_some())
}

impl Index {
    /// Builds the index. Spans that do not fit their paragraph are dropped
    /// rather than trusted.
    pub fn new(report: &Report) -> Index {
        let mut index = Index {
            groups: per_paragraph(report),
            sub_events: per_paragraph(report),
            marks: per_paragraph(report),
            diffs: per_paragraph(report),
            notices: Vec::new(),
        };
        for (e, sub) in report.sub_events.iter().enumerate() {
            for m in &sub.members {
                add_once(&mut index.sub_events, m.source.0, m.paragraph, e);
            }
        }
        for (g, group) in report.groups.iter().enumerate() {
            for m in &group.members {
                add_once(&mut index.groups, m.source.0, m.paragraph, g);
            }
            for link in &group.links {
                for op in link.diff.iter().filter(|op| op.tag != DiffTag::Equal) {
                    let sides = [
                        (link.a, op.a, link.b.source.0),
                        (link.b, op.b, link.a.source.0),
                    ];
                    for (at, span, other) in sides {
                        if !span.is_empty() && valid(report, at.source.0, at.paragraph, span) {
                            index.diffs[at.source.0][at.paragraph].push(DiffMark { span, other });
                        }
                    }
                }
            }
        }
        for (d, disc) in report.discrepancies.iter().enumerate() {
            for m in &disc.mentions {
                let span = m.span();
                if valid(report, m.source.0, m.paragraph, span) {
                    index.marks[m.source.0][m.paragraph].push(Mark {
                        span,
                        kind: MarkKind::of(disc.kind),
                        discrepancy: d,
                    });
                }
            }
        }
        for paragraphs in index.marks.iter_mut() {
            paragraphs
                .iter_mut()
                .for_each(|m| m.sort_by_key(|m| m.span.start));
        }
        for paragraphs in index.diffs.iter_mut() {
            paragraphs
                .iter_mut()
                .for_each(|m| m.sort_by_key(|m| m.span.start));
        }
        index.notices = rewrite_notices(report);
        index
    }
}

/// The one-line summary of the sources (see [`Overview::summary`]).
fn rewrite_notices(report: &Report) -> Vec<String> {
    let summary = Overview::new(report.sources.len(), &report.relations).summary(&report.sources);
    if report.relations.is_empty() || summary.is_empty() {
        Vec::new()
    } else {
        vec![summary]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RelationKind, Rewrite, RewriteKind, SourceId, SourceRelation};

    fn near_copies(names: &[&str]) -> Report {
        let mut report = crate::tui::fixture::report();
        let template = report.sources[0].clone();
        report.sources = names
            .iter()
            .enumerate()
            .map(|(i, name)| crate::model::Source {
                id: SourceId(i),
                name: name.to_string(),
                ..template.clone()
            })
            .collect();
        report.groups.clear();
        report.discrepancies.clear();
        report.relations = (0..names.len())
            .flat_map(|a| (a + 1..names.len()).map(move |b| (a, b)))
            .map(|(a, b)| SourceRelation {
                a: SourceId(a),
                b: SourceId(b),
                a_in_b: 1.0,
                b_in_a: 1.0,
                rewrite_of: Some(Rewrite {
                    derived: SourceId(b),
                    original: SourceId(a),
                    kind: RewriteKind::NearCopy,
                }),
                kind: RelationKind::Rewrite,
                ..SourceRelation::default()
            })
            .collect();
        report
    }

    #[test]
    fn many_rewrites_are_summed_up() {
        let names: Vec<String> = (1..=12).map(|i| format!("Outlet {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let notices = Index::new(&near_copies(&names)).notices;
        assert_eq!(
            notices,
            [
                "Outlet 1: the report · 11 of 12 sources read as rewrites or near copies of \
                 others: not independent confirmation; `parallax report` lists them"
            ]
        );
    }

    #[test]
    fn no_source_reads_as_a_copy_of_itself() {
        let notices = Index::new(&near_copies(&["AP", "AP"])).notices;
        assert_eq!(
            notices,
            ["AP (1): the report · AP (2): near copy of AP (1)"]
        );
    }
}
