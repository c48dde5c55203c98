//! Markup in front-matter values and (with `raw_html = false`) in bodies reaches the
//! reader as text: escaped in element text, attributes, the search index and the
//! print edition.

mod common;

use common::*;
use scraper::Html;

const EVIL: &str = "<script>alert(1)</script> \"quoted\" 'single' & <b>bold</b>";

/// `EVIL` as a TOML basic string.
fn toml_evil() -> String {
    format!("\"{}\"", EVIL.replace('"', "\\\""))
}

/// A pack whose every front-matter text value is `EVIL`.
fn evil_pack() -> Pack {
    let e = toml_evil();
    Pack::with(&[
        (
            "briefing.toml",
            &format!("title = {e}\ndescription = {e}\n"),
        ),
        (
            "content/_index.md",
            &format!("+++\ntitle = {e}\n+++\nIntro.\n"),
        ),
        (
            "content/sources/answer.md",
            &format!(
                "+++\ntitle = {e}\nkind = {e}\npublisher = {e}\ndate = {e}\nreference = {e}\nurl = \"https://example.org/?a=1&b=\\\"2\\\"\"\n+++\nAn answer.\n"
            ),
        ),
        (
            "content/sections/answer-one.md",
            &format!(
                "+++\ntitle = {e}\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = {e}\ntags = [{e}]\n+++\nText.\n"
            ),
        ),
        (
            "content/glossary/evil.md",
            &format!("+++\nterm = {e}\nabbr = {e}\naliases = [{e}]\n+++\nA definition.\n"),
        ),
        (
            "content/timeline.toml",
            &format!(
                "[[event]]\ndate = \"2007\"\ntitle = {e}\nsections = [\"answer-one\"]\nsource = \"answer\"\nkey = true\n"
            ),
        ),
    ])
}

/// No element or attribute came from the injected markup, and its text survives.
fn assert_inert(path: &str, html: &Html) {
    assert!(
        select(html, "b").is_empty(),
        "{path}: a <b> element was injected"
    );
    let scripts: Vec<String> = select(html, "script")
        .into_iter()
        .map(|s| s.value().attr("src").unwrap_or("(inline)").to_string())
        .collect();
    assert!(
        scripts.iter().all(|s| s.ends_with(".js")),
        "{path}: injected script: {scripts:?}"
    );
    for element in select(html, "*") {
        for (name, _) in element.value().attrs() {
            assert!(
                !name.contains('"') && !name.contains('\'') && !name.starts_with("on"),
                "{path}: injected attribute `{name}`"
            );
        }
    }
}

#[test]
fn front_matter_values_are_escaped_on_every_page() {
    let pack = evil_pack();
    pack.build_ok();
    let files = snapshot(&pack.output());
    let mut pages = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("<script>alert"),
            "{path} holds the raw script"
        );
        assert!(!text.contains("<b>bold"), "{path} holds the raw markup");
        assert_inert(path, &Html::parse_document(&text));
    }
    assert!(pages >= 8);
}

#[test]
fn escaped_values_read_as_the_author_wrote_them() {
    let pack = evil_pack();
    pack.build_ok();
    let section = pack.html("sections/answer-one.html");
    assert_eq!(texts(&section, "h1"), [EVIL]);
    assert_eq!(texts(&section, ".tag"), [EVIL]);
    assert_eq!(texts(&section, ".summary"), [EVIL]);
    assert_eq!(texts(&section, "title"), [format!("{EVIL} · {EVIL}")]);
    assert_eq!(attrs(&section, "meta[name=description]", "content"), [EVIL]);
    assert_eq!(
        texts(&section, ".citation"),
        [format!("Source: {EVIL}, paragraph 1")]
    );
    let index = pack.html("index.html");
    assert_eq!(
        texts(&index, ".section-list li p"),
        ["How Reflex works.", "Support for women.", EVIL]
    );
    let sources = pack.html("sources.html");
    assert_eq!(
        attrs(&sources, "#source-answer dd a", "href"),
        ["https://example.org/?a=1&b=\"2\""]
    );
    let term = pack.html("glossary/evil.html");
    assert_eq!(attrs(&term, "h1 abbr", "title"), [EVIL]);
    let timeline = pack.html("timeline.html");
    assert!(
        texts(&timeline, ".event h3")
            .iter()
            .any(|t| t.ends_with(EVIL))
    );
}

#[test]
fn the_search_index_keeps_values_as_data() {
    let pack = evil_pack();
    pack.build_ok();
    let script = pack.page("assets/search-index.js");
    let json = script
        .trim_end()
        .strip_prefix("window.BRIEFING_SEARCH = ")
        .and_then(|s| s.strip_suffix(';'))
        .expect("the index is one assignment");
    let value: serde_json::Value = serde_json::from_str(json).expect("the index is JSON");
    let titles: Vec<&str> = value["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .filter_map(|d| d[0].as_str())
        .collect();
    assert!(titles.contains(&EVIL), "{titles:?}");
}

#[test]
fn the_print_edition_escapes_values() {
    let pack = evil_pack();
    pack.build_ok();
    let print = pack.page("print.html");
    assert!(!print.contains("<script>alert") && !print.contains("<b>bold"));
    let html = Html::parse_document(&print);
    assert_inert("print.html", &html);
    assert!(texts(&html, "h2, h3").iter().any(|t| t.contains(EVIL)));
}

const RAW: &str = "Before <script>alert(1)</script> and <img src=x onerror=\"alert(2)\">.\n\n<div onclick=\"alert(3)\">block</div>\n\n<b>inline</b> after.\n";

#[test]
fn raw_html_is_escaped_when_the_pack_says_so() {
    let pack = Pack::with(&[
        (
            "briefing.toml",
            "title = \"Test Pack\"\n[markdown]\nraw_html = false\n",
        ),
        (
            "content/sections/answer-one.md",
            &format!(
                "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\n{RAW}"
            ),
        ),
        (
            "content/glossary/soca.md",
            &format!("+++\nterm = \"SOCA\"\n+++\n{RAW}\n## History\n\nText.\n"),
        ),
        (
            "content/_index.md",
            &format!("+++\ntitle = \"T\"\n+++\n{RAW}"),
        ),
        (
            "content/timeline.toml",
            &format!("[[event]]\ndate = \"2007\"\ntitle = \"E\"\nbody = \"\"\"\n{RAW}\"\"\"\n"),
        ),
    ]);
    pack.build_ok();
    for page in [
        "sections/answer-one.html",
        "glossary/soca.html",
        "index.html",
        "timeline.html",
        "print.html",
    ] {
        let html = pack.html(page);
        assert_inert(page, &html);
        assert!(select(&html, "img").is_empty(), "{page}");
        assert!(select(&html, "div[onclick]").is_empty(), "{page}");
        let text = text(select(&html, "main")[0]);
        assert!(text.contains("<script>alert(1)</script>"), "{page}: {text}");
        assert!(text.contains("<b>inline</b>"), "{page}: {text}");
    }
    let section = pack.html("sections/answer-one.html");
    assert_eq!(
        texts(&section, ".body p")[0],
        "Before <script>alert(1)</script> and <img src=x onerror=\"alert(2)\">."
    );
}

#[test]
fn raw_html_passes_through_by_default() {
    let pack = Pack::with(&[(
        "content/sections/answer-one.md",
        "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\nSome <b>bold</b> text.\n",
    )]);
    pack.build_ok();
    let html = pack.html("sections/answer-one.html");
    assert_eq!(texts(&html, ".body b"), ["bold"]);
}

#[test]
fn summaries_never_pass_raw_html() {
    let pack = Pack::with(&[(
        "content/sections/answer-one.md",
        "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"<img src=x onerror=alert(1)> *fine*\"\n+++\nText.\n",
    )]);
    pack.build_ok();
    for page in ["sections/answer-one.html", "index.html", "sources.html"] {
        let html = pack.html(page);
        assert!(select(&html, "img").is_empty(), "{page}");
        assert_inert(page, &html);
    }
    let html = pack.html("sections/answer-one.html");
    assert_eq!(
        texts(&html, ".summary"),
        ["<img src=x onerror=alert(1)> fine"]
    );
    assert_eq!(texts(&html, ".summary em"), ["fine"]);
}

#[test]
fn links_that_run_code_are_refused() {
    let pack = Pack::with(&[
        (
            "content/sections/answer-one.md",
            "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\nA [link](javascript:alert(1)) and [another](<Java\tScript:alert%282%29>) and ![img](vbscript:x).\n",
        ),
        (
            "content/sources/answer.md",
            "+++\ntitle = \"Written Answer\"\nkind = \"Parliamentary answer\"\nurl = \"javascript:alert(3)\"\n+++\nAn answer.\n",
        ),
    ]);
    let hint = "\n    hint: link to a page (https://…) or to a file of the pack instead";
    assert_eq!(
        pack.build_errors(),
        [
            format!(
                "content/sections/answer-one.md:8:3: error: the link `javascript:alert(1)` would run code in the reader's browser{hint}"
            ),
            format!(
                "content/sections/answer-one.md:8:35: error: the link `Java\\u{{9}}Script:alert%282%29` would run code in the reader's browser{hint}"
            ),
            format!(
                "content/sections/answer-one.md:8:77: error: the link `vbscript:x` would run code in the reader's browser{hint}"
            ),
            format!(
                "content/sources/answer.md:4:7: error: the link `javascript:alert(3)` would run code in the reader's browser{hint}"
            ),
        ]
    );
}

#[test]
fn a_script_link_in_a_summary_is_refused_at_the_summary() {
    let pack = Pack::with(&[(
        "content/sections/answer-one.md",
        "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"[click](javascript:alert(0)) [ok](https://example.org/)\"\n+++\nText.\n",
    )]);
    assert_eq!(
        pack.build_errors(),
        [
            "content/sections/answer-one.md:6:11: error: the link `javascript:alert(0)` would run code in the reader's browser\n    hint: link to a page (https://…) or to a file of the pack instead"
        ]
    );
}

#[test]
fn text_that_looks_like_a_print_edition_marker_is_printed_as_it_is() {
    // The print edition is laid out with private-use markers where texts go; a pack
    // may contain the same characters, and they must come out untouched.
    let look_alikes = [
        "\u{E000}s0\u{E001}",
        "\u{E000}0000000000000000s0\u{E001}",
        "\u{E000}",
    ];
    let title = look_alikes.join(" ");
    let pack = Pack::with(&[(
        "content/sections/answer-one.md",
        &format!(
            "+++\ntitle = \"{title}\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"What the minister said.\"\n+++\nThe answer text {title}.\n"
        ),
    )]);
    pack.build_ok();
    let print = pack.page("print.html");
    let html = Html::parse_document(&print);
    assert!(
        texts(&html, "h2").contains(&title),
        "{:?}",
        texts(&html, "h2")
    );
    assert_eq!(print.matches("The answer text").count(), 1);
    assert_eq!(
        print.matches("<p>A multi-agency task force.</p>").count(),
        1
    );
}
