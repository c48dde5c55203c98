//! Watching the pack's files for changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use anyhow::{Context as _, Result};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::base::console::tell;
use crate::base::paths::{CONFIG_FILE, CONTENT_DIR, THEMES_DIR};

/// Watches `content/`, `themes/` and `briefing.toml`, sending the changed file's path
/// in the pack for each change (`None` when the watcher lost track of what changed).
/// The root itself is watched without recursion, which catches `briefing.toml` however
/// an editor saves it (in place, or by renaming a new file over it) and a `themes/`
/// folder created later. Access events are dropped: on Linux every file the build
/// opens is reported, and a rebuild must not trigger the next one. (That is also why
/// this debounces itself: `notify-debouncer-mini` discards the event kind.)
pub(super) fn watch(root: &Path, changes: Sender<Option<PathBuf>>) -> Result<RecommendedWatcher> {
    let pack = root.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        let changed = match event {
            Ok(event) if matches!(event.kind, EventKind::Access(_)) => None,
            Ok(event) => (event.paths.iter())
                .find(|p| is_pack_path(&pack, p))
                .map(|p| Some(p.strip_prefix(&pack).unwrap_or(p).to_path_buf())),
            // The watcher lost track of something (e.g. an overflow): rebuild to be safe.
            Err(_) => Some(None),
        };
        if let Some(changed) = changed {
            let _ = changes.send(changed);
        }
    })
    .context("starting the file watcher")?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("watching {}", root.display()))?;
    Ok(watcher)
}

/// Adds recursive watches on `content/` and `themes/` if they are not watched yet; a
/// folder missing now is watched when it appears (and again if it is re-created).
pub(super) fn watch_folders(
    watcher: &mut RecommendedWatcher,
    root: &Path,
    watched: &mut BTreeSet<PathBuf>,
) {
    for folder in [CONTENT_DIR, THEMES_DIR] {
        let path = root.join(folder);
        if !path.is_dir() {
            watched.remove(&path);
        } else if !watched.contains(&path) {
            match watcher.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => {
                    watched.insert(path);
                }
                Err(e) => tell!("cannot watch {}: {e}", path.display()),
            }
        }
    }
}

fn is_pack_path(root: &Path, path: &Path) -> bool {
    path.starts_with(root.join(CONTENT_DIR))
        || path.starts_with(root.join(THEMES_DIR))
        || path == root.join(CONFIG_FILE)
}
