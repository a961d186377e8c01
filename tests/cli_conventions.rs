//! The command line as a user meets it: the no-terminal message, exit
//! codes in `--help`, `--version` with the commit, generated completions
//! and man page, `report -o FILE`, errors that name the output or the
//! config file, and `--label` values that are untrusted text.

use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_parallax");

fn parallax(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Stderr less the warnings (one source only, here).
fn error_lines(out: &Output) -> String {
    stderr(out)
        .lines()
        .filter(|l| !l.starts_with("parallax: warning:"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fixture() -> String {
    format!(
        "{}/tests/fixtures/ingest/council-vote.md",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn the_reader_without_a_terminal_says_what_to_do() {
    let out = parallax(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        "parallax needs a terminal; `parallax report` prints text"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn help_lists_the_exit_codes() {
    for args in [&["--help"][..], &["report", "--help"]] {
        let out = parallax(args);
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Exit status:"), "{help}");
        for code in ["0 ", "1 ", "2 ", "129", "130", "143"] {
            assert!(help.contains(&format!("  {code}")), "{code}: {help}");
        }
    }
}

#[test]
fn version_shows_the_commit_when_built_from_git() {
    let out = parallax(&["--version"]);
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        version.starts_with(concat!("parallax ", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    if let Ok(head) = head
        && head.status.success()
    {
        // The binary was built from this checkout, perhaps a commit ago.
        let commit = version
            .split_once('(')
            .and_then(|(_, rest)| rest.split([' ', ')']).next())
            .unwrap_or("");
        assert_eq!(commit.len(), 12, "a 12-digit commit in {version:?}");
        assert!(commit.chars().all(|c| c.is_ascii_hexdigit()), "{version}");
    }
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    let bash = parallax(&["completions", "bash"]);
    assert!(bash.status.success());
    let script = String::from_utf8_lossy(&bash.stdout);
    assert!(script.contains("_parallax()"), "{script}");
    for word in ["report", "--label", "--format", "--output", "--config"] {
        assert!(script.contains(word), "{word} not completed");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = parallax(&["completions", shell]);
        assert!(out.status.success() && !out.stdout.is_empty(), "{shell}");
    }
    let man = parallax(&["man"]);
    assert!(man.status.success());
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH parallax 1"), "{page}");
    assert!(page.contains("Exit status"), "exit codes in the man page");
    assert!(page.contains("report"));
}

#[test]
fn report_writes_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.md");
    let input = fixture();
    let out = parallax(&[
        "report",
        "-f",
        "markdown",
        "-o",
        file.to_str().unwrap(),
        &input,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    let printed = parallax(&["report", "-f", "markdown", &input]).stdout;
    assert_eq!(written.as_bytes(), printed);
}

#[test]
fn write_errors_name_the_output() {
    let input = fixture();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/dir/out.json");
    let out = parallax(&["report", "-o", missing.to_str().unwrap(), &input]);
    assert_eq!(out.status.code(), Some(1));
    let err = error_lines(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(missing.to_str().unwrap()), "{err}");

    let full = std::fs::File::create("/dev/full");
    if let Ok(full) = full {
        let out = Command::new(BIN)
            .args(["report", &input])
            .stdin(Stdio::null())
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = error_lines(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("standard output") && err.contains("No space"),
            "{err}"
        );
    }
}

#[test]
fn a_missing_config_file_is_named() {
    // The terminal check comes first; under `script` there is one.
    let Ok(script) = Command::new("script").arg("--version").output() else {
        return;
    };
    if !script.status.success() {
        return;
    }
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("{BIN} --config /nonexistent/parallax.toml"),
            "/dev/null",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("parallax: config file /nonexistent/parallax.toml: No such file"),
        "{text}"
    );
}

#[test]
fn labels_are_sanitized_and_match_paths_spelled_differently() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Talks ended on Monday, officials said.",
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let evil = "a.txt=E\u{1b}]0;PWN\u{7}\u{202e}AP";
    for format in ["json", "markdown", "text"] {
        let out = run(&["report", "-f", format, "--label", evil, "a.txt"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{format}: {text:?}"
        );
        assert!(text.contains("EAP"), "{format}: {text}");
    }
    let out = run(&["report", "--label", "./a.txt=Wire", "a.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["sources"][0]["name"], "Wire");
    let out = run(&["report", "--label", "b.txt=Wire", "a.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("b.txt is not one of the inputs"));
}

#[test]
fn one_body_paragraph_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.txt");
    std::fs::write(&file, "Talks ended on Monday, officials said.").unwrap();
    for format in ["text", "markdown"] {
        let out = parallax(&["report", "-f", format, file.to_str().unwrap()]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("): 1 body paragraph, from"), "{text}");
    }
}
