//! Characters no text of the pack may hold: the noncharacters, which Unicode keeps
//! for a program's own use (the renderer marks its slots with two of them, so input
//! must never hold one) and HTML forbids. Every way text enters is checked: files
//! as they are read, TOML escapes, and Markdown character references.

use crate::base::swar;

/// Whether `c` may not stand in a text of the pack.
pub(crate) fn is_unfit(c: char) -> bool {
    is_noncharacter(c)
}

/// U+FDD0 to U+FDEF, and the last two code points of every plane.
fn is_noncharacter(c: char) -> bool {
    let c = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE
}

/// `c` named for a message: "the noncharacter U+FDD0".
pub(crate) fn describe(c: char) -> String {
    format!("the noncharacter U+{:04X}", u32::from(c))
}

/// How to fix a text that holds `c`.
pub(crate) fn hint(_c: char) -> &'static str {
    "delete it: noncharacters are not text, and HTML does not allow them"
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
/// rest, nearly all of a text, is skipped eight bytes at a time.
fn suspect_stretches(bytes: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    (0..bytes.len())
        .step_by(STRETCH)
        .map(move |start| start..(start + STRETCH).min(bytes.len()))
        .filter(move |range| may_start_unfit(&bytes[range.clone()]))
}

/// Whether `bytes` holds a byte an unfit character may start with: 0xEF (U+F000 to
/// U+FFFF) or 0xF0 to 0xF4 (the other planes). A false alarm costs a closer look.
fn may_start_unfit(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(x) = swar::chunk(bytes, i) {
        if swar::equal(x, 0xEF) | swar::four_byte_leads(x) != 0 {
            return true;
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .any(|&b| b == 0xEF || b >= 0xF0)
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
    fn noncharacters_are_unfit_and_private_use_characters_are_not() {
        for c in [
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFE}',
            '\u{10FFFF}',
        ] {
            assert!(is_unfit(c), "{c:?}");
        }
        for c in [
            'a',
            '\u{E000}',
            '\u{F8FF}',
            '\u{FDCF}',
            '\u{FFFD}',
            '\u{1F600}',
        ] {
            assert!(!is_unfit(c), "{c:?}");
        }
    }

    #[test]
    fn every_unfit_character_is_found_wherever_it_stands() {
        let filler = "é plain text £ and more — ".repeat(7);
        for at in [0, 1, 7, 8, 63, 64, 65, 100] {
            let mut text: String = filler.chars().take(at).collect();
            text.push('\u{FDD1}');
            text.push_str(&filler);
            text.push('\u{10FFFE}');
            let found: Vec<char> = find_unfit(&text).map(|(_, c)| c).collect();
            assert_eq!(found, ['\u{FDD1}', '\u{10FFFE}'], "at {at}");
            let (i, _) = find_unfit(&text).next().expect("found");
            assert!(text[i..].starts_with('\u{FDD1}'));
        }
        assert_eq!(find_unfit(&filler).count(), 0);
    }
}
