//! Article extraction on the two development sets beside the checkout
//! (`../shared/extraction-dev`, 57 pages, shingle F1; `../shared/extraction-dev2`,
//! 884 pages, trafilatura's snippet F1): floors on the whole set and on each
//! half (`tune`, where rules are chosen; `held`, scored only) at the figures
//! measured when the floors were set, and on the pages given a date. A set
//! that is absent is skipped with a note. The product's
//! `tests/ingest_extraction.rs` runs `parallax report` on the first set.
//! `cargo run --release -p parallax-eval --example extraction_eval` prints
//! the same figures and the speed. Needs the `html` feature.

#![cfg(feature = "html")]

use parallax_eval::extraction::{
    Page, PageResult, dev_set_dirs, load_set, parallax_extract, score, split_scores,
};

/// Floors of one set: F1 on all pages, the tune half and the held half, and
/// the fewest pages that must be given a date.
struct Floors {
    all: f64,
    tune: f64,
    held: f64,
    dated: usize,
}

/// Slack under the measured figures, for rounding and harmless drift.
const SLACK: f64 = 0.002;

/// Extracts every page (on two threads) and checks the floors.
fn check(set: &str, floors: &Floors) {
    let dir = dev_set_dirs()
        .into_iter()
        .find(|(name, _)| *name == set)
        .map(|(_, dir)| dir)
        .unwrap();
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let pages = load_set(&dir).unwrap();
    let run = |chunk: &[Page]| -> Vec<(PageResult, bool)> {
        chunk
            .iter()
            .map(|page| {
                // A page with no article found scores as an empty extraction.
                let got = parallax_extract(&page.path).unwrap_or_default();
                (score(&got.text, &page.truth), got.date.is_some())
            })
            .collect()
    };
    let half = pages.len().div_ceil(2);
    let runs: Vec<(PageResult, bool)> = std::thread::scope(|s| {
        let first = s.spawn(|| run(&pages[..half]));
        let second = run(&pages[half..]);
        let mut all = first.join().unwrap();
        all.extend(second);
        all
    });
    let results: Vec<PageResult> = runs.iter().map(|(r, _)| *r).collect();
    let dated = runs.iter().filter(|(_, d)| *d).count();
    let split = split_scores(&pages, &results);
    eprintln!(
        "{set}: F1 all {:.4} tune {:.4} held {:.4}; {dated}/{} pages dated",
        split.all.f1,
        split.tune.f1,
        split.held.f1,
        pages.len()
    );
    for (name, got, floor) in [
        ("all", split.all.f1, floors.all),
        ("tune", split.tune.f1, floors.tune),
        ("held", split.held.f1, floors.held),
    ] {
        assert!(
            got >= floor - SLACK,
            "{set} {name} F1 {got:.4} < floor {floor:.4}"
        );
    }
    assert!(
        dated >= floors.dated,
        "{set}: {dated} pages dated < {}",
        floors.dated
    );
}

#[test]
fn extraction_dev_floors() {
    check(
        "extraction-dev",
        &Floors {
            all: 0.9722,
            tune: 0.9645,
            held: 0.9806,
            dated: 57,
        },
    );
}

#[test]
fn extraction_dev2_floors() {
    check(
        "extraction-dev2",
        &Floors {
            all: 0.9243,
            tune: 0.9315,
            held: 0.9162,
            dated: 882,
        },
    );
}
