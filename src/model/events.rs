//! Timeline events: dates checked at their own precision, sections and citations
//! resolved, ids unique, sorted by date with ties in file order.

use std::collections::{BTreeMap, BTreeSet};
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
use crate::model::sources::SourceNames;
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

/// Every event of the timeline, by date; events on the same date keep their order
/// in the file. `sections` holds the slugs of the site's sections, and those of
/// sections left out for a problem already reported.
pub(crate) fn build_events(
    timeline: &TimelineFile,
    names: &SourceNames,
    sections: &(Vec<String>, BTreeSet<String>),
    diags: &mut Diagnostics,
) -> Vec<Event> {
    let known = Known {
        file: &timeline.file,
        names,
        section_slugs: &sections.0,
        reserved_sections: &sections.1,
    };
    let mut ids = BTreeMap::new();
    let mut events: Vec<Event> = (timeline.meta.event.iter())
        .filter_map(|raw| build_event(&known, raw, &mut ids, diags))
        .collect();
    // A stable sort: events on the same date keep their order in the file.
    events.sort_by_key(|e| e.date);
    events
}

/// What an event may refer to, and the file it is in.
struct Known<'a> {
    file: &'a Arc<SourceText>,
    names: &'a SourceNames,
    section_slugs: &'a [String],
    /// Sections that exist but were left out: an event naming one is not reported.
    reserved_sections: &'a BTreeSet<String>,
}

fn at(value: &Spanned<String>) -> usize {
    value.span().start
}

/// One event, checked; `None` if its date is unreadable. `ids` holds the ids taken
/// by the events before it.
fn build_event(
    known: &Known,
    raw: &Spanned<EventMeta>,
    ids: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> Option<Event> {
    let file = known.file;
    let event = raw.get_ref();
    let (date, end) = event_dates(file, event, diags);
    let title = event.title.get_ref().trim().to_string();
    if title.is_empty() {
        diags.push(file.error(at(&event.title), "the event has an empty title"));
    }
    let sections: Vec<usize> = (event.sections.iter())
        .filter_map(|s| {
            let error = |m| file.error(at(s), m);
            let reserved = known.reserved_sections;
            resolve(
                s.get_ref(),
                known.section_slugs,
                reserved,
                "section",
                error,
                diags,
            )
        })
        .collect();
    let cite = event_citation(file, event, known.names, diags);
    let default_id = slugify(&format!("{} {}", event.date.get_ref(), title));
    let id = match &event.id {
        Some(id) => slugify(id.get_ref()),
        None => default_id.clone(),
    };
    let where_ = event.id.as_ref().map_or(raw.span().start, at);
    check_event_id(file, (&id, &default_id), where_, ids, diags);
    let body = match &event.body {
        Some(body) => Markdown::from_value(file, body.get_ref().clone(), at(body)),
        None => Markdown::from_value(file, String::new(), raw.span().start),
    };
    Some(Event {
        id,
        date: date?,
        end,
        title,
        body,
        sections,
        cite,
        key: event.key,
    })
}

/// The event's date and end date, each reported where it is written if it is not a
/// date, and the end if it comes before the start.
fn event_dates(
    file: &SourceText,
    event: &EventMeta,
    diags: &mut Diagnostics,
) -> (Option<PartialDate>, Option<PartialDate>) {
    let parse = |value: &Spanned<String>, diags: &mut Diagnostics| {
        PartialDate::parse(value.get_ref())
            .map_err(|m| diags.push(file.error(at(value), m)))
            .ok()
    };
    let date = parse(&event.date, diags);
    let end = event.end.as_ref().and_then(|end| parse(end, diags));
    if let (Some(start), Some(end_date), Some(end)) = (date, end, &event.end)
        && end_date < start
    {
        let message = format!(
            "the event ends ({}) before it starts ({})",
            end_date.iso(),
            start.iso()
        );
        diags.push(file.error(at(end), message));
    }
    (date, end)
}

/// An event's id is its anchor on the timeline page: it must be non-empty, unique,
/// and not one the page itself uses. `ids` maps the ids taken so far to their offsets.
/// `(id, default)`: the id, and the one its date and title would give it.
fn check_event_id(
    file: &SourceText,
    (id, default): (&str, &str),
    at: usize,
    ids: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) {
    let hint = "choose another `id` for this event";
    if id.is_empty() {
        let example = if default.is_empty() {
            "event-1"
        } else {
            default
        };
        let example = format!("an id needs a letter or digit, e.g. `id = \"{example}\"`");
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
    names: &SourceNames,
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
        &names.ids,
        &names.reserved,
        "source document",
        |m| file.error(source_meta.span().start, m),
        diags,
    )?;
    let paragraphs = match &event.paragraphs {
        Some(p) => {
            let paragraphs = Paragraphs::parse(p.get_ref())
                .map_err(|e| diags.push(e.at(|m| file.error(p.span().start, m))))
                .ok()?;
            names.check(
                source,
                &paragraphs,
                |m| file.error(p.span().start, m),
                diags,
            );
            paragraphs
        }
        None => Paragraphs { ranges: Vec::new() },
    };
    Some(Citation { source, paragraphs })
}
