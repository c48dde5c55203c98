//! A Markdown text of the pack and where it came from, so problems inside it are
//! reported at their line in the file.

use std::sync::Arc;

use crate::base::diagnostics::{Diagnostic, Position};
use crate::base::paths::slash_path;
use crate::base::text::SourceText;
use crate::content::Document;

/// Markdown text and where it came from, so problems inside it can be located.
#[derive(Debug, Clone)]
pub struct Markdown {
    /// The file the text is in.
    pub file: Arc<SourceText>,
    origin: Origin,
}

#[derive(Debug, Clone)]
enum Origin {
    /// A slice of the file (a body after front matter).
    Slice { start: usize, end: usize },
    /// A TOML string value: positions inside it are reported at the value's start.
    Value { text: String, at: usize },
}

impl Markdown {
    /// The body of a file, after its front matter.
    pub fn from_body<M>(doc: &Document<M>) -> Markdown {
        Markdown {
            file: doc.file.clone(),
            origin: Origin::Slice {
                start: doc.body_offset,
                end: doc.file.text.len(),
            },
        }
    }

    /// A whole file that has no front matter (a source document's text).
    pub(crate) fn from_file(file: &Arc<SourceText>) -> Markdown {
        Markdown {
            file: file.clone(),
            origin: Origin::Slice {
                start: 0,
                end: file.text.len(),
            },
        }
    }

    /// A TOML string value written at byte `at` of `file`.
    pub fn from_value(file: &Arc<SourceText>, text: String, at: usize) -> Markdown {
        Markdown {
            file: file.clone(),
            origin: Origin::Value { text, at },
        }
    }

    /// The Markdown itself.
    pub fn text(&self) -> &str {
        match &self.origin {
            Origin::Slice { start, end } => &self.file.text[*start..*end],
            Origin::Value { text, .. } => text,
        }
    }

    /// Position in the file of a byte offset inside the Markdown text.
    pub fn position(&self, offset: usize) -> Position {
        match &self.origin {
            Origin::Slice { start, .. } => self.file.position(start + offset),
            Origin::Value { at, .. } => self.file.position(*at),
        }
    }

    /// An error at a byte offset of the text.
    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file.path, self.position(offset), message)
    }

    /// A warning at a byte offset of the text.
    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.file.path, self.position(offset), message)
    }

    /// The content-relative folder of the file, for resolving relative links.
    pub fn folder(&self) -> String {
        let rel = slash_path(&self.file.path);
        let rel = rel.strip_prefix("content/").unwrap_or(&rel);
        match rel.rsplit_once('/') {
            Some((folder, _)) => folder.to_string(),
            None => String::new(),
        }
    }
}
