//! How sources and sections relate: sources listed in the order of their first
//! section, and which of each source's paragraphs the sections cover.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use crate::base::diagnostics::Diagnostics;
use crate::model::paragraphs::Paragraphs;
use crate::model::ranges::{self, Claims};
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

/// Warns about declared paragraphs that no section summarises, or that two do, and
/// about cited paragraphs a source does not declare: one warning per section and
/// problem, its paragraphs as ranges, so a wide range costs no more than a narrow one.
pub(crate) fn check_coverage(sources: &[Source], sections: &[Section], diags: &mut Diagnostics) {
    for source in sources {
        let declared = source.paragraphs.as_ref().map(Paragraphs::normalised);
        let mut claims = Claims::default();
        for &i in &source.sections {
            let section = &sections[i];
            let cited = section.paragraphs.normalised();
            let mut taken: BTreeMap<usize, Vec<RangeInclusive<u32>>> = BTreeMap::new();
            for range in &cited {
                for (other, part) in claims.claim(range, i) {
                    taken.entry(other).or_default().push(part);
                }
            }
            for (other, parts) in taken {
                let parts = Paragraphs {
                    ranges: ranges::normalised(&parts),
                };
                let message = format!(
                    "{} of `{}` {} also summarised by section `{}`",
                    parts.label(),
                    source.id,
                    verb(&parts),
                    sections[other].slug
                );
                diags.push(section.body.warning(0, message));
            }
            // With a text, a citation beyond it is an error at the citation.
            if let Some(declared) = declared.as_ref().filter(|_| source.text.is_none()) {
                outside_declared(source, section, &cited, declared, diags);
            }
        }
        if let Some(declared) = &declared {
            let missing = Paragraphs {
                ranges: ranges::minus(declared, &claims.all()),
            };
            if !missing.ranges.is_empty() {
                let message = format!(
                    "{} of `{}` {} not summarised by any section",
                    missing.label(),
                    source.id,
                    verb(&missing)
                );
                let hint = "add a section whose `paragraphs` covers them";
                diags.push(source.description.warning(0, message).with_hint(hint));
            }
        }
    }
}

fn outside_declared(
    source: &Source,
    section: &Section,
    cited: &[RangeInclusive<u32>],
    declared: &[RangeInclusive<u32>],
    diags: &mut Diagnostics,
) {
    let outside = Paragraphs {
        ranges: ranges::minus(cited, declared),
    };
    if outside.ranges.is_empty() {
        return;
    }
    let declared = source
        .paragraphs
        .as_ref()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let message = format!(
        "{} {} outside the paragraphs `{}` declares ({declared})",
        outside.label(),
        verb(&outside),
        source.id
    );
    diags.push(section.body.warning(0, message));
}

/// "is" for one paragraph, "are" for more.
fn verb(p: &Paragraphs) -> &'static str {
    if p.count() == 1 { "is" } else { "are" }
}
