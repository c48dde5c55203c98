//! Stage 6: the only code that writes. The site is written to a staging folder beside
//! the output and swapped into place only when every file was written, so a failed
//! or interrupted build leaves the last good output as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;
use walkdir::WalkDir;

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
}

#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// A file copied as it is (an image from `content/`).
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(bytes),
        }
    }

    pub fn copy(path: impl Into<String>, from: PathBuf) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Copy(from),
        }
    }

    /// The file's bytes (reading a copied file).
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match &self.contents {
            Contents::Bytes(b) => Ok(b.clone()),
            Contents::Copy(from) => fs::read(from),
        }
    }
}

/// A file as the renderer hands it on: whole, or written piece by piece straight to
/// its destination, for the files too large to hold in memory on a large pack (the
/// print edition, the search index).
pub enum Made<'a> {
    Whole(OutputFile),
    Streamed { path: String, write: WriteFn<'a> },
}

/// Writes a streamed file to the writer it is given.
pub type WriteFn<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + Send + 'a>;

impl Made<'_> {
    pub fn path(&self) -> &str {
        match self {
            Made::Whole(file) => &file.path,
            Made::Streamed { path, .. } => path,
        }
    }

    /// The file with all its bytes in memory.
    pub fn into_file(self) -> OutputFile {
        match self {
            Made::Whole(file) => file,
            Made::Streamed { path, write } => {
                let mut bytes = Vec::new();
                // Only its writer can fail a stream, and writing to memory does not.
                let written = write(&mut bytes);
                debug_assert!(written.is_ok(), "{written:?}");
                OutputFile::bytes(path, bytes)
            }
        }
    }
}

/// Which output files a build added, changed and removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeReport {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl ChangeReport {
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
                out.push_str(&format!("\n  {sign} {path}"));
            }
            if list.len() > limit {
                out.push_str(&format!("\n  {sign} … and {} more", list.len() - limit));
            }
        }
        out
    }
}

/// Refuses output folders whose replacement would destroy the pack: `/`, the pack
/// root, `content/`, `themes/`, anything inside those two, or an ancestor of them.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let root = absolute(root)?;
    let output = absolute(output)?;
    if output.parent().is_none() {
        bail!(
            "refusing to use `{}` as the output folder: it is the file-system root",
            output.display()
        );
    }
    let protected = [root.clone(), root.join("content"), root.join("themes")];
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
    Ok(())
}

/// An absolute, normalised path without requiring it to exist. Each prefix that
/// exists is resolved as the system would (symlinks followed, so `public -> .` is
/// caught, and `..` applied to the real folder); the rest is normalised as written.
fn absolute(path: &Path) -> Result<PathBuf> {
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
pub struct Settled {
    pub path: String,
    change: Option<Change>,
    written: bool,
}

/// Compares a new file with its old version among `existing` (from [`list_files`])
/// and, given a staging folder, writes it there unless it is the same as before (see
/// [`link_unchanged`]); the caller may then drop its bytes.
pub fn settle(
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
    let old = existing.get(&file.path);
    let same = match old {
        Some(on_disk) => same_as_disk(file, on_disk)?,
        None => false,
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
pub fn link_unchanged(
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
struct Comparing<R, W> {
    old: Option<R>,
    inner: W,
    same: bool,
    scratch: Vec<u8>,
}

impl<R: Read, W: Write> Comparing<R, W> {
    fn new(old: Option<R>, inner: W) -> Self {
        let same = old.is_some();
        Comparing {
            old,
            inner,
            same,
            scratch: Vec::new(),
        }
    }

    /// Flushes the new file; whether it matched the old one to its last byte.
    fn finish(mut self) -> io::Result<bool> {
        self.inner.flush()?;
        Ok(match (self.same, &mut self.old) {
            (true, Some(old)) => matches!(old.read(&mut [0]), Ok(0)),
            _ => false,
        })
    }
}

impl<R: Read, W: Write> Write for Comparing<R, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if INTERRUPTED.load(Ordering::SeqCst) {
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
pub fn changes(settled: &[Settled], existing: &BTreeMap<String, PathBuf>) -> ChangeReport {
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

/// Whether `on_disk` already holds `file`'s bytes; an unreadable old file counts as
/// changed.
fn same_as_disk(file: &OutputFile, on_disk: &Path) -> Result<bool> {
    let old_len = fs::metadata(on_disk).map(|m| m.len()).ok();
    if old_len != Some(file_len(file)?) {
        return Ok(false);
    }
    let Ok(old) = fs::read(on_disk) else {
        return Ok(false);
    };
    Ok(match &file.contents {
        Contents::Bytes(bytes) => old == *bytes,
        Contents::Copy(from) => {
            old == fs::read(from).with_context(|| format!("reading {}", from.display()))?
        }
    })
}

fn file_len(file: &OutputFile) -> Result<u64> {
    Ok(match &file.contents {
        Contents::Bytes(b) => b.len() as u64,
        Contents::Copy(from) => fs::metadata(from)
            .with_context(|| format!("reading {}", from.display()))?
            .len(),
    })
}

/// Files under `dir`, by `/`-separated relative path; empty if `dir` does not exist.
pub fn list_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.insert(crate::content::slash_path(rel), entry.path().to_path_buf());
        }
    }
    Ok(files)
}

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

fn check_interrupt() -> Result<()> {
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Err(Interrupted.into());
    }
    Ok(())
}

/// Writes the site to a staging folder beside `output`, then swaps it into place.
pub fn write_site(files: &[OutputFile], output: &Path) -> Result<()> {
    stage(output, |dir| write_all(files, dir).map(|()| ((), true)))
}

/// Lets `fill` write a site into an empty staging folder beside `output`; if it
/// succeeds and asks to keep the result, swaps the folder into place, else removes
/// it and leaves `output` as it was. A Ctrl-C during `fill` makes the writes fail with
/// [`Interrupted`] once `fill` calls [`settle`] or its kin.
pub fn stage<T>(output: &Path, fill: impl FnOnce(&Path) -> Result<(T, bool)>) -> Result<T> {
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
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.staging"));
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

/// Writes every file under `dir`: folders first, in order, then the files in
/// parallel (each file's bytes are fixed already, so the order of writing cannot
/// change the result). The first failure in path order is reported.
fn write_all(files: &[OutputFile], dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    // Each file's folder is made when the file is (`write_one`).
    let results: Vec<Result<()>> = files
        .par_iter()
        .map(|file| {
            check_interrupt()?;
            write_one(file, dir)
        })
        .collect();
    results.into_iter().collect()
}

/// Runs `create`, which makes the file `path`; if its folder is missing, creates the
/// folder and tries again. Trying first saves a build two system calls per file (the
/// folder check), as nearly every file goes in a folder that exists already.
fn in_folder<T>(path: &Path, create: impl Fn() -> io::Result<T>) -> io::Result<T> {
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
fn write_one(file: &OutputFile, dir: &Path) -> Result<()> {
    let path = dir.join(&file.path);
    match &file.contents {
        Contents::Bytes(bytes) => {
            in_folder(&path, || fs::File::create(&path)).and_then(|mut out| out.write_all(bytes))
        }
        Contents::Copy(from) => in_folder(&path, || fs::copy(from, &path)).map(drop),
    }
    .with_context(|| format!("writing {}", path.display()))
}

/// Writes `files` into `dir` (created if absent) for `init`. Each file must be new:
/// an existing file is an error, never overwritten.
pub fn write_new_files(files: &[OutputFile], dir: &Path) -> Result<()> {
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

/// Writes one file (the bundle's zip) through a temporary file beside it, so an
/// interrupted write never leaves half a file under the real name. Refuses places
/// where the file would be read back as part of the pack: inside `content/` it would
/// be copied into the next build, inside `themes/` it would become a theme file.
pub fn write_file(root: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let target = absolute(path)?;
    let root = absolute(root)?;
    for protected in [root.join("content"), root.join("themes")] {
        if target.starts_with(&protected) {
            bail!(
                "refusing to write `{}` inside `{}`",
                path.display(),
                protected.display()
            );
        }
    }
    if target.is_dir() {
        bail!("`{}` is a folder; name a file to write", path.display());
    }
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        bail!("`{}` does not name a file", path.display());
    };
    fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let temporary = parent.join(format!(".{}.partial", name.to_string_lossy()));
    fs::write(&temporary, bytes).with_context(|| format!("writing {}", temporary.display()))?;
    fs::rename(&temporary, &target).with_context(|| {
        let _ = fs::remove_file(&temporary);
        format!("moving the new file into {}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_folder_creates_a_missing_folder_and_reports_other_failures() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b/page.html");
        in_folder(&nested, || fs::write(&nested, "x")).unwrap();
        assert_eq!(fs::read_to_string(&nested).unwrap(), "x");
        // A missing source is not a missing folder: the copy still fails.
        let copied = dir.path().join("c/image.png");
        let missing = dir.path().join("nowhere.png");
        assert!(in_folder(&copied, || fs::copy(&missing, &copied)).is_err());
    }

    /// Streams `new` through `Comparing` against `old`; whether they matched and
    /// what reached the inner writer.
    fn stream(old: Option<&[u8]>, new: &[&[u8]]) -> (bool, Vec<u8>) {
        let mut comparing = Comparing::new(old, Vec::new());
        for piece in new {
            comparing.write_all(piece).unwrap();
        }
        let inner = comparing.inner.clone();
        (comparing.finish().unwrap(), inner)
    }

    #[test]
    fn a_streamed_file_is_compared_with_its_old_version_piece_by_piece() {
        let old: &[u8] = b"<p>one</p>\n<p>two</p>\n";
        assert_eq!(stream(Some(old), &[old]), (true, old.to_vec()));
        assert!(stream(Some(old), &[b"<p>one</p>\n", b"", b"<p>two</p>\n"]).0);
        // Shorter, longer, different, or no old file at all: changed.
        assert!(!stream(Some(old), &[b"<p>one</p>\n"]).0);
        assert!(!stream(Some(old), &[old, b"x"]).0);
        assert!(!stream(Some(old), &[b"<p>one</p>\n<p>tw0</p>\n"]).0);
        assert!(!stream(Some(b""), &[b"x"]).0);
        assert!(stream(Some(b""), &[]).0);
        assert_eq!(stream(None, &[old]), (false, old.to_vec()));
        // A difference found early does not stop the writing.
        assert_eq!(stream(Some(b"x"), &[b"ab", b"cd"]).1, b"abcd");
    }

    fn site(files: &[(&str, &str)]) -> Vec<OutputFile> {
        files
            .iter()
            .map(|(p, b)| OutputFile::bytes(*p, b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn compare_reads_only_what_it_must_and_reports_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = site(&[
            ("index.html", "same"),
            ("sections/a.html", "aaaa"),
            ("sections/b.html", "short"),
            ("gone.html", "x"),
        ]);
        write_site(&old, &out).unwrap();
        let new = site(&[
            ("sections/b.html", "longer text"),
            ("sections/a.html", "abcd"),
            ("index.html", "same"),
            ("added/z.html", "z"),
            ("added/y.html", "y"),
        ]);
        let report = compare(&new, &out).unwrap();
        assert_eq!(report.added, ["added/y.html", "added/z.html"]);
        // Same size, different bytes; and a different size.
        assert_eq!(report.changed, ["sections/a.html", "sections/b.html"]);
        assert_eq!(report.removed, ["gone.html"]);
    }

    #[test]
    fn write_site_replaces_the_output_with_exactly_the_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&site(&[("old.html", "old")]), &out).unwrap();
        let files: Vec<OutputFile> = (0..200)
            .map(|i| OutputFile::bytes(format!("d{}/p{i}.html", i % 7), vec![b'x'; i]))
            .collect();
        write_site(&files, &out).unwrap();
        assert!(compare(&files, &out).unwrap().is_empty());
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            leftovers.len(),
            1,
            "no staging or old folder is left behind"
        );
    }
}
