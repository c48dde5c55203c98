//! briefing: a static site generator for briefing packs.
//!
//! A build is one pass through six stages, each a module, data flowing one way:
//!
//! 1. [`config`]   — `briefing.toml` → [`config::Config`]
//! 2. [`content`]  — walk `content/`, split and parse front matter → [`content::RawPack`]
//! 3. [`site`]     — check references, order, slugs → the validated [`site::Site`]
//! 4. [`markdown`] — Markdown passes (links, heading ids, glossary, highlighting) → HTML with slots
//! 5. [`render`]   — Tera templates, relative URLs → [`output::OutputFile`]s
//! 6. [`output`]   — write to a staging folder, swap it into place, report changes
//!
//! Stages 1–3 collect every problem in [`diagnostics::Diagnostics`]; the build stops
//! before writing anything if any is an error.

pub mod bundle;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzzing;
pub mod glossary;
pub mod highlight;
pub mod init;
pub mod markdown;
pub mod output;
pub mod print;
pub mod render;
pub mod safety;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod timeline;

use std::path::{Path, PathBuf};
use std::time::Instant;

use diagnostics::Diagnostics;
use output::{ChangeReport, OutputFile};

/// What a build made, for the summary line.
#[derive(Debug)]
pub struct Built {
    /// The pack's title (from `briefing.toml`).
    pub title: String,
    pub files: Vec<OutputFile>,
    pub pages: usize,
    pub sections: usize,
    pub terms: usize,
    pub events: usize,
    pub warnings: Diagnostics,
}

/// Why a build produced nothing.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the pack (exit code 1).
    Content(Diagnostics),
    /// Anything else: I/O, a refused output folder (exit code 2).
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// Runs stages 1–5: everything but writing.
pub fn generate(root: &Path) -> Result<Built, Failure> {
    let mut diags = Diagnostics::new();
    let config = config::load(root, &mut diags);
    let raw = content::load(root, &mut diags);
    let Some(config) = config else {
        return Err(Failure::Content(diags));
    };
    let theme = theme::load(root, config.theme_name(), &mut diags);
    let site = site::build(config, raw, &mut diags);
    let texts = render::render_texts(&site, &mut diags);
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    let files = render::render_site(&site, &texts, &theme).map_err(|mut d| {
        d.extend(diags.clone());
        Failure::Content(d)
    })?;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    Ok(Built {
        title: site.config.title.clone(),
        pages,
        sections: site.sections.len(),
        terms: site.terms.len(),
        events: site.events.len(),
        files,
        warnings: diags,
    })
}

/// Options of `briefing build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Compare with the existing output instead of writing.
    pub check_only: bool,
}

/// The result of `build`: what was made, how it differs from before, how long it took.
#[derive(Debug)]
pub struct BuildReport {
    pub built: Built,
    pub changes: ChangeReport,
    pub seconds: f64,
}

/// Builds the pack at `options.root` into `options.output`.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    output::check_output_dir(&options.root, &options.output)?;
    let built = generate(&options.root)?;
    let changes = output::compare(&built.files, &options.output)?;
    if !options.check_only && (!changes.is_empty() || !options.output.exists()) {
        output::write_site(&built.files, &options.output)?;
    }
    Ok(BuildReport {
        built,
        changes,
        seconds: start.elapsed().as_secs_f64(),
    })
}
