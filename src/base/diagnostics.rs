//! Problems found in a pack, collected rather than returned one at a time, so an
//! author sees every mistake in one run. Sorted by path and position before printing.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::chars::printable;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The pack cannot be built until it is fixed.
    Error,
    /// The pack builds, but something is likely wrong.
    Warning,
}

/// One problem, located in a file of the pack. `line` and `column` are 1-based and
/// count from the top of the file (not from the start of a front-matter block);
/// 0 means the problem concerns the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, relative to the pack root.
    pub file: PathBuf,
    /// 1-based line; 0 for the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it, when there is a likely fix.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `pos` in `file`.
    pub fn error(file: impl Into<PathBuf>, pos: Position, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, pos, message)
    }

    /// A warning at `pos` in `file`.
    pub fn warning(file: impl Into<PathBuf>, pos: Position, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, pos, message)
    }

    fn new(
        severity: Severity,
        file: impl Into<PathBuf>,
        pos: Position,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line: pos.line,
            column: pos.column,
            severity,
            message: message.into(),
            hint: None,
        }
    }

    /// The same problem, with a hint how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (
            &self.file,
            self.line,
            self.column,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    /// The problem as it is printed: its path, message and hint quote the pack's
    /// names and text, so control characters in them are written as escapes, never
    /// sent to the terminal (where an escape sequence could retitle or clear it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Always forward slashes, so messages read the same on every platform.
        let file = self.file.to_string_lossy().replace('\\', "/");
        let file = printable(&file);
        let message = printable(&self.message);
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line == 0 {
            write!(f, "{file}: {label}: {message}")?;
        } else {
            write!(
                f,
                "{file}:{}:{}: {label}: {message}",
                self.line, self.column
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {}", printable(hint))?;
        }
        Ok(())
    }
}

/// A 1-based line and column (in characters). `Position::FILE` means "the whole file".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line; 0 for the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Position {
    /// The whole file, rather than a place in it.
    pub const FILE: Position = Position { line: 0, column: 0 };

    /// A place in a file.
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// The problems of one run, in the order found; `sorted` gives the printing order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Counted as printed: a problem found twice (the same template failing on two
    /// pages) is one problem.
    fn count(&self, severity: Severity) -> usize {
        (self.sorted().iter())
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether there are no problems at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every problem as the commands print them: sorted, numbered, one per line (with
    /// its hint below it). The one printer of problems: `build`, `check` and `serve`
    /// all show them this way.
    pub fn numbered(&self) -> String {
        let mut out = String::new();
        for (n, d) in self.sorted().iter().enumerate() {
            out.push_str(&format!("{:>3}. {d}\n", n + 1));
        }
        out
    }

    /// [`Diagnostics::numbered`], then the count of errors and warnings.
    pub fn report(&self) -> String {
        format!(
            "{}{} error(s), {} warning(s)",
            self.numbered(),
            self.error_count(),
            self.warning_count()
        )
    }

    /// Sorted by file, line, column; duplicates (the same problem found twice) removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// Maps byte offsets of a text to 1-based line and column (columns count characters).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { line_starts }
    }

    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position::new(line + 1, column)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

/// The closest candidate to `word`, for "did you mean" hints.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(distance, c)| distance <= (c.len().max(word.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncé d\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position::new(1, 1));
        assert_eq!(index.position(text, 3), Position::new(2, 1));
        assert_eq!(index.position(text, 7), Position::new(2, 4));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "order"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", ["title", "order"]), None);
    }

    #[test]
    fn display_includes_position_and_hint() {
        let d = Diagnostic::error("content/a.md", Position::new(3, 5), "bad").with_hint("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:5: error: bad\n    hint: fix it"
        );
    }
}
