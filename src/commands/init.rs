//! `briefing init DIR`: a new pack from sample files built into the binary. The theme
//! is not copied: the embedded default serves until the author overrides a template by
//! adding a file of the same name under `themes/default/`, so a new pack keeps getting
//! the theme's fixes.

use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::output;
use crate::render::OutputFile;

/// The sample pack: (path inside the pack, text).
const SAMPLE: &[(&str, &str)] = &[
    // Named without its dot in the source tree, where it would apply to briefing itself.
    (".gitignore", include_str!("init/gitignore")),
    ("briefing.toml", include_str!("init/briefing.toml")),
    ("content/_index.md", include_str!("init/content/_index.md")),
    (
        "content/glossary/flood-resilience-fund.md",
        include_str!("init/content/glossary/flood-resilience-fund.md"),
    ),
    (
        "content/glossary/flood-warning-service.md",
        include_str!("init/content/glossary/flood-warning-service.md"),
    ),
    (
        "content/sections/next-steps.md",
        include_str!("init/content/sections/next-steps.md"),
    ),
    (
        "content/sections/the-floods.md",
        include_str!("init/content/sections/the-floods.md"),
    ),
    (
        "content/sources/flood-review.md",
        include_str!("init/content/sources/flood-review.md"),
    ),
    (
        "content/sources/flood-review.text.md",
        include_str!("init/content/sources/flood-review.text.md"),
    ),
    (
        "content/timeline.toml",
        include_str!("init/content/timeline.toml"),
    ),
];

/// Writes the sample pack into `dir`, creating it if absent; refuses a folder that
/// holds anything, so no author's file is ever overwritten. Returns the paths written.
pub fn init(dir: &Path) -> Result<Vec<String>> {
    ensure_empty(dir)?;
    let files: Vec<OutputFile> = SAMPLE
        .iter()
        .map(|(path, text)| OutputFile::bytes(*path, text.as_bytes().to_vec()))
        .collect();
    output::write_new_files(&files, dir)?;
    Ok(files.into_iter().map(|f| f.path).collect())
}

fn ensure_empty(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!(
            "refusing to create a pack in `{}`: it is a file",
            dir.display()
        );
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    if entries.next().is_some() {
        bail!(
            "refusing to create a pack in `{}`: the folder is not empty (choose a new or empty folder)",
            dir.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_a_whole_pack_without_a_theme() {
        let paths: Vec<&str> = SAMPLE.iter().map(|(p, _)| *p).collect();
        let count = |prefix: &str| paths.iter().filter(|p| p.starts_with(prefix)).count();
        assert_eq!(count("content/sections/"), 2);
        assert_eq!(count("content/glossary/"), 2);
        assert_eq!(count("content/sources/"), 2);
        assert_eq!(count("themes/"), 0);
        let timeline = SAMPLE
            .iter()
            .find(|(p, _)| *p == "content/timeline.toml")
            .map(|(_, t)| *t)
            .unwrap_or_default();
        assert_eq!(timeline.matches("[[event]]").count(), 3);
    }

    #[test]
    fn a_non_empty_folder_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = init(dir.path()).unwrap_err().to_string();
        assert!(err.contains("is not empty"), "{err}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_missing_folder_is_created_and_an_empty_one_filled() {
        let parent = tempfile::tempdir().unwrap();
        let new = parent.path().join("a/new-pack");
        let written = init(&new).unwrap();
        assert_eq!(written.len(), SAMPLE.len());
        assert!(new.join("content/sections/the-floods.md").is_file());
        let empty = parent.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        init(&empty).unwrap();
        assert!(empty.join("briefing.toml").is_file());
    }
}
