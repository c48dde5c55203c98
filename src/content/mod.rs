//! Stage 2: walk `content/`, read every file and parse its TOML front matter into
//! raw, unvalidated structs. Every problem is collected; nothing here checks references
//! between files (that is the model's job).

pub(crate) mod front_matter;
pub(crate) mod meta;
pub(crate) mod source_text;
mod timeline;
mod walk;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::base::pack_files::{self, PackFile};
use crate::base::parse::Readable;
use crate::base::paths::slugify;
use crate::base::text::SourceText;
use walk::{Kind, content_path, walk};

pub(crate) use front_matter::{Document, file_slug, parse_document, read_document};
pub(crate) use meta::{Asset, IndexMeta, SectionMeta, SourceMeta, TermMeta};
pub(crate) use source_text::{RawSourceText, TEXT_SUFFIX, parse_source_text};
pub(crate) use timeline::{EventMeta, TimelineFile, TimelineMeta, parse_timeline};

/// Everything read from `content/`, before any cross-file checks.
#[derive(Debug, Default)]
pub struct RawPack {
    pub index: Option<Document<IndexMeta>>,
    pub sources: Vec<Document<SourceMeta>>,
    /// The texts of source documents (`<id>.text.md`), in file order.
    pub(crate) source_texts: Vec<RawSourceText>,
    pub sections: Vec<Document<SectionMeta>>,
    pub terms: Vec<Document<TermMeta>>,
    pub timeline: Option<TimelineFile>,
    pub assets: Vec<Asset>,
    /// Content-relative paths of pack files that failed to parse: links to them are
    /// not reported again as links to missing files.
    pub unreadable: Vec<String>,
    /// What the files that failed to parse would have defined.
    pub failed: Failed,
}

/// What the pages that failed to parse would have defined, by slug: references to
/// them are not reported again, and the checks that need them are skipped.
#[derive(Debug, Default)]
pub struct Failed {
    /// Source documents.
    pub sources: Vec<String>,
    /// The ids of source documents whose text (`<id>.text.md`) could not be read.
    pub texts: Vec<String>,
    /// Sections, with what could be read of their citation.
    pub sections: Vec<FailedSection>,
    /// Glossary entries.
    pub terms: Vec<String>,
}

/// A section that failed to parse, and its citation as far as it could be read.
#[derive(Debug)]
pub struct FailedSection {
    pub slug: String,
    pub source: Option<String>,
    pub paragraphs: Option<String>,
}

impl Failed {
    /// Records a page of `kind` at `rel` that failed to parse.
    fn record(&mut self, kind: Kind, rel: &str, readable: &Readable) {
        let slug = file_slug(Path::new(rel));
        match kind {
            _ if slug.is_empty() => {}
            Kind::Source => self.sources.push(slug),
            Kind::SourceText => {
                let id = rel.rsplit('/').next().unwrap_or(rel);
                self.texts
                    .push(slugify(id.strip_suffix(TEXT_SUFFIX).unwrap_or(id)));
            }
            Kind::Section => self.sections.push(FailedSection {
                slug,
                source: readable.get("source").map(str::to_string),
                paragraphs: readable.get("paragraphs").map(str::to_string),
            }),
            Kind::Term => self.terms.push(slug),
            _ => {}
        }
    }
}

/// Walks and parses `content/` under `root`.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> RawPack {
    // Every file is checked against the root as the system resolves it.
    let root: Arc<Path> = match pack_files::real_root(root) {
        Ok(real) => real.into(),
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                root,
                Position::FILE,
                format!("cannot read the pack folder: {e}"),
            ));
            return RawPack::default();
        }
    };
    let files = walk(&root, diagnostics);
    let parsed: Vec<(&String, Kind, Parsed, Diagnostics)> = files
        .par_iter()
        .map(|(rel, path, kind)| {
            let mut local = Diagnostics::new();
            let parsed = parse_file(&root, rel, path, *kind, &mut local);
            (rel, *kind, parsed, local)
        })
        .collect();
    let mut pack = RawPack::default();
    for (rel, kind, parsed, local) in parsed {
        if local.has_errors() {
            pack.unreadable.push(rel.clone());
        }
        diagnostics.extend(local);
        match parsed {
            Parsed::Index(d) => pack.index = Some(d),
            Parsed::Source(d) => pack.sources.push(d),
            Parsed::SourceText(t) => pack.source_texts.push(t),
            Parsed::Section(d) => pack.sections.push(d),
            Parsed::Term(d) => pack.terms.push(d),
            Parsed::Timeline(t) => pack.timeline = Some(t),
            Parsed::Asset(a) => pack.assets.push(a),
            Parsed::Failed(readable) => pack.failed.record(kind, rel, &readable),
            Parsed::Nothing => {}
        }
    }
    pack
}

enum Parsed {
    Index(Document<IndexMeta>),
    Source(Document<SourceMeta>),
    SourceText(RawSourceText),
    Section(Document<SectionMeta>),
    Term(Document<TermMeta>),
    Timeline(TimelineFile),
    Asset(Asset),
    /// A page that exists but could not be read, with what could be read of it.
    Failed(Readable),
    Nothing,
}

/// An asset, opened and checked as the build will copy it: `check`, which copies
/// nothing, must find one the build could not read.
fn asset(root: &Arc<Path>, rel: &str, path: &Path, diags: &mut Diagnostics) -> Parsed {
    let file = PackFile::new(Arc::clone(root), path.to_path_buf());
    if let Err(e) = file.open() {
        diags.push(e.diagnostic(&content_path(rel), "this file"));
        return Parsed::Nothing;
    }
    Parsed::Asset(Asset {
        rel: rel.to_string(),
        file,
    })
}

fn parse_file(
    root: &Arc<Path>,
    rel: &str,
    path: &Path,
    kind: Kind,
    diags: &mut Diagnostics,
) -> Parsed {
    match kind {
        Kind::Asset => return asset(root, rel, path, diags),
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
            return Parsed::Failed(Readable::default());
        }
    };
    let parsed = match kind {
        Kind::Index => read_document(file, diags).map(Parsed::Index),
        Kind::Source => read_document(file, diags).map(Parsed::Source),
        Kind::SourceText => {
            let id = rel.rsplit('/').next().unwrap_or(rel);
            let id = slugify(id.strip_suffix(TEXT_SUFFIX).unwrap_or(id));
            Ok(Parsed::SourceText(parse_source_text(file, id, diags)))
        }
        Kind::Section => read_document(file, diags).map(Parsed::Section),
        Kind::Term => read_document(file, diags).map(Parsed::Term),
        Kind::Timeline => parse_timeline(&file, diags)
            .map(|meta| {
                Parsed::Timeline(TimelineFile {
                    file: file.clone(),
                    meta,
                })
            })
            .ok_or_else(Readable::default),
        Kind::Asset | Kind::StrayMarkdown => Ok(Parsed::Nothing),
    };
    parsed.unwrap_or_else(Parsed::Failed)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::front_matter::split_front_matter;
    use super::*;
    use crate::base::paths::slugify;

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
