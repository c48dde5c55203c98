//! Helpers shared by the end-to-end tests: a sample pack made by `briefing init`, and
//! the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub fn briefing() -> Command {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
}

/// A fresh copy of the sample pack in a temporary folder; the pack is `dir/pack`.
pub fn sample_pack() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = dir.path().join("pack");
    let output = briefing()
        .arg("init")
        .arg(&pack)
        .output()
        .expect("run init");
    assert!(output.status.success(), "{output:?}");
    (dir, pack)
}

/// Replaces the only occurrence of `from` in `file`.
pub fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read file to edit");
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` in {}",
        file.display()
    );
    std::fs::write(file, text.replace(from, to)).expect("write edited file");
}

/// Like `edit`, but saved the way many editors save: a new file renamed over the old,
/// so a watcher can never see it half-written.
pub fn edit_by_rename(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read file to edit");
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` in {}",
        file.display()
    );
    let pack = file
        .ancestors()
        .find(|a| a.join("briefing.toml").is_file())
        .expect("the file is in a pack");
    // Beside the pack, not in it: the temporary file is not part of the pack.
    let temp = pack.with_extension("saving");
    std::fs::write(&temp, text.replace(from, to)).expect("write the new version");
    std::fs::rename(&temp, file).expect("rename it over the old");
}
