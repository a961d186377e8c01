//! Styles for every highlight, with a monochrome fallback.
//!
//! Every highlight is told apart by its *modifiers* alone (bold, italic,
//! underline, reverse), so the reader stays usable under `NO_COLOR` or on a
//! monochrome terminal; colors are the terminal's own ANSI colors, never fixed
//! RGB backgrounds, so the palette follows the user's dark or light theme.

use ratatui::style::{Color, Modifier, Style};

/// Named styles the reader draws with.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Numbers in conflict.
    pub number: Style,
    /// Quotes that differ.
    pub quote: Style,
    /// Framing words.
    pub framing: Style,
    /// Content only in this source.
    pub only: Style,
    /// Word diff against the aligned paragraph.
    pub diff: Style,
    /// Search matches.
    pub search: Style,
    /// Mentions of the discrepancy being visited.
    pub current: Style,
    /// Headlines, bylines, captions when shown.
    pub furniture: Style,
    /// Border and title of the focused pane.
    pub focus: Style,
    /// Borders, gutters, hints.
    pub muted: Style,
    /// Group tags in the gutter cycle through these.
    pub groups: Vec<Style>,
}

impl Default for Theme {
    fn default() -> Self {
        let m = Theme::monochrome();
        Theme {
            number: m.number.fg(Color::Red),
            quote: m.quote.fg(Color::Magenta),
            framing: m.framing.fg(Color::Blue),
            only: m.only.fg(Color::Green),
            diff: m.diff.fg(Color::Cyan),
            search: m.search.fg(Color::Yellow),
            current: m.current,
            furniture: m.furniture,
            focus: m.focus.fg(Color::Cyan),
            muted: m.muted,
            groups: [
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Green,
                Color::Red,
                Color::Yellow,
            ]
            .into_iter()
            .map(|c| Style::new().fg(c))
            .collect(),
        }
    }
}

impl Theme {
    /// Modifiers only: what `NO_COLOR` gets.
    pub fn monochrome() -> Theme {
        let m = |modifier: Modifier| Style::new().add_modifier(modifier);
        Theme {
            number: m(Modifier::BOLD | Modifier::UNDERLINED),
            quote: m(Modifier::ITALIC | Modifier::UNDERLINED),
            framing: m(Modifier::BOLD | Modifier::ITALIC),
            only: m(Modifier::ITALIC),
            diff: m(Modifier::UNDERLINED),
            search: m(Modifier::REVERSED),
            current: m(Modifier::REVERSED | Modifier::BOLD),
            furniture: m(Modifier::DIM),
            focus: m(Modifier::BOLD),
            muted: m(Modifier::DIM),
            groups: vec![Style::new()],
        }
    }

    /// The default palette, or [`Theme::monochrome`] when the `NO_COLOR`
    /// environment variable is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::default(),
        }
    }

    /// The style slot named `name` in the config file.
    pub fn slot_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "number" => &mut self.number,
            "quote" => &mut self.quote,
            "framing" => &mut self.framing,
            "only" => &mut self.only,
            "diff" => &mut self.diff,
            "search" => &mut self.search,
            "current" => &mut self.current,
            "furniture" => &mut self.furniture,
            "focus" => &mut self.focus,
            "muted" => &mut self.muted,
            _ => return None,
        })
    }

    /// The style of group tag `group` in the gutter.
    pub fn group(&self, group: usize) -> Style {
        self.groups
            .get(group % self.groups.len().max(1))
            .copied()
            .unwrap_or_default()
    }
}

/// Slot names accepted under `[colors]`.
pub const SLOTS: [&str; 10] = [
    "number",
    "quote",
    "framing",
    "only",
    "diff",
    "search",
    "current",
    "furniture",
    "focus",
    "muted",
];

/// Parses a style like `"bold red"`, `"underline"`, `"reverse yellow on blue"`,
/// `"#ff8800"`, `"italic 208"`: modifiers, then an optional foreground, then
/// optionally `on` and a background. Returns a message naming the bad word.
pub fn parse_style(raw: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let words = raw.split_whitespace();
    let mut background = false;
    for word in words {
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reverse" | "reversed" => Some(Modifier::REVERSED),
            "crossed" | "strikethrough" => Some(Modifier::CROSSED_OUT),
            _ => None,
        };
        if let Some(modifier) = modifier {
            style = style.add_modifier(modifier);
            continue;
        }
        if lower == "on" {
            background = true;
            continue;
        }
        let color: Color = lower
            .parse()
            .map_err(|_| format!("unknown color or modifier {word:?}"))?;
        style = if background {
            style.bg(color)
        } else {
            style.fg(color)
        };
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_differ_without_color() {
        let t = Theme::monochrome();
        let all = [
            t.number, t.quote, t.framing, t.only, t.diff, t.search, t.current,
        ];
        for (i, a) in all.iter().enumerate() {
            assert!(a.fg.is_none() && a.bg.is_none());
            for b in &all[i + 1..] {
                assert_ne!(a.add_modifier, b.add_modifier);
            }
        }
    }

    #[test]
    fn default_palette_sets_no_background() {
        let t = Theme::default();
        for s in [
            t.number, t.quote, t.framing, t.only, t.diff, t.search, t.current,
        ] {
            assert!(s.bg.is_none());
        }
    }

    #[test]
    fn parses_styles() {
        let s = parse_style("bold red on blue").unwrap();
        assert_eq!(s.fg, Some(Color::Red));
        assert_eq!(s.bg, Some(Color::Blue));
        assert!(s.add_modifier.contains(Modifier::BOLD));
        assert!(parse_style("#ff8800").is_ok());
        assert!(parse_style("bold chartreuse-ish").is_err());
    }
}
