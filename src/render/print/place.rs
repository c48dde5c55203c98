//! Where things are in the print edition: the anchor of each page and text, links
//! turned into in-page anchors, and each text's HTML filled for this one page.

use std::borrow::Cow;

use crate::base::html::escape;
use crate::base::url::{self, LinkTarget, escape_url};
use crate::content::source_text::BlockKind;
use crate::markdown::rendered::RenderedText;
use crate::markdown::{Rendered, Slot};
use crate::model::{PageRef, Site};
use crate::render::urls::{PRINT_FILE as FILE, page_url, paragraph_id};

/// The in-page anchor of a page, or of a place in one, in the print edition.
pub(super) fn anchor(site: &Site, page: PageRef) -> String {
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
pub(super) fn href(site: &Site, page: PageRef, fragment: Option<&str>) -> String {
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
pub(super) fn fill(site: &Site, text: PageRef, rendered: &Rendered, demote_by: u8) -> String {
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

/// A source document's text for the print edition, block by block, each numbered
/// paragraph with its number and the in-page anchor citations link to.
pub(super) fn fill_source_text(site: &Site, i: usize, text: &RenderedText) -> String {
    let page = PageRef::Source(i);
    let mut out = String::new();
    for block in &text.blocks {
        let html = text
            .rendered
            .html_of(block.html.clone(), |slot, out| match slot {
                Slot::Link { page, fragment } => push_href(out, site, *page, fragment.as_deref()),
                Slot::Fragment(f) => {
                    out.push('#');
                    push_local_id(out, site, page, f);
                }
                Slot::Id(id) => push_local_id(out, site, page, id),
            });
        // The document's headings sit under the source's own `h3`.
        let html = demote_headings(&html, 2);
        match block.kind {
            BlockKind::Paragraph(n) => {
                let mut id = String::new();
                push_local_id(&mut id, site, page, &paragraph_id(n));
                out.push_str(&format!(
                    "<div class=\"para\" id=\"{id}\">\n<span class=\"para-number\">{n}</span>\n<div class=\"para-text\">\n{html}</div>\n</div>\n"
                ));
            }
            _ => out.push_str(&html),
        }
    }
    out
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
pub(super) fn rebase_sources<'h>(html: &'h str, folder: &str) -> Cow<'h, str> {
    const SRC: &str = " src=\"";
    let finder = memchr::memmem::Finder::new(SRC);
    if folder.is_empty() || finder.find(html.as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let prefix = escape(&escape_url(&format!("{folder}/")));
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
    !url.is_empty() && matches!(url::classify_link(url), LinkTarget::Relative { .. })
}

/// Moves `<h2>`…`<h6>` tags `by` levels down (at most to `h6`), in one pass so no
/// heading moves twice.
pub(super) fn demote_headings(html: &str, by: u8) -> String {
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

/// How many levels a text's headings move down, to sit under the heading the print
/// edition gives the text (`h2` for a section, `h3` for a term, `h4` for an event).
pub(super) fn demotion(text: PageRef) -> u8 {
    match text {
        PageRef::Section(_) => 1,
        PageRef::Term(_) | PageRef::Source(_) => 2,
        PageRef::Event(_) => 3,
        _ => 0,
    }
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
