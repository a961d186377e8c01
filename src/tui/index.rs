//! What the reader derives from a [`Report`] once, before the first frame:
//! which groups each paragraph belongs to, and the highlight spans of every
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
            marks: per_paragraph(report),
            diffs: per_paragraph(report),
            notices: Vec::new(),
        };
        for (g, group) in report.groups.iter().enumerate() {
            for m in &group.members {
                if let Some(slot) = index
                    .groups
                    .get_mut(m.source.0)
                    .and_then(|s| s.get_mut(m.paragraph))
                    && !slot.contains(&g)
                {
                    slot.push(g);
                }
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
