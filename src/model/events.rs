//! Timeline events: dates checked at their own precision, sections and citations
//! resolved, ids unique, sorted by date with ties in file order.

use std::collections::BTreeMap;
use std::sync::Arc;

use toml::Spanned;

use crate::base::date::PartialDate;
use crate::base::diagnostics::Diagnostics;
use crate::base::paths::slugify;
use crate::base::text::SourceText;
use crate::content::{EventMeta, TimelineFile};
use crate::model::markdown::Markdown;
use crate::model::names::resolve;
use crate::model::paragraphs::Paragraphs;
use crate::model::reserved::page_uses_id;
use crate::model::terms::Citation;

#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub title: String,
    pub body: Markdown,
    pub sections: Vec<usize>,
    pub cite: Option<Citation>,
    pub key: bool,
}

pub(crate) fn build_events(
    timeline: &TimelineFile,
    source_ids: &[String],
    section_slugs: &[String],
    diags: &mut Diagnostics,
) -> Vec<Event> {
    let file = &timeline.file;
    let mut ids = BTreeMap::new();
    let mut events = Vec::new();
    for raw in &timeline.meta.event {
        let at = |s: &Spanned<String>| s.span().start;
        let event = raw.get_ref();
        let date = PartialDate::parse(event.date.get_ref())
            .map_err(|m| diags.push(file.error(at(&event.date), m)))
            .ok();
        let end = event.end.as_ref().and_then(|end| {
            PartialDate::parse(end.get_ref())
                .map_err(|m| diags.push(file.error(at(end), m)))
                .ok()
        });
        if let (Some(start), Some(end_date), Some(end)) = (date, end, &event.end)
            && end_date < start
        {
            {
                diags.push(file.error(
                    at(end),
                    format!(
                        "the event ends ({}) before it starts ({})",
                        end_date.iso(),
                        start.iso()
                    ),
                ));
            }
        }
        let title = event.title.get_ref().trim().to_string();
        if title.is_empty() {
            diags.push(file.error(at(&event.title), "the event has an empty title"));
        }
        let sections: Vec<usize> = event
            .sections
            .iter()
            .filter_map(|s| {
                resolve(
                    s.get_ref(),
                    section_slugs,
                    "section",
                    |m| file.error(at(s), m),
                    diags,
                )
            })
            .collect();
        let cite = event_citation(file, event, source_ids, diags);
        let id = match &event.id {
            Some(id) => slugify(id.get_ref()),
            None => slugify(&format!("{} {}", event.date.get_ref(), title)),
        };
        let where_ = event.id.as_ref().map_or(raw.span().start, at);
        check_event_id(file, &id, where_, &mut ids, diags);
        let Some(date) = date else { continue };
        events.push(Event {
            id,
            date,
            end,
            title,
            body: match &event.body {
                Some(body) => Markdown::from_value(file, body.get_ref().clone(), at(body)),
                None => Markdown::from_value(file, String::new(), raw.span().start),
            },
            sections,
            cite,
            key: event.key,
        });
    }
    // A stable sort: events on the same date keep their order in the file.
    events.sort_by_key(|e| e.date);
    events
}

/// An event's id is its anchor on the timeline page: it must be non-empty, unique,
/// and not one the page itself uses. `ids` maps the ids taken so far to their offsets.
fn check_event_id(
    file: &SourceText,
    id: &str,
    at: usize,
    ids: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) {
    let hint = "choose another `id` for this event";
    if id.is_empty() {
        let example = "an id needs a letter or digit, e.g. `id = \"reflex-set-up\"`";
        diags.push(file.error(at, "the event's id is empty").with_hint(example));
    } else if let Some(&first) = ids.get(id) {
        let line = file.position(first).line;
        let message = format!("two events have the id `{id}`: here and at line {line}");
        diags.push(file.error(at, message).with_hint(hint));
    } else if page_uses_id(id) {
        let message = format!("the id `{id}` is used by the timeline page itself");
        diags.push(file.error(at, message).with_hint(hint));
    } else {
        ids.insert(id.to_string(), at);
    }
}

fn event_citation(
    file: &Arc<SourceText>,
    event: &EventMeta,
    source_ids: &[String],
    diags: &mut Diagnostics,
) -> Option<Citation> {
    let Some(source_meta) = event.source.as_ref() else {
        if let Some(p) = &event.paragraphs {
            diags.push(
                file.error(p.span().start, "paragraphs are given without a source")
                    .with_hint("add `source = \"…\"` naming the document the paragraphs are in"),
            );
        }
        return None;
    };
    let source = resolve(
        source_meta.get_ref(),
        source_ids,
        "source document",
        |m| file.error(source_meta.span().start, m),
        diags,
    )?;
    let paragraphs = match &event.paragraphs {
        Some(p) => Paragraphs::parse(p.get_ref())
            .map_err(|m| diags.push(file.error(p.span().start, m)))
            .ok()?,
        None => Paragraphs { ranges: Vec::new() },
    };
    Some(Citation { source, paragraphs })
}
