//! The preview's HTTP side: the requests of one connection, mapping each to a file
//! of the site (and nothing else), and the stream of rebuild events.

use std::io::{BufReader, Write as _};
use std::net::TcpStream;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::base::html::escape;
use crate::base::url;
use crate::commands::serve::listen::IDLE;
use crate::commands::serve::snapshot::Snapshot;
use crate::commands::serve::state::{Shared, problems_event};
use crate::commands::serve::wire::{NoRequest, Request, Response, read_request, write_response};

/// Serves the requests of one connection until the client closes it, stays idle
/// for [`IDLE`], or asks for the event stream (which keeps the connection).
pub(super) fn serve_connection(stream: TcpStream, shared: &Shared) {
    let mut reader = BufReader::new(&stream);
    loop {
        let request = match read_request(&mut reader, Instant::now() + IDLE) {
            Ok(request) => request,
            Err(NoRequest::Gone) => return,
            Err(NoRequest::Bad(status)) => {
                let response = text_response(status, "not a request the preview understands");
                let _ = write_response(&stream, &response, true, false);
                return;
            }
        };
        let Some(response) = answer(&request, shared) else {
            stream_events(&stream, shared);
            return;
        };
        let with_body = request.method != "HEAD";
        let keep_alive = request.keep_alive;
        // The browser may have gone away; there is nobody to tell.
        if write_response(&stream, &response, with_body, keep_alive).is_err() || !keep_alive {
            return;
        }
    }
}

/// The response to `request`, or `None` for the event stream.
fn answer(request: &Request, shared: &Shared) -> Option<Response> {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Some(text_response(405, "only GET and HEAD are served"));
    }
    let path = request.target.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH {
        return None;
    }
    Some(match site_path(path) {
        Err(status) => text_response(
            status,
            "refused: the preview serves only the site's own files",
        ),
        Ok(path) => file_response(shared.site().as_deref(), &path),
    })
}

/// The path inside the site a URL path names, or the status refusing it: 403 for
/// anything that could climb out of the site (`..`, also percent-encoded), name an
/// absolute path (`//etc/passwd`, `/C:/…`) or use a backslash; 400 for a request
/// target that is not a path at all.
fn site_path(url_path: &str) -> Result<String, u16> {
    let Some(rest) = url_path.strip_prefix('/') else {
        return Err(400);
    };
    let decoded = url::percent_decode(rest).ok_or(403u16)?;
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

fn file_response(site: Option<&Snapshot>, path: &str) -> Response {
    if let Some(page) = site.and_then(|s| folder_page(s, path)) {
        return html_response(200, &page);
    }
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
    Response {
        status: 200,
        headers: vec![("Content-Type", mime), ("Cache-Control", "no-store")],
        body: bytes.to_vec(),
    }
}

fn html_response(status: u16, html: &str) -> Response {
    Response {
        status,
        headers: vec![
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-store"),
        ],
        body: with_live_script(html).into_bytes(),
    }
}

fn text_response(status: u16, text: &str) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8")],
        body: format!("{text}\n").into_bytes(),
    }
}

/// The page's HTML with the live-reload script before `</body>` (or at the end).
pub(super) fn with_live_script(html: &str) -> String {
    let script = format!("<script>\n{LIVE_SCRIPT}</script>\n");
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{html}{script}"),
    }
}

/// A folder of the site has no page of its own (`/sections/`): the reader is sent to
/// the page that lists its contents, `/glossary.html` for `/glossary/`, or else the
/// landing page's list of that name (`/index.html#sections`).
fn folder_page(site: &Snapshot, path: &str) -> Option<String> {
    let folder = path.strip_suffix("/index.html")?;
    let inside = format!("{folder}/");
    if folder.is_empty()
        || site.file(path).is_some()
        || !site.paths().any(|p| p.starts_with(&inside))
    {
        return None;
    }
    let own_page = format!("{folder}.html");
    let target = match site.file(&own_page) {
        Some(_) => format!("/{own_page}"),
        None => format!(
            "/index.html#{}",
            folder.rsplit('/').next().unwrap_or(folder)
        ),
    };
    let target = crate::base::html::escape(&target);
    Some(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n<title>{target}</title>\n</head>\n<body>\n<p>This folder has no page of its own; its pages are listed at <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n"
    ))
}

fn not_found_page(path: &str, no_site_yet: bool) -> String {
    let explanation = if no_site_yet {
        "The pack has not built yet. Fix the problems shown and this page reloads by itself."
    } else {
        "No page of the pack has this address."
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n</head>\n<body>\n<main>\n<h1>Not found: {}</h1>\n<p>{explanation} <a href=\"/index.html\">Home</a></p>\n</main>\n</body>\n</html>\n",
        escape(path)
    )
}

/// A page whose template failed: the problem, where the page would be. It reloads
/// itself, like every served page, once a rebuild fixes it.
fn failed_page(path: &str, problem: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Problem: {path}</title>\n</head>\n<body>\n<main>\n<h1>This page could not be made</h1>\n<pre>{problem}</pre>\n<p>Fix the files and save: this page reloads by itself.</p>\n</main>\n</body>\n</html>\n",
        path = escape(path),
        problem = escape(problem),
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
fn stream_events(mut writer: &TcpStream, shared: &Shared) {
    let (page, messages) = mpsc::channel();
    let current = {
        let mut live = shared.live();
        live.subscribers.push(page);
        live.problems.as_deref().map(problems_event)
    };
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

/// Where pages subscribe to rebuild events. Not a path a pack can generate: output
/// paths come from content file names, and `__briefing` is reserved here.
pub(super) const EVENTS_PATH: &str = "/__briefing/events";

/// A comment line sent to idle event streams, so a closed tab is noticed and its
/// thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Injected before `</body>` of every served HTML page, never into `build` output.
const LIVE_SCRIPT: &str = include_str!("live.js");

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
