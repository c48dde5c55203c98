//! Which texts a rebuild can take from the one before instead of rendering them.
//!
//! Rendering a text (`markdown::render`) reads its own Markdown, the page it is
//! rendered for, and a few parts of the site: the Markdown options, the glossary
//! (every entry's names and slug, and its definition, whose first sentence titles the
//! links), which content files exist and the page of each, and every source text with
//! the `[check]` options (quotations and copying are checked as it renders). It never
//! reads another text: what spans texts (anchor checks, "mentioned in", unused entries) is worked
//! out after rendering, over all of them, on every rebuild. So while those parts of the
//! site stay the same, a text whose Markdown is unchanged renders exactly as before.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::{CheckConfig, Config, LinkMode, MarkdownConfig};
use crate::markdown::{Rendered, Texts};
use crate::model::{Markdown, PageRef, Site, Term};

/// Whether every text renders on `new` as it did on `old` when its Markdown is the
/// same. The structs are taken apart field by field so that a new field fails to
/// compile here until someone decides whether rendering reads it.
pub(super) fn renders_alike(old: &Site, new: &Site) -> bool {
    site_inputs(old) == site_inputs(new)
        && (old.terms.iter().zip(&new.terms)).all(|(a, b)| entry_inputs(a) == entry_inputs(b))
}

type SiteInputs<'s> = (
    (bool, bool, LinkMode, CheckConfig),
    Vec<(&'s str, Option<&'s str>)>,
    usize,
    &'s BTreeMap<String, PageRef>,
    &'s BTreeSet<String>,
);

fn site_inputs(site: &Site) -> SiteInputs<'_> {
    let Site {
        config,
        index: _,
        sources,
        sections: _,
        terms,
        events: _,
        assets: _,
        links,
        unreadable,
        // Rendered afresh on every build, for their problems alone.
        unplaced: _,
    } = site;
    // Quotations and copying are checked against every source's text.
    let texts = (sources.iter())
        .map(|s| (s.id.as_str(), s.text.as_ref().map(|t| t.markdown.text())))
        .collect();
    (options(config), texts, terms.len(), links, unreadable)
}

fn options(config: &Config) -> (bool, bool, LinkMode, CheckConfig) {
    let Config {
        title: _,
        description: _,
        language: _,
        glossary,
        markdown,
        build: _,
        check,
    } = config;
    let MarkdownConfig {
        raw_html,
        smart_punctuation,
    } = markdown;
    (*raw_html, *smart_punctuation, glossary.link, *check)
}

type EntryInputs<'t> = (
    &'t str,
    &'t str,
    Option<&'t str>,
    &'t [String],
    bool,
    &'t str,
);

fn entry_inputs(t: &Term) -> EntryInputs<'_> {
    let Term {
        slug,
        term,
        abbr,
        aliases,
        see_also: _,
        case_sensitive,
        cites: _,
        body,
        at: _,
    } = t;
    (
        slug,
        term,
        abbr.as_deref(),
        aliases,
        *case_sensitive,
        body.text(),
    )
}

/// What `old` rendered for `page`, if `markdown` is the text it rendered there. The
/// whole file is compared, not just the text: the file's path and the text's place in
/// it are in every problem reported.
pub(super) fn earlier(
    old: &Site,
    texts: &Texts,
    page: PageRef,
    markdown: &Markdown,
) -> Option<Rendered> {
    let before = old.markdown_of(page)?;
    let same = before.file.path == markdown.file.path
        && before.position(0) == markdown.position(0)
        && before.text() == markdown.text()
        && before.file.text == markdown.file.text;
    if same { texts.of(page).cloned() } else { None }
}
