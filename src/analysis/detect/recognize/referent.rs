//! Referent matching: the same fact stated in sentences the alignment did
//! not put together.
//!
//! A quantity's *slot* is its unit class plus the head it measures
//! ("35-minute *meeting*", "five-and-a-half hours of *talks*", "*met* for
//! nearly six hours"), and the event's entities: the people and the
//! weekdays or months the sentence names, or, when it names none, those of
//! its paragraph and the preceding body paragraph. Two slots from different
//! sources describe the same fact when their heads agree (stemmed; meeting,
//! met and talks form one event family), they share a person or a day, and
//! nothing contradicts: different days, or each naming a person the other
//! lacks ("three-hour meeting with Wang" / "35-minute meeting with Xi").
//!
//! Framing labels get the same treatment (the label detector,
//! `detect/labels.rs`): one head noun of an open label set ("balloon",
//! "device"…) whose modifiers differ in loaded label words or hedges
//! ("alleged Chinese spy balloon" / "Chinese surveillance balloon") in
//! sentences of one event context.
//!
//! Slots are indexed by head, so the work grows with the number of
//! quantities sharing a head, not with the square of all sentences.

use std::collections::HashMap;

use std::cell::OnceCell;

use super::super::ctx::Ctx;
use super::quantity::{Quantity, UnitClass, months, weekdays};
use crate::model::{SentenceRef, Span};
use crate::text::lexicon::Lexicon;
use crate::text::lexicon::{Words, contains, words};
use crate::text::{Stems, Tok, is_name_word, is_stop, lowercase};

/// Heads of one event family: a meeting, talks, negotiations.
const EVENT_FAMILY: &[&str] = &["meet", "met", "talk", "negoti", "discuss", "session"];

/// The people and days of an event, as lowercased name words and
/// weekday/month indices (months offset by 7).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Entities {
    pub(crate) persons: Vec<String>,
    pub(crate) days: Vec<usize>,
}

impl Entities {
    /// How strongly two event contexts agree: shared persons and days;
    /// `None` when they contradict (different days, or different people on
    /// both sides) or share nothing.
    pub(crate) fn agreement(&self, other: &Entities) -> Option<f64> {
        if !self.days.is_empty()
            && !other.days.is_empty()
            && !self.days.iter().any(|d| other.days.contains(d))
        {
            return None;
        }
        let only_a = self.persons.iter().any(|p| !other.persons.contains(p));
        let only_b = other.persons.iter().any(|p| !self.persons.contains(p));
        if only_a && only_b {
            return None;
        }
        let shared_persons = self
            .persons
            .iter()
            .filter(|p| other.persons.contains(p))
            .count();
        let shared_days = self.days.iter().filter(|d| other.days.contains(d)).count();
        (shared_persons + shared_days > 0).then_some(shared_persons as f64 + shared_days as f64)
    }
}

/// Event contexts of the sources' sentences, with a gazetteer of person
/// names built from the whole document set (name runs after a title or
/// before a speech verb: "Foreign Minister Qin Gang", "Mr Xi", "Blinken
/// said").
pub(crate) struct Events<'c, 'a> {
    ctx: &'c Ctx<'a>,
    /// Person key by lowercased name word, gathered over every body
    /// sentence on first use.
    persons: OnceCell<HashMap<String, String>>,
}

/// Person keys by lowercased name word over every body sentence.
fn gazetteer(ctx: &Ctx<'_>) -> HashMap<String, String> {
    let mut runs = Vec::new();
    for r in ctx.body_sentences() {
        collect_persons(ctx.tokens(r), &mut runs);
    }
    person_keys(&runs)
}

impl<'c, 'a> Events<'c, 'a> {
    /// Event contexts over the document set's person gazetteer (built on
    /// first use, once for every detector that shares these `Events`).
    pub(crate) fn new(ctx: &'c Ctx<'a>) -> Self {
        Events {
            ctx,
            persons: OnceCell::new(),
        }
    }

    fn persons(&self) -> &HashMap<String, String> {
        self.persons.get_or_init(|| gazetteer(self.ctx))
    }

    /// The entities of one sentence.
    fn own(&self, r: SentenceRef) -> Entities {
        let mut e = Entities::default();
        let capitalized = |t: &&Tok<'_>| t.is_word() && t.text.starts_with(char::is_uppercase);
        for t in self.ctx.tokens(r).iter().filter(capitalized) {
            let w = name_key(t.text);
            if let Some(d) = weekdays().iter().position(|x| *x == w) {
                push_unique(&mut e.days, d);
            } else if let Some(m) = months().iter().position(|x| *x == w) {
                if t.text.starts_with(char::is_uppercase) && w != "may" {
                    push_unique(&mut e.days, 7 + m);
                }
            } else if let Some(key) = self.persons().get(&w).filter(|_| is_name_word(t.text)) {
                push_unique(&mut e.persons, key.clone());
            }
        }
        e
    }

    /// The entities of a sentence's event: its own, with people and days
    /// it lacks taken from its paragraph and the preceding body paragraph.
    pub(crate) fn of(&self, r: SentenceRef) -> Entities {
        let mut e = self.own(r);
        if !e.persons.is_empty() && !e.days.is_empty() {
            return e;
        }
        let mut around = Entities::default();
        for other in self.neighbours(r) {
            let o = self.own(other);
            for p in o.persons {
                push_unique(&mut around.persons, p);
            }
            for d in o.days {
                push_unique(&mut around.days, d);
            }
        }
        if e.persons.is_empty() {
            e.persons = around.persons;
        }
        if e.days.is_empty() {
            e.days = around.days;
        }
        e
    }

    /// The other sentences of `r`'s paragraph and those of the preceding
    /// body paragraph.
    fn neighbours(&self, r: SentenceRef) -> Vec<SentenceRef> {
        let Some(source) = self.ctx.sources.get(r.source.0) else {
            return Vec::new();
        };
        let previous = source
            .body()
            .take_while(|p| p.index < r.paragraph)
            .last()
            .map(|p| (p.index, p.sentences.len()));
        let own = self
            .ctx
            .paragraph(r.source, r.paragraph)
            .map(|p| (p.index, p.sentences.len()));
        let mut out = Vec::new();
        for (paragraph, n) in previous.into_iter().chain(own) {
            for sentence in (0..n).filter(|s| paragraph != r.paragraph || *s != r.sentence) {
                out.push(SentenceRef {
                    source: r.source,
                    paragraph,
                    sentence,
                });
            }
        }
        out
    }
}

pub(crate) fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Lowercased name word without a possessive ending ("Blinken’s" → blinken).
fn name_key(word: &str) -> String {
    let w = word.to_lowercase();
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .map_or(w.clone(), str::to_string)
}

/// Capitalized words that name institutions, not people, even before a
/// speech verb ("the State Department said").
const INSTITUTIONS: &[&str] = &[
    "department",
    "ministry",
    "office",
    "house",
    "government",
    "agency",
    "council",
    "committee",
    "administration",
    "party",
    "times",
    "news",
    "media",
    "police",
    "court",
    "embassy",
    "army",
    "bank",
    "state",
    "foreign",
    "centre",
    "center",
    "institute",
    "university",
    "foundation",
    "school",
    "college",
    "tv",
    "group",
    "company",
];

/// Adds the person-like name runs of one sentence: after a title
/// ("President Xi Jinping", "Mr Blinken"), or a first-and-last name right
/// before a speech verb ("Jane Smith said").
fn collect_persons(toks: &[Tok<'_>], out: &mut Vec<Vec<String>>) {
    let is_person_word =
        |t: &Tok<'_>| is_name_word(t.text) && !INSTITUTIONS.contains(&name_key(t.text).as_str());
    let is_title = |t: &Tok<'_>| {
        words(Words::RoleTitles)
            .iter()
            .chain(&["minister", "diplomat"])
            .any(|x| x.eq_ignore_ascii_case(t.text))
    };
    for (i, t) in toks.iter().enumerate() {
        if !t.is_word() || !is_title(t) {
            continue;
        }
        // The name run after the title (and any further titles), up to the
        // first word or mark that is not part of a name.
        let run: Vec<String> = toks[i + 1..]
            .iter()
            .skip_while(|n| n.is_word() && is_title(n))
            .take(3)
            .take_while(|n| n.is_word() && is_name_word(n.text))
            .map(|n| name_key(n.text))
            .collect();
        if !run.is_empty() && !run.iter().any(|w| INSTITUTIONS.contains(&w.as_str())) {
            out.push(run);
        }
    }
    // "Jane Smith said": two name words right before the verb, with no
    // punctuation between ("…at Oxford University’s China Centre, told").
    for (j, t) in toks.iter().enumerate().skip(2) {
        if contains(Words::SpeechVerbs, &lowercase(t.text)) {
            let run = [&toks[j - 2], &toks[j - 1]];
            if run.iter().all(|n| n.is_word() && is_person_word(n)) {
                out.push(run.iter().map(|n| name_key(n.text)).collect());
            }
        }
    }
}

/// Person keys by name word: each word maps to the longest run it appears
/// in ("qin" → "qin gang"), so "Qin" and "Qin Gang" are one person.
fn person_keys(runs: &[Vec<String>]) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for run in runs {
        let key = run.join(" ");
        for w in run {
            let e = out.entry(w.clone()).or_insert_with(|| key.clone());
            if key.len() > e.len() {
                *e = key.clone();
            }
        }
    }
    out
}

/// The head a quantity measures: the noun it counts or modifies ("35-minute
/// meeting", "hours of talks"), else the verb it measures ("met for nearly
/// six hours"), stemmed; event-family heads share one key.
pub(crate) fn head(ctx: &Ctx<'_>, stems: &Stems, r: SentenceRef, q: &Quantity) -> Option<String> {
    if matches!(q.class, UnitClass::Time(_)) {
        return None;
    }
    if q.class == UnitClass::Count && q.value < 3.0 {
        // "the two sides", "one China": set phrases more than counts.
        return None;
    }
    let noun = match &q.noun {
        Some(n) => n.clone(),
        None if q.class == UnitClass::Duration => measured_verb(ctx, stems, r, q.span)?,
        None => return None,
    };
    let stem = stems.stem(&noun.to_lowercase());
    if stem.is_empty() || noun == "age" {
        return None;
    }
    Some(family(&stem))
}

/// The verb a duration measures ("met … for nearly six hours"): the
/// nearest event-family word earlier in the clause, else the word right
/// before "for" when it is a plain lowercase content word ("waited for").
fn measured_verb(ctx: &Ctx<'_>, stems: &Stems, r: SentenceRef, span: Span) -> Option<String> {
    let toks = ctx.tokens(r);
    let before = toks.iter().rposition(|t| t.end <= span.start)?;
    if !toks[before].text.eq_ignore_ascii_case("for") {
        return None;
    }
    let clause = toks[..before]
        .iter()
        .rev()
        .take_while(|t| t.is_word() || t.is('’') || t.is('\''));
    for t in clause {
        if EVENT_FAMILY.contains(&stems.stem(&t.text.to_lowercase()).as_str()) {
            return Some(t.text.to_lowercase());
        }
    }
    let prev = toks[..before].last()?;
    (prev.is_word() && !is_stop(prev.text) && prev.text.starts_with(char::is_lowercase))
        .then(|| prev.text.to_lowercase())
}

/// One key for the event family (meeting, met, talks, negotiations).
fn family(stem: &str) -> String {
    if EVENT_FAMILY.contains(&stem) {
        "meet".to_string()
    } else {
        stem.to_string()
    }
}

/// A framing label slot: an open-set head noun ("balloon") and the loaded
/// label words and hedges right before it.
#[derive(Debug, Clone)]
pub(crate) struct LabelSlot {
    pub(crate) at: SentenceRef,
    /// The head word, lowercased.
    pub(crate) head: String,
    /// Span from the first modifier kept to the head.
    pub(crate) span: Span,
    /// Lowercased label-set members and hedges before the head.
    pub(crate) modifiers: Vec<String>,
}

/// The label slots of a sentence: every head noun of an open label set,
/// with the label words and hedges among the three words before it (text
/// inside quotations is skipped by the caller).
pub(crate) fn label_slots(lex: &Lexicon, r: SentenceRef, toks: &[Tok<'_>]) -> Vec<LabelSlot> {
    let words: Vec<&Tok<'_>> = toks.iter().filter(|t| t.is_word()).collect();
    let mut out = Vec::new();
    for (i, t) in words.iter().enumerate() {
        if i == 0 || t.text.len() < 3 {
            continue;
        }
        let head = lowercase(t.text);
        if !lex
            .label_sets(&head)
            .iter()
            .any(|s| lex.label_open.get(*s).copied().unwrap_or(false))
        {
            continue;
        }
        let mut start = t.start;
        let mut modifiers = Vec::new();
        for m in words[i.saturating_sub(3)..i].iter().rev() {
            let w = m.text.to_lowercase();
            let listed = lex.is_hedge(&w) || !lex.label_sets(&w).is_empty();
            if listed {
                modifiers.push(w);
                start = m.start;
            } else if !is_name_word(m.text) {
                break;
            } else {
                start = m.start;
            }
        }
        modifiers.reverse();
        if modifiers.is_empty() {
            continue;
        }
        out.push(LabelSlot {
            at: r,
            head: head.into_owned(),
            span: Span { start, end: t.end },
            modifiers,
        });
    }
    out
}

/// True when two label slots name their referent differently: different
/// members of one (closed) label set, or a hedge on one side only.
pub(crate) fn labels_differ(lex: &Lexicon, a: &LabelSlot, b: &LabelSlot) -> bool {
    let hedges = |s: &LabelSlot| {
        s.modifiers
            .iter()
            .filter(|w| lex.is_hedge(w))
            .cloned()
            .collect::<Vec<_>>()
    };
    if hedges(a) != hedges(b) {
        return true;
    }
    a.modifiers.iter().any(|x| {
        lex.label_sets(x).iter().any(|set| {
            b.modifiers
                .iter()
                .any(|y| lex.label_sets(y).contains(set) && lex.labels_differ(*set, x, y))
        })
    })
}

/// Buckets items by key; the index that keeps referent matching linear in
/// the number of items sharing a key.
pub(crate) fn index<K: std::hash::Hash + Eq, T>(
    items: impl IntoIterator<Item = (K, T)>,
) -> HashMap<K, Vec<T>> {
    let mut out: HashMap<K, Vec<T>> = HashMap::new();
    for (k, t) in items {
        out.entry(k).or_default().push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(persons: &[&str], days: &[usize]) -> Entities {
        Entities {
            persons: persons.iter().map(|s| s.to_string()).collect(),
            days: days.to_vec(),
        }
    }

    #[test]
    fn entity_agreement() {
        // Same counterpart, same day.
        assert!(
            e(&["xi", "blinken"], &[0])
                .agreement(&e(&["xi"], &[0]))
                .is_some()
        );
        // Different counterparts on both sides.
        assert!(
            e(&["xi", "blinken"], &[0])
                .agreement(&e(&["wang", "blinken"], &[0]))
                .is_none()
        );
        // Different days.
        assert!(e(&["qin"], &[6]).agreement(&e(&["qin"], &[0])).is_none());
        // Nothing shared.
        assert!(e(&["qin"], &[]).agreement(&e(&[], &[0])).is_none());
    }

    #[test]
    fn persons_from_titles_and_speech() {
        let text = "Chinese Foreign Minister Qin Gang met Mr Blinken, Jane Smith said.";
        let toks = crate::text::segment(text);
        let mut runs = Vec::new();
        collect_persons(&toks, &mut runs);
        let keys = person_keys(&runs);
        assert_eq!(keys.get("qin").map(String::as_str), Some("qin gang"));
        assert_eq!(keys.get("blinken").map(String::as_str), Some("blinken"));
        assert!(keys.contains_key("smith"), "{keys:?}");
        assert!(!keys.contains_key("chinese"));
    }

    #[test]
    fn label_slots_and_differences() {
        let lex = Lexicon::get();
        let r = SentenceRef {
            source: crate::model::SourceId(0),
            paragraph: 0,
            sentence: 0,
        };
        let slot = |s: &str| {
            let toks = crate::text::segment(s);
            label_slots(lex, r, &toks).into_iter().next().expect(s)
        };
        let a = slot("after an alleged Chinese spy balloon flew over");
        let b = slot("the downing of a Chinese surveillance balloon over");
        let c = slot("after a Chinese spy balloon flew over");
        assert_eq!(a.head, "balloon");
        assert!(labels_differ(lex, &a, &b));
        assert!(labels_differ(lex, &a, &c), "hedge on one side");
        assert!(!labels_differ(
            lex,
            &c,
            &slot("when a Chinese spy balloon drifted")
        ));
    }
}
