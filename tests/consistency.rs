//! The report never contradicts itself, on every corpus the repository
//! has (the bundled articles, the twelve written events, the invented
//! event) and on the real-text development events when they are present
//! (`$PARALLAX_REAL_DEV` or `../shared/real-dev`): a passage that one
//! finding calls "only in X" / "not in Y" is never, in another finding,
//! compared with Y's version of it.

use std::path::PathBuf;

mod real_dev_common;
use real_dev_common::{data_dir, repo};

use parallax::analysis::analyze;
use parallax::ingest::{Input, bundled_sources, load};
use parallax::model::{Discrepancy, DiscrepancyKind, Report, Subkind};

/// Findings that say some sources lack a passage: omissions, and a
/// quotation only one source carries.
fn claims_absence(d: &Discrepancy) -> bool {
    d.kind == DiscrepancyKind::Omission
        || (d.kind == DiscrepancyKind::Quote && d.subkind == Some(Subkind::Exclusive))
}

/// Findings that compare a passage across sources (so every source they
/// mention has it).
fn compares(d: &Discrepancy) -> bool {
    !claims_absence(d) && d.mentions.len() >= 2 && d.subkind != Some(Subkind::Loaded)
}

/// Each contradiction, in words.
fn contradictions(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for absent in r.discrepancies.iter().filter(|d| claims_absence(d)) {
        // the source the passage is said to be exclusive to: the first
        // mention of an exclusive quote, every mention of an omission
        let carried: Vec<_> = if absent.kind == DiscrepancyKind::Quote {
            absent.mentions.iter().take(1).collect()
        } else {
            absent.mentions.iter().collect()
        };
        let has: Vec<_> = absent.mentions.iter().map(|m| m.source).collect();
        for other in r.discrepancies.iter().filter(|d| compares(d)) {
            let same_passage = other.mentions.iter().any(|m| {
                carried.iter().any(|c| {
                    c.source == m.source
                        && c.paragraph == m.paragraph
                        && c.span().overlaps(&m.span())
                })
            });
            if !same_passage {
                continue;
            }
            let lacking_but_compared: Vec<_> = other
                .mentions
                .iter()
                .filter(|m| !has.contains(&m.source))
                .filter(|m| {
                    absent.kind == DiscrepancyKind::Omission || m.source != carried[0].source
                })
                .collect();
            if !lacking_but_compared.is_empty() {
                out.push(format!(
                    "“{}” says the passage is missing from {}, but “{}” compares it there",
                    absent.summary, r.sources[lacking_but_compared[0].source.0].name, other.summary
                ));
            }
        }
    }
    out
}

fn check(corpus: &str, r: &Report) -> usize {
    let found = contradictions(r);
    for c in &found {
        println!("{corpus}: {c}");
    }
    found.len()
}

fn dir_report(dir: &std::path::Path) -> Option<Report> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    if files.len() < 2 {
        return None;
    }
    let inputs: Vec<Input> = files
        .iter()
        .map(|f| Input::new(f.display().to_string()))
        .collect();
    Some(analyze(load(&inputs).ok()?.sources))
}

fn fixture_dirs(under: &str) -> Vec<PathBuf> {
    let root = repo().join(under);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn no_finding_contradicts_another_on_the_repository_corpora() {
    let mut bad = check("bundled", &analyze(bundled_sources()));
    let mut corpora = 1;
    for dir in fixture_dirs("tests/fixtures/events")
        .into_iter()
        .chain(fixture_dirs("tests/fixtures/invented"))
    {
        if let Some(r) = dir_report(&dir) {
            bad += check(&dir.display().to_string(), &r);
            corpora += 1;
        }
    }
    assert!(corpora >= 14, "only {corpora} corpora read");
    assert_eq!(bad, 0, "{bad} contradictions (listed above)");
}

#[test]
fn no_finding_contradicts_another_on_real_reporting() {
    let Some(basil) = data_dir() else {
        println!("real-dev data not found ($PARALLAX_REAL_DEV or ../shared/real-dev): skipped");
        return;
    };
    let mut events: Vec<PathBuf> = std::fs::read_dir(&basil)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    events.sort();
    let (mut bad, mut read) = (0, 0);
    for event in &events {
        if let Some(r) = dir_report(event) {
            bad += check(&event.file_name().unwrap().to_string_lossy(), &r);
            read += 1;
        }
    }
    println!("real-dev: {read} events, {bad} contradictions");
    assert_eq!(bad, 0, "{bad} contradictions (listed above)");
}
