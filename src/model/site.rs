//! The validated pack, and the references content can make to its pages.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::content::Asset;
use crate::model::events::Event;
use crate::model::markdown::Markdown;
use crate::model::sections::Section;
use crate::model::sources::Source;
use crate::model::terms::Term;

/// The whole pack, validated and in reading order.
#[derive(Debug)]
pub struct Site {
    /// `briefing.toml`.
    pub config: Config,
    /// The landing page.
    pub index: Index,
    /// Source documents, in the order their first section appears.
    pub sources: Vec<Source>,
    /// Sections in pack order (`order`, then slug).
    pub sections: Vec<Section>,
    /// Glossary entries, A–Z by term.
    pub terms: Vec<Term>,
    /// Timeline events by date; events on the same date keep their order in the file.
    pub events: Vec<Event>,
    /// Files of `content/` published as they are (images, PDFs).
    pub assets: Vec<Asset>,
    /// Content-relative path of every linkable file (`sections/reflex.md`) → its page.
    pub links: BTreeMap<String, PageRef>,
    /// Files that exist but failed to parse (already reported).
    pub unreadable: BTreeSet<String>,
    /// The texts of sections left out for a problem already reported (an unknown
    /// source): checked for their own problems in the same run, never published.
    pub(crate) unplaced: Vec<Markdown>,
}

/// An output page, or a place in one, that content can link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageRef {
    /// The landing page.
    Index,
    /// A section's page.
    Section(usize),
    /// A glossary entry's page.
    Term(usize),
    /// A source document's entry on the sources page.
    Source(usize),
    /// The sources page.
    Sources,
    /// The glossary's A–Z page.
    Glossary,
    /// The timeline page.
    Timeline,
    /// An event's entry on the timeline page.
    Event(usize),
    /// A file of `content/` published as it is.
    Asset(usize),
    /// The print edition.
    Print,
}

#[derive(Debug)]
pub struct Index {
    pub title: String,
    pub body: Option<Markdown>,
}

impl Site {
    /// The Markdown text behind `page`, for the pages that are texts.
    pub fn markdown_of(&self, page: PageRef) -> Option<&Markdown> {
        match page {
            PageRef::Index => self.index.body.as_ref(),
            PageRef::Section(i) => self.sections.get(i).map(|s| &s.body),
            PageRef::Term(i) => self.terms.get(i).map(|t| &t.body),
            PageRef::Source(i) => self.sources.get(i).map(|s| &s.description),
            PageRef::Event(i) => self.events.get(i).map(|e| &e.body),
            _ => None,
        }
    }
}
