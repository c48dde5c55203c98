//! The compiled glossary: one matcher over every name of every entry, and what a link
//! to each entry shows. Built once per build, shared by every text's pass.

use crate::base::html::escape;
use crate::config::LinkMode;
use crate::markdown::inline::first_sentence;
use crate::markdown::passes::glossary::matcher::Matcher;
use crate::markdown::passes::glossary::spelling::Spelling;
use crate::model::Term;
use crate::model::names::Name;

/// What a link to an entry shows besides its text.
#[derive(Debug)]
pub(super) struct Entry {
    pub(super) slug: String,
    /// The full term: the expansion of the abbreviation.
    pub(super) term: String,
    /// The link's `title` attribute (the first sentence of the definition), escaped.
    pub(super) title: String,
    /// The `<abbr>` `title` attribute (the full term), escaped.
    pub(super) expansion: String,
}

/// The compiled matcher for a pack's glossary, built once per build.
#[derive(Debug, Default)]
pub struct Linker {
    pub(super) mode: LinkMode,
    pub(super) matcher: Matcher,
    pub(super) spelling: Spelling,
    pub(super) entries: Vec<Entry>,
}

impl Linker {
    /// Compiles the names of every entry into one matcher.
    pub fn new(terms: &[Term], mode: LinkMode) -> Linker {
        let names: Vec<Name> = terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                Name::of_entry(i, &t.term, t.abbr.as_deref(), &t.aliases, t.case_sensitive)
            })
            .collect();
        let spelling = Spelling::new(&names);
        // Building fails only past aho-corasick's size limits, far beyond any glossary;
        // the pack then renders without automatic links rather than not at all.
        let matcher = Matcher::new(names).unwrap_or_default();
        let entries = terms
            .iter()
            .map(|t| Entry {
                slug: t.slug.clone(),
                term: t.term.clone(),
                title: escape(&first_sentence(t.body.text())),
                expansion: escape(&t.term),
            })
            .collect();
        Linker {
            mode,
            matcher,
            spelling,
            entries,
        }
    }
}
