//! The site's output paths, checked once for all before anything is made, so that
//! `check` finds what would stop `build`: a file of `content/` or of the theme
//! published where the build writes a file of its own would replace it (and every
//! later build would report it changed), so every such clash is an error naming
//! both; and a name too long for a file system could not be written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::base::paths::{CONFIG_FILE, CONTENT_DIR, INDEX_FILE, NAME_MAX};
use crate::model::{PageRef, Site};
use crate::render::files::Planned;
use crate::render::theme::Theme;

/// The problems of a list of output paths: two files at one path, at two paths a
/// file system that ignores case (macOS, Windows) takes for one, a file where the
/// build needs a folder, or a name too long to write.
pub(crate) fn check(site: &Site, theme: &Theme, files: &[(String, Planned)]) -> Diagnostics {
    let mut problems = Diagnostics::new();
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    let clash = Clash { site, theme, files };
    for (path, planned) in files {
        if let Some(name) = path.split('/').find(|name| name.len() > NAME_MAX) {
            problems.push(clash.too_long(path, name, planned));
        }
    }
    for (i, (path, _)) in files.iter().enumerate() {
        match taken.get(&path.to_lowercase()) {
            Some(&first) => problems.push(clash.of(first, i)),
            None => drop(taken.insert(path.to_lowercase(), i)),
        }
    }
    // A file in the way of a folder is reported once, with the first file under it.
    let mut in_the_way = BTreeSet::new();
    for (i, (path, _)) in files.iter().enumerate() {
        let mut folders = path.match_indices('/').map(|(at, _)| &path[..at]);
        if let Some(&file) = folders.find_map(|folder| taken.get(&folder.to_lowercase()))
            && in_the_way.insert(file)
        {
            problems.push(clash.folder(file, i));
        }
    }
    problems
}

/// What is needed to word a clash between two planned files.
struct Clash<'a> {
    site: &'a Site,
    theme: &'a Theme,
    files: &'a [(String, Planned)],
}

impl Clash<'_> {
    /// Files `a` and `b` (`a` first in the plan) at one path, or at two a file system
    /// that ignores case takes for one.
    fn of(&self, a: usize, b: usize) -> Diagnostic {
        let (kept, blamed) = self.blame(a, b);
        let (kept_path, kept_planned) = &self.files[kept];
        let (blamed_path, blamed_planned) = &self.files[blamed];
        let at = if kept_path == blamed_path {
            format!("`{blamed_path}`")
        } else {
            format!(
                "`{blamed_path}`, which a file system that ignores case (macOS, Windows) takes for `{kept_path}`"
            )
        };
        let message = format!(
            "{} would be published as {at}, where the build writes {}",
            self.describe(blamed_planned),
            self.describe(kept_planned)
        );
        Diagnostic::error(self.origin(blamed_planned), Position::FILE, message)
            .with_hint("rename or move the file: the build makes that path itself")
    }

    /// File `file` planned at a path that file `inside` needs as its folder.
    fn folder(&self, file: usize, inside: usize) -> Diagnostic {
        let (folder, planned) = &self.files[file];
        let (inside_path, inside_planned) = &self.files[inside];
        let (_, blamed) = self.blame(file, inside);
        let message = if blamed == inside {
            format!(
                "{} would be published as `{inside_path}`, inside `{folder}`, where the build writes {}",
                self.describe(inside_planned),
                self.describe(planned)
            )
        } else {
            format!(
                "{} would be published as `{folder}`, where the build needs a folder for {} (`{inside_path}`)",
                self.describe(planned),
                self.describe(inside_planned)
            )
        };
        Diagnostic::error(self.origin(&self.files[blamed].1), Position::FILE, message)
            .with_hint("rename or move the file: the build makes that path itself")
    }

    /// A file whose output path has a name too long to write.
    fn too_long(&self, path: &str, name: &str, planned: &Planned) -> Diagnostic {
        let message = format!(
            "{} would be published as `{path}`, a name of {} bytes where file systems take at most {NAME_MAX}",
            self.describe(planned),
            name.len()
        );
        let hint = match planned {
            Planned::Page(_) => "shorten the file name: its page is named after it, with `.html`",
            _ => "shorten the file name",
        };
        Diagnostic::error(self.origin(planned), Position::FILE, message).with_hint(hint)
    }

    /// Which of two clashing files is reported: a file of the pack rather than one
    /// the build makes, else the later one.
    fn blame(&self, a: usize, b: usize) -> (usize, usize) {
        let authored = |i: usize| match &self.files[i].1 {
            Planned::Asset(_) => 2,
            Planned::Static(name) if self.theme.static_origins.contains_key(name) => 1,
            _ => 0,
        };
        if authored(a) > authored(b) {
            (b, a)
        } else {
            (a, b)
        }
    }

    /// What makes a planned file, in words: "the landing page", "the file
    /// `content/index.html`".
    fn describe(&self, planned: &Planned) -> String {
        let site = self.site;
        match planned {
            Planned::Page(PageRef::Section(i)) => {
                format!("the page of section `{}`", site.sections[*i].slug)
            }
            Planned::Page(PageRef::Term(i)) => {
                format!("the page of glossary entry `{}`", site.terms[*i].slug)
            }
            Planned::Page(PageRef::Source(i)) => {
                format!("the text of source `{}`", site.sources[*i].id)
            }
            Planned::Page(PageRef::Asset(i)) | Planned::Asset(i) => {
                format!("the file `{CONTENT_DIR}/{}`", site.assets[*i].rel)
            }
            Planned::Page(page) => match page {
                PageRef::Index => "the landing page",
                PageRef::Sources => "the sources page",
                PageRef::Glossary => "the glossary page",
                PageRef::Print => "the print edition",
                _ => "the timeline page",
            }
            .to_string(),
            Planned::SearchIndex => "the search index".to_string(),
            Planned::Static(name) => format!("the theme's static file `static/{name}`"),
        }
    }

    /// The file of the pack a planned file comes from, where its problem is reported.
    fn origin(&self, planned: &Planned) -> PathBuf {
        let site = self.site;
        match planned {
            Planned::Page(PageRef::Section(i)) => site.sections[*i].body.file.path.clone(),
            Planned::Page(PageRef::Term(i)) => site.terms[*i].body.file.path.clone(),
            Planned::Page(PageRef::Source(i)) => site.sources[*i].description.file.path.clone(),
            Planned::Page(PageRef::Index) => PathBuf::from(CONTENT_DIR).join(INDEX_FILE),
            Planned::Asset(i) => PathBuf::from(CONTENT_DIR).join(&site.assets[*i].rel),
            Planned::Static(name) => (self.theme.static_origins.get(name).cloned())
                .unwrap_or_else(|| PathBuf::from(format!("(built-in theme)/static/{name}"))),
            Planned::Page(_) | Planned::SearchIndex => PathBuf::from(CONFIG_FILE),
        }
    }
}
