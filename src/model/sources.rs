//! Source documents: their details, their texts, and the check that every citation
//! names paragraphs the text has.

use std::collections::BTreeSet;
use std::path::Path;

use toml::Spanned;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::base::url::{self, Use};
use crate::content::{Document, Failed, RawSourceText, SourceMeta};
use crate::model::markdown::Markdown;
use crate::model::paragraphs::{Paragraphs, parse_paragraphs_at};
use crate::model::ranges;
use crate::model::source_text::DocumentText;

#[derive(Debug)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub reference: Option<String>,
    pub url: Option<String>,
    pub paragraphs: Option<Paragraphs>,
    /// Where `paragraphs` is written, for problems with it.
    pub(crate) paragraphs_at: Position,
    pub description: Markdown,
    /// The licence the document is published under.
    pub licence: Option<String>,
    /// Where the licence is published.
    pub licence_url: Option<String>,
    /// The attribution its licence asks for.
    pub attribution: Option<String>,
    /// The document's own text, when the pack has it.
    pub text: Option<DocumentText>,
    /// Whether it has a text that could not be read (its problems are reported):
    /// links to its paragraphs are not checked then.
    pub(crate) text_failed: bool,
    /// Sections that summarise this document, in pack order.
    pub sections: Vec<usize>,
}

pub(crate) fn build_sources(
    docs: Vec<Document<SourceMeta>>,
    diags: &mut Diagnostics,
) -> Vec<Source> {
    docs.into_iter()
        .map(|doc| {
            let paragraphs = doc
                .meta
                .paragraphs
                .as_ref()
                .and_then(|p| parse_paragraphs_at(&doc, p, diags));
            for url in [&doc.meta.url, &doc.meta.licence_url].into_iter().flatten() {
                if let Some(why) = url::refusal(url.get_ref(), Use::Page) {
                    let what = format!("the link `{}`", url::shown(url.get_ref()));
                    let message = url::refusal_message(&what, why);
                    diags.push(
                        doc.meta_error(url, message)
                            .with_hint(url::refusal_hint(why)),
                    );
                }
            }
            let description = Markdown::from_body(&doc);
            let paragraphs_at = (doc.meta.paragraphs.as_ref()).map_or(Position::FILE, |p| {
                doc.file.position(doc.meta_offset + p.span().start)
            });
            let meta = doc.meta;
            Source {
                id: doc.slug,
                title: meta.title,
                kind: meta.kind,
                publisher: meta.publisher,
                date: meta.date,
                reference: meta.reference,
                url: meta.url.map(Spanned::into_inner),
                paragraphs,
                paragraphs_at,
                description,
                licence: meta.licence,
                licence_url: meta.licence_url.map(Spanned::into_inner),
                attribution: meta.attribution,
                text: None,
                text_failed: false,
                sections: Vec::new(),
            }
        })
        .collect()
}

/// Gives each source document its text; a text with no document beside it is an
/// error, unless its document failed to parse. `failed` holds the texts that could
/// not be read at all.
pub(crate) fn attach_texts(
    sources: &mut [Source],
    texts: Vec<RawSourceText>,
    failed: &Failed,
    diags: &mut Diagnostics,
) {
    for source in sources.iter_mut() {
        source.text_failed = failed.texts.contains(&source.id);
    }
    for raw in texts {
        match sources.iter_mut().find(|s| s.id == raw.id) {
            // Its numbering problems are reported; citations are not checked against it.
            Some(source) if raw.broken => source.text_failed = true,
            None if failed.sources.contains(&raw.id) => {}
            Some(source) => {
                let text = DocumentText::new(raw);
                // The text says which paragraphs the pack has.
                let has = Paragraphs::from_numbers(text.numbers.iter().copied());
                if let Some(declared) = source.paragraphs.as_ref().filter(|d| **d != has) {
                    let message = format!(
                        "`paragraphs` says {declared}, but the text of `{}` has {}",
                        source.id,
                        has.label()
                    );
                    let hint = "remove `paragraphs`: the text says which paragraphs there are";
                    let file = &source.description.file.path;
                    diags.push(
                        Diagnostic::warning(file, source.paragraphs_at, message).with_hint(hint),
                    );
                }
                source.paragraphs = Some(has);
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
    /// The ids of source documents that failed to parse: citations of them are not
    /// checked, nor reported.
    pub(crate) reserved: BTreeSet<String>,
    /// The paragraphs each text has, as the fewest ranges.
    has: Vec<Option<Paragraphs>>,
}

impl SourceNames {
    pub(crate) fn of(sources: &[Source], failed: &Failed) -> SourceNames {
        SourceNames {
            ids: sources.iter().map(|s| s.id.clone()).collect(),
            reserved: failed.sources.iter().cloned().collect(),
            has: (sources.iter())
                .map(|s| {
                    (s.text.as_ref()).map(|t| Paragraphs::from_numbers(t.numbers.iter().copied()))
                })
                .collect(),
        }
    }

    /// Reports cited paragraphs that the source's text does not have, as ranges in
    /// one problem, at `error`'s place. A source without a text cannot be checked,
    /// and is not.
    pub(crate) fn check(
        &self,
        source: usize,
        cited: &Paragraphs,
        error: impl FnOnce(String) -> Diagnostic,
        diags: &mut Diagnostics,
    ) {
        let Some(Some(has)) = self.has.get(source) else {
            return;
        };
        let missing = Paragraphs {
            ranges: ranges::minus(&cited.normalised(), &has.ranges),
        };
        if missing.ranges.is_empty() {
            return;
        }
        let message = format!(
            "the text of `{}` has no {}",
            self.ids[source],
            missing.label()
        );
        diags.push(error(message).with_hint(format!("its text has {}", has.label())));
    }
}
