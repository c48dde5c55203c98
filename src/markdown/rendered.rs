//! Rendered Markdown: HTML with *slots* where a value depends on the page the text is
//! placed on, and what the passes found in it (headings, anchors to check, glossary
//! mentions, problems).

use std::ops::Range;

use memchr::memmem;
use pulldown_cmark_escape::escape_html;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::content::source_text::BlockKind;
use crate::model::PageRef;

/// Marks a slot in rendered HTML: `SLOT_OPEN index SLOT_CLOSE`. Noncharacters, which
/// Unicode keeps for a program's own use: no text of the pack may hold one
/// (`base::chars`), however it is written, so a mark can only come from here. (A
/// private-use character would not do: authors use them, for icon fonts.)
pub(crate) const SLOT_OPEN: char = '\u{FDD0}';

pub(crate) const SLOT_CLOSE: char = '\u{FDD1}';

/// A placement-dependent part of rendered HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A link to another page (or a place in it).
    Link {
        page: PageRef,
        fragment: Option<String>,
    },
    /// A link to an anchor on the same page.
    Fragment(String),
    /// An `id` attribute value defined on this page.
    Id(String),
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link whose `#fragment` must exist on the target page; checked once every page
/// has been rendered.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub target: PageRef,
    pub fragment: String,
    pub origin: Diagnostic,
}

/// The first mention of a glossary term on a page, and the id it can be reached by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub term: usize,
    pub id: String,
}

/// Rendered Markdown, waiting for its slots to be filled.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub(crate) html: String,
    slots: Vec<Slot>,
    /// The text's headings, in order, with their ids.
    pub headings: Vec<Heading>,
    /// Links whose `#fragment` must exist on their target.
    pub anchor_checks: Vec<AnchorCheck>,
    /// The first mention of each linked glossary entry.
    pub mentions: Vec<Mention>,
    /// Problems found while rendering.
    pub diagnostics: Diagnostics,
}

impl Rendered {
    /// The HTML with each slot replaced by the text `fill` writes for it (escaped
    /// here). `fill` writes into one buffer, reused, rather than making a string per
    /// slot: a long text has hundreds of slots.
    pub fn html(&self, fill: impl FnMut(&Slot, &mut String)) -> String {
        self.html_of(0..self.html.len(), fill)
    }

    /// [`Rendered::html`] for one stretch of the HTML (a block of a source text).
    pub(crate) fn html_of(
        &self,
        range: Range<usize>,
        mut fill: impl FnMut(&Slot, &mut String),
    ) -> String {
        let mut out = String::with_capacity(range.len() + 64);
        let mut filled = String::new();
        let mut rest = self.html.get(range).unwrap_or("");
        let mut mark = [0; 4];
        let finder = memmem::Finder::new(SLOT_OPEN.encode_utf8(&mut mark).as_bytes());
        while let Some(open) = finder.find(rest.as_bytes()) {
            out.push_str(&rest[..open]);
            let after = &rest[open + SLOT_OPEN.len_utf8()..];
            let close = after.find(SLOT_CLOSE).unwrap_or(after.len());
            let index: usize = after[..close].parse().unwrap_or(usize::MAX);
            if let Some(slot) = self.slots.get(index) {
                filled.clear();
                fill(slot, &mut filled);
                escape_html(&mut out, &filled).ok();
            }
            rest = after.get(close + SLOT_CLOSE.len_utf8()..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }

    /// Every id this HTML defines (headings, footnotes, mentions), for anchor checks.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Id(id) => Some(id.as_str()),
            _ => None,
        })
    }

    pub(crate) fn slot(&mut self, slot: Slot) -> String {
        self.slots.push(slot);
        format!("{SLOT_OPEN}{}{SLOT_CLOSE}", self.slots.len() - 1)
    }
}

/// Lets the glossary pass add slots and mentions without seeing the rest of `Rendered`.
pub struct MentionSink<'r> {
    rendered: &'r mut Rendered,
}

impl MentionSink<'_> {
    pub fn id_slot(&mut self, id: String) -> String {
        self.rendered.slot(Slot::Id(id))
    }

    pub fn link_slot(&mut self, page: PageRef, fragment: Option<String>) -> String {
        self.rendered.slot(Slot::Link { page, fragment })
    }

    pub fn mention(&mut self, term: usize, id: String) {
        self.rendered.mentions.push(Mention { term, id });
    }

    pub fn warn(&mut self, diagnostic: Diagnostic) {
        self.rendered.diagnostics.push(diagnostic);
    }
}

impl Rendered {
    /// A sink for the glossary pass (also used by its benchmark).
    pub fn mention_sink(&mut self) -> MentionSink<'_> {
        MentionSink { rendered: self }
    }
}

/// A source document's text, rendered once as a whole, then shown block by block:
/// each numbered paragraph with its number and what cites it around it.
#[derive(Debug, Clone, Default)]
pub(crate) struct RenderedText {
    /// The whole text's HTML; blocks are stretches of it.
    pub(crate) rendered: Rendered,
    pub(crate) blocks: Vec<RenderedBlock>,
}

/// One block of a rendered source text.
#[derive(Debug, Clone)]
pub(crate) struct RenderedBlock {
    pub(crate) kind: BlockKind,
    /// Its stretch of the text's HTML.
    pub(crate) html: Range<usize>,
}

impl RenderedText {
    /// The HTML of paragraph `number`, if the text has it.
    pub(crate) fn paragraph(&self, number: u32) -> Option<&RenderedBlock> {
        (self.blocks.iter()).find(|b| b.kind == BlockKind::Paragraph(number))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_marks_are_characters_no_text_may_hold() {
        assert!(crate::base::chars::is_unfit(SLOT_OPEN));
        assert!(crate::base::chars::is_unfit(SLOT_CLOSE));
    }
}
