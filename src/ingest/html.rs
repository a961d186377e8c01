//! HTML pages: main-content extraction by rs-trafilatura, then the same
//! block pipeline as Markdown.
//!
//! Why rs-trafilatura: on the 57 development pages of the article-extraction
//! benchmark (`crates/parallax-eval/examples/extraction_eval.rs`) it scored
//! the best F1 of the candidates measured (rs-trafilatura 0.964, Python
//! trafilatura and dom_smoothie lower; figures in the ingest notes). It also
//! reads the page's metadata (site name, headline, publication date from
//! Open Graph, `article:published_time`, JSON-LD and similar), which gives
//! the source its name and date.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::ParagraphKind;

use super::dates::find_date;
use super::document::{Block, Document, Meta};
use super::furniture::normalize;

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
    let headings = heading_texts(result.content_markdown.as_deref().unwrap_or(""));
    let mut doc = Document {
        blocks: text_blocks(&result.content_text, &headings),
        meta: Meta::default(),
        structured: true,
        strip_inline_markdown: false,
    };
    doc.meta = page_meta(&result.metadata, html);
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

/// The extractor's plain text, one block per line (it writes one line per
/// block element); lines that the Markdown rendering marks as headings get
/// the heading hint. The plain text is the extractor's most faithful output
/// (its Markdown rendering can glue neighbouring elements together).
fn text_blocks(text: &str, headings: &HashSet<String>) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let hint = headings
                .contains(&normalize(line))
                .then_some(ParagraphKind::Heading);
            Block::prose(line.to_string(), hint)
        })
        .collect()
}

/// Normalized texts of the ATX headings (`## Title`) in Markdown output.
fn heading_texts(markdown: &str) -> HashSet<String> {
    markdown
        .lines()
        .filter_map(|line| {
            let hashes = line.chars().take_while(|&c| c == '#').count();
            let rest = line.get(hashes..)?;
            ((1..=6).contains(&hashes) && rest.starts_with(' ')).then(|| normalize(rest))
        })
        .filter(|h| !h.is_empty())
        .collect()
}

/// Site name, headline and date from the extractor's metadata, cleaned: a
/// social handle ("@smithsonianmag") gives way to the host name, entities
/// are decoded, the site name is cut from the headline ("Title | Site"), and
/// impossible dates are dropped.
fn page_meta(meta: &rs_trafilatura::Metadata, html: &str) -> Meta {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(|v| decode_entities(v).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let host = clean(&meta.hostname).map(|h| h.trim_start_matches("www.").to_string());
    let site_name = clean(&meta.sitename)
        .filter(|s| !looks_like_host(s) && !s.starts_with('@'))
        .or(host);
    let title = clean(&meta.title).map(|t| strip_site_suffix(&t, site_name.as_deref()));
    let date = meta
        .date
        .map(|d| d.date_naive())
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

    #[test]
    fn dates_must_be_plausible() {
        assert!(!plausible_date(&NaiveDate::from_ymd_opt(1, 1, 1).unwrap()));
        assert!(plausible_date(
            &NaiveDate::from_ymd_opt(2023, 6, 19).unwrap()
        ));
    }
}
