//! HTML pages: main-content extraction by the `trafilatura` crate (a port
//! of go-trafilatura, with its readability and jusText fallbacks), then the
//! same block pipeline as Markdown.
//!
//! Why this extractor: on both development sets
//! (`crates/parallax-eval/examples/extraction_eval.rs`) it scored a better
//! F1 than rs-trafilatura, dom_smoothie and legible, on the half of the
//! pages nothing was tuned on as well (figures in README, "Extraction
//! quality"). It also reads the page's metadata (site name, headline,
//! publication date from Open Graph, JSON-LD and similar), which gives the
//! source its name and date.

use chrono::NaiveDate;

use crate::model::ParagraphKind;

use super::dates::find_date;
use super::document::{Block, Document, Meta};
use super::furniture::normalize;

/// Extracts the article from an HTML page. The error is a one-line cause.
pub(crate) fn parse_html(html: &str, url: Option<&str>) -> Result<Document, String> {
    // Comments are not the article: the extractor's comment pass is off
    // (extraction-dev2 tune half F1 0.9281 -> 0.9299, held 0.9145 -> 0.9160).
    let mut options = trafilatura::Options::default()
        .with_fallback(true)
        .with_exclude_comments(true);
    if let Some(parsed) = url.and_then(|u| url::Url::parse(u).ok()) {
        options = options.with_url(parsed);
    }
    let result = trafilatura::extract(html, &options)
        .map_err(|e| format!("could not extract an article from the HTML ({e})"))?;
    let mut doc = Document {
        blocks: html_blocks(&result.content_html),
        meta: page_meta(&result.metadata, html),
        structured: true,
        strip_inline_markdown: false,
    };
    if doc.blocks.is_empty() {
        return Err("no article text found in the HTML".into());
    }
    if let Some(title) = &doc.meta.title {
        let first = doc.blocks.first().map(|b| normalize(&b.lines[0]));
        if first.as_deref() != Some(normalize(title).as_str()) {
            doc.blocks
                .insert(0, Block::prose(title.clone(), Some(ParagraphKind::Title)));
        }
    }
    Ok(doc)
}

/// Blocks of the extractor's clean HTML: one per block element (paragraph,
/// heading, list item, table cell, quotation), headings marked; a line break
/// (`<br>`) starts a new line of the block.
fn html_blocks(html: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut heading = false;
    let flush_line = |line: &mut String, lines: &mut Vec<String>| {
        let text = decode_entities(line);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            lines.push(text);
        }
        line.clear();
    };
    let mut flush_block = |lines: &mut Vec<String>, heading: bool| {
        if lines.is_empty() {
            return;
        }
        let hint = heading.then_some(ParagraphKind::Heading);
        let block = if lines.len() == 1 {
            Block::prose(lines.remove(0), hint)
        } else {
            Block {
                lines: std::mem::take(lines),
                hint,
                wrapped: false,
            }
        };
        blocks.push(block);
    };
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        line.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "br" | "hr" => flush_line(&mut line, &mut lines),
            "p" | "div" | "li" | "ul" | "ol" | "dl" | "dd" | "dt" | "td" | "th" | "tr"
            | "table" | "blockquote" | "pre" | "figcaption" | "section" | "article" => {
                flush_line(&mut line, &mut lines);
                flush_block(&mut lines, heading);
                heading = false;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                flush_line(&mut line, &mut lines);
                flush_block(&mut lines, heading);
                heading = !closing;
            }
            _ => {}
        }
    }
    line.push_str(rest);
    flush_line(&mut line, &mut lines);
    flush_block(&mut lines, heading);
    blocks
}

/// Site name, headline and date from the extractor's metadata, cleaned: a
/// social handle ("@smithsonianmag") gives way to the host name, entities
/// are decoded, the site name is cut from the headline ("Title | Site"), and
/// impossible dates are dropped.
fn page_meta(meta: &trafilatura::Metadata, html: &str) -> Meta {
    let clean = |s: &str| Some(decode_entities(s).trim().to_string()).filter(|v| !v.is_empty());
    let host = clean(&meta.hostname).map(|h| h.trim_start_matches("www.").to_string());
    let site_name = clean(&meta.sitename)
        .filter(|s| !looks_like_host(s) && !s.starts_with('@'))
        .or(host);
    let title = clean(&meta.title).map(|t| strip_site_suffix(&t, site_name.as_deref()));
    let date = meta
        .date
        .or_else(|| published_meta(html))
        .filter(plausible_date);
    Meta {
        site_name,
        title,
        date,
    }
}

/// "Headline | Site" -> "Headline" when the part after the separator is the
/// site name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else {
        return title.to_string();
    };
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator)
            && normalize(tail) == normalize(site)
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// Publication dates between 1990 and next year.
fn plausible_date(date: &NaiveDate) -> bool {
    const SECONDS_PER_YEAR: u64 = 31_556_952;
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let next_year = 1970 + (elapsed / SECONDS_PER_YEAR) as i32 + 1;
    (1990..=next_year).contains(&chrono::Datelike::year(date))
}

/// Decodes the HTML character references metadata keeps (`&#039;`, `&amp;`).
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "www.example.com" is a host, not a display name.
fn looks_like_host(name: &str) -> bool {
    !name.contains(' ') && name.contains('.') && name == name.to_lowercase()
}

/// `article:published_time` or JSON-LD `datePublished`, when the extractor
/// found no date.
fn published_meta(html: &str) -> Option<chrono::NaiveDate> {
    [
        "article:published_time",
        "\"datePublished\"",
        "itemprop=\"datePublished\"",
    ]
    .iter()
    .find_map(|key| {
        let at = html.find(key)? + key.len();
        let window: String = html[at..].chars().take(200).collect();
        find_date(&window)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_the_extracted_html() {
        let html = "<h1>Bridge reopens</h1><p>The bridge <b>reopened</b> on Monday &amp; traffic flowed.</p>\
                    <ul><li>First item</li><li>Second<br>line</li></ul><table><tr><td>cell</td></tr></table>";
        let blocks = html_blocks(html);
        let lines: Vec<&[String]> = blocks.iter().map(|b| b.lines.as_slice()).collect();
        assert_eq!(
            lines,
            [
                &["Bridge reopens".to_string()][..],
                &["The bridge reopened on Monday & traffic flowed.".to_string()],
                &["First item".to_string()],
                &["Second".to_string(), "line".to_string()],
                &["cell".to_string()],
            ]
        );
        assert_eq!(blocks[0].hint, Some(ParagraphKind::Heading));
        assert_eq!(blocks[1].hint, None);
        assert!(!blocks[3].wrapped);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("doesn&#039;t &amp; can&#x27;t &bogus; a&b"),
            "doesn't & can't &bogus; a&b"
        );
    }

    #[test]
    fn site_suffix_is_cut_from_titles() {
        assert_eq!(
            strip_site_suffix("Bridge reopens | The Courier", Some("The Courier")),
            "Bridge reopens"
        );
        assert_eq!(strip_site_suffix("A - B", Some("C")), "A - B");
    }

    #[test]
    fn published_date_from_meta_or_json_ld() {
        let og = r#"<meta property="article:published_time" content="2023-06-19T13:44:00+01:00">"#;
        assert_eq!(published_meta(og), NaiveDate::from_ymd_opt(2023, 6, 19));
        let ld =
            r#"<script type="application/ld+json">{"datePublished": "June 20, 2023"}</script>"#;
        assert_eq!(published_meta(ld), NaiveDate::from_ymd_opt(2023, 6, 20));
        assert_eq!(published_meta("<p>no date</p>"), None);
    }

    /// A page with the given head and an article long enough to extract.
    fn page(head: &str, lead: &str) -> String {
        let para = "<p>The harbour authority said the new sea wall would protect the town's \
                    fishing fleet from winter storms for the next fifty years, and that \
                    work would begin in the spring once the funding was confirmed.</p>";
        format!(
            "<html><head>{head}</head><body><nav><a href='/'>Home</a></nav><article>\
             <h1>Sea wall approved for Marlow Bay</h1><p>{lead}</p>{}</article></body></html>",
            para.repeat(6)
        )
    }

    #[test]
    fn outlet_and_date_from_json_ld() {
        let head = r#"<title>Sea wall approved for Marlow Bay</title>
            <script type="application/ld+json">{"@context": "https://schema.org",
            "@type": "NewsArticle", "headline": "Sea wall approved for Marlow Bay",
            "datePublished": "2024-03-14T09:00:00Z",
            "publisher": {"@type": "Organization", "name": "The Marlow Courier"}}</script>"#;
        let doc = parse_html(&page(head, "Councillors voted on Thursday."), None).unwrap();
        assert_eq!(doc.meta.site_name.as_deref(), Some("The Marlow Courier"));
        assert_eq!(doc.meta.date, NaiveDate::from_ymd_opt(2024, 3, 14));
    }

    #[test]
    fn site_names_that_are_handles_or_hosts_are_not_shown_as_such() {
        let site = |name: &str| {
            let head = format!(r#"<meta property="og:site_name" content="{name}">"#);
            parse_html(
                &page(&head, "Councillors voted on Thursday."),
                Some("https://www.marlowcourier.example/news/sea-wall"),
            )
            .unwrap()
            .meta
            .site_name
            .unwrap()
        };
        assert_eq!(site("www.marlowcourier.example"), "marlowcourier.example");
        assert!(!site("@marlowcourier").contains('@'));
        let head = r#"<meta property="og:site_name" content="Marlow Courier">"#;
        let doc = parse_html(&page(head, "Councillors voted."), None).unwrap();
        assert_eq!(doc.meta.site_name.as_deref(), Some("Marlow Courier"));
    }

    #[test]
    fn dates_must_be_plausible() {
        assert!(!plausible_date(&NaiveDate::from_ymd_opt(1, 1, 1).unwrap()));
        assert!(plausible_date(
            &NaiveDate::from_ymd_opt(2023, 6, 19).unwrap()
        ));
    }
}
