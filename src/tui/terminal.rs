//! Terminal setup and teardown. The terminal is restored (raw mode off,
//! main screen, mouse capture off, cursor shown) on every way out:
//!
//! - normal quit and errors: [`Session`]'s `Drop`;
//! - panics: a panic hook that restores *before* the message is printed, so
//!   the message lands on the main screen (then the previous hook runs);
//! - SIGTERM (and SIGINT, SIGQUIT should one arrive despite raw mode):
//!   `signal-hook` sets a flag that the event loop polls between events, so
//!   the loop ends normally and `Drop` restores; a second such signal exits
//!   at once. SIGHUP (the terminal is gone) exits at once with status 129:
//!   there is nothing left to restore, and crossterm may be spinning on the
//!   dead tty. signal-hook is
//!   already in the tree through crossterm (SIGWINCH), and a flag keeps
//!   the handler async-signal-safe; crossterm's event stream does not
//!   deliver these signals at all.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal in reader mode; restores it when dropped.
pub struct Session {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    /// Set by SIGTERM/SIGINT/SIGQUIT.
    pub stop: Arc<AtomicBool>,
}

/// Puts the terminal in reader mode.
pub fn enter() -> anyhow::Result<Session> {
    let stop = Arc::new(AtomicBool::new(false));
    // Hang-up: the terminal is gone, so there is nothing to restore, and
    // crossterm's reader can spin on the dead tty without ever returning to
    // the loop that polls `stop`. Exit at once, as the default action would.
    signal_hook::flag::register_conditional_shutdown(
        signal_hook::consts::SIGHUP,
        128 + signal_hook::consts::SIGHUP,
        Arc::new(AtomicBool::new(true)),
    )?;
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        // A second signal while the first is still pending ends the process
        // even if the loop is stuck (registered first, so it sees the flag
        // as the earlier signal left it).
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&stop))?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    install_panic_hook();
    enable_raw_mode().map_err(|e| anyhow::anyhow!("cannot use the terminal: {e}"))?;
    let mut stdout = io::stdout();
    if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableMouseCapture, Hide) {
        restore();
        return Err(e.into());
    }
    let terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e.into());
        }
    };
    Ok(Session { terminal, stop })
}

impl Session {
    /// A stop signal arrived.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Undoes [`enter`]; safe to call more than once, errors ignored (the
/// terminal may already be gone after SIGHUP).
pub fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(stdout, DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
