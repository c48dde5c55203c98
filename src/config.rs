//! Stage 1: `briefing.toml`, the pack's title, language and build options.

use std::path::Path;

use serde::Deserialize;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::base::pack_files;
use crate::base::parse::parse_toml;
use crate::base::paths::CONFIG_FILE;
use crate::base::text::SourceText;

/// The contents of `briefing.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The pack's title, shown on every page.
    pub title: String,
    /// One sentence about the pack, for the landing page and metadata.
    #[serde(default)]
    pub description: String,
    /// The pack's language as a BCP 47 tag (`en-GB`).
    #[serde(default = "default_language")]
    pub language: String,
    /// `[glossary]`: how mentions are linked.
    #[serde(default)]
    pub glossary: GlossaryConfig,
    /// `[markdown]`: how Markdown is read.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// `[build]`: the theme.
    #[serde(default)]
    pub build: BuildConfig,
    /// `[check]`: how quotations and copying are checked against the source texts.
    #[serde(default)]
    pub check: CheckConfig,
}

/// `[check]` in `briefing.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Whether a quotation the cited paragraphs do not contain is a warning or an
    /// error.
    #[serde(default)]
    pub quotations: Strictness,
    /// Runs of this many words of a source text, outside quotation marks, are
    /// reported as copied; 0 turns the check off.
    #[serde(default = "twelve")]
    pub copied_words: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            quotations: Strictness::default(),
            copied_words: twelve(),
        }
    }
}

/// How a failed check is reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strictness {
    /// Reported; the pack still builds.
    #[default]
    Warning,
    /// The pack does not build until it is fixed.
    Error,
    /// Not checked (for a pack that quotes material its texts do not hold).
    Off,
}

fn twelve() -> usize {
    12
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryConfig {
    #[serde(default)]
    pub link: LinkMode,
}

/// Which mentions of a glossary term get a link on each page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkMode {
    /// The first mention of each entry on a page.
    #[default]
    First,
    /// Every mention.
    All,
    /// No mention: entries are listed, never linked.
    None,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Raw HTML in Markdown is passed through (authors are trusted) unless this is false.
    #[serde(default = "yes")]
    pub raw_html: bool,
    /// Curly quotes and dashes.
    #[serde(default = "yes")]
    pub smart_punctuation: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            raw_html: true,
            smart_punctuation: true,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    /// Theme folder name under `themes/`; the embedded default fills in whatever it lacks.
    #[serde(default, deserialize_with = "theme_folder")]
    pub theme: Option<String>,
}

/// A theme is named by its folder in `themes/`: one plain name, so no setting can
/// publish a folder from outside the pack (`/proc/self`, `../../etc`).
fn theme_folder<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let name = String::deserialize(d)?;
    let plain = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && !name.starts_with('.');
    if !plain {
        return Err(serde::de::Error::custom(format!(
            "`{name}` is not a theme name: a theme is a folder directly inside themes/, named without `/`, `\\` or a leading `.`"
        )));
    }
    Ok(Some(name))
}

fn default_language() -> String {
    "en".to_string()
}

fn yes() -> bool {
    true
}

impl Config {
    /// The theme folder's name under `themes/`.
    pub fn theme_name(&self) -> &str {
        self.build.theme.as_deref().unwrap_or("default")
    }
}

/// Reads `briefing.toml` from the pack root; problems are added to `diagnostics`.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<Config> {
    let root = pack_files::real_root(root).unwrap_or_else(|_| root.to_path_buf());
    let path = root.join(CONFIG_FILE);
    let source = match SourceText::read(&root, &path) {
        Ok(source) => source,
        Err(diagnostic) => {
            let missing = !path.exists();
            let diagnostic = if missing {
                Diagnostic::error(
                    CONFIG_FILE,
                    Position::FILE,
                    "no briefing.toml in the pack root",
                )
                .with_hint("run `briefing init DIR` to start a pack, or pass --root DIR")
            } else {
                diagnostic
            };
            diagnostics.push(diagnostic);
            return None;
        }
    };
    parse_toml::<Config>(&source, 0, &source.text, diagnostics)
}
