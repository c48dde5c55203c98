//! TOML problems in an author's words. The parser and serde describe what they
//! expected (`invalid basic string`, `expected i64`); an author needs what to write
//! instead, in their own key and value (`order must be a whole number, like 2`,
//! hint `remove the quotes: order = 2`).

use std::ops::Range;

use toml::de::{DeTable, DeValue, Error};

use super::diagnostics::{Diagnostic, did_you_mean};
use super::toml_text::{FoundKey, Toml};

/// The syntax errors worth reporting: one for each key (the first, or the unclosed
/// list that explains the rest), since what follows a first error is often read
/// wrongly because of it. Errors outside every key are all kept.
pub(crate) fn first_of_each_entry<'e>(table: &DeTable, errors: &'e [Error]) -> Vec<&'e Error> {
    let mut kept: Vec<(Option<usize>, &Error)> = Vec::new();
    for error in errors {
        let at = error.span().map_or(0, |s| s.start);
        let entry = entry_at(table, at).map(|e| e.start);
        match kept
            .iter_mut()
            .find(|(e, _)| entry.is_some() && *e == entry)
        {
            Some(slot) if head(error.message()) == "unclosed array" => slot.1 = error,
            Some(_) => {}
            None => kept.push((entry, error)),
        }
    }
    kept.into_iter().map(|(_, e)| e).collect()
}

/// Whether a syntax error is in a `[header]`.
pub(crate) fn is_header_error(error: &Error) -> bool {
    matches!(
        head(error.message()),
        "unclosed array table" | "unclosed table"
    )
}

/// A key and its value, as written, found at a place in the TOML.
struct Entry<'t> {
    name: &'t str,
    /// Where the key starts.
    start: usize,
    /// Where its value is written.
    value: Range<usize>,
}

/// The innermost key whose name or value holds byte `at`, inside tables and lists
/// of tables (`[[event]]`) too.
fn entry_at<'t>(table: &'t DeTable, at: usize) -> Option<Entry<'t>> {
    for (key, value) in table.iter() {
        if let Some(found) = tables_in(value.get_ref()).find_map(|t| entry_at(t, at)) {
            return Some(found);
        }
        let (k, v) = (key.span(), value.span());
        if k.start <= at && at <= v.end.max(k.end) {
            return Some(Entry {
                name: key.get_ref(),
                start: k.start,
                value: v,
            });
        }
    }
    None
}

/// The tables a value holds: itself, or the items of a list of tables.
fn tables_in<'t>(value: &'t DeValue) -> Box<dyn Iterator<Item = &'t DeTable<'t>> + 't> {
    match value {
        DeValue::Table(table) => Box::new(std::iter::once(table)),
        DeValue::Array(items) => Box::new(items.iter().filter_map(|i| match i.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => None,
        })),
        _ => Box::new(std::iter::empty()),
    }
}

/// The first line of a message, without the parser's ", expected …" tail.
fn head(message: &str) -> &str {
    let first = message.lines().next().unwrap_or(message);
    first.split(", expected").next().unwrap_or(first)
}

/// A syntax error as the author reads it.
pub(crate) fn syntax_problem(at: Toml, table: &DeTable, error: &Error) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let entry = entry_at(table, span.start);
    let key = entry.as_ref().map_or("key", |e| e.name);
    let written = at.slice(&span).trim();
    let line = at.line_at(span.start).trim_end();
    let (place, message, hint) = match head(error.message()) {
        "invalid basic string" => (
            span.start,
            "unclosed string: add the closing \"".to_string(),
            Some(format!("write it as {line}\"")),
        ),
        "invalid literal string" => (
            span.start,
            "unclosed string: add the closing '".to_string(),
            Some(format!("write it as {line}'")),
        ),
        "invalid multi-line basic string" | "invalid multi-line literal string" => (
            entry.as_ref().map_or(span.start, |e| e.value.start),
            "unclosed string: it runs to the end of the file".to_string(),
            Some("end it with the same three quotes it starts with".to_string()),
        ),
        "unclosed array table" | "unclosed table" => (
            at.line_start(span.start),
            format!("unclosed table header `{}`", line.trim()),
            Some(format!("write `{}`", closed_header(line.trim()))),
        ),
        "unclosed array" => (
            entry.as_ref().map_or(span.start, |e| e.value.start),
            "unclosed list: add the closing `]`".to_string(),
            Some(format!("a list is written like {key} = [\"a\", \"b\"]")),
        ),
        "duplicate key" => duplicate(at, table, span.start, written),
        "string values must be quoted" if written.is_empty() => (
            span.start,
            format!("`{key}` has no value after `=`"),
            Some(format!("write {key} = \"…\"")),
        ),
        _ if is_bare(written) && entry.as_ref().is_some_and(|e| e.value.start <= span.start) => {
            return bare_word(at, span.start, key, written);
        }
        head => (span.start, head.to_string(), None),
    };
    let diagnostic = at.error(place, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// `[[event]` → `[[event]]`, `[glossary` → `[glossary]`.
fn closed_header(line: &str) -> String {
    let name = line.trim_start_matches('[').trim_end_matches(']').trim();
    match line.starts_with("[[") {
        true => format!("[[{name}]]"),
        false => format!("[{name}]"),
    }
}

/// A key given twice, named, with the line it was first given on.
fn duplicate(
    at: Toml,
    table: &DeTable,
    place: usize,
    written: &str,
) -> (usize, String, Option<String>) {
    let name = written.trim_matches(['[', ']', '"', '\'']).trim();
    let name = name.rsplit('.').next().unwrap_or(name);
    let first = first_key(table, name, place).map(|k| at.file.position(at.offset + k.start));
    let hint = match first {
        Some(p) => format!("`{name}` is already given on line {}; keep one", p.line),
        None => "a key may be given only once in a table; keep one".to_string(),
    };
    (place, format!("duplicate key `{name}`"), Some(hint))
}

/// Where a key named `name` is written, other than at `not`.
fn first_key(table: &DeTable, name: &str, not: usize) -> Option<Range<usize>> {
    for (key, value) in table.iter() {
        if key.get_ref() == name && key.span().start != not {
            return Some(key.span());
        }
        if let Some(found) = tables_in(value.get_ref()).find_map(|t| first_key(t, name, not)) {
            return Some(found);
        }
    }
    None
}

/// A value written without quotes that TOML cannot read as a number, date or
/// boolean: words, mostly, meant as text.
fn is_bare(written: &str) -> bool {
    !written.is_empty()
        && written
            .chars()
            .all(|c| c.is_alphanumeric() || " -_.:+".contains(c))
}

fn bare_word(at: Toml, place: usize, key: &str, written: &str) -> Diagnostic {
    if looks_like_date(key, written) {
        return unquoted_date(at, place, key, written);
    }
    if let Some(meant) = yes_or_no(written) {
        return at
            .error(
                place,
                format!("{key} must be true or false, not `{written}`"),
            )
            .with_hint(format!("write {key} = {meant}"));
    }
    at.error(place, format!("the text `{written}` needs quotes"))
        .with_hint(format!("write {key} = \"{written}\""))
}

/// `2007-03`, or a bare year given as a date.
fn looks_like_date(key: &str, written: &str) -> bool {
    let digits = written.chars().take_while(char::is_ascii_digit).count();
    let date = digits == 4 && written[4..].chars().all(|c| c.is_ascii_digit() || c == '-');
    date && (written.contains('-') || key == "date" || key == "end")
}

fn unquoted_date(at: Toml, place: usize, key: &str, written: &str) -> Diagnostic {
    at.error(place, format!("the date `{written}` needs quotes"))
        .with_hint(format!(
            "dates are written in quotes: {key} = \"{written}\""
        ))
}

/// The boolean a word such as `yes` or `"off"` stands for.
fn yes_or_no(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "y" => Some(true),
        "false" | "no" | "off" | "n" => Some(false),
        _ => None,
    }
}

/// An unknown key's name and the keys allowed there, from serde's message.
pub(crate) fn unknown_field(message: &str) -> Option<(&str, impl Iterator<Item = &str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, tail) = rest.split_once('`')?;
    Some((field, tail.split('`').skip(1).step_by(2)))
}

/// A value that does not fit its key, as the author reads it. `key` is where the
/// value is written, when it was found.
pub(crate) fn value_problem(at: Toml, key: Option<&FoundKey>, error: &Error) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let message = error.message().trim();
    let name = key.map_or("the value", |k| k.name.as_str());
    let written = at.slice(&span).trim();
    let (message, hint) = if let Some((field, allowed)) = unknown_field(message) {
        let allowed: Vec<&str> = allowed.collect();
        let hint = match did_you_mean(field, allowed.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the keys allowed here are: {}", allowed.join(", ")),
        };
        (head(message).to_string(), Some(hint))
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        let hint = format!("add `{field} = …` to the front matter");
        (head(message).to_string(), Some(hint))
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        unknown_variant(name, rest)
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        match wrong_type(name, written, rest) {
            Wording::Date => return unquoted_date(at, span.start, name, unquoted(written)),
            Wording::Said(message, hint) => (item_of(key, message), hint),
        }
    } else {
        (head(message).to_string(), None)
    };
    let diagnostic = at.error(span.start, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// "tags must be …" said of one item of the list: "each item of tags must be …".
fn item_of(key: Option<&FoundKey>, message: String) -> String {
    match key {
        Some(k) if k.item => format!("each item of {message}"),
        _ => message,
    }
}

/// `every`, expected one of `first`, `all`, `none` → the allowed values, quoted
/// as they are written.
fn unknown_variant(key: &str, rest: &str) -> (String, Option<String>) {
    let (value, tail) = rest.split_once('`').unwrap_or((rest, ""));
    let allowed: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
    let listed: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
    let mut hint = format!("{key} must be one of {}", listed.join(", "));
    if let Some(best) = did_you_mean(value, allowed.iter().copied()) {
        hint = format!("did you mean \"{best}\"? {hint}");
    }
    (format!("unknown value \"{value}\" for {key}"), Some(hint))
}

enum Wording {
    /// A date written without quotes.
    Date,
    Said(String, Option<String>),
}

/// `invalid type: string "2", expected i64`, said of `key` with the value as
/// `written`.
fn wrong_type(key: &str, written: &str, rest: &str) -> Wording {
    let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
    let kind = found.split([' ', ',']).next().unwrap_or(found);
    let text = unquoted(written);
    let Some(wanted) = plain_type(expected) else {
        return Wording::Said(format!("{key} has the wrong type: {rest}"), None);
    };
    let message = format!("{key} must be {wanted}");
    let hint = match (wanted, kind) {
        (WHOLE_NUMBER, "string") if text.trim().parse::<i64>().is_ok() => {
            Some(format!("remove the quotes: {key} = {}", text.trim()))
        }
        (WHOLE_NUMBER, "string" | "floating") => {
            Some(format!("write a number without quotes, like {key} = 2"))
        }
        (TRUE_OR_FALSE, "string") => Some(match yes_or_no(text.trim()) {
            Some(meant) => format!("remove the quotes: {key} = {meant}"),
            None => format!("write {key} = true or {key} = false, without quotes"),
        }),
        (TEXT, _) if looks_like_date(key, text) => return Wording::Date,
        (TEXT, "integer" | "floating" | "boolean") => Some(format!("write {key} = \"{text}\"")),
        (A_LIST, "string") => Some(format!("write {key} = [{written}]")),
        _ => None,
    };
    Wording::Said(message, hint)
}

const WHOLE_NUMBER: &str = "a whole number, like 2";
const TRUE_OR_FALSE: &str = "true or false";
const TEXT: &str = "text in quotes";
const A_LIST: &str = "a list in [ ]";

/// serde's name for a type, as an author would say it.
fn plain_type(expected: &str) -> Option<&'static str> {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "an integer" => {
            Some(WHOLE_NUMBER)
        }
        "a boolean" => Some(TRUE_OR_FALSE),
        "a string" => Some(TEXT),
        "a sequence" => Some(A_LIST),
        _ => None,
    }
}

/// A value as written, without the quotes around it.
fn unquoted(written: &str) -> &str {
    written
        .strip_prefix('"')
        .and_then(|w| w.strip_suffix('"'))
        .or_else(|| {
            written
                .strip_prefix('\'')
                .and_then(|w| w.strip_suffix('\''))
        })
        .unwrap_or(written)
}
