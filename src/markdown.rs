//! Stage 4: Markdown to HTML, as small passes over pulldown-cmark's event stream:
//!
//! 1. `escape_raw_html`   — with `[markdown] raw_html = false`, raw HTML becomes text;
//! 2. `glossary::link`    — mentions of glossary terms become links (see `glossary`);
//!    it runs while headings and links are still pulldown-cmark tags it can skip;
//! 3. `heading_ids`       — every heading gets a unique id, recorded for anchor checks;
//! 4. `rewrite_links`     — links to content files become links to their pages;
//! 5. `footnotes`         — footnote references and definitions get page-local anchors;
//! 6. `highlight`         — fenced code becomes class-highlighted HTML.
//!
//! The result is HTML with *slots*: hrefs and ids that depend on where the HTML is
//! placed (a section's own page, or the one-page print edition, where every id needs a
//! prefix and every cross-link becomes an in-page anchor). The Markdown is rendered once
//! and its slots filled for each placement.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::config::MarkdownConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{Markdown, PageRef, Site};

/// Marks a slot in rendered HTML: `SLOT_OPEN index SLOT_CLOSE`. Private-use characters,
/// removed from the input first, so they can only come from here.
const SLOT_OPEN: char = '\u{E000}';
const SLOT_CLOSE: char = '\u{E001}';
/// The first byte of both slot marks in UTF-8.
const SLOT_BYTE: u8 = 0xEE;

/// A placement-dependent part of rendered HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A link to another page (or a place in it).
    Link {
        page: PageRef,
        fragment: Option<String>,
    },
    /// A link to an anchor on the same page.
    Fragment(String),
    /// An `id` attribute value defined on this page.
    Id(String),
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link whose `#fragment` must exist on the target page; checked once every page
/// has been rendered.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub target: PageRef,
    pub fragment: String,
    pub origin: Diagnostic,
}

/// The first mention of a glossary term on a page, and the id it can be reached by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub term: usize,
    pub id: String,
}

/// Rendered Markdown, waiting for its slots to be filled.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    html: String,
    slots: Vec<Slot>,
    pub headings: Vec<Heading>,
    pub anchor_checks: Vec<AnchorCheck>,
    pub mentions: Vec<Mention>,
    pub diagnostics: Diagnostics,
}

impl Rendered {
    /// The HTML with each slot replaced by the text `fill` writes for it (escaped
    /// here). `fill` writes into one buffer, reused, rather than making a string per
    /// slot: a long text has hundreds of slots.
    pub fn html(&self, mut fill: impl FnMut(&Slot, &mut String)) -> String {
        let mut out = String::with_capacity(self.html.len() + self.slots.len() * 16);
        let mut filled = String::new();
        let mut rest = self.html.as_str();
        let mut mark = [0; 4];
        let finder = memchr::memmem::Finder::new(SLOT_OPEN.encode_utf8(&mut mark).as_bytes());
        while let Some(open) = finder.find(rest.as_bytes()) {
            out.push_str(&rest[..open]);
            let after = &rest[open + SLOT_OPEN.len_utf8()..];
            let close = after.find(SLOT_CLOSE).unwrap_or(after.len());
            let index: usize = after[..close].parse().unwrap_or(usize::MAX);
            if let Some(slot) = self.slots.get(index) {
                filled.clear();
                fill(slot, &mut filled);
                escape_html(&mut out, &filled).ok();
            }
            rest = after.get(close + SLOT_CLOSE.len_utf8()..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }

    /// Every id this HTML defines (headings, footnotes, mentions), for anchor checks.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Id(id) => Some(id.as_str()),
            _ => None,
        })
    }

    fn slot(&mut self, slot: Slot) -> String {
        self.slots.push(slot);
        format!("{SLOT_OPEN}{}{SLOT_CLOSE}", self.slots.len() - 1)
    }
}

/// What the passes need to know about the pack. `serve` reuses a text's rendering
/// while the parts of the site read here stay the same (`serve::reuse`): a pass that
/// reads more of the site must be named there too.
pub struct Env<'a> {
    pub site: &'a Site,
    pub options: &'a MarkdownConfig,
    pub glossary: Option<&'a crate::glossary::Linker>,
}

/// One text to render and where it will live.
pub struct Input<'a> {
    pub markdown: &'a Markdown,
    /// The page this text is rendered for (for in-page links and self-links).
    pub page: PageRef,
}

pub type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

pub fn render(env: &Env, input: &Input) -> Rendered {
    let text = input.markdown.text();
    let text = if may_hold_slot_marks(text) {
        std::borrow::Cow::Owned(text.replace([SLOT_OPEN, SLOT_CLOSE], "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut out = Rendered::default();
    let parser = Parser::new_ext(&text, parser_options(env.options));
    let mut events: Events = TextMergeWithOffset::new(parser.into_offset_iter()).collect();
    if !env.options.raw_html {
        escape_raw_html(&mut events);
    }
    crate::safety::refuse_script_links(&events, input.markdown, &mut out.diagnostics);
    if let Some(linker) = env.glossary {
        crate::glossary::link(&mut events, linker, input, &mut out.mention_sink());
    }
    heading_ids(&mut events, &mut out);
    rewrite_links(&mut events, env, input, &mut out);
    footnotes(&mut events, &mut out);
    crate::highlight::highlight_code(&mut events);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    // The buffer grew by doubling; every text is kept until the build ends.
    out.html.shrink_to_fit();
    out
}

/// Whether `text` holds `SLOT_OPEN` or `SLOT_CLOSE`. Both are encoded starting with
/// the byte 0xEE, which one vectorised search rules out for almost every text.
fn may_hold_slot_marks(text: &str) -> bool {
    memchr::memchr(SLOT_BYTE, text.as_bytes()).is_some()
        && (text.contains(SLOT_OPEN) || text.contains(SLOT_CLOSE))
}

/// Lets the glossary pass add slots and mentions without seeing the rest of `Rendered`.
pub struct MentionSink<'r> {
    rendered: &'r mut Rendered,
}

impl MentionSink<'_> {
    pub fn id_slot(&mut self, id: String) -> String {
        self.rendered.slot(Slot::Id(id))
    }

    pub fn link_slot(&mut self, page: PageRef, fragment: Option<String>) -> String {
        self.rendered.slot(Slot::Link { page, fragment })
    }

    pub fn mention(&mut self, term: usize, id: String) {
        self.rendered.mentions.push(Mention { term, id });
    }

    pub fn warn(&mut self, diagnostic: Diagnostic) {
        self.rendered.diagnostics.push(diagnostic);
    }
}

impl Rendered {
    /// A sink for the glossary pass (also used by its benchmark).
    pub fn mention_sink(&mut self) -> MentionSink<'_> {
        MentionSink { rendered: self }
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

/// Raw HTML shown as text, for packs whose authors are not trusted with markup.
fn escape_raw_html(events: &mut Events) {
    for (event, _) in events.iter_mut() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => *event = Event::Text(html.clone()),
            _ => {}
        }
    }
}

/// Gives every heading a unique id (its text, slugified, or `{#id}` if the author set
/// one) and demotes `#` headings to `h2`: the page title is the only `h1`.
fn heading_ids(events: &mut Events, out: &mut Rendered) {
    let mut used = UniqueIds::default();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = &events[i].0
        else {
            i += 1;
            continue;
        };
        let level = (*level as u8).max(2);
        let explicit = id.as_ref().map(|id| id.to_string());
        let classes: Vec<String> = classes.iter().map(|c| c.to_string()).collect();
        let end = (i..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
            .unwrap_or(events.len() - 1);
        let text = plain_text(&events[i + 1..end]);
        let base = explicit.unwrap_or_else(|| heading_slug(&text));
        let id = unique_id(&base, &mut used);
        let slot = out.slot(Slot::Id(id.clone()));
        let mut open = format!("<h{level} id=\"{slot}\"");
        if !classes.is_empty() {
            open.push_str(" class=\"");
            escape_html(&mut open, &classes.join(" ")).ok();
            open.push('"');
        }
        open.push('>');
        events[i].0 = Event::Html(open.into());
        events[end].0 = Event::Html(format!("</h{level}>\n").into());
        out.headings.push(Heading { level, id, text });
        i = end + 1;
    }
}

fn heading_slug(text: &str) -> String {
    let slug = crate::content::slugify(text);
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// The ids taken on a page, and for each base id the next suffix worth trying, so a
/// page of many equal headings costs linear time rather than quadratic.
#[derive(Default)]
struct UniqueIds {
    used: BTreeSet<String>,
    next: BTreeMap<String, usize>,
}

/// `base` if it is free, else the first free `base-1`, `base-2`, ….
fn unique_id(base: &str, ids: &mut UniqueIds) -> String {
    if ids.used.insert(base.to_string()) {
        return base.to_string();
    }
    let n = ids.next.entry(base.to_string()).or_insert(1);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if ids.used.insert(id.clone()) {
            return id;
        }
    }
}

/// The visible text of a run of events (for heading ids and alt text).
pub fn plain_text(events: &[(Event, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Rewrites links to content files (`../glossary/soca.md#history`) into slots for
/// their pages, reporting links to files that do not exist.
fn rewrite_links(events: &mut Events, env: &Env, input: &Input, out: &mut Rendered) {
    let folder = input.markdown.folder();
    for (event, range) in events.iter_mut() {
        let Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) = event
        else {
            continue;
        };
        // Script links are reported by `safety`.
        if matches!(link_type, LinkType::Email) || crate::safety::runs_code(dest_url) {
            continue;
        }
        let origin = |out: &mut Rendered, message: String, hint: &str| {
            out.diagnostics
                .push(input.markdown.error(range.start, message).with_hint(hint));
        };
        let target = match classify_link(dest_url) {
            LinkTarget::External => continue,
            LinkTarget::Fragment(fragment) => {
                let fragment = decode_or_keep(&fragment);
                out.anchor_checks.push(AnchorCheck {
                    target: input.page,
                    fragment: fragment.clone(),
                    origin: input.markdown.error(
                        range.start,
                        format!("link to a missing anchor `#{fragment}` on this page"),
                    ),
                });
                Slot::Fragment(fragment)
            }
            LinkTarget::RootAbsolute => {
                origin(
                    out,
                    format!("link `{dest_url}` starts with `/`"),
                    "write a path relative to this file (`../sections/reflex.md`), so the site works from file:// and under any sub-path",
                );
                continue;
            }
            LinkTarget::Relative { path, fragment } => {
                let resolved = join_path(&folder, &decode_or_keep(&path));
                let Some(page) = resolved.as_ref().and_then(|p| env.site.links.get(p)) else {
                    if resolved
                        .as_ref()
                        .is_some_and(|p| env.site.unreadable.contains(p))
                    {
                        continue;
                    }
                    let shown = resolved.unwrap_or_else(|| path.clone());
                    origin(
                        out,
                        format!("link to a missing file `{path}` (content/{shown})"),
                        "link to a content file by its path relative to this file, e.g. `../glossary/soca.md`",
                    );
                    continue;
                };
                let fragment = fragment.map(|f| decode_or_keep(&f));
                if let Some(f) = &fragment {
                    out.anchor_checks.push(AnchorCheck {
                        target: *page,
                        fragment: f.clone(),
                        origin: input.markdown.error(
                            range.start,
                            format!("link to a missing anchor `#{f}` in `{path}`"),
                        ),
                    });
                }
                Slot::Link {
                    page: *page,
                    fragment,
                }
            }
        };
        let slot = out.slot(target);
        let mut html = format!("<a href=\"{slot}\"");
        if !title.is_empty() {
            html.push_str(" title=\"");
            escape_html(&mut html, title).ok();
            html.push('"');
        }
        html.push('>');
        *event = Event::InlineHtml(html.into());
    }
    // Link ends are closed generically: every End(Link) whose start became raw HTML.
    close_rewritten_links(events);
}

/// Replaces the `End(Link)` of every link opened as raw HTML with a raw `</a>`, so
/// pulldown-cmark's writer does not see an unbalanced tag.
fn close_rewritten_links(events: &mut Events) {
    let mut stack: Vec<bool> = Vec::new();
    for (event, _) in events.iter_mut() {
        match event {
            Event::Start(Tag::Link { .. }) => stack.push(false),
            Event::InlineHtml(html) if html.starts_with("<a href=\"\u{E000}") => stack.push(true),
            Event::End(TagEnd::Link) if stack.pop().unwrap_or(false) => {
                *event = Event::InlineHtml("</a>".into());
            }
            _ => {}
        }
    }
}

enum LinkTarget {
    External,
    Fragment(String),
    RootAbsolute,
    Relative {
        path: String,
        fragment: Option<String>,
    },
}

fn classify_link(url: &str) -> LinkTarget {
    if let Some(fragment) = url.strip_prefix('#') {
        return LinkTarget::Fragment(fragment.to_string());
    }
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || url.starts_with("//") {
        return LinkTarget::External;
    }
    if url.starts_with('/') {
        return LinkTarget::RootAbsolute;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or(path).to_string();
    LinkTarget::Relative { path, fragment }
}

/// `folder` + `path`, normalised; `None` if it climbs out of `content/`.
fn join_path(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// A link's path or fragment with `%XX` decoded, or as written if that is not UTF-8.
fn decode_or_keep(text: &str) -> String {
    percent_decode(text).unwrap_or_else(|| text.to_string())
}

/// `%XX` decoded; `None` if the result is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Footnotes numbered in order of first reference, with page-local anchors.
fn footnotes(events: &mut Events, out: &mut Rendered) {
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    for (event, _) in events.iter_mut() {
        match event {
            Event::FootnoteReference(name) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(name.to_string()).or_insert(next);
                let id = format!("fn-{}", heading_slug(name));
                let href = out.slot(Slot::Fragment(id));
                *event = Event::InlineHtml(
                    format!("<sup class=\"footnote-reference\"><a href=\"{href}\">{n}</a></sup>")
                        .into(),
                );
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = out.slot(Slot::Id(format!("fn-{}", heading_slug(name))));
                let n = numbers
                    .get(name.as_ref())
                    .map_or(String::new(), |n| n.to_string());
                *event = Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>\n").into(),
                );
            }
            Event::End(TagEnd::FootnoteDefinition) => *event = Event::Html("</div>\n".into()),
            _ => {}
        }
    }
}

/// Escapes text for an HTML attribute or element body.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).ok();
    out
}

/// Escapes a URL for an `href`.
pub fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    escape_href(&mut out, url).ok();
    out
}

/// Renders a one-line Markdown string (a summary, an event title) to inline HTML.
pub fn render_inline(text: &str) -> String {
    let parser = Parser::new_ext(
        text,
        Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        // Summaries have no place to report a problem: a script link loses its target.
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if crate::safety::runs_code(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: "#".into(),
            title,
            id,
        }),
        other => other,
    })
    .filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_marks_are_found_by_their_first_byte() {
        for mark in [SLOT_OPEN, SLOT_CLOSE] {
            assert_eq!(mark.to_string().as_bytes()[0], SLOT_BYTE);
            assert!(may_hold_slot_marks(&format!("text {mark} more")));
        }
        // Another character that starts with the same byte is not a mark.
        assert!(!may_hold_slot_marks("plain text, \u{E002} and café"));
    }
}

#[cfg(test)]
mod unique_id_tests {
    use super::*;

    #[test]
    fn equal_headings_get_numbered_ids() {
        let mut ids = UniqueIds::default();
        let got: Vec<String> = ["a", "a", "a-1", "a", "b"]
            .iter()
            .map(|base| unique_id(base, &mut ids))
            .collect();
        assert_eq!(got, ["a", "a-1", "a-1-1", "a-2", "b"]);
    }
}
