//! Fenced code in a built page: classed spans for a known language, plain escaped
//! text for an unknown one, and the generated stylesheet linked from every page.

mod common;

use common::{briefing, sample_pack};
use scraper::{Html, Selector};

#[test]
fn code_blocks_are_highlighted_in_the_built_site() {
    let (_dir, pack) = sample_pack();
    let section = pack.join("content/sections/next-steps.md");
    let mut text = std::fs::read_to_string(&section).unwrap();
    text.push_str("\n```rust\nlet homes: u32 = 120; // flooded\n```\n\n```flood-script\nraise <wall> & wait\n```\n");
    std::fs::write(&section, text).unwrap();
    let build = briefing()
        .arg("build")
        .arg("--root")
        .arg(&pack)
        .output()
        .unwrap();
    assert_eq!(build.status.code(), Some(0), "{build:?}");

    let page = std::fs::read_to_string(pack.join("public/sections/next-steps.html")).unwrap();
    let doc = Html::parse_document(&page);
    let select = |s: &str| Selector::parse(s).unwrap();
    let rust = doc
        .select(&select("pre.hl-code > code.language-rust"))
        .next()
        .expect("a highlighted Rust block");
    assert_eq!(
        rust.text().collect::<String>(),
        "let homes: u32 = 120; // flooded\n"
    );
    let comment: Vec<String> = rust
        .select(&select("span.hl-comment.hl-line"))
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(comment, ["// flooded\n"]);
    assert!(
        rust.select(&select("[style]")).next().is_none(),
        "no inline styles"
    );

    let plain = doc
        .select(&select("pre > code.language-flood-script"))
        .next()
        .expect("the unknown language as a plain block");
    assert_eq!(plain.inner_html(), "raise &lt;wall&gt; &amp; wait\n");
    assert!(plain.select(&select("span")).next().is_none());

    let sheets: Vec<&str> = doc
        .select(&select("link[rel=stylesheet]"))
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert!(sheets.contains(&"../assets/highlight.css"), "{sheets:?}");
    let css = std::fs::read_to_string(pack.join("public/assets/highlight.css")).unwrap();
    assert!(css.contains(".hl-comment {"));
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
}
