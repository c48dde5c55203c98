//! Unit tests of the output stage: the writers, streamed comparison and staging.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use super::changes::*;
use super::write::*;
use crate::render::OutputFile;

/// Writes a whole site held in memory to a staging folder beside `output`, then swaps
/// it into place, as a build that changed every file would.
fn write_site(files: &[OutputFile], output: &Path) -> anyhow::Result<()> {
    super::stage(output, |dir| {
        fs::create_dir_all(dir)?;
        for file in files {
            write_one(file, dir)?;
        }
        Ok(((), true))
    })
}

#[test]
fn in_folder_creates_a_missing_folder_and_reports_other_failures() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b/page.html");
    in_folder(&nested, || fs::write(&nested, "x")).unwrap();
    assert_eq!(fs::read_to_string(&nested).unwrap(), "x");
    // A missing source is not a missing folder: the copy still fails.
    let copied = dir.path().join("c/image.png");
    let missing = dir.path().join("nowhere.png");
    assert!(in_folder(&copied, || fs::copy(&missing, &copied)).is_err());
}

/// Streams `new` through `Comparing` against `old`; whether they matched and
/// what reached the inner writer.
fn stream(old: Option<&[u8]>, new: &[&[u8]]) -> (bool, Vec<u8>) {
    let mut comparing = Comparing::new(old, Vec::new());
    for piece in new {
        comparing.write_all(piece).unwrap();
    }
    let inner = comparing.inner.clone();
    (comparing.finish().unwrap(), inner)
}

#[test]
fn a_streamed_file_is_compared_with_its_old_version_piece_by_piece() {
    let old: &[u8] = b"<p>one</p>\n<p>two</p>\n";
    assert_eq!(stream(Some(old), &[old]), (true, old.to_vec()));
    assert!(stream(Some(old), &[b"<p>one</p>\n", b"", b"<p>two</p>\n"]).0);
    // Shorter, longer, different, or no old file at all: changed.
    assert!(!stream(Some(old), &[b"<p>one</p>\n"]).0);
    assert!(!stream(Some(old), &[old, b"x"]).0);
    assert!(!stream(Some(old), &[b"<p>one</p>\n<p>tw0</p>\n"]).0);
    assert!(!stream(Some(b""), &[b"x"]).0);
    assert!(stream(Some(b""), &[]).0);
    assert_eq!(stream(None, &[old]), (false, old.to_vec()));
    // A difference found early does not stop the writing.
    assert_eq!(stream(Some(b"x"), &[b"ab", b"cd"]).1, b"abcd");
}

fn site(files: &[(&str, &str)]) -> Vec<OutputFile> {
    files
        .iter()
        .map(|(p, b)| OutputFile::bytes(*p, b.as_bytes().to_vec()))
        .collect()
}

#[test]
fn compare_reads_only_what_it_must_and_reports_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let old = site(&[
        ("index.html", "same"),
        ("sections/a.html", "aaaa"),
        ("sections/b.html", "short"),
        ("gone.html", "x"),
    ]);
    write_site(&old, &out).unwrap();
    let new = site(&[
        ("sections/b.html", "longer text"),
        ("sections/a.html", "abcd"),
        ("index.html", "same"),
        ("added/z.html", "z"),
        ("added/y.html", "y"),
    ]);
    let report = compare(&new, &out).unwrap();
    assert_eq!(report.added, ["added/y.html", "added/z.html"]);
    // Same size, different bytes; and a different size.
    assert_eq!(report.changed, ["sections/a.html", "sections/b.html"]);
    assert_eq!(report.removed, ["gone.html"]);
}

#[test]
fn write_site_replaces_the_output_with_exactly_the_new_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&site(&[("old.html", "old")]), &out).unwrap();
    let files: Vec<OutputFile> = (0..200)
        .map(|i| OutputFile::bytes(format!("d{}/p{i}.html", i % 7), vec![b'x'; i]))
        .collect();
    write_site(&files, &out).unwrap();
    assert!(compare(&files, &out).unwrap().is_empty());
    assert!(!out.join("old.html").exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no staging or old folder is left behind"
    );
}
