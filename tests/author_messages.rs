//! What an author reads after one mistake in the sample pack `briefing init` makes:
//! one mistake gives one problem (a file that failed to parse still holds its name,
//! and what depends on it is skipped rather than failed), every mistake of a file is
//! reported in the same run, and each message says what to write instead.

mod common;

use std::path::Path;

use briefing::Failure;
use common::{briefing, edit, sample_pack};

const NEXT_STEPS: &str = "content/sections/next-steps.md";
const THE_FLOODS: &str = "content/sections/the-floods.md";
const TIMELINE: &str = "content/timeline.toml";
const WARNING_SERVICE: &str = "content/glossary/flood-warning-service.md";
const REVIEW: &str = "content/sources/flood-review.md";

/// Every problem `check` finds in the pack at `root`, errors and warnings, as printed.
fn problems(root: &Path) -> Vec<String> {
    let diagnostics = match briefing::check(root) {
        Ok(built) => built.warnings,
        Err(Failure::Content(d)) => d,
        Err(Failure::Other(e)) => panic!("expected problems in the pack, got: {e:#}"),
    };
    diagnostics.sorted().iter().map(|d| d.to_string()).collect()
}

/// The problems of the sample pack after replacing the only `from` in `file` with `to`.
fn problems_after(file: &str, from: &str, to: &str) -> Vec<String> {
    let (_dir, pack) = sample_pack();
    edit(&pack.join(file), from, to);
    problems(&pack)
}

/// The problems of the sample pack with `file` replaced by `text`.
fn problems_with(file: &str, text: &str) -> Vec<String> {
    let (_dir, pack) = sample_pack();
    std::fs::write(pack.join(file), text).expect("write the file");
    problems(&pack)
}

/// `briefing ARGS --root ROOT`: exit code, standard output and standard error.
fn run(args: &[&str], root: &Path) -> (Option<i32>, String, String) {
    let out = briefing()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run briefing");
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

// ----- one mistake, one problem -------------------------------------------------

#[test]
fn a_misspelt_key_in_a_section_is_the_only_problem() {
    // The section's slug stays taken, so the timeline's events naming it are not
    // reported, and its paragraphs still count as summarised.
    assert_eq!(
        problems_after(NEXT_STEPS, "title = \"What", "titel = \"What"),
        [
            "content/sections/next-steps.md:2:1: error: unknown field `titel`\n    hint: did you mean `title`?"
        ]
    );
    assert_eq!(
        problems_after(NEXT_STEPS, "summary =", "sumary ="),
        [
            "content/sections/next-steps.md:6:1: error: unknown field `sumary`\n    hint: did you mean `summary`?"
        ]
    );
}

#[test]
fn an_order_in_quotes_is_the_only_problem() {
    assert_eq!(
        problems_after(NEXT_STEPS, "order = 2", "order = \"2\""),
        [
            "content/sections/next-steps.md:5:9: error: order must be a whole number, like 2\n    hint: remove the quotes: order = 2"
        ]
    );
}

#[test]
fn an_unclosed_string_in_a_section_is_the_only_problem() {
    assert_eq!(
        problems_after(NEXT_STEPS, "do next\"\nsource", "do next\nsource"),
        [
            "content/sections/next-steps.md:2:39: error: unclosed string: add the closing \"\n    hint: write it as title = \"What the council will do next\""
        ]
    );
}

#[test]
fn a_wrong_source_is_the_only_problem() {
    // The section's paragraphs could be any source's: no source's coverage is judged.
    assert_eq!(
        problems_after(
            NEXT_STEPS,
            "source = \"flood-review\"",
            "source = \"flood-reviw\""
        ),
        [
            "content/sections/next-steps.md:3:10: error: unknown source document `flood-reviw`\n    hint: did you mean `flood-review`?"
        ]
    );
}

#[test]
fn a_broken_timeline_is_the_only_problem() {
    // Without the timeline, the Flood Resilience Fund is mentioned nowhere else; that
    // is not reported while the timeline cannot be read.
    assert_eq!(
        problems_after(TIMELINE, "date = \"2026\"", "date = 2026-"),
        [
            "content/timeline.toml:22:8: error: the date `2026-` needs quotes\n    hint: dates are written in quotes: date = \"2026-\""
        ]
    );
    assert_eq!(
        problems_after(
            TIMELINE,
            "[[event]]\ndate = \"2026\"",
            "[[event]\ndate = \"2026\""
        ),
        [
            "content/timeline.toml:21:1: error: unclosed table header `[[event]`\n    hint: write `[[event]]`"
        ]
    );
    assert_eq!(
        problems_after(TIMELINE, "title = \"Raised", "titel = \"Raised"),
        [
            "content/timeline.toml:23:1: error: unknown field `titel`\n    hint: did you mean `title`?"
        ]
    );
}

#[test]
fn a_broken_glossary_entry_is_the_only_problem() {
    // The other entry's `see_also` names it; that is not reported again.
    assert_eq!(
        problems_after(
            WARNING_SERVICE,
            "term = \"Flood Warning Service\"",
            "term = \"Flood Warning Service"
        ),
        [
            "content/glossary/flood-warning-service.md:2:30: error: unclosed string: add the closing \"\n    hint: write it as term = \"Flood Warning Service\""
        ]
    );
    assert_eq!(
        problems_after(WARNING_SERVICE, "aliases =", "aliase ="),
        [
            "content/glossary/flood-warning-service.md:3:1: error: unknown field `aliase`\n    hint: did you mean `aliases`?"
        ]
    );
}

#[test]
fn a_broken_source_or_source_text_is_the_only_problem() {
    // Sections, entries and events cite it, and link to its paragraphs.
    assert_eq!(
        problems_after(REVIEW, "title =", "titel ="),
        [
            "content/sources/flood-review.md:2:1: error: unknown field `titel`\n    hint: did you mean `title`?"
        ]
    );
    assert_eq!(
        problems_after(
            "content/sources/flood-review.text.md",
            "3. The council",
            "1. The council"
        ),
        [
            "content/sources/flood-review.text.md:11:1: error: paragraph 1 after 2\n    hint: paragraph numbers must rise; if this is paragraph 2's own list, indent the list under paragraph 2"
        ]
    );
}

#[test]
fn a_misspelt_reference_to_a_broken_file_still_suggests_it() {
    let (_dir, pack) = sample_pack();
    edit(&pack.join(NEXT_STEPS), "order = 2", "ordr = 2");
    edit(
        &pack.join(TIMELINE),
        "sections = [\"the-floods\"]",
        "sections = [\"next-step\"]",
    );
    assert_eq!(
        problems(&pack),
        [
            "content/sections/next-steps.md:5:1: error: unknown field `ordr`\n    hint: did you mean `order`?",
            "content/timeline.toml:8:13: error: unknown section `next-step`\n    hint: did you mean `next-steps`?",
        ]
    );
}

// ----- problems hidden behind others --------------------------------------------

#[test]
fn a_section_with_an_unknown_source_has_its_links_checked_in_the_same_run() {
    let (_dir, pack) = sample_pack();
    edit(
        &pack.join(NEXT_STEPS),
        "source = \"flood-review\"",
        "source = \"flood-reviw\"",
    );
    edit(
        &pack.join(NEXT_STEPS),
        "(../glossary/flood-resilience-fund.md)",
        "(../glossary/flood-resilience.md)",
    );
    edit(
        &pack.join(NEXT_STEPS),
        "one year (",
        "one year ([see](#nowhere), ",
    );
    assert_eq!(
        problems(&pack),
        [
            "content/sections/next-steps.md:3:10: error: unknown source document `flood-reviw`\n    hint: did you mean `flood-review`?",
            "content/sections/next-steps.md:9:79: error: link to a missing file `../glossary/flood-resilience.md` (content/glossary/flood-resilience.md)\n    hint: did you mean `../glossary/flood-resilience-fund.md`?",
            "content/sections/next-steps.md:11:155: error: link to a missing anchor `#nowhere` on this page\n    hint: that page has no headings to link to",
        ]
    );
}

#[test]
fn every_mistake_in_briefing_toml_is_reported_in_one_run() {
    let config = "title = \"T\"\nlanguage = 3\n\n[glossary]\nlink = \"every\"\n\n[markdown]\nraw_html = \"no\"\nsmart_punctation = true\n";
    assert_eq!(
        problems_with("briefing.toml", config),
        [
            "briefing.toml:2:12: error: language must be text in quotes\n    hint: write language = \"3\"",
            "briefing.toml:5:8: error: unknown value \"every\" for link\n    hint: link must be one of \"first\", \"all\", \"none\"",
            "briefing.toml:8:12: error: raw_html must be true or false\n    hint: remove the quotes: raw_html = false",
            "briefing.toml:9:1: error: unknown field `smart_punctation`\n    hint: did you mean `smart_punctuation`?",
        ]
    );
}

#[test]
fn a_syntax_error_does_not_hide_the_other_mistakes_of_the_file() {
    let config = "title = \"T\"\n[glossary]\nlink = first\n[markdown]\nraw_html = \"yes\"\n";
    assert_eq!(
        problems_with("briefing.toml", config),
        [
            "briefing.toml:3:8: error: the text `first` needs quotes\n    hint: write link = \"first\"",
            "briefing.toml:5:12: error: raw_html must be true or false\n    hint: remove the quotes: raw_html = true",
        ]
    );
}

#[test]
fn every_mistake_in_a_front_matter_is_reported_in_one_run() {
    assert_eq!(
        problems_after(NEXT_STEPS, "order = 2\nsummary", "order = \"2\"\nsumary"),
        [
            "content/sections/next-steps.md:5:9: error: order must be a whole number, like 2\n    hint: remove the quotes: order = 2",
            "content/sections/next-steps.md:6:1: error: unknown field `sumary`\n    hint: did you mean `summary`?",
        ]
    );
}

// ----- plain messages with hints that fit ---------------------------------------

#[test]
fn a_missing_bracket_names_the_header_to_write() {
    assert_eq!(
        problems_with(
            "briefing.toml",
            "title = \"T\"\n[glossary\nlink = \"all\"\n"
        ),
        [
            "briefing.toml:2:1: error: unclosed table header `[glossary`\n    hint: write `[glossary]`"
        ]
    );
}

#[test]
fn an_unquoted_or_unknown_link_mode_lists_what_may_be_written() {
    let config = |link: &str| format!("title = \"T\"\n[glossary]\nlink = {link}\n");
    assert_eq!(
        problems_with("briefing.toml", &config("first")),
        [
            "briefing.toml:3:8: error: the text `first` needs quotes\n    hint: write link = \"first\""
        ]
    );
    assert_eq!(
        problems_with("briefing.toml", &config("\"al\"")),
        [
            "briefing.toml:3:8: error: unknown value \"al\" for link\n    hint: did you mean \"all\"? link must be one of \"first\", \"all\", \"none\""
        ]
    );
}

#[test]
fn a_quoted_boolean_says_to_remove_the_quotes() {
    assert_eq!(
        problems_with(
            "briefing.toml",
            "title = \"T\"\n[markdown]\nraw_html = \"false\"\n"
        ),
        [
            "briefing.toml:3:12: error: raw_html must be true or false\n    hint: remove the quotes: raw_html = false"
        ]
    );
}

#[test]
fn a_non_number_order_says_what_a_number_is() {
    assert_eq!(
        problems_after(NEXT_STEPS, "order = 2", "order = \"second\""),
        [
            "content/sections/next-steps.md:5:9: error: order must be a whole number, like 2\n    hint: write a number without quotes, like order = 2"
        ]
    );
}

#[test]
fn an_unquoted_date_says_dates_take_quotes() {
    assert_eq!(
        problems_after(TIMELINE, "date = \"2024-01-14\"", "date = 2024-01-14"),
        [
            "content/timeline.toml:5:8: error: the date `2024-01-14` needs quotes\n    hint: dates are written in quotes: date = \"2024-01-14\""
        ]
    );
    assert_eq!(
        problems_after(TIMELINE, "date = \"2024-01-14\"", "date = 2024-01"),
        [
            "content/timeline.toml:5:8: error: the date `2024-01` needs quotes\n    hint: dates are written in quotes: date = \"2024-01\""
        ]
    );
    assert_eq!(
        problems_after(TIMELINE, "date = \"2025\"", "date = 2025"),
        [
            "content/timeline.toml:14:8: error: the date `2025` needs quotes\n    hint: dates are written in quotes: date = \"2025\""
        ]
    );
}

#[test]
fn a_duplicate_key_is_named_with_its_first_line() {
    assert_eq!(
        problems_after(NEXT_STEPS, "order = 2\n", "order = 2\ntitle = \"Again\"\n"),
        [
            "content/sections/next-steps.md:6:1: error: duplicate key `title`\n    hint: `title` is already given on line 2; keep one"
        ]
    );
}

#[test]
fn old_mac_line_endings_read_like_any_others() {
    let (_dir, pack) = sample_pack();
    for file in ["briefing.toml", NEXT_STEPS, TIMELINE] {
        let path = pack.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, text.replace('\n', "\r")).expect("write");
    }
    assert_eq!(problems(&pack), Vec::<String>::new());
}

#[test]
fn a_link_to_a_missing_file_suggests_the_one_meant() {
    let link = |to: &str| problems_after(THE_FLOODS, "(next-steps.md)", to);
    assert_eq!(
        link("(next-step.md)"),
        [
            "content/sections/the-floods.md:11:238: error: link to a missing file `next-step.md` (content/sections/next-step.md)\n    hint: did you mean `next-steps.md`?"
        ]
    );
    assert_eq!(
        link("(next-steps.html)"),
        [
            "content/sections/the-floods.md:11:238: error: link to a missing file `next-steps.html` (content/sections/next-steps.html)\n    hint: link to the Markdown file, `next-steps.md`: it becomes the page's link"
        ]
    );
    assert_eq!(
        link("(flood-warning-servce.md)"),
        [
            "content/sections/the-floods.md:11:238: error: link to a missing file `flood-warning-servce.md` (content/sections/flood-warning-servce.md)\n    hint: did you mean `../glossary/flood-warning-service.md`?"
        ]
    );
    assert_eq!(
        link("(flood-warning-service.md)"),
        [
            "content/sections/the-floods.md:11:238: error: link to a missing file `flood-warning-service.md` (content/sections/flood-warning-service.md)\n    hint: did you mean `../glossary/flood-warning-service.md`?"
        ]
    );
}

#[test]
fn a_link_hint_takes_its_example_from_the_pack() {
    assert_eq!(
        problems_after(THE_FLOODS, "(next-steps.md)", "(plans.md)"),
        [
            "content/sections/the-floods.md:11:238: error: link to a missing file `plans.md` (content/sections/plans.md)\n    hint: link to a content file by its path relative to this file, e.g. `../glossary/flood-resilience-fund.md`"
        ]
    );
    assert_eq!(
        problems_after(THE_FLOODS, "(next-steps.md)", "(/sections/next-steps.md)"),
        [
            "content/sections/the-floods.md:11:238: error: link `/sections/next-steps.md` starts with `/`\n    hint: write a path relative to this file (`next-steps.md`), so the site works from file:// and under any sub-path"
        ]
    );
}

#[test]
fn a_missing_anchor_lists_the_headings_not_the_generated_ids() {
    // The page mentions the Flood Warning Service, which gives it an id for the
    // entry's "mentioned in" link: not something an author links to.
    let (_dir, pack) = sample_pack();
    edit(
        &pack.join(THE_FLOODS),
        "+++\nAfter",
        "+++\n## The rain\n\nAfter",
    );
    edit(
        &pack.join(NEXT_STEPS),
        "(../glossary/flood-resilience-fund.md)",
        "(the-floods.md#what-happened)",
    );
    assert_eq!(
        problems(&pack),
        [
            "content/sections/next-steps.md:9:79: error: link to a missing anchor `#what-happened` in `the-floods.md`\n    hint: its headings are #the-rain"
        ]
    );
    edit(
        &pack.join(NEXT_STEPS),
        "(../sources/flood-review.md#p3)",
        "(../sources/flood-review.md#p7)",
    );
    assert_eq!(
        problems(&pack)[1],
        "content/sections/next-steps.md:9:170: error: link to a missing anchor `#p7` in `../sources/flood-review.md`\n    hint: its paragraphs are #p1 to #p4"
    );
}

#[test]
fn paragraph_warnings_point_at_the_paragraphs_key() {
    assert_eq!(
        problems_after(NEXT_STEPS, "paragraphs = \"3–4\"", "paragraphs = \"2–4\""),
        [
            "content/sections/next-steps.md:4:14: warning: paragraph 2 of `flood-review` is also summarised by section `the-floods`"
        ]
    );
    assert_eq!(
        problems_after(NEXT_STEPS, "paragraphs = \"3–4\"", "paragraphs = \"3\""),
        [
            "content/sources/flood-review.md:6:14: warning: paragraph 4 of `flood-review` is not summarised by any section\n    hint: add a section whose `paragraphs` covers them"
        ]
    );
}

#[test]
fn check_has_its_own_summary() {
    let (_dir, pack) = sample_pack();
    edit(
        &pack.join(REVIEW),
        "paragraphs = \"1–4\"",
        "paragraphs = \"1–5\"",
    );
    let (code, stdout, _) = run(&["check"], &pack);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("no errors; 1 warning(s) ("), "{stdout}");
    edit(&pack.join(NEXT_STEPS), "order = 2", "ordr = 2");
    let (code, _, stderr) = run(&["check"], &pack);
    assert_eq!(code, Some(1));
    assert!(
        stderr.ends_with("\ncheck found 1 error(s), 1 warning(s)\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("previous output"), "{stderr}");
}

#[test]
fn a_template_render_error_names_the_file_and_line() {
    let (_dir, pack) = sample_pack();
    let template = pack.join("themes/default/templates/section.html");
    std::fs::create_dir_all(template.parent().expect("a folder")).expect("mkdir");
    let text = "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title }}</h1>\n<p>{{ no_such_thing }}</p>\n{% endblock content %}\n";
    std::fs::write(&template, text).expect("write template");
    let (code, _, stderr) = run(&["check"], &pack);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("  1. themes/default/templates/section.html:4:7: error: Failed to render 'section.html': Variable `no_such_thing` not found"),
        "{stderr}"
    );
    // Both section pages fail alike: one problem, counted once.
    assert!(
        stderr.ends_with("\ncheck found 1 error(s), 0 warning(s)\n"),
        "{stderr}"
    );
}

#[test]
fn a_missing_pack_root_exits_2_for_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nowhere");
    for command in [
        &["check"][..],
        &["build"],
        &["bundle"],
        &["serve", "--port", "0"],
    ] {
        let (code, _, stderr) = run(command, &missing);
        assert_eq!(code, Some(2), "{command:?}: {stderr}");
        assert!(
            stderr.starts_with("error: cannot read the pack folder "),
            "{command:?}: {stderr}"
        );
    }
}
