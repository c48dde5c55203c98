//! The bad-input catalogue: every broken pack gives a clear message naming the file
//! (with line and column where they exist), a non-zero exit code rather than a panic
//! or a signal, and leaves the last good site exactly as it was.

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::time::{Duration, Instant};

use common::*;

const ANSWER: &str = "content/sections/answer-one.md";
const FRONT: &str = "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"s\"\n+++\n";

/// Builds the base pack, breaks it, builds again with the real binary. Asserts the
/// second build failed cleanly and touched nothing; returns its exit code and stderr.
fn rejected(breakage: impl FnOnce(&Pack)) -> (i32, String) {
    let pack = Pack::with(&[]);
    pack.build_ok();
    let before = snapshot(&pack.output());
    breakage(&pack);
    let out = pack
        .command()
        .arg("build")
        .output()
        .expect("run the binary");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {:?}\n{stderr}", out.status));
    assert!(code == 1 || code == 2, "exit code {code}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        before == snapshot(&pack.output()),
        "the last good site changed"
    );
    let names = entries(pack.root());
    assert!(names.iter().all(|n| !n.contains("staging")), "{names:?}");
    (code, stderr)
}

/// Like `rejected` for a broken content file: exit code 1 and `expected` in the output.
fn assert_content_error(breakage: impl FnOnce(&Pack), expected: &str) {
    let (code, stderr) = rejected(breakage);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected `{expected}` in:\n{stderr}"
    );
}

#[test]
fn empty_file() {
    assert_content_error(
        |p| p.write(ANSWER, ""),
        "content/sections/answer-one.md:1:1: error: file is empty",
    );
}

#[test]
fn whitespace_only_file() {
    assert_content_error(
        |p| p.write(ANSWER, " \n\n\t\n"),
        "content/sections/answer-one.md:1:1: error: file is empty",
    );
}

#[test]
fn front_matter_only() {
    assert_content_error(
        |p| p.write(ANSWER, FRONT),
        "content/sections/answer-one.md:8:1: error: section has no text after its front matter",
    );
}

#[test]
fn front_matter_without_final_newline() {
    assert_content_error(
        |p| p.write(ANSWER, FRONT.trim_end()),
        "content/sections/answer-one.md:7:4: error: section has no text after its front matter",
    );
}

#[test]
fn unterminated_front_matter() {
    assert_content_error(
        |p| p.write(ANSWER, "+++\ntitle = \"x\"\nBody text.\n"),
        "content/sections/answer-one.md:1:1: error: front matter is never closed",
    );
}

#[test]
fn no_front_matter_at_all() {
    assert_content_error(
        |p| p.write(ANSWER, "Just text.\n"),
        "content/sections/answer-one.md:1:1: error: missing front matter: the file must start with `+++`",
    );
}

#[test]
fn invalid_toml() {
    assert_content_error(
        |p| {
            p.write(
                ANSWER,
                "+++\ntitle = \"The answer\"\nsource = = \"answer\"\n+++\nText.\n",
            )
        },
        "content/sections/answer-one.md:3:10: error: ",
    );
}

#[test]
fn wrong_value_type() {
    assert_content_error(
        |p| p.write(ANSWER, &FRONT.replace("order = 3", "order = [3]")),
        "content/sections/answer-one.md:5:9: error: order must be a whole number, like 2",
    );
}

#[test]
fn unknown_key() {
    assert_content_error(
        |p| p.write(ANSWER, &FRONT.replace("order = 3", "ordre = 3\norder = 3")),
        "content/sections/answer-one.md:5:1: error: unknown field `ordre`\n    hint: did you mean `order`?",
    );
}

#[test]
fn missing_required_key() {
    assert_content_error(
        |p| p.write(ANSWER, &FRONT.replace("summary = \"s\"\n", "")),
        "content/sections/answer-one.md:2:1: error: missing field `summary`",
    );
}

#[test]
fn non_utf8_file() {
    assert_content_error(
        |p| p.write_bytes(ANSWER, b"+++\ntitle = \"\xff\"\n+++\n"),
        "content/sections/answer-one.md:2:10: error: file is not valid UTF-8 text",
    );
}

#[test]
fn utf16_file() {
    let mut bytes = vec![0xff, 0xfe];
    for unit in FRONT.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    assert_content_error(
        |p| p.write_bytes(ANSWER, &bytes),
        "content/sections/answer-one.md:1:1: error: file is not valid UTF-8 text",
    );
}

#[test]
fn nul_byte() {
    assert_content_error(
        |p| p.write(ANSWER, &format!("{FRONT}Some\0text\n")),
        "content/sections/answer-one.md:8:5: error: file contains a NUL byte",
    );
}

#[test]
fn binary_garbage_in_briefing_toml() {
    assert_content_error(
        |p| p.write_bytes("briefing.toml", &[0x00, 0x9f, 0x92, 0x96, 0xff]),
        "briefing.toml:1:2: error: file is not valid UTF-8 text",
    );
}

#[test]
fn missing_briefing_toml() {
    assert_content_error(
        |p| p.remove("briefing.toml"),
        "briefing.toml: error: no briefing.toml in the pack root",
    );
}

#[test]
fn invalid_timeline() {
    assert_content_error(
        |p| p.write("content/timeline.toml", "[[event]]\ndate = 2007\n"),
        "content/timeline.toml:2:8: error: the date `2007` needs quotes\n    hint: dates are written in quotes: date = \"2007\"",
    );
}

#[test]
fn byte_order_mark_and_crlf_build() {
    let pack = Pack::with(&[]);
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(
        format!("{FRONT}Line one.\n\nLine two.\n")
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    pack.write_bytes(ANSWER, &bytes);
    pack.command().arg("build").assert().success();
    let html = pack.html("sections/answer-one.html");
    assert_eq!(texts(&html, ".body p"), ["Line one.", "Line two."]);
}

#[test]
fn symlink_loop_is_reported() {
    let (_, stderr) = rejected(|p| {
        symlink("..", p.path("content/sections/loop")).expect("symlink");
    });
    assert!(
        stderr.contains("content/sections/loop: error: symbolic link loop"),
        "{stderr}"
    );
}

#[test]
fn symlink_leaving_the_pack_root_is_refused() {
    let outside = tempfile::tempdir().expect("temp");
    let secret = outside.path().join("secret.md");
    fs::write(&secret, format!("{FRONT}Secret text.\n")).expect("write");
    let (_, stderr) = rejected(|p| {
        symlink(&secret, p.path("content/sections/secret.md")).expect("symlink");
    });
    assert!(
        stderr.contains(
            "content/sections/secret.md: error: symbolic link points outside the pack root"
        ),
        "{stderr}"
    );
}

#[test]
fn symlinked_folder_leaving_the_pack_root_is_refused() {
    let outside = tempfile::tempdir().expect("temp");
    fs::write(outside.path().join("x.md"), format!("{FRONT}Text.\n")).expect("write");
    let (_, stderr) = rejected(|p| {
        symlink(outside.path(), p.path("content/sections/elsewhere")).expect("symlink");
    });
    assert!(
        stderr.contains(
            "content/sections/elsewhere: error: symbolic link points outside the pack root"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("x.md"), "{stderr}");
}

#[test]
fn symlink_inside_the_pack_is_followed() {
    let pack = Pack::with(&[("shared/extra.md", &format!("{FRONT}Shared text.\n"))]);
    pack.remove(ANSWER);
    symlink(pack.path("shared/extra.md"), pack.path(ANSWER)).expect("symlink");
    pack.build_ok();
    let html = pack.html("sections/answer-one.html");
    assert_eq!(texts(&html, ".body p"), ["Shared text."]);
}

#[test]
fn dangling_symlink_is_reported() {
    let (_, stderr) = rejected(|p| {
        symlink(p.path("nowhere.md"), p.path("content/sections/dangling.md")).expect("symlink");
    });
    assert!(stderr.contains("content/sections/dangling.md"), "{stderr}");
}

#[test]
fn unreadable_file() {
    let pack = Pack::with(&[]);
    if can_read_unreadable_files(pack.root()) {
        eprintln!("skipped: running with the power to read any file (root)");
        return;
    }
    let (_, stderr) = rejected(|p| {
        fs::set_permissions(p.path(ANSWER), fs::Permissions::from_mode(0o000)).expect("chmod");
    });
    assert!(
        stderr.contains("content/sections/answer-one.md: error: cannot read file"),
        "{stderr}"
    );
}

#[test]
fn a_fifo_in_content_does_not_hang_the_build() {
    let pack = Pack::with(&[]);
    let status = std::process::Command::new("mkfifo")
        .arg(pack.path("content/sections/pipe.md"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    pack.command()
        .arg("build")
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
}

#[test]
fn file_names_with_spaces_and_non_ascii_letters_build_and_link() {
    let pack = Pack::with(&[
        (
            "content/sections/Café crème.md",
            "+++\ntitle = \"Café\"\nsource = \"answer\"\nparagraphs = \"2\"\norder = 4\nsummary = \"s\"\n+++\nBack to [the answer](answer-one.md).\n",
        ),
        (
            ANSWER,
            &format!(
                "{FRONT}See [café](<Café crème.md>) and [again](Caf%C3%A9%20cr%C3%A8me.md).\n"
            ),
        ),
        ("content/images/a photo ü.png", "not really a png"),
    ]);
    pack.command().arg("build").assert().success();
    assert!(pack.output().join("sections/café-crème.html").is_file());
    assert!(pack.output().join("images/a photo ü.png").is_file());
    let html = pack.html("sections/answer-one.html");
    assert_eq!(
        attrs(&html, ".body a", "href"),
        [
            "../sections/caf%C3%A9-cr%C3%A8me.html",
            "../sections/caf%C3%A9-cr%C3%A8me.html"
        ]
    );
    let cafe = pack.html("sections/café-crème.html");
    assert_eq!(texts(&cafe, "h1"), ["Café"]);
}

#[test]
fn colliding_slugs_name_both_files() {
    let (_, stderr) = rejected(|p| {
        p.write(
            "content/sections/Reflex.md",
            "+++\ntitle = \"R\"\nsource = \"hac\"\nparagraphs = \"12\"\norder = 5\nsummary = \"s\"\n+++\nBody.\n",
        )
    });
    assert!(
        stderr.contains("content/sections/reflex.md:1:1: error: section `reflex` is defined twice: here and in content/sections/Reflex.md"),
        "{stderr}"
    );
}

#[test]
fn broken_template_names_the_file_and_line() {
    let (code, stderr) = rejected(|p| {
        p.write(
            "themes/default/templates/section.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title }</h1>\n{% endblock content %}\n",
        )
    });
    assert_eq!(code, 1);
    assert!(
        stderr.contains(
            "themes/default/templates/section.html:3:14: error: template syntax error: expected "
        ),
        "{stderr}"
    );
}

#[test]
fn unclosed_block_in_a_template_names_the_file_and_line() {
    let (_, stderr) =
        rejected(|p| p.write("themes/default/templates/index.html", "a\n{% if x %}\nb\n"));
    assert!(
        stderr.contains("themes/default/templates/index.html:4:1: error: template syntax error"),
        "{stderr}"
    );
}

#[test]
fn template_with_an_undefined_variable_names_the_template() {
    let (_, stderr) = rejected(|p| {
        p.write(
            "themes/default/templates/section.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ no_such_thing }}\n{% endblock content %}\n",
        )
    });
    assert!(
        stderr.contains(
            "themes/default/templates/section.html:3:4: error: Failed to render 'section.html'"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("no_such_thing"), "{stderr}");
}

#[test]
fn template_inheriting_from_a_missing_template() {
    let (_, stderr) = rejected(|p| {
        p.write(
            "themes/default/templates/section.html",
            "{% extends \"nobase.html\" %}\n",
        )
    });
    assert!(
        stderr.contains("themes/default/templates/section.html: error: Template 'section.html' is inheriting from 'nobase.html'"),
        "{stderr}"
    );
}

#[test]
fn template_in_another_theme_folder_is_named_by_its_own_path() {
    let (_, stderr) = rejected(|p| {
        p.write(
            "briefing.toml",
            "title = \"Test Pack\"\n[build]\ntheme = \"house\"\n",
        );
        p.write("themes/house/templates/index.html", "{{ oops }\n");
    });
    assert!(
        stderr.contains("themes/house/templates/index.html:1:9: error: template syntax error"),
        "{stderr}"
    );
}

#[test]
fn non_utf8_template() {
    let (_, stderr) =
        rejected(|p| p.write_bytes("themes/default/templates/index.html", b"<p>\xff</p>\n"));
    assert!(
        stderr.contains(
            "themes/default/templates/index.html:1:4: error: file is not valid UTF-8 text"
        ),
        "{stderr}"
    );
}

fn build_quickly(pack: &Pack, limit: Duration) {
    let start = Instant::now();
    pack.command()
        .arg("build")
        .timeout(Duration::from_secs(300))
        .assert()
        .success();
    let took = start.elapsed();
    assert!(took < limit, "the build took {took:?}");
}

#[test]
fn fifty_thousand_nested_block_quotes() {
    let pack = Pack::with(&[(ANSWER, &format!("{FRONT}{}deep\n", "> ".repeat(50_000)))]);
    build_quickly(&pack, Duration::from_secs(120));
    let page = pack.page("sections/answer-one.html");
    assert_eq!(page.matches("<blockquote>").count(), 50_000);
    assert_eq!(page.matches("</blockquote>").count(), 50_000);
}

#[test]
fn two_thousand_deep_nested_lists() {
    let list: String = (0..2_000)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let pack = Pack::with(&[(ANSWER, &format!("{FRONT}{list}"))]);
    build_quickly(&pack, Duration::from_secs(120));
    let page = pack.page("sections/answer-one.html");
    let body = page.split("<div class=\"body\">").nth(1).expect("body");
    assert_eq!(body.matches("<ul>").count(), 2_000);
    assert_eq!(body.matches("</ul>").count(), 2_000);
}

#[test]
fn deeply_nested_inline_markup() {
    let text = format!(
        "{}a{}\n\n{}b{}(x.md)\n\n{}c{}\n",
        "*".repeat(20_000),
        "*".repeat(20_000),
        "[".repeat(20_000),
        "]".repeat(20_000),
        "<div>".repeat(20_000),
        "</div>".repeat(20_000),
    );
    let (code, stderr) = rejected(|p| p.write(ANSWER, &format!("{FRONT}{text}")));
    // The one link among the brackets points at a missing file.
    assert_eq!(code, 1);
    assert!(stderr.contains("link to a missing file `x.md`"), "{stderr}");
}

#[test]
fn many_equal_headings_and_links_to_them_build_in_linear_time() {
    let id = |n: usize| match n {
        0 => "same".to_string(),
        n => format!("same-{n}"),
    };
    let body: String = (0..20_000)
        .map(|i| format!("## Same\n\n[up](#{})\n\n", id(19_999 - i)))
        .collect();
    let pack = Pack::with(&[(ANSWER, &format!("{FRONT}{body}"))]);
    // Quadratic id numbering or anchor checks take minutes here.
    build_quickly(&pack, Duration::from_secs(60));
    let html = pack.html("sections/answer-one.html");
    let ids = attrs(&html, ".body h2", "id");
    assert_eq!(ids.len(), 20_000);
    assert_eq!(ids[0], "same");
    assert_eq!(ids[19_999], "same-19999");
}

#[test]
fn many_broken_anchors_are_reported_quickly() {
    let body: String = (0..5_000)
        .map(|i| format!("## H{i}\n\n[l](#nope{i})\n\n"))
        .collect();
    let start = Instant::now();
    let (_, stderr) = rejected(|p| p.write(ANSWER, &format!("{FRONT}{body}")));
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    assert!(
        stderr.contains("5000 error(s)"),
        "{}",
        &stderr[stderr.len() - 200..]
    );
    assert!(stderr.contains("that page has 5000 headings; check the spelling"));
}

/// The peak resident memory of a running process, in kB, from `/proc`.
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_fifty_megabyte_section_builds_in_bounded_memory() {
    let paragraph = "The Home Office told the Committee that the *Centre* had improved co-operation with [the agency](../glossary/soca.md) and police forces. ".repeat(4);
    let mut body = String::with_capacity(51 << 20);
    let mut n = 0;
    while body.len() < 50 << 20 {
        if n % 50 == 0 {
            body.push_str(&format!("## Part {n}\n\n"));
        }
        body.push_str(&paragraph);
        body.push_str("\n\n");
        n += 1;
    }
    let pack = Pack::with(&[(ANSWER, &format!("{FRONT}{body}"))]);
    drop(body);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .args(["build", "--root"])
        .arg(pack.root())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start the binary");
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = peak_rss_kb(child.id()) {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().expect("poll") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    eprintln!(
        "peak resident memory for a 50 MB section: {} MB",
        peak / 1024
    );
    // Linear in the input: a small multiple of the text, not a blow-up.
    assert!(
        peak < 1536 * 1024,
        "peak resident memory {} MB",
        peak / 1024
    );
    let size = fs::metadata(pack.output().join("sections/answer-one.html"))
        .expect("page written")
        .len();
    assert!(size > 50 << 20, "{size}");
}
