//! Property tests (proptest) over untrusted input, end to end:
//!
//! - ingest → analysis → every report format (JSON, Markdown, text), from
//!   arbitrary bytes and from text that mixes every class of control
//!   character and escape sequence with article-like words;
//! - the reader's render of such a report after random keys, at random
//!   sizes.
//!
//! Properties: nothing panics; no ESC, C1 control, BEL or bidi control
//! reaches any output (report bytes, JSON strings, cells of the screen);
//! every span lies on char boundaries of its paragraph.
//!
//! `cargo test` runs a few thousand cases (`FUZZ_CASES` below per
//! property). The long run (README, "Fuzzing"):
//! `PARALLAX_FUZZ_CASES=40000 cargo test --release --test fuzz_props`.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use parallax::model::Report;
use parallax::report::Format;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::Theme;
use parallax::tui::{Action, Command, State, view};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Cases per property in `cargo test` (debug build): four properties, a
/// few thousand cases in all, about half a minute on two cores.
const FUZZ_CASES: u32 = 700;

fn cases() -> u32 {
    std::env::var("PARALLAX_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(FUZZ_CASES)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        // Failures are reported with their input; nothing is written.
        failure_persistence: None,
        ..Config::default()
    })
}

/// What must never reach a terminal: ESC, BEL, the C1 controls, other C0
/// controls but newline and tab, DEL, and the bidi controls.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Pieces of hostile text: words, numbers and quotes an article has, and
/// every class of control character and escape sequence.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "The",
        "talks",
        "lasted",
        "35 minutes,",
        "officials",
        "said",
        "on Monday.",
        "“We will not back down,”",
        "Blinken",
        "Xi",
        "five-and-a-half hours",
        "Beijing.",
        "\n\n",
        "\n",
        "\r\n",
        "\t",
        " ",
        "  ",
        "# Heading\n\n",
        "---\ntitle: x\n---\n",
        "[link](http://x)",
        "**bold**",
        "<p>",
        "</p>",
        "<script>alert(1)</script>",
        "<div>",
        "&amp;",
        "\u{1b}[31m",
        "\u{1b}[0m",
        "\u{1b}]0;PWN\u{7}",
        "\u{1b}]8;;http://e\u{1b}\\",
        "\u{1b}P1;2q\u{1b}\\",
        "\u{1b}_x\u{1b}\\",
        "\u{1b}c",
        "\u{1b}",
        "\u{7}",
        "\u{8}",
        "\u{7f}",
        "\u{9b}31m",
        "\u{85}",
        "\u{9d}0;x\u{9c}",
        "\u{90}",
        "\u{202e}",
        "\u{202a}",
        "\u{2066}",
        "\u{2069}",
        "\u{200e}",
        "\u{200f}",
        "\u{61c}",
        "\u{200b}",
        "\u{200d}",
        "\u{feff}",
        "👩\u{200d}🚒",
        "🇧🇷",
        "🇺🇸",
        "🏳\u{fe0f}\u{200d}🌈",
        "e\u{301}",
        "習近平",
        "\u{0}",
        "\u{fffd}",
        "\u{10ffff}",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        8 => fixed,
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[a-zA-Z]{1,12}",
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.concat())
}

/// The input names (and so formats) a generated document is read as.
const NAMES: [&str; 4] = ["a.txt", "b.md", "c.html", "d"];

/// Ingests `docs` (bytes, name index), skipping the ones refused with an
/// error (which must be one line naming the input), then analyses.
fn ingest_and_analyse(docs: &[(Vec<u8>, usize)]) -> Option<Report> {
    let mut sources = Vec::new();
    for (bytes, name) in docs {
        let origin = NAMES[name % NAMES.len()];
        match parallax::ingest::load_bytes(origin, bytes) {
            Ok(mut loaded) => sources.append(&mut loaded.sources),
            Err(e) => {
                let message = e.to_string();
                assert!(message.starts_with(origin), "{message}");
                assert!(!message.contains('\n'), "{message:?}");
                assert!(!message.chars().any(forbidden), "{message:?}");
            }
        }
    }
    if sources.is_empty() {
        return None;
    }
    for (i, s) in sources.iter_mut().enumerate() {
        s.id = parallax::model::SourceId(i);
    }
    Some(parallax::analyze(sources))
}

fn check_spans(report: &Report) {
    for source in &report.sources {
        assert!(!source.name.chars().any(forbidden), "{:?}", source.name);
        for p in &source.paragraphs {
            assert!(!p.text.chars().any(forbidden), "{:?}", p.text);
            for s in &p.sentences {
                assert!(
                    s.start <= s.end && p.text.get(s.start..s.end).is_some(),
                    "{s:?} in {:?}",
                    p.text
                );
            }
        }
    }
    let text = |source: parallax::model::SourceId, paragraph: usize| {
        &report.sources[source.0].paragraphs[paragraph].text
    };
    for d in &report.discrepancies {
        for m in &d.mentions {
            let t = text(m.source, m.paragraph);
            assert_eq!(t.get(m.start..m.end), Some(m.text.as_str()), "{d:?}");
        }
    }
    for g in &report.groups {
        for link in &g.links {
            let (a, b) = (
                text(link.a.source, link.a.paragraph),
                text(link.b.source, link.b.paragraph),
            );
            for op in &link.diff {
                assert!(a.get(op.a.start..op.a.end).is_some(), "{op:?} in {a:?}");
                assert!(b.get(op.b.start..op.b.end).is_some(), "{op:?} in {b:?}");
            }
        }
    }
}

fn check_reports(report: &Report) {
    for format in [Format::Json, Format::Markdown, Format::Text] {
        let mut out = Vec::new();
        parallax::report::write(report, format, &mut out).unwrap();
        let text = String::from_utf8(out).expect("reports are UTF-8");
        assert!(!text.chars().any(forbidden), "{format:?}: {text:?}");
        if format == Format::Json {
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            check_json_strings(&json);
        }
    }
}

/// No forbidden character even once JSON escapes are undone.
fn check_json_strings(v: &serde_json::Value) {
    match v {
        serde_json::Value::String(s) => assert!(!s.chars().any(forbidden), "{s:?}"),
        serde_json::Value::Array(a) => a.iter().for_each(check_json_strings),
        serde_json::Value::Object(o) => o.values().for_each(check_json_strings),
        _ => {}
    }
}

/// Draws `report` after `keys` at `width`x`height`; checks every frame.
fn check_render(report: Report, width: u16, height: u16, keys: &[usize]) {
    let config = parallax::tui::Config {
        keymap: Keymap::default(),
        theme: Theme::monochrome(),
        osc52: true,
    };
    let mut state = State::new(report, config);
    state.update(Action::Resize { width, height });
    let mut commands: Vec<Command> = Command::NAMED.to_vec();
    commands.extend((0..9).map(Command::Focus));
    // The screen is the size the state was last told (as in the reader).
    let frame = |state: &State| {
        let area = Rect::new(0, 0, state.width, state.height);
        let mut buf = Buffer::empty(area);
        view::render(state, area, &mut buf);
        for cell in buf.content() {
            assert!(!cell.symbol().chars().any(forbidden), "{:?}", cell.symbol());
        }
    };
    frame(&state);
    for &k in keys {
        let action = match k % 40 {
            0 => Action::SearchInput(char::from(b'a' + (k / 40 % 26) as u8)),
            1 => Action::Resize {
                width: 20 + (k % 180) as u16,
                height: 4 + (k % 60) as u16,
            },
            _ => Action::Command(commands[k % commands.len()]),
        };
        if matches!(action, Action::Command(Command::Quit)) {
            continue;
        }
        state.update(action);
        if let Some(sequence) = state.clipboard.take() {
            let payload = &sequence["\u{1b}]52;c;".len()..sequence.len() - 1];
            assert!(
                payload
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
            );
        }
        frame(&state);
    }
}

fn documents(
    content: impl Strategy<Value = Vec<u8>>,
) -> impl Strategy<Value = Vec<(Vec<u8>, usize)>> {
    prop::collection::vec((content, 0..NAMES.len()), 1..4)
}

/// Every document set through ingest, analysis and every report format.
fn check_pipeline(documents: impl Strategy<Value = Vec<(Vec<u8>, usize)>>) {
    runner()
        .run(&documents, |docs| {
            if let Some(report) = ingest_and_analyse(&docs) {
                check_spans(&report);
                check_reports(&report);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn hostile_text_through_ingest_analysis_and_every_report() {
    check_pipeline(documents(hostile_text().prop_map(String::into_bytes)));
}

#[test]
fn arbitrary_bytes_through_ingest_analysis_and_every_report() {
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        // Mostly text, with stray bytes.
        (
            hostile_text(),
            prop::collection::vec((any::<usize>(), any::<u8>()), 0..4)
        )
            .prop_map(|(text, strays)| {
                let mut bytes = text.into_bytes();
                for (at, b) in strays {
                    if !bytes.is_empty() {
                        let at = at % bytes.len();
                        bytes[at] = b;
                    }
                }
                bytes
            }),
    ];
    check_pipeline(documents(bytes));
}

#[test]
fn the_reader_renders_hostile_text_without_controls() {
    let strategy = (
        documents(hostile_text().prop_map(String::into_bytes)),
        20u16..200,
        4u16..60,
        prop::collection::vec(any::<usize>(), 0..40),
    );
    runner()
        .run(&strategy, |(docs, width, height, keys)| {
            if let Some(report) = ingest_and_analyse(&docs) {
                check_render(report, width, height, &keys);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_reader_renders_the_bundled_corpus_after_any_keys() {
    let report = parallax::analyze(parallax::ingest::bundled_sources());
    let strategy = (
        40u16..200,
        8u16..60,
        prop::collection::vec(any::<usize>(), 0..60),
    );
    let mut runner = runner();
    // The bundled corpus draws slowly in debug builds: a tenth of the cases.
    let mut config = runner.config().clone();
    config.cases = (cases() / 10).max(1);
    runner = TestRunner::new(config);
    runner
        .run(&strategy, |(width, height, keys)| {
            check_render(report.clone(), width, height, &keys);
            Ok(())
        })
        .unwrap();
}
