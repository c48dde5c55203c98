//! A small pack built end to end; the assertions read the HTML a visitor would get.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use scraper::Html;

/// The output-relative file and fragment a relative `href` on page `from` points at.
fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), fragment);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "`{href}` on {from} climbs out of the site"
                );
            }
            "." => {}
            p => parts.push(p),
        }
    }
    (parts.join("/"), fragment)
}

fn is_external(href: &str) -> bool {
    href.starts_with("https://") || href.starts_with("http://") || href.starts_with("mailto:")
}

/// Every `href` and `src` of every page: relative, naming a file that exists, with a
/// fragment that exists on that page.
fn assert_links_resolve(output: &Path) {
    let files = snapshot(output);
    let pages: BTreeMap<&String, Html> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, Html::parse_document(&String::from_utf8_lossy(b))))
        .collect();
    for (page, html) in &pages {
        for (css, attr) in [("[href]", "href"), ("[src]", "src")] {
            for href in attrs(html, css, attr) {
                if is_external(&href) {
                    continue;
                }
                assert!(
                    !href.starts_with('/') && !href.contains("://"),
                    "{page}: `{href}` is not relative"
                );
                let (target, fragment) = resolve(page, &href);
                assert!(
                    files.contains_key(&target),
                    "{page}: `{href}` names {target}, which was not written"
                );
                assert!(!target.ends_with('/'), "{page}: `{href}` names a folder");
                if let (Some(fragment), Some(target_html)) = (fragment, pages.get(&target)) {
                    let found = !select(target_html, &format!("[id=\"{fragment}\"]")).is_empty();
                    assert!(found, "{page}: `{href}`: no id `{fragment}` on {target}");
                }
            }
        }
    }
}

#[test]
fn every_link_is_relative_and_reaches_an_existing_file_and_anchor() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    assert_links_resolve(&pack.output());
}

#[test]
fn writes_the_expected_files() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let files: Vec<String> = snapshot(&pack.output()).into_keys().collect();
    for expected in [
        "assets/style.css",
        "glossary.html",
        "glossary/reflex-term.html",
        "glossary/soca.html",
        "index.html",
        "sections/answer-one.html",
        "sections/poppy.html",
        "sections/reflex.html",
        "sources.html",
        "timeline.html",
    ] {
        assert!(
            files.contains(&expected.to_string()),
            "{expected} missing from {files:?}"
        );
    }
}

#[test]
fn section_page_has_title_citation_and_body() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let html = pack.html("sections/reflex.html");
    assert_eq!(
        texts(&html, "title"),
        ["Reflex and enforcement · Test Pack"]
    );
    assert_eq!(texts(&html, "h1"), ["Reflex and enforcement"]);
    assert_eq!(
        texts(&html, ".citation"),
        ["Source: The Trade in Human Beings, paragraphs 9–10"]
    );
    let cite = attrs(&html, ".citation a", "href");
    assert_eq!(cite, ["../sources.html#source-hac"]);
    let sources = pack.html("sources.html");
    assert_eq!(
        texts(&sources, "#source-hac h2"),
        ["The Trade in Human Beings"]
    );
    // A single paragraph is "paragraph", not "paragraphs".
    let poppy = pack.html("sections/poppy.html");
    assert_eq!(
        texts(&poppy, ".citation"),
        ["Source: The Trade in Human Beings, paragraph 11"]
    );
    assert_eq!(texts(&html, ".summary"), ["How Reflex works."]);
    assert_eq!(texts(&html, ".summary em"), ["Reflex"]);
}

#[test]
fn links_to_content_files_become_links_to_pages() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let html = pack.html("sections/reflex.html");
    let link = |label: &str| {
        select(&html, ".body a")
            .into_iter()
            .find(|a| text(*a) == label)
            .and_then(|a| a.value().attr("href").map(str::to_string))
            .unwrap_or_else(|| panic!("no link `{label}`"))
    };
    let poppy = link("the POPPY project");
    assert!(poppy.ends_with("poppy.html"), "{poppy}");
    assert_eq!(
        resolve("sections/reflex.html", &poppy).0,
        "sections/poppy.html"
    );
    assert_eq!(link("its history"), "../glossary/soca.html#history");
    assert_eq!(link("external link"), "https://example.org/page");
    // The anchor exists on the glossary page, and in-page links keep their fragment.
    let soca = pack.html("glossary/soca.html");
    assert_eq!(texts(&soca, "h2#history"), ["History"]);
    let poppy_page = pack.html("sections/poppy.html");
    let hrefs = attrs(&poppy_page, ".body a", "href");
    assert!(
        hrefs.contains(&"../sections/reflex.html#enforcement".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"#heading-two".to_string()), "{hrefs:?}");
    // From the landing page (one folder up) the same kind of link has no `../`.
    let index = pack.html("index.html");
    assert_eq!(attrs(&index, ".intro a", "href"), ["sections/reflex.html"]);
}

#[test]
fn navigation_marks_the_current_page() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let cases = [
        ("index.html", "Test Pack", "page"),
        ("sections/reflex.html", "Sections", "true"),
        ("timeline.html", "Timeline", "page"),
        ("glossary.html", "Glossary", "page"),
        ("glossary/soca.html", "Glossary", "true"),
        ("sources.html", "Sources", "page"),
    ];
    for (page, current, value) in cases {
        let html = pack.html(page);
        let nav = texts(&html, "nav.site-nav a");
        assert_eq!(
            nav,
            ["Test Pack", "Sections", "Timeline", "Glossary", "Sources"],
            "{page}"
        );
        let marked: Vec<(String, String)> = select(&html, "nav.site-nav a[aria-current]")
            .into_iter()
            .map(|a| {
                (
                    text(a),
                    a.value().attr("aria-current").unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(marked, [(current.to_string(), value.to_string())], "{page}");
    }
}

#[test]
fn sections_link_to_their_neighbours_in_order() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let neighbours = |page: &str| {
        let html = pack.html(page);
        (
            attrs(&html, "a[rel=prev]", "href"),
            attrs(&html, "a[rel=next]", "href"),
        )
    };
    let none: Vec<String> = Vec::new();
    assert_eq!(
        neighbours("sections/reflex.html"),
        (none.clone(), vec!["../sections/poppy.html".to_string()])
    );
    assert_eq!(
        neighbours("sections/poppy.html"),
        (
            vec!["../sections/reflex.html".to_string()],
            vec!["../sections/answer-one.html".to_string()]
        )
    );
    assert_eq!(
        neighbours("sections/answer-one.html"),
        (vec!["../sections/poppy.html".to_string()], none)
    );
}

#[test]
fn index_groups_sections_by_source_with_summaries() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let html = pack.html("index.html");
    assert_eq!(texts(&html, "title"), ["Test Pack"]);
    assert_eq!(texts(&html, "h1"), ["Test Pack"]);
    assert_eq!(
        texts(&html, ".intro p"),
        ["An introduction. Start with Reflex."]
    );
    assert_eq!(
        texts(&html, ".contents h3"),
        ["The Trade in Human Beings", "Written Answer"]
    );
    let lists = select(&html, ".contents ol.section-list");
    assert_eq!(lists.len(), 2);
    let items = |i: usize| -> Vec<String> { lists[i].select(&sel("li > a")).map(text).collect() };
    assert_eq!(items(0), ["Reflex and enforcement", "The POPPY project"]);
    assert_eq!(items(1), ["The answer"]);
    assert_eq!(
        texts(&html, ".section-list li p"),
        [
            "How Reflex works.",
            "Support for women.",
            "What the minister said."
        ]
    );
}

#[test]
fn sources_page_lists_each_document_with_its_sections() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let html = pack.html("sources.html");
    assert_eq!(
        texts(&html, "section.source h2"),
        ["The Trade in Human Beings", "Written Answer"]
    );
    assert_eq!(
        texts(&html, "#source-hac li"),
        [
            "Reflex and enforcement (paragraphs 9–10)",
            "The POPPY project (paragraph 11)"
        ]
    );
    assert_eq!(
        texts(&html, "#source-hac dd"),
        ["Select committee report", "House of Commons"]
    );
}

#[test]
fn a_pack_template_overrides_the_built_in_one() {
    let pack = Pack::with(&[(
        "themes/default/templates/section.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1 class=\"custom\">{{ title }}</h1>\n{{ body | safe }}\n{% endblock content %}\n",
    )]);
    pack.build_ok();
    let html = pack.html("sections/reflex.html");
    assert_eq!(texts(&html, "h1.custom"), ["Reflex and enforcement"]);
    // The other templates are still the built-in ones.
    let index = pack.html("index.html");
    assert_eq!(texts(&index, ".contents h3").len(), 2);
}

#[test]
fn byte_order_mark_and_crlf_line_endings_are_accepted() {
    let pack = Pack::with(&[]);
    let crlf = "+++\r\ntitle = \"The answer\"\r\nsource = \"answer\"\r\nparagraphs = \"1\"\r\norder = 3\r\nsummary = \"What the minister said.\"\r\n+++\r\nFirst line.\r\nSecond line.\r\n";
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    pack.write_bytes("content/sections/answer-one.md", &bytes);
    pack.build_ok();
    let page = pack.page("sections/answer-one.html");
    assert!(!page.contains('\r') && !page.contains('\u{feff}'));
    let html = pack.html("sections/answer-one.html");
    assert_eq!(texts(&html, "h1"), ["The answer"]);
    assert_eq!(texts(&html, ".body p"), ["First line. Second line."]);
}

#[test]
fn every_page_has_one_h1_and_a_language() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    for (path, bytes) in snapshot(&pack.output()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
        assert_eq!(select(&html, "h1").len(), 1, "{path}");
        assert_eq!(attrs(&html, "html", "lang"), ["en"], "{path}");
        assert_eq!(select(&html, "main").len(), 1, "{path}");
    }
}
