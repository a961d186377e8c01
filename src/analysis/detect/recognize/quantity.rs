//! Recognizes quantities in a sentence: digits with separators and decimals,
//! number words, fractions, scale words, money, percentages, durations
//! (also as hyphenated compounds), ranges, hedges that widen a value into an
//! interval, and dates (weekdays, weekends, months, years, "since 2018",
//! "five years ago") resolved against the article date.
//!
//! Every quantity is an interval `[lo, hi]` in a canonical unit for its class
//! (seconds for durations, days since the common era for points in time), so
//! two quantities are compatible exactly when their intervals overlap.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use rustc_hash::FxHashSet;

use crate::model::Span;
use crate::text::lexicon::{NumberRole, Words, contains, number_words, number_words_of, words};
use crate::text::tokens::vulgar_fraction;
use crate::text::{Tok, TokKind, is_stop, lowercase, segment_span};

/// Granularity of a point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeGrain {
    /// "19 June 2023", "Monday".
    Day,
    /// "June 2023".
    Month,
    /// "2023".
    Year,
}

/// What a quantity measures; only quantities of the same class compare.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UnitClass {
    /// Elapsed time, canonical unit seconds.
    Duration,
    /// Money in a currency (ISO-like code, "USD").
    Money(String),
    /// Percentages and percentage points.
    Percent,
    /// A count of something (the counted noun's stem is in `Quantity::noun`).
    Count,
    /// A point in time, canonical unit days since the common era.
    Time(TimeGrain),
    /// A position in a series written as an ordinal in digits ("the 35th
    /// day of the strike", "its 22nd round"); the noun is in
    /// `Quantity::noun`, and only the same noun is compared.
    Ordinal,
}

/// How the text qualifies the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    /// No qualifier: "35 minutes".
    Exact,
    /// "about", "around", "some", "roughly".
    About,
    /// "nearly", "almost", "close to".
    Nearly,
    /// "more than", "over".
    MoreThan,
    /// "at least".
    AtLeast,
    /// "up to".
    UpTo,
    /// "less than", "fewer than", "under".
    LessThan,
    /// "30 to 35", "30-35".
    Range,
    /// "dozens", "hundreds", "thousands".
    Vague,
}

/// One quantity found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte span in the paragraph, from the hedge to the unit.
    pub span: Span,
    /// What it measures.
    pub class: UnitClass,
    /// How the text qualifies it.
    pub hedge: Hedge,
    /// Lower bound in the canonical unit of the class (after the hedge).
    pub lo: f64,
    /// Upper bound, likewise.
    pub hi: f64,
    /// The value in the unit as written (30 for "30-minute").
    pub value: f64,
    /// Short unit as written ("min", "h", "%", "USD", the counted noun).
    pub unit: String,
    /// A compact rendering for summaries ("nearly 6 h").
    pub display: String,
    /// Stem of the noun the quantity counts or modifies ("meeting" in
    /// "35-minute meeting", "people" in "40 people").
    pub noun: Option<String>,
}

/// Plural vague amounts: "dozens of", "hundreds of".
const VAGUE: [(&str, f64, f64); 5] = [
    ("dozens", 24.0, 144.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2e3, 99_999.0),
    ("millions", 2e6, 999e6),
    ("billions", 2e9, 999e9),
];

/// (word, seconds, abbreviation) for duration units.
const DURATIONS: [(&str, f64, &str); 17] = [
    ("second", 1.0, "s"),
    ("sec", 1.0, "s"),
    ("minute", 60.0, "min"),
    ("min", 60.0, "min"),
    ("hour", 3600.0, "h"),
    ("hr", 3600.0, "h"),
    ("day", 86_400.0, "days"),
    ("night", 86_400.0, "nights"),
    ("week", 604_800.0, "weeks"),
    ("fortnight", 1_209_600.0, "weeks"),
    ("month", 2_629_800.0, "months"),
    ("year", 31_557_600.0, "years"),
    ("yr", 31_557_600.0, "years"),
    ("decade", 315_576_000.0, "years"),
    ("century", 3_155_760_000.0, "years"),
    ("centurie", 3_155_760_000.0, "years"),
    ("hour-long", 3600.0, "h"),
];

/// Currency words after a number, and their codes.
const CURRENCY_WORDS: [(&str, &str); 12] = [
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("yen", "JPY"),
    ("rupees", "INR"),
    ("won", "KRW"),
    ("roubles", "RUB"),
];

/// Dollars named by their country ("Australian dollars") and their codes.
const QUALIFIED_DOLLARS: [(&str, &str); 5] = [
    ("australian", "AUD"),
    ("canadian", "CAD"),
    ("singapore", "SGD"),
    ("taiwan", "TWD"),
    ("zimbabwean", "ZWL"),
];

/// Month names, lowercase, January first.
pub(crate) fn months() -> &'static [&'static str] {
    words(Words::Months)
}

/// Weekday names, lowercase, Monday first.
pub(crate) fn weekdays() -> &'static [&'static str] {
    words(Words::Weekdays)
}

/// The value of a number word of one of `roles`.
fn number_word(word: &str, roles: &[NumberRole]) -> Option<f64> {
    number_words()
        .iter()
        .find(|n| n.word == word && roles.contains(&n.role))
        .map(|n| n.value)
}

fn currency_symbol(c: &str) -> Option<&'static str> {
    Some(match c {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "CNY",
        "₹" => "INR",
        _ => return None,
    })
}

fn currency_sign(code: &str) -> &str {
    match code {
        "USD" => "$",
        "GBP" => "£",
        "EUR" => "€",
        "CNY" | "JPY" => "¥",
        "INR" => "₹",
        other => other,
    }
}

/// Duration unit of a word (singular or plural), as (seconds, abbreviation).
fn duration_unit(word: &str) -> Option<(f64, &'static str)> {
    let w = word.to_lowercase();
    let singular = w
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| w.strip_suffix('s').map(str::to_string))
        .unwrap_or_else(|| w.clone());
    DURATIONS
        .iter()
        .find(|(u, _, _)| *u == w || *u == singular)
        .map(|(_, s, a)| (*s, *a))
}

/// A reference date for relative expressions, when the article has one.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The article's date ("Monday" and "last year" resolve against it).
    pub date: Option<NaiveDate>,
}

fn days(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// Hedge phrases, longest first, and the hedge they introduce.
const HEDGES: [(&[&str], Hedge); 27] = [
    (&["no", "more", "than"], Hedge::UpTo),
    (&["as", "many", "as"], Hedge::UpTo),
    (&["as", "much", "as"], Hedge::UpTo),
    (&["as", "few", "as"], Hedge::AtLeast),
    (&["more", "than"], Hedge::MoreThan),
    (&["at", "least"], Hedge::AtLeast),
    (&["up", "to"], Hedge::UpTo),
    (&["less", "than"], Hedge::LessThan),
    (&["fewer", "than"], Hedge::LessThan),
    (&["close", "to"], Hedge::Nearly),
    (&["just", "under"], Hedge::Nearly),
    (&["just", "shy", "of"], Hedge::Nearly),
    (&["just", "over"], Hedge::MoreThan),
    (&["upwards", "of"], Hedge::MoreThan),
    (&["an", "estimated"], Hedge::About),
    (&["nearly"], Hedge::Nearly),
    (&["almost"], Hedge::Nearly),
    (&["about"], Hedge::About),
    (&["around"], Hedge::About),
    (&["roughly"], Hedge::About),
    (&["approximately"], Hedge::About),
    (&["some"], Hedge::About),
    (&["estimated"], Hedge::About),
    (&["over"], Hedge::MoreThan),
    (&["under"], Hedge::LessThan),
    (&["exceeding"], Hedge::MoreThan),
    (&["below"], Hedge::LessThan),
];

/// The value part of a quantity before units.
#[derive(Debug, Clone, Copy)]
struct Core {
    value: f64,
    lo: f64,
    hi: f64,
    /// Index of the first token after the core.
    next: usize,
    vague: bool,
    /// Written with digits only, no separators, decimals or scale.
    plain_integer: bool,
}

struct Parser<'t, 'a> {
    toks: &'t [Tok<'a>],
    /// Lowercased token texts (borrowed when already lowercase).
    lower: Vec<Cow<'a, str>>,
}

impl<'t, 'a> Parser<'t, 'a> {
    fn new(toks: &'t [Tok<'a>]) -> Self {
        let lower = toks.iter().map(|t| lowercase(t.text)).collect();
        Parser { toks, lower }
    }

    fn word(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |w| w.as_ref())
    }

    /// Token `i` is a hyphen attached to both neighbours ("35-minute").
    fn is_joining_hyphen(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is('-'))
            && self.toks.get(i + 1).is_some_and(|t| !t.space_before)
            && !self.toks[i].space_before
    }

    /// Skips a joining hyphen at `i`, if any.
    fn skip_hyphen(&self, i: usize) -> usize {
        if self.is_joining_hyphen(i) { i + 1 } else { i }
    }

    fn hedge_at(&self, i: usize) -> Option<(Hedge, usize)> {
        HEDGES.iter().find_map(|(words, hedge)| {
            let matches = words
                .iter()
                .enumerate()
                .all(|(k, w)| self.word(i + k) == *w);
            matches.then_some((*hedge, i + words.len()))
        })
    }

    /// Parses digits ("1,200.5", "7½", "1/2", "10m").
    fn digits(&self, i: usize) -> Option<Core> {
        let tok = self.toks.get(i)?;
        if tok.kind != TokKind::Num || tok.text.contains(':') {
            return None;
        }
        let text = tok.text;
        let split = text
            .find(|c: char| c.is_alphabetic() || vulgar_fraction(c).is_some())
            .unwrap_or(text.len());
        let (num, suffix) = text.split_at(split);
        let mut value;
        let mut precision = 0.0;
        let mut plain = true;
        if let Some((n, d)) = num.split_once('/') {
            let (n, d): (f64, f64) = (n.parse().ok()?, d.parse().ok()?);
            if d == 0.0 || d > 16.0 || n >= d {
                return None;
            }
            value = n / d;
            plain = false;
        } else if num.is_empty() {
            value = 0.0;
        } else {
            if !valid_separators(num) {
                return None;
            }
            let clean: String = num.chars().filter(|c| *c != ',').collect();
            value = clean.parse().ok()?;
            if let Some(dot) = clean.find('.') {
                precision = 10f64.powi(-((clean.len() - dot - 1) as i32));
                plain = false;
            }
            if num.contains(',') {
                plain = false;
            }
        }
        let mut scale = 1.0;
        let mut rest = suffix;
        if let Some(c) = rest.chars().next().and_then(vulgar_fraction) {
            value += c;
            plain = false;
            rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        }
        match rest.to_lowercase().as_str() {
            "" => {}
            "m" | "mn" => scale = 1e6,
            "bn" | "b" => scale = 1e9,
            "k" => scale = 1e3,
            "tn" | "trn" => scale = 1e12,
            _ => return None,
        }
        let mut next = i + 1;
        // "7 1/2", "7 ½"
        if let Some(t) = self.toks.get(next)
            && t.kind == TokKind::Num
            && t.space_before
            && !num.contains('/')
        {
            let frac = if let Some((n, d)) = t.text.split_once('/') {
                match (n.parse::<f64>(), d.parse::<f64>()) {
                    (Ok(n), Ok(d)) if d > 0.0 && d <= 16.0 && n < d => Some(n / d),
                    _ => None,
                }
            } else {
                let mut cs = t.text.chars();
                cs.next()
                    .and_then(vulgar_fraction)
                    .filter(|_| cs.next().is_none())
            };
            if let Some(f) = frac {
                value += f;
                plain = false;
                next += 1;
            }
        }
        if scale > 1.0 {
            plain = false;
        }
        let mut core = Core {
            value: value * scale,
            lo: value * scale,
            hi: value * scale,
            next,
            vague: false,
            plain_integer: plain,
        };
        core.widen(precision * scale);
        Some(core)
    }

    /// Parses number words ("twenty-five", "a dozen", "one hundred and
    /// five", "hundreds").
    fn words(&self, i: usize) -> Option<Core> {
        let first = self.word(i);
        if let Some((_, lo, hi)) = VAGUE.iter().find(|(w, _, _)| *w == first) {
            let next = if self.word(i + 1) == "of" {
                i + 2
            } else {
                i + 1
            };
            return Some(Core {
                value: *lo,
                lo: *lo,
                hi: *hi,
                next,
                vague: true,
                plain_integer: false,
            });
        }
        let mut j = i;
        // "a dozen", "a hundred", "half an hour"
        if first == "a" || first == "an" {
            let w = self.word(i + 1);
            if w == "dozen" || number_word(w, &[NumberRole::Scale]).is_some() {
                j = i + 1;
            } else {
                return None;
            }
        }
        if first == "half" && matches!(self.word(i + 1), "a" | "an") {
            return Some(Core {
                value: 0.5,
                lo: 0.5,
                hi: 0.5,
                next: i + 2,
                vague: false,
                plain_integer: false,
            });
        }
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        let mut next = j;
        let mut k = j;
        loop {
            let w = self.word(k);
            if let Some(v) =
                number_word(w, &[NumberRole::Unit]).or_else(|| number_word(w, &[NumberRole::Ten]))
            {
                current += v;
            } else if w == "dozen" {
                current = current.max(1.0) * 12.0;
            } else if let Some(s) = number_word(w, &[NumberRole::Scale]) {
                if s == 100.0 {
                    current = current.max(1.0) * 100.0;
                } else {
                    total += current.max(1.0) * s;
                    current = 0.0;
                }
            } else {
                break;
            }
            any = true;
            k += 1;
            next = k;
            // Continue through "-" ("twenty-five") and "and" after a scale
            // ("one hundred and five").
            let hyphen = self.is_joining_hyphen(k);
            let and_after_scale =
                self.word(k) == "and" && number_word(w, &[NumberRole::Scale]).is_some();
            if (hyphen || and_after_scale) && self.number_word(k + 1) {
                k += 1;
            }
        }
        if !any {
            return None;
        }
        let value = total + current;
        Some(Core {
            value,
            lo: value,
            hi: value,
            next,
            vague: false,
            plain_integer: false,
        })
    }

    fn number_word(&self, i: usize) -> bool {
        let w = self.word(i);
        number_word(w, &[NumberRole::Unit]).is_some()
            || number_word(w, &[NumberRole::Ten]).is_some()
            || number_word(w, &[NumberRole::Scale]).is_some()
            || w == "dozen"
    }

    /// A number with its fractional tail and scale word.
    fn core(&self, i: usize) -> Option<Core> {
        let mut core = if self.toks.get(i)?.kind == TokKind::Num {
            self.digits(i)?
        } else {
            self.words(i)?
        };
        if core.vague {
            return Some(core);
        }
        // "and a half", "-and-a-half"
        let k = self.skip_hyphen(core.next);
        if self.word(k) == "and" {
            let k2 = self.skip_hyphen(k + 1);
            if self.word(k2) == "a" {
                let k3 = self.skip_hyphen(k2 + 1);
                let frac = match self.word(k3) {
                    "half" => Some(0.5),
                    "quarter" => Some(0.25),
                    _ => None,
                };
                if let Some(f) = frac {
                    core.value += f;
                    core.lo += f;
                    core.hi += f;
                    core.next = k3 + 1;
                    core.plain_integer = false;
                }
            }
        }
        // Scale words after digits: "1.2 million", "5 billion".
        if let Some(s) = number_word(
            self.word(core.next),
            &[NumberRole::Scale, NumberRole::ScaleAbbreviation],
        ) {
            let width = (core.hi - core.lo).max(if core.plain_integer { 1.0 } else { 0.0 });
            let value = core.value * s;
            core = Core {
                value,
                lo: value,
                hi: value,
                next: core.next + 1,
                vague: false,
                plain_integer: false,
            };
            core.widen(width * s);
        }
        Some(core)
    }
}

impl Core {
    /// Widens the interval to the rounding of the last written digit.
    fn widen(&mut self, precision: f64) {
        self.lo -= precision / 2.0;
        self.hi += precision / 2.0;
    }

    fn scaled(mut self, factor: f64) -> Self {
        self.value *= factor;
        self.lo *= factor;
        self.hi *= factor;
        self
    }
}

/// Separators are valid when commas group digits by three.
fn valid_separators(num: &str) -> bool {
    let int = num.split('.').next().unwrap_or("");
    if !int.contains(',') {
        return true;
    }
    let groups: Vec<&str> = int.split(',').collect();
    groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)
}

/// Recognizes every quantity in `text[range]` (a sentence of a paragraph);
/// spans are byte offsets into `text`.
pub fn recognize(text: &str, range: Span, ctx: Context) -> Vec<Quantity> {
    recognize_tokens(text, &segment_span(text, range), ctx)
}

/// [`recognize`] over tokens already made (of `text`).
pub(crate) fn recognize_tokens(text: &str, toks: &[Tok<'_>], ctx: Context) -> Vec<Quantity> {
    let p = Parser::new(toks);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !could_start(&p, i) {
            i += 1;
            continue;
        }
        match parse_at(&p, i, text, ctx) {
            Some((q, next)) => {
                if !is_conversion(text, out.last(), &q) {
                    out.push(q);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// An amount in brackets right after another amount is the same money in
/// another currency ("26.5 billion Australian dollars ($17.2 billion)"),
/// not a second figure.
fn is_conversion(text: &str, previous: Option<&Quantity>, q: &Quantity) -> bool {
    let money = |q: &Quantity| matches!(q.class, UnitClass::Money(_));
    previous.is_some_and(|prev| {
        money(prev)
            && money(q)
            && text
                .get(prev.span.end..q.span.start)
                .is_some_and(|between| between.trim() == "(")
    })
}

/// True when [`recognize_tokens`] would find at least one quantity (it
/// stops at the first).
pub(crate) fn has_quantity(text: &str, toks: &[Tok<'_>], ctx: Context) -> bool {
    let p = Parser::new(toks);
    (0..toks.len()).any(|i| could_start(&p, i) && parse_at(&p, i, text, ctx).is_some())
}

/// A digit ordinal before the noun it ranks: "35th day", "the 43rd
/// anniversary", "its 22nd round of talks". Not a date ("March 3rd", "the
/// 3rd of March": the month decides), not "the 1st time", and not without
/// a noun.
fn ordinal(p: &Parser<'_, '_>, i: usize) -> Option<(Quantity, usize)> {
    let t = p.toks.get(i)?;
    if t.kind != TokKind::Num {
        return None;
    }
    let lower = t.text.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 6 {
        return None;
    }
    let month_before = i > 0 && contains(Words::Months, p.word(i - 1));
    let month_after = p.word(i + 1) == "of" && contains(Words::Months, p.word(i + 2));
    if month_before || month_after || contains(Words::Months, p.word(i + 1)) {
        return None;
    }
    let noun = noun_at(p, i + 1)?;
    // "the 1st time" is an idiom, not a position outlets report
    if noun == "time" {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    Some((
        Quantity {
            span: Span::new(t.start, t.end),
            class: UnitClass::Ordinal,
            hedge: Hedge::Exact,
            lo: value,
            hi: value,
            value,
            unit: noun.clone(),
            display: t.text.to_string(),
            noun: Some(noun),
        },
        i + 1,
    ))
}

/// Fraction words before "of" as shares: "half of voters", "a third of",
/// "two-thirds of" (percent, loosely: "half" is compatible with 48%).
fn fraction_of(p: &Parser<'_, '_>, i: usize) -> Option<(Quantity, usize)> {
    let (mut k, numerator) = match p.word(i) {
        "a" | "one" => (p.skip_hyphen(i + 1), 1.0),
        "half" => (i, 1.0),
        "two" => (p.skip_hyphen(i + 1), 2.0),
        "three" => (p.skip_hyphen(i + 1), 3.0),
        _ => return None,
    };
    let denominator = match p.word(k) {
        "half" if numerator == 1.0 => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" => 4.0,
        "fifth" | "fifths" => 5.0,
        _ => return None,
    };
    if numerator >= denominator {
        return None;
    }
    k += 1;
    if p.word(k) == "of" {
        let share = 100.0 * numerator / denominator;
        let (lo, hi) = apply_hedge(Hedge::About, share, share);
        let span = Span::new(p.toks[i].start, p.toks[k - 1].end);
        return Some((
            Quantity {
                span,
                class: UnitClass::Percent,
                hedge: Hedge::About,
                lo,
                hi,
                value: round3(share),
                unit: "%".into(),
                display: p.lower[i..k].join(" ").replace(" - ", "-"),
                noun: noun_at(p, k + 1),
            },
            k,
        ));
    }
    None
}

/// A cheap test: can a quantity or time expression start at token `i`?
fn could_start(p: &Parser<'_, '_>, i: usize) -> bool {
    let t = &p.toks[i];
    if t.kind == TokKind::Num || currency_symbol(t.text).is_some() {
        return true;
    }
    if !t.is_word() {
        return false;
    }
    starting_words().contains(p.word(i))
}

/// The words a quantity or time expression can start with: number words,
/// tens, the first scales, vague amounts, the first word of every hedge,
/// months, weekdays, and a few more. A set, built once from the tables,
/// because [`could_start`] runs on every token.
fn starting_words() -> &'static FxHashSet<&'static str> {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: FxHashSet<&'static str> = FxHashSet::default();
        for role in [NumberRole::Unit, NumberRole::Ten, NumberRole::Scale] {
            words.extend(number_words_of(role).map(|(w, _)| w));
        }
        words.extend(VAGUE.iter().map(|(w, _, _)| *w));
        words.extend(HEDGES.iter().map(|(hedge, _)| hedge[0]));
        words.extend(months());
        words.extend(weekdays());
        words.extend(["a", "an", "half", "us", "weekend", "dozen"]);
        words
    })
}

fn parse_at(p: &Parser<'_, '_>, i: usize, text: &str, ctx: Context) -> Option<(Quantity, usize)> {
    if let Some(found) = time_expression(p, i, text, ctx) {
        return Some(found);
    }
    if let Some(found) = fraction_of(p, i) {
        return Some(found);
    }
    if let Some(found) = ordinal(p, i) {
        return Some(found);
    }
    let (hedge, mut k) = p.hedge_at(i).unwrap_or((Hedge::Exact, i));
    // Currency before the number: "$", "US$", "£".
    let mut currency: Option<&'static str> = None;
    if p.word(k) == "us" && p.toks.get(k + 1).is_some_and(|t| t.text == "$") {
        k += 1;
    }
    if let Some(code) = p.toks.get(k).and_then(|t| currency_symbol(t.text)) {
        currency = Some(code);
        k += 1;
    }
    let mut core = p.core(k)?;
    // "one of", "the one": pronoun uses of "one".
    if p.word(k) == "one" && (p.word(core.next) == "of" || k > 0 && p.word(k - 1) == "the") {
        return None;
    }
    let mut hedge = if core.vague { Hedge::Vague } else { hedge };
    // Ranges: "two to three", "35-40", "between 5 and 7".
    let between = k > 0 && p.word(k - 1) == "between";
    let joiner = p.word(core.next);
    if (matches!(joiner, "to" | "-" | "–" | "or") || (between && joiner == "and"))
        && let Some(second) = p.core(core.next + 1)
        && second.value > core.value
        && !second.vague
    {
        let factor = if core.value < 1000.0 && second.value >= 1000.0 && core.plain_integer {
            // "two to three million": the scale applies to both.
            scale_of(second.value)
        } else {
            1.0
        };
        core = Core {
            value: core.value * factor,
            lo: core.lo * factor,
            hi: second.hi,
            next: second.next,
            vague: false,
            plain_integer: false,
        };
        hedge = Hedge::Range;
    }
    let start = p.toks[i].start;
    let (class, unit, unit_value, noun, next) = unit_after(p, &core, currency)?;
    let core = match &class {
        UnitClass::Duration => core.scaled(unit_value),
        _ => core,
    };
    let (mut lo, mut hi) = apply_hedge(hedge, core.lo, core.hi);
    let mut class = class;
    // A bare year: "2018", "in 2018", "since 2018".
    let display = render(hedge, &core, unit_value, &class, &unit);
    if class == UnitClass::Count
        && core.plain_integer
        && hedge == Hedge::Exact
        && (1800.0..=2100.0).contains(&core.value)
        && is_year_context(p, i, core.next)
    {
        let year = core.value as i32;
        let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let to = NaiveDate::from_ymd_opt(year, 12, 31)?;
        let end = p.toks[core.next - 1].end;
        let q = Quantity {
            span: Span::new(start, end),
            class: UnitClass::Time(TimeGrain::Year),
            hedge,
            lo: days(from),
            hi: days(to),
            value: core.value,
            unit: "year".into(),
            display: year.to_string(),
            noun: None,
        };
        return Some((q, core.next));
    }
    // Elapsed years relative to the article date: "in five years",
    // "five years ago", "for the first time in six years".
    if class == UnitClass::Duration
        && unit_value >= 31_557_600.0
        && let Some(date) = ctx.date
    {
        let before = if i > 0 { p.word(i - 1) } else { "" };
        let after = p.word(next);
        if matches!(before, "in" | "for" | "past" | "last") || after == "ago" {
            let today = days(date);
            let half_unit = unit_value / 86_400.0 / 2.0;
            let lo_d = today - core.hi / 86_400.0 - half_unit;
            let hi_d = today - core.lo / 86_400.0 + half_unit;
            class = UnitClass::Time(TimeGrain::Year);
            lo = lo_d;
            hi = hi_d;
        }
    }
    let end = p.toks[next - 1].end;
    let written = core.value / unit_value.max(f64::MIN_POSITIVE);
    let written = if matches!(class, UnitClass::Duration | UnitClass::Time(_)) {
        written
    } else {
        core.value
    };
    Some((
        Quantity {
            span: Span::new(start, end),
            class,
            hedge,
            lo,
            hi,
            value: round3(written),
            unit,
            display,
            noun,
        },
        next,
    ))
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn scale_of(v: f64) -> f64 {
    [1e12, 1e9, 1e6, 1e3]
        .into_iter()
        .find(|s| v >= *s)
        .unwrap_or(1.0)
}

/// True when a four-digit number reads as a year: not followed by a
/// counted noun, or introduced by a temporal preposition.
fn is_year_context(p: &Parser<'_, '_>, i: usize, next: usize) -> bool {
    let before = if i > 0 { p.word(i - 1) } else { "" };
    if matches!(
        before,
        "in" | "since" | "until" | "by" | "of" | "from" | "before" | "after" | "early" | "late"
    ) || contains(Words::Months, before)
    {
        return true;
    }
    let after = p.toks.get(next);
    after.is_none_or(|t| t.kind == TokKind::Punct || is_stop(t.text))
}

/// Turns a hedge and the written interval into the interval it allows.
pub(crate) fn apply_hedge(hedge: Hedge, lo: f64, hi: f64) -> (f64, f64) {
    match hedge {
        Hedge::Exact | Hedge::Range | Hedge::Vague => (lo, hi),
        Hedge::About => (lo * 0.85, hi * 1.15),
        Hedge::Nearly => (lo * 0.85, hi),
        Hedge::MoreThan | Hedge::AtLeast => (lo, f64::INFINITY),
        Hedge::UpTo | Hedge::LessThan => (0.0, hi),
    }
}

/// The unit after a number: returns the class, the unit text, the factor to
/// the canonical unit, the noun it describes, and the next token index.
fn unit_after(
    p: &Parser<'_, '_>,
    core: &Core,
    currency: Option<&'static str>,
) -> Option<(UnitClass, String, f64, Option<String>, usize)> {
    let n = core.next;
    if let Some(code) = currency {
        let noun = noun_at(p, n);
        return Some((UnitClass::Money(code.into()), code.into(), 1.0, noun, n));
    }
    let w = p.word(n);
    if p.toks.get(n).is_some_and(|t| t.is('%')) || w == "percent" {
        let next = if p.word(n + 1) == "point" || p.word(n + 1) == "points" {
            n + 2
        } else {
            n + 1
        };
        return Some((UnitClass::Percent, "%".into(), 1.0, None, next));
    }
    if w == "per" && p.word(n + 1) == "cent" {
        return Some((UnitClass::Percent, "%".into(), 1.0, None, n + 2));
    }
    if w == "percentage" && matches!(p.word(n + 1), "point" | "points") {
        return Some((UnitClass::Percent, "%".into(), 1.0, None, n + 2));
    }
    // "26.5 billion Australian dollars"
    if matches!(p.word(n + 1), "dollar" | "dollars")
        && let Some((_, code)) = QUALIFIED_DOLLARS.iter().find(|(c, _)| *c == w)
    {
        return Some((
            UnitClass::Money((*code).into()),
            (*code).into(),
            1.0,
            noun_at(p, n + 2),
            n + 2,
        ));
    }
    if let Some((_, code)) = CURRENCY_WORDS.iter().find(|(c, _)| *c == w) {
        return Some((
            UnitClass::Money((*code).into()),
            (*code).into(),
            1.0,
            noun_at(p, n + 1),
            n + 1,
        ));
    }
    // Durations, with or without a hyphen: "35-minute meeting", "3 hours of
    // talks", "five-and-a-half-hour".
    let hyphenated = p.is_joining_hyphen(n);
    let u = if hyphenated { n + 1 } else { n };
    if let Some((secs, abbr)) = duration_unit(p.word(u)) {
        // "a day", "per year" are rates, not durations.
        let mut next = u + 1;
        // Ages: "a 15-year-old", "51 years old".
        if p.is_joining_hyphen(next) && p.word(next + 1) == "old" {
            return Some((
                UnitClass::Duration,
                abbr.into(),
                secs,
                Some("age".into()),
                next + 2,
            ));
        }
        if p.word(next) == "old" && p.word(u).starts_with("year") {
            return Some((
                UnitClass::Duration,
                abbr.into(),
                secs,
                Some("age".into()),
                next + 1,
            ));
        }
        if p.is_joining_hyphen(next) && p.word(next + 1) == "long" {
            next += 2;
        }
        let noun = if hyphenated || p.word(u + 1) == "long" {
            noun_at(p, next)
        } else if p.word(next) == "of" {
            noun_at(p, next + 1)
        } else {
            None
        };
        return Some((UnitClass::Duration, abbr.into(), secs, noun, next));
    }
    if core.vague && p.toks.get(n).is_none_or(|t| !t.is_word()) {
        return None;
    }
    // "four of the six members" counts a part of a whole, which outlets
    // pick differently (who voted for, who dissented); "3 January" is a
    // date. Neither is a count that another outlet's figure contradicts.
    let whole = core.value >= 1.0 && core.value.fract() == 0.0;
    if !hyphenated && whole && (p.word(n) == "of" || contains(Words::Months, p.word(n))) {
        return None;
    }
    // A count of the next content word ("40 people", "five Chinese
    // officials"); hyphenated ("a 12-member team") describe the noun.
    let noun = noun_at(p, if hyphenated { n + 1 } else { n });
    Some((
        UnitClass::Count,
        noun.clone().unwrap_or_default(),
        1.0,
        noun,
        n,
    ))
}

/// Stem-like key of the first content word at or after `i` (skipping at
/// most two stop words and one adjective-like word).
fn noun_at(p: &Parser<'_, '_>, i: usize) -> Option<String> {
    let mut k = i;
    for _ in 0..3 {
        let t = p.toks.get(k)?;
        if !t.is_word() {
            return None;
        }
        if is_stop(t.text) {
            k += 1;
            continue;
        }
        let w = p.word(k);
        return Some(singular(w));
    }
    None
}

/// Crude singular form for matching counted nouns.
pub(crate) fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if w.ends_with("ss") || w.len() <= 3 {
        w.to_string()
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w.to_string()
    }
}

fn fmt_num(v: f64) -> String {
    let r = round3(v);
    if r.fract() == 0.0 && r.abs() < 1e15 {
        let int = r as i64;
        let s = int.abs().to_string();
        let mut out = String::new();
        for (k, c) in s.chars().enumerate() {
            if k > 0 && (s.len() - k).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if int < 0 { format!("-{out}") } else { out }
    } else {
        format!("{r}")
    }
}

fn fmt_big(v: f64) -> String {
    for (s, name) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if v.abs() >= s {
            return format!("{} {name}", fmt_num(v / s));
        }
    }
    fmt_num(v)
}

fn hedge_word(h: Hedge) -> &'static str {
    match h {
        Hedge::Exact | Hedge::Range | Hedge::Vague => "",
        Hedge::About => "about ",
        Hedge::Nearly => "nearly ",
        Hedge::MoreThan => "more than ",
        Hedge::AtLeast => "at least ",
        Hedge::UpTo => "up to ",
        Hedge::LessThan => "less than ",
    }
}

fn render(hedge: Hedge, core: &Core, unit_value: f64, class: &UnitClass, unit: &str) -> String {
    let h = hedge_word(hedge);
    let (a, b) = match class {
        UnitClass::Duration | UnitClass::Time(_) => (core.lo / unit_value, core.hi / unit_value),
        _ => (core.lo, core.hi),
    };
    let body = |v: f64| match class {
        UnitClass::Money(code) => format!("{}{}", currency_sign(code), fmt_big(v)),
        _ => fmt_big(v),
    };
    let value = if hedge == Hedge::Range || hedge == Hedge::Vague {
        format!("{}–{}", body(a), body(b))
    } else {
        body(
            core.value
                / if matches!(class, UnitClass::Duration) {
                    unit_value
                } else {
                    1.0
                },
        )
    };
    match class {
        UnitClass::Percent => format!("{h}{value}%"),
        UnitClass::Money(_) => format!("{h}{value}"),
        // the label names what is counted ("Number of calls"); the singular
        // key after a figure would read "10,000 call"
        UnitClass::Count => format!("{h}{value}"),
        _ => format!("{h}{value} {unit}"),
    }
}

/// Weekdays, weekends, months (with or without a day) as points in time.
fn time_expression(
    p: &Parser<'_, '_>,
    i: usize,
    _text: &str,
    ctx: Context,
) -> Option<(Quantity, usize)> {
    let w = p.word(i);
    let tok = p.toks.get(i)?;
    let capital = tok.text.chars().next().is_some_and(char::is_uppercase);
    if let Some(wd) = weekdays().iter().position(|d| *d == w).filter(|_| capital) {
        let (lo, hi) = match ctx.date {
            Some(date) => {
                let today = date.weekday().num_days_from_monday() as i64;
                let back = (today - wd as i64).rem_euclid(7);
                let d = days(date) - back as f64;
                (d, d)
            }
            None => (1e9 + wd as f64, 1e9 + wd as f64),
        };
        return Some((time_q(tok.span(), TimeGrain::Day, lo, hi, tok.text), i + 1));
    }
    if w == "weekend" && i > 0 && matches!(p.word(i - 1), "the" | "this" | "last") {
        let start = if i > 1 && p.word(i - 2) == "over" {
            p.toks[i - 2].start
        } else {
            p.toks[i - 1].start
        };
        let (lo, hi) = match ctx.date {
            Some(date) => {
                let today = date.weekday().num_days_from_monday() as i64;
                // The most recent Saturday up to the article date.
                let back = (today - Weekday::Sat.num_days_from_monday() as i64).rem_euclid(7);
                let sat = days(date) - back as f64;
                (sat, sat + 1.0)
            }
            None => (1e9 + 5.0, 1e9 + 6.0),
        };
        let span = Span::new(start, tok.end);
        return Some((time_q(span, TimeGrain::Day, lo, hi, "weekend"), i + 1));
    }
    let month = months().iter().position(|m| *m == w).filter(|_| capital)?;
    let next = p.toks.get(i + 1);
    let day = next
        .filter(|t| t.kind == TokKind::Num && t.text.len() <= 2)
        .and_then(|t| t.text.parse::<u32>().ok())
        .filter(|d| (1..=31).contains(d));
    // "May" and "March" are also words: require a day or a preposition.
    if matches!(w, "may" | "march")
        && day.is_none()
        && !(i > 0
            && matches!(
                p.word(i - 1),
                "in" | "since" | "until" | "early" | "late" | "mid"
            ))
    {
        return None;
    }
    let mut end_i = i + if day.is_some() { 2 } else { 1 };
    let mut year = None;
    let y_at = if p.toks.get(end_i).is_some_and(|t| t.is(',')) {
        end_i + 1
    } else {
        end_i
    };
    if let Some(y) = p
        .toks
        .get(y_at)
        .filter(|t| t.kind == TokKind::Num && t.text.len() == 4)
        .and_then(|t| t.text.parse::<i32>().ok())
    {
        year = Some(y);
        end_i = y_at + 1;
    }
    let m = month as u32 + 1;
    let year = year.or_else(|| {
        ctx.date.map(|d| {
            if m > d.month() + 1 {
                d.year() - 1
            } else {
                d.year()
            }
        })
    });
    let span = Span::new(tok.start, p.toks[end_i - 1].end);
    let label = &_text[span.start..span.end];
    let (grain, lo, hi) = match (year, day) {
        (Some(y), Some(d)) => {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            (TimeGrain::Day, days(date), days(date))
        }
        (Some(y), None) => {
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let last = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            (TimeGrain::Month, days(first), days(last) - 1.0)
        }
        (None, Some(d)) => (
            TimeGrain::Day,
            2e9 + (m * 40 + d) as f64,
            2e9 + (m * 40 + d) as f64,
        ),
        (None, None) => (
            TimeGrain::Month,
            2e9 + (m * 40) as f64,
            2e9 + (m * 40 + 31) as f64,
        ),
    };
    Some((time_q(span, grain, lo, hi, label), end_i))
}

fn time_q(span: Span, grain: TimeGrain, lo: f64, hi: f64, label: &str) -> Quantity {
    Quantity {
        span,
        class: UnitClass::Time(grain),
        hedge: Hedge::Exact,
        lo,
        hi,
        value: lo,
        unit: "date".into(),
        display: label.to_string(),
        noun: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Context {
        Context {
            date: NaiveDate::from_ymd_opt(2023, 6, 19),
        }
    }

    fn one(text: &str) -> Quantity {
        let qs = recognize(text, Span::new(0, text.len()), date());
        assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
        qs.into_iter().next().unwrap()
    }

    const H: f64 = 3600.0;

    /// (text, exact span text, class, lo, hi) in canonical units.
    #[test]
    fn forms_and_values() {
        let inf = f64::INFINITY;
        let cases: Vec<(&str, &str, UnitClass, f64, f64)> = vec![
            (
                "It lasted 35 minutes.",
                "35 minutes",
                UnitClass::Duration,
                2100.0,
                2100.0,
            ),
            (
                "The 35-minute meeting",
                "35-minute",
                UnitClass::Duration,
                2100.0,
                2100.0,
            ),
            (
                "a three-hour meeting",
                "three-hour",
                UnitClass::Duration,
                3.0 * H,
                3.0 * H,
            ),
            (
                "five-and-a-half hours of talks",
                "five-and-a-half hours",
                UnitClass::Duration,
                5.5 * H,
                5.5 * H,
            ),
            (
                "after 7 1/2 hours of talks",
                "7 1/2 hours",
                UnitClass::Duration,
                7.5 * H,
                7.5 * H,
            ),
            (
                "after 7½ hours",
                "7½ hours",
                UnitClass::Duration,
                7.5 * H,
                7.5 * H,
            ),
            (
                "for nearly six hours",
                "nearly six hours",
                UnitClass::Duration,
                5.1 * H,
                6.0 * H,
            ),
            (
                "for about three hours",
                "about three hours",
                UnitClass::Duration,
                2.55 * H,
                3.45 * H,
            ),
            (
                "two to three hours",
                "two to three hours",
                UnitClass::Duration,
                2.0 * H,
                3.0 * H,
            ),
            (
                "half an hour",
                "half an hour",
                UnitClass::Duration,
                1800.0,
                1800.0,
            ),
            (
                "one and a half hours",
                "one and a half hours",
                UnitClass::Duration,
                1.5 * H,
                1.5 * H,
            ),
            (
                "twenty-five people died",
                "twenty-five",
                UnitClass::Count,
                25.0,
                25.0,
            ),
            ("a dozen people", "a dozen", UnitClass::Count, 12.0, 12.0),
            (
                "hundreds of people",
                "hundreds of",
                UnitClass::Count,
                200.0,
                999.0,
            ),
            ("1,200 people", "1,200", UnitClass::Count, 1200.0, 1200.0),
            (
                "more than 40 people",
                "more than 40",
                UnitClass::Count,
                40.0,
                inf,
            ),
            (
                "at least 40 people",
                "at least 40",
                UnitClass::Count,
                40.0,
                inf,
            ),
            ("up to 40 people", "up to 40", UnitClass::Count, 0.0, 40.0),
            ("some 40 people", "some 40", UnitClass::Count, 34.0, 46.0),
            (
                "one hundred and five people",
                "one hundred and five",
                UnitClass::Count,
                105.0,
                105.0,
            ),
            ("rose 3.5% in trade", "3.5%", UnitClass::Percent, 3.45, 3.55),
            (
                "rose 12 percent",
                "12 percent",
                UnitClass::Percent,
                12.0,
                12.0,
            ),
            (
                "rose 12 per cent",
                "12 per cent",
                UnitClass::Percent,
                12.0,
                12.0,
            ),
            (
                "a $1.2 billion deal",
                "$1.2 billion",
                UnitClass::Money("USD".into()),
                1.15e9,
                1.25e9,
            ),
            (
                "a $5bn deal",
                "$5bn",
                UnitClass::Money("USD".into()),
                5e9,
                5e9,
            ),
            (
                "2.3 million people",
                "2.3 million",
                UnitClass::Count,
                2.25e6,
                2.35e6,
            ),
            (
                "it cost 40 euros",
                "40 euros",
                UnitClass::Money("EUR".into()),
                40.0,
                40.0,
            ),
            ("ate 1/2 of it", "1/2", UnitClass::Count, 0.5, 0.5),
            ("half of voters", "half", UnitClass::Percent, 42.5, 57.5),
            (
                "two-thirds of voters",
                "two-thirds",
                UnitClass::Percent,
                200.0 / 3.0 * 0.85,
                200.0 / 3.0 * 1.15,
            ),
            (
                "a 15-year-old girl",
                "15-year-old",
                UnitClass::Duration,
                15.0 * 31_557_600.0,
                15.0 * 31_557_600.0,
            ),
            (
                "35-40 minutes",
                "35-40 minutes",
                UnitClass::Duration,
                2100.0,
                2400.0,
            ),
            (
                "between 5 and 7 hours",
                "5 and 7 hours",
                UnitClass::Duration,
                5.0 * H,
                7.0 * H,
            ),
            ("1.5m people", "1.5m", UnitClass::Count, 1.45e6, 1.55e6),
            ("£3bn", "£3bn", UnitClass::Money("GBP".into()), 3e9, 3e9),
        ];
        for (text, span, class, lo, hi) in cases {
            let q = one(text);
            assert_eq!(q.span.slice(text), span, "{text}");
            assert_eq!(q.class, class, "{text}");
            assert!(
                (q.lo - lo).abs() < 1e-6 * lo.abs().max(1.0),
                "{text}: lo {} vs {lo}",
                q.lo
            );
            assert!(
                (q.hi - hi).abs() < 1e-6 * hi.abs().max(1.0) || q.hi == hi,
                "{text}: hi {} vs {hi}",
                q.hi
            );
        }
    }

    #[test]
    fn time_points_resolve_against_the_article_date() {
        let since = one("the first visit since 2018");
        let in_five = one("the first visit in five years");
        assert!(matches!(since.class, UnitClass::Time(TimeGrain::Year)));
        assert_eq!(in_five.class, since.class);
        assert!(
            since.lo <= in_five.hi && in_five.lo <= since.hi,
            "{since:?} {in_five:?}"
        );
        let in_seven = one("the first visit in seven years");
        assert!(in_seven.hi < since.lo);
        let sat = one("on Saturday they met");
        let weekend = one("they met over the weekend");
        assert_eq!(
            weekend.span.slice("they met over the weekend"),
            "over the weekend"
        );
        assert!(sat.lo >= weekend.lo && sat.hi <= weekend.hi);
        let sunday = one("on Sunday");
        let monday = one("on Monday");
        assert_ne!(sunday.lo, monday.lo);
        let feb = one("postponed in February");
        assert_eq!(feb.class, UnitClass::Time(TimeGrain::Month));
        let day = one("on June 19, 2023, he left");
        assert_eq!(day.span.slice("on June 19, 2023, he left"), "June 19, 2023");
    }

    #[test]
    fn non_quantities_are_skipped() {
        for text in [
            "one of the most difficult issues",
            "the 1st time",
            "at 3:00 pm",
            "He may go.",
            "the 1990s",
            "four of the",
        ] {
            let qs = recognize(text, Span::new(0, text.len()), date());
            assert!(qs.is_empty(), "{text}: {qs:?}");
        }
    }

    #[test]
    fn parts_dates_and_currency_conversions_are_not_counts() {
        let values = |text: &str| -> Vec<f64> {
            recognize(text, Span::new(0, text.len()), date())
                .iter()
                .map(|q| q.value)
                .collect()
        };
        assert_eq!(
            values("four of the six members voted for the cut"),
            vec![6.0]
        );
        assert_eq!(values("a 12-member team of 40 people"), vec![12.0, 40.0]);
        assert_eq!(
            values("worth 26.5 billion Australian dollars ($17.2 billion) last year"),
            vec![26.5e9]
        );
        let on_3_january = recognize("on 3 January", Span::new(0, 12), date());
        assert!(on_3_january.iter().all(|q| q.class != UnitClass::Count));
    }

    #[test]
    fn counted_nouns_and_head_nouns() {
        assert_eq!(
            one("The 35-minute meeting").noun.as_deref(),
            Some("meeting")
        );
        assert_eq!(one("7 1/2 hours of talks").noun.as_deref(), Some("talk"));
        assert_eq!(one("killed 40 people").noun.as_deref(), Some("people"));
    }
}
