//! The glossary linking pass over 10 MB of text, with a 1,000-entry and a 40-entry
//! glossary: the two rates should be close, since matching is one automaton pass
//! whatever the number of names. And a corner that once cost the square of the text:
//! 900 KB in one paragraph that keeps following a 42 KB name without completing it,
//! with a one-word name ("Home") that starts it.

use std::path::PathBuf;
use std::sync::Arc;

use briefing::Position;
use briefing::internals::config::LinkMode;
use briefing::internals::content::SourceText;
use briefing::internals::markdown::{Events, Input, Linker, Rendered, link_glossary};
use briefing::internals::model::{Markdown, PageRef, Term};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

const TEXT_BYTES: usize = 10 * 1024 * 1024;

/// A small deterministic generator, so every run measures the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

const SYLLABLES: [&str; 16] = [
    "ka", "lor", "ven", "tis", "mar", "do", "rel", "sun", "bra", "quo", "nel", "fi", "gar", "zu",
    "pem", "hol",
];

const COMMON: [&str; 24] = [
    "the",
    "agency",
    "report",
    "of",
    "and",
    "said",
    "that",
    "in",
    "a",
    "trafficking",
    "work",
    "with",
    "government",
    "victims",
    "to",
    "centre",
    "was",
    "for",
    "by",
    "support",
    "on",
    "plan",
    "police",
    "human",
];

fn coined(rng: &mut Lcg) -> String {
    let mut word: String = (0..2 + rng.next(2))
        .map(|_| SYLLABLES[rng.next(16)])
        .collect();
    word[..1].make_ascii_uppercase();
    word
}

fn terms(n: usize) -> Vec<Term> {
    let file = Arc::new(SourceText::from_bytes(PathBuf::from("glossary.md"), Vec::new()).unwrap());
    let mut rng = Lcg(7);
    (0..n)
        .map(|i| {
            let words: Vec<String> = (0..1 + rng.next(3)).map(|_| coined(&mut rng)).collect();
            let term = format!("{} {i}", words.join(" "));
            let abbr: String = words.iter().map(|w| &w[..1]).collect::<String>() + &i.to_string();
            Term {
                slug: format!("term-{i}"),
                term,
                abbr: Some(abbr),
                aliases: vec![format!("{} body {i}", words[0])],
                see_also: Vec::new(),
                case_sensitive: false,
                cites: Vec::new(),
                body: Markdown::from_value(&file, "A coined entry. More.".to_string(), 0),
                at: Position::FILE,
            }
        })
        .collect()
}

/// About 10 MB of paragraphs: common words, capitalised sentence starts, coined
/// words that share syllables with the names, and a mention every 40 words or so of
/// one of the first 40 entries (so both glossaries find the same mentions and the
/// difference between them is the automaton alone).
fn text(all_terms: &[Term]) -> String {
    let mentioned = &all_terms[..40];
    let mut rng = Lcg(11);
    let mut text = String::with_capacity(TEXT_BYTES + 1024);
    while text.len() < TEXT_BYTES {
        for sentence in 0..6 {
            for w in 0..14 {
                let word = match rng.next(40) {
                    0 => mentioned[rng.next(mentioned.len())].term.clone(),
                    1 => mentioned[rng.next(mentioned.len())]
                        .abbr
                        .clone()
                        .unwrap_or_default(),
                    2 => coined(&mut rng),
                    _ => COMMON[rng.next(COMMON.len())].to_string(),
                };
                if w > 0 || sentence > 0 {
                    text.push(' ');
                }
                if w == 0 {
                    text.push_str(&word[..1].to_ascii_uppercase());
                    text.push_str(&word[1..]);
                } else {
                    text.push_str(&word);
                }
            }
            text.push('.');
        }
        text.push_str("\n\n");
    }
    text
}

fn paragraphs(text: &str) -> Events<'_> {
    let mut events = Vec::new();
    let mut start = 0;
    for para in text.split("\n\n").filter(|p| !p.is_empty()) {
        let range = start..start + para.len();
        events.push((Event::Start(Tag::Paragraph), range.clone()));
        events.push((Event::Text(CowStr::Borrowed(para)), range.clone()));
        events.push((Event::End(TagEnd::Paragraph), range));
        start += para.len() + 2;
    }
    events
}

fn bench(c: &mut Criterion) {
    let all = terms(1000);
    let text = text(&all);
    let events = paragraphs(&text);
    let file = Arc::new(SourceText::from_bytes(PathBuf::from("a.md"), Vec::new()).unwrap());
    let markdown = Markdown::from_value(&file, text.clone(), 0);
    let input = Input {
        markdown: &markdown,
        page: PageRef::Section(0),
    };
    let mut group = c.benchmark_group("glossary link pass, 10 MB");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    for n in [1000, 40] {
        let linker = Linker::new(&all[..n], LinkMode::All);
        group.bench_function(format!("{n} terms"), |b| {
            b.iter_batched(
                || events.clone(),
                |mut events| {
                    let mut rendered = Rendered::default();
                    link_glossary(&mut events, &linker, &input, &mut rendered.mention_sink());
                    (events, rendered)
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
    c.bench_function("building the linker for 1000 terms", |b| {
        b.iter(|| Linker::new(&all, LinkMode::All))
    });
}

/// "Home", and a name of the stretch "Home Office Border and Immigration Agency "
/// a thousand times then "Directorate"; the text is the stretch, 900 KB of it.
fn prefix_corner(c: &mut Criterion) {
    let file = Arc::new(SourceText::from_bytes(PathBuf::from("glossary.md"), Vec::new()).unwrap());
    let stretch = "Home Office Border and Immigration Agency ";
    let term = |i: usize, name: String| Term {
        slug: format!("term-{i}"),
        term: name,
        abbr: None,
        aliases: Vec::new(),
        see_also: Vec::new(),
        case_sensitive: false,
        cites: Vec::new(),
        body: Markdown::from_value(&file, "An entry.".to_string(), 0),
        at: Position::FILE,
    };
    let terms = [
        term(0, "Home".to_string()),
        term(1, stretch.repeat(1000) + "Directorate"),
    ];
    let text = stretch.repeat(900 * 1024 / stretch.len());
    let events = paragraphs(&text);
    let markdown = Markdown::from_value(&file, text.clone(), 0);
    let input = Input {
        markdown: &markdown,
        page: PageRef::Section(0),
    };
    let linker = Linker::new(&terms, LinkMode::First);
    let mut group =
        c.benchmark_group("glossary link pass, 900 KB, a name and a long one it starts");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("one paragraph", |b| {
        b.iter_batched(
            || events.clone(),
            |mut events| {
                let mut rendered = Rendered::default();
                link_glossary(&mut events, &linker, &input, &mut rendered.mention_sink());
                (events, rendered)
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench, prefix_corner);
criterion_main!(benches);
