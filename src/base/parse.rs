//! TOML deserialised with every error placed at its real line and column in the file,
//! and worded for an author, with a hint where one helps.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::chars;
use super::diagnostics::Diagnostics;
use super::diagnostics::{Diagnostic, did_you_mean};
use super::text::SourceText;

/// Deserialises TOML that starts at byte `offset` of `file`, reporting any error at
/// its real line and column in the file, with a "did you mean" hint for unknown keys.
pub(crate) fn parse_toml<T: DeserializeOwned>(
    file: &SourceText,
    offset: usize,
    toml_text: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    match toml::from_str::<T>(toml_text) {
        Ok(value) => {
            check_strings(file, offset, toml_text, diags);
            Some(value)
        }
        Err(e) => {
            diags.push(toml_diagnostic(file, offset, &e));
            None
        }
    }
}

/// Reports every string of the TOML, key or value, that holds a character no text
/// may hold, at the string. Only an escape (`"\uFDD0"`) can put one there, as the
/// file was checked when it was read, so TOML without a backslash is not parsed again.
pub(crate) fn check_strings(
    file: &SourceText,
    offset: usize,
    toml_text: &str,
    diags: &mut Diagnostics,
) {
    if memchr::memchr(b'\\', toml_text.as_bytes()).is_none() {
        return;
    }
    if let Ok(table) = DeTable::parse(toml_text) {
        let mut check = StringCheck {
            file,
            offset,
            diags,
        };
        check.table(table.get_ref(), "");
    }
}

/// The walk of [`check_strings`] over one TOML document.
struct StringCheck<'a> {
    file: &'a SourceText,
    /// Where the TOML starts in the file.
    offset: usize,
    diags: &'a mut Diagnostics,
}

impl StringCheck<'_> {
    fn table(&mut self, table: &DeTable, path: &str) {
        for (key, value) in table {
            let path = match path {
                "" => key.get_ref().to_string(),
                _ => format!("{path}.{}", key.get_ref()),
            };
            self.string(key.get_ref(), key.span().start, &path);
            self.value(value, &path);
        }
    }

    fn value(&mut self, value: &Spanned<DeValue>, path: &str) {
        match value.get_ref() {
            DeValue::String(text) => self.string(text, value.span().start, path),
            DeValue::Array(items) => items.iter().for_each(|item| self.value(item, path)),
            DeValue::Table(table) => self.table(table, path),
            _ => {}
        }
    }

    fn string(&mut self, text: &str, at: usize, path: &str) {
        if let Some(c) = text.chars().find(|&c| chars::is_unfit(c)) {
            let message = format!("`{path}` holds {}", chars::describe(c));
            let problem = self.file.error(self.offset + at, message);
            self.diags.push(problem.with_hint(chars::hint(c)));
        }
    }
}

/// A TOML parse or type error as a diagnostic at its real line and column.
pub(crate) fn toml_diagnostic(file: &SourceText, offset: usize, e: &toml::de::Error) -> Diagnostic {
    let at = offset + e.span().map_or(0, |s| s.start);
    let message = e.message().trim().to_string();
    let diagnostic = file.error(at, toml_message(&message));
    match toml_hint(&message) {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// First line of the parser's message, without serde's "expected one of …" tail.
fn toml_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    let head = first.split(", expected one of").next().unwrap_or(first);
    let head = head.split(", expected `").next().unwrap_or(head);
    head.to_string()
}

fn toml_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`')?;
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        return Some(match did_you_mean(field, expected.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        });
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next()?;
        return Some(format!("add `{field} = …` to the front matter"));
    }
    if message.starts_with("invalid type") {
        return Some("check the value's type: text needs quotes, lists need [ ]".to_string());
    }
    None
}
