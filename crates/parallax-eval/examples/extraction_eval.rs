//! Article-extraction evaluation on saved web pages with hand-checked text.
//!
//! ```text
//! cargo run --release --example extraction_eval [DIR] [--engine NAME] [--predictions FILE] [--quiet]
//! ```
//!
//! `DIR` (default `../shared/extraction-dev`) holds `ground-truth.json`
//! (`{id: {"articleBody": …}}`) and `html/<id>.html.gz`. Engines:
//! `parallax` (the real ingest pipeline, body and heading paragraphs; the
//! default), `rs-trafilatura` and `dom_smoothie` (the raw crates, for
//! comparison). `--predictions FILE` scores a JSON file `{id: text}` made by any
//! other tool (e.g. Python trafilatura) instead. Prints per-page and mean
//! precision, recall and F1 with the benchmark's 4-token-shingle metric.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use parallax_eval::extraction::{PageScore, is_article_text, mean_scores, score_page};

fn main() -> anyhow::Result<()> {
    let mut dir = PathBuf::from("../shared/extraction-dev");
    let mut engine = "parallax".to_string();
    let mut predictions: Option<PathBuf> = None;
    let mut quiet = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--engine" => engine = args.next().context("--engine needs a name")?,
            "--predictions" => {
                predictions = Some(args.next().context("--predictions needs a file")?.into())
            }
            "--quiet" => quiet = true,
            flag if flag.starts_with("--") => bail!("unknown option {flag}"),
            _ => dir = PathBuf::from(arg),
        }
    }
    let truth = read_truth(&dir)?;
    let predicted: Option<BTreeMap<String, String>> = match &predictions {
        Some(file) => Some(serde_json::from_str(&std::fs::read_to_string(file)?)?),
        None => None,
    };
    let mut scores = Vec::new();
    println!(
        "{:<16} {:>9} {:>9} {:>9}",
        "page", "precision", "recall", "f1"
    );
    for (id, body) in &truth {
        let page = dir.join("html").join(format!("{id}.html.gz"));
        let text = match &predicted {
            Some(map) => map.get(id).cloned().unwrap_or_default(),
            None => extract(&engine, &page).with_context(|| page.display().to_string())?,
        };
        let score = score_page(&text, body);
        if !quiet {
            print_row(&id[..id.len().min(16)], &score);
        }
        scores.push(score);
    }
    let (p, r, f) = mean_scores(&scores);
    let label = predictions
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or(engine);
    println!(
        "{label}: {} pages  precision {p:.4}  recall {r:.4}  F1 {f:.4}",
        scores.len()
    );
    Ok(())
}

fn print_row(id: &str, s: &PageScore) {
    println!(
        "{id:<16} {:>9.4} {:>9.4} {:>9.4}",
        s.precision,
        s.recall,
        s.f1()
    );
}

fn read_truth(dir: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let file = dir.join("ground-truth.json");
    let raw = std::fs::read_to_string(&file).with_context(|| file.display().to_string())?;
    let value: serde_json::Value = serde_json::from_str(&raw)?;
    let pages = value.as_object().context("ground truth is not an object")?;
    Ok(pages
        .iter()
        .map(|(id, page)| {
            let body = page["articleBody"].as_str().unwrap_or_default().to_string();
            (id.clone(), body)
        })
        .collect())
}

fn extract(engine: &str, page: &Path) -> anyhow::Result<String> {
    match engine {
        "parallax" => {
            let input = parallax::ingest::Input::new(page.display().to_string());
            let loaded = parallax::ingest::load(&[input])?;
            Ok(loaded
                .sources
                .iter()
                .flat_map(|s| &s.paragraphs)
                .filter(|p| is_article_text(p.kind))
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n"))
        }
        "rs-trafilatura" => Ok(rs_trafilatura::extract(&read_html(page)?)?.content_text),
        "dom_smoothie" => {
            let mut reader = dom_smoothie::Readability::new(read_html(page)?, None, None)?;
            Ok(reader.parse()?.text_content.to_string())
        }
        other => bail!("unknown engine {other} (parallax, rs-trafilatura, dom_smoothie)"),
    }
}

fn read_html(page: &Path) -> anyhow::Result<String> {
    let file = std::fs::File::open(page)?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
