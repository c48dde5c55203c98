//! Characters no text of the pack may hold, and how to show any text safely in a
//! terminal.
//!
//! Unfit for a text are the noncharacters, which Unicode keeps for a program's own
//! use (the renderer marks its slots with two of them, so input must never hold
//! one), and the control characters but tab and line feed: a bell or an escape
//! sequence would reach the HTML raw, and retitle or clear the terminal of whoever
//! reads a message quoting it. HTML forbids both. Every way text enters is checked:
//! files as they are read, TOML escapes, and Markdown character references; each is
//! an error at its place, never silently replaced, so a quotation still reads as
//! its source and text saved in the wrong encoding (U+0092 for `’`) is found.

use std::borrow::Cow;

/// Whether `c` may not stand in a text of the pack.
pub(crate) fn is_unfit(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || is_noncharacter(c)
}

/// U+FDD0 to U+FDEF, and the last two code points of every plane.
fn is_noncharacter(c: char) -> bool {
    let c = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE
}

/// `c` named for a message: "the noncharacter U+FDD0", "the control character
/// U+001B (escape)".
pub(crate) fn describe(c: char) -> String {
    let code = u32::from(c);
    if !c.is_control() {
        return format!("the noncharacter U+{code:04X}");
    }
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{b}' => " (vertical tab)",
        '\u{c}' => " (form feed)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        _ => "",
    };
    format!("the control character U+{code:04X}{name}")
}

/// How to fix a text that holds `c`.
pub(crate) fn hint(c: char) -> &'static str {
    match u32::from(c) {
        0x80..=0x9F => {
            "delete or retype it: text saved as Windows-1252 and read as Unicode shows `’` as U+0092, `–` as U+0096"
        }
        _ if c.is_control() => {
            "delete it: control characters are not text (an editor may show one as `^[` or not at all)"
        }
        _ => "delete it: noncharacters are not text, and HTML does not allow them",
    }
}

/// `text` fit to print to a terminal: control characters (line breaks too, so a
/// message stays one line) and the characters that reorder text shown after them
/// written as escapes, `\u{1b}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    let shown_as_escape = |c: char| {
        c.is_control()
            || matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(shown_as_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if shown_as_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The byte offset and value of every unfit character of `text`.
pub(crate) fn find_unfit(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    suspect_stretches(text.as_bytes())
        .flat_map(move |range| {
            // The characters that start in the stretch: one that starts before it
            // was looked at with the stretch before, where its first byte is.
            let start = ceil_char_boundary(text, range.start);
            (text[start..].char_indices())
                .map(move |(i, c)| (start + i, c))
                .take_while(move |&(i, _)| i < range.end)
        })
        .filter(|&(_, c)| is_unfit(c))
}

/// How many bytes are tested as one stretch.
const STRETCH: usize = 64;

/// The stretches of `bytes` that hold a byte an unfit character may start with; the
/// rest, nearly all of a text, is skipped a stretch at a time.
fn suspect_stretches(bytes: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    (0..bytes.len())
        .step_by(STRETCH)
        .map(move |start| start..(start + STRETCH).min(bytes.len()))
        .filter(move |range| may_start_unfit(&bytes[range.clone()]))
}

/// Whether `bytes` holds a byte an unfit character may start with: a control
/// character but tab and line feed, 0xC2 (U+0080 to U+00BF), 0xEF (U+F000 to
/// U+FFFF) or 0xF0 to 0xF4 (the other planes). A false alarm costs a closer look.
fn may_start_unfit(bytes: &[u8]) -> bool {
    // A fold without an early exit, which the compiler turns into vector code.
    bytes.iter().fold(false, |found, &b| {
        let control = (b < 0x20) & (b != b'\t') & (b != b'\n');
        found | control | (b == 0x7F) | (b == 0xC2) | (b == 0xEF) | (b >= 0xF0)
    })
}

/// The first character boundary of `text` at or after byte `i`.
fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noncharacters_and_controls_are_unfit_and_private_use_characters_are_not() {
        let unfit = [
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{FFFE}',
            '\u{1FFFE}',
            '\u{10FFFF}',
        ];
        let controls = [
            '\0', '\u{7}', '\r', '\u{c}', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}',
        ];
        for c in unfit.into_iter().chain(controls) {
            assert!(is_unfit(c), "{c:?}");
        }
        for c in [
            'a', '\t', '\n', '\u{a0}', '\u{E000}', '\u{F8FF}', '\u{FFFD}',
        ] {
            assert!(!is_unfit(c), "{c:?}");
        }
    }

    #[test]
    fn printable_text_has_no_control_or_reordering_character() {
        assert_eq!(printable("plain, café"), "plain, café");
        assert_eq!(
            printable("\u{1b}]0;x\u{7}a\nb\u{202E}c"),
            "\\u{1b}]0;x\\u{7}a\\u{a}b\\u{202e}c"
        );
    }

    #[test]
    fn every_unfit_character_is_found_wherever_it_stands() {
        let filler = "é plain text £ and more — ".repeat(7);
        for at in [0, 1, 7, 8, 63, 64, 65, 100] {
            let mut text: String = filler.chars().take(at).collect();
            text.push('\u{FDD1}');
            text.push_str(&filler);
            text.push_str("\u{10FFFE}\n\t\u{1b}\u{92}");
            let found: Vec<char> = find_unfit(&text).map(|(_, c)| c).collect();
            assert_eq!(
                found,
                ['\u{FDD1}', '\u{10FFFE}', '\u{1b}', '\u{92}'],
                "at {at}"
            );
            let (i, _) = find_unfit(&text).next().expect("found");
            assert!(text[i..].starts_with('\u{FDD1}'));
        }
        assert_eq!(find_unfit(&filler).count(), 0);
    }
}
