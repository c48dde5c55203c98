//! A source document's own page, for a document whose text the pack has: its details
//! and licence, then the text, each numbered paragraph with its anchor and, under
//! it, what summarises and cites it.

use serde::Serialize;
use tera::Context;

use crate::content::source_text::BlockKind;
use crate::markdown::Texts;
use crate::model::{PageRef, Site};
use crate::render::urls::{on_page, on_page_range, page_url, paragraph_id};
use crate::render::views::{LinkView, SectionItem, SourceView, base_context, section_item};

/// One block of the text, as the template shows it.
#[derive(Serialize)]
struct BlockView {
    /// "text", "heading" or "paragraph".
    kind: &'static str,
    number: Option<u32>,
    id: Option<String>,
    html: String,
    /// Sections that summarise the paragraph, in pack order.
    summarised: Vec<LinkView>,
    /// Timeline events and glossary entries that cite it.
    cited: Vec<LinkView>,
}

pub(super) fn context(site: &Site, texts: &Texts, file: &str, i: usize) -> Context {
    let source = &site.sources[i];
    let mut ctx = base_context(site, file, &source.title, "sources");
    let page = PageRef::Source(i);
    let sections = source.sections.iter().map(|&j| section_item(site, file, j));
    let view: SourceView<SectionItem> = SourceView::new(
        site,
        i,
        String::new(),
        on_page(site, page, file, &texts.sources[i]),
        sections.collect(),
    );
    ctx.insert("source", &view);
    ctx.insert("licence", &source.licence);
    ctx.insert("licence_url", &source.licence_url);
    ctx.insert("attribution", &source.attribution);
    let blocks: Vec<BlockView> = match texts.source_texts.get(i) {
        Some(Some(text)) => (text.blocks.iter())
            .map(|block| {
                let html = on_page_range(site, page, file, &text.rendered, block.html.clone());
                block_view(site, file, i, block.kind, html)
            })
            .collect(),
        _ => Vec::new(),
    };
    ctx.insert("blocks", &blocks);
    ctx
}

fn block_view(site: &Site, file: &str, source: usize, kind: BlockKind, html: String) -> BlockView {
    let (kind, number) = match kind {
        BlockKind::Text => ("text", None),
        BlockKind::Heading => ("heading", None),
        BlockKind::Paragraph(n) => ("paragraph", Some(n)),
    };
    let uses = number.map(|n| uses_of(site, file, source, n));
    let (summarised, cited) = uses.unwrap_or_default();
    BlockView {
        kind,
        number,
        id: number.map(paragraph_id),
        html,
        summarised,
        cited,
    }
}

/// What cites paragraph `n` of `source`: the sections that summarise it, then the
/// events (by date) and glossary entries (A–Z) that cite it.
fn uses_of(site: &Site, file: &str, source: usize, n: u32) -> (Vec<LinkView>, Vec<LinkView>) {
    let link = |title: String, page: PageRef| LinkView {
        title,
        url: page_url(site, file, page, None),
    };
    let summarised = (site.sources[source].sections.iter())
        .filter(|&&j| site.sections[j].paragraphs.contains(n))
        .map(|&j| link(site.sections[j].title.clone(), PageRef::Section(j)))
        .collect();
    let cites = |c: &crate::model::Citation| c.source == source && c.paragraphs.contains(n);
    let events = (site.events.iter().enumerate())
        .filter(|(_, e)| e.cite.as_ref().is_some_and(cites))
        .map(|(j, e)| link(format!("{} ({})", e.title, e.date), PageRef::Event(j)));
    let terms = (site.terms.iter().enumerate())
        .filter(|(_, t)| t.cites.iter().any(cites))
        .map(|(j, t)| link(t.term.clone(), PageRef::Term(j)));
    (summarised, events.chain(terms).collect())
}
