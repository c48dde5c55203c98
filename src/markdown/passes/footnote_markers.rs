//! A source document's own footnote markers (`[2]`): kept in the text, as written,
//! and shown as superscript markers. The footnotes themselves are not in the pack.

use pulldown_cmark::{CowStr, Event};

use crate::markdown::input::Events;

/// Splits every `[digits]` out of the text into a `<sup>` marker.
pub(crate) fn mark_footnotes(events: &mut Events) {
    let old = std::mem::take(events);
    events.reserve(old.len());
    for (event, range) in old {
        let Event::Text(text) = &event else {
            events.push((event, range));
            continue;
        };
        if !text.contains('[') {
            events.push((event, range));
            continue;
        }
        let mut rest: &str = text;
        while let Some((before, marker, after)) = next_marker(rest) {
            if !before.is_empty() {
                events.push((Event::Text(CowStr::from(before.to_string())), range.clone()));
            }
            let html = format!("<sup class=\"fn-marker\">{marker}</sup>");
            events.push((Event::InlineHtml(html.into()), range.clone()));
            rest = after;
        }
        if !rest.is_empty() {
            events.push((Event::Text(CowStr::from(rest.to_string())), range));
        }
    }
}

/// The text before the first `[digits]`, the marker, and the text after it.
pub(crate) fn next_marker(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| from + i) {
        let digits = text[open + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let close = open + 1 + digits;
        if digits > 0 && text.as_bytes().get(close) == Some(&b']') {
            return Some((&text[..open], &text[open..=close], &text[close + 1..]));
        }
        from = open + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_digits_in_brackets_only() {
        assert_eq!(
            next_marker("Agency's[3] business"),
            Some(("Agency's", "[3]", " business"))
        );
        assert_eq!(
            next_marker(".[It] offers [x] and [12]."),
            Some((".[It] offers [x] and ", "[12]", "."))
        );
        assert_eq!(next_marker("no [marker] here []"), None);
    }
}
