//! End-to-end: the real binary in a real terminal (tmux, 160x45). Launch on
//! the bundled corpus, jump to a discrepancy, check the screen shows it,
//! quit, and check the terminal is restored and the shell usable. Other
//! tests end the reader with SIGTERM, SIGINT and SIGHUP (exit status and
//! restored terminal), suspend it with Ctrl-Z and resume it with `fg`,
//! close the terminal under it, and check a finding is seen whole at
//! 100x30.
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
        Tmux::start_sized(name, 160, 45)
    }

    /// A private tmux server with one `width`x`height` pane.
    fn start_sized(name: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
            eprintln!("tmux not installed: skipping");
            return None;
        }
        let tmux = Tmux {
            socket: format!("parallax-{name}-{}", std::process::id()),
        };
        let ok = tmux
            .cmd(&[
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
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

    /// Sends keys. An Escape goes on its own, with a pause after it: an
    /// ESC that reaches the reader in one read with the next key is that
    /// key with Alt (how terminals send Alt), which a loaded machine makes
    /// likely when the keys come from two quick calls.
    fn keys(&self, keys: &[&str]) {
        for chunk in keys.split_inclusive(|k| *k == "Escape") {
            let mut args = vec!["send-keys", "-t", "0"];
            args.extend_from_slice(chunk);
            assert!(self.cmd(&args).status().unwrap().success());
            if chunk.last() == Some(&"Escape") {
                std::thread::sleep(Duration::from_millis(300));
            }
        }
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
            // both lines: a capture can catch a frame half drawn
            tmux.wait_for("the discrepancy, first of the list", |s| {
                s.contains(&prefix) && s.contains("◆ 1/")
            });
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

/// Runs the reader in a shell, sends it `signal`, and checks the exit
/// status and that the terminal is restored.
fn signal_restores_the_terminal(signal: &str, status: u8) {
    let Some(tmux) = Tmux::start(&signal.to_ascii_lowercase()) else {
        return;
    };
    tmux.keys(&[&format!("{BIN}; echo exit=$?"), "Enter"]);
    tmux.wait_for("the reader", |s| s.contains("¶ "));
    let reader = tmux.reader_pid();
    assert!(
        Command::new("kill")
            .args([&format!("-{signal}"), &reader])
            .status()
            .unwrap()
            .success()
    );
    // (The command line holds "exit=$?": wait for the line echo prints.)
    let screen = tmux.wait_for("the reader to exit", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });
    assert!(
        screen.lines().any(|l| l == format!("exit={status}")),
        "SIG{signal}: {screen}"
    );
    tmux.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM", 143);
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores_the_terminal("INT", 130);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP", 129);
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let Some(tmux) = Tmux::start("suspend") else {
        return;
    };
    tmux.keys(&[&format!("{BIN}; echo exit=$?"), "Enter"]);
    tmux.wait_for("the reader", |s| s.contains("¶ "));
    tmux.keys(&["C-z"]);
    tmux.wait_for("the job to stop", |s| s.contains("Stopped"));
    // Restored while stopped: main screen, no mouse, canonical mode.
    tmux.assert_restored();
    tmux.keys(&["clear; fg", "Enter"]);
    let screen = tmux.wait_for("the reader again", |s| s.contains("¶ ") && s.contains("┌"));
    assert!(screen.contains("1 Financial Times"), "{screen}");
    assert_eq!(
        tmux.flags(),
        "1 1 0",
        "alternate screen, mouse, cursor hidden"
    );
    // A stop signal from outside does the same.
    let reader = tmux.reader_pid();
    assert!(
        Command::new("kill")
            .args(["-TSTP", &reader])
            .status()
            .unwrap()
            .success()
    );
    tmux.wait_for("the job to stop", |s| s.contains("Stopped"));
    tmux.assert_restored();
    // (The shell ran `echo exit=` when the job first stopped: `fg` now
    // gives the reader's status.)
    tmux.keys(&["clear; fg; echo fg=$?", "Enter"]);
    tmux.wait_for("the reader again", |s| s.contains("¶ ") && s.contains("┌"));
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("fg=0"));
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
    // the whole popup: a capture can catch a frame half drawn
    let matrix = tmux.wait_for("the relations matrix", |s| {
        s.contains("How the sources relate") && s.contains("1·3 ")
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

/// The row of pane titles (the first line with a top-left corner).
fn title_row(screen: &str) -> &str {
    screen.lines().find(|l| l.contains('┌')).unwrap_or("")
}

/// Presses `n` until the message line shows `summary_prefix`.
fn visit(tmux: &Tmux, summary_prefix: &str) -> String {
    for _ in 0..60 {
        tmux.keys(&["n"]);
        std::thread::sleep(Duration::from_millis(150));
        let screen = tmux.capture();
        let message = screen.lines().rev().nth(1).unwrap_or("");
        if message.contains(summary_prefix) {
            return screen;
        }
    }
    panic!("never reached {summary_prefix:?}:\n{}", tmux.capture());
}

#[test]
fn a_finding_is_seen_whole_at_100x30() {
    let Some(tmux) = Tmux::start_sized("whole", 100, 30) else {
        return;
    };
    tmux.keys(&[&format!("{BIN}; echo exit=$?"), "Enter"]);
    tmux.wait_for("the analysis", |s| s.contains("discrepancies"));
    // Three sources for the top finding: three narrower panes.
    let screen = visit(&tmux, "Talk length");
    let titles = title_row(&screen);
    for name in ["1 Financial", "4 AP", "5 TIME"] {
        assert!(titles.contains(name), "{name} off screen:\n{screen}");
    }
    // Two panes fit; Sky News (2) and AP (4) are not neighbours.
    let screen = visit(&tmux, "Meeting length");
    let titles = title_row(&screen);
    assert!(
        titles.contains("Sky News") && titles.contains("4 AP"),
        "{screen}"
    );
    // Enter opens the detail; both stay on screen.
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the detail", |s| s.contains(" Detail "));
    let titles = title_row(&screen);
    assert!(
        titles.contains("Sky News") && titles.contains("4 AP"),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("exit=0"));
}

/// Display width as the reader and tmux measure it: by grapheme cluster.
fn display_width(line: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    line.graphemes(true).map(|g| g.width()).sum()
}

#[test]
fn flags_and_emoji_sequences_keep_the_borders_and_leave_no_ghosts() {
    let dir = tempfile::tempdir().unwrap();
    let flags = dir.path().join("flags.txt");
    std::fs::write(
        &flags,
        "Fans waved 🇧🇷 and 🇺🇸 flags as the firefighter 👩\u{200d}🚒 arrived at the \
         stadium in the rain today, officials said on Monday evening.\n\n\
         Second paragraph 🇧🇷🇺🇸🇧🇷 with more words to wrap around the pane width here and there.\n\n\
         Third paragraph about nothing in particular, just text to scroll.\n\nFourth paragraph.\n",
    )
    .unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(
        &other,
        "Plain words in a second pane.\n\nAnd a second paragraph.\n",
    )
    .unwrap();
    let Some(tmux) = Tmux::start_sized("flags", 100, 30) else {
        return;
    };
    tmux.keys(&[
        &format!(
            "{BIN} {} {}; echo exit=$?",
            flags.display(),
            other.display()
        ),
        "Enter",
    ]);
    let screen = tmux.wait_for("the reader", |s| s.contains("¶ ") && s.contains("flags"));
    let check_borders = |screen: &str| {
        for line in screen.lines().filter(|l| l.starts_with('│')) {
            assert_eq!(display_width(line), 100, "{line:?}\n{screen}");
            let left = &line[..line.find("││").expect("two panes") + "│".len()];
            assert_eq!(display_width(left), 50, "left border moved: {line:?}");
        }
    };
    check_borders(&screen);
    // The ZWJ sequence is kept whole (not two pictures).
    assert!(screen.contains("👩\u{200d}🚒"), "{screen}");
    for _ in 0..3 {
        tmux.keys(&["j"]);
        std::thread::sleep(Duration::from_millis(200));
        let screen = tmux.capture();
        check_borders(&screen);
    }
    let screen = tmux.capture();
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows.iter()
            .any(|l| l.contains("wrap around the pane width here and there.")),
        "a ghost letter after scrolling:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("exit=0"));
}

/// About `bytes` of article text: the fixture articles' paragraphs, over
/// and over, each numbered.
fn long_text(bytes: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    let mut paragraphs = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "txt"))
    {
        let text = std::fs::read_to_string(file).unwrap();
        paragraphs.extend(
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| p.len() > 80)
                .map(String::from),
        );
    }
    let mut out = String::new();
    for (n, p) in paragraphs.iter().cycle().enumerate() {
        if out.len() > bytes {
            break;
        }
        out.push_str(&format!("{p} ({n})\n\n"));
    }
    out
}

#[test]
fn large_inputs_show_progress_and_the_reader_stays_responsive() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("long.txt");
    // Progress shows after the first second: the input must take longer
    // than that to analyse, in either profile (a release build analyses
    // 1.5 MB in about 0.7 s here, a debug build takes several seconds).
    let bytes = if cfg!(debug_assertions) {
        1_500_000
    } else {
        6_000_000
    };
    std::fs::write(&big, long_text(bytes)).unwrap();
    let other = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/articles/cbs-kidnapping.txt"
    );
    let Some(tmux) = Tmux::start("progress") else {
        return;
    };
    // `report`: progress on stderr (a terminal here), erased at the end.
    tmux.keys(&[
        &format!(
            "{BIN} report {} {other} > /dev/null; echo FIN$((1+1))",
            big.display()
        ),
        "Enter",
    ]);
    tmux.wait_for("progress on stderr", |s| {
        s.contains("parallax: analysing 2 sources")
    });
    let screen = tmux.wait_for("the report", |s| s.contains("FIN2"));
    assert!(
        !screen.contains("parallax: analysing"),
        "progress left behind:\n{screen}"
    );
    // The reader: the text at once, the analysis's progress in the status
    // line, and keys work meanwhile.
    tmux.keys(&["clear", "Enter"]);
    tmux.keys(&[
        &format!("{BIN} {} {other}; echo exit=$?", big.display()),
        "Enter",
    ]);
    let screen = tmux.wait_for("the analysis under way", |s| s.contains("analysing… "));
    let status = |s: &str| s.lines().last().unwrap_or("").to_string();
    assert!(status(&screen).contains("analysing… "), "{screen}");
    tmux.keys(&["2"]);
    tmux.wait_for("the focus to move while analysing", |s| {
        status(s).starts_with(" 2 ") && s.contains("analysing… ")
    });
    tmux.wait_for("the analysis to end", |s| !s.contains("analysing…"));
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("exit=0"));
}

/// The message line (above the status line).
fn message_line(screen: &str) -> String {
    screen.lines().rev().nth(1).unwrap_or("").to_string()
}

#[test]
fn reader_polish() {
    let Some(tmux) = Tmux::start("polish") else {
        return;
    };
    tmux.keys(&[&format!("{BIN}; echo exit=$?"), "Enter"]);
    tmux.wait_for("the analysis", |s| s.contains("discrepancies ·"));
    // `?` explains the furniture codes of the gutter.
    tmux.keys(&["?", "G"]);
    tmux.wait_for("the furniture codes", |s| {
        s.contains("byl byline") && s.contains("boi boilerplate")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains("Esc closes"));
    // The search count is the same in the message and the status line.
    tmux.keys(&["/", "Blinken", "Enter"]);
    let screen = tmux.wait_for("a match", |s| message_line(s).contains("match 1/"));
    let message = message_line(&screen);
    let total = message
        .split("match 1/")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains(&format!("/Blinken ({total})")),
        "{message} / {status}"
    );
    tmux.keys(&["Escape"]);
    // Scrolling stops at the end.
    tmux.keys(&["G"]);
    std::thread::sleep(Duration::from_millis(300));
    let before = tmux.capture();
    tmux.keys(&["j"]);
    let after = tmux.wait_for("the end", |s| {
        message_line(s).contains("end of Financial Times")
    });
    let panes = |s: &str| s.lines().skip(1).take(40).collect::<Vec<_>>().join("\n");
    assert_eq!(panes(&before), panes(&after), "j at the end moved the text");
    // `w` says what it diffs against.
    tmux.keys(&["w"]);
    tmux.wait_for("the word diff message", |s| {
        message_line(s).contains("differ between Financial Times (the focused source)")
    });
    tmux.keys(&["w"]);
    // `m` releases the mouse (the terminal selects text), `m` takes it back.
    tmux.keys(&["m"]);
    tmux.wait_for("the mouse released", |s| {
        message_line(s).contains("mouse released")
    });
    assert_eq!(tmux.flags(), "1 0 0", "alternate screen on, mouse off");
    tmux.keys(&["m"]);
    tmux.wait_for("the mouse captured", |s| {
        message_line(s).contains("mouse captured")
    });
    assert_eq!(tmux.flags(), "1 1 0");
    // Copying is off by default.
    tmux.keys(&["n", "y"]);
    tmux.wait_for("copying off", |s| {
        message_line(s).contains("copying is off")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("exit=0"));
}

#[test]
fn osc52_copies_the_current_finding_when_enabled() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[clipboard]\nosc52 = true\n").unwrap();
    let Some(tmux) = Tmux::start("osc52") else {
        return;
    };
    assert!(
        tmux.cmd(&["set-option", "-g", "set-clipboard", "on"])
            .status()
            .unwrap()
            .success()
    );
    tmux.keys(&[
        &format!("{BIN} --config {}; echo exit=$?", config.display()),
        "Enter",
    ]);
    tmux.wait_for("the analysis", |s| s.contains("discrepancies ·"));
    tmux.keys(&["n"]);
    let summary = first_discrepancy_summary().expect("the bundled corpus has discrepancies");
    tmux.keys(&["y"]);
    tmux.wait_for("the copy", |s| {
        message_line(s).contains("copied discrepancy 1")
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let buffer = tmux.cmd(&["show-buffer"]).output().unwrap();
        let text = String::from_utf8_lossy(&buffer.stdout);
        if text.starts_with(&summary) {
            assert!(text.contains("Financial Times: “"), "{text}");
            break;
        }
        assert!(Instant::now() < deadline, "clipboard: {text:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("exit=0"));
}

#[test]
fn twelve_near_copies_get_one_summed_up_notice() {
    let dir = tempfile::tempdir().unwrap();
    let article = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/articles/cbs-kidnapping.txt"
    ))
    .unwrap();
    let mut paths = Vec::new();
    for i in 1..=12 {
        let path = dir.path().join(format!("copy{i:02}.txt"));
        std::fs::write(&path, &article).unwrap();
        paths.push(path.display().to_string());
    }
    let Some(tmux) = Tmux::start("twelve") else {
        return;
    };
    tmux.keys(&[&format!("{BIN} {}; echo exit=$?", paths.join(" ")), "Enter"]);
    let screen = tmux.wait_for("the analysis", |s| {
        s.contains("discrepancies ·") || s.contains("No discrepancies")
    });
    let notice = screen.lines().next().unwrap_or("");
    assert!(
        // the same text twelve times: one report, the copies said once
        notice.contains("11 of 12 sources are the same text as another, compared once"),
        "{notice}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("exit=0"));
}
