//! `build` writes each file as soon as it is rendered instead of holding the site:
//! the bytes and the change report must be what the whole-site path gives.

mod common;

use std::collections::BTreeMap;

use briefing::Failure;
use common::*;

const ANSWER: &str = "content/sections/answer-one.md";

/// The files `generate` makes for the pack, by path, with their bytes.
fn generated(pack: &Pack) -> BTreeMap<String, Vec<u8>> {
    let Ok(built) = briefing::generate(pack.root()) else {
        panic!("the pack generates");
    };
    (built.files.iter())
        .map(|f| (f.path.clone(), f.read().expect("bytes")))
        .collect()
}

/// The files of the site as built, without the output's mark (the build's own).
fn site(pack: &Pack) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(&pack.output());
    files.remove(".briefing-output");
    files
}

/// What the whole-site comparison reports for the pack against its current output.
fn expected_changes(pack: &Pack) -> briefing::ChangeReport {
    let Ok(built) = briefing::generate(pack.root()) else {
        panic!("the pack generates");
    };
    briefing::internals::output::compare(&built.files, &pack.output()).expect("compare")
}

#[test]
fn a_streamed_build_writes_what_generate_makes_and_reports_the_same_changes() {
    let pack = Pack::with(&[]);
    let first = pack.build_ok();
    assert!(pack.output().join(".briefing-output").is_file(), "marked");
    let written = site(&pack);
    assert!(written == generated(&pack), "written bytes differ");
    assert_eq!(first.files, written.len());
    assert_eq!(
        first.changes.added,
        written.keys().cloned().collect::<Vec<_>>()
    );

    let text = std::fs::read_to_string(pack.path(ANSWER)).expect("read section");
    pack.write(ANSWER, &format!("{text}\nMore words.\n"));
    pack.write(
        "content/sections/later.md",
        "+++\ntitle = \"Later\"\nsource = \"answer\"\nparagraphs = \"2\"\norder = 9\nsummary = \"s\"\n+++\nText.\n",
    );
    let expected = expected_changes(&pack);
    let second = pack.build_ok();
    assert_eq!(second.changes, expected);
    assert_eq!(second.changes.added, ["sections/later.html"]);
    assert!(
        second
            .changes
            .changed
            .contains(&"sections/answer-one.html".to_string())
    );
    assert!(site(&pack) == generated(&pack), "rebuilt bytes differ");

    pack.remove("content/sections/later.md");
    let expected = expected_changes(&pack);
    let third = pack.build_ok();
    assert_eq!(third.changes, expected);
    assert_eq!(third.changes.removed, ["sections/later.html"]);
}

#[cfg(unix)]
#[test]
fn an_unchanged_rebuild_keeps_the_output_folder_itself() {
    use std::os::unix::fs::MetadataExt as _;
    let pack = Pack::with(&[]);
    pack.build_ok();
    let inode = |p: &std::path::Path| std::fs::metadata(p).expect("metadata").ino();
    let before = inode(&pack.output());
    let report = pack.build_ok();
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    assert_eq!(inode(&pack.output()), before, "the output was swapped");
    assert_eq!(
        entries(pack.root())
            .iter()
            .filter(|n| n.contains("staging"))
            .count(),
        0
    );
}

#[test]
fn a_page_failing_to_render_part_way_keeps_the_output_and_cleans_up() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let before = site(&pack);
    // Parses, but fails when rendered: other pages are written meanwhile.
    pack.write(
        "themes/default/templates/term.html",
        "{{ no_such_value }}\n",
    );
    match pack.build() {
        Err(Failure::Content(d)) => assert!(d.has_errors()),
        other => panic!("expected a content failure, got {other:?}"),
    }
    assert!(before == site(&pack), "the last good site was touched");
    assert_no_staging_left(&pack);
}

#[test]
fn check_only_writes_nothing() {
    let pack = Pack::with(&[]);
    let report = briefing::build(&briefing::BuildOptions {
        root: pack.root().to_path_buf(),
        output: pack.output(),
        check_only: true,
    })
    .expect("check builds");
    assert!(!report.changes.added.is_empty());
    assert!(!pack.output().exists());
    assert!(entries(pack.root()).iter().all(|n| !n.contains("staging")));
}
