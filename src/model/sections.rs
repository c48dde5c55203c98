//! Sections: the summaries, each citing paragraphs of one source document.

use crate::base::diagnostics::{Diagnostics, Position};
use crate::content::{Document, FailedSection, SectionMeta};
use crate::model::markdown::Markdown;
use crate::model::names::resolve;
use crate::model::paragraphs::{Paragraphs, parse_paragraphs_at};
use crate::model::sources::SourceNames;

#[derive(Debug)]
pub struct Section {
    pub slug: String,
    pub title: String,
    pub source: usize,
    pub paragraphs: Paragraphs,
    /// Where `paragraphs` is written, for problems with what it covers.
    pub(crate) paragraphs_at: Position,
    pub order: i64,
    /// One line of Markdown, from the front matter.
    pub summary: Markdown,
    pub tags: Vec<String>,
    pub body: Markdown,
    /// Timeline events that cite this section, in timeline order.
    pub events: Vec<usize>,
}

/// A section the site leaves out, for a problem already reported: a file that failed
/// to parse, or a citation that names an unknown source or unreadable paragraphs.
/// What it cites, as far as that is known, still counts for the checks of which
/// paragraphs are summarised.
#[derive(Debug)]
pub(crate) struct LeftOut {
    pub(crate) slug: String,
    /// The source id as written.
    pub(crate) source: Option<String>,
    pub(crate) paragraphs: Option<Paragraphs>,
    /// Its text, when it was read: checked for its own problems, never published.
    pub(crate) body: Option<Markdown>,
}

impl LeftOut {
    pub(crate) fn of_failed(failed: &FailedSection) -> LeftOut {
        LeftOut {
            slug: failed.slug.clone(),
            source: failed.source.clone(),
            paragraphs: (failed.paragraphs.as_deref()).and_then(|p| Paragraphs::parse(p).ok()),
            body: None,
        }
    }
}

/// The sections whose citations resolve, and those left out.
pub(crate) fn build_sections(
    docs: Vec<Document<SectionMeta>>,
    names: &SourceNames,
    diags: &mut Diagnostics,
) -> (Vec<Section>, Vec<LeftOut>) {
    let mut sections = Vec::with_capacity(docs.len());
    let mut left_out = Vec::new();
    for doc in docs {
        let source = resolve(
            doc.meta.source.get_ref(),
            &names.ids,
            &names.reserved,
            "source document",
            |m| doc.meta_error(&doc.meta.source, m),
            diags,
        );
        let paragraphs = parse_paragraphs_at(&doc, &doc.meta.paragraphs, diags);
        if doc.body().trim().is_empty() {
            diags.push(
                doc.file
                    .error(
                        doc.body_offset,
                        "section has no text after its front matter",
                    )
                    .with_hint("write the summary below the closing `+++` line"),
            );
        }
        let body = Markdown::from_body(&doc);
        let (Some(source), Some(paragraphs)) = (source, paragraphs.clone()) else {
            left_out.push(LeftOut {
                slug: doc.slug,
                source: Some(doc.meta.source.into_inner()),
                paragraphs,
                body: Some(body),
            });
            continue;
        };
        let error = |m| doc.meta_error(&doc.meta.paragraphs, m);
        names.check(source, &paragraphs, error, diags);
        let paragraphs_at = (doc.file).position(doc.meta_offset + doc.meta.paragraphs.span().start);
        let summary_at = doc.meta_offset + doc.meta.summary.span().start;
        let meta = doc.meta;
        sections.push(Section {
            slug: doc.slug,
            title: meta.title,
            source,
            paragraphs,
            paragraphs_at,
            order: meta.order,
            summary: Markdown::from_value(&doc.file, meta.summary.into_inner(), summary_at),
            tags: meta.tags,
            body,
            events: Vec::new(),
        });
    }
    (sections, left_out)
}
