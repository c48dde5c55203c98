//! Nothing from outside the pack root is read or published, whatever the route: a
//! file swapped for a link after the pack was walked, `briefing.toml` or a theme
//! folder linked from elsewhere, or a `[build] theme` naming a folder outside.

mod common;

use std::fs;
use std::os::unix::fs::symlink;

use common::*;

const SECRET: &str = "root:x:0:0:the secret";

/// A file outside the pack, and the pack itself.
fn pack_and_secret() -> (Pack, tempfile::TempDir) {
    let outside = tempfile::tempdir().expect("temp");
    fs::write(outside.path().join("secret.txt"), SECRET).expect("write");
    fs::create_dir(outside.path().join("static")).expect("mkdir");
    fs::write(outside.path().join("static/leak.txt"), SECRET).expect("write");
    (Pack::with(&[("content/images/map.png", "a map")]), outside)
}

/// Every file of the output, none of which may hold the secret.
fn assert_no_secret_published(pack: &Pack) {
    for (path, bytes) in snapshot(&pack.output()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(SECRET), "{path} holds the secret");
    }
}

fn failed_build(pack: &Pack) -> String {
    let out = pack.command().arg("build").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "the build succeeded:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn an_asset_swapped_for_a_link_after_the_walk_is_not_read() {
    let (pack, outside) = pack_and_secret();
    let mut diags = briefing::Diagnostics::new();
    let raw = briefing::internals::content::load(pack.root(), &mut diags);
    let asset = raw.assets.iter().find(|a| a.rel == "images/map.png");
    let asset = asset.expect("the asset was found");
    assert_eq!(asset.file.read().expect("read before the swap"), b"a map");
    // The walk saw a plain file; now the path names a file outside.
    fs::remove_file(pack.path("content/images/map.png")).expect("remove");
    symlink(
        outside.path().join("secret.txt"),
        pack.path("content/images/map.png"),
    )
    .expect("symlink");
    let refused = asset
        .file
        .read()
        .expect_err("the swapped file must be refused");
    assert!(
        refused.to_string().contains("outside the pack root"),
        "{refused}"
    );
}

#[test]
fn a_briefing_toml_linked_from_outside_is_refused() {
    let (pack, outside) = pack_and_secret();
    fs::remove_file(pack.path("briefing.toml")).expect("remove");
    symlink(
        outside.path().join("secret.txt"),
        pack.path("briefing.toml"),
    )
    .expect("symlink");
    let stderr = failed_build(&pack);
    assert!(
        stderr
            .contains("briefing.toml: error: cannot read this file: it lies outside the pack root"),
        "{stderr}"
    );
    assert!(!stderr.contains("the secret"), "{stderr}");
    assert_no_secret_published(&pack);
}

#[test]
fn a_theme_folder_linked_from_outside_is_refused() {
    let (pack, outside) = pack_and_secret();
    fs::create_dir(pack.path("themes")).expect("mkdir");
    symlink(outside.path(), pack.path("themes/default")).expect("symlink");
    let stderr = failed_build(&pack);
    assert!(
        stderr.contains("themes/default: error: the theme folder lies outside the pack root"),
        "{stderr}"
    );
    assert_no_secret_published(&pack);
}

#[test]
fn a_theme_file_linked_from_outside_is_refused() {
    let (pack, outside) = pack_and_secret();
    fs::create_dir_all(pack.path("themes/default/static")).expect("mkdir");
    symlink(
        outside.path().join("secret.txt"),
        pack.path("themes/default/static/leak.txt"),
    )
    .expect("symlink");
    pack.build_ok();
    assert!(!pack.output().join("leak.txt").exists());
    assert_no_secret_published(&pack);
}

#[test]
fn a_theme_named_by_a_path_is_refused_at_its_key() {
    for theme in ["/proc/self", "../outside", "a/b", "..", ".hidden"] {
        let pack = Pack::with(&[(
            "briefing.toml",
            &format!("title = \"T\"\n\n[build]\ntheme = \"{theme}\"\n"),
        )]);
        let stderr = failed_build(&pack);
        assert!(
            stderr.contains(&format!(
                "briefing.toml:4:9: error: `{theme}` is not a theme name"
            )),
            "{theme}: {stderr}"
        );
    }
}

#[test]
fn links_inside_the_pack_are_still_followed() {
    let pack = Pack::with(&[("shared/map.png", "a shared map")]);
    symlink(
        pack.path("shared/map.png"),
        pack.path("content/images-map.png"),
    )
    .expect("symlink");
    pack.build_ok();
    assert_eq!(
        fs::read(pack.output().join("images-map.png")).expect("copied"),
        b"a shared map"
    );
}
