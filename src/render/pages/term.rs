//! A glossary entry's page: its definition, citations, see-also entries and the pages
//! that mention it.

use tera::Context;

use crate::markdown::Texts;
use crate::model::{PageRef, Site};
use crate::render::urls::{on_page, page_url};
use crate::render::views::{CitationView, LinkView, base_context, citation_view};

pub(super) fn context(site: &Site, texts: &Texts, file: &str, i: usize) -> Context {
    let t = &site.terms[i];
    let mut ctx = base_context(site, file, &t.term, "glossary");
    ctx.insert("term", &t.term);
    ctx.insert("abbr", &t.abbr);
    ctx.insert("aliases", &t.aliases);
    ctx.insert(
        "body",
        &on_page(site, PageRef::Term(i), file, &texts.terms[i]),
    );
    let cites: Vec<CitationView> = t
        .cites
        .iter()
        .map(|c| citation_view(site, file, c))
        .collect();
    ctx.insert("cites", &cites);
    let see_also: Vec<LinkView> = t
        .see_also
        .iter()
        .map(|&j| LinkView {
            title: site.terms[j].term.clone(),
            url: page_url(site, file, PageRef::Term(j), None),
        })
        .collect();
    ctx.insert("see_also", &see_also);
    ctx.insert("mentioned_in", &mentions_of(site, texts, file, i));
    ctx
}

/// Sections, then timeline events, that mention term `term`, each linking to the
/// first mention on its page.
fn mentions_of(site: &Site, texts: &Texts, file: &str, term: usize) -> Vec<LinkView> {
    let mentions = texts.mentioning(term);
    let mut links = Vec::with_capacity(mentions.len());
    for &(page, at) in mentions {
        let (title, rendered) = match page {
            PageRef::Section(i) => (site.sections[i].title.clone(), &texts.sections[i]),
            PageRef::Event(i) => {
                let e = &site.events[i];
                (format!("{} ({})", e.title, e.date), &texts.events[i])
            }
            _ => continue,
        };
        links.push(LinkView {
            title,
            url: page_url(site, file, page, Some(&rendered.mentions[at].id)),
        });
    }
    links
}
