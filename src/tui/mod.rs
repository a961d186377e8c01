//! The reader: side-by-side panes over a [`Report`], aligned by content,
//! with discrepancies highlighted and a keyboard to jump between them.
//!
//! Input → [`Action`] → pure [`State::update`] → [`view::draw`]:
//! - [`event`] is the only module that reads terminal events;
//! - [`terminal`] sets the terminal up and always restores it;
//! - [`state`] holds everything and is tested without a terminal;
//! - [`view`] draws a state; [`keymap`] and [`config`] are data.
//!
//! Analysis runs once, on a background thread started before the first
//! frame: a key press never waits on it, and the text is readable at once.
//!
//! Errors are typed ([`Error`], [`ConfigError`]); their `Display` is one
//! line and the underlying cause is the error's `source()`.

pub mod action;
pub mod config;
pub mod event;
#[cfg(test)]
mod fixture;
pub mod index;
pub mod keymap;
pub mod relations;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

pub use action::{Action, Command};
pub use config::{Config, ConfigError};
pub use state::State;
pub use terminal::TerminalError;

use crate::model::{Report, SCHEMA, Source};

/// Benchmarking aid: when this environment variable is set (to anything),
/// the reader exits right after drawing its first frame, so
/// `/usr/bin/time -v parallax` measures process start to first frame.
pub const EXIT_AFTER_FIRST_FRAME: &str = "PARALLAX_EXIT_AFTER_FIRST_FRAME";

/// How often the loop wakes without input to check for stop signals.
const SIGNAL_POLL: Duration = Duration::from_millis(200);
/// How often the loop checks for the analysis while it runs.
const ANALYSIS_POLL: Duration = Duration::from_millis(25);

/// Why the reader stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Terminal(#[from] TerminalError),
    /// The analysis thread panicked (its message is on stderr).
    #[error("the analysis failed (see the message above)")]
    Analysis,
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Terminal(TerminalError::Io(e))
    }
}

/// How the reader ended, with the process exit status it calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `q`.
    Quit,
    /// Ctrl-C (as a key: raw mode turns it into one).
    Interrupted,
    /// A terminating signal (SIGTERM, SIGINT, SIGQUIT, SIGHUP).
    Signal(i32),
}

impl Exit {
    /// 0 for `q`, 130 for Ctrl-C, 128 + the signal number for a signal.
    pub fn code(self) -> u8 {
        match self {
            Exit::Quit => 0,
            Exit::Interrupted => 130,
            Exit::Signal(signal) => u8::try_from(128 + signal).unwrap_or(1),
        }
    }
}

/// Fails unless the reader can run here (a terminal on standard output).
pub fn check_terminal() -> Result<(), Error> {
    Ok(terminal::check()?)
}

/// Opens the reader on `sources`, analysing them on a background thread
/// so the first frame does not wait for the analysis; returns when the
/// user quits.
pub fn run(sources: Vec<Source>, config: Config) -> Result<Exit, Error> {
    let mut state = State::new(unanalysed(sources.clone()), config);
    state.analysing = true;
    event_loop(state, Some(sources))
}

/// Starts the analysis of `sources` on its own thread.
fn analyse_in_background(sources: Vec<Source>) -> Receiver<Report> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        // The receiver may be gone if the user quit first: nothing to do.
        let _ = send.send(crate::analysis::analyze(sources));
    });
    receive
}

/// Opens the reader on a finished report.
pub fn run_report(report: Report, config: Config) -> Result<Exit, Error> {
    event_loop(State::new(report, config), None)
}

/// A report with the sources only, for the frames before analysis ends.
fn unanalysed(sources: Vec<Source>) -> Report {
    Report {
        schema: SCHEMA.to_string(),
        sources,
        groups: Vec::new(),
        sub_events: Vec::new(),
        discrepancies: Vec::new(),
        relations: Vec::new(),
    }
}

/// Runs the reader; `to_analyse` starts analysing right after the first
/// frame, so the analysis does not compete with it for the CPU.
fn event_loop(mut state: State, mut to_analyse: Option<Vec<Source>>) -> Result<Exit, Error> {
    let mut analysis: Option<Receiver<Report>> = None;
    let exit_after_first = std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some();
    let mut session = terminal::enter()?;
    resize_to_terminal(&mut state, &session)?;
    let started = std::time::Instant::now();
    loop {
        state.analysis_secs = started.elapsed().as_secs();
        session.terminal.draw(|frame| view::draw(frame, &state))?;
        if exit_after_first {
            break;
        }
        if let Some(sources) = to_analyse.take() {
            analysis = Some(analyse_in_background(sources));
        }
        let wait = if analysis.is_some() {
            ANALYSIS_POLL
        } else {
            SIGNAL_POLL
        };
        // Apply every pending action before the next draw.
        let mut suspend = false;
        let mut action = event::next_action(&state.keymap, state.search.editing, wait)?;
        while let Some(a) = action {
            if a == Action::Suspend {
                suspend = true;
                break;
            }
            state.update(a);
            if state.quit {
                break;
            }
            action = event::next_action(&state.keymap, state.search.editing, Duration::ZERO)?;
        }
        if suspend || session.take_suspend_request() {
            session.suspend()?;
            resize_to_terminal(&mut state, &session)?;
        }
        apply_effects(&mut state, &mut session)?;
        if let Some(receiver) = &analysis {
            match receiver.try_recv() {
                Ok(report) => {
                    state.set_report(report);
                    analysis = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => return Err(Error::Analysis),
            }
        }
        if let Some(signal) = session.stopped() {
            drop(session);
            return Ok(Exit::Signal(signal));
        }
        if state.quit {
            break;
        }
    }
    drop(session);
    Ok(if state.interrupted {
        Exit::Interrupted
    } else {
        Exit::Quit
    })
}

fn resize_to_terminal(state: &mut State, session: &terminal::Session) -> Result<(), Error> {
    let size = session.terminal.size()?;
    state.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    Ok(())
}

/// What an update asked of the terminal: mouse capture on or off, a
/// clipboard copy.
fn apply_effects(state: &mut State, session: &mut terminal::Session) -> Result<(), Error> {
    session.set_mouse(state.mouse)?;
    if let Some(sequence) = state.clipboard.take() {
        session.write_sequence(&sequence)?;
    }
    Ok(())
}
