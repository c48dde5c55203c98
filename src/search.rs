//! The offline search index: `assets/search-index.js`, a plain script that assigns
//! `window.BRIEFING_SEARCH`. It is a script and not JSON because a page opened from
//! `file://` may not `fetch()` or import anything, but may load a `<script src>`.
//!
//! The format is our own and deliberately small: one array per document,
//! `[title, url, kind, text]`, with the URL relative to the site root (the page adds
//! its own `root` at run time) and the text as plain words, one document per line so
//! a changed sentence is one changed line. There is no inverted index: the search
//! script needs the text anyway to show the matching snippet, and scanning it for
//! word-start matches is fast enough for thousands of sections, while postings for
//! every word would roughly double the file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::output::OutputFile;
use crate::render::page_url;
use crate::site::{PageRef, Site};

/// Where the index is written, relative to the output root.
pub const INDEX_FILE: &str = "assets/search-index.js";

/// One searchable document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Doc {
    pub title: String,
    /// Relative to the site root: `sections/reflex.html`, `timeline.html#id`.
    pub url: String,
    /// Shown beside the title: "Section", "Glossary", "Timeline, March 2000".
    pub kind: String,
    pub text: String,
}

/// Every section, glossary entry and timeline event, in that order (each in pack
/// order), so results with equal scores keep a stable, sensible order.
pub fn documents(site: &Site) -> Vec<Doc> {
    let url = |page: PageRef| page_url(site, "index.html", page, None);
    let mut docs = Vec::with_capacity(site.sections.len() + site.terms.len() + site.events.len());
    for (i, s) in site.sections.iter().enumerate() {
        docs.push(Doc {
            title: s.title.clone(),
            url: url(PageRef::Section(i)),
            kind: "Section".into(),
            text: join_text(&[&plain_text(&s.summary), &plain_text(s.body.text())]),
        });
    }
    for (i, t) in site.terms.iter().enumerate() {
        let title = match &t.abbr {
            Some(abbr) => format!("{} ({abbr})", t.term),
            None => t.term.clone(),
        };
        docs.push(Doc {
            title,
            url: url(PageRef::Term(i)),
            kind: "Glossary".into(),
            text: join_text(&[&t.aliases.join(", "), &plain_text(t.body.text())]),
        });
    }
    for (i, e) in site.events.iter().enumerate() {
        docs.push(Doc {
            title: e.title.clone(),
            url: url(PageRef::Event(i)),
            kind: format!("Timeline, {}", e.date),
            text: plain_text(e.body.text()),
        });
    }
    docs
}

/// The index as a script file.
pub fn index_file(site: &Site) -> OutputFile {
    OutputFile::bytes(INDEX_FILE, script(&documents(site)).into_bytes())
}

/// `window.BRIEFING_SEARCH = {"docs": [...]};`, one document per line.
pub fn script(docs: &[Doc]) -> String {
    let mut out = String::from("window.BRIEFING_SEARCH = {\"docs\": [\n");
    for (n, doc) in docs.iter().enumerate() {
        let row = [&doc.title, &doc.url, &doc.kind, &doc.text];
        // Serialising strings cannot fail; an empty row would still be valid JS.
        out.push_str(&serde_json::to_string(&row).unwrap_or_else(|_| "[]".into()));
        if n + 1 < docs.len() {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str("]};\n");
    out
}

/// The words of a Markdown text, blocks separated by a space, whitespace collapsed.
/// Raw HTML tags and URLs are left out: nobody searches for them.
pub fn plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(end) if ends_block(&end) => text.push(' '),
            Event::Start(Tag::Item) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

fn ends_block(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn join_text(parts: &[&str]) -> String {
    collapse_whitespace(&parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_words_and_separates_blocks() {
        let md = "# Title\n\nSome *emphasis* and [a link](x.md).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n\n<div>raw</div>\n";
        assert_eq!(
            plain_text(md),
            "Title Some emphasis and a link. one two a b c d"
        );
    }

    #[test]
    fn plain_text_does_not_glue_words_across_blocks() {
        assert_eq!(plain_text("end.\n\nStart"), "end. Start");
        assert_eq!(plain_text("> quoted\n\nafter"), "quoted after");
    }

    #[test]
    fn script_is_one_document_per_line_and_escapes_strings() {
        let docs = vec![
            Doc {
                title: "A \"quoted\" title".into(),
                url: "sections/a.html".into(),
                kind: "Section".into(),
                text: "line\u{2028}separator </script>".into(),
            },
            Doc {
                title: "B".into(),
                url: "timeline.html#b".into(),
                kind: "Timeline, 2000".into(),
                text: String::new(),
            },
        ];
        let js = script(&docs);
        let lines: Vec<&str> = js.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "window.BRIEFING_SEARCH = {\"docs\": [");
        assert_eq!(lines[3], "]};");
        let json = js
            .trim_start_matches("window.BRIEFING_SEARCH = ")
            .trim_end()
            .trim_end_matches(';');
        let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(parsed["docs"][0][0], "A \"quoted\" title");
        assert_eq!(parsed["docs"][1][1], "timeline.html#b");
    }
}
