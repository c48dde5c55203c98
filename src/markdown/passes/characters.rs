//! Refuses character references (`&#xFDD0;`) that stand for a character no text may
//! hold. The file was checked for such characters when it was read, but
//! pulldown-cmark decodes references in text and link titles into the characters
//! themselves, after that check.

use pulldown_cmark::{Event, Tag};

use crate::base::chars;
use crate::base::diagnostics::Diagnostics;
use crate::markdown::input::Events;
use crate::model::Markdown;

/// Reports each decoded text of `events` that holds an unfit character, at the
/// reference that wrote it.
pub(crate) fn refuse_unfit_references(
    events: &Events,
    markdown: &Markdown,
    diags: &mut Diagnostics,
) {
    let source = markdown.text();
    // Only a numeric reference can stand for one.
    if memchr::memmem::find(source.as_bytes(), b"&#").is_none() {
        return;
    }
    for (event, range) in events {
        let decoded = match event {
            Event::Text(text) => text,
            Event::Start(Tag::Link { title, .. } | Tag::Image { title, .. }) => title,
            _ => continue,
        };
        let Some(c) = decoded.chars().find(|&c| chars::is_unfit(c)) else {
            continue;
        };
        let written = source.get(range.clone()).unwrap_or("");
        let (at, reference) = find_reference(written, c).unwrap_or((0, ""));
        let message = format!(
            "the character reference `{reference}` stands for {}",
            chars::describe(c)
        );
        diags.push(
            markdown
                .error(range.start + at, message)
                .with_hint(chars::hint(c)),
        );
    }
}

/// The first numeric character reference in `text` that stands for `c`: its offset
/// and how it is written.
fn find_reference(text: &str, c: char) -> Option<(usize, &str)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("&#").map(|i| from + i) {
        let body = &text[i + 2..];
        let (digits, radix) = match body.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (body, 10),
        };
        let digit = |b: &u8| {
            if radix == 16 {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        };
        let len = digits.bytes().take_while(digit).count();
        let value = u32::from_str_radix(&digits[..len], radix).ok();
        let end = text.len() - digits.len() + len;
        let end = end + usize::from(text[end..].starts_with(';'));
        if value.and_then(char::from_u32) == Some(c) {
            return Some((i, &text[i..end]));
        }
        from = i + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_found_however_it_is_written() {
        let text = "a &#65; b &#xfdd0; c &#64976;";
        assert_eq!(find_reference(text, '\u{FDD0}'), Some((10, "&#xfdd0;")));
        assert_eq!(find_reference("&#64976", '\u{FDD0}'), Some((0, "&#64976")));
        assert_eq!(find_reference("&#1;", '\u{FDD0}'), None);
    }
}
