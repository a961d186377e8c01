//! Planted-change evaluation: takes a real article, makes a copy with
//! known number, quote and framing changes (and with changes that must *not*
//! be reported: the same value written differently, a plain cut of a
//! quotation, a spelling variant, a neutral verb swap), aligns the two, runs
//! the detectors and scores per-kind precision and recall.
//!
//! The alignment is either the gold one (each sentence linked to its copy,
//! word diff by `similar`) or whatever aligner the caller passes, so the
//! same cases measure the detectors alone and the whole pipeline.

use parallax::analysis::detect::detect;
use parallax::analysis::detect::harness::link_sentences;
use parallax::analysis::detect::recognize::quantity::{
    Context, Hedge, Quantity, TimeGrain, UnitClass, recognize,
};
use parallax::analysis::detect::recognize::quotes::extract;
use parallax::ingest::{source_from_text, split_sentences};
use parallax::model::{
    Alignment, Discrepancy, DiscrepancyKind, Group, GroupId, Member, SentenceRef, Source, SourceId,
    Span, Subkind,
};
use parallax::text::lexicon::Lexicon;
use parallax::text::{
    Tok, TokKind, is_name_word, is_stop, segment as tokenize, segment_span as tokenize_span,
};

/// A small deterministic generator (SplitMix64), so cases are reproducible
/// from a seed without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// What kind of change was planted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlantKind {
    Number,
    Quote,
    Framing,
}

impl PlantKind {
    pub fn discrepancy_kind(self) -> DiscrepancyKind {
        match self {
            PlantKind::Number => DiscrepancyKind::Number,
            PlantKind::Quote => DiscrepancyKind::Quote,
            PlantKind::Framing => DiscrepancyKind::Framing,
        }
    }
}

/// One planted change in the copy.
#[derive(Debug, Clone)]
pub struct Planted {
    pub kind: PlantKind,
    /// True for a change that must be reported; false for a control that
    /// must not be (same meaning, different wording).
    pub conflict: bool,
    /// Paragraph of the copy.
    pub paragraph: usize,
    /// The sentence of the copy paragraph that holds the change.
    pub sentence: Span,
    /// A name for the operation, for failure messages.
    pub op: &'static str,
    /// The text the change put in.
    pub inserted: String,
}

/// An original, its planted copy, the gold alignment and what was planted.
#[derive(Debug, Clone)]
pub struct Case {
    pub sources: Vec<Source>,
    pub gold: Alignment,
    pub planted: Vec<Planted>,
}

/// One text edit: replace `range` of paragraph `paragraph` with `with`.
struct Edit {
    paragraph: usize,
    range: Span,
    with: String,
    kind: PlantKind,
    conflict: bool,
    op: &'static str,
}

/// Builds a case from an article (paragraphs separated by blank lines):
/// about `rate` of the paragraphs get one planted change each.
pub fn plant(article: &str, seed: u64, rate: f64) -> Case {
    let original = source_from_text(SourceId(0), "Original".into(), "original".into(), article);
    let mut rng = Rng::new(seed);
    let mut copy = original.clone();
    copy.id = SourceId(1);
    copy.name = "Copy".into();
    copy.origin = "copy".into();
    let planted = plant_into(&mut copy, &mut rng, rate, article, &|_| true);
    let sources = vec![original, copy];
    let gold = gold_alignment(&sources);
    Case {
        sources,
        gold,
        planted,
    }
}

/// Plants changes into the body paragraphs of `copy` for which `eligible`
/// holds: about `rate` of them get one number, quote or framing change (or
/// a control), and half of the others a neutral rewording. `pool` is text
/// to draw neutral replacement words from.
pub fn plant_into(
    copy: &mut Source,
    rng: &mut Rng,
    rate: f64,
    pool: &str,
    eligible: &dyn Fn(usize) -> bool,
) -> Vec<Planted> {
    let mut edits = Vec::new();
    for p in copy.body().filter(|p| eligible(p.index)) {
        if !rng.chance(rate) {
            // Unplanted paragraphs get neutral rewording half the time, so
            // precision is measured on changed sentences, not only on
            // identical ones.
            if rng.chance(0.5)
                && let Some((range, with, op)) = neutral_reword(rng, &p.text, pool)
            {
                edits.push(Edit {
                    paragraph: p.index,
                    range,
                    with,
                    kind: PlantKind::Framing,
                    conflict: false,
                    op,
                });
            }
            continue;
        }
        let kinds = [PlantKind::Number, PlantKind::Quote, PlantKind::Framing];
        let first = rng.below(3);
        for k in 0..3 {
            let kind = kinds[(first + k) % 3];
            let conflict = rng.chance(0.7);
            let edit = match kind {
                PlantKind::Number => number_edit(rng, &p.text, conflict),
                PlantKind::Quote => quote_edit(rng, &p.text, conflict),
                PlantKind::Framing => framing_edit(rng, &p.text, conflict),
            };
            if let Some((range, with, op)) = edit {
                edits.push(Edit {
                    paragraph: p.index,
                    range,
                    with,
                    kind,
                    conflict,
                    op,
                });
                break;
            }
        }
    }
    let mut planted = Vec::new();
    for e in &edits {
        let p = &mut copy.paragraphs[e.paragraph];
        p.text.replace_range(e.range.start..e.range.end, &e.with);
        p.sentences = split_sentences(&p.text);
        let at = e.range.start;
        let sentence = p
            .sentences
            .iter()
            .copied()
            .find(|s| s.end >= at)
            .unwrap_or(Span::new(0, p.text.len()));
        planted.push(Planted {
            kind: e.kind,
            conflict: e.conflict,
            paragraph: e.paragraph,
            sentence,
            op: e.op,
            inserted: e.with.clone(),
        });
    }
    planted
}

/// A case built on the alignment engineer's rewrite generator: the copy
/// has paragraphs dropped, split, merged and reordered and paragraphs of
/// unrelated articles inserted (no sentence rewording, so every wording
/// difference is a planted one), then planted changes in the paragraphs
/// that come from the article. The gold alignment is empty: use a real
/// aligner.
pub fn plant_synth(article: &str, unrelated: &[&str], seed: u64, rate: f64) -> Case {
    use crate::synth::{Article, SynthConfig, rewrite};
    let original = Article::from_text("original", article);
    let others: Vec<Article> = unrelated
        .iter()
        .enumerate()
        .map(|(i, t)| Article::from_text(&format!("unrelated{i}"), t))
        .collect();
    let config = SynthConfig {
        seed,
        reword: 0.0,
        foreign: 2,
        ..SynthConfig::default()
    };
    let synthetic = rewrite(&original, &others, &config);
    let mut copy = synthetic.to_source(1, "Copy");
    let from_article: Vec<bool> = synthetic
        .paragraphs
        .iter()
        .map(|p| p.iter().all(|s| s.origin.article == "original"))
        .collect();
    let mut rng = Rng::new(seed);
    let planted = plant_into(&mut copy, &mut rng, rate, article, &|i| {
        from_article.get(i).copied().unwrap_or(false)
    });
    Case {
        sources: vec![original.to_synthetic().to_source(0, "Original"), copy],
        gold: Alignment::default(),
        planted,
    }
}

/// Links each sentence of the original to the same sentence of the copy,
/// one group per paragraph, with word diffs.
pub fn gold_alignment(sources: &[Source]) -> Alignment {
    let (a, b) = (&sources[0], &sources[1]);
    let mut groups = Vec::new();
    for (pa, pb) in a.paragraphs.iter().zip(&b.paragraphs) {
        if !pa.kind.is_body() {
            continue;
        }
        let n = pa.sentences.len().min(pb.sentences.len());
        let at = |source: SourceId, sentence| SentenceRef {
            source,
            paragraph: pa.index,
            sentence,
        };
        let links = (0..n)
            .map(|s| link_sentences(sources, at(a.id, s), at(b.id, s)))
            .collect();
        groups.push(Group {
            id: GroupId(groups.len()),
            label: String::new(),
            score: 1.0,
            members: vec![
                Member {
                    source: a.id,
                    paragraph: pa.index,
                    sentences: (0..pa.sentences.len()).collect(),
                },
                Member {
                    source: b.id,
                    paragraph: pb.index,
                    sentences: (0..pb.sentences.len()).collect(),
                },
            ],
            links,
        });
    }
    Alignment {
        sub_events: Vec::new(),
        groups,
        relations: Vec::new(),
    }
}

// ---------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------

type EditSpec = (Span, String, &'static str);

const NUMBER_WORDS: [&str; 13] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

/// True when `span` lies inside a quotation of `text`.
fn in_quote(text: &str, span: Span) -> bool {
    extract(text)
        .iter()
        .any(|(q, _)| q.start <= span.start && span.end <= q.end)
}

/// Changes a number: to a conflicting value, or (control) to the same value
/// written differently.
fn number_edit(rng: &mut Rng, text: &str, conflict: bool) -> Option<EditSpec> {
    let ctx = Context {
        date: chrono::NaiveDate::from_ymd_opt(2019, 11, 20),
    };
    let qs: Vec<Quantity> = recognize(text, Span::new(0, text.len()), ctx)
        .into_iter()
        .filter(|q| matches!(q.hedge, Hedge::Exact | Hedge::About | Hedge::Nearly))
        .filter(|q| !matches!(q.class, UnitClass::Time(TimeGrain::Day | TimeGrain::Month)))
        .collect();
    let q = rng.pick(&qs)?.clone();
    let toks = tokenize_span(text, q.span);
    let num = toks
        .iter()
        .find(|t| t.kind == TokKind::Num || NUMBER_WORDS.contains(&t.lower().as_str()))?;
    if conflict {
        let new = conflicting(rng, num, &q)?;
        Some((num.span(), new, "number conflict"))
    } else {
        same_value(rng, text, num, &q)
    }
}

fn conflicting(rng: &mut Rng, num: &Tok<'_>, q: &Quantity) -> Option<String> {
    if num.kind == TokKind::Word {
        let v = NUMBER_WORDS.iter().position(|w| *w == num.lower())?;
        let choices: Vec<usize> = (2..=12)
            .filter(|x| (*x as f64) > v as f64 * 1.5 + 0.5 || (*x as f64) < v as f64 / 1.5 - 0.5)
            .collect();
        let new = NUMBER_WORDS[*rng.pick(&choices)?];
        let mut s = new.to_string();
        if num.text.chars().next().is_some_and(char::is_uppercase) {
            s = capitalize(&s);
        }
        return Some(s);
    }
    let digits: String = num
        .text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    if digits.len() != num.text.len() {
        return None;
    }
    let v: f64 = digits.replace(',', "").parse().ok()?;
    if matches!(q.class, UnitClass::Time(_)) {
        let delta = [3.0, 4.0, -3.0, -5.0][rng.below(4)];
        return Some(format!("{}", v + delta));
    }
    let factor = [2.0, 3.0, 0.4][rng.below(3)];
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
    let mut new = v * factor;
    if new == v || v == 0.0 {
        new = v + 7.0;
    }
    let s = format!("{new:.decimals$}");
    Some(if digits.contains(',') {
        group_thousands(&s)
    } else {
        s
    })
}

fn group_thousands(s: &str) -> String {
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// The same value written differently: digits to words, or a hedge that
/// still contains the value.
fn same_value(rng: &mut Rng, text: &str, num: &Tok<'_>, q: &Quantity) -> Option<EditSpec> {
    if num.kind == TokKind::Num
        && let Ok(v) = num.text.parse::<usize>()
        && (2..=12).contains(&v)
        && rng.chance(0.5)
    {
        return Some((num.span(), NUMBER_WORDS[v].to_string(), "number as words"));
    }
    if q.hedge == Hedge::Exact
        && !matches!(q.class, UnitClass::Time(_))
        && q.span.start == num.start
        && !text[..q.span.start].trim_end().ends_with(['$', '£', '€'])
    {
        let at = Span::new(q.span.start, q.span.start);
        return Some((at, "about ".into(), "number hedged"));
    }
    None
}

/// Quote changes: a reworded inner word or a different speaker (conflicts);
/// a plain cut of the last words (control).
fn quote_edit(rng: &mut Rng, text: &str, conflict: bool) -> Option<EditSpec> {
    let quotes: Vec<Span> = extract(text)
        .into_iter()
        .map(|(s, _)| s)
        .filter(|s| {
            tokenize_span(text, *s)
                .iter()
                .filter(|t| t.is_word() && !is_stop(t.text))
                .count()
                >= 4
        })
        .collect();
    let q = *rng.pick(&quotes)?;
    let words: Vec<Tok<'_>> = tokenize_span(text, q)
        .into_iter()
        .filter(|t| t.kind != TokKind::Punct)
        .collect();
    if conflict {
        if rng.chance(0.3)
            && let Some(edit) = speaker_edit(rng, text, q)
        {
            return Some(edit);
        }
        // Reword an inner content word.
        let inner: Vec<&Tok<'_>> = words[1..words.len().saturating_sub(1)]
            .iter()
            .filter(|t| t.is_word() && !is_stop(t.text) && t.text.len() >= 3)
            .collect();
        let t = rng.pick(&inner)?;
        let subs = [
            "important",
            "serious",
            "difficult",
            "different",
            "simple",
            "real",
        ];
        let new = subs
            .iter()
            .find(|s| **s != t.lower() && rng.chance(0.5))
            .unwrap_or(&"genuine");
        Some((t.span(), (*new).to_string(), "quote reworded"))
    } else {
        // A plain cut: drop the last two words (no negation among them).
        if words.len() < 7 {
            return None;
        }
        let cut = &words[words.len() - 2..];
        if cut.iter().any(|t| {
            let w = t.lower();
            matches!(
                w.as_str(),
                "not" | "no" | "never" | "but" | "if" | "only" | "unless"
            ) || w.contains("n't")
                || w.contains("n’t")
        }) {
            return None;
        }
        let from = words[words.len() - 3].end;
        Some((Span::new(from, q.end), String::new(), "quote cut"))
    }
}

/// Replaces the named speaker of a quotation (the run of name words right
/// before or after a speech verb next to it) with another name.
fn speaker_edit(rng: &mut Rng, text: &str, quote: Span) -> Option<EditSpec> {
    let toks = tokenize(text);
    let verbs = ["said", "says", "told", "added"];
    let mut runs: Vec<Span> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !verbs.contains(&t.lower().as_str())
            || t.start.abs_diff(quote.end) > 40 && t.end.abs_diff(quote.start) > 40
        {
            continue;
        }
        // Name words right after the verb, or right before it.
        // After "told" comes the listener, not the speaker.
        let after: Vec<&Tok<'_>> = toks[i + 1..]
            .iter()
            .take_while(|n| is_name_word(n.text) && t.lower() != "told")
            .collect();
        let before: Vec<&Tok<'_>> = toks[..i]
            .iter()
            .rev()
            .take_while(|n| is_name_word(n.text))
            .collect();
        for run in [after, before] {
            if let (Some(first), Some(last)) = (
                run.iter().map(|t| t.start).min(),
                run.iter().map(|t| t.end).max(),
            ) && !quote.contains(first)
            {
                runs.push(Span::new(first, last));
            }
        }
    }
    let span = *rng.pick(&runs)?;
    let others = ["Hargreaves", "Okonkwo", "Lindqvist", "Ferreira"];
    Some((span, (*rng.pick(&others)?).to_string(), "quote speaker"))
}

/// Replaces a content word outside quotations, numbers and the lexicons
/// with another content word of the article: a change of wording that is
/// no discrepancy of any kind.
fn neutral_reword(rng: &mut Rng, text: &str, article: &str) -> Option<EditSpec> {
    let lex = Lexicon::get();
    let plain = |t: &Tok<'_>| {
        let w = t.lower();
        t.is_word()
            && t.text.len() >= 4
            && t.text.chars().all(char::is_lowercase)
            && !is_stop(t.text)
            && lex.label_sets(&w).is_empty()
            && lex.strength(&w).is_none()
            && lex.report_category(&w).is_none()
            && !lex.is_hedge(&w)
            && recognize(t.text, Span::new(0, t.text.len()), Context { date: None }).is_empty()
    };
    let toks = tokenize(text);
    let targets: Vec<&Tok<'_>> = toks
        .iter()
        .filter(|t| plain(t) && !in_quote(text, t.span()))
        .collect();
    let target = rng.pick(&targets)?;
    let pool_toks = tokenize(article);
    let pool: Vec<&str> = pool_toks
        .iter()
        .filter(|t| plain(t) && t.lower() != target.lower())
        .map(|t| t.text)
        .collect();
    let with = rng.pick(&pool)?;
    Some((target.span(), (*with).to_string(), "neutral reword"))
}

/// Framing changes: a report verb of another stance, a hedge, a label of
/// the same set, an evaluative word of another strength (conflicts); a
/// spelling variant or a neutral verb swap (controls).
fn framing_edit(rng: &mut Rng, text: &str, conflict: bool) -> Option<EditSpec> {
    let lex = Lexicon::get();
    let toks = tokenize(text);
    let outside: Vec<&Tok<'_>> = toks
        .iter()
        .filter(|t| t.is_word() && !in_quote(text, t.span()))
        .collect();
    let said: Vec<&&Tok<'_>> = outside
        .iter()
        .filter(|t| matches!(t.lower().as_str(), "said" | "says"))
        .collect();
    if !conflict {
        if let Some(t) = rng.pick(&said) {
            let new = if t.lower() == "said" {
                "stated"
            } else {
                "states"
            };
            return Some((t.span(), new.into(), "neutral verb"));
        }
        let spelled: Vec<&&Tok<'_>> = outside
            .iter()
            .filter(|t| {
                t.text.ends_with("ize") || t.text.ends_with("ized") || t.text.ends_with("izing")
            })
            .collect();
        let t = rng.pick(&spelled)?;
        return Some((t.span(), t.text.replacen("iz", "is", 1), "spelling variant"));
    }
    let mut options: Vec<EditSpec> = Vec::new();
    if let Some(t) = rng.pick(&said) {
        let new = if t.lower() == "said" {
            ["claimed", "insisted", "admitted", "hinted", "declared"][rng.below(5)]
        } else {
            ["claims", "insists", "admits", "hints"][rng.below(4)]
        };
        options.push((t.span(), new.into(), "attribution verb"));
    }
    for t in &outside {
        let sets = lex.label_sets(t.text);
        if let Some(&set) = sets.first()
            && t.text.chars().all(|c| c.is_lowercase())
        {
            let members: Vec<&String> = lex.labels[set]
                .iter()
                .filter(|m| lex.labels_differ(set, &t.lower(), m) && !m.contains(' '))
                .collect();
            if let Some(m) = rng.pick(&members) {
                options.push((t.span(), (*m).clone(), "label"));
                break;
            }
        }
    }
    for t in &outside {
        if let Some(s) = lex.strength(t.text) {
            let alts: Vec<&(String, i32)> = lex
                .evaluative
                .iter()
                .filter(|(_, v)| (v - s).abs() >= 2)
                .collect();
            if let Some((w, _)) = rng.pick(&alts) {
                options.push((t.span(), w.clone(), "evaluative"));
                break;
            }
        }
    }
    // A hedge or an evaluative adjective before a noun after "the".
    let the: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            t.lower() == "the"
                && toks.get(i + 1).is_some_and(|n| {
                    n.is_word() && !is_stop(n.text) && n.text.chars().all(char::is_lowercase)
                })
                && !in_quote(text, t.span())
        })
        .map(|(i, _)| i)
        .collect();
    if let Some(&i) = rng.pick(&the) {
        let at = toks[i + 1].start;
        let word = ["alleged ", "so-called ", "apparent "][rng.below(3)];
        options.push((Span::new(at, at), word.into(), "hedge"));
    }
    rng.pick(&options).cloned()
}

// ---------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------

/// Per-kind counts over cases.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Planted conflicts that were reported.
    pub found: usize,
    /// Planted conflicts.
    pub planted: usize,
    /// Reported discrepancies of the kind.
    pub reported: usize,
    /// Reported discrepancies that match a planted conflict.
    pub correct: usize,
}

impl Counts {
    pub fn recall(&self) -> f64 {
        if self.planted == 0 {
            1.0
        } else {
            self.found as f64 / self.planted as f64
        }
    }
    pub fn precision(&self) -> f64 {
        if self.reported == 0 {
            1.0
        } else {
            self.correct as f64 / self.reported as f64
        }
    }
}

/// Scores of a run.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub number: Counts,
    pub quote: Counts,
    pub framing: Counts,
    /// Discrepancies with a mention in a sentence that was not changed.
    pub on_identical: usize,
    /// Descriptions of misses and false alarms, for debugging.
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
}

impl Scores {
    pub fn counts_mut(&mut self, kind: PlantKind) -> &mut Counts {
        match kind {
            PlantKind::Number => &mut self.number,
            PlantKind::Quote => &mut self.quote,
            PlantKind::Framing => &mut self.framing,
        }
    }
}

/// The planted kind a finding answers; `None` for what no plant makes:
/// omissions, and findings about one source alone (loaded wording, a
/// quotation the copy cut with its paragraph), which are not a difference
/// planted between the original and the copy.
fn kind_of(d: &Discrepancy) -> Option<PlantKind> {
    let first = d.mentions.first().map(|m| m.source);
    if d.mentions.iter().all(|m| Some(m.source) == first) {
        return None;
    }
    match d.kind {
        DiscrepancyKind::Number => Some(PlantKind::Number),
        DiscrepancyKind::Quote => Some(PlantKind::Quote),
        DiscrepancyKind::Framing => Some(PlantKind::Framing),
        DiscrepancyKind::Omission => None,
    }
}

/// Adds the result of one case to `scores`.
pub fn score_case(case: &Case, found: &[Discrepancy], scores: &mut Scores) {
    let copy = SourceId(1);
    // A changed speaker also changes the speaker of the later quotes that
    // the copy attributes to them (pronouns, continued quotes).
    let touches = |d: &Discrepancy, p: &Planted| {
        let speaker_consequence = p.op == "quote speaker"
            && d.subkind == Some(Subkind::DifferentSpeaker)
            && d.summary.contains(&p.inserted);
        speaker_consequence
            || d.mentions.iter().any(|m| {
                m.source == copy && m.paragraph == p.paragraph && p.sentence.overlaps(&m.span())
            })
    };
    for p in case.planted.iter().filter(|p| p.conflict) {
        let c = scores.counts_mut(p.kind);
        c.planted += 1;
        if found
            .iter()
            .any(|d| kind_of(d) == Some(p.kind) && touches(d, p))
        {
            c.found += 1;
        } else {
            let text = &case.sources[1].paragraphs[p.paragraph].text;
            scores
                .misses
                .push(format!("{:?} {}: {}", p.kind, p.op, p.sentence.slice(text)));
        }
    }
    for d in found {
        let Some(kind) = kind_of(d) else { continue };
        let c = scores.counts_mut(kind);
        c.reported += 1;
        if case
            .planted
            .iter()
            .any(|p| p.conflict && p.kind == kind && touches(d, p))
        {
            c.correct += 1;
        } else {
            scores
                .false_alarms
                .push(format!("{:?} {:?}: {}", kind, d.subkind, d.summary));
        }
        let on_changed = case.planted.iter().any(|p| touches(d, p));
        if !on_changed {
            scores.on_identical += 1;
        }
    }
}

/// An alignment function (such as `analysis::align::align`).
pub type Aligner<'f> = &'f dyn Fn(&[Source]) -> Alignment;

/// Runs a real aligner and the detectors on synth-based planted copies
/// (see [`plant_synth`]); each article gets two other articles as the
/// unrelated paragraphs.
pub fn evaluate_synth(
    articles: &[String],
    seeds: std::ops::Range<u64>,
    align: Aligner<'_>,
) -> Scores {
    let mut scores = Scores::default();
    for (i, article) in articles.iter().enumerate() {
        let unrelated: Vec<&str> = (1..=2)
            .map(|k| articles[(i + k) % articles.len()].as_str())
            .collect();
        for seed in seeds.clone() {
            let case = plant_synth(article, &unrelated, seed * 1000 + i as u64, 0.5);
            let alignment = align(&case.sources);
            let found = detect(&case.sources, &alignment);
            score_case(&case, &found, &mut scores);
        }
    }
    scores
}

/// A case whose planted number and framing changes (and their controls)
/// sit in sentences the alignment does not link: each such sentence of the
/// copy also gets a neutral rewording elsewhere in it, and the gold
/// alignment drops it and its original counterpart (no link, no group), as
/// when an aligner misses a pair of sentences that state the same fact.
/// Quote plants stay linked.
pub fn plant_unlinked(article: &str, seed: u64, rate: f64) -> Case {
    let mut case = plant(article, seed, rate);
    let mut rng = Rng::new(seed ^ 0x5EED);
    for p in case
        .planted
        .iter_mut()
        .filter(|p| p.kind != PlantKind::Quote)
    {
        reword_around(&mut case.sources[1], p, &mut rng, article);
    }
    let mut gold = gold_alignment(&case.sources);
    for p in case.planted.iter().filter(|p| p.kind != PlantKind::Quote) {
        let copy = &case.sources[1].paragraphs[p.paragraph];
        let Some(sentence) = copy.sentences.iter().position(|s| s.overlaps(&p.sentence)) else {
            continue;
        };
        for g in &mut gold.groups {
            g.links.retain(|l| {
                !(l.a.paragraph == p.paragraph && l.a.sentence == sentence
                    || l.b.paragraph == p.paragraph && l.b.sentence == sentence)
            });
            for m in &mut g.members {
                if m.paragraph == p.paragraph {
                    m.sentences.retain(|s| *s != sentence);
                }
            }
            g.members.retain(|m| !m.sentences.is_empty());
        }
    }
    gold.groups.retain(|g| g.members.len() >= 2);
    case.gold = gold;
    case
}

/// Rewords one plain word of a planted sentence outside the planted text,
/// and updates the recorded sentence span.
fn reword_around(copy: &mut Source, p: &mut Planted, rng: &mut Rng, pool: &str) {
    let para = &mut copy.paragraphs[p.paragraph];
    let sentence = p.sentence;
    let text = sentence.slice(&para.text).to_string();
    let Some(at) = text.find(&p.inserted) else {
        return;
    };
    let planted = Span::new(at, at + p.inserted.len());
    let Some((range, with, _)) = neutral_reword(rng, &text, pool) else {
        return;
    };
    let start = sentence.start + range.start;
    if range.overlaps(&planted)
        || range.end == planted.start
        || planted.end == range.start
        || in_quote(&para.text, Span::new(start, sentence.start + range.end))
    {
        return;
    }
    para.text
        .replace_range(start..sentence.start + range.end, &with);
    para.sentences = split_sentences(&para.text);
    let shift = |x: usize| {
        if x >= range.end {
            x + with.len() - range.len()
        } else {
            x
        }
    };
    let inserted_at = sentence.start + shift(planted.start);
    if let Some(s) = para
        .sentences
        .iter()
        .copied()
        .find(|s| s.start <= inserted_at && inserted_at < s.end)
    {
        p.sentence = s;
    }
}

/// Runs the detectors on [`plant_unlinked`] copies of every article with
/// their gold alignment (planted sentences left unlinked).
pub fn evaluate_unlinked(articles: &[String], seeds: std::ops::Range<u64>) -> Scores {
    let mut scores = Scores::default();
    for (i, article) in articles.iter().enumerate() {
        for seed in seeds.clone() {
            let case = plant_unlinked(article, seed * 1000 + i as u64, 0.5);
            let found = detect(&case.sources, &case.gold);
            score_case(&case, &found, &mut scores);
        }
    }
    scores
}

/// Runs the detectors on planted copies of every article, with the gold
/// alignment (`align = None`) or a given aligner.
pub fn evaluate(
    articles: &[String],
    seeds: std::ops::Range<u64>,
    align: Option<Aligner<'_>>,
) -> Scores {
    let mut scores = Scores::default();
    for (i, article) in articles.iter().enumerate() {
        for seed in seeds.clone() {
            let case = plant(article, seed * 1000 + i as u64, 0.5);
            let alignment = match align {
                Some(f) => f(&case.sources),
                None => case.gold.clone(),
            };
            let found = detect(&case.sources, &alignment);
            score_case(&case, &found, &mut scores);
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "The talks lasted 35 minutes, officials said.\n\n\
        “We have made real progress on many important fronts,” Blinken said after the meeting.\n\n\
        The ministry criticized the plan and said the balloon was a spy device.\n\n\
        Some 1,200 people attended the summit in 2018.";

    #[test]
    fn planting_is_deterministic_and_changes_only_what_it_records() {
        let a = plant(ARTICLE, 7, 1.0);
        let b = plant(ARTICLE, 7, 1.0);
        assert_eq!(a.sources[1].paragraphs, b.sources[1].paragraphs);
        assert!(!a.planted.is_empty());
        for (pa, pb) in a.sources[0].paragraphs.iter().zip(&a.sources[1].paragraphs) {
            let changed = pa.text != pb.text;
            let recorded = a.planted.iter().any(|p| p.paragraph == pa.index);
            assert_eq!(changed, recorded, "{} / {}", pa.text, pb.text);
        }
    }

    #[test]
    fn identical_copies_report_nothing() {
        let original = source_from_text(SourceId(0), "A".into(), "a".into(), ARTICLE);
        let mut copy = original.clone();
        copy.id = SourceId(1);
        let sources = vec![original, copy];
        let found = detect(&sources, &gold_alignment(&sources));
        assert!(
            found.iter().all(|d| d.kind == DiscrepancyKind::Omission),
            "{found:#?}"
        );
    }
}
