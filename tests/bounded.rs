//! Inputs and loads whose cost once grew without bound: paragraph ranges that
//! name billions of paragraphs, thousands of glossary names, floods of connections
//! and a preview whose output nobody reads. Each is refused or handled with a
//! cost that follows what was written, not what it spans; nothing here is timed.

mod common;

use std::io::Read as _;
use std::net::TcpStream;
use std::process::Command;
use std::thread;
use std::time::Duration;

use common::*;

const ANSWER: &str = "content/sections/answer-one.md";
const ANSWER_SOURCE: &str = "content/sources/answer.md";

fn section(paragraphs: &str) -> String {
    format!(
        "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"{paragraphs}\"\norder = 3\nsummary = \"s\"\n+++\nThe answer text.\n"
    )
}

fn source_declaring(paragraphs: &str) -> String {
    format!(
        "+++\ntitle = \"Written Answer\"\nkind = \"Parliamentary answer\"\nparagraphs = \"{paragraphs}\"\n+++\nAn answer in the House.\n"
    )
}

/// The build's warnings, as printed.
fn warnings(pack: &Pack) -> Vec<String> {
    let report = pack.build_ok();
    report
        .built
        .warnings
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect()
}

// ----- paragraph ranges -----------------------------------------------------------

#[test]
fn a_range_of_billions_of_paragraphs_is_refused_at_its_key() {
    let pack = Pack::with(&[
        (ANSWER, &section("1–4000000000")),
        (ANSWER_SOURCE, &source_declaring("1–4294967295")),
    ]);
    let errors = pack.build_errors();
    let hint = "\n    hint: write the paragraphs the text really covers, e.g. \"9–10\"; a typo in a range's last number is the usual cause";
    assert_eq!(
        errors,
        [
            format!(
                "content/sections/answer-one.md:4:14: error: `1–4000000000` names more than 10,000 paragraphs, the most one `paragraphs` value may name{hint}"
            ),
            format!(
                "content/sources/answer.md:4:14: error: `1–4294967295` names more than 10,000 paragraphs, the most one `paragraphs` value may name{hint}"
            ),
        ]
    );
}

#[test]
fn the_binary_refuses_a_full_width_range_without_a_crash() {
    let pack = Pack::with(&[(ANSWER, &section("0–4294967295, 0-4294967295"))]);
    // With a cap on its memory, so that if the range were ever taken in, the check
    // would fail by itself rather than take the machine's memory.
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4000000 && exec \"$0\" check")
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .current_dir(pack.root())
        .output()
        .expect("run check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("names more than 10,000 paragraphs"),
        "{stderr}"
    );
}

#[test]
fn timeline_and_glossary_citations_are_capped_too() {
    let pack = Pack::with(&[
        (
            "content/timeline.toml",
            "[[event]]\ndate = \"2007\"\ntitle = \"An event\"\nsource = \"answer\"\nparagraphs = \"1–99999\"\n",
        ),
        (
            "content/glossary/reflex-term.md",
            "+++\nterm = \"Reflex\"\ncite = [{ source = \"answer\", paragraphs = \"5–20000\" }]\n+++\nA multi-agency task force.\n",
        ),
    ]);
    let errors = pack.build_errors().join("\n");
    assert!(
        errors.contains("content/timeline.toml:5:14: error: `1–99999` names more than 10,000"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "content/glossary/reflex-term.md:3:9: error: `5–20000` names more than 10,000"
        ),
        "{errors}"
    );
}

#[test]
fn paragraphs_outside_the_declared_ones_are_one_warning_with_ranges() {
    let pack = Pack::with(&[
        (ANSWER, &section("1–10000")),
        (ANSWER_SOURCE, &source_declaring("1–4")),
    ]);
    assert_eq!(
        warnings(&pack),
        [
            "content/sections/answer-one.md:4:14: warning: paragraphs 5–10000 are outside the paragraphs `answer` declares (1–4)"
        ]
    );
}

#[test]
fn paragraphs_no_section_summarises_are_one_warning_with_ranges() {
    let pack = Pack::with(&[
        (ANSWER, &section("1, 5–6")),
        (ANSWER_SOURCE, &source_declaring("1–10000")),
    ]);
    assert_eq!(
        warnings(&pack),
        [
            "content/sources/answer.md:4:14: warning: paragraphs 2–4, 7–10000 of `answer` are not summarised by any section\n    hint: add a section whose `paragraphs` covers them"
        ]
    );
    let pack = Pack::with(&[
        (ANSWER, &section("1–4")),
        (ANSWER_SOURCE, &source_declaring("1–5")),
    ]);
    assert_eq!(
        warnings(&pack),
        [
            "content/sources/answer.md:4:14: warning: paragraph 5 of `answer` is not summarised by any section\n    hint: add a section whose `paragraphs` covers them"
        ]
    );
}

#[test]
fn paragraphs_two_sections_summarise_are_one_warning_per_pair() {
    let second = "+++\ntitle = \"More\"\nsource = \"answer\"\nparagraphs = \"3–9000, 9500\"\norder = 4\nsummary = \"s\"\n+++\nMore text.\n";
    let third = "+++\ntitle = \"Last\"\nsource = \"answer\"\nparagraphs = \"2\"\norder = 5\nsummary = \"s\"\n+++\nLast text.\n";
    let pack = Pack::with(&[
        (ANSWER, &section("1–5000")),
        ("content/sections/more.md", second),
        ("content/sections/last.md", third),
    ]);
    assert_eq!(
        warnings(&pack),
        [
            "content/sections/last.md:4:14: warning: paragraph 2 of `answer` is also summarised by section `answer-one`",
            "content/sections/more.md:4:14: warning: paragraphs 3–5000 of `answer` are also summarised by section `answer-one`",
        ]
    );
}

#[test]
fn cited_paragraphs_a_text_lacks_are_named_as_ranges() {
    let pack = Pack::with(&[
        (
            "content/sources/hac.text.md",
            "9. Nine.\n10. Ten.\n11. Eleven.\n",
        ),
        (
            "content/sections/poppy.md",
            "+++\ntitle = \"The POPPY project\"\nsource = \"hac\"\nparagraphs = \"11–9999\"\norder = 2\nsummary = \"s\"\n+++\nThe project.\n",
        ),
    ]);
    let errors = pack.build_errors();
    assert_eq!(
        errors,
        [
            "content/sections/poppy.md:4:14: error: the text of `hac` has no paragraphs 12–9999\n    hint: its text has paragraphs 9–11"
        ]
    );
}

// ----- glossary names -------------------------------------------------------------

fn entry(term: &str, abbr: Option<&str>, aliases: &[&str], case_sensitive: bool) -> String {
    let abbr = abbr
        .map(|a| format!("abbr = \"{a}\"\n"))
        .unwrap_or_default();
    let aliases: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
    format!(
        "+++\nterm = \"{term}\"\n{abbr}aliases = [{}]\ncase_sensitive = {case_sensitive}\n+++\nAn entry.\n",
        aliases.join(", ")
    )
}

#[test]
fn a_name_claimed_twice_is_reported_against_its_earliest_claim() {
    let files = [
        (
            "content/glossary/a.md",
            entry("Home Office", Some("HO"), &["Office"], false),
        ),
        // Same letters, different case: a case-sensitive name meets only its exact text.
        (
            "content/glossary/b.md",
            entry("Ho", None, &["home office"], true),
        ),
        (
            "content/glossary/c.md",
            entry("Homes", Some("HO"), &["ho"], false),
        ),
        // An entry's own names may repeat each other.
        (
            "content/glossary/d.md",
            entry("Border", Some("BORDER"), &["border"], false),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let pack = Pack::with(&files);
    let errors = pack.build_errors();
    let hint = "\n    hint: a name can lead to only one entry; remove it from one of them, or merge the entries";
    assert_eq!(
        errors,
        [
            format!(
                "content/glossary/b.md:3:12: error: `home office` is claimed by two glossary entries: this alias and the term `Home Office` of content/glossary/a.md:2:8{hint}"
            ),
            format!(
                "content/glossary/c.md:3:8: error: `HO` is claimed by two glossary entries: this abbreviation and the abbreviation `HO` of content/glossary/a.md:3:8{hint}"
            ),
            format!(
                "content/glossary/c.md:4:12: error: `ho` is claimed by two glossary entries: this alias and the abbreviation `HO` of content/glossary/a.md:3:8{hint}"
            ),
        ]
    );
}

#[test]
fn thousands_of_names_are_checked_for_claims_with_the_same_messages() {
    let mut files: Vec<(String, String)> = (0..3000)
        .map(|i| {
            let text = entry(
                &format!("Term {i}"),
                Some(&format!("T{i}")),
                &[&format!("alias {i}")],
                false,
            );
            (format!("content/glossary/t{i}.md"), text)
        })
        .collect();
    files.push((
        "content/glossary/z-late.md".into(),
        entry("TERM 7", None, &["t2999"], false),
    ));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let errors = Pack::with(&files).build_errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("content/glossary/z-late.md:2:8: error: `TERM 7` is claimed by two glossary entries: this term and the term `Term 7` of content/glossary/t7.md:2:8"), "{}", errors[0]);
    assert!(errors[1].starts_with("content/glossary/z-late.md:3:12: error: `t2999` is claimed by two glossary entries: this alias and the abbreviation `T2999` of content/glossary/t2999.md:3:8"), "{}", errors[1]);
}

// ----- the preview under load -----------------------------------------------------

/// `briefing serve` on the sample pack with at most `files` open file handles.
fn serve_with_file_limit(pack: &std::path::Path, files: u32) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "ulimit -n {files} && exec \"$0\" serve --port 0 --root \"$1\""
        ))
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .arg(pack);
    command
}

fn serve(pack: &std::path::Path) -> Command {
    let mut command = briefing();
    command.args(["serve", "--port", "0", "--root"]).arg(pack);
    command
}

/// Opens `n` connections that send nothing; those the server cannot take yet wait
/// in its queue.
fn idle_connections(served: &Served, n: usize) -> Vec<TcpStream> {
    (0..n)
        .filter_map(|_| TcpStream::connect_timeout(&served.addr(), Duration::from_secs(2)).ok())
        .collect()
}

fn assert_no_panic(served: &Served) {
    let stderr = served.stderr();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn serving_goes_on_after_running_out_of_file_handles() {
    let (_dir, pack) = sample_pack();
    let mut served = Served::start(serve_with_file_limit(&pack, 64), false);
    assert_eq!(served.get("/").expect("a first page").0, 200);
    let idle = idle_connections(&served, 120);
    assert!(idle.len() > 64, "only {} connections opened", idle.len());
    // Long enough for the server to accept what it can and run out of handles.
    thread::sleep(Duration::from_millis(500));
    assert!(served.running());
    drop(idle);
    served.get_until("/", |body| body.contains("Riverside flood review"));
    assert!(served.running());
    assert_no_panic(&served);
    assert!(
        served.stderr().contains("cannot accept a connection"),
        "{}",
        served.stderr()
    );
}

#[test]
fn a_burst_of_requests_is_served_or_shed_and_serving_goes_on() {
    let (_dir, pack) = sample_pack();
    let served = Served::start(serve_with_file_limit(&pack, 64), false);
    // More clients at once than the server has file handles for; a request that
    // fails or gets no answer in time counts as 0 and ends its client.
    let statuses: Vec<u16> = thread::scope(|scope| {
        let clients: Vec<_> = (0..60)
            .map(|_| {
                scope.spawn(|| {
                    let mut statuses = Vec::new();
                    for _ in 0..15 {
                        let status = served.get_within("/assets/style.css", Duration::from_secs(5));
                        statuses.push(status.map_or(0, |(s, _)| s));
                        if statuses.last() == Some(&0) {
                            break;
                        }
                    }
                    statuses
                })
            })
            .collect();
        clients
            .into_iter()
            .flat_map(|c| c.join().expect("client"))
            .collect()
    });
    assert!(
        statuses.iter().all(|&s| s == 200 || s == 503),
        "{statuses:?}\n{}",
        served.stderr()
    );
    assert!(statuses.contains(&200));
    served.get_until("/", |body| body.contains("Riverside flood review"));
    assert_no_panic(&served);
}

#[test]
fn connections_beyond_the_limit_are_answered_503_until_some_close() {
    let (_dir, pack) = sample_pack();
    let served = Served::start(serve(&pack), false);
    let idle = idle_connections(&served, 140);
    assert_eq!(idle.len(), 140);
    // A refused connection is answered at once, before its request is read.
    let mut refused = TcpStream::connect_timeout(&served.addr(), SERVE_PATIENCE).expect("connect");
    refused
        .set_read_timeout(Some(SERVE_PATIENCE))
        .expect("timeout");
    let mut answer = String::new();
    refused
        .read_to_string(&mut answer)
        .expect("an answer while full");
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    drop(idle);
    served.get_until("/", |body| body.contains("Riverside flood review"));
    assert_no_panic(&served);
}

// ----- a preview whose output is closed ---------------------------------------

#[test]
fn serve_rebuilds_and_stops_cleanly_after_its_output_is_closed() {
    let (_dir, pack) = sample_pack();
    let mut served = Served::start(serve(&pack), true);
    let section = pack.join("content/sections/the-floods.md");
    for homes in ["125", "130"] {
        // Each rebuild prints a line to the closed output.
        let from = if homes == "125" { "120" } else { "125" };
        edit(
            &section,
            &format!("flooded {from} homes in the lower town"),
            &format!("flooded {homes} homes in the lower town"),
        );
        served.get_until("/sections/the-floods.html", |body| {
            body.contains(&format!("flooded {homes} homes"))
        });
    }
    assert!(served.running());
    // "stopped" goes to the closed output too.
    assert_eq!(served.interrupt(), Some(0), "{}", served.stderr());
    assert_no_panic(&served);
}

#[test]
fn build_and_check_ignore_closed_outputs() {
    let pack = Pack::with(&[(ANSWER, &section("1–2"))]);
    for command in ["build", "check"] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let (err_reader, err_writer) = std::io::pipe().expect("a pipe");
        drop(err_reader);
        let status = briefing()
            .current_dir(pack.root())
            .arg(command)
            .stdout(writer)
            .stderr(err_writer)
            .status()
            .expect("run the binary");
        assert_eq!(status.code(), Some(0), "{command}");
    }
}
