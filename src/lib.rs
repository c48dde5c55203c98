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
mod swar;
pub mod theme;
pub mod tidy;
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
    let (site, texts, theme, diags) = prepare(root)?;
    let files =
        render::render_site(&site, &texts, &theme).map_err(|d| content_failure(d, &diags))?;
    let pages = count_pages(files.iter().map(|f| f.path.as_str()));
    Ok(made(&site, files, pages, diags))
}

/// Runs stages 1–5 for their problems alone: each file is dropped as soon as it is
/// made (the large streamed ones are not even written out), so checking a large
/// pack takes no more memory than building it.
pub fn check(root: &Path) -> Result<Built, Failure> {
    let (site, texts, theme, diags) = prepare(root)?;
    let paths = render::render_each(&site, &texts, &theme, |made| made.path().to_string())
        .map_err(|d| content_failure(d, &diags))?;
    let pages = count_pages(paths.iter().map(String::as_str));
    Ok(made(&site, Vec::new(), pages, diags))
}

/// Stages 1–4 and what stage 5 needs: the site, its rendered texts, the theme and
/// the warnings so far.
fn prepare(root: &Path) -> Result<(site::Site, render::Texts, theme::Theme, Diagnostics), Failure> {
    prepare_with(root, render::render_texts)
}

/// [`prepare`], with stage 4 given: `serve` reuses texts it rendered before.
pub(crate) fn prepare_with(
    root: &Path,
    render_texts: impl FnOnce(&site::Site, &mut Diagnostics) -> render::Texts + Send,
) -> Result<(site::Site, render::Texts, theme::Theme, Diagnostics), Failure> {
    let mut diags = Diagnostics::new();
    let config = config::load(root, &mut diags);
    let raw = content::load(root, &mut diags);
    let Some(config) = config else {
        return Err(Failure::Content(diags));
    };
    let theme = theme::load(root, config.theme_name(), &mut diags);
    // The templates compile meanwhile; their problems are reported when they are used.
    let ((site, texts), _) = rayon::join(
        || {
            let site = site::build(config, raw, &mut diags);
            let texts = render_texts(&site, &mut diags);
            (site, texts)
        },
        || theme.compiled().is_ok(),
    );
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    Ok((site, texts, theme, diags))
}

pub(crate) fn content_failure(mut problems: Diagnostics, warnings: &Diagnostics) -> Failure {
    problems.extend(warnings.clone());
    Failure::Content(problems)
}

fn count_pages<'a>(paths: impl Iterator<Item = &'a str>) -> usize {
    paths.filter(|p| p.ends_with(".html")).count()
}

fn made(site: &site::Site, files: Vec<OutputFile>, pages: usize, warnings: Diagnostics) -> Built {
    Built {
        title: site.config.title.clone(),
        pages,
        sections: site.sections.len(),
        terms: site.terms.len(),
        events: site.events.len(),
        files,
        warnings,
    }
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
    /// The build's counts and warnings; its `files` is empty, as `build` writes each
    /// file as soon as it is made.
    pub built: Built,
    /// How many files the site has.
    pub files: usize,
    pub changes: ChangeReport,
    pub seconds: f64,
}

/// Builds the pack at `options.root` into `options.output`. Each file is compared
/// with the old output and, if it differs, written to the staging folder as soon as
/// it is rendered, so a large site is never held in memory whole.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    output::check_output_dir(&options.root, &options.output)?;
    let (site, texts, theme, diags) = prepare(&options.root)?;
    let existing = output::list_files(&options.output)?;
    // Per file: compare, write if staging, drop the bytes; then the counts and report.
    let settle_all = |staging: Option<&Path>| -> anyhow::Result<_> {
        let settled = match render::render_each(&site, &texts, &theme, |made| {
            output::settle(made, &existing, staging)
        }) {
            Err(problems) => return Ok(Err(problems)),
            Ok(settled) => settled.into_iter().collect::<anyhow::Result<Vec<_>>>()?,
        };
        let pages = count_pages(settled.iter().map(|s| s.path.as_str()));
        let changes = output::changes(&settled, &existing);
        // The staging folder is kept only when something changed: then it needs the
        // unchanged files too.
        if let Some(staging) = staging.filter(|_| !changes.is_empty()) {
            output::link_unchanged(&settled, &existing, staging)?;
        }
        Ok(Ok((settled.len(), pages, changes)))
    };
    let settled = if options.check_only {
        settle_all(None)?
    } else {
        output::stage(&options.output, |staging| {
            let settled = settle_all(Some(staging))?;
            // Swap only when something differs, so an unchanged site keeps its files.
            let keep = match &settled {
                Ok((_, _, changes)) => !changes.is_empty() || !options.output.exists(),
                Err(_) => false,
            };
            Ok((settled, keep))
        })?
    };
    let (files, pages, changes) = settled.map_err(|d| content_failure(d, &diags))?;
    let built = made(&site, Vec::new(), pages, diags);
    // Freeing a large pack's model and texts takes tens of milliseconds that nothing
    // needs to wait for.
    std::thread::spawn(move || drop((site, texts, theme)));
    Ok(BuildReport {
        built,
        files,
        changes,
        seconds: start.elapsed().as_secs_f64(),
    })
}
