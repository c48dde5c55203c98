//! A text file of the pack, decoded once, with positions for messages.

use std::path::{Path, PathBuf};

use super::chars;
use super::diagnostics::{Diagnostic, LineIndex, Position};
use super::pack_files;

/// A text file of the pack, decoded and normalised (no byte-order mark, `\n` line
/// ends, whether it was saved with `\r\n` or `\r`).
#[derive(Debug)]
pub struct SourceText {
    /// Path relative to the pack root, used in every message.
    pub path: PathBuf,
    /// The text, without a byte-order mark and with `\n` line ends.
    pub text: String,
    lines: LineIndex,
}

impl SourceText {
    /// Reads a file of the pack whose real root is `real_root` (see
    /// [`pack_files::real_root`]), refusing anything that is not UTF-8 text or does
    /// not really lie in the pack.
    pub fn read(real_root: &Path, path: &Path) -> Result<SourceText, Diagnostic> {
        let rel = path.strip_prefix(real_root).unwrap_or(path).to_path_buf();
        let bytes =
            pack_files::read(real_root, path).map_err(|e| e.diagnostic(&rel, "this file"))?;
        Self::from_bytes(rel, bytes)
    }

    /// Decodes `bytes` read from `rel`, refusing anything that is not UTF-8 text.
    pub fn from_bytes(rel: PathBuf, bytes: Vec<u8>) -> Result<SourceText, Diagnostic> {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                let pos = LineIndex::new(&prefix).position(&prefix, valid);
                return Err(Diagnostic::error(rel, pos, "file is not valid UTF-8 text")
                    .with_hint("save the file as UTF-8"));
            }
        };
        // Copies only when something has to change: most files have no BOM and no `\r`.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        // Windows ends lines with `\r\n`, classic Mac OS with a lone `\r`: both read as
        // `\n`, so a file saved by any editor splits into the same lines.
        let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        };
        if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
            let pos = LineIndex::new(&text).position(&text, offset);
            return Err(Diagnostic::error(rel, pos, "file contains a NUL byte")
                .with_hint("this looks like a binary file; content files must be text"));
        }
        let lines = LineIndex::new(&text);
        if let Some((offset, c)) = chars::find_unfit(&text).next() {
            let count = chars::find_unfit(&text).count();
            let also = if count > 1 {
                format!(" ({count} in all)")
            } else {
                String::new()
            };
            let pos = lines.position(&text, offset);
            let message = format!("file contains {}{also}", chars::describe(c));
            return Err(Diagnostic::error(rel, pos, message).with_hint(chars::hint(c)));
        }
        Ok(SourceText {
            path: rel,
            text,
            lines,
        })
    }

    /// The line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// An error at a byte offset.
    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, self.position(offset), message)
    }

    /// A warning at a byte offset.
    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, self.position(offset), message)
    }
}
