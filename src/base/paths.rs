//! The pack's fixed names (folders and files) and the two ways a path becomes a
//! name: `/`-separated relative paths and URL slugs.

use std::ffi::OsStr;
use std::path::{Component, Path};

use super::chars;

/// The pack's configuration file, in the pack root.
pub(crate) const CONFIG_FILE: &str = "briefing.toml";
/// Where `bundle` puts its zips unless told otherwise.
pub(crate) const BUNDLE_DIR: &str = "dist";
/// The folder of the pack's pages, in the pack root.
pub(crate) const CONTENT_DIR: &str = "content";
/// The folder of themes, in the pack root.
pub(crate) const THEMES_DIR: &str = "themes";
/// The default output folder, in the pack root.
pub const OUTPUT_DIR: &str = "public";

/// The timeline, in `content/`.
pub(crate) const TIMELINE_FILE: &str = "timeline.toml";
/// The landing page, in `content/`.
pub(crate) const INDEX_FILE: &str = "_index.md";

/// The longest file name, in bytes, that common file systems accept (ext4, APFS,
/// NTFS count 255 bytes or fewer characters; never fewer bytes).
pub(crate) const NAME_MAX: usize = 255;

/// Why a file or folder name of the pack cannot be published, if it cannot: a name
/// that is not UTF-8 would be published under its lossy form, where two such names
/// become one file and a URL cannot name it; and a name may not hold a character no
/// text may (`base::chars`).
pub(crate) fn unpublishable_name(name: &OsStr) -> Option<String> {
    if let Some(name) = name.to_str() {
        // A name is text too, published in URLs and printed in messages.
        let c = name.chars().find(|&c| chars::is_unfit(c))?;
        return Some(format!("the name `{name}` holds {}", chars::describe(c)));
    }
    let lossy = name.to_string_lossy();
    let bytes = name.as_encoded_bytes().escape_ascii();
    Some(format!(
        "the name `{lossy}` is not UTF-8 text (its bytes: `{bytes}`)"
    ))
}

/// The hint for [`unpublishable_name`].
pub(crate) const RENAME_HINT: &str =
    "rename it with letters, digits and punctuation as your keyboard types them";

/// A relative path with `/` separators, whatever the platform.
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The URL slug of a file: its stem, lower-cased, with runs of anything but letters
/// and digits turned into single hyphens. Letters outside ASCII are kept.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}
