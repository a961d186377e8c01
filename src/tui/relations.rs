//! How the sources relate, as a popup: the one-line summary, a coverage
//! matrix (how much of each row's text has a counterpart in each column,
//! as a bar and a share, coloured by the kind of relation), and one line
//! per pair with its kind, score and evidence.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::state::State;
use super::theme::Theme;
use super::view::{clean, popup};
use crate::analysis::align::Overview;
use crate::model::{RelationKind, Report, SourceId};

/// Sources the matrix shows (the reader focuses 1–9).
const MAX_ROWS: usize = 9;
/// Width of one matrix cell: a bar of `BAR` cells, a space, "100%".
const BAR: usize = 4;
const CELL: usize = BAR + 6;
/// Longest source name in the row labels.
const NAME: usize = 22;

/// The style of a relation kind in the matrix.
fn kind_style(theme: &Theme, kind: RelationKind) -> Style {
    match kind {
        RelationKind::SameEvent => theme.focus,
        RelationKind::LaterReport => theme.framing,
        RelationKind::Partial => theme.only,
        RelationKind::DifferentEvent => theme.muted,
        RelationKind::Rewrite | RelationKind::Identical => theme.quote,
    }
}

/// A bar of `BAR` cells for a share in 0..=1 (eighth blocks).
fn bar(share: f64) -> String {
    const EIGHTHS: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = (share.clamp(0.0, 1.0) * (BAR * 8) as f64).round() as usize;
    (0..BAR)
        .map(|k| EIGHTHS[eighths.saturating_sub(k * 8).min(8)])
        .collect()
}

fn truncated(text: &str, width: usize) -> String {
    if text.width() <= width {
        return format!("{text:<width$}");
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    format!("{out:<width$}")
}

/// The lines of the popup.
pub fn lines(report: &Report, theme: &Theme) -> Vec<Line<'static>> {
    let n = report.sources.len();
    let mut out = Vec::new();
    if n < 2 || report.relations.is_empty() {
        out.push(Line::from(" One source: nothing to relate."));
        return out;
    }
    let overview = Overview::new(n, &report.relations);
    out.push(Line::from(Span::styled(
        format!(" {}", clean(&overview.summary(&report.sources))),
        Style::new().add_modifier(Modifier::BOLD),
    )));
    for line in overview.set_aside_lines(&report.sources, &report.relations) {
        out.push(Line::from(format!(" {}", clean(&line))));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        " Share of each row's text found in each column:",
        theme.muted,
    )));
    let shown = n.min(MAX_ROWS);
    let name_width = report
        .sources
        .iter()
        .take(shown)
        .map(|s| s.name.width())
        .max()
        .unwrap_or(0)
        .min(NAME);
    let mut header = format!(" {:width$}", "", width = name_width + 3);
    for c in 0..shown {
        header.push_str(&format!("{:^CELL$}", c + 1));
    }
    out.push(Line::from(Span::styled(
        header,
        Style::new().add_modifier(Modifier::BOLD),
    )));
    for r in 0..shown {
        let mut spans = vec![Span::raw(format!(
            " {} {} ",
            r + 1,
            truncated(&clean(&report.sources[r].name), name_width)
        ))];
        for c in 0..shown {
            if c == r {
                spans.push(Span::styled(format!("{:^CELL$}", "·"), theme.muted));
                continue;
            }
            let Some(rel) = report.relation(SourceId(r), SourceId(c)) else {
                spans.push(Span::raw(" ".repeat(CELL)));
                continue;
            };
            let share = if rel.a.0 == r { rel.a_in_b } else { rel.b_in_a };
            let cell = format!(" {} {:>3.0}%", bar(share), 100.0 * share);
            spans.push(Span::styled(
                format!("{cell:<CELL$}"),
                kind_style(theme, rel.kind),
            ));
        }
        out.push(Line::from(spans));
    }
    if n > shown {
        out.push(Line::from(Span::styled(
            format!(" … and {} more sources", n - shown),
            theme.muted,
        )));
    }
    out.push(Line::default());
    let mut legend = vec![Span::raw(" ")];
    for kind in RelationKind::ALL {
        legend.push(Span::styled(
            kind.as_str().replace('_', " "),
            kind_style(theme, kind),
        ));
        legend.push(Span::raw("  "));
    }
    out.push(Line::from(legend));
    out.push(Line::default());
    for rel in &report.relations {
        if rel.a.0 >= shown || rel.b.0 >= shown {
            continue;
        }
        out.push(Line::from(vec![
            Span::raw(format!(" {}·{} ", rel.a.0 + 1, rel.b.0 + 1)),
            Span::styled(
                format!("{} {:.2}", rel.kind.as_str().replace('_', " "), rel.score),
                kind_style(theme, rel.kind),
            ),
            Span::raw(format!(": {}", clean(&rel.evidence.note))),
        ]));
    }
    out
}

/// Draws the popup over the middle of `area`.
pub fn draw(state: &State, area: Rect, buf: &mut Buffer) {
    let lines = lines(&state.report, &state.theme);
    let title = " How the sources relate · r or Esc closes ";
    popup(area, 110, lines, title, 0, state.theme.focus, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_by_eighths() {
        assert_eq!(bar(0.0), "    ");
        assert_eq!(bar(1.0), "████");
        assert_eq!(bar(0.5), "██  ");
        assert_eq!(bar(0.25 + 1.0 / 32.0), "█▏  ");
    }

    #[test]
    fn the_popup_names_every_pair() {
        let report = super::super::fixture::report();
        let text: Vec<String> = lines(&report, &Theme::default())
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text[0], " Alpha, Beta: one event · Gamma: rewrite of Alpha");
        assert!(text.iter().any(|l| l.starts_with(" 1·3 ")), "{text:?}");
        assert!(text.iter().any(|l| l.starts_with(" 3 Gamma")), "{text:?}");
    }
}
