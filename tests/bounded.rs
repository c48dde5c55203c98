//! Inputs whose cost once grew without bound: paragraph ranges that name billions
//! of paragraphs. Each is refused or handled with a cost that follows what was
//! written, not what it spans; nothing here is timed.

mod common;

use std::process::Command;

use common::*;

const ANSWER: &str = "content/sections/answer-one.md";
const ANSWER_SOURCE: &str = "content/sources/answer.md";

fn section(paragraphs: &str) -> String {
    format!(
        "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"{paragraphs}\"\norder = 3\nsummary = \"s\"\n+++\nThe answer text.\n"
    )
}

fn source_declaring(paragraphs: &str) -> String {
    format!(
        "+++\ntitle = \"Written Answer\"\nkind = \"Parliamentary answer\"\nparagraphs = \"{paragraphs}\"\n+++\nAn answer in the House.\n"
    )
}

/// The build's warnings, as printed.
fn warnings(pack: &Pack) -> Vec<String> {
    let report = pack.build_ok();
    report
        .built
        .warnings
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect()
}

// ----- paragraph ranges -----------------------------------------------------------

#[test]
fn a_range_of_billions_of_paragraphs_is_refused_at_its_key() {
    let pack = Pack::with(&[
        (ANSWER, &section("1–4000000000")),
        (ANSWER_SOURCE, &source_declaring("1–4294967295")),
    ]);
    let errors = pack.build_errors();
    let hint = "\n    hint: write the paragraphs the text really covers, e.g. \"9–10\"; a typo in a range's last number is the usual cause";
    assert_eq!(
        errors,
        [
            format!(
                "content/sections/answer-one.md:4:14: error: `1–4000000000` names more than 10,000 paragraphs, the most one `paragraphs` value may name{hint}"
            ),
            format!(
                "content/sources/answer.md:4:14: error: `1–4294967295` names more than 10,000 paragraphs, the most one `paragraphs` value may name{hint}"
            ),
        ]
    );
}

#[test]
fn the_binary_refuses_a_full_width_range_without_a_crash() {
    let pack = Pack::with(&[(ANSWER, &section("0–4294967295, 0-4294967295"))]);
    // With a cap on its memory, so that if the range were ever taken in, the check
    // would fail by itself rather than take the machine's memory.
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4000000 && exec \"$0\" check")
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .current_dir(pack.root())
        .output()
        .expect("run check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("names more than 10,000 paragraphs"),
        "{stderr}"
    );
}

#[test]
fn timeline_and_glossary_citations_are_capped_too() {
    let pack = Pack::with(&[
        (
            "content/timeline.toml",
            "[[event]]\ndate = \"2007\"\ntitle = \"An event\"\nsource = \"answer\"\nparagraphs = \"1–99999\"\n",
        ),
        (
            "content/glossary/reflex-term.md",
            "+++\nterm = \"Reflex\"\ncite = [{ source = \"answer\", paragraphs = \"5–20000\" }]\n+++\nA multi-agency task force.\n",
        ),
    ]);
    let errors = pack.build_errors().join("\n");
    assert!(
        errors.contains("content/timeline.toml:5:14: error: `1–99999` names more than 10,000"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "content/glossary/reflex-term.md:3:9: error: `5–20000` names more than 10,000"
        ),
        "{errors}"
    );
}

#[test]
fn paragraphs_outside_the_declared_ones_are_one_warning_with_ranges() {
    let pack = Pack::with(&[
        (ANSWER, &section("1–10000")),
        (ANSWER_SOURCE, &source_declaring("1–4")),
    ]);
    assert_eq!(
        warnings(&pack),
        [
            "content/sections/answer-one.md:8:1: warning: paragraphs 5–10000 are outside the paragraphs `answer` declares (1–4)"
        ]
    );
}

#[test]
fn paragraphs_no_section_summarises_are_one_warning_with_ranges() {
    let pack = Pack::with(&[
        (ANSWER, &section("1, 5–6")),
        (ANSWER_SOURCE, &source_declaring("1–10000")),
    ]);
    assert_eq!(
        warnings(&pack),
        [
            "content/sources/answer.md:6:1: warning: paragraphs 2–4, 7–10000 of `answer` are not summarised by any section\n    hint: add a section whose `paragraphs` covers them"
        ]
    );
    let pack = Pack::with(&[
        (ANSWER, &section("1–4")),
        (ANSWER_SOURCE, &source_declaring("1–5")),
    ]);
    assert_eq!(
        warnings(&pack),
        [
            "content/sources/answer.md:6:1: warning: paragraph 5 of `answer` is not summarised by any section\n    hint: add a section whose `paragraphs` covers them"
        ]
    );
}

#[test]
fn paragraphs_two_sections_summarise_are_one_warning_per_pair() {
    let second = "+++\ntitle = \"More\"\nsource = \"answer\"\nparagraphs = \"3–9000, 9500\"\norder = 4\nsummary = \"s\"\n+++\nMore text.\n";
    let third = "+++\ntitle = \"Last\"\nsource = \"answer\"\nparagraphs = \"2\"\norder = 5\nsummary = \"s\"\n+++\nLast text.\n";
    let pack = Pack::with(&[
        (ANSWER, &section("1–5000")),
        ("content/sections/more.md", second),
        ("content/sections/last.md", third),
    ]);
    assert_eq!(
        warnings(&pack),
        [
            "content/sections/last.md:8:1: warning: paragraph 2 of `answer` is also summarised by section `answer-one`",
            "content/sections/more.md:8:1: warning: paragraphs 3–5000 of `answer` are also summarised by section `answer-one`",
        ]
    );
}

#[test]
fn cited_paragraphs_a_text_lacks_are_named_as_ranges() {
    let pack = Pack::with(&[
        (
            "content/sources/hac.text.md",
            "9. Nine.\n10. Ten.\n11. Eleven.\n",
        ),
        (
            "content/sections/poppy.md",
            "+++\ntitle = \"The POPPY project\"\nsource = \"hac\"\nparagraphs = \"11–9999\"\norder = 2\nsummary = \"s\"\n+++\nThe project.\n",
        ),
    ]);
    let errors = pack.build_errors();
    assert_eq!(
        errors,
        [
            "content/sections/poppy.md:4:14: error: the text of `hac` has no paragraphs 12–9999\n    hint: its text has paragraphs 9–11"
        ]
    );
}
