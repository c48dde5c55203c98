//! Heading ids: every heading gets an id unique on its page, and `#` headings become
//! `h2`, as the page title is the page's only `h1`.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use crate::base::paths::slugify;
use crate::markdown::inline::plain_text;
use crate::markdown::input::Events;
use crate::markdown::page_ids::page_holds_id;
use crate::markdown::rendered::{Heading, Rendered, Slot};
use crate::model::PageRef;

/// Gives every heading an id (its text, slugified, or `{#id}` if the author set one)
/// unique on the page: not one the text has already (glossary mentions, footnotes,
/// an earlier heading) nor one `page`'s template uses (`main`); a heading whose id
/// is taken gets `-1`, `-2`, … after it. Demotes `#` headings to `h2`: the page
/// title is the only `h1`.
pub(crate) fn heading_ids(events: &mut Events, page: PageRef, out: &mut Rendered) {
    let mut used = UniqueIds::taking(out.ids());
    used.reserved = Some(page);
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

pub(crate) fn heading_slug(text: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// The ids taken on a page, and for each base id the next suffix worth trying, so a
/// page of many equal headings costs linear time rather than quadratic.
#[derive(Default)]
pub(crate) struct UniqueIds {
    used: BTreeSet<String>,
    next: BTreeMap<String, usize>,
    /// The page whose own ids are taken too.
    reserved: Option<PageRef>,
}

impl UniqueIds {
    /// With `ids` taken already.
    pub(crate) fn taking<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        UniqueIds {
            used: ids.map(str::to_string).collect(),
            ..UniqueIds::default()
        }
    }
}

fn is_free(used: &BTreeSet<String>, reserved: Option<PageRef>, id: &str) -> bool {
    !used.contains(id) && !reserved.is_some_and(|page| page_holds_id(page, id))
}

/// `base` if it is free, else the first free `base-1`, `base-2`, ….
pub(crate) fn unique_id(base: &str, ids: &mut UniqueIds) -> String {
    if is_free(&ids.used, ids.reserved, base) {
        ids.used.insert(base.to_string());
        return base.to_string();
    }
    let n = ids.next.entry(base.to_string()).or_insert(1);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if is_free(&ids.used, ids.reserved, &id) {
            ids.used.insert(id.clone());
            return id;
        }
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
