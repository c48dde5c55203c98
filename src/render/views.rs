//! What templates see: the views shared by the pages (and the print edition), and
//! the context every page starts from.

use serde::Serialize;
use tera::Context;

use crate::markdown::Texts;
use crate::markdown::inline::render_inline;
use crate::model::{Citation, PageRef, Site};
use crate::render::urls::{on_page, page_url, paragraph_id};

#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) language: &'a str,
}

#[derive(Serialize)]
pub(crate) struct LinkView {
    pub(crate) title: String,
    pub(crate) url: String,
}

#[derive(Serialize)]
pub(crate) struct SectionItem {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) summary: String,
    pub(crate) paragraphs: String,
}

#[derive(Serialize)]
pub(crate) struct SourceGroup {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) sections: Vec<SectionItem>,
}

#[derive(Serialize)]
pub(crate) struct CitationView {
    pub(crate) source_title: String,
    pub(crate) source_url: String,
    /// "paragraphs 9–10", as plain text.
    pub(crate) paragraphs: String,
    /// "paragraph" or "paragraphs"; empty when no paragraph is named.
    pub(crate) noun: &'static str,
    /// The numbers and the separators between them, each number linking to its
    /// paragraph where the pack has the source's text.
    pub(crate) parts: Vec<CitePart>,
}

/// A number of a citation ("9"), with the link to its paragraph, or a separator
/// ("–", ", ").
#[derive(Serialize)]
pub(crate) struct CitePart {
    pub(crate) text: String,
    pub(crate) url: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct EventItem {
    pub(crate) id: String,
    pub(crate) date: String,
    pub(crate) iso: String,
    pub(crate) end: Option<String>,
    pub(crate) end_iso: Option<String>,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) body: String,
    pub(crate) key: bool,
    pub(crate) citation: Option<CitationView>,
    pub(crate) sections: Vec<LinkView>,
}

/// A source document as the sources page and the print edition show it; `S` is how
/// each page links to the sections that summarise it.
#[derive(Serialize)]
pub(crate) struct SourceView<S> {
    pub(crate) anchor: String,
    pub(crate) title: String,
    pub(crate) kind: String,
    pub(crate) publisher: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) paragraphs: Option<String>,
    pub(crate) description: String,
    pub(crate) sections: Vec<S>,
}

impl<S> SourceView<S> {
    /// Source `i`'s details, with its description and section links as placed.
    pub(crate) fn new(
        site: &Site,
        i: usize,
        anchor: String,
        description: String,
        sections: Vec<S>,
    ) -> Self {
        let s = &site.sources[i];
        SourceView {
            anchor,
            title: s.title.clone(),
            kind: s.kind.clone(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
            reference: s.reference.clone(),
            url: s.url.clone(),
            paragraphs: s.paragraphs.as_ref().map(|p| p.label()),
            description,
            sections,
        }
    }
}

#[derive(Serialize)]
pub(crate) struct TermItem {
    pub(crate) id: String,
    pub(crate) term: String,
    pub(crate) abbr: Option<String>,
    pub(crate) aliases: Vec<String>,
    pub(crate) url: String,
    pub(crate) short: String,
    pub(crate) letter: String,
}

/// Adds a value to `ctx` without the deep copy `Context::insert` makes: a section's
/// body, or the thousands of sections of a large pack's print edition.
pub(crate) fn insert_owned(ctx: &mut Context, key: &str, value: serde_json::Value) {
    let mut map = serde_json::Map::new();
    map.insert(key.to_string(), value);
    if let Ok(owned) = Context::from_value(serde_json::Value::Object(map)) {
        ctx.extend(owned);
    }
}

pub(crate) fn base_context(site: &Site, file: &str, title: &str, current: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert(
        "site",
        &SiteView {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
        },
    );
    ctx.insert("root", &"../".repeat(file.matches('/').count()));
    ctx.insert("page_title", title);
    ctx.insert("current", current);
    ctx.insert("has_timeline", &!site.events.is_empty());
    // A licence condition of the texts quoted: every page carries it, once each.
    let mut attributions: Vec<&str> = (site.sources.iter())
        .filter_map(|s| s.attribution.as_deref())
        .collect();
    attributions.sort_unstable();
    attributions.dedup();
    ctx.insert("attributions", &attributions);
    ctx
}

pub(crate) fn section_item(site: &Site, from: &str, i: usize) -> SectionItem {
    let s = &site.sections[i];
    SectionItem {
        title: s.title.clone(),
        url: page_url(site, from, PageRef::Section(i), None),
        summary: render_inline(s.summary.text()),
        paragraphs: s.paragraphs.label(),
    }
}

/// A citation as linked from page file `from`.
pub(crate) fn citation_view(site: &Site, from: &str, cite: &Citation) -> CitationView {
    let page = PageRef::Source(cite.source);
    let url = page_url(site, from, page, None);
    let paragraph = |n: u32| page_url(site, from, page, Some(&paragraph_id(n)));
    CitationView::of(site, cite, url, paragraph)
}

impl CitationView {
    /// `cite`, its source document linked by `source_url` (which depends on where the
    /// citation is shown: a page, or the print edition).
    pub(crate) fn of(
        site: &Site,
        cite: &Citation,
        source_url: String,
        paragraph_url: impl Fn(u32) -> String,
    ) -> Self {
        let text = site.sources[cite.source].text.as_ref();
        let number = |n: u32| CitePart {
            text: n.to_string(),
            url: text
                .filter(|t| t.numbers.contains(&n))
                .map(|_| paragraph_url(n)),
        };
        let separator = |s: &str| CitePart {
            text: s.to_string(),
            url: None,
        };
        let mut parts = Vec::new();
        for (k, range) in cite.paragraphs.ranges.iter().enumerate() {
            if k > 0 {
                parts.push(separator(", "));
            }
            parts.push(number(*range.start()));
            if range.end() != range.start() {
                parts.push(separator("–"));
                parts.push(number(*range.end()));
            }
        }
        CitationView {
            noun: match cite.paragraphs.count() {
                0 => "",
                1 => "paragraph",
                _ => "paragraphs",
            },
            parts,
            source_title: site.sources[cite.source].title.clone(),
            source_url,
            // An event may cite a document without naming paragraphs.
            paragraphs: if cite.paragraphs.ranges.is_empty() {
                String::new()
            } else {
                cite.paragraphs.label()
            },
        }
    }
}

pub(crate) fn event_item(site: &Site, texts: &Texts, file: &str, i: usize) -> EventItem {
    let e = &site.events[i];
    EventItem {
        id: e.id.clone(),
        date: e.date.to_string(),
        iso: e.date.iso(),
        end: e.end.map(|d| d.to_string()),
        end_iso: e.end.map(|d| d.iso()),
        title: e.title.clone(),
        url: page_url(site, file, PageRef::Event(i), None),
        body: on_page(site, PageRef::Event(i), file, &texts.events[i]),
        key: e.key,
        citation: e.cite.as_ref().map(|c| citation_view(site, file, c)),
        sections: e
            .sections
            .iter()
            .map(|&s| LinkView {
                title: site.sections[s].title.clone(),
                url: page_url(site, file, PageRef::Section(s), None),
            })
            .collect(),
    }
}
