//! Reads a text for what the source checks need: its quotations (double quotation
//! marks, straight or curly, `<q>` elements and blockquotes), where each starts, and
//! the runs of words outside them. It runs on the events as parsed, before any pass
//! turns text into markup.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::input::Events;
use crate::markdown::words::scan_hashed;

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
    /// Stretches of words outside quotations, each within one block and at least as
    /// long as a copied run, with offsets in the text.
    pub(crate) runs: Vec<Vec<RunWord>>,
    /// Links to places in other texts, as written: the checks look for links to
    /// source paragraphs among them.
    pub(crate) links: Vec<String>,
}

/// A word outside quotations: its hash (see `word_hash`) and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RunWord {
    pub(crate) hash: u64,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Reads `events` of the Markdown `text`, keeping runs of free words of at least
/// `min_run` words.
pub(crate) fn read_prose(events: &Events, text: &str, min_run: usize) -> Prose {
    let mut reader = Reader {
        text,
        min_run,
        prose: Prose::default(),
        quote: None,
        run: Vec::new(),
        blockquote: 0,
        code: 0,
    };
    for (event, range) in events {
        reader.see(event, range);
    }
    reader.end_block();
    reader.prose
}

struct Reader<'t> {
    text: &'t str,
    min_run: usize,
    prose: Prose,
    /// The quotation open in the current block, if any.
    quote: Option<Quote>,
    /// The words outside quotations in the current block so far.
    run: Vec<RunWord>,
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
        // Where each byte of the piece is in the Markdown, when they differ and an
        // offset will be needed: for a quotation mark, or for the words of a run.
        let needed = self.min_run > 0 || quote_marks(piece).next().is_some();
        let map = (needed && source != piece).then(|| offset_map(source, piece));
        let place = Place {
            at: range.start,
            map: map.as_deref(),
        };
        let mut start = 0;
        for (i, c) in quote_marks(piece) {
            self.add(&piece[start..i], &place, start);
            match (c, &self.quote) {
                ('”', Some(_)) | ('"', Some(_)) => self.close_quote(),
                ('”', None) => {}
                _ => self.open_quote(place.of(i)),
            }
            start = i + c.len_utf8();
        }
        self.add(&piece[start..], &place, start);
    }

    /// Adds text (at byte `offset` of its piece) to the open quotation, or to the
    /// free text.
    fn add(&mut self, part: &str, place: &Place, offset: usize) {
        if part.is_empty() {
            return;
        }
        match &mut self.quote {
            Some(quote) => quote.text.push_str(part),
            // With no copying check there are no runs to read.
            None if self.min_run == 0 => {}
            None => {
                let run = &mut self.run;
                // About one word in every six bytes of English.
                run.reserve(part.len() / 6);
                scan_hashed(part, |start, end, hash| {
                    run.push(RunWord {
                        hash,
                        start: place.of(offset + start),
                        end: place.of(offset + end),
                    });
                });
            }
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
        let run = std::mem::take(&mut self.run);
        // Too short to hold a copied run: not worth keeping.
        if self.min_run > 0 && run.len() >= self.min_run {
            self.prose.runs.push(run);
        }
    }

    /// A block ends every quotation and run in it.
    fn end_block(&mut self) {
        self.close_quote();
    }
}

/// The double quotation marks of `piece`, straight or curly, with their offsets:
/// found by their first byte (`"`, or 0xE2 that starts `“` and `”`), skipping the
/// text between at memchr's speed.
fn quote_marks(piece: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    memchr::memchr2_iter(b'"', 0xE2, piece.as_bytes()).filter_map(move |i| {
        let c = piece.get(i..)?.chars().next()?;
        matches!(c, '"' | '“' | '”').then_some((i, c))
    })
}

/// Where a piece of text is in the Markdown.
struct Place<'m> {
    at: usize,
    /// For each byte of the piece, its offset from `at`; `None` when the piece is
    /// the Markdown as written.
    map: Option<&'m [usize]>,
}

impl Place<'_> {
    /// The offset in the Markdown of byte `i` of the piece.
    fn of(&self, i: usize) -> usize {
        match self.map {
            Some(map) => self.at + map.get(i).or(map.last()).copied().unwrap_or(0),
            None => self.at + i,
        }
    }
}

/// For each byte offset of `piece`, the offset in `source`, the Markdown it was
/// parsed from. Smart punctuation writes a curly mark for a straight one, a dash for
/// `--` or `---`, an ellipsis for `...`; anything else is taken as written.
fn offset_map(source: &str, piece: &str) -> Vec<usize> {
    let src = source.as_bytes();
    let mut map = vec![0; piece.len() + 1];
    let mut s = 0;
    for (i, c) in piece.char_indices() {
        map[i..i + c.len_utf8()].fill(s.min(src.len()));
        let written = match c {
            '“' | '”' | '‘' | '’' if matches!(src.get(s), Some(b'"' | b'\'')) => 1,
            '–' if src.get(s..s + 2) == Some(b"--") => 2,
            '—' if src.get(s..s + 3) == Some(b"---") => 3,
            '…' if src.get(s..s + 3) == Some(b"...") => 3,
            c => c.len_utf8(),
        };
        s += written;
    }
    map[piece.len()] = s.min(src.len());
    map
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser, TextMergeWithOffset};

    use super::*;

    fn prose(text: &str) -> Prose {
        let parser = Parser::new_ext(text, Options::ENABLE_SMART_PUNCTUATION);
        let events: Events = TextMergeWithOffset::new(parser.into_offset_iter()).collect();
        read_prose(&events, text, 1)
    }

    #[test]
    fn quotations_are_found_where_they_open() {
        let text = "It said \"closer links\" and <q>more</q>.\n\n> A whole\n> quote.\n\nThe Agency's own -- words \"here\" now.\n";
        let p = prose(text);
        let quotes: Vec<(&str, usize)> = p.quotes.iter().map(|q| (q.text.as_str(), q.at)).collect();
        assert_eq!(quotes[0], ("closer links", 8));
        assert_eq!(quotes[1].0, "more");
        assert_eq!(quotes[2].0, "A whole quote.");
        let free: Vec<&str> = p
            .runs
            .iter()
            .flatten()
            .map(|w| &text[w.start..w.end])
            .collect();
        assert_eq!(
            free,
            [
                "It", "said", "and", "The", "Agency's", "own", "words", "now"
            ]
        );
        assert_eq!(p.runs[0][1].start, 3);
    }
}
