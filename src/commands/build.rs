//! `briefing build`, `briefing check` and the in-memory build the other commands and
//! the tests use.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::base::console::tell;
use crate::commands::prepared::{
    Built, Failure, check_root, content_failure, count_pages, made, prepare,
};
use crate::output::{self, ChangeReport};
use crate::render;

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

/// Options of `briefing build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The pack root (holding `briefing.toml`).
    pub root: PathBuf,
    /// The output folder.
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
    /// Which output files were added, changed and removed.
    pub changes: ChangeReport,
    /// Wall time of the build.
    pub seconds: f64,
}

/// Builds the pack at `options.root` into `options.output`. Each file is compared
/// with the old output and, if it differs, written to the staging folder as soon as
/// it is rendered, so a large site is never held in memory whole.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    check_root(&options.root)?;
    let shown = &options.output;
    // The real folder: a link such as `public -> /srv/site` is written through.
    let output = output::check_output_dir(&options.root, shown)?;
    let (site, texts, theme, diags) = prepare(&options.root)?;
    let _lock = output::lock_output(&output, || {
        tell!("waiting for another build writing to {}", shown.display());
    })?;
    // Checked again under the lock: the build that held it may have changed it.
    output::check_output_dir(&options.root, shown)?;
    let existing = output::list_files(&output)?;
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
        output::stage(&output, |staging| {
            let settled = settle_all(Some(staging))?;
            // Swap only when something differs, so an unchanged site keeps its files.
            let keep = match &settled {
                Ok((_, _, changes)) => !changes.is_empty() || !output::is_marked(&output),
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
