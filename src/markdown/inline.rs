//! Markdown outside the pass list: one-line strings (summaries, event titles) as
//! inline HTML, and the plain text of a run of events or of a definition's first
//! sentence.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::base::url::{self, Use};

/// The visible text of a run of events (for heading ids and alt text).
pub(crate) fn plain_text(events: &[(Event, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// How one-line Markdown strings are read.
pub(crate) const INLINE: Options =
    Options::ENABLE_SMART_PUNCTUATION.union(Options::ENABLE_STRIKETHROUGH);

/// Renders a one-line Markdown string (a summary, an event title) to inline HTML.
pub(crate) fn render_inline(text: &str) -> String {
    let parser = Parser::new_ext(text, INLINE)
        .map(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            // Refused by `safety::refuse_inline_links` before anything is rendered; should one
            // come here all the same, it loses its address.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if url::refusal(&dest_url, Use::Page).is_some() => Event::Start(Tag::Link {
                link_type,
                dest_url: "#".into(),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if url::refusal(&dest_url, Use::Image).is_some() => Event::Start(Tag::Image {
                link_type,
                dest_url: "#".into(),
                title,
                id,
            }),
            other => other,
        })
        .filter(|e| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
            )
        });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html.trim_end().to_string()
}

/// The first sentence of a Markdown text, as plain text: the short definition.
pub(crate) fn first_sentence(markdown_text: &str) -> String {
    let events: Vec<_> = pulldown_cmark::Parser::new(markdown_text)
        .take_while(|e| {
            !matches!(
                e,
                pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph)
            )
        })
        .map(|e| (e, 0..0))
        .collect();
    let text = plain_text(&events);
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|&(i, c)| c == '.' && (text[i + 1..].starts_with(' ') || i + 1 == text.len()))
        .map_or(text.len(), |(i, _)| i + 1);
    text[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_a_full_stop() {
        assert_eq!(first_sentence("The *agency*. More text."), "The agency.");
        assert_eq!(first_sentence("No stop here"), "No stop here");
    }
}
