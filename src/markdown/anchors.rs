//! The check that spans texts: a link's `#fragment` must name an anchor of the page
//! it points at. A miss is reported with the headings the page has (the ids an author
//! writes links to), never the ids made for glossary mentions or footnotes.

use std::collections::{BTreeMap, BTreeSet};

use crate::base::diagnostics::{Diagnostics, did_you_mean};
use crate::markdown::rendered::{AnchorCheck, Rendered};
use crate::model::paragraphs::Paragraphs;
use crate::model::{PageRef, Site};

/// The page an unplaced text is rendered for: one no link of the pack can name (the
/// print edition is not a content file), so a `#fragment` link on it can only mean
/// the text's own headings.
pub(crate) const UNPLACED: PageRef = PageRef::Print;

/// The anchors of one page.
#[derive(Default)]
struct Anchors {
    /// Every id a link may name.
    ids: BTreeSet<String>,
    /// The ids of its headings, in order.
    headings: Vec<String>,
    /// On a source document's page, its numbered paragraphs (`#p9`).
    paragraphs: Option<Paragraphs>,
    /// A source whose text could not be read: its paragraphs are not checked.
    unknown_paragraphs: bool,
}

impl Anchors {
    fn of_text(rendered: Option<&Rendered>) -> Anchors {
        let Some(rendered) = rendered else {
            return Anchors::default();
        };
        Anchors {
            ids: rendered.ids().map(str::to_string).collect(),
            headings: rendered.headings.iter().map(|h| h.id.clone()).collect(),
            ..Anchors::default()
        }
    }

    fn of_page<'t>(
        site: &Site,
        text_of: impl Fn(PageRef) -> Option<&'t Rendered>,
        page: PageRef,
    ) -> Anchors {
        let mut anchors = Anchors::of_text(text_of(page));
        if let PageRef::Source(i) = page
            && let Some(source) = site.sources.get(i)
        {
            anchors.unknown_paragraphs = source.text_failed;
            if let Some(text) = &source.text {
                anchors
                    .ids
                    .extend(text.numbers.iter().map(|n| format!("p{n}")));
                anchors.paragraphs = Some(Paragraphs::from_numbers(text.numbers.iter().copied()));
            }
        }
        anchors
    }

    fn check(&self, check: &AnchorCheck, diags: &mut Diagnostics) {
        let fragment = check.fragment.as_str();
        let paragraph = fragment
            .strip_prefix('p')
            .is_some_and(|n| n.parse::<u32>().is_ok());
        if self.ids.contains(fragment) || (paragraph && self.unknown_paragraphs) {
            return;
        }
        diags.push(check.origin.clone().with_hint(self.hint(fragment)));
    }

    /// A suggestion compares the fragment with every heading of the page, so it is
    /// made only for pages with a readable number of headings.
    fn hint(&self, fragment: &str) -> String {
        const MAX_COMPARED: usize = 300;
        if self.headings.len() > MAX_COMPARED {
            return format!(
                "that page has {} headings; check the spelling",
                self.headings.len()
            );
        }
        // `#p9` for `#p1` is one letter off, but a paragraph number is no spelling.
        let paragraph = fragment
            .strip_prefix('p')
            .is_some_and(|n| n.parse::<u32>().is_ok());
        let candidates = self.headings.iter().map(String::as_str);
        if let Some(best) = did_you_mean(fragment, candidates).filter(|_| !paragraph) {
            return format!("did you mean `#{best}`?");
        }
        let mut parts = Vec::new();
        if !self.headings.is_empty() {
            let listed: Vec<String> = self.headings.iter().map(|h| format!("#{h}")).collect();
            parts.push(format!("its headings are {}", listed.join(", ")));
        }
        if let Some(p) = self.paragraphs.as_ref().filter(|p| !p.ranges.is_empty()) {
            parts.push(format!("its paragraphs are {}", paragraph_anchors(p)));
        }
        match parts.is_empty() {
            true => "that page has no headings to link to".to_string(),
            false => parts.join("; "),
        }
    }
}

/// `#p1 to #p4, #p9`.
fn paragraph_anchors(paragraphs: &Paragraphs) -> String {
    let ranges: Vec<String> = (paragraphs.ranges.iter())
        .map(|r| match r.start() == r.end() {
            true => format!("#p{}", r.start()),
            false => format!("#p{} to #p{}", r.start(), r.end()),
        })
        .collect();
    ranges.join(", ")
}

/// Reports links whose `#fragment` names no anchor on the target page: the links of
/// every text in `texts`, whose page's text `text_of` gives, and of the `unplaced`
/// ones, whose links to their own headings are checked against themselves.
pub(crate) fn check_anchors<'t>(
    site: &Site,
    texts: impl Iterator<Item = &'t Rendered>,
    text_of: impl Fn(PageRef) -> Option<&'t Rendered> + Copy,
    unplaced: &[Rendered],
    diags: &mut Diagnostics,
) {
    // One set per target page, made on first use, so many links to a page with many
    // headings cost linear time.
    let mut pages: BTreeMap<PageRef, Anchors> = BTreeMap::new();
    // An event's anchor is what a link to the timeline names, as a heading would be.
    let events: Vec<String> = site.events.iter().map(|e| e.id.clone()).collect();
    let timeline = Anchors {
        ids: events.iter().cloned().collect(),
        headings: events,
        ..Anchors::default()
    };
    let mut check_one = |check: &AnchorCheck, diags: &mut Diagnostics| match check.target {
        PageRef::Timeline => timeline.check(check, diags),
        page => (pages.entry(page))
            .or_insert_with(|| Anchors::of_page(site, text_of, page))
            .check(check, diags),
    };
    for check in texts.flat_map(|r| &r.anchor_checks) {
        check_one(check, diags);
    }
    for rendered in unplaced {
        let own = Anchors::of_text(Some(rendered));
        for check in &rendered.anchor_checks {
            match check.target {
                UNPLACED => own.check(check, diags),
                _ => check_one(check, diags),
            }
        }
    }
}
