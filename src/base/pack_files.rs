//! Opening the pack's input files. Each file is opened once, and the handle itself is
//! checked: it must be a regular file whose real location lies inside the pack root.
//! Checking a path and then opening it would leave a gap in which the path could be
//! swapped for a link to `/etc/passwd`; checking the handle leaves none, so what is
//! read, copied or served is exactly what was checked.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::diagnostics::{Diagnostic, Position};

/// Why a pack file was not opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The system refused to open or inspect it.
    #[error("cannot read it: {0}")]
    Io(#[from] io::Error),
    /// It resolves, through a symbolic link, to a place outside the pack root.
    #[error("it lies outside the pack root (through a symbolic link)")]
    Outside,
    /// A folder, device, pipe or socket where a file was expected.
    #[error("it is not a regular file")]
    NotAFile,
    /// The path was replaced between opening the file and checking it.
    #[error("it was replaced while being read")]
    Replaced,
}

impl OpenError {
    /// What an author can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            OpenError::Outside => Some("copy the file into the pack instead of linking to it"),
            OpenError::Replaced => Some("build again once nothing else is changing the pack"),
            OpenError::NotAFile => Some("content and theme files must be ordinary files"),
            OpenError::Io(_) => None,
        }
    }
}

impl OpenError {
    /// The refusal as an error on the file `shown`, `what` naming what it is.
    pub(crate) fn diagnostic(&self, shown: &Path, what: &str) -> Diagnostic {
        let refused =
            Diagnostic::error(shown, Position::FILE, format!("cannot read {what}: {self}"));
        match self.hint() {
            Some(hint) => refused.with_hint(hint),
            None => refused,
        }
    }
}

impl From<OpenError> for io::Error {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::Io(e) => e,
            other => io::Error::new(io::ErrorKind::PermissionDenied, other.to_string()),
        }
    }
}

/// The pack root as the system resolves it (symbolic links followed), the one form
/// every input's real location is compared with.
pub(crate) fn real_root(root: &Path) -> io::Result<PathBuf> {
    root.canonicalize()
}

/// Opens `path` for reading and checks the opened file: a regular file whose real
/// location lies inside `real_root` (from [`real_root`]). Returns the handle and its
/// metadata, which describe the opened file, not whatever the path names later.
pub(crate) fn open(real_root: &Path, path: &Path) -> Result<(File, Metadata), OpenError> {
    let file = open_without_blocking(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(OpenError::NotAFile);
    }
    let real = real_location(&file, path, &metadata)?;
    if !real.starts_with(real_root) {
        return Err(OpenError::Outside);
    }
    Ok((file, metadata))
}

/// Reads the whole of a checked file.
pub(crate) fn read(real_root: &Path, path: &Path) -> Result<Vec<u8>, OpenError> {
    let (mut file, metadata) = open(real_root, path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A pipe swapped in for a file would block `open` until someone writes to it; with
/// `O_NONBLOCK` it opens at once and is then refused as not a regular file. The flag
/// changes nothing for regular files.
fn open_without_blocking(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Where the opened file really is. Linux names a handle's file in `/proc/self/fd`;
/// elsewhere the path is resolved and must still name the very file that was opened
/// (same device and inode), or it was swapped in between.
fn real_location(file: &File, path: &Path, opened: &Metadata) -> Result<PathBuf, OpenError> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd as _;
        let link = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        if let Ok(real) = std::fs::read_link(link) {
            return Ok(real);
        }
    }
    let _ = file;
    let real = path.canonicalize()?;
    if !same_file(&std::fs::metadata(&real)?, opened) {
        return Err(OpenError::Replaced);
    }
    Ok(real)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// A file of the pack to be copied into the site as it is (an image), opened and
/// checked afresh each time it is read, so the bytes copied are always checked bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    real_root: Arc<Path>,
    path: PathBuf,
}

impl PackFile {
    /// The file at `path` in the pack whose real root is `real_root`.
    pub fn new(real_root: Arc<Path>, path: PathBuf) -> Self {
        PackFile { real_root, path }
    }

    /// Where the file is (for messages).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens and checks the file.
    pub fn open(&self) -> Result<(File, Metadata), OpenError> {
        open(&self.real_root, &self.path)
    }

    /// Opens, checks and reads the whole file.
    pub fn read(&self) -> Result<Vec<u8>, OpenError> {
        read(&self.real_root, &self.path)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn pack() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("pack");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("inside.txt"), "inside").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = real_root(&root).unwrap();
        (dir, root)
    }

    #[test]
    fn a_file_inside_is_read() {
        let (_dir, root) = pack();
        assert_eq!(read(&root, &root.join("inside.txt")).unwrap(), b"inside");
    }

    #[test]
    fn a_link_inside_to_a_file_inside_is_read() {
        let (_dir, root) = pack();
        std::os::unix::fs::symlink("inside.txt", root.join("alias.txt")).unwrap();
        assert_eq!(read(&root, &root.join("alias.txt")).unwrap(), b"inside");
    }

    #[test]
    fn a_link_to_a_file_outside_is_refused() {
        let (dir, root) = pack();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        let refused = read(&root, &root.join("leak.txt"));
        assert!(matches!(refused, Err(OpenError::Outside)), "{refused:?}");
    }

    #[test]
    fn a_folder_of_links_outside_is_refused() {
        let (dir, root) = pack();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        let refused = read(&root, &root.join("up/secret.txt"));
        assert!(matches!(refused, Err(OpenError::Outside)), "{refused:?}");
    }

    #[test]
    fn a_pipe_is_refused_without_blocking() {
        let (_dir, root) = pack();
        let fifo = root.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this machine
        }
        let refused = read(&root, &fifo);
        assert!(matches!(refused, Err(OpenError::NotAFile)), "{refused:?}");
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let (_dir, root) = pack();
        assert!(matches!(read(&root, &root), Err(OpenError::NotAFile)));
    }
}
