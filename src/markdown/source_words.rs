//! The words of the pack's source texts, read once per build for the two checks that
//! hold a summary to its sources: quotations must occur in the paragraphs they cite,
//! and long runs of a source's words may not appear unquoted.
//!
//! Text is compared as words: letters and digits, apostrophes straight or curly
//! alike, case kept (a quotation's first word may differ in case), footnote markers
//! (`[3]`) dropped, punctuation and spacing ignored. Both checks are linear in the
//! pack's text: every run of `copied_words` source words is hashed into one set, and
//! each quotation is compared only with the paragraphs it cites, unless it fails.

use std::collections::{HashMap, HashSet};

use crate::content::source_text::BlockKind;
use crate::model::Site;

/// One word of a text, and where it is (byte offsets in the text it came from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Splits `text` into words. `[digits]` footnote markers are skipped; brackets,
/// quotation marks and every other mark are separators.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '[' && is_marker(&text[i..]) {
            if let Some((start, word)) = current.take() {
                out.push(Word {
                    text: word,
                    start,
                    end: i,
                });
            }
            // Skip to the closing bracket.
            for (_, c) in chars.by_ref() {
                if c == ']' {
                    break;
                }
            }
            continue;
        }
        let apostrophe = matches!(c, '\'' | '’' | 'ʼ');
        let inside = current.is_some() && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || (apostrophe && inside) {
            let (_, word) = current.get_or_insert_with(|| (i, String::new()));
            word.push(if apostrophe { '\'' } else { c });
        } else if let Some((start, word)) = current.take() {
            out.push(Word {
                text: word,
                start,
                end: i,
            });
        }
    }
    if let Some((start, word)) = current {
        out.push(Word {
            text: word,
            start,
            end: text.len(),
        });
    }
    out
}

/// Whether `text` starts with a footnote marker: `[`, digits, `]`.
fn is_marker(text: &str) -> bool {
    let digits = text[1..].bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text.as_bytes().get(1 + digits) == Some(&b']')
}

/// A numbered paragraph of a source text, by source index and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ParagraphRef {
    pub(crate) source: usize,
    pub(crate) number: u32,
}

/// One stretch of source text: its words, and the Markdown they were read from.
#[derive(Debug)]
pub(crate) struct Passage<'s> {
    /// `None` for text outside the numbered paragraphs (a preamble, a heading).
    pub(crate) paragraph: Option<ParagraphRef>,
    pub(crate) source: usize,
    pub(crate) markdown: &'s str,
    pub(crate) words: Vec<Word>,
}

/// Every source text's words, and the runs of `run` words they contain.
#[derive(Debug, Default)]
pub(crate) struct SourceWords<'s> {
    pub(crate) passages: Vec<Passage<'s>>,
    paragraphs: HashMap<ParagraphRef, usize>,
    /// Hash of each run of `run` lower-cased words → the passage it is in.
    runs: HashMap<u64, usize>,
    /// Hash of each three-word run → the passages it is in, to find where a
    /// quotation that fails might come from.
    trigrams: HashMap<u64, Vec<usize>>,
    pub(crate) run: usize,
}

impl<'s> SourceWords<'s> {
    /// Reads every source text of `site`, hashing runs of `run` words (none if 0).
    pub(crate) fn new(site: &'s Site, run: usize) -> SourceWords<'s> {
        let mut index = SourceWords {
            run,
            ..SourceWords::default()
        };
        for (source, s) in site.sources.iter().enumerate() {
            let Some(text) = &s.text else { continue };
            for block in &text.blocks {
                let markdown = &text.markdown.text()[block.range.clone()];
                let paragraph = match block.kind {
                    BlockKind::Paragraph(number) => Some(ParagraphRef { source, number }),
                    _ => None,
                };
                let mut words = words(markdown);
                // A paragraph's own number is not one of its words.
                if paragraph.is_some() && !words.is_empty() {
                    words.remove(0);
                }
                index.add(Passage {
                    paragraph,
                    source,
                    markdown,
                    words,
                });
            }
        }
        index
    }

    fn add(&mut self, passage: Passage<'s>) {
        let at = self.passages.len();
        if let Some(p) = passage.paragraph {
            self.paragraphs.insert(p, at);
        }
        let hashes: Vec<u64> = passage.words.iter().map(|w| word_hash(&w.text)).collect();
        for run in rolling(&hashes, self.run) {
            self.runs.entry(run).or_insert(at);
        }
        for run in rolling(&hashes, 3) {
            let list = self.trigrams.entry(run).or_default();
            if list.last() != Some(&at) {
                list.push(at);
            }
        }
        self.passages.push(passage);
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
        self.runs.get(&hash).map(|&i| &self.passages[i])
    }

    /// Passages sharing three-word runs with `words`, most shared first, at most
    /// `limit` of them.
    pub(crate) fn similar(&self, words: &[String], limit: usize) -> Vec<&Passage<'s>> {
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut seen = HashSet::new();
        for run in rolling(&hashes, 3) {
            if !seen.insert(run) {
                continue;
            }
            for &p in self.trigrams.get(&run).into_iter().flatten() {
                *shared.entry(p).or_default() += 1;
            }
        }
        let mut ranked: Vec<(usize, usize)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(limit)
            .map(|(p, _)| &self.passages[p])
            .collect()
    }
}

/// A word's hash, case folded: copying is copying whatever the capitals.
pub(crate) fn word_hash(word: &str) -> u64 {
    // FNV-1a: fast, and fixed, so two builds hash alike.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut buf = [0; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The hash of every run of `n` consecutive word hashes, in order (a polynomial
/// rolling hash, so each run costs the same whatever `n`).
pub(crate) fn rolling(hashes: &[u64], n: usize) -> impl Iterator<Item = u64> + '_ {
    const BASE: u64 = 0x100_0000_01b3;
    let top = (1..n).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h = 0u64;
    (0..hashes.len()).filter_map(move |i| {
        if n == 0 {
            return None;
        }
        if i >= n {
            h = h.wrapping_sub(hashes[i - n].wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(hashes[i]);
        (i + 1 >= n).then_some(h)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_fold_apostrophes_and_drop_footnote_markers() {
        assert_eq!(
            texts("the Agency’s[3] business, 12% of\n“it”.[It] offers"),
            [
                "the", "Agency's", "business", "12", "of", "it", "It", "offers"
            ]
        );
        assert_eq!(texts("'Don't close'"), ["Don't", "close"]);
    }

    #[test]
    fn a_rolling_hash_equals_the_hash_of_the_run() {
        let hashes: Vec<u64> = ["a", "b", "c", "d"].iter().map(|w| word_hash(w)).collect();
        let runs: Vec<u64> = rolling(&hashes, 2).collect();
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[2], rolling(&hashes[2..], 2).next().unwrap_or_default());
        assert_ne!(runs[0], runs[1]);
        assert_eq!(word_hash("Agency"), word_hash("agency"));
    }
}
