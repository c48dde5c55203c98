//! Stage 4: Markdown to HTML, as small passes over pulldown-cmark's event stream
//! (`pipeline` runs them, `passes/` holds one file each):
//!
//! 1. `characters` — character references that stand for a character no text may
//!    hold (`&#xFDD0;`) are refused;
//! 2. `raw_html`  — with `[markdown] raw_html = false`, raw HTML becomes text;
//! 3. `safety`    — addresses that would run code (`javascript:`) or open a document
//!    written into them (`data:` but an image's) are refused, in Markdown links and
//!    images and in every address of raw HTML;
//! 4. `glossary`  — mentions of glossary terms become links; it runs while headings
//!    and links are still pulldown-cmark tags it can skip;
//! 5. `footnotes` — footnote references and definitions get page-local anchors;
//! 6. `headings`  — every heading gets an id unique on its page (clear of the ids
//!    made before it and of those its page's template uses), recorded for anchor
//!    checks;
//! 7. `links`     — links to content files become links to their pages;
//! 8. `highlight` — fenced code becomes class-highlighted HTML.
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
pub(crate) mod page_ids;
pub(crate) mod passes;
pub(crate) mod pipeline;
pub(crate) mod rendered;
pub(crate) mod source_words;
pub(crate) mod texts;
pub(crate) mod words;

pub(crate) use rendered::{Rendered, Slot};
pub(crate) use texts::{Texts, render_texts};
