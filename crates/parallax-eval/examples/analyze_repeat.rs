//! Runs the whole analysis several times over one input set, for
//! instruction-count profiles (valgrind's callgrind counts instructions, so
//! its figures are stable on a busy machine where wall-clock timings are not),
//! and writes the benchmarks' scaling corpus as files.
//!
//! ```text
//! cargo build --release --example analyze_repeat
//! valgrind --tool=callgrind --callgrind-out-file=cg.out \
//!     target/release/examples/analyze_repeat [--runs N] [--synthetic N] [FILE...]
//! callgrind_annotate --inclusive=yes cg.out | head -60
//! target/release/examples/analyze_repeat --runs 1 --synthetic 40 --json > report.json
//! target/release/examples/analyze_repeat --synthetic 80 --write DIR
//! ```
//!
//! Inputs: the bundled corpus by default, the given files (through the real
//! ingest), or `--synthetic N`: the scaling corpus of the analysis
//! benchmarks (`parallax_eval::scaling_corpus`) with N sources. Ingest is done once, outside the repeated part. Prints
//! the number of groups and discrepancies of the last run (so the work
//! cannot be optimized away), or with `--json` the last report as JSON.
//! `--write DIR` writes the inputs as text files (one per source, paragraphs
//! separated by blank lines) instead of analyzing them, for whole-process
//! measurements of `parallax report`.

/// The binary's allocator, so profiles show what the binary runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;

use anyhow::{Context, bail};
use parallax::model::Source;
use parallax_eval::scaling_corpus;

/// What to run, from the command line.
struct Options {
    runs: usize,
    synthetic: Option<usize>,
    json: bool,
    write: Option<PathBuf>,
    inputs: Vec<String>,
}

fn main() -> anyhow::Result<()> {
    let options = parse_args()?;
    let sources = if let Some(count) = options.synthetic {
        scaling_corpus::sources(count)
    } else if options.inputs.is_empty() {
        parallax::ingest::bundled_sources()
    } else {
        read_sources(&options.inputs)?
    };
    if let Some(dir) = &options.write {
        return write_sources(&sources, dir);
    }
    let mut last = None;
    for _ in 0..options.runs {
        last = Some(parallax::analyze(sources.clone()));
    }
    let Some(report) = last else {
        return Ok(());
    };
    if options.json {
        let mut out = std::io::stdout().lock();
        parallax::report::write(&report, parallax::report::Format::Json, &mut out)?;
    } else {
        println!(
            "{} sources, {} body paragraphs, {} groups, {} discrepancies",
            report.sources.len(),
            scaling_corpus::paragraph_count(&report.sources),
            report.groups.len(),
            report.discrepancies.len()
        );
    }
    Ok(())
}

fn parse_args() -> anyhow::Result<Options> {
    let mut options = Options {
        runs: 5,
        synthetic: None,
        json: false,
        write: None,
        inputs: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |flag: &str| -> anyhow::Result<usize> {
            args.next()
                .with_context(|| format!("{flag} needs a number"))?
                .parse()
                .with_context(|| format!("{flag} needs a number"))
        };
        match arg.as_str() {
            "--runs" => options.runs = number("--runs")?,
            "--synthetic" => options.synthetic = Some(number("--synthetic")?),
            "--json" => options.json = true,
            "--write" => {
                options.write = Some(args.next().context("--write needs a directory")?.into())
            }
            flag if flag.starts_with("--") => bail!("unknown option {flag}"),
            _ => options.inputs.push(arg),
        }
    }
    Ok(options)
}

/// The inputs through the real ingest (files, directories, URLs).
fn read_sources(inputs: &[String]) -> anyhow::Result<Vec<Source>> {
    let inputs: Vec<parallax::ingest::Input> =
        inputs.iter().map(parallax::ingest::Input::new).collect();
    Ok(parallax::ingest::load(&inputs)?.sources)
}

/// One text file per source: its paragraphs separated by blank lines.
fn write_sources(sources: &[Source], dir: &std::path::Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    for source in sources {
        let text: Vec<&str> = source.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let path = dir.join(format!("{}.txt", source.name));
        std::fs::write(&path, text.join("\n\n") + "\n")
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}
