//! Runs the whole analysis several times over one input set, for
//! instruction-count profiles (valgrind's callgrind counts instructions, so
//! its figures are stable on a busy machine where wall-clock timings are not).
//!
//! ```text
//! cargo build --release --example analyze_repeat
//! valgrind --tool=callgrind --callgrind-out-file=cg.out \
//!     target/release/examples/analyze_repeat [--runs N] [FILE...]
//! callgrind_annotate --inclusive=yes cg.out | head -60
//! ```
//!
//! Without files it analyzes the bundled corpus (ingest done once, outside
//! the repeated part). Prints the number of groups and discrepancies of the
//! last run, so the work cannot be optimized away.

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let mut runs = 5usize;
    let mut inputs: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                runs = args
                    .next()
                    .context("--runs needs a number")?
                    .parse()
                    .context("--runs needs a number")?
            }
            flag if flag.starts_with("--") => bail!("unknown option {flag}"),
            _ => inputs.push(arg),
        }
    }
    let sources = if inputs.is_empty() {
        parallax::ingest::bundled_sources()
    } else {
        read_sources(&inputs)?
    };
    let mut last = None;
    for _ in 0..runs {
        last = Some(parallax::analyze(sources.clone()));
    }
    if let Some(report) = last {
        println!(
            "{} sources, {} groups, {} discrepancies",
            report.sources.len(),
            report.groups.len(),
            report.discrepancies.len()
        );
    }
    Ok(())
}

/// The inputs through the real ingest (files, directories, URLs).
fn read_sources(inputs: &[String]) -> anyhow::Result<Vec<parallax::model::Source>> {
    let inputs: Vec<parallax::ingest::Input> =
        inputs.iter().map(parallax::ingest::Input::new).collect();
    Ok(parallax::ingest::load(&inputs)?.sources)
}
