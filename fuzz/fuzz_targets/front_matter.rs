//! Any bytes as a pack file: decoding, front-matter splitting, TOML parsing and the
//! diagnostics printed for them must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for problem in briefing::internals::fuzzing::parse_file(data) {
        // Every problem names the file it was found in.
        assert!(problem.starts_with("content/sections/fuzz.md"), "{problem}");
    }
});
