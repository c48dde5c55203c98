//! Footnotes numbered in order of first reference, with page-local anchors.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::input::Events;
use crate::markdown::passes::headings::heading_slug;
use crate::markdown::rendered::{Rendered, Slot};

/// Footnotes numbered in order of first reference, with page-local anchors.
pub(crate) fn footnotes(events: &mut Events, out: &mut Rendered) {
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    for (event, _) in events.iter_mut() {
        match event {
            Event::FootnoteReference(name) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(name.to_string()).or_insert(next);
                let id = format!("fn-{}", heading_slug(name));
                let href = out.slot(Slot::Fragment(id));
                *event = Event::InlineHtml(
                    format!("<sup class=\"footnote-reference\"><a href=\"{href}\">{n}</a></sup>")
                        .into(),
                );
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = out.slot(Slot::Id(format!("fn-{}", heading_slug(name))));
                let n = numbers
                    .get(name.as_ref())
                    .map_or(String::new(), |n| n.to_string());
                *event = Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>\n").into(),
                );
            }
            Event::End(TagEnd::FootnoteDefinition) => *event = Event::Html("</div>\n".into()),
            _ => {}
        }
    }
}
