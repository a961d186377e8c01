//! Key bindings as data: a table from [`Key`] to [`Command`], with the
//! defaults below and overrides from the config file.

use std::fmt;

use super::action::Command;

/// A key without modifiers, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// A key with the Ctrl and Alt modifiers (Shift is folded into the
/// character, `G` rather than `shift-g`, and into `BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parses `j`, `G`, `ctrl-d`, `alt-x`, `enter`, `shift-tab`, `pagedown`,
    /// `f5`, `space`, `?` (case-insensitive names, case-sensitive letters).
    pub fn parse(raw: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = raw;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-").or(lower.strip_prefix("c-")) {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-").or(lower.strip_prefix("m-")) {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "shift-tab" | "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

/// The binding table. Lookups are linear: the table has ~50 entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<(Key, Command)>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Command as C;
        use KeyCode as K;
        let mut bindings = vec![
            (Key::ch('j'), C::LineDown),
            (Key::plain(K::Down), C::LineDown),
            (Key::ch('k'), C::LineUp),
            (Key::plain(K::Up), C::LineUp),
            (Key::ctrl('d'), C::HalfPageDown),
            (Key::ctrl('u'), C::HalfPageUp),
            (Key::plain(K::PageDown), C::PageDown),
            (Key::ch(' '), C::PageDown),
            (Key::ctrl('f'), C::PageDown),
            (Key::plain(K::PageUp), C::PageUp),
            (Key::ctrl('b'), C::PageUp),
            (Key::ch('g'), C::Top),
            (Key::plain(K::Home), C::Top),
            (Key::ch('G'), C::Bottom),
            (Key::plain(K::End), C::Bottom),
            (Key::plain(K::Tab), C::NextPane),
            (Key::plain(K::BackTab), C::PrevPane),
            (Key::ch('h'), C::PaneLeft),
            (Key::plain(K::Left), C::PaneLeft),
            (Key::ch('l'), C::PaneRight),
            (Key::plain(K::Right), C::PaneRight),
            (Key::ch('n'), C::NextDiscrepancy),
            (Key::ch('N'), C::PrevDiscrepancy),
            (Key::ch('f'), C::CycleFilter),
            (Key::ch('/'), C::Search),
            (Key::ch(']'), C::SearchNext),
            (Key::ch('['), C::SearchPrev),
            (Key::ch('d'), C::ToggleNavigator),
            (Key::ch('i'), C::ToggleDetail),
            (Key::ch('w'), C::ToggleWordDiff),
            (Key::ch('a'), C::ToggleFurniture),
            (Key::ch('?'), C::ToggleHelp),
            (Key::ch('r'), C::ToggleRelations),
            (Key::ch('m'), C::ToggleMouse),
            (Key::ch('y'), C::CopyFinding),
            (Key::plain(K::Enter), C::Confirm),
            (Key::plain(K::Esc), C::Back),
            (Key::ch('q'), C::Quit),
        ];
        for n in 0..9u8 {
            bindings.push((Key::ch(char::from(b'1' + n)), C::Focus(n)));
        }
        Keymap { bindings }
    }
}

impl Keymap {
    /// The command bound to `key`, if any.
    pub fn lookup(&self, key: Key) -> Option<Command> {
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, c)| c)
    }

    /// Binds `key` to `command`, replacing what it did before.
    pub fn bind(&mut self, key: Key, command: Command) {
        self.bindings.retain(|(k, _)| *k != key);
        self.bindings.push((key, command));
    }

    /// Removes every binding of `key`.
    pub fn unbind(&mut self, key: Key) {
        self.bindings.retain(|(k, _)| *k != key);
    }

    /// The keys bound to `command`, in table order.
    pub fn keys_for(&self, command: Command) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(_, c)| *c == command)
            .map(|&(k, _)| k)
            .collect()
    }

    /// A short label for the first key of `command` ("" when unbound).
    pub fn hint(&self, command: Command) -> String {
        self.keys_for(command)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// Rows for the help overlay: keys, description; every bound command.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let mut rows = Vec::new();
        let joined = |keys: Vec<Key>| {
            keys.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        for command in Command::NAMED {
            let keys = self.keys_for(command);
            if !keys.is_empty() {
                rows.push((joined(keys), command.describe()));
            }
        }
        let focus: Vec<Key> = (0..9)
            .flat_map(|n| self.keys_for(Command::Focus(n)))
            .collect();
        if !focus.is_empty() {
            let label = if focus.len() == 9 && focus[0] == Key::ch('1') {
                "1–9".to_string()
            } else {
                joined(focus)
            };
            rows.push((label, Command::Focus(0).describe()));
        }
        rows.push(("Ctrl-c".to_string(), "quit from anywhere"));
        rows.push(("Ctrl-z".to_string(), "suspend to the shell (fg resumes)"));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_names() {
        assert_eq!(Key::parse("j"), Some(Key::ch('j')));
        assert_eq!(Key::parse("G"), Some(Key::ch('G')));
        assert_eq!(Key::parse("ctrl-d"), Some(Key::ctrl('d')));
        assert_eq!(Key::parse("C-D"), Some(Key::ctrl('d')));
        assert_eq!(Key::parse("PageDown"), Some(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("f5"), Some(Key::plain(KeyCode::F(5))));
        assert_eq!(Key::parse("space"), Some(Key::ch(' ')));
        assert_eq!(Key::parse("ctrl-"), None);
        assert_eq!(Key::parse("hyper-x"), None);
        assert_eq!(Key::parse("f99"), None);
    }

    #[test]
    fn defaults_cover_vim_and_arrows() {
        let map = Keymap::default();
        assert_eq!(map.lookup(Key::ch('j')), Some(Command::LineDown));
        assert_eq!(
            map.lookup(Key::plain(KeyCode::Down)),
            Some(Command::LineDown)
        );
        assert_eq!(map.lookup(Key::ch('3')), Some(Command::Focus(2)));
        assert_eq!(map.lookup(Key::ch('x')), None);
    }

    #[test]
    fn bind_replaces_and_help_lists_every_command() {
        let mut map = Keymap::default();
        map.bind(Key::ch('j'), Command::Bottom);
        assert_eq!(map.lookup(Key::ch('j')), Some(Command::Bottom));
        let help = map.help_rows();
        for command in Command::NAMED {
            let described = help.iter().any(|(_, d)| *d == command.describe());
            assert!(described, "{command:?} missing from help");
        }
    }
}
