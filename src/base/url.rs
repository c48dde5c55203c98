//! The one reading of URLs: what kind of address a link is, whether following it
//! would run code (`javascript:`, `vbscript:`) or open a document written into the
//! address (`data:`), and `%XX` decoding and escaping.
//!
//! Tera escapes every value and `raw_html = false` escapes markup, but neither stops a
//! link whose address is a script, so such links are refused where they are written.

use pulldown_cmark_escape::escape_href;

/// What an address is for. An image may be written into it (`data:image/png;…`),
/// as an image cannot run code; a page or a frame may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// A link, a frame, a form's target, an embedded object: anything a browser may
    /// run or show as a page.
    Page,
    /// An image (`<img src>`, `srcset`, a poster).
    Image,
}

/// Why an address may not be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// `javascript:` or `vbscript:`: following it runs code.
    RunsCode,
    /// `data:` with a document in it, which the browser may run as a page.
    WritesDocument,
}

/// Why `url`, used as `used`, may not be written, if it may not.
pub(crate) fn refusal(url: &str, used: Use) -> Option<Refusal> {
    let (scheme, rest) = scheme(url)?;
    match scheme.as_str() {
        "javascript" | "vbscript" => Some(Refusal::RunsCode),
        "data" if used == Use::Image && is_image(&rest) => None,
        "data" => Some(Refusal::WritesDocument),
        _ => None,
    }
}

/// The scheme of `url` in lower case and what follows its `:`, as a browser reads
/// them: it ignores case, leading spaces and control characters, and tabs or line
/// breaks anywhere.
fn scheme(url: &str) -> Option<(String, String)> {
    let cleaned: String = (url.trim_start_matches(|c: char| c <= ' ').chars())
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, rest) = cleaned.split_once(':')?;
    Some((scheme.to_ascii_lowercase(), rest.to_string()))
}

/// Whether a `data:` address's data (after `data:`) is an image.
fn is_image(data: &str) -> bool {
    let media = data.trim_start_matches(|c: char| c <= ' ');
    media
        .get(..6)
        .is_some_and(|m| m.eq_ignore_ascii_case("image/"))
}

/// The message for an address refused for `why`, where `what` names it ("the link
/// `…`", "`<a href=\"…\">`").
pub(crate) fn refusal_message(what: &str, why: Refusal) -> String {
    match why {
        Refusal::RunsCode => format!("{what} would run code in the reader's browser"),
        Refusal::WritesDocument => format!(
            "{what} writes a document into a `data:` address, which could run code in the reader's browser"
        ),
    }
}

/// The hint for an address refused for `why`.
pub(crate) fn refusal_hint(why: Refusal) -> &'static str {
    match why {
        Refusal::RunsCode => HINT,
        Refusal::WritesDocument => {
            "only an image may be a `data:` address (`data:image/png;base64,…`); put the document in the pack and link to it"
        }
    }
}

pub(crate) const HINT: &str = "link to a page (https://…) or to a file of the pack instead";

/// `url` as a message quotes it: at most 80 characters (a `data:` address can run to
/// megabytes).
pub(crate) fn shown(url: &str) -> String {
    const MOST: usize = 80;
    match url.char_indices().nth(MOST) {
        Some((cut, _)) => format!("{}…", &url[..cut]),
        None => url.to_string(),
    }
}

/// A link's path or fragment with `%XX` decoded, or as written if that is not UTF-8.
pub(crate) fn decode_or_keep(text: &str) -> String {
    percent_decode(text).unwrap_or_else(|| text.to_string())
}

/// `%XX` decoded; `None` if the result is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Escapes a URL for an `href`.
pub(crate) fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    escape_href(&mut out, url).ok();
    out
}

/// What a link's address is, as far as the pack is concerned.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LinkTarget {
    /// Another site (`https://…`, `mailto:…`, `//host/…`).
    External,
    /// A place on the same page (`#history`).
    Fragment(String),
    /// A path from the server's root (`/sections/a.html`), which breaks under a
    /// sub-path and from `file://`.
    RootAbsolute,
    /// A path relative to the file the link is in, without its query.
    Relative {
        path: String,
        fragment: Option<String>,
    },
}

/// Reads a link's address.
pub(crate) fn classify_link(url: &str) -> LinkTarget {
    if let Some(fragment) = url.strip_prefix('#') {
        return LinkTarget::Fragment(fragment.to_string());
    }
    if has_scheme(url) || url.starts_with("//") {
        return LinkTarget::External;
    }
    if url.starts_with('/') {
        return LinkTarget::RootAbsolute;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or(path).to_string();
    LinkTarget::Relative { path, fragment }
}

/// Whether `url` starts with a scheme (`https:`): a letter, then letters, digits, `+`,
/// `-` or `.`, then `:` (RFC 3986, section 3.1).
pub(crate) fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_code(url: &str) -> bool {
        refusal(url, Use::Image) == Some(Refusal::RunsCode)
    }

    #[test]
    fn recognises_script_schemes_as_browsers_do() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:x",
            " \u{1}javascript:x",
            "java\tscript:x",
            "vbscript:x",
        ] {
            assert!(runs_code(url), "{url}");
        }
        for url in [
            "https://example.org/javascript:x",
            "page.html#javascript:x",
            "javascript",
            "../sections/javascript.md",
            "mailto:a@b.c",
        ] {
            assert!(!runs_code(url), "{url}");
        }
    }

    #[test]
    fn a_data_address_may_hold_an_image_and_nothing_else() {
        let document = Some(Refusal::WritesDocument);
        assert_eq!(refusal("data:image/png;base64,AAAA", Use::Image), None);
        assert_eq!(refusal(" DATA:Image/svg+xml,<svg/>", Use::Image), None);
        assert_eq!(refusal("data:image/png;base64,AAAA", Use::Page), document);
        assert_eq!(
            refusal("data:text/html,<script>x</script>", Use::Image),
            document
        );
        assert_eq!(refusal("da\nta:text/html,x", Use::Page), document);
        assert_eq!(refusal("javascript:x", Use::Image), Some(Refusal::RunsCode));
        assert_eq!(refusal("https://example.org/data:x", Use::Page), None);
    }
}
