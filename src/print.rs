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

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Rendered, Slot};
use crate::output::Made;
use crate::render::{SourceView, Texts, base_context, insert_owned, page_url};
use crate::site::{Citation, PageRef, Site};
use crate::theme::Theme;
use crate::tidy::Tidy;

/// The print edition's output file.
pub const FILE: &str = "print.html";

/// The in-page anchor of a page, or of a place in one, in the print edition.
pub fn anchor(site: &Site, page: PageRef) -> String {
    let mut out = String::with_capacity(32);
    push_anchor(&mut out, site, page);
    out
}

/// [`anchor`], written at the end of `out`.
fn push_anchor(out: &mut String, site: &Site, page: PageRef) {
    let (prefix, name) = match page {
        PageRef::Index => ("intro", ""),
        PageRef::Section(i) => ("sec-", site.sections[i].slug.as_str()),
        PageRef::Term(i) => ("term-", site.terms[i].slug.as_str()),
        PageRef::Source(i) => ("source-", site.sources[i].id.as_str()),
        PageRef::Event(i) => ("event-", site.events[i].id.as_str()),
        PageRef::Sources => ("part-sources", ""),
        PageRef::Glossary => ("part-glossary", ""),
        PageRef::Timeline => ("part-timeline", ""),
        PageRef::Print | PageRef::Asset(_) => ("main", ""),
    };
    out.push_str(prefix);
    out.push_str(name);
}

/// The id that `id`, defined inside `text`, gets in the print edition, written at
/// the end of `out`.
fn push_local_id(out: &mut String, site: &Site, text: PageRef, id: &str) {
    push_anchor(out, site, text);
    out.push_str("--");
    out.push_str(id);
}

/// Where a link to `page` (and `fragment` in it) points from the print edition.
fn href(site: &Site, page: PageRef, fragment: Option<&str>) -> String {
    let mut out = String::with_capacity(32);
    push_href(&mut out, site, page, fragment);
    out
}

/// [`href`], written at the end of `out`.
fn push_href(out: &mut String, site: &Site, page: PageRef, fragment: Option<&str>) {
    match (page, fragment) {
        // Files copied from content/ (images, PDFs) stay files.
        (PageRef::Asset(_), _) => out.push_str(&page_url(site, FILE, page, fragment)),
        // On the timeline, a fragment names an event.
        (PageRef::Timeline, Some(event)) => {
            out.push_str("#event-");
            out.push_str(event);
        }
        (page, Some(fragment)) => {
            out.push('#');
            push_local_id(out, site, page, fragment);
        }
        (page, None) => {
            out.push('#');
            push_anchor(out, site, page);
        }
    }
}

/// A text's HTML for the print edition, its headings moved `demote_by` levels down.
fn fill(site: &Site, text: PageRef, rendered: &Rendered, demote_by: u8) -> String {
    let html = rendered.html(|slot, out| match slot {
        Slot::Link { page, fragment } => push_href(out, site, *page, fragment.as_deref()),
        Slot::Fragment(f) => {
            out.push('#');
            push_local_id(out, site, text, f);
        }
        Slot::Id(id) => push_local_id(out, site, text, id),
    });
    match rebase_sources(&html, &text_folder(site, text)) {
        Cow::Borrowed(_) => demote_headings(&html, demote_by),
        Cow::Owned(rebased) => demote_headings(&rebased, demote_by),
    }
}

/// The content folder of a text's Markdown file (`sections`), which its relative
/// image paths start from.
fn text_folder(site: &Site, text: PageRef) -> String {
    site.markdown_of(text)
        .map(|m| m.folder())
        .unwrap_or_default()
}

/// Image paths are written as the author wrote them, relative to the Markdown file
/// (and its copied assets); the print edition sits at the root, so relative `src`
/// values get the file's folder in front.
pub fn rebase_sources<'h>(html: &'h str, folder: &str) -> Cow<'h, str> {
    const SRC: &str = " src=\"";
    let finder = memchr::memmem::Finder::new(SRC);
    if folder.is_empty() || finder.find(html.as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let prefix = markdown::escape(&markdown::escape_url(&format!("{folder}/")));
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = finder.find(rest.as_bytes()) {
        let value_at = at + SRC.len();
        out.push_str(&rest[..value_at]);
        rest = &rest[value_at..];
        if is_relative(rest) {
            out.push_str(&prefix);
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether a URL (followed by the rest of the document) is a relative path.
fn is_relative(url: &str) -> bool {
    let url = &url[..url.find('"').unwrap_or(url.len())];
    let has_scheme = url
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']));
    !(url.is_empty() || has_scheme || url.starts_with(['/', '#']))
}

/// Moves `<h2>`…`<h6>` tags `by` levels down (at most to `h6`), in one pass so no
/// heading moves twice.
pub fn demote_headings(html: &str, by: u8) -> String {
    if by == 0 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let name_at = if tag.starts_with("</h") { 3 } else { 2 };
        let bytes = tag.as_bytes();
        match (
            bytes.get(name_at - 1),
            bytes.get(name_at),
            bytes.get(name_at + 1),
        ) {
            (Some(b'h'), Some(level @ b'2'..=b'6'), Some(b' ' | b'>')) => {
                let level = (level - b'0').saturating_add(by).min(6);
                out.push_str(&tag[..name_at]);
                out.push(char::from(b'0' + level));
                rest = &tag[name_at + 1..];
            }
            _ => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ----- views: what print.html sees -----------------------------------------------

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct Cite {
    source_title: String,
    href: String,
    paragraphs: String,
}

#[derive(Serialize)]
struct SectionView {
    anchor: String,
    title: String,
    summary: String,
    citation: Cite,
    body: String,
    events: Vec<Link>,
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
    citation: Option<Cite>,
    sections: Vec<Link>,
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
    cites: Vec<Cite>,
    see_also: Vec<Link>,
}

/// The print edition, rendered and ready to be streamed to its file.
pub fn render<'a>(
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

/// A marker is `MARK_OPEN`, this build's nonce, the kind of text, its index,
/// `MARK_CLOSE`. The two are private-use characters, which no escaping changes. The
/// nonce is random, so no text of a pack can pass for a marker; as markers never
/// reach the output, it does not make the output differ between builds.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

struct Markers {
    nonce: String,
}

impl Markers {
    fn new() -> Self {
        use std::hash::BuildHasher;
        let random = std::collections::hash_map::RandomState::new().hash_one(FILE);
        Markers {
            nonce: format!("{random:016x}"),
        }
    }

    fn of(&self, text: PageRef) -> String {
        let (kind, i) = match text {
            PageRef::Section(i) => ('s', i),
            PageRef::Term(i) => ('t', i),
            PageRef::Source(i) => ('o', i),
            PageRef::Event(i) => ('e', i),
            _ => ('i', 0),
        };
        format!("{MARK_OPEN}{}{kind}{i}{MARK_CLOSE}", self.nonce)
    }

    /// The text a marker (between its delimiters) names, if it names one.
    fn text(&self, site: &Site, texts: &Texts, marker: &str) -> Option<PageRef> {
        let marker = marker.strip_prefix(&self.nonce)?;
        let kind = marker.chars().next()?;
        let i: usize = marker.get(1..)?.parse().ok()?;
        let (text, count) = match kind {
            's' => (PageRef::Section(i), site.sections.len()),
            't' => (PageRef::Term(i), site.terms.len()),
            'o' => (PageRef::Source(i), site.sources.len()),
            'e' => (PageRef::Event(i), site.events.len()),
            'i' if texts.index.is_some() => (PageRef::Index, 1),
            _ => return None,
        };
        (i < count).then_some(text)
    }

    /// `page` cut into what is written as it is and the texts to fill in.
    fn pieces<'a>(&self, site: &Site, texts: &Texts, page: &'a str) -> Vec<Piece<'a>> {
        let mut pieces = Vec::new();
        let mut rest = page;
        while let Some(open) = rest.find(MARK_OPEN) {
            let after = &rest[open + MARK_OPEN.len_utf8()..];
            let named = (after.find(MARK_CLOSE))
                .and_then(|close| Some((self.text(site, texts, &after[..close])?, close)));
            let Some((text, close)) = named else {
                let literal = open + MARK_OPEN.len_utf8();
                pieces.push(Piece::Literal(&rest[..literal]));
                rest = &rest[literal..];
                continue;
            };
            pieces.push(Piece::Literal(&rest[..open]));
            pieces.push(Piece::Text(text));
            rest = &after[close + MARK_CLOSE.len_utf8()..];
        }
        pieces.push(Piece::Literal(rest));
        pieces
    }
}
/// How many levels a text's headings move down, to sit under the heading the print
/// edition gives the text (`h2` for a section, `h3` for a term, `h4` for an event).
fn demotion(text: PageRef) -> u8 {
    match text {
        PageRef::Section(_) => 1,
        PageRef::Term(_) | PageRef::Source(_) => 2,
        PageRef::Event(_) => 3,
        _ => 0,
    }
}

/// A piece of the rendered template: as it is, or a text to fill in.
enum Piece<'a> {
    Literal(&'a str),
    Text(PageRef),
}

/// How many pieces are filled at once: enough to keep every thread busy, few enough
/// that a large pack's texts are never held whole.
const BATCH: usize = 256;

/// Writes the print edition: `page` (the template rendered with markers) with each
/// marker replaced by its text, tidied as it goes.
fn write(
    site: &Site,
    texts: &Texts,
    markers: &Markers,
    page: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut tidy = Tidy::new(out);
    for batch in markers.pieces(site, texts, page).chunks(BATCH) {
        let filled: Vec<Cow<str>> = batch
            .par_iter()
            .map(|piece| match *piece {
                Piece::Literal(literal) => Cow::Borrowed(literal),
                Piece::Text(text) => Cow::Owned(
                    (texts.of(text))
                        .map(|r| fill(site, text, r, demotion(text)))
                        .unwrap_or_default(),
                ),
            })
            .collect();
        for piece in filled {
            tidy.write_all(piece.as_bytes())?;
        }
    }
    tidy.finish().map(drop)
}

fn link(site: &Site, page: PageRef, title: &str) -> Link {
    Link {
        title: title.to_string(),
        href: href(site, page, None),
    }
}

fn cite(site: &Site, c: &Citation) -> Cite {
    Cite {
        source_title: site.sources[c.source].title.clone(),
        href: href(site, PageRef::Source(c.source), None),
        paragraphs: if c.paragraphs.ranges.is_empty() {
            String::new()
        } else {
            c.paragraphs.label()
        },
    }
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
            summary: markdown::render_inline(&s.summary),
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

fn sources(site: &Site, markers: &Markers) -> Vec<SourceView<Link>> {
    site.sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let sections = s
                .sections
                .iter()
                .map(|&j| link(site, PageRef::Section(j), &site.sections[j].title));
            SourceView::new(
                site,
                i,
                anchor(site, PageRef::Source(i)),
                markers.of(PageRef::Source(i)),
                sections.collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_image_paths_start_from_their_file() {
        let html = r#"<p><img src="fig.png" alt="a"> <img src="https://x.org/a.png" alt="b"> <img src="/abs.png" alt="c"> <img src="data:image/png;base64,AA" alt="d"></p>"#;
        assert_eq!(
            rebase_sources(html, "sections"),
            r#"<p><img src="sections/fig.png" alt="a"> <img src="https://x.org/a.png" alt="b"> <img src="/abs.png" alt="c"> <img src="data:image/png;base64,AA" alt="d"></p>"#
        );
        assert_eq!(rebase_sources(html, ""), html);
    }

    #[test]
    fn headings_move_down_once_and_stop_at_h6() {
        let html = "<h2 id=\"a\">A</h2>\n<h3>B</h3>\n<h6>C</h6>\n<hr>\n<header><p>x &lt;h2&gt;</p>";
        assert_eq!(
            demote_headings(html, 1),
            "<h3 id=\"a\">A</h3>\n<h4>B</h4>\n<h6>C</h6>\n<hr>\n<header><p>x &lt;h2&gt;</p>"
        );
        assert_eq!(
            demote_headings("<h2>A</h2><h4>B</h4>", 2),
            "<h4>A</h4><h6>B</h6>"
        );
        assert_eq!(demote_headings("<h2>A</h2>", 0), "<h2>A</h2>");
    }
}
