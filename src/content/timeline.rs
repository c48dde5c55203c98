//! `content/timeline.toml`: read one `[[event]]` at a time, so a broken event is
//! reported at its own table and does not hide the problems of the others.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeValue;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::parse::{Toml, check_strings, deserialize, parse_table};
use crate::base::text::SourceText;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TimelineMeta {
    #[serde(default)]
    pub event: Vec<Spanned<EventMeta>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMeta {
    pub date: Spanned<String>,
    pub end: Option<Spanned<String>>,
    pub title: Spanned<String>,
    pub body: Option<Spanned<String>>,
    #[serde(default)]
    pub sections: Vec<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub paragraphs: Option<Spanned<String>>,
    #[serde(default)]
    pub key: bool,
    pub id: Option<Spanned<String>>,
}

/// `content/timeline.toml`, parsed.
#[derive(Debug)]
pub struct TimelineFile {
    pub file: Arc<SourceText>,
    pub meta: TimelineMeta,
}

/// Reads `timeline.toml` one `[[event]]` at a time, so a broken event is reported at
/// its own table and does not hide the problems of the others. After a syntax error,
/// the events it does not touch are still read; `None` only when none could be.
pub(crate) fn parse_timeline(file: &SourceText, diags: &mut Diagnostics) -> Option<TimelineMeta> {
    let at = Toml { file, offset: 0 };
    let parsed = parse_table(at, &file.text, diags);
    let broken = parsed.broken;
    check_strings(file, 0, &file.text, diags);
    let mut meta = TimelineMeta::default();
    for (key, value) in parsed.table.into_inner() {
        let items = match (key.get_ref().as_ref(), value.into_inner()) {
            ("event", DeValue::Array(items)) => items,
            // After a syntax error, keys may be read out of place: not reported again.
            _ if !broken.is_empty() => continue,
            ("event", _) => {
                diags.push(
                    file.error(key.span().start, "`event` must be a list of events")
                        .with_hint("start each event with a line `[[event]]` (two brackets)"),
                );
                continue;
            }
            (other, _) => {
                diags.push(
                    file.error(key.span().start, format!("unknown field `{other}`"))
                        .with_hint("timeline.toml holds only `[[event]]` tables"),
                );
                continue;
            }
        };
        for item in items {
            if touches(&item, &broken) {
                continue;
            }
            let span = item.span();
            let mut local = Diagnostics::new();
            if let Ok(event) = deserialize::<EventMeta>(at, item, &mut local) {
                meta.event.push(Spanned::new(span, event));
            }
            diags.extend(local.into_iter().map(event_hint).collect());
        }
    }
    (broken.is_empty() || !meta.event.is_empty()).then_some(meta)
}

/// Whether a syntax error lies in an event: from its header to its last value.
fn touches(item: &Spanned<DeValue>, broken: &[Range<usize>]) -> bool {
    let start = item.span().start;
    let end = match item.get_ref() {
        DeValue::Table(table) => (table.values().map(|v| v.span().end)).fold(start, usize::max),
        _ => item.span().end,
    };
    broken.iter().any(|b| b.start <= end && start <= b.end)
}

/// A missing key is missing from this `[[event]]`, not from a front matter.
fn event_hint(diagnostic: Diagnostic) -> Diagnostic {
    match diagnostic.message.strip_prefix("missing field `") {
        Some(rest) => {
            let field = rest.split('`').next().unwrap_or(rest).to_string();
            diagnostic.with_hint(format!("add `{field} = …` to this `[[event]]`"))
        }
        None => diagnostic,
    }
}
