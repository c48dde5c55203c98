//! Correct output, or a clear error: input that once came out wrong without a word
//! (text cut by a character the renderer uses itself, a content file replacing a
//! page, two files published as one, clashing ids, control characters, script
//! links in raw HTML) either builds as written or is refused at its place.

mod common;

use common::*;

/// The section `answer-one` with `body` as its text.
fn answer_with(body: &str) -> String {
    format!(
        "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"What the minister said.\"\n+++\n{body}"
    )
}

/// Asserts that `errors` holds one that starts with `start` and contains `part`.
fn assert_error(errors: &[String], start: &str, part: &str) {
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(start) && e.contains(part)),
        "expected `{start}` … `{part}` in:\n{}",
        errors.join("\n")
    );
}

// ----- characters the renderer uses itself ----------------------------------------

/// The private-use characters the renderer once marked its slots with.
const PRIVATE_USE: [char; 2] = ['\u{E000}', '\u{E001}'];

#[test]
fn a_private_use_character_in_a_definition_leaves_every_mention_whole() {
    for c in PRIVATE_USE {
        let pack = Pack::with(&[(
            "content/glossary/soca.md",
            &format!(
                "+++\nterm = \"Serious Organised Crime Agency\"\nabbr = \"SOCA\"\n+++\nA {c}law-enforcement body.\n\n## History\n\nFounded in 2006.\n"
            ),
        )]);
        pack.build_ok();
        for (page, href) in [
            ("sections/poppy.html", "../glossary/soca.html"),
            ("print.html", "#term-soca"),
        ] {
            let html = pack.html(page);
            let links: Vec<_> = select(&html, "a.term")
                .into_iter()
                .filter(|a| a.value().attr("href") == Some(href))
                .collect();
            assert_eq!(links.len(), 1, "{page}");
            assert_eq!(text(links[0]), "Serious Organised Crime Agency", "{page}");
            let title = links[0].value().attr("title");
            assert_eq!(title, Some(format!("A {c}law-enforcement body.").as_str()));
            let paragraph = texts(&html, "p");
            assert!(
                paragraph
                    .iter()
                    .any(|p| p == "Reflex worked with the Serious Organised Crime Agency."),
                "{page}: {paragraph:?}"
            );
        }
    }
}

#[test]
fn private_use_characters_reach_every_page_as_written() {
    for c in PRIVATE_USE {
        let pack = Pack::with(&[(
            "content/sections/answer-one.md",
            &format!(
                "+++\ntitle = \"The {c} answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"What {c} the [minister](https://example.org/) said.\"\n+++\nAn icon {c} then [a link](reflex.md) and {c}0{c} more text.\n"
            ),
        )]);
        pack.build_ok();
        let page = pack.html("sections/answer-one.html");
        assert_eq!(texts(&page, "h1"), [format!("The {c} answer")]);
        assert_eq!(
            texts(&page, ".summary"),
            [format!("What {c} the minister said.")]
        );
        assert_eq!(attrs(&page, ".summary a", "href"), ["https://example.org/"]);
        assert_eq!(
            texts(&page, ".body p"),
            [format!("An icon {c} then a link and {c}0{c} more text.")]
        );
        assert_eq!(attrs(&page, ".body a", "href"), ["../sections/reflex.html"]);
        let print = pack.page("print.html");
        assert!(print.contains(&format!("and {c}0{c} more text.")));
    }
}

#[test]
fn the_characters_that_mark_slots_are_refused_however_written() {
    let pack = Pack::with(&[
        (
            "content/sections/answer-one.md",
            &answer_with("Text \u{FDD0}0\u{FDD1} here.\n"),
        ),
        (
            "content/sections/poppy.md",
            "+++\ntitle = \"The POPPY project\"\nsource = \"hac\"\nparagraphs = \"11\"\norder = 2\nsummary = \"Support.\"\n+++\nA reference &#xFDD0;0&#64977; in text.\n",
        ),
        (
            "content/glossary/reflex-term.md",
            "+++\nterm = \"Reflex\"\naliases = [\"R\\uFDD1x\"]\n+++\nA task force.\n",
        ),
        (
            "content/timeline.toml",
            "[[event]]\ndate = \"2007\"\ntitle = \"Slot \\uFDD0 title\"\n",
        ),
    ]);
    let errors = pack.build_errors();
    assert_error(
        &errors,
        "content/sections/answer-one.md:8:6: error:",
        "file contains the noncharacter U+FDD0 (2 in all)",
    );
    assert_error(
        &errors,
        "content/sections/poppy.md:8:13: error:",
        "the character reference `&#xFDD0;` stands for the noncharacter U+FDD0",
    );
    assert_error(
        &errors,
        "content/glossary/reflex-term.md:3:12: error:",
        "`aliases` holds the noncharacter U+FDD1",
    );
    assert_error(
        &errors,
        "content/timeline.toml:3:9: error:",
        "`event.title` holds the noncharacter U+FDD0",
    );
}
