//! Every term, abbreviation and alias belongs to one glossary entry: two entries
//! claiming the same name would make its mentions ambiguous.

use std::collections::HashMap;

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

/// The earliest claim, and the earliest whose entry differs from its entry: between
/// them they hold the earliest claim of any entry but one.
#[derive(Debug, Default, Clone, Copy)]
struct Earliest {
    first: Option<usize>,
    other: Option<usize>,
}

impl Earliest {
    fn add(&mut self, claim: usize, claims: &[Claim]) {
        match self.first {
            None => self.first = Some(claim),
            Some(f) if self.other.is_none() && claims[f].name.term != claims[claim].name.term => {
                self.other = Some(claim)
            }
            Some(_) => {}
        }
    }

    /// The earliest claim by an entry other than `entry`.
    fn not_of(&self, entry: usize, claims: &[Claim]) -> Option<usize> {
        let first = self.first?;
        match claims[first].name.term != entry {
            true => Some(first),
            false => self.other,
        }
    }
}

/// The claims to names with the same letters up to ASCII case. Some text would
/// mention two such names unless both are case-sensitive and differ in case.
#[derive(Debug, Default)]
struct Letters {
    any: Earliest,
    /// Claims that match whatever the case.
    folded: Earliest,
    /// Case-sensitive claims, by their exact text.
    exact: HashMap<String, Earliest>,
}

impl Letters {
    /// The earliest claim of another entry that `name` overlaps.
    fn overlapped(&self, name: &Name, claims: &[Claim]) -> Option<usize> {
        if !name.case_sensitive {
            return self.any.not_of(name.term, claims);
        }
        let exact = self.exact.get(&name.text);
        let folded = self.folded.not_of(name.term, claims);
        folded
            .into_iter()
            .chain(exact.and_then(|e| e.not_of(name.term, claims)))
            .min()
    }

    fn add(&mut self, claim: usize, claims: &[Claim]) {
        self.any.add(claim, claims);
        let name = &claims[claim].name;
        match name.case_sensitive {
            true => self
                .exact
                .entry(name.text.clone())
                .or_default()
                .add(claim, claims),
            false => self.folded.add(claim, claims),
        }
    }
}

/// Reports names claimed by two entries (naming both files, the earlier claim
/// first) and empty names. Claims are looked up by their letters, so the check costs
/// about the same for each name however many there are.
pub(super) fn check_claims(docs: &[Document<TermMeta>], diags: &mut Diagnostics) {
    let mut claims: Vec<Claim> = Vec::new();
    let mut by_letters: HashMap<String, Letters> = HashMap::new();
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
            let letters = by_letters.entry(text.to_ascii_lowercase()).or_default();
            if let Some(earlier) = letters.overlapped(&name, &claims) {
                diags.push(duplicate(doc, span, &name, &claims[earlier]));
            }
            claims.push(Claim { doc, name, span });
            letters.add(claims.len() - 1, &claims);
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
