//! How a build recognises what it wrote. Every site folder holds a small mark file,
//! the same bytes in every build, so a folder may be replaced only when it is empty
//! or marked: `--output ~/` is refused instead of emptied. The mark is never listed
//! as part of the site, so it is not reported, compared, zipped or served.

use std::fs;
use std::io;
use std::path::Path;

/// The mark's name inside a site folder.
pub(crate) const MARK: &str = ".briefing-output";

/// The mark's text: fixed, so two builds stay byte-identical.
const MARK_TEXT: &str = "This folder is a site built by briefing. Each build replaces all of it:\nkeep nothing of your own here.\n";

/// Names a build gives its own working folders inside an output it must fill in
/// place (see `stage`); like the mark, they are never part of the site.
pub(crate) const WORK_PREFIX: &str = ".briefing-";

/// Marks `dir` as a site folder, linking the mark of the site it replaces when that
/// holds the same text, so the mark keeps its time like every unchanged file.
pub(crate) fn put_mark(dir: &Path, replacing: &Path) -> io::Result<()> {
    let old = replacing.join(MARK);
    if fs::read(&old).is_ok_and(|bytes| bytes == MARK_TEXT.as_bytes())
        && fs::hard_link(&old, dir.join(MARK)).is_ok()
    {
        return Ok(());
    }
    fs::write(dir.join(MARK), MARK_TEXT)
}

/// Whether `dir` holds a briefing mark.
pub(crate) fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARK)).is_ok_and(|m| m.is_file())
}

/// Whether `dir` may be replaced by a build: missing, empty, or marked as a site.
pub(crate) fn is_replaceable(dir: &Path) -> io::Result<bool> {
    match fs::read_dir(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
        Ok(mut entries) => Ok(entries.next().is_none() || is_marked(dir)),
    }
}

/// Whether a top-level name in a site folder is the build's own, not the site's.
pub(crate) fn is_own_name(name: &str) -> bool {
    name.starts_with(WORK_PREFIX)
}

/// The comment every bundle's zip carries, by which an earlier bundle is recognised
/// and may be replaced; any other file of that name is the user's and is refused.
pub(crate) const BUNDLE_COMMENT: &str = "A briefing pack's site, zipped by briefing bundle.";

/// Whether the file at `path` is a zip that `bundle` made: a zip ends with its
/// comment, preceded by the comment's length.
pub(crate) fn is_bundle(path: &Path) -> bool {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let comment = BUNDLE_COMMENT.as_bytes();
    let tail_len = comment.len() + 2;
    let mut tail = vec![0; tail_len];
    let read = fs::File::open(path).and_then(|mut f| {
        f.seek(SeekFrom::End(-(tail_len as i64)))?;
        f.read_exact(&mut tail)
    });
    let length = (comment.len() as u16).to_le_bytes();
    read.is_ok() && tail[..2] == length && tail[2..] == *comment
}
