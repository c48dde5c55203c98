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

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tiny_http::{Header, Method, Request, Response};

mod reuse;
mod snapshot;

pub use snapshot::Snapshot;

use crate::Failure;
use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostics;

/// Where pages subscribe to rebuild events. Not a path a pack can generate: output
/// paths come from content file names, and `__briefing` is reserved here.
pub const EVENTS_PATH: &str = "/__briefing/events";

/// How many ports after the requested one are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;

/// Saves come as bursts of events (write, rename, metadata): a burst ends after this
/// long without one, and is cut short after `MAX_WAIT` so a busy folder still rebuilds.
/// The events of one save come within a millisecond or so; every millisecond here is
/// one more before the page reloads. A burst cut in two costs one extra rebuild, and
/// the second one always sees the last write.
const QUIET: Duration = Duration::from_millis(10);
const MAX_WAIT: Duration = Duration::from_millis(500);

/// A comment line sent to idle event streams, so a closed tab is noticed and its
/// thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Injected before `</body>` of every served HTML page, never into `build` output.
const LIVE_SCRIPT: &str = include_str!("serve/live.js");

/// Options of `briefing serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 for any free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// What request threads and the rebuild thread share.
#[derive(Default)]
struct Shared {
    /// The last good build; `None` until there is one.
    site: RwLock<Option<Arc<Snapshot>>>,
    live: Mutex<Live>,
}

/// The state pages are told about. One lock for both fields, so a page that
/// subscribes while a rebuild finishes gets either the old state and the new
/// message, or the new state — never neither.
#[derive(Default)]
struct Live {
    /// The problems of the last build, if it failed.
    problems: Option<String>,
    subscribers: Vec<Sender<String>>,
}

impl Shared {
    fn site(&self) -> Option<Arc<Snapshot>> {
        self.site
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn live(&self) -> std::sync::MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a build's outcome and tells every open page.
    fn publish(&self, outcome: Result<Arc<Snapshot>, String>) {
        let (problems, message) = match outcome {
            Ok(site) => {
                *self.site.write().unwrap_or_else(PoisonError::into_inner) = Some(site);
                (None, sse_event("reload", "{}"))
            }
            Err(problems) => {
                let message = problems_event(&problems);
                (Some(problems), message)
            }
        };
        let mut live = self.live();
        live.problems = problems;
        live.subscribers
            .retain(|page| page.send(message.clone()).is_ok());
    }
}

/// Builds, serves and watches until Ctrl-C.
pub fn run(options: &ServeOptions) -> Result<()> {
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("reading {}", options.root.display()))?;
    let shared = Arc::new(Shared::default());
    // Watch first, so a save during the first build is not missed.
    let (changes, changed) = mpsc::channel();
    let mut watcher = watch(&root, changes)?;
    let mut watched = BTreeSet::new();
    watch_folders(&mut watcher, &root, &mut watched);
    let first = rebuild(&root, None);
    shared.publish(first.clone());
    let rebuilder = Rebuilder {
        root: root.clone(),
        watcher,
        watched,
        last: first.ok(),
    };
    spawn_rebuilder(rebuilder, changed, Arc::clone(&shared));
    let server = Arc::new(bind(options.port)?);
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or_else(|| anyhow!("the server has no TCP address"))?;
    let url = format!("http://127.0.0.1:{port}/");
    println!(
        "serving {} at {url} (Ctrl-C to stop)",
        options.root.display()
    );
    let stopper = Arc::clone(&server);
    ctrlc::set_handler(move || stopper.unblock()).context("installing the Ctrl-C handler")?;
    if options.open {
        open_browser(&url);
    }
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        thread::spawn(move || handle(request, &shared));
    }
    println!("stopped");
    Ok(())
}

/// Binds 127.0.0.1 only: a preview is for the author, not the network.
fn bind(port: u16) -> Result<tiny_http::Server> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_ATTEMPTS - 1)
    };
    let mut error = None;
    for candidate in port..=last {
        match tiny_http::Server::http(("127.0.0.1", candidate)) {
            Ok(server) => return Ok(server),
            Err(e) => error = Some(e),
        }
    }
    Err(anyhow!(
        "cannot listen on 127.0.0.1 ports {port}–{last}: {}",
        error.map(|e| e.to_string()).unwrap_or_default()
    ))
}

/// Runs a build, reusing what `last` (the last good one) made that is still good, and
/// prints the outcome; the site on success, the problem text if not.
fn rebuild(root: &Path, last: Option<&Snapshot>) -> Result<Arc<Snapshot>, String> {
    let start = Instant::now();
    match Snapshot::prepare(root, last) {
        Ok((site, warnings)) => {
            eprint!("{}", numbered(&warnings));
            println!(
                "built {} pages in {:.0} ms",
                site.pages(),
                start.elapsed().as_secs_f64() * 1000.0
            );
            Ok(Arc::new(site))
        }
        Err(failure) => {
            let text = match failure {
                Failure::Content(diags) => problem_text(&diags),
                Failure::Other(e) => format!("error: {e:#}"),
            };
            eprintln!("{text}\nthe last good site is still served; fix the files and save");
            Err(text)
        }
    }
}

/// Problems as a failed build reports them: numbered, then counted.
fn problem_text(diags: &Diagnostics) -> String {
    format!(
        "{}{} error(s), {} warning(s)",
        numbered(diags),
        diags.error_count(),
        diags.warning_count()
    )
}

/// Diagnostics as `build` prints them: numbered, sorted, one per line (plus hints).
fn numbered(diags: &Diagnostics) -> String {
    diags
        .sorted()
        .iter()
        .enumerate()
        .map(|(n, d)| format!("{:>3}. {d}\n", n + 1))
        .collect()
}

/// Watches `content/`, `themes/` and `briefing.toml`, sending `()` for each change.
/// The root itself is watched without recursion, which catches `briefing.toml` however
/// an editor saves it (in place, or by renaming a new file over it) and a `themes/`
/// folder created later. Access events are dropped: on Linux every file the build
/// opens is reported, and a rebuild must not trigger the next one. (That is also why
/// this debounces itself: `notify-debouncer-mini` discards the event kind.)
fn watch(root: &Path, changes: Sender<()>) -> Result<RecommendedWatcher> {
    let pack = root.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        let relevant = match event {
            Ok(event) => {
                !matches!(event.kind, EventKind::Access(_))
                    && event.paths.iter().any(|p| is_pack_path(&pack, p))
            }
            // The watcher lost track of something (e.g. an overflow): rebuild to be safe.
            Err(_) => true,
        };
        if relevant {
            let _ = changes.send(());
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
fn watch_folders(watcher: &mut RecommendedWatcher, root: &Path, watched: &mut BTreeSet<PathBuf>) {
    for folder in ["content", "themes"] {
        let path = root.join(folder);
        if !path.is_dir() {
            watched.remove(&path);
        } else if !watched.contains(&path) {
            match watcher.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => {
                    watched.insert(path);
                }
                Err(e) => eprintln!("cannot watch {}: {e}", path.display()),
            }
        }
    }
}

fn is_pack_path(root: &Path, path: &Path) -> bool {
    path.starts_with(root.join("content"))
        || path.starts_with(root.join("themes"))
        || path == root.join(CONFIG_FILE)
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
fn spawn_rebuilder(mut r: Rebuilder, changed: Receiver<()>, shared: Arc<Shared>) {
    thread::spawn(move || {
        let mut pending = r
            .last
            .as_ref()
            .is_some_and(|site| !check(site, &changed, &shared));
        while pending || changed.recv().is_ok() {
            let deadline = Instant::now() + MAX_WAIT;
            while Instant::now() < deadline && changed.recv_timeout(QUIET).is_ok() {}
            watch_folders(&mut r.watcher, &r.root, &mut r.watched);
            let outcome = rebuild(&r.root, r.last.as_deref());
            shared.publish(outcome.clone());
            pending = false;
            if let Ok(site) = outcome {
                pending = !check(&site, &changed, &shared);
                r.last = Some(site);
            }
        }
    });
}

/// Makes every file of a just-published site, as a build would, reporting any that
/// fails (a template error) like a failed build. Stops at the next change; whether it
/// got to the end.
fn check(site: &Snapshot, changed: &Receiver<()>, shared: &Shared) -> bool {
    let Some(problems) = site.make_all(&mut || changed.try_recv().is_ok()) else {
        return false;
    };
    if problems.has_errors() {
        let text = problem_text(&problems);
        eprintln!("{text}\npages that fail show their problem; fix the files and save");
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
        eprintln!("could not open a browser ({e}); open {url} yourself");
    }
}

fn handle(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        respond(request, text_response(405, "only GET and HEAD are served"));
        return;
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH {
        stream_events(request, shared);
        return;
    }
    let response = match site_path(path) {
        Err(status) => text_response(
            status,
            "refused: the preview serves only the site's own files",
        ),
        Ok(path) => file_response(shared.site().as_deref(), &path),
    };
    respond(request, response);
}

fn respond<R: std::io::Read>(request: Request, response: Response<R>) {
    // The browser may have gone away; there is nobody to tell.
    let _ = request.respond(response);
}

/// The path inside the site a URL path names, or the status refusing it: 403 for
/// anything that could climb out of the site (`..`, also percent-encoded), name an
/// absolute path (`//etc/passwd`, `/C:/…`) or use a backslash; 400 for a request
/// target that is not a path at all.
fn site_path(url_path: &str) -> Result<String, u16> {
    let Some(rest) = url_path.strip_prefix('/') else {
        return Err(400);
    };
    let decoded = crate::markdown::percent_decode(rest).ok_or(403u16)?;
    if decoded.starts_with('/') {
        return Err(403);
    }
    let unsafe_segment = |s: &str| s == ".." || s == "." || s.contains(['\\', ':', '\0']);
    if decoded.split('/').any(unsafe_segment) {
        return Err(403);
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        return Ok(format!("{decoded}index.html"));
    }
    Ok(decoded)
}

fn file_response(site: Option<&Snapshot>, path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(file) = site.and_then(|s| s.file(path)) else {
        let page = not_found_page(path, site.is_none());
        return html_response(404, &page);
    };
    let mime = content_type(path);
    let html = mime.starts_with("text/html");
    let bytes = match file {
        Ok(bytes) => bytes,
        Err(problem) if html => return html_response(500, &failed_page(path, &problem)),
        Err(problem) => return text_response(500, &problem),
    };
    if html {
        return html_response(200, &String::from_utf8_lossy(&bytes));
    }
    with_headers(
        Response::from_data(bytes.to_vec()),
        &[("Content-Type", mime), ("Cache-Control", "no-store")],
    )
}

fn html_response(status: u16, html: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(
        Response::from_data(with_live_script(html).into_bytes()).with_status_code(status),
        &[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-store"),
        ],
    )
}

fn text_response(status: u16, text: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(
        Response::from_string(format!("{text}\n")).with_status_code(status),
        &[("Content-Type", "text/plain; charset=utf-8")],
    )
}

/// Adds headers; every one here is an ASCII constant, which tiny_http always accepts.
fn with_headers<R: std::io::Read>(
    mut response: Response<R>,
    headers: &[(&str, &str)],
) -> Response<R> {
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

/// The page's HTML with the live-reload script before `</body>` (or at the end).
pub fn with_live_script(html: &str) -> String {
    let script = format!("<script>\n{LIVE_SCRIPT}</script>\n");
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{html}{script}"),
    }
}

fn not_found_page(path: &str, no_site_yet: bool) -> String {
    let explanation = if no_site_yet {
        "The pack has not built yet. Fix the problems shown and this page reloads by itself."
    } else {
        "No page of the pack has this address."
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n</head>\n<body>\n<main>\n<h1>Not found: {}</h1>\n<p>{explanation} <a href=\"/index.html\">Home</a></p>\n</main>\n</body>\n</html>\n",
        crate::markdown::escape(path)
    )
}

/// A page whose template failed: the problem, where the page would be. It reloads
/// itself, like every served page, once a rebuild fixes it.
fn failed_page(path: &str, problem: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Problem: {path}</title>\n</head>\n<body>\n<main>\n<h1>This page could not be made</h1>\n<pre>{problem}</pre>\n<p>Fix the files and save: this page reloads by itself.</p>\n</main>\n</body>\n</html>\n",
        path = crate::markdown::escape(path),
        problem = crate::markdown::escape(problem),
    )
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Holds the connection open and writes each message a rebuild publishes.
fn stream_events(request: Request, shared: &Shared) {
    let (page, messages) = mpsc::channel();
    let current = {
        let mut live = shared.live();
        live.subscribers.push(page);
        live.problems.as_deref().map(problems_event)
    };
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 1000\n\n";
    let mut send = |text: &str| {
        writer
            .write_all(text.as_bytes())
            .and_then(|()| writer.flush())
    };
    if send(head).is_err() || current.is_some_and(|m| send(&m).is_err()) {
        return;
    }
    loop {
        let text = match messages.recv_timeout(KEEP_ALIVE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(&text).is_err() {
            return;
        }
    }
}

fn problems_event(problems: &str) -> String {
    let data = serde_json::to_string(problems).unwrap_or_else(|_| "\"\"".to_string());
    sse_event("problems", &data)
}

/// One server-sent event; `data` must be a single line (JSON is).
fn sse_event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_stay_inside_the_site() {
        assert_eq!(site_path("/"), Ok("index.html".to_string()));
        assert_eq!(
            site_path("/sections/a.html"),
            Ok("sections/a.html".to_string())
        );
        assert_eq!(
            site_path("/sections/"),
            Ok("sections/index.html".to_string())
        );
        assert_eq!(site_path("/a%20b.html"), Ok("a b.html".to_string()));
        for refused in [
            "/../etc/passwd",
            "/sections/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2fetc%2fpasswd",
            "/sections/%2e%2e/%2e%2e/x",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows/win.ini",
            "/..%5c..%5cwin.ini",
            "/./index.html",
            "/%ff",
        ] {
            assert_eq!(site_path(refused), Err(403), "{refused}");
        }
        assert_eq!(site_path("http://example.com/"), Err(400));
        assert_eq!(site_path("*"), Err(400));
    }

    #[test]
    fn the_script_goes_before_the_body_end() {
        let html = with_live_script("<html><body>\n<p>x</p>\n</body>\n</html>\n");
        assert!(html.contains("<p>x</p>\n<script>\n"), "{html}");
        assert!(html.ends_with("</script>\n</body>\n</html>\n"), "{html}");
        assert!(html.contains(EVENTS_PATH));
    }

    #[test]
    fn problem_events_are_one_data_line() {
        let event = problems_event("a.md:1:1: error: x\n    hint: \"y\"");
        assert_eq!(
            event,
            "event: problems\ndata: \"a.md:1:1: error: x\\n    hint: \\\"y\\\"\"\n\n"
        );
    }
}
