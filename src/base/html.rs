//! HTML escaping, for text and attribute values alike.

use pulldown_cmark_escape::escape_html;

/// Escapes text for an HTML attribute or element body.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).ok();
    out
}
