//! Stage 3: the validated model of a pack. Checks every reference between files
//! (section → source, see-also → term, event → section), fixes the order of
//! everything that will be listed, and reports every problem found.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::sync::Arc;

use toml::Spanned;

use crate::config::Config;
use crate::content::{self, Asset, Document, INDEX_FILE, RawPack, SourceText, TIMELINE_FILE};
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, did_you_mean};

/// The whole pack, validated and in reading order.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub index: Index,
    /// Source documents, in the order their first section appears.
    pub sources: Vec<Source>,
    /// Sections in pack order (`order`, then slug).
    pub sections: Vec<Section>,
    /// Glossary entries, A–Z by term.
    pub terms: Vec<Term>,
    /// Timeline events by date; events on the same date keep their order in the file.
    pub events: Vec<Event>,
    pub assets: Vec<Asset>,
    /// Content-relative path of every linkable file (`sections/reflex.md`) → its page.
    pub links: BTreeMap<String, PageRef>,
    /// Files that exist but failed to parse (already reported).
    pub unreadable: BTreeSet<String>,
}

/// An output page, or a place in one, that content can link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageRef {
    Index,
    Section(usize),
    Term(usize),
    /// A source document's entry on the sources page.
    Source(usize),
    Sources,
    Glossary,
    Timeline,
    /// An event's entry on the timeline page.
    Event(usize),
    Asset(usize),
    Print,
}

/// Markdown text and where it came from, so problems inside it can be located.
#[derive(Debug, Clone)]
pub struct Markdown {
    pub file: Arc<SourceText>,
    origin: Origin,
}

#[derive(Debug, Clone)]
enum Origin {
    /// A slice of the file (a body after front matter).
    Slice { start: usize, end: usize },
    /// A TOML string value: positions inside it are reported at the value's start.
    Value { text: String, at: usize },
}

impl Markdown {
    pub fn from_body<M>(doc: &Document<M>) -> Markdown {
        Markdown {
            file: doc.file.clone(),
            origin: Origin::Slice {
                start: doc.body_offset,
                end: doc.file.text.len(),
            },
        }
    }

    pub fn from_value(file: &Arc<SourceText>, text: String, at: usize) -> Markdown {
        Markdown {
            file: file.clone(),
            origin: Origin::Value { text, at },
        }
    }

    pub fn text(&self) -> &str {
        match &self.origin {
            Origin::Slice { start, end } => &self.file.text[*start..*end],
            Origin::Value { text, .. } => text,
        }
    }

    /// Position in the file of a byte offset inside the Markdown text.
    pub fn position(&self, offset: usize) -> Position {
        match &self.origin {
            Origin::Slice { start, .. } => self.file.position(start + offset),
            Origin::Value { at, .. } => self.file.position(*at),
        }
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file.path, self.position(offset), message)
    }

    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.file.path, self.position(offset), message)
    }

    /// The content-relative folder of the file, for resolving relative links.
    pub fn folder(&self) -> String {
        let rel = content::slash_path(&self.file.path);
        let rel = rel.strip_prefix("content/").unwrap_or(&rel);
        match rel.rsplit_once('/') {
            Some((folder, _)) => folder.to_string(),
            None => String::new(),
        }
    }
}

#[derive(Debug)]
pub struct Index {
    pub title: String,
    pub body: Option<Markdown>,
}

#[derive(Debug)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub reference: Option<String>,
    pub url: Option<String>,
    pub paragraphs: Option<Paragraphs>,
    pub description: Markdown,
    /// Sections that summarise this document, in pack order.
    pub sections: Vec<usize>,
}

#[derive(Debug)]
pub struct Section {
    pub slug: String,
    pub title: String,
    pub source: usize,
    pub paragraphs: Paragraphs,
    pub order: i64,
    pub summary: String,
    pub tags: Vec<String>,
    pub body: Markdown,
    /// Timeline events that cite this section, in timeline order.
    pub events: Vec<usize>,
}

#[derive(Debug)]
pub struct Term {
    pub slug: String,
    pub term: String,
    pub abbr: Option<String>,
    pub aliases: Vec<String>,
    pub see_also: Vec<usize>,
    pub case_sensitive: bool,
    pub cites: Vec<Citation>,
    pub body: Markdown,
    /// Where the `term` value is written, for messages about the whole entry.
    pub at: Position,
}

#[derive(Debug, Clone)]
pub struct Citation {
    pub source: usize,
    pub paragraphs: Paragraphs,
}

#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub title: String,
    pub body: Markdown,
    pub sections: Vec<usize>,
    pub cite: Option<Citation>,
    pub key: bool,
}

/// Paragraph numbers as written ("9–10", "1, 3"), parsed into ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraphs {
    pub ranges: Vec<RangeInclusive<u32>>,
}

impl Paragraphs {
    pub fn parse(text: &str) -> Result<Paragraphs, String> {
        let hint = "write paragraphs as \"3\", \"9–10\" or \"1, 3–4\"";
        let mut ranges = Vec::new();
        for part in text.split(',').map(str::trim) {
            let (first, last) = match part.split_once(['–', '-', '—']) {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (part, part),
            };
            let (Ok(first), Ok(last)) = (first.parse::<u32>(), last.parse::<u32>()) else {
                return Err(format!(
                    "`{text}` is not a list of paragraph numbers; {hint}"
                ));
            };
            if last < first {
                return Err(format!("`{part}` runs backwards; {hint}"));
            }
            ranges.push(first..=last);
        }
        Ok(Paragraphs { ranges })
    }

    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.ranges.iter().flat_map(|r| r.clone())
    }

    fn count(&self) -> usize {
        self.ranges
            .iter()
            .map(|r| (r.end() - r.start() + 1) as usize)
            .sum()
    }

    /// "paragraph 3" or "paragraphs 9–10".
    pub fn label(&self) -> String {
        let noun = if self.count() == 1 {
            "paragraph"
        } else {
            "paragraphs"
        };
        format!("{noun} {self}")
    }
}

impl std::fmt::Display for Paragraphs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .ranges
            .iter()
            .map(|r| match r.start() == r.end() {
                true => r.start().to_string(),
                false => format!("{}–{}", r.start(), r.end()),
            })
            .collect();
        f.write_str(&parts.join(", "))
    }
}

impl Site {
    /// The output file of a page, relative to the output root, `/`-separated.
    pub fn page_file(&self, page: PageRef) -> String {
        let (folder, name, extension) = self.page_file_parts(page);
        [folder, name, extension].concat()
    }

    /// [`Site::page_file`] in three parts, folder, name and extension, so a URL can be
    /// made without first making the path.
    pub fn page_file_parts(&self, page: PageRef) -> (&'static str, &str, &'static str) {
        match page {
            PageRef::Index => ("", "index.html", ""),
            PageRef::Section(i) => ("sections/", &self.sections[i].slug, ".html"),
            PageRef::Term(i) => ("glossary/", &self.terms[i].slug, ".html"),
            PageRef::Source(_) | PageRef::Sources => ("", "sources.html", ""),
            PageRef::Glossary => ("", "glossary.html", ""),
            PageRef::Timeline | PageRef::Event(_) => ("", "timeline.html", ""),
            PageRef::Asset(i) => ("", &self.assets[i].rel, ""),
            PageRef::Print => ("", "print.html", ""),
        }
    }

    /// The Markdown text behind `page`, for the pages that are texts.
    pub fn markdown_of(&self, page: PageRef) -> Option<&Markdown> {
        match page {
            PageRef::Index => self.index.body.as_ref(),
            PageRef::Section(i) => self.sections.get(i).map(|s| &s.body),
            PageRef::Term(i) => self.terms.get(i).map(|t| &t.body),
            PageRef::Source(i) => self.sources.get(i).map(|s| &s.description),
            PageRef::Event(i) => self.events.get(i).map(|e| &e.body),
            _ => None,
        }
    }

    /// The anchor a reference points at inside its page, if any.
    pub fn page_anchor(&self, page: PageRef) -> Option<String> {
        match page {
            PageRef::Source(i) => Some(format!("source-{}", self.sources[i].id)),
            PageRef::Event(i) => Some(self.events[i].id.clone()),
            _ => None,
        }
    }
}

/// Builds the validated model from the raw files; problems go to `diags`.
pub fn build(config: Config, raw: RawPack, diags: &mut Diagnostics) -> Site {
    let RawPack {
        index,
        sources,
        sections,
        terms,
        timeline,
        assets,
        mut unreadable,
    } = raw;
    let index = build_index(&config, index);
    let sources = unique_slugs(sources, "source document", &mut unreadable, diags);
    let sections = unique_slugs(sections, "section", &mut unreadable, diags);
    let terms = unique_slugs(terms, "glossary entry", &mut unreadable, diags);
    crate::glossary::check_claims(&terms, diags);
    let parsed: Vec<String> = (sections.iter().map(|d| content_rel(&d.file)))
        .chain(terms.iter().map(|d| content_rel(&d.file)))
        .collect();

    let mut sources = build_sources(sources, diags);
    let source_ids: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
    let mut sections = build_sections(sections, &source_ids, diags);
    sections.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    // Renumber sources so they appear in the order of their first section.
    let source_order = order_sources(&sources, &sections);
    sources = reorder(sources, &source_order);
    let remap: Vec<usize> = invert(&source_order);
    for section in &mut sections {
        section.source = remap[section.source];
    }
    for (i, section) in sections.iter().enumerate() {
        sources[section.source].sections.push(i);
    }
    check_coverage(&sources, &sections, diags);

    let source_ids: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
    let section_slugs: Vec<String> = sections.iter().map(|s| s.slug.clone()).collect();
    let terms = build_terms(terms, &source_ids, diags);
    let events = match &timeline {
        Some(t) => build_events(t, &source_ids, &section_slugs, diags),
        None => Vec::new(),
    };
    for (i, event) in events.iter().enumerate() {
        for &s in &event.sections {
            sections[s].events.push(i);
        }
    }
    let mut site = Site {
        config,
        index,
        sources,
        sections,
        terms,
        events,
        assets,
        links: BTreeMap::new(),
        unreadable: unreadable.into_iter().collect(),
    };
    site.links = link_table(&site, timeline.is_some());
    // Files dropped for a problem already reported: links to them are not reported again.
    let dropped = parsed.into_iter().filter(|p| !site.links.contains_key(p));
    site.unreadable.extend(dropped);
    site
}

/// A pack file's path relative to `content/`, `/`-separated.
fn content_rel(file: &SourceText) -> String {
    let rel = content::slash_path(&file.path);
    rel.strip_prefix("content/").unwrap_or(&rel).to_string()
}

fn build_index(config: &Config, index: Option<Document<content::IndexMeta>>) -> Index {
    match index {
        Some(doc) => Index {
            title: doc
                .meta
                .title
                .clone()
                .unwrap_or_else(|| config.title.clone()),
            body: Some(Markdown::from_body(&doc)),
        },
        None => Index {
            title: config.title.clone(),
            body: None,
        },
    }
}

/// Drops documents whose slug another file already took, reporting both files. The
/// dropped file joins `unreadable`, so links to it are not reported a second time.
fn unique_slugs<M>(
    docs: Vec<Document<M>>,
    what: &str,
    unreadable: &mut Vec<String>,
    diags: &mut Diagnostics,
) -> Vec<Document<M>> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut kept = Vec::with_capacity(docs.len());
    for doc in docs {
        let path = content::slash_path(&doc.file.path);
        if let Some(first) = seen.get(&doc.slug) {
            diags.push(
                doc.file
                    .error(0, format!("{what} `{}` is defined twice: here and in {first}", doc.slug))
                    .with_hint("file names that differ only in case or punctuation give the same page; rename one"),
            );
            unreadable.push(path.strip_prefix("content/").unwrap_or(&path).to_string());
            continue;
        }
        seen.insert(doc.slug.clone(), path);
        kept.push(doc);
    }
    kept
}

fn build_sources(docs: Vec<Document<content::SourceMeta>>, diags: &mut Diagnostics) -> Vec<Source> {
    docs.into_iter()
        .map(|doc| {
            let paragraphs = doc
                .meta
                .paragraphs
                .as_ref()
                .and_then(|p| parse_paragraphs_at(&doc, p, diags));
            if let Some(url) = &doc.meta.url
                && crate::safety::runs_code(url.get_ref())
            {
                let message = crate::safety::message(url.get_ref());
                diags.push(doc.meta_error(url, message).with_hint(crate::safety::HINT));
            }
            let description = Markdown::from_body(&doc);
            let meta = doc.meta;
            Source {
                id: doc.slug,
                title: meta.title,
                kind: meta.kind,
                publisher: meta.publisher,
                date: meta.date,
                reference: meta.reference,
                url: meta.url.map(Spanned::into_inner),
                paragraphs,
                description,
                sections: Vec::new(),
            }
        })
        .collect()
}

fn parse_paragraphs_at<M>(
    doc: &Document<M>,
    value: &Spanned<String>,
    diags: &mut Diagnostics,
) -> Option<Paragraphs> {
    match Paragraphs::parse(value.get_ref()) {
        Ok(p) => Some(p),
        Err(message) => {
            diags.push(doc.meta_error(value, message));
            None
        }
    }
}

/// Finds `id` among `known`, or reports it with the closest match as a hint.
fn resolve(
    id: &str,
    known: &[String],
    what: &str,
    error: impl FnOnce(String) -> Diagnostic,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some(i) = known.iter().position(|k| k == id) {
        return Some(i);
    }
    let mut diagnostic = error(format!("unknown {what} `{id}`"));
    diagnostic = match did_you_mean(id, known.iter().map(String::as_str)) {
        Some(best) => diagnostic.with_hint(format!("did you mean `{best}`?")),
        None if known.is_empty() => diagnostic.with_hint(format!("the pack has no {what} yet")),
        None => diagnostic.with_hint(format!("known: {}", known.join(", "))),
    };
    diags.push(diagnostic);
    None
}

fn build_sections(
    docs: Vec<Document<content::SectionMeta>>,
    source_ids: &[String],
    diags: &mut Diagnostics,
) -> Vec<Section> {
    let mut sections = Vec::with_capacity(docs.len());
    for doc in docs {
        let source = resolve(
            doc.meta.source.get_ref(),
            source_ids,
            "source document",
            |m| doc.meta_error(&doc.meta.source, m),
            diags,
        );
        let paragraphs = parse_paragraphs_at(&doc, &doc.meta.paragraphs, diags);
        if doc.body().trim().is_empty() {
            diags.push(
                doc.file
                    .error(
                        doc.body_offset,
                        "section has no text after its front matter",
                    )
                    .with_hint("write the summary below the closing `+++` line"),
            );
        }
        let (Some(source), Some(paragraphs)) = (source, paragraphs) else {
            continue;
        };
        let body = Markdown::from_body(&doc);
        let meta = doc.meta;
        sections.push(Section {
            slug: doc.slug,
            title: meta.title,
            source,
            paragraphs,
            order: meta.order,
            summary: meta.summary,
            tags: meta.tags,
            body,
            events: Vec::new(),
        });
    }
    sections
}

/// Source indices ordered by their first section (sections are already in order),
/// then by id for documents no section cites.
fn order_sources(sources: &[Source], sections: &[Section]) -> Vec<usize> {
    let mut first_use: Vec<(usize, &str, usize)> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let first = sections
                .iter()
                .position(|sec| sec.source == i)
                .unwrap_or(usize::MAX);
            (first, s.id.as_str(), i)
        })
        .collect();
    first_use.sort();
    first_use.into_iter().map(|(_, _, i)| i).collect()
}

fn reorder<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

fn invert(order: &[usize]) -> Vec<usize> {
    let mut inverse = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        inverse[old] = new;
    }
    inverse
}

/// Warns about declared paragraphs that no section summarises, or that two do.
fn check_coverage(sources: &[Source], sections: &[Section], diags: &mut Diagnostics) {
    for source in sources {
        let mut covered: BTreeMap<u32, &str> = BTreeMap::new();
        for &i in &source.sections {
            let section = &sections[i];
            for n in section.paragraphs.numbers() {
                if let Some(other) = covered.insert(n, &section.slug) {
                    diags.push(section.body.warning(
                        0,
                        format!(
                            "paragraph {n} of `{}` is also summarised by section `{other}`",
                            source.id
                        ),
                    ));
                }
                let declared = source.paragraphs.as_ref();
                if declared.is_some_and(|d| !d.numbers().any(|m| m == n)) {
                    diags.push(section.body.warning(
                        0,
                        format!(
                            "paragraph {n} is outside the paragraphs `{}` declares ({})",
                            source.id,
                            declared.map(|d| d.to_string()).unwrap_or_default()
                        ),
                    ));
                }
            }
        }
        let Some(declared) = &source.paragraphs else {
            continue;
        };
        let missing: Vec<String> = declared
            .numbers()
            .filter(|n| !covered.contains_key(n))
            .map(|n| n.to_string())
            .collect();
        if !missing.is_empty() {
            diags.push(
                source
                    .description
                    .warning(
                        0,
                        format!(
                            "paragraphs {} of `{}` are not summarised by any section",
                            missing.join(", "),
                            source.id
                        ),
                    )
                    .with_hint("add a section whose `paragraphs` covers them"),
            );
        }
    }
}

fn build_terms(
    docs: Vec<Document<content::TermMeta>>,
    source_ids: &[String],
    diags: &mut Diagnostics,
) -> Vec<Term> {
    let slugs: Vec<String> = docs.iter().map(|d| d.slug.clone()).collect();
    let mut terms: Vec<Term> = docs
        .into_iter()
        .filter_map(|doc| build_term(doc, &slugs, source_ids, diags))
        .collect();
    // See-also indices were resolved against file order; re-resolve after sorting A–Z.
    let by_slug: Vec<String> = terms.iter().map(|t| t.slug.clone()).collect();
    terms.sort_by(|a, b| (a.term.to_lowercase(), &a.slug).cmp(&(b.term.to_lowercase(), &b.slug)));
    let position: BTreeMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    let remap: Vec<Option<usize>> = by_slug
        .iter()
        .map(|s| position.get(s.as_str()).copied())
        .collect();
    for term in &mut terms {
        term.see_also = term
            .see_also
            .iter()
            .filter_map(|&i| remap.get(i).copied().flatten())
            .collect();
    }
    terms
}

fn build_term(
    doc: Document<content::TermMeta>,
    slugs: &[String],
    source_ids: &[String],
    diags: &mut Diagnostics,
) -> Option<Term> {
    let meta = &doc.meta;
    if meta.term.get_ref().trim().is_empty() {
        diags.push(
            doc.meta_error(&meta.term, "the term is empty")
                .with_hint("write the term's full name"),
        );
        return None;
    }
    if doc.body().trim().is_empty() {
        diags.push(
            doc.file
                .error(doc.body_offset, "glossary entry has no definition")
                .with_hint("write the definition below the closing `+++` line; its first sentence is the short definition"),
        );
    }
    let mut see_also = Vec::new();
    for slug in &meta.see_also {
        if slug.get_ref() == &doc.slug {
            diags.push(doc.meta_error(slug, "an entry cannot list itself in see_also"));
            continue;
        }
        let found = resolve(
            slug.get_ref(),
            slugs,
            "glossary entry",
            |m| doc.meta_error(slug, m),
            diags,
        );
        see_also.extend(found);
    }
    let mut cites = Vec::new();
    for cite in &meta.cite {
        let c = cite.get_ref();
        let source = resolve(
            &c.source,
            source_ids,
            "source document",
            |m| doc.meta_error(cite, m),
            diags,
        );
        let paragraphs = Paragraphs::parse(&c.paragraphs)
            .map_err(|m| diags.push(doc.meta_error(cite, m)))
            .ok();
        if let (Some(source), Some(paragraphs)) = (source, paragraphs) {
            cites.push(Citation { source, paragraphs });
        }
    }
    let body = Markdown::from_body(&doc);
    let at = doc.file.position(doc.meta_offset + meta.term.span().start);
    let meta = doc.meta;
    Some(Term {
        slug: doc.slug,
        term: meta.term.into_inner().trim().to_string(),
        abbr: meta
            .abbr
            .map(|a| a.into_inner().trim().to_string())
            .filter(|a| !a.is_empty()),
        aliases: meta
            .aliases
            .into_iter()
            .map(|a| a.into_inner().trim().to_string())
            .collect(),
        see_also,
        case_sensitive: meta.case_sensitive,
        cites,
        body,
        at,
    })
}

fn build_events(
    timeline: &content::TimelineFile,
    source_ids: &[String],
    section_slugs: &[String],
    diags: &mut Diagnostics,
) -> Vec<Event> {
    let file = &timeline.file;
    let mut ids = BTreeMap::new();
    let mut events = Vec::new();
    for raw in &timeline.meta.event {
        let at = |s: &Spanned<String>| s.span().start;
        let event = raw.get_ref();
        let date = PartialDate::parse(event.date.get_ref())
            .map_err(|m| diags.push(file.error(at(&event.date), m)))
            .ok();
        let end = event.end.as_ref().and_then(|end| {
            PartialDate::parse(end.get_ref())
                .map_err(|m| diags.push(file.error(at(end), m)))
                .ok()
        });
        if let (Some(start), Some(end_date), Some(end)) = (date, end, &event.end)
            && end_date < start
        {
            {
                diags.push(file.error(
                    at(end),
                    format!(
                        "the event ends ({}) before it starts ({})",
                        end_date.iso(),
                        start.iso()
                    ),
                ));
            }
        }
        let title = event.title.get_ref().trim().to_string();
        if title.is_empty() {
            diags.push(file.error(at(&event.title), "the event has an empty title"));
        }
        let sections: Vec<usize> = event
            .sections
            .iter()
            .filter_map(|s| {
                resolve(
                    s.get_ref(),
                    section_slugs,
                    "section",
                    |m| file.error(at(s), m),
                    diags,
                )
            })
            .collect();
        let cite = event_citation(file, event, source_ids, diags);
        let id = match &event.id {
            Some(id) => content::slugify(id.get_ref()),
            None => content::slugify(&format!("{} {}", event.date.get_ref(), title)),
        };
        let where_ = event.id.as_ref().map_or(raw.span().start, at);
        check_event_id(file, &id, where_, &mut ids, diags);
        let Some(date) = date else { continue };
        events.push(Event {
            id,
            date,
            end,
            title,
            body: match &event.body {
                Some(body) => Markdown::from_value(file, body.get_ref().clone(), at(body)),
                None => Markdown::from_value(file, String::new(), raw.span().start),
            },
            sections,
            cite,
            key: event.key,
        });
    }
    // A stable sort: events on the same date keep their order in the file.
    events.sort_by_key(|e| e.date);
    events
}

/// An event's id is its anchor on the timeline page: it must be non-empty, unique,
/// and not one the page itself uses. `ids` maps the ids taken so far to their offsets.
fn check_event_id(
    file: &SourceText,
    id: &str,
    at: usize,
    ids: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) {
    let hint = "choose another `id` for this event";
    if id.is_empty() {
        let example = "an id needs a letter or digit, e.g. `id = \"reflex-set-up\"`";
        diags.push(file.error(at, "the event's id is empty").with_hint(example));
    } else if let Some(&first) = ids.get(id) {
        let line = file.position(first).line;
        let message = format!("two events have the id `{id}`: here and at line {line}");
        diags.push(file.error(at, message).with_hint(hint));
    } else if crate::timeline::page_uses_id(id) {
        let message = format!("the id `{id}` is used by the timeline page itself");
        diags.push(file.error(at, message).with_hint(hint));
    } else {
        ids.insert(id.to_string(), at);
    }
}

fn event_citation(
    file: &Arc<SourceText>,
    event: &content::EventMeta,
    source_ids: &[String],
    diags: &mut Diagnostics,
) -> Option<Citation> {
    let Some(source_meta) = event.source.as_ref() else {
        if let Some(p) = &event.paragraphs {
            diags.push(
                file.error(p.span().start, "paragraphs are given without a source")
                    .with_hint("add `source = \"…\"` naming the document the paragraphs are in"),
            );
        }
        return None;
    };
    let source = resolve(
        source_meta.get_ref(),
        source_ids,
        "source document",
        |m| file.error(source_meta.span().start, m),
        diags,
    )?;
    let paragraphs = match &event.paragraphs {
        Some(p) => Paragraphs::parse(p.get_ref())
            .map_err(|m| diags.push(file.error(p.span().start, m)))
            .ok()?,
        None => Paragraphs { ranges: Vec::new() },
    };
    Some(Citation { source, paragraphs })
}

fn link_table(site: &Site, has_timeline: bool) -> BTreeMap<String, PageRef> {
    let mut links = BTreeMap::new();
    if site.index.body.is_some() {
        links.insert(INDEX_FILE.to_string(), PageRef::Index);
    }
    if has_timeline {
        links.insert(TIMELINE_FILE.to_string(), PageRef::Timeline);
    }
    let content_rel = |m: &Markdown| {
        let rel = content::slash_path(&m.file.path);
        rel.strip_prefix("content/").unwrap_or(&rel).to_string()
    };
    for (i, s) in site.sections.iter().enumerate() {
        links.insert(content_rel(&s.body), PageRef::Section(i));
    }
    for (i, t) in site.terms.iter().enumerate() {
        links.insert(content_rel(&t.body), PageRef::Term(i));
    }
    for (i, s) in site.sources.iter().enumerate() {
        links.insert(content_rel(&s.description), PageRef::Source(i));
    }
    for (i, a) in site.assets.iter().enumerate() {
        links.insert(a.rel.clone(), PageRef::Asset(i));
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_parse_and_print() {
        let p = Paragraphs::parse("9-10").unwrap();
        assert_eq!(p.to_string(), "9–10");
        assert_eq!(p.label(), "paragraphs 9–10");
        assert_eq!(Paragraphs::parse("3").unwrap().label(), "paragraph 3");
        assert_eq!(
            Paragraphs::parse("1, 3–4")
                .unwrap()
                .numbers()
                .collect::<Vec<_>>(),
            [1, 3, 4]
        );
        assert!(Paragraphs::parse("ten").is_err());
        assert!(Paragraphs::parse("5–2").is_err());
    }
}
