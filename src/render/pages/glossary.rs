//! The glossary's A–Z page.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tera::Context;

use crate::markdown::inline::first_sentence;
use crate::model::{PageRef, Site};
use crate::render::urls::page_url;
use crate::render::views::{TermItem, base_context};

pub(super) fn context(site: &Site, file: &str) -> Context {
    let mut ctx = base_context(site, file, "Glossary", "glossary");
    let terms: Vec<TermItem> = site
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| TermItem {
            id: format!("term-{}", t.slug),
            term: t.term.clone(),
            abbr: t.abbr.clone(),
            aliases: t.aliases.clone(),
            url: page_url(site, file, PageRef::Term(i), None),
            short: first_sentence(t.body.text()),
            letter: initial(&t.term),
        })
        .collect();
    #[derive(Serialize)]
    struct Letter {
        letter: String,
        terms: Vec<TermItem>,
    }
    let mut letters: BTreeMap<String, Vec<TermItem>> = BTreeMap::new();
    for term in terms {
        letters.entry(term.letter.clone()).or_default().push(term);
    }
    // The index shows the whole alphabet, so a missing letter reads as "no entries"
    // rather than as a gap; initials outside A–Z follow Z.
    #[derive(Serialize)]
    struct IndexLetter {
        letter: String,
        present: bool,
    }
    let mut alphabet: BTreeSet<String> = ('A'..='Z').map(String::from).collect();
    alphabet.extend(letters.keys().cloned());
    let index: Vec<IndexLetter> = alphabet
        .into_iter()
        .map(|letter| IndexLetter {
            present: letters.contains_key(&letter),
            letter,
        })
        .collect();
    ctx.insert("index", &index);
    ctx.insert("count", &site.terms.len());
    let letters: Vec<Letter> = letters
        .into_iter()
        .map(|(letter, terms)| Letter { letter, terms })
        .collect();
    ctx.insert("letters", &letters);
    ctx
}

fn initial(term: &str) -> String {
    term.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_else(|| "#".to_string())
}
