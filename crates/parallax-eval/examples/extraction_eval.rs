//! Article-extraction evaluation on the two development sets beside the
//! checkout (see `parallax_eval::extraction` for the data and the metrics).
//!
//! ```text
//! cargo run --release -p parallax-eval --example extraction_eval -- \
//!     [--set dev|dev2] [--engine NAME] [--predictions FILE] [--pages] \
//!     [--misses N] [--half tune|held]
//! ```
//!
//! Prints, for each set (both by default), precision, recall and F1 under the
//! set's metric on all pages and on each half (`tune`: the pages rules are
//! chosen on; `held`: scored only), the share of pages given a date (and how
//! many agree with the date the set records), and the median time per page.
//!
//! Engines: `parallax` (the real ingest pipeline, body and heading
//! paragraphs; the default), `rs-trafilatura` and `dom_smoothie` (the raw
//! crates, for comparison). `--predictions FILE` scores a JSON file
//! `{id: text}` made by any other tool (e.g. Python trafilatura) instead.
//! `--pages` prints every page's score; `--misses N` lists the N worst pages
//! of one half (`--half`, default `tune`) with the snippets missed or kept.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use parallax::model::ParagraphKind;
use parallax_eval::extraction::{
    Half, Page, PageResult, SetScore, Truth, dev_set_dirs, half_of, load_set, parallax_extract,
    read_html, score, split_scores,
};

/// The binary's allocator, so the timings measure what the binary runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Args {
    sets: Vec<String>,
    engine: String,
    predictions: Option<PathBuf>,
    pages: bool,
    misses: usize,
    half: Half,
    show: Option<String>,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        sets: vec!["dev".into(), "dev2".into()],
        engine: "parallax".into(),
        predictions: None,
        pages: false,
        misses: 0,
        half: Half::Tune,
        show: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--set" => args.sets = vec![value()?],
            "--engine" => args.engine = value()?,
            "--predictions" => args.predictions = Some(value()?.into()),
            "--pages" => args.pages = true,
            "--show" => args.show = Some(value()?),
            "--misses" => args.misses = value()?.parse()?,
            "--half" => {
                args.half = match value()?.as_str() {
                    "tune" => Half::Tune,
                    "held" => Half::Held,
                    other => bail!("unknown half {other} (tune, held)"),
                }
            }
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(args)
}

fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let predicted: Option<BTreeMap<String, String>> = match &args.predictions {
        Some(file) => Some(serde_json::from_str(&std::fs::read_to_string(file)?)?),
        None => None,
    };
    for (name, dir) in dev_set_dirs() {
        let short = if name.ends_with("dev2") {
            "dev2"
        } else {
            "dev"
        };
        if !args.sets.iter().any(|s| s == short) {
            continue;
        }
        if !dir.is_dir() {
            println!("{name}: {} not found, skipped", dir.display());
            continue;
        }
        let pages = load_set(&dir).map_err(anyhow::Error::msg)?;
        if let Some(id) = &args.show {
            if let Some(page) = pages.iter().find(|p| p.id.starts_with(id.as_str())) {
                show(page)?;
            }
            continue;
        }
        evaluate(name, &pages, &args, predicted.as_ref())?;
    }
    Ok(())
}

/// One page's extraction: text, date and seconds taken.
struct Run {
    text: String,
    /// Every paragraph with its kind (parallax only).
    paragraphs: Vec<(ParagraphKind, String)>,
    date: Option<chrono::NaiveDate>,
    seconds: f64,
    cpu_seconds: f64,
}

/// Prints a page's paragraphs with their kinds and its truth.
fn show(page: &Page) -> anyhow::Result<()> {
    let got = parallax_extract(&page.path).map_err(anyhow::Error::msg)?;
    println!(
        "{} {} name {:?} date {:?}",
        page.id,
        page.url.as_deref().unwrap_or(""),
        got.name,
        got.date
    );
    for (kind, text) in &got.paragraphs {
        println!("{:<11} | {text}", format!("{kind:?}"));
    }
    match &page.truth {
        Truth::Body(body) => println!("--- truth:\n{body}"),
        Truth::Snippets { with, without } => {
            println!("--- with: {with:?}\n--- without: {without:?}")
        }
    }
    Ok(())
}

/// This thread's CPU time in seconds.
fn thread_cpu_seconds() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

fn extract(engine: &str, page: &Page) -> anyhow::Result<Run> {
    let start = Instant::now();
    let cpu_start = thread_cpu_seconds();
    let mut paragraphs = Vec::new();
    let (text, date) = match engine {
        "parallax" => {
            // A page parallax reads no article from scores as an empty
            // extraction (the reader would stop on it).
            match parallax_extract(&page.path) {
                Ok(got) => {
                    paragraphs = got.paragraphs;
                    (got.text, got.date)
                }
                Err(_) => (String::new(), None),
            }
        }
        "rs-trafilatura" => {
            let html = read_html(&page.path).map_err(anyhow::Error::msg)?;
            let result = rs_trafilatura::extract(&html)?;
            (
                result.content_text,
                result.metadata.date.map(|d| d.date_naive()),
            )
        }
        "dom_smoothie" => {
            let html = read_html(&page.path).map_err(anyhow::Error::msg)?;
            // A page it finds no article in scores as an empty extraction.
            let text = dom_smoothie::Readability::new(html, None, None)
                .and_then(|mut reader| reader.parse())
                .map_or(String::new(), |article| article.text_content.to_string());
            (text, None)
        }
        "trafilatura-rs" => {
            let html = read_html(&page.path).map_err(anyhow::Error::msg)?;
            let options = trafilatura::Options::default().with_fallback(true);
            match trafilatura::extract(&html, &options) {
                Ok(result) => (result.content_text, result.metadata.date),
                Err(_) => (String::new(), None),
            }
        }
        "legible" => {
            let html = read_html(&page.path).map_err(anyhow::Error::msg)?;
            let text = legible::parse(&html, None, None).map_or(String::new(), |a| a.text_content);
            (text, None)
        }
        other => bail!(
            "unknown engine {other} (parallax, rs-trafilatura, dom_smoothie, trafilatura-rs, legible)"
        ),
    };
    Ok(Run {
        text,
        paragraphs,
        date,
        seconds: start.elapsed().as_secs_f64(),
        cpu_seconds: thread_cpu_seconds() - cpu_start,
    })
}

fn evaluate(
    name: &str,
    pages: &[Page],
    args: &Args,
    predicted: Option<&BTreeMap<String, String>>,
) -> anyhow::Result<()> {
    let mut runs = Vec::new();
    for page in pages {
        let run = match predicted {
            Some(map) => Run {
                text: map
                    .get(&page.id)
                    .or_else(|| page.url.as_ref().and_then(|u| map.get(u)))
                    .cloned()
                    .unwrap_or_default(),
                paragraphs: Vec::new(),
                date: None,
                seconds: 0.0,
                cpu_seconds: 0.0,
            },
            None => extract(&args.engine, page).with_context(|| page.path.display().to_string())?,
        };
        runs.push(run);
    }
    let results: Vec<PageResult> = pages
        .iter()
        .zip(&runs)
        .map(|(page, run)| score(&run.text, &page.truth))
        .collect();
    if args.pages {
        for (page, result) in pages.iter().zip(&results) {
            println!(
                "{:<16} {}",
                &page.id[..page.id.len().min(16)],
                page_row(result)
            );
        }
    }
    if args.misses > 0 {
        print_misses(pages, &runs, &results, args);
    }
    let split = split_scores(pages, &results);
    let label = args
        .predictions
        .as_ref()
        .map_or(args.engine.clone(), |p| p.display().to_string());
    println!("{name} ({label}):");
    println!("  all   {}", set_row(&split.all));
    println!("  tune  {}", set_row(&split.tune));
    println!("  held  {}", set_row(&split.held));
    if predicted.is_none() {
        print_dates_and_speed(pages, &runs);
    }
    Ok(())
}

fn set_row(s: &SetScore) -> String {
    let accuracy = s
        .accuracy
        .map_or(String::new(), |a| format!("  accuracy {a:.4}"));
    format!(
        "{:>3} pages  precision {:.4}  recall {:.4}  F1 {:.4}{accuracy}",
        s.pages, s.precision, s.recall, s.f1
    )
}

fn page_row(result: &PageResult) -> String {
    match result {
        PageResult::Shingles(s) => format!(
            "precision {:.4}  recall {:.4}  F1 {:.4}",
            s.precision,
            s.recall,
            s.f1()
        ),
        PageResult::Snippets(c) => format!(
            "with {}/{}  without kept {}/{}",
            c.tp,
            c.tp + c.missed,
            c.fp,
            c.fp + c.tn
        ),
    }
}

/// How much a page loses: 1 - F1 (shingles) or missed + kept snippets.
fn loss(result: &PageResult) -> f64 {
    match result {
        PageResult::Shingles(s) => 1.0 - s.f1(),
        PageResult::Snippets(c) => (c.missed + c.fp) as f64,
    }
}

fn print_misses(pages: &[Page], runs: &[Run], results: &[PageResult], args: &Args) {
    let mut order: Vec<usize> = (0..pages.len())
        .filter(|&i| half_of(&pages[i].id) == args.half && loss(&results[i]) > 0.0)
        .collect();
    order.sort_by(|&a, &b| loss(&results[b]).total_cmp(&loss(&results[a])));
    for &i in order.iter().take(args.misses) {
        let page = &pages[i];
        println!(
            "== {} {} {}",
            page.id,
            page.url.as_deref().unwrap_or(""),
            page_row(&results[i])
        );
        let text = runs[i]
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Truth::Snippets { with, without } = &page.truth {
            let found =
                |s: &String| text.contains(&s.split_whitespace().collect::<Vec<_>>().join(" "));
            for s in with.iter().filter(|s| !found(s)) {
                println!("   missed: {s}{}", where_found(&runs[i].paragraphs, s));
            }
            for s in without.iter().filter(|s| found(s)) {
                println!("   kept:   {s}{}", where_found(&runs[i].paragraphs, s));
            }
        }
        let chars: String = text.chars().take(300).collect();
        println!("   text ({} chars): {chars}", text.len());
    }
}

/// " [caption]" when a snippet is in a paragraph of that kind.
fn where_found(paragraphs: &[(ParagraphKind, String)], snippet: &str) -> String {
    let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
    paragraphs
        .iter()
        .find(|(_, text)| text.contains(&snippet))
        .map_or(String::new(), |(kind, _)| format!(" [{kind:?}]"))
}

fn print_dates_and_speed(pages: &[Page], runs: &[Run]) {
    let dated = runs.iter().filter(|r| r.date.is_some()).count();
    let recorded: Vec<(&Page, &Run)> = pages
        .iter()
        .zip(runs)
        .filter(|(p, _)| p.date.is_some())
        .collect();
    let agree = recorded
        .iter()
        .filter(|(p, r)| r.date.map(|d| d.to_string()) == p.date)
        .count();
    let undated_recorded = recorded.iter().filter(|(_, r)| r.date.is_none()).count();
    print!("  dates {dated}/{} pages dated", pages.len());
    if !recorded.is_empty() {
        print!(
            "; of {} with a recorded date: {agree} agree, {undated_recorded} undated",
            recorded.len()
        );
    }
    println!();
    for (label, seconds) in [
        (
            "cpu ",
            runs.iter().map(|r| r.cpu_seconds).collect::<Vec<_>>(),
        ),
        ("wall", runs.iter().map(|r| r.seconds).collect()),
    ] {
        let mut ms: Vec<f64> = seconds.iter().map(|s| s * 1000.0).collect();
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
        println!(
            "  speed ({label}) {:.2} ms median per page (p90 {:.2} ms, max {:.2} ms)",
            at(0.5),
            at(0.9),
            at(1.0)
        );
    }
}
