//! Source documents' own texts, attached to their documents, and the check that every
//! citation names paragraphs the text has.

use std::collections::BTreeSet;
use std::path::Path;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::content::RawSourceText;
use crate::content::source_text::{BlockKind, TextBlock};
use crate::model::markdown::Markdown;
use crate::model::paragraphs::Paragraphs;
use crate::model::sources::Source;

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
    fn new(raw: RawSourceText) -> DocumentText {
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

    /// The Markdown of paragraph `number`, as written (its number included).
    pub(crate) fn paragraph(&self, number: u32) -> Option<&str> {
        let block = (self.blocks.iter()).find(|b| b.kind == BlockKind::Paragraph(number))?;
        self.markdown.text().get(block.range.clone())
    }
}

/// Gives each source document its text; a text with no document beside it is an
/// error.
pub(crate) fn attach_texts(
    sources: &mut [Source],
    texts: Vec<RawSourceText>,
    diags: &mut Diagnostics,
) {
    for raw in texts {
        match sources.iter_mut().find(|s| s.id == raw.id) {
            Some(source) => {
                let text = DocumentText::new(raw);
                // The text says which paragraphs the pack has, whatever was declared.
                source.paragraphs = Some(Paragraphs::from_numbers(text.numbers.iter().copied()));
                source.text = Some(text);
            }
            None => {
                let name = Path::new(&raw.file.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let message = format!(
                    "`{name}` is the text of a source document `{}`, which the pack does not have",
                    raw.id
                );
                let hint = format!(
                    "add `content/sources/{}.md` with the document's details, or rename the text after its document",
                    raw.id
                );
                diags.push(
                    Diagnostic::error(&raw.file.path, Position::FILE, message).with_hint(hint),
                );
            }
        }
    }
}

/// Source ids and, for the documents with a text, its paragraph numbers: what a
/// citation is checked against.
pub(crate) struct SourceNames {
    pub(crate) ids: Vec<String>,
    numbers: Vec<Option<BTreeSet<u32>>>,
}

impl SourceNames {
    pub(crate) fn of(sources: &[Source]) -> SourceNames {
        SourceNames {
            ids: sources.iter().map(|s| s.id.clone()).collect(),
            numbers: (sources.iter())
                .map(|s| s.text.as_ref().map(|t| t.numbers.clone()))
                .collect(),
        }
    }

    /// Reports cited paragraphs that the source's text does not have, at `error`'s
    /// place. A source without a text cannot be checked, and is not.
    pub(crate) fn check(
        &self,
        source: usize,
        cited: &Paragraphs,
        error: impl FnOnce(String) -> Diagnostic,
        diags: &mut Diagnostics,
    ) {
        let Some(Some(numbers)) = self.numbers.get(source) else {
            return;
        };
        let missing: Vec<String> = (cited.numbers())
            .filter(|n| !numbers.contains(n))
            .map(|n| n.to_string())
            .collect();
        if missing.is_empty() {
            return;
        }
        let have = Paragraphs::from_numbers(numbers.iter().copied());
        let noun = if missing.len() == 1 {
            "paragraph"
        } else {
            "paragraphs"
        };
        let message = format!(
            "the text of `{}` has no {noun} {}",
            self.ids[source],
            missing.join(", ")
        );
        diags.push(error(message).with_hint(format!("its text has {}", have.label())));
    }
}
