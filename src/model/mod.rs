//! Stage 3: the validated model of a pack. Checks every reference between files
//! (section → source, see-also → term, event → section), fixes the order of
//! everything that will be listed, and reports every problem found.
//!
//! What the model holds is what the pack *says*; where it is published (file names,
//! URLs, anchors) is the render stage's business.

pub(crate) mod build;
mod claims;
mod coverage;
pub(crate) mod events;
pub(crate) mod markdown;
pub(crate) mod names;
pub(crate) mod paragraphs;
mod ranges;
pub(crate) mod reserved;
pub(crate) mod sections;
pub(crate) mod site;
pub(crate) mod source_text;
pub(crate) mod sources;
pub(crate) mod terms;

pub(crate) use build::build;
pub(crate) use events::Event;
pub(crate) use markdown::Markdown;
pub(crate) use site::{PageRef, Site};
pub(crate) use terms::{Citation, Term};
