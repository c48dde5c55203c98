//! The sources page: each document with the sections that summarise it.

use tera::Context;

use crate::markdown::Texts;
use crate::model::{PageRef, Site};
use crate::render::urls::{on_page, page_anchor};
use crate::render::views::{SectionItem, SourceView, base_context, section_item};

pub(super) fn context(site: &Site, texts: &Texts, file: &str) -> Context {
    let mut ctx = base_context(site, file, "Sources", "sources");
    let sources: Vec<SourceView<SectionItem>> = (0..site.sources.len())
        .map(|i| {
            let sections = site.sources[i]
                .sections
                .iter()
                .map(|&j| section_item(site, file, j));
            SourceView::new(
                site,
                i,
                page_anchor(site, PageRef::Source(i)).unwrap_or_default(),
                on_page(site, PageRef::Source(i), file, &texts.sources[i]),
                sections.collect(),
            )
        })
        .collect();
    ctx.insert("sources", &sources);
    ctx
}
