//! The theme: Tera templates and static files. The default theme is embedded in the
//! binary; a pack's `themes/<name>/` folder overrides any file of it by name, so an
//! author who changes one template does not copy the rest (and keeps getting fixes).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tera::Tera;
use walkdir::WalkDir;

use crate::base::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position};
use crate::base::html::escape;
use crate::base::pack_files;
use crate::base::paths::{CONFIG_FILE, RENAME_HINT, THEMES_DIR, slash_path, unpublishable_name};
use crate::base::text::SourceText;
use crate::markdown::passes::highlight;

include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));

/// Templates and static files: the embedded default, overridden by a pack's theme folder.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (`section.html`) → source.
    pub templates: BTreeMap<String, String>,
    /// Static file path inside `static/` → bytes; written under `assets/`.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Template name → the pack file it was read from (relative to the pack root), for
    /// templates the pack overrides; the others are built in.
    pub origins: BTreeMap<String, PathBuf>,
    /// Static file name → the pack file it was read from, for the static files the
    /// pack adds or overrides.
    pub static_origins: BTreeMap<String, PathBuf>,
    /// The templates compiled, made by the first call to [`Theme::compiled`].
    compiled: OnceLock<Result<Tera, Diagnostics>>,
}

impl Theme {
    /// The templates compiled (from `templates` as they are at the first call), or the
    /// problems that stop them compiling. A build compiles them while it renders the
    /// pack's Markdown, so no one waits for them.
    pub fn compiled(&self) -> Result<&Tera, Diagnostics> {
        let compiled = self.compiled.get_or_init(|| load_templates(self));
        compiled.as_ref().map_err(Clone::clone)
    }

    /// The default theme built into the binary.
    pub fn embedded() -> Theme {
        let mut theme = Theme::default();
        for (rel, bytes) in EMBEDDED_THEME {
            theme.add(rel, bytes.to_vec(), None);
        }
        // Generated rather than shipped, so it always matches the grammars' classes; a
        // pack overrides it like any static file, by name.
        let css = highlight::stylesheet().as_bytes().to_vec();
        theme.statics.insert("highlight.css".to_string(), css);
        theme
    }

    fn add(&mut self, rel: &str, bytes: Vec<u8>, origin: Option<&Path>) -> Option<Diagnostic> {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = match origin {
                Some(path) => match SourceText::from_bytes(path.to_path_buf(), bytes) {
                    Ok(source) => {
                        self.origins.insert(name.to_string(), path.to_path_buf());
                        source.text
                    }
                    Err(d) => return Some(d),
                },
                None => String::from_utf8_lossy(&bytes).into_owned(),
            };
            self.templates.insert(name.to_string(), text);
        } else if let Some(name) = rel.strip_prefix("static/") {
            if let Some(path) = origin {
                self.static_origins
                    .insert(name.to_string(), path.to_path_buf());
            }
            self.statics.insert(name.to_string(), bytes);
        }
        None
    }

    /// A Tera error as a diagnostic naming the template's file and, for syntax errors,
    /// its line and column. `rendering` is the page template being rendered, named when
    /// the error itself names none.
    pub fn template_error(&self, error: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let chain = error_chain(error);
        let mut name = first_quoted(&chain[0]).or(rendering).unwrap_or("templates");
        let (position, message) = match chain.iter().find_map(|c| syntax_error(c)) {
            Some((position, expected)) => (position, format!("template syntax error: {expected}")),
            None => match self.render_error_place(&chain, name) {
                Some((template, position)) => {
                    name = template;
                    (position, chain.join(": "))
                }
                None => (Position::FILE, chain.join(": ")),
            },
        };
        let (file, hint) = match self.origins.get(name) {
            Some(path) => (
                path.clone(),
                "fix the template, or delete it from themes/ to use the built-in one".to_string(),
            ),
            None => (
                PathBuf::from(format!("(built-in theme)/templates/{name}")),
                match self.origins.keys().map(String::as_str).collect::<Vec<_>>() {
                    overrides if overrides.is_empty() => {
                        "this is a fault in briefing itself; please report it".to_string()
                    }
                    overrides => format!(
                        "the built-in template uses your overrides: check {}",
                        overrides.join(", ")
                    ),
                },
            ),
        };
        Diagnostic::error(file, position, message).with_hint(hint)
    }
}

impl Theme {
    /// Where a render error happened. Tera names what it could not use in backticks
    /// (`Variable `x` not found`) and the template it was in, but no line: the first
    /// use of the name in that template is the likely place.
    fn render_error_place<'t>(
        &'t self,
        chain: &[String],
        page: &'t str,
    ) -> Option<(&'t str, Position)> {
        let used = chain.iter().find_map(|c| backticked(c))?;
        let inside = (chain.iter())
            .find_map(|c| c.split_once("error happened in '"))
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(name, _)| name);
        let first_part = used.split(['.', '[', '|', ' ']).next().unwrap_or(used);
        let names = inside.into_iter().chain([page]);
        names
            .filter_map(|name| self.templates.get_key_value(name))
            .find_map(|(name, text)| {
                let at = find_word(text, used).or_else(|| find_word(text, first_part))?;
                Some((name.as_str(), LineIndex::new(text).position(text, at)))
            })
    }
}

/// The first `` `quoted` `` part of a message.
fn backticked(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('`')?;
    rest.split_once('`')
        .map(|(inside, _)| inside)
        .filter(|s| !s.is_empty())
}

/// Where `word` first stands on its own in `text` (not inside a longer name).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_name) && !after.is_some_and(is_name)
    })
}

/// An error's message followed by those of its causes.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut chain = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    chain
}

/// The first `'quoted'` word of a message: Tera names the template that way.
fn first_quoted(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('\'')?;
    rest.split_once('\'').map(|(name, _)| name)
}

/// The position and expectation of a Tera syntax error, which reads
/// ` --> 3:14 | … = expected …`.
fn syntax_error(message: &str) -> Option<(Position, String)> {
    let (_, rest) = message.split_once("--> ")?;
    let (line, rest) = rest.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let position = Position::new(line.trim().parse().ok()?, column.parse().ok()?);
    let expected = message
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("= "))
        .unwrap_or("the template cannot be parsed");
    Some((position, expected.to_string()))
}

/// The embedded theme with the pack's own theme files laid over it.
pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Theme {
    let mut theme = Theme::embedded();
    let root = pack_files::real_root(root).unwrap_or_else(|_| root.to_path_buf());
    let root = root.as_path();
    let dir = root.join(THEMES_DIR).join(name);
    if !dir.is_dir() {
        if name != "default" {
            diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    Position::FILE,
                    format!("theme `{name}` not found in themes/"),
                )
                .with_hint("remove `theme` from [build] to use the built-in theme"),
            );
        }
        return theme;
    }
    // A theme folder linked from elsewhere is refused whole, before a file of it is
    // listed: `themes/default -> /` would otherwise be walked to the end.
    if !dir.canonicalize().is_ok_and(|real| real.starts_with(root)) {
        let shown = dir.strip_prefix(root).unwrap_or(&dir);
        diags.push(
            Diagnostic::error(
                shown,
                Position::FILE,
                "the theme folder lies outside the pack root (through a symbolic link)",
            )
            .with_hint("copy the theme into themes/ instead of linking to it"),
        );
        return theme;
    }
    lay_over(&mut theme, root, &dir, diags);
    theme
}

/// Lays the files of the theme folder `dir` over `theme`.
fn lay_over(theme: &mut Theme, root: &Path, dir: &Path, diags: &mut Diagnostics) {
    let mut walker = WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(false)
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| p.strip_prefix(root).unwrap_or(p));
                let path = path.map(Path::to_path_buf).unwrap_or_default();
                let message = format!("cannot read theme file: {e}");
                diags.push(Diagnostic::error(path, Position::FILE, message));
                continue;
            }
        };
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if let Some(message) = unpublishable_name(entry.file_name()) {
            diags.push(Diagnostic::error(shown, Position::FILE, message).with_hint(RENAME_HINT));
            // What lies in such a folder could not be published under its path either.
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
        } else if entry.file_type().is_file() {
            let rel = slash_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
            theme.read(&rel, root, entry.path(), shown, diags);
        }
    }
}

impl Theme {
    /// Reads the pack's theme file `rel` (at `path` in the pack whose real root is
    /// `root`, shown as `shown`) over the built-in one of that name.
    fn read(&mut self, rel: &str, root: &Path, path: &Path, shown: &Path, diags: &mut Diagnostics) {
        match pack_files::read(root, path) {
            Ok(bytes) => {
                if let Some(d) = self.add(rel, bytes, Some(shown)) {
                    diags.push(d);
                }
            }
            Err(e) => diags.push(e.diagnostic(shown, "theme file")),
        }
    }
}

/// Parses every template of the theme; a broken template stops the build at once,
/// naming the template and line.
pub fn load_templates(theme: &Theme) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's own escaper also escapes `/`, which makes every URL hard to read.
    tera.set_escape_fn(escape_for_template);
    let templates: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    tera.add_raw_templates(templates).map_err(|e| {
        let mut diags = Diagnostics::new();
        diags.push(theme.template_error(&e, None));
        diags
    })?;
    Ok(tera)
}

fn escape_for_template(text: &str) -> String {
    escape(text)
}
