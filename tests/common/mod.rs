//! Helpers shared by the end-to-end tests: write a pack into a temporary folder (or
//! copy the sample pack `briefing init` makes), build it through the library or the
//! real binary, and read what came out.
// Each test file uses a different subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use briefing::Severity;
use briefing::{BuildOptions, BuildReport, Failure};
use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;
use walkdir::WalkDir;

/// A small but complete pack: one source, three sections, two glossary entries, an
/// introduction. Tests start from it and replace or add files.
pub(crate) fn base_files() -> Vec<(&'static str, String)> {
    vec![
        (
            "briefing.toml",
            "title = \"Test Pack\"\ndescription = \"A pack for tests\"\n".into(),
        ),
        (
            "content/_index.md",
            "+++\ntitle = \"Test Pack\"\n+++\nAn introduction. Start with [Reflex](sections/reflex.md).\n"
                .into(),
        ),
        (
            "content/sources/hac.md",
            "+++\ntitle = \"The Trade in Human Beings\"\nkind = \"Select committee report\"\npublisher = \"House of Commons\"\n+++\nA report of the committee.\n"
                .into(),
        ),
        (
            "content/sources/answer.md",
            "+++\ntitle = \"Written Answer\"\nkind = \"Parliamentary answer\"\n+++\nAn answer in the House.\n"
                .into(),
        ),
        (
            "content/sections/reflex.md",
            "+++\ntitle = \"Reflex and enforcement\"\nsource = \"hac\"\nparagraphs = \"9-10\"\norder = 1\nsummary = \"How *Reflex* works.\"\n+++\nSee [the POPPY project](poppy.md) and [its history](../glossary/soca.md#history).\n\n## Enforcement\n\nAn [external link](https://example.org/page).\n"
                .into(),
        ),
        (
            "content/sections/poppy.md",
            "+++\ntitle = \"The POPPY project\"\nsource = \"hac\"\nparagraphs = \"11\"\norder = 2\nsummary = \"Support for women.\"\n+++\n## Funding\n\nBack to [Reflex](reflex.md#enforcement) or [down](#heading-two).\n\n## Heading two\n\nReflex worked with the Serious Organised Crime Agency.\n"
                .into(),
        ),
        (
            "content/sections/answer-one.md",
            "+++\ntitle = \"The answer\"\nsource = \"answer\"\nparagraphs = \"1\"\norder = 3\nsummary = \"What the minister said.\"\n+++\nThe answer text.\n"
                .into(),
        ),
        (
            "content/glossary/soca.md",
            "+++\nterm = \"Serious Organised Crime Agency\"\nabbr = \"SOCA\"\n+++\nA law-enforcement body.\n\n## History\n\nFounded in 2006.\n"
                .into(),
        ),
        (
            "content/glossary/reflex-term.md",
            "+++\nterm = \"Reflex\"\n+++\nA multi-agency task force.\n"
                .into(),
        ),
    ]
}

/// A pack on disk, deleted when dropped.
pub(crate) struct Pack {
    dir: TempDir,
}

impl Pack {
    /// The base pack with `changes` laid over it (same path → replaced).
    pub(crate) fn with(changes: &[(&str, &str)]) -> Pack {
        let pack = Pack::empty();
        for (path, text) in base_files() {
            pack.write(path, &text);
        }
        for (path, text) in changes {
            pack.write(path, text);
        }
        pack
    }

    /// Only the files given.
    pub(crate) fn from_files(files: &[(&str, &str)]) -> Pack {
        let pack = Pack::empty();
        for (path, text) in files {
            pack.write(path, text);
        }
        pack
    }

    pub(crate) fn empty() -> Pack {
        Pack {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create folder");
        fs::write(&path, bytes).expect("write fixture file");
    }

    pub(crate) fn remove(&self, rel: &str) {
        fs::remove_file(self.path(rel)).expect("remove fixture file");
    }

    pub(crate) fn output(&self) -> PathBuf {
        self.path("public")
    }

    /// Builds into `public/` through the library.
    pub(crate) fn build(&self) -> Result<BuildReport, Failure> {
        self.build_into(&self.output())
    }

    pub(crate) fn build_into(&self, output: &Path) -> Result<BuildReport, Failure> {
        briefing::build(&BuildOptions {
            root: self.root().to_path_buf(),
            output: output.to_path_buf(),
            check_only: false,
        })
    }

    /// Builds, failing the test with every diagnostic if the build fails.
    pub(crate) fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(Failure::Content(d)) => panic!("build failed:\n{}", render_diagnostics(&d)),
            Err(Failure::Other(e)) => panic!("build failed: {e:#}"),
        }
    }

    /// Builds expecting problems in the pack; returns the errors as printed (sorted).
    pub(crate) fn build_errors(&self) -> Vec<String> {
        match self.build() {
            Ok(_) => panic!("the build succeeded but should have failed"),
            Err(Failure::Content(d)) => d
                .sorted()
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.to_string())
                .collect(),
            Err(Failure::Other(e)) => panic!("expected problems in the pack, got: {e:#}"),
        }
    }

    /// Builds expecting a failure that is not about the content (exit code 2).
    pub(crate) fn build_other_error(&self) -> String {
        match self.build() {
            Ok(_) => panic!("the build succeeded but should have failed"),
            Err(Failure::Content(d)) => {
                panic!("expected an I/O failure, got:\n{}", render_diagnostics(&d))
            }
            Err(Failure::Other(e)) => format!("{e:#}"),
        }
    }

    /// The text of an output file.
    pub(crate) fn page(&self, rel: &str) -> String {
        let path = self.output().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
    }

    pub(crate) fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.page(rel))
    }

    /// The real binary, run in the pack root.
    pub(crate) fn command(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("briefing").expect("the binary is built");
        cmd.current_dir(self.root());
        cmd
    }
}

pub(crate) fn render_diagnostics(d: &briefing::Diagnostics) -> String {
    d.sorted()
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every file under `dir` (none if it does not exist), by `/`-separated relative path, with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("inside dir");
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, fs::read(entry.path()).expect("read output file"));
        }
    }
    files
}

/// Names of the entries directly inside `dir`, sorted.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub(crate) fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// The elements matching `css`.
pub(crate) fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&sel(css)).collect()
}

/// The visible text of an element, whitespace collapsed.
pub(crate) fn text(element: ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of the elements matching `css`.
pub(crate) fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css).into_iter().map(text).collect()
}

/// The `attr` values of the elements matching `css`.
pub(crate) fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    select(html, css)
        .into_iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Whether the process runs with the power to read any file (root): permission tests
/// cannot make a file unreadable then.
pub(crate) fn can_read_unreadable_files(probe_dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = probe_dir.join(".permission-probe");
    fs::write(&probe, "x").expect("write probe");
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).expect("chmod probe");
    let readable = fs::read(&probe).is_ok();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o644)).expect("chmod probe back");
    fs::remove_file(&probe).expect("remove probe");
    readable
}

// ----- the sample pack and the binary ------------------------------------------

pub(crate) fn briefing() -> Command {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
}

/// A fresh copy of the sample pack in a temporary folder; the pack is `dir/pack`.
pub(crate) fn sample_pack() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = dir.path().join("pack");
    let output = briefing()
        .arg("init")
        .arg(&pack)
        .output()
        .expect("run init");
    assert!(output.status.success(), "{output:?}");
    (dir, pack)
}

/// Replaces the only occurrence of `from` in `file`.
pub(crate) fn edit(file: &Path, from: &str, to: &str) {
    std::fs::write(file, edited(file, from, to)).expect("write edited file");
}

/// `file`'s text with the only occurrence of `from` replaced by `to`.
fn edited(file: &Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(file).expect("read file to edit");
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` in {}",
        file.display()
    );
    text.replace(from, to)
}

/// Like `edit`, but saved the way many editors save: a new file renamed over the old,
/// so a watcher can never see it half-written.
pub(crate) fn edit_by_rename(file: &Path, from: &str, to: &str) {
    let text = edited(file, from, to);
    let pack = file
        .ancestors()
        .find(|a| a.join("briefing.toml").is_file())
        .expect("the file is in a pack");
    // Beside the pack, not in it: the temporary file is not part of the pack.
    let temp = pack.with_extension("saving");
    std::fs::write(&temp, text).expect("write the new version");
    std::fs::rename(&temp, file).expect("rename it over the old");
}

/// Asserts that no staging or set-aside folder is left beside the pack's output.
pub(crate) fn assert_no_staging_left(pack: &Pack) {
    let names = entries(pack.root());
    assert!(
        names
            .iter()
            .all(|n| !n.contains("staging") && !n.ends_with("old")),
        "left behind: {names:?}"
    );
}

// ----- a running `briefing serve` ----------------------------------------------

/// How long a test waits for the server before it fails.
pub(crate) const SERVE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(20);

/// A `briefing serve` started from `command`, killed on drop; its standard error is
/// collected for the test to read.
pub(crate) struct Served {
    pub(crate) child: std::process::Child,
    pub(crate) port: u16,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Served {
    /// Starts the server and waits for its "serving" line. With `close_stdout`, the
    /// test stops reading its standard output after that line and closes the pipe.
    pub(crate) fn start(mut command: Command, close_stdout: bool) -> Served {
        use std::io::{BufRead, BufReader, Read};
        use std::process::Stdio;
        let mut child = (command.stdout(Stdio::piped()).stderr(Stdio::piped()))
            .spawn()
            .expect("start briefing serve");
        let out = child.stdout.take().expect("piped stdout");
        let (lines, received) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let serving = line.starts_with("serving ");
                if lines.send(line).is_err() || (serving && close_stdout) {
                    break;
                }
            }
        });
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut err = child.stderr.take().expect("piped stderr");
        let collected = std::sync::Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                collected.lock().expect("stderr lock").push_str(&text);
            }
        });
        // Made before waiting, so a server that never says where it listens is
        // still killed when the test fails.
        let mut served = Served {
            child,
            port: 0,
            stderr,
        };
        let deadline = std::time::Instant::now() + SERVE_PATIENCE;
        let line = std::iter::from_fn(|| {
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            received.recv_timeout(left).ok()
        })
        .find(|line| line.starts_with("serving "))
        .expect("the server printed its address");
        served.port = (line.split("http://127.0.0.1:").nth(1))
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in `{line}`"));
        served
    }

    pub(crate) fn addr(&self) -> std::net::SocketAddr {
        std::net::SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// Status and body of `GET path` on a new connection.
    pub(crate) fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        self.get_within(path, SERVE_PATIENCE)
    }

    /// [`Served::get`], each step of it given up after `patience`.
    pub(crate) fn get_within(
        &self,
        path: &str,
        patience: std::time::Duration,
    ) -> std::io::Result<(u16, String)> {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect_timeout(&self.addr(), patience)?;
        stream.set_read_timeout(Some(patience))?;
        stream.set_write_timeout(Some(patience))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = (response.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("no status in {response:?}")))?;
        let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        Ok((status, body.to_string()))
    }

    /// The body of `GET path` once it is a 200 whose body satisfies `wanted`; fails
    /// the test if that takes longer than [`SERVE_PATIENCE`].
    pub(crate) fn get_until(&self, path: &str, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + SERVE_PATIENCE;
        let mut last = None;
        while std::time::Instant::now() < deadline {
            match self.get(path) {
                Ok((200, body)) if wanted(&body) => return body,
                other => last = Some(other),
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!(
            "GET {path} never gave the page wanted; last: {last:?}\nstderr:\n{}",
            self.stderr()
        );
    }

    /// Whether the process is still running.
    pub(crate) fn running(&mut self) -> bool {
        self.child.try_wait().expect("query the server").is_none()
    }

    /// What the server wrote to standard error so far.
    pub(crate) fn stderr(&self) -> String {
        self.stderr.lock().expect("stderr lock").clone()
    }

    /// Sends Ctrl-C and waits for the server to exit; its exit code.
    pub(crate) fn interrupt(&mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -INT {pid}");
        let deadline = std::time::Instant::now() + SERVE_PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("query the server") {
                return status.code();
            }
            assert!(
                std::time::Instant::now() < deadline,
                "still running after Ctrl-C"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
