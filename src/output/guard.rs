//! Output folders a build must refuse, before anything is touched.

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::base::paths::{CONTENT_DIR, NAME_MAX, THEMES_DIR};
use crate::output::mark::is_replaceable;
use crate::output::stage::STAGING;

/// Refuses output folders whose replacement would destroy the pack: `/`, the pack
/// root, `content/`, `themes/`, anything inside those two, or an ancestor of them;
/// a file; and a folder that holds anything but an earlier site, which may be the
/// user's own. Returns the folder to write: `output` with symbolic links resolved,
/// so `public -> /srv/site` writes the site into `/srv/site`.
pub(crate) fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf> {
    let root = absolute(root)?;
    let shown = output;
    let output = absolute(output)?;
    if output.parent().is_none() {
        bail!(
            "refusing to use `{}` as the output folder: it is the file-system root",
            output.display()
        );
    }
    let protected = [root.clone(), root.join(CONTENT_DIR), root.join(THEMES_DIR)];
    for p in &protected {
        if p.starts_with(&output) {
            bail!(
                "refusing to use `{}` as the output folder: building replaces it, and it holds `{}`",
                output.display(),
                p.display()
            );
        }
    }
    for p in &protected[1..] {
        if output.starts_with(p) {
            bail!("refusing to write the site inside `{}`", p.display());
        }
    }
    check_not_the_users(shown, &output)?;
    refuse_long_name(&output, STAGING)?;
    Ok(output)
}

/// Refuses a file, or a folder of someone else's files, as the output.
fn check_not_the_users(shown: &Path, output: &Path) -> Result<()> {
    match fs::metadata(output) {
        Ok(m) if !m.is_dir() => bail!(
            "refusing to use `{}` as the output folder: it is a file\n  hint: name a folder for the site, such as `public`",
            shown.display()
        ),
        _ => {}
    }
    let replaceable = is_replaceable(output)
        .with_context(|| format!("reading the output folder {}", shown.display()))?;
    if !replaceable {
        bail!(
            "refusing to use `{}` as the output folder: it holds files that briefing did not write, and a build replaces everything in it\n  hint: name a new or empty folder; if this is the site of an earlier briefing version, delete it once and build again",
            shown.display()
        );
    }
    Ok(())
}

/// Refuses a file or folder `path` whose name, with a dot before it and `suffix`
/// after it (the name the new version is written under first), is too long to write.
pub(crate) fn refuse_long_name(path: &Path, suffix: &str) -> Result<()> {
    let name = path.file_name().unwrap_or_default();
    let written = name.len() + 1 + suffix.len();
    if written > NAME_MAX {
        bail!(
            "the name `{}` is too long: it is written first as `.{}{suffix}`, {written} bytes, and file systems take at most {NAME_MAX}",
            name.to_string_lossy(),
            name.to_string_lossy(),
        );
    }
    Ok(())
}

/// An absolute, normalised path without requiring it to exist. Each prefix that
/// exists is resolved as the system would (symlinks followed, so `public -> .` is
/// caught, and `..` applied to the real folder); the rest is normalised as written.
pub(super) fn absolute(path: &Path) -> Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .context("reading the current folder")?
            .join(path)
    };
    let mut resolved = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
        if let Ok(real) = resolved.canonicalize() {
            resolved = real;
        }
    }
    Ok(resolved)
}
