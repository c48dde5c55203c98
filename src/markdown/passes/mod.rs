//! The Markdown passes, one file each, in the order [`super::render`] runs them.

pub(crate) mod characters;
pub(crate) mod footnote_markers;
pub(crate) mod footnotes;
pub(crate) mod glossary;
pub(crate) mod headings;
pub(crate) mod highlight;
pub(crate) mod links;
pub(crate) mod paragraphs;
pub(crate) mod quotations;
pub(crate) mod raw_html;
pub(crate) mod safety;
