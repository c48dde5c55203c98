//! The base layer, under every stage and importing nothing of the crate: problems
//! and their positions, source text, TOML with positions, HTML escaping, the one
//! URL-scheme parser, pack paths and names, dates, and eight-byte scans.

pub(crate) mod date;
pub(crate) mod diagnostics;
pub(crate) mod html;
pub(crate) mod pack_files;
pub(crate) mod parse;
pub(crate) mod paths;
pub(crate) mod swar;
pub(crate) mod text;
pub(crate) mod toml_text;
pub(crate) mod toml_words;
pub(crate) mod url;
