//! Source texts: `content/sources/<id>.text.md` read into numbered paragraphs, each
//! with its own anchor on the document's page; citations linking to them; and the
//! checks that hold quotations and wording to the paragraphs cited.

mod common;

use briefing::Failure;
use common::*;

const TEXT: &str = "content/sources/hac.text.md";

/// The report's text: a preamble, a heading, and paragraphs 9–11 (9 with its own
/// list, 10 with a footnote marker, 11 with an editorial insertion of the report's).
const REPORT: &str = "Before the numbered text.

## UK Action Plan

9. In March 2007 the Government published its UK Action Plan on Tackling Human Trafficking. The purpose was to:

    1. Draw together all the work that is currently underway
    2. Identify gaps in existing work

10. The Action Plan stated that \"Dealing effectively with human trafficking will be an integral part of the new Border and Immigration Agency's[3] business\".

11. The UKHTC provides a central point for the development of expertise and the strategic and operational coordination in respect of all forms of trafficking.[It] offers law enforcement a 24/7 support line.
";

fn pack_with(changes: &[(&str, &str)]) -> Pack {
    let mut all = vec![(TEXT, REPORT)];
    all.extend_from_slice(changes);
    Pack::with(&all)
}

/// A section citing paragraphs 10–11 whose body is `body` (the body starts on line 8).
fn quoting(body: &str) -> Pack {
    let section = format!(
        "+++\ntitle = \"Quotes\"\nsource = \"hac\"\nparagraphs = \"10–11\"\norder = 4\nsummary = \"Quotes.\"\n+++\n{body}\n"
    );
    pack_with(&[("content/sections/quotes.md", &section)])
}

/// The warnings a build gives for `content/sections/quotes.md`.
fn warnings_in_quotes(pack: &Pack) -> Vec<String> {
    let report = pack.build_ok();
    (report.built.warnings.sorted().iter())
        .map(ToString::to_string)
        .filter(|w| w.starts_with("content/sections/quotes.md"))
        // The section overlaps the fixture's others on purpose: only the source
        // checks are looked at here.
        .filter(|w| w.contains("quotation") || w.contains("copied"))
        .collect()
}

#[test]
fn every_paragraph_is_anchored_on_its_document_page_with_what_uses_it() {
    let pack = pack_with(&[]);
    pack.build_ok();
    let page = pack.page("sources/hac.html");
    for n in [9, 10, 11] {
        assert!(
            page.contains(&format!("<div class=\"para\" id=\"p{n}\">")),
            "p{n}"
        );
        assert!(
            page.contains(&format!("href=\"#p{n}\"")),
            "p{n} number link"
        );
    }
    assert!(
        page.contains("<sup class=\"fn-marker\">[3]</sup>"),
        "{page}"
    );
    // Paragraph 9's own list stays in paragraph 9.
    let p9 = &page[page.find("id=\"p9\"").unwrap_or(0)..page.find("id=\"p10\"").unwrap_or(0)];
    assert!(
        p9.contains("<li>Identify gaps in existing work</li>"),
        "{p9}"
    );
    assert!(
        p9.contains("Summarised in <a href=\"../sections/reflex.html\">"),
        "{p9}"
    );
    assert!(page.contains("<h2 id="), "the document's heading is kept");
    assert!(page.contains("Before the numbered text."));
}

#[test]
fn citations_link_each_paragraph_number_and_show_the_cited_text() {
    let pack = pack_with(&[]);
    pack.build_ok();
    let section = pack.page("sections/reflex.html");
    assert!(
        section.contains("paragraphs <a class=\"para-ref\" href=\"../sources/hac.html#p9\">9</a>–<a class=\"para-ref\" href=\"../sources/hac.html#p10\">10</a>"),
        "{section}"
    );
    let details = &section[section.find("<details").expect("a details block")..];
    assert!(
        details.contains("In March 2007 the Government published"),
        "{details}"
    );
    assert!(details.contains("Dealing effectively"), "{details}");
    // A source without a text keeps its plain citation.
    let answer = pack.page("sections/answer-one.html");
    assert!(answer.contains("paragraph 1</p>"), "{answer}");
    assert!(!answer.contains("<details"), "{answer}");
    let sources = pack.page("sources.html");
    assert!(sources.contains("<table class=\"coverage\">"), "{sources}");
    assert!(
        sources.contains("<a href=\"sources/hac.html#p11\">11</a>"),
        "{sources}"
    );
    let print = pack.page("print.html");
    assert!(print.contains("id=\"source-hac--p10\""), "print anchors");
    assert!(
        print.contains("href=\"#source-hac--p9\""),
        "print citations"
    );
    let index = pack.page("assets/search-index.js");
    assert!(
        index.contains("\"sources/hac.html#p11\",\"Source text\""),
        "{index}"
    );
}

#[test]
fn a_link_to_a_paragraph_is_checked_like_any_link() {
    let pack = pack_with(&[(
        "content/sections/answer-one.md",
        "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"S.\"\n+++\nSee [para 11](../sources/hac.md#p11) and [para 12](../sources/hac.md#p12).\n",
    )]);
    let errors = pack.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("content/sections/answer-one.md:8:42: error: link to a missing anchor `#p12` in `../sources/hac.md`"),
        "{errors:?}"
    );
}

#[test]
fn a_citation_of_a_paragraph_the_text_lacks_is_an_error_at_the_key() {
    let pack = pack_with(&[(
        "content/sections/poppy.md",
        "+++\ntitle = \"The POPPY project\"\nsource = \"hac\"\nparagraphs = \"11–12\"\norder = 2\nsummary = \"S.\"\n+++\nText.\n",
    )]);
    assert_eq!(
        pack.build_errors(),
        [
            "content/sections/poppy.md:4:14: error: the text of `hac` has no paragraph 12\n    hint: its text has paragraphs 9–11"
        ]
    );
}

#[test]
fn numbers_going_backwards_are_errors_and_jumps_in_one_list_warnings() {
    let unindented = "9. Nine, whose purposes were to:\n\n1. Draw together\n2. Identify\n";
    let pack = Pack::with(&[(TEXT, unindented)]);
    // One mistake, one problem: the sections citing the text are not checked
    // against a text whose numbers are wrong.
    assert_eq!(
        pack.build_errors(),
        [
            "content/sources/hac.text.md:3:1: error: paragraph 1 after 9\n    hint: paragraph numbers must rise; if this is paragraph 9's own list, indent the list under paragraph 9"
        ]
    );
    let jump = "9. Nine.\n10. Ten.\n11. Eleven.\n20. Twenty.\n";
    let pack = Pack::with(&[(TEXT, jump)]);
    let report = pack.build_ok();
    let warnings: Vec<String> = report
        .built
        .warnings
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        warnings.iter().any(|w| w.starts_with("content/sources/hac.text.md:4:1: warning: paragraph 20 follows paragraph 11 in the same list")),
        "{warnings:?}"
    );
}

#[test]
fn a_text_without_its_document_is_an_error() {
    let pack = pack_with(&[("content/sources/lost.text.md", "1. One.\n")]);
    let errors = pack.build_errors();
    assert!(
        errors[0].starts_with("content/sources/lost.text.md: error: `lost.text.md` is the text of a source document `lost`"),
        "{errors:?}"
    );
}

#[test]
fn exact_quotations_pass_however_they_are_marked() {
    for body in [
        // Straight quotes, curly quotes, a changed first capital, <q>.
        "It said \"dealing effectively with human trafficking will be an integral part\".",
        "It said “Dealing effectively with human trafficking will be an integral part”.",
        "It said <q>The UKHTC provides a central point</q>.",
        // An elision, the footnote marker kept or elided, an insertion.
        "It said “Dealing effectively … an integral part of the new Border and Immigration Agency's[3] business”.",
        "It said “Dealing effectively with human trafficking will be an integral part of the new Border and Immigration Agency's … business”.",
        "It said “[The Centre] offers law enforcement a 24/7 support line”.",
        // A blockquote.
        "> The UKHTC provides a central point for the development of expertise\n",
    ] {
        let pack = quoting(body);
        assert_eq!(warnings_in_quotes(&pack), Vec::<String>::new(), "{body}");
    }
}

#[test]
fn a_changed_word_is_reported_at_the_quotation_with_the_closest_passage() {
    let pack = quoting(
        "Text first.\nIt said “Dealing effectively with human trafficking will be a central part”.",
    );
    assert_eq!(
        warnings_in_quotes(&pack),
        [
            "content/sections/quotes.md:9:9: warning: the quotation “Dealing effectively with human trafficking will be a central part” does not occur in hac para 10, hac para 11\n    hint: the closest passage, in hac para 10: “Dealing effectively with human trafficking will be an integral part”"
        ]
    );
}

#[test]
fn a_quotation_from_a_paragraph_not_cited_names_where_it_is() {
    let pack = quoting("It said “the Government published its UK Action Plan”.");
    assert_eq!(
        warnings_in_quotes(&pack),
        [
            "content/sections/quotes.md:8:9: warning: the quotation “the Government published its UK Action Plan” is not in hac para 10, hac para 11, which this text cites; it is in hac para 9\n    hint: cite the paragraph it is from, or quote the paragraph cited"
        ]
    );
}

#[test]
fn quotations_become_errors_when_the_pack_asks() {
    let pack = quoting("It said “a central part”.");
    pack.write(
        "briefing.toml",
        "title = \"Test Pack\"\n[check]\nquotations = \"error\"\n",
    );
    let errors = pack.build_errors();
    assert!(
        errors[0]
            .starts_with("content/sections/quotes.md:8:9: error: the quotation “a central part”"),
        "{errors:?}"
    );
}

#[test]
fn copied_runs_are_reported_from_twelve_words() {
    // Eleven words of paragraph 11 in a row: the pack's own sentence.
    let eleven = quoting(
        "They note that the UKHTC provides a central point for the development of expertise, too.",
    );
    assert_eq!(warnings_in_quotes(&eleven), Vec::<String>::new());
    // Twelve.
    let twelve = quoting(
        "They note that the UKHTC provides a central point for the development of expertise and more.",
    );
    assert_eq!(
        warnings_in_quotes(&twelve),
        [
            "content/sections/quotes.md:8:16: warning: 12 words copied without quotation marks from hac para 11: “the UKHTC provides a central point for the development of expertise and”\n    hint: say it in the pack's own words, or quote it in quotation marks"
        ]
    );
    // The same words in quotation marks are a quotation, not a copy.
    let quoted = quoting(
        "They note that “The UKHTC provides a central point for the development of expertise”.",
    );
    assert_eq!(warnings_in_quotes(&quoted), Vec::<String>::new());
}

#[test]
fn the_copying_threshold_is_the_packs_to_set() {
    let pack =
        quoting("They note that the UKHTC provides a central point for the development of policy.");
    pack.write(
        "briefing.toml",
        "title = \"Test Pack\"\n[check]\ncopied_words = 8\n",
    );
    let warnings = warnings_in_quotes(&pack);
    assert!(
        warnings.len() == 1 && warnings[0].contains("10 words copied"),
        "{warnings:?}"
    );
}

#[test]
fn the_attribution_is_on_the_source_page_and_in_every_footer() {
    let pack = pack_with(&[(
        "content/sources/hac.md",
        "+++\ntitle = \"The Trade in Human Beings\"\nkind = \"Select committee report\"\nlicence = \"Open Parliament Licence v3.0\"\nlicence_url = \"https://www.parliament.uk/open-parliament-licence/\"\nattribution = \"Contains Parliamentary information licensed under the Open Parliament Licence v3.0.\"\n+++\nA report.\n",
    )]);
    pack.build_ok();
    let source = pack.page("sources/hac.html");
    assert!(
        source.contains("<p class=\"licence\">Contains Parliamentary information"),
        "{source}"
    );
    assert!(source.contains("<a href=\"https://www.parliament.uk/open-parliament-licence/\">Open Parliament Licence v3.0</a>"));
    for page in ["index.html", "sections/poppy.html", "glossary.html"] {
        assert!(
            pack.page(page)
                .contains("<p class=\"attribution\">Contains Parliamentary information licensed"),
            "{page}"
        );
    }
}

#[test]
fn a_broken_text_keeps_the_last_good_output() {
    let pack = pack_with(&[]);
    pack.build_ok();
    pack.write(TEXT, "9. Nine.\n\n1. Back.\n");
    assert!(matches!(pack.build(), Err(Failure::Content(_))));
    assert!(pack.page("sources/hac.html").contains("id=\"p11\""));
}
