//! Stage 2: walk `content/`, read every file and parse its TOML front matter into
//! raw, unvalidated structs. Every problem is collected; nothing here checks references
//! between files (that is `site`'s job).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position, did_you_mean};

pub const CONTENT_DIR: &str = "content";
pub const TIMELINE_FILE: &str = "timeline.toml";
pub const INDEX_FILE: &str = "_index.md";

/// A text file of the pack, decoded and normalised (no byte-order mark, `\n` line ends).
#[derive(Debug)]
pub struct SourceText {
    /// Path relative to the pack root, used in every message.
    pub path: PathBuf,
    pub text: String,
    lines: LineIndex,
}

impl SourceText {
    /// Reads a file, refusing anything that is not UTF-8 text.
    pub fn read(root: &Path, path: &Path) -> Result<SourceText, Diagnostic> {
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error(&rel, Position::FILE, format!("cannot read file: {e}"))
        })?;
        Self::from_bytes(rel, bytes)
    }

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
        let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            text.replace("\r\n", "\n")
        } else {
            text
        };
        if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
            let pos = LineIndex::new(&text).position(&text, offset);
            return Err(Diagnostic::error(rel, pos, "file contains a NUL byte")
                .with_hint("this looks like a binary file; content files must be text"));
        }
        let lines = LineIndex::new(&text);
        Ok(SourceText {
            path: rel,
            text,
            lines,
        })
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, self.position(offset), message)
    }

    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, self.position(offset), message)
    }
}

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub title: String,
    pub source: Spanned<String>,
    pub paragraphs: Spanned<String>,
    pub order: i64,
    pub summary: String,
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

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TimelineMeta {
    #[serde(default)]
    pub event: Vec<Spanned<EventMeta>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMeta {
    pub date: Spanned<String>,
    pub end: Option<Spanned<String>>,
    pub title: Spanned<String>,
    pub body: Option<Spanned<String>>,
    #[serde(default)]
    pub sections: Vec<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub paragraphs: Option<Spanned<String>>,
    #[serde(default)]
    pub key: bool,
    pub id: Option<Spanned<String>>,
}

/// `content/timeline.toml`, parsed.
#[derive(Debug)]
pub struct TimelineFile {
    pub file: Arc<SourceText>,
    pub meta: TimelineMeta,
}

/// A file under `content/` that is not part of the pack's text (an image, a PDF):
/// copied to the same relative path in the output.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    pub path: PathBuf,
}

/// Everything read from `content/`, before any cross-file checks.
#[derive(Debug, Default)]
pub struct RawPack {
    pub index: Option<Document<IndexMeta>>,
    pub sources: Vec<Document<SourceMeta>>,
    pub sections: Vec<Document<SectionMeta>>,
    pub terms: Vec<Document<TermMeta>>,
    pub timeline: Option<TimelineFile>,
    pub assets: Vec<Asset>,
    /// Content-relative paths of pack files that failed to parse: links to them are
    /// not reported again as links to missing files.
    pub unreadable: Vec<String>,
}

/// What a file under `content/` is, decided by where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Index,
    Source,
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
        ["sources", _] if is_md => Kind::Source,
        ["sections", _] if is_md => Kind::Section,
        ["glossary", _] if is_md => Kind::Term,
        _ if is_md => Kind::StrayMarkdown,
        _ => Kind::Asset,
    }
}

/// Walks and parses `content/` under `root`.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> RawPack {
    let files = walk(root, diagnostics);
    let parsed: Vec<(&String, Parsed, Diagnostics)> = files
        .par_iter()
        .map(|(rel, path, kind)| {
            let mut local = Diagnostics::new();
            let parsed = parse_file(root, rel, path, *kind, &mut local);
            (rel, parsed, local)
        })
        .collect();
    let mut pack = RawPack::default();
    for (rel, parsed, local) in parsed {
        if local.has_errors() {
            pack.unreadable.push(rel.clone());
        }
        diagnostics.extend(local);
        match parsed {
            Parsed::Index(d) => pack.index = Some(d),
            Parsed::Source(d) => pack.sources.push(d),
            Parsed::Section(d) => pack.sections.push(d),
            Parsed::Term(d) => pack.terms.push(d),
            Parsed::Timeline(t) => pack.timeline = Some(t),
            Parsed::Asset(a) => pack.assets.push(a),
            Parsed::Nothing => {}
        }
    }
    pack
}

enum Parsed {
    Index(Document<IndexMeta>),
    Source(Document<SourceMeta>),
    Section(Document<SectionMeta>),
    Term(Document<TermMeta>),
    Timeline(TimelineFile),
    Asset(Asset),
    Nothing,
}

fn parse_file(root: &Path, rel: &str, path: &Path, kind: Kind, diags: &mut Diagnostics) -> Parsed {
    match kind {
        Kind::Asset => {
            return Parsed::Asset(Asset {
                rel: rel.to_string(),
                path: path.to_path_buf(),
            });
        }
        Kind::StrayMarkdown => {
            diags.push(
                Diagnostic::warning(content_path(rel), Position::FILE, "this file is not part of the pack and is ignored")
                    .with_hint("sections go in content/sections/, glossary entries in content/glossary/, source documents in content/sources/"),
            );
            return Parsed::Nothing;
        }
        _ => {}
    }
    let file = match SourceText::read(root, path) {
        Ok(file) => Arc::new(file),
        Err(d) => {
            diags.push(d);
            return Parsed::Nothing;
        }
    };
    let parsed = match kind {
        Kind::Index => parse_document(file, diags).map(Parsed::Index),
        Kind::Source => parse_document(file, diags).map(Parsed::Source),
        Kind::Section => parse_document(file, diags).map(Parsed::Section),
        Kind::Term => parse_document(file, diags).map(Parsed::Term),
        Kind::Timeline => parse_timeline(&file, diags).map(|meta| {
            Parsed::Timeline(TimelineFile {
                file: file.clone(),
                meta,
            })
        }),
        Kind::Asset | Kind::StrayMarkdown => None,
    };
    parsed.unwrap_or(Parsed::Nothing)
}

fn content_path(rel: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(rel)
}

/// Lists the files of `content/` in sorted order, refusing symlinks that leave the
/// pack root and reporting unreadable entries and loops.
fn walk(root: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, PathBuf, Kind)> {
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
        if entry.path_is_symlink() && !stays_inside(entry.path(), &canonical_root) {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            diagnostics.push(
                Diagnostic::error(
                    rel,
                    Position::FILE,
                    "symbolic link points outside the pack root",
                )
                .with_hint("copy the file into the pack instead of linking to it"),
            );
            // Nothing beneath a refused link is read, however much lies there.
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

/// A relative path with `/` separators, whatever the platform.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The URL slug of a file: its stem, lower-cased, with runs of anything but letters
/// and digits turned into single hyphens. Letters outside ASCII are kept.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Where the front matter and body of a Markdown file start.
struct Split {
    meta_offset: usize,
    meta_end: usize,
    body_offset: usize,
}

const FENCE: &str = "+++";

fn split_front_matter(file: &SourceText) -> Result<Split, Diagnostic> {
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
    let split = match split_front_matter(&file) {
        Ok(split) => split,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let meta_text = &file.text[split.meta_offset..split.meta_end];
    let meta = parse_toml::<M>(&file, split.meta_offset, meta_text, diags)?;
    let stem = Path::new(&file.path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let slug = slugify(&stem.unwrap_or_default());
    if slug.is_empty() {
        diags.push(
            file.error(0, "the file name gives an empty slug")
                .with_hint("name the file with at least one letter or digit"),
        );
        return None;
    }
    Some(Document {
        slug,
        meta,
        meta_offset: split.meta_offset,
        body_offset: split.body_offset,
        file,
    })
}

/// Deserialises TOML that starts at byte `offset` of `file`, reporting any error at
/// its real line and column in the file, with a "did you mean" hint for unknown keys.
pub fn parse_toml<T: DeserializeOwned>(
    file: &SourceText,
    offset: usize,
    toml_text: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    match toml::from_str::<T>(toml_text) {
        Ok(value) => Some(value),
        Err(e) => {
            diags.push(toml_diagnostic(file, offset, &e));
            None
        }
    }
}

/// A TOML parse or type error as a diagnostic at its real line and column.
fn toml_diagnostic(file: &SourceText, offset: usize, e: &toml::de::Error) -> Diagnostic {
    let at = offset + e.span().map_or(0, |s| s.start);
    let message = e.message().trim().to_string();
    let diagnostic = file.error(at, toml_message(&message));
    match toml_hint(&message) {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Reads `timeline.toml` one `[[event]]` at a time, so a broken event is reported at
/// its own table and does not hide the problems of the others.
fn parse_timeline(file: &SourceText, diags: &mut Diagnostics) -> Option<TimelineMeta> {
    let root = match toml::de::DeTable::parse(&file.text) {
        Ok(root) => root.into_inner(),
        Err(e) => {
            diags.push(toml_diagnostic(file, 0, &e));
            return None;
        }
    };
    let mut meta = TimelineMeta::default();
    for (key, value) in root {
        let items = match (key.get_ref().as_ref(), value.into_inner()) {
            ("event", toml::de::DeValue::Array(items)) => items,
            ("event", _) => {
                diags.push(
                    file.error(key.span().start, "`event` must be a list of events")
                        .with_hint("start each event with a line `[[event]]` (two brackets)"),
                );
                continue;
            }
            (other, _) => {
                diags.push(
                    file.error(key.span().start, format!("unknown field `{other}`"))
                        .with_hint("timeline.toml holds only `[[event]]` tables"),
                );
                continue;
            }
        };
        for item in items {
            let span = item.span();
            match EventMeta::deserialize(toml::de::ValueDeserializer::from(item)) {
                Ok(event) => meta.event.push(Spanned::new(span, event)),
                Err(e) => diags.push(event_diagnostic(file, &e)),
            }
        }
    }
    Some(meta)
}

fn event_diagnostic(file: &SourceText, e: &toml::de::Error) -> Diagnostic {
    let diagnostic = toml_diagnostic(file, 0, e);
    match e.message().strip_prefix("missing field `") {
        Some(rest) => {
            let field = rest.split('`').next().unwrap_or(rest);
            diagnostic.with_hint(format!("add `{field} = …` to this `[[event]]`"))
        }
        None => diagnostic,
    }
}

/// First line of the parser's message, without serde's "expected one of …" tail.
fn toml_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    let head = first.split(", expected one of").next().unwrap_or(first);
    let head = head.split(", expected `").next().unwrap_or(head);
    head.to_string()
}

fn toml_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`')?;
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        return Some(match did_you_mean(field, expected.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        });
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next()?;
        return Some(format!("add `{field} = …` to the front matter"));
    }
    if message.starts_with("invalid type") {
        return Some("check the value's type: text needs quotes, lists need [ ]".to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceText {
        SourceText::from_bytes(
            PathBuf::from("content/sections/a.md"),
            text.as_bytes().to_vec(),
        )
        .expect("valid text")
    }

    #[test]
    fn slugs_fold_case_and_punctuation() {
        assert_eq!(slugify("Reflex"), "reflex");
        assert_eq!(slugify("My  File_name"), "my-file-name");
        assert_eq!(slugify("Café crème"), "café-crème");
        assert_eq!(slugify("--"), "");
    }

    #[test]
    fn toml_errors_point_at_the_line_in_the_file() {
        let file = source("+++\ntitle = \"x\"\nsource = 3\n+++\nbody\n");
        let mut diags = Diagnostics::new();
        let doc: Option<Document<SectionMeta>> = parse_document(Arc::new(file), &mut diags);
        assert!(doc.is_none());
        let d = &diags.sorted()[0];
        assert_eq!((d.line, d.column), (3, 10), "{d}");
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let file = source("+++\ntitel = \"x\"\n+++\n");
        let mut diags = Diagnostics::new();
        let _: Option<Document<IndexMeta>> = parse_document(Arc::new(file), &mut diags);
        let d = &diags.sorted()[0];
        assert_eq!(d.message, "unknown field `titel`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!((d.line, d.column), (2, 1));
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend_from_slice(b"+++\r\ntitle = \"x\"\r\n+++\r\nHello\r\n");
        let file = SourceText::from_bytes(PathBuf::from("a.md"), bytes).expect("text");
        let mut diags = Diagnostics::new();
        let doc: Document<IndexMeta> = parse_document(Arc::new(file), &mut diags).expect("parses");
        assert_eq!(doc.body(), "Hello\n");
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let file = source("+++\ntitle = \"x\"\n");
        assert!(split_front_matter(&file).is_err());
    }

    #[test]
    fn non_utf8_is_refused_with_position() {
        let err =
            SourceText::from_bytes(PathBuf::from("a.md"), b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
    }
}
