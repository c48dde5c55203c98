//! Nothing of the user's is deleted or overwritten: a build replaces only a folder
//! it wrote (or an empty one), `bundle` replaces only a zip it made, and folders
//! that cannot be renamed are filled in place with nothing left behind.

mod common;

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::Stdio;
use std::time::Duration;

use common::*;

fn refused_with(pack: &Pack, args: &[&str], expected: &str) {
    let before = snapshot(pack.root());
    let names = entries(pack.root());
    let out = pack.command().args(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
    assert!(before == snapshot(pack.root()), "{args:?} changed the pack");
    assert_eq!(
        names,
        entries(pack.root()),
        "{args:?} left something behind"
    );
}

#[test]
fn a_folder_of_the_users_files_is_never_replaced() {
    let pack = Pack::with(&[("home/notes.txt", "my notes"), ("home/photos/a.jpg", "a")]);
    refused_with(
        &pack,
        &["build", "--output", "home"],
        "it holds files that briefing did not write",
    );
    assert_eq!(
        fs::read_to_string(pack.path("home/notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn a_file_as_the_output_is_refused_before_anything_is_touched() {
    let pack = Pack::with(&[("notes.txt", "my notes")]);
    refused_with(&pack, &["build", "--output", "notes.txt"], "it is a file");
    refused_with(
        &pack,
        &["build", "--output", "briefing.toml"],
        "it is a file",
    );
}

#[test]
fn bundle_replaces_only_a_bundle_it_made() {
    let pack = Pack::with(&[("notes.zip", "my own zip")]);
    refused_with(
        &pack,
        &["bundle", "-o", "briefing.toml"],
        "the pack's settings",
    );
    refused_with(
        &pack,
        &["bundle", "-o", "notes.zip"],
        "it is not a bundle that briefing made",
    );
    pack.command()
        .args(["bundle", "-o", "handout.zip"])
        .assert()
        .success();
    let first = fs::read(pack.path("handout.zip")).unwrap();
    pack.command()
        .args(["bundle", "-o", "handout.zip"])
        .assert()
        .success();
    assert_eq!(fs::read(pack.path("handout.zip")).unwrap(), first);
}

#[test]
fn a_rebuild_replaces_its_own_marked_output() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    pack.write(
        "content/sections/answer-one.md",
        "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\nA new text.\n",
    );
    pack.build_ok();
    assert!(
        pack.page("sections/answer-one.html")
            .contains("A new text.")
    );
    assert!(pack.output().join(".briefing-output").is_file());
}

#[test]
fn folders_of_the_users_beside_the_output_are_left_alone() {
    let pack = Pack::with(&[
        (".public.staging/mine.txt", "mine"),
        (".public.old/mine.txt", "mine"),
    ]);
    pack.build_ok();
    pack.build_ok();
    for folder in [".public.staging", ".public.old"] {
        assert_eq!(
            fs::read_to_string(pack.path(folder).join("mine.txt")).unwrap(),
            "mine"
        );
    }
    // A user's folder with the very name briefing works in is refused, not emptied.
    pack.write(".public.briefing-staging/mine.txt", "mine");
    refused_with(&pack, &["build"], "refusing to remove");
}

#[test]
fn an_output_that_is_a_link_is_written_through() {
    let pack = Pack::with(&[]);
    let served = tempfile::tempdir().unwrap();
    let site = served.path().join("site");
    fs::create_dir(&site).unwrap();
    symlink(&site, pack.output()).unwrap();
    pack.build_ok();
    assert!(
        fs::symlink_metadata(pack.output())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(site.join("index.html").is_file());
    pack.write("content/sections/answer-one.md", "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\nThrough the link.\n");
    pack.build_ok();
    let page = fs::read_to_string(site.join("sections/answer-one.html")).unwrap();
    assert!(
        page.contains("Through the link."),
        "the link's target is current"
    );
    assert_eq!(
        entries(served.path()),
        ["site"],
        "nothing left beside the target"
    );
}

#[test]
fn a_folder_that_cannot_be_renamed_is_filled_in_place() {
    let pack = Pack::with(&[]);
    let volume = tempfile::tempdir().unwrap();
    let output = volume.path().join("site");
    fs::create_dir(&output).unwrap();
    // A read-only parent: the output cannot be renamed, as with a mount point.
    fs::set_permissions(volume.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let built = pack.build_into(&output);
    let rebuilt = built.as_ref().ok().map(|_| {
        pack.write("content/sections/answer-one.md", "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\nIn place.\n");
        pack.build_into(&output)
    });
    fs::set_permissions(volume.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(built.is_ok(), "{:?}", built.err());
    assert!(
        matches!(rebuilt, Some(Ok(_))),
        "{:?}",
        rebuilt.map(|r| r.err())
    );
    let page = fs::read_to_string(output.join("sections/answer-one.html")).unwrap();
    assert!(page.contains("In place."));
    let names = entries(&output);
    assert!(
        names
            .iter()
            .all(|n| n == ".briefing-output" || !n.starts_with('.')),
        "{names:?}"
    );
    assert_eq!(entries(volume.path()), ["site"]);
}

#[test]
fn the_current_folder_as_output_is_filled_in_place() {
    let pack = Pack::with(&[]);
    let here = tempfile::tempdir().unwrap();
    let binary = assert_cmd::cargo::cargo_bin("briefing");
    for _ in 0..2 {
        let out = std::process::Command::new(&binary)
            .args(["build", "--output", ".", "--root"])
            .arg(pack.root())
            .current_dir(here.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(here.path().join("index.html").is_file());
    let names = entries(here.path());
    assert!(
        !names
            .iter()
            .any(|n| n.contains("staging") || n.ends_with("old")),
        "{names:?}"
    );
}

#[test]
fn a_second_build_into_the_same_output_waits_for_the_first() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    // Hold the lock a build takes, as a build in progress would.
    let held = File::open(pack.root()).unwrap();
    held.lock().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .args(["build", "--root"])
        .arg(pack.root())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("waiting for another build"), "{line}");
    std::thread::sleep(Duration::from_millis(100));
    assert!(child.try_wait().unwrap().is_none(), "it did not wait");
    held.unlock().unwrap();
    assert!(child.wait().unwrap().success());
}
