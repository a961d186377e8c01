//! The reader: side-by-side panes over a [`Report`], aligned by content,
//! with discrepancies highlighted and a keyboard to jump between them.
//!
//! Input → [`Action`] → pure [`State::update`] → [`view::draw`]:
//! - [`event`] is the only module that reads terminal events;
//! - [`terminal`] sets the terminal up and always restores it;
//! - [`state`] holds everything and is tested without a terminal;
//! - [`view`] draws a state; [`keymap`] and [`config`] are data.
//!
//! Analysis runs once before the loop: a key press never waits on it.

pub mod action;
pub mod config;
pub mod event;
#[cfg(test)]
mod fixture;
pub mod index;
pub mod keymap;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

use std::time::Duration;

pub use action::{Action, Command};
pub use config::Config;
pub use state::State;

use crate::model::Report;

/// Benchmarking aid: when this environment variable is set (to anything),
/// the reader exits right after drawing its first frame, so
/// `/usr/bin/time -v parallax` measures process start to first frame.
pub const EXIT_AFTER_FIRST_FRAME: &str = "PARALLAX_EXIT_AFTER_FIRST_FRAME";

/// How often the loop wakes without input to check for stop signals.
const SIGNAL_POLL: Duration = Duration::from_millis(200);

/// Opens the reader on `report` and returns when the user quits.
pub fn run(report: Report, config: Config) -> anyhow::Result<()> {
    let exit_after_first = std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some();
    let mut state = State::new(report, config);
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
        // Apply every pending action before the next draw.
        let mut action = event::next_action(&state.keymap, state.search.editing, SIGNAL_POLL)?;
        while let Some(a) = action {
            state.update(a);
            if state.quit {
                break;
            }
            action = event::next_action(&state.keymap, state.search.editing, Duration::ZERO)?;
        }
        if state.quit || session.stopped() {
            break;
        }
    }
    drop(session);
    Ok(())
}
