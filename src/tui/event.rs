//! The one place that reads terminal events: crossterm events in, reader
//! [`Action`]s out.

use std::io;
use std::time::Duration;

use crossterm::event::{
    self, Event, KeyCode as CtKey, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

use super::action::{Action, Command};
use super::keymap::{Key, KeyCode, Keymap};

/// Waits up to `timeout` for one terminal event and translates it.
/// `typing` is set while the search prompt takes characters.
pub fn next_action(keymap: &Keymap, typing: bool, timeout: Duration) -> io::Result<Option<Action>> {
    if !event::poll(timeout)? {
        return Ok(None);
    }
    Ok(translate(keymap, typing, event::read()?))
}

/// Translates one crossterm event (pure; unit-tested).
pub fn translate(keymap: &Keymap, typing: bool, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => translate_key(keymap, typing, key),
        Event::Mouse(mouse) => translate_mouse(mouse),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

fn translate_key(keymap: &Keymap, typing: bool, ev: KeyEvent) -> Option<Action> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(ev.code, CtKey::Char('c' | 'C')) {
        return Some(Action::ForceQuit);
    }
    if ctrl && matches!(ev.code, CtKey::Char('z' | 'Z')) {
        return Some(Action::Suspend);
    }
    if typing {
        return match ev.code {
            CtKey::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            CtKey::Backspace => Some(Action::SearchBackspace),
            CtKey::Enter => Some(Command::Confirm.into()),
            CtKey::Esc => Some(Command::Back.into()),
            _ => None,
        };
    }
    let code = match ev.code {
        CtKey::Char(c) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        CtKey::Enter => KeyCode::Enter,
        CtKey::Esc => KeyCode::Esc,
        CtKey::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        CtKey::Tab => KeyCode::Tab,
        CtKey::BackTab => KeyCode::BackTab,
        CtKey::Backspace => KeyCode::Backspace,
        CtKey::Up => KeyCode::Up,
        CtKey::Down => KeyCode::Down,
        CtKey::Left => KeyCode::Left,
        CtKey::Right => KeyCode::Right,
        CtKey::PageUp => KeyCode::PageUp,
        CtKey::PageDown => KeyCode::PageDown,
        CtKey::Home => KeyCode::Home,
        CtKey::End => KeyCode::End,
        CtKey::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let key = Key {
        code,
        ctrl,
        alt: ev.modifiers.contains(KeyModifiers::ALT),
    };
    // A fast "Esc, key" arrives as Alt-key: when that is unbound, take the key.
    keymap
        .lookup(key)
        .or_else(|| {
            key.alt
                .then(|| keymap.lookup(Key { alt: false, ..key }))
                .flatten()
        })
        .map(Action::Command)
}

fn translate_mouse(ev: MouseEvent) -> Option<Action> {
    let (column, row) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            down: false,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: CtKey, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_go_through_the_keymap() {
        let map = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            translate(&map, false, key(CtKey::Char('j'), none)),
            Some(Command::LineDown.into())
        );
        assert_eq!(
            translate(&map, false, key(CtKey::Char('d'), KeyModifiers::CONTROL)),
            Some(Command::HalfPageDown.into())
        );
        assert_eq!(
            translate(&map, false, key(CtKey::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom.into())
        );
        assert_eq!(
            translate(&map, false, key(CtKey::BackTab, KeyModifiers::SHIFT)),
            Some(Command::PrevPane.into())
        );
    }

    #[test]
    fn typing_takes_characters_but_ctrl_c_always_quits() {
        let map = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            translate(&map, true, key(CtKey::Char('q'), none)),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(
            translate(&map, true, key(CtKey::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            translate(&map, false, key(CtKey::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
    }

    #[test]
    fn mouse_and_resize() {
        let map = Keymap::default();
        let wheel = Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(
            translate(&map, false, wheel),
            Some(Action::Wheel {
                column: 3,
                row: 4,
                down: true
            })
        );
        assert_eq!(
            translate(&map, false, Event::Resize(80, 24)),
            Some(Action::Resize {
                width: 80,
                height: 24
            })
        );
    }
}
