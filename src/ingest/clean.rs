//! Text cleaning shared by every input format.

/// Removes control characters and terminal escape sequences, and collapses
/// runs of whitespace to one space. Article text is untrusted: nothing that
/// leaves this function can move the cursor or change the terminal.
pub fn sanitize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if c == ZWJ && !pending_space && joins_emoji(out.chars().next_back(), chars.peek().copied())
        {
            // Inside an emoji ZWJ sequence (👩‍🚒): part of one picture.
            out.push(c);
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// The zero-width joiner.
const ZWJ: char = '\u{200d}';

/// Whether a ZWJ between `before` and `after` joins two emoji (the
/// sequence is drawn as one picture); anywhere else it is removed like
/// every other zero-width character.
fn joins_emoji(before: Option<char>, after: Option<char>) -> bool {
    let ends_emoji =
        |c: char| is_pictographic(c) || c == '\u{fe0f}' || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c);
    before.is_some_and(ends_emoji) && after.is_some_and(is_pictographic)
}

/// Emoji pictographs (the blocks that hold `Extended_Pictographic`).
fn is_pictographic(c: char) -> bool {
    matches!(c, '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{2300}'..='\u{23ff}' | '\u{2b00}'..='\u{2bff}' | '\u{2190}'..='\u{21ff}' | '\u{a9}' | '\u{ae}' | '\u{203c}' | '\u{2049}' | '\u{2122}' | '\u{2139}' | '\u{3030}' | '\u{303d}' | '\u{3297}' | '\u{3299}')
}

/// Bidi overrides and similar format characters that can reorder what the
/// terminal shows.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{061c}')
}

/// Skips the rest of an escape sequence whose ESC was just read
/// (CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, and two-byte escapes).
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '_' | '^') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn strips_escape_sequences_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]8;;http://e\u{1b}\\y"), "xy");
        assert_eq!(sanitize("bell\u{7} and\u{8} back"), "bell and back");
        assert_eq!(sanitize("rtl\u{202e}override"), "rtloverride");
        assert_eq!(
            sanitize("arabic\u{61c}mark"),
            "arabicmark",
            "a bidi control too"
        );
    }

    #[test]
    fn keeps_emoji_zwj_sequences_and_strips_other_zero_width_characters() {
        let firefighter = "👩\u{200d}🚒";
        let rainbow = "🏳\u{fe0f}\u{200d}🌈";
        let family = "👩🏽\u{200d}👩\u{200d}👧";
        for emoji in [firefighter, rainbow, family] {
            assert_eq!(sanitize(&format!("a {emoji} b")), format!("a {emoji} b"));
        }
        assert_eq!(sanitize("zero\u{200b}width jo\u{200d}in"), "zerowidth join");
        assert_eq!(sanitize("👩\u{200d} x"), "👩 x", "a ZWJ that joins nothing");
        assert_eq!(sanitize("\u{200d}🚒"), "🚒");
        assert_eq!(sanitize("👩\u{200d}\u{202e}🚒"), "👩🚒");
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(sanitize("  two\n\tlines   here \n"), "two lines here");
    }
}
