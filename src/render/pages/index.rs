//! The landing page: the introduction, the sections grouped by source document, and
//! the key dates.

use tera::Context;

use crate::markdown::Texts;
use crate::model::{PageRef, Site};
use crate::render::urls::{on_page, page_url};
use crate::render::views::{EventItem, SourceGroup, base_context, event_item, section_item};

pub(super) fn context(site: &Site, texts: &Texts, file: &str) -> Context {
    let mut ctx = base_context(site, file, &site.index.title, "index");
    let intro = texts
        .index
        .as_ref()
        .map(|r| on_page(site, PageRef::Index, file, r));
    ctx.insert("intro", &intro.unwrap_or_default());
    ctx.insert("title", &site.index.title);
    let groups: Vec<SourceGroup> = site
        .sources
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.sections.is_empty())
        .map(|(i, s)| SourceGroup {
            title: s.title.clone(),
            url: page_url(site, file, PageRef::Source(i), None),
            sections: s
                .sections
                .iter()
                .map(|&j| section_item(site, file, j))
                .collect(),
        })
        .collect();
    ctx.insert("groups", &groups);
    let key_events: Vec<EventItem> = (0..site.events.len())
        .filter(|&i| site.events[i].key)
        .map(|i| event_item(site, texts, file, i))
        .collect();
    ctx.insert("key_events", &key_events);
    ctx
}
