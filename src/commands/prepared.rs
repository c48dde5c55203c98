//! What every command starts from: the pack read, validated and its texts rendered
//! (stages 1–4), the theme loaded, and the warnings so far; and how a command fails.

use std::path::Path;

use crate::base::diagnostics::Diagnostics;
use crate::markdown::{Texts, render_texts};
use crate::model::Site;
use crate::render::{OutputFile, Theme, theme};
use crate::{config, content, model};

/// Stages 1–4 and what stage 5 needs: the site, its rendered texts, the theme and
/// the warnings so far.
pub(crate) fn prepare(root: &Path) -> Result<(Site, Texts, Theme, Diagnostics), Failure> {
    prepare_with(root, render_texts)
}

/// [`prepare`], with stage 4 given: `serve` reuses texts it rendered before.
pub(crate) fn prepare_with(
    root: &Path,
    render_texts: impl FnOnce(&Site, &mut Diagnostics) -> Texts + Send,
) -> Result<(Site, Texts, Theme, Diagnostics), Failure> {
    check_root(root)?;
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
            let site = model::build(config, raw, &mut diags);
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

/// A pack root that is missing or unreadable is not a problem in a pack (exit 1) but
/// a failure to find one (exit 2), whatever the command.
pub(crate) fn check_root(root: &Path) -> Result<(), Failure> {
    let shown = root.display();
    let metadata = std::fs::metadata(root)
        .map_err(|e| anyhow::anyhow!("cannot read the pack folder {shown}: {e}"))?;
    if !metadata.is_dir() {
        return Err(anyhow::anyhow!("the pack folder {shown} is not a folder").into());
    }
    std::fs::read_dir(root)
        .map_err(|e| anyhow::anyhow!("cannot read the pack folder {shown}: {e}"))?;
    Ok(())
}

pub(crate) fn content_failure(mut problems: Diagnostics, warnings: &Diagnostics) -> Failure {
    problems.extend(warnings.clone());
    Failure::Content(problems)
}

pub(crate) fn count_pages<'a>(paths: impl Iterator<Item = &'a str>) -> usize {
    paths.filter(|p| p.ends_with(".html")).count()
}

pub(crate) fn made(
    site: &Site,
    files: Vec<OutputFile>,
    pages: usize,
    warnings: Diagnostics,
) -> Built {
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

/// What a build made, for the summary line.
#[derive(Debug)]
pub struct Built {
    /// The pack's title (from `briefing.toml`).
    pub title: String,
    /// Every file, when the build keeps them in memory (`generate`).
    pub files: Vec<OutputFile>,
    /// How many HTML pages.
    pub pages: usize,
    /// How many sections.
    pub sections: usize,
    /// How many glossary entries.
    pub terms: usize,
    /// How many timeline events.
    pub events: usize,
    /// Warnings found on the way.
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
