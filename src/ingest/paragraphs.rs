//! From a [`Document`] to classified, repaired paragraphs: units (lines or
//! whole blocks), furniture by line, broken paragraphs joined, then kinds
//! from position (title, headings, link lists, mixed furniture blocks).

use crate::model::{Paragraph, ParagraphKind};

use super::classify::{
    ends_sentence, is_list_header, is_short_unpunctuated, is_shouted_teaser, is_sponsor_like,
    line_kind, starts_lowercase, word_count,
};
use super::document::{Document, strip_inline_markdown};
use super::furniture::normalize;
use super::{sanitize, split_sentences};

use ParagraphKind::*;

/// One candidate paragraph while its kind is being decided.
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    /// Index of the block it came from.
    block: usize,
    /// Decided kind; `None` while undecided.
    kind: Option<ParagraphKind>,
}

/// Longest title or heading, in words.
const MAX_HEADING_WORDS: usize = 15;
/// How many units from the top the title may appear at.
const TITLE_WINDOW: usize = 8;

/// Classified paragraphs of `doc`, in reading order, with sentence spans.
pub(crate) fn build_paragraphs(doc: &Document) -> Vec<Paragraph> {
    let mut units = units(doc);
    join_broken(&mut units);
    mark_link_lists(&mut units);
    mark_name_before_byline(&mut units);
    mark_mixed_blocks(&mut units);
    if !doc.structured {
        mark_sponsors(&mut units);
    }
    mark_truncated_teasers(&mut units);
    let title = mark_title(&mut units, doc.meta.title.as_deref(), !doc.structured);
    if let Some(title) = title {
        mark_title_repeats(&mut units, &title);
    }
    mark_headings_and_body(&mut units);
    mark_trailing_headings(&mut units);
    units
        .into_iter()
        .enumerate()
        .map(|(index, unit)| Paragraph {
            index,
            kind: unit.kind.unwrap_or(Body),
            sentences: split_sentences(&unit.text),
            text: unit.text,
        })
        .collect()
}

/// Cleans every line and cuts blocks into units: a hard-wrapped block is one
/// unit, any other multi-line block gives one unit per line.
fn units(doc: &Document) -> Vec<Unit> {
    let mut units = Vec::new();
    for (block_index, block) in doc.blocks.iter().enumerate() {
        let lines: Vec<String> = block
            .lines
            .iter()
            .map(|line| clean_line(line, doc.strip_inline_markdown))
            .filter(|line| !line.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let pieces = if block.wrapped || looks_hard_wrapped(&lines) {
            vec![lines.join(" ")]
        } else {
            lines
        };
        for text in pieces {
            let judged = line_kind(&text);
            let kind = match (block.hint, judged) {
                (_, Some(Boilerplate)) => Some(Boilerplate),
                (Some(hint), _) => Some(hint),
                (None, judged) => judged,
            };
            units.push(Unit {
                text,
                block: block_index,
                kind,
            });
        }
    }
    units
}

fn clean_line(line: &str, strip_markdown: bool) -> String {
    if strip_markdown {
        sanitize(&strip_inline_markdown(line))
    } else {
        sanitize(line)
    }
}

/// Prose wrapped at a fixed width: every line but the last is long and none
/// exceeds a typical wrap width, most lines stop mid-sentence (one sentence
/// per line is not wrapping), and no line is furniture on its own.
fn looks_hard_wrapped(lines: &[String]) -> bool {
    let lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let inner = &lines[..lines.len().saturating_sub(1)];
    let mid_sentence = inner.iter().filter(|l| !ends_sentence(l)).count();
    lines.len() >= 2
        && lengths.iter().all(|&n| n <= 100)
        && lengths[..lengths.len() - 1].iter().all(|&n| n >= 40)
        && mid_sentence * 2 >= inner.len()
        && lines.iter().all(|l| line_kind(l).is_none())
}

/// Joins a unit that stops mid-sentence with the next when that one starts
/// lower-case ("…concerned about China’s" + "increasing military activity…").
fn join_broken(units: &mut Vec<Unit>) {
    let mut i = 0;
    while i + 1 < units.len() {
        let (a, b) = (&units[i], &units[i + 1]);
        let breaks = a.kind.is_none()
            && b.kind.is_none()
            && a.text.split_whitespace().count() >= 5
            && !ends_sentence(&a.text)
            && a.text
                .ends_with(|c: char| c.is_alphanumeric() || ",’'\"”)".contains(c))
            && starts_lowercase(&b.text);
        if breaks {
            let next = units.remove(i + 1);
            units[i].text.push(' ');
            units[i].text.push_str(&next.text);
        } else {
            i += 1;
        }
    }
}

/// After "Read more:" or "Related Topics", the short unpunctuated lines that
/// follow (in the same block, or in the next blocks when the header stands
/// alone) are link text.
fn mark_link_lists(units: &mut [Unit]) {
    for i in 0..units.len() {
        if !is_list_header(&units[i].text) {
            continue;
        }
        let header_block = units[i].block;
        let alone = units.get(i + 1).is_none_or(|u| u.block != header_block);
        for unit in units[i + 1..].iter_mut() {
            let same_block = unit.block == header_block;
            let listed = unit.kind.is_none() && is_short_unpunctuated(&unit.text, 20);
            if !listed || !(same_block || alone) {
                break;
            }
            unit.kind = Some(Boilerplate);
        }
    }
}

/// "James Robinson" right above "Sky News reporter @handle" is a byline too.
fn mark_name_before_byline(units: &mut [Unit]) {
    for i in 0..units.len().saturating_sub(1) {
        let name_like = units[i].kind.is_none()
            && looks_like_name(&units[i].text)
            && units[i + 1].kind == Some(Byline);
        if name_like {
            units[i].kind = Some(Byline);
        }
    }
}

fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && !ends_sentence(text)
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// In a block that mixes furniture with other lines, a line that does not end
/// like a sentence is furniture too: a video title after "Play Video", a
/// widget name after a player control.
fn mark_mixed_blocks(units: &mut [Unit]) {
    for i in 0..units.len() {
        if units[i].kind.is_some() || ends_sentence(&units[i].text) {
            continue;
        }
        let block = units[i].block;
        let furniture_in_block = units
            .iter()
            .any(|u| u.block == block && matches!(u.kind, Some(Boilerplate | Caption)));
        if !furniture_in_block {
            continue;
        }
        let after_media = i > 0
            && units[i - 1].block == block
            && (units[i - 1].kind == Some(Caption)
                || normalize(&units[i - 1].text).starts_with("play"));
        units[i].kind = Some(if after_media { Caption } else { Boilerplate });
    }
}

/// A block that is only a few lower-case words ("qatar airways") is an ad.
fn mark_sponsors(units: &mut [Unit]) {
    for i in 0..units.len() {
        let alone = (i == 0 || units[i - 1].block != units[i].block)
            && units.get(i + 1).is_none_or(|u| u.block != units[i].block);
        if units[i].kind.is_none() && alone && is_sponsor_like(&units[i].text) {
            units[i].kind = Some(Boilerplate);
        }
    }
}

/// Marks the headline: the page's stated title if it appears near the top,
/// else (when `guess`) the first undecided unit near the top shaped like a
/// headline. Short labels above it ("US-China relations") are furniture.
/// Returns the title.
fn mark_title(units: &mut [Unit], stated: Option<&str>, guess: bool) -> Option<String> {
    if let Some(existing) = units.iter().find(|u| u.kind == Some(Title)) {
        return Some(existing.text.clone());
    }
    let window = units.len().min(TITLE_WINDOW);
    let stated_norm = stated.map(normalize);
    let at = (0..window)
        .find(|&i| {
            units[i].kind.is_none_or(|k| k == Heading)
                && stated_norm
                    .as_deref()
                    .is_some_and(|s| normalize(&units[i].text) == s)
        })
        .or_else(|| {
            (0..window)
                .filter(|_| guess)
                .take_while(|&i| !is_body_like(&units[i]))
                .find(|&i| {
                    units[i].kind.is_none_or(|k| k == Heading) && headline_shaped(&units[i].text)
                })
        })?;
    for unit in &mut units[..at] {
        if unit.kind.is_none() && is_short_unpunctuated(&unit.text, MAX_HEADING_WORDS) {
            unit.kind = Some(Boilerplate);
        }
    }
    units[at].kind = Some(Title);
    mark_standfirst(&mut units[at + 1..]);
    Some(units[at].text.clone())
}

/// Between the headline and the first body text, an unpunctuated line is a
/// standfirst (dek): a heading, however long.
fn mark_standfirst(after_title: &mut [Unit]) {
    for unit in after_title.iter_mut().take_while(|u| !is_body_like(u)) {
        if unit.kind.is_none() && is_short_unpunctuated(&unit.text, 3 * MAX_HEADING_WORDS) {
            unit.kind = Some(Heading);
        }
    }
}

/// Undecided and reads as running text (ends a sentence, not short).
fn is_body_like(unit: &Unit) -> bool {
    unit.kind.is_none() && ends_sentence(&unit.text) && word_count(&unit.text) > 12
}

fn headline_shaped(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (3..=30).contains(&words) && !text.trim_end().ends_with('.')
}

/// Repeats of the headline (image alt text, share widgets) are furniture.
fn mark_title_repeats(units: &mut [Unit], title: &str) {
    let title = normalize(title);
    for unit in units.iter_mut() {
        if unit.kind.is_some_and(|k| k != Heading) {
            continue;
        }
        let norm = normalize(&unit.text);
        let repeat = norm == title
            || (norm.split_whitespace().count() >= 3
                && !ends_sentence(&unit.text)
                && title.starts_with(&norm));
        if repeat {
            unit.kind = Some(Boilerplate);
        }
    }
}

/// Short unpunctuated units between body text are headings; the rest is body.
/// Two or more consecutive short lines cut off with dots ("Stars gather
/// for the premiere of the..") are a list of teaser links.
fn mark_truncated_teasers(units: &mut [Unit]) {
    let teaser = |u: &Unit| {
        u.kind.is_none_or(|k| k == Heading)
            && u.text.split_whitespace().count() <= 25
            && is_truncated(&u.text)
    };
    let mut i = 0;
    while i < units.len() {
        let run = units[i..].iter().take_while(|u| teaser(u)).count();
        if run >= 2 {
            for unit in &mut units[i..i + run] {
                unit.kind = Some(Boilerplate);
            }
        }
        i += run.max(1);
    }
}

/// Ends with ".." or "…" glued to a word: text cut to fit a teaser box.
fn is_truncated(text: &str) -> bool {
    let trimmed = text.trim_end();
    let before = trimmed
        .strip_suffix('…')
        .or_else(|| trimmed.strip_suffix("..").map(|t| t.trim_end_matches('.')));
    before.is_some_and(|b| b.ends_with(|c: char| c.is_alphanumeric() || c == ','))
}

/// Long lines in capitals among them are promotional links.
fn mark_headings_and_body(units: &mut [Unit]) {
    for unit in units.iter_mut() {
        let undecided = unit.kind.is_none_or(|k| k == Heading);
        if undecided && is_shouted_teaser(&unit.text) && !ends_sentence(&unit.text) {
            unit.kind = Some(Boilerplate);
        }
        if unit.kind.is_none() {
            let heading = is_short_unpunctuated(&unit.text, MAX_HEADING_WORDS);
            unit.kind = Some(if heading { Heading } else { Body });
        }
    }
}

/// Shortest paragraph, in words, that counts as article text when finding
/// where the article ends (chosen on the tune half of extraction-dev2: 5
/// words 0.9315, 15 words 0.9314, any body 0.9309; held half 0.9162,
/// 0.9169, 0.9162).
const MIN_RUNNING_TEXT_WORDS: usize = 5;
/// Longest run of headings after the article's text that is furniture; a
/// longer run is data (a table or a list of specifications).
const MAX_TRAILING_HEADINGS: usize = 5;

/// Headings after the article's last paragraph of running text introduce
/// nothing of the article: they are the titles of what follows it (related
/// links, widgets, comment forms). Runs longer than a few lines are kept as
/// data.
fn mark_trailing_headings(units: &mut [Unit]) {
    let running = |u: &Unit| u.kind == Some(Body) && word_count(&u.text) >= MIN_RUNNING_TEXT_WORDS;
    let Some(last) = units.iter().rposition(running) else {
        return;
    };
    let mut i = last + 1;
    while i < units.len() {
        let run = units[i..]
            .iter()
            .take_while(|u| u.kind == Some(Heading))
            .count();
        if (1..=MAX_TRAILING_HEADINGS).contains(&run) {
            for unit in &mut units[i..i + run] {
                unit.kind = Some(Boilerplate);
            }
        }
        i += run.max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::document::parse_text;

    fn kinds(text: &str) -> Vec<(ParagraphKind, String)> {
        build_paragraphs(&parse_text(text))
            .into_iter()
            .map(|p| (p.kind, p.text))
            .collect()
    }

    #[test]
    fn broken_paragraph_is_joined() {
        let got = kinds(
            "Ties have foundered, with the US concerned about China’s\n\nincreasing military activity around [Taiwan](#) and more.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].1,
            "Ties have foundered, with the US concerned about China’s increasing military activity around Taiwan and more."
        );
    }

    #[test]
    fn hard_wrapped_prose_is_one_paragraph() {
        let text = "The quick brown fox jumps over the lazy dog and keeps on\nrunning through the field. Then it stops to rest by the\nriver.";
        let got = kinds(text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Body);
    }

    #[test]
    fn truncated_teaser_lists_are_furniture() {
        let text = "Library opens its doors at last\n\nThe mayor opened the new library on Monday, officials said.\n\nStars gather for the premiere of the..\n\nWhy the city council voted against the new…\n\nShe said it was “a long wait…”";
        let got: Vec<ParagraphKind> = kinds(text).into_iter().map(|k| k.0).collect();
        assert_eq!(got, [Title, Body, Boilerplate, Boilerplate, Body]);
    }

    #[test]
    fn one_sentence_per_line_is_not_wrapping() {
        let text = "The council met on Monday to discuss the budget.\nIt agreed to raise spending on schools by a tenth.\nThe vote was close, with seven members against it.";
        assert_eq!(kinds(text).len(), 3);
    }

    #[test]
    fn headings_after_the_article_text_are_furniture() {
        let body = "The council met on Monday to discuss the budget for the coming year and agreed on most of it.";
        let text = format!(
            "Council agrees budget at last\n\n{body}\n\nA new chapter\n\n{body}\n\nMore on this topic\n\nCouncil elections set for May\n\nLeave your comment"
        );
        let got: Vec<ParagraphKind> = kinds(&text).into_iter().map(|k| k.0).collect();
        assert_eq!(
            got,
            [
                Title,
                Body,
                Heading,
                Body,
                Boilerplate,
                Boilerplate,
                Boilerplate
            ]
        );
        let specs: String = (1..=8).map(|i| format!("\n\nSpec line {i}")).collect();
        let got: Vec<ParagraphKind> = kinds(&format!("{body}{specs}"))
            .into_iter()
            .map(|k| k.0)
            .collect();
        assert!(got[1..].iter().all(|&k| k == Heading), "{got:?}");
    }

    #[test]
    fn title_labels_headings_and_lists() {
        let text = "World news\n\nLeaders meet to discuss the future of trade talks\n\nThe leaders met on Monday in the capital, officials said, and talked for three hours.\n\nA new chapter\n\nThey agreed to meet again next year, according to a statement from both sides.\n\nRead more:\nFive things to know about the talks\nWhy the meeting matters";
        let got = kinds(text);
        let want = [
            Boilerplate,
            Title,
            Body,
            Heading,
            Body,
            Boilerplate,
            Boilerplate,
            Boilerplate,
        ];
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), want, "{got:?}");
    }
}
