//! A glossary drawn from the input as well as a section: terms, abbreviations,
//! aliases and definitions are any text, linked into the section and each other.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for raw_html in [false, true] {
        if let Some(pages) = briefing::internals::fuzzing::render_with_glossary(text, raw_html) {
            for html in pages {
                // Internal slots are always filled: no marker reaches a page.
                assert!(!html.contains(['\u{FDD0}', '\u{FDD1}']), "{html}");
            }
        }
    }
});
