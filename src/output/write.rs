//! Writing files: every write names its path in its error, and each folder is created
//! only when a file in it finds it missing.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::base::paths::{CONFIG_FILE, CONTENT_DIR, THEMES_DIR};
use crate::output::guard::{absolute, refuse_long_name};
use crate::output::mark::{is_bundle, is_marked};
use crate::render::{Contents, OutputFile};

/// Runs `create`, which makes the file `path`; if its folder is missing, creates the
/// folder and tries again. Trying first saves a build two system calls per file (the
/// folder check), as nearly every file goes in a folder that exists already.
pub(super) fn in_folder<T>(path: &Path, create: impl Fn() -> io::Result<T>) -> io::Result<T> {
    match create() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(folder) = path.parent() {
                fs::create_dir_all(folder)?;
            }
            create()
        }
        other => other,
    }
}

/// Writes one file under `dir`, creating its folder if need be.
pub(super) fn write_one(file: &OutputFile, dir: &Path) -> Result<()> {
    let path = dir.join(&file.path);
    match &file.contents {
        Contents::Bytes(bytes) => {
            in_folder(&path, || fs::File::create(&path)).and_then(|mut out| out.write_all(bytes))
        }
        Contents::Copy(from) => from
            .open()
            .map_err(io::Error::from)
            .and_then(|(mut src, _)| {
                let mut out = in_folder(&path, || fs::File::create(&path))?;
                io::copy(&mut src, &mut out).map(drop)
            }),
    }
    .with_context(|| format!("writing {}", path.display()))
}

/// Writes `files` into `dir` (created if absent) for `init`. Each file must be new:
/// an existing file is an error, never overwritten.
pub(crate) fn write_new_files(files: &[OutputFile], dir: &Path) -> Result<()> {
    for file in files {
        let path = dir.join(&file.path);
        let bytes = file
            .read()
            .with_context(|| format!("reading {}", file.path))?;
        let create_new = || {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
        };
        in_folder(&path, create_new)
            .and_then(|mut f| f.write_all(&bytes))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The suffix of the name a file is written under before it is renamed into place.
const PARTIAL: &str = ".partial";

/// Writes the bundle's zip through a temporary file beside it, so an interrupted
/// write never leaves half a file under the real name. Replaces only an earlier
/// bundle, never another file of the user's, and refuses places where the file would
/// be read back as part of the pack: inside `content/` it would be copied into the
/// next build, inside `themes/` it would become a theme file.
pub(crate) fn write_file(root: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let target = absolute(path)?;
    let root = absolute(root)?;
    for protected in [root.join(CONTENT_DIR), root.join(THEMES_DIR)] {
        if target.starts_with(&protected) {
            bail!(
                "refusing to write `{}` inside `{}`",
                path.display(),
                protected.display()
            );
        }
    }
    if target == root.join(CONFIG_FILE) {
        bail!(
            "refusing to write `{}`: it is the pack's settings",
            path.display()
        );
    }
    if target.is_dir() {
        bail!("`{}` is a folder; name a file to write", path.display());
    }
    if let Some(site) = target.ancestors().skip(1).find(|dir| is_marked(dir)) {
        bail!(
            "refusing to write `{}` inside a site folder (`{}`): the next build replaces everything in it",
            path.display(),
            site.display()
        );
    }
    if target.exists() && !is_bundle(&target) {
        bail!(
            "refusing to replace `{}`: it is not a bundle that briefing made\n  hint: name a new file, or move this one away first",
            path.display()
        );
    }
    refuse_long_name(&target, PARTIAL)?;
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        bail!("`{}` does not name a file", path.display());
    };
    fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let temporary = parent.join(format!(".{}{PARTIAL}", name.to_string_lossy()));
    fs::write(&temporary, bytes).with_context(|| format!("writing {}", temporary.display()))?;
    fs::rename(&temporary, &target).with_context(|| {
        let _ = fs::remove_file(&temporary);
        format!("moving the new file into {}", path.display())
    })
}
