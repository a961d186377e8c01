//! Every kind of source relation on small articles written for the test
//! (`tests/fixtures/relations/`, invented events), through the same
//! pipeline as `parallax report FILE...`, and what each kind does to the
//! findings: sources on a different event are set aside, no two sharing an
//! event means no cross-source claim (and exit 0), time-bound differences
//! between a report and a later report rank below conflicts.

use std::path::PathBuf;
use std::process::Command;

use parallax::analysis::align::{Overview, Role};
use parallax::ingest::{Input, load};
use parallax::model::{DiscrepancyKind, RelationKind, Report, SourceId, SourceRelation, Subkind};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/relations")
        .join(format!("{name}.txt"))
        .display()
        .to_string()
}

fn report(names: &[&str]) -> Report {
    let inputs: Vec<Input> = names.iter().map(|n| Input::new(fixture(n))).collect();
    let loaded = load(&inputs).expect("fixtures load");
    parallax::analyze(loaded.sources)
}

fn relation(r: &Report, a: usize, b: usize) -> &SourceRelation {
    r.relation(SourceId(a), SourceId(b))
        .expect("a relation per pair")
}

#[test]
fn two_independent_reports_of_one_event_are_the_same_event() {
    let r = report(&["coastal-times", "valley-herald"]);
    let rel = relation(&r, 0, 1);
    assert_eq!(rel.kind, RelationKind::SameEvent, "{:?}", rel.evidence);
    assert!(rel.score >= 0.85);
    assert!(!rel.evidence.shared_sub_events.is_empty());
    assert!(rel.evidence.shared_names.iter().any(|n| n == "Quell"));
    assert!(rel.rewrite_of.is_none());
}

#[test]
fn a_report_of_a_later_day_is_a_later_report() {
    let r = report(&["coastal-times", "evening-post"]);
    let rel = relation(&r, 0, 1);
    assert_eq!(rel.kind, RelationKind::LaterReport, "{:?}", rel.evidence);
    assert_eq!(rel.evidence.later, Some(SourceId(1)));
    assert_eq!(rel.evidence.a_day.as_deref(), Some("Monday"));
    assert_eq!(rel.evidence.b_day.as_deref(), Some("Wednesday"));
    let o = Overview::new(2, &r.relations);
    assert_eq!(o.roles[1], Role::LaterReport { of: SourceId(0) });
    assert_eq!(
        o.summary(&r.sources),
        "coastal-times: the first report · evening-post: a later report"
    );
}

#[test]
fn a_count_so_far_that_a_later_day_changes_ranks_below_conflicts() {
    let r = report(&["coastal-times", "evening-post"]);
    let trucks = r
        .discrepancies
        .iter()
        .find(|d| d.kind == DiscrepancyKind::Number && d.summary.contains("truck"))
        .expect("the truck count differs");
    assert_eq!(trucks.subkind, Some(Subkind::TimeBound));
    assert!(trucks.summary.starts_with("Later report, time-bound: "));
    assert!(trucks.score < 0.8, "below every conflict: {}", trucks.score);
    // with a third source of Monday's report, the difference is still
    // between a report and the later one
    let three = report(&["coastal-times", "valley-herald", "evening-post"]);
    assert!(
        three
            .discrepancies
            .iter()
            .filter(|d| d.kind == DiscrepancyKind::Number && d.summary.contains("truck"))
            .all(|d| d.subkind == Some(Subkind::TimeBound))
    );
}

#[test]
fn a_short_box_that_covers_part_of_a_report_is_partial() {
    let r = report(&["coastal-times", "harbor-brief"]);
    let rel = relation(&r, 0, 1);
    assert_eq!(rel.kind, RelationKind::Partial, "{:?}", rel.evidence);
    assert_eq!(rel.evidence.part, Some(SourceId(1)));
    let o = Overview::new(2, &r.relations);
    assert_eq!(o.roles[1], Role::Partial { of: SourceId(0) });
}

#[test]
fn a_light_edit_is_a_rewrite() {
    let r = report(&["coastal-times", "coastal-wire"]);
    let rel = relation(&r, 0, 1);
    assert_eq!(rel.kind, RelationKind::Rewrite, "{:?}", rel.evidence);
    assert!(rel.rewrite_of.is_some());
    assert!(rel.evidence.note.contains("not independent"));
}

#[test]
fn the_same_text_twice_is_identical_and_compared_once() {
    // the same path twice is read once (ingest); the same text under
    // another path is a second source
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("coastal-times.txt");
    std::fs::copy(fixture("coastal-times"), &copy).unwrap();
    let inputs = [
        Input::new(fixture("coastal-times")),
        Input::new(copy.display().to_string()),
        Input::new(fixture("valley-herald")),
    ];
    let r = parallax::analyze(load(&inputs).expect("fixtures load").sources);
    assert_eq!(relation(&r, 0, 1).kind, RelationKind::Identical);
    let o = Overview::new(3, &r.relations);
    assert_eq!(o.roles[1], Role::Copy { of: SourceId(0) });
    assert_eq!(
        o.summary(&r.sources),
        "coastal-times, valley-herald: one event · coastal-times: given twice"
    );
    // nothing is claimed about the copy
    assert!(
        r.discrepancies
            .iter()
            .all(|d| d.mentions.iter().all(|m| m.source != SourceId(1))),
        "{:?}",
        r.discrepancies
    );
}

#[test]
fn same_topic_different_events_are_different_events() {
    let r = report(&["coastal-times", "millbrook-gazette"]);
    let rel = relation(&r, 0, 1);
    assert_eq!(rel.kind, RelationKind::DifferentEvent, "{:?}", rel.evidence);
    assert!(rel.score < 0.5);
    assert!(rel.evidence.note.starts_with("no happening in common"));
}

#[test]
fn a_source_on_a_different_event_is_set_aside_and_never_mentioned() {
    let r = report(&["coastal-times", "valley-herald", "millbrook-gazette"]);
    let o = Overview::new(3, &r.relations);
    assert_eq!(o.set_aside().collect::<Vec<_>>(), vec![SourceId(2)]);
    let lines = o.set_aside_lines(&r.sources, &r.relations);
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("millbrook-gazette is set aside: it reports a different event"),
        "{lines:?}"
    );
    assert!(
        r.discrepancies
            .iter()
            .all(|d| d.mentions.iter().all(|m| m.source != SourceId(2))),
        "a finding names the source set aside"
    );
    // "not in millbrook-gazette" is never claimed
    assert!(
        r.discrepancies
            .iter()
            .all(|d| !d.summary.contains("millbrook")),
        "{:?}",
        r.discrepancies
    );
}

#[test]
fn no_two_sources_on_one_event_means_no_cross_source_claim() {
    let r = report(&["coastal-times", "dunmore-daily"]);
    assert_eq!(relation(&r, 0, 1).kind, RelationKind::DifferentEvent);
    assert!(
        r.discrepancies.is_empty(),
        "no claim across events: {:?}",
        r.discrepancies
    );
    let o = Overview::new(2, &r.relations);
    assert!(o.nothing_shared());
}

#[test]
fn the_no_shared_event_report_says_so_and_exits_zero() {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["report", "--format", "text"])
        .arg(fixture("millbrook-gazette"))
        .arg(fixture("dunmore-daily"))
        .output()
        .unwrap();
    assert!(out.status.success(), "a result, not an error");
    let text = String::from_utf8(out.stdout).unwrap();
    let summary = text.find("no two report the same event").expect(&text);
    let findings = text.find("Discrepancies").expect(&text);
    assert!(summary < findings, "the summary comes first:\n{text}");
    assert!(text.contains("None: no two sources report the same event."));
    let json = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["report", "--format", "json"])
        .arg(fixture("millbrook-gazette"))
        .arg(fixture("dunmore-daily"))
        .output()
        .unwrap();
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["relations"][0]["kind"], "different_event");
    assert!(v["relations"][0]["score"].as_f64().unwrap() < 0.5);
    assert!(v["relations"][0]["evidence"]["note"].is_string());
    assert_eq!(v["discrepancies"].as_array().unwrap().len(), 0);
}
