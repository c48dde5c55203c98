//! The base layer, under every stage and importing nothing of the crate: problems
//! and their positions, source text and the characters it may not hold, TOML with
//! positions, HTML escaping and the tags of raw HTML, the one URL-scheme parser, pack
//! paths and names, dates, eight-byte scans, and the terminal printer.

pub(crate) mod chars;
pub(crate) mod console;
pub(crate) mod date;
pub(crate) mod diagnostics;
pub(crate) mod html;
pub(crate) mod pack_files;
pub(crate) mod parse;
pub(crate) mod paths;
pub(crate) mod swar;
pub(crate) mod tags;
pub(crate) mod text;
pub(crate) mod toml_text;
pub(crate) mod toml_words;
pub(crate) mod url;
