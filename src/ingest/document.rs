//! The format-neutral intermediate form: blocks of lines plus page metadata.
//! Each reader (text, Markdown, HTML) produces a [`Document`]; the paragraph
//! builder turns it into classified paragraphs.

use chrono::NaiveDate;

use crate::model::ParagraphKind;

/// One block of the input: a blank-line paragraph of a text file, or one
/// block element of Markdown or HTML.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Block {
    /// The block's lines, as written (not yet sanitized).
    pub lines: Vec<String>,
    /// A kind the markup states (a heading, a figure caption), if any.
    pub hint: Option<ParagraphKind>,
    /// Whether the lines are hard-wrapped prose of one paragraph (Markdown
    /// soft breaks) rather than separate units that may be judged apart.
    pub wrapped: bool,
}

impl Block {
    pub fn text(lines: Vec<String>) -> Self {
        Block {
            lines,
            hint: None,
            wrapped: false,
        }
    }

    pub fn prose(text: String, hint: Option<ParagraphKind>) -> Self {
        Block {
            lines: vec![text],
            hint,
            wrapped: true,
        }
    }
}

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Meta {
    pub site_name: Option<String>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
}

/// A parsed input.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Document {
    pub blocks: Vec<Block>,
    pub meta: Meta,
    /// Whether the blocks come from markup (Markdown, HTML), where each block
    /// is one element, rather than from blank-line-separated plain text.
    pub structured: bool,
    /// Whether inline Markdown remnants (`[x](#)`, `**x**`) should be removed
    /// from the text (plain-text inputs copied from rendered Markdown).
    pub strip_inline_markdown: bool,
}

/// Plain text: blank lines separate blocks; every line is kept.
pub(crate) fn parse_text(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                blocks.push(Block::text(std::mem::take(&mut lines)));
            }
        } else {
            lines.push(line.to_string());
        }
    }
    if !lines.is_empty() {
        blocks.push(Block::text(lines));
    }
    Document {
        blocks,
        meta: Meta::default(),
        structured: false,
        strip_inline_markdown: true,
    }
}

/// Removes inline Markdown left in copied text: links and images
/// (`[Taiwan](#)` -> `Taiwan`), emphasis (`**Name**`, `__x__`, `*x*`, `_x_`)
/// and code ticks. Only well-formed pairs are touched, so "5 * 3" survives.
pub(crate) fn strip_inline_markdown(text: &str) -> String {
    let unlinked = strip_links(text);
    let mut out = unlinked;
    for marker in ["**", "__", "*", "_", "`"] {
        out = strip_pairs(&out, marker);
    }
    out
}

/// `[label](target)` -> `label`, `![alt](src)` -> `alt`.
fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some((label, after)) = rest[open + 1..].split_once("](") else {
            break;
        };
        let Some(close) = after.find(')') else {
            break;
        };
        let target = &after[..close];
        if label.contains(['[', ']']) || target.contains(char::is_whitespace) {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        }
        let before = &rest[..open];
        out.push_str(before.strip_suffix('!').unwrap_or(before));
        out.push_str(label);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Removes `marker` pairs that wrap text without inner spaces at the edges
/// and sit at word boundaries: `**Name**` -> `Name`.
fn strip_pairs(text: &str, marker: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(marker) {
        let inner_start = open + marker.len();
        let before_ok = rest[..open]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let close = rest[inner_start..].find(marker).map(|c| inner_start + c);
        let Some(close) = close.filter(|_| before_ok) else {
            out.push_str(&rest[..inner_start]);
            rest = &rest[inner_start..];
            continue;
        };
        let inner = &rest[inner_start..close];
        let after_ok = rest[close + marker.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let tight = !inner.is_empty()
            && !inner.starts_with(char::is_whitespace)
            && !inner.ends_with(char::is_whitespace);
        if tight && after_ok {
            out.push_str(&rest[..open]);
            out.push_str(inner);
            rest = &rest[close + marker.len()..];
        } else {
            out.push_str(&rest[..inner_start]);
            rest = &rest[inner_start..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_is_removed() {
        let cases = [
            ("around [Taiwan](#) and its", "around Taiwan and its"),
            (
                "Joe Leahy and **Demetri Sevastopulo** in",
                "Joe Leahy and Demetri Sevastopulo in",
            ),
            (
                "[Copyright](#) The Financial Times",
                "Copyright The Financial Times",
            ),
            ("an ![image](x.png) here", "an image here"),
            ("_very_ good and *so* on", "very good and so on"),
            (
                "5 * 3 = 15 and snake_case_name",
                "5 * 3 = 15 and snake_case_name",
            ),
            ("[not a link] (really)", "[not a link] (really)"),
            (
                "the PRC [People’s Republic of China] where",
                "the PRC [People’s Republic of China] where",
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(strip_inline_markdown(raw), want, "{raw}");
        }
    }

    #[test]
    fn text_blocks_split_on_blank_lines() {
        let doc = parse_text("a\nb\n\n\n c \n");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[0].lines, ["a", "b"]);
    }
}
