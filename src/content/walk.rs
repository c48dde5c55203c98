//! The files of `content/`, in sorted order, each classified by where it sits.
//! Symbolic links that leave the pack root are refused, and nothing beneath them read.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::base::paths::{
    CONTENT_DIR, INDEX_FILE, RENAME_HINT, TIMELINE_FILE, slash_path, unpublishable_name,
};
use crate::content::source_text::TEXT_SUFFIX;

/// Lists the files of `content/` in sorted order, refusing symlinks that leave the
/// pack root and reporting unreadable entries and loops.
pub(super) fn walk(root: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, PathBuf, Kind)> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                CONTENT_DIR,
                Position::FILE,
                "no content/ folder in the pack root",
            )
            .with_hint("a pack keeps its pages in content/ beside briefing.toml"),
        );
        return Vec::new();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diagnostics.push(walk_error(root, &e));
                continue;
            }
        };
        if let Some(problem) = refusal(&entry, root, &canonical_root) {
            diagnostics.push(problem);
            // Nothing beneath a refused link or name is read, however much lies there.
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&content) else {
            continue;
        };
        let rel = slash_path(rel);
        files.push((rel.clone(), entry.path().to_path_buf(), classify(&rel)));
    }
    files
}

/// Why an entry of `content/` is refused, if it is: a symbolic link that leaves the
/// pack root, or a name that cannot be published.
fn refusal(entry: &walkdir::DirEntry, root: &Path, canonical_root: &Path) -> Option<Diagnostic> {
    let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
    if entry.path_is_symlink() && !stays_inside(entry.path(), canonical_root) {
        return Some(
            Diagnostic::error(
                rel,
                Position::FILE,
                "symbolic link points outside the pack root",
            )
            .with_hint("copy the file into the pack instead of linking to it"),
        );
    }
    let message = unpublishable_name(entry.file_name())?;
    Some(Diagnostic::error(rel, Position::FILE, message).with_hint(RENAME_HINT))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~')
}

fn stays_inside(path: &Path, canonical_root: &Path) -> bool {
    path.canonicalize()
        .map(|target| target.starts_with(canonical_root))
        .unwrap_or(false)
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf());
    let path = path.unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
    if e.loop_ancestor().is_some() {
        return Diagnostic::error(path, Position::FILE, "symbolic link loop")
            .with_hint("remove the link that points back at one of its own parent folders");
    }
    let reason = e
        .io_error()
        .map_or_else(|| e.to_string(), |io| io.to_string());
    Diagnostic::error(path, Position::FILE, format!("cannot read: {reason}"))
}

/// What a file under `content/` is, decided by where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Index,
    Source,
    /// A source document's own text (`<id>.text.md`).
    SourceText,
    Section,
    Term,
    Timeline,
    Asset,
    StrayMarkdown,
}

fn classify(rel: &str) -> Kind {
    let parts: Vec<&str> = rel.split('/').collect();
    let is_md = rel.ends_with(".md");
    match parts.as_slice() {
        [INDEX_FILE] => Kind::Index,
        [TIMELINE_FILE] => Kind::Timeline,
        ["sources", name] if name.ends_with(TEXT_SUFFIX) => Kind::SourceText,
        ["sources", _] if is_md => Kind::Source,
        ["sections", _] if is_md => Kind::Section,
        ["glossary", _] if is_md => Kind::Term,
        _ if is_md => Kind::StrayMarkdown,
        _ => Kind::Asset,
    }
}

pub(super) fn content_path(rel: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(rel)
}
