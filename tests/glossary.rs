//! Glossary cross-linking, end to end: small packs written to a temporary folder,
//! built, and their pages parsed.

use std::path::Path;

use assert_cmd::Command;
use briefing::internals::render::Contents;
use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

const SOURCE: &str = "+++\ntitle = \"The report\"\nkind = \"report\"\n+++\nA report.\n";

struct Pack {
    dir: TempDir,
}

/// A pack with one source document (`report`) and the given files under `content/`
/// (`briefing.toml` may be given too; otherwise a plain one is written).
fn pack(files: &[(&str, &str)]) -> Pack {
    let dir = TempDir::new().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("briefing.toml", "title = \"Test pack\"\n");
    write("content/sources/report.md", SOURCE);
    for (rel, text) in files {
        write(rel, text);
    }
    Pack { dir }
}

fn section(order: u32, body: &str) -> String {
    format!(
        "+++\ntitle = \"Section {order}\"\nsource = \"report\"\nparagraphs = \"{order}\"\norder = {order}\nsummary = \"About paragraph {order}.\"\n+++\n{body}\n"
    )
}

fn entry(front: &str, body: &str) -> String {
    format!("+++\n{front}\n+++\n{body}\n")
}

impl Pack {
    fn built(&self) -> briefing::Built {
        match briefing::generate(self.dir.path()) {
            Ok(built) => built,
            Err(briefing::Failure::Content(d)) => panic!("build failed:\n{}", lines(&d).join("\n")),
            Err(briefing::Failure::Other(e)) => panic!("build failed: {e:#}"),
        }
    }

    fn page(&self, path: &str) -> Html {
        page_of(&self.built(), path)
    }

    fn warnings(&self) -> Vec<String> {
        lines(&self.built().warnings)
    }

    /// The errors (not the warnings) of a failed build.
    fn errors(&self) -> Vec<String> {
        match briefing::generate(self.dir.path()) {
            Err(briefing::Failure::Content(d)) => lines(&d)
                .into_iter()
                .filter(|l| l.contains(": error: "))
                .collect(),
            Ok(_) => panic!("the build succeeded"),
            Err(briefing::Failure::Other(e)) => panic!("unexpected failure: {e:#}"),
        }
    }
}

fn lines(diags: &briefing::Diagnostics) -> Vec<String> {
    diags.sorted().iter().map(|d| d.to_string()).collect()
}

fn page_of(built: &briefing::Built, path: &str) -> Html {
    let file = built
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no output file {path}"));
    let Contents::Bytes(bytes) = &file.contents else {
        panic!("{path} is a copied file");
    };
    Html::parse_document(std::str::from_utf8(bytes).unwrap())
}

fn select<'h>(html: &'h Html, css: &str) -> Vec<ElementRef<'h>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &ElementRef) -> String {
    e.text().collect()
}

/// (text, href) of every automatic glossary link in the page's main content.
fn term_links(html: &Html) -> Vec<(String, String)> {
    select(html, "main a.term")
        .iter()
        .map(|a| (text(a), a.attr("href").unwrap_or("").to_string()))
        .collect()
}

fn link(text: &str, href: &str) -> (String, String) {
    (text.to_string(), href.to_string())
}

const SOCA: &str = "term = \"Serious Organised Crime Agency\"\nabbr = \"SOCA\"\naliases = [\"Serious and Organised Crime Agency\"]";
const SOCA_DEF: &str = "An agency established in 2006. It took over Reflex.";

#[test]
fn glossary_page_lists_every_entry_a_to_z_with_letter_index() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(1, "SOCA, the Home Office and Reflex."),
        ),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
        (
            "content/glossary/home-office.md",
            &entry(
                "term = \"Home Office\"",
                "A ministry. It has a long history.",
            ),
        ),
        (
            "content/glossary/reflex.md",
            &entry("term = \"Reflex\"", "A taskforce."),
        ),
    ]);
    let html = p.page("glossary.html");
    let index: Vec<String> = select(&html, "nav.letters li").iter().map(text).collect();
    assert_eq!(index.len(), 26);
    let linked: Vec<String> = select(&html, "nav.letters a").iter().map(text).collect();
    assert_eq!(linked, ["H", "R", "S"]);
    for letter in &linked {
        assert_eq!(select(&html, &format!("h2#letter-{letter}")).len(), 1);
    }
    let terms: Vec<String> = select(&html, "dl.terms dt > a").iter().map(text).collect();
    assert_eq!(
        terms,
        ["Home Office", "Reflex", "Serious Organised Crime Agency"]
    );
    let hrefs: Vec<&str> = select(&html, "dl.terms dt > a")
        .iter()
        .filter_map(|a| a.attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "glossary/home-office.html",
            "glossary/reflex.html",
            "glossary/soca.html"
        ]
    );
    let abbr = select(&html, "dt#term-soca abbr");
    assert_eq!(text(&abbr[0]), "SOCA");
    assert_eq!(
        abbr[0].attr("title"),
        Some("Serious Organised Crime Agency")
    );
    let defs: Vec<String> = select(&html, "dl.terms dd").iter().map(text).collect();
    assert_eq!(defs[0], "A ministry.");
    assert!(
        defs[2].starts_with("An agency established in 2006. "),
        "{}",
        defs[2]
    );
    assert!(defs[2].contains("Serious and Organised Crime Agency"));
}

#[test]
fn entry_page_lists_mentions_in_pack_order_pointing_at_the_first_mention() {
    let timeline = "[[event]]\nid = \"founded\"\ndate = \"2006\"\ntitle = \"Founded\"\nbody = \"The agency SOCA is founded.\"\n";
    let p = pack(&[
        (
            "content/sections/b.md",
            &section(2, "Nothing about it.\n\nThen SOCA again."),
        ),
        (
            "content/sections/a.md",
            &section(
                1,
                "## Background\n\nFirst the Serious Organised Crime Agency, then SOCA.",
            ),
        ),
        ("content/sections/c.md", &section(3, "Unrelated text.")),
        ("content/timeline.toml", timeline),
        (
            "content/glossary/soca.md",
            &entry(
                &format!(
                    "{SOCA}\nsee_also = [\"reflex\"]\ncite = [{{ source = \"report\", paragraphs = \"1–2\" }}]"
                ),
                SOCA_DEF,
            ),
        ),
        (
            "content/glossary/reflex.md",
            &entry("term = \"Reflex\"", "A taskforce under SOCA."),
        ),
    ]);
    let built = p.built();
    let html = page_of(&built, "glossary/soca.html");
    assert_eq!(
        text(&select(&html, "h1")[0]),
        "Serious Organised Crime Agency (SOCA)"
    );
    assert!(text(&select(&html, ".aliases")[0]).contains("Serious and Organised Crime Agency"));
    assert_eq!(text(&select(&html, ".body p")[0]), SOCA_DEF);
    let citation = text(&select(&html, ".citation")[0]);
    assert!(
        citation.contains("The report") && citation.contains("paragraphs 1–2"),
        "{citation}"
    );
    let see_also: Vec<(String, String)> = select(&html, ".see-also a")
        .iter()
        .map(|a| (text(a), a.attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(see_also, [link("Reflex", "../glossary/reflex.html")]);
    let mentioned: Vec<(String, String)> = select(&html, ".mentioned-in a")
        .iter()
        .map(|a| (text(a), a.attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        mentioned,
        [
            link("Section 1", "../sections/a.html#mention-soca"),
            link("Section 2", "../sections/b.html#mention-soca"),
            link("Founded (2006)", "../timeline.html#founded-mention-soca"),
        ]
    );
    // Each anchor is the first mention on its page.
    let a = page_of(&built, "sections/a.html");
    let target = select(&a, "#mention-soca");
    assert_eq!(target.len(), 1);
    assert_eq!(text(&target[0]), "Serious Organised Crime Agency");
    let timeline = page_of(&built, "timeline.html");
    assert_eq!(text(&select(&timeline, "#founded-mention-soca")[0]), "SOCA");
}

#[test]
fn mentions_link_in_sections_events_landing_page_and_other_definitions() {
    let p = pack(&[
        (
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nThis pack is about SOCA.\n",
        ),
        (
            "content/sections/a.md",
            &section(1, "A paragraph naming SOCA."),
        ),
        (
            "content/timeline.toml",
            "[[event]]\ndate = \"2006\"\ntitle = \"Founded\"\nbody = \"SOCA is founded.\"\n",
        ),
        (
            "content/glossary/soca.md",
            &entry(
                SOCA,
                "An agency. SOCA replaced older bodies, including Reflex.",
            ),
        ),
        (
            "content/glossary/reflex.md",
            &entry(
                "term = \"Reflex\"",
                "A taskforce. Reflex now works under SOCA.",
            ),
        ),
    ]);
    let built = p.built();
    let to_soca = |from_root: bool| {
        link(
            "SOCA",
            if from_root {
                "glossary/soca.html"
            } else {
                "../glossary/soca.html"
            },
        )
    };
    assert_eq!(term_links(&page_of(&built, "index.html")), [to_soca(true)]);
    assert_eq!(
        term_links(&page_of(&built, "sections/a.html"))[0],
        to_soca(false)
    );
    assert_eq!(
        term_links(&page_of(&built, "timeline.html")),
        [to_soca(true)]
    );
    // Another definition links; an entry never links to itself.
    assert_eq!(
        term_links(&page_of(&built, "glossary/reflex.html")),
        [link("SOCA", "../glossary/soca.html")]
    );
    assert_eq!(
        term_links(&page_of(&built, "glossary/soca.html")),
        [link("Reflex", "../glossary/reflex.html")]
    );
}

#[test]
fn the_longest_name_wins() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(
                1,
                "The UK Human Trafficking Centre studies human trafficking.",
            ),
        ),
        (
            "content/glossary/ukhtc.md",
            &entry(
                "term = \"UK Human Trafficking Centre\"\nabbr = \"UKHTC\"",
                "A centre.",
            ),
        ),
        (
            "content/glossary/trafficking.md",
            &entry("term = \"Human trafficking\"", "A crime."),
        ),
    ]);
    assert_eq!(
        term_links(&p.page("sections/a.html")),
        [
            link("UK Human Trafficking Centre", "../glossary/ukhtc.html"),
            link("human trafficking", "../glossary/trafficking.html"),
        ]
    );
}

#[test]
fn only_whole_words_are_mentions() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(
                1,
                "Reflexive answers, preReflex and Reflex_2 are not Reflex.",
            ),
        ),
        (
            "content/glossary/reflex.md",
            &entry("term = \"Reflex\"", "A taskforce."),
        ),
    ]);
    assert_eq!(
        term_links(&p.page("sections/a.html")),
        [link("Reflex", "../glossary/reflex.html")]
    );
}

#[test]
fn a_possessive_links_the_term() {
    let p = pack(&[
        ("content/sections/a.md", &section(1, "SOCA's budget.")),
        ("content/sections/b.md", &section(2, "SOCA’s budget.")),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
    ]);
    let built = p.built();
    for page in ["sections/a.html", "sections/b.html"] {
        let html = page_of(&built, page);
        assert_eq!(
            term_links(&html),
            [link("SOCA", "../glossary/soca.html")],
            "{page}"
        );
        let link = &select(&html, "main a.term")[0];
        let paragraph = link.parent().and_then(ElementRef::wrap).unwrap();
        assert_eq!(text(&paragraph), "SOCA’s budget.");
    }
}

#[test]
fn abbreviations_match_case_sensitively_and_terms_do_not() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(
                1,
                "Soca and soca are not it; the SERIOUS ORGANISED CRIME AGENCY is.",
            ),
        ),
        (
            "content/sections/b.md",
            &section(2, "A reflex is not Reflex."),
        ),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
        (
            "content/glossary/reflex.md",
            &entry("term = \"Reflex\"\ncase_sensitive = true", "A taskforce."),
        ),
    ]);
    let built = p.built();
    assert_eq!(
        term_links(&page_of(&built, "sections/a.html")),
        [link(
            "SERIOUS ORGANISED CRIME AGENCY",
            "../glossary/soca.html"
        )]
    );
    assert_eq!(
        term_links(&page_of(&built, "sections/b.html")),
        [link("Reflex", "../glossary/reflex.html")]
    );
}

#[test]
fn no_links_in_headings_code_links_raw_html_or_image_text() {
    let body = "## SOCA in a heading\n\n\
        `SOCA` in code, [SOCA in a link](https://example.org), <span><a href=\"x.html\">SOCA raw</a></span>, ![SOCA](pic.png).\n\n\
        ```\nSOCA in a block\n```\n\n\
        <div>SOCA in raw HTML</div>\n\n\
        Finally SOCA.";
    let p = pack(&[
        ("content/sections/a.md", &section(1, body)),
        ("content/sections/pic.png", "not really a picture"),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
    ]);
    let html = p.page("sections/a.html");
    let links = select(&html, "main a.term");
    assert_eq!(links.len(), 1);
    let paragraph = links[0].parent().and_then(ElementRef::wrap).unwrap();
    assert_eq!(text(&paragraph), "Finally SOCA.");
    assert_eq!(select(&html, "main img")[0].attr("alt"), Some("SOCA"));
}

#[test]
fn link_first_is_the_default_and_link_all_links_every_mention() {
    let body = "SOCA, then SOCA again, then the Serious Organised Crime Agency.";
    let files = [
        ("content/sections/a.md", section(1, body)),
        ("content/glossary/soca.md", entry(SOCA, SOCA_DEF)),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let first = pack(&files);
    let links = term_links(&first.page("sections/a.html"));
    assert_eq!(links, [link("SOCA", "../glossary/soca.html")]);

    let mut with_all = files.clone();
    with_all.push((
        "briefing.toml",
        "title = \"T\"\n[glossary]\nlink = \"all\"\n",
    ));
    let all = pack(&with_all);
    let html = all.page("sections/a.html");
    let texts: Vec<String> = term_links(&html).into_iter().map(|(t, _)| t).collect();
    assert_eq!(texts, ["SOCA", "SOCA", "Serious Organised Crime Agency"]);
    // Only the first carries the id "Mentioned in" points at.
    let ids: Vec<Option<&str>> = select(&html, "main a.term")
        .iter()
        .map(|a| a.attr("id"))
        .collect();
    assert_eq!(ids, [Some("mention-soca"), None, None]);
}

#[test]
fn a_link_carries_the_short_definition_and_an_abbreviation_its_expansion() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(1, "SOCA and the Home Office."),
        ),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
        (
            "content/glossary/home-office.md",
            &entry(
                "term = \"Home Office\"",
                "A *ministry* of \"state\". Long history.",
            ),
        ),
    ]);
    let html = p.page("sections/a.html");
    let links = select(&html, "main a.term");
    assert_eq!(
        links[0].attr("title"),
        Some("An agency established in 2006.")
    );
    let abbr = select(&html, "main a.term > abbr");
    assert_eq!(abbr.len(), 1);
    assert_eq!(
        abbr[0].attr("title"),
        Some("Serious Organised Crime Agency")
    );
    assert_eq!(text(&abbr[0]), "SOCA");
    assert_eq!(links[1].attr("title"), Some("A ministry of \"state\"."));
    assert!(
        select(&html, "main a.term")[1]
            .children()
            .all(|c| c.value().as_element().is_none())
    );
}

#[test]
fn an_explicit_link_to_a_glossary_file_works_like_any_content_link() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(1, "Read about [the agency](../glossary/soca.md)."),
        ),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
    ]);
    let html = p.page("sections/a.html");
    let a = select(&html, "main a[href=\"../glossary/soca.html\"]");
    assert_eq!(a.len(), 1);
    assert_eq!(text(&a[0]), "the agency");
    assert_eq!(a[0].attr("class"), None);
}

#[test]
fn a_name_broken_over_two_lines_is_one_mention() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(1, "The Serious Organised\nCrime Agency works."),
        ),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
    ]);
    let links = term_links(&p.page("sections/a.html"));
    assert_eq!(
        links,
        [link(
            "Serious Organised\nCrime Agency",
            "../glossary/soca.html"
        )]
    );
}

#[test]
fn markup_in_text_around_a_mention_stays_escaped() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(1, "1 &lt; 2 &amp; SOCA &lt;b&gt; x"),
        ),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
    ]);
    let html = p.page("sections/a.html");
    assert_eq!(select(&html, "main b").len(), 0);
    assert!(
        text(
            &select(&html, "main a.term")[0]
                .parent()
                .and_then(ElementRef::wrap)
                .unwrap()
        )
        .contains("1 < 2 & SOCA <b> x")
    );
}

#[test]
fn an_unknown_see_also_slug_is_an_error_at_its_position() {
    let p = pack(&[
        ("content/sections/a.md", &section(1, "SOCA.")),
        (
            "content/glossary/soca.md",
            &entry(&format!("{SOCA}\nsee_also = [\"reflx\"]"), SOCA_DEF),
        ),
        (
            "content/glossary/reflex.md",
            &entry("term = \"Reflex\"", "A taskforce under SOCA."),
        ),
    ]);
    let errors = p.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0],
        "content/glossary/soca.md:5:13: error: unknown glossary entry `reflx`\n    hint: did you mean `reflex`?"
    );
}

#[test]
fn two_entries_claiming_one_name_is_an_error_naming_both_files() {
    let p = pack(&[
        ("content/sections/a.md", &section(1, "SOCA.")),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
        (
            "content/glossary/agency.md",
            &entry(
                "term = \"The agency\"\naliases = [\"Agency\", \"soca\"]",
                "Also SOCA.",
            ),
        ),
        (
            "content/glossary/other.md",
            &entry("term = \"serious organised crime agency\"", "Again."),
        ),
    ]);
    let errors = p.errors();
    assert_eq!(
        errors,
        [
            "content/glossary/soca.md:2:8: error: `Serious Organised Crime Agency` is claimed by two glossary entries: this term and the term `serious organised crime agency` of content/glossary/other.md:2:8\n    hint: a name can lead to only one entry; remove it from one of them, or merge the entries",
            "content/glossary/soca.md:3:8: error: `SOCA` is claimed by two glossary entries: this abbreviation and the alias `soca` of content/glossary/agency.md:3:22\n    hint: a name can lead to only one entry; remove it from one of them, or merge the entries",
        ]
    );
}

#[test]
fn an_empty_term_is_an_error_at_its_position() {
    let p = pack(&[
        ("content/sections/a.md", &section(1, "Text.")),
        (
            "content/glossary/blank.md",
            &entry("term = \"  \"\naliases = [\"\"]", "A definition."),
        ),
    ]);
    assert_eq!(
        p.errors(),
        [
            "content/glossary/blank.md:2:8: error: the term is empty\n    hint: write the term's full name",
            "content/glossary/blank.md:3:12: error: the alias is empty\n    hint: remove it or write the name",
        ]
    );
}

#[test]
fn an_entry_nothing_mentions_is_a_warning() {
    let p = pack(&[
        ("content/sections/a.md", &section(1, "SOCA.")),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
        (
            "content/glossary/lonely.md",
            &entry("\nterm = \"Lonely term\"", "Nobody uses it."),
        ),
    ]);
    assert_eq!(
        p.warnings(),
        [
            "content/glossary/lonely.md:3:8: warning: nothing in the pack mentions `Lonely term`\n    hint: mention it in a section, an event, the introduction or another definition, or remove the entry"
        ]
    );
}

#[test]
fn a_near_miss_of_an_abbreviation_is_a_warning_and_the_build_succeeds() {
    let p = pack(&[
        (
            "content/sections/a.md",
            &section(
                1,
                "The UK Human Trafficking Centre.\n\nLater the\nUKTHC, UKTHC and No one else.",
            ),
        ),
        (
            "content/glossary/ukhtc.md",
            &entry(
                "term = \"UK Human Trafficking Centre\"\nabbr = \"UKHTC\"",
                "A centre.",
            ),
        ),
    ]);
    let output = Command::cargo_bin("briefing")
        .unwrap()
        .args(["build", "--root"])
        .arg(p.dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "  1. content/sections/a.md:11:1: warning: `UKTHC` looks like a misspelling of `UKHTC` (UK Human Trafficking Centre)\n    hint: write `UKHTC` to link the glossary entry; if `UKTHC` is meant, ignore this warning\n"
    );
    assert!(Path::new(&p.dir.path().join("public/sections/a.html")).exists());
}

#[test]
fn duplicate_claims_fail_the_command_with_exit_code_1() {
    let p = pack(&[
        ("content/sections/a.md", &section(1, "SOCA.")),
        ("content/glossary/soca.md", &entry(SOCA, SOCA_DEF)),
        (
            "content/glossary/copy.md",
            &entry("term = \"Copy\"\nabbr = \"SOCA\"", "SOCA again."),
        ),
    ]);
    Command::cargo_bin("briefing")
        .unwrap()
        .args(["check", "--root"])
        .arg(p.dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "content/glossary/soca.md:3:8: error: `SOCA` is claimed by two glossary entries: this abbreviation and the abbreviation `SOCA` of content/glossary/copy.md:3:8",
        ));
}

/// The shipped pack: every entry page lists where it is mentioned, and each of those
/// links lands on a glossary link to that entry.
#[test]
fn the_shipped_pack_links_every_entry_both_ways() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = match briefing::generate(root) {
        Ok(b) => b,
        Err(briefing::Failure::Content(d)) => panic!("{}", lines(&d).join("\n")),
        Err(briefing::Failure::Other(e)) => panic!("{e:#}"),
    };
    let entries: Vec<String> = std::fs::read_dir(root.join("content/glossary"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .replace(".md", ".html")
        })
        .collect();
    assert!(!entries.is_empty());
    let glossary = page_of(&built, "glossary.html");
    assert_eq!(select(&glossary, "dl.terms dt").len(), entries.len());
    for name in &entries {
        let page = page_of(&built, &format!("glossary/{name}"));
        let mentioned = select(&page, ".mentioned-in a");
        assert!(!mentioned.is_empty(), "glossary/{name} lists no mentions");
        for a in mentioned {
            let href = a.attr("href").unwrap();
            let (file, anchor) = href.trim_start_matches("../").split_once('#').unwrap();
            let target = page_of(&built, file);
            let found = select(&target, &format!("a.term[id=\"{anchor}\"]"));
            assert_eq!(found.len(), 1, "{href} from glossary/{name}");
            assert_eq!(
                found[0].attr("href").map(|h| h.ends_with(name.as_str())),
                Some(true),
                "{href}"
            );
        }
    }
}
