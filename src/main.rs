//! The `parallax` binary: parse arguments, dispatch, map errors to an exit code.

mod cli;

/// The binary's allocator (see Cargo.toml): measured faster than the system
/// one for the analysis's many small allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
            let progress = Progress::start();
            let sources = load(sources, &progress)?;
            progress.finish();
            Ok(tui::run(sources, ui)?.code())
        }
        Config::Report {
            sources,
            format,
            output,
        } => {
            let progress = Progress::start();
            let sources = load(sources, &progress)?;
            let paragraphs: usize = sources.iter().map(|s| s.paragraphs.len()).sum();
            progress.stage(format!(
                "analysing {} ({paragraphs} paragraphs)…",
                counted(sources.len(), "source")
            ));
            let report = parallax::analyze(sources);
            progress.stage("writing the report…".into());
            let written = match output {
                None => {
                    let mut out = io::BufWriter::new(io::stdout().lock());
                    write_report(&report, format, &mut out).context("standard output")
                }
                Some(path) => write_report_file(&report, format, &path),
            };
            progress.finish();
            written?;
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

fn load(sources: Sources, progress: &Progress) -> anyhow::Result<Vec<parallax::model::Source>> {
    match sources {
        Sources::Bundled => Ok(ingest::bundled_sources()),
        Sources::Inputs(inputs) => {
            progress.stage(format!("reading {}…", counted(inputs.len(), "input")));
            let loaded = ingest::load(&inputs);
            progress.clear();
            let loaded = loaded?;
            for warning in &loaded.warnings {
                eprintln!("parallax: warning: {warning}");
            }
            Ok(loaded.sources)
        }
    }
}

/// "1 source", "2 sources".
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Progress on stderr while reading and analysing take long, only when
/// stderr is a terminal: one line, rewritten in place every half second
/// after the first second, erased when done (nothing for a quick run).
struct Progress {
    shared: Option<Arc<Mutex<ProgressLine>>>,
}

struct ProgressLine {
    stage: String,
    since: Instant,
    /// Characters on the line now (to erase them).
    shown: usize,
    done: bool,
}

impl ProgressLine {
    fn erase(&mut self) {
        if self.shown > 0 {
            eprint!("\r{}\r", " ".repeat(self.shown));
            self.shown = 0;
        }
    }
}

impl Progress {
    fn start() -> Progress {
        if !io::stderr().is_terminal() {
            return Progress { shared: None };
        }
        let shared = Arc::new(Mutex::new(ProgressLine {
            stage: String::new(),
            since: Instant::now(),
            shown: 0,
            done: false,
        }));
        let ticker = Arc::clone(&shared);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            loop {
                {
                    let Ok(mut line) = ticker.lock() else { return };
                    if line.done {
                        return;
                    }
                    if !line.stage.is_empty() {
                        let text = format!(
                            "parallax: {} {} s",
                            line.stage,
                            line.since.elapsed().as_secs()
                        );
                        line.erase();
                        eprint!("{text}");
                        line.shown = text.chars().count();
                    }
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        Progress {
            shared: Some(shared),
        }
    }

    fn with(&self, f: impl FnOnce(&mut ProgressLine)) {
        if let Some(mut line) = self.shared.as_ref().and_then(|s| s.lock().ok()) {
            f(&mut line);
        }
    }

    /// What is happening now (the timer restarts).
    fn stage(&self, stage: String) {
        self.with(|line| {
            line.stage = stage;
            line.since = Instant::now();
        });
    }

    /// Erases the line (before a warning or an error is printed).
    fn clear(&self) {
        self.with(|line| {
            line.erase();
            line.stage.clear();
        });
    }

    /// Erases the line and stops the ticker.
    fn finish(&self) {
        self.with(|line| {
            line.erase();
            line.done = true;
        });
    }
}
