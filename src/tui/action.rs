//! Everything the user can ask the reader to do, as plain data.
//!
//! Key bindings map keys to [`Command`]s (the bindable subset, named in the
//! config file); the event reader adds the few [`Action`]s that carry data
//! (typed search text, mouse positions, a new terminal size).

/// A bindable command: what a key does. Names are the config-file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    LineDown,
    LineUp,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    PaneLeft,
    PaneRight,
    /// Focus the n-th source (0-based).
    Focus(u8),
    NextDiscrepancy,
    PrevDiscrepancy,
    CycleFilter,
    Search,
    SearchNext,
    SearchPrev,
    ToggleNavigator,
    ToggleDetail,
    ToggleWordDiff,
    ToggleFurniture,
    ToggleHelp,
    /// How the sources relate: the one-line summary and coverage matrix.
    ToggleRelations,
    /// Release the mouse to the terminal (select and copy text), or
    /// capture it again.
    ToggleMouse,
    /// Copy the current finding to the clipboard (OSC 52, when enabled).
    CopyFinding,
    /// Enter: jump to the selected list entry.
    Confirm,
    /// Esc: close the topmost overlay (quits nothing).
    Back,
    Quit,
}

impl Command {
    /// Every command with a fixed name, in help order (`Focus(n)` is `focus-N`).
    pub const NAMED: [Command; 29] = [
        Command::LineDown,
        Command::LineUp,
        Command::HalfPageDown,
        Command::HalfPageUp,
        Command::PageDown,
        Command::PageUp,
        Command::Top,
        Command::Bottom,
        Command::NextPane,
        Command::PrevPane,
        Command::PaneLeft,
        Command::PaneRight,
        Command::NextDiscrepancy,
        Command::PrevDiscrepancy,
        Command::CycleFilter,
        Command::Search,
        Command::SearchNext,
        Command::SearchPrev,
        Command::ToggleNavigator,
        Command::ToggleDetail,
        Command::ToggleWordDiff,
        Command::ToggleFurniture,
        Command::ToggleHelp,
        Command::ToggleRelations,
        Command::ToggleMouse,
        Command::CopyFinding,
        Command::Confirm,
        Command::Back,
        Command::Quit,
    ];

    /// The config-file name, e.g. `line-down`.
    pub fn name(self) -> String {
        let fixed = match self {
            Command::LineDown => "line-down",
            Command::LineUp => "line-up",
            Command::HalfPageDown => "half-page-down",
            Command::HalfPageUp => "half-page-up",
            Command::PageDown => "page-down",
            Command::PageUp => "page-up",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::NextPane => "next-pane",
            Command::PrevPane => "prev-pane",
            Command::PaneLeft => "pane-left",
            Command::PaneRight => "pane-right",
            Command::Focus(n) => return format!("focus-{}", u16::from(n) + 1),
            Command::NextDiscrepancy => "next-discrepancy",
            Command::PrevDiscrepancy => "prev-discrepancy",
            Command::CycleFilter => "cycle-filter",
            Command::Search => "search",
            Command::SearchNext => "search-next",
            Command::SearchPrev => "search-prev",
            Command::ToggleNavigator => "toggle-navigator",
            Command::ToggleDetail => "toggle-detail",
            Command::ToggleWordDiff => "toggle-word-diff",
            Command::ToggleFurniture => "toggle-furniture",
            Command::ToggleHelp => "toggle-help",
            Command::ToggleRelations => "toggle-relations",
            Command::ToggleMouse => "toggle-mouse",
            Command::CopyFinding => "copy-finding",
            Command::Confirm => "confirm",
            Command::Back => "back",
            Command::Quit => "quit",
        };
        fixed.to_string()
    }

    /// Parses a config-file name (`focus-1` … `focus-9` included).
    pub fn from_name(name: &str) -> Option<Command> {
        if let Some(n) = name.strip_prefix("focus-") {
            return match n.parse::<u8>() {
                Ok(n @ 1..=9) => Some(Command::Focus(n - 1)),
                _ => None,
            };
        }
        Command::NAMED.into_iter().find(|c| c.name() == name)
    }

    /// What the command does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Command::LineDown => "scroll down one line",
            Command::LineUp => "scroll up one line",
            Command::HalfPageDown => "scroll down half a page",
            Command::HalfPageUp => "scroll up half a page",
            Command::PageDown => "scroll down a page",
            Command::PageUp => "scroll up a page",
            Command::Top => "go to the top",
            Command::Bottom => "go to the end",
            Command::NextPane => "focus the next source (wraps)",
            Command::PrevPane => "focus the previous source (wraps)",
            Command::PaneLeft => "focus the source to the left",
            Command::PaneRight => "focus the source to the right",
            Command::Focus(_) => "focus source 1–9",
            Command::NextDiscrepancy => "next discrepancy (current filter)",
            Command::PrevDiscrepancy => "previous discrepancy (current filter)",
            Command::CycleFilter => "filter: all → numbers → quotes → framing → omissions",
            Command::Search => "search the text",
            Command::SearchNext => "next search match",
            Command::SearchPrev => "previous search match",
            Command::ToggleNavigator => "discrepancy list (with detail)",
            Command::ToggleDetail => "detail of the current discrepancy",
            Command::ToggleWordDiff => "word diff against the focused source",
            Command::ToggleFurniture => "show headlines, bylines, captions (dimmed)",
            Command::ToggleHelp => "this help",
            Command::ToggleRelations => "how the sources relate: who shares what with whom",
            Command::ToggleMouse => "release the mouse to select and copy text (again: capture it)",
            Command::CopyFinding => "copy the current discrepancy (OSC 52; enable in the config)",
            Command::Confirm => "jump to the selected discrepancy",
            Command::Back => "close the overlay / cancel",
            Command::Quit => "quit",
        }
    }
}

/// One step of input for [`State::update`](super::state::State::update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A bound key was pressed.
    Command(Command),
    /// Ctrl-C: quits from anywhere, not rebindable.
    ForceQuit,
    /// Ctrl-Z: suspend to the shell (handled by the event loop, which owns
    /// the terminal), not rebindable.
    Suspend,
    /// A character typed into the search prompt.
    SearchInput(char),
    /// Backspace in the search prompt.
    SearchBackspace,
    /// Mouse wheel at a cell; `down` is towards the end of the text.
    Wheel { column: u16, row: u16, down: bool },
    /// Left click at a cell.
    Click { column: u16, row: u16 },
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Command::NAMED {
            assert_eq!(Command::from_name(&c.name()), Some(c));
        }
        for n in 0..9 {
            assert_eq!(
                Command::from_name(&Command::Focus(n).name()),
                Some(Command::Focus(n))
            );
        }
        assert_eq!(Command::from_name("focus-0"), None);
        assert_eq!(Command::from_name("fly"), None);
    }
}
