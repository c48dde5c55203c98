//! Every term, abbreviation and alias belongs to one glossary entry: two entries
//! claiming the same name would make its mentions ambiguous.

use toml::Spanned;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::paths::slash_path;
use crate::content::{Document, TermMeta};
use crate::model::names::{Name, NameKind};

struct Claim<'d> {
    doc: &'d Document<TermMeta>,
    name: Name,
    span: &'d Spanned<String>,
}

/// Reports names claimed by two entries (naming both files) and empty names.
pub(super) fn check_claims(docs: &[Document<TermMeta>], diags: &mut Diagnostics) {
    let mut claims: Vec<Claim> = Vec::new();
    for (entry, doc) in docs.iter().enumerate() {
        for (kind, span) in names_of(&doc.meta) {
            let text = span.get_ref().trim();
            if text.is_empty() {
                // An empty term is reported where the entry is built.
                if kind != NameKind::Term {
                    diags.push(
                        doc.meta_error(span, format!("the {} is empty", kind.label()))
                            .with_hint("remove it or write the name"),
                    );
                }
                continue;
            }
            let case_sensitive = kind == NameKind::Abbr || doc.meta.case_sensitive;
            let name = Name {
                term: entry,
                kind,
                text: text.to_string(),
                case_sensitive,
            };
            let earlier = claims
                .iter()
                .find(|c| c.name.term != entry && c.name.overlaps(&name));
            if let Some(earlier) = earlier {
                diags.push(duplicate(doc, span, &name, earlier));
            }
            claims.push(Claim { doc, name, span });
        }
    }
}

fn names_of(meta: &TermMeta) -> impl Iterator<Item = (NameKind, &Spanned<String>)> {
    std::iter::once((NameKind::Term, &meta.term))
        .chain(meta.abbr.iter().map(|a| (NameKind::Abbr, a)))
        .chain(meta.aliases.iter().map(|a| (NameKind::Alias, a)))
}

fn duplicate(
    doc: &Document<TermMeta>,
    span: &Spanned<String>,
    name: &Name,
    earlier: &Claim,
) -> Diagnostic {
    let pos = earlier
        .doc
        .file
        .position(earlier.doc.meta_offset + earlier.span.span().start);
    doc.meta_error(
        span,
        format!(
            "`{}` is claimed by two glossary entries: this {} and the {} `{}` of {}:{}:{}",
            name.text,
            name.kind.label(),
            earlier.name.kind.label(),
            earlier.name.text,
            slash_path(&earlier.doc.file.path),
            pos.line,
            pos.column
        ),
    )
    .with_hint(
        "a name can lead to only one entry; remove it from one of them, or merge the entries",
    )
}
