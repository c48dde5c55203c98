//! Properties over generated input: the parser never panics, rendered Markdown is
//! always well-nested HTML, and glossary linking only ever wraps text.

mod common;

use briefing::Failure;
use common::*;
use proptest::prelude::*;

const SECTION: &str = "content/sections/s.md";
const FRONT: &str =
    "+++\ntitle = \"S\"\nsource = \"src\"\nparagraphs = \"1\"\norder = 1\nsummary = \"S.\"\n+++\n";

/// The smallest pack with one section, whose file the properties replace.
fn small_pack(config: &str) -> Pack {
    Pack::from_files(&[
        ("briefing.toml", config),
        (
            "content/sources/src.md",
            "+++\ntitle = \"Source\"\nkind = \"report\"\n+++\nA source.\n",
        ),
        (
            "content/glossary/agency.md",
            "+++\nterm = \"The Agency\"\nabbr = \"TA\"\naliases = [\"Agency\"]\n+++\nA body that does things.\n",
        ),
        (
            "content/glossary/centre.md",
            "+++\nterm = \"UK Human Trafficking Centre\"\nabbr = \"UKHTC\"\n+++\nA centre.\n",
        ),
        (
            "content/glossary/trafficking.md",
            "+++\nterm = \"Human Trafficking\"\n+++\nThe trade in people.\n",
        ),
        (SECTION, &format!("{FRONT}Text.\n")),
    ])
}

/// Builds, requiring a clean outcome: success or problems in the pack, never an
/// I/O failure; a panic fails the property by itself.
fn build_cleanly(pack: &Pack) -> bool {
    match pack.build() {
        Ok(_) => true,
        Err(Failure::Content(d)) => {
            assert!(d.has_errors(), "failed without an error");
            for diagnostic in d.sorted() {
                let text = diagnostic.to_string();
                assert!(
                    text.starts_with("content/") || text.starts_with("briefing.toml"),
                    "{text}"
                );
            }
            false
        }
        Err(Failure::Other(e)) => panic!("not a content problem: {e:#}"),
    }
}

/// Markdown-ish text: fragments that exercise the parser's syntax, in any order.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "word",
        "The Agency",
        "TA",
        "UKHTC",
        "UK Human Trafficking Centre",
        "Human Trafficking",
        "Agency's",
        "agency",
        " ",
        " ",
        "\n",
        "\n\n",
        "*",
        "**",
        "_",
        "`",
        "```\n",
        "~~",
        "# ",
        "## ",
        "> ",
        "- ",
        "1. ",
        "  ",
        "    ",
        "[",
        "]",
        "(",
        ")",
        "](s.md)",
        "](#x)",
        "](../glossary/agency.md)",
        "![",
        "<",
        ">",
        "&",
        "&amp;",
        "\"",
        "'",
        "|",
        "|---|",
        "\\",
        "[^1]",
        "[^1]: ",
        "{#id}",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "<b>",
        "</b>",
        "+++",
        "é",
        "\u{E000}",
        "\u{E001}",
        "0",
        "-",
        "---",
        "\t",
        "https://example.org",
        "<a href=\"x\">",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

/// Any bytes, or a front matter block with arbitrary text around plausible keys.
fn content_file() -> impl Strategy<Value = Vec<u8>> {
    let toml_line = prop::sample::select(vec![
        "title = \"x\"",
        "source = \"src\"",
        "paragraphs = \"1\"",
        "paragraphs = \"9-2\"",
        "order = 1",
        "order = \"1\"",
        "summary = \"s\"",
        "tags = []",
        "tags = [1]",
        "titel = 1",
        "[table]",
        "= =",
        "\"",
        "title = '''",
        "source = \"nope\"",
        "+++",
        "",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        (
            prop::collection::vec(toml_line, 0..10),
            markdownish(),
            any::<bool>(),
        )
            .prop_map(|(lines, body, crlf)| {
                let text = format!("+++\n{}\n+++\n{body}", lines.join("\n"));
                let text = if crlf {
                    text.replace('\n', "\r\n")
                } else {
                    text
                };
                text.into_bytes()
            }),
        markdownish().prop_map(|body| format!("{FRONT}{body}").into_bytes()),
    ]
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Checks that every element is closed in order, reading tags off the text: the
/// output escapes every `<` that is not a tag.
fn assert_well_nested(html: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        let end = rest
            .find('>')
            .unwrap_or_else(|| panic!("unclosed tag in:\n{html}"));
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop();
            assert_eq!(open.as_deref(), Some(name.trim()), "misnested in:\n{html}");
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(!name.is_empty(), "`<{tag}>` in:\n{html}");
        if !(tag.ends_with('/') || VOID.contains(&name.as_str())) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "never closed: {stack:?} in:\n{html}");
}

#[test]
fn the_nesting_checker_catches_misnesting() {
    assert_well_nested("<p>a <em>b</em><br> <img src=\"x\" /></p><!-- <x> -->");
    for bad in ["<p><em></p></em>", "<div>", "</p>", "<p>a < b</p>"] {
        let caught = std::panic::catch_unwind(|| assert_well_nested(bad)).is_err();
        assert!(caught, "{bad}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_content_file_gives_a_site_or_located_problems(bytes in content_file()) {
        let pack = small_pack("title = \"P\"\n");
        pack.write_bytes(SECTION, &bytes);
        build_cleanly(&pack);
    }

    #[test]
    fn any_briefing_toml_gives_a_site_or_located_problems(bytes in content_file()) {
        let pack = small_pack("title = \"P\"\n");
        pack.write_bytes("briefing.toml", &bytes);
        build_cleanly(&pack);
    }

    #[test]
    fn rendered_markdown_is_well_nested(body in markdownish()) {
        let pack = small_pack("title = \"P\"\n[markdown]\nraw_html = false\n");
        pack.write(SECTION, &format!("{FRONT}{body}"));
        if build_cleanly(&pack) {
            for page in ["sections/s.html", "glossary/agency.html", "print.html", "index.html"] {
                assert_well_nested(&pack.page(page));
            }
        }
    }

    #[test]
    fn glossary_links_never_change_the_visible_text(body in markdownish()) {
        let linked = small_pack("title = \"P\"\n[glossary]\nlink = \"all\"\n");
        let plain = small_pack("title = \"P\"\n[glossary]\nlink = \"none\"\n");
        for pack in [&linked, &plain] {
            pack.write(SECTION, &format!("{FRONT}{body}"));
        }
        if build_cleanly(&linked) && build_cleanly(&plain) {
            let visible = |pack: &Pack| texts(&pack.html("sections/s.html"), ".body");
            prop_assert_eq!(visible(&linked), visible(&plain));
        }
    }

    /// A source text made of Markdown fragments and numbered items in any order:
    /// a site (its page well nested) or located problems, never a panic.
    #[test]
    fn any_source_text_gives_a_site_or_located_problems(body in source_textish()) {
        let pack = small_pack("title = \"P\"\n");
        pack.write(TEXT, &body);
        if build_cleanly(&pack) {
            assert_well_nested(&pack.page("sources/src.html"));
            assert_well_nested(&pack.page("sections/s.html"));
        }
    }

    /// Quotations and copying are checked in any section body against a source text,
    /// with no panic and every problem located.
    #[test]
    fn any_text_is_checked_against_a_source_text(body in markdownish()) {
        let pack = small_pack("title = \"P\"\n[check]\ncopied_words = 3\n");
        pack.write(TEXT, "1. The Agency said “closer links” and more[2] words, then … stopped.\n");
        pack.write(SECTION, &format!("{FRONT}{body} “closer links” and “The Agency said”.\n"));
        build_cleanly(&pack);
    }
}

const TEXT: &str = "content/sources/src.text.md";

/// Source-text-ish Markdown: numbered items (rising, falling, jumping), sub-lists,
/// headings, comments, footnote markers and other fragments.
fn source_textish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "1. One.\n",
        "2. Two[3].\n",
        "9. Nine:\n",
        "    1. own item\n",
        "1. back\n",
        "20. Twenty.\n",
        "## Heading\n",
        "<!-- -->\n",
        "\n",
        "> quoted\n",
        "- bullet\n",
        "text [It] offers “q” and 'single' [12]\n",
        "   continued\n",
        "```\ncode\n```\n",
        "1) paren\n",
        "[",
        "]",
        "…",
        "\u{E000}",
        "é\n",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}
