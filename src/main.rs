//! The `parallax` binary: parse arguments, dispatch, map errors to an exit code.

mod cli;

/// The binary's allocator (see Cargo.toml): measured faster than the system
/// one for the analysis's many small allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{self, Write};
use std::process::ExitCode;

use cli::{Config, Sources};
use parallax::ingest;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`parallax report | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    match cli::parse()? {
        Config::Read { sources, config } => {
            // A bad config fails before any analysis runs.
            let ui = parallax::tui::Config::load(config.as_deref())?;
            parallax::tui::run(load(sources)?, ui)
        }
        Config::Report { sources, format } => {
            let report = parallax::analyze(load(sources)?);
            let mut out = io::BufWriter::new(io::stdout().lock());
            parallax::report::write(&report, format, &mut out)?;
            out.flush()?;
            Ok(())
        }
    }
}

fn load(sources: Sources) -> anyhow::Result<Vec<parallax::model::Source>> {
    match sources {
        Sources::Bundled => Ok(ingest::bundled_sources()),
        Sources::Inputs(inputs) => {
            let loaded = ingest::load(&inputs)?;
            for warning in &loaded.warnings {
                eprintln!("parallax: warning: {warning}");
            }
            Ok(loaded.sources)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
