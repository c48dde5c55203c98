//! The one reading of URLs: what kind of address a link is, whether following it
//! would run code (`javascript:`, `vbscript:`), and `%XX` decoding and escaping.
//!
//! Tera escapes every value and `raw_html = false` escapes markup, but neither stops a
//! link whose address is a script, so such links are refused where they are written.

use pulldown_cmark_escape::escape_href;

/// Whether a browser would run `url` as a script. Browsers ignore case, leading
/// spaces and control characters, and tabs or line breaks anywhere in the scheme.
pub(crate) fn runs_code(url: &str) -> bool {
    let scheme: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|&c| c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript")
}

/// The message for a refused link.
pub(crate) fn message(url: &str) -> String {
    format!("the link `{url}` would run code in the reader's browser")
}

pub(crate) const HINT: &str = "link to a page (https://…) or to a file of the pack instead";

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
}
