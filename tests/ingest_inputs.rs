//! Input handling through the real binary and the library: formats, bad
//! inputs (one line on stderr naming the input, non-zero exit, no panic),
//! decoding, and URLs fetched from a server on 127.0.0.1 started here.
//! HTML needs the `html` feature and URLs the `fetch` feature; without them
//! (`cargo test --no-default-features --test ingest_inputs`), such inputs
//! are one-line errors that name the missing feature.

use std::io::Write;
#[cfg(feature = "fetch")]
use std::io::{BufRead, BufReader};
#[cfg(feature = "fetch")]
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use parallax::ingest::{self, Input};
use parallax::model::ParagraphKind;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

/// The run failed with exactly one stderr line that names `input` and says `cause`.
fn assert_one_line_error(out: &Output, input: &str, cause: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "succeeded on {input}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {stderr}");
    assert!(lines[0].contains(input), "does not name {input}: {stderr}");
    assert!(lines[0].contains(cause), "does not say {cause:?}: {stderr}");
    assert!(out.stdout.is_empty());
}

fn report_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn missing_file() {
    let out = parallax(&["report", "no/such/article.txt"]);
    assert_one_line_error(&out, "no/such/article.txt", "no such file");
}

#[test]
fn unreadable_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Some text.").unwrap();
    // A path through a regular file cannot be opened, even by root.
    let bad = file.join("inside.txt");
    let bad = bad.to_str().unwrap();
    let out = parallax(&["report", bad]);
    assert_one_line_error(&out, bad, "directory");
}

#[test]
fn directory_without_supported_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.png"), b"\x89PNG").unwrap();
    let path = dir.path().to_str().unwrap();
    let out = parallax(&["report", path]);
    assert_one_line_error(&out, path, "no supported files");
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("article.txt");
    std::fs::write(&file, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").unwrap();
    let path = file.to_str().unwrap();
    assert_one_line_error(&parallax(&["report", path]), path, "binary file");
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.md");
    std::fs::write(&file, "  \n\n").unwrap();
    let path = file.to_str().unwrap();
    assert_one_line_error(&parallax(&["report", path]), path, "empty");
}

#[test]
fn text_past_the_documented_limit_suggests_splitting() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.txt");
    let paragraph = "Officials said the talks would resume next week in the capital.\n\n";
    std::fs::write(
        &file,
        paragraph.repeat((ingest::MAX_TEXT_BYTES / paragraph.len()) + 10),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let out = parallax(&["report", path]);
    assert_one_line_error(&out, path, "text too long");
    assert!(String::from_utf8_lossy(&out.stderr).contains("split it into several inputs"));
}

#[test]
fn oversized_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.txt");
    // Sparse: no disk space or time is spent on it.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(65 << 20)
        .unwrap();
    let path = file.to_str().unwrap();
    assert_one_line_error(&parallax(&["report", path]), path, "too large");
}

#[test]
fn no_inputs_is_an_error_in_the_library() {
    let err = ingest::load(&[]).unwrap_err();
    assert_eq!(err.to_string(), "no inputs given");
}

#[test]
fn one_source_is_fine_and_directories_expand_sorted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.txt"), "Second article body text here.").unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "# A\n\nFirst article body text here.",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.json"), "{}").unwrap();
    let json = report_json(&parallax(&[
        "report",
        dir.path().join("b.txt").to_str().unwrap(),
    ]));
    assert_eq!(json["sources"].as_array().unwrap().len(), 1);
    let json = report_json(&parallax(&["report", dir.path().to_str().unwrap()]));
    let names: Vec<&str> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a", "b"]);
}

/// `parallax report -` with its standard input piped.
fn report_stdin() -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["report", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn standard_input() {
    let mut child = report_stdin();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "Talks ended on Monday, officials said.\n\nBoth sides agreed to meet again.".as_bytes(),
        )
        .unwrap();
    let json = report_json(&child.wait_with_output().unwrap());
    assert_eq!(json["sources"][0]["origin"], "-");
    assert_eq!(
        json["sources"][0]["paragraphs"].as_array().unwrap().len(),
        2
    );
}

/// Reports `bytes` as a file in `dir`: its first paragraph must be
/// `expected`; returns stderr.
fn decodes_to(dir: &Path, bytes: &[u8], expected: &str) -> String {
    let file = dir.join("decoded.txt");
    std::fs::write(&file, bytes).unwrap();
    let out = parallax(&["report", file.to_str().unwrap()]);
    let json = report_json(&out);
    assert_eq!(json["sources"][0]["paragraphs"][0]["text"], expected);
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn windows_1252_utf16_and_utf8_with_a_stray_byte_are_decoded_with_a_warning_for_the_guess() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = decodes_to(
        dir.path(),
        b"The caf\xe9 reopened, \x93finally\x94, on Monday.",
        "The café reopened, “finally”, on Monday.",
    );
    assert!(
        stderr.contains("warning") && stderr.contains("Windows-1252"),
        "{stderr}"
    );

    // Valid UTF-8 but for one stray byte: that byte is replaced, the rest
    // stays UTF-8 (quotes intact), with a warning.
    let stderr = decodes_to(
        dir.path(),
        b"\xe2\x80\x9cWe will not back down,\xe2\x80\x9d the minister said \x97 twice.",
        "“We will not back down,” the minister said \u{FFFD} twice.",
    );
    assert!(
        stderr.contains("warning") && stderr.contains("1 byte not valid UTF-8"),
        "{stderr}"
    );
    assert!(!stderr.contains("Windows-1252"), "{stderr}");

    let utf16 = dir.path().join("wide.txt");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Zürich talks resumed."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(&utf16, bytes).unwrap();
    let out = parallax(&["report", utf16.to_str().unwrap()]);
    assert_eq!(
        report_json(&out)["sources"][0]["paragraphs"][0]["text"],
        "Zürich talks resumed."
    );
    // No decoding warning (only the one about a single source).
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("decoded") && !stderr.contains("UTF-8"),
        "{stderr}"
    );
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.txt");
    std::fs::write(
        &file,
        "Red \x1b[31malert\x1b[0m and a \x1b]0;title\x07bell.\n\nSecond\x08 line.",
    )
    .unwrap();
    let out = parallax(&["report", "--format", "text", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        !out.stdout
            .iter()
            .any(|&b| b == 0x1b || b == 0x07 || b == 0x08)
    );
}

#[test]
fn markdown_fixture() {
    let loaded =
        ingest::load(&[Input::new(fixture("council-vote.md").display().to_string())]).unwrap();
    let source = &loaded.sources[0];
    assert_eq!(source.name, "Northern Ledger");
    assert_eq!(
        source.date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-06")
    );
    assert_eq!(
        source.title.as_deref(),
        Some("Council votes to keep the library open")
    );
    let kinds: Vec<(ParagraphKind, &str)> = source
        .paragraphs
        .iter()
        .map(|p| (p.kind, p.text.as_str()))
        .collect();
    use ParagraphKind::*;
    assert_eq!(
        kinds,
        [
            (Title, "Council votes to keep the library open"),
            (Byline, "By Sam Okafor"),
            (
                Body,
                "The city council voted 7 to 2 on Wednesday to keep the central library open for at least five more years."
            ),
            (
                Body,
                "Councillors had considered closing the building to save £1.2 million a year. Opponents gathered more than 9,000 signatures against the plan, and dozens of them watched the vote from the public gallery."
            ),
            (Heading, "What happens next"),
            (
                Body,
                "The library will cut its Sunday hours from April, the council said. A review of the building's roof, which leaks, is due in the autumn."
            ),
            (
                Body,
                "\"Libraries are where this city learns,\" said councillor Ana Ruiz, who proposed the motion."
            ),
            (Boilerplate, "Read more:"),
            (Boilerplate, "Budget gap widens to £30m"),
            (Boilerplate, "Museum entry fees return"),
        ]
    );
}

#[test]
#[cfg(feature = "html")]
fn html_fixture() {
    let loaded = ingest::load(&[Input::new(
        fixture("harbour-page.html").display().to_string(),
    )])
    .unwrap();
    let source = &loaded.sources[0];
    assert_eq!(source.name, "The Coastal Courier");
    assert_eq!(
        source.date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-05")
    );
    let body: Vec<&str> = source.body().map(|p| p.text.as_str()).collect();
    assert_eq!(body.len(), 5, "{:#?}", source.paragraphs);
    assert!(body[0].starts_with("The harbour bridge reopened"));
    assert!(body[4].starts_with("The council said tolls"));
    let all: String = source.paragraphs.iter().map(|p| p.text.as_str()).collect();
    for furniture in [
        "Sport",
        "Ferry timetable",
        "Privacy policy",
        "Advertisement",
    ] {
        assert!(
            !all.contains(furniture) || !source.body().any(|p| p.text.contains(furniture)),
            "{furniture} is body"
        );
    }
    let gz = tempfile::tempdir().unwrap();
    let path = gz.path().join("page.html.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder
        .write_all(&std::fs::read(fixture("harbour-page.html")).unwrap())
        .unwrap();
    std::fs::write(&path, encoder.finish().unwrap()).unwrap();
    let zipped = ingest::load(&[Input::new(path.display().to_string())]).unwrap();
    assert_eq!(zipped.sources[0].paragraphs, source.paragraphs);
}

/// An error and its sources on one line, as the binary prints them.
#[cfg(not(all(feature = "html", feature = "fetch")))]
fn chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

#[test]
#[cfg(not(feature = "html"))]
fn html_needs_the_html_feature() {
    let page = fixture("harbour-page.html").display().to_string();
    let out = parallax(&["report", &page]);
    assert_one_line_error(
        &out,
        &page,
        "this build of parallax lacks the `html` feature",
    );
    let err = ingest::load(&[Input::new(&page)]).unwrap_err();
    assert_eq!(
        chain(&err),
        format!("{page}: cannot read HTML: this build of parallax lacks the `html` feature")
    );
}

#[test]
#[cfg(not(feature = "fetch"))]
fn urls_need_the_fetch_feature() {
    // Never contacted: this build cannot fetch.
    let url = "http://127.0.0.1:9/article";
    let out = parallax(&["report", url]);
    assert_one_line_error(
        &out,
        url,
        "this build of parallax lacks the `fetch` feature",
    );
    let err = ingest::load(&[Input::new(url)]).unwrap_err();
    assert_eq!(
        chain(&err),
        format!("{url}: cannot fetch URLs: this build of parallax lacks the `fetch` feature")
    );
}

// ---------------------------------------------------------------------------
// URLs, against a server on 127.0.0.1
// ---------------------------------------------------------------------------

/// Serves a few fixed routes forever on a background thread; returns the base URL.
#[cfg(feature = "fetch")]
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = respond(stream);
        }
    });
    base
}

#[cfg(feature = "fetch")]
fn respond(mut stream: TcpStream) -> std::io::Result<()> {
    let mut request_line = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let html = std::fs::read(fixture("harbour-page.html"))?;
    let (status, extra, body): (&str, String, Vec<u8>) = match path {
        "/article" => (
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n".into(),
            html,
        ),
        "/plain" => (
            "200 OK",
            "Content-Type: text/plain\r\n".into(),
            b"Plain words from a server.\n\nA second paragraph.".to_vec(),
        ),
        "/moved" => ("302 Found", "Location: /article\r\n".into(), Vec::new()),
        "/loop" => ("302 Found", "Location: /loop\r\n".into(), Vec::new()),
        _ => (
            "404 Not Found",
            "Content-Type: text/plain\r\n".into(),
            b"nope".to_vec(),
        ),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

#[test]
#[cfg(all(feature = "fetch", feature = "html"))]
fn url_html_and_text_by_content_type() {
    let base = serve();
    let article = format!("{base}/article");
    let loaded = ingest::load(&[Input::new(&article)]).unwrap();
    let source = &loaded.sources[0];
    assert_eq!(source.origin, article);
    assert_eq!(source.name, "The Coastal Courier");
    assert_eq!(source.body().count(), 5);

    let plain = ingest::load(&[Input::new(format!("{base}/plain"))]).unwrap();
    let texts: Vec<&str> = plain.sources[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts, ["Plain words from a server.", "A second paragraph."]);

    let moved = ingest::load(&[Input::new(format!("{base}/moved"))]).unwrap();
    assert_eq!(moved.sources[0].body().count(), 5);
}

#[test]
#[cfg(feature = "fetch")]
fn url_failures_are_one_line_errors() {
    let base = serve();
    let missing = format!("{base}/missing");
    assert_one_line_error(&parallax(&["report", &missing]), &missing, "HTTP 404");
    let looping = format!("{base}/loop");
    assert_one_line_error(&parallax(&["report", &looping]), &looping, "redirect");

    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let refused = format!("http://{}/x", closed.local_addr().unwrap());
    drop(closed);
    let out = parallax(&["report", &refused]);
    assert_one_line_error(&out, &refused, "connection");

    let ftp = parallax(&["report", "ftp://x"]);
    assert_one_line_error(&ftp, "ftp://x", "unsupported URL scheme");
}

// ---------------------------------------------------------------------------
// Bounded reads, stray bytes, clear words
// ---------------------------------------------------------------------------

#[test]
fn dev_zero_is_capped_like_a_file() {
    let started = std::time::Instant::now();
    let out = parallax(&["report", "/dev/zero"]);
    assert_one_line_error(&out, "/dev/zero", "too large");
    assert!(String::from_utf8_lossy(&out.stderr).contains("split it"));
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

/// A FIFO at `dir/name` fed `bytes` by a thread (which gives up quietly
/// when the reader stops early).
fn fifo(dir: &Path, name: &str, bytes: Vec<u8>) -> PathBuf {
    let path = dir.join(name);
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success());
    let writer = path.clone();
    std::thread::spawn(move || {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(writer) {
            let _ = f.write_all(&bytes);
        }
    });
    path
}

#[test]
fn fifos_and_process_substitution_are_read_with_the_same_cap() {
    let dir = tempfile::tempdir().unwrap();
    let big = fifo(dir.path(), "big.txt", vec![b'a'; (64 << 20) + 10]);
    let out = parallax(&["report", big.to_str().unwrap()]);
    assert_one_line_error(&out, big.to_str().unwrap(), "too large");

    let small = fifo(dir.path(), "small.txt", b"Talks ended on Monday.".to_vec());
    let json = report_json(&parallax(&["report", small.to_str().unwrap()]));
    assert_eq!(
        json["sources"][0]["paragraphs"][0]["text"],
        "Talks ended on Monday."
    );

    // `<(…)`: a pipe under /dev/fd.
    let script = format!(
        "{} report <(printf 'Talks ended on Monday.') <(head -c 70000000 /dev/zero | tr '\\0' a)",
        env!("CARGO_BIN_EXE_parallax")
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_one_line_error(&out, "/dev/fd/", "too large");
}

#[test]
fn standard_input_is_capped() {
    let mut child = report_stdin();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let block = vec![b'a'; 1 << 20];
        for _ in 0..70 {
            if stdin.write_all(&block).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_one_line_error(&out, "-", "too large");
}

#[test]
fn one_source_or_the_same_file_twice_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(
        &file,
        "Talks ended on Monday, officials said.\n\nBoth sides will meet again.",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let dotted = format!("{}/./a.txt", dir.path().display());
    for args in [
        vec!["report", "-f", "text", path],
        vec!["report", "-f", "text", path, &dotted],
    ] {
        let out = parallax(&args);
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("only one source"), "{stderr}");
        if args.len() == 5 {
            assert!(stderr.contains("given more than once"), "{stderr}");
        }
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("near copy"), "{text}");
    }
}
