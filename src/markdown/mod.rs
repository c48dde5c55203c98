//! Stage 4: Markdown to HTML, as small passes over pulldown-cmark's event stream
//! (`pipeline` runs them, `passes/` holds one file each):
//!
//! 1. `raw_html`  — with `[markdown] raw_html = false`, raw HTML becomes text;
//! 2. `safety`    — links whose address would run code are refused;
//! 3. `glossary`  — mentions of glossary terms become links; it runs while headings
//!    and links are still pulldown-cmark tags it can skip;
//! 4. `headings`  — every heading gets a unique id, recorded for anchor checks;
//! 5. `links`     — links to content files become links to their pages;
//! 6. `footnotes` — footnote references and definitions get page-local anchors;
//! 7. `highlight` — fenced code becomes class-highlighted HTML.
//!
//! The result is HTML with *slots*: hrefs and ids that depend on where the HTML is
//! placed (a section's own page, or the one-page print edition, where every id needs a
//! prefix and every cross-link becomes an in-page anchor). The Markdown is rendered once
//! and its slots filled for each placement.
//!
//! Every text of the pack is rendered once (`texts`, in parallel); the checks that
//! span texts (anchors, unused glossary entries, "mentioned in") run over all of them.

pub(crate) mod anchors;
pub(crate) mod fidelity;
pub(crate) mod inline;
pub(crate) mod input;
pub(crate) mod passes;
pub(crate) mod pipeline;
pub(crate) mod rendered;
pub(crate) mod source_words;
pub(crate) mod texts;
pub(crate) mod words;

pub(crate) use rendered::{Rendered, Slot};
pub(crate) use texts::{Texts, render_texts};
