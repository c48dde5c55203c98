//! Finding names of glossary entries in text: one Aho–Corasick automaton over every
//! term, abbreviation and alias, searched leftmost-longest, so the cost of a search
//! depends on the length of the text and not on the size of the glossary.
//!
//! The automaton matches ASCII letters case-insensitively; what it cannot express —
//! whole words, and names that must match case-sensitively — is checked on each
//! match it reports. When the longest match fails those checks, shorter names that
//! start at the same place are tried (a precomputed list per pattern), so rejecting
//! "Human Trafficking Centres" still finds "Human Trafficking".

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::model::names::Name;

/// A mention found in a text: `text[start..end]` names `names()[name]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub name: usize,
}

/// Names that share one automaton pattern (the same text up to ASCII case).
#[derive(Debug)]
struct Group {
    len: usize,
    /// Indices into `names`, case-sensitive names first: an exact match is preferred.
    names: Vec<usize>,
    /// Groups whose pattern is a shorter prefix of this one ending at a word
    /// boundary, longest first.
    prefixes: Vec<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Matcher {
    automaton: Option<AhoCorasick>,
    names: Vec<Name>,
    groups: Vec<Group>,
}

impl Matcher {
    /// Compiles the names into one automaton. Returns an error only if the automaton
    /// cannot be built (a glossary far larger than any pack).
    pub(crate) fn new(names: Vec<Name>) -> Result<Matcher, aho_corasick::BuildError> {
        let mut by_pattern: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            by_pattern
                .entry(name.text.to_ascii_lowercase())
                .or_default()
                .push(i);
        }
        let index: BTreeMap<&str, usize> = by_pattern
            .keys()
            .enumerate()
            .map(|(g, p)| (p.as_str(), g))
            .collect();
        let groups = by_pattern
            .iter()
            .map(|(pattern, members)| {
                let mut members = members.clone();
                members.sort_by_key(|&n| (!names[n].case_sensitive, n));
                Group {
                    len: pattern.len(),
                    names: members,
                    prefixes: word_prefixes(pattern, &index),
                }
            })
            .collect();
        // A DFA (one table look-up per byte of text) keeps the cost per byte flat as
        // the glossary grows; the automatic choice would fall back to a slower NFA
        // beyond a hundred patterns.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(by_pattern.keys())?;
        Ok(Matcher {
            automaton: Some(automaton),
            names,
            groups,
        })
    }

    pub(crate) fn names(&self) -> &[Name] {
        &self.names
    }

    /// Every whole-word mention in `text`, left to right, none overlapping another.
    pub(crate) fn find_all(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        let Some(automaton) = &self.automaton else {
            return found;
        };
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = automaton.find(Input::new(text).span(pos..text.len())) else {
                break;
            };
            match self.accept(text, m.start(), m.pattern().as_usize()) {
                Some(f) => {
                    pos = f.end;
                    found.push(f);
                }
                None => pos = next_candidate(text, m.start()),
            }
        }
        found
    }

    /// The longest name in `group` or its prefixes that is a whole-word mention at
    /// `start` with the right case.
    fn accept(&self, text: &str, start: usize, group: usize) -> Option<Found> {
        if !starts_word(text, start) {
            return None;
        }
        let chain = std::iter::once(group).chain(self.groups[group].prefixes.iter().copied());
        for g in chain {
            let end = start + self.groups[g].len;
            let Some(matched) = text.get(start..end) else {
                continue;
            };
            if !ends_word(text, end) {
                continue;
            }
            let exact = self.groups[g]
                .names
                .iter()
                .find(|&&n| !self.names[n].case_sensitive || self.names[n].text == matched);
            if let Some(&name) = exact {
                return Some(Found { start, end, name });
            }
        }
        None
    }
}

/// Letters, digits and `_` make up words; everything else (spaces, punctuation,
/// apostrophes, so "SOCA's" mentions "SOCA") separates them.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn starts_word(text: &str, start: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    !before.is_some_and(is_word_char) || !first.is_some_and(is_word_char)
}

fn ends_word(text: &str, end: usize) -> bool {
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    !after.is_some_and(is_word_char) || !last.is_some_and(is_word_char)
}

/// Where to search next after a rejected match at `start`: no mention can start
/// inside the word that `start` is in.
fn next_candidate(text: &str, start: usize) -> usize {
    let mut chars = text[start..].char_indices();
    match chars.next() {
        Some((_, c)) if is_word_char(c) => chars
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(i, _)| start + i),
        Some((_, c)) => start + c.len_utf8(),
        None => text.len(),
    }
}

/// Groups whose pattern is a prefix of `pattern` that could end a whole word there.
fn word_prefixes(pattern: &str, index: &BTreeMap<&str, usize>) -> Vec<usize> {
    let mut prefixes = Vec::new();
    let boundaries = pattern.char_indices().skip(1).collect::<Vec<_>>();
    for &(at, c) in boundaries.iter().rev() {
        let before = pattern[..at].chars().next_back();
        if is_word_char(c) && before.is_some_and(is_word_char) {
            continue;
        }
        if let Some(&g) = index.get(&pattern[..at]) {
            prefixes.push(g);
        }
    }
    prefixes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::NameKind;

    fn name(term: usize, kind: NameKind, text: &str, case_sensitive: bool) -> Name {
        Name {
            term,
            kind,
            text: text.to_string(),
            case_sensitive,
        }
    }

    fn mentions(matcher: &Matcher, text: &str) -> Vec<(String, usize)> {
        matcher
            .find_all(text)
            .into_iter()
            .map(|f| {
                (
                    text[f.start..f.end].to_string(),
                    matcher.names()[f.name].term,
                )
            })
            .collect()
    }

    fn sample() -> Matcher {
        Matcher::new(vec![
            name(0, NameKind::Term, "Human Trafficking", false),
            name(1, NameKind::Term, "UK Human Trafficking Centre", false),
            name(1, NameKind::Abbr, "UKHTC", true),
            name(2, NameKind::Term, "Reflex", true),
            name(3, NameKind::Term, "Serious Organised Crime Agency", false),
            name(3, NameKind::Abbr, "SOCA", true),
        ])
        .unwrap()
    }

    #[test]
    fn the_longest_name_wins() {
        let m = sample();
        assert_eq!(
            mentions(
                &m,
                "The UK Human Trafficking Centre fights human trafficking."
            ),
            [
                ("UK Human Trafficking Centre".to_string(), 1),
                ("human trafficking".to_string(), 0)
            ]
        );
    }

    #[test]
    fn only_whole_words_match_and_possessives_do() {
        let m = sample();
        assert_eq!(mentions(&m, "Reflexive SOCAs preReflex"), []);
        assert_eq!(
            mentions(&m, "SOCA's and SOCA’s work"),
            [("SOCA".to_string(), 3), ("SOCA".to_string(), 3)]
        );
    }

    #[test]
    fn a_rejected_long_match_falls_back_to_a_shorter_name() {
        let m = sample();
        assert_eq!(
            mentions(&m, "UK Human Trafficking Centres"),
            [("Human Trafficking".to_string(), 0)]
        );
    }

    #[test]
    fn abbreviations_and_case_sensitive_terms_need_their_exact_case() {
        let m = sample();
        assert_eq!(mentions(&m, "soca ukhtc reflex"), []);
        assert_eq!(
            mentions(&m, "serious organised crime agency, Reflex"),
            [
                ("serious organised crime agency".to_string(), 3),
                ("Reflex".to_string(), 2)
            ]
        );
    }

    #[test]
    fn names_with_the_same_letters_keep_their_own_case_rules() {
        let m = Matcher::new(vec![
            name(0, NameKind::Abbr, "ACT", true),
            name(1, NameKind::Term, "act", true),
        ])
        .unwrap();
        assert_eq!(
            mentions(&m, "ACT act Act"),
            [("ACT".to_string(), 0), ("act".to_string(), 1)]
        );
    }

    #[test]
    fn non_ascii_text_is_searched_safely() {
        let m = sample();
        assert_eq!(
            mentions(&m, "Ünïcode SOCA—é SOCAé"),
            [("SOCA".to_string(), 3)]
        );
    }
}
