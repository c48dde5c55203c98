//! Sections: the summaries, each citing paragraphs of one source document.

use crate::base::diagnostics::Diagnostics;
use crate::content::{Document, SectionMeta};
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
    pub order: i64,
    /// One line of Markdown, from the front matter.
    pub summary: Markdown,
    pub tags: Vec<String>,
    pub body: Markdown,
    /// Timeline events that cite this section, in timeline order.
    pub events: Vec<usize>,
}

pub(crate) fn build_sections(
    docs: Vec<Document<SectionMeta>>,
    names: &SourceNames,
    diags: &mut Diagnostics,
) -> Vec<Section> {
    let mut sections = Vec::with_capacity(docs.len());
    for doc in docs {
        let source = resolve(
            doc.meta.source.get_ref(),
            &names.ids,
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
        let (Some(source), Some(paragraphs)) = (source, paragraphs) else {
            continue;
        };
        let error = |m| doc.meta_error(&doc.meta.paragraphs, m);
        names.check(source, &paragraphs, error, diags);
        let body = Markdown::from_body(&doc);
        let summary_at = doc.meta_offset + doc.meta.summary.span().start;
        let meta = doc.meta;
        sections.push(Section {
            slug: doc.slug,
            title: meta.title,
            source,
            paragraphs,
            order: meta.order,
            summary: Markdown::from_value(&doc.file, meta.summary.into_inner(), summary_at),
            tags: meta.tags,
            body,
            events: Vec::new(),
        });
    }
    sections
}
