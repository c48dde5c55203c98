//! Stage 5: every page of the site as bytes. Markdown is rendered once per text (in
//! parallel), cross-references are checked, then each page is laid out with Tera.
//! Every URL written is relative to the page it is on and names a file, never a
//! folder: `file://` shows a folder as a listing, and root-absolute URLs break when a
//! pack is published under a sub-path.

mod chart;
pub(crate) mod files;
mod ids;
mod outputs;
mod pages;
pub(crate) mod plan;
mod print;
mod search;
pub(crate) mod theme;
mod tidy;
pub(crate) mod urls;
mod views;

pub(crate) use files::{Contents, Made, OutputFile, Planned};
pub(crate) use plan::{make, plan, render_each, render_site};
pub(crate) use theme::Theme;
