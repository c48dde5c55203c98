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

// ----- files of the pack where the build writes its own ---------------------------

#[test]
fn a_file_of_the_pack_at_a_generated_path_is_an_error_naming_both() {
    let pack = Pack::with(&[
        ("content/index.html", "<p>mine</p>"),
        ("content/assets/search-index.js", "window.X = 1;"),
        ("content/assets/style.css", "body {}"),
        ("content/print.html", "x"),
        ("content/sources.html", "x"),
        ("content/sections/reflex.html", "x"),
        ("content/Glossary.html", "x"),
        ("content/timeline.html/figure.png", "x"),
        ("themes/default/static/search-index.js", "x"),
    ]);
    let errors = pack.build_errors();
    for (file, what) in [
        (
            "content/index.html",
            "`index.html`, where the build writes the landing page",
        ),
        (
            "content/assets/search-index.js",
            "`assets/search-index.js`, where the build writes the search index",
        ),
        (
            "content/assets/style.css",
            "`assets/style.css`, where the build writes the theme's static file `static/style.css`",
        ),
        (
            "content/print.html",
            "`print.html`, where the build writes the print edition",
        ),
        (
            "content/sources.html",
            "`sources.html`, where the build writes the sources page",
        ),
        (
            "content/sections/reflex.html",
            "`sections/reflex.html`, where the build writes the page of section `reflex`",
        ),
        (
            "content/Glossary.html",
            "`Glossary.html`, which a file system that ignores case (macOS, Windows) takes for `glossary.html`, where the build writes the glossary page",
        ),
        (
            "content/timeline.html/figure.png",
            "`timeline.html/figure.png`, inside `timeline.html`, where the build writes the timeline page",
        ),
        (
            "themes/default/static/search-index.js",
            "the theme's static file `static/search-index.js` would be published as `assets/search-index.js`, where the build writes the search index",
        ),
    ] {
        assert_error(&errors, &format!("{file}: error: "), what);
    }
    assert_eq!(errors.len(), 9, "{}", errors.join("\n"));
    // `check` finds what `build` would fail on.
    let out = pack.command().arg("check").output().expect("run check");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/index.html: error: the file `content/index.html` would be published as `index.html`"),
        "{stderr}"
    );
    assert!(!pack.output().exists());
}

#[test]
fn a_file_of_the_pack_where_the_build_needs_a_folder_is_an_error() {
    let pack = Pack::with(&[("content/assets", "a file, not a folder")]);
    let errors = pack.build_errors();
    assert_eq!(
        errors,
        [
            "content/assets: error: the file `content/assets` would be published as `assets`, where the build needs a folder for the search index (`assets/search-index.js`)\n    hint: rename or move the file: the build makes that path itself"
        ]
    );
}

#[test]
fn a_pack_that_built_with_a_clashing_file_now_fails_and_keeps_its_output() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let before = snapshot(&pack.output());
    pack.write("content/index.html", "<p>mine</p>");
    for args in [&["build"][..], &["build", "--check"]] {
        let out = pack.command().args(args).output().expect("run build");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("where the build writes the landing page"),
            "{stderr}"
        );
    }
    assert!(before == snapshot(&pack.output()));
}

// ----- names `check` must refuse, as `build` would fail on them ----------------------

/// Runs `check` and then `build` with the real binary; both must fail with exit code
/// `code`, and `expected` must be in each one's output.
fn check_and_build_fail(pack: &Pack, code: i32, expected: &[&str]) {
    for command in ["check", "build"] {
        let out = pack
            .command()
            .arg(command)
            .output()
            .expect("run the binary");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{command}: {stderr}");
        for part in expected {
            assert!(
                stderr.contains(part),
                "{command}: expected `{part}` in:\n{stderr}"
            );
        }
    }
}

#[test]
fn names_that_are_not_utf8_are_errors_each_named() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let pack = Pack::with(&[]);
    for (name, bytes) in [(&b"a\xff.png"[..], "one"), (b"a\xfe.png", "two")] {
        let path = pack.path("content").join(OsStr::from_bytes(name));
        std::fs::write(path, bytes).expect("write");
    }
    let folder = pack.path("content").join(OsStr::from_bytes(b"pics\xc0"));
    std::fs::create_dir(&folder).expect("folder");
    std::fs::write(folder.join("inside.png"), "x").expect("write");
    let statics = pack.path("themes/default/static");
    std::fs::create_dir_all(&statics).expect("theme folder");
    std::fs::write(statics.join(OsStr::from_bytes(b"\xffx.css")), "x").expect("write");
    check_and_build_fail(
        &pack,
        1,
        &[
            "content/a\u{FFFD}.png: error: the name `a\u{FFFD}.png` is not UTF-8 text (its bytes: `a\\xff.png`)",
            "content/a\u{FFFD}.png: error: the name `a\u{FFFD}.png` is not UTF-8 text (its bytes: `a\\xfe.png`)",
            "content/pics\u{FFFD}: error: the name `pics\u{FFFD}` is not UTF-8 text (its bytes: `pics\\xc0`)",
            "themes/default/static/\u{FFFD}x.css: error: the name",
            "hint: rename it with letters, digits and punctuation as your keyboard types them",
            "4 error(s)",
        ],
    );
    assert!(!pack.output().exists());
}

#[test]
fn names_too_long_to_publish_are_found_by_check() {
    let long_section = format!("content/sections/{}.md", "y".repeat(251));
    let long_term = format!("content/glossary/{}.md", "t".repeat(251));
    let pack = Pack::with(&[
        (
            long_section.as_str(),
            "+++\ntitle = \"Long\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 4\nsummary = \"s\"\n+++\nText.\n",
        ),
        (
            long_term.as_str(),
            "+++\nterm = \"Long term\"\n+++\nA definition.\n",
        ),
        // As long as a name may be: published under the same name, it builds.
        (&format!("content/{}", "x".repeat(255)), "fits"),
    ]);
    let section_page = format!("sections/{}.html", "y".repeat(251));
    check_and_build_fail(
        &pack,
        1,
        &[
            &format!(
                "{long_section}: error: the page of section `{}` would be published as `{section_page}`, a name of 256 bytes where file systems take at most 255",
                "y".repeat(251)
            ),
            "hint: shorten the file name: its page is named after it, with `.html`",
            &format!("{long_term}: error: the page of glossary entry"),
            "2 error(s)",
        ],
    );
    pack.remove(&long_section);
    pack.remove(&long_term);
    pack.build_ok();
    assert!(pack.output().join("x".repeat(255)).is_file());
}

#[test]
fn an_output_folder_whose_staging_name_is_too_long_is_refused_before_anything_is_written() {
    let pack = Pack::with(&[]);
    let output = pack.path(&"o".repeat(250));
    let out = pack
        .command()
        .args(["build", "--output"])
        .arg(&output)
        .output()
        .expect("run build");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: the name `{0}` is too long: it is written first as `.{0}.briefing-staging`, 268 bytes, and file systems take at most 255",
            "o".repeat(250)
        )),
        "{stderr}"
    );
    assert_eq!(entries(pack.root()), ["briefing.toml", "content"]);
}

#[test]
fn an_unreadable_file_of_the_pack_is_found_by_check() {
    use std::os::unix::fs::PermissionsExt;
    let pack = Pack::with(&[("content/figure.png", "not really a png")]);
    if can_read_unreadable_files(pack.root()) {
        eprintln!("skipped: running with the power to read any file (root)");
        return;
    }
    let figure = pack.path("content/figure.png");
    std::fs::set_permissions(&figure, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    check_and_build_fail(&pack, 1, &["content/figure.png: error: cannot read file"]);
}

// ----- ids unique on every page -----------------------------------------------------

/// Every `id` of `html`, in order.
fn ids(html: &scraper::Html) -> Vec<String> {
    attrs(html, "[id]", "id")
}

/// Asserts no id of `page` is given twice.
fn assert_unique_ids(pack: &Pack, page: &str) -> Vec<String> {
    let all = ids(&pack.html(page));
    let mut seen = std::collections::BTreeSet::new();
    let repeated: Vec<&String> = all.iter().filter(|id| !seen.insert(*id)).collect();
    assert!(
        repeated.is_empty(),
        "{page}: repeated ids {repeated:?} in {all:?}"
    );
    all
}

const CLASHING_HEADINGS: &str = "# Main\n\n## On the timeline\n\n## fn-1\n\n## mention-soca\n\n## Search input\n\nThe Serious Organised Crime Agency helped.[^1] Also[^a b] and[^a-b].\n\nSee [main](#main-1), [timeline](#on-the-timeline-1), [note](#fn-1-1), [mention](#mention-soca-1) and [search](#search-input-1).\n\n[^1]: The first note.\n\n[^a b]: The second.\n\n[^a-b]: The third.\n";

#[test]
fn headings_named_like_the_pages_own_ids_get_ids_of_their_own() {
    let pack = Pack::with(&[
        (
            "content/sections/answer-one.md",
            &answer_with(CLASHING_HEADINGS),
        ),
        (
            "content/timeline.toml",
            "[[event]]\ndate = \"2007\"\ntitle = \"Answered\"\nsections = [\"answer-one\"]\n",
        ),
        (
            "content/sections/poppy.md",
            "+++\ntitle = \"The POPPY project\"\nsource = \"hac\"\nparagraphs = \"11\"\norder = 2\nsummary = \"Support.\"\n+++\nSee [its main heading](answer-one.md#main-1) and [the note heading](answer-one.md#fn-1-1).\n",
        ),
    ]);
    pack.build_ok();
    let page = "sections/answer-one.html";
    let all = assert_unique_ids(&pack, page);
    let html = pack.html(page);
    assert_eq!(
        attrs(&html, ".body h2", "id"),
        [
            "main-1",
            "on-the-timeline-1",
            "fn-1-1",
            "mention-soca-1",
            "search-input-1"
        ]
    );
    for id in [
        "main",
        "on-the-timeline",
        "search-input",
        "fn-1",
        "fn-a-b",
        "fn-a-b-1",
        "mention-soca",
    ] {
        assert!(all.contains(&id.to_string()), "`{id}` in {all:?}");
    }
    // Every in-page link leads to the element it names: the headings, the footnotes.
    let fragments: Vec<String> = attrs(&html, ".body a[href^='#']", "href");
    assert_eq!(fragments.len(), 8, "{fragments:?}");
    for href in &fragments {
        assert!(all.contains(&href[1..].to_string()), "{href} in {all:?}");
    }
    assert_eq!(
        attrs(&html, ".footnote-reference a", "href"),
        ["#fn-1", "#fn-a-b", "#fn-a-b-1"]
    );
    let poppy = pack.html("sections/poppy.html");
    assert_eq!(
        attrs(&poppy, ".body a", "href"),
        [
            "../sections/answer-one.html#main-1",
            "../sections/answer-one.html#fn-1-1"
        ]
    );
    assert_unique_ids(&pack, "print.html");
    for page in [
        "index.html",
        "glossary/soca.html",
        "timeline.html",
        "sources.html",
    ] {
        assert_unique_ids(&pack, page);
    }
}

#[test]
fn a_link_to_a_headings_former_id_says_which_it_has_now() {
    let pack = Pack::with(&[(
        "content/sections/answer-one.md",
        &answer_with("## Main\n\nBack to [the heading](#main).\n"),
    )]);
    let errors = pack.build_errors();
    assert_eq!(
        errors,
        [
            "content/sections/answer-one.md:10:9: error: link to a missing anchor `#main` on this page\n    hint: did you mean `#main-1`?"
        ]
    );
}

#[test]
fn an_id_written_twice_on_a_page_is_an_error_where_it_is_written() {
    let pack = Pack::with(&[(
        "content/sections/answer-one.md",
        &answer_with("Text.\n\n<div id=\"main\">Raw HTML with the page's own id.</div>\n"),
    )]);
    let errors = pack.build_errors();
    assert_eq!(
        errors,
        [
            "content/sections/answer-one.md:10:6: error: the id `main` is given to two elements of `sections/answer-one.html`\n    hint: ids must be unique on a page: rename one (a heading's id comes from its text, or from `{#id}` after it)"
        ]
    );
    // A theme's own template is named when it repeats an id.
    let pack = Pack::with(&[(
        "themes/default/templates/glossary.html",
        "{% extends \"base.html\" %}{% block content %}<h1 id=\"main\">Glossary</h1>{% endblock content %}",
    )]);
    let errors = pack.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("themes/default/templates/glossary.html: error: the id `main` is given to two elements of `glossary.html`"),
        "{errors:?}"
    );
}

// ----- control characters -------------------------------------------------------------

/// Runs `build` with the real binary: exit code 1, and stderr, which must hold no
/// control character but the line feed.
fn failed_build_stderr(pack: &Pack) -> String {
    let out = pack.command().arg("build").output().expect("run build");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 messages");
    let raw: Vec<char> = stderr
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert!(
        raw.is_empty(),
        "raw control characters {raw:?} in:\n{stderr}"
    );
    stderr
}

#[test]
fn control_characters_in_front_matter_and_config_are_refused_at_their_key() {
    let pack = Pack::with(&[
        (
            "briefing.toml",
            "title = \"Test \\u001b]0;pwned\\u0007 Pack\"\n",
        ),
        (
            "content/sections/answer-one.md",
            "+++\ntitle = \"The \\u0000 answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"What\\u001b[2J the minister said.\"\ntags = [\"ok\", \"b\\u0008d\"]\n+++\nText.\n",
        ),
        (
            "content/glossary/soca.md",
            "+++\nterm = \"Serious Organised Crime Agency\"\nabbr = \"SO\\rCA\"\n+++\nA body.\n\n## History\n\nFounded.\n",
        ),
        (
            "content/timeline.toml",
            "[[event]]\ndate = \"2007\"\ntitle = \"Tab\\tand\"\nbody = \"\"\"\nLines\nand \\u009b more\n\"\"\"\n",
        ),
    ]);
    let stderr = failed_build_stderr(&pack);
    for expected in [
        "briefing.toml:1:9: error: `title` holds the control character U+001B (escape)",
        "content/sections/answer-one.md:2:9: error: `title` holds the control character U+0000 (NUL)",
        "content/sections/answer-one.md:6:11: error: `summary` holds the control character U+001B (escape)",
        "content/sections/answer-one.md:7:15: error: `tags` holds the control character U+0008 (backspace)",
        "content/glossary/soca.md:3:8: error: `abbr` holds the control character U+000D (carriage return)",
        "content/timeline.toml:4:8: error: `event.body` holds the control character U+009B",
        "hint: delete it: control characters are not text",
        "6 error(s)",
    ] {
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
    }
}

#[test]
fn tabs_and_line_breaks_are_text() {
    let pack = Pack::with(&[(
        "content/timeline.toml",
        "[[event]]\ndate = \"2007\"\ntitle = \"Tab\\tand\"\nbody = \"\"\"\nLines\nand more\n\"\"\"\n",
    )]);
    pack.build_ok();
    assert!(pack.page("timeline.html").contains("Tab\tand"));
}

#[test]
fn control_characters_in_markdown_are_refused_where_they_are_written() {
    let pack = Pack::with(&[
        (
            "content/sections/answer-one.md",
            &answer_with("A bell \u{7} and an escape \u{1b}[2J here.\n"),
        ),
        (
            "content/sections/poppy.md",
            "+++\ntitle = \"The POPPY project\"\nsource = \"hac\"\nparagraphs = \"11\"\norder = 2\nsummary = \"Support.\"\n+++\nWritten as a reference: &#27;]0;x&#7; and [a link](https://example.org \"&#x1b;\").\n",
        ),
        (
            "content/glossary/reflex-term.md",
            "+++\nterm = \"Reflex\"\n+++\nIt\u{92}s a task force.\n",
        ),
    ]);
    let stderr = failed_build_stderr(&pack);
    for expected in [
        "content/sections/answer-one.md:8:8: error: file contains the control character U+0007 (bell) (2 in all)",
        "content/sections/poppy.md:8:25: error: the character reference `&#27;` stands for the control character U+001B (escape)",
        "content/sections/poppy.md:8:73: error: the character reference `&#x1b;` stands for the control character U+001B (escape)",
        "content/glossary/reflex-term.md:4:3: error: file contains the control character U+0092",
        "hint: delete or retype it: text saved as Windows-1252 and read as Unicode shows `’` as U+0092",
    ] {
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
    }
}

#[test]
fn messages_print_control_characters_as_escapes() {
    let pack = Pack::with(&[
        (
            "content/sections/answer-one.md",
            "+++\ntitle = \"The answer\"\n\"ti\\u001btle\" = 1\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\nText.\n",
        ),
        ("content/a\u{1b}]0;x\u{7}.png", "a picture"),
    ]);
    let stderr = failed_build_stderr(&pack);
    for expected in [
        "content/a\\u{1b}]0;x\\u{7}.png: error: the name `a\\u{1b}]0;x\\u{7}.png` holds the control character U+001B (escape)",
        "content/sections/answer-one.md:3:1: error: unknown field `ti\\u{1b}tle`",
    ] {
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
    }
}

// ----- addresses that run code ---------------------------------------------------------

const RUNS_CODE: &str = "would run code in the reader's browser\n    hint: link to a page (https://…) or to a file of the pack instead";
const WRITES_DOCUMENT: &str = "writes a document into a `data:` address, which could run code in the reader's browser\n    hint: only an image may be a `data:` address (`data:image/png;base64,…`); put the document in the pack and link to it";

/// Raw HTML that must be refused: the markup, where its problem is reported (the
/// first occurrence of the text given) and how the message shows it.
const REFUSED_HTML: &[(&str, &str, &str)] = &[
    (
        "<a href=\"javascript:alert(1)\">x</a>",
        "href",
        "`<a href=\"javascript:alert(1)\">`",
    ),
    (
        "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
        "href",
        "`<a href=\" JaVaScRiPt:alert(1)\">`",
    ),
    (
        "<a href=\"&#106;ava&#x09;script&colon;alert(1)\">x</a>",
        "href",
        "`<a href=\"java\\u{9}script:alert(1)\">`",
    ),
    (
        "<a HREF='java&Tab;script:alert(1)'>x</a>",
        "HREF",
        "`<a href=\"java\\u{9}script:alert(1)\">`",
    ),
    (
        "<img src=javascript:alert(1)>",
        "src",
        "`<img src=\"javascript:alert(1)\">`",
    ),
    (
        "<iframe src=\"vbscript:msgbox(1)\"></iframe>",
        "src",
        "`<iframe src=\"vbscript:msgbox(1)\">`",
    ),
    (
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "action",
        "`<form action=\"javascript:alert(1)\">`",
    ),
    (
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "formaction",
        "`<button formaction=\"javascript:alert(1)\">`",
    ),
    (
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "xlink:href",
        "`<a xlink:href=\"javascript:alert(1)\">`",
    ),
    (
        "<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "href",
        "`<a href=\"javascript:alert(1)\">`",
    ),
    (
        "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
        "to=",
        "`<set to=\"javascript:alert(1)\">`",
    ),
    (
        "<img srcset=\"a.png 1x, javascript:alert(1) 2x\" alt=\"x\">",
        "srcset",
        "`<img srcset=\"javascript:alert(1)\">`",
    ),
    (
        "<object data=\"javascript:alert(1)\"></object>",
        "data",
        "`<object data=\"javascript:alert(1)\">`",
    ),
    (
        "<embed src=\"javascript:alert(1)\">",
        "src",
        "`<embed src=\"javascript:alert(1)\">`",
    ),
    (
        "<base href=\"javascript:alert(1)//\">",
        "href",
        "`<base href=\"javascript:alert(1)//\">`",
    ),
    (
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "content",
        "`<meta content=\"javascript:alert(1)\">`",
    ),
    (
        "<iframe srcdoc=\"&lt;a href=javascript:alert(1)&gt;x&lt;/a&gt;\"></iframe>",
        "srcdoc",
        "`<a href=\"javascript:alert(1)\">`",
    ),
];

#[test]
fn every_address_of_raw_html_that_runs_code_is_refused_where_it_is_written() {
    let body: String = REFUSED_HTML
        .iter()
        .map(|(html, _, _)| format!("Before {html} after.\n\n"))
        .collect();
    let pack = Pack::with(&[("content/sections/answer-one.md", &answer_with(&body))]);
    let expected: Vec<String> = (REFUSED_HTML.iter().enumerate())
        .map(|(i, (html, at, what))| {
            let column = "Before ".len() + html.find(at).expect("marker") + 1;
            let line = 8 + 2 * i;
            format!("content/sections/answer-one.md:{line}:{column}: error: {what} {RUNS_CODE}")
        })
        .collect();
    assert_eq!(pack.build_errors(), expected);
}

#[test]
fn data_addresses_may_hold_images_and_nothing_else() {
    let body = "<iframe src=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>\n\n[a page](data:text/html;base64,PHNjcmlwdD4=)\n\n<img src=\"data:image/png;base64,AAAA\" alt=\"fine\"> <img srcset=\"data:image/png;base64,AA,AA 2x\" alt=\"fine\"> ![fine](data:image/gif;base64,R0lG)\n";
    let pack = Pack::with(&[("content/sections/answer-one.md", &answer_with(body))]);
    assert_eq!(
        pack.build_errors(),
        [
            format!(
                "content/sections/answer-one.md:8:9: error: `<iframe src=\"data:text/html,<script>alert(1)</script>\">` {WRITES_DOCUMENT}"
            ),
            format!(
                "content/sections/answer-one.md:10:1: error: the link `data:text/html;base64,PHNjcmlwdD4=` {WRITES_DOCUMENT}"
            ),
        ]
    );
}

#[test]
fn addresses_are_refused_in_every_kind_of_text() {
    let pack = Pack::with(&[
        (
            "content/sections/answer-one.md",
            "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"Said ![i](javascript:alert(1)) and [x](vbscript:y).\"\n+++\nText.\n",
        ),
        (
            "content/glossary/reflex-term.md",
            "+++\nterm = \"Reflex\"\n+++\nA task force. <a href=\"javascript:alert(2)\">x</a>\n",
        ),
        (
            "content/timeline.toml",
            "[[event]]\ndate = \"2007\"\ntitle = \"E\"\nbody = \"See <img src='javascript:alert(3)'>.\"\n",
        ),
        (
            "content/_index.md",
            "+++\ntitle = \"Test Pack\"\n+++\nAn introduction.\n\n<div>\n<a\n  href=\"javascript:alert(4)\">across lines</a>\n</div>\n",
        ),
        (
            "content/sources/hac.md",
            "+++\ntitle = \"The Trade in Human Beings\"\nkind = \"Report\"\nlicence_url = \"data:text/html,x\"\n+++\nA report. ![x](javascript:alert(5))\n",
        ),
    ]);
    assert_eq!(
        pack.build_errors(),
        [
            format!("content/_index.md:8:3: error: `<a href=\"javascript:alert(4)\">` {RUNS_CODE}"),
            format!(
                "content/glossary/reflex-term.md:4:18: error: `<a href=\"javascript:alert(2)\">` {RUNS_CODE}"
            ),
            format!(
                "content/sections/answer-one.md:6:11: error: the link `javascript:alert(1)` {RUNS_CODE}"
            ),
            format!(
                "content/sections/answer-one.md:6:11: error: the link `vbscript:y` {RUNS_CODE}"
            ),
            format!(
                "content/sources/hac.md:4:15: error: the link `data:text/html,x` {WRITES_DOCUMENT}"
            ),
            format!(
                "content/sources/hac.md:6:11: error: the link `javascript:alert(5)` {RUNS_CODE}"
            ),
            format!(
                "content/timeline.toml:4:8: error: `<img src=\"javascript:alert(3)\">` {RUNS_CODE}"
            ),
        ]
    );
}

#[test]
fn markup_that_only_mentions_a_script_address_builds() {
    let body = "<a href=\"https://example.org/javascript:x\" title=\"javascript: the language\">fine</a>\n\n<script>\nvar link = \"<a href='javascript:x'>\";\n</script>\n\n<!-- <a href=\"javascript:x\"> -->\n\n`<a href=\"javascript:x\">` in code.\n\n<base target=\"_blank\">\n";
    let pack = Pack::with(&[("content/sections/answer-one.md", &answer_with(body))]);
    pack.build_ok();
    let html = pack.html("sections/answer-one.html");
    assert_eq!(
        attrs(&html, ".body a", "href"),
        ["https://example.org/javascript:x"]
    );
}
