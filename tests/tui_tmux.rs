//! End-to-end: the real binary in a real terminal (tmux, 160x45). Launch on
//! the bundled corpus, jump to a discrepancy, check the screen shows it,
//! quit, and check the terminal is restored and the shell usable. A second
//! test ends the reader with SIGTERM and checks the same; a third closes the
//! terminal under it and checks the reader exits.
//!
//! Needs tmux (CI installs it); skipped with a note when it is missing and
//! `CI` is unset.

use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_parallax");

/// A private tmux server with one 160x45 pane running a plain shell.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
            eprintln!("tmux not installed: skipping");
            return None;
        }
        let tmux = Tmux {
            socket: format!("parallax-{name}-{}", std::process::id()),
        };
        let ok = tmux
            .cmd(&["new-session", "-d", "-x", "160", "-y", "45"])
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                "PS1=$ ",
                "HOME=/nonexistent",
            ])
            .args(["bash", "--norc", "--noprofile"])
            .status()
            .expect("tmux runs")
            .success();
        assert!(ok, "tmux new-session failed");
        Some(tmux)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        c
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status().unwrap().success());
    }

    fn capture(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn flags(&self) -> String {
        let out = self
            .cmd(&[
                "display-message",
                "-p",
                "-t",
                "0",
                "#{alternate_on} #{mouse_any_flag} #{cursor_flag}",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits until the screen satisfies `ok`, or fails with the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Checks the shell works and the tty is back in canonical mode.
    fn assert_restored(&self) {
        self.wait_for("the shell prompt", |s| !s.contains("¶ "));
        assert_eq!(self.flags(), "0 0 1", "alternate screen, mouse, cursor");
        self.keys(&[
            "stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; echo shell-$((40+2))",
            "Enter",
        ]);
        let screen = self.wait_for("the shell to answer", |s| s.contains("shell-42"));
        assert!(
            screen.lines().any(|l| l.trim() == "icanon"),
            "raw mode left on:\n{screen}"
        );
    }
}

impl Tmux {
    /// The pid of the reader running in the pane's shell.
    fn reader_pid(&self) -> String {
        let shell = self
            .cmd(&["display-message", "-p", "-t", "0", "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&shell.stdout).trim().to_string();
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        children
            .split_whitespace()
            .last()
            .expect("the reader's pid")
            .to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}

fn first_discrepancy_summary() -> Option<String> {
    let out = Command::new(BIN)
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = report["discrepancies"].as_array()?.first()?;
    first["summary"].as_str().map(str::to_string)
}

#[test]
fn reader_jumps_to_a_discrepancy_and_restores_the_terminal() {
    let Some(tmux) = Tmux::start("jump") else {
        return;
    };
    tmux.keys(&[&format!("{BIN}; echo exit=$?"), "Enter"]);
    let first = tmux.wait_for("the reader", |s| s.contains("¶ ") && s.contains("│"));
    assert!(first.contains("1 Financial Times"), "{first}");
    // Analysis runs in the background; wait for it before pressing n.
    tmux.wait_for("the analysis", |s| {
        s.contains("discrepancies") || s.contains("No discrepancies")
    });
    tmux.keys(&["n"]);
    match first_discrepancy_summary() {
        Some(summary) => {
            let prefix: String = summary.chars().take(40).collect();
            let screen = tmux.wait_for("the discrepancy", |s| s.contains(&prefix));
            assert!(screen.contains("◆ 1/"), "{screen}");
        }
        None => {
            tmux.wait_for("the empty message", |s| s.contains("no discrepancies"));
        }
    }
    tmux.keys(&["?"]);
    tmux.wait_for("help", |s| s.contains("Keys · ? or Esc closes"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("help to close", |s| !s.contains("Keys · ? or Esc closes"));
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("exit=0"));
    tmux.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let Some(tmux) = Tmux::start("term") else {
        return;
    };
    tmux.keys(&[&format!("{BIN}; echo exit=$?"), "Enter"]);
    tmux.wait_for("the reader", |s| s.contains("¶ "));
    let reader = tmux.reader_pid();
    assert!(
        Command::new("kill")
            .args(["-TERM", &reader])
            .status()
            .unwrap()
            .success()
    );
    tmux.wait_for("the reader to exit", |s| s.contains("exit="));
    tmux.assert_restored();
}

/// True once `pid` has exited (gone, or a zombie nobody reaped yet).
fn has_exited(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

#[test]
fn hangup_ends_the_reader() {
    // Closing the terminal must end the reader, not leave it spinning on a
    // dead tty. The reader runs as `tmux new-session CMD` runs it (under
    // `sh -c`, so it is not the session leader), then the tmux server is
    // killed under it.
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        return;
    }
    let tmux = Tmux {
        socket: format!("parallax-hup-{}", std::process::id()),
    };
    let ok = tmux
        .cmd(&["new-session", "-d", "-x", "160", "-y", "45"])
        .args(["env", "-i", "PATH=/usr/bin:/bin", "TERM=xterm-256color"])
        .args(["sh", "-c", &format!("{BIN}; :")])
        .status()
        .expect("tmux runs")
        .success();
    assert!(ok, "tmux new-session failed");
    tmux.wait_for("the reader", |s| s.contains("¶ "));
    let reader = tmux.reader_pid();
    assert!(!has_exited(&reader), "the reader runs before the hang-up");
    assert!(tmux.cmd(&["kill-server"]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !has_exited(&reader) {
        if Instant::now() > deadline {
            let _ = Command::new("kill").args(["-KILL", &reader]).status();
            panic!("the reader (pid {reader}) still runs after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn reader_opens_with_the_sources_summary_and_shows_the_relations_matrix() {
    let Some(tmux) = Tmux::start("relations") else {
        return;
    };
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/relations");
    tmux.keys(&[
        &format!(
            "{BIN} {dir}/coastal-times.txt {dir}/valley-herald.txt {dir}/millbrook-gazette.txt; echo exit=$?"
        ),
        "Enter",
    ]);
    let screen = tmux.wait_for("the summary line", |s| {
        s.contains("coastal-times, valley-herald: one event")
    });
    assert!(
        screen.contains("millbrook-gazette: a different event, set aside"),
        "{screen}"
    );
    tmux.keys(&["r"]);
    let matrix = tmux.wait_for("the relations matrix", |s| {
        s.contains("How the sources relate")
    });
    assert!(matrix.contains("Share of each row's text"), "{matrix}");
    assert!(matrix.contains("1·3 different event"), "{matrix}");
    assert!(matrix.contains('%'), "{matrix}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the matrix to close", |s| {
        !s.contains("How the sources relate")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("exit=0"));
    tmux.assert_restored();
}
