//! A source document's own text, as the model holds it.

use std::collections::BTreeSet;

use crate::content::RawSourceText;
use crate::content::source_text::{BlockKind, TextBlock};
use crate::model::markdown::Markdown;

/// A source document's text: the whole file, and its blocks in order.
#[derive(Debug)]
pub struct DocumentText {
    /// The whole `.text.md` file.
    pub markdown: Markdown,
    /// Preamble, headings and numbered paragraphs, in the order of the file.
    pub(crate) blocks: Vec<TextBlock>,
    /// The numbers of the numbered paragraphs.
    pub(crate) numbers: BTreeSet<u32>,
}

impl DocumentText {
    pub(crate) fn new(raw: RawSourceText) -> DocumentText {
        let numbers = (raw.blocks.iter())
            .filter_map(|b| match b.kind {
                BlockKind::Paragraph(n) => Some(n),
                _ => None,
            })
            .collect();
        DocumentText {
            markdown: Markdown::from_file(&raw.file),
            blocks: raw.blocks,
            numbers,
        }
    }

    /// Where paragraph `number` starts in the file (the start of the file if it has
    /// none).
    pub(crate) fn offset_of(&self, number: u32) -> usize {
        (self.blocks.iter())
            .find(|b| b.kind == BlockKind::Paragraph(number))
            .map_or(0, |b| b.range.start)
    }

    /// The Markdown of paragraph `number`, as written (its number included).
    pub(crate) fn paragraph(&self, number: u32) -> Option<&str> {
        let block = (self.blocks.iter()).find(|b| b.kind == BlockKind::Paragraph(number))?;
        self.markdown.text().get(block.range.clone())
    }
}
