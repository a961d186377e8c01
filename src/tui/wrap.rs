//! Lays a source out as rows of a pane: paragraphs wrapped at word
//! boundaries by display width, with a blank row between paragraphs.
//!
//! Wrapping is `textwrap`'s (display widths from `unicode-width`, so wide
//! CJK and combining characters measure right); this module only maps its
//! lines back to byte ranges so highlights can be laid over them.

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

/// Byte ranges of `text` wrapped at `width` display columns (at least one
/// range, empty for empty text). Words longer than a line are broken.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<(usize, usize)> {
    let options = textwrap::Options::new(width.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(true);
    let base = text.as_ptr() as usize;
    let mut cursor = 0;
    let mut out = Vec::new();
    for line in textwrap::wrap(text, options) {
        // Lines borrow from `text` unless textwrap had to build one; then
        // find it from the cursor on.
        let start = match line {
            std::borrow::Cow::Borrowed(s)
                if (s.as_ptr() as usize) >= base && (s.as_ptr() as usize) <= base + text.len() =>
            {
                s.as_ptr() as usize - base
            }
            ref owned => text[cursor..]
                .find(owned.as_ref())
                .map_or(cursor, |i| cursor + i),
        };
        let end = (start + line.len()).min(text.len());
        out.push((start, end));
        cursor = end;
    }
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wraps_at_word_boundaries_within_width() {
        let text = "The talks lasted thirty five minutes, officials said on Monday.";
        let rows = wrap_ranges(text, 20);
        for &(s, e) in &rows {
            assert!(text[s..e].width() <= 20, "{:?}", &text[s..e]);
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
            assert!(text[s..e].width() <= 10, "{:?}", &text[s..e]);
        }
        let long = "あいうえおかきくけこさしすせそ";
        for &(s, e) in &wrap_ranges(long, 7) {
            assert!(long[s..e].width() <= 7);
        }
    }

    #[test]
    fn empty_text_has_one_row() {
        assert_eq!(wrap_ranges("", 10), vec![(0, 0)]);
    }
}
