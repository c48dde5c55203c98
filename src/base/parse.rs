//! TOML read with every problem at its real line and column in the file, worded for
//! an author (`toml_words`). One mistake does not hide the others: the text is parsed
//! with recovery, so every syntax error is reported, and a value that does not fit is
//! reported, left out and the rest deserialised again, so every bad key is reported
//! in one run rather than one per run.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::chars;
use super::diagnostics::{Diagnostics, did_you_mean};
use super::text::SourceText;
use super::toml_text::{FoundKey, char_boundary};
use super::toml_words;

pub(crate) use super::toml_text::Toml;

/// What could still be read of TOML that failed: its top-level text values that no
/// problem touched (a section's `source` when its `title` is misspelt).
#[derive(Debug, Default, Clone)]
pub(crate) struct Readable {
    strings: BTreeMap<String, String>,
}

impl Readable {
    /// The text value of a top-level key, if it could be read.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    fn of(table: &DeTable, broken: &[Range<usize>]) -> Readable {
        let strings = (table.iter())
            .filter(|(k, v)| {
                let entry = k.span().start..v.span().end;
                !broken.iter().any(|b| overlaps(b, &entry))
            })
            .filter_map(|(k, v)| Some((k.get_ref().to_string(), v.get_ref().as_str()?.to_string())))
            .collect();
        Readable { strings }
    }
}

/// Deserialises TOML that starts at byte `offset` of `file`; every problem goes to
/// `diags`.
pub(crate) fn parse_toml<T: DeserializeOwned>(
    file: &SourceText,
    offset: usize,
    toml_text: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    parse_toml_or_readable(file, offset, toml_text, diags).ok()
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

/// [`parse_toml`], giving what could be read when the whole could not.
pub(crate) fn parse_toml_or_readable<T: DeserializeOwned>(
    file: &SourceText,
    offset: usize,
    toml_text: &str,
    diags: &mut Diagnostics,
) -> Result<T, Readable> {
    check_strings(file, offset, toml_text, diags);
    let at = Toml { file, offset };
    let parsed = parse_table(at, toml_text, diags);
    let span = parsed.table.span();
    if parsed.broken.is_empty() {
        let value = Spanned::new(span, DeValue::Table(parsed.table.into_inner()));
        return deserialize(at, value, diags);
    }
    let readable = Readable::of(parsed.table.get_ref(), &parsed.broken);
    // The values no syntax error touched are still checked, so one run shows every
    // problem; keys the errors hid are not reported as missing. After a broken
    // `[header]`, keys may be read into the wrong table, so nothing more is said.
    if !parsed.header_broken {
        let mut value = Spanned::new(span, DeValue::Table(parsed.table.into_inner()));
        drop_broken(&mut value, &parsed.broken);
        let _ = deserialize_quietly::<T>(at, value, true, diags);
    }
    Err(readable)
}

/// TOML parsed with recovery: the table as far as it could be read, and the lines of
/// its syntax errors, as byte ranges of the TOML.
pub(crate) struct Parsed<'i> {
    pub(crate) table: Spanned<DeTable<'i>>,
    pub(crate) broken: Vec<Range<usize>>,
    /// Whether a `[header]` is broken, after which keys may be in the wrong table.
    header_broken: bool,
}

/// Removes every value a syntax error touched, in every table.
fn drop_broken(value: &mut Spanned<DeValue>, broken: &[Range<usize>]) {
    let DeValue::Table(table) = value.get_mut() else {
        return;
    };
    let touched: Vec<String> = (table.iter())
        .filter(|(_, v)| broken.iter().any(|b| overlaps(b, &v.span())))
        .filter(|(_, v)| !matches!(v.get_ref(), DeValue::Table(_)))
        .map(|(k, _)| k.get_ref().to_string())
        .collect();
    for key in touched {
        table.remove(key.as_str());
    }
    for (_, inner) in table.iter_mut() {
        drop_broken(inner, broken);
    }
}

/// Parses TOML with recovery, reporting each syntax error once (not the errors that
/// follow from it).
pub(crate) fn parse_table<'i>(at: Toml, toml_text: &'i str, diags: &mut Diagnostics) -> Parsed<'i> {
    let (table, errors) = DeTable::parse_recoverable(toml_text);
    for error in toml_words::first_of_each_entry(table.get_ref(), &errors) {
        diags.push(toml_words::syntax_problem(at, table.get_ref(), error));
    }
    let broken = (errors.iter())
        .map(|e| e.span().unwrap_or(0..0))
        .map(|s| line_range(toml_text, s.start).start..line_range(toml_text, s.end).end)
        .collect();
    let header_broken = errors.iter().any(toml_words::is_header_error);
    Parsed {
        table,
        broken,
        header_broken,
    }
}

/// The byte range of the line holding offset `at`.
fn line_range(text: &str, at: usize) -> Range<usize> {
    let at = char_boundary(text, at);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// Whether two byte ranges share a byte, or touch (an error at the end of a value).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Deserialises `value`, reporting every key that does not fit: each is reported,
/// removed and the rest deserialised again. A key that was reported is not reported
/// again as missing, nor is the key a misspelt one was meant to be.
pub(crate) fn deserialize<T: DeserializeOwned>(
    at: Toml,
    value: Spanned<DeValue<'_>>,
    diags: &mut Diagnostics,
) -> Result<T, Readable> {
    deserialize_quietly(at, value, false, diags)
}

/// [`deserialize`]; with `hidden`, no key is reported missing (a syntax error hid it).
fn deserialize_quietly<T: DeserializeOwned>(
    at: Toml,
    mut value: Spanned<DeValue<'_>>,
    hidden: bool,
    diags: &mut Diagnostics,
) -> Result<T, Readable> {
    let mut reported: Vec<String> = Vec::new();
    // Each round removes a key, so there are at most as many rounds as keys.
    loop {
        let error = match T::deserialize(ValueDeserializer::from(value.clone())) {
            Ok(v) if reported.is_empty() => return Ok(v),
            Ok(_) => return Err(readable(&value)),
            Err(e) => e,
        };
        if let Some(field) = missing_field(error.message()) {
            if !hidden && !reported.iter().any(|r| r == field) {
                diags.push(toml_words::value_problem(at, None, &error));
            }
            return Err(readable(&value));
        }
        let found = error.span().and_then(|s| find_key(&value, &s));
        diags.push(toml_words::value_problem(at, found.as_ref(), &error));
        let Some(found) = found.filter(|f| remove(&mut value, &f.path)) else {
            return Err(readable(&value));
        };
        reported.push(found.name.clone());
        if let Some(meant) = misspelt(error.message()) {
            reported.push(meant.to_string());
        }
    }
}

/// What could be read of a value that failed.
fn readable(value: &Spanned<DeValue>) -> Readable {
    match value.get_ref() {
        DeValue::Table(table) => Readable::of(table, &[]),
        _ => Readable::default(),
    }
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// For an unknown key, the allowed key it is closest to.
fn misspelt(message: &str) -> Option<&str> {
    let (field, allowed) = toml_words::unknown_field(message)?;
    did_you_mean(field, allowed)
}

/// The key whose name or value holds `span`, looking inside tables (written as
/// `[header]` sections, whose own span is only the header) first.
fn find_key(value: &Spanned<DeValue>, span: &Range<usize>) -> Option<FoundKey> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    for (key, item) in table.iter() {
        if let Some(mut found) = find_key(item, span) {
            found.path.insert(0, key.get_ref().to_string());
            return Some(found);
        }
        let (k, v) = (key.span(), item.span());
        let on_key = k.start <= span.start && span.start < k.end.max(k.start + 1);
        let in_value = v.start <= span.start && span.end <= v.end;
        if on_key || in_value {
            let inner = list_key(item, span);
            let list = matches!(item.get_ref(), DeValue::Array(_)) && *span != v;
            return Some(FoundKey {
                path: vec![key.get_ref().to_string()],
                item: list && inner.is_none(),
                name: inner.map_or_else(|| key.get_ref().to_string(), |i| i.name),
            });
        }
    }
    None
}

/// Inside a list of inline tables (`cite = [{ … }]`), the key a span lies under.
fn list_key(value: &Spanned<DeValue>, span: &Range<usize>) -> Option<FoundKey> {
    let DeValue::Array(items) = value.get_ref() else {
        return None;
    };
    items.iter().find_map(|item| find_key(item, span))
}

/// Removes the key at `path`; whether there was one.
fn remove(value: &mut Spanned<DeValue>, path: &[String]) -> bool {
    let Some((last, tables)) = path.split_last() else {
        return false;
    };
    let mut table = match value.get_mut() {
        DeValue::Table(table) => table,
        _ => return false,
    };
    for name in tables {
        match table.get_mut(name.as_str()).map(Spanned::get_mut) {
            Some(DeValue::Table(inner)) => table = inner,
            _ => return false,
        }
    }
    table.remove(last.as_str()).is_some()
}
