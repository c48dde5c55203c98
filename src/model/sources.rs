//! Source documents: their details, the order they are listed in (that of their first
//! section), and which of their declared paragraphs the sections cover.

use std::collections::BTreeMap;

use toml::Spanned;

use crate::base::diagnostics::Diagnostics;
use crate::base::url;
use crate::content::{Document, SourceMeta};
use crate::model::markdown::Markdown;
use crate::model::paragraphs::{Paragraphs, parse_paragraphs_at};
use crate::model::sections::Section;
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
    pub description: Markdown,
    /// The licence the document is published under.
    pub licence: Option<String>,
    /// Where the licence is published.
    pub licence_url: Option<String>,
    /// The attribution its licence asks for.
    pub attribution: Option<String>,
    /// The document's own text, when the pack has it.
    pub text: Option<DocumentText>,
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
            if let Some(url) = &doc.meta.url
                && url::runs_code(url.get_ref())
            {
                let message = url::message(url.get_ref());
                diags.push(doc.meta_error(url, message).with_hint(url::HINT));
            }
            if let Some(url) = &doc.meta.licence_url
                && url::runs_code(url.get_ref())
            {
                let message = url::message(url.get_ref());
                diags.push(doc.meta_error(url, message).with_hint(url::HINT));
            }
            let description = Markdown::from_body(&doc);
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
                description,
                licence: meta.licence,
                licence_url: meta.licence_url.map(Spanned::into_inner),
                attribution: meta.attribution,
                text: None,
                sections: Vec::new(),
            }
        })
        .collect()
}

/// Source indices ordered by their first section (sections are already in order),
/// then by id for documents no section cites.
pub(crate) fn order_sources(sources: &[Source], sections: &[Section]) -> Vec<usize> {
    let mut first_use: Vec<(usize, &str, usize)> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let first = sections
                .iter()
                .position(|sec| sec.source == i)
                .unwrap_or(usize::MAX);
            (first, s.id.as_str(), i)
        })
        .collect();
    first_use.sort();
    first_use.into_iter().map(|(_, _, i)| i).collect()
}

pub(crate) fn reorder<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

pub(crate) fn invert(order: &[usize]) -> Vec<usize> {
    let mut inverse = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        inverse[old] = new;
    }
    inverse
}

/// Warns about declared paragraphs that no section summarises, or that two do.
pub(crate) fn check_coverage(sources: &[Source], sections: &[Section], diags: &mut Diagnostics) {
    for source in sources {
        let mut covered: BTreeMap<u32, &str> = BTreeMap::new();
        for &i in &source.sections {
            let section = &sections[i];
            for n in section.paragraphs.numbers() {
                if let Some(other) = covered.insert(n, &section.slug) {
                    diags.push(section.body.warning(
                        0,
                        format!(
                            "paragraph {n} of `{}` is also summarised by section `{other}`",
                            source.id
                        ),
                    ));
                }
                // With a text, a citation beyond it is an error at the citation.
                let declared = source.paragraphs.as_ref().filter(|_| source.text.is_none());
                if declared.is_some_and(|d| !d.numbers().any(|m| m == n)) {
                    diags.push(section.body.warning(
                        0,
                        format!(
                            "paragraph {n} is outside the paragraphs `{}` declares ({})",
                            source.id,
                            declared.map(|d| d.to_string()).unwrap_or_default()
                        ),
                    ));
                }
            }
        }
        let Some(declared) = &source.paragraphs else {
            continue;
        };
        let missing: Vec<String> = declared
            .numbers()
            .filter(|n| !covered.contains_key(n))
            .map(|n| n.to_string())
            .collect();
        if !missing.is_empty() {
            diags.push(
                source
                    .description
                    .warning(
                        0,
                        format!(
                            "paragraphs {} of `{}` are not summarised by any section",
                            missing.join(", "),
                            source.id
                        ),
                    )
                    .with_hint("add a section whose `paragraphs` covers them"),
            );
        }
    }
}
