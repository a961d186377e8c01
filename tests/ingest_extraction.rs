//! Article extraction on the development pages beside the checkout
//! (`../shared/extraction-dev`, present in CI): the benchmark F1 must stay at
//! or above 0.96, and `parallax report --format json` must succeed on pages.
//! Skipped (with a note) when the directory is absent.

use std::path::PathBuf;
use std::process::Command;

use parallax::ingest::eval::{mean_scores, score_page};
use parallax::ingest::{self, Input};

fn dev_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/extraction-dev");
    if dir.join("ground-truth.json").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found", dir.display());
        None
    }
}

fn truth(dir: &std::path::Path) -> Vec<(String, String)> {
    let raw = std::fs::read_to_string(dir.join("ground-truth.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let mut pages: Vec<(String, String)> = value
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, page)| {
            (
                id.clone(),
                page["articleBody"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    pages.sort();
    pages
}

fn page_path(dir: &std::path::Path, id: &str) -> String {
    dir.join("html")
        .join(format!("{id}.html.gz"))
        .display()
        .to_string()
}

#[test]
fn extraction_f1_on_dev_pages() {
    let Some(dir) = dev_dir() else { return };
    let scores: Vec<_> = truth(&dir)
        .iter()
        .map(|(id, body)| {
            let loaded = ingest::load(&[Input::new(page_path(&dir, id))]).unwrap();
            let text: Vec<&str> = loaded.sources[0]
                .paragraphs
                .iter()
                .filter(|p| ingest::is_article_text(p.kind))
                .map(|p| p.text.as_str())
                .collect();
            score_page(&text.join("\n\n"), body)
        })
        .collect();
    let (precision, recall, f1) = mean_scores(&scores);
    eprintln!(
        "{} pages: precision {precision:.4} recall {recall:.4} F1 {f1:.4}",
        scores.len()
    );
    assert!(
        f1 >= 0.96,
        "F1 {f1:.4} < 0.96 (P {precision:.4}, R {recall:.4})"
    );
}

#[test]
fn report_json_on_dev_pages() {
    let Some(dir) = dev_dir() else { return };
    let pages = truth(&dir);
    let sample: Vec<String> = pages
        .iter()
        .step_by(8)
        .map(|(id, _)| page_path(&dir, id))
        .collect();
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
