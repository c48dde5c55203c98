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
    /// The hashes of the source texts' shorter runs (`probe_len` words) as bits.
    /// A copied run of `run` words holds a shorter one at every position, so a text
    /// need only be probed every `STRIDE` words, and only where the filter says
    /// maybe is the full run looked up: most of a summary never touches memory.
    filter: BitFilter,
    pub(crate) probe_len: usize,
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
    /// Whether a run of `probe_len` words with this hash may be in a source.
    pub(crate) fn may_hold(&self, probe: u64) -> bool {
        self.filter.may_hold(probe)
    }

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
        let probe_len = probe_len(run);
        let mut filter = BitFilter::default();
        for passage in &passages {
            rolling(&passage.hashes, probe_len).for_each(|hash| filter.insert(hash));
        }
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
            probe_len,
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
        // The passages holding the rarest sampled run: a quotation from elsewhere is
        // in every one of its runs' lists, and the caller checks each candidate.
        let Some(rarest) = sampled
            .iter()
            .map(|&run| holding(run))
            .min_by_key(|l| l.len())
        else {
            return Vec::new();
        };
        let mut found: Vec<usize> = rarest.iter().map(|&(_, p)| p as usize).collect();
        found.dedup();
        found
            .into_iter()
            .take(limit)
            .map(|p| &self.passages[p])
            .collect()
    }
}

/// A text is probed for copied runs every `STRIDE` words at most (every `run` words
/// when runs are shorter).
const STRIDE: usize = 4;

/// How many words apart a text is probed.
pub(crate) fn stride(run: usize) -> usize {
    run.clamp(1, STRIDE)
}

/// The length of the runs the filter holds: short enough that a copied run of `run`
/// words holds one starting at a multiple of the stride, wherever it starts.
fn probe_len(run: usize) -> usize {
    (run + 1).saturating_sub(stride(run)).max(1)
}

/// How many of a failing quotation's three-word runs are looked up.
const SAMPLED_RUNS: usize = 3;
