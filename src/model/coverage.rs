//! How sources and sections relate: sources listed in the order of their first
//! section, and which of each source's paragraphs the sections cover.

use std::collections::BTreeMap;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::model::paragraphs::Paragraphs;
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

/// Warns about declared paragraphs that no section summarises, or that two do.
/// Sections left out for a problem count with what they cite, as far as it is
/// known; while one names a source that is not known, no source is checked, as its
/// paragraphs could be any source's.
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
        let mut covered = covered_by_sections(source, sections, diags);
        let mut complete = true;
        for left in left_out
            .iter()
            .filter(|l| l.source.as_ref() == Some(&source.id))
        {
            match &left.paragraphs {
                Some(p) => covered.extend(p.numbers().map(|n| (n, left.slug.as_str()))),
                None => complete = false,
            }
        }
        if complete {
            report_missing(source, &covered, diags);
        }
    }
}

/// The paragraphs of `source` its sections summarise, each with the first section
/// that does; a paragraph summarised twice, or outside those the source declares,
/// is reported at the section's `paragraphs`.
fn covered_by_sections<'s>(
    source: &Source,
    sections: &'s [Section],
    diags: &mut Diagnostics,
) -> BTreeMap<u32, &'s str> {
    let mut covered: BTreeMap<u32, &str> = BTreeMap::new();
    // With a text, a citation beyond it is an error at the citation.
    let declared = source.paragraphs.as_ref().filter(|_| source.text.is_none());
    for section in source.sections.iter().map(|&i| &sections[i]) {
        let warn =
            |message| Diagnostic::warning(&section.body.file.path, section.paragraphs_at, message);
        for n in section.paragraphs.numbers() {
            if let Some(other) = covered.insert(n, &section.slug) {
                diags.push(warn(format!(
                    "paragraph {n} of `{}` is also summarised by section `{other}`",
                    source.id
                )));
            }
            if let Some(d) = declared.filter(|d| !d.numbers().any(|m| m == n)) {
                diags.push(warn(format!(
                    "paragraph {n} is outside the paragraphs `{}` declares ({d})",
                    source.id
                )));
            }
        }
    }
    covered
}

/// Warns about the paragraphs of `source` no section summarises, at its
/// `paragraphs`, or where its text has the first of them.
fn report_missing(source: &Source, covered: &BTreeMap<u32, &str>, diags: &mut Diagnostics) {
    let Some(declared) = &source.paragraphs else {
        return;
    };
    let missing: Vec<u32> = declared
        .numbers()
        .filter(|n| !covered.contains_key(n))
        .collect();
    let Some(&first) = missing.first() else {
        return;
    };
    let verb = if missing.len() == 1 { "is" } else { "are" };
    let message = format!(
        "{} of `{}` {verb} not summarised by any section",
        Paragraphs::from_numbers(missing.iter().copied()).label(),
        source.id
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
