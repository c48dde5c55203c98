//! The staging folder beside the output, swapped into place only when every file was
//! written, and the interrupt that stops a write part-way and cleans up.

use std::fs;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, Result};

use crate::base::paths::OUTPUT_DIR;

/// The suffix of the staging folder's name, after a dot and the output folder's.
pub(super) const STAGING: &str = ".staging";

/// Set when the user interrupts the build (Ctrl-C); the writer checks it between files.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// True while `write_site` runs: then only the writer may remove its staging folder.
static WRITING: AtomicBool = AtomicBool::new(false);

/// The error of a write stopped by [`interrupt`]; the staging folder has been removed.
#[derive(Debug, thiserror::Error)]
#[error("interrupted; the previous output was left as it was")]
pub struct Interrupted;

/// Asks a running write to stop, clean up and return [`Interrupted`]. Returns false
/// when no write is running, so the caller may simply exit: nothing needs cleaning.
pub fn interrupt() -> bool {
    // Both SeqCst: either this sees WRITING, or the writer's first check sees
    // INTERRUPTED before it creates anything.
    INTERRUPTED.store(true, Ordering::SeqCst);
    WRITING.load(Ordering::SeqCst)
}

/// Whether the user has asked the build to stop.
pub(super) fn is_interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

pub(super) fn check_interrupt() -> Result<()> {
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Err(Interrupted.into());
    }
    Ok(())
}

/// Lets `fill` write a site into an empty staging folder beside `output`; if it
/// succeeds and asks to keep the result, swaps the folder into place, else removes
/// it and leaves `output` as it was. A Ctrl-C during `fill` makes the writes fail with
/// [`Interrupted`] once `fill` calls [`settle`] or its kin.
pub(crate) fn stage<T>(output: &Path, fill: impl FnOnce(&Path) -> Result<(T, bool)>) -> Result<T> {
    WRITING.store(true, Ordering::SeqCst);
    let result = check_interrupt().and_then(|()| stage_and_swap(output, fill));
    WRITING.store(false, Ordering::SeqCst);
    result
}

fn stage_and_swap<T>(output: &Path, fill: impl FnOnce(&Path) -> Result<(T, bool)>) -> Result<T> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| OUTPUT_DIR.into());
    let staging = parent.join(format!(".{name}{STAGING}"));
    let old = parent.join(format!(".{name}.old"));
    remove_if_exists(&staging)?;
    remove_if_exists(&old)?;
    let filled = fs::create_dir_all(&staging)
        .with_context(|| format!("creating {}", staging.display()))
        .and_then(|()| fill(&staging));
    let value = match filled {
        Ok((value, true)) => value,
        Ok((value, false)) => {
            remove_if_exists(&staging)?;
            return Ok(value);
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if output.exists() {
        fs::rename(output, &old)
            .with_context(|| format!("moving the old {} aside", output.display()))?;
    }
    if let Err(e) = fs::rename(&staging, output) {
        // Put the last good site back before reporting.
        let _ = fs::rename(&old, output);
        let _ = fs::remove_dir_all(&staging);
        return Err(e).with_context(|| format!("moving the new site into {}", output.display()));
    }
    remove_if_exists(&old)?;
    Ok(value)
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}
