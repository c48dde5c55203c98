//! Refuses addresses that would run code in the reader's browser (`javascript:`,
//! `vbscript:`) or open a document written into them (`data:` but an image's),
//! wherever a text writes one: a Markdown link or image, or any address of its raw
//! HTML (`href`, `src`, `action`, `srcset`, a refresh, an SVG animation, a frame's
//! `srcdoc` and what it holds), however its characters are written.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use crate::base::diagnostics::Diagnostics;
use crate::base::tags::{self, Attribute};
use crate::base::url::{self, Use};
use crate::markdown::inline::INLINE;
use crate::markdown::input::Events;
use crate::model::Markdown;

/// Reports every address in `events` that may not be written, at its place.
pub(crate) fn refuse_script_links(events: &Events, markdown: &Markdown, diags: &mut Diagnostics) {
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        refuse_markdown_link(event, range.start, markdown, diags);
        // Raw HTML is read a run of events at a time: a tag may span lines.
        let run = (i..events.len())
            .take_while(|&j| matches!(events[j].0, Event::Html(_) | Event::InlineHtml(_)))
            .count();
        if run > 0 {
            RawHtml::joined(&events[i..i + run]).refuse(markdown, diags);
        }
        i += run.max(1);
    }
}

/// Reports the address of a Markdown link or image (`event`, at byte `at` of
/// `markdown`) if it may not be written.
pub(crate) fn refuse_markdown_link(
    event: &Event,
    at: usize,
    markdown: &Markdown,
    diags: &mut Diagnostics,
) {
    let (dest_url, used) = match event {
        Event::Start(Tag::Link { dest_url, .. }) => (dest_url, Use::Page),
        Event::Start(Tag::Image { dest_url, .. }) => (dest_url, Use::Image),
        _ => return,
    };
    if let Some(why) = url::refusal(dest_url, used) {
        let what = format!("the link `{}`", url::shown(dest_url));
        let message = url::refusal_message(&what, why);
        diags.push(
            markdown
                .error(at, message)
                .with_hint(url::refusal_hint(why)),
        );
    }
}

/// Reports the links and images of a one-line Markdown string (a summary) whose
/// address may not be written, at the string. Its raw HTML is shown as text.
pub(crate) fn refuse_inline_links(markdown: &Markdown, diags: &mut Diagnostics) {
    for event in Parser::new_ext(markdown.text(), INLINE) {
        refuse_markdown_link(&event, 0, markdown, diags);
    }
}

/// A run of raw HTML events as one text, with where each piece came from.
struct RawHtml {
    html: String,
    /// Each piece's start in `html` and its range in the Markdown text.
    pieces: Vec<(usize, Range<usize>)>,
}

impl RawHtml {
    fn joined(events: &[(Event, Range<usize>)]) -> Self {
        let mut html = String::new();
        let mut pieces = Vec::with_capacity(events.len());
        for (event, range) in events {
            if let Event::Html(text) | Event::InlineHtml(text) = event {
                pieces.push((html.len(), range.clone()));
                html.push_str(text);
            }
        }
        RawHtml { html, pieces }
    }

    /// The offset in the Markdown text of byte `at` of the joined HTML.
    fn source_offset(&self, at: usize) -> usize {
        let piece = self.pieces.partition_point(|(start, _)| *start <= at);
        let (start, range) = &self.pieces[piece.saturating_sub(1)];
        (range.start + (at - start)).min(range.end)
    }

    fn refuse(&self, markdown: &Markdown, diags: &mut Diagnostics) {
        let mut found = Vec::new();
        refused_in(&self.html, 0, &mut found);
        for Found { at, message, hint } in found {
            let problem = markdown.error(self.source_offset(at), message);
            diags.push(problem.with_hint(hint));
        }
    }
}

/// A refused address of raw HTML.
struct Found {
    /// Offset of its attribute in the HTML read.
    at: usize,
    message: String,
    hint: &'static str,
}

/// How deep frames written into `srcdoc` are read, each inside the one before.
const MOST_NESTED: usize = 3;

/// Every refused address of `html`, which is `depth` frames down.
fn refused_in(html: &str, depth: usize, found: &mut Vec<Found>) {
    for tag in tags::start_tags(html) {
        for attribute in &tag.attributes {
            if attribute.name == "srcdoc" && depth < MOST_NESTED {
                let mut inner = Vec::new();
                refused_in(&attribute.value, depth + 1, &mut inner);
                // Reported at the frame's `srcdoc`: the offsets are inside its value.
                found.extend(inner.into_iter().map(|f| Found {
                    at: attribute.at,
                    ..f
                }));
                continue;
            }
            for (address, used) in addresses(&tag, attribute) {
                let what = format!(
                    "`<{} {}=\"{}\">`",
                    tag.name,
                    attribute.name,
                    url::shown(address)
                );
                if let Some(why) = url::refusal(address, used) {
                    let message = url::refusal_message(&what, why);
                    let hint = url::refusal_hint(why);
                    found.push(Found {
                        at: attribute.at,
                        message,
                        hint,
                    });
                } else if tag.name == "base" && attribute.name == "href" {
                    let message =
                        format!("{what} would send every relative link of the page elsewhere");
                    let hint = "remove it: links in the pack are relative to their page, so the site works from file:// and under any path";
                    found.push(Found {
                        at: attribute.at,
                        message,
                        hint,
                    });
                }
            }
        }
    }
}

/// The addresses an attribute gives the browser, each with what it is for.
fn addresses<'v>(tag: &tags::Tag, attribute: &'v Attribute) -> Vec<(&'v str, Use)> {
    let value: &str = &attribute.value;
    let image = matches!(
        (tag.name.as_str(), attribute.name.as_str()),
        ("img" | "input", "src")
            | ("img", "lowsrc" | "dynsrc")
            | ("video", "poster")
            | ("image", "href" | "xlink:href")
            | (_, "srcset" | "imagesrcset")
    );
    let used = if image { Use::Image } else { Use::Page };
    match attribute.name.as_str() {
        "srcset" | "imagesrcset" => srcset(value).map(|a| (a, used)).collect(),
        "ping" | "archive" => value.split_ascii_whitespace().map(|a| (a, used)).collect(),
        "content" if is_refresh(tag) => refresh_target(value)
            .map(|a| (a, used))
            .into_iter()
            .collect(),
        "values" if is_animation(tag) => value.split(';').map(|a| (a, used)).collect(),
        "to" | "from" | "by" if is_animation(tag) => vec![(value, used)],
        name if URL_ATTRIBUTES.contains(&name) => vec![(value, used)],
        _ => Vec::new(),
    }
}

/// Attributes whose whole value is one address, on whatever element.
const URL_ATTRIBUTES: [&str; 17] = [
    "href",
    "xlink:href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "codebase",
    "manifest",
    "icon",
    "profile",
    "usemap",
];

/// The addresses of a `srcset`: each candidate's address runs to a space, and may
/// itself hold commas (`data:image/png;base64,…`).
fn srcset(value: &str) -> impl Iterator<Item = &str> {
    let mut rest = value;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (candidate, after) = rest.split_at(end);
        let address = candidate.trim_end_matches(',');
        // Unless a comma ended the address, its descriptors (`2x`, `300w`) run to the
        // next comma.
        rest = match address.len() == candidate.len() {
            true => after.find(',').map_or("", |comma| &after[comma..]),
            false => after,
        };
        Some(address)
    })
}

fn is_refresh(tag: &tags::Tag) -> bool {
    tag.name == "meta"
        && (tag.get("http-equiv")).is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh"))
}

/// Where `<meta http-equiv="refresh" content="5; url=…">` sends the browser.
fn refresh_target(content: &str) -> Option<&str> {
    let rest = content
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = rest.trim_start().strip_prefix([';', ','])?.trim_start();
    let rest = match rest.get(..3) {
        Some(url) if url.eq_ignore_ascii_case("url") => {
            let after = rest[3..].trim_start();
            after.strip_prefix('=').map_or(rest, str::trim_start)
        }
        _ => rest,
    };
    Some(rest.trim_matches(|c| c == '"' || c == '\''))
}

/// SVG's animation elements, whose `to`, `from`, `by` and `values` may set an `href`.
fn is_animation(tag: &tags::Tag) -> bool {
    matches!(
        tag.name.as_str(),
        "set" | "animate" | "animatemotion" | "animatetransform"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_srcset_is_read_candidate_by_candidate() {
        let got: Vec<&str> = srcset(" a.png 1x, data:image/png;base64,AA,AA 2x ,c.png").collect();
        assert_eq!(got, ["a.png", "data:image/png;base64,AA,AA", "c.png"]);
    }

    #[test]
    fn a_refresh_names_its_target_however_written() {
        assert_eq!(refresh_target("0;url=javascript:x"), Some("javascript:x"));
        assert_eq!(
            refresh_target("5 , URL = 'javascript:x'"),
            Some("javascript:x")
        );
        assert_eq!(refresh_target("1; javascript:x"), Some("javascript:x"));
        assert_eq!(refresh_target("30"), None);
    }
}
