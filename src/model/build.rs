//! The model built from the raw files, in the order that lets each step check what
//! the one before it made: sources, then sections (which cite sources), then terms
//! and events (which cite both), then the table of linkable files.

use std::collections::{BTreeMap, BTreeSet};

use crate::base::diagnostics::Diagnostics;
use crate::base::paths::{INDEX_FILE, TIMELINE_FILE, slash_path};
use crate::config::Config;
use crate::content::{
    Document, Failed, IndexMeta, RawPack, RawSourceText, SectionMeta, SourceMeta,
};
use crate::model::claims::check_claims;
use crate::model::coverage::{check_coverage, invert, order_sources, reorder};
use crate::model::events::build_events;
use crate::model::markdown::Markdown;
use crate::model::names::{content_rel, unique_slugs};
use crate::model::sections::{LeftOut, Section, build_sections};
use crate::model::site::{Index, PageRef, Site};
use crate::model::sources::{Source, SourceNames, attach_texts, build_sources};
use crate::model::terms::build_terms;

/// Sources and the sections that cite them, both in pack order: sections by `order`
/// (then slug), sources by their first section, each listing its sections. Sections
/// left out, and those that failed to parse, come last.
fn sources_and_sections(
    sources: Vec<Document<SourceMeta>>,
    texts: Vec<RawSourceText>,
    sections: Vec<Document<SectionMeta>>,
    failed: &Failed,
    diags: &mut Diagnostics,
) -> (Vec<Source>, Vec<Section>, Vec<LeftOut>) {
    let mut sources = build_sources(sources, diags);
    attach_texts(&mut sources, texts, failed, diags);
    let names = SourceNames::of(&sources, failed);
    let (mut sections, mut left_out) = build_sections(sections, &names, diags);
    left_out.extend(failed.sections.iter().map(LeftOut::of_failed));
    sections.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    // Renumber sources so they appear in the order of their first section.
    let source_order = order_sources(&sources, &sections);
    let mut sources = reorder(sources, &source_order);
    let remap: Vec<usize> = invert(&source_order);
    for section in &mut sections {
        section.source = remap[section.source];
    }
    for (i, section) in sections.iter().enumerate() {
        sources[section.source].sections.push(i);
    }
    (sources, sections, left_out)
}

/// Builds the validated model from the raw files; problems go to `diags`.
pub fn build(config: Config, raw: RawPack, diags: &mut Diagnostics) -> Site {
    let RawPack {
        index,
        sources,
        sections,
        terms,
        source_texts,
        timeline,
        assets,
        mut unreadable,
        failed,
    } = raw;
    let index = build_index(&config, index);
    let sources = unique_slugs(sources, "source document", &mut unreadable, diags);
    let sections = unique_slugs(sections, "section", &mut unreadable, diags);
    let terms = unique_slugs(terms, "glossary entry", &mut unreadable, diags);
    check_claims(&terms, diags);
    let parsed: Vec<String> = (sections.iter().map(|d| content_rel(&d.file)))
        .chain(terms.iter().map(|d| content_rel(&d.file)))
        .collect();

    let (sources, mut sections, left_out) =
        sources_and_sections(sources, source_texts, sections, &failed, diags);
    let names = SourceNames::of(&sources, &failed);
    check_coverage(&sources, &sections, &left_out, &names, diags);
    let terms = build_terms(terms, &names, &failed.terms, diags);
    let events = match &timeline {
        Some(t) => build_events(t, &names, &section_names(&sections, &left_out), diags),
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
        unplaced: left_out.into_iter().filter_map(|l| l.body).collect(),
    };
    site.links = link_table(&site, timeline.is_some());
    // Files dropped for a problem already reported: links to them are not reported again.
    let dropped = parsed.into_iter().filter(|p| !site.links.contains_key(p));
    site.unreadable.extend(dropped);
    site
}

/// What an event may name as its sections: those of the site, and, reserved, those
/// left out for a problem already reported.
fn section_names(sections: &[Section], left_out: &[LeftOut]) -> (Vec<String>, BTreeSet<String>) {
    let slugs = sections.iter().map(|s| s.slug.clone()).collect();
    let reserved = left_out.iter().map(|l| l.slug.clone()).collect();
    (slugs, reserved)
}

fn build_index(config: &Config, index: Option<Document<IndexMeta>>) -> Index {
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

fn link_table(site: &Site, has_timeline: bool) -> BTreeMap<String, PageRef> {
    let mut links = BTreeMap::new();
    if site.index.body.is_some() {
        links.insert(INDEX_FILE.to_string(), PageRef::Index);
    }
    if has_timeline {
        links.insert(TIMELINE_FILE.to_string(), PageRef::Timeline);
    }
    let content_rel = |m: &Markdown| {
        let rel = slash_path(&m.file.path);
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
