//! A synthetic pack for the benchmarks, written into a temporary folder: sections of
//! about 700 words with headings, lists, a quote, a table, a code block, a footnote
//! and links to other sections, plus sources, glossary entries and a timeline. The
//! text is made from a fixed word list and a simple counter, so every run measures
//! the same bytes.

// Each bench target uses only part of this module.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use briefing::Diagnostics;
use briefing::internals::model::Site;
use briefing::internals::render::Theme;
use briefing::internals::{config, content, markdown, model, render};
use tempfile::TempDir;

const WORDS: &[&str] = &[
    "agency",
    "victims",
    "referral",
    "evidence",
    "border",
    "support",
    "labour",
    "police",
    "convicted",
    "review",
    "funding",
    "partnership",
    "identified",
    "guidance",
    "records",
    "exploitation",
    "recovery",
    "assessment",
    "regional",
    "inspection",
    "cooperation",
    "the",
    "of",
    "and",
    "in",
    "was",
    "were",
    "with",
    "for",
    "a",
];

const TERMS: &[(&str, &str)] = &[
    ("National Referral Mechanism", "NRM"),
    ("Serious Organised Crime Agency", "SOCA"),
    ("Crown Prosecution Service", "CPS"),
    ("UK Human Trafficking Centre", "UKHTC"),
    ("Gangmasters Licensing Authority", "GLA"),
];

/// A built pack: its folder and its validated model.
pub(crate) struct Pack {
    pub dir: TempDir,
    pub site: Site,
    pub theme: Theme,
}

/// Writes a pack of `sections` sections and loads it; panics if it does not build
/// cleanly, since a benchmark of a failing build would measure nothing useful.
pub(crate) fn pack(sections: usize) -> Pack {
    let dir = tempfile::tempdir().expect("temporary folder");
    write_pack(dir.path(), sections);
    let mut diags = Diagnostics::new();
    let config = config::load(dir.path(), &mut diags).expect("briefing.toml");
    let theme = render::load_theme(dir.path(), config.theme_name(), &mut diags);
    let raw = content::load(dir.path(), &mut diags);
    let site = model::build(config, raw, &mut diags);
    let texts = markdown::render_texts(&site, &mut diags);
    assert!(!diags.has_errors(), "fixture pack has errors: {diags:?}");
    drop(texts);
    Pack { dir, site, theme }
}

fn write_pack(root: &Path, sections: usize) {
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("file in a folder")).expect("folder");
        std::fs::write(path, text).expect("fixture file");
    };
    write(
        "briefing.toml",
        "title = \"Benchmark pack\"\ndescription = \"Synthetic content.\"\n",
    );
    write(
        "content/_index.md",
        "+++\n+++\n\nAn overview of the pack.\n",
    );
    for source in ["report", "answer"] {
        write(
            &format!("content/sources/{source}.md"),
            &format!(
                "+++\ntitle = \"The {source}\"\nkind = \"report\"\n+++\n\nA source document.\n"
            ),
        );
    }
    for (term, abbr) in TERMS {
        let slug = abbr.to_lowercase();
        write(
            &format!("content/glossary/{slug}.md"),
            &format!(
                "+++\nterm = \"{term}\"\nabbr = \"{abbr}\"\n+++\n\nA body that {} the work. More detail follows.\n",
                WORDS[slug.len() % WORDS.len()]
            ),
        );
    }
    for i in 1..=sections {
        write(
            &format!("content/sections/s{i:05}.md"),
            &section_text(i, sections),
        );
    }
    let mut timeline = String::new();
    for i in 1..=sections.min(50) {
        let _ = write!(
            timeline,
            "[[event]]\ndate = \"{}-{:02}\"\ntitle = \"Event {i}\"\nbody = \"Event {i} involved the SOCA.\"\nsections = [\"s{i:05}\"]\nsource = \"report\"\nparagraphs = \"{i}\"\n\n",
            2000 + i % 20,
            1 + i % 12
        );
    }
    write("content/timeline.toml", &timeline);
}

/// Words `seed`, `seed + 1`, … joined into a sentence-like run.
fn words(seed: usize, count: usize) -> String {
    let mut out = String::new();
    for k in 0..count {
        if k > 0 {
            out.push(' ');
        }
        let n = seed.wrapping_mul(31).wrapping_add(k * 7);
        if n.is_multiple_of(23) {
            let (term, abbr) = TERMS[n % TERMS.len()];
            out.push_str(if n.is_multiple_of(2) { term } else { abbr });
        } else {
            out.push_str(WORDS[n % WORDS.len()]);
        }
    }
    out
}

fn section_text(i: usize, total: usize) -> String {
    let source = if i.is_multiple_of(2) {
        "report"
    } else {
        "answer"
    };
    let next = i % total + 1;
    let mut text = format!(
        "+++\ntitle = \"Section {i}: {}\"\nsource = \"{source}\"\nparagraphs = \"{i}\"\norder = {i}\nsummary = \"Briefing section {i}.\"\ntags = [\"bench\"]\n+++\n\n",
        words(i, 3)
    );
    for part in 0..4 {
        let seed = i * 10 + part;
        let _ = write!(
            text,
            "## Part {part}\n\n{}. {}.\n\n- {}\n- {}\n- see [the next section](s{next:05}.md)\n\n> {}.\n\n",
            words(seed, 60),
            words(seed + 1, 45),
            words(seed + 2, 12),
            words(seed + 3, 15),
            words(seed + 4, 20),
        );
    }
    let _ = write!(
        text,
        "| Year | Cases | Note |\n|---|---|---|\n| 2008 | {i} | {} |\n| 2009 | {} | {} |\n\n```\nlet cases = {i};\n```\n\nA claim with a source.[^1]\n\n[^1]: {}.\n",
        words(i, 4),
        i * 2,
        words(i + 1, 4),
        words(i + 2, 10)
    );
    text
}
