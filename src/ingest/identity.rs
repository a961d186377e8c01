//! Who published a source, when, and under what headline: page metadata or
//! front matter first, then strong signatures in the text (a copyright line
//! naming the outlet, "`<Outlet>` reporter" in a byline, "More … From
//! `<Outlet>`"), then datelines.

use chrono::NaiveDate;

use crate::model::{Paragraph, ParagraphKind};

use super::classify::role_outlet;
use super::dates::find_date;
use super::document::Meta;
use super::furniture::normalize;

/// What was found about a source.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Identity {
    pub name: Option<String>,
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
}

/// How many paragraphs from the top a dateline may appear at.
const DATELINE_WINDOW: usize = 15;

/// Name, date and title of a source from its metadata and paragraphs.
pub(crate) fn identify(paragraphs: &[Paragraph], meta: &Meta) -> Identity {
    Identity {
        name: meta
            .site_name
            .clone()
            .or_else(|| signature_name(paragraphs)),
        date: meta.date.or_else(|| dateline_date(paragraphs)),
        title: paragraphs
            .iter()
            .find(|p| p.kind == ParagraphKind::Title)
            .map(|p| p.text.clone())
            .or_else(|| meta.title.clone()),
    }
}

/// The outlet named by a furniture line, strongest signature first.
fn signature_name(paragraphs: &[Paragraph]) -> Option<String> {
    let furniture = || paragraphs.iter().filter(|p| !p.kind.is_body());
    furniture()
        .find_map(|p| copyright_holder(&p.text))
        .or_else(|| {
            furniture()
                .filter(|p| p.kind == ParagraphKind::Byline)
                .find_map(|p| role_outlet(&p.text))
        })
        .or_else(|| furniture().find_map(|p| named_after_phrase(&p.text)))
}

/// "Copyright The Financial Times Limited 2023. All rights reserved." ->
/// "Financial Times"; "© 2023 The Associated Press" -> "Associated Press".
pub(crate) fn copyright_holder(text: &str) -> Option<String> {
    let norm = normalize(text);
    if !(norm.starts_with("copyright") || norm.starts_with('©') || norm.starts_with("(c)")) {
        return None;
    }
    let head = text.split(". ").next().unwrap_or(text);
    let head = head.split(" All rights").next().unwrap_or(head);
    let words: Vec<&str> = head
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| ",.;:|©".contains(c)))
        .filter(|w| !w.is_empty())
        .filter(|w| !matches!(w.to_lowercase().as_str(), "copyright" | "(c)" | "c"))
        .filter(|w| !is_year_like(w))
        .filter(|w| !is_legal_suffix(w))
        .collect();
    outlet_from_words(&words)
}

fn is_year_like(word: &str) -> bool {
    word.split(['-', '–'])
        .all(|part| part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()))
}

fn is_legal_suffix(word: &str) -> bool {
    matches!(
        word.to_lowercase().trim_end_matches('.'),
        "limited"
            | "ltd"
            | "inc"
            | "llc"
            | "plc"
            | "corp"
            | "corporation"
            | "co"
            | "gmbh"
            | "ag"
            | "s.a"
            | "l.p"
            | "lp"
    )
}

/// A short capitalized name; a leading "The" is dropped when more follows.
fn outlet_from_words(words: &[&str]) -> Option<String> {
    let words = match words {
        [first, rest @ ..] if first.eq_ignore_ascii_case("the") && rest.len() >= 2 => rest,
        _ => words,
    };
    let capitalized = words
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    (capitalized && (1..=6).contains(&words.len())).then(|| words.join(" "))
}

/// "More Must-Reads From TIME", "More from Reuters", "Why you can trust Sky News".
fn named_after_phrase(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 8 {
        return None;
    }
    let norm = normalize(text);
    let lead = ["more must-reads from ", "more from ", "why you can trust "]
        .iter()
        .find(|p| norm.starts_with(*p))?;
    let skip = lead.split_whitespace().count();
    let name: Vec<&str> = words[skip..]
        .iter()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    outlet_from_words(&name)
}

/// The date on a dateline (or a stamped byline) near the top, or on the
/// dateline that opens the lead ("WASHINGTON, March 14, 2024 — The …").
fn dateline_date(paragraphs: &[Paragraph]) -> Option<NaiveDate> {
    let top = || paragraphs.iter().take(DATELINE_WINDOW);
    top()
        .filter(|p| matches!(p.kind, ParagraphKind::Dateline | ParagraphKind::Byline))
        .find_map(|p| find_date(&p.text))
        .or_else(|| {
            top()
                .filter(|p| p.kind.is_body())
                .find_map(|p| lead_dateline(&p.text))
        })
}

/// Longest dateline opening a paragraph, in bytes.
const MAX_DATELINE_LEN: usize = 80;

/// "MARLOW BAY, 14 March 2024 — The …" -> 2024-03-14: a place in capitals
/// (or capitalized words), a comma, a date, then a dash.
fn lead_dateline(text: &str) -> Option<NaiveDate> {
    let end = [" — ", " – ", " -- ", " - ", "—", "–"]
        .iter()
        .filter_map(|d| text.find(d))
        .min()
        .filter(|&at| at <= MAX_DATELINE_LEN)?;
    let (place, date) = text[..end].split_once(',')?;
    let place_words: Vec<&str> = place.split_whitespace().collect();
    let is_place = (1..=4).contains(&place_words.len())
        && place_words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".'’-()".contains(c))
        });
    (is_place && date.split_whitespace().count() <= 6).then(|| find_date(date))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copyright_lines_name_the_outlet() {
        let cases = [
            (
                "Copyright The Financial Times Limited 2023. All rights reserved.",
                Some("Financial Times"),
            ),
            (
                "© 2023 The Associated Press. All rights reserved.",
                Some("Associated Press"),
            ),
            (
                "© Copyright 2010-2023 Guardian News & Media Limited",
                Some("Guardian News & Media"),
            ),
            ("Copyright © 2024 The Guardian", Some("The Guardian")),
            (
                "Copyright law is complicated and nobody likes it very much, he said.",
                None,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(copyright_holder(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn datelines_opening_the_lead() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let cases = [
            (
                "WASHINGTON, March 14, 2024 — The Senate voted on Thursday to pass the bill.",
                d("2024-03-14"),
            ),
            (
                "MARLOW BAY, 14 March 2024 – Fishermen returned to the harbour at dawn.",
                d("2024-03-14"),
            ),
            ("New York, Jan. 5, 2021 - Stocks rose.", d("2021-01-05")),
            (
                "The meeting, held on March 14, 2024 — a Thursday — ran late.",
                None,
            ),
            ("WASHINGTON — The Senate voted on Thursday.", None),
        ];
        for (text, want) in cases {
            assert_eq!(lead_dateline(text), want, "{text}");
        }
    }

    #[test]
    fn footer_phrases_name_the_outlet() {
        assert_eq!(
            named_after_phrase("More Must-Reads From TIME").as_deref(),
            Some("TIME")
        );
        assert_eq!(
            named_after_phrase("Why you can trust Sky News").as_deref(),
            Some("Sky News")
        );
        assert_eq!(
            named_after_phrase("More from the archive of our reporters on this"),
            None
        );
    }
}
