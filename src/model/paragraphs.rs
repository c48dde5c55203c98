//! Paragraph numbers as a citation writes them ("9–10", "1, 3").

use std::ops::RangeInclusive;

use toml::Spanned;

use crate::base::diagnostics::Diagnostics;
use crate::content::Document;

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
                Some(last) if *last.end() + 1 == n => *last = *last.start()..=n,
                _ => ranges.push(n..=n),
            }
        }
        Paragraphs { ranges }
    }

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

pub(crate) fn parse_paragraphs_at<M>(
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
