//! URLs that would run code when followed (`javascript:`, `vbscript:`). Tera escapes
//! every value and `raw_html = false` escapes markup, but neither stops a link whose
//! address is a script, so such links are refused where they are written.

use pulldown_cmark::{Event, Tag};

use crate::diagnostics::Diagnostics;
use crate::markdown::Events;
use crate::site::Markdown;

/// Whether a browser would run `url` as a script. Browsers ignore case, leading
/// spaces and control characters, and tabs or line breaks anywhere in the scheme.
pub fn runs_code(url: &str) -> bool {
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
pub fn message(url: &str) -> String {
    format!("the link `{url}` would run code in the reader's browser")
}

pub const HINT: &str = "link to a page (https://…) or to a file of the pack instead";

/// Reports every link and image in `events` whose address would run code.
pub fn refuse_script_links(events: &Events, markdown: &Markdown, diags: &mut Diagnostics) {
    for (event, range) in events {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && runs_code(dest_url)
        {
            diags.push(
                markdown
                    .error(range.start, message(dest_url))
                    .with_hint(HINT),
            );
        }
    }
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
