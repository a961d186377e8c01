//! Snapshots of the reader on the bundled corpus, drawn on ratatui's
//! TestBackend. They change whenever the engine's analysis changes: review
//! the diff (`cargo insta review`, or `INSTA_UPDATE=always` and `git diff`).

use parallax::tui::keymap::Keymap;
use parallax::tui::theme::Theme;
use parallax::tui::{Action, Command, Config, State, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The bundled corpus analysed once for all tests (debug builds are slow).
fn report() -> parallax::Report {
    static REPORT: std::sync::OnceLock<parallax::Report> = std::sync::OnceLock::new();
    REPORT
        .get_or_init(|| parallax::analyze(parallax::ingest::bundled_sources()))
        .clone()
}

fn reader(width: u16, height: u16) -> State {
    let report = report();
    let config = Config {
        keymap: Keymap::default(),
        theme: Theme::default(),
        osc52: false,
    };
    let mut state = State::new(report, config);
    state.update(Action::Resize { width, height });
    state
}

fn press(state: &mut State, commands: &[Command]) {
    for &c in commands {
        state.update(c.into());
    }
}

fn screen(state: &State) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(state.width, state.height)).unwrap();
    terminal.draw(|f| view::draw(f, state)).unwrap();
    terminal
}

#[test]
fn first_screen_160x45() {
    let state = reader(160, 45);
    insta::assert_snapshot!(screen(&state).backend());
}

#[test]
fn first_number_discrepancy_160x45() {
    let mut state = reader(160, 45);
    press(
        &mut state,
        &[Command::CycleFilter, Command::NextDiscrepancy],
    );
    let terminal = screen(&state);
    insta::assert_snapshot!(terminal.backend());
    // Styles too: the buffer's Debug form lists every styled run.
    insta::assert_snapshot!(
        "first_number_discrepancy_styles",
        format!("{:?}", terminal.backend().buffer())
    );
}

#[test]
fn navigator_open_160x45() {
    let mut state = reader(160, 45);
    press(&mut state, &[Command::ToggleNavigator]);
    insta::assert_snapshot!(screen(&state).backend());
}

#[test]
fn help_open_160x45() {
    let mut state = reader(160, 45);
    press(&mut state, &[Command::ToggleHelp]);
    insta::assert_snapshot!(screen(&state).backend());
}

#[test]
fn small_terminal_60x20() {
    let state = reader(60, 20);
    insta::assert_snapshot!(screen(&state).backend());
}

#[test]
fn too_small_terminal_is_one_line() {
    let state = reader(30, 6);
    let terminal = screen(&state);
    let text = terminal.backend().to_string();
    assert!(text.contains("too small: need 40×8"), "{text}");
}

/// Visits every discrepancy with `n` and checks each one is seen whole:
/// every source that mentions it has a pane on screen, scrolled to it,
/// and the focus is on one of them.
fn every_finding_is_seen_whole(width: u16, height: u16) {
    let mut state = reader(width, height);
    let total = state.report.discrepancies.len();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..total {
        press(&mut state, &[Command::NextDiscrepancy]);
        let current = state.current_discrepancy().unwrap();
        seen.insert(current);
        let g = state.geometry();
        let d = &state.report.discrepancies[current];
        let height = g.pane_height();
        assert!(
            d.mentions.iter().any(|m| m.source.0 == state.focus),
            "{}: focus elsewhere",
            d.id
        );
        for m in &d.mentions {
            assert!(
                g.panes.iter().any(|(s, _)| *s == m.source.0),
                "{} at {width}x{height}: {} has no pane",
                d.id,
                state.report.sources[m.source.0].name
            );
            let row = state.layouts[m.source.0]
                .row_of(m.paragraph, m.start)
                .unwrap();
            let top = state.scroll[m.source.0];
            assert!(row >= top && row < top + height, "{} not on screen", d.id);
        }
    }
    assert_eq!(seen.len(), total);
}

#[test]
fn every_discrepancy_is_reachable_by_keyboard() {
    every_finding_is_seen_whole(160, 45);
}

#[test]
fn every_finding_is_seen_whole_at_100x30() {
    every_finding_is_seen_whole(100, 30);
}
