//! Finding names of glossary entries in text: Aho–Corasick automata over every
//! term, abbreviation and alias, so the cost of a search depends on the length of the
//! text and not on the size of the glossary.
//!
//! Each automaton reads a text once, reporting every place a name occurs (overlapping
//! ones too); whole words are checked on each, then the leftmost, longest ones are
//! kept. A leftmost-longest search would be simpler, but it must read past each
//! match to rule out a longer one, and starting again after a short match ("Home")
//! re-reads that stretch: with a long name beginning with the same word the cost
//! grew with the square of the text.
//!
//! Names that match whatever their ASCII case share one automaton, case-sensitive
//! names (abbreviations, and entries that ask for it) have their own, so no match
//! needs its letters compared again.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::names::Name;

/// The longest name (in bytes) whose automaton is a DFA. Real names are well under
/// it; a name as long as a paragraph would make the DFA slow to build.
const DFA_LONGEST: usize = 256;

/// A mention found in a text: `text[start..end]` names `names()[name]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub name: usize,
}

/// One automaton and, for each of its patterns, the name a match of it means.
#[derive(Debug)]
struct Search {
    automaton: AhoCorasick,
    /// Pattern → index into `names`: of names with the same pattern, the first.
    names: Vec<usize>,
    /// Preferred when a name of each automaton has the same letters: 0 for the
    /// case-sensitive one, so an exact match wins.
    rank: u8,
}

#[derive(Debug, Default)]
pub(crate) struct Matcher {
    searches: Vec<Search>,
    names: Vec<Name>,
}

/// A whole-word occurrence of a name, before the leftmost longest are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    start: usize,
    /// Sorting puts the longest first.
    end: Reverse<usize>,
    rank: u8,
    name: usize,
}

impl Matcher {
    /// Compiles the names into at most two automata. Returns an error only if one
    /// cannot be built (a glossary far larger than any pack).
    pub(crate) fn new(names: Vec<Name>) -> Result<Matcher, aho_corasick::BuildError> {
        let mut exact: BTreeMap<String, usize> = BTreeMap::new();
        let mut folded: BTreeMap<String, usize> = BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            let (patterns, text) = match name.case_sensitive {
                true => (&mut exact, name.text.clone()),
                false => (&mut folded, name.text.to_ascii_lowercase()),
            };
            patterns.entry(text).or_insert(i);
        }
        let searches = [(exact, false, 0), (folded, true, 1)]
            .into_iter()
            .filter(|(patterns, _, _)| !patterns.is_empty())
            .map(|(patterns, fold, rank)| Search::new(patterns, fold, rank))
            .collect::<Result<_, _>>()?;
        Ok(Matcher { searches, names })
    }

    pub(crate) fn names(&self) -> &[Name] {
        &self.names
    }

    /// Every whole-word mention in `text`, left to right, none overlapping another:
    /// at each place the longest name that is a whole word there.
    pub(crate) fn find_all(&self, text: &str) -> Vec<Found> {
        let mut candidates: Vec<Candidate> = Vec::new();
        for search in &self.searches {
            search.candidates(text, &mut candidates);
        }
        candidates.sort_unstable();
        let mut found = Vec::new();
        let mut pos = 0;
        for c in candidates {
            if c.start < pos {
                continue;
            }
            found.push(Found {
                start: c.start,
                end: c.end.0,
                name: c.name,
            });
            pos = c.end.0;
        }
        found
    }
}

impl Search {
    fn new(
        patterns: BTreeMap<String, usize>,
        fold: bool,
        rank: u8,
    ) -> Result<Search, aho_corasick::BuildError> {
        // A DFA (one table look-up per byte of text) keeps the cost per byte flat as
        // the glossary grows; the automatic choice would fall back to a slower NFA
        // beyond a hundred patterns. But its table is filled by walking failure
        // links, which costs up to the square of a name's length: past
        // `DFA_LONGEST` the NFA, whose search is linear too, is built instead.
        // Standard semantics: every match is reported.
        let longest = patterns.keys().map(String::len).max().unwrap_or(0);
        let kind = match longest <= DFA_LONGEST {
            true => AhoCorasickKind::DFA,
            false => AhoCorasickKind::ContiguousNFA,
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(fold)
            .kind(Some(kind))
            .build(patterns.keys())?;
        Ok(Search {
            automaton,
            names: patterns.into_values().collect(),
            rank,
        })
    }

    /// Adds every whole-word match in `text`, from one pass of the automaton.
    fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        #[cfg(test)]
        tests::count_pass();
        for m in self.automaton.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            // Bytes of a name match only bytes of the same characters, but a name
            // could start with a continuation byte of a broken-up character.
            if text.get(start..end).is_none() || !starts_word(text, start) || !ends_word(text, end)
            {
                continue;
            }
            out.push(Candidate {
                start,
                end: Reverse(end),
                rank: self.rank,
                name: self.names[m.pattern().as_usize()],
            });
        }
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::model::names::NameKind;

    thread_local! {
        /// Passes of an automaton over a text on this thread.
        static PASSES: Cell<usize> = const { Cell::new(0) };
    }

    pub(super) fn count_pass() {
        PASSES.with(|p| p.set(p.get() + 1));
    }

    /// `find_all`, and how many times an automaton read the text for it.
    fn find_counting(matcher: &Matcher, text: &str) -> (Vec<Found>, usize) {
        PASSES.with(|p| p.set(0));
        let found = matcher.find_all(text);
        (found, PASSES.with(Cell::get))
    }

    /// What `find_all` must return, found the slow way: at each place from the left,
    /// the longest name that is a whole word there with the right case (an exact
    /// name before one that ignores case, then the first).
    fn reference(names: &[Name], text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let best = (names.iter().enumerate())
                .filter(|(_, n)| occurs_at(n, text, pos))
                .max_by_key(|&(i, n)| (n.text.len(), n.case_sensitive, Reverse(i)));
            match best {
                Some((name, n)) => {
                    found.push(Found {
                        start: pos,
                        end: pos + n.text.len(),
                        name,
                    });
                    pos += n.text.len();
                }
                None => pos += text[pos..].chars().next().map_or(1, char::len_utf8),
            }
        }
        found
    }

    fn occurs_at(name: &Name, text: &str, pos: usize) -> bool {
        let end = pos + name.text.len();
        let Some(there) = text.get(pos..end) else {
            return false;
        };
        let same = match name.case_sensitive {
            true => there == name.text,
            false => there.eq_ignore_ascii_case(&name.text),
        };
        same && starts_word(text, pos) && ends_word(text, end)
    }

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

    /// A one-word name and a long name starting with it, in a text that follows the
    /// long name for long stretches without completing it: a search that starts
    /// again after each short match re-reads each stretch, once per short match in
    /// it. Counted, not timed: one pass of each automaton over the text.
    #[test]
    fn each_automaton_reads_a_text_once_whatever_the_names() {
        let stretch = "Home Office Border and Immigration Agency ".repeat(200);
        let names = vec![
            name(0, NameKind::Term, "Home", false),
            name(1, NameKind::Term, &format!("{stretch}Directorate"), false),
            name(2, NameKind::Abbr, "HOBIA", true),
        ];
        let matcher = Matcher::new(names.clone()).unwrap();
        let text = stretch.repeat(20) + "Home Office HOBIA.";
        let (found, passes) = find_counting(&matcher, &text);
        assert_eq!(passes, 2, "one pass of each of the two automata");
        assert_eq!(found.len(), 200 * 20 + 2);
        assert_eq!(found, reference(&names, &text));
    }

    proptest::proptest! {
        #[test]
        fn finds_what_the_slow_search_finds(
            words in proptest::collection::vec(
                "(Home|home|HOME|Homes|Office|office|Border|HO|ho|of|x|é|_)",
                0..40,
            ),
            separators in proptest::collection::vec("( |, |-|’|\\.|)", 40),
        ) {
            let names = vec![
                name(0, NameKind::Term, "Home", false),
                name(1, NameKind::Term, "Home Office", false),
                name(2, NameKind::Term, "Home Office Border", false),
                name(3, NameKind::Abbr, "HO", true),
                name(4, NameKind::Term, "ho", true),
                name(5, NameKind::Term, "Office-Border", false),
                name(6, NameKind::Alias, "é Home", false),
            ];
            let text: String = words.iter().zip(&separators).map(|(w, s)| format!("{w}{s}")).collect();
            let matcher = Matcher::new(names.clone()).unwrap();
            proptest::prop_assert_eq!(matcher.find_all(&text), reference(&names, &text));
        }
    }
}
