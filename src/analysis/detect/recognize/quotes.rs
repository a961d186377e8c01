//! Quotations and their speakers: extraction (curly and straight double
//! quotes, nested single quotes, quotes left open at a paragraph end) and
//! attribution ("X said", "said X", "X told", "according to X", pronouns to
//! the last named speaker), indexed by sentence and paragraph. The quote
//! detector matches them across sources; framing, labels and omissions ask
//! which text lies inside a quotation.

use std::borrow::Cow;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::super::ctx::Ctx;
use crate::model::{SentenceRef, SourceId, Span};
use crate::text::lexicon::{Words, contains};
use crate::text::{
    Stems, Tok, TokKind, is_name_word, is_stop, lowercase, segment_span as tokenize_span,
};

const PRONOUNS: &[&str] = &["he", "she", "they", "it"];

/// Words of titles and roles that do not identify a speaker.
const TITLE_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "official",
    "officials",
    "senior",
    "statement",
    "in",
    "his",
    "her",
    "their",
];

/// One quotation in a body paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Quote {
    pub(crate) source: SourceId,
    pub(crate) paragraph: usize,
    /// The sentence holding the opening mark.
    pub(crate) sentence: usize,
    /// The quoted words, without the quotation marks.
    pub(crate) span: Span,
    /// The speaker as written ("Mr Xi"), when the text says who.
    pub(crate) speaker: Option<String>,
    /// The speaker is named in the quotation's own sentence (not through a
    /// pronoun or another quote of the paragraph).
    pub(crate) direct: bool,
    /// Normalized words of the quotation (lowercase).
    pub(crate) words: Vec<String>,
    /// Content stems of the quotation.
    pub(crate) content: Vec<String>,
    /// `content`, sorted and deduplicated.
    pub(crate) set: Vec<String>,
    /// `words` as ids, equal for equal words across all quotations of the
    /// index (the longest common subsequence compares these).
    pub(crate) word_ids: Vec<u32>,
}

impl Quote {
    /// Stems of the words that identify the speaker (empty when unknown).
    pub(crate) fn speaker_key(&self, stems: &Stems) -> Vec<String> {
        self.speaker
            .as_deref()
            .map_or_else(Vec::new, |s| speaker_key(s, stems))
    }

    /// True when the speaker phrase holds a name.
    pub(crate) fn named(&self) -> bool {
        self.speaker
            .as_deref()
            .is_some_and(|s| s.split_whitespace().any(is_name_word))
    }

    /// The sentence holding the quotation.
    pub(crate) fn at(&self) -> SentenceRef {
        SentenceRef {
            source: self.source,
            paragraph: self.paragraph,
            sentence: self.sentence,
        }
    }
}

/// Stems of the identifying words of a speaker phrase.
fn speaker_key(speaker: &str, stems: &Stems) -> Vec<String> {
    let words: Vec<&str> = speaker
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    // "United Nations spokesman Farhan Aziz Haq": the person is the last
    // run of capitalized words.
    let capital = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !contains(Words::RoleTitles, &w.to_lowercase())
    };
    let end = words.iter().rposition(capital);
    let words = match end {
        Some(end) => {
            let upper = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
            let start = words[..end]
                .iter()
                .rposition(|w| !upper(w))
                .map_or(0, |i| i + 1);
            &words[start..=end]
        }
        None => &words[..],
    };
    words
        .iter()
        .copied()
        .filter(|w| {
            let w = w.to_lowercase();
            !w.is_empty() && !TITLE_WORDS.contains(&w.as_str()) && !contains(Words::RoleTitles, &w)
        })
        .map(|w| {
            let s = stems.stem(w);
            // "China" and "Chinese" name the same speaker.
            match s.as_str() {
                "chines" => "china".to_string(),
                "american" => "us".to_string(),
                _ => s,
            }
        })
        .collect()
}

/// Every quotation of every source, with lookups by sentence.
pub(crate) struct QuoteIndex {
    pub(crate) quotes: Vec<Quote>,
    by_sentence: HashMap<SentenceRef, Vec<usize>>,
    by_paragraph: HashMap<(SourceId, usize), Vec<usize>>,
}

impl QuoteIndex {
    /// Extracts and attributes the quotations of all body paragraphs.
    pub(crate) fn build(ctx: &Ctx<'_>) -> Self {
        let stems = ctx.stems();
        let mut quotes = Vec::new();
        for source in ctx.sources {
            let mut last_speaker: Option<String> = None;
            let mut open_speaker: Option<String> = None;
            for p in source.body() {
                let found = extract(&p.text);
                let start = quotes.len();
                for (span, open_end) in found {
                    let sentence = p
                        .sentences
                        .iter()
                        .position(|s| s.end >= span.start)
                        .unwrap_or(0);
                    // The quote's context: from the sentence before it (when
                    // the quote opens its sentence) to the sentence where it
                    // closes.
                    let last = p
                        .sentences
                        .iter()
                        .position(|s| s.end >= span.end)
                        .unwrap_or(sentence);
                    let first = match p.sentences.get(sentence) {
                        Some(s) if span.start.saturating_sub(s.start) < 20 && sentence > 0 => {
                            sentence - 1
                        }
                        _ => sentence,
                    };
                    let sent_span = match (p.sentences.get(first), p.sentences.get(last)) {
                        (Some(a), Some(b)) => Span::new(a.start, b.end),
                        _ => span,
                    };
                    let continues = span.start <= 1 && open_speaker.is_some();
                    let mut speaker = attribute(&p.text, sent_span, span);
                    let direct = speaker.as_deref().is_some_and(|s| !is_pronoun(s));
                    if speaker.as_deref().is_some_and(is_pronoun) {
                        speaker = last_speaker.clone();
                    }
                    if speaker.is_none() && continues {
                        speaker = open_speaker.clone();
                    }
                    if speaker
                        .as_ref()
                        .is_some_and(|s| s.split_whitespace().any(is_name_word))
                    {
                        last_speaker = speaker.clone();
                    }
                    open_speaker = if open_end { speaker.clone() } else { None };
                    let toks = tokenize_span(&p.text, span);
                    let content = stems.content(&toks);
                    quotes.push(Quote {
                        source: source.id,
                        paragraph: p.index,
                        sentence,
                        span,
                        speaker,
                        direct,
                        words: toks
                            .iter()
                            .filter(|t| t.is_word() || t.kind == TokKind::Num)
                            .map(Tok::lower)
                            .collect(),
                        set: {
                            let mut set = content.clone();
                            set.sort();
                            set.dedup();
                            set
                        },
                        content,
                        word_ids: Vec::new(),
                    });
                }
                // Unattributed quotes share the speaker of another quote in
                // the same paragraph.
                let para_speaker = quotes[start..].iter().find_map(|q| q.speaker.clone());
                for q in &mut quotes[start..] {
                    if q.speaker.is_none() {
                        q.speaker = para_speaker.clone();
                    }
                }
            }
        }
        intern_words(&mut quotes);
        let mut by_sentence: HashMap<SentenceRef, Vec<usize>> = HashMap::new();
        let mut by_paragraph: HashMap<(SourceId, usize), Vec<usize>> = HashMap::new();
        for (i, q) in quotes.iter().enumerate() {
            by_sentence.entry(q.at()).or_default().push(i);
            by_paragraph
                .entry((q.source, q.paragraph))
                .or_default()
                .push(i);
        }
        QuoteIndex {
            quotes,
            by_sentence,
            by_paragraph,
        }
    }

    /// Quotations that open in a sentence.
    pub(crate) fn in_sentence(&self, r: SentenceRef) -> impl Iterator<Item = &Quote> {
        self.by_sentence
            .get(&r)
            .into_iter()
            .flatten()
            .map(|&i| &self.quotes[i])
    }

    /// Quotations of a paragraph, in reading order.
    pub(crate) fn in_paragraph(
        &self,
        source: SourceId,
        paragraph: usize,
    ) -> impl Iterator<Item = &Quote> {
        self.by_paragraph
            .get(&(source, paragraph))
            .into_iter()
            .flatten()
            .map(|&i| &self.quotes[i])
    }

    /// The quotation spans of a paragraph.
    pub(crate) fn spans(&self, source: SourceId, paragraph: usize) -> Vec<Span> {
        self.in_paragraph(source, paragraph)
            .map(|q| q.span)
            .collect()
    }

    /// True when `span` of a paragraph lies inside a quotation.
    pub(crate) fn covers(&self, source: SourceId, paragraph: usize, span: Span) -> bool {
        self.spans(source, paragraph)
            .iter()
            .any(|q| q.start <= span.start && span.end <= q.end)
    }
}

fn is_pronoun(s: &str) -> bool {
    PRONOUNS.contains(&lowercase(s).as_ref())
}

/// Quotation spans (inside the marks) of a paragraph, each with a flag set
/// when the quote is still open at the paragraph end.
pub fn extract(text: &str) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    // Only these marks open or close a quotation.
    if !text.contains(['“', '”', '«', '"', '‘']) {
        return out;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut open: Option<(usize, char)> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|x| x.1);
        match open {
            None => {
                let after_space =
                    || prev.is_none_or(|p| p.is_whitespace() || "([{—–-:".contains(p));
                let opens = c == '“'
                    || c == '«'
                    || ((c == '"' || c == '‘')
                        && after_space()
                        && next.is_some_and(|n| !n.is_whitespace()));
                if opens {
                    open = Some((i + c.len_utf8(), c));
                } else if c == '”' && out.is_empty() && i > 0 {
                    // A closing mark with no opening one: the quotation
                    // continues from the previous paragraph.
                    out.push((trimmed(text, Span::new(0, i)), false));
                }
            }
            Some((start, mark)) => {
                let closes = match mark {
                    '“' => c == '”' || (c == '"'),
                    '«' => c == '»',
                    // A single closing mark that is not an apostrophe
                    // inside a word ("Xi’s").
                    '‘' => c == '’' && next.is_none_or(|n| !n.is_alphanumeric()),
                    _ => c == '"' || c == '”',
                };
                if closes {
                    if i > start {
                        out.push((Span::new(start, i), false));
                    }
                    open = None;
                } else if c == '“' && mark == '“' {
                    // A new opening mark: the previous quote never closed.
                    if i > start {
                        out.push((trimmed(text, Span::new(start, i)), true));
                    }
                    open = Some((i + c.len_utf8(), c));
                }
            }
        }
    }
    if let Some((start, _)) = open
        && start < text.len()
    {
        out.push((trimmed(text, Span::new(start, text.len())), true));
    }
    out.retain(|(s, _)| !s.is_empty() && text[s.start..s.end].chars().any(char::is_alphanumeric));
    out
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span::new(span.start + lead, span.end - trail)
}

/// The speaker of a quotation from the words around it in its sentence.
fn attribute(text: &str, sentence: Span, quote: Span) -> Option<String> {
    let start = sentence.start.min(quote.start);
    let end = sentence.end.max(quote.end).min(text.len());
    let toks = tokenize_span(text, Span::new(start, end));
    let outside: Vec<&Tok<'_>> = toks
        .iter()
        .filter(|t| t.end <= quote.start.saturating_sub(1) || t.start > quote.end)
        .collect();
    let after: Vec<&Tok<'_>> = outside
        .iter()
        .copied()
        .filter(|t| t.start > quote.end)
        .collect();
    let before: Vec<&Tok<'_>> = outside
        .iter()
        .copied()
        .filter(|t| t.end < quote.start)
        .collect();
    // "…,” George Magnus, a research associate, told …": a name right
    // after the quote, with a speech verb later in the clause.
    if let Some(s) = leading_name(&after) {
        return Some(s);
    }
    // "…,” X said / said X." right after the quote.
    if let Some(s) = speaker_near_verb(&after) {
        return Some(s);
    }
    // "X said (that) “…”" / "according to X, “…”" before it.
    speaker_near_verb(&before)
}

/// A run of name words opening `toks` (after punctuation), when a speech
/// verb follows within the clause.
fn leading_name(toks: &[&Tok<'_>]) -> Option<String> {
    let start = toks.iter().position(|t| t.is_word())?;
    if toks[..start].iter().any(|t| t.is('.')) {
        return None;
    }
    let run: Vec<&str> = toks[start..]
        .iter()
        .take_while(|t| is_name_word(t.text) || contains(Words::RoleTitles, &lowercase(t.text)))
        .map(|t| t.text)
        .collect();
    if !run.iter().any(|w| is_name_word(w)) {
        return None;
    }
    let rest = &toks[start + run.len()..];
    let clause_end = rest.iter().position(|t| t.is('.')).unwrap_or(rest.len());
    let speaks = rest[..clause_end]
        .iter()
        .take(15)
        .any(|t| contains(Words::SpeechVerbs, &lowercase(t.text)));
    speaks.then(|| run.join(" "))
}

/// Verbs whose object is the listener, not the speaker ("told reporters").
const LISTENER_VERBS: &[&str] = &["told", "tells", "asked", "urged", "replied"];

/// Finds a speech verb among `toks` and the name phrase next to it.
fn speaker_near_verb(toks: &[&Tok<'_>]) -> Option<String> {
    let lower: Vec<Cow<'_, str>> = toks.iter().map(|t| lowercase(t.text)).collect();
    // "according to X"
    if let Some(k) = lower
        .windows(2)
        .position(|w| w[0] == "according" && w[1] == "to")
    {
        return phrase_forward(toks, k + 2);
    }
    for (k, w) in lower.iter().enumerate() {
        if !contains(Words::SpeechVerbs, w) {
            continue;
        }
        if let Some(s) = phrase_backward(toks, k) {
            return Some(s);
        }
        if !LISTENER_VERBS.contains(&w.as_ref())
            && let Some(s) = phrase_forward(toks, k + 1)
        {
            return Some(s);
        }
    }
    None
}

/// The noun phrase ending right before token `k` ("Mr Xi", "China's
/// ministry of foreign affairs", "he").
fn phrase_backward(toks: &[&Tok<'_>], k: usize) -> Option<String> {
    let mut first = k;
    let mut words = 0;
    while first > 0 && words < 6 {
        let t = toks[first - 1];
        let w = lowercase(t.text);
        let joins = t.is_word()
            && (matches!(w.as_ref(), "of" | "the" | "a" | "mr" | "mrs" | "ms" | "dr")
                || !is_stop(t.text)
                || is_pronoun(&w));
        if !joins {
            break;
        }
        if first < k && is_pronoun(&w) {
            break;
        }
        first -= 1;
        words += 1;
        if is_pronoun(&w) || w == "the" || w == "a" {
            break;
        }
    }
    phrase(toks, first, k)
}

/// The noun phrase starting at token `k` ("Xi Jinping", "the State
/// Department", "a US official").
fn phrase_forward(toks: &[&Tok<'_>], k: usize) -> Option<String> {
    let mut end = k;
    while end < toks.len() && end - k < 6 {
        let t = toks[end];
        let w = lowercase(t.text);
        let leading = end == k && (w == "the" || w == "a" || w == "an");
        let ok = t.is_word()
            && (leading || w == "of" || !is_stop(t.text) || (end == k && is_pronoun(&w)));
        if !ok {
            break;
        }
        end += 1;
        if end - k == 1 && is_pronoun(&w) {
            break;
        }
    }
    phrase(toks, k, end)
}

fn phrase(toks: &[&Tok<'_>], from: usize, to: usize) -> Option<String> {
    let words: Vec<&str> = toks[from..to].iter().map(|t| t.text).collect();
    let words: Vec<&str> = words
        .into_iter()
        .skip_while(|w| matches!(lowercase(w).as_ref(), "the" | "a" | "an" | "of"))
        .collect();
    let last_ok = words
        .iter()
        .rposition(|w| !matches!(lowercase(w).as_ref(), "of" | "the" | "a"))?;
    let words = &words[..=last_ok];
    let is_person_like = words.iter().any(|w| is_name_word(w) || is_pronoun(w)) || words.len() <= 3;
    (is_person_like && !words.is_empty()).then(|| words.join(" "))
}

/// How much two quotations share: containment of content stems, and the
/// count of shared stems.
pub(crate) fn overlap(a: &Quote, b: &Quote) -> (f64, usize) {
    let shared = a
        .content
        .iter()
        .filter(|w| b.set.binary_search(w).is_ok())
        .count();
    let short = a.content.len().min(b.content.len()).max(1);
    ((shared as f64 / short as f64).min(1.0), shared)
}

/// Fills every quotation's `word_ids` (one id per distinct word).
fn intern_words(quotes: &mut [Quote]) {
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    for q in quotes.iter_mut() {
        q.word_ids = q
            .words
            .iter()
            .map(|w| {
                let next = ids.len() as u32;
                *ids.entry(w.clone()).or_insert(next)
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_curly_straight_and_open_quotes() {
        let t = "He said “it is good” and \"fine\" today. “This runs on";
        let q: Vec<&str> = extract(t).iter().map(|(s, _)| s.slice(t)).collect();
        assert_eq!(q, ["it is good", "fine", "This runs on"]);
        assert!(extract(t)[2].1);
        let t = "The US and China agree to ‘stabilise’ relations, Xi’s aide said.";
        let q: Vec<&str> = extract(t).iter().map(|(s, _)| s.slice(t)).collect();
        assert_eq!(q, ["stabilise"]);
        let t = "“He told me ‘no way’ twice,” she said.";
        let q: Vec<&str> = extract(t).iter().map(|(s, _)| s.slice(t)).collect();
        assert_eq!(q, ["He told me ‘no way’ twice,"]);
    }

    #[test]
    fn attributes_speakers() {
        let cases = [
            ("“It is very good,” Xi said.", "Xi"),
            (
                "“It is very good,” said President Xi Jinping.",
                "President Xi Jinping",
            ),
            (
                "Mr Xi said he hoped for “more positive contributions”.",
                "Mr Xi",
            ),
            ("According to Wang Yi, “the US must choose”.", "Wang Yi"),
            (
                "China’s ministry of foreign affairs said in a statement the visit “coincides with a juncture”.",
                "China’s ministry of foreign affairs",
            ),
            ("Blinken told reporters: “We made progress.”", "Blinken"),
        ];
        for (text, who) in cases {
            let (span, _) = extract(text)[0];
            let s = Span::new(0, text.len());
            assert_eq!(attribute(text, s, span).as_deref(), Some(who), "{text}");
        }
    }

    #[test]
    fn speaker_keys_match_across_wordings() {
        let stems = Stems::default();
        let a = speaker_key("China’s ministry of foreign affairs", &stems);
        let b = speaker_key("The Chinese Foreign Ministry", &stems);
        assert!(a.iter().any(|w| b.contains(w)), "{a:?} {b:?}");
        let x = speaker_key("Mr Xi", &stems);
        let y = speaker_key("President Xi Jinping", &stems);
        assert!(x.iter().any(|w| y.contains(w)));
    }
}
