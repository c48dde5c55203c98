//! Links to content files (`../glossary/soca.md#history`) become slots for their
//! pages; links to files or anchors that do not exist are reported.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use crate::base::url::{self, LinkTarget, classify_link, decode_or_keep};
use crate::markdown::input::{Env, Events, Input};
use crate::markdown::rendered::{AnchorCheck, Rendered, SLOT_OPEN, Slot};

/// Rewrites links to content files (`../glossary/soca.md#history`) into slots for
/// their pages, reporting links to files that do not exist.
pub(crate) fn rewrite_links(events: &mut Events, env: &Env, input: &Input, out: &mut Rendered) {
    let folder = input.markdown.folder();
    for (event, range) in events.iter_mut() {
        let Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) = event
        else {
            continue;
        };
        // Script links are reported by `safety`.
        if matches!(link_type, LinkType::Email) || url::runs_code(dest_url) {
            continue;
        }
        let origin = |out: &mut Rendered, message: String, hint: &str| {
            out.diagnostics
                .push(input.markdown.error(range.start, message).with_hint(hint));
        };
        let target = match classify_link(dest_url) {
            LinkTarget::External => continue,
            LinkTarget::Fragment(fragment) => {
                let fragment = decode_or_keep(&fragment);
                out.anchor_checks.push(AnchorCheck {
                    target: input.page,
                    fragment: fragment.clone(),
                    origin: input.markdown.error(
                        range.start,
                        format!("link to a missing anchor `#{fragment}` on this page"),
                    ),
                });
                Slot::Fragment(fragment)
            }
            LinkTarget::RootAbsolute => {
                origin(
                    out,
                    format!("link `{dest_url}` starts with `/`"),
                    "write a path relative to this file (`../sections/reflex.md`), so the site works from file:// and under any sub-path",
                );
                continue;
            }
            LinkTarget::Relative { path, fragment } => {
                let resolved = join_path(&folder, &decode_or_keep(&path));
                let Some(page) = resolved.as_ref().and_then(|p| env.site.links.get(p)) else {
                    if resolved
                        .as_ref()
                        .is_some_and(|p| env.site.unreadable.contains(p))
                    {
                        continue;
                    }
                    let shown = resolved.unwrap_or_else(|| path.clone());
                    origin(
                        out,
                        format!("link to a missing file `{path}` (content/{shown})"),
                        "link to a content file by its path relative to this file, e.g. `../glossary/soca.md`",
                    );
                    continue;
                };
                let fragment = fragment.map(|f| decode_or_keep(&f));
                if let Some(f) = &fragment {
                    out.anchor_checks.push(AnchorCheck {
                        target: *page,
                        fragment: f.clone(),
                        origin: input.markdown.error(
                            range.start,
                            format!("link to a missing anchor `#{f}` in `{path}`"),
                        ),
                    });
                }
                Slot::Link {
                    page: *page,
                    fragment,
                }
            }
        };
        let slot = out.slot(target);
        let mut html = format!("<a href=\"{slot}\"");
        if !title.is_empty() {
            html.push_str(" title=\"");
            escape_html(&mut html, title).ok();
            html.push('"');
        }
        html.push('>');
        *event = Event::InlineHtml(html.into());
    }
    // Link ends are closed generically: every End(Link) whose start became raw HTML.
    close_rewritten_links(events);
}

/// Replaces the `End(Link)` of every link opened as raw HTML with a raw `</a>`, so
/// pulldown-cmark's writer does not see an unbalanced tag.
fn close_rewritten_links(events: &mut Events) {
    let mut stack: Vec<bool> = Vec::new();
    for (event, _) in events.iter_mut() {
        match event {
            Event::Start(Tag::Link { .. }) => stack.push(false),
            Event::InlineHtml(html)
                if html
                    .strip_prefix("<a href=\"")
                    .is_some_and(|rest| rest.starts_with(SLOT_OPEN)) =>
            {
                stack.push(true)
            }
            Event::End(TagEnd::Link) if stack.pop().unwrap_or(false) => {
                *event = Event::InlineHtml("</a>".into());
            }
            _ => {}
        }
    }
}

/// `folder` + `path`, normalised; `None` if it climbs out of `content/`.
fn join_path(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}
