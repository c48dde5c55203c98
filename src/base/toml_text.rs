//! A TOML text inside a file of the pack, and the key a problem in it lies under:
//! what both the parser (`parse`) and the wording of its problems (`toml_words`) need.

use std::ops::Range;

use super::diagnostics::Diagnostic;
use super::text::SourceText;

/// A TOML text inside a file: the file, and the byte offset the TOML starts at, so
/// spans from the parser become positions in the file.
#[derive(Clone, Copy)]
pub(crate) struct Toml<'a> {
    pub(crate) file: &'a SourceText,
    pub(crate) offset: usize,
}

impl Toml<'_> {
    /// The text of a span of the TOML, as written.
    pub(crate) fn slice(&self, span: &Range<usize>) -> &str {
        let start = (self.offset + span.start).min(self.file.text.len());
        let end = (self.offset + span.end).clamp(start, self.file.text.len());
        self.file.text.get(start..end).unwrap_or("")
    }

    /// The line of the TOML a span starts on, without its line end.
    pub(crate) fn line_at(&self, at: usize) -> &str {
        let text = &self.file.text;
        let start = self.offset + self.line_start(at);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        text.get(start..end).unwrap_or("")
    }

    /// Where the line holding byte `at` of the TOML starts.
    pub(crate) fn line_start(&self, at: usize) -> usize {
        let text = &self.file.text;
        let at = char_boundary(text, self.offset + at);
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(self.offset);
        start - self.offset
    }

    /// An error at a byte offset of the TOML.
    pub(crate) fn error(&self, at: usize, message: impl Into<String>) -> Diagnostic {
        self.file.error(self.offset + at, message)
    }
}

/// `at`, or the start of the character it falls inside, within `text`.
pub(crate) fn char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The key a problem's span lies under.
pub(crate) struct FoundKey {
    /// The tables down to the key, for removing it.
    pub(crate) path: Vec<String>,
    /// The innermost key, for messages (inside a list of tables, the key there).
    pub(crate) name: String,
    /// Whether the problem is one item of a list rather than the whole value.
    pub(crate) item: bool,
}
