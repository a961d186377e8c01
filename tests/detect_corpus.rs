//! The examples through the real pipeline (ingest → align →
//! detect) on the bundled corpus. These check behaviour; nothing is tuned
//! on them. Examples the detectors find only when the alignment links the
//! two sentences are marked `#[ignore]` with the missing link named, until
//! the aligner makes it (see `tests/detect_examples.rs` for the same
//! examples on hand-made alignments, which must pass).

use parallax::analysis::analyze;
use parallax::ingest::bundled_sources;
use parallax::model::{Discrepancy, DiscrepancyKind, Report, Subkind};

/// How far down the ranking an example may sit and still count as "among
/// the top-ranked".
const TOP: usize = 12;

fn report() -> Report {
    analyze(bundled_sources())
}

fn mentions_text(d: &Discrepancy, needle: &str) -> bool {
    d.mentions.iter().any(|m| m.text.contains(needle))
}

fn top(report: &Report) -> &[Discrepancy] {
    &report.discrepancies[..report.discrepancies.len().min(TOP)]
}

fn dump(report: &Report) {
    for d in top(report) {
        println!(
            "{} {:?} {:?} {:.2} {}",
            d.id, d.kind, d.subkind, d.score, d.summary
        );
    }
}

#[test]
fn foreign_ministry_quote_is_reworded_near_the_top() {
    let r = report();
    dump(&r);
    assert!(top(&r).iter().any(|d| d.kind == DiscrepancyKind::Quote
        && d.subkind == Some(Subkind::Reworded)
        && mentions_text(d, "critical juncture")
        && mentions_text(d, "critical turning point")));
}

#[test]
fn meeting_length_conflict_is_near_the_top() {
    let r = report();
    dump(&r);
    assert!(top(&r).iter().any(|d| d.kind == DiscrepancyKind::Number
        && mentions_text(d, "30-minute")
        && mentions_text(d, "35-minute")));
}

#[test]
fn qin_talks_conflict_is_near_the_top() {
    let r = report();
    dump(&r);
    assert!(top(&r).iter().any(|d| d.kind == DiscrepancyKind::Number
        && mentions_text(d, "7 1/2")
        && (mentions_text(d, "five-and-a-half") || mentions_text(d, "nearly six"))));
}

#[test]
fn balloon_label_is_reported() {
    let r = report();
    dump(&r);
    assert!(
        r.discrepancies
            .iter()
            .take(2 * TOP)
            .any(|d| d.kind == DiscrepancyKind::Framing
                && mentions_text(d, "spy balloon")
                && mentions_text(d, "surveillance balloon"))
    );
}

#[test]
fn agreements_are_not_flagged() {
    let r = report();
    let numbers: Vec<&Discrepancy> = r
        .discrepancies
        .iter()
        .filter(|d| d.kind == DiscrepancyKind::Number)
        .collect();
    for d in &numbers {
        println!("{}", d.summary);
    }
    assert!(
        !numbers
            .iter()
            .any(|d| mentions_text(d, "about three hours") || mentions_text(d, "three-hour")),
        "about three hours / three-hour meeting agree"
    );
    assert!(
        !numbers
            .iter()
            .any(|d| mentions_text(d, "2018") || mentions_text(d, "five years")),
        "since 2018 / in five years agree"
    );
    assert!(
        !numbers.iter().any(|d| mentions_text(d, "five-and-a-half")
            && mentions_text(d, "nearly six")
            && d.mentions.len() == 2),
        "five-and-a-half hours and nearly six hours agree with each other"
    );
}

#[test]
fn every_discrepancy_is_well_formed() {
    let r = report();
    let mut last = f64::INFINITY;
    for (i, d) in r.discrepancies.iter().enumerate() {
        assert_eq!(d.id.0, i);
        assert!(d.score <= last);
        last = d.score;
        assert!(!d.summary.trim().is_empty());
        let mut sources: Vec<_> = d.mentions.iter().map(|m| m.source).collect();
        sources.sort();
        sources.dedup();
        // what one source has or how it words it stands alone
        let single = d.kind == DiscrepancyKind::Omission
            || matches!(d.subkind, Some(Subkind::Loaded | Subkind::Exclusive));
        let needed = if single { 1 } else { 2 };
        assert!(sources.len() >= needed, "{}", d.summary);
        for m in &d.mentions {
            let text = &r.sources[m.source.0].paragraphs[m.paragraph].text;
            assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        }
    }
}

/// Content that a discrepancy already sets against another source's version
/// is not also reported as "only" in one source.
#[test]
fn no_sentence_is_both_compared_and_exclusive() {
    let report = parallax::analyze(parallax::ingest::bundled_sources());
    let overlaps = |a: &parallax::model::Mention, b: &parallax::model::Mention| {
        a.source == b.source && a.paragraph == b.paragraph && a.span().overlaps(&b.span())
    };
    let exclusive: Vec<_> = report
        .discrepancies
        .iter()
        .filter(|d| {
            d.subkind == Some(Subkind::Exclusive)
                && d.kind == parallax::model::DiscrepancyKind::Omission
        })
        .collect();
    assert!(!exclusive.is_empty(), "the corpus has exclusive content");
    for d in &report.discrepancies {
        let sources: std::collections::HashSet<_> = d.mentions.iter().map(|m| m.source).collect();
        if d.kind == parallax::model::DiscrepancyKind::Omission || sources.len() < 2 {
            continue;
        }
        for e in &exclusive {
            assert!(
                !e.mentions
                    .iter()
                    .any(|em| d.mentions.iter().any(|m| overlaps(em, m))),
                "{:?} is reported as exclusive and compared in {:?}",
                e.summary,
                d.summary
            );
        }
    }
}
