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

use rayon::prelude::*;

use crate::content::source_text::BlockKind;
use crate::markdown::words::{BitFilter, Word, rolling, word_hash, words};
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
    /// Each run of `run` words, as (hash, the first passage it is in), by hash.
    runs: Vec<(u64, u32)>,
    /// Each three-word run and every passage it is in, by hash: where a quotation
    /// that fails might come from.
    trigrams: Vec<(u64, u32)>,
    pub(crate) run: usize,
    /// The runs' hashes as bits, to rule out most lookups at once.
    filter: BitFilter,
}

/// Every run of `n` words of every passage, as (hash, passage index), sorted by hash
/// then passage.
fn pairs(passages: &[Passage], n: usize) -> Vec<(u64, u32)> {
    let mut pairs: Vec<(u64, u32)> = (passages.par_iter().enumerate())
        .flat_map_iter(|(at, passage)| {
            let at = u32::try_from(at).unwrap_or(u32::MAX);
            rolling(&passage.hashes, n).map(move |run| (run, at))
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
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
        // The two indexes are sorted lists, made in parallel: a sort, not a table.
        let (runs, trigrams) = rayon::join(|| pairs(&passages, run), || pairs(&passages, 3));
        let mut runs = runs;
        // A run found in several passages is reported from the first.
        runs.dedup_by_key(|&mut (hash, _)| hash);
        let mut filter = BitFilter::default();
        runs.iter().for_each(|&(hash, _)| filter.insert(hash));
        let paragraphs = (passages.iter().enumerate())
            .filter_map(|(at, p)| Some((p.paragraph?, at)))
            .collect();
        SourceWords {
            passages,
            paragraphs,
            runs,
            trigrams,
            run,
            filter,
        }
    }

    /// Every three-word run of every passage, as (hash, passage), sorted.
    fn trigrams(&self) -> &[(u64, u32)] {
        &self.trigrams
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
        // search.
        if !self.filter.may_hold(hash) {
            return None;
        }
        let at = self.runs.partition_point(|&(h, _)| h < hash);
        match self.runs.get(at) {
            Some(&(h, p)) if h == hash => Some(&self.passages[p as usize]),
            _ => None,
        }
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
