//! Footnotes numbered in order of first reference, with page-local anchors.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::input::Events;
use crate::markdown::passes::headings::{UniqueIds, heading_slug, unique_id};
use crate::markdown::rendered::{Rendered, Slot};

/// Footnotes numbered in order of first reference, with page-local anchors: `fn-`
/// and the footnote's name, unique in the text (two names may slugify alike, and a
/// glossary mention may have taken the id), as it runs before heading ids are given.
pub(crate) fn footnotes(events: &mut Events, out: &mut Rendered) {
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut used = UniqueIds::taking(out.ids());
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut id_of = |name: &str| {
        (ids.entry(name.to_string()))
            .or_insert_with(|| unique_id(&format!("fn-{}", heading_slug(name)), &mut used))
            .clone()
    };
    for (event, _) in events.iter_mut() {
        match event {
            Event::FootnoteReference(name) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(name.to_string()).or_insert(next);
                let href = out.slot(Slot::Fragment(id_of(name)));
                *event = Event::InlineHtml(
                    format!("<sup class=\"footnote-reference\"><a href=\"{href}\">{n}</a></sup>")
                        .into(),
                );
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = out.slot(Slot::Id(id_of(name)));
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
