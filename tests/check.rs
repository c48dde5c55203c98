//! `briefing check`: exit codes, text and JSON output, and that it writes nothing.

mod common;

use common::{briefing, edit, sample_pack};
use serde_json::Value;

fn check_json(pack: &std::path::Path) -> (Option<i32>, Vec<Value>) {
    let out = briefing()
        .args(["check", "--format", "json", "--root"])
        .arg(pack)
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    (out.status.code(), lines)
}

#[test]
fn a_clean_pack_checks_with_exit_0_and_writes_nothing() {
    let (_dir, pack) = sample_pack();
    let (code, problems) = check_json(&pack);
    assert_eq!(code, Some(0));
    assert!(problems.is_empty(), "{problems:?}");
    let text = briefing()
        .arg("check")
        .arg("--root")
        .arg(&pack)
        .output()
        .unwrap();
    assert_eq!(text.status.code(), Some(0));
    assert!(
        !pack.join("public").exists(),
        "check must not write the site"
    );
}

#[test]
fn warnings_alone_still_exit_0() {
    let (_dir, pack) = sample_pack();
    edit(
        &pack.join("content/sources/flood-review.md"),
        "paragraphs = \"1–4\"",
        "paragraphs = \"1–5\"",
    );
    let (code, problems) = check_json(&pack);
    assert_eq!(code, Some(0));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["severity"], "warning");
    assert_eq!(problems[0]["file"], "content/sources/flood-review.md");
}

#[test]
fn problems_exit_1_with_one_json_object_each() {
    let (_dir, pack) = sample_pack();
    edit(
        &pack.join("content/glossary/flood-resilience-fund.md"),
        "see_also = [\"flood-warning-service\"]",
        "see_also = [\"flood-warning-servce\"]",
    );
    edit(
        &pack.join("content/timeline.toml"),
        "sections = [\"the-floods\"]",
        "sections = [\"the-flood\"]",
    );
    let (code, problems) = check_json(&pack);
    assert_eq!(code, Some(1));
    let expected = [
        serde_json::json!({
            "file": "content/glossary/flood-resilience-fund.md",
            "line": 4,
            "column": 13,
            "severity": "error",
            "message": "unknown glossary entry `flood-warning-servce`",
            "hint": "did you mean `flood-warning-service`?",
        }),
        serde_json::json!({
            "file": "content/timeline.toml",
            "line": 8,
            "column": 13,
            "severity": "error",
            "message": "unknown section `the-flood`",
            "hint": "did you mean `the-floods`?",
        }),
    ];
    assert_eq!(problems, expected);
}

#[test]
fn problems_in_text_form_name_the_place_and_exit_1() {
    let (_dir, pack) = sample_pack();
    edit(
        &pack.join("content/sections/next-steps.md"),
        "order = 2",
        "ordr = 2",
    );
    let out = briefing()
        .arg("check")
        .arg("--root")
        .arg(&pack)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/sections/next-steps.md:5:1: error: unknown field `ordr`\n    hint: did you mean `order`?"),
        "{stderr}"
    );
}
