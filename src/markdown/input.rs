//! What a Markdown pass works on: the event stream of one text, the text and its
//! page, and what the passes may read of the pack.

use std::ops::Range;

use pulldown_cmark::Event;

use crate::config::MarkdownConfig;
use crate::markdown::passes::glossary::linker::Linker;
use crate::markdown::source_words::SourceWords;
use crate::model::{Markdown, PageRef, Site};

/// What the passes need to know about the pack. `serve` reuses a text's rendering
/// while the parts of the site read here stay the same (`serve::reuse`): a pass that
/// reads more of the site must be named there too.
pub struct Env<'a> {
    /// The pack.
    pub site: &'a Site,
    /// `[markdown]` options.
    pub options: &'a MarkdownConfig,
    /// The source texts' words, when quotations and copying are checked.
    pub(crate) sources: Option<&'a SourceWords<'a>>,
    /// The compiled glossary, when mentions are linked.
    pub glossary: Option<&'a Linker>,
}

impl<'a> Env<'a> {
    /// Passes for `site` with these options and glossary, and no source checks.
    pub fn new(site: &'a Site, options: &'a MarkdownConfig, glossary: Option<&'a Linker>) -> Self {
        Env {
            site,
            options,
            sources: None,
            glossary,
        }
    }
}

/// One text to render and where it will live.
pub struct Input<'a> {
    /// The text.
    pub markdown: &'a Markdown,
    /// The page this text is rendered for (for in-page links and self-links).
    pub page: PageRef,
}

/// A text as pulldown-cmark events, each with its byte range in the text.
pub type Events<'a> = Vec<(Event<'a>, Range<usize>)>;
