//! Paragraph numbers as a citation writes them ("9–10", "1, 3").

use std::ops::RangeInclusive;

use toml::Spanned;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::content::Document;
use crate::model::ranges;

/// The most paragraphs one `paragraphs` value may name. A summary covers a few
/// paragraphs and the longest reports have a few thousand; a typo such as
/// "1–4000000000" would otherwise cost a page row and a check per number.
pub(crate) const MAX_PARAGRAPHS: u64 = 10_000;

/// Why a `paragraphs` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphsError {
    message: String,
    hint: Option<String>,
}

impl ParagraphsError {
    /// A message that carries its own advice.
    fn plain(message: String) -> ParagraphsError {
        ParagraphsError {
            message,
            hint: None,
        }
    }

    fn too_many(text: &str) -> ParagraphsError {
        ParagraphsError {
            message: format!(
                "`{text}` names more than {} paragraphs, the most one `paragraphs` value may name",
                grouped(MAX_PARAGRAPHS)
            ),
            hint: Some(
                "write the paragraphs the text really covers, e.g. \"9–10\"; a typo in a range's last number is the usual cause"
                    .to_string(),
            ),
        }
    }

    /// The problem as a diagnostic, placed by `at` (which is given the message).
    pub(crate) fn at(self, at: impl FnOnce(String) -> Diagnostic) -> Diagnostic {
        let diagnostic = at(self.message);
        match self.hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    }
}

/// `10000` as "10,000".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl std::fmt::Display for ParagraphsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Paragraph numbers as written ("9–10", "1, 3"), parsed into ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraphs {
    pub ranges: Vec<RangeInclusive<u32>>,
}

impl Paragraphs {
    /// The numbers, in order, as the fewest ranges.
    pub(crate) fn from_numbers(numbers: impl IntoIterator<Item = u32>) -> Paragraphs {
        let mut ranges: Vec<RangeInclusive<u32>> = Vec::new();
        for n in numbers {
            match ranges.last_mut() {
                Some(last) if last.end().checked_add(1) == Some(n) => *last = *last.start()..=n,
                _ => ranges.push(n..=n),
            }
        }
        Paragraphs { ranges }
    }

    /// Reads a citation's paragraphs. Refuses more than [`MAX_PARAGRAPHS`] in all:
    /// every page that shows a citation, and every check of one, goes through the
    /// numbers it names.
    pub fn parse(text: &str) -> Result<Paragraphs, ParagraphsError> {
        let hint = "write paragraphs as \"3\", \"9–10\" or \"1, 3–4\"";
        let mut ranges = Vec::new();
        let mut count: u64 = 0;
        for part in text.split(',').map(str::trim) {
            let (first, last) = match part.split_once(['–', '-', '—']) {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (part, part),
            };
            let (Ok(first), Ok(last)) = (first.parse::<u32>(), last.parse::<u32>()) else {
                return Err(ParagraphsError::plain(format!(
                    "`{text}` is not a list of paragraph numbers; {hint}"
                )));
            };
            if last < first {
                return Err(ParagraphsError::plain(format!(
                    "`{part}` runs backwards; {hint}"
                )));
            }
            let range = first..=last;
            count = count.saturating_add(ranges::span(&range));
            if count > MAX_PARAGRAPHS {
                return Err(ParagraphsError::too_many(text));
            }
            ranges.push(range);
        }
        Ok(Paragraphs { ranges })
    }

    /// Every number, in the order written. At most [`MAX_PARAGRAPHS`] of them for a
    /// value that was parsed.
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.ranges.iter().flat_map(|r| r.clone())
    }

    /// Whether `n` is among the numbers, without going through them.
    pub(crate) fn contains(&self, n: u32) -> bool {
        self.ranges.iter().any(|r| r.contains(&n))
    }

    /// The ranges sorted and merged, for comparing sets of paragraphs.
    pub(crate) fn normalised(&self) -> Vec<RangeInclusive<u32>> {
        ranges::normalised(&self.ranges)
    }

    /// How many numbers are written (a number written twice counts twice).
    pub(crate) fn count(&self) -> u64 {
        (self.ranges.iter())
            .map(ranges::span)
            .fold(0, u64::saturating_add)
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

pub(crate) fn parse_paragraphs_at<M>(
    doc: &Document<M>,
    value: &Spanned<String>,
    diags: &mut Diagnostics,
) -> Option<Paragraphs> {
    match Paragraphs::parse(value.get_ref()) {
        Ok(p) => Some(p),
        Err(e) => {
            diags.push(e.at(|m| doc.meta_error(value, m)));
            None
        }
    }
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

    #[test]
    fn a_value_names_at_most_the_cap() {
        let p = Paragraphs::parse("1–10000").unwrap();
        assert_eq!(p.count(), MAX_PARAGRAPHS);
        assert_eq!(p.label(), "paragraphs 1–10000");
        for text in ["1–10001", "1–4000000000", "0–4294967295", "1–5000, 2–5002"] {
            let e = Paragraphs::parse(text).unwrap_err();
            assert!(e.hint.is_some(), "{text}");
            assert!(e.to_string().contains("more than 10,000 paragraphs"), "{e}");
        }
        // A high number is not many numbers.
        assert_eq!(
            Paragraphs::parse("4294967295").unwrap().label(),
            "paragraph 4294967295"
        );
    }

    #[test]
    fn full_width_ranges_are_counted_without_overflow() {
        let p = Paragraphs {
            ranges: vec![0..=u32::MAX, 0..=u32::MAX],
        };
        assert_eq!(p.count(), 2 << 32);
        assert!(p.contains(u32::MAX));
        assert_eq!(p.label(), "paragraphs 0–4294967295, 0–4294967295");
    }
}
