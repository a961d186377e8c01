//! Lays a source out as rows of a pane: paragraphs wrapped at word
//! boundaries by display width, with a blank row between paragraphs.
//!
//! Widths are measured by grapheme cluster ([`width`]), the unit a
//! terminal draws: a flag (two regional indicators) or an emoji ZWJ
//! sequence (👩‍🚒) is one cluster, never split across rows, and measures
//! what the pane draws for it. Rows are byte ranges so highlights can be
//! laid over them.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::Source;

/// One row of a laid-out pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Bytes `start..end` of paragraph `para`; `first` for its first row.
    Text {
        para: usize,
        start: usize,
        end: usize,
        first: bool,
    },
    /// The blank row between paragraphs.
    Gap,
}

/// A source laid out at one width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PaneText {
    pub rows: Vec<Row>,
    /// First row of each paragraph; `None` when the paragraph is hidden.
    pub para_row: Vec<Option<usize>>,
    /// Paragraphs shown, in reading order.
    pub shown: Vec<usize>,
}

impl PaneText {
    /// Lays out `source` at `width` columns; non-body paragraphs only when
    /// `furniture` is set.
    pub fn new(source: &Source, width: usize, furniture: bool) -> PaneText {
        let mut out = PaneText {
            para_row: vec![None; source.paragraphs.len()],
            ..PaneText::default()
        };
        for (i, p) in source.paragraphs.iter().enumerate() {
            if !furniture && !p.kind.is_body() {
                continue;
            }
            if !out.rows.is_empty() {
                out.rows.push(Row::Gap);
            }
            out.para_row[i] = Some(out.rows.len());
            out.shown.push(i);
            for (n, (start, end)) in wrap_ranges(&p.text, width).into_iter().enumerate() {
                out.rows.push(Row::Text {
                    para: i,
                    start,
                    end,
                    first: n == 0,
                });
            }
        }
        out
    }

    /// The paragraph shown at `row`, or the next one for a gap row.
    pub fn para_at(&self, row: usize) -> Option<usize> {
        self.rows[row.min(self.rows.len().saturating_sub(1))..]
            .iter()
            .find_map(|r| match r {
                Row::Text { para, .. } => Some(*para),
                Row::Gap => None,
            })
    }

    /// The row showing byte `offset` of paragraph `para`.
    pub fn row_of(&self, para: usize, offset: usize) -> Option<usize> {
        let first = (*self.para_row.get(para)?)?;
        let mut found = first;
        for (i, row) in self.rows.iter().enumerate().skip(first) {
            match *row {
                Row::Text { para: p, start, .. } if p == para && start <= offset => found = i,
                Row::Text { para: p, .. } if p == para => {}
                _ => break,
            }
        }
        Some(found)
    }
}

/// Display width of one grapheme cluster, as the reader draws it.
pub fn grapheme_width(g: &str) -> usize {
    g.width()
}

/// Display width of `text`, grapheme cluster by cluster.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

/// Byte ranges of `text` wrapped at `width` display columns, first fit,
/// breaking at ASCII spaces and after a hyphen between letters or digits
/// (at least one range, empty for empty text). The space at a break
/// belongs to no row. A word longer than a row is broken between grapheme
/// clusters.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    let mut out = Vec::new();
    // The row being filled: its start, end and width.
    let mut row: Option<(usize, usize, usize)> = None;
    let mut at = 0;
    for word in text.split(' ') {
        let mut spaced = true;
        for (start, end) in hyphen_pieces(word, at) {
            let w = self::width(&text[start..end]);
            let gap = usize::from(spaced);
            match row {
                Some((s, _, rw)) if rw + gap + w <= width => row = Some((s, end, rw + gap + w)),
                _ => {
                    if let Some((s, e, _)) = row.take() {
                        out.push((s, e));
                    }
                    row = Some(break_word(text, start, end, width, &mut out));
                }
            }
            spaced = false;
        }
        at += word.len() + 1;
    }
    if let Some((s, e, _)) = row {
        out.push((s, e));
    }
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

/// Byte ranges (offset by `at`) of `word` cut after each hyphen that has a
/// letter or digit on both sides ("people-" "to-" "people").
fn hyphen_pieces(word: &str, at: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut cuts: Vec<usize> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == '-'
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric)
        {
            cuts.push(i + 1);
        }
        prev = Some(c);
    }
    cuts.push(word.len());
    cuts.into_iter().map(move |end| {
        let piece = (at + start, at + end);
        start = end;
        piece
    })
}

/// Pushes the full rows of a word too long for one (grapheme by grapheme)
/// and returns the rest as the row being filled.
fn break_word(
    text: &str,
    start: usize,
    end: usize,
    width: usize,
    out: &mut Vec<(usize, usize)>,
) -> (usize, usize, usize) {
    let mut row = (start, start, 0);
    for (i, g) in text[start..end].grapheme_indices(true) {
        let w = grapheme_width(g);
        if row.2 + w > width && row.2 > 0 {
            out.push((row.0, row.1));
            row = (start + i, start + i, 0);
        }
        row = (row.0, start + i + g.len(), row.2 + w);
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries_within_width() {
        let text = "The talks lasted thirty five minutes, officials said on Monday.";
        let rows = wrap_ranges(text, 20);
        for &(s, e) in &rows {
            assert!(width(&text[s..e]) <= 20, "{:?}", &text[s..e]);
            assert!(!text[s..e].starts_with(' '));
        }
        assert_eq!(&text[rows[0].0..rows[0].1], "The talks lasted");
        let rejoined: Vec<&str> = rows.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(rejoined.join(" "), text);
    }

    #[test]
    fn measures_wide_and_combining_characters() {
        let text = "習近平 会見 ブリンケン 国務長官 北京 e\u{301}te\u{301} cafe\u{301}s";
        for &(s, e) in &wrap_ranges(text, 10) {
            assert!(width(&text[s..e]) <= 10, "{:?}", &text[s..e]);
        }
        let long = "あいうえおかきくけこさしすせそ";
        for &(s, e) in &wrap_ranges(long, 7) {
            assert!(width(&long[s..e]) <= 7);
        }
    }

    #[test]
    fn flags_and_emoji_sequences_are_measured_and_kept_whole() {
        let firefighter = "👩\u{200d}🚒";
        assert_eq!(width("🇧🇷"), 2);
        assert_eq!(width(firefighter), 2);
        assert_eq!(width("e\u{301}"), 1);
        // A row of exactly the width holds two flags and a space.
        let text = format!("🇧🇷🇺🇸🇧🇷🇺🇸 {firefighter}{firefighter}{firefighter} 🇧🇷 🇺🇸");
        for w in 1..12 {
            let rows = wrap_ranges(&text, w);
            for &(s, e) in &rows {
                let row = &text[s..e];
                assert!(width(row) <= w.max(2), "{w}: {row:?}");
                // No cluster cut: every row starts and ends on a boundary.
                let clusters: String = row.graphemes(true).collect();
                assert_eq!(clusters, row);
                assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            }
            let boundaries: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            for &(s, _) in &rows {
                assert!(
                    boundaries.contains(&s) || s == text.len(),
                    "{w}: cut at {s}"
                );
            }
        }
        assert_eq!(
            wrap_ranges(&text, 8)[0],
            (0, "🇧🇷🇺🇸🇧🇷🇺🇸".len()),
            "four flags fill 8 columns"
        );
    }

    #[test]
    fn empty_text_has_one_row() {
        assert_eq!(wrap_ranges("", 10), vec![(0, 0)]);
    }
}
