//! The real binary: its summary line and its exit codes (0 built, 1 problems in the
//! pack, 2 anything else).

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn build_prints_one_summary_line_and_the_changes() {
    let pack = Pack::with(&[]);
    pack.command()
        .arg("build")
        .assert()
        .code(0)
        .stdout(
            predicate::str::is_match(
                r"^built 10 pages \(3 sections, 2 terms, 0 events\) in \d+ ms\n",
            )
            .expect("regex"),
        )
        .stdout(predicate::str::contains("+ sections/reflex.html"));
    assert!(pack.output().join("index.html").is_file());
    // Nothing changed: the second build reports no changes.
    pack.command()
        .arg("build")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("added").not());
}

#[test]
fn build_with_root_and_output_from_elsewhere() {
    let pack = Pack::with(&[]);
    let out = tempfile::tempdir().expect("temp");
    let target = out.path().join("site");
    pack.command()
        .current_dir(out.path())
        .arg("build")
        .arg("--root")
        .arg(pack.root())
        .arg("--output")
        .arg(&target)
        .assert()
        .code(0);
    assert!(target.join("sections/poppy.html").is_file());
    assert!(!pack.output().exists());
}

#[test]
fn check_writes_nothing_and_reports_problems() {
    let pack = Pack::with(&[]);
    pack.command()
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no problems found"));
    assert!(!pack.output().exists());
    pack.write("content/sections/poppy.md", "+++\ntitle = 1\n+++\n");
    pack.command()
        .arg("check")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "content/sections/poppy.md:2:9: error: title must be text in quotes\n    hint: write title = \"1\"",
        ));
}

#[test]
fn a_missing_pack_is_a_problem_in_the_pack() {
    let empty = tempfile::tempdir().expect("temp");
    assert_cmd::Command::cargo_bin("briefing")
        .expect("binary")
        .current_dir(empty.path())
        .arg("build")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "briefing.toml: error: no briefing.toml in the pack root",
        ))
        .stderr(predicate::str::contains(
            "content: error: no content/ folder in the pack root",
        ));
}

#[test]
fn bad_arguments_exit_with_2() {
    let pack = Pack::with(&[]);
    pack.command().arg("frobnicate").assert().code(2);
    pack.command()
        .args(["build", "--no-such-flag"])
        .assert()
        .code(2);
}

#[test]
fn a_reader_that_stops_early_does_not_make_build_panic() {
    // `briefing build | head -0`: standard output is closed before the summary.
    let pack = Pack::with(&[]);
    let mut child = briefing()
        .current_dir(pack.root())
        .arg("build")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn briefing");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait for briefing");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
