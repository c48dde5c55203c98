//! How long `briefing serve` takes from saving a section to the page being reloaded.
//!
//! `cargo run --example serve_latency -- BINARY PACK SECTION [EDITS]` starts
//! `BINARY serve` on `PACK` (which it edits: give it a copy), subscribes to the
//! rebuild events, then `EDITS` times (default 10) appends a sentence to `SECTION`
//! (a path inside `PACK/content/sections/`) and measures from the write to the
//! `reload` event, and to the section's page being served with the new sentence.
//! Prints each edit and the medians. `bench/serve.sh` runs it on a generated pack.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

/// Time between edits, so each one is its own save (longer than the debounce).
const PAUSE: Duration = Duration::from_millis(600);

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [binary, pack, section, rest @ ..] = args.as_slice() else {
        bail!("usage: serve_latency BINARY PACK SECTION [EDITS]");
    };
    let edits: usize = rest.first().map_or(Ok(10), |n| n.parse())?;
    let section = PathBuf::from(section);
    let page = format!(
        "/sections/{}.html",
        section
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| anyhow!("no file name in {}", section.display()))?
    );
    let mut server = Server::start(Path::new(binary), Path::new(pack))?;
    let result = measure(&server, &section, &page, edits);
    server.child.kill().ok();
    server.child.wait().ok();
    let times = result?;
    let median = |pick: fn(&(f64, f64)) -> f64| {
        let mut v: Vec<f64> = times.iter().map(pick).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "median of {edits}: reload event {:.1} ms, page served {:.1} ms",
        median(|t| t.0),
        median(|t| t.1)
    );
    Ok(())
}

fn measure(server: &Server, section: &Path, page: &str, edits: usize) -> Result<Vec<(f64, f64)>> {
    let mut events = server.subscribe()?;
    let mut times = Vec::new();
    for n in 1..=edits {
        std::thread::sleep(PAUSE);
        let marker = format!("Latency probe sentence number {n}.");
        let mut text = std::fs::read_to_string(section)?;
        text.push_str(&format!("\n{marker}\n"));
        let start = Instant::now();
        std::fs::write(section, text)?;
        events.wait_for("reload")?;
        let reloaded = start.elapsed();
        let body = server.get(page)?;
        let served = start.elapsed();
        if !body.contains(&marker) {
            bail!("edit {n}: {page} does not show the new sentence");
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "edit {n}: reload {:.1} ms, page {:.1} ms",
            ms(reloaded),
            ms(served)
        );
        times.push((ms(reloaded), ms(served)));
    }
    Ok(times)
}

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(binary: &Path, pack: &Path) -> Result<Server> {
        let mut child = Command::new(binary)
            .args(["serve", "--port", "0", "--root"])
            .arg(pack)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let port = loop {
            let line = lines.next().context("the server stopped")??;
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap_or_default().parse()?;
            }
        };
        // Keep reading stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Server { child, port })
    }

    fn get(&self, path: &str) -> Result<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        if !response.starts_with("HTTP/1.1 200") {
            bail!(
                "GET {path}: {}",
                response.lines().next().unwrap_or_default()
            );
        }
        Ok(response)
    }

    fn subscribe(&self) -> Result<Events> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(
            stream,
            "GET /__briefing/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )?;
        Ok(Events {
            reader: BufReader::new(stream),
        })
    }
}

struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Reads lines until `event: NAME`; fails on any other event.
    fn wait_for(&mut self, name: &str) -> Result<()> {
        let mut line = String::new();
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                bail!("the event stream closed");
            }
            if let Some(event) = line.trim_end().strip_prefix("event: ") {
                if event == name {
                    return Ok(());
                }
                bail!("expected `{name}`, got `{event}`");
            }
        }
    }
}
