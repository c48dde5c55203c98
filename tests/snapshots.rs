//! Whole rendered pages of the sample pack that `init` writes, as snapshots: a change
//! to any page's HTML shows up here as a diff to review like code
//! (`INSTA_UPDATE=always cargo test --test snapshots` records the new pages, then
//! `git diff tests/snapshots/` shows what changed).

use briefing::internals::render::Contents;

#[test]
fn every_page_of_the_sample_pack() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("pack");
    briefing::init(&root).expect("init writes the sample pack");
    let Ok(built) = briefing::generate(&root) else {
        panic!("the sample pack builds");
    };
    let mut pages: Vec<_> = (built.files.iter())
        .filter(|f| f.path.ends_with(".html"))
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(pages.len() >= 8, "only {} pages", pages.len());
    for page in pages {
        let Contents::Bytes(bytes) = &page.contents else {
            panic!("{} is made, not copied", page.path);
        };
        let html = String::from_utf8(bytes.clone()).expect("pages are UTF-8");
        let name = page.path.replace('/', "__").replace(".html", "");
        insta::assert_snapshot!(name, html);
    }
}
