//! A Markdown file's TOML front matter, between `+++` lines, split from its body and
//! deserialised, with every error at its real line in the file.

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::parse::{Readable, parse_toml_or_readable};
use crate::base::paths::slugify;
use crate::base::text::SourceText;

/// A Markdown file with front matter: its parsed metadata and where its body starts.
#[derive(Debug)]
pub struct Document<M> {
    pub file: Arc<SourceText>,
    pub slug: String,
    pub meta: M,
    /// Byte offset of the front matter's first line (for spans from the TOML parser).
    pub meta_offset: usize,
    pub body_offset: usize,
}

impl<M> Document<M> {
    pub fn body(&self) -> &str {
        &self.file.text[self.body_offset..]
    }

    /// Position in the file of a span reported inside the front matter.
    pub fn meta_error<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        self.file
            .error(self.meta_offset + spanned.span().start, message)
    }
}

/// Where the front matter and body of a Markdown file start.
pub(super) struct Split {
    meta_offset: usize,
    meta_end: usize,
    body_offset: usize,
}

const FENCE: &str = "+++";

pub(super) fn split_front_matter(file: &SourceText) -> Result<Split, Diagnostic> {
    let text = &file.text;
    let hint = "start the file with a line `+++`, the TOML front matter, then another `+++` line";
    if text.trim().is_empty() {
        return Err(file.error(0, "file is empty").with_hint(hint));
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != FENCE {
        return Err(file
            .error(0, "missing front matter: the file must start with `+++`")
            .with_hint(hint));
    }
    let meta_offset = (first_end + 1).min(text.len());
    let mut line_start = meta_offset;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == FENCE {
            return Ok(Split {
                meta_offset,
                meta_end: line_start,
                body_offset: (line_end + 1).min(text.len()),
            });
        }
        line_start = line_end + 1;
    }
    Err(file
        .error(0, "front matter is never closed: no second `+++` line")
        .with_hint("end the front matter with a line that holds only `+++`"))
}

/// Splits a file's front matter from its body and deserialises it; problems go to
/// `diags`.
pub fn parse_document<M: DeserializeOwned>(
    file: Arc<SourceText>,
    diags: &mut Diagnostics,
) -> Option<Document<M>> {
    read_document(file, diags).ok()
}

/// [`parse_document`], giving what could be read of the front matter when the whole
/// could not.
pub(crate) fn read_document<M: DeserializeOwned>(
    file: Arc<SourceText>,
    diags: &mut Diagnostics,
) -> Result<Document<M>, Readable> {
    let split = split_front_matter(&file).map_err(|d| {
        diags.push(d);
        Readable::default()
    })?;
    let meta_text = &file.text[split.meta_offset..split.meta_end];
    let meta = parse_toml_or_readable::<M>(&file, split.meta_offset, meta_text, diags)?;
    let slug = file_slug(&file.path);
    if slug.is_empty() {
        diags.push(
            file.error(0, "the file name gives an empty slug")
                .with_hint("name the file with at least one letter or digit"),
        );
        return Err(Readable::default());
    }
    Ok(Document {
        slug,
        meta,
        meta_offset: split.meta_offset,
        body_offset: split.body_offset,
        file,
    })
}

/// The slug a page's file name gives it.
pub(crate) fn file_slug(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    slugify(&stem.unwrap_or_default())
}
