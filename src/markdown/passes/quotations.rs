//! Reads a text for what the source checks need: its quotations (double quotation
//! marks, straight or curly, `<q>` elements and blockquotes), where each starts, and
//! the runs of words outside them. It runs on the events as parsed, before any pass
//! turns text into markup.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::input::Events;
use crate::markdown::source_words::{Word, words};

/// A quotation in a text, with the offset (in the text) where it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quote {
    pub(crate) text: String,
    pub(crate) at: usize,
}

/// What a text says in its own words and what it quotes.
#[derive(Debug, Default)]
pub(crate) struct Prose {
    pub(crate) quotes: Vec<Quote>,
    /// Stretches of words outside quotations, each within one block, with offsets
    /// in the text.
    pub(crate) runs: Vec<Vec<Word>>,
    /// Links to places in other texts, as written: the checks look for links to
    /// source paragraphs among them.
    pub(crate) links: Vec<String>,
}

/// Reads `events` of the Markdown `text`.
pub(crate) fn read_prose(events: &Events, text: &str) -> Prose {
    let mut reader = Reader {
        text,
        prose: Prose::default(),
        quote: None,
        free: Free::default(),
        blockquote: 0,
        code: 0,
    };
    for (event, range) in events {
        reader.see(event, range);
    }
    reader.end_block();
    reader.prose
}

/// The free text of the current block, and where each piece of it came from.
#[derive(Default)]
struct Free {
    text: String,
    /// (offset in `text`, offset in the Markdown, whether the piece is the Markdown
    /// as written, so offsets inside it carry over)
    pieces: Vec<(usize, usize, bool)>,
}

impl Free {
    fn push(&mut self, piece: &str, at: usize, exact: bool) {
        self.pieces.push((self.text.len(), at, exact));
        self.text.push_str(piece);
    }

    /// The Markdown offset of an offset in `text`.
    fn source_offset(&self, offset: usize) -> usize {
        let k = self
            .pieces
            .partition_point(|p| p.0 <= offset)
            .saturating_sub(1);
        match self.pieces.get(k) {
            Some(&(start, at, true)) => at + (offset - start),
            Some(&(_, at, false)) => at,
            None => 0,
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    prose: Prose,
    /// The quotation open in the current block, if any.
    quote: Option<Quote>,
    free: Free,
    blockquote: usize,
    code: usize,
}

impl Reader<'_> {
    fn see(&mut self, event: &Event, range: &Range<usize>) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.code += 1,
            Event::End(TagEnd::CodeBlock) => self.code = self.code.saturating_sub(1),
            Event::Start(Tag::BlockQuote(_)) => {
                self.end_block();
                self.blockquote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.end_block();
                self.blockquote = self.blockquote.saturating_sub(1);
            }
            Event::Start(Tag::Link { dest_url, .. }) => self.prose.links.push(dest_url.to_string()),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition,
            ) => self.end_block(),
            Event::Text(t) | Event::Code(t) if self.code == 0 => self.text_piece(t, range),
            Event::SoftBreak | Event::HardBreak => {
                self.text_piece(" ", &(range.start..range.start))
            }
            Event::InlineHtml(html) => self.inline_html(html, range.start),
            _ => {}
        }
    }

    /// `<q>` opens a quotation and `</q>` closes it.
    fn inline_html(&mut self, html: &str, at: usize) {
        let tag = html.trim().to_ascii_lowercase();
        if tag == "<q>" || tag.starts_with("<q ") {
            self.open_quote(at);
        } else if tag == "</q>" {
            self.close_quote();
        }
    }

    fn text_piece(&mut self, piece: &str, range: &Range<usize>) {
        let source = self.text.get(range.clone()).unwrap_or("");
        let exact = source == piece;
        if self.blockquote > 0 {
            // A blockquote is a quotation whole; its quotation marks are its own.
            let at = range.start;
            let quote = self.quote.get_or_insert_with(|| Quote {
                text: String::new(),
                at,
            });
            quote.text.push_str(piece);
            return;
        }
        let mut start = 0;
        for (i, c) in piece.char_indices() {
            if !matches!(c, '"' | '“' | '”') {
                continue;
            }
            self.add(&piece[start..i], range.start, exact, start);
            let at = if exact {
                range.start + i
            } else {
                nth_quote_mark(source, piece, i).map_or(range.start, |k| range.start + k)
            };
            match (c, &self.quote) {
                ('”', Some(_)) | ('"', Some(_)) => self.close_quote(),
                ('”', None) => {}
                _ => self.open_quote(at),
            }
            start = i + c.len_utf8();
        }
        self.add(&piece[start..], range.start, exact, start);
    }

    /// Adds text to the open quotation, or to the free text.
    fn add(&mut self, part: &str, at: usize, exact: bool, offset: usize) {
        if part.is_empty() {
            return;
        }
        match &mut self.quote {
            Some(quote) => quote.text.push_str(part),
            None => self
                .free
                .push(part, at + if exact { offset } else { 0 }, exact),
        }
    }

    fn open_quote(&mut self, at: usize) {
        self.close_quote();
        self.quote = Some(Quote {
            text: String::new(),
            at,
        });
    }

    fn close_quote(&mut self) {
        if let Some(quote) = self.quote.take() {
            self.prose.quotes.push(quote);
        }
        self.end_run();
    }

    fn end_run(&mut self) {
        let free = std::mem::take(&mut self.free);
        let mut run = words(&free.text);
        for word in &mut run {
            let length = word.end - word.start;
            word.start = free.source_offset(word.start);
            word.end = word.start + length;
        }
        if !run.is_empty() {
            self.prose.runs.push(run);
        }
    }

    /// A block ends every quotation and run in it.
    fn end_block(&mut self) {
        self.close_quote();
    }
}

/// Where in `source` the quotation mark at byte `i` of `piece` is: the same count
/// of marks in, as smart punctuation turns each `"` into one curly mark.
fn nth_quote_mark(source: &str, piece: &str, i: usize) -> Option<usize> {
    let n = piece[..i].matches(['"', '“', '”']).count();
    source.match_indices(['"', '“', '”']).nth(n).map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;

    fn prose(text: &str) -> Prose {
        let events: Events = Parser::new_ext(text, Options::ENABLE_SMART_PUNCTUATION)
            .into_offset_iter()
            .collect();
        read_prose(&events, text)
    }

    #[test]
    fn quotations_are_found_where_they_open() {
        let text = "It said \"closer links\" and <q>more</q>.\n\n> A whole\n> quote.\n";
        let p = prose(text);
        let quotes: Vec<(&str, usize)> = p.quotes.iter().map(|q| (q.text.as_str(), q.at)).collect();
        assert_eq!(quotes[0], ("closer links", 8));
        assert_eq!(quotes[1].0, "more");
        assert_eq!(quotes[2].0, "A whole quote.");
        let free: Vec<String> = p.runs.iter().flatten().map(|w| w.text.clone()).collect();
        assert_eq!(free, ["It", "said", "and"]);
        assert_eq!(p.runs[0][1].start, 3);
    }
}
