//! `content/timeline.toml`: read one `[[event]]` at a time, so a broken event is
//! reported at its own table and does not hide the problems of the others.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::base::parse::{check_strings, toml_diagnostic};
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
/// its own table and does not hide the problems of the others.
pub(crate) fn parse_timeline(file: &SourceText, diags: &mut Diagnostics) -> Option<TimelineMeta> {
    let root = match toml::de::DeTable::parse(&file.text) {
        Ok(root) => root.into_inner(),
        Err(e) => {
            diags.push(toml_diagnostic(file, 0, &e));
            return None;
        }
    };
    check_strings(file, 0, &file.text, diags);
    let mut meta = TimelineMeta::default();
    for (key, value) in root {
        let items = match (key.get_ref().as_ref(), value.into_inner()) {
            ("event", toml::de::DeValue::Array(items)) => items,
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
            let span = item.span();
            match EventMeta::deserialize(toml::de::ValueDeserializer::from(item)) {
                Ok(event) => meta.event.push(Spanned::new(span, event)),
                Err(e) => diags.push(event_diagnostic(file, &e)),
            }
        }
    }
    Some(meta)
}

fn event_diagnostic(file: &SourceText, e: &toml::de::Error) -> Diagnostic {
    let diagnostic = toml_diagnostic(file, 0, e);
    match e.message().strip_prefix("missing field `") {
        Some(rest) => {
            let field = rest.split('`').next().unwrap_or(rest);
            diagnostic.with_hint(format!("add `{field} = …` to this `[[event]]`"))
        }
        None => diagnostic,
    }
}
