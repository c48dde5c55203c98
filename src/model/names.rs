//! Names in the pack: the slug each file claims, the ids references resolve against,
//! and the names (term, abbreviation, aliases) a glossary entry is mentioned by.

use std::collections::{BTreeMap, BTreeSet};

use crate::base::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::base::paths::slash_path;
use crate::base::text::SourceText;
use crate::content::Document;

/// A pack file's path relative to `content/`, `/`-separated.
pub(crate) fn content_rel(file: &SourceText) -> String {
    let rel = slash_path(&file.path);
    rel.strip_prefix("content/").unwrap_or(&rel).to_string()
}

/// Drops documents whose slug another file already took, reporting both files. The
/// dropped file joins `unreadable`, so links to it are not reported a second time.
pub(crate) fn unique_slugs<M>(
    docs: Vec<Document<M>>,
    what: &str,
    unreadable: &mut Vec<String>,
    diags: &mut Diagnostics,
) -> Vec<Document<M>> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut kept = Vec::with_capacity(docs.len());
    for doc in docs {
        let path = slash_path(&doc.file.path);
        if let Some(first) = seen.get(&doc.slug) {
            diags.push(
                doc.file
                    .error(0, format!("{what} `{}` is defined twice: here and in {first}", doc.slug))
                    .with_hint("file names that differ only in case or punctuation give the same page; rename one"),
            );
            unreadable.push(path.strip_prefix("content/").unwrap_or(&path).to_string());
            continue;
        }
        seen.insert(doc.slug.clone(), path);
        kept.push(doc);
    }
    kept
}

/// Finds `id` among `known`, or reports it with the closest match as a hint. An id
/// in `reserved` names a file that exists but was left out for a problem already
/// reported: it is not found, and not reported again.
pub(crate) fn resolve(
    id: &str,
    known: &[String],
    reserved: &BTreeSet<String>,
    what: &str,
    error: impl FnOnce(String) -> Diagnostic,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some(i) = known.iter().position(|k| k == id) {
        return Some(i);
    }
    if reserved.contains(id) {
        return None;
    }
    let all: Vec<&str> = (known.iter().chain(reserved)).map(String::as_str).collect();
    let mut diagnostic = error(format!("unknown {what} `{id}`"));
    diagnostic = match did_you_mean(id, all.iter().copied()) {
        Some(best) => diagnostic.with_hint(format!("did you mean `{best}`?")),
        None if all.is_empty() => diagnostic.with_hint(format!("the pack has no {what} yet")),
        None => diagnostic.with_hint(format!("known: {}", all.join(", "))),
    };
    diags.push(diagnostic);
    None
}

/// Which of its entry's names a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NameKind {
    Term,
    Abbr,
    Alias,
}

impl NameKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            NameKind::Term => "term",
            NameKind::Abbr => "abbreviation",
            NameKind::Alias => "alias",
        }
    }
}

/// One name a glossary entry can be mentioned by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    /// Index of the entry in the site's term list.
    pub term: usize,
    pub kind: NameKind,
    pub text: String,
    pub case_sensitive: bool,
}

impl Name {
    /// The names of one entry: abbreviations always match case-sensitively, the term
    /// and its aliases only if the entry asks for it.
    pub(crate) fn of_entry<'a>(
        term: usize,
        full: &'a str,
        abbr: Option<&'a str>,
        aliases: &'a [String],
        case_sensitive: bool,
    ) -> impl Iterator<Item = Name> + 'a {
        let name = move |kind, text: &str, case_sensitive| Name {
            term,
            kind,
            text: text.to_string(),
            case_sensitive,
        };
        std::iter::once(name(NameKind::Term, full, case_sensitive))
            .chain(abbr.map(|a| name(NameKind::Abbr, a, true)))
            .chain(
                aliases
                    .iter()
                    .map(move |a| name(NameKind::Alias, a, case_sensitive)),
            )
            .filter(|n| !n.text.trim().is_empty())
    }
}
