//! A prepared site, served from memory: everything a build works out before it lays
//! out pages (the site, its rendered texts, the theme and its compiled templates),
//! with each file made the first time it is asked for and then kept. A rebuild
//! therefore costs what changed, not the whole site: a one-section edit renders one
//! text again, and then the pages that are looked at.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use tera::Tera;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::base::pack_files::PackFile;
use crate::commands::prepared::{Failure, content_failure, prepare_with};
use crate::commands::serve::reuse;
use crate::markdown::Texts;
use crate::markdown::texts::render_texts_reusing;
use crate::model::Site;
use crate::render::{self, Contents, Planned, Theme};

/// The files of one good build of the pack, by path inside the site.
pub struct Snapshot {
    prepared: Prepared,
    files: BTreeMap<String, File>,
    texts_rendered: usize,
}

struct Prepared {
    site: Site,
    texts: Texts,
    theme: Theme,
    /// Shared with the snapshot before when the templates did not change.
    tera: Arc<Tera>,
}

/// One file of the site.
enum File {
    /// Made when first asked for, then kept.
    Made {
        planned: Planned,
        made: OnceLock<Result<Arc<[u8]>, Diagnostic>>,
    },
    /// A file of `content/` copied as it is: read each time, as a build copies it.
    Copied(PackFile),
}

impl Snapshot {
    /// Prepares the pack at `root` as a build would, reusing what `before` (the last
    /// good snapshot) made that cannot have changed. On success, also the warnings.
    pub fn prepare(
        root: &Path,
        before: Option<&Snapshot>,
    ) -> Result<(Snapshot, Diagnostics), Failure> {
        let before = before.map(|b| &b.prepared);
        let rendered = AtomicUsize::new(0);
        let (site, texts, theme, warnings) = prepare_with(root, |site, diags| {
            let old = before.filter(|old| reuse::renders_alike(&old.site, site));
            render_texts_reusing(site, diags, &|page, markdown| {
                let earlier = old.and_then(|o| reuse::earlier(&o.site, &o.texts, page, markdown));
                if earlier.is_none() {
                    rendered.fetch_add(1, Ordering::Relaxed);
                }
                earlier
            })
        })?;
        let tera = match before.filter(|old| old.theme.templates == theme.templates) {
            Some(old) => Arc::clone(&old.tera),
            None => {
                Arc::new((theme.compiled().cloned()).map_err(|d| content_failure(d, &warnings))?)
            }
        };
        let files = plan(&site, &theme).map_err(|d| content_failure(d, &warnings))?;
        let prepared = Prepared {
            site,
            texts,
            theme,
            tera,
        };
        let snapshot = Snapshot {
            prepared,
            files,
            texts_rendered: rendered.into_inner(),
        };
        Ok((snapshot, warnings))
    }

    /// Every path of the site: exactly the files a build writes.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The pack's title.
    pub fn title(&self) -> &str {
        &self.prepared.site.config.title
    }

    /// How many pages (HTML files) the site has.
    pub fn pages(&self) -> usize {
        self.paths().filter(|p| p.ends_with(".html")).count()
    }

    /// How many texts this snapshot rendered rather than took from the one before.
    pub fn texts_rendered(&self) -> usize {
        self.texts_rendered
    }

    /// The bytes of the file at `path` (`None` if the site has no such file), or why
    /// it could not be made: a template that fails on this page, an unreadable asset.
    pub fn file(&self, path: &str) -> Option<Result<Arc<[u8]>, String>> {
        Some(match self.files.get(path)? {
            File::Copied(from) => (from.read())
                .map(Arc::from)
                .map_err(|e| format!("cannot read {path}: {e}")),
            File::Made { planned, made } => made
                .get_or_init(|| self.make(path, planned))
                .clone()
                .map_err(|d| d.to_string()),
        })
    }

    /// Makes every file not made yet, as a build would, and returns the problems;
    /// `None` if `stop` said to stop first (it is asked before each file).
    pub fn make_all(&self, stop: &mut dyn FnMut() -> bool) -> Option<Diagnostics> {
        let mut problems = Diagnostics::new();
        for (path, file) in &self.files {
            let File::Made { planned, made } = file else {
                continue;
            };
            if stop() {
                return None;
            }
            if let Err(d) = made.get_or_init(|| self.make(path, planned)) {
                problems.push(d.clone());
            }
        }
        Some(problems)
    }

    fn make(&self, path: &str, planned: &Planned) -> Result<Arc<[u8]>, Diagnostic> {
        let Prepared {
            site,
            texts,
            theme,
            tera,
        } = &self.prepared;
        let made = render::make(tera, theme, site, texts, path, planned)?;
        match made.into_file().contents {
            Contents::Bytes(bytes) => Ok(Arc::from(bytes)),
            Contents::Copy(from) => from.read().map(Arc::from).map_err(|e| {
                Diagnostic::error(from.path(), Position::FILE, format!("cannot read it: {e}"))
            }),
        }
    }
}

/// Every file a build writes (`render::plan`), each to be made when asked for; files
/// of `content/` are read afresh each time, as a build copies them.
fn plan(site: &Site, theme: &Theme) -> Result<BTreeMap<String, File>, Diagnostics> {
    Ok((render::plan(site, theme)?.into_iter())
        .map(|(path, planned)| {
            let file = match planned {
                Planned::Asset(i) => File::Copied(site.assets[i].file.clone()),
                planned => File::Made {
                    planned,
                    made: OnceLock::new(),
                },
            };
            (path, file)
        })
        .collect())
}
