//! What `briefing serve` serves after each edit is exactly what a fresh build of the
//! same files makes, although it reuses the texts it rendered before and makes each
//! file only when asked for.

mod common;

use briefing::Failure;
use briefing::internals::Snapshot;
use common::{Pack, edit, render_diagnostics};

/// Prepares the pack as `serve` does after an edit, reusing `last`, and checks that
/// it holds the same files, byte for byte, and the same warnings as a fresh build.
fn rebuild(pack: &Pack, last: Option<&Snapshot>) -> Snapshot {
    let (snapshot, warnings) = match Snapshot::prepare(pack.root(), last) {
        Ok(prepared) => prepared,
        Err(failure) => panic!("serve failed: {}", failure_text(&failure)),
    };
    let built = briefing::generate(pack.root())
        .unwrap_or_else(|f| panic!("build failed: {}", failure_text(&f)));
    assert_eq!(
        render_diagnostics(&warnings),
        render_diagnostics(&built.warnings)
    );
    let served: Vec<&str> = snapshot.paths().collect();
    let generated: Vec<&str> = built.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(served, generated, "the same files");
    for file in &built.files {
        let bytes = snapshot.file(&file.path).expect("listed").expect("made");
        let expected = file.read().expect("generated");
        assert!(
            *bytes == expected[..],
            "{} differs from a fresh build:\n{}",
            file.path,
            String::from_utf8_lossy(&bytes)
        );
    }
    assert_eq!(
        snapshot.file("sections/no-such-page.html").map(|_| ()),
        None
    );
    snapshot
}

fn failure_text(failure: &Failure) -> String {
    match failure {
        Failure::Content(diags) => render_diagnostics(diags),
        Failure::Other(e) => format!("{e:#}"),
    }
}

/// Texts of the base pack: the introduction, 3 sections, 2 entries, 2 sources.
const ALL_TEXTS: usize = 8;

#[test]
fn every_edit_serves_what_a_fresh_build_makes() {
    let pack = Pack::with(&[]);
    let first = rebuild(&pack, None);
    assert_eq!(first.texts_rendered(), ALL_TEXTS);

    // A section's body: only that text is rendered again.
    let poppy = "content/sections/poppy.md";
    let text = std::fs::read_to_string(pack.path(poppy)).unwrap();
    pack.write(poppy, &format!("{text}\nA new sentence about Reflex.\n"));
    let body = rebuild(&pack, Some(&first));
    assert_eq!(body.texts_rendered(), 1);

    // A section's title: listed on other pages, but no other text changes.
    pack.write(
        poppy,
        &text.replace("The POPPY project", "The POPPY scheme"),
    );
    let title = rebuild(&pack, Some(&body));
    assert_eq!(title.texts_rendered(), 1);

    // A glossary entry: every text may link it.
    let soca = "content/glossary/soca.md";
    edit(
        &pack.path(soca),
        "abbr = \"SOCA\"\n",
        "abbr = \"SOCA\"\naliases = [\"the Agency\"]\n",
    );
    let glossary = rebuild(&pack, Some(&title));
    assert_eq!(glossary.texts_rendered(), ALL_TEXTS);

    // The theme: pages change, texts do not.
    pack.write(
        "themes/default/templates/section.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title }}</h1>\n{{ body | safe }}\n{% endblock %}\n",
    );
    let theme = rebuild(&pack, Some(&glossary));
    assert_eq!(theme.texts_rendered(), 0);

    // A definition's first sentence titles every link to the entry.
    edit(
        &pack.path(soca),
        "A law-enforcement body.",
        "A police body.",
    );
    let definition = rebuild(&pack, Some(&theme));
    assert_eq!(definition.texts_rendered(), ALL_TEXTS);

    // A new section: every link to a file may now resolve differently.
    pack.write(
        "content/sections/later.md",
        "+++\ntitle = \"Later\"\nsource = \"answer\"\nparagraphs = \"2\"\norder = 4\nsummary = \"Later.\"\n+++\nMore on Reflex.\n",
    );
    let added = rebuild(&pack, Some(&definition));
    assert_eq!(added.texts_rendered(), ALL_TEXTS + 1);
}

#[test]
fn warnings_across_texts_are_found_again_when_texts_are_reused() {
    let pack = Pack::with(&[]);
    let first = rebuild(&pack, None);
    // Nothing mentions the entry any more: a warning about the entry, whose own text
    // was not rendered again.
    let reflex = "content/sections/reflex.md";
    let poppy = "content/sections/poppy.md";
    let texts: Vec<String> = [reflex, poppy, "content/_index.md"]
        .iter()
        .map(|p| std::fs::read_to_string(pack.path(p)).unwrap())
        .collect();
    for (path, text) in [reflex, poppy, "content/_index.md"].iter().zip(&texts) {
        pack.write(path, &text.replace("Reflex", "Rflx"));
    }
    let unmentioned = rebuild(&pack, Some(&first));
    let (_, warnings) = Snapshot::prepare(pack.root(), Some(&unmentioned)).unwrap();
    assert!(
        render_diagnostics(&warnings).contains("nothing in the pack mentions `Reflex`"),
        "{}",
        render_diagnostics(&warnings)
    );

    // A link into another text whose heading is renamed: the error names the text
    // that links, although only the other one was rendered again.
    pack.write(poppy, &texts[1]);
    let restored = rebuild(&pack, Some(&unmentioned));
    pack.write(reflex, &texts[0].replace("## Enforcement", "## Enforcing"));
    let fresh = match briefing::generate(pack.root()) {
        Err(Failure::Content(d)) => render_diagnostics(&d),
        other => panic!("expected problems, got {:?}", other.map(|b| b.pages)),
    };
    assert!(fresh.contains("content/sections/poppy.md"), "{fresh}");
    match Snapshot::prepare(pack.root(), Some(&restored)) {
        Err(Failure::Content(d)) => assert_eq!(render_diagnostics(&d), fresh),
        other => panic!("expected problems, got {:?}", other.map(|(s, _)| s.pages())),
    }
    // Fixed again, from the last good snapshot.
    pack.write(reflex, &texts[0]);
    let fixed = rebuild(&pack, Some(&restored));
    assert_eq!(fixed.texts_rendered(), 1);
}

#[test]
fn a_template_failing_on_one_page_fails_that_page_as_it_fails_a_build() {
    let pack = Pack::with(&[(
        "themes/default/templates/section.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title }}</h1>\n{% if title == \"The answer\" %}{{ no_such_value }}{% endif %}\n{% endblock %}\n",
    )]);
    let fresh = match briefing::generate(pack.root()) {
        Err(Failure::Content(d)) => d,
        other => panic!("expected problems, got {:?}", other.map(|b| b.pages)),
    };
    let (snapshot, warnings) = Snapshot::prepare(pack.root(), None).expect("prepared");
    let failed = snapshot
        .file("sections/answer-one.html")
        .expect("listed")
        .expect_err("the template fails here");
    assert!(failed.contains("no_such_value"), "{failed}");
    assert!(
        snapshot
            .file("sections/reflex.html")
            .expect("listed")
            .is_ok()
    );
    let mut problems = snapshot.make_all(&mut || false).expect("not stopped");
    problems.extend(warnings);
    assert_eq!(render_diagnostics(&problems), render_diagnostics(&fresh));
    assert!(snapshot.make_all(&mut || true).is_none(), "stops when told");
}
