//! A small two-outlet event written for these tests (not real reporting:
//! `tests/fixtures/invented/`), holding the cases a new user tried by hand:
//! figures tied by a verb ("injuring 41 people" / "Forty people were
//! injured"), counts of people on site, a label swap ("protesters" /
//! "rioters"), and a quotation both outlets carry word for word.

use parallax::analysis::analyze;
use parallax::ingest::{Input, load};
use parallax::model::{DiscrepancyKind, Report};

fn report() -> Report {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invented/warehouse-fire"
    );
    let inputs = ["wire.txt", "courier.txt"].map(|f| Input::new(format!("{dir}/{f}")));
    analyze(load(&inputs).expect("fixture").sources)
}

fn has(r: &Report, kind: DiscrepancyKind, a: &str, b: &str) -> bool {
    r.discrepancies.iter().any(|d| {
        d.kind == kind
            && d.mentions.iter().any(|m| m.text.contains(a))
            && d.mentions.iter().any(|m| m.text.contains(b))
    })
}

#[test]
fn injured_41_against_40_and_300_against_250_on_site() {
    let r = report();
    assert!(has(&r, DiscrepancyKind::Number, "41", "Forty"));
    assert!(has(&r, DiscrepancyKind::Number, "300", "250"));
}

#[test]
fn rioters_against_protesters_is_framing() {
    let r = report();
    assert!(has(&r, DiscrepancyKind::Framing, "Protesters", "Rioters"));
}

#[test]
fn a_quotation_both_carry_is_neither_reworded_nor_exclusive_nor_loaded() {
    let r = report();
    for d in &r.discrepancies {
        let on_quote = d.mentions.iter().any(|m| m.text.contains("devastated"));
        assert!(!on_quote, "{:?} {:?}: {}", d.kind, d.subkind, d.summary);
        assert!(!d.summary.contains("Only courier quotes"), "{}", d.summary);
    }
}
