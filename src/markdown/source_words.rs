//! The words of the pack's source texts, read once per build for the two checks that
//! hold a summary to its sources: quotations must occur in the paragraphs they cite,
//! and long runs of a source's words may not appear unquoted.
//!
//! Text is compared as words: letters and digits, apostrophes straight or curly
//! alike, case kept (a quotation's first word may differ in case), footnote markers
//! (`[3]`) dropped, punctuation and spacing ignored. Both checks are linear in the
//! pack's text: every run of `copied_words` source words is hashed into one set, and
//! each quotation is compared only with the paragraphs it cites, unless it fails.

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::content::source_text::BlockKind;
use crate::markdown::words::{BitFilter, Prehashed, Word, rolling, word_hash, words};
use crate::model::Site;

/// A numbered paragraph of a source text, by source index and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ParagraphRef {
    pub(crate) source: usize,
    pub(crate) number: u32,
}

impl<'s> Passage<'s> {
    fn read(source: usize, markdown: &'s str, paragraph: Option<ParagraphRef>) -> Passage<'s> {
        let mut words = words(markdown);
        // A paragraph's own number is not one of its words.
        if paragraph.is_some() && !words.is_empty() {
            words.remove(0);
        }
        let hashes = words.iter().map(|w| word_hash(&w.text)).collect();
        Passage {
            paragraph,
            source,
            markdown,
            words,
            hashes,
        }
    }
}

/// One stretch of source text: its words, and the Markdown they were read from.
#[derive(Debug)]
pub(crate) struct Passage<'s> {
    /// `None` for text outside the numbered paragraphs (a preamble, a heading).
    pub(crate) paragraph: Option<ParagraphRef>,
    pub(crate) source: usize,
    pub(crate) markdown: &'s str,
    pub(crate) words: Vec<Word>,
    /// Each word's `word_hash`.
    pub(crate) hashes: Vec<u64>,
}

/// Every source text's words, and the runs of `run` words they contain.
#[derive(Debug, Default)]
pub(crate) struct SourceWords<'s> {
    pub(crate) passages: Vec<Passage<'s>>,
    paragraphs: HashMap<ParagraphRef, usize>,
    /// Hash of each run of `run` lower-cased words → the passage it is in.
    runs: HashMap<u64, usize, Prehashed>,
    /// Hash of each three-word run → the passages it is in, to find where a
    /// quotation that fails might come from: made the first time one does.
    trigrams: OnceLock<Vec<(u64, u32)>>,
    pub(crate) run: usize,
    /// The runs' hashes as bits, to rule out most lookups at once.
    filter: BitFilter,
}

impl<'s> SourceWords<'s> {
    /// Reads every source text of `site`, hashing runs of `run` words (none if 0).
    pub(crate) fn new(site: &'s Site, run: usize) -> SourceWords<'s> {
        let blocks: Vec<(usize, &'s str, Option<ParagraphRef>)> = (site.sources.iter().enumerate())
            .filter_map(|(source, s)| Some((source, s.text.as_ref()?)))
            .flat_map(|(source, text)| {
                text.blocks.iter().map(move |block| {
                    let paragraph = match block.kind {
                        BlockKind::Paragraph(number) => Some(ParagraphRef { source, number }),
                        _ => None,
                    };
                    (
                        source,
                        &text.markdown.text()[block.range.clone()],
                        paragraph,
                    )
                })
            })
            .collect();
        // Reading the words is most of the work, and each passage's is its own.
        let passages: Vec<Passage<'s>> = blocks
            .into_par_iter()
            .map(|(source, markdown, paragraph)| Passage::read(source, markdown, paragraph))
            .collect();
        let mut index = SourceWords {
            run,
            ..SourceWords::default()
        };
        for passage in passages {
            index.add(passage);
        }
        index
    }

    fn add(&mut self, passage: Passage<'s>) {
        let at = self.passages.len();
        if let Some(p) = passage.paragraph {
            self.paragraphs.insert(p, at);
        }
        for run in rolling(&passage.hashes, self.run) {
            self.runs.entry(run).or_insert(at);
            self.filter.insert(run);
        }
        self.passages.push(passage);
    }

    /// Every three-word run of every passage, as (hash, passage), sorted: one flat
    /// list, so building it is a sort and a lookup a binary search.
    fn trigrams(&self) -> &[(u64, u32)] {
        self.trigrams.get_or_init(|| {
            let mut trigrams: Vec<(u64, u32)> = Vec::new();
            for (at, passage) in self.passages.iter().enumerate() {
                let at = u32::try_from(at).unwrap_or(u32::MAX);
                trigrams.extend(rolling(&passage.hashes, 3).map(|run| (run, at)));
            }
            trigrams.sort_unstable();
            trigrams.dedup();
            trigrams
        })
    }

    /// Whether the pack has any source text to check against.
    pub(crate) fn is_empty(&self) -> bool {
        self.passages.is_empty()
    }

    /// The passage of a numbered paragraph.
    pub(crate) fn paragraph(&self, p: ParagraphRef) -> Option<&Passage<'s>> {
        self.paragraphs.get(&p).map(|&i| &self.passages[i])
    }

    /// The passage holding a run of `run` words with this hash, if any does.
    pub(crate) fn run_in(&self, hash: u64) -> Option<&Passage<'s>> {
        // Almost every run of a summary is its own: the filter says so without a
        // table lookup.
        if !self.filter.may_hold(hash) {
            return None;
        }
        self.runs.get(&hash).map(|&i| &self.passages[i])
    }

    /// Passages sharing three-word runs with `words`, most shared first, at most
    /// `limit` of them.
    pub(crate) fn similar(&self, words: &[String], limit: usize) -> Vec<&Passage<'s>> {
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        // A few runs spread over the quotation find where it is, if it is anywhere:
        // every run of a quotation from a passage is in that passage.
        let runs: Vec<u64> = rolling(&hashes, 3).collect();
        let step = (runs.len() / SAMPLED_RUNS).max(1);
        let mut sampled: Vec<u64> = runs
            .iter()
            .step_by(step)
            .take(SAMPLED_RUNS)
            .copied()
            .collect();
        sampled.sort_unstable();
        sampled.dedup();
        let trigrams = self.trigrams();
        let holding = |run: u64| {
            let first = trigrams.partition_point(|&(h, _)| h < run);
            let len = trigrams[first..].partition_point(|&(h, _)| h == run);
            &trigrams[first..first + len]
        };
        // The passages holding the rarest sampled run, each counted for how many of
        // the others it holds too (a binary search each), rather than every passage
        // that holds any of them: common runs ("of the agency") are in hundreds.
        let Some(rarest) = sampled
            .iter()
            .map(|&run| holding(run))
            .min_by_key(|l| l.len())
        else {
            return Vec::new();
        };
        // A quotation from elsewhere shares most of its runs with its passage (all but
        // those across an elision); a passage sharing a few is a coincidence.
        let enough = sampled.len().div_ceil(2);
        let mut ranked: Vec<(usize, usize)> = (rarest.iter())
            .map(|&(_, p)| {
                let shared = (sampled.iter())
                    .filter(|&&run| trigrams.binary_search(&(run, p)).is_ok())
                    .count();
                (p as usize, shared)
            })
            .filter(|&(_, n)| n >= enough)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(limit)
            .map(|(p, _)| &self.passages[p])
            .collect()
    }
}

/// How many of a failing quotation's three-word runs are looked up.
const SAMPLED_RUNS: usize = 4;
