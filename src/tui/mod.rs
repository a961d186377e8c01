//! The reader: side-by-side panes over a [`Report`], aligned by content,
//! with discrepancies highlighted and a keyboard to jump between them.
//!
//! Input → [`Action`] → pure [`State::update`] → [`view::draw`]:
//! - [`event`] is the only module that reads terminal events;
//! - [`terminal`] sets the terminal up and always restores it;
//! - [`state`] holds everything and is tested without a terminal;
//! - [`view`] draws a state; [`keymap`] and [`config`] are data.
//!
//! Analysis runs once, on a background thread started before the first\n//! frame: a key press never waits on it, and the text is readable at once.

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
pub use config::Config;
pub use state::State;

use crate::model::{Report, SCHEMA, Source};

/// Benchmarking aid: when this environment variable is set (to anything),
/// the reader exits right after drawing its first frame, so
/// `/usr/bin/time -v parallax` measures process start to first frame.
pub const EXIT_AFTER_FIRST_FRAME: &str = "PARALLAX_EXIT_AFTER_FIRST_FRAME";

/// How often the loop wakes without input to check for stop signals.
const SIGNAL_POLL: Duration = Duration::from_millis(200);
/// How often the loop checks for the analysis while it runs.
const ANALYSIS_POLL: Duration = Duration::from_millis(25);

/// Opens the reader on `sources`, analysing them on a background thread
/// so the first frame does not wait for the analysis; returns when the
/// user quits.
pub fn run(sources: Vec<Source>, config: Config) -> anyhow::Result<()> {
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
pub fn run_report(report: Report, config: Config) -> anyhow::Result<()> {
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
fn event_loop(mut state: State, mut to_analyse: Option<Vec<Source>>) -> anyhow::Result<()> {
    let mut analysis: Option<Receiver<Report>> = None;
    let exit_after_first = std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some();
    let mut session = terminal::enter()?;
    let size = session.terminal.size()?;
    state.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    loop {
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
        let mut action = event::next_action(&state.keymap, state.search.editing, wait)?;
        while let Some(a) = action {
            state.update(a);
            if state.quit {
                break;
            }
            action = event::next_action(&state.keymap, state.search.editing, Duration::ZERO)?;
        }
        if let Some(receiver) = &analysis {
            match receiver.try_recv() {
                Ok(report) => {
                    state.set_report(report);
                    analysis = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    anyhow::bail!("the analysis failed (see the message above)")
                }
            }
        }
        if state.quit || session.stopped() {
            break;
        }
    }
    drop(session);
    Ok(())
}
