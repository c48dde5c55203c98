//! Writing the print edition: the template's output, with a marker where each text
//! goes, streamed to the file with each marker replaced by its text, a batch at a time.

use std::borrow::Cow;
use std::io::{self, Write};

use rayon::prelude::*;

use crate::markdown::Texts;
use crate::markdown::rendered::{SLOT_CLOSE as MARK_CLOSE, SLOT_OPEN as MARK_OPEN};
use crate::model::{PageRef, Site};
use crate::render::print::place::{demotion, fill, fill_source_text};
use crate::render::tidy::Tidy;
use crate::render::urls::PRINT_FILE as FILE;

/// A marker is `MARK_OPEN`, this build's nonce, the kind of text, its index,
/// `MARK_CLOSE`. The two are the slot marks, noncharacters no text of the pack may
/// hold and no escaping changes. The nonce is random as well, so nothing a template
/// writes can pass for a marker; as markers never reach the output, it does not make
/// the output differ between builds.
pub(super) struct Markers {
    nonce: String,
}

impl Markers {
    pub(super) fn new() -> Self {
        use std::hash::BuildHasher;
        let random = std::collections::hash_map::RandomState::new().hash_one(FILE);
        Markers {
            nonce: format!("{random:016x}"),
        }
    }

    pub(super) fn of(&self, text: PageRef) -> String {
        let (kind, i) = match text {
            PageRef::Section(i) => ('s', i),
            PageRef::Term(i) => ('t', i),
            PageRef::Source(i) => ('o', i),
            PageRef::Event(i) => ('e', i),
            _ => ('i', 0),
        };
        format!("{MARK_OPEN}{}{kind}{i}{MARK_CLOSE}", self.nonce)
    }

    /// The marker of source document `i`'s own text.
    pub(super) fn of_text(&self, i: usize) -> String {
        format!("{MARK_OPEN}{}x{i}{MARK_CLOSE}", self.nonce)
    }

    /// The text a marker (between its delimiters) names, if it names one.
    fn text<'a>(&self, site: &Site, texts: &Texts, marker: &str) -> Option<Piece<'a>> {
        let marker = marker.strip_prefix(&self.nonce)?;
        let kind = marker.chars().next()?;
        let i: usize = marker.get(1..)?.parse().ok()?;
        if kind == 'x' {
            return matches!(texts.source_texts.get(i), Some(Some(_)))
                .then_some(Piece::SourceText(i));
        }
        let (text, count) = match kind {
            's' => (PageRef::Section(i), site.sections.len()),
            't' => (PageRef::Term(i), site.terms.len()),
            'o' => (PageRef::Source(i), site.sources.len()),
            'e' => (PageRef::Event(i), site.events.len()),
            'i' if texts.index.is_some() => (PageRef::Index, 1),
            _ => return None,
        };
        (i < count).then_some(Piece::Text(text))
    }

    /// `page` cut into what is written as it is and the texts to fill in.
    fn pieces<'a>(&self, site: &Site, texts: &Texts, page: &'a str) -> Vec<Piece<'a>> {
        let mut pieces = Vec::new();
        let mut rest = page;
        while let Some(open) = rest.find(MARK_OPEN) {
            let after = &rest[open + MARK_OPEN.len_utf8()..];
            let named = (after.find(MARK_CLOSE))
                .and_then(|close| Some((self.text(site, texts, &after[..close])?, close)));
            let Some((text, close)) = named else {
                let literal = open + MARK_OPEN.len_utf8();
                pieces.push(Piece::Literal(&rest[..literal]));
                rest = &rest[literal..];
                continue;
            };
            pieces.push(Piece::Literal(&rest[..open]));
            pieces.push(text);
            rest = &after[close + MARK_CLOSE.len_utf8()..];
        }
        pieces.push(Piece::Literal(rest));
        pieces
    }
}

/// A piece of the rendered template: as it is, or a text to fill in.
enum Piece<'a> {
    Literal(&'a str),
    Text(PageRef),
    /// A source document's own text, by the document's index.
    SourceText(usize),
}

/// How many pieces are filled at once: enough to keep every thread busy, few enough
/// that a large pack's texts are never held whole.
const BATCH: usize = 256;

/// Writes the print edition: `page` (the template rendered with markers) with each
/// marker replaced by its text, tidied as it goes.
pub(super) fn write(
    site: &Site,
    texts: &Texts,
    markers: &Markers,
    page: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut tidy = Tidy::new(out);
    for batch in markers.pieces(site, texts, page).chunks(BATCH) {
        let filled: Vec<Cow<str>> = batch
            .par_iter()
            .map(|piece| match *piece {
                Piece::Literal(literal) => Cow::Borrowed(literal),
                Piece::SourceText(i) => Cow::Owned(
                    (texts.source_texts.get(i).and_then(Option::as_ref))
                        .map(|t| fill_source_text(site, i, t))
                        .unwrap_or_default(),
                ),
                Piece::Text(text) => Cow::Owned(
                    (texts.of(text))
                        .map(|r| fill(site, text, r, demotion(text)))
                        .unwrap_or_default(),
                ),
            })
            .collect();
        for piece in filled {
            tidy.write_all(piece.as_bytes())?;
        }
    }
    tidy.finish().map(drop)
}
