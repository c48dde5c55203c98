//! One text through the pass list, in order. The order matters: the glossary pass
//! must see headings and links while they are still pulldown-cmark tags it can skip,
//! so it runs before the passes that turn them into raw HTML.

use std::borrow::Cow;

use pulldown_cmark::{Options, Parser, TextMergeWithOffset};

use crate::config::MarkdownConfig;
use crate::markdown::input::{Env, Events, Input};
use crate::markdown::passes::{footnotes, glossary, headings, highlight, links, raw_html, safety};
use crate::markdown::rendered::{Rendered, SLOT_CLOSE, SLOT_OPEN, may_hold_slot_marks};

/// Renders one text for its page.
pub fn render(env: &Env, input: &Input) -> Rendered {
    let text = input.markdown.text();
    let text = if may_hold_slot_marks(text) {
        Cow::Owned(text.replace([SLOT_OPEN, SLOT_CLOSE], "\u{FFFD}"))
    } else {
        Cow::Borrowed(text)
    };
    let mut out = Rendered::default();
    let parser = Parser::new_ext(&text, parser_options(env.options));
    let mut events: Events = TextMergeWithOffset::new(parser.into_offset_iter()).collect();
    if !env.options.raw_html {
        raw_html::escape_raw_html(&mut events);
    }
    safety::refuse_script_links(&events, input.markdown, &mut out.diagnostics);
    if let Some(linker) = env.glossary {
        glossary::link(&mut events, linker, input, &mut out.mention_sink());
    }
    headings::heading_ids(&mut events, &mut out);
    links::rewrite_links(&mut events, env, input, &mut out);
    footnotes::footnotes(&mut events, &mut out);
    highlight::highlight_code(&mut events);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    // The buffer grew by doubling; every text is kept until the build ends.
    out.html.shrink_to_fit();
    out
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
