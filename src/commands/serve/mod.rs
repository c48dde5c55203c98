//! `briefing serve`: build the pack, serve it on 127.0.0.1, rebuild when a file of the
//! pack changes and make every open page reload itself.
//!
//! The site is served from memory (the files a build generates), not from `public/`.
//! A preview never touches the output an author may be about to publish, nothing is
//! written per save, and a rebuild replaces the whole site in one pointer swap, so no
//! request sees half of one build and half of another. It also makes the file-system
//! boundary structural: only a path naming a generated file can be served.
//!
//! A rebuild prepares the site as a build does but makes each file only when it is
//! asked for ([`Snapshot`]), and renders again only the texts that changed, so a save
//! is reloaded in a fraction of a full build. Once a rebuild is published, the rest of
//! its files are made in the background, and a template failing on any page is
//! reported as a build failure is.
//!
//! Pages learn of rebuilds through server-sent events from [`EVENTS_PATH`]: `reload`
//! after a good build, `problems` (the error text) after a broken one, which the
//! script injected into served HTML shows as an overlay while the last good site
//! stays served.

mod http;
mod listen;
mod reuse;
pub(crate) mod snapshot;
mod state;
mod watch;
mod wire;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

use crate::base::chars::printable;
use crate::base::console::{err_text, say, tell};
use crate::base::paths::slash_path;
use crate::commands::prepared::Failure;
use http::serve_connection;
use listen::{Stop, accept_loop, bind};
use notify::RecommendedWatcher;
use state::Shared;
use watch::{watch, watch_folders};

pub(crate) use snapshot::Snapshot;

/// Saves come as bursts of events (write, rename, metadata): a burst ends after this
/// long without one, and is cut short after `MAX_WAIT` so a busy folder still rebuilds.
/// The events of one save come within a millisecond or so; every millisecond here is
/// one more before the page reloads. A burst cut in two costs one extra rebuild, and
/// the second one always sees the last write.
const QUIET: Duration = Duration::from_millis(10);
const MAX_WAIT: Duration = Duration::from_millis(500);

/// Options of `briefing serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The pack root (holding `briefing.toml`).
    pub root: PathBuf,
    /// 0 for any free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// Builds, serves and watches until Ctrl-C.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("cannot read the pack folder {}", options.root.display()))?;
    let shared = Arc::new(Shared::default());
    // Watch first, so a save during the first build is not missed.
    let (changes, changed) = mpsc::channel();
    let mut watcher = watch(&root, changes)?;
    let mut watched = BTreeSet::new();
    watch_folders(&mut watcher, &root, &mut watched);
    let first = rebuild(&root, None);
    let title = first.as_ref().ok().map(|site| site.title().to_string());
    shared.publish(first.clone());
    let rebuilder = Rebuilder {
        root: root.clone(),
        watcher,
        watched,
        last: first.ok(),
    };
    spawn_rebuilder(rebuilder, changed, Arc::clone(&shared));
    let listener = bind(options.port)?;
    let addr = listener
        .local_addr()
        .context("reading the server's address")?;
    let url = format!("http://127.0.0.1:{}/", addr.port());
    match &title {
        Some(title) => say!("serving “{title}” at {url} (Ctrl-C to stop)"),
        None => say!(
            "serving {} at {url} (Ctrl-C to stop)",
            options.root.display()
        ),
    }
    let stop = Arc::new(Stop::new(addr));
    let stopper = Arc::clone(&stop);
    ctrlc::set_handler(move || stopper.stop()).context("installing the Ctrl-C handler")?;
    if options.open {
        open_browser(&url);
    }
    accept_loop(&listener, &stop, move |stream| {
        serve_connection(stream, &shared)
    });
    say!("stopped");
    Ok(())
}

/// Runs a build, reusing what `last` (the last good one) made that is still good, and
/// prints the outcome; the site on success, the problem text if not.
fn rebuild(root: &Path, last: Option<&Snapshot>) -> Result<Arc<Snapshot>, String> {
    let start = Instant::now();
    match Snapshot::prepare(root, last) {
        Ok((site, warnings)) => {
            err_text(&warnings.numbered());
            say!(
                "built {} pages in {:.0} ms",
                site.pages(),
                start.elapsed().as_secs_f64() * 1000.0
            );
            Ok(Arc::new(site))
        }
        Err(failure) => {
            let text = match failure {
                Failure::Content(diags) => diags.report(),
                Failure::Other(e) => format!("error: {}", printable(&format!("{e:#}"))),
            };
            tell!("{text}\nthe last good site is still served; fix the files and save");
            Err(text)
        }
    }
}

/// What the rebuild thread keeps between rebuilds.
struct Rebuilder {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watched: BTreeSet<PathBuf>,
    /// The last good build, to reuse what it made.
    last: Option<Arc<Snapshot>>,
}

/// Rebuilds once per burst of changes: after the first, waits until the files have
/// been quiet for [`QUIET`] (at most [`MAX_WAIT`]), so a save is built once, whole.
/// Between bursts, makes the rest of the last good build's files.
fn spawn_rebuilder(mut r: Rebuilder, changed: Receiver<Option<PathBuf>>, shared: Arc<Shared>) {
    thread::spawn(move || {
        // The files saved since the last rebuild, named when it starts.
        let mut saved = BTreeSet::new();
        let mut pending =
            (r.last.as_ref()).is_some_and(|site| !check(site, &changed, &shared, &mut saved));
        loop {
            if !pending {
                match changed.recv() {
                    Ok(path) => saved.extend(path),
                    Err(_) => break,
                }
            }
            let deadline = Instant::now() + MAX_WAIT;
            while Instant::now() < deadline {
                match changed.recv_timeout(QUIET) {
                    Ok(path) => saved.extend(path),
                    Err(_) => break,
                }
            }
            if !saved.is_empty() {
                let names: Vec<String> = saved.iter().map(|p| slash_path(p)).collect();
                say!("changed: {}", names.join(", "));
                saved.clear();
            }
            watch_folders(&mut r.watcher, &r.root, &mut r.watched);
            let outcome = rebuild(&r.root, r.last.as_deref());
            shared.publish(outcome.clone());
            pending = false;
            if let Ok(site) = outcome {
                pending = !check(&site, &changed, &shared, &mut saved);
                r.last = Some(site);
            }
        }
    });
}

/// Makes every file of a just-published site, as a build would, reporting any that
/// fails (a template error) like a failed build. Stops at the next change; whether it
/// got to the end.
/// A change that stops it is added to `saved`.
fn check(
    site: &Snapshot,
    changed: &Receiver<Option<PathBuf>>,
    shared: &Shared,
    saved: &mut BTreeSet<PathBuf>,
) -> bool {
    let mut stop = || match changed.try_recv() {
        Ok(path) => {
            saved.extend(path);
            true
        }
        Err(_) => false,
    };
    let Some(problems) = site.make_all(&mut stop) else {
        return false;
    };
    if problems.has_errors() {
        let text = problems.report();
        tell!("{text}\npages that fail show their problem; fix the files and save");
        shared.publish(Err(text));
    }
    true
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = command {
        tell!("could not open a browser ({e}); open {url} yourself");
    }
}
