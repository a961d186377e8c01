//! Paragraph kinds from general rules: known furniture phrases, shape
//! (length, punctuation, case, time codes, credits) and position (before the
//! title, inside a block of furniture, after a "Read more" header).

use crate::model::ParagraphKind;

use super::dates;
use super::furniture::{normalize, phrases, starts_with_phrase};

/// Kind of one line judged on its own, when its text alone is conclusive.
pub(crate) fn line_kind(text: &str) -> Option<ParagraphKind> {
    let norm = normalize(text);
    let words = text.split_whitespace().count();
    if norm.is_empty() || !norm.chars().any(char::is_alphanumeric) {
        return Some(ParagraphKind::Boilerplate);
    }
    if is_player_control(&norm) || is_reading_time(&norm) {
        return Some(ParagraphKind::Boilerplate);
    }
    if is_copyright(text, &norm) || is_phrase_furniture(&norm, words) || is_contact(&norm, words) {
        return Some(ParagraphKind::Boilerplate);
    }
    if has_photo_credit(text) || has_glued_timecode(text) || is_caption_label(&norm) {
        return Some(ParagraphKind::Caption);
    }
    if is_byline(text, &norm, words) {
        return Some(ParagraphKind::Byline);
    }
    if is_dateline(text, &norm, words) {
        return Some(ParagraphKind::Dateline);
    }
    None
}

/// Whether the line introduces a list of links ("Read more:", "Related
/// Topics"), or names the site it links to ("Also on example.com").
pub(crate) fn is_list_header(text: &str) -> bool {
    let norm = normalize(text);
    let p = phrases();
    p.list_header.contains(&norm)
        || (norm.split_whitespace().count() <= 5
            && p.list_header_prefix
                .iter()
                .any(|x| starts_with_phrase(&norm, x)))
}

/// A long line in capitals: a promotional link ("SEAN SPICER ELIMINATED FROM
/// …"), not a heading.
pub(crate) fn is_shouted_teaser(text: &str) -> bool {
    // Cased letters only: scripts without case (Bengali, Japanese, Arabic)
    // are never "in capitals".
    let cased: Vec<char> = text
        .chars()
        .filter(|c| c.is_uppercase() || c.is_lowercase())
        .collect();
    text.split_whitespace().count() >= 6
        && cased.len() >= 20
        && cased.iter().all(|c| !c.is_lowercase())
}

/// Whether the line ends like a sentence (after closing quotes and brackets).
pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’»)]".contains(c));
    trimmed.ends_with([
        '.', '!', '?', '…', ':', ';', '。', '！', '？', '．', '।', '॥', '؟', '۔',
    ])
}

/// Whether the text starts with a lower-case letter (after quotes/brackets).
pub(crate) fn starts_lowercase(text: &str) -> bool {
    text.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A few lower-case words with no punctuation, standing alone: an ad or
/// sponsor line ("qatar airways").
pub(crate) fn is_sponsor_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && text
            .chars()
            .all(|c| c.is_lowercase() || c.is_whitespace() || c == '-' || c == '&')
}

/// A short line with no sentence punctuation: a heading, label or link text.
pub(crate) fn is_short_unpunctuated(text: &str, max_words: usize) -> bool {
    let words = word_count(text);
    words > 0 && words <= max_words && !ends_sentence(text)
}

/// Words of a line: runs between spaces, and in scripts written without
/// spaces (Chinese, Japanese) one word per two characters.
pub(crate) fn word_count(text: &str) -> usize {
    let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
    text.split_whitespace()
        .filter(|w| !w.chars().all(is_unspaced_script))
        .count()
        + unspaced.div_ceil(2)
}

/// Han ideographs, kana and CJK punctuation.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// "0:00 / 3:18", "1X", "1.5x", "Play", "Pause".
fn is_player_control(norm: &str) -> bool {
    let timecodes = norm
        .split(['/', ' '])
        .filter(|t| !t.is_empty())
        .all(is_timecode);
    let speed = norm
        .strip_suffix(['x', '×'])
        .is_some_and(|n| !n.is_empty() && n.len() <= 4 && n.parse::<f32>().is_ok());
    timecodes || speed || matches!(norm, "play" | "pause" | "mute" | "unmute" | "replay")
}

/// "3:18", "1:02:45".
fn is_timecode(token: &str) -> bool {
    let parts: Vec<&str> = token.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// "6 minute read", "4 min listen", "3 hours ago", "Updated 5 mins ago".
fn is_reading_time(norm: &str) -> bool {
    let words: Vec<&str> = norm.split_whitespace().collect();
    if words.len() > 6 {
        return false;
    }
    let unit = |w: &str| {
        let w = w.trim_end_matches('s');
        matches!(
            w,
            "sec" | "second" | "min" | "minute" | "hr" | "hour" | "day" | "week" | "month" | "year"
        )
    };
    words.windows(3).any(|w| {
        w[0].parse::<u32>().is_ok()
            && unit(w[1])
            && matches!(w[2], "read" | "listen" | "watch" | "ago" | "reading")
    })
}

/// "© 2023 …", "Copyright …", "… All rights reserved."
fn is_copyright(text: &str, norm: &str) -> bool {
    let start = text.trim_start();
    start.starts_with('©') || start.starts_with("(c)") || starts_with_phrase(norm, "copyright")
}

fn is_phrase_furniture(norm: &str, words: usize) -> bool {
    let p = phrases();
    p.exact.iter().any(|x| x == norm)
        || p.list_header.iter().any(|x| x == norm)
        || (words <= 5
            && p.list_header_prefix
                .iter()
                .any(|x| starts_with_phrase(norm, x)))
        || (words <= 30 && p.prefix.iter().any(|x| starts_with_phrase(norm, x)))
        || (words <= 40 && p.contains.iter().any(|x| norm.contains(x.as_str())))
}

/// A short line with an e-mail address or a phone-like "contact" line.
fn is_contact(norm: &str, words: usize) -> bool {
    words <= 20
        && norm.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        })
}

/// A photo credit: "©", or an agency credit like "REUTERS/Name" or
/// "Name/AP" in the last short fragment of the line.
pub(crate) fn has_photo_credit(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.contains('©') && !trimmed.starts_with('©') {
        return true;
    }
    let upper = trimmed.to_uppercase();
    if [
        "(AP PHOTO",
        "AP PHOTO/",
        "GETTY IMAGES",
        "(PHOTO:",
        "(PHOTO BY",
        "(CREDIT:",
        "(IMAGE:",
        "PHOTO CREDIT",
    ]
    .iter()
    .any(|m| upper.contains(m))
        && trimmed.split_whitespace().count() <= 80
    {
        return true;
    }
    let tail = last_fragment(trimmed);
    tail.split_whitespace().count() <= 6
        && !tail.contains([',', ':', ';'])
        && tail.split_whitespace().any(is_credit_token)
}

/// The text after the last sentence end (". "), or the whole line.
fn last_fragment(text: &str) -> &str {
    match text.trim_end_matches(['.', ' ']).rfind(". ") {
        Some(i) => &text[i + 2..],
        None => text,
    }
}

/// "REUTERS/Leah", "Millis/AP", "Pool/AP": capitalized words joined by '/'.
fn is_credit_token(token: &str) -> bool {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    let parts: Vec<&str> = token.split('/').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().next().is_some_and(char::is_uppercase))
}

/// Video thumbnails glue the duration to the text: "…in Munich4:30".
fn has_glued_timecode(text: &str) -> bool {
    let trimmed = text.trim_end();
    let Some(colon) = trimmed.rfind(':') else {
        return false;
    };
    let digits_before = trimmed[..colon]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    let before = &trimmed[..colon - digits_before];
    let after = &trimmed[colon + 1..];
    (1..=2).contains(&digits_before)
        && after.len() == 2
        && after.bytes().all(|b| b.is_ascii_digit())
        && before.ends_with(|c: char| c.is_alphabetic() || c == '.' || c == ')')
}

fn is_caption_label(norm: &str) -> bool {
    phrases()
        .caption
        .iter()
        .any(|p| starts_with_phrase(norm, p))
}

/// "By Jane Doe", "Joe Leahy in Beijing and Demetri Sevastopulo in
/// Washington 3 HOURS AGO", "Sky News reporter @handle".
fn is_byline(text: &str, norm: &str, words: usize) -> bool {
    if words > 20 || ends_with_period(text) {
        return false;
    }
    if (2..=12).contains(&words) && starts_with_phrase(norm, "by") && capitalized_after_by(text) {
        return true;
    }
    if words <= 10 && role_outlet(text).is_some() {
        return true;
    }
    let has_handle = norm
        .split_whitespace()
        .any(|w| w.starts_with('@') && w.len() > 2);
    let words_list: Vec<&str> = text.split_whitespace().collect();
    let ends_with_role = role_position(&words_list).is_some();
    if words <= 10 && (has_handle || ends_with_role) {
        return true;
    }
    // Names with places and a time stamp: "X in Beijing and Y in Washington 3 HOURS AGO".
    let stamped = is_reading_time(&tail_words(norm, 3)) || dates::find_date(text).is_some();
    stamped && names_with_places(text)
}

fn ends_with_period(text: &str) -> bool {
    text.trim_end().ends_with('.') && !text.trim_end().ends_with("..")
}

fn capitalized_after_by(text: &str) -> bool {
    text.split_whitespace()
        .nth(1)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase)
}

fn tail_words(norm: &str, n: usize) -> String {
    let words: Vec<&str> = norm.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

/// Words before the time stamp are capitalized names joined by "in", "and",
/// "," — a byline shape.
fn names_with_places(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words
        .iter()
        .filter(|w| matches!(**w, "in" | "and" | "&"))
        .count();
    let capitalized = words
        .iter()
        .filter(|w| {
            w.trim_start_matches(['*', '_'])
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
        .count();
    joined >= 1 && words.contains(&"in") && capitalized * 2 >= words.len()
}

/// "Sky News reporter @x" -> "Sky News": capitalized words before a role word,
/// minus role adjectives ("Senior", "China").
pub(crate) fn role_outlet(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 10 {
        return None;
    }
    let p = phrases();
    let role_at = role_position(&words)?;
    let mut name: Vec<&str> = words[..role_at]
        .iter()
        .rev()
        .take_while(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .copied()
        .collect();
    name.reverse();
    while name
        .last()
        .is_some_and(|w| p.role_adjective.iter().any(|a| *a == w.to_lowercase()))
    {
        name.pop();
    }
    while name
        .first()
        .is_some_and(|w| p.role_adjective.iter().any(|a| *a == w.to_lowercase()))
    {
        name.remove(0);
    }
    (!name.is_empty() && name.len() <= 4).then(|| name.join(" "))
}

/// Index of a role word ("reporter") that ends the line, social handles
/// aside: "Sky News reporter @x", "By Jo Bloggs, Transport correspondent".
fn role_position(words: &[&str]) -> Option<usize> {
    let last = words.iter().rposition(|w| !w.starts_with('@'))?;
    let word = words[last]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    phrases().role.contains(&word).then_some(last)
}

/// A short line carrying a date or a time-stamp label and no sentence:
/// "Monday 19 June 2023 13:44, UK", "- International - June 20, 2023".
fn is_dateline(text: &str, norm: &str, words: usize) -> bool {
    if words > 12 || ends_with_period(text) {
        return false;
    }
    dates::find_date(text).is_some()
        || phrases()
            .dateline
            .iter()
            .any(|p| starts_with_phrase(norm, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParagraphKind::*;

    #[test]
    fn scripts_without_case_or_spaces() {
        // Bengali has no capitals: a long line of it is not shouting.
        let bengali = "আজ শনিবার সকাল সাড়ে ৭টার দিকে দৌলতপুর উপজেলার নিজ বাড়ির সামনে তাকে কুপিয়ে হত্যা করা হয়।";
        assert!(!is_shouted_teaser(bengali));
        assert!(ends_sentence(bengali));
        assert!(is_shouted_teaser(
            "SEAN SPICER ELIMINATED FROM DANCING WITH THE STARS TONIGHT"
        ));
        // Japanese is written without spaces: a sentence is many words.
        let japanese = "子どもへの虐待をなくすための法律ができて、親が子どもを教育するために";
        assert!(word_count(japanese) > 12);
        assert!(!is_short_unpunctuated(japanese, 12));
        assert_eq!(word_count("Leaders meet in Beijing"), 4);
    }

    #[test]
    fn furniture_lines_by_shape_and_phrase() {
        let cases = [
            ("0:00 / 3:18", Boilerplate),
            ("1X", Boilerplate),
            ("6 minute read", Boilerplate),
            ("Listen to this article", Boilerplate),
            ("Audio created using AI assistance", Boilerplate),
            (
                "Read More: The Making of the Xi Jinping Personality Cult",
                Boilerplate,
            ),
            (
                "Click to subscribe to the Sky News Daily wherever you get your podcasts",
                Boilerplate,
            ),
            ("Related Topics", Boilerplate),
            ("LEAVE A REPLY", Boilerplate),
            ("Contact us at letters@time.com", Boilerplate),
            (
                "Copyright The Financial Times Limited 2023. All rights reserved.",
                Boilerplate,
            ),
            ("Additional reporting by Maiqi Ding in Beijing", Boilerplate),
            (
                "—With assistance from Zhu Lin, Lucille Liu, Jing Li and Ishika Mookerjee.",
                Boilerplate,
            ),
            ("More Must-Reads From TIME", Boilerplate),
            ("Why you can trust Sky News", Boilerplate),
            (
                "Play Video – US and China agree to ‘stabilise’ relations",
                Boilerplate,
            ),
            (
                "Chinese President Xi Jinping meets with U.S. Secretary of State Antony Blinken in the Great Hall of the People in Beijing, China, June 19, 2023. REUTERS/Leah Millis/Pool",
                Caption,
            ),
            (
                "US Secretary of State Antony Blinken arrives in Munich4:30",
                Caption,
            ),
            (
                "Antony Blinken, left, meets President Xi Jinping in Beijing on Monday, the first visit by a US secretary of state since 2018 © Leah Millis/Pool/AP",
                Caption,
            ),
            (
                "US Secretary of State Antony Blinken shakes hands with Chinese President Xi Jinping at the Great Hall of the People in Beijing, China, Monday, June 19, 2023. Leah Millis/AP .",
                Caption,
            ),
            (
                "Joe Leahy in Beijing and Demetri Sevastopulo in Washington 3 HOURS AGO",
                Byline,
            ),
            ("Sky News reporter @thejournojames", Byline),
            ("By Jane Doe and John Roe", Byline),
            ("Monday 19 June 2023 13:44, UK", Dateline),
            ("- International - June 20, 2023", Dateline),
        ];
        for (line, kind) in cases {
            assert_eq!(line_kind(line), Some(kind), "{line}");
        }
    }

    #[test]
    fn body_sentences_are_not_furniture() {
        for line in [
            "Xi said they had made progress and reached agreements on “some specific issues” without giving further details. “It’s very good,” Xi said.",
            "On Sunday, Blinken also met Chinese foreign minister Qin Gang for five-and-a-half hours of talks.",
            "Regular talks would “reduce the risk of misperception and miscalculation”, the department added.",
            "The visit was postponed by three months after the AC/DC concert in Beijing.",
            "He said 3:30 was too late.",
            "Staff shortages hit hospitals across the region",
            "NEW YORK (Reuters) - Oil prices fell sharply on Tuesday on oversupply concerns.",
            "Path A: Iceland, Bulgaria/Israel/Hungary/Romania*",
        ] {
            assert_eq!(line_kind(line), None, "{line}");
        }
    }

    #[test]
    fn outlet_before_a_role() {
        assert_eq!(
            role_outlet("Sky News reporter @thejournojames").as_deref(),
            Some("Sky News")
        );
        assert_eq!(
            role_outlet("BBC China correspondent").as_deref(),
            Some("BBC")
        );
        assert_eq!(role_outlet("Senior China correspondent"), None);
    }

    #[test]
    fn sentence_ends_and_case() {
        assert!(ends_sentence("He said “yes.”"));
        assert!(!ends_sentence("with the US concerned about China’s"));
        assert!(starts_lowercase("increasing military activity"));
        assert!(is_sponsor_like("qatar airways"));
        assert!(!is_sponsor_like(
            "importance of military-to-military communication"
        ));
    }
}
