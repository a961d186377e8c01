//! Terminal setup and teardown. The terminal is restored (raw mode off,
//! main screen, mouse capture off, cursor shown) on every way out:
//!
//! - normal quit and errors: [`Session`]'s `Drop`;
//! - panics: a panic hook that restores *before* the message is printed, so
//!   the message lands on the main screen (then the previous hook runs);
//! - SIGTERM, SIGINT, SIGQUIT and SIGHUP: a signal thread (`signal-hook`'s
//!   iterator, so no work runs in the handler itself) records the signal,
//!   the event loop sees it within [`SIGNAL_GRACE`] and ends normally, and
//!   the process exits with 128 + the signal number (143, 130, 131, 129).
//!   Should the loop not return in time (after a hang-up crossterm may spin
//!   on the dead tty), the signal thread restores the terminal itself and
//!   exits with the same status; so does a second signal.
//! - SIGTSTP (`kill -TSTP`, or Ctrl-Z, which raw mode delivers as a key):
//!   [`Session::suspend`] restores the terminal, stops the process, and
//!   enters reader mode again when the shell continues it.

use std::io::{self, IsTerminal, Stdout, Write};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};

/// How long the event loop has to end after a stop signal before the
/// signal thread restores the terminal and exits on its own.
pub const SIGNAL_GRACE: Duration = Duration::from_millis(1500);

/// The terminal could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TerminalError {
    /// Standard output is not a terminal, or there is no controlling one.
    #[error("parallax needs a terminal; `parallax report` prints text")]
    NoTerminal,
    /// Setting the terminal up, drawing or reading events failed.
    #[error("cannot use the terminal")]
    Io(#[source] io::Error),
}

impl From<io::Error> for TerminalError {
    fn from(e: io::Error) -> Self {
        TerminalError::Io(e)
    }
}

/// The terminal in reader mode; restores it when dropped.
pub struct Session {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    /// The terminating signal that arrived (0: none).
    stop: Arc<AtomicI32>,
    /// A SIGTSTP asks the loop to suspend.
    suspend: Arc<AtomicBool>,
    signals: signal_hook::iterator::Handle,
    /// Mouse events are captured (off: the terminal selects text).
    mouse: bool,
}

/// Fails with [`TerminalError::NoTerminal`] unless standard output is a
/// terminal and the process has a controlling one (where keys come from).
pub fn check() -> Result<(), TerminalError> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty");
    if !io::stdout().is_terminal() || (cfg!(unix) && tty.is_err()) {
        return Err(TerminalError::NoTerminal);
    }
    Ok(())
}

/// Puts the terminal in reader mode.
pub fn enter() -> Result<Session, TerminalError> {
    check()?;
    let stop = Arc::new(AtomicI32::new(0));
    let suspend = Arc::new(AtomicBool::new(false));
    let signals = watch_signals(Arc::clone(&stop), Arc::clone(&suspend))?;
    install_panic_hook();
    if let Err(e) = enter_modes(true) {
        restore();
        signals.close();
        return Err(e.into());
    }
    let terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(t) => t,
        Err(e) => {
            restore();
            signals.close();
            return Err(e.into());
        }
    };
    Ok(Session {
        terminal,
        stop,
        suspend,
        signals,
        mouse: true,
    })
}

/// Starts the thread that turns signals into flags for the event loop.
fn watch_signals(
    stop: Arc<AtomicI32>,
    suspend: Arc<AtomicBool>,
) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGTSTP])?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("parallax-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    suspend.store(true, Ordering::SeqCst);
                    continue;
                }
                if stop.swap(signal, Ordering::SeqCst) != 0 {
                    // A second signal: do not wait for the loop.
                    restore_and_exit(signal);
                }
                std::thread::spawn(move || {
                    std::thread::sleep(SIGNAL_GRACE);
                    restore_and_exit(signal);
                });
            }
        })?;
    Ok(handle)
}

fn restore_and_exit(signal: i32) -> ! {
    restore();
    std::process::exit(128 + signal);
}

/// Raw mode, the alternate screen, mouse capture when `mouse`, no cursor.
fn enter_modes(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

impl Session {
    /// The terminating signal that arrived, if any.
    pub fn stopped(&self) -> Option<i32> {
        match self.stop.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }

    /// Whether a SIGTSTP asked to suspend (the request is taken).
    pub fn take_suspend_request(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// Restores the terminal, stops the process until the shell continues
    /// it (`fg`), then enters reader mode again and clears the screen so the
    /// next frame is drawn whole.
    pub fn suspend(&mut self) -> Result<(), TerminalError> {
        restore();
        signal_hook::low_level::raise(SIGSTOP)?;
        enter_modes(self.mouse)?;
        self.terminal.clear()?;
        Ok(())
    }

    /// Captures mouse events, or releases them so the terminal can select
    /// and copy text.
    pub fn set_mouse(&mut self, capture: bool) -> Result<(), TerminalError> {
        if capture != self.mouse {
            let mut stdout = io::stdout();
            if capture {
                execute!(stdout, EnableMouseCapture)?;
            } else {
                execute!(stdout, DisableMouseCapture)?;
            }
            self.mouse = capture;
        }
        Ok(())
    }

    /// Writes a control sequence the reader built itself (OSC 52) straight
    /// to the terminal, between frames.
    pub fn write_sequence(&mut self, sequence: &str) -> Result<(), TerminalError> {
        let mut stdout = io::stdout();
        stdout.write_all(sequence.as_bytes())?;
        stdout.flush()?;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
        self.signals.close();
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
