//! The site's URL scheme, written in one place: which file each page is
//! (`sections/<slug>.html`), the anchor of each place in a page, and relative URLs
//! between them.
//!
//! Every URL written is relative to the page it is on and names a file, never a
//! folder: `file://` shows a folder as a listing, and root-absolute URLs break when a
//! pack is published under a sub-path.

use crate::markdown::{Rendered, Slot};
use crate::model::{PageRef, Site};

/// The print edition's file.
pub(crate) const PRINT_FILE: &str = "print.html";
/// The offline search index's file.
pub(crate) const SEARCH_INDEX_FILE: &str = "assets/search-index.js";

/// The file a static file of the theme is published as.
pub(crate) fn static_file(name: &str) -> String {
    format!("assets/{name}")
}

/// [`local_id`], written at the end of `out`.
fn push_local_id(out: &mut String, site: &Site, page: PageRef, id: &str) {
    match page {
        // A paragraph of a source's text keeps its own id on the source's page.
        PageRef::Source(i) if is_paragraph_id(site, i, id) => {}
        PageRef::Source(i) => {
            out.push_str("source-");
            out.push_str(&site.sources[i].id);
            out.push('-');
        }
        PageRef::Event(i) => {
            out.push_str(&site.events[i].id);
            out.push('-');
        }
        _ => {}
    }
    out.push_str(id);
}

/// Whether `id` names a numbered paragraph (`p9`) of source `i`'s text.
pub(crate) fn is_paragraph_id(site: &Site, i: usize, id: &str) -> bool {
    // Written as `paragraph_id` writes it: digits, no sign, no leading zero.
    let number = (id.strip_prefix('p'))
        .filter(|n| n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0'))
        .and_then(|n| n.parse::<u32>().ok());
    let text = site.sources.get(i).and_then(|s| s.text.as_ref());
    matches!((number, text), (Some(n), Some(text)) if text.numbers.contains(&n))
}

/// The id of paragraph `number` of a source's text, on its page.
pub(crate) fn paragraph_id(number: u32) -> String {
    format!("p{number}")
}

/// `../` once for each folder `from` is in.
fn push_up_to_root(url: &mut String, from: &str) {
    for _ in 0..memchr::memchr_iter(b'/', from.as_bytes()).count() {
        url.push_str("../");
    }
}

/// Bytes that stand in a URL path as they are.
const URL_SAFE: [bool; 256] = {
    let mut safe = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        safe[b] = c.is_ascii_alphanumeric()
            || matches!(c, b'-' | b'.' | b'_' | b'~' | b'/')
            || matches!(c, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+')
            || matches!(c, b',' | b';' | b'=' | b':' | b'@');
        b += 1;
    }
    safe
};

/// Appends `path`, percent-encoding what cannot stand in a URL path as it is (spaces,
/// non-ASCII).
fn push_encoded_path(url: &mut String, path: &str) {
    if path.bytes().all(|b| URL_SAFE[usize::from(b)]) {
        url.push_str(path);
        return;
    }
    for byte in path.bytes() {
        if URL_SAFE[usize::from(byte)] {
            url.push(char::from(byte));
        } else {
            url.push('%');
            url.push(char::from(HEX[usize::from(byte >> 4)]));
            url.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// URL from page file `from` to `page`, with its anchor if it has one.
pub(crate) fn page_url(site: &Site, from: &str, page: PageRef, fragment: Option<&str>) -> String {
    let mut url = String::with_capacity(48);
    push_page_url(&mut url, site, from, page, fragment);
    url
}

/// [`page_url`], written at the end of `url`.
fn push_page_url(url: &mut String, site: &Site, from: &str, page: PageRef, fragment: Option<&str>) {
    push_up_to_root(url, from);
    let (folder, name, extension) = page_file_parts(site, page);
    for part in [folder, name, extension] {
        push_encoded_path(url, part);
    }
    match (fragment, page) {
        (Some(f), PageRef::Timeline) => {
            url.push('#');
            url.push_str(f);
        }
        (Some(f), _) => {
            url.push('#');
            push_local_id(url, site, page, f);
        }
        (None, _) => {
            if let Some(anchor) = page_anchor(site, page) {
                url.push('#');
                url.push_str(&anchor);
            }
        }
    }
}

/// Fills a text's slots for its placement on a standalone page.
pub(crate) fn on_page(site: &Site, texts_page: PageRef, file: &str, rendered: &Rendered) -> String {
    on_page_range(site, texts_page, file, rendered, 0..rendered.html.len())
}

/// [`on_page`] for one stretch of the text's HTML (a block of a source text).
pub(crate) fn on_page_range(
    site: &Site,
    texts_page: PageRef,
    file: &str,
    rendered: &Rendered,
    range: std::ops::Range<usize>,
) -> String {
    rendered.html_of(range, |slot, out| match slot {
        Slot::Link { page, fragment } => push_page_url(out, site, file, *page, fragment.as_deref()),
        Slot::Fragment(f) => {
            out.push('#');
            push_local_id(out, site, texts_page, f);
        }
        Slot::Id(id) => push_local_id(out, site, texts_page, id),
    })
}

/// A stretch of source `source`'s text shown on another page (the cited paragraphs
/// under a section's citation): its in-page links lead to the source's own page, and
/// its ids get a prefix so they cannot clash with the page's own.
pub(crate) fn text_elsewhere(
    site: &Site,
    source: usize,
    file: &str,
    rendered: &Rendered,
    range: std::ops::Range<usize>,
) -> String {
    let page = PageRef::Source(source);
    rendered.html_of(range, |slot, out| match slot {
        Slot::Link { page, fragment } => push_page_url(out, site, file, *page, fragment.as_deref()),
        Slot::Fragment(f) => push_page_url(out, site, file, page, Some(f)),
        Slot::Id(id) => {
            out.push_str("cited-");
            out.push_str(id);
        }
    })
}

/// The output file of a page, relative to the output root, `/`-separated.
pub(crate) fn page_file(site: &Site, page: PageRef) -> String {
    let (folder, name, extension) = page_file_parts(site, page);
    [folder, name, extension].concat()
}

/// [`page_file`] in three parts, folder, name and extension, so a URL can be
/// made without first making the path.
pub(crate) fn page_file_parts(site: &Site, page: PageRef) -> (&'static str, &str, &'static str) {
    match page {
        PageRef::Index => ("", "index.html", ""),
        PageRef::Section(i) => ("sections/", &site.sections[i].slug, ".html"),
        PageRef::Term(i) => ("glossary/", &site.terms[i].slug, ".html"),
        // A document with its text has a page of its own.
        PageRef::Source(i) if site.sources[i].text.is_some() => {
            ("sources/", &site.sources[i].id, ".html")
        }
        PageRef::Source(_) | PageRef::Sources => ("", "sources.html", ""),
        PageRef::Glossary => ("", "glossary.html", ""),
        PageRef::Timeline | PageRef::Event(_) => ("", "timeline.html", ""),
        PageRef::Asset(i) => ("", &site.assets[i].rel, ""),
        PageRef::Print => ("", PRINT_FILE, ""),
    }
}

/// The anchor a reference points at inside its page, if any.
pub(crate) fn page_anchor(site: &Site, page: PageRef) -> Option<String> {
    match page {
        PageRef::Source(i) if site.sources[i].text.is_none() => {
            Some(format!("source-{}", site.sources[i].id))
        }
        PageRef::Event(i) => Some(site.events[i].id.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A relative URL from output file `from` to output file `to`.
    fn relative_url(from: &str, to: &str) -> String {
        let mut url = String::new();
        push_up_to_root(&mut url, from);
        push_encoded_path(&mut url, to);
        url
    }

    #[test]
    fn urls_are_relative_and_name_files() {
        assert_eq!(
            relative_url("index.html", "sections/a.html"),
            "sections/a.html"
        );
        assert_eq!(
            relative_url("sections/a.html", "index.html"),
            "../index.html"
        );
        assert_eq!(
            relative_url("sections/a.html", "sections/café b.html"),
            "../sections/caf%C3%A9%20b.html"
        );
    }
}
