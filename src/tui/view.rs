//! Widgets that draw a [`State`]: panes with gutters, the notice line, the
//! navigator and detail panels, the message and status lines, and the help
//! overlay. Drawing never changes state.
//!
//! Every string from an article passes through [`clean`] on its way to the
//! buffer: text is sanitized at ingest, and this is the second line of
//! defence against control characters reaching the terminal.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::action::Command;
use super::index::MarkKind;
use super::state::{Geometry, Overlay, State, inner, list_offset};
use super::wrap::Row;
use crate::model::{DiffTag, Discrepancy, DiscrepancyKind, Mention, ParagraphKind};

/// Replaces control characters (C0, C1, DEL) with U+FFFD so no article text
/// can move the cursor or change the terminal's state.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

fn span<'a>(text: &'a str, style: Style) -> Span<'a> {
    Span::styled(clean(text), style)
}

fn owned(text: String, style: Style) -> Span<'static> {
    Span::styled(clean(&text).into_owned(), style)
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    render(state, area, frame.buffer_mut());
}

/// Draws the whole screen into `buf` (what [`draw`] does, without a frame).
pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let g = state.geometry();
    if g.too_small {
        let (min_w, min_h) = (super::state::MIN_WIDTH, super::state::MIN_HEIGHT);
        let (w, h) = (area.width, area.height);
        let long = format!("parallax: terminal too small ({w}×{h}); need {min_w}×{min_h}");
        let short = format!("too small: need {min_w}×{min_h}");
        let msg = if long.chars().count() <= usize::from(w) {
            long
        } else {
            short
        };
        buf.set_stringn(area.x, area.y, msg, usize::from(area.width), Style::new());
        return;
    }
    if let Some(r) = g.notice {
        let text = format!("ⓘ {}", state.index.notices.join(" · "));
        buf.set_line(
            r.x,
            r.y,
            &Line::from(span(
                &text,
                state.theme.muted.add_modifier(Modifier::ITALIC),
            )),
            r.width,
        );
    }
    for &(source, rect) in &g.panes {
        draw_pane(state, source, rect, &g, buf);
    }
    if let Some(panel) = g.panel {
        match state.overlay {
            Overlay::Navigator => draw_navigator(state, panel, buf),
            _ => draw_detail_panel(state, panel, buf),
        }
    }
    draw_message(state, g.message, buf);
    draw_status(state, g.status, buf);
    if state.overlay == Overlay::Help {
        draw_help(state, area, buf);
    }
    if state.overlay == Overlay::Relations {
        super::relations::draw(state, area, buf);
    }
    split_flags(buf, area);
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Puts each flag (a pair of regional indicators, one grapheme cluster two
/// columns wide) into two one-column cells, one letter each. Terminals that
/// draw the pair as one wide glyph draw the same two columns; those that
/// keep two narrow letters (tmux 3.3) now agree with the buffer cell by
/// cell, so redrawing over a flag leaves no ghost letter behind.
fn split_flags(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let mut letters = buf[(x, y)].symbol().chars();
            if let (Some(a), Some(b), None) = (letters.next(), letters.next(), letters.next())
                && is_regional_indicator(a)
                && is_regional_indicator(b)
            {
                let style = buf[(x, y)].style();
                buf[(x, y)].set_char(a);
                buf[(x + 1, y)].set_char(b).set_style(style);
            }
        }
    }
}

fn pane_title(state: &State, source: usize) -> Line<'static> {
    let s = &state.report.sources[source];
    let mut text = format!(" {} {}", source + 1, s.name);
    if let Some(date) = s.date {
        text.push_str(&format!(" · {date}"));
    }
    text.push(' ');
    let style = if source == state.focus {
        state
            .theme
            .focus
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    Line::from(Span::styled(clean(&text).into_owned(), style))
}

fn draw_pane(state: &State, source: usize, rect: Rect, g: &Geometry, buf: &mut Buffer) {
    let focused = source == state.focus;
    let border = if focused {
        state.theme.focus
    } else {
        state.theme.muted
    };
    let mut block = Block::bordered()
        .border_style(border)
        .title(pane_title(state, source));
    let n = state.report.sources.len();
    // Sources off screen: those before the first pane on its left, all
    // the others (after it, or between pinned panes) on the right.
    let first_shown = g.panes.first().map(|p| p.0) == Some(source);
    let last_shown = g.panes.last().map(|p| p.0) == Some(source);
    let before = g.panes.first().map_or(0, |p| p.0);
    let after = n.saturating_sub(g.panes.len() + before);
    if first_shown && before > 0 {
        block = block.title_top(Line::from(format!("‹ {before} more ")).right_aligned());
    }
    if last_shown && after > 0 {
        block = block.title_top(Line::from(format!(" {after} more ›")).right_aligned());
    }
    let area = block.inner(rect);
    block.render(rect, buf);
    let layout = &state.layouts[source];
    let top = state.scroll[source];
    let text_x = area.x + super::state::GUTTER;
    let text_w = area.width.saturating_sub(super::state::GUTTER);
    for y in 0..area.height {
        let Some(&row) = layout.rows.get(top + usize::from(y)) else {
            break;
        };
        let Row::Text {
            para,
            start,
            end,
            first,
        } = row
        else {
            continue;
        };
        let line_y = area.y + y;
        draw_gutter(
            state,
            source,
            para,
            first,
            Rect::new(area.x, line_y, super::state::GUTTER, 1),
            buf,
        );
        let line = Line::from(row_spans(state, source, para, start, end));
        buf.set_line(text_x, line_y, &line, text_w);
    }
}

/// The gutter code of a furniture paragraph (shown with `a`): `tit`, `byl`…
pub fn gutter_code(kind: ParagraphKind) -> String {
    kind.as_str().chars().take(3).collect()
}

/// The help line that explains the furniture codes.
fn gutter_codes_help() -> String {
    let codes: Vec<String> = ParagraphKind::ALL
        .into_iter()
        .filter(|k| !k.is_body())
        .map(|k| format!("{} {}", gutter_code(k), k.as_str()))
        .collect();
    format!(
        " With furniture shown (a), dimmed: {} (ads, link lists, credits).",
        codes.join(" · ")
    )
}

fn draw_gutter(state: &State, source: usize, para: usize, first: bool, at: Rect, buf: &mut Buffer) {
    let paragraph = &state.report.sources[source].paragraphs[para];
    let groups = &state.index.groups[source][para];
    let (text, style) = if !paragraph.kind.is_body() {
        let label = if first {
            gutter_code(paragraph.kind)
        } else {
            String::new()
        };
        (label, state.theme.furniture)
    } else if let Some(&g) = groups.first() {
        let style = state.theme.group(g);
        if first {
            (
                state.report.groups[g].id.to_string(),
                style.add_modifier(Modifier::BOLD),
            )
        } else {
            (" ╎".to_string(), style)
        }
    } else if state.report.groups.is_empty() {
        (String::new(), Style::new())
    } else {
        let mark = if first { "+" } else { " ╎" };
        (mark.to_string(), state.theme.only)
    };
    let width = usize::from(at.width.saturating_sub(1));
    buf.set_stringn(at.x, at.y, text, width, style);
}

/// Styled pieces of bytes `start..end` of a paragraph, with every highlight
/// that covers them laid over one another in priority order.
fn row_spans<'a>(
    state: &'a State,
    source: usize,
    para: usize,
    start: usize,
    end: usize,
) -> Vec<Span<'a>> {
    let paragraph = &state.report.sources[source].paragraphs[para];
    let text = &paragraph.text;
    let theme = &state.theme;
    let base = if paragraph.kind.is_body() {
        Style::new()
    } else {
        theme.furniture
    };
    let mut layers: Vec<(usize, usize, Style)> = Vec::new();
    if state.word_diff {
        for d in &state.index.diffs[source][para] {
            if source == state.focus || d.other == state.focus {
                layers.push((d.span.start, d.span.end, theme.diff));
            }
        }
    }
    let current = state.current_discrepancy();
    let mut marks: Vec<(u8, usize, usize, Style)> = state.index.marks[source][para]
        .iter()
        .map(|m| {
            let style = match m.kind {
                MarkKind::Only => theme.only,
                MarkKind::Framing => theme.framing,
                MarkKind::Quote => theme.quote,
                MarkKind::Number => theme.number,
            };
            // The discrepancy being visited draws over everything else.
            if Some(m.discrepancy) == current {
                (
                    u8::MAX,
                    m.span.start,
                    m.span.end,
                    style.patch(theme.current),
                )
            } else {
                (m.kind as u8, m.span.start, m.span.end, style)
            }
        })
        .collect();
    marks.sort_by_key(|m| m.0);
    layers.extend(marks.into_iter().map(|(_, a, b, style)| (a, b, style)));
    if let Some(found) = state.search.matches.get(source).and_then(|m| m.get(para)) {
        for s in found {
            layers.push((s.start, s.end, theme.search));
        }
    }
    let mut cuts = vec![start, end];
    for &(a, b, _) in &layers {
        cuts.extend([a, b].into_iter().filter(|&c| c > start && c < end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let (a, b) = (w[0], w[1]);
            let piece = text.get(a..b)?;
            let style = layers
                .iter()
                .filter(|l| l.0 <= a && l.1 >= b)
                .fold(base, |s, l| s.patch(l.2));
            Some(span(piece, style))
        })
        .collect()
}

fn kind_style(state: &State, kind: DiscrepancyKind) -> Style {
    match kind {
        DiscrepancyKind::Number => state.theme.number,
        DiscrepancyKind::Quote => state.theme.quote,
        DiscrepancyKind::Framing => state.theme.framing,
        DiscrepancyKind::Omission => state.theme.only,
    }
}

fn source_names(state: &State, d: &Discrepancy) -> String {
    let mut names: Vec<&str> = Vec::new();
    for m in &d.mentions {
        if let Some(s) = state.report.sources.get(m.source.0)
            && !names.contains(&s.name.as_str())
        {
            names.push(&s.name);
        }
    }
    names.join(", ")
}

fn draw_navigator(state: &State, panel: Rect, buf: &mut Buffer) {
    let title = format!(
        " Discrepancies · {} ({}) · Enter jump · Esc close ",
        state.filter.label(),
        state.filtered.len()
    );
    let list_width = (panel.width / 2).max(20).min(panel.width);
    let list_rect = Rect {
        width: list_width,
        ..panel
    };
    Block::bordered()
        .title(title)
        .border_style(state.theme.focus)
        .render(list_rect, buf);
    let list = inner(list_rect);
    if state.filtered.is_empty() {
        buf.set_stringn(
            list.x,
            list.y,
            "no discrepancies in this filter",
            usize::from(list.width),
            state.theme.muted,
        );
    }
    let offset = list_offset(state.selected, usize::from(list.height));
    for (y, &d) in state
        .filtered
        .iter()
        .skip(offset)
        .take(usize::from(list.height))
        .enumerate()
    {
        let pos = offset + y;
        let disc = &state.report.discrepancies[d];
        let selected = pos == state.selected;
        let base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let line = Line::from(vec![
            Span::styled(format!("{:>3} ", pos + 1), base),
            Span::styled(
                format!("{:<8} ", disc.kind.as_str()),
                base.patch(kind_style(state, disc.kind)),
            ),
            span(&disc.summary, base),
            owned(
                format!("  {}", source_names(state, disc)),
                base.patch(state.theme.muted),
            ),
        ]);
        buf.set_line(list.x, list.y + y as u16, &line, list.width);
    }
    if list_width < panel.width {
        let detail = Rect {
            x: panel.x + list_width,
            width: panel.width - list_width,
            ..panel
        };
        let d = state.filtered.get(state.selected).copied();
        draw_detail(state, d, detail, buf);
    }
}

fn draw_detail_panel(state: &State, panel: Rect, buf: &mut Buffer) {
    draw_detail(state, state.current_discrepancy(), panel, buf);
}

/// Each source's version of one discrepancy, together.
fn draw_detail(state: &State, d: Option<usize>, rect: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .title(" Detail ")
        .border_style(state.theme.muted);
    let Some(disc) = d.and_then(|d| state.report.discrepancies.get(d)) else {
        Paragraph::new(Line::from(span(
            &format!(
                "No discrepancy selected: press {} to visit one.",
                state.keymap.hint(Command::NextDiscrepancy)
            ),
            state.theme.muted,
        )))
        .block(block)
        .render(rect, buf);
        return;
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                disc.kind.as_str().to_uppercase(),
                kind_style(state, disc.kind).add_modifier(Modifier::BOLD),
            ),
            owned(
                disc.subkind
                    .map(|s| format!(" · {}", s.as_str().replace('_', " ")))
                    .unwrap_or_default(),
                Style::new(),
            ),
            Span::styled(format!(" · score {:.2}", disc.score), state.theme.muted),
        ]),
        Line::from(span(
            &disc.summary,
            Style::new().add_modifier(Modifier::BOLD),
        )),
    ];
    for (i, m) in disc.mentions.iter().enumerate() {
        let Some(source) = state.report.sources.get(m.source.0) else {
            continue;
        };
        let mut head = vec![span(
            &source.name,
            Style::new().add_modifier(Modifier::BOLD),
        )];
        if matches!(
            disc.kind,
            DiscrepancyKind::Number | DiscrepancyKind::Framing
        ) {
            head.push(Span::raw("  "));
            head.push(span(&m.text, kind_style(state, disc.kind)));
            if let Some(value) = value_label(m) {
                head.push(owned(format!("  ({value})"), state.theme.muted));
            }
        }
        lines.push(Line::default());
        lines.push(Line::from(head));
        let reference = if i == 0 {
            disc.mentions.get(1)
        } else {
            disc.mentions.first()
        };
        lines.push(Line::from(mention_context(state, disc.kind, m, reference)));
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: true })
        .render(rect, buf);
}

/// A mention's normalized value, e.g. `35 min`, when it says more than the
/// text (dates are stored as day numbers: not shown).
fn value_label(m: &Mention) -> Option<String> {
    let value = m.value?;
    let unit = m.unit.as_deref().unwrap_or("");
    if unit == "date" {
        return None;
    }
    let number = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    };
    Some(format!("{number} {unit}").trim().to_string())
}

/// The sentence(s) around a mention, the mention styled by kind; a quote's
/// words that differ from `reference` also carry the word-diff style.
fn mention_context<'a>(
    state: &'a State,
    kind: DiscrepancyKind,
    m: &'a Mention,
    reference: Option<&'a Mention>,
) -> Vec<Span<'a>> {
    let Some(p) = state
        .report
        .sources
        .get(m.source.0)
        .and_then(|s| s.paragraphs.get(m.paragraph))
    else {
        return vec![span(&m.text, kind_style(state, kind))];
    };
    let text = &p.text;
    if text.get(m.start..m.end).is_none() {
        return vec![span(&m.text, kind_style(state, kind))];
    }
    let from = p
        .sentences
        .iter()
        .find(|s| s.contains(m.start))
        .map_or(0, |s| s.start);
    let to = p
        .sentences
        .iter()
        .find(|s| s.contains(m.end.saturating_sub(1)))
        .map_or(text.len(), |s| s.end)
        .max(m.end);
    let style = kind_style(state, kind);
    let mut out = vec![span(text.get(from..m.start).unwrap_or(""), Style::new())];
    let mention = &text[m.start..m.end];
    match reference {
        Some(r) if kind == DiscrepancyKind::Quote && r.text != m.text => {
            // the engine's one word diff (text::diff): the words this
            // quotation has that the reference lacks are bold
            let changed = style.patch(state.theme.diff).add_modifier(Modifier::BOLD);
            let ops = crate::text::diff::word_diff(
                &r.text,
                crate::model::Span::new(0, r.text.len()),
                text,
                crate::model::Span::new(m.start, m.end),
            );
            let mut at = m.start;
            for op in ops.iter().filter(|op| !op.b.is_empty()) {
                if op.b.start > at {
                    out.push(span(&text[at..op.b.start], style));
                }
                let piece = &text[op.b.start..op.b.end];
                out.push(span(
                    piece,
                    if op.tag == DiffTag::Equal {
                        style
                    } else {
                        changed
                    },
                ));
                at = op.b.end;
            }
            if at < m.end {
                out.push(span(&text[at..m.end], style));
            }
        }
        _ => out.push(span(mention, style)),
    }
    out.push(span(text.get(m.end..to).unwrap_or(""), Style::new()));
    out
}

fn draw_message(state: &State, r: Rect, buf: &mut Buffer) {
    let line = if state.search.editing {
        Line::from(vec![
            Span::raw("/"),
            span(&state.search.query, Style::new()),
            Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)),
            Span::styled("  Enter search · Esc cancel", state.theme.muted),
        ])
    } else if let Some(msg) = &state.message {
        Line::from(span(msg, Style::new()))
    } else if let Some(d) = state.current_discrepancy() {
        let disc = &state.report.discrepancies[d];
        Line::from(vec![
            Span::styled(
                format!("{} ", disc.kind.as_str()),
                kind_style(state, disc.kind).add_modifier(Modifier::BOLD),
            ),
            span(&disc.summary, Style::new()),
            owned(
                format!("  ({})", source_names(state, disc)),
                state.theme.muted,
            ),
        ])
    } else if state.analysing {
        let n = state.report.sources.len();
        Line::from(Span::styled(
            format!(
                "analysing {n} source{}… {} s · the text is readable meanwhile",
                if n == 1 { "" } else { "s" },
                state.analysis_secs
            ),
            state.theme.muted,
        ))
    } else if state.report.discrepancies.is_empty() {
        Line::from(Span::styled(
            "No discrepancies found between these sources.",
            state.theme.muted,
        ))
    } else {
        Line::from(Span::styled(
            format!(
                "{} discrepancies · {} jumps to the top-ranked one · {} lists them",
                state.report.discrepancies.len(),
                state.keymap.hint(Command::NextDiscrepancy),
                state.keymap.hint(Command::ToggleNavigator),
            ),
            state.theme.muted,
        ))
    };
    buf.set_line(r.x, r.y, &line, r.width);
}

fn draw_status(state: &State, r: Rect, buf: &mut Buffer) {
    let theme = &state.theme;
    let sep = || Span::styled(" │ ", theme.muted);
    let name = state
        .report
        .sources
        .get(state.focus)
        .map_or("", |s| s.name.as_str());
    let (n, m) = state.position();
    let cur = state
        .current
        .map_or("–".to_string(), |i| (i + 1).to_string());
    let mut spans = vec![
        Span::styled(
            format!(" {} ", state.focus + 1),
            theme.focus.add_modifier(Modifier::REVERSED),
        ),
        Span::raw(" "),
        span(name, Style::new().add_modifier(Modifier::BOLD)),
        sep(),
        Span::raw(format!("¶ {n}/{m}")),
        sep(),
        Span::raw(format!(
            "◆ {cur}/{} {}",
            state.filtered.len(),
            state.filter.label()
        )),
    ];
    if state.analysing {
        spans.push(sep());
        spans.push(Span::styled(
            format!("analysing… {} s", state.analysis_secs),
            theme.muted,
        ));
    }
    if !state.search.query.is_empty() && !state.search.editing {
        spans.push(sep());
        spans.push(owned(
            format!("/{} ({})", state.search.query, state.shown_match_count()),
            theme.search,
        ));
    }
    let mut legend = vec![
        ("number".to_string(), theme.number),
        ("quote".to_string(), theme.quote),
        ("framing".to_string(), theme.framing),
        ("only here".to_string(), theme.only),
    ];
    if state.word_diff {
        legend.push((format!("diff vs {}", clean(name)), theme.diff));
    }
    // The legend only when it fits whole.
    let legend_width: usize = legend.iter().map(|(l, _)| super::wrap::width(l) + 1).sum();
    if Line::from(spans.clone()).width() + legend_width + 3 <= usize::from(r.width) {
        spans.push(sep());
        for (i, (label, style)) in legend.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            spans.push(Span::styled(label, style));
        }
    }
    let left = Line::from(spans);
    let used = left.width();
    buf.set_line(r.x, r.y, &left, r.width);
    let hints = [
        (Command::NextDiscrepancy, "next"),
        (Command::CycleFilter, "filter"),
        (Command::ToggleNavigator, "list"),
        (Command::ToggleHelp, "help"),
        (Command::Quit, "quit"),
    ]
    .iter()
    .map(|&(c, what)| format!("{} {what}", state.keymap.hint(c)))
    .collect::<Vec<_>>()
    .join(" · ");
    let hint_width = unicode_width::UnicodeWidthStr::width(hints.as_str()) + 1;
    if used + hint_width + 2 <= usize::from(r.width) {
        let x = r.x + r.width - hint_width as u16;
        buf.set_stringn(x, r.y, hints, hint_width, theme.muted);
    }
}

fn draw_help(state: &State, area: Rect, buf: &mut Buffer) {
    let theme = &state.theme;
    let rows = state.keymap.help_rows();
    let key_width = rows
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
        .max()
        .unwrap_or(0)
        .min(24);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(
                    format!(" {keys:<key_width$}  "),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(what),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::raw(" Highlights: "),
        Span::styled("number in conflict", theme.number),
        Span::raw("  "),
        Span::styled("quote that differs", theme.quote),
        Span::raw("  "),
        Span::styled("framing word", theme.framing),
        Span::raw("  "),
        Span::styled("only in this source", theme.only),
        Span::raw("  "),
        Span::styled("word diff", theme.diff),
        Span::raw("  "),
        Span::styled("current", theme.current),
        Span::raw("  "),
        Span::styled("search", theme.search),
    ]));
    lines.push(Line::from(Span::raw(
        " Gutter: gN = aligned group N (the same tag marks the same content in other panes); + = only in this source.",
    )));
    lines.push(Line::from(Span::raw(gutter_codes_help())));
    popup(
        area,
        96,
        lines,
        " Keys · ? or Esc closes ",
        state.help_scroll,
        theme.focus,
        buf,
    );
}

/// Draws `lines` in a bordered box over the middle of `area`, at most
/// `max_width` wide and as tall as the lines once wrapped, scrolled by
/// `scroll` rows (down to where the last line is at the bottom).
pub(super) fn popup(
    area: Rect,
    max_width: u16,
    lines: Vec<Line<'_>>,
    title: &str,
    scroll: usize,
    border: Style,
    buf: &mut Buffer,
) {
    let width = area.width.saturating_sub(4).min(max_width);
    // Rows the lines take once wrapped (the legend lines are long).
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = (rows as u16 + 2).min(area.height.saturating_sub(2));
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(popup, buf);
    let last = rows.saturating_sub(usize::from(height.saturating_sub(2)));
    let scroll = scroll.min(last) as u16;
    Paragraph::new(lines)
        .block(
            Block::new()
                .borders(Borders::ALL)
                .title(title)
                .title_alignment(Alignment::Center)
                .border_style(border),
        )
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(popup, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_take_two_one_column_cells() {
        let area = Rect::new(0, 0, 8, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "a🇧🇷b", Style::new().add_modifier(Modifier::BOLD));
        split_flags(&mut buf, area);
        let cells: Vec<&str> = (0..5).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(cells, ["a", "🇧", "🇷", "b", " "]);
        assert!(buf[(2, 0)].modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn clean_replaces_control_characters() {
        assert_eq!(clean("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            clean("a\u{1b}[2Jb\u{7}c\u{9b}d"),
            "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d"
        );
    }
}
