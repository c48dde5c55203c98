//! The theme: Tera templates and static files. The default theme is embedded in the
//! binary; a pack's `themes/<name>/` folder overrides any file of it by name, so an
//! author who changes one template does not copy the rest (and keeps getting fixes).

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::content::{SourceText, slash_path};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};

include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));

#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (`section.html`) → source.
    pub templates: BTreeMap<String, String>,
    /// Static file path inside `static/` → bytes; written under `assets/`.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    pub fn embedded() -> Theme {
        let mut theme = Theme::default();
        for (rel, bytes) in EMBEDDED_THEME {
            theme.add(rel, bytes.to_vec(), None);
        }
        // Generated rather than shipped, so it always matches the grammars' classes; a
        // pack overrides it like any static file, by name.
        let css = crate::highlight::stylesheet().as_bytes().to_vec();
        theme.statics.insert("highlight.css".to_string(), css);
        theme
    }

    fn add(&mut self, rel: &str, bytes: Vec<u8>, origin: Option<&Path>) -> Option<Diagnostic> {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = match origin {
                Some(path) => match SourceText::from_bytes(path.to_path_buf(), bytes) {
                    Ok(source) => source.text,
                    Err(d) => return Some(d),
                },
                None => String::from_utf8_lossy(&bytes).into_owned(),
            };
            self.templates.insert(name.to_string(), text);
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), bytes);
        }
        None
    }
}

/// The embedded theme with the pack's own theme files laid over it.
pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Theme {
    let mut theme = Theme::embedded();
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            diags.push(
                Diagnostic::error(
                    "briefing.toml",
                    Position::FILE,
                    format!("theme `{name}` not found in themes/"),
                )
                .with_hint("remove `theme` from [build] to use the built-in theme"),
            );
        }
        return theme;
    }
    for entry in WalkDir::new(&dir).sort_by_file_name().follow_links(false) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_default();
                diags.push(Diagnostic::error(
                    path,
                    Position::FILE,
                    format!("cannot read theme file: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = slash_path(entry.path().strip_prefix(&dir).unwrap_or(entry.path()));
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                if let Some(d) = theme.add(&rel, bytes, Some(shown)) {
                    diags.push(d);
                }
            }
            Err(e) => diags.push(Diagnostic::error(
                shown,
                Position::FILE,
                format!("cannot read theme file: {e}"),
            )),
        }
    }
    theme
}
