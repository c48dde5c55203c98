//! Each file compared with the last output as it is made: written to staging only
//! when it differs, and reported as added, changed or removed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::base::chars::printable;
use crate::base::paths::slash_path;
use crate::output::mark::is_own_name;
use crate::output::stage::{check_interrupt, is_interrupted};
use crate::output::write::{in_folder, write_one};
use crate::render::{Contents, Made, OutputFile};

/// Which output files a build added, changed and removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeReport {
    /// Files the last output did not have.
    pub added: Vec<String>,
    /// Files whose bytes differ.
    pub changed: Vec<String>,
    /// Files the new output no longer has.
    pub removed: Vec<String>,
}

impl ChangeReport {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// "2 added, 1 changed, 0 removed" and the paths, at most `limit` of each.
    pub fn describe(&self, limit: usize) -> String {
        let mut out = format!(
            "{} added, {} changed, {} removed",
            self.added.len(),
            self.changed.len(),
            self.removed.len()
        );
        for (sign, list) in [
            ("+", &self.added),
            ("~", &self.changed),
            ("-", &self.removed),
        ] {
            for path in list.iter().take(limit) {
                out.push_str(&format!("\n  {sign} {}", printable(path)));
            }
            if list.len() > limit {
                out.push_str(&format!("\n  {sign} … and {} more", list.len() - limit));
            }
        }
        out
    }
}

/// Compares the files a build would write with what is in `output` now. Old files
/// are read only when their size matches, and in parallel: a rebuild of a large pack
/// compares thousands of files.
pub fn compare(files: &[OutputFile], output: &Path) -> Result<ChangeReport> {
    let existing = list_files(output)?;
    let settled: Vec<Result<Settled>> = files
        .par_iter()
        .map(|file| settle_file(file, &existing, None))
        .collect();
    let settled = settled.into_iter().collect::<Result<Vec<_>>>()?;
    Ok(changes(&settled, &existing))
}

/// What became of one new file: its path, how it differs from the old output and
/// whether it was written to the staging folder.
#[derive(Debug)]
pub(crate) struct Settled {
    pub path: String,
    change: Option<Change>,
    written: bool,
}

/// Compares a new file with its old version among `existing` (from [`list_files`])
/// and, given a staging folder, writes it there unless it is the same as before (see
/// [`link_unchanged`]); the caller may then drop its bytes.
pub(crate) fn settle(
    made: Made<'_>,
    existing: &BTreeMap<String, PathBuf>,
    staging: Option<&Path>,
) -> Result<Settled> {
    match made {
        Made::Whole(file) => settle_file(&file, existing, staging),
        Made::Streamed { path, write } => {
            let old = existing.get(&path);
            let same = stream_one(&path, write, old, staging)?;
            Ok(Settled {
                change: change(old.is_some(), same),
                path,
                written: staging.is_some(),
            })
        }
    }
}

fn settle_file(
    file: &OutputFile,
    existing: &BTreeMap<String, PathBuf>,
    staging: Option<&Path>,
) -> Result<Settled> {
    // A copied file is read once, through its checked handle, and then compared and
    // written from those bytes: what is published is exactly what was checked.
    let read;
    let file = match &file.contents {
        Contents::Copy(from) => {
            let bytes =
                (from.read()).with_context(|| format!("reading {}", from.path().display()))?;
            read = OutputFile::bytes(file.path.clone(), bytes);
            &read
        }
        Contents::Bytes(_) => file,
    };
    let old = existing.get(&file.path);
    let same = match (old, &file.contents) {
        (Some(on_disk), Contents::Bytes(bytes)) => same_as_disk(bytes, on_disk),
        _ => false,
    };
    let written = match staging {
        Some(dir) if !same => {
            check_interrupt()?;
            write_one(file, dir)?;
            true
        }
        _ => false,
    };
    Ok(Settled {
        path: file.path.clone(),
        change: change(old.is_some(), same),
        written,
    })
}

/// Completes a staging folder: every file that was the same as before, and so not
/// written, is hard-linked from the old output (copied where links are refused).
/// Creating a link is much cheaper than writing a file, a rebuild after a small edit
/// writes only the few files it changed, and an unchanged file keeps its modification
/// time, so tools that synchronise by time (rsync, make) skip it.
pub(crate) fn link_unchanged(
    settled: &[Settled],
    existing: &BTreeMap<String, PathBuf>,
    staging: &Path,
) -> Result<()> {
    let unchanged = settled.iter().filter(|s| !s.written && s.change.is_none());
    for file in unchanged {
        let Some(old) = existing.get(&file.path) else {
            continue;
        };
        check_interrupt()?;
        let new = staging.join(&file.path);
        in_folder(&new, || fs::hard_link(old, &new))
            .or_else(|_| fs::copy(old, &new).map(drop))
            .with_context(|| format!("writing {}", new.display()))?;
    }
    Ok(())
}

fn change(existed: bool, same: bool) -> Option<Change> {
    match (existed, same) {
        (false, _) => Some(Change::Added),
        (true, false) => Some(Change::Changed),
        (true, true) => None,
    }
}

/// Writes a streamed file into `staging` (if given), comparing it with its old
/// version as it goes; whether the two are the same.
fn stream_one(
    path: &str,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    old: Option<&PathBuf>,
    staging: Option<&Path>,
) -> Result<bool> {
    // An unreadable old file counts as changed, as in `same_as_disk`.
    let old = old
        .and_then(|p| fs::File::open(p).ok())
        .map(io::BufReader::new);
    let target: Box<dyn Write> = match staging {
        Some(dir) => {
            check_interrupt()?;
            let to = dir.join(path);
            let file = in_folder(&to, || fs::File::create(&to))
                .with_context(|| format!("writing {}", to.display()))?;
            Box::new(io::BufWriter::with_capacity(1 << 16, file))
        }
        None => Box::new(io::sink()),
    };
    let mut comparing = Comparing::new(old, target);
    let same = write(&mut comparing).and_then(|()| comparing.finish());
    // A large file stops part-way when the build is interrupted.
    check_interrupt()?;
    same.with_context(|| format!("writing {path}"))
}

/// Passes what is written on to `inner` and compares it, as it goes, with what
/// `old` holds, so a large file is compared without holding either version whole.
pub(super) struct Comparing<R, W> {
    old: Option<R>,
    pub(super) inner: W,
    same: bool,
    scratch: Vec<u8>,
}

impl<R: Read, W: Write> Comparing<R, W> {
    pub(super) fn new(old: Option<R>, inner: W) -> Self {
        let same = old.is_some();
        Comparing {
            old,
            inner,
            same,
            scratch: Vec::new(),
        }
    }

    /// Flushes the new file; whether it matched the old one to its last byte.
    pub(super) fn finish(mut self) -> io::Result<bool> {
        self.inner.flush()?;
        Ok(match (self.same, &mut self.old) {
            (true, Some(old)) => matches!(old.read(&mut [0]), Ok(0)),
            _ => false,
        })
    }
}

impl<R: Read, W: Write> Write for Comparing<R, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if is_interrupted() {
            return Err(io::Error::other("interrupted"));
        }
        self.inner.write_all(buf)?;
        if let (true, Some(old)) = (self.same, &mut self.old) {
            self.scratch.resize(buf.len(), 0);
            self.same = old.read_exact(&mut self.scratch).is_ok() && self.scratch == buf;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The change report of a whole build from its settled files, in path order.
pub(crate) fn changes(settled: &[Settled], existing: &BTreeMap<String, PathBuf>) -> ChangeReport {
    let mut settled: Vec<&Settled> = settled.iter().collect();
    settled.sort_by(|a, b| a.path.cmp(&b.path));
    settled.dedup_by(|a, b| a.path == b.path);
    let mut report = ChangeReport::default();
    for file in &settled {
        match file.change {
            Some(Change::Added) => report.added.push(file.path.clone()),
            Some(Change::Changed) => report.changed.push(file.path.clone()),
            None => {}
        }
    }
    let new: BTreeSet<&str> = settled.iter().map(|f| f.path.as_str()).collect();
    report.removed = existing
        .keys()
        .filter(|p| !new.contains(p.as_str()))
        .cloned()
        .collect();
    report
}

#[derive(Debug, Clone, Copy)]
enum Change {
    Added,
    Changed,
}

/// Whether `on_disk` already holds `bytes`; an unreadable old file counts as changed.
fn same_as_disk(bytes: &[u8], on_disk: &Path) -> bool {
    let old_len = fs::metadata(on_disk).map(|m| m.len()).ok();
    if old_len != Some(bytes.len() as u64) {
        return false;
    }
    fs::read(on_disk).is_ok_and(|old| old == bytes)
}

/// Files under `dir`, by `/`-separated relative path; empty if `dir` does not exist.
pub(crate) fn list_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    // The mark and a build's own working folders are not part of the site.
    let walk = WalkDir::new(dir).sort_by_file_name().into_iter();
    let site =
        walk.filter_entry(|e| e.depth() != 1 || !e.file_name().to_str().is_some_and(is_own_name));
    for entry in site {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.insert(slash_path(rel), entry.path().to_path_buf());
        }
    }
    Ok(files)
}
