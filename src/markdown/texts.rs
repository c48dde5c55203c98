//! Every text of the pack rendered, in parallel, and the checks that span texts:
//! anchors linked to from another text, glossary entries nothing mentions, and for
//! each entry the pages that mention it.

use rayon::prelude::*;

use crate::base::diagnostics::Diagnostics;
use crate::config::Strictness;
use crate::markdown::anchors::{UNPLACED, check_anchors};
use crate::markdown::input::{Env, Input};
use crate::markdown::passes::glossary::{Linker, check_unused};
use crate::markdown::passes::safety::refuse_inline_links;
use crate::markdown::pipeline;
use crate::markdown::rendered::{Rendered, RenderedText};
use crate::markdown::source_words::SourceWords;
use crate::model::{Markdown, PageRef, Site};

/// All rendered Markdown of the pack, indexed like the site's lists.
pub struct Texts {
    /// The landing page's introduction.
    pub index: Option<Rendered>,
    /// Each section's text, in pack order.
    pub sections: Vec<Rendered>,
    /// Each glossary definition, A–Z.
    pub terms: Vec<Rendered>,
    /// Each source document's description.
    pub sources: Vec<Rendered>,
    /// Each timeline event's body, by date.
    pub events: Vec<Rendered>,
    /// Each source document's own text, where the pack has it.
    pub(crate) source_texts: Vec<Option<RenderedText>>,
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
pub(crate) fn render_texts_reusing(
    site: &Site,
    diags: &mut Diagnostics,
    earlier: &(dyn Fn(PageRef, &Markdown) -> Option<Rendered> + Sync),
) -> Texts {
    let linker = Linker::new(&site.terms, site.config.glossary.link);
    let check = &site.config.check;
    // The sources' words are read only for a check that uses them.
    let checked = check.quotations != Strictness::Off || check.copied_words > 0;
    let sources = checked.then(|| SourceWords::new(site, check.copied_words));
    let env = Env {
        site,
        options: &site.config.markdown,
        sources: sources.as_ref(),
        glossary: Some(&linker),
    };
    let one = |markdown: &Markdown, page: PageRef| {
        earlier(page, markdown).unwrap_or_else(|| pipeline::render(&env, &Input { markdown, page }))
    };
    let mut texts = Texts {
        index: site.index.body.as_ref().map(|b| one(b, PageRef::Index)),
        sections: par_map(&site.sections, |i, s| one(&s.body, PageRef::Section(i))),
        terms: par_map(&site.terms, |i, t| one(&t.body, PageRef::Term(i))),
        sources: par_map(&site.sources, |i, s| {
            one(&s.description, PageRef::Source(i))
        }),
        events: par_map(&site.events, |i, e| one(&e.body, PageRef::Event(i))),
        // Few and never reused: a text's paragraphs are what every citation shows.
        source_texts: par_map(&site.sources, |i, s| {
            let text = s.text.as_ref()?;
            let input = Input {
                markdown: &text.markdown,
                page: PageRef::Source(i),
            };
            Some(pipeline::render_source_text(&env, &input, text))
        }),
        mentioned_in: Vec::new(),
    };
    texts.mentioned_in = mention_index(site.terms.len(), &texts);
    let unplaced = render_unplaced(site, &env);
    for rendered in texts.all().chain(&unplaced) {
        diags.extend(rendered.diagnostics.clone());
    }
    // With a text missing, an entry that seems unmentioned may be mentioned there.
    if site.unreadable.is_empty() {
        for section in &site.sections {
            refuse_inline_links(&section.summary, diags);
        }
        check_unused(&site.terms, site.config.glossary.link, texts.all(), diags);
    }
    check_anchors(site, texts.all(), |page| texts.of(page), &unplaced, diags);
    texts
}

/// The texts of sections left out of the site, for their own problems (links,
/// headings, glossary spellings). Their quotations are not checked: what they cite
/// is what could not be resolved.
fn render_unplaced(site: &Site, env: &Env) -> Vec<Rendered> {
    let env = Env::new(site, env.options, env.glossary);
    (site.unplaced.par_iter())
        .map(|markdown| {
            pipeline::render(
                &env,
                &Input {
                    markdown,
                    page: UNPLACED,
                },
            )
        })
        .collect()
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
    /// The texts that mention glossary entry `term`, each with the index of its first
    /// mention there: sections in pack order, then events.
    pub(crate) fn mentioning(&self, term: usize) -> &[(PageRef, usize)] {
        self.mentioned_in.get(term).map_or(&[], Vec::as_slice)
    }

    fn all(&self) -> impl Iterator<Item = &Rendered> {
        self.index
            .iter()
            .chain(&self.sections)
            .chain(&self.terms)
            .chain(&self.sources)
            .chain(&self.events)
            .chain(self.source_texts.iter().flatten().map(|t| &t.rendered))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::rendered::Mention;

    fn mentioning(terms: &[usize]) -> Rendered {
        let mut rendered = Rendered::default();
        rendered.mentions = terms
            .iter()
            .enumerate()
            .map(|(n, &term)| Mention {
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
            source_texts: Vec::new(),
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
}
