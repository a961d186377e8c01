//! The `parallax` binary: parse arguments, dispatch, map errors to an exit code.

mod cli;

/// The binary's allocator (see Cargo.toml): measured faster than the system
/// one for the analysis's many small allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use cli::{Config, Sources};
use parallax::ingest;
use parallax::tui::{self, TerminalError};

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`parallax report | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let no_terminal = matches!(
                e.downcast_ref::<tui::Error>(),
                Some(tui::Error::Terminal(TerminalError::NoTerminal))
            );
            if no_terminal {
                eprintln!("{e}");
            } else {
                // One line, whatever a cause's text holds.
                let message = format!("{e:#}");
                eprintln!(
                    "parallax: {}",
                    message.split_whitespace().collect::<Vec<_>>().join(" ")
                );
            }
            ExitCode::FAILURE
        }
    }
}

/// Runs the command; the exit status on success.
fn run() -> anyhow::Result<u8> {
    match cli::parse()? {
        Config::Read { sources, config } => {
            // Fail before any reading or analysis: no terminal, bad config.
            tui::check_terminal()?;
            let ui = tui::Config::load(config.as_deref())?;
            Ok(tui::run(load(sources)?, ui)?.code())
        }
        Config::Report {
            sources,
            format,
            output,
        } => {
            let report = parallax::analyze(load(sources)?);
            match output {
                None => {
                    let mut out = io::BufWriter::new(io::stdout().lock());
                    write_report(&report, format, &mut out).context("standard output")?;
                }
                Some(path) => write_report_file(&report, format, &path)?,
            }
            Ok(0)
        }
        Config::Completions(shell) => {
            let mut out = io::stdout().lock();
            cli::write_completions(shell, &mut out)
                .and_then(|()| out.flush())
                .context("standard output")?;
            Ok(0)
        }
        Config::Man => {
            let mut out = io::stdout().lock();
            cli::write_man(&mut out)
                .and_then(|()| out.flush())
                .context("standard output")?;
            Ok(0)
        }
    }
}

fn write_report(
    report: &parallax::Report,
    format: parallax::report::Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    parallax::report::write(report, format, out)?;
    out.flush()
}

/// `report -o FILE`: errors name the file.
fn write_report_file(
    report: &parallax::Report,
    format: parallax::report::Format,
    path: &Path,
) -> anyhow::Result<()> {
    let name = || parallax::ingest::sanitize(&path.display().to_string());
    let file = std::fs::File::create(path).with_context(name)?;
    let mut out = io::BufWriter::new(file);
    write_report(report, format, &mut out).with_context(name)?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)
        .and_then(|f| f.sync_all())
        .with_context(name)
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
