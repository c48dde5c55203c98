//! The staging folder, swapped into place only when every file was written, and the
//! interrupt that stops a write part-way and cleans up.
//!
//! The site is written to `.NAME.briefing-staging` beside the output and renamed into
//! place, so the swap is atomic. A folder that cannot be renamed (a mount point such
//! as a container volume, or the current folder) is filled in place instead: the
//! staging folder goes inside it and the swap moves its entries, as close to atomic
//! as that allows. Either way a failed or interrupted build leaves the last good
//! output as it was, and only folders that carry briefing's mark are ever deleted.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, Result, bail};

use crate::base::paths::OUTPUT_DIR;
use crate::output::mark::{MARK, WORK_PREFIX, is_marked, put_mark};

/// The suffix of the staging folder's name, after a dot and the output folder's.
pub(super) const STAGING: &str = ".briefing-staging";

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

/// Lets `fill` write a site into an empty, marked staging folder for `output`; if it
/// succeeds and asks to keep the result, swaps the folder into place, else removes
/// it and leaves `output` as it was. A Ctrl-C during `fill` makes the writes fail with
/// [`Interrupted`] once `fill` calls [`settle`] or its kin.
pub(crate) fn stage<T>(output: &Path, fill: impl FnOnce(&Path) -> Result<(T, bool)>) -> Result<T> {
    WRITING.store(true, Ordering::SeqCst);
    let result = check_interrupt().and_then(|()| stage_and_swap(output, fill));
    WRITING.store(false, Ordering::SeqCst);
    result
}

/// Where a build stages its site and sets the old one aside.
struct Places {
    staging: PathBuf,
    old: PathBuf,
    /// Filled inside the output, since the output itself cannot be renamed.
    in_place: bool,
}

fn stage_and_swap<T>(output: &Path, fill: impl FnOnce(&Path) -> Result<(T, bool)>) -> Result<T> {
    let places = places(output)?;
    remove_own_leftover(&places.staging)?;
    remove_own_leftover(&places.old)?;
    let filled = fs::create_dir(&places.staging)
        .and_then(|()| put_mark(&places.staging, output))
        .with_context(|| format!("creating {}", places.staging.display()))
        .and_then(|()| fill(&places.staging));
    let value = match filled {
        Ok((value, true)) => value,
        Ok((value, false)) => {
            remove_own_leftover(&places.staging)?;
            return Ok(value);
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&places.staging);
            return Err(e);
        }
    };
    let swapped = if places.in_place {
        swap_in_place(output, &places)
    } else {
        swap_beside(output, &places)
    };
    if let Err(e) = swapped {
        let _ = fs::remove_dir_all(&places.staging);
        return Err(e);
    }
    remove_own_leftover(&places.old)?;
    Ok(value)
}

/// Beside the output when the output can be renamed, inside it otherwise.
fn places(output: &Path) -> Result<Places> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    if output.is_dir() && !can_be_renamed(output, parent) {
        return Ok(Places {
            staging: output.join(format!("{WORK_PREFIX}staging")),
            old: output.join(format!("{WORK_PREFIX}old")),
            in_place: true,
        });
    }
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| OUTPUT_DIR.into());
    Ok(Places {
        staging: parent.join(format!(".{name}{STAGING}")),
        old: parent.join(format!(".{name}{WORK_PREFIX}old")),
        in_place: false,
    })
}

/// A mount point cannot be renamed (the system answers "busy"), nor should the
/// current folder be, and a folder whose parent is read-only cannot be either.
fn can_be_renamed(output: &Path, parent: &Path) -> bool {
    let is_cwd = std::env::current_dir()
        .and_then(|cwd| cwd.canonicalize())
        .is_ok_and(|cwd| output.canonicalize().is_ok_and(|out| out == cwd));
    let writable_parent = fs::metadata(parent).is_ok_and(|m| !m.permissions().readonly());
    !is_cwd && writable_parent && !is_mount_point(output, parent)
}

#[cfg(unix)]
fn is_mount_point(dir: &Path, parent: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (fs::metadata(dir), fs::metadata(parent)) {
        (Ok(d), Ok(p)) => d.dev() != p.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_dir: &Path, _parent: &Path) -> bool {
    false
}

/// Renames the old site aside and the new one into place.
fn swap_beside(output: &Path, places: &Places) -> Result<()> {
    if output.exists() {
        fs::rename(output, &places.old)
            .with_context(|| format!("moving the old {} aside", output.display()))?;
    }
    if let Err(e) = fs::rename(&places.staging, output) {
        // Put the last good site back before reporting.
        let _ = fs::rename(&places.old, output);
        return Err(e).with_context(|| format!("moving the new site into {}", output.display()));
    }
    Ok(())
}

/// Moves the old site's entries into `old`, then the new site's up from `staging`.
fn swap_in_place(output: &Path, places: &Places) -> Result<()> {
    fs::create_dir(&places.old).with_context(|| format!("creating {}", places.old.display()))?;
    let moved_aside = move_entries(output, &places.old);
    let moved_in = moved_aside.and_then(|()| move_entries(&places.staging, output));
    if let Err(e) = moved_in {
        // Put the last good site back: new entries out first, then the old ones in.
        let _ = move_entries(output, &places.staging);
        let _ = move_entries(&places.old, output);
        return Err(e).with_context(|| format!("moving the new site into {}", output.display()));
    }
    fs::remove_dir(&places.staging)
        .with_context(|| format!("removing {}", places.staging.display()))
}

/// Renames every entry of `from` but the build's own folders into `to`.
fn move_entries(from: &Path, to: &Path) -> io::Result<()> {
    let mut names: Vec<_> = fs::read_dir(from)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<io::Result<_>>()?;
    names.sort();
    for name in names {
        let own = name
            .to_str()
            .is_some_and(|n| n.starts_with(WORK_PREFIX) && n != MARK);
        if !own {
            fs::rename(from.join(&name), to.join(&name))?;
        }
    }
    Ok(())
}

/// Removes a staging or set-aside folder left by an earlier build, but only if it
/// carries the mark: a user's folder that happens to have the name is never touched.
fn remove_own_leftover(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        Ok(m) if m.is_dir() && is_marked(path) => {}
        // An empty folder holds nothing to lose (an empty output set aside).
        Ok(m) if m.is_dir() && fs::remove_dir(path).is_ok() => return Ok(()),
        Ok(_) => bail!(
            "refusing to remove `{}`: briefing works in a folder of that name, and this one is not its own\n  hint: move or rename it, then build again",
            path.display()
        ),
    }
    fs::remove_dir_all(path).with_context(|| format!("removing {}", path.display()))
}
