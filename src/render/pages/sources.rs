//! The sources page: each document with the sections that summarise it, and a table
//! of its paragraphs against those sections, where the gaps and overlaps stand out.

use serde::Serialize;
use tera::Context;

use crate::markdown::Texts;
use crate::model::{PageRef, Site};
use crate::render::urls::{on_page, page_anchor, page_url, paragraph_id};
use crate::render::views::{LinkView, SectionItem, SourceView, base_context, section_item};

/// A document on the sources page.
#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    source: SourceView<SectionItem>,
    /// Its own page, when the pack has its text.
    text_url: Option<String>,
    /// Each paragraph the pack knows of (its text's, or those it declares).
    coverage: Vec<Row>,
}

/// One paragraph against the sections that summarise it.
#[derive(Serialize)]
struct Row {
    number: u32,
    url: Option<String>,
    sections: Vec<LinkView>,
    /// "none", "once" or "twice" (or more): what the table marks.
    status: &'static str,
}

pub(super) fn context(site: &Site, texts: &Texts, file: &str) -> Context {
    let mut ctx = base_context(site, file, "Sources", "sources");
    let sources: Vec<Listed> = (0..site.sources.len())
        .map(|i| {
            let page = PageRef::Source(i);
            let sections = site.sources[i]
                .sections
                .iter()
                .map(|&j| section_item(site, file, j));
            let source = SourceView::new(
                site,
                i,
                page_anchor(site, page).unwrap_or_else(|| format!("source-{}", site.sources[i].id)),
                on_page(site, page, file, &texts.sources[i]),
                sections.collect(),
            );
            let has_text = site.sources[i].text.is_some();
            Listed {
                source,
                text_url: has_text.then(|| page_url(site, file, page, None)),
                coverage: coverage(site, file, i),
            }
        })
        .collect();
    ctx.insert("sources", &sources);
    ctx
}

fn coverage(site: &Site, file: &str, i: usize) -> Vec<Row> {
    let source = &site.sources[i];
    let Some(paragraphs) = &source.paragraphs else {
        return Vec::new();
    };
    let has_text = source.text.is_some();
    (paragraphs.numbers())
        .map(|n| {
            let sections: Vec<LinkView> = (source.sections.iter())
                .filter(|&&j| site.sections[j].paragraphs.contains(n))
                .map(|&j| LinkView {
                    title: site.sections[j].title.clone(),
                    url: page_url(site, file, PageRef::Section(j), None),
                })
                .collect();
            let status = match sections.len() {
                0 => "none",
                1 => "once",
                _ => "twice",
            };
            let page = PageRef::Source(i);
            Row {
                number: n,
                url: has_text.then(|| page_url(site, file, page, Some(&paragraph_id(n)))),
                sections,
                status,
            }
        })
        .collect()
}
