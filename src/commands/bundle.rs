//! `briefing bundle`: the built site as one zip for offline handout.
//!
//! The zip holds one folder named after the pack with `index.html` inside, so
//! unzipping never scatters files. It is reproducible: the same pack gives the same
//! bytes from any folder on any machine, because entries are sorted, every timestamp
//! is the same (`SOURCE_DATE_EPOCH` when set, else 1980-01-01, the earliest a zip
//! can say), permissions are fixed (0644 files, 0755 folders), the host system is
//! always recorded as Unix, and the files come from the build in memory, never from
//! whatever happens to lie in `public/`.

use std::collections::BTreeSet;
use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use crate::base::paths::{BUNDLE_DIR, slugify};
use crate::commands::build::generate;
use crate::commands::prepared::{Built, Failure};
use crate::output;
use crate::render::{Contents, OutputFile};

/// Options of `briefing bundle`.
#[derive(Debug, Clone)]
pub struct BundleOptions {
    /// The pack root (holding `briefing.toml`).
    pub root: PathBuf,
    /// The zip to write; default `ROOT/<pack slug>.zip`.
    pub output: Option<PathBuf>,
    /// The value of `SOURCE_DATE_EPOCH`, if set.
    pub source_date_epoch: Option<String>,
}

/// What `bundle` wrote.
#[derive(Debug)]
pub struct BundleReport {
    /// What the build made.
    pub built: Built,
    /// Where the zip was written.
    pub path: PathBuf,
    /// The top folder inside the zip.
    pub folder: String,
    /// The size of the zip.
    pub bytes: usize,
}

/// Builds the pack and writes the zip.
pub fn bundle(options: &BundleOptions) -> Result<BundleReport, Failure> {
    let time = zip_time(options.source_date_epoch.as_deref())?;
    let built = generate(&options.root)?;
    let folder = folder_name(&built.title);
    let zip = zip_site(&built.files, &folder, time)?;
    let path = options
        .output
        .clone()
        .unwrap_or_else(|| default_path(&options.root, &built.title));
    output::write_file(&options.root, &path, &zip)?;
    Ok(BundleReport {
        built,
        path,
        folder,
        bytes: zip.len(),
    })
}

/// The zip's top folder: the pack title as a slug.
pub(crate) fn folder_name(title: &str) -> String {
    let slug = slugify(title);
    if slug.is_empty() {
        "briefing".to_string()
    } else {
        slug
    }
}

/// The timestamp of every entry: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) if
/// set, else 1980-01-01 00:00. Zip dates run from 1980 to 2107; times outside are
/// clamped, since a reproducible date matters more here than an exact one.
pub(crate) fn zip_time(source_date_epoch: Option<&str>) -> Result<DateTime> {
    let Some(text) = source_date_epoch.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(DateTime::DEFAULT);
    };
    let Ok(seconds) = text.parse::<i64>() else {
        bail!("SOURCE_DATE_EPOCH is `{text}`, not a whole number of seconds since 1970-01-01");
    };
    // Zip dates run from 1980 to 2107.
    const FIRST: i64 = 315_532_800; // 1980-01-01 00:00:00 UTC
    const LAST: i64 = 4_354_819_198; // 2107-12-31 23:59:58 UTC
    let clamped = seconds.clamp(FIRST, LAST);
    if clamped == FIRST {
        return Ok(DateTime::DEFAULT);
    }
    let instant = time::OffsetDateTime::from_unix_timestamp(clamped)
        .map_err(|_| anyhow::anyhow!("SOURCE_DATE_EPOCH `{text}` is out of range"))?;
    let civil = time::PrimitiveDateTime::new(instant.date(), instant.time());
    DateTime::try_from(civil)
        .map_err(|_| anyhow::anyhow!("SOURCE_DATE_EPOCH `{text}` is not a date a zip can hold"))
}

/// The site as zip bytes: `folder/` and everything under it, sorted by path.
pub(crate) fn zip_site(files: &[OutputFile], folder: &str, time: DateTime) -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(time)
        .system(System::Unix);
    for entry in entries(files, folder) {
        match entry {
            Entry::Folder(name) => zip
                .add_directory(name.as_str(), options.unix_permissions(0o755))
                .with_context(|| format!("adding {name} to the zip"))?,
            Entry::File(name, file) => {
                zip.start_file(name.as_str(), options.unix_permissions(0o644))
                    .with_context(|| format!("adding {name} to the zip"))?;
                let bytes = file
                    .read()
                    .with_context(|| format!("reading {}", file_origin(file)))?;
                zip.write_all(&bytes)
                    .with_context(|| format!("adding {name} to the zip"))?;
            }
        }
    }
    zip.set_comment(output::BUNDLE_COMMENT)
        .context("marking the zip as a bundle")?;
    let cursor = zip.finish().context("finishing the zip")?;
    Ok(cursor.into_inner())
}

enum Entry<'a> {
    Folder(String),
    File(String, &'a OutputFile),
}

impl Entry<'_> {
    fn name(&self) -> &str {
        match self {
            Entry::Folder(name) | Entry::File(name, _) => name,
        }
    }
}

/// Every folder (ending in `/`) and file of the zip, sorted by name.
fn entries<'a>(files: &'a [OutputFile], folder: &str) -> Vec<Entry<'a>> {
    let mut folders = BTreeSet::from([format!("{folder}/")]);
    let mut entries = Vec::with_capacity(files.len() * 2);
    for file in files {
        let mut parent = file.path.as_str();
        while let Some((up, _)) = parent.rsplit_once('/') {
            folders.insert(format!("{folder}/{up}/"));
            parent = up;
        }
        entries.push(Entry::File(format!("{folder}/{}", file.path), file));
    }
    entries.extend(folders.into_iter().map(Entry::Folder));
    entries.sort_by(|a, b| a.name().cmp(b.name()));
    entries
}

fn file_origin(file: &OutputFile) -> String {
    match &file.contents {
        Contents::Copy(from) => from.path().display().to_string(),
        Contents::Bytes(_) => file.path.clone(),
    }
}

/// Where `bundle` puts the zip when not told: `dist/` in the pack's root, beside
/// `public/`. Nothing there is read by a build, so a zip is never zipped again, and
/// `init`'s `.gitignore` keeps it out of version control.
pub(crate) fn default_path(root: &Path, title: &str) -> PathBuf {
    root.join(BUNDLE_DIR)
        .join(format!("{}.zip", folder_name(title)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_become_utc_zip_dates() {
        let t = zip_time(Some("1700000000")).unwrap();
        assert_eq!(t.to_string(), "2023-11-14 22:13:20");
        // Leap day, and an odd second rounded down (zip keeps two-second steps).
        let t = zip_time(Some("951782399")).unwrap();
        assert_eq!(t.to_string(), "2000-02-28 23:59:58");
        let t = zip_time(Some("951782400")).unwrap();
        assert_eq!(t.to_string(), "2000-02-29 00:00:00");
    }

    #[test]
    fn unset_early_and_late_dates_are_fixed() {
        assert_eq!(zip_time(None).unwrap(), DateTime::DEFAULT);
        assert_eq!(zip_time(Some("")).unwrap(), DateTime::DEFAULT);
        assert_eq!(zip_time(Some("0")).unwrap(), DateTime::DEFAULT);
        assert_eq!(zip_time(Some("-5")).unwrap(), DateTime::DEFAULT);
        assert_eq!(
            zip_time(Some("9999999999")).unwrap().to_string(),
            "2107-12-31 23:59:58"
        );
    }

    #[test]
    fn a_bad_epoch_is_an_error() {
        let e = zip_time(Some("yesterday")).unwrap_err();
        assert!(e.to_string().contains("SOURCE_DATE_EPOCH"), "{e}");
    }

    #[test]
    fn entries_are_sorted_with_every_folder() {
        let files = vec![
            OutputFile::bytes("sections/b.html", vec![]),
            OutputFile::bytes("index.html", vec![]),
            OutputFile::bytes("assets/img/x.png", vec![]),
            OutputFile::bytes("glossary.html", vec![]),
            OutputFile::bytes("glossary/a.html", vec![]),
        ];
        let names: Vec<String> = entries(&files, "pack")
            .iter()
            .map(|e| e.name().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "pack/",
                "pack/assets/",
                "pack/assets/img/",
                "pack/assets/img/x.png",
                "pack/glossary.html",
                "pack/glossary/",
                "pack/glossary/a.html",
                "pack/index.html",
                "pack/sections/",
                "pack/sections/b.html",
            ]
        );
    }

    #[test]
    fn folder_is_the_title_slug() {
        assert_eq!(
            folder_name("Human trafficking in the UK: a briefing"),
            "human-trafficking-in-the-uk-a-briefing"
        );
        assert_eq!(folder_name("???"), "briefing");
    }
}
