//! The print edition: `print.html`, the whole pack on one page (introduction,
//! sections in order, timeline, glossary, sources) for a printed or PDF handout.
//!
//! The page is made in two steps, so that a large pack is never held in memory
//! whole: the template is rendered with a short marker where each text goes, then
//! the result is written out with each marker replaced by its text, filled a batch
//! at a time.
//!
//! Every text is the same rendered Markdown as on its own page, with its slots
//! filled for this placement: a cross-link becomes an in-page anchor (`#sec-reflex`)
//! and every id a text defines gets its text's anchor as a prefix
//! (`sec-reflex--history`). Slugs never contain `--`, so prefixed ids from different
//! texts cannot collide with each other or with the anchors themselves.

mod place;
mod stream;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::base::diagnostics::Diagnostic;
use crate::markdown::Texts;
use crate::markdown::inline::render_inline;
use crate::model::{Citation, PageRef, Site};
use crate::render::files::Made;
use crate::render::theme::Theme;
use crate::render::urls::{PRINT_FILE as FILE, paragraph_id};
use crate::render::views::{CitationView, LinkView, SourceView, base_context, insert_owned};
use place::{anchor, href};
use stream::{Markers, write};

// ----- views: what print.html sees -----------------------------------------------

#[derive(Serialize)]
struct SectionView {
    anchor: String,
    title: String,
    summary: String,
    citation: CitationView,
    body: String,
    events: Vec<LinkView>,
    tags: Vec<String>,
}

#[derive(Serialize)]
struct EventView {
    anchor: String,
    date: String,
    iso: String,
    end: Option<String>,
    end_iso: Option<String>,
    title: String,
    body: String,
    citation: Option<CitationView>,
    sections: Vec<LinkView>,
}

#[derive(Serialize)]
struct Year {
    year: i32,
    events: Vec<EventView>,
}

#[derive(Serialize)]
struct TermView {
    anchor: String,
    term: String,
    abbr: Option<String>,
    aliases: Vec<String>,
    body: String,
    cites: Vec<CitationView>,
    see_also: Vec<LinkView>,
}

/// The print edition, rendered and ready to be streamed to its file.
pub(super) fn render<'a>(
    tera: &Tera,
    theme: &Theme,
    site: &'a Site,
    texts: &'a Texts,
) -> Result<Made<'a>, Diagnostic> {
    const TEMPLATE: &str = "print.html";
    let markers = Markers::new();
    let ctx = context(site, texts, &markers);
    let page = tera
        .render(TEMPLATE, &ctx)
        .map_err(|e| theme.template_error(&e, Some(TEMPLATE)))?;
    Ok(Made::Streamed {
        path: FILE.into(),
        write: Box::new(move |out| write(site, texts, &markers, &page, out)),
    })
}

/// Everything `print.html` shows, with a marker in place of each text.
fn context(site: &Site, texts: &Texts, markers: &Markers) -> Context {
    let mut ctx = base_context(site, FILE, "Print edition", "print");
    ctx.insert("title", &site.index.title);
    let intro = texts.index.as_ref().map(|_| markers.of(PageRef::Index));
    ctx.insert("intro", &intro);
    insert_owned(&mut ctx, "sections", sections(site, markers));
    ctx.insert("years", &years(site, markers));
    ctx.insert("terms", &terms(site, markers));
    ctx.insert("sources", &sources(site, markers));
    ctx
}

// ----- markers: where each text goes ----------------------------------------------

fn link(site: &Site, page: PageRef, title: &str) -> LinkView {
    LinkView {
        title: title.to_string(),
        url: href(site, page, None),
    }
}

fn cite(site: &Site, c: &Citation) -> CitationView {
    let page = PageRef::Source(c.source);
    let paragraph = |n: u32| href(site, page, Some(&paragraph_id(n)));
    CitationView::of(site, c, href(site, page, None), paragraph)
}

/// Every section as the template sees it, each turned into a JSON value as soon as
/// it is made (in parallel; `collect` keeps the order).
fn sections(site: &Site, markers: &Markers) -> serde_json::Value {
    let events = |i: usize| {
        site.sections[i]
            .events
            .iter()
            .map(|&e| {
                let ev = &site.events[e];
                link(
                    site,
                    PageRef::Event(e),
                    &format!("{}: {}", ev.date, ev.title),
                )
            })
            .collect()
    };
    let views: Vec<serde_json::Value> = (site.sections.par_iter().enumerate())
        .map(|(i, s)| SectionView {
            anchor: anchor(site, PageRef::Section(i)),
            title: s.title.clone(),
            summary: render_inline(s.summary.text()),
            citation: cite(
                site,
                &Citation {
                    source: s.source,
                    paragraphs: s.paragraphs.clone(),
                },
            ),
            body: markers.of(PageRef::Section(i)),
            events: events(i),
            tags: s.tags.clone(),
        })
        // Plain structs of strings always serialise.
        .map(|view| serde_json::to_value(view).unwrap_or_default())
        .collect();
    serde_json::Value::Array(views)
}

fn years(site: &Site, markers: &Markers) -> Vec<Year> {
    let mut years: BTreeMap<i32, Vec<EventView>> = BTreeMap::new();
    for (i, e) in site.events.iter().enumerate() {
        years.entry(e.date.year).or_default().push(EventView {
            anchor: anchor(site, PageRef::Event(i)),
            date: e.date.to_string(),
            iso: e.date.iso(),
            end: e.end.map(|d| d.to_string()),
            end_iso: e.end.map(|d| d.iso()),
            title: e.title.clone(),
            body: markers.of(PageRef::Event(i)),
            citation: e.cite.as_ref().map(|c| cite(site, c)),
            sections: e
                .sections
                .iter()
                .map(|&s| link(site, PageRef::Section(s), &site.sections[s].title))
                .collect(),
        });
    }
    years
        .into_iter()
        .map(|(year, events)| Year { year, events })
        .collect()
}

fn terms(site: &Site, markers: &Markers) -> Vec<TermView> {
    site.terms
        .iter()
        .enumerate()
        .map(|(i, t)| TermView {
            anchor: anchor(site, PageRef::Term(i)),
            term: t.term.clone(),
            abbr: t.abbr.clone(),
            aliases: t.aliases.clone(),
            body: markers.of(PageRef::Term(i)),
            cites: t.cites.iter().map(|c| cite(site, c)).collect(),
            see_also: t
                .see_also
                .iter()
                .map(|&j| link(site, PageRef::Term(j), &site.terms[j].term))
                .collect(),
        })
        .collect()
}

/// A source document in the print edition: its details, and its text (a marker)
/// where the pack has it, as an appendix.
#[derive(Serialize)]
struct PrintedSource {
    #[serde(flatten)]
    source: SourceView<LinkView>,
    text: Option<String>,
}

fn sources(site: &Site, markers: &Markers) -> Vec<PrintedSource> {
    site.sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let sections = s
                .sections
                .iter()
                .map(|&j| link(site, PageRef::Section(j), &site.sections[j].title));
            let source = SourceView::new(
                site,
                i,
                anchor(site, PageRef::Source(i)),
                markers.of(PageRef::Source(i)),
                sections.collect(),
            );
            let text = s.text.as_ref().map(|_| markers.of_text(i));
            PrintedSource { source, text }
        })
        .collect()
}
