//! briefing: a static site generator for briefing packs.
//!
//! A build is one pass through six stages, one folder each, data flowing one way
//! (a stage imports only the stages above it; `tests/architecture.rs` enforces it):
//!
//! 1. `config`   — `briefing.toml` → `Config`
//! 2. `content`  — walk `content/`, split and parse front matter → `RawPack`
//! 3. `model`    — check references, order, slugs → the validated `Site`
//! 4. `markdown` — Markdown passes (raw HTML, safety, glossary, heading ids, links,
//!    footnotes, highlighting) → `Texts`: HTML with slots
//! 5. `render`   — the URL scheme, Tera templates, the chart, print edition and search
//!    index → `Made` files
//! 6. `output`   — write to a staging folder, swap it into place, report changes
//!
//! Below them all, `base` (diagnostics, source text, TOML, escaping, URLs, paths,
//! dates) imports nothing of the crate; above them, `commands` runs the stages for
//! `build`, `check`, `serve`, `init` and `bundle`.
//!
//! Stages 1–4 collect every problem in one `Diagnostics`; the build stops before
//! rendering if any is an error. Rendering and writing stop at the first failure.

mod base;
mod commands;
mod config;
mod content;
mod markdown;
mod model;
mod output;
mod render;

#[doc(hidden)]
pub mod internals;

pub use base::chars::printable;

/// Writing to the terminal without a panic when nobody reads it any more.
pub mod console {
    pub use crate::base::console::{err, err_text, out};
}

pub use base::diagnostics::{Diagnostic, Diagnostics, Position, Severity};
pub use base::paths::OUTPUT_DIR;
pub use commands::build::{BuildOptions, BuildReport, build, check, generate};
pub use commands::bundle::{BundleOptions, BundleReport, bundle};
pub use commands::init::init;
pub use commands::prepared::{Built, Failure};
pub use commands::serve::{ServeOptions, serve};
pub use output::changes::ChangeReport;
pub use output::stage::{Interrupted, interrupt};
pub use render::files::OutputFile;
