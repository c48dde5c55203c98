//! What the render stage makes: each file of the site as planned, then whole or to
//! be streamed.

use std::io::{self, Write};

use crate::base::pack_files::PackFile;

use crate::model::PageRef;

/// One file of the site, by what makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Planned {
    /// One of the site's own pages, or the print edition (`PageRef::Print`).
    Page(PageRef),
    /// The offline search index.
    SearchIndex,
    /// A static file of the theme, by its name there.
    Static(String),
    /// A file of `content/` published as it is: an index into the site's assets.
    Asset(usize),
}

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated.
    pub path: String,
    /// The bytes, or where to copy them from.
    pub contents: Contents,
}

/// What a file holds.
#[derive(Debug, Clone)]
pub enum Contents {
    /// Bytes made by the build.
    Bytes(Vec<u8>),
    /// A file copied as it is (an image from `content/`), checked as it is read.
    Copy(PackFile),
}

impl OutputFile {
    /// A file of made bytes.
    pub fn bytes(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(bytes),
        }
    }

    /// A file copied as it is from `from`.
    pub fn copy(path: impl Into<String>, from: PackFile) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Copy(from),
        }
    }

    /// The file's bytes (reading a copied file).
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match &self.contents {
            Contents::Bytes(b) => Ok(b.clone()),
            Contents::Copy(from) => Ok(from.read()?),
        }
    }
}

/// A file as the renderer hands it on: whole, or written piece by piece straight to
/// its destination, for the files too large to hold in memory on a large pack (the
/// print edition, the search index).
pub(crate) enum Made<'a> {
    Whole(OutputFile),
    Streamed { path: String, write: WriteFn<'a> },
}

/// Writes a streamed file to the writer it is given.
pub(crate) type WriteFn<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + Send + 'a>;

impl Made<'_> {
    pub(crate) fn path(&self) -> &str {
        match self {
            Made::Whole(file) => &file.path,
            Made::Streamed { path, .. } => path,
        }
    }

    /// The file with all its bytes in memory.
    pub(crate) fn into_file(self) -> OutputFile {
        match self {
            Made::Whole(file) => file,
            Made::Streamed { path, write } => {
                let mut bytes = Vec::new();
                // Only its writer can fail a stream, and writing to memory does not.
                let written = write(&mut bytes);
                debug_assert!(written.is_ok(), "{written:?}");
                OutputFile::bytes(path, bytes)
            }
        }
    }
}
