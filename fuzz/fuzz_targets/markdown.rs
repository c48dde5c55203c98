//! Any text as a section body, through every Markdown pass (glossary linking
//! included), with raw HTML allowed and escaped.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    for raw_html in [false, true] {
        if let Some(html) = briefing::internals::fuzzing::render_section(body, raw_html) {
            // Slots are always filled: no private-use marker reaches the page.
            assert!(!html.contains(['\u{FDD0}', '\u{FDD1}']), "{html}");
        }
    }
});
