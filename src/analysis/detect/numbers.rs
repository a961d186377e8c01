//! Number conflicts: quantities of the same class, in sentences the
//! alignment puts together, that describe the same thing and whose intervals
//! (after hedges) do not overlap.
//!
//! "The same thing" is decided per source pair by a matching score: the
//! counted or modified noun ("35-minute *meeting*"), the diff slot (the
//! number sits in the changed words opposite the other number), the content
//! words around each number and of the two sentences, and whether the
//! alignment linked the sentences. Each quantity pairs with its best
//! counterpart in every other source, and only mutual best pairs are
//! compared, so a sentence about two meetings does not set one meeting's
//! length against the other's.

use std::collections::HashMap;

use super::ctx::{Ctx, Pair};
use super::rank::{Band, NUMBER_CEILING, NUMBER_FLOOR, NUMBER_HEDGED, NUMBER_TIME};
use super::recognize::quantity::{
    Context, Hedge, Quantity, TimeGrain, UnitClass, recognize_tokens,
};
use super::recognize::referent::{self, Events};
use super::util::{containment, jaccard};
use crate::model::{DiffTag, Discrepancy, DiscrepancyKind, GroupId, SentenceRef, Span, Subkind};
use crate::text::{Stems, is_stop};

/// A quantity in a sentence, with the content around it.
#[derive(Debug, Clone)]
struct Found {
    at: SentenceRef,
    q: Quantity,
    /// Content stems within a few words of the quantity.
    near: Vec<String>,
}

/// Minimum matching score for two quantities to be about the same thing.
const MATCH_FLOOR: f64 = 1.6;

/// How close an agreeing counterpart's score must come to the conflicting
/// best one to overrule it.
const AGREE_MARGIN: f64 = 1.0;

/// Finds number conflicts across the alignment.
pub(crate) fn detect(ctx: &Ctx<'_>, events: &Events<'_, '_>) -> Vec<Discrepancy> {
    let stems = ctx.stems();
    let pairs = ctx.pairs();
    let mut cache: HashMap<SentenceRef, Vec<usize>> = HashMap::new();
    let mut all: Vec<Found> = Vec::new();
    for pair in &pairs {
        for r in [pair.a, pair.b] {
            cache.entry(r).or_insert_with(|| {
                let start = all.len();
                all.extend(quantities(ctx, stems, r));
                (start..all.len()).collect()
            });
        }
    }
    // best[(quantity, other source)] = (score, counterpart, group)
    let mut best: HashMap<(usize, usize), (f64, usize, GroupId)> = HashMap::new();
    // The best score of a counterpart that agrees, per (quantity, source).
    let mut agreeing: HashMap<(usize, usize), f64> = HashMap::new();
    for pair in &pairs {
        let (qa, qb) = (&cache[&pair.a], &cache[&pair.b]);
        if qa.is_empty() || qb.is_empty() {
            continue;
        }
        let sentence_overlap = jaccard(ctx.content(pair.a), ctx.content(pair.b));
        for &i in qa {
            for &j in qb {
                let Some(score) = match_score(&all[i], &all[j], pair, sentence_overlap) else {
                    continue;
                };
                let agrees = !conflict(&all[i].q, &all[j].q);
                for (x, y) in [(i, j), (j, i)] {
                    let key = (x, all[y].at.source.0);
                    if agrees {
                        let a = agreeing.entry(key).or_insert(f64::MIN);
                        *a = a.max(score);
                    }
                    let entry = best.entry(key).or_insert((f64::MIN, y, pair.group));
                    if score > entry.0 {
                        *entry = (score, y, pair.group);
                    }
                }
            }
        }
    }
    // Referent matching for facts the alignment left apart; the aligned
    // evidence above takes precedence.
    let aligned = |x: usize, src: usize| best.get(&(x, src)).is_some_and(|b| b.0 >= MATCH_FLOOR);
    let extra = referent_conflicts(ctx, events, stems, &mut all, &cache, &aligned);
    // Mutual best pairs above the floor that conflict.
    let mut parent: Vec<usize> = (0..all.len()).collect();
    let mut group_of: HashMap<usize, Option<GroupId>> = HashMap::new();
    for (x, y) in extra {
        union(&mut parent, x, y);
        for q in [x, y] {
            group_of.entry(q).or_insert_with(|| ctx.group_at(all[q].at));
        }
    }
    // in key order: a quantity in conflicting pairs of two groups keeps the
    // group of its best-scoring pair, whatever the hash order
    let mut ordered: Vec<_> = best.iter().collect();
    ordered.sort_unstable_by_key(|e| *e.0);
    let mut group_score: HashMap<usize, f64> = HashMap::new();
    for (&(x, _), &(score, y, group)) in ordered {
        if x >= y || score < MATCH_FLOOR {
            continue;
        }
        let back = best.get(&(y, all[x].at.source.0));
        if back.is_none_or(|b| b.1 != x) {
            continue;
        }
        // A counterpart that agrees and fits almost as well: the sentence
        // mentions both values, and the conflict is a mis-pairing.
        let agrees_nearly = |q: usize, src: usize| {
            agreeing
                .get(&(q, src))
                .is_some_and(|a| *a >= MATCH_FLOOR && *a >= score - AGREE_MARGIN)
        };
        if agrees_nearly(x, all[y].at.source.0) || agrees_nearly(y, all[x].at.source.0) {
            continue;
        }
        if conflict(&all[x].q, &all[y].q) {
            union(&mut parent, x, y);
            for q in [x, y] {
                if score > group_score.get(&q).copied().unwrap_or(f64::MIN) {
                    group_score.insert(q, score);
                    group_of.insert(q, Some(group));
                }
            }
        }
    }
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for &x in group_of.keys() {
        let root = find(&mut parent, x);
        components.entry(root).or_default().push(x);
    }
    let mut out: Vec<Discrepancy> = components
        .into_values()
        .filter_map(|mut members| {
            members.sort_by_key(|&m| (all[m].at, all[m].q.span.start));
            let group = members.iter().find_map(|m| group_of[m]);
            report(ctx, &all, &members, group)
        })
        .collect();
    // score, then the first mention: equal scores must not keep hash order
    let first = |d: &Discrepancy| d.mentions.first().map(|m| (m.source, m.paragraph, m.start));
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| first(a).cmp(&first(b)))
    });
    out
}

/// Conflicting quantity pairs found by referent matching (see
/// [`referent`]) between sentences of different sources
/// that no group puts together, or whose quantities the aligned pass did not
/// pair. Quantities of sentences outside every pair are added to `all`.
/// Each quantity keeps its best counterpart per source (shared people and
/// days, exact head, shared nearby words); only mutual best pairs that
/// conflict are returned.
fn referent_conflicts(
    ctx: &Ctx<'_>,
    events: &Events<'_, '_>,
    stems: &Stems,
    all: &mut Vec<Found>,
    cache: &HashMap<SentenceRef, Vec<usize>>,
    aligned: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let unpaired: Vec<SentenceRef> = ctx
        .body_sentences()
        .filter(|r| !cache.contains_key(r))
        .collect();
    for r in unpaired {
        all.extend(quantities(ctx, stems, r));
    }
    let slots = referent::index(all.iter().enumerate().filter_map(|(i, f)| {
        let head = referent::head(ctx, stems, f.at, &f.q)?;
        Some(((format!("{:?}", f.q.class), head), (i, f.q.noun.clone())))
    }));
    if slots.values().all(|v| v.len() < 2) {
        return Vec::new();
    }
    let mut entities: HashMap<SentenceRef, referent::Entities> = HashMap::new();
    let mut best: HashMap<(usize, usize), (f64, usize)> = HashMap::new();
    for members in slots.values().filter(|v| v.len() >= 2) {
        for (k, (x, nx)) in members.iter().enumerate() {
            for (y, ny) in &members[k + 1..] {
                let (fx, fy) = (&all[*x], &all[*y]);
                let (sx, sy) = (fx.at.source.0, fy.at.source.0);
                if sx == sy || aligned(*x, sy) || aligned(*y, sx) {
                    continue;
                }
                for r in [fx.at, fy.at] {
                    entities.entry(r).or_insert_with(|| events.of(r));
                }
                let Some(shared) = entities[&fx.at].agreement(&entities[&fy.at]) else {
                    continue;
                };
                let exact = if nx.is_some() && nx == ny { 1.0 } else { 0.0 };
                let score = shared + exact + containment(&fx.near, &fy.near);
                for (a, b, src) in [(*x, *y, sy), (*y, *x, sx)] {
                    let e = best.entry((a, src)).or_insert((f64::MIN, b));
                    if score > e.0 {
                        *e = (score, b);
                    }
                }
            }
        }
    }
    let mut out: Vec<(usize, usize)> = best
        .iter()
        .filter(|&(&(x, _), &(_, y))| {
            x < y
                && best.get(&(y, all[x].at.source.0)).is_some_and(|b| b.1 == x)
                && conflict(&all[x].q, &all[y].q)
        })
        .map(|(&(x, _), &(_, y))| (x, y))
        .collect();
    out.sort_unstable();
    out
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    parent[x] = r;
    r
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// The comparable quantities of a body sentence (furniture such as reading
/// times, "3 hours ago" and player durations are dropped).
fn quantities(ctx: &Ctx<'_>, stems: &Stems, r: SentenceRef) -> Vec<Found> {
    let Some((p, _)) = ctx.sentence(r) else {
        return Vec::new();
    };
    if ctx.is_furniture(r) {
        return Vec::new();
    }
    let date = ctx.dates.get(r.source.0).copied().flatten();
    let toks = ctx.tokens(r);
    let own = ctx.sources.get(r.source.0).and_then(|s| s.date);
    recognize_tokens(&p.text, toks, Context { date })
        .into_iter()
        .filter(|q| !is_furniture(&p.text, q.span) && !is_dateline(q, own))
        .map(|q| {
            let near_toks: Vec<_> = toks
                .iter()
                .filter(|t| t.end + 60 >= q.span.start && t.start <= q.span.end + 60 && t.is_word())
                .filter(|t| !q.span.contains(t.start) && !is_stop(t.text))
                .copied()
                .collect();
            Found {
                at: r,
                near: stems.content(&near_toks),
                q,
            }
        })
        .collect()
}

/// A full date (with its year) within a day of the article's own date is a
/// dateline or caption stamp, not a claim about the event.
fn is_dateline(q: &Quantity, own: Option<chrono::NaiveDate>) -> bool {
    let Some(own) = own else {
        return false;
    };
    let day = f64::from(chrono::Datelike::num_days_from_ce(&own));
    q.class == UnitClass::Time(TimeGrain::Day)
        && q.display.chars().filter(char::is_ascii_digit).count() >= 5
        && (q.lo - day).abs() <= 1.0
}

/// Page furniture: "6 minute read", "3 HOURS AGO", "Updated 2 hours".
fn is_furniture(text: &str, span: Span) -> bool {
    let after: String = text[span.end..]
        .chars()
        .take(12)
        .collect::<String>()
        .to_lowercase();
    let before: String = text[..span.start]
        .chars()
        .rev()
        .take(12)
        .collect::<String>()
        .to_lowercase();
    let after = after.trim_start();
    after.starts_with("read")
        || after.starts_with("ago")
        || before.contains("detadpu")
        || before.contains("dehsilbup")
}

fn same_class(a: &UnitClass, b: &UnitClass) -> bool {
    a == b
}

/// How likely two quantities describe the same thing; `None` when they
/// cannot (different classes or counted nouns).
fn match_score(a: &Found, b: &Found, pair: &Pair<'_>, sentence_overlap: f64) -> Option<f64> {
    if !same_class(&a.q.class, &b.q.class) {
        return None;
    }
    let slot = in_same_slot(a, b, pair);
    let mut score = 0.0;
    match (&a.q.noun, &b.q.noun) {
        (Some(x), Some(y)) if x == y => score += 2.0,
        (Some(_), Some(_)) => {
            if matches!(a.q.class, UnitClass::Count | UnitClass::Ordinal) {
                return None;
            }
            score -= 1.0;
        }
        _ => {
            if a.q.class == UnitClass::Count && !slot {
                return None;
            }
        }
    }
    // Days and months: sentences often date several events, so only the
    // diff slot or closely shared surroundings pair two dates.
    let near = containment(&a.near, &b.near);
    let shared_near = a.near.iter().filter(|w| b.near.contains(w)).count();
    if matches!(
        a.q.class,
        UnitClass::Time(TimeGrain::Day | TimeGrain::Month)
    ) && !slot
        && (near < 0.5 || shared_near < 3)
    {
        return None;
    }
    if slot {
        score += 3.0;
    }
    score += 2.0 * sentence_overlap;
    score += 1.5 * containment(&a.near, &b.near);
    if let Some(link) = pair.link {
        score += 0.5 + link.similarity;
    }
    Some(score)
}

/// The alignment's word diff puts the two quantities opposite each other:
/// both inside one changed op, or at the same place of an unchanged run.
fn in_same_slot(a: &Found, b: &Found, pair: &Pair<'_>) -> bool {
    let Some(link) = pair.link else {
        return false;
    };
    let (qa, qb) = if link.a == a.at { (a, b) } else { (b, a) };
    pair.diff.iter().any(|op| {
        if op.tag == DiffTag::Equal {
            op.a.contains(qa.q.span.start)
                && qb.q.span.start == op.b.start + (qa.q.span.start - op.a.start)
        } else {
            overlaps_or_touches(op.a, qa.q.span) && overlaps_or_touches(op.b, qb.q.span)
        }
    })
}

fn overlaps_or_touches(op: Span, q: Span) -> bool {
    if op.is_empty() {
        q.start <= op.start && op.start <= q.end
    } else {
        op.overlaps(&q)
    }
}

/// Two quantities conflict when their hedged intervals do not overlap, or
/// when both are bounds of the same direction with different figures:
/// "more than 10,000 calls" / "more than 15,000 calls" can both be true,
/// but the outlets give different figures, which a reader wants to see.
pub(crate) fn conflict(a: &Quantity, b: &Quantity) -> bool {
    let tolerance = 1e-9 * a.hi.abs().max(b.hi.abs()).max(1.0);
    if a.hi + tolerance < b.lo || b.hi + tolerance < a.lo {
        return true;
    }
    let lower = |q: &Quantity| matches!(q.hedge, Hedge::MoreThan | Hedge::AtLeast);
    let upper = |q: &Quantity| matches!(q.hedge, Hedge::UpTo | Hedge::LessThan);
    let differ = |x: f64, y: f64| (x - y).abs() > 0.01 * x.abs().max(y.abs());
    (lower(a) && lower(b) && differ(a.lo, b.lo)) || (upper(a) && upper(b) && differ(a.hi, b.hi))
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// The plural of a counted noun's singular key, for labels ("Number of
/// people", "Number of casualties", "Number of votes").
fn plural(noun: &str) -> String {
    const IRREGULAR: [(&str, &str); 8] = [
        ("person", "people"),
        ("people", "people"),
        ("man", "men"),
        ("woman", "women"),
        ("child", "children"),
        ("police", "police"),
        ("staff", "staff"),
        ("series", "series"),
    ];
    if let Some((_, p)) = IRREGULAR.iter().find(|(s, _)| *s == noun) {
        return (*p).to_string();
    }
    let consonant_y = noun
        .strip_suffix('y')
        .is_some_and(|stem| stem.ends_with(|c: char| !"aeiou".contains(c)));
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| noun.ends_with(e))
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// What the quantities measure, for the summary ("Meeting length").
fn label(q: &Quantity, group_label: &str) -> String {
    let base = match (&q.class, &q.noun) {
        (UnitClass::Duration, Some(n)) if n == "age" => "Age".into(),
        (UnitClass::Duration, Some(n)) => format!("{} length", capitalize(n)),
        (UnitClass::Duration, None) => "Duration".into(),
        (UnitClass::Count, Some(n)) => format!("Number of {}", plural(n)),
        (UnitClass::Count, None) => "Number".into(),
        (UnitClass::Ordinal, Some(n)) => format!("Which {n}"),
        (UnitClass::Ordinal, None) => "Position".into(),
        (UnitClass::Money(_), Some(n)) => format!("{} amount", capitalize(n)),
        (UnitClass::Money(_), None) => "Amount".into(),
        (UnitClass::Percent, _) => "Percentage".into(),
        (UnitClass::Time(TimeGrain::Year), _) => "Year".into(),
        (UnitClass::Time(_), _) => "Date".into(),
    };
    if q.noun.is_none() && !group_label.is_empty() && group_label.len() <= 40 {
        format!("{base} ({group_label})")
    } else {
        base
    }
}

fn report(
    ctx: &Ctx<'_>,
    all: &[Found],
    members: &[usize],
    group: Option<GroupId>,
) -> Option<Discrepancy> {
    let mut mentions = Vec::new();
    let mut parts = Vec::new();
    let mut seen = Vec::new();
    for &m in members {
        let f = &all[m];
        let key = (f.at.source, f.q.span, f.at.paragraph);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let mut mention = ctx.mention(f.at.source, f.at.paragraph, f.q.span)?;
        mention.value = Some(f.q.value);
        mention.unit = Some(f.q.unit.clone()).filter(|u| !u.is_empty());
        let part = format!("{} {}", ctx.name(f.at.source), f.q.display);
        if !parts.contains(&part) {
            parts.push(part);
        }
        mentions.push(mention);
    }
    let mut sources: Vec<_> = mentions.iter().map(|m| m.source).collect();
    sources.sort();
    sources.dedup();
    if sources.len() < 2 {
        return None;
    }
    let first = &all[members[0]].q;
    let group_label = ctx
        .alignment
        .groups
        .iter()
        .find(|g| Some(g.id) == group)
        .map_or("", |g| g.label.as_str());
    let summary = format!("{}: {}", label(first, group_label), parts.join(" · "));
    Some(Discrepancy::new(
        DiscrepancyKind::Number,
        Some(Subkind::Conflict),
        group,
        summary,
        score(all, members),
        mentions,
    ))
}

/// In [`Band::NumberConflict`]: larger relative gaps and firmer wording rank higher; points in
/// time rank a little lower than amounts.
fn score(all: &[Found], members: &[usize]) -> f64 {
    let qs: Vec<&Quantity> = members.iter().map(|&m| &all[m].q).collect();
    let mut gap: f64 = 0.0;
    for a in &qs {
        for b in &qs {
            if conflict(a, b) {
                let (lo, hi) = if a.hi < b.lo {
                    (a.hi, b.lo)
                } else {
                    (b.hi, a.lo)
                };
                let scale = hi.abs().max(lo.abs()).max(f64::MIN_POSITIVE);
                gap = gap.max(((hi - lo) / scale).min(1.0));
            }
        }
    }
    let hedged = qs
        .iter()
        .any(|q| matches!(q.hedge, Hedge::Vague | Hedge::MoreThan | Hedge::LessThan));
    let time = qs.iter().any(|q| matches!(q.class, UnitClass::Time(_)));
    let mut s = Band::NumberConflict.score(gap.sqrt());
    if hedged {
        s -= NUMBER_HEDGED;
    }
    if time {
        s -= NUMBER_TIME;
    }
    s.clamp(NUMBER_FLOOR, NUMBER_CEILING)
}

#[cfg(test)]
mod tests {
    use super::super::harness::detect_pair;
    use crate::model::DiscrepancyKind;

    fn pair(a: &str, b: &str) -> Vec<crate::model::Discrepancy> {
        detect_pair(a, b)
            .into_iter()
            .filter(|d| d.kind == DiscrepancyKind::Number)
            .collect()
    }
    #[test]
    fn labels_name_plurals() {
        for (noun, label) in [
            ("person", "people"),
            ("people", "people"),
            ("casualty", "casualties"),
            ("day", "days"),
            ("vote", "votes"),
            ("bus", "buses"),
            ("child", "children"),
        ] {
            assert_eq!(super::plural(noun), label);
        }
    }

    #[test]
    fn ordinals_and_bounds() {
        let day = pair(
            "The strike by port workers reached its 35th day on Monday, union leaders said.",
            "The strike by port workers reached its 43rd day on Monday, according to union leaders.",
        );
        assert_eq!(day.len(), 1, "{day:#?}");
        assert!(
            day[0].summary.starts_with("Which day: "),
            "{}",
            day[0].summary
        );
        let calls = pair(
            "The city hotline received more than 10,000 calls from stranded travellers.",
            "The city hotline received more than 15,000 calls from stranded travellers.",
        );
        assert_eq!(calls.len(), 1, "{calls:#?}");
        assert!(
            calls[0].summary.starts_with("Number of calls: ")
                && calls[0].summary.contains("more than 15,000")
                && !calls[0].summary.contains("call ·"),
            "{}",
            calls[0].summary
        );
        for (a, b) in [
            // the same bound, and a bound that the exact figure meets
            (
                "The hotline received more than 10,000 calls from travellers.",
                "The hotline received over 10,000 calls from travellers.",
            ),
            (
                "The hotline received more than 10,000 calls from travellers.",
                "The hotline received 15,000 calls from travellers.",
            ),
            // a date, not a position in a series
            (
                "The strike began on March 3rd at the port.",
                "The strike began on the 3rd of March at the port.",
            ),
            // different nouns are different series
            (
                "The strike reached its 35th day at the port.",
                "The port held its 43rd annual festival during the strike.",
            ),
        ] {
            let found = pair(a, b);
            assert!(found.is_empty(), "{a} / {b}: {found:#?}");
        }
    }

    #[test]
    fn conflicts_and_agreements() {
        let conflict = pair(
            "Speaking after the 30-minute meeting on Monday, Xi said he hoped for progress.",
            "The 35-minute meeting at the Great Hall was expected.",
        );
        assert_eq!(conflict.len(), 1, "{conflict:#?}");
        assert!(conflict[0].summary.starts_with("Meeting length"));
        for (a, b) in [
            (
                "They met for about three hours.",
                "They held a three-hour meeting.",
            ),
            (
                "He is the first to visit since 2018.",
                "He is the first to visit in five years.",
            ),
            (
                "They met on Saturday in Geneva.",
                "They met over the weekend in Geneva.",
            ),
            (
                "The talks lasted five-and-a-half hours.",
                "The talks lasted nearly six hours.",
            ),
            (
                "On Sunday, Blinken also met foreign minister Qin Gang.",
                "He met Wang earlier on Monday and foreign minister Qin Gang on Sunday.",
            ),
            (
                "Some 1,200 people attended.",
                "More than 1,000 people attended.",
            ),
        ] {
            let found = pair(a, b);
            assert!(found.is_empty(), "{a} / {b}: {found:#?}");
        }
    }
}
