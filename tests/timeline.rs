//! The timeline end to end: `content/timeline.toml` → `timeline.html` (the chart and
//! the list), the "On the timeline" list of each section, the key dates on the
//! landing page, and every mistake in the file reported at its line and column.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use briefing::BuildOptions;
use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

const CONFIG: &str = "title = \"Test pack\"\nlanguage = \"en-GB\"\n";

const SOURCE: &str = "+++\ntitle = \"The Report\"\nkind = \"report\"\n+++\nA report.\n";

fn section(title: &str, order: i64, paragraphs: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nsource = \"report\"\nparagraphs = \"{paragraphs}\"\norder = {order}\nsummary = \"About {title}.\"\n+++\nText of {title}.\n"
    )
}

/// A small pack with one source, sections `alpha`, `beta` and `gamma`, and `timeline`.
fn pack(timeline: &str) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    write("briefing.toml", CONFIG);
    write(
        "content/_index.md",
        "+++\ntitle = \"Test pack\"\n+++\nWelcome.\n",
    );
    write("content/sources/report.md", SOURCE);
    write("content/sections/alpha.md", &section("Alpha", 1, "1"));
    write("content/sections/beta.md", &section("Beta", 2, "2"));
    write("content/sections/gamma.md", &section("Gamma", 3, "3"));
    write("content/timeline.toml", timeline);
    dir
}

/// Builds the pack at `root` into a fresh folder and returns that folder.
fn build(root: &Path) -> TempDir {
    let out = TempDir::new().expect("temp dir");
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: out.path().join("public"),
        check_only: false,
    };
    match briefing::build(&options) {
        Ok(_) => out,
        Err(briefing::Failure::Content(d)) => {
            let lines: Vec<String> = d.sorted().iter().map(|d| d.to_string()).collect();
            panic!("the pack has problems:\n{}", lines.join("\n"))
        }
        Err(briefing::Failure::Other(e)) => panic!("build failed: {e:#}"),
    }
}

fn page(out: &TempDir, rel: &str) -> Html {
    let path = out.path().join("public").join(rel);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector).collect()
}

fn text(e: &ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

fn attr(e: &ElementRef, name: &str) -> String {
    e.value().attr(name).unwrap_or_default().to_string()
}

/// The ids of the events on timeline.html, in page order.
fn event_ids(html: &Html) -> Vec<String> {
    select(html, "li.event")
        .iter()
        .map(|e| attr(e, "id"))
        .collect()
}

fn event(id: &str, date: &str, extra: &str) -> String {
    format!("[[event]]\nid = \"{id}\"\ndate = \"{date}\"\ntitle = \"Event {id}\"\n{extra}\n")
}

#[test]
fn events_sort_by_date_coarser_first_and_ties_keep_file_order() {
    let timeline = [
        event("day", "2007-03-23", ""),
        event("year-a", "2006", ""),
        event("y2007", "2007", ""),
        event("month", "2006-05", ""),
        event("year-b", "2006", ""),
        event("march", "2007-03", ""),
        event("early", "1999-12-31", ""),
    ]
    .concat();
    let out = build(pack(&timeline).path());
    let html = page(&out, "timeline.html");
    assert_eq!(
        event_ids(&html),
        [
            "early", "year-a", "year-b", "month", "y2007", "march", "day"
        ]
    );
    // The chart links the events in the same order.
    let chart: Vec<String> = select(&html, "svg.timeline-chart a")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(
        chart,
        [
            "#early", "#year-a", "#year-b", "#month", "#y2007", "#march", "#day"
        ]
    );
}

#[test]
fn dates_show_at_their_own_precision() {
    let timeline = [
        event("y", "2000", ""),
        event("m", "2000-03", ""),
        event("d", "2007-03-23", ""),
        event("p", "2006", "end = \"2007\""),
        event("pm", "2006-11", "end = \"2007-02-14\""),
    ]
    .concat();
    let out = build(pack(&timeline).path());
    let html = page(&out, "timeline.html");
    let shown = |id: &str| -> (String, Vec<(String, String)>) {
        let heading = select(&html, &format!("li#{id} h3"));
        let times = select(&html, &format!("li#{id} h3 time"))
            .iter()
            .map(|t| (attr(t, "datetime"), text(t)))
            .collect();
        (text(&heading[0]), times)
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        shown("y"),
        ("2000: Event y".into(), vec![pair("2000", "2000")])
    );
    assert_eq!(
        shown("m"),
        (
            "March 2000: Event m".into(),
            vec![pair("2000-03", "March 2000")]
        )
    );
    assert_eq!(
        shown("d"),
        (
            "23 March 2007: Event d".into(),
            vec![pair("2007-03-23", "23 March 2007")]
        )
    );
    assert_eq!(
        shown("p"),
        (
            "2006 – 2007: Event p".into(),
            vec![pair("2006", "2006"), pair("2007", "2007")]
        )
    );
    assert_eq!(
        shown("pm").1,
        vec![
            pair("2006-11", "November 2006"),
            pair("2007-02-14", "14 February 2007")
        ]
    );
    // The chart labels use the same words.
    let labels: Vec<String> = select(&html, "svg.timeline-chart tspan.date")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        labels,
        [
            "2000",
            "March 2000",
            "2006 – 2007",
            "November 2006 – 14 February 2007",
            "23 March 2007"
        ]
    );
}

#[test]
fn events_are_grouped_by_year_with_a_list_of_years_on_top() {
    let timeline = [
        event("a", "2003-03", ""),
        event("b", "2001", ""),
        event("c", "2003", ""),
    ]
    .concat();
    let out = build(pack(&timeline).path());
    let html = page(&out, "timeline.html");
    let jumps: Vec<(String, String)> = select(&html, "nav.years a")
        .iter()
        .map(|a| (attr(a, "href"), text(a)))
        .collect();
    assert_eq!(
        jumps,
        [
            ("#year-2001".to_string(), "2001".to_string()),
            ("#year-2003".to_string(), "2003".to_string())
        ]
    );
    let groups: Vec<(String, Vec<String>)> = select(&html, "section.year")
        .iter()
        .map(|s| {
            let heading = s
                .select(&Selector::parse("h2").expect("selector"))
                .next()
                .expect("year heading");
            let ids = s
                .select(&Selector::parse("ol.events > li").expect("selector"))
                .map(|li| attr(&li, "id"))
                .collect();
            (format!("{}={}", attr(&heading, "id"), text(&heading)), ids)
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("year-2001=2001".to_string(), vec!["b".to_string()]),
            (
                "year-2003=2003".to_string(),
                vec!["c".to_string(), "a".to_string()]
            )
        ]
    );
}

#[test]
fn events_and_sections_link_both_ways() {
    let timeline = [
        event(
            "later",
            "2007",
            "sections = [\"beta\", \"alpha\"]\nsource = \"report\"\nparagraphs = \"2\"\nkey = true",
        ),
        event("earlier", "2001-06", "sections = [\"alpha\"]"),
        "[[event]]\ndate = \"2005\"\ntitle = \"No id given\"\nbody = \"Some *text*.\"\n"
            .to_string(),
    ]
    .concat();
    let out = build(pack(&timeline).path());
    let html = page(&out, "timeline.html");

    let later = &select(&html, "li#later")[0];
    let links: Vec<(String, String)> = later
        .select(&Selector::parse(".event-sections a").expect("selector"))
        .map(|a| (attr(&a, "href"), text(&a)))
        .collect();
    assert_eq!(
        links,
        [
            ("sections/beta.html".to_string(), "Beta".to_string()),
            ("sections/alpha.html".to_string(), "Alpha".to_string())
        ]
    );
    let citation = &later
        .select(&Selector::parse(".citation").expect("selector"))
        .next()
        .expect("citation");
    assert_eq!(text(citation), "Source: The Report, paragraph 2");
    let source_link = citation
        .select(&Selector::parse("a").expect("selector"))
        .next()
        .expect("source link");
    assert_eq!(attr(&source_link, "href"), "sources.html#source-report");

    // An event without an id gets one from its date and title; its body is Markdown.
    assert_eq!(event_ids(&html)[1], "2005-no-id-given");
    assert_eq!(
        select(&html, "li[id='2005-no-id-given'] em")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["text"]
    );

    // Every link in the chart lands on an event of the page.
    let ids = event_ids(&html);
    for a in select(&html, "svg.timeline-chart a") {
        let href = attr(&a, "href");
        assert!(ids.contains(&href[1..].to_string()), "{href}");
    }

    let on_timeline = |slug: &str| -> Vec<(String, String)> {
        let html = page(&out, &format!("sections/{slug}.html"));
        select(&html, "aside.on-timeline li a")
            .iter()
            .map(|a| (attr(a, "href"), text(a)))
            .collect()
    };
    assert_eq!(
        on_timeline("alpha"),
        [
            (
                "../timeline.html#earlier".to_string(),
                "June 2001: Event earlier".to_string()
            ),
            (
                "../timeline.html#later".to_string(),
                "2007: Event later".to_string()
            )
        ]
    );
    assert_eq!(
        on_timeline("beta"),
        [(
            "../timeline.html#later".to_string(),
            "2007: Event later".to_string()
        )]
    );
    let gamma = page(&out, "sections/gamma.html");
    assert!(select(&gamma, "aside.on-timeline").is_empty());
    let alpha = page(&out, "sections/alpha.html");
    let heading = select(&alpha, "aside.on-timeline h2");
    assert_eq!(text(&heading[0]), "On the timeline");
}

#[test]
fn the_landing_page_shows_the_key_events_in_date_order() {
    let timeline = [
        event("late", "2007-03-23", "key = true"),
        event("minor", "2004", ""),
        event("early", "2000", "key = true"),
        event("span", "2005", "end = \"2006\"\nkey = true"),
    ]
    .concat();
    let out = build(pack(&timeline).path());
    let html = page(&out, "index.html");
    let strip: Vec<(String, Vec<String>, String)> = select(&html, ".date-strip li a")
        .iter()
        .map(|a| {
            let times = a
                .select(&Selector::parse("time").expect("selector"))
                .map(|t| attr(&t, "datetime"))
                .collect();
            (attr(a, "href"), times, text(a))
        })
        .collect();
    assert_eq!(
        strip,
        [
            (
                "timeline.html#early".to_string(),
                vec!["2000".to_string()],
                "2000 Event early".to_string()
            ),
            (
                "timeline.html#span".to_string(),
                vec!["2005".to_string(), "2006".to_string()],
                "2005 – 2006 Event span".to_string()
            ),
            (
                "timeline.html#late".to_string(),
                vec!["2007-03-23".to_string()],
                "23 March 2007 Event late".to_string()
            ),
        ]
    );
    // The chart emphasises the same three.
    let timeline = page(&out, "timeline.html");
    let keys: Vec<String> = select(&timeline, "svg.timeline-chart a.key")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(keys, ["#early", "#span", "#late"]);
}

#[test]
fn the_chart_is_named_described_and_drawn_for_both_schemes() {
    let out = build(pack(&[event("a", "2000", ""), event("b", "2003", "")].concat()).path());
    let html = page(&out, "timeline.html");
    let svg = &select(&html, "figure svg.timeline-chart")[0];
    assert_eq!(attr(svg, "role"), "group");
    let title_id = attr(svg, "aria-labelledby");
    let desc_id = attr(svg, "aria-describedby");
    let title = &select(&html, &format!("svg title#{title_id}"))[0];
    let desc = &select(&html, &format!("svg desc#{desc_id}"))[0];
    assert_eq!(text(title), "Timeline chart, 2000 to 2003");
    assert!(text(desc).starts_with("2 events on a time axis from 2000 to 2004"));
    // Colours come from style.css classes, so both schemes and print apply.
    let raw = fs::read_to_string(out.path().join("public/timeline.html")).expect("page");
    let chart = &raw[raw.find("<svg").expect("svg")..raw.find("</svg>").expect("end")];
    for colour in ["fill=\"#", "stroke=\"#", "style=", "<script"] {
        assert!(!chart.contains(colour), "{colour}");
    }
    let css = fs::read_to_string(out.path().join("public/assets/style.css")).expect("css");
    assert!(css.contains(".timeline-chart .key .mark { fill: var(--key); }"));
    // The chart comes before the list.
    assert!(raw.find("<svg").expect("svg") < raw.find("<ol class=\"events\"").expect("list"));
}

#[test]
fn a_pack_without_a_timeline_has_an_empty_timeline_page() {
    let dir = pack("");
    fs::remove_file(dir.path().join("content/timeline.toml")).expect("remove");
    let out = build(dir.path());
    let html = page(&out, "timeline.html");
    assert!(select(&html, "svg").is_empty());
    assert_eq!(
        text(&select(&html, "main p")[0]),
        "This pack has no timeline yet."
    );
    let index = page(&out, "index.html");
    assert!(select(&index, ".date-strip").is_empty());
}

#[test]
fn two_builds_give_the_same_timeline_bytes() {
    let timeline = [
        event("a", "2003", ""),
        event("b", "2003-03", "key = true"),
        event("c", "2006", ""),
        event("d", "2006", "key = true"),
        event("e", "2007-03", ""),
    ]
    .concat();
    let dir = pack(&timeline);
    let first = build(dir.path());
    let second = build(dir.path());
    let read = |out: &TempDir| fs::read(out.path().join("public/timeline.html")).expect("page");
    assert_eq!(read(&first), read(&second));
}

// ----- mistakes in timeline.toml ----------------------------------------------------

/// Runs `briefing check` on a pack with `timeline` and returns its problem lines
/// (without the numbering), expecting exit code 1.
fn problems(timeline: &str) -> Vec<String> {
    let dir = pack(timeline);
    let output = Command::cargo_bin("briefing")
        .expect("binary")
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    stderr
        .lines()
        .filter_map(|l| l.trim_start().split_once(". content/"))
        .map(|(_, rest)| format!("content/{rest}"))
        .collect()
}

fn one_problem(timeline: &str) -> String {
    let found = problems(timeline);
    assert_eq!(found.len(), 1, "{found:#?}");
    found[0].clone()
}

#[test]
fn impossible_dates_are_errors_at_the_value() {
    for (date, message) in [
        (
            "2007-13",
            "`2007-13` has no month 13: months run from 01 to 12",
        ),
        (
            "2007-02-30",
            "`2007-02-30` is not a real day: February 2007 has 28 days",
        ),
        (
            "March 2007",
            "`March 2007` is not a date; write the date as \"2007\", \"2007-03\" or \"2007-03-23\"",
        ),
    ] {
        let timeline = format!(
            "{}\n[[event]]\ntitle = \"Bad\"\ndate = \"{date}\"\n",
            event("ok", "2000", "")
        );
        assert_eq!(
            one_problem(&timeline),
            format!("content/timeline.toml:9:8: error: {message}")
        );
    }
}

#[test]
fn an_end_before_the_start_is_an_error_at_the_end() {
    let timeline = "[[event]]\ntitle = \"Backwards\"\ndate = \"2007-03\"\nend   = \"2006\"\n";
    assert_eq!(
        one_problem(timeline),
        "content/timeline.toml:4:9: error: the event ends (2006) before it starts (2007-03)"
    );
}

#[test]
fn unknown_sections_and_sources_are_errors_with_a_suggestion() {
    let timeline = "[[event]]\ntitle = \"T\"\ndate = \"2000\"\nsections = [\"alpha\", \"bta\"]\nsource = \"reprot\"\n";
    let found = problems(timeline);
    assert_eq!(
        found,
        [
            "content/timeline.toml:4:22: error: unknown section `bta`",
            "content/timeline.toml:5:10: error: unknown source document `reprot`",
        ]
    );
    let dir = pack(timeline);
    let output = Command::cargo_bin("briefing")
        .expect("binary")
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("hint: did you mean `beta`?"), "{stderr}");
    assert!(stderr.contains("hint: did you mean `report`?"), "{stderr}");
}

#[test]
fn duplicate_ids_are_errors_naming_the_first() {
    let timeline = [
        event("same", "2000", ""),
        event("other", "2001", ""),
        event("same", "2002", ""),
    ]
    .concat();
    assert_eq!(
        one_problem(&timeline),
        "content/timeline.toml:12:6: error: two events have the id `same`: here and at line 2"
    );
    // Ids made from date and title collide too.
    let timeline = "[[event]]\ndate = \"2000\"\ntitle = \"Twice\"\n\n[[event]]\ndate = \"2000\"\ntitle = \"Twice\"\n";
    assert_eq!(
        one_problem(timeline),
        "content/timeline.toml:5:1: error: two events have the id `2000-twice`: here and at line 1"
    );
}

#[test]
fn ids_must_be_usable_anchors() {
    assert_eq!(
        one_problem(&event("--", "2000", "")),
        "content/timeline.toml:2:6: error: the event's id is empty"
    );
    assert_eq!(
        one_problem(&event("year-2000", "2000", "")),
        "content/timeline.toml:2:6: error: the id `year-2000` is used by the timeline page itself"
    );
}

#[test]
fn a_missing_title_is_reported_at_its_event_and_other_problems_still_show() {
    let timeline = format!(
        "{}\n# a comment\n[[event]]\ndate = \"2001\"\nbody = \"No title.\"\n\n{}",
        event("first", "2000", ""),
        event("third", "2007-13", "")
    );
    assert_eq!(
        problems(&timeline),
        [
            "content/timeline.toml:8:1: error: missing field `title`",
            "content/timeline.toml:14:8: error: `2007-13` has no month 13: months run from 01 to 12",
        ]
    );
}

#[test]
fn other_shapes_of_bad_input_are_located() {
    assert_eq!(
        one_problem("[[event]]\ntitle = \"T\"\ndate = \"2000\"\ncolour = \"red\"\n"),
        "content/timeline.toml:4:1: error: unknown field `colour`"
    );
    assert_eq!(
        one_problem("[[event]]\ntitle = \"T\"\ndate = 2000\n"),
        "content/timeline.toml:3:8: error: the date `2000` needs quotes"
    );
    assert_eq!(
        one_problem("[[events]]\ntitle = \"T\"\ndate = \"2000\"\n"),
        "content/timeline.toml:1:3: error: unknown field `events`"
    );
    assert_eq!(
        one_problem("[[event]]\ntitle = \"T\"\ndate = \"2000\"\nparagraphs = \"3\"\n"),
        "content/timeline.toml:4:14: error: paragraphs are given without a source"
    );
    assert_eq!(
        one_problem("[[event]]\ntitle = \"T\"\ndate = \"2000\n"),
        "content/timeline.toml:3:13: error: unclosed string: add the closing \""
    );
}

// ----- the pack shipped in this repository --------------------------------------------

#[test]
fn the_shipped_pack_shows_its_key_events_in_date_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = build(root);
    let html = page(&out, "timeline.html");
    let key: Vec<(String, String, String)> = select(&html, "li.event.key")
        .iter()
        .map(|li| {
            let time = li
                .select(&Selector::parse("h3 time").expect("selector"))
                .next()
                .expect("date");
            (attr(li, "id"), attr(&time, "datetime"), text(&time))
        })
        .collect();
    let ids: Vec<&str> = key.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "reflex-set-up",
            "poppy-funding",
            "soca-ukhtc-established",
            "action-plan-published"
        ]
    );
    let years: Vec<&str> = key.iter().map(|(_, iso, _)| &iso[..4]).collect();
    assert_eq!(years, ["2000", "2003", "2006", "2007"]);
    // The report dates the Action Plan to March 2007; the written answer's 23 March
    // 2007 is the date of a document the pack does not assume is the same one.
    assert_eq!(key[3].2, "March 2007");
    let titles: Vec<String> = select(&html, "li.event.key h3").iter().map(text).collect();
    for (title, word) in titles
        .iter()
        .zip(["Reflex", "POPPY", "SOCA", "Action Plan"])
    {
        assert!(title.contains(word), "{title}");
    }
    // The chart and the landing page agree.
    let chart: Vec<String> = select(&html, "svg.timeline-chart a.key")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    let index = page(&out, "index.html");
    let strip: Vec<String> = select(&index, ".date-strip a")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(chart[i], format!("#{id}"));
        assert_eq!(strip[i], format!("timeline.html#{id}"));
    }
}
