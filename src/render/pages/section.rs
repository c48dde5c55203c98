//! A section's page: its summary, citation and text, its neighbours and its events.

use serde::Serialize;
use tera::Context;

use crate::markdown::Texts;
use crate::markdown::inline::render_inline;
use crate::model::{Citation, PageRef, Site};
use crate::render::urls::{on_page, page_url, paragraph_id, text_elsewhere};
use crate::render::views::{
    EventItem, LinkView, base_context, citation_view, event_item, insert_owned,
};

pub(super) fn context(site: &Site, texts: &Texts, file: &str, i: usize) -> Context {
    let s = &site.sections[i];
    let mut ctx = base_context(site, file, &s.title, "sections");
    ctx.insert("title", &s.title);
    ctx.insert("summary", &render_inline(s.summary.text()));
    ctx.insert("tags", &s.tags);
    let cite = Citation {
        source: s.source,
        paragraphs: s.paragraphs.clone(),
    };
    ctx.insert("citation", &citation_view(site, file, &cite));
    ctx.insert("cited_text", &cited_text(site, texts, file, &cite));
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

/// A cited paragraph, as shown under a citation.
#[derive(Serialize)]
struct CitedParagraph {
    number: u32,
    /// Its place on the source's page.
    url: String,
    html: String,
}

/// The text of every paragraph `cite` names that the pack has, in order: the reader
/// checks the summary against it without leaving the page.
fn cited_text(site: &Site, texts: &Texts, file: &str, cite: &Citation) -> Vec<CitedParagraph> {
    let Some(Some(text)) = texts.source_texts.get(cite.source) else {
        return Vec::new();
    };
    let page = PageRef::Source(cite.source);
    (cite.paragraphs.numbers())
        .filter_map(|number| {
            let block = text.paragraph(number)?;
            Some(CitedParagraph {
                number,
                url: page_url(site, file, page, Some(&paragraph_id(number))),
                html: text_elsewhere(site, cite.source, file, &text.rendered, block.html.clone()),
            })
        })
        .collect()
}
