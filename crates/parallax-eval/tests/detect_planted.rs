//! Planted-change evaluation of the detectors on the fixture articles
//! (`tests/fixtures/articles`): per-kind precision and recall with the gold
//! alignment, floors asserted. Run with `--nocapture` to see the figures.

use parallax_eval::plant::{Scores, evaluate, evaluate_unlinked};

fn articles() -> Vec<String> {
    let dir = parallax_eval::repo_dir().join("tests/fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture text"))
        .collect()
}

fn print(label: &str, s: &Scores) {
    for (kind, c) in [
        ("number", s.number),
        ("quote", s.quote),
        ("framing", s.framing),
    ] {
        println!(
            "{label} {kind:8} precision {:.3} ({}/{})  recall {:.3} ({}/{})",
            c.precision(),
            c.correct,
            c.reported,
            c.recall(),
            c.found,
            c.planted
        );
    }
    println!("{label} on identical sentences: {}", s.on_identical);
    for m in s.misses.iter().take(40) {
        println!("  miss: {m}");
    }
    for f in s.false_alarms.iter().take(40) {
        println!("  false alarm: {f}");
    }
}

#[test]
fn planted_changes_are_found_precisely_with_gold_alignment() {
    let scores = evaluate(&articles(), 0..2, None);
    print("gold", &scores);
    assert!(scores.number.planted >= 40, "enough planted numbers");
    assert!(scores.quote.planted >= 20, "enough planted quotes");
    assert!(scores.framing.planted >= 40, "enough planted framing");
    assert!(scores.number.precision() >= 0.9);
    assert!(scores.number.recall() >= 0.9);
    assert!(scores.quote.precision() >= 0.9);
    assert!(scores.quote.recall() >= 0.9);
    assert!(scores.framing.precision() >= 0.8);
    assert!(scores.framing.recall() >= 0.8);
    assert_eq!(
        scores.on_identical, 0,
        "nothing reported between identical sentences"
    );
}

/// The whole pipeline: the real aligner on planted copies that the rewrite
/// generator has also reordered, split, merged, cut and padded with
/// unrelated paragraphs.
#[test]
fn planted_changes_survive_the_real_aligner() {
    let align = |s: &[parallax::model::Source]| parallax::analysis::align::align(s);
    let scores = parallax_eval::plant::evaluate_synth(&articles(), 0..2, &align);
    print("synth+align", &scores);
    assert!(scores.number.planted >= 25 && scores.quote.planted >= 15);
    assert!(scores.number.precision() >= 0.9);
    assert!(scores.quote.precision() >= 0.9);
    assert!(scores.framing.precision() >= 0.8);
    assert!(scores.number.recall() >= 0.8);
    assert!(scores.quote.recall() >= 0.8);
    assert!(scores.framing.recall() >= 0.7);
    assert_eq!(scores.on_identical, 0);
}

/// The planted number and framing changes sit in reworded sentences that
/// the alignment leaves unlinked: only referent matching can find them.
/// Precision must stay where it is with links; recall is what referent
/// matching recovers (reported, with a floor against regressions).
#[test]
fn planted_changes_in_unlinked_sentences() {
    let scores = evaluate_unlinked(&articles(), 0..2);
    print("unlinked", &scores);
    assert!(scores.number.planted >= 40 && scores.framing.planted >= 40);
    assert!(scores.number.precision() >= 0.99);
    assert!(scores.framing.precision() >= 0.99);
    assert_eq!(scores.on_identical, 0);
}
