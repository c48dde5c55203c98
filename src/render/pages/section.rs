//! A section's page: its summary, citation and text, its neighbours and its events.

use tera::Context;

use crate::markdown::Texts;
use crate::markdown::inline::render_inline;
use crate::model::{PageRef, Site};
use crate::render::urls::{on_page, page_url};
use crate::render::views::{
    CitationView, EventItem, LinkView, base_context, event_item, insert_owned,
};

pub(super) fn context(site: &Site, texts: &Texts, file: &str, i: usize) -> Context {
    let s = &site.sections[i];
    let mut ctx = base_context(site, file, &s.title, "sections");
    ctx.insert("title", &s.title);
    ctx.insert("summary", &render_inline(&s.summary));
    ctx.insert("tags", &s.tags);
    ctx.insert(
        "citation",
        &CitationView {
            source_title: site.sources[s.source].title.clone(),
            source_url: page_url(site, file, PageRef::Source(s.source), None),
            paragraphs: s.paragraphs.label(),
        },
    );
    let body = on_page(site, PageRef::Section(i), file, &texts.sections[i]);
    insert_owned(&mut ctx, "body", body.into());
    let neighbour = |j: usize| LinkView {
        title: site.sections[j].title.clone(),
        url: page_url(site, file, PageRef::Section(j), None),
    };
    ctx.insert("prev", &i.checked_sub(1).map(neighbour));
    ctx.insert(
        "next",
        &(i + 1 < site.sections.len()).then(|| neighbour(i + 1)),
    );
    let events: Vec<EventItem> = s
        .events
        .iter()
        .map(|&e| event_item(site, texts, file, e))
        .collect();
    ctx.insert("events", &events);
    ctx
}
