//! Glossary entries, A–Z, with their see-also links and citations resolved.

use std::collections::{BTreeMap, BTreeSet};

use crate::base::diagnostics::{Diagnostics, Position};
use crate::content::{Document, TermMeta};
use crate::model::markdown::Markdown;
use crate::model::names::resolve;
use crate::model::paragraphs::Paragraphs;
use crate::model::sources::SourceNames;

/// A glossary entry.
#[derive(Debug)]
pub struct Term {
    /// The entry's slug, from its file name.
    pub slug: String,
    /// The full term.
    pub term: String,
    /// Its abbreviation, if it has one.
    pub abbr: Option<String>,
    /// Other names it is mentioned by.
    pub aliases: Vec<String>,
    /// Related entries, as indices into the site's terms.
    pub see_also: Vec<usize>,
    /// Whether the term and aliases match only in their own case.
    pub case_sensitive: bool,
    /// The paragraphs the definition cites.
    pub cites: Vec<Citation>,
    /// The definition.
    pub body: Markdown,
    /// Where the `term` value is written, for messages about the whole entry.
    pub at: Position,
}

#[derive(Debug, Clone)]
pub struct Citation {
    pub source: usize,
    pub paragraphs: Paragraphs,
}

/// The glossary, A–Z. `failed` holds the slugs of entries that failed to parse: a
/// `see_also` naming one is not reported again.
pub(crate) fn build_terms(
    docs: Vec<Document<TermMeta>>,
    names: &SourceNames,
    failed: &[String],
    diags: &mut Diagnostics,
) -> Vec<Term> {
    let slugs = Slugs {
        known: docs.iter().map(|d| d.slug.clone()).collect(),
        reserved: failed.iter().cloned().collect(),
    };
    let mut terms: Vec<Term> = docs
        .into_iter()
        .filter_map(|doc| build_term(doc, &slugs, names, diags))
        .collect();
    // See-also indices were resolved against file order; re-resolve after sorting A–Z.
    let by_slug: Vec<String> = terms.iter().map(|t| t.slug.clone()).collect();
    terms.sort_by(|a, b| (a.term.to_lowercase(), &a.slug).cmp(&(b.term.to_lowercase(), &b.slug)));
    let position: BTreeMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    let remap: Vec<Option<usize>> = by_slug
        .iter()
        .map(|s| position.get(s.as_str()).copied())
        .collect();
    for term in &mut terms {
        term.see_also = term
            .see_also
            .iter()
            .filter_map(|&i| remap.get(i).copied().flatten())
            .collect();
    }
    terms
}

/// The slugs a `see_also` may name: the entries in file order, and those that failed.
struct Slugs {
    known: Vec<String>,
    reserved: BTreeSet<String>,
}

fn build_term(
    doc: Document<TermMeta>,
    slugs: &Slugs,
    names: &SourceNames,
    diags: &mut Diagnostics,
) -> Option<Term> {
    let meta = &doc.meta;
    if meta.term.get_ref().trim().is_empty() {
        diags.push(
            doc.meta_error(&meta.term, "the term is empty")
                .with_hint("write the term's full name"),
        );
        return None;
    }
    if doc.body().trim().is_empty() {
        diags.push(
            doc.file
                .error(doc.body_offset, "glossary entry has no definition")
                .with_hint("write the definition below the closing `+++` line; its first sentence is the short definition"),
        );
    }
    let see_also = see_also(&doc, slugs, diags);
    let cites = cites(&doc, names, diags);
    let body = Markdown::from_body(&doc);
    let at = doc.file.position(doc.meta_offset + meta.term.span().start);
    let meta = doc.meta;
    Some(Term {
        slug: doc.slug,
        term: meta.term.into_inner().trim().to_string(),
        abbr: meta
            .abbr
            .map(|a| a.into_inner().trim().to_string())
            .filter(|a| !a.is_empty()),
        aliases: meta
            .aliases
            .into_iter()
            .map(|a| a.into_inner().trim().to_string())
            .collect(),
        see_also,
        case_sensitive: meta.case_sensitive,
        cites,
        body,
        at,
    })
}

/// The entries a term's `see_also` names, as indices into `slugs` (file order).
fn see_also(doc: &Document<TermMeta>, slugs: &Slugs, diags: &mut Diagnostics) -> Vec<usize> {
    let mut found = Vec::new();
    for slug in &doc.meta.see_also {
        if slug.get_ref() == &doc.slug {
            diags.push(doc.meta_error(slug, "an entry cannot list itself in see_also"));
            continue;
        }
        let error = |m| doc.meta_error(slug, m);
        found.extend(resolve(
            slug.get_ref(),
            &slugs.known,
            &slugs.reserved,
            "glossary entry",
            error,
            diags,
        ));
    }
    found
}

/// The paragraphs a term's `[[cite]]` tables name.
fn cites(doc: &Document<TermMeta>, names: &SourceNames, diags: &mut Diagnostics) -> Vec<Citation> {
    let mut cites = Vec::new();
    for cite in &doc.meta.cite {
        let c = cite.get_ref();
        let error = |m| doc.meta_error(cite, m);
        let reserved = &names.reserved;
        let source = resolve(
            &c.source,
            &names.ids,
            reserved,
            "source document",
            error,
            diags,
        );
        let paragraphs = Paragraphs::parse(&c.paragraphs)
            .map_err(|e| diags.push(e.at(|m| doc.meta_error(cite, m))))
            .ok();
        if let (Some(source), Some(paragraphs)) = (source, paragraphs) {
            names.check(source, &paragraphs, |m| doc.meta_error(cite, m), diags);
            cites.push(Citation { source, paragraphs });
        }
    }
    cites
}
