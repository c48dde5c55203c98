//! How sources and sections relate: sources listed in the order of their first
//! section, and which of each source's paragraphs the sections cover.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::model::paragraphs::Paragraphs;
use crate::model::ranges::{self, Claims};
use crate::model::sections::{LeftOut, Section};
use crate::model::sources::{Source, SourceNames};

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
/// problem, at its `paragraphs`, its paragraphs as ranges, so a wide range costs no
/// more than a narrow one. Sections left out for a problem count with what they cite,
/// as far as it is known; while one names a source that is not known, no source is
/// checked, as its paragraphs could be any source's.
pub(crate) fn check_coverage(
    sources: &[Source],
    sections: &[Section],
    left_out: &[LeftOut],
    names: &SourceNames,
    diags: &mut Diagnostics,
) {
    let known = |id: &str| names.ids.iter().any(|k| k == id) || names.reserved.contains(id);
    if left_out
        .iter()
        .any(|l| !l.source.as_deref().is_some_and(known))
    {
        return;
    }
    for source in sources {
        let mut claims = claimed_by_sections(source, sections, diags);
        let mut complete = true;
        let left = left_out
            .iter()
            .filter(|l| l.source.as_ref() == Some(&source.id));
        for (j, left) in left.enumerate() {
            match &left.paragraphs {
                // Claimed only to count as covered: the problem is reported already.
                Some(p) => {
                    for range in &p.normalised() {
                        claims.claim(range, sections.len() + j);
                    }
                }
                None => complete = false,
            }
        }
        if complete {
            report_missing(source, &claims.all(), diags);
        }
    }
}

/// The paragraphs of `source` its sections summarise; a paragraph summarised twice,
/// or outside those the source declares, is reported at the section's `paragraphs`.
fn claimed_by_sections(source: &Source, sections: &[Section], diags: &mut Diagnostics) -> Claims {
    let declared = source.paragraphs.as_ref().map(Paragraphs::normalised);
    let mut claims = Claims::default();
    for &i in &source.sections {
        let section = &sections[i];
        let warn =
            |message| Diagnostic::warning(&section.body.file.path, section.paragraphs_at, message);
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
            diags.push(warn(format!(
                "{} of `{}` {} also summarised by section `{}`",
                parts.label(),
                source.id,
                verb(&parts),
                sections[other].slug
            )));
        }
        // With a text, a citation beyond it is an error at the citation.
        let outside = (declared.as_ref().filter(|_| source.text.is_none()))
            .and_then(|declared| outside_declared(source, &cited, declared));
        if let Some(message) = outside {
            diags.push(warn(message));
        }
    }
    claims
}

/// Warns about the paragraphs of `source` no section summarises, at its
/// `paragraphs`, or where its text has the first of them.
fn report_missing(source: &Source, claimed: &[RangeInclusive<u32>], diags: &mut Diagnostics) {
    let Some(declared) = &source.paragraphs else {
        return;
    };
    let missing = Paragraphs {
        ranges: ranges::minus(&declared.normalised(), claimed),
    };
    let Some(first) = missing.ranges.first().map(|r| *r.start()) else {
        return;
    };
    let message = format!(
        "{} of `{}` {} not summarised by any section",
        missing.label(),
        source.id,
        verb(&missing)
    );
    let warning = match (&source.text, source.paragraphs_at) {
        (_, at) if at != Position::FILE => {
            Diagnostic::warning(&source.description.file.path, at, message)
        }
        (Some(text), _) => text.markdown.warning(text.offset_of(first), message),
        (None, _) => source.description.warning(0, message),
    };
    diags.push(warning.with_hint("add a section whose `paragraphs` covers them"));
}

/// The message for cited paragraphs outside those the source declares, if any are.
fn outside_declared(
    source: &Source,
    cited: &[RangeInclusive<u32>],
    declared: &[RangeInclusive<u32>],
) -> Option<String> {
    let outside = Paragraphs {
        ranges: ranges::minus(cited, declared),
    };
    if outside.ranges.is_empty() {
        return None;
    }
    let declared = (source.paragraphs.as_ref())
        .map(|d| d.to_string())
        .unwrap_or_default();
    Some(format!(
        "{} {} outside the paragraphs `{}` declares ({declared})",
        outside.label(),
        verb(&outside),
        source.id
    ))
}

/// "is" for one paragraph, "are" for more.
fn verb(p: &Paragraphs) -> &'static str {
    if p.count() == 1 { "is" } else { "are" }
}
