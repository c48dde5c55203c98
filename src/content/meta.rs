//! The front matter of each kind of page, as written: raw, before any check across
//! files. Unknown keys are refused, with a "did you mean" hint.

use crate::base::pack_files::PackFile;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct IndexMeta {
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    pub title: String,
    pub kind: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub reference: Option<String>,
    pub url: Option<Spanned<String>>,
    /// The paragraphs the extract covers, e.g. "1–7"; lets `check` report gaps.
    pub paragraphs: Option<Spanned<String>>,
    /// The licence the text is published under ("Open Parliament Licence v3.0").
    pub licence: Option<String>,
    /// Where the licence is published.
    pub licence_url: Option<Spanned<String>>,
    /// The attribution the licence asks for, shown on the source's page and in the
    /// site's footer.
    pub attribution: Option<String>,
}

/// A section's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    /// The section's title.
    pub title: String,
    /// The id of the source document it summarises.
    pub source: Spanned<String>,
    /// The paragraphs it summarises (`"9–10"`).
    pub paragraphs: Spanned<String>,
    /// Its position in the pack.
    pub order: i64,
    /// One sentence for the landing page and lists.
    pub summary: Spanned<String>,
    /// Free labels.
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermMeta {
    pub term: Spanned<String>,
    pub abbr: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub see_also: Vec<Spanned<String>>,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub cite: Vec<Spanned<CiteMeta>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiteMeta {
    pub source: String,
    pub paragraphs: String,
}

/// A file under `content/` that is not part of the pack's text (an image, a PDF):
/// copied to the same relative path in the output.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// The file, checked each time it is read.
    pub file: PackFile,
}
