//! `briefing init DIR`: a pack that builds cleanly, from the binary alone.

mod common;

use common::briefing;

#[test]
fn init_then_build_succeeds_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("new-pack");
    let init = briefing().arg("init").arg(&pack).output().unwrap();
    assert_eq!(init.status.code(), Some(0), "{init:?}");
    assert!(
        !pack.join("themes").exists(),
        "the embedded theme serves; no copy"
    );

    let build = briefing()
        .arg("build")
        .arg("--root")
        .arg(&pack)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert_eq!(build.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(stderr.trim().is_empty(), "{stderr}");
    let stdout = String::from_utf8_lossy(&build.stdout);
    assert!(
        stdout.contains("(2 sections, 2 terms, 3 events)"),
        "{stdout}"
    );

    let public = pack.join("public");
    for page in [
        "index.html",
        "sections/the-floods.html",
        "sections/next-steps.html",
        "timeline.html",
    ] {
        let html = std::fs::read_to_string(public.join(page)).unwrap();
        assert!(
            !html.contains("__briefing"),
            "no live-reload script in build output: {page}"
        );
    }
    assert!(public.join("assets/highlight.css").is_file());

    // What briefing writes stays out of version control: git itself says so.
    let ignore = std::fs::read_to_string(pack.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/public/"), "{ignore}");
    let git = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(&pack)
        .status();
    if git.is_ok_and(|s| s.success()) {
        std::fs::create_dir_all(pack.join("dist")).unwrap();
        std::fs::write(pack.join("dist/pack.zip"), "zip").unwrap();
        let ignored = std::process::Command::new("git")
            .args(["check-ignore", "public/index.html", "dist/pack.zip"])
            .current_dir(&pack)
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&ignored.stdout);
        assert_eq!(listed.lines().count(), 2, "{listed}");
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("briefing.toml"), "title = \"mine\"\n").unwrap();
    let init = briefing().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(init.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&init.stderr);
    assert!(stderr.contains("is not empty"), "{stderr}");
    let kept = std::fs::read_to_string(dir.path().join("briefing.toml")).unwrap();
    assert_eq!(kept, "title = \"mine\"\n");
    assert!(!dir.path().join("content").exists());
}
