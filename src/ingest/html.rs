//! HTML pages: main-content extraction by rs-trafilatura, then the same
//! block pipeline as Markdown.
//!
//! Why rs-trafilatura: on the 57 development pages of the article-extraction
//! benchmark (`examples/extraction_eval.rs`) it scored the best F1 of the
//! candidates measured (rs-trafilatura 0.964, Python trafilatura and
//! dom_smoothie lower; figures in the ingest notes). It also reads the page's
//! metadata (site name, headline, publication date from Open Graph,
//! `article:published_time`, JSON-LD and similar), which gives the source
//! its name and date.

use super::dates::find_date;
use super::document::{Document, Meta};
use super::markdown::parse_markdown;

/// Extracts the article from an HTML page. The error is a one-line cause.
pub(crate) fn parse_html(html: &str, url: Option<&str>) -> Result<Document, String> {
    let options = rs_trafilatura::Options {
        output_markdown: true,
        include_tables: true,
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    let result = rs_trafilatura::extract_with_options(html, &options)
        .map_err(|e| format!("could not extract an article from the HTML ({e})"))?;
    let markdown = result
        .content_markdown
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(|| result.content_text.clone());
    let mut doc = parse_markdown(&markdown);
    let meta = &result.metadata;
    doc.meta = Meta {
        site_name: meta
            .sitename
            .clone()
            .filter(|s| !s.trim().is_empty() && !looks_like_host(s)),
        title: meta.title.clone().filter(|t| !t.trim().is_empty()),
        date: meta
            .date
            .map(|d| d.date_naive())
            .or_else(|| published_meta(html)),
    };
    if doc.blocks.is_empty() {
        return Err("no article text found in the HTML".into());
    }
    Ok(doc)
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
