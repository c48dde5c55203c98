//! A source text's numbered paragraphs, taken out of their lists: the numbers become
//! the page's own (a visible, linkable number beside each paragraph), so the list
//! and item tags go, and each block is written out on its own.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::content::source_text::TextBlock;
use crate::markdown::input::Events;
use crate::markdown::rendered::{Rendered, RenderedBlock};

/// Writes `events` into `out` block by block (by where each event starts in the
/// text), dropping the tags of the top-level numbered lists.
pub(crate) fn write_blocks(
    events: Events,
    blocks: &[TextBlock],
    out: &mut Rendered,
) -> Vec<RenderedBlock> {
    let mut written = Vec::with_capacity(blocks.len());
    let mut events = unlisted(events).into_iter().peekable();
    for block in blocks {
        let start = out.html.len();
        let mine =
            std::iter::from_fn(|| events.next_if(|(_, range)| range.start < block.range.end));
        pulldown_cmark::html::push_html(&mut out.html, mine.map(|(e, _)| e));
        written.push(RenderedBlock {
            kind: block.kind,
            html: start..out.html.len(),
        });
    }
    // Nothing lies past the last block; anything that did is written with it.
    let rest: Vec<_> = events.map(|(e, _)| e).collect();
    if let Some(last) = written.last_mut() {
        pulldown_cmark::html::push_html(&mut out.html, rest.into_iter());
        last.html.end = out.html.len();
    }
    written
}

/// The events without the list and item tags of top-level ordered lists. A tight
/// item's text has no paragraph of its own, so it gets one.
fn unlisted(events: Events) -> Events {
    let mut out = Vec::with_capacity(events.len());
    let mut depth = 0usize;
    let mut numbered = false;
    let mut open_p = false;
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        let top_item = numbered && depth == 1;
        match &event {
            Event::Start(Tag::List(Some(_))) if depth == 0 => {
                numbered = true;
                depth += 1;
                continue;
            }
            Event::End(TagEnd::List(true)) if depth == 1 && numbered => {
                numbered = false;
                depth -= 1;
                continue;
            }
            Event::Start(Tag::Item) if top_item => {
                depth += 1;
                if events.peek().is_some_and(|(e, _)| !starts_block(e)) {
                    out.push((Event::Html("<p>".into()), range.clone()));
                    open_p = true;
                }
                continue;
            }
            Event::End(TagEnd::Item) if numbered && depth == 2 => {
                depth -= 1;
                if std::mem::take(&mut open_p) {
                    out.push((Event::Html("</p>\n".into()), range));
                }
                continue;
            }
            e if open_p && depth == 2 && starts_block(e) => {
                out.push((Event::Html("</p>\n".into()), range.clone()));
                open_p = false;
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// Whether an event opens a block of its own (rather than continuing a line of text).
fn starts_block(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::HtmlBlock
        ) | Event::Rule
            | Event::Html(_)
    )
}
