//! `briefing serve` on an ephemeral port, driven over plain TCP. Every wait has a
//! deadline and the server is killed when a test ends, so no test can hang.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use common::{briefing, edit, edit_by_rename, sample_pack};

const PATIENCE: Duration = Duration::from_secs(20);

/// A running `briefing serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    stdout: Receiver<String>,
}

impl Server {
    fn start(pack: &Path) -> Server {
        let mut child = briefing()
            .args(["serve", "--port", "0", "--root"])
            .arg(pack)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start briefing serve");
        let (lines, stdout) = mpsc::channel();
        let out = child.stdout.take().expect("piped stdout");
        thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stdout,
        };
        let line = server.wait_for_line("serving ");
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in `{line}`"));
        server.port = port;
        server
    }

    fn wait_for_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("the server never printed `{needle}`");
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect_timeout(&self.addr(), PATIENCE).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(250)))
            .unwrap();
        stream.set_write_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    /// Status and body of `GET target`, the target sent exactly as given.
    fn get(&self, target: &str) -> (u16, String) {
        let mut stream = self.connect();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read response");
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {response:?}"));
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }

    fn subscribe(&self) -> Events {
        let mut stream = self.connect();
        write!(
            stream,
            "GET /__briefing/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        let head = events
            .read_until_blank_line()
            .expect("event stream headers");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server-sent event stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Lines up to a blank one, joined; `None` if nothing complete came in time.
    fn read_until_blank_line(&mut self) -> Option<String> {
        let deadline = Instant::now() + PATIENCE;
        let mut block = String::new();
        while Instant::now() < deadline {
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) if line.trim_end().is_empty() && !block.is_empty() => return Some(block),
                Ok(_) => block.push_str(&line),
                // A read timeout: keep waiting until the deadline.
                Err(_) => continue,
            }
        }
        None
    }

    /// The next event's name and data, skipping comments and `retry`.
    fn next(&mut self) -> (String, String) {
        loop {
            let block = self.read_until_blank_line().expect("an event in time");
            let field = |name: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|v| v.trim().to_string())
            };
            if let (Some(event), Some(data)) = (field("event:"), field("data:")) {
                return (event, data);
            }
        }
    }
}

#[test]
fn a_page_is_served_with_the_reload_script() {
    let (_dir, pack) = sample_pack();
    let server = Server::start(&pack);
    let (status, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        body.contains("<h1>Riverside flood review: a briefing</h1>"),
        "{body}"
    );
    assert!(body.contains("new EventSource(\"/__briefing/events\")"));
    let (status, css) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(!css.contains("EventSource"), "script only in HTML");
    assert_eq!(server.get("/sections/no-such-page.html").0, 404);
    assert!(
        !pack.join("public").exists(),
        "serve writes nothing to the pack"
    );
}

#[test]
fn an_edit_is_rebuilt_and_open_pages_told_to_reload() {
    let (_dir, pack) = sample_pack();
    let server = Server::start(&pack);
    let mut events = server.subscribe();
    edit(
        &pack.join("content/sections/the-floods.md"),
        "flooded 120 homes in the lower town",
        "flooded 125 homes in the lower town",
    );
    assert_eq!(events.next().0, "reload");
    let (status, body) = server.get("/sections/the-floods.html");
    assert_eq!(status, 200);
    assert!(body.contains("flooded 125 homes"), "{body}");
}

#[test]
fn traversal_attempts_are_refused() {
    let (dir, pack) = sample_pack();
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    let server = Server::start(&pack);
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/sections/%2e%2e/%2e%2e/briefing.toml",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/%2fetc/passwd",
    ] {
        let (status, body) = server.get(target);
        assert_eq!(status, 403, "{target}: {body}");
        assert!(
            !body.contains("top secret") && !body.contains("title ="),
            "{target}"
        );
    }
    let (status, body) = server.get("http://127.0.0.1/../secret.txt");
    assert!(status == 400 || status == 403, "{status}");
    assert!(!body.contains("top secret"));
    assert_eq!(server.get("/briefing.toml").0, 404);
}

#[test]
fn a_broken_edit_keeps_the_last_good_page_until_fixed() {
    let (_dir, pack) = sample_pack();
    let server = Server::start(&pack);
    let mut events = server.subscribe();
    let section = pack.join("content/sections/the-floods.md");
    edit_by_rename(&section, "order = 1", "ordr = 1");
    let (event, data) = events.next();
    assert_eq!(event, "problems");
    let text: String = serde_json::from_str(&data).expect("problems are a JSON string");
    assert!(
        text.contains("content/sections/the-floods.md:5:1: error: unknown field `ordr`"),
        "{text}"
    );
    let (status, body) = server.get("/sections/the-floods.html");
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("flooded 120 homes"), "{body}");

    // A page opened while the pack is broken is told at once.
    let mut late = server.subscribe();
    assert_eq!(late.next().0, "problems");

    edit_by_rename(&section, "ordr = 1", "order = 1");
    assert_eq!(events.next().0, "reload");
    edit_by_rename(
        &section,
        "flooded 120 homes in the lower",
        "flooded 130 homes in the lower",
    );
    assert_eq!(events.next().0, "reload");
    let (_, body) = server.get("/sections/the-floods.html");
    assert!(
        body.contains("flooded 130 homes"),
        "recovered without a restart"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let (_dir, pack) = sample_pack();
    let mut server = Server::start(&pack);
    let _events = server.subscribe();
    let pid = server.child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    server.wait_for_line("stopped");
}

#[test]
fn a_template_failing_on_a_page_shows_its_problem_there_and_to_open_pages() {
    let (_dir, pack) = sample_pack();
    let template = pack.join("themes/default/templates/section.html");
    // Made before serving, so that writing the template is one change.
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    let server = Server::start(&pack);
    let mut events = server.subscribe();
    std::fs::write(
        &template,
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title }}</h1>\n{{ no_such_value }}\n{% endblock %}\n",
    )
    .unwrap();
    // The site is published, then the check of every page finds the problem.
    assert_eq!(events.next().0, "reload");
    let (event, data) = events.next();
    assert_eq!(event, "problems");
    let text: String = serde_json::from_str(&data).expect("problems are a JSON string");
    assert!(
        text.contains("themes/default/templates/section.html") && text.contains("no_such_value"),
        "{text}"
    );
    let (status, body) = server.get("/sections/the-floods.html");
    assert_eq!(status, 500);
    assert!(body.contains("no_such_value"), "{body}");
    assert!(
        body.contains("EventSource"),
        "the page reloads itself when fixed"
    );
    assert_eq!(server.get("/index.html").0, 200, "other pages are served");

    std::fs::remove_file(&template).unwrap();
    assert_eq!(events.next().0, "reload");
    let (status, body) = server.get("/sections/the-floods.html");
    assert_eq!(status, 200);
    assert!(body.contains("flooded 120 homes"), "{body}");
}

#[cfg(unix)]
#[test]
fn an_asset_swapped_for_a_link_outside_is_never_served() {
    let (dir, pack) = sample_pack();
    std::fs::write(pack.join("content/notes.txt"), "plain notes").expect("write asset");
    std::fs::write(dir.path().join("secret.txt"), "the secret").expect("write secret");
    let server = Server::start(&pack);
    assert_eq!(server.get("/notes.txt"), (200, "plain notes".to_string()));
    let mut events = server.subscribe();
    std::fs::remove_file(pack.join("content/notes.txt")).expect("remove");
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        pack.join("content/notes.txt"),
    )
    .expect("symlink");
    // The rebuild is refused, so the last good snapshot stays; it must not follow the
    // new link when it reads the asset.
    assert_eq!(events.next().0, "problems");
    let (status, body) = server.get("/notes.txt");
    assert_ne!(status, 200, "{body}");
    assert!(!body.contains("the secret"), "{body}");
}

#[test]
fn serve_names_each_saved_file_and_sends_folders_to_their_list() {
    let (_dir, pack) = sample_pack();
    let server = Server::start(&pack);
    let mut events = server.subscribe();
    edit_by_rename(
        &pack.join("content/sections/the-floods.md"),
        "flooded 120 homes in the lower",
        "flooded 125 homes in the lower",
    );
    assert_eq!(events.next().0, "reload");
    server.wait_for_line("changed: content/sections/the-floods.md");
    let (status, body) = server.get("/sections/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("url=/index.html#sections"), "{body}");
    let (status, body) = server.get("/glossary/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("url=/glossary.html"), "{body}");
    assert_eq!(server.get("/nowhere/").0, 404);
}
