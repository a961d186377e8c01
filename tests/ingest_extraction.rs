//! `parallax report --format json` on the article-extraction development
//! pages beside the checkout (`../shared/extraction-dev`, present in CI):
//! it must succeed and find article text on every eighth page. Skipped
//! (with a note) when the directory is absent. The extraction F1 on these
//! pages is scored by the evaluation crate
//! (`crates/parallax-eval/tests/ingest_extraction.rs`). Needs the `html`
//! feature.

#![cfg(feature = "html")]

use std::path::PathBuf;
use std::process::Command;

/// The saved pages (`html/<id>.html.gz`), sorted.
fn dev_pages() -> Option<Vec<PathBuf>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/extraction-dev/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return None;
    };
    let mut pages: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    pages.sort();
    Some(pages)
}

#[test]
fn report_json_on_dev_pages() {
    let Some(pages) = dev_pages() else { return };
    let sample: Vec<PathBuf> = pages.into_iter().step_by(8).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["report", "--format", "json"])
        .args(&sample)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("DEBUG"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema"], "parallax.report/1");
    let sources = json["sources"].as_array().unwrap();
    assert_eq!(sources.len(), sample.len());
    for source in sources {
        let paragraphs = source["paragraphs"].as_array().unwrap();
        assert!(
            paragraphs.iter().any(|p| p["kind"] == "body"),
            "{}",
            source["origin"]
        );
    }
}
