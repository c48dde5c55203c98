//! How sources and sections relate: sources listed in the order of their first
//! section, and which of each source's paragraphs the sections cover.

use std::collections::BTreeMap;

use crate::base::diagnostics::Diagnostics;
use crate::model::sections::Section;
use crate::model::sources::Source;

/// Source indices ordered by their first section (sections are already in order),
/// then by id for documents no section cites.
pub(crate) fn order_sources(sources: &[Source], sections: &[Section]) -> Vec<usize> {
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

pub(crate) fn reorder<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

pub(crate) fn invert(order: &[usize]) -> Vec<usize> {
    let mut inverse = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        inverse[old] = new;
    }
    inverse
}

/// Warns about declared paragraphs that no section summarises, or that two do.
pub(crate) fn check_coverage(sources: &[Source], sections: &[Section], diags: &mut Diagnostics) {
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
                // With a text, a citation beyond it is an error at the citation.
                let declared = source.paragraphs.as_ref().filter(|_| source.text.is_none());
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
