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
use crate::base::paths::slugify;
use crate::base::text::SourceText;
use walk::{Kind, content_path, walk};

pub(crate) use front_matter::{Document, parse_document};
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
    let parsed: Vec<(&String, Parsed, Diagnostics)> = files
        .par_iter()
        .map(|(rel, path, kind)| {
            let mut local = Diagnostics::new();
            let parsed = parse_file(&root, rel, path, *kind, &mut local);
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
            Parsed::SourceText(t) => pack.source_texts.push(t),
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
    SourceText(RawSourceText),
    Section(Document<SectionMeta>),
    Term(Document<TermMeta>),
    Timeline(TimelineFile),
    Asset(Asset),
    Nothing,
}

fn parse_file(
    root: &Arc<Path>,
    rel: &str,
    path: &Path,
    kind: Kind,
    diags: &mut Diagnostics,
) -> Parsed {
    match kind {
        Kind::Asset => {
            // The build copies the file; `check`, which copies nothing, must find
            // one the build could not read.
            if let Err(e) = std::fs::File::open(path) {
                let message = format!("cannot read file: {e}");
                diags.push(Diagnostic::error(
                    content_path(rel),
                    Position::FILE,
                    message,
                ));
                return Parsed::Nothing;
            }
            return Parsed::Asset(Asset {
                rel: rel.to_string(),
                file: PackFile::new(Arc::clone(root), path.to_path_buf()),
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
        Kind::SourceText => {
            let id = rel.rsplit('/').next().unwrap_or(rel);
            let id = slugify(id.strip_suffix(TEXT_SUFFIX).unwrap_or(id));
            Some(Parsed::SourceText(parse_source_text(file, id, diags)))
        }
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
