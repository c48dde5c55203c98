//! Stage 5: every page of the site as bytes. Markdown is rendered once per text (in
//! parallel), cross-references are checked, then each page is laid out with Tera.
//! Every URL written is relative to the page it is on and names a file, never a
//! folder: `file://` shows a folder as a listing, and root-absolute URLs break when a
//! pack is published under a sub-path.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::glossary::Linker;
use crate::markdown::{self, Env, Input, Rendered, Slot};
use crate::output::{Made, OutputFile};
use crate::site::{Markdown, PageRef, Site};
use crate::theme::Theme;
use crate::tidy::Tidy;
use crate::timeline;

/// All rendered Markdown of the pack, indexed like the site's lists.
pub struct Texts {
    pub index: Option<Rendered>,
    pub sections: Vec<Rendered>,
    pub terms: Vec<Rendered>,
    pub sources: Vec<Rendered>,
    pub events: Vec<Rendered>,
    /// For each glossary term, the texts that mention it (sections in pack order,
    /// then events) and the index of the first such mention in each: found once, so
    /// a term's page does not scan the whole pack.
    mentioned_in: Vec<Vec<(PageRef, usize)>>,
}

/// Renders every Markdown text of the pack and collects the problems found in them.
pub fn render_texts(site: &Site, diags: &mut Diagnostics) -> Texts {
    render_texts_reusing(site, diags, &|_, _| None)
}

/// [`render_texts`], taking each text from `earlier` when it has it: a rendering of
/// the same Markdown for the same page of a site that renders texts alike (`serve`
/// keeps them between rebuilds). The checks across texts run on all of them anyway.
pub fn render_texts_reusing(
    site: &Site,
    diags: &mut Diagnostics,
    earlier: &(dyn Fn(PageRef, &Markdown) -> Option<Rendered> + Sync),
) -> Texts {
    let linker = Linker::new(&site.terms, site.config.glossary.link);
    let env = Env {
        site,
        options: &site.config.markdown,
        glossary: Some(&linker),
    };
    let one = |markdown: &Markdown, page: PageRef| {
        earlier(page, markdown).unwrap_or_else(|| markdown::render(&env, &Input { markdown, page }))
    };
    let mut texts = Texts {
        index: site.index.body.as_ref().map(|b| one(b, PageRef::Index)),
        sections: par_map(&site.sections, |i, s| one(&s.body, PageRef::Section(i))),
        terms: par_map(&site.terms, |i, t| one(&t.body, PageRef::Term(i))),
        sources: par_map(&site.sources, |i, s| {
            one(&s.description, PageRef::Source(i))
        }),
        events: par_map(&site.events, |i, e| one(&e.body, PageRef::Event(i))),
        mentioned_in: Vec::new(),
    };
    texts.mentioned_in = mention_index(site.terms.len(), &texts);
    for rendered in texts.all() {
        diags.extend(rendered.diagnostics.clone());
    }
    crate::glossary::check_unused(&site.terms, site.config.glossary.link, texts.all(), diags);
    check_anchors(site, &texts, diags);
    texts
}

fn mention_index(terms: usize, texts: &Texts) -> Vec<Vec<(PageRef, usize)>> {
    let mut index = vec![Vec::new(); terms];
    let pages = (texts.sections.iter().enumerate()).map(|(i, r)| (PageRef::Section(i), r));
    let events = (texts.events.iter().enumerate()).map(|(i, r)| (PageRef::Event(i), r));
    for (page, rendered) in pages.chain(events) {
        for (at, mention) in rendered.mentions.iter().enumerate() {
            let Some(list) = index.get_mut(mention.term) else {
                continue;
            };
            if list.last().is_none_or(|&(last, _)| last != page) {
                list.push((page, at));
            }
        }
    }
    index
}

fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    items
        .par_iter()
        .enumerate()
        .map(|(i, item)| f(i, item))
        .collect()
}

impl Texts {
    fn all(&self) -> impl Iterator<Item = &Rendered> {
        self.index
            .iter()
            .chain(&self.sections)
            .chain(&self.terms)
            .chain(&self.sources)
            .chain(&self.events)
    }

    pub(crate) fn of(&self, page: PageRef) -> Option<&Rendered> {
        match page {
            PageRef::Index => self.index.as_ref(),
            PageRef::Section(i) => self.sections.get(i),
            PageRef::Term(i) => self.terms.get(i),
            PageRef::Source(i) => self.sources.get(i),
            PageRef::Event(i) => self.events.get(i),
            _ => None,
        }
    }
}

/// Reports links whose `#fragment` names no anchor on the target page.
fn check_anchors(site: &Site, texts: &Texts, diags: &mut Diagnostics) {
    let event_ids: BTreeSet<&str> = site.events.iter().map(|e| e.id.as_str()).collect();
    // One set per target page, made on first use, so many links to a page with many
    // headings cost linear time.
    let mut page_ids: BTreeMap<PageRef, BTreeSet<&str>> = BTreeMap::new();
    for rendered in texts.all() {
        for check in &rendered.anchor_checks {
            let known = match check.target {
                PageRef::Timeline => &event_ids,
                page => page_ids.entry(page).or_insert_with(|| {
                    texts
                        .of(page)
                        .map(|t| t.ids().collect())
                        .unwrap_or_default()
                }),
            };
            if !known.contains(check.fragment.as_str()) {
                let hint = anchor_hint(&check.fragment, known);
                diags.push(check.origin.clone().with_hint(hint));
            }
        }
    }
}

/// A suggestion compares the fragment with every anchor of the page, so it is made
/// only for pages with a readable number of anchors.
fn anchor_hint(fragment: &str, known: &BTreeSet<&str>) -> String {
    const MAX_COMPARED: usize = 300;
    if known.is_empty() {
        return "that page has no headings to link to".to_string();
    }
    if known.len() > MAX_COMPARED {
        return format!("that page has {} anchors; check the spelling", known.len());
    }
    match crate::diagnostics::did_you_mean(fragment, known.iter().copied()) {
        Some(best) => format!("did you mean `#{best}`?"),
        None => {
            let list: Vec<String> = known.iter().map(|k| format!("#{k}")).collect();
            format!("anchors there: {}", list.join(", "))
        }
    }
}

/// The id an anchor defined in a text gets on the text's own page. Texts that share a
/// page (source descriptions, event bodies) get prefixes so their ids stay unique.
pub fn local_id(site: &Site, page: PageRef, id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 16);
    push_local_id(&mut out, site, page, id);
    out
}

/// [`local_id`], written at the end of `out`.
fn push_local_id(out: &mut String, site: &Site, page: PageRef, id: &str) {
    match page {
        PageRef::Source(i) => {
            out.push_str("source-");
            out.push_str(&site.sources[i].id);
            out.push('-');
        }
        PageRef::Event(i) => {
            out.push_str(&site.events[i].id);
            out.push('-');
        }
        _ => {}
    }
    out.push_str(id);
}

/// A relative URL from output file `from` to output file `to`.
pub fn relative_url(from: &str, to: &str) -> String {
    let mut url = String::with_capacity(to.len() + 16);
    push_up_to_root(&mut url, from);
    push_encoded_path(&mut url, to);
    url
}

/// `../` once for each folder `from` is in.
fn push_up_to_root(url: &mut String, from: &str) {
    for _ in 0..memchr::memchr_iter(b'/', from.as_bytes()).count() {
        url.push_str("../");
    }
}

/// Bytes that stand in a URL path as they are.
const URL_SAFE: [bool; 256] = {
    let mut safe = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        safe[b] = c.is_ascii_alphanumeric()
            || matches!(c, b'-' | b'.' | b'_' | b'~' | b'/')
            || matches!(c, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+')
            || matches!(c, b',' | b';' | b'=' | b':' | b'@');
        b += 1;
    }
    safe
};

/// Appends `path`, percent-encoding what cannot stand in a URL path as it is (spaces,
/// non-ASCII).
fn push_encoded_path(url: &mut String, path: &str) {
    if path.bytes().all(|b| URL_SAFE[usize::from(b)]) {
        url.push_str(path);
        return;
    }
    for byte in path.bytes() {
        if URL_SAFE[usize::from(byte)] {
            url.push(char::from(byte));
        } else {
            url.push('%');
            url.push(char::from(HEX[usize::from(byte >> 4)]));
            url.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// URL from page file `from` to `page`, with its anchor if it has one.
pub fn page_url(site: &Site, from: &str, page: PageRef, fragment: Option<&str>) -> String {
    let mut url = String::with_capacity(48);
    push_page_url(&mut url, site, from, page, fragment);
    url
}

/// [`page_url`], written at the end of `url`.
fn push_page_url(url: &mut String, site: &Site, from: &str, page: PageRef, fragment: Option<&str>) {
    push_up_to_root(url, from);
    let (folder, name, extension) = site.page_file_parts(page);
    for part in [folder, name, extension] {
        push_encoded_path(url, part);
    }
    match (fragment, page) {
        (Some(f), PageRef::Timeline) => {
            url.push('#');
            url.push_str(f);
        }
        (Some(f), _) => {
            url.push('#');
            push_local_id(url, site, page, f);
        }
        (None, _) => {
            if let Some(anchor) = site.page_anchor(page) {
                url.push('#');
                url.push_str(&anchor);
            }
        }
    }
}

/// Fills a text's slots for its placement on a standalone page.
pub fn on_page(site: &Site, texts_page: PageRef, file: &str, rendered: &Rendered) -> String {
    rendered.html(|slot, out| match slot {
        Slot::Link { page, fragment } => push_page_url(out, site, file, *page, fragment.as_deref()),
        Slot::Fragment(f) => {
            out.push('#');
            push_local_id(out, site, texts_page, f);
        }
        Slot::Id(id) => push_local_id(out, site, texts_page, id),
    })
}

// ----- views: what templates see -------------------------------------------------

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct LinkView {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct SectionItem {
    title: String,
    url: String,
    summary: String,
    paragraphs: String,
}

#[derive(Serialize)]
struct SourceGroup {
    title: String,
    url: String,
    sections: Vec<SectionItem>,
}

#[derive(Serialize)]
struct CitationView {
    source_title: String,
    source_url: String,
    paragraphs: String,
}

#[derive(Serialize)]
struct EventItem {
    id: String,
    date: String,
    iso: String,
    end: Option<String>,
    end_iso: Option<String>,
    title: String,
    url: String,
    body: String,
    key: bool,
    citation: Option<CitationView>,
    sections: Vec<LinkView>,
}

/// A source document as the sources page and the print edition show it; `S` is how
/// each page links to the sections that summarise it.
#[derive(Serialize)]
pub(crate) struct SourceView<S> {
    anchor: String,
    title: String,
    kind: String,
    publisher: Option<String>,
    date: Option<String>,
    reference: Option<String>,
    url: Option<String>,
    paragraphs: Option<String>,
    description: String,
    sections: Vec<S>,
}

impl<S> SourceView<S> {
    /// Source `i`'s details, with its description and section links as placed.
    pub(crate) fn new(
        site: &Site,
        i: usize,
        anchor: String,
        description: String,
        sections: Vec<S>,
    ) -> Self {
        let s = &site.sources[i];
        SourceView {
            anchor,
            title: s.title.clone(),
            kind: s.kind.clone(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
            reference: s.reference.clone(),
            url: s.url.clone(),
            paragraphs: s.paragraphs.as_ref().map(|p| p.label()),
            description,
            sections,
        }
    }
}

#[derive(Serialize)]
struct TermItem {
    id: String,
    term: String,
    abbr: Option<String>,
    aliases: Vec<String>,
    url: String,
    short: String,
    letter: String,
}

/// Renders every page of the site.
pub fn render_site(
    site: &Site,
    texts: &Texts,
    theme: &Theme,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = render_each(site, texts, theme, |made| made.into_file())?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Renders every file of the site in parallel and hands each to `each` as soon as it
/// is made, so a caller that writes it out need not hold the whole site in memory.
/// `each` sees the files in no fixed order; a page that fails to render is not
/// handed on, and then the problems are returned instead of the results.
pub fn render_each<R: Send>(
    site: &Site,
    texts: &Texts,
    theme: &Theme,
    each: impl Fn(Made<'_>) -> R + Sync,
) -> Result<Vec<R>, Diagnostics> {
    let tera = theme.compiled()?;
    let (print, pages): (Vec<PageRef>, Vec<PageRef>) = page_list(site)
        .into_iter()
        .partition(|&p| p == PageRef::Print);
    // The two largest files, the search index and the print edition, are streamed
    // one after the other while the pages are rendered.
    let (mut results, (search_index, printed)) = rayon::join(
        || -> Vec<Result<R, Diagnostic>> {
            (pages.par_iter())
                .map(|&page| render_page(tera, theme, site, texts, page))
                .map(|page| page.map(|file| each(Made::Whole(file))))
                .collect()
        },
        || {
            let search_index = each(Made::Streamed {
                path: crate::search::INDEX_FILE.into(),
                write: Box::new(|out| crate::search::write_index(site, out)),
            });
            let printed: Vec<Result<R, Diagnostic>> = (print.iter())
                .map(|_| crate::print::render(tera, theme, site, texts).map(&each))
                .collect();
            (search_index, printed)
        },
    );
    results.extend(printed);
    let mut done = Vec::with_capacity(results.len() + theme.statics.len() + 1);
    let mut problems = Diagnostics::new();
    for result in results {
        match result {
            Ok(r) => done.push(r),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    done.push(search_index);
    for (name, bytes) in &theme.statics {
        done.push(each(Made::Whole(OutputFile::bytes(
            format!("assets/{name}"),
            bytes.clone(),
        ))));
    }
    for asset in &site.assets {
        done.push(each(Made::Whole(OutputFile::copy(
            asset.rel.clone(),
            asset.path.clone(),
        ))));
    }
    Ok(done)
}

pub(crate) fn page_list(site: &Site) -> Vec<PageRef> {
    let mut pages = vec![
        PageRef::Index,
        PageRef::Sources,
        PageRef::Glossary,
        PageRef::Timeline,
        PageRef::Print,
    ];
    pages.extend((0..site.sections.len()).map(PageRef::Section));
    pages.extend((0..site.terms.len()).map(PageRef::Term));
    pages
}

/// Parses every template of the theme; a broken template stops the build at once,
/// naming the template and line.
pub fn load_templates(theme: &Theme) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's own escaper also escapes `/`, which makes every URL hard to read.
    tera.set_escape_fn(escape_for_template);
    let templates: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    tera.add_raw_templates(templates).map_err(|e| {
        let mut diags = Diagnostics::new();
        diags.push(theme.template_error(&e, None));
        diags
    })?;
    Ok(tera)
}

fn escape_for_template(text: &str) -> String {
    markdown::escape(text)
}

/// Adds a value to `ctx` without the deep copy `Context::insert` makes: a section's
/// body, or the thousands of sections of a large pack's print edition.
pub(crate) fn insert_owned(ctx: &mut Context, key: &str, value: serde_json::Value) {
    let mut map = serde_json::Map::new();
    map.insert(key.to_string(), value);
    if let Ok(owned) = Context::from_value(serde_json::Value::Object(map)) {
        ctx.extend(owned);
    }
}

pub(crate) fn base_context(site: &Site, file: &str, title: &str, current: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert(
        "site",
        &SiteView {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
        },
    );
    ctx.insert("root", &"../".repeat(file.matches('/').count()));
    ctx.insert("page_title", title);
    ctx.insert("current", current);
    ctx.insert("has_timeline", &!site.events.is_empty());
    ctx
}

pub(crate) fn render_page(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    texts: &Texts,
    page: PageRef,
) -> Result<OutputFile, Diagnostic> {
    let file = site.page_file(page);
    let (template, ctx) = match page {
        PageRef::Index => ("index.html", index_context(site, texts, &file)),
        PageRef::Section(i) => ("section.html", section_context(site, texts, &file, i)),
        PageRef::Sources => ("sources.html", sources_context(site, texts, &file)),
        PageRef::Glossary => ("glossary.html", glossary_context(site, &file)),
        PageRef::Term(i) => ("term.html", term_context(site, texts, &file, i)),
        PageRef::Timeline => ("timeline.html", timeline_context(site, texts, &file)),
        _ => unreachable!("the print edition is streamed, and assets are not pages"),
    };
    let mut tidy = Tidy::new(Vec::new());
    tera.render_to(template, &ctx, &mut tidy)
        .map_err(|e| theme.template_error(&e, Some(template)))?;
    // Writing to a `Vec` cannot fail.
    let bytes = tidy.finish().unwrap_or_default();
    Ok(OutputFile::bytes(file, bytes))
}

fn section_item(site: &Site, from: &str, i: usize) -> SectionItem {
    let s = &site.sections[i];
    SectionItem {
        title: s.title.clone(),
        url: page_url(site, from, PageRef::Section(i), None),
        summary: markdown::render_inline(&s.summary),
        paragraphs: s.paragraphs.label(),
    }
}

fn citation_view(site: &Site, from: &str, cite: &crate::site::Citation) -> CitationView {
    CitationView {
        source_title: site.sources[cite.source].title.clone(),
        source_url: page_url(site, from, PageRef::Source(cite.source), None),
        paragraphs: if cite.paragraphs.ranges.is_empty() {
            String::new()
        } else {
            cite.paragraphs.label()
        },
    }
}

fn index_context(site: &Site, texts: &Texts, file: &str) -> Context {
    let mut ctx = base_context(site, file, &site.index.title, "index");
    let intro = texts
        .index
        .as_ref()
        .map(|r| on_page(site, PageRef::Index, file, r));
    ctx.insert("intro", &intro.unwrap_or_default());
    ctx.insert("title", &site.index.title);
    let groups: Vec<SourceGroup> = site
        .sources
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.sections.is_empty())
        .map(|(i, s)| SourceGroup {
            title: s.title.clone(),
            url: page_url(site, file, PageRef::Source(i), None),
            sections: s
                .sections
                .iter()
                .map(|&j| section_item(site, file, j))
                .collect(),
        })
        .collect();
    ctx.insert("groups", &groups);
    let key_events: Vec<EventItem> = (0..site.events.len())
        .filter(|&i| site.events[i].key)
        .map(|i| event_item(site, texts, file, i))
        .collect();
    ctx.insert("key_events", &key_events);
    ctx
}

fn section_context(site: &Site, texts: &Texts, file: &str, i: usize) -> Context {
    let s = &site.sections[i];
    let mut ctx = base_context(site, file, &s.title, "sections");
    ctx.insert("title", &s.title);
    ctx.insert("summary", &markdown::render_inline(&s.summary));
    ctx.insert("tags", &s.tags);
    ctx.insert(
        "citation",
        &CitationView {
            source_title: site.sources[s.source].title.clone(),
            source_url: page_url(site, file, PageRef::Source(s.source), None),
            paragraphs: s.paragraphs.label(),
        },
    );
    let body = on_page(site, PageRef::Section(i), file, &texts.sections[i]);
    insert_owned(&mut ctx, "body", body.into());
    let neighbour = |j: usize| LinkView {
        title: site.sections[j].title.clone(),
        url: page_url(site, file, PageRef::Section(j), None),
    };
    ctx.insert("prev", &i.checked_sub(1).map(neighbour));
    ctx.insert(
        "next",
        &(i + 1 < site.sections.len()).then(|| neighbour(i + 1)),
    );
    let events: Vec<EventItem> = s
        .events
        .iter()
        .map(|&e| event_item(site, texts, file, e))
        .collect();
    ctx.insert("events", &events);
    ctx
}

fn sources_context(site: &Site, texts: &Texts, file: &str) -> Context {
    let mut ctx = base_context(site, file, "Sources", "sources");
    let sources: Vec<SourceView<SectionItem>> = (0..site.sources.len())
        .map(|i| {
            let sections = site.sources[i]
                .sections
                .iter()
                .map(|&j| section_item(site, file, j));
            SourceView::new(
                site,
                i,
                site.page_anchor(PageRef::Source(i)).unwrap_or_default(),
                on_page(site, PageRef::Source(i), file, &texts.sources[i]),
                sections.collect(),
            )
        })
        .collect();
    ctx.insert("sources", &sources);
    ctx
}

fn glossary_context(site: &Site, file: &str) -> Context {
    let mut ctx = base_context(site, file, "Glossary", "glossary");
    let terms: Vec<TermItem> = site
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| TermItem {
            id: format!("term-{}", t.slug),
            term: t.term.clone(),
            abbr: t.abbr.clone(),
            aliases: t.aliases.clone(),
            url: page_url(site, file, PageRef::Term(i), None),
            short: first_sentence(t.body.text()),
            letter: initial(&t.term),
        })
        .collect();
    #[derive(Serialize)]
    struct Letter {
        letter: String,
        terms: Vec<TermItem>,
    }
    let mut letters: BTreeMap<String, Vec<TermItem>> = BTreeMap::new();
    for term in terms {
        letters.entry(term.letter.clone()).or_default().push(term);
    }
    // The index shows the whole alphabet, so a missing letter reads as "no entries"
    // rather than as a gap; initials outside A–Z follow Z.
    #[derive(Serialize)]
    struct IndexLetter {
        letter: String,
        present: bool,
    }
    let mut alphabet: BTreeSet<String> = ('A'..='Z').map(String::from).collect();
    alphabet.extend(letters.keys().cloned());
    let index: Vec<IndexLetter> = alphabet
        .into_iter()
        .map(|letter| IndexLetter {
            present: letters.contains_key(&letter),
            letter,
        })
        .collect();
    ctx.insert("index", &index);
    ctx.insert("count", &site.terms.len());
    let letters: Vec<Letter> = letters
        .into_iter()
        .map(|(letter, terms)| Letter { letter, terms })
        .collect();
    ctx.insert("letters", &letters);
    ctx
}

fn term_context(site: &Site, texts: &Texts, file: &str, i: usize) -> Context {
    let t = &site.terms[i];
    let mut ctx = base_context(site, file, &t.term, "glossary");
    ctx.insert("term", &t.term);
    ctx.insert("abbr", &t.abbr);
    ctx.insert("aliases", &t.aliases);
    ctx.insert(
        "body",
        &on_page(site, PageRef::Term(i), file, &texts.terms[i]),
    );
    let cites: Vec<CitationView> = t
        .cites
        .iter()
        .map(|c| citation_view(site, file, c))
        .collect();
    ctx.insert("cites", &cites);
    let see_also: Vec<LinkView> = t
        .see_also
        .iter()
        .map(|&j| LinkView {
            title: site.terms[j].term.clone(),
            url: page_url(site, file, PageRef::Term(j), None),
        })
        .collect();
    ctx.insert("see_also", &see_also);
    ctx.insert("mentioned_in", &mentions_of(site, texts, file, i));
    ctx
}

/// Sections, then timeline events, that mention term `term`, each linking to the
/// first mention on its page.
fn mentions_of(site: &Site, texts: &Texts, file: &str, term: usize) -> Vec<LinkView> {
    let mentions = texts.mentioned_in.get(term).map_or(&[][..], Vec::as_slice);
    let mut links = Vec::with_capacity(mentions.len());
    for &(page, at) in mentions {
        let (title, rendered) = match page {
            PageRef::Section(i) => (site.sections[i].title.clone(), &texts.sections[i]),
            PageRef::Event(i) => {
                let e = &site.events[i];
                (format!("{} ({})", e.title, e.date), &texts.events[i])
            }
            _ => continue,
        };
        links.push(LinkView {
            title,
            url: page_url(site, file, page, Some(&rendered.mentions[at].id)),
        });
    }
    links
}

fn timeline_context(site: &Site, texts: &Texts, file: &str) -> Context {
    let mut ctx = base_context(site, file, "Timeline", "timeline");
    let mut years: BTreeMap<i32, Vec<EventItem>> = BTreeMap::new();
    for i in 0..site.events.len() {
        years
            .entry(site.events[i].date.year)
            .or_default()
            .push(event_item(site, texts, file, i));
    }
    #[derive(Serialize)]
    struct Year {
        year: i32,
        events: Vec<EventItem>,
    }
    let years: Vec<Year> = years
        .into_iter()
        .map(|(year, events)| Year { year, events })
        .collect();
    ctx.insert("years", &years);
    let marks: Vec<timeline::Mark> = site.events.iter().map(timeline::Mark::from).collect();
    ctx.insert("chart", &timeline::chart(&marks));
    ctx
}

fn event_item(site: &Site, texts: &Texts, file: &str, i: usize) -> EventItem {
    let e = &site.events[i];
    EventItem {
        id: e.id.clone(),
        date: e.date.to_string(),
        iso: e.date.iso(),
        end: e.end.map(|d| d.to_string()),
        end_iso: e.end.map(|d| d.iso()),
        title: e.title.clone(),
        url: page_url(site, file, PageRef::Event(i), None),
        body: on_page(site, PageRef::Event(i), file, &texts.events[i]),
        key: e.key,
        citation: e.cite.as_ref().map(|c| citation_view(site, file, c)),
        sections: e
            .sections
            .iter()
            .map(|&s| LinkView {
                title: site.sections[s].title.clone(),
                url: page_url(site, file, PageRef::Section(s), None),
            })
            .collect(),
    }
}

/// The first sentence of a Markdown text, as plain text: the short definition.
pub fn first_sentence(markdown_text: &str) -> String {
    let events: Vec<_> = pulldown_cmark::Parser::new(markdown_text)
        .take_while(|e| {
            !matches!(
                e,
                pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph)
            )
        })
        .map(|e| (e, 0..0))
        .collect();
    let text = markdown::plain_text(&events);
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|&(i, c)| c == '.' && (text[i + 1..].starts_with(' ') || i + 1 == text.len()))
        .map_or(text.len(), |(i, _)| i + 1);
    text[..end].to_string()
}

fn initial(term: &str) -> String {
    term.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_else(|| "#".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_relative_and_name_files() {
        assert_eq!(
            relative_url("index.html", "sections/a.html"),
            "sections/a.html"
        );
        assert_eq!(
            relative_url("sections/a.html", "index.html"),
            "../index.html"
        );
        assert_eq!(
            relative_url("sections/a.html", "sections/café b.html"),
            "../sections/caf%C3%A9%20b.html"
        );
    }

    fn mentioning(terms: &[usize]) -> Rendered {
        let mut rendered = Rendered::default();
        rendered.mentions = terms
            .iter()
            .enumerate()
            .map(|(n, &term)| markdown::Mention {
                term,
                id: format!("m{n}"),
            })
            .collect();
        rendered
    }

    #[test]
    fn mention_index_lists_first_mentions_sections_then_events() {
        let texts = Texts {
            index: None,
            sections: vec![mentioning(&[1, 0, 1]), mentioning(&[]), mentioning(&[1, 7])],
            terms: Vec::new(),
            sources: Vec::new(),
            events: vec![mentioning(&[0, 0])],
            mentioned_in: Vec::new(),
        };
        let index = mention_index(2, &texts);
        assert_eq!(
            index,
            [
                vec![(PageRef::Section(0), 1), (PageRef::Event(0), 0)],
                vec![(PageRef::Section(0), 0), (PageRef::Section(2), 0)],
            ]
        );
    }

    #[test]
    fn first_sentence_stops_at_a_full_stop() {
        assert_eq!(first_sentence("The *agency*. More text."), "The agency.");
        assert_eq!(first_sentence("No stop here"), "No stop here");
    }
}
