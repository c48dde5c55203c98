//! A text held to its sources: each quotation must occur in the paragraphs the text
//! cites (in its front matter, or by linking to them), and no run of a source's
//! words may appear outside quotation marks.
//!
//! A quotation matches when its words occur in one cited paragraph in order, the
//! first word of each part in either case; `…`, `...` and `[…]` stand for any words
//! of the same paragraph, and a bracketed insertion (`[It]`) for the words it
//! replaces. Quotations of material the pack has no text of are left alone.

use std::collections::HashSet;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::url::{LinkTarget, classify_link, decode_or_keep};
use crate::config::Strictness;
use crate::markdown::input::{Env, Input};
use crate::markdown::passes::links::join_path;
use crate::markdown::passes::quotations::{Prose, Quote, RunWord};
use crate::markdown::source_words::{ParagraphRef, Passage, SourceWords, stride};
use crate::markdown::words::{Prehashed, Rolling, word_hash, words};
use crate::model::{Citation, PageRef, Site};

/// Checks one text's quotations and words against the sources.
pub(crate) fn check(env: &Env, input: &Input, prose: &Prose, diags: &mut Diagnostics) {
    let Some(sources) = env.sources.filter(|s| !s.is_empty()) else {
        return;
    };
    // Source descriptions describe documents; their quotations are titles.
    if matches!(input.page, PageRef::Source(_)) {
        return;
    }
    let checked = env.site.config.check.quotations != Strictness::Off;
    if checked && !prose.quotes.is_empty() {
        let cited = cited_paragraphs(env.site, input, prose);
        for quote in &prose.quotes {
            check_quote(env, input, sources, &cited, quote, diags);
        }
    }
    if sources.run > 0 {
        for run in &prose.runs {
            check_run(env, input, sources, run, diags);
        }
    }
}

/// The paragraphs a text cites: its citation, and the paragraphs it links to.
fn cited_paragraphs(site: &Site, input: &Input, prose: &Prose) -> Vec<ParagraphRef> {
    let mut cited: Vec<ParagraphRef> = Vec::new();
    let mut add = |c: &Citation| {
        cited.extend((c.paragraphs.numbers()).map(|number| ParagraphRef {
            source: c.source,
            number,
        }));
    };
    match input.page {
        PageRef::Section(i) => add(&Citation {
            source: site.sections[i].source,
            paragraphs: site.sections[i].paragraphs.clone(),
        }),
        PageRef::Event(i) => site.events[i].cite.iter().for_each(&mut add),
        PageRef::Term(i) => site.terms[i].cites.iter().for_each(&mut add),
        _ => {}
    }
    let folder = input.markdown.folder();
    for link in &prose.links {
        if let Some(p) = paragraph_link(site, &folder, link) {
            cited.push(p);
        }
    }
    cited.sort();
    cited.dedup();
    cited
}

/// The source paragraph a link points at (`../sources/report.md#p11`), if it does.
fn paragraph_link(site: &Site, folder: &str, url: &str) -> Option<ParagraphRef> {
    let LinkTarget::Relative { path, fragment } = classify_link(url) else {
        return None;
    };
    let number = fragment?.strip_prefix('p')?.parse().ok()?;
    let resolved = join_path(folder, &decode_or_keep(&path))?;
    match site.links.get(&resolved)? {
        PageRef::Source(source) => Some(ParagraphRef {
            source: *source,
            number,
        }),
        _ => None,
    }
}

/// A quotation's parts: its words between elisions and insertions.
fn parts(quote: &str) -> Vec<Vec<String>> {
    let gaps = with_gaps(&quote.replace("...", "…"));
    let mut parts = Vec::new();
    for piece in gaps.split('…') {
        push_part(&mut parts, piece);
    }
    parts
}

/// `text` with each bracketed insertion (`[It]`, `[…]`) made an elision. `[3]` is a
/// footnote marker, kept for `words` to drop.
fn with_gaps(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inside = &rest[open + 1..close];
        if !inside.is_empty() && inside.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&rest[open..=close]);
        } else {
            out.push('…');
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn push_part(parts: &mut Vec<Vec<String>>, text: &str) {
    let part: Vec<String> = words(text).into_iter().map(|w| w.text).collect();
    if !part.is_empty() {
        parts.push(part);
    }
}

/// Whether the parts occur in `passage`, in order. Word hashes (case folded) are
/// compared first; only where they all agree are the words themselves.
fn occurs(parts: &[Vec<String>], passage: &Passage) -> bool {
    let mut from = 0;
    for part in parts {
        let hashes: Vec<u64> = part.iter().map(|w| word_hash(w)).collect();
        let Some(last_start) = passage.words.len().checked_sub(part.len()) else {
            return false;
        };
        let found = (from..=last_start).find(|&j| {
            passage.hashes[j..j + part.len()] == hashes[..]
                && (part.iter().enumerate())
                    .all(|(k, w)| same_word(w, &passage.words[j + k].text, k == 0))
        });
        match found {
            Some(j) => from = j + part.len(),
            None => return false,
        }
    }
    true
}

/// Words as a quotation may give them: exactly, but for the case of the first letter
/// of a part's first word.
fn same_word(quoted: &str, source: &str, first: bool) -> bool {
    if !first {
        return quoted == source;
    }
    let (mut q, mut s) = (quoted.chars(), source.chars());
    let lower = |c: Option<char>| c.map(|c| c.to_lowercase().collect::<String>());
    lower(q.next()) == lower(s.next()) && q.as_str() == s.as_str()
}

fn check_quote(
    env: &Env,
    input: &Input,
    sources: &SourceWords,
    cited: &[ParagraphRef],
    quote: &Quote,
    diags: &mut Diagnostics,
) {
    let with_text: Vec<&Passage> = cited.iter().filter_map(|&p| sources.paragraph(p)).collect();
    if with_text.is_empty() {
        return;
    }
    let parts = parts(&quote.text);
    if parts.is_empty() || with_text.iter().any(|p| occurs(&parts, p)) {
        return;
    }
    let all: Vec<String> = parts.concat();
    // Searched for by its longest part, whose runs of words the source has as they are.
    let longest = parts.iter().max_by_key(|p| p.len()).map_or(&all, |p| p);
    let elsewhere = (sources.similar(longest, 16).into_iter())
        .chain(short_quote_candidates(sources, longest))
        .find(|p| occurs(&parts, p));
    let shown = shorten(&quote.text);
    let diagnostic = match elsewhere {
        Some(found) => problem(
            env,
            input,
            quote.at,
            format!(
                "the quotation “{shown}” is not in {}, which this text cites; it is in {}",
                list(env.site, &with_text),
                label(env.site, found)
            ),
        )
        .with_hint("cite the paragraph it is from, or quote the paragraph cited"),
        None => {
            let hint = match closest(&with_text, &all) {
                Some((passage, text)) => format!(
                    "the closest passage, in {}: “{text}”",
                    label(env.site, passage)
                ),
                None => "quote the words exactly as the source has them".to_string(),
            };
            problem(
                env,
                input,
                quote.at,
                format!(
                    "the quotation “{shown}” does not occur in {}",
                    list(env.site, &with_text)
                ),
            )
            .with_hint(hint)
        }
    };
    diags.push(diagnostic);
}

/// For quotations too short to share a three-word run: every paragraph.
fn short_quote_candidates<'a, 's>(
    sources: &'a SourceWords<'s>,
    words: &[String],
) -> impl Iterator<Item = &'a Passage<'s>> {
    let short = words.len() < 3;
    sources.passages.iter().filter(move |_| short)
}

/// A problem at `at` in the text, as the pack's `[check]` asks.
fn problem(env: &Env, input: &Input, at: usize, message: String) -> Diagnostic {
    match env.site.config.check.quotations {
        Strictness::Error => input.markdown.error(at, message),
        Strictness::Warning | Strictness::Off => input.markdown.warning(at, message),
    }
}

/// The stretch of the cited paragraphs most like the quotation, as written there:
/// the window of the quotation's length holding most of its words (counted with a
/// running sum, so each paragraph is read once).
fn closest<'p>(cited: &[&'p Passage<'p>], quote: &[String]) -> Option<(&'p Passage<'p>, String)> {
    let wanted: HashSet<u64, Prehashed> = quote.iter().map(|w| word_hash(w)).collect();
    let n = quote.len().max(1);
    let mut best: Option<(usize, &Passage, usize)> = None;
    for passage in cited {
        let hits: Vec<usize> = (passage.hashes.iter())
            .map(|h| usize::from(wanted.contains(h)))
            .collect();
        let mut shared: usize = hits.iter().take(n).sum();
        for start in 0..hits.len().saturating_sub(n - 1).max(1) {
            if start > 0 {
                shared = shared + hits.get(start + n - 1).copied().unwrap_or(0) - hits[start - 1];
            }
            if best.is_none_or(|(s, _, _)| shared > s) {
                best = Some((shared, passage, start));
            }
        }
    }
    let (shared, passage, start) = best?;
    if shared == 0 {
        return None;
    }
    let end = (start + n).min(passage.words.len()) - 1;
    let text = &passage.markdown[passage.words[start].start..passage.words[end].end];
    Some((
        passage,
        text.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

fn check_run(
    env: &Env,
    input: &Input,
    sources: &SourceWords,
    run: &[RunWord],
    diags: &mut Diagnostics,
) {
    let n = sources.run;
    if run.len() < n {
        return;
    }
    let hashes: Vec<u64> = run.iter().map(|w| w.hash).collect();
    let candidates = candidate_starts(sources, &hashes);
    if !candidates.contains(&true) {
        return;
    }
    let mut window = Rolling::new(n);
    // The copied stretch being read: its first window, and the passage it is from.
    let mut copied: Option<(usize, &Passage)> = None;
    for i in 0..hashes.len() {
        let Some(hash) = window.push(&hashes, i) else {
            continue;
        };
        let start = i + 1 - n;
        let found = candidates[start].then(|| sources.run_in(hash)).flatten();
        match (copied, found) {
            (None, Some(passage)) => copied = Some((start, passage)),
            (Some((first, passage)), None) => {
                report_copy(env, input, &run[first..i], passage, diags);
                copied = None;
            }
            _ => {}
        }
    }
    if let Some((first, passage)) = copied {
        report_copy(env, input, &run[first..], passage, diags);
    }
}

/// For each place a run of `run` words could start, whether it may be copied: the
/// shorter runs starting every few words are looked up in the sources' filter,
/// and each one the filter may hold marks the starts of the full runs around it.
fn candidate_starts(sources: &SourceWords, hashes: &[u64]) -> Vec<bool> {
    let (n, m, every) = (sources.run, sources.probe_len, stride(sources.run));
    let starts = hashes.len() + 1 - n;
    let mut candidate = vec![false; starts];
    let mut window = Rolling::new(m);
    for i in 0..hashes.len() {
        let Some(probe) = window.push(hashes, i) else {
            continue;
        };
        let p = i + 1 - m;
        if p % every != 0 || !sources.may_hold(probe) {
            continue;
        }
        // The full runs holding this shorter one start from p - (n - m) to p.
        let first = p.saturating_sub(n - m);
        candidate[first..=p.min(starts - 1)].fill(true);
    }
    candidate
}

/// A run of words copied from `passage`.
fn report_copy(
    env: &Env,
    input: &Input,
    words: &[RunWord],
    passage: &Passage,
    diags: &mut Diagnostics,
) {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return;
    };
    let text = input.markdown.text();
    let copied = text
        .get(first.start..last.end.min(text.len()))
        .unwrap_or("");
    let copied = copied.split_whitespace().collect::<Vec<_>>().join(" ");
    let message = format!(
        "{} words copied without quotation marks from {}: “{}”",
        words.len(),
        label(env.site, passage),
        shorten(&copied)
    );
    let hint = "say it in the pack's own words, or quote it in quotation marks";
    diags.push(input.markdown.warning(first.start, message).with_hint(hint));
}

/// "hac-report para 11", or "hac-report" for text outside numbered paragraphs.
fn label(site: &Site, passage: &Passage) -> String {
    let id = &site.sources[passage.source].id;
    match passage.paragraph {
        Some(p) => format!("{id} para {}", p.number),
        None => id.clone(),
    }
}

fn list(site: &Site, passages: &[&Passage]) -> String {
    let labels: Vec<String> = passages.iter().map(|p| label(site, p)).collect();
    labels.join(", ")
}

/// A long quotation, cut for a message.
fn shorten(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 16 {
        return words.join(" ");
    }
    format!(
        "{} … {}",
        words[..8].join(" "),
        words[words.len() - 6..].join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(text: &str) -> Passage<'_> {
        let words = words(text);
        Passage {
            paragraph: None,
            source: 0,
            markdown: text,
            hashes: words.iter().map(|w| word_hash(&w.text)).collect(),
            words,
        }
    }

    #[test]
    fn parts_split_at_elisions_and_insertions() {
        assert_eq!(
            parts("Up to now … we now need [It] offers [3] law"),
            [
                vec!["Up", "to", "now"],
                vec!["we", "now", "need"],
                vec!["offers", "law"]
            ]
        );
    }

    #[test]
    fn quotations_match_in_order_with_the_first_letter_free() {
        let p = passage("The UKHTC provides a central point. [It] offers law enforcement a line");
        assert!(occurs(&parts("the UKHTC provides"), &p));
        assert!(occurs(&parts("provides … law enforcement"), &p));
        assert!(occurs(&parts("[It] offers law"), &p));
        assert!(!occurs(&parts("the UKHTC offers"), &p));
        assert!(!occurs(&parts("law enforcement … provides"), &p));
        assert!(!occurs(&parts("The ukhtc provides"), &p));
    }
}
