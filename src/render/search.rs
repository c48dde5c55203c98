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

use std::io::{self, Write};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::Serialize;

use crate::base::swar;
use crate::model::{PageRef, Site};
use crate::render::urls::{page_url, paragraph_id};

/// One searchable document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Doc {
    pub title: String,
    /// Relative to the site root: `sections/reflex.html`, `timeline.html#id`.
    pub url: String,
    /// Shown beside the title: "Section", "Glossary", "Timeline, March 2000".
    pub kind: String,
    pub text: String,
}

/// How many sections become documents at once: enough to keep every thread busy,
/// few enough that a large pack's text is never held whole.
const BATCH: usize = 256;

/// Writes the index: every section, glossary entry and timeline event, in that order
/// (each in pack order), so results with equal scores keep a stable, sensible order.
pub(super) fn write_index(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let mut script = Script::start(out)?;
    // Sections are most of the work: a batch at a time, in parallel, in order.
    for start in (0..site.sections.len()).step_by(BATCH) {
        let end = (start + BATCH).min(site.sections.len());
        let rows: Vec<String> = (start..end)
            .into_par_iter()
            .map(|i| section_doc(site, i).row())
            .collect();
        script.push_all(rows)?;
    }
    script.push_all((0..site.terms.len()).map(|i| term_doc(site, i).row()))?;
    script.push_all((0..site.events.len()).map(|i| event_doc(site, i).row()))?;
    for i in 0..site.sources.len() {
        script.push_all(paragraph_docs(site, i).map(|doc| doc.row()))?;
    }
    script.end()
}

fn url(site: &Site, page: PageRef) -> String {
    page_url(site, "index.html", page, None)
}

fn section_doc(site: &Site, i: usize) -> Doc {
    let s = &site.sections[i];
    Doc {
        title: s.title.clone(),
        url: url(site, PageRef::Section(i)),
        kind: "Section".into(),
        text: join_words(&[plain_text(s.summary.text()), plain_text(s.body.text())]),
    }
}

fn term_doc(site: &Site, i: usize) -> Doc {
    let t = &site.terms[i];
    let title = match &t.abbr {
        Some(abbr) => format!("{} ({abbr})", t.term),
        None => t.term.clone(),
    };
    Doc {
        title,
        url: url(site, PageRef::Term(i)),
        kind: "Glossary".into(),
        text: join_words(&[
            collapse_whitespace(&t.aliases.join(", ")),
            plain_text(t.body.text()),
        ]),
    }
}

fn event_doc(site: &Site, i: usize) -> Doc {
    let e = &site.events[i];
    Doc {
        title: e.title.clone(),
        url: url(site, PageRef::Event(i)),
        kind: format!("Timeline, {}", e.date),
        text: plain_text(e.body.text()),
    }
}

/// Each numbered paragraph of source `i`'s text, a result opening the paragraph.
fn paragraph_docs(site: &Site, i: usize) -> impl Iterator<Item = Doc> + '_ {
    let source = &site.sources[i];
    let text = source.text.as_ref();
    let numbers = text.into_iter().flat_map(|t| t.numbers.iter().copied());
    numbers.filter_map(move |n| {
        let markdown = text?.paragraph(n)?;
        // The paragraph's own number is the document's, not its words.
        let words = markdown
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        let words = words.strip_prefix(['.', ')']).unwrap_or(words);
        Some(Doc {
            title: format!("{}, paragraph {n}", source.title),
            url: page_url(
                site,
                "index.html",
                PageRef::Source(i),
                Some(&paragraph_id(n)),
            ),
            kind: "Source text".into(),
            text: plain_text(words),
        })
    })
}

impl Doc {
    /// The document as one line of the index: `[title, url, kind, text]`.
    fn row(&self) -> String {
        let fields = [&self.title, &self.url, &self.kind, &self.text];
        let mut row = String::with_capacity(fields.iter().map(|f| f.len() + 3).sum::<usize>() + 2);
        row.push('[');
        for (n, field) in fields.into_iter().enumerate() {
            if n > 0 {
                row.push(',');
            }
            push_json_string(&mut row, field);
        }
        row.push(']');
        row
    }
}

/// Appends `text` as a JSON string, escaped as `serde_json` escapes it. Written out
/// because the index is mostly plain text: runs without a quote, a backslash or a
/// control character are copied whole.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    while let Some(at) = next_to_escape(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let byte = rest.as_bytes()[at];
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => out.push_str(&format!("\\u{byte:04x}")),
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Where the first byte a JSON string must escape is: a control character, a quote or
/// a backslash. Eight bytes at a time while none of them can be one.
fn next_to_escape(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        while let Some(x) = swar::chunk(bytes, i) {
            if swar::below(x, 0x20) | swar::equal(x, b'"') | swar::equal(x, b'\\') != 0 {
                break;
            }
            i += 8;
        }
        let b = *bytes.get(i)?;
        if b < 0x20 || b == b'"' || b == b'\\' {
            return Some(i);
        }
        i += 1;
    }
}

/// The index script as it is written: `window.BRIEFING_SEARCH = {"docs": [`, one
/// row per line, `]};`.
struct Script<'w> {
    out: &'w mut dyn Write,
    rows: usize,
}

impl<'w> Script<'w> {
    fn start(out: &'w mut dyn Write) -> io::Result<Self> {
        out.write_all(b"window.BRIEFING_SEARCH = {\"docs\": [\n")?;
        Ok(Script { out, rows: 0 })
    }

    fn push_all(&mut self, rows: impl IntoIterator<Item = String>) -> io::Result<()> {
        for row in rows {
            if self.rows > 0 {
                self.out.write_all(b",\n")?;
            }
            self.out.write_all(row.as_bytes())?;
            self.rows += 1;
        }
        Ok(())
    }

    fn end(self) -> io::Result<()> {
        if self.rows > 0 {
            self.out.write_all(b"\n")?;
        }
        self.out.write_all(b"]};\n")
    }
}

/// The words of a Markdown text, blocks separated by a space, whitespace collapsed.
/// Raw HTML tags and URLs are left out: nobody searches for them.
pub(super) fn plain_text(markdown: &str) -> String {
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

/// `split_whitespace` joined with single spaces. Most of the text already has single
/// spaces between words, so runs of such text are copied at once and only other
/// whitespace (and non-ASCII characters, which are decoded) breaks a run.
fn collapse_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = skip_whitespace(text, 0);
    while i < bytes.len() {
        let start = i;
        loop {
            i = skip_plain_bytes(bytes, i);
            i = skip_word_bytes(bytes, i);
            // (A space here follows a word byte unless the fast skip ended in one.)
            let single_space = bytes.get(i) == Some(&b' ') && bytes[i - 1] != b' ';
            if single_space && bytes.get(i + 1).is_some_and(|&b| is_word_byte(b)) {
                i += 1;
                continue;
            }
            match text[i..].chars().next() {
                Some(c) if !c.is_ascii() && !c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
        // A run copied eight bytes at a time may end in one space.
        push_word(&mut out, text[start..i].trim_end_matches(' '));
        i = skip_whitespace(text, i);
    }
    out
}

/// The end of the text at `i` that needs no change, eight bytes at a time: printable
/// ASCII with single spaces. A chunk holding anything else (a control character, a
/// non-ASCII byte, two spaces in a row) is left to the caller, byte by byte.
fn skip_plain_bytes(bytes: &[u8], mut i: usize) -> usize {
    while let Some(x) = swar::chunk(bytes, i) {
        let unusual = swar::below(x, 0x20) | swar::non_ascii(x);
        let spaces = swar::equal(x, b' ');
        let space_before = i > 0 && bytes[i - 1] == b' ' && bytes[i] == b' ';
        if unusual != 0 || swar::two_in_a_row(spaces) || space_before {
            break;
        }
        i += 8;
    }
    i
}

/// An ASCII byte that `char::is_whitespace` does not count as space (it counts
/// \t, \n, \x0b, \x0c, \r and the space).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r')
}

/// The end of the run of word bytes at `i`, eight bytes at a time while no byte
/// can be a space, a control character or part of a non-ASCII character.
fn skip_word_bytes(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A byte below 0x21 borrows into its top bit; a non-ASCII byte has it set.
        if (x.wrapping_sub(0x2121_2121_2121_2121) | x) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && is_word_byte(bytes[i]) {
        i += 1;
    }
    i
}

fn skip_whitespace(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let kept = rest.trim_start_matches(char::is_whitespace);
    from + rest.len() - kept.len()
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// Texts with their whitespace collapsed, joined by a space.
fn join_words(parts: &[String]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for part in parts.iter().filter(|p| !p.is_empty()) {
        push_word(&mut out, part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn collapse_whitespace_is_split_whitespace_joined(text in "[a \t\n\r\x0b\x0c\x01é\u{85}\u{a0}\u{2003}\u{3000}x.]{0,40}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&text), expected);
        }

        /// Mostly plain text, so runs of eight plain bytes and their edges are hit.
        #[test]
        fn collapse_whitespace_of_mostly_plain_text(text in "([a-z.]{1,9}( |  |\n|\u{a0}|é| \t)){0,30}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&text), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn json_strings_are_escaped_as_serde_json_escapes_them(text in "[a\"\\\\\u{0}-\u{1f}\u{7f}é\u{2028}/<]{0,30}") {
            let mut ours = String::new();
            push_json_string(&mut ours, &text);
            proptest::prop_assert_eq!(ours, serde_json::to_string(&text).unwrap());
        }

        /// Mostly plain text, so runs of eight plain bytes and their edges are hit.
        #[test]
        fn json_strings_of_mostly_plain_text(text in "([a-zé ]{0,20}[\"\\\\\u{1}\u{1f}\n]?){0,10}") {
            let mut ours = String::new();
            push_json_string(&mut ours, &text);
            proptest::prop_assert_eq!(ours, serde_json::to_string(&text).unwrap());
        }
    }

    #[test]
    fn collapse_whitespace_handles_long_runs_of_words() {
        let text =
            "  word1234567890abcdefgh and more words  \t next\u{a0}é-longer-word-here\u{1}x\nend  ";
        let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(collapse_whitespace(text), expected);
        assert_eq!(
            collapse_whitespace(&"abcdefgh ".repeat(9)),
            "abcdefgh ".repeat(9).trim_end()
        );
    }

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
        let docs = [
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
        let mut js = Vec::new();
        let mut script = Script::start(&mut js).unwrap();
        script.push_all(docs.iter().map(Doc::row)).unwrap();
        script.end().unwrap();
        let js = String::from_utf8(js).unwrap();
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
