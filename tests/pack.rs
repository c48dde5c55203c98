//! The shipped pack: it builds without a problem, and its content keeps the promises a
//! briefing makes (every paragraph summarised once, every entry used, key dates in order).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use briefing::Diagnostics;
use briefing::internals::model::Site;

fn shipped_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_site() -> Site {
    let root = shipped_root();
    let mut diags = Diagnostics::new();
    let config = briefing::internals::config::load(root, &mut diags).expect("briefing.toml loads");
    let raw = briefing::internals::content::load(root, &mut diags);
    let site = briefing::internals::model::build(config, raw, &mut diags);
    assert!(diags.is_empty(), "{:#?}", diags.sorted());
    site
}

#[test]
fn the_shipped_pack_builds_without_errors_or_warnings() {
    let out = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["build", "--root"])
        .arg(shipped_root())
        .arg("--output")
        .arg(out.path().join("site"))
        .output()
        .expect("run briefing");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.trim().is_empty(), "warnings: {stderr}");
    assert!(out.path().join("site/index.html").is_file());
}

/// The paragraphs of each document that the pack must summarise.
const DOCUMENTS: [(&str, std::ops::RangeInclusive<u32>); 2] =
    [("commons-answer", 1..=7), ("hac-report", 9..=13)];

#[test]
fn every_paragraph_of_both_documents_is_summarised_by_exactly_one_section() {
    let site = shipped_site();
    for (id, paragraphs) in DOCUMENTS {
        let source = site.sources.iter().position(|s| s.id == id);
        let source = source.unwrap_or_else(|| panic!("no source document `{id}`"));
        let mut covered: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
        for section in site.sections.iter().filter(|s| s.source == source) {
            for n in section.paragraphs.numbers() {
                covered.entry(n).or_default().push(&section.slug);
            }
        }
        for n in paragraphs.clone() {
            let by = covered.get(&n).map(Vec::len).unwrap_or(0);
            assert_eq!(
                by,
                1,
                "paragraph {n} of {id} is summarised by {:?}",
                covered.get(&n)
            );
        }
        assert!(
            covered.keys().all(|n| paragraphs.contains(n)),
            "{id}: sections cite paragraphs outside {paragraphs:?}: {covered:?}"
        );
    }
}

#[test]
fn every_section_cites_a_known_source_and_has_a_summary() {
    let site = shipped_site();
    assert!(
        (8..=12).contains(&site.sections.len()),
        "{} sections",
        site.sections.len()
    );
    for section in &site.sections {
        assert!(section.source < site.sources.len());
        assert!(
            !section.summary.text().trim().is_empty(),
            "{}",
            section.slug
        );
        let words = section.body.text().split_whitespace().count();
        assert!(
            (120..=300).contains(&words),
            "{} has {words} words",
            section.slug
        );
    }
}

#[test]
fn every_glossary_entry_is_mentioned_in_a_section_or_an_event() {
    // The build reports an unmentioned entry as a warning; the shipped pack has none.
    let site = shipped_site();
    let built = briefing::generate(shipped_root()).expect("the shipped pack builds");
    assert!(built.warnings.is_empty(), "{:#?}", built.warnings.sorted());
    for term in &site.terms {
        let page = format!("glossary/{}.html", term.slug);
        let file = built
            .files
            .iter()
            .find(|f| f.path == page)
            .expect("entry page");
        let html = String::from_utf8(file.read().expect("bytes")).expect("utf-8");
        let listed = html.split("Mentioned in").nth(1).unwrap_or("");
        assert!(
            listed.contains("<li>"),
            "{} is mentioned nowhere",
            term.slug
        );
    }
}

#[test]
fn the_four_key_events_are_on_the_timeline_in_date_order() {
    let site = shipped_site();
    let key: Vec<(String, &str)> = site
        .events
        .iter()
        .filter(|e| e.key)
        .map(|e| (e.date.iso(), e.title.as_str()))
        .collect();
    let expected = [
        ("2000", "Reflex"),
        ("2003", "POPPY"),
        ("2006", "SOCA"),
        ("2007-03", "Action Plan"),
    ];
    assert_eq!(key.len(), expected.len(), "{key:?}");
    for ((date, title), (year, name)) in key.iter().zip(expected) {
        assert!(date.starts_with(year), "{date} {title}");
        assert!(title.contains(name), "{title} should mention {name}");
    }
    let dates: Vec<_> = site.events.iter().map(|e| e.date).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "events out of order"
    );
}

#[test]
fn both_documents_texts_are_in_the_pack_with_every_paragraph() {
    let site = shipped_site();
    for (id, paragraphs) in DOCUMENTS {
        let source = site.sources.iter().find(|s| s.id == id).expect("document");
        let text = source
            .text
            .as_ref()
            .unwrap_or_else(|| panic!("{id} has no text"));
        let markdown = text.markdown.text();
        for n in paragraphs.clone() {
            let start = markdown
                .find(&format!("\n{n}. "))
                .unwrap_or_else(|| panic!("{id} has no paragraph {n}"));
            let words = markdown[start..].split_whitespace().take(20).count();
            assert!(words >= 20, "{id} paragraph {n} is too short");
        }
        assert!(
            source
                .attribution
                .as_deref()
                .is_some_and(|a| a.contains("Open Parliament Licence"))
        );
    }
}

/// The documents' words, as the pack's texts give them, are the seed documents' words
/// in the same order (where the seeds are beside the checkout, as in development).
#[test]
fn the_texts_are_the_documents_verbatim() {
    let seeds = shipped_root().join("../shared/seeds");
    let pairs = [
        ("000_c65dbc1907b610ce.txt", "commons-answer"),
        ("004_05814bac20e878c0.txt", "hac-report"),
    ];
    if !seeds.is_dir() {
        eprintln!("skipped: no seed documents at {}", seeds.display());
        return;
    }
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .collect()
    };
    for (seed, id) in pairs {
        let seed = std::fs::read_to_string(seeds.join(seed)).expect("seed");
        let ours =
            std::fs::read_to_string(shipped_root().join(format!("content/sources/{id}.text.md")))
                .expect("text");
        let (seed, ours) = (words(&seed), words(&ours));
        // Every word of the pack's text is the seed's next word (headings included).
        let mut at = 0;
        for w in &ours {
            let found = seed[at..].iter().position(|s| s == w);
            let Some(k) = found.filter(|&k| k <= 2) else {
                panic!("{id}: `{w}` is not in the document at word {at}");
            };
            at += k + 1;
        }
        assert!(
            seed.len() - at <= 2,
            "{id}: {} words of the document are missing",
            seed.len() - at
        );
    }
}

#[test]
fn the_shipped_pack_has_no_quotation_copying_or_coverage_warning() {
    let built = briefing::generate(shipped_root()).expect("the shipped pack builds");
    let problems: Vec<String> = built
        .warnings
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // The checks ran: the pack quotes its sources, and cites paragraphs with texts.
    let section = built
        .files
        .iter()
        .find(|f| f.path == "sections/ukhtc-and-soca.html")
        .expect("page");
    let html = String::from_utf8(section.read().expect("bytes")).expect("utf-8");
    assert!(
        html.contains("class=\"para-ref\""),
        "citations link to paragraphs"
    );
    assert!(
        html.contains("<details class=\"cited-text\">"),
        "the cited text is on the page"
    );
}
