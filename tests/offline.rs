//! Offline handout and reviewable output, end to end: the search box and index, the
//! print edition, the bundle, the change report and `build --check`, and that no
//! page asks for anything outside the site.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use briefing::{BuildOptions, BuildReport};
use predicates::prelude::*;
use scraper::{Html, Selector};
use tempfile::TempDir;

// ----- a small pack with every kind of cross-link -----------------------------------

const PACK: &[(&str, &str)] = &[
    (
        "briefing.toml",
        "title = \"Test Pack: Offline\"\ndescription = \"A small pack for tests.\"\nlanguage = \"en-GB\"\n",
    ),
    (
        "content/_index.md",
        "+++\ntitle = \"Test pack\"\n+++\nAn introduction that links to [the first section](sections/alpha.md) and [a heading in it](sections/alpha.md#b).\n\n## Reading notes\n\nRead the sections in order.\n",
    ),
    (
        "content/sources/report.md",
        "+++\ntitle = \"The report\"\nkind = \"report\"\npublisher = \"A committee\"\nurl = \"https://example.org/report\"\nparagraphs = \"1-4\"\n+++\nA report, also [online](https://example.org/more).\n",
    ),
    (
        "content/sections/alpha.md",
        "+++\ntitle = \"Alpha section\"\nsource = \"report\"\nparagraphs = \"1-2\"\norder = 1\nsummary = \"Alpha summary.\"\n+++\nAlpha opens the pack and names [the Agency](../glossary/agency.md).[^1]\n\n## B\n\nSee [beta's history](beta.md#history), [the founding](../timeline.toml#agency-founded), [this heading](#b), [the source](../sources/report.md) and [an outside page](https://example.org/outside).\n\n[^1]: The footnote.\n",
    ),
    (
        "content/sections/alpha-b.md",
        "+++\ntitle = \"Alpha B\"\nsource = \"report\"\nparagraphs = \"3\"\norder = 2\nsummary = \"The second section.\"\n+++\nAlpha B is the second section. [Back to alpha](alpha.md#b).\n\n## B\n\nIts own heading B.\n",
    ),
    (
        "content/sections/beta.md",
        "+++\ntitle = \"Beta section\"\nsource = \"report\"\nparagraphs = \"4\"\norder = 3\nsummary = \"The third section.\"\n+++\nBeta is the third section.\n\n## History\n\nBeta has a history. Trainers read it offline.\n\n![A figure](figure.png)\n",
    ),
    ("content/sections/figure.png", "not really a png"),
    (
        "content/glossary/agency.md",
        "+++\nterm = \"The Agency\"\nabbr = \"TA\"\nsee_also = [\"board\"]\n+++\nA body that does things. See [beta](../sections/beta.md#history).\n",
    ),
    (
        "content/glossary/board.md",
        "+++\nterm = \"Board\"\n+++\nA board, which oversees [the Agency](agency.md).\n",
    ),
    (
        "content/timeline.toml",
        "[[event]]\nid = \"agency-founded\"\ndate = \"2001-05\"\ntitle = \"The Agency is founded\"\nbody = \"The Agency begins work, as [alpha](sections/alpha.md) describes.\"\nsections = [\"alpha\"]\nsource = \"report\"\nparagraphs = \"1\"\nkey = true\n\n[[event]]\ndate = \"2003\"\ntitle = \"Beta happens\"\nsections = [\"beta\"]\n",
    ),
];

fn write_pack(root: &Path) {
    for (path, text) in PACK {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn pack() -> TempDir {
    let dir = TempDir::new().unwrap();
    write_pack(dir.path());
    dir
}

fn build(root: &Path, output: &Path) -> BuildReport {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        check_only: false,
    };
    match briefing::build(&options) {
        Ok(report) => report,
        Err(briefing::Failure::Content(d)) => panic!("pack problems: {:#?}", d.sorted()),
        Err(briefing::Failure::Other(e)) => panic!("build failed: {e:#}"),
    }
}

/// The fixture pack, built.
fn built_pack() -> (TempDir, PathBuf) {
    let dir = pack();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    (dir, out)
}

/// The pack this repository ships, built into a temporary folder.
fn built_shipped_pack() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("public");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &out);
    (dir, out)
}

/// Every file under `dir` by `/`-separated relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                found.insert(rel.replace('\\', "/"), fs::read(&path).unwrap());
            }
        }
    }
    found
}

fn pages(dir: &Path) -> BTreeMap<String, Html> {
    files(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, bytes)| (p, Html::parse_document(&String::from_utf8(bytes).unwrap())))
        .collect()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(el: &scraper::ElementRef, name: &str) -> String {
    el.value().attr(name).unwrap_or_default().to_string()
}

fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

// ----- search -------------------------------------------------------------------

#[test]
fn every_page_has_a_labelled_search_box_hidden_until_the_script_runs() {
    let (_dir, out) = built_pack();
    for (page, doc) in pages(&out) {
        let root = root_of(&page);
        let html = select(&doc, "html")[0];
        assert_eq!(attr(&html, "data-root"), root, "{page}: data-root");
        let forms = select(&doc, "header form[role=search]");
        assert_eq!(forms.len(), 1, "{page}: one search form in the header");
        assert!(
            forms[0].value().attr("hidden").is_some(),
            "{page}: hidden without JS"
        );
        let input = select(&doc, "form[role=search] input[type=search]");
        assert_eq!(input.len(), 1, "{page}");
        let id = attr(&input[0], "id");
        let label = select(&doc, &format!("form[role=search] label[for={id}]"));
        assert_eq!(label.len(), 1, "{page}: the input has a label");
        assert!(!label[0].text().collect::<String>().trim().is_empty());
        assert_eq!(select(&doc, "#search-results").len(), 1, "{page}");
        let scripts: Vec<String> = select(&doc, "script[src]")
            .iter()
            .map(|s| attr(s, "src"))
            .collect();
        assert_eq!(scripts, [format!("{root}assets/search.js")], "{page}");
        // The index is loaded by search.js only when the reader starts a search.
        assert_eq!(
            attr(&forms[0], "data-index"),
            format!("{root}assets/search-index.js"),
            "{page}"
        );
        // Without JavaScript, the navigation reaches every kind of page.
        let nav: BTreeSet<String> = select(&doc, "header nav a, footer a")
            .iter()
            .map(|a| attr(a, "href").trim_start_matches(&root).to_string())
            .collect();
        for target in [
            "index.html",
            "timeline.html",
            "glossary.html",
            "sources.html",
            "print.html",
        ] {
            assert!(nav.contains(target), "{page}: no link to {target}");
        }
    }
}

/// The documents of `assets/search-index.js`, as (title, url, kind, text).
fn search_docs(out: &Path) -> Vec<[String; 4]> {
    let js = fs::read_to_string(out.join("assets/search-index.js")).unwrap();
    let json = js
        .strip_prefix("window.BRIEFING_SEARCH = ")
        .and_then(|j| j.trim_end().strip_suffix(';'))
        .expect("the index assigns window.BRIEFING_SEARCH");
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    serde_json::from_value(value["docs"].clone()).unwrap()
}

#[test]
fn the_index_holds_sections_terms_and_events_with_working_links() {
    let (_dir, out) = built_pack();
    let docs = search_docs(&out);
    let kinds: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d[0].as_str(), d[2].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Alpha section", "Section"),
            ("Alpha B", "Section"),
            ("Beta section", "Section"),
            ("Board", "Glossary"),
            ("The Agency (TA)", "Glossary"),
            ("The Agency is founded", "Timeline, May 2001"),
            ("Beta happens", "Timeline, 2003"),
        ]
    );
    let beta = &docs[2];
    assert_eq!(beta[1], "sections/beta.html");
    assert!(
        beta[3].contains("Beta has a history. Trainers read it offline."),
        "{beta:?}"
    );
    assert!(!beta[3].contains('#') && !beta[3].contains("figure.png"));
    // Every URL is root-relative, names a file, and its fragment exists there.
    let pages = pages(&out);
    for doc in &docs {
        let (file, fragment) = doc[1].split_once('#').unwrap_or((&doc[1], ""));
        assert!(!file.starts_with('/') && !file.contains("://"), "{doc:?}");
        let page = pages
            .get(file)
            .unwrap_or_else(|| panic!("{doc:?}: no page"));
        if !fragment.is_empty() {
            let found = select(page, &format!("[id=\"{fragment}\"]"));
            assert_eq!(found.len(), 1, "{doc:?}");
        }
    }
}

#[test]
fn the_search_script_loads_nothing_itself() {
    let (_dir, out) = built_pack();
    let js = fs::read_to_string(out.join("assets/search.js")).unwrap();
    for banned in [
        "fetch(",
        "XMLHttpRequest",
        "import ",
        "import(",
        "http:",
        "https:",
    ] {
        assert!(!js.contains(banned), "search.js contains `{banned}`");
    }
    // It shows the form and fills #search-results with links.
    assert!(js.contains("form.hidden = false"));
    assert!(js.contains("'search-results'"));
}

// ----- print edition ----------------------------------------------------------------

/// Checks that every `href="#…"` in print.html has a matching id, that no id is
/// defined twice, and that links in the content stay on the page.
fn check_print(out: &Path) -> Html {
    let html = fs::read_to_string(out.join("print.html")).unwrap();
    let doc = Html::parse_document(&html);
    let mut ids = BTreeSet::new();
    for el in select(&doc, "[id]") {
        let id = attr(&el, "id");
        assert!(ids.insert(id.clone()), "id `{id}` is defined twice");
    }
    let mut in_page = 0;
    for a in select(&doc, "main a[href]") {
        let href = attr(&a, "href");
        if let Some(fragment) = href.strip_prefix('#') {
            assert!(ids.contains(fragment), "no id for `{href}`");
            in_page += 1;
        } else {
            let is_asset = !href.ends_with(".html") && !href.contains(".html#");
            assert!(
                href.starts_with("https://") || is_asset,
                "link `{href}` leaves the print edition"
            );
        }
    }
    assert!(in_page > 0);
    for a in select(&doc, "a[href^='#']") {
        let href = attr(&a, "href");
        assert!(ids.contains(&href[1..]), "no id for `{href}`");
    }
    doc
}

#[test]
fn print_edition_links_stay_in_the_page_and_ids_are_unique() {
    let (_dir, out) = built_pack();
    let doc = check_print(&out);
    let hrefs: BTreeSet<String> = select(&doc, "main a[href]")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    // Cross-links of every kind became anchors: section, heading, event, term,
    // source, footnote; the intro's link to a heading of alpha too.
    for expected in [
        "#sec-alpha",
        "#sec-alpha--b",
        "#sec-beta--history",
        "#event-agency-founded",
        "#term-agency",
        "#term-board",
        "#source-report",
        "#sec-alpha--fn-1",
        "https://example.org/outside",
    ] {
        assert!(
            hrefs.contains(expected),
            "no link `{expected}` in {hrefs:?}"
        );
    }
    // `sec-alpha--b` (alpha's heading B) and `sec-alpha-b` (the section Alpha B)
    // would meet if ids were joined with a single hyphen.
    assert_eq!(select(&doc, "#sec-alpha-b h2").len(), 1);
    assert_eq!(select(&doc, "#sec-alpha-b--b").len(), 1);
    // Images keep pointing at their file.
    let img = select(&doc, "main img");
    assert_eq!(attr(&img[0], "src"), "sections/figure.png");
}

#[test]
fn print_edition_holds_the_whole_pack_in_order() {
    let (_dir, out) = built_pack();
    let doc = check_print(&out);
    let main = select(&doc, "main")[0];
    assert_eq!(select(&doc, "h1").len(), 1);
    let headings: Vec<String> = main
        .select(&Selector::parse("h1, h2").unwrap())
        .map(|h| h.text().collect::<String>())
        .collect();
    assert_eq!(
        headings,
        [
            "Test pack",
            "Contents",
            "Reading notes",
            "Alpha section",
            "Alpha B",
            "Beta section",
            "Timeline",
            "Glossary",
            "Sources"
        ]
    );
    // Each section starts a new printed page; headings inside it move down a level.
    assert_eq!(select(&doc, "article.print-section").len(), 3);
    assert_eq!(select(&doc, "#sec-beta h3#sec-beta--history").len(), 1);
    let css = fs::read_to_string(out.join("assets/style.css")).unwrap();
    let print_css = &css[css.find("@media print").expect("a print stylesheet")..];
    assert!(print_css.contains(".print-section { break-before: page; }"));
    assert!(print_css.contains(".site-header, .site-footer"));
}

#[test]
fn the_shipped_pack_prints_with_every_anchor_in_place() {
    let (_dir, out) = built_shipped_pack();
    check_print(&out);
}

// ----- no request leaves the page ---------------------------------------------------

fn is_external(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("//")
        || url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'))
}

/// Fails on any URL a page would load by itself (scripts, styles, images, frames,
/// media, icons), in HTML or in a stylesheet. Content links `<a>` may go anywhere.
fn assert_no_outside_requests(out: &Path) {
    let loads = "script[src], link[href], img[src], img[srcset], iframe[src], source[src], \
                 video[src], audio[src], embed[src], object[data], track[src], input[src]";
    let pages = pages(out);
    assert!(!pages.is_empty());
    for (page, doc) in &pages {
        for el in select(doc, loads) {
            for name in ["src", "href", "srcset", "data"] {
                if let Some(url) = el.value().attr(name) {
                    assert!(
                        !is_external(url),
                        "{page}: <{}> loads `{url}`",
                        el.value().name()
                    );
                }
            }
        }
        for el in select(doc, "[style], style") {
            let text = attr(&el, "style") + &el.text().collect::<String>();
            assert!(!text.contains("url("), "{page}: inline style loads a URL");
        }
    }
    for (path, bytes) in files(out) {
        if path.ends_with(".css") {
            let css = String::from_utf8(bytes).unwrap();
            assert!(!css.contains("@import") && !css.contains("url("), "{path}");
        }
    }
}

#[test]
fn no_page_loads_anything_from_outside_the_site() {
    let (_dir, out) = built_pack();
    assert_no_outside_requests(&out);
    // The check can tell: the pack does link out, with plain <a> links.
    let beta = fs::read_to_string(out.join("sections/alpha.html")).unwrap();
    assert!(beta.contains("<a href=\"https://example.org/outside\">"));
    let (_dir, out) = built_shipped_pack();
    assert_no_outside_requests(&out);
}

#[test]
fn the_external_url_check_catches_what_it_should() {
    assert!(is_external("https://cdn.example/x.js"));
    assert!(is_external("//cdn.example/x.js"));
    assert!(is_external("data:image/png;base64,AAAA"));
    assert!(!is_external("../assets/style.css"));
    assert!(!is_external("sections/a:b.html"));
}

// ----- reviewable output ------------------------------------------------------------

#[test]
fn one_new_sentence_changes_only_its_page_the_index_and_the_print_edition() {
    let dir = pack();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let before = files(&out);
    let beta = dir.path().join("content/sections/beta.md");
    let text = fs::read_to_string(&beta).unwrap();
    let text = text.replace("read it offline.", "read it offline. They print it too.");
    fs::write(&beta, text).unwrap();

    let report = build(dir.path(), &out);
    assert_eq!(
        report.changes.changed,
        ["assets/search-index.js", "print.html", "sections/beta.html"]
    );
    assert!(report.changes.added.is_empty() && report.changes.removed.is_empty());
    let after = files(&out);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        changed,
        ["assets/search-index.js", "print.html", "sections/beta.html"]
    );
    // And in each of them, the sentence changed exactly one line.
    for path in changed {
        let old = String::from_utf8(before[path].clone()).unwrap();
        let new = String::from_utf8(after[path].clone()).unwrap();
        let (old, new): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
        assert_eq!(old.len(), new.len(), "{path}");
        let differing: Vec<&&str> = new
            .iter()
            .zip(&old)
            .filter(|(n, o)| n != o)
            .map(|(n, _)| n)
            .collect();
        assert_eq!(differing.len(), 1, "{path}: {differing:?}");
        assert!(differing[0].contains("They print it too."), "{path}");
    }
}

#[test]
fn the_same_pack_builds_the_same_bytes_from_any_folder() {
    let (_one, first) = built_pack();
    let (_two, second) = built_pack();
    assert_eq!(files(&first), files(&second));
}

#[test]
fn build_check_lists_stale_files_and_writes_nothing() {
    let dir = pack();
    let out = dir.path().join("public");
    cargo_bin_cmd!("briefing")
        .args(["build", "--check", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("output is out of date"))
        .stdout(predicate::str::contains("+ index.html"));
    assert!(!out.exists(), "--check wrote the output");

    cargo_bin_cmd!("briefing")
        .args(["build", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    cargo_bin_cmd!("briefing")
        .args(["build", "--check", "--root"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("output is up to date"));

    let beta = dir.path().join("content/sections/beta.md");
    let text = fs::read_to_string(&beta).unwrap() + "\nOne more sentence.\n";
    fs::write(&beta, text).unwrap();
    fs::write(out.join("stray.html"), "left over").unwrap();
    let before = files(&out);
    cargo_bin_cmd!("briefing")
        .args(["build", "--check", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "0 added, 3 changed, 1 removed\n  ~ assets/search-index.js\n  ~ print.html\n  ~ sections/beta.html\n  - stray.html",
        ));
    assert_eq!(files(&out), before, "--check changed the output");
}

// ----- bundle -----------------------------------------------------------------------

fn bundle(root: &Path, zip: &Path, epoch: Option<&str>) {
    let mut cmd = cargo_bin_cmd!("briefing");
    cmd.args(["bundle", "--root"]).arg(root).arg("-o").arg(zip);
    match epoch {
        Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
        None => cmd.env_remove("SOURCE_DATE_EPOCH"),
    };
    cmd.assert()
        .success()
        .stdout(predicate::str::contains("unzips to test-pack-offline/"));
}

struct Entry {
    name: String,
    mode: u32,
    time: String,
    bytes: Vec<u8>,
}

fn entries(zip: &Path) -> Vec<Entry> {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            Entry {
                name: file.name().unwrap().to_string(),
                mode: file.unix_mode().unwrap() & 0o777,
                time: file.last_modified().unwrap().to_string(),
                bytes,
            }
        })
        .collect()
}

#[test]
fn the_bundle_is_byte_identical_from_any_folder() {
    let (one, two) = (pack(), pack());
    let zips = TempDir::new().unwrap();
    let (a, b) = (zips.path().join("a.zip"), zips.path().join("b.zip"));
    bundle(one.path(), &a, None);
    bundle(two.path(), &b, None);
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
}

#[test]
fn the_bundle_is_one_sorted_folder_with_fixed_times_and_modes() {
    let dir = pack();
    let zip = dir.path().join("handout.zip");
    bundle(dir.path(), &zip, None);
    let entries = entries(&zip);
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names[0], "test-pack-offline/");
    assert!(names.iter().all(|n| n.starts_with("test-pack-offline/")));
    assert!(names.contains(&"test-pack-offline/index.html"));
    assert!(names.contains(&"test-pack-offline/sections/figure.png"));
    for e in &entries {
        let mode = if e.name.ends_with('/') { 0o755 } else { 0o644 };
        assert_eq!(e.mode, mode, "{}", e.name);
        assert_eq!(e.time, "1980-01-01 00:00:00", "{}", e.name);
    }
    // The zip holds exactly what `build` writes.
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let mut built = files(&out);
    // The output's mark, by which a rebuild knows the folder is a site, is the one
    // file a zip leaves out: it says the folder may be replaced, and a zip is not.
    let mark = built
        .remove(".briefing-output")
        .expect("the output is marked");
    assert!(String::from_utf8_lossy(&mark).contains("built by briefing"));
    let zipped: BTreeMap<String, Vec<u8>> = entries
        .into_iter()
        .filter(|e| !e.name.ends_with('/'))
        .map(|e| (e.name["test-pack-offline/".len()..].to_string(), e.bytes))
        .collect();
    assert_eq!(zipped, built);
}

#[test]
fn the_bundle_takes_its_time_from_source_date_epoch() {
    let dir = pack();
    let zip = dir.path().join("handout.zip");
    bundle(dir.path(), &zip, Some("1700000000"));
    assert!(
        entries(&zip)
            .iter()
            .all(|e| e.time == "2023-11-14 22:13:20")
    );

    cargo_bin_cmd!("briefing")
        .args(["bundle", "--root"])
        .arg(dir.path())
        .env("SOURCE_DATE_EPOCH", "last tuesday")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "SOURCE_DATE_EPOCH is `last tuesday`",
        ));
}

#[test]
fn the_bundle_goes_into_dist_by_default_and_never_into_content_or_the_site() {
    let dir = pack();
    cargo_bin_cmd!("briefing")
        .args(["bundle", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("dist/test-pack-offline.zip").is_file());
    // Inside the built site it would be deleted by the next build.
    cargo_bin_cmd!("briefing")
        .args(["build", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    cargo_bin_cmd!("briefing")
        .args(["bundle", "--root"])
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("public/handout.zip"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("inside a site folder"));
    cargo_bin_cmd!("briefing")
        .args(["bundle", "--root"])
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("content/handout.zip"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to write"));
    assert!(!dir.path().join("content/handout.zip").exists());
}
