//! One text through the pass list, in order. The order matters: the glossary pass
//! must see headings and links while they are still pulldown-cmark tags it can skip,
//! so it runs before the passes that turn them into raw HTML.

use pulldown_cmark::{Options, Parser, TextMergeWithOffset};

use crate::config::{MarkdownConfig, Strictness};
use crate::content::source_text::text_options;
use crate::markdown::fidelity;
use crate::markdown::input::{Env, Events, Input};
use crate::markdown::passes::{
    characters, footnote_markers, footnotes, glossary, headings, highlight, links, paragraphs,
    quotations, raw_html, safety,
};
use crate::markdown::rendered::{Rendered, RenderedText};
use crate::model::source_text::DocumentText;

/// Renders one text for its page.
pub fn render(env: &Env, input: &Input) -> Rendered {
    let text = input.markdown.text();
    let mut out = Rendered::default();
    let parser = Parser::new_ext(text, parser_options(env.options));
    let mut events: Events = TextMergeWithOffset::new(parser.into_offset_iter()).collect();
    characters::refuse_unfit_references(&events, input.markdown, &mut out.diagnostics);
    if !env.options.raw_html {
        raw_html::escape_raw_html(&mut events);
    }
    safety::refuse_script_links(&events, input.markdown, &mut out.diagnostics);
    let check = &env.site.config.check;
    let checked = check.quotations != Strictness::Off || check.copied_words > 0;
    if checked && env.sources.is_some_and(|s| !s.is_empty()) {
        let prose = quotations::read_prose(&events, text, check.copied_words);
        fidelity::check(env, input, &prose, &mut out.diagnostics);
    }
    if let Some(linker) = env.glossary {
        glossary::link(&mut events, linker, input, &mut out.mention_sink());
    }
    // Footnotes before headings: a heading's id gives way to the ids made for it.
    footnotes::footnotes(&mut events, &mut out);
    headings::heading_ids(&mut events, input.page, &mut out);
    links::rewrite_links(&mut events, env, input, &mut out);
    highlight::highlight_code(&mut events);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    // The buffer grew by doubling; every text is kept until the build ends.
    out.html.shrink_to_fit();
    out
}

/// Renders a source document's text: its words as written (no smart punctuation, no
/// glossary links, its own footnote markers), block by block.
pub(crate) fn render_source_text(env: &Env, input: &Input, text: &DocumentText) -> RenderedText {
    let mut out = Rendered::default();
    let parser = Parser::new_ext(input.markdown.text(), text_options());
    let mut events: Events = TextMergeWithOffset::new(parser.into_offset_iter()).collect();
    characters::refuse_unfit_references(&events, input.markdown, &mut out.diagnostics);
    if !env.options.raw_html {
        raw_html::escape_raw_html(&mut events);
    }
    safety::refuse_script_links(&events, input.markdown, &mut out.diagnostics);
    headings::heading_ids(&mut events, input.page, &mut out);
    links::rewrite_links(&mut events, env, input, &mut out);
    footnote_markers::mark_footnotes(&mut events);
    highlight::highlight_code(&mut events);
    let blocks = paragraphs::write_blocks(events, &text.blocks, &mut out);
    out.html.shrink_to_fit();
    RenderedText {
        rendered: out,
        blocks,
    }
}

fn parser_options(options: &MarkdownConfig) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if options.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}
