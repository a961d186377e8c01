//! Benchmarks (divan). Run: `cargo bench --bench render`.
//!
//! The budget: a frame of the bundled corpus at 200x60 in under 2 ms, drawn
//! on ratatui's TestBackend (no terminal I/O). Analysis is outside every
//! measurement: the reader runs it once before its event loop, so a key
//! press costs one `update` plus one frame.

use std::sync::OnceLock;

use parallax::tui::keymap::Keymap;
use parallax::tui::theme::Theme;
use parallax::tui::{Action, Command, Config, State, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn report() -> parallax::Report {
    static REPORT: OnceLock<parallax::Report> = OnceLock::new();
    REPORT
        .get_or_init(|| parallax::analyze(parallax::ingest::bundled_sources()))
        .clone()
}

fn reader(width: u16, height: u16, commands: &[Command]) -> State {
    let config = Config {
        keymap: Keymap::default(),
        theme: Theme::default(),
        osc52: false,
    };
    let mut state = State::new(report(), config);
    state.update(Action::Resize { width, height });
    for &c in commands {
        state.update(c.into());
    }
    state
}

#[divan::bench]
fn bundled_corpus_ingest() -> Vec<parallax::model::Source> {
    parallax::ingest::bundled_sources()
}

/// One frame of the first screen at 200x60.
#[divan::bench]
fn frame_200x60(bencher: divan::Bencher) {
    let state = reader(200, 60, &[]);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| view::draw(f, &state)).unwrap();
    });
}

/// One frame at 200x60 with the top discrepancy highlighted, word diff on
/// and the navigator open: the busiest screen.
#[divan::bench]
fn frame_200x60_busy(bencher: divan::Bencher) {
    let state = reader(
        200,
        60,
        &[
            Command::NextDiscrepancy,
            Command::ToggleWordDiff,
            Command::ToggleNavigator,
        ],
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| view::draw(f, &state)).unwrap();
    });
}

/// Key press to redraw: `j` (scroll and level every pane) plus a frame.
#[divan::bench]
fn key_to_frame_200x60(bencher: divan::Bencher) {
    let mut state = reader(200, 60, &[]);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        if state.scroll[state.focus] + 2 >= state.layouts[state.focus].rows.len() {
            down = false;
        } else if state.scroll[state.focus] == 0 {
            down = true;
        }
        let c = if down {
            Command::LineDown
        } else {
            Command::LineUp
        };
        state.update(c.into());
        terminal.draw(|f| view::draw(f, &state)).unwrap();
    });
}

/// `n`: jump every pane to the next discrepancy, plus a frame.
#[divan::bench]
fn next_discrepancy_to_frame_200x60(bencher: divan::Bencher) {
    let mut state = reader(200, 60, &[]);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        state.update(Command::NextDiscrepancy.into());
        terminal.draw(|f| view::draw(f, &state)).unwrap();
    });
}

/// Reader start-up after analysis: index, wrap every source at 200x60.
#[divan::bench]
fn reader_setup_200x60(bencher: divan::Bencher) {
    bencher.with_inputs(report).bench_values(|report| {
        let config = Config {
            keymap: Keymap::default(),
            theme: Theme::default(),
            osc52: false,
        };
        let mut state = State::new(report, config);
        state.update(Action::Resize {
            width: 200,
            height: 60,
        });
        state
    });
}
