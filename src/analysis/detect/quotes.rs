//! Quotations: extraction (curly and straight double quotes, nested single
//! quotes, quotes left open at a paragraph end), speaker attribution ("X
//! said", "said X", "X told", "according to X", pronouns to the last named
//! speaker), matching of the same quotation across sources by word overlap,
//! and the discrepancies between matched quotes: `reworded`,
//! `different_speaker`, `truncated` (only when the cut removes a negation,
//! condition or contrast), `paraphrased` (one source quotes, an aligned
//! sentence of another carries the words without quotation marks) and
//! `exclusive` (one source quotes what aligned sentences of others report
//! without the words).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::util::ellipsize;
use super::{Ctx, finding, join_names};
use crate::model::{DiffTag, Discrepancy, DiscrepancyKind, GroupId, SentenceRef, SourceId, Span};
use crate::text::diff::token_list_diff as word_diff;
use crate::text::lexicon::spelling_variant;
use crate::text::lexicon::{Words, contains};
use crate::text::{
    Stems, Tok, TokKind, is_name_word, is_stop, lowercase, segment_span as tokenize_span,
};

const PRONOUNS: &[&str] = &["he", "she", "they", "it"];

/// Words whose loss changes what a quotation means.
const MEANING_WORDS: &[&str] = &[
    "not",
    "no",
    "never",
    "n't",
    "but",
    "unless",
    "if",
    "only",
    "except",
    "without",
    "however",
    "although",
    "though",
    "nor",
    "neither",
    "yet",
    "until",
    "cannot",
    "won't",
    "don't",
    "didn't",
    "isn't",
    "wasn't",
    "aren't",
    "doesn't",
    "shouldn't",
    "wouldn't",
    "couldn't",
];

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
pub struct Quote {
    pub source: SourceId,
    pub paragraph: usize,
    /// The sentence holding the opening mark.
    pub sentence: usize,
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// The speaker as written ("Mr Xi"), when the text says who.
    pub speaker: Option<String>,
    /// The speaker is named in the quotation's own sentence (not through a
    /// pronoun or another quote of the paragraph).
    pub direct: bool,
    /// Normalized words of the quotation (lowercase).
    pub words: Vec<String>,
    /// Content stems of the quotation.
    pub content: Vec<String>,
    /// `content`, sorted and deduplicated.
    set: Vec<String>,
    /// `words` as ids, equal for equal words across all quotations of the
    /// index (the longest common subsequence compares these).
    word_ids: Vec<u32>,
}

impl Quote {
    fn speaker_key(&self, stems: &Stems) -> Vec<String> {
        self.speaker
            .as_deref()
            .map_or_else(Vec::new, |s| speaker_key(s, stems))
    }

    fn named(&self) -> bool {
        self.speaker
            .as_deref()
            .is_some_and(|s| s.split_whitespace().any(is_name_word))
    }

    /// The sentence holding the quotation.
    pub fn at(&self) -> SentenceRef {
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
pub struct QuoteIndex {
    pub quotes: Vec<Quote>,
    by_sentence: HashMap<SentenceRef, Vec<usize>>,
    by_paragraph: HashMap<(SourceId, usize), Vec<usize>>,
}

impl QuoteIndex {
    /// Extracts and attributes the quotations of all body paragraphs.
    pub fn build(ctx: &Ctx<'_>) -> Self {
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
    pub fn in_sentence(&self, r: SentenceRef) -> impl Iterator<Item = &Quote> {
        self.by_sentence
            .get(&r)
            .into_iter()
            .flatten()
            .map(|&i| &self.quotes[i])
    }

    /// Quotations of a paragraph, in reading order.
    pub fn in_paragraph(&self, source: SourceId, paragraph: usize) -> impl Iterator<Item = &Quote> {
        self.by_paragraph
            .get(&(source, paragraph))
            .into_iter()
            .flatten()
            .map(|&i| &self.quotes[i])
    }

    /// The quotation spans of a paragraph.
    pub fn spans(&self, source: SourceId, paragraph: usize) -> Vec<Span> {
        self.in_paragraph(source, paragraph)
            .map(|q| q.span)
            .collect()
    }

    /// True when `span` of a paragraph lies inside a quotation.
    pub fn covers(&self, source: SourceId, paragraph: usize, span: Span) -> bool {
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

/// A quotation pair judged to be the same quotation.
#[derive(Debug, Clone, Copy)]
struct Match {
    a: usize,
    b: usize,
}

/// How much two quotations share: containment of content stems, and the
/// count of shared stems.
fn overlap(a: &Quote, b: &Quote) -> (f64, usize) {
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

/// Length of the longest common subsequence of two word lists.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// Two quotations are the same when most of the shorter one's words appear
/// in order in the longer one (very short ones must have the same content).
fn same_quote(a: &Quote, b: &Quote) -> Option<f64> {
    let short = a.content.len().min(b.content.len());
    if short <= 2 {
        return (a.content == b.content && !a.content.is_empty()).then_some(1.0);
    }
    let (_, shared) = overlap(a, b);
    if shared < 2 {
        return None;
    }
    let common = lcs(&a.word_ids, &b.word_ids);
    let ratio = common as f64 / a.words.len().min(b.words.len()).max(1) as f64;
    (common >= 3 && ratio >= 0.6).then_some(ratio)
}

/// For every quotation, the later ones (ascending) that share a content
/// stem with it: the only ones [`same_quote`] can accept (it needs two
/// shared stems, or equal non-empty content), found through an inverted
/// index instead of comparing every pair, so the cost follows the shared
/// words rather than the square of the quotations. Visiting them in
/// ascending order keeps the comparisons in the order of the all-pairs loop.
fn candidate_pairs(quotes: &[Quote]) -> Vec<Vec<usize>> {
    let mut postings: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, q) in quotes.iter().enumerate() {
        for w in &q.set {
            postings.entry(w.as_str()).or_default().push(i);
        }
    }
    let mut seen = vec![usize::MAX; quotes.len()];
    quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut later = Vec::new();
            for w in &q.set {
                for &j in postings.get(w.as_str()).into_iter().flatten() {
                    if j > i && seen[j] != i {
                        seen[j] = i;
                        later.push(j);
                    }
                }
            }
            later.sort_unstable();
            later
        })
        .collect()
}

/// Finds quote discrepancies across sources.
pub fn detect(ctx: &Ctx<'_>, index: &QuoteIndex) -> Vec<Discrepancy> {
    let stems = ctx.stems();
    let quotes = &index.quotes;
    // Best match per (quote, other source).
    let mut best: HashMap<(usize, SourceId), (f64, usize)> = HashMap::new();
    for (i, later) in candidate_pairs(quotes).into_iter().enumerate() {
        let a = &quotes[i];
        for j in later {
            let b = &quotes[j];
            if a.source == b.source {
                continue;
            }
            if let Some(s) = same_quote(a, b) {
                // Prefer the counterpart the alignment pairs with this one.
                let s = s + if ctx.link(a.at(), b.at()).is_some() {
                    0.1
                } else {
                    0.0
                };
                for (x, y) in [(i, j), (j, i)] {
                    let e = best.entry((x, quotes[y].source)).or_insert((0.0, y));
                    if s > e.0 {
                        *e = (s, y);
                    }
                }
            }
        }
    }
    let mut matches: Vec<Match> = best
        .iter()
        .filter(|((x, _), (_, y))| {
            x < y
                && best
                    .get(&(*y, quotes[*x].source))
                    .is_some_and(|b| b.1 == *x)
        })
        .map(|((x, _), (_, y))| Match { a: *x, b: *y })
        .collect();
    matches.sort_by_key(|m| (m.a, m.b));
    let mut out = Vec::new();
    let mut matched: HashSet<(usize, SourceId)> = HashSet::new();
    for m in &matches {
        matched.insert((m.a, quotes[m.b].source));
        matched.insert((m.b, quotes[m.a].source));
    }
    // Cluster matched quotes so one quotation gives one discrepancy.
    let mut reported: HashSet<usize> = HashSet::new();
    for m in &matches {
        let (a, b) = (&quotes[m.a], &quotes[m.b]);
        if let Some(d) = compare(ctx, stems, a, b) {
            if reported.contains(&m.a) && reported.contains(&m.b) {
                continue;
            }
            merge_or_push(&mut out, d);
            reported.insert(m.a);
            reported.insert(m.b);
        }
    }
    out.extend(unmatched(ctx, index, &matched));
    out
}

/// Adds `d`, or folds its mentions into an existing discrepancy of the same
/// subkind that already mentions one of its quotes.
fn merge_or_push(out: &mut Vec<Discrepancy>, d: Discrepancy) {
    if let Some(existing) = out.iter_mut().find(|e| {
        e.subkind == d.subkind
            && e.mentions.iter().any(|m| {
                d.mentions.iter().any(|n| {
                    n.source == m.source && n.paragraph == m.paragraph && n.start == m.start
                })
            })
    }) {
        for m in d.mentions {
            if !existing
                .mentions
                .iter()
                .any(|e| e.source == m.source && e.paragraph == m.paragraph && e.start == m.start)
            {
                existing.mentions.push(m);
            }
        }
        existing.score = existing.score.max(d.score);
        return;
    }
    out.push(d);
}

/// Which group holds a sentence, if any.
fn group_of(ctx: &Ctx<'_>, r: SentenceRef) -> Option<GroupId> {
    ctx.group_holding(r)
}

/// Compares two matched quotations; `None` when they agree.
fn compare(ctx: &Ctx<'_>, stems: &Stems, a: &Quote, b: &Quote) -> Option<Discrepancy> {
    let pa = ctx.paragraph(a.source, a.paragraph)?;
    let pb = ctx.paragraph(b.source, b.paragraph)?;
    let ta = tokenize_span(&pa.text, a.span);
    let tb = tokenize_span(&pb.text, b.span);
    let (ta, tb) = (diff_tokens(ta), diff_tokens(tb));
    let ops = word_diff(&ta, &tb);
    // Anchors: unchanged runs of two or more words, so a stray shared "the"
    // far from the shared passage does not stretch the compared region.
    let last_op = ops.len().saturating_sub(1);
    let anchor = |(k, o): (usize, &crate::model::DiffOp)| {
        o.tag == DiffTag::Equal
            && (k == 0 || k == last_op || ta.iter().filter(|t| o.a.contains(t.start)).count() >= 2)
    };
    let first_eq = ops.iter().enumerate().position(anchor);
    let last_eq = ops.iter().enumerate().rposition(anchor);
    let (Some(first_eq), Some(last_eq)) = (first_eq, last_eq) else {
        return None;
    };
    let inner: Vec<_> = ops[first_eq..=last_eq]
        .iter()
        .filter(|o| o.tag != DiffTag::Equal)
        .filter(|o| !spelling_variant(o.a.slice(&pa.text), o.b.slice(&pb.text)))
        .filter(|o| !number_change(o.a.slice(&pa.text), o.b.slice(&pb.text)))
        .filter(|o| !marked_cut(o.a.slice(&pa.text)) && !marked_cut(o.b.slice(&pb.text)))
        .filter(|o| !trivial(o.a.slice(&pa.text), o.b.slice(&pb.text)))
        .filter(|o| !same_stems(stems, o.a.slice(&pa.text), o.b.slice(&pb.text)))
        .collect();
    let group = group_of(ctx, a.at()).or_else(|| group_of(ctx, b.at()));
    let who = |q: &Quote| q.speaker.clone().unwrap_or_else(|| "unattributed".into());
    let (ka, kb) = (a.speaker_key(stems), b.speaker_key(stems));
    let speakers_differ = a.named()
        && b.named()
        && a.direct
        && b.direct
        && !ka.is_empty()
        && !kb.is_empty()
        && !ka.iter().any(|w| kb.contains(w));
    let mention = |q: &Quote, span: Span| ctx.mention(q.source, q.paragraph, span);
    let named = a.named() || b.named();
    // "Xi quote reworded", or "Quote reworded" when no source names anyone.
    let speaker = match (&a.speaker, &b.speaker) {
        _ if a.named() => format!("{} quote", who(a)),
        _ if b.named() => format!("{} quote", who(b)),
        (Some(s), _) | (None, Some(s)) => format!("{s} quote"),
        (None, None) => "Quote".to_string(),
    };
    if speakers_differ {
        let summary = format!(
            "Quote attributed differently: {} to {} · {} to {} — “{}”",
            ctx.name(a.source),
            who(a),
            ctx.name(b.source),
            who(b),
            ellipsize(a.span.slice(&pa.text), 60)
        );
        return Some(finding(
            DiscrepancyKind::Quote,
            Some("different_speaker"),
            group,
            summary,
            0.9,
            vec![mention(a, a.span)?, mention(b, b.span)?],
        ));
    }
    if !inner.is_empty() {
        let op = inner[0];
        let ea = excerpt(&pa.text, a.span, op.a);
        let eb = excerpt(&pb.text, b.span, op.b);
        let summary = format!(
            "{speaker} reworded: {} “{}” · {} “{}”",
            ctx.name(a.source),
            ea,
            ctx.name(b.source),
            eb
        );
        let score = if named { 0.88 } else { 0.78 } + 0.02 * (inner.len().min(3) as f64);
        return Some(finding(
            DiscrepancyKind::Quote,
            Some("reworded"),
            group,
            summary,
            score,
            vec![mention(a, a.span)?, mention(b, b.span)?],
        ));
    }
    // Only the ends differ: one quotes more than the other. The cut matters
    // when the words next to the kept passage negate, condition or
    // contrast it ("not", "but only if").
    let side = |o: &crate::model::DiffOp| {
        if o.a.is_empty() {
            o.b.slice(&pb.text)
        } else {
            o.a.slice(&pa.text)
        }
    };
    let mut cut: Vec<&str> = Vec::new();
    for o in &ops[..first_eq] {
        let words: Vec<&str> = side(o).split_whitespace().collect();
        cut.extend(&words[words.len().saturating_sub(3)..]);
    }
    for o in &ops[last_eq + 1..] {
        cut.extend(side(o).split_whitespace().take(3));
    }
    let meaning = cut.iter().any(|w| {
        let w = w.to_lowercase();
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        MEANING_WORDS.contains(&w) || w.ends_with("n't") || w.ends_with("n’t")
    });
    if !meaning {
        return None;
    }
    let (short, long, ps, pl) = if a.words.len() < b.words.len() {
        (a, b, pa, pb)
    } else {
        (b, a, pb, pa)
    };
    let summary = format!(
        "{speaker} cut: {} “{}” · {} “{}”",
        ctx.name(short.source),
        ellipsize(short.span.slice(&ps.text), 50),
        ctx.name(long.source),
        ellipsize(long.span.slice(&pl.text), 70)
    );
    Some(finding(
        DiscrepancyKind::Quote,
        Some("truncated"),
        group,
        summary,
        0.8,
        vec![mention(short, short.span)?, mention(long, long.span)?],
    ))
}

/// The tokens a quotation diff works on: words, numbers, and ellipsis
/// marks ("…", ". . .", "...") kept as one token each so a marked cut lines
/// up against the words the other source kept.
fn diff_tokens(toks: Vec<Tok<'_>>) -> Vec<Tok<'_>> {
    let mut out: Vec<Tok<'_>> = Vec::new();
    for t in toks {
        let dot = t.is('.') || t.is('…');
        let first_dot = dot && !out.last().is_some_and(|l| l.is('.') || l.is('…'));
        if t.is_word() || t.kind == TokKind::Num || first_dot {
            out.push(t);
        }
    }
    out
}

/// A side of a diff op that is only an ellipsis mark: the source marked a
/// cut, which is not a rewording.
fn marked_cut(side: &str) -> bool {
    let t = side.trim();
    !t.is_empty() && t.chars().all(|c| c == '.' || c == '…' || c.is_whitespace())
}

/// The same words up to inflection ("agreement" / "agreements").
fn same_stems(stems: &Stems, a: &str, b: &str) -> bool {
    let st = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| stems.stem(w.trim_matches(|c: char| !c.is_alphanumeric())))
            .collect()
    };
    !a.trim().is_empty() && st(a) == st(b)
}

/// Inserting or dropping only "that", "the", "a": not a rewording.
fn trivial(a: &str, b: &str) -> bool {
    let only_filler = |s: &str| {
        s.split_whitespace()
            .all(|w| matches!(w.to_lowercase().as_str(), "that" | "the" | "a" | "an"))
    };
    (a.trim().is_empty() && only_filler(b)) || (b.trim().is_empty() && only_filler(a))
}

/// Words that qualify a number ("about three").
const NUMBER_HEDGES: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "roughly",
    "approximately",
    "more",
    "than",
    "over",
    "under",
    "at",
    "least",
    "up",
    "to",
    "less",
    "fewer",
    "just",
    "close",
];

/// A changed number, or a number hedge added or dropped: the number
/// detector's finding, not a rewording of the quotation.
fn number_change(a: &str, b: &str) -> bool {
    let hedge_only = |s: &str| {
        let mut words = s.split_whitespace().peekable();
        words.peek().is_some() && words.all(|w| NUMBER_HEDGES.contains(&w.to_lowercase().as_str()))
    };
    (numeric(a) && numeric(b))
        || (a.trim().is_empty() && hedge_only(b))
        || (b.trim().is_empty() && hedge_only(a))
}

/// True for a number written in digits or words.
fn numeric(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        || !super::quantity::recognize(
            s,
            Span::new(0, s.len()),
            super::quantity::Context { date: None },
        )
        .is_empty()
}

/// A few words of a quotation around a changed span.
fn excerpt(text: &str, quote: Span, changed: Span) -> String {
    let toks = tokenize_span(text, quote);
    let words: Vec<&Tok<'_>> = toks.iter().filter(|t| t.kind != TokKind::Punct).collect();
    let first = words
        .iter()
        .position(|t| t.end > changed.start)
        .unwrap_or(0);
    let last = words
        .iter()
        .rposition(|t| t.start < changed.end.max(changed.start + 1))
        .unwrap_or(first)
        .max(first);
    let from = first.saturating_sub(3);
    let to = (last + 2).min(words.len());
    if words.is_empty() {
        return String::new();
    }
    let start = words[from].start;
    let end = words[to - 1].end;
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.push_str(&text[start..end]);
    if to < words.len() {
        s.push('…');
    }
    s
}

/// Quotes that no other source carries as a quotation: `paraphrased` when
/// an aligned sentence of another source has its words, `exclusive` when
/// aligned sentences report the moment without them.
fn unmatched(
    ctx: &Ctx<'_>,
    index: &QuoteIndex,
    matched: &HashSet<(usize, SourceId)>,
) -> Vec<Discrepancy> {
    let pairs = ctx.pairs();
    let mut counterparts: HashMap<SentenceRef, Vec<SentenceRef>> = HashMap::new();
    for p in &pairs {
        counterparts.entry(p.a).or_default().push(p.b);
        counterparts.entry(p.b).or_default().push(p.a);
    }
    let mut out = Vec::new();
    for (i, q) in index.quotes.iter().enumerate() {
        if q.content.len() < 4 {
            continue;
        }
        let Some(others) = counterparts.get(&q.at()) else {
            out.extend(alone(ctx, index, q));
            continue;
        };
        let Some(pq) = ctx.paragraph(q.source, q.paragraph) else {
            continue;
        };
        let group = group_of(ctx, q.at());
        let mut paraphrases = Vec::new();
        let mut silent = Vec::new();
        let mut seen_sources = HashSet::new();
        for r in others {
            if matched.contains(&(i, r.source)) {
                continue;
            }
            let Some((_, span)) = ctx.sentence(*r) else {
                continue;
            };
            // The other sentence quotes some of the same words itself.
            let quotes_too = index
                .in_paragraph(r.source, r.paragraph)
                .any(|o| o.span.overlaps(&span) && overlap(q, o).1 >= 2);
            if quotes_too {
                continue;
            }
            let content = ctx.content(*r);
            let carried = q.content.iter().filter(|w| content.contains(w)).count() as f64
                / q.content.len() as f64;
            if carried >= 0.5 {
                if seen_sources.insert(r.source) {
                    paraphrases.push((r, span));
                }
            } else if !silent
                .iter()
                .any(|(s, _): &(SentenceRef, Span)| s.source == r.source)
            {
                silent.push((*r, span));
            }
        }
        let speaker = q.speaker.clone().unwrap_or_else(|| "unattributed".into());
        let quoted = ellipsize(q.span.slice(&pq.text), 70);
        let mut mentions = vec![];
        let (subkind, summary, score, list) = if !paraphrases.is_empty() {
            let names: Vec<&str> = paraphrases
                .iter()
                .map(|(r, _)| ctx.name(r.source))
                .collect();
            (
                "paraphrased",
                format!(
                    "{} quotes {speaker}, {} paraphrases: “{quoted}”",
                    ctx.name(q.source),
                    join_names(&names)
                ),
                // A rewrite paraphrasing its original is expected.
                if paraphrases
                    .iter()
                    .all(|(r, _)| ctx.rewrite_pair(q.source, r.source))
                {
                    0.36
                } else {
                    0.5
                },
                paraphrases
                    .iter()
                    .map(|(r, s)| (**r, *s))
                    .collect::<Vec<_>>(),
            )
        } else if q.named() && !silent.is_empty() && !matched.iter().any(|(x, _)| *x == i) {
            let names: Vec<&str> = silent.iter().map(|(r, _)| ctx.name(r.source)).collect();
            (
                "exclusive",
                format!(
                    "Only {} quotes {speaker} (not {}): “{quoted}”",
                    ctx.name(q.source),
                    join_names(&names)
                ),
                0.42,
                silent.clone(),
            )
        } else {
            continue;
        };
        let Some(m) = ctx.mention(q.source, q.paragraph, q.span) else {
            continue;
        };
        mentions.push(m);
        for (r, span) in list {
            if let Some(m) = ctx.mention(r.source, r.paragraph, span) {
                mentions.push(m);
            }
        }
        out.push(finding(
            DiscrepancyKind::Quote,
            Some(subkind),
            group,
            summary,
            score,
            mentions,
        ));
    }
    out
}

/// Words a quotation needs to be worth reporting as one source's alone.
const ALONE_MIN_WORDS: usize = 5;
/// Score of a quotation only one source carries: below every reworded or
/// misattributed quote (0.42 and up), above loaded wording.
const ALONE_SCORE: f64 = 0.3;

/// True when `text` has `word` as a whole word (not inside another word).
fn names_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A named speaker's quotation in a sentence no other source has a
/// counterpart for, when no other source quotes its words anywhere: "Only
/// Fox News quotes Schumer: “…”". A quotation the others paraphrase (their
/// text carries its content) is not reported here.
fn alone(ctx: &Ctx<'_>, index: &QuoteIndex, q: &Quote) -> Option<Discrepancy> {
    if !q.named() || q.content.len() < ALONE_MIN_WORDS {
        return None;
    }
    let quoted_elsewhere = index
        .quotes
        .iter()
        .any(|o| o.source != q.source && overlap(q, o).1 >= 3);
    let carried_elsewhere = ctx
        .sources
        .iter()
        .any(|o| o.id != q.source && ctx.carries(q.at(), o.id));
    if quoted_elsewhere || carried_elsewhere {
        return None;
    }
    let speaker = q.speaker.clone()?;
    // A main actor of the story: every other source names the speaker.
    let surname = speaker.split_whitespace().rev().find(|w| is_name_word(w))?;
    let named_by_all = ctx
        .sources
        .iter()
        .filter(|o| o.id != q.source)
        .all(|o| o.body().any(|p| names_word(&p.text, surname)));
    if !named_by_all {
        return None;
    }
    let pq = ctx.paragraph(q.source, q.paragraph)?;
    let quoted = ellipsize(q.span.slice(&pq.text), 70);
    let m = ctx.mention(q.source, q.paragraph, q.span)?;
    Some(finding(
        DiscrepancyKind::Quote,
        Some("exclusive"),
        group_of(ctx, q.at()),
        format!("Only {} quotes {speaker}: “{quoted}”", ctx.name(q.source)),
        ALONE_SCORE,
        vec![m],
    ))
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
