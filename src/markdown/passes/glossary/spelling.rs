//! Likely misspellings of glossary names ("UKTHC" for "UKHTC"): a capitalised word
//! one edit away from an abbreviation or a one-word name.
//!
//! Checking every word against every name would cost words × names. Instead every
//! name and each of its one-letter deletions is put in a table: two words are at most
//! one edit apart (insertion, deletion, substitution or swap of neighbours) only if
//! one of them, or a deletion of each, meet in that table. A word then costs a
//! handful of look-ups, whatever the size of the glossary.

use std::collections::{HashMap, HashSet};

use super::matcher::is_word_char;
use crate::base::swar;
use crate::model::names::{Name, NameKind};

/// A name worth checking words against.
#[derive(Debug)]
pub(crate) struct Target {
    pub text: String,
    pub term: usize,
    lower: String,
    /// Capital letters a word needs to be a near miss: an acronym is misspelt as
    /// another acronym ("UKTHC"), not as an ordinary word ("No" for "NGO").
    capitals: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Spelling {
    targets: Vec<Target>,
    /// A target or one of its deletions (lower case) → targets.
    neighbours: HashMap<String, Vec<usize>>,
    /// Every name in lower case: a word that is some name is never a misspelling.
    known: HashSet<String>,
    shortest: usize,
    longest: usize,
    /// The fewest capitals any target asks of a word: a cheap first filter.
    min_capitals: usize,
}

/// Names shorter than this are too easily one edit from an ordinary word.
const MIN_LEN: usize = 3;

impl Spelling {
    pub(crate) fn new(names: &[Name]) -> Spelling {
        let mut spelling = Spelling {
            shortest: usize::MAX,
            min_capitals: usize::MAX,
            ..Spelling::default()
        };
        for name in names {
            spelling.known.insert(name.text.to_lowercase());
            if is_target(name) {
                spelling.add(name);
            }
        }
        spelling
    }

    fn add(&mut self, name: &Name) {
        let lower = name.text.to_lowercase();
        let id = self.targets.len();
        let len = lower.chars().count();
        self.shortest = self.shortest.min(len);
        self.longest = self.longest.max(len);
        for key in std::iter::once(lower.clone()).chain(deletions(&lower)) {
            let ids = self.neighbours.entry(key).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let capitals = capitals(&name.text).min(2);
        self.min_capitals = self.min_capitals.min(capitals);
        self.targets.push(Target {
            text: name.text.clone(),
            term: name.term,
            lower,
            capitals,
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The name `word` is likely a misspelling of, if any.
    pub(crate) fn check(&self, word: &str) -> Option<&Target> {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let len = word.chars().count();
        if len < MIN_LEN || len + 1 < self.shortest || len > self.longest + 1 {
            return None;
        }
        let word_capitals = capitals(word);
        if word_capitals < self.min_capitals {
            return None;
        }
        let lower = word.to_lowercase();
        if self.known.contains(&lower) {
            return None;
        }
        let fits = |ids: &Vec<usize>| {
            ids.iter()
                .map(|&id| &self.targets[id])
                .find(|t| word_capitals >= t.capitals && is_misspelling(&lower, &t.lower))
        };
        if let Some(t) = self.neighbours.get(&lower).and_then(fits) {
            return Some(t);
        }
        // One buffer for every deletion: this runs for every capitalised word.
        let mut key = String::with_capacity(lower.len());
        for (i, c) in lower.char_indices() {
            key.clear();
            key.push_str(&lower[..i]);
            key.push_str(&lower[i + c.len_utf8()..]);
            if let Some(t) = self.neighbours.get(&key).and_then(fits) {
                return Some(t);
            }
        }
        None
    }
}

/// Abbreviations and one-word names written like proper names ("Reflex" with
/// `case_sensitive`, "POPPY"): a near miss of a common noun is not our business.
fn is_target(name: &Name) -> bool {
    let one_word = !name.text.contains(char::is_whitespace);
    let proper = name.kind == NameKind::Abbr || name.case_sensitive || capitals(&name.text) >= 2;
    one_word && proper && name.text.chars().count() >= MIN_LEN
}

fn capitals(word: &str) -> usize {
    word.chars().filter(|c| c.is_uppercase()).count()
}

fn is_misspelling(word: &str, target: &str) -> bool {
    let plural = word.strip_suffix('s') == Some(target);
    !plural && strsim::osa_distance(word, target) == 1
}

/// The words of `text` that start with a capital letter (the only ones `check`
/// considers), found with a byte scan rather than by decoding every character.
pub(crate) fn capitalised_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            i = skip_to_candidate(bytes, i);
            let Some(&b) = bytes.get(i) else { break };
            // An ASCII capital or the first byte of a non-ASCII character.
            if !(b.is_ascii_uppercase() || b >= 0xC0) || follows_word(text, i) {
                i += 1;
                continue;
            }
            let start = i;
            i = text[start..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(j, _)| start + j);
            if i == start {
                i += text[start..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            return Some(&text[start..i]);
        }
        None
    })
}

/// The first position from `i` on whose 8-byte chunk holds an ASCII capital or the
/// first byte of a non-ASCII character: most text is neither, and is skipped eight
/// bytes at a time.
fn skip_to_candidate(bytes: &[u8], mut i: usize) -> usize {
    while let Some(x) = swar::chunk(bytes, i) {
        if swar::ascii_between(x, b'A', b'Z') | swar::utf8_leads(x) != 0 {
            break;
        }
        i += 8;
    }
    i
}

fn follows_word(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(is_word_char)
}

/// `word` with each one of its characters left out.
fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + c.len_utf8()..]);
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelling() -> Spelling {
        let names = [
            ("UK Human Trafficking Centre", NameKind::Term, false),
            ("UKHTC", NameKind::Abbr, true),
            ("Reflex", NameKind::Term, true),
            ("Demand", NameKind::Term, false),
            ("NGO", NameKind::Abbr, true),
        ];
        let names: Vec<Name> = names
            .iter()
            .enumerate()
            .map(|(term, &(text, kind, case_sensitive))| Name {
                term,
                kind,
                text: text.to_string(),
                case_sensitive,
            })
            .collect();
        Spelling::new(&names)
    }

    fn suggestion(word: &str) -> Option<String> {
        spelling().check(word).map(|t| t.text.clone())
    }

    #[test]
    fn one_edit_from_an_abbreviation_is_a_likely_misspelling() {
        assert_eq!(suggestion("UKTHC").as_deref(), Some("UKHTC"));
        assert_eq!(suggestion("UKHC").as_deref(), Some("UKHTC"));
        assert_eq!(suggestion("UKHTCC").as_deref(), Some("UKHTC"));
        assert_eq!(suggestion("Reflux").as_deref(), Some("Reflex"));
        assert_eq!(suggestion("NGA").as_deref(), Some("NGO"));
    }

    proptest::proptest! {
        #[test]
        /// Words starting with an ASCII capital or a non-ASCII letter (`check` sorts
        /// out the capitals among those).
        fn capitalised_words_skips_nothing_it_should_find(text in "[a-zA-Z@\\[`{ .,’é\u{c0}ÉΩ_0-9]{0,60}") {
            let expected: Vec<&str> = text
                .char_indices()
                .filter(|&(i, c)| {
                    (c.is_ascii_uppercase() || !c.is_ascii() && is_word_char(c))
                        && !text[..i].chars().next_back().is_some_and(is_word_char)
                })
                .map(|(i, _)| {
                    let end = text[i..]
                        .char_indices()
                        .find(|&(_, c)| !is_word_char(c))
                        .map_or(text.len(), |(j, _)| i + j);
                    &text[i..end]
                })
                .collect();
            let found: Vec<&str> = capitalised_words(&text).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn capitalised_words_are_found_whole() {
        let words: Vec<&str> =
            capitalised_words("The UKTHC’s role, déjà Vu and Élan; aB x_Y.").collect();
        assert_eq!(words, ["The", "UKTHC", "Vu", "Élan"]);
    }

    #[test]
    fn names_plurals_common_nouns_and_lower_case_words_are_not() {
        for word in [
            "UKHTC", "NGOs", "UKHTCs", "Remand", "ukthc", "Reflexes", "Centre", "No", "Ago", "Nag",
        ] {
            assert_eq!(suggestion(word), None, "{word}");
        }
    }
}
