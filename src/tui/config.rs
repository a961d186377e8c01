//! The reader's TOML config file: key bindings and colors.
//!
//! Looked up at `<config dir>/parallax/config.toml` (on Linux
//! `$XDG_CONFIG_HOME/parallax/config.toml`, else `~/.config/...`; the
//! platform's directory on macOS and Windows, via `etcetera`), or given with
//! `--config PATH`. A missing default file is not an error; a bad file is,
//! with its line number.
//!
//! ```toml
//! # Keys: key = "command"; "none" unbinds a key.
//! [keys]
//! "ctrl-e" = "line-down"
//! "ctrl-y" = "line-up"
//! x = "toggle-furniture"
//! a = "none"
//!
//! # Colors: modifiers, a foreground, optionally "on" a background.
//! # Colors are ANSI names (red, lightblue, …), 0–255 or #rrggbb.
//! [colors]
//! number = "bold underline red"
//! framing = "bold italic 208"
//!
//! # Copying the current discrepancy (`y`) with OSC 52: off by default,
//! # as a terminal that honours it lets any program set the clipboard.
//! [clipboard]
//! osc52 = true
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::action::Command;
use super::keymap::{Key, Keymap};
use super::theme::{self, Theme};

/// Keys and styles the reader runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    /// `y` copies the current discrepancy through OSC 52 (off by default).
    pub osc52: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: Keymap::default(),
            theme: Theme::from_env(),
            osc52: false,
        }
    }
}

/// A config file that cannot be used. `Display` is one line naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read (the cause is the `source`).
    #[error("config file {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not a valid config; `message` names the line.
    #[error("config file {}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    colors: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    clipboard: Clipboard,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Clipboard {
    #[serde(default)]
    osc52: bool,
}

/// The default config path, if the platform has a config directory.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("parallax").join("config.toml"))
}

impl Config {
    /// Loads `path`, or the default path when `None` (absent file: defaults).
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => match default_path() {
                Some(p) => (p, false),
                None => return Ok(Config::default()),
            },
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                Config::parse(&text).map_err(|message| ConfigError::Invalid { path, message })
            }
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Config::default())
            }
            Err(source) => Err(ConfigError::Read { path, source }),
        }
    }

    /// Parses config text over the defaults. Errors name the line.
    pub fn parse(text: &str) -> Result<Config, String> {
        let file: File = toml::from_str(text).map_err(|e| one_line_toml_error(text, &e))?;
        let mut config = Config::default();
        let line = |v: &Spanned<String>| text[..v.span().start].matches('\n').count() + 1;
        for (raw_key, command) in &file.keys {
            let key = Key::parse(raw_key)
                .ok_or_else(|| format!("line {}: unknown key {raw_key:?}", line(command)))?;
            if command.get_ref() == "none" {
                config.keymap.unbind(key);
                continue;
            }
            let parsed = Command::from_name(command.get_ref()).ok_or_else(|| {
                format!(
                    "line {}: unknown command {:?} for key {raw_key:?} (see the help overlay, `?`, for names)",
                    line(command),
                    command.get_ref()
                )
            })?;
            config.keymap.bind(key, parsed);
        }
        for (slot, raw_style) in &file.colors {
            let style = theme::parse_style(raw_style.get_ref())
                .map_err(|e| format!("line {}: {slot}: {e}", line(raw_style)))?;
            let target = config.theme.slot_mut(slot).ok_or_else(|| {
                format!(
                    "line {}: unknown color slot {slot:?} (one of {})",
                    line(raw_style),
                    theme::SLOTS.join(", ")
                )
            })?;
            *target = style;
        }
        config.osc52 = file.clipboard.osc52;
        Ok(config)
    }
}

/// `toml`'s errors span several lines with a source excerpt; keep the line
/// number and the message on one line.
fn one_line_toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim();
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    #[test]
    fn overrides_keys_and_colors() {
        let config = Config::parse(
            "[keys]\n\"ctrl-e\" = \"line-down\"\nj = \"none\"\n[colors]\nnumber = \"bold green\"\n",
        )
        .unwrap();
        assert_eq!(
            config.keymap.lookup(Key::ctrl('e')),
            Some(Command::LineDown)
        );
        assert_eq!(config.keymap.lookup(Key::ch('j')), None);
        assert_eq!(config.theme.number.fg, Some(Color::Green));
    }

    #[test]
    fn documented_example_parses() {
        let example = "[keys]\n\"ctrl-e\" = \"line-down\"\n\"ctrl-y\" = \"line-up\"\nx = \"toggle-furniture\"\na = \"none\"\n[colors]\nnumber = \"bold underline red\"\nframing = \"bold italic 208\"\n";
        let config = Config::parse(example).unwrap();
        assert_eq!(
            config.keymap.lookup(Key::ch('x')),
            Some(Command::ToggleFurniture)
        );
        assert_eq!(config.keymap.lookup(Key::ch('a')), None);
        assert_eq!(config.theme.framing.fg, Some(Color::Indexed(208)));
    }

    #[test]
    fn bad_config_names_the_line() {
        let err = Config::parse("[keys]\nj = \"line-down\"\nk = \"fly\"\n").unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
        let err = Config::parse("[colors]\n\nquote = \"blinking\"\n").unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
        let err = Config::parse("[keys]\nj = \n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        let err = Config::parse("[colours]\n").unwrap_err();
        assert!(err.starts_with("line 1:"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err = Config::load(Some(Path::new("/nonexistent/parallax.toml"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "config file /nonexistent/parallax.toml",
            "the cause is the source"
        );
        let cause = std::error::Error::source(&err).unwrap().to_string();
        assert!(cause.contains("No such file"), "{cause}");
    }

    #[test]
    fn osc52_is_off_unless_enabled() {
        assert!(!Config::parse("").unwrap().osc52);
        assert!(Config::parse("[clipboard]\nosc52 = true\n").unwrap().osc52);
        let err = Config::parse("[clipboard]\nosc53 = true\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }
}
