//! What a build does to the file system: identical bytes wherever the pack sits,
//! refused output folders, and the last good site kept whenever a build fails.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

const ANSWER: &str = "content/sections/answer-one.md";

/// Writes the base pack into `dir`, the files in the order given.
fn write_pack(dir: &Path, reversed: bool) {
    let mut files = base_files();
    if reversed {
        files.reverse();
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        fs::write(path, text).expect("write");
    }
}

#[test]
fn the_same_pack_in_two_folders_builds_byte_identical_output() {
    let a = tempfile::tempdir().expect("temp");
    let b = tempfile::tempdir().expect("temp");
    let a_root = a.path().join("pack");
    let b_root = b.path().join("somewhere").join("else entirely");
    // Written in opposite orders, so directory listings may come back differently.
    write_pack(&a_root, false);
    write_pack(&b_root, true);
    for root in [&a_root, &b_root] {
        briefing::build(&briefing::BuildOptions {
            root: root.clone(),
            output: root.join("public"),
            check_only: false,
        })
        .map_err(|_| "build failed")
        .expect("builds");
    }
    let first = snapshot(&a_root.join("public"));
    let second = snapshot(&b_root.join("public"));
    assert!(first.len() >= 10);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            bytes == &second[path],
            "{path} differs between the two folders"
        );
        let text = String::from_utf8_lossy(bytes);
        let a_path = a_root.to_string_lossy();
        assert!(
            !text.contains(a_path.as_ref()),
            "{path} holds an absolute path"
        );
    }
}

#[test]
fn thread_count_does_not_change_the_output() {
    let pack = Pack::with(&[]);
    for i in 0..30 {
        pack.write(
            &format!("content/sections/extra-{i:02}.md"),
            &format!("+++\ntitle = \"Extra {i}\"\nsource = \"answer\"\nparagraphs = \"{}\"\norder = {}\nsummary = \"s\"\n+++\nText [back](reflex.md).\n", i + 2, 10 + (i % 3)),
        );
    }
    let one = pack.path("out-one");
    let many = pack.path("out-many");
    pack.command()
        .args(["build", "--output", "out-one"])
        .env("RAYON_NUM_THREADS", "1")
        .assert()
        .success();
    pack.command()
        .args(["build", "--output", "out-many"])
        .env("RAYON_NUM_THREADS", "8")
        .assert()
        .success();
    let (one, many) = (snapshot(&one), snapshot(&many));
    assert!(one.len() >= 40);
    assert!(one == many, "output differs with the thread count");
}

#[test]
fn rebuilding_changes_nothing() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let first = snapshot(&pack.output());
    let report = pack.build_ok();
    assert!(report.changes.is_empty(), "{}", report.changes.describe(10));
    assert!(first == snapshot(&pack.output()));
}

/// Everything in the pack, to show a refused build deleted nothing.
#[test]
fn a_rebuild_after_an_edit_rewrites_only_what_changed() {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let out = pack.output();
    // Date every file back, so a rewrite cannot go unnoticed within one clock tick.
    let long_ago = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for rel in snapshot(&out).keys() {
        let file = fs::File::options().write(true).open(out.join(rel)).unwrap();
        file.set_modified(long_ago).unwrap();
    }
    let before = snapshot(&out);
    edit(
        &pack.path("content/sections/poppy.md"),
        "## Heading two",
        "A new sentence.\n\n## Heading two",
    );
    let report = pack.build_ok();
    assert!(
        report
            .changes
            .changed
            .contains(&"sections/poppy.html".to_string())
    );
    let after = snapshot(&out);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for rel in after.keys() {
        let modified = fs::metadata(out.join(rel)).unwrap().modified().unwrap();
        let changed = report.changes.changed.contains(rel);
        assert_eq!(before[rel] != after[rel], changed, "{rel}");
        assert_eq!(
            modified != long_ago,
            changed,
            "{rel} was rewritten: {changed}"
        );
    }
    assert!(
        after["sections/poppy.html"]
            .windows(15)
            .any(|w| w == b"A new sentence.")
    );
    assert_no_staging_left(&pack);
}

fn assert_refused(pack: &Pack, output: &Path) {
    let before = snapshot(pack.root());
    let message = match pack.build_into(output) {
        Err(briefing::Failure::Other(e)) => format!("{e:#}"),
        Err(briefing::Failure::Content(d)) => panic!("{}", render_diagnostics(&d)),
        Ok(_) => panic!("building into {} was not refused", output.display()),
    };
    assert!(message.starts_with("refusing"), "{message}");
    assert!(
        before == snapshot(pack.root()),
        "a refused build changed the pack"
    );
}

#[test]
fn refuses_output_folders_that_would_destroy_the_pack() {
    let pack = Pack::with(&[("themes/default/static/extra.css", "a {}\n")]);
    assert_refused(&pack, Path::new("/"));
    assert_refused(&pack, pack.root());
    assert_refused(&pack, &pack.path("content"));
    assert_refused(&pack, &pack.path("themes"));
    assert_refused(&pack, &pack.path("content/sections"));
    assert_refused(&pack, &pack.path("content/out"));
    assert_refused(
        &pack,
        pack.root().parent().expect("temp folder has a parent"),
    );
    assert_refused(&pack, &pack.path("public/.."));
    assert_refused(&pack, &pack.path("content/../content"));
}

#[test]
fn refuses_an_output_folder_that_is_a_link_to_the_pack() {
    let pack = Pack::with(&[]);
    std::os::unix::fs::symlink(pack.root(), pack.path("public")).expect("symlink");
    assert_refused(&pack, &pack.output());
}

#[test]
fn the_binary_refuses_the_pack_root_with_exit_code_2() {
    let pack = Pack::with(&[]);
    let before = snapshot(pack.root());
    pack.command()
        .args(["build", "--output", "."])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("error: refusing to use"));
    pack.command()
        .args(["build", "--output", "/"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("it is the file-system root"));
    assert!(before == snapshot(pack.root()));
}

/// Builds the base pack, returning what it wrote.
fn good_build(pack: &Pack) -> std::collections::BTreeMap<String, Vec<u8>> {
    pack.build_ok();
    snapshot(&pack.output())
}

#[test]
fn a_failed_build_keeps_the_previous_output() {
    let pack = Pack::with(&[]);
    let before = good_build(&pack);
    pack.write(ANSWER, "+++\ntitle = \"Broken\n+++\n");
    pack.command().arg("build").assert().code(1);
    assert!(
        before == snapshot(&pack.output()),
        "the last good site was touched"
    );
    assert_no_staging_left(&pack);
}

#[test]
fn a_write_error_part_way_keeps_the_previous_output() {
    let pack = Pack::with(&[]);
    // An output folder deep enough that a file of the pack, whose path fits the
    // system's limit under content/, does not fit it under the staging folder: the
    // write fails after other files. (A name too long for any folder is refused by
    // `check` before anything is written.)
    let output = pack.path(&format!("{}/public", "o".repeat(250)));
    pack.build_into(&output).expect("the first build");
    let before = snapshot(&output);
    let deep = vec!["d".repeat(200); 19].join("/");
    pack.write(&format!("content/{deep}/figure.png"), "not really a png");
    let message = match pack.build_into(&output) {
        Err(briefing::Failure::Other(e)) => format!("{e:#}"),
        other => panic!("expected a write error, got {other:?}"),
    };
    assert!(
        message.contains("writing") && message.contains("figure.png"),
        "{message}"
    );
    assert!(
        before == snapshot(&output),
        "the last good site was touched"
    );
    let names = entries(output.parent().expect("a parent"));
    assert_eq!(names, ["public"], "left behind: {names:?}");
}

#[test]
fn an_output_under_a_file_fails_cleanly() {
    let pack = Pack::with(&[]);
    pack.write("not-a-folder", "x");
    let message = pack
        .build_into(&pack.path("not-a-folder/public"))
        .err()
        .map(|e| match e {
            briefing::Failure::Other(e) => format!("{e:#}"),
            briefing::Failure::Content(d) => render_diagnostics(&d),
        })
        .expect("the build fails");
    assert!(message.contains("not-a-folder"), "{message}");
    assert_eq!(
        fs::read_to_string(pack.path("not-a-folder"))
            .ok()
            .as_deref(),
        Some("x")
    );
}

#[test]
fn a_stale_staging_folder_from_a_killed_build_is_replaced() {
    let pack = Pack::with(&[]);
    fs::create_dir_all(pack.path(".public.briefing-staging/sections")).expect("mkdir");
    pack.write(".public.briefing-staging/.briefing-output", "marked");
    pack.write(".public.briefing-staging/sections/stale.html", "old");
    pack.build_ok();
    assert!(!pack.output().join("sections/stale.html").exists());
    assert_no_staging_left(&pack);
}

/// Ctrl-C while the site is being written: the staging folder is removed, the last
/// good site stays, the exit code is 130. Retried, since the write can finish before
/// the signal arrives.
#[test]
fn ctrl_c_while_writing_keeps_the_previous_output() {
    interrupted_while_writing_keeps_the_previous_output("-INT");
}

/// A service manager's stop (SIGTERM) is handled as Ctrl-C is.
#[test]
fn sigterm_while_writing_keeps_the_previous_output() {
    interrupted_while_writing_keeps_the_previous_output("-TERM");
}

fn interrupted_while_writing_keeps_the_previous_output(signal: &str) {
    let pack = Pack::with(&[]);
    let body = "Words in a paragraph. ".repeat(400);
    for i in 0..400 {
        pack.write(
            &format!("content/sections/bulk-{i:04}.md"),
            &format!("+++\ntitle = \"Bulk {i}\"\nsource = \"answer\"\nparagraphs = \"2\"\norder = 100\nsummary = \"s\"\n+++\n{body}\n"),
        );
    }
    let binary = assert_cmd::cargo::cargo_bin("briefing");
    let staging = pack.path(".public.briefing-staging");
    let mut interrupted = 0;
    for attempt in 0..4 {
        pack.write(ANSWER, &format!("+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\nAttempt {attempt}.\n"));
        let before = if pack.output().exists() {
            snapshot(&pack.output())
        } else {
            Default::default()
        };
        let mut child = Command::new(&binary)
            .args(["build", "--root"])
            .arg(pack.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start the binary");
        let start = Instant::now();
        while !staging.exists() && start.elapsed() < Duration::from_secs(120) {
            if child.try_wait().expect("poll").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let status = child.wait().expect("wait for the binary");
        if status.success() {
            continue; // the build finished before the signal
        }
        interrupted += 1;
        assert_eq!(status.code(), Some(130), "attempt {attempt}: {status:?}");
        assert!(
            !staging.exists(),
            "attempt {attempt}: staging folder left behind"
        );
        assert!(
            before == snapshot(&pack.output()),
            "attempt {attempt}: output changed"
        );
        assert_no_staging_left(&pack);
    }
    eprintln!("{interrupted} of 4 builds interrupted while writing");
    assert!(interrupted > 0, "no attempt was interrupted while writing");
}
