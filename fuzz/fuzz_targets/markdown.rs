//! Any text as a section body, through every Markdown pass (glossary linking
//! included) and the page templates, with raw HTML allowed and escaped.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    for raw_html in [false, true] {
        if let Some(files) = briefing::fuzzing::render_section(body, raw_html) {
            assert!(files.iter().any(|f| f.path == "sections/s.html"));
        }
    }
});
