//! Markdown through pulldown-cmark (CommonMark): block elements become
//! blocks, inline syntax disappears, the first level-1 heading is the title.
//! A leading `---` front matter block gives `source:`, `title:` and `date:`.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::model::ParagraphKind;

use super::dates::find_date;
use super::document::{Block, Document, Meta};

/// Parses a Markdown document.
pub(crate) fn parse_markdown(text: &str) -> Document {
    let (meta, body) = front_matter(text);
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut hint = None;
    let mut depth_in_image = 0usize;
    let mut seen_title = meta.title.is_some();
    let flush = |current: &mut String, hint: Option<ParagraphKind>, blocks: &mut Vec<Block>| {
        if !current.trim().is_empty() {
            blocks.push(Block::prose(std::mem::take(current), hint));
        }
        current.clear();
    };
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, hint, &mut blocks);
                hint = Some(if level == HeadingLevel::H1 && !seen_title {
                    seen_title = true;
                    ParagraphKind::Title
                } else {
                    ParagraphKind::Heading
                });
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableRow | Tag::CodeBlock(_)) => {
                flush(&mut current, hint, &mut blocks);
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut current, hint, &mut blocks);
                hint = None;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::CodeBlock) => {
                flush(&mut current, hint, &mut blocks)
            }
            Event::Start(Tag::Image { .. }) => depth_in_image += 1,
            Event::End(TagEnd::Image) => depth_in_image = depth_in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if depth_in_image == 0 => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::TableCell) => current.push_str(" | "),
            _ => {}
        }
    }
    flush(&mut current, hint, &mut blocks);
    Document {
        blocks,
        meta,
        structured: true,
        strip_inline_markdown: false,
    }
}

/// Splits off a `---` … `---` front matter block and reads its simple
/// `key: value` lines.
fn front_matter(text: &str) -> (Meta, &str) {
    let mut meta = Meta::default();
    let trimmed = text.trim_start_matches('\u{feff}');
    let Some(rest) = trimmed
        .strip_prefix("---\n")
        .or_else(|| trimmed.strip_prefix("---\r\n"))
    else {
        return (meta, text);
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.find("\n---\r\n"))
        .or_else(|| rest.strip_suffix("\n---").map(str::len))
    else {
        return (meta, text);
    };
    for line in rest[..end].lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "source" | "outlet" | "publisher" | "site" | "site_name" => {
                meta.site_name = Some(value.to_string())
            }
            "title" | "headline" => meta.title = Some(value.to_string()),
            "date" | "published" | "datepublished" => meta.date = find_date(value),
            _ => {}
        }
    }
    let after = &rest[end..];
    let body = after
        .strip_prefix("\n---")
        .map(|b| b.trim_start_matches(['\r', '\n']))
        .unwrap_or("");
    (meta, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_blocks() {
        let md = "---\nsource: The Daily Planet\ntitle: \"Hero saves city\"\ndate: 2024-03-05\n---\n\n# Hero saves city\n\nA **hero** saved [the city](https://x.test) on *Tuesday*.\nIt was quick.\n\n## Aftermath\n\n- first item\n- second ![pic](p.png) item\n";
        let doc = parse_markdown(md);
        assert_eq!(doc.meta.site_name.as_deref(), Some("The Daily Planet"));
        assert_eq!(doc.meta.title.as_deref(), Some("Hero saves city"));
        assert_eq!(
            doc.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-05")
        );
        let texts: Vec<(&str, Option<ParagraphKind>)> = doc
            .blocks
            .iter()
            .map(|b| (b.lines[0].as_str(), b.hint))
            .collect();
        assert_eq!(
            texts,
            [
                ("Hero saves city", Some(ParagraphKind::Heading)),
                ("A hero saved the city on Tuesday. It was quick.", None),
                ("Aftermath", Some(ParagraphKind::Heading)),
                ("first item", None),
                ("second  item", None),
            ]
        );
    }

    #[test]
    fn first_h1_is_the_title_without_front_matter() {
        let doc = parse_markdown("# Big news\n\nBody text.\n\n# Another");
        assert_eq!(doc.blocks[0].hint, Some(ParagraphKind::Title));
        assert_eq!(doc.blocks[2].hint, Some(ParagraphKind::Heading));
    }
}
