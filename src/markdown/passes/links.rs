//! Links to content files (`../glossary/soca.md#history`) become slots for their
//! pages; links to files or anchors that do not exist are reported.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use crate::base::url::{self, LinkTarget, Use, classify_link, decode_or_keep};
use crate::markdown::input::{Env, Events, Input};
use crate::markdown::rendered::{AnchorCheck, Rendered, SLOT_OPEN, Slot};
use crate::model::PageRef;

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
        // Refused links are reported by `safety`.
        if matches!(link_type, LinkType::Email) || url::refusal(dest_url, Use::Page).is_some() {
            continue;
        }
        let link = Link {
            env,
            input,
            folder: &folder,
            at: range.start,
        };
        let Some(target) = link.target(dest_url, out) else {
            continue;
        };
        *event = Event::InlineHtml(open_tag(out.slot(target), title).into());
    }
    // Link ends are closed generically: every End(Link) whose start became raw HTML.
    close_rewritten_links(events);
}

/// One link being rewritten: where it is, and what it may point at.
struct Link<'a> {
    env: &'a Env<'a>,
    input: &'a Input<'a>,
    /// The content folder of the text, which relative paths start from.
    folder: &'a str,
    /// Offset of the link in the text, for problems.
    at: usize,
}

impl Link<'_> {
    /// The slot the link's address becomes; `None` for a link left as written (to
    /// another site) or reported as a problem.
    fn target(&self, dest_url: &str, out: &mut Rendered) -> Option<Slot> {
        match classify_link(dest_url) {
            LinkTarget::External => None,
            LinkTarget::Fragment(fragment) => {
                let fragment = decode_or_keep(&fragment);
                let message = format!("link to a missing anchor `#{fragment}` on this page");
                self.check_anchor(self.input.page, &fragment, message, out);
                Some(Slot::Fragment(fragment))
            }
            LinkTarget::RootAbsolute => {
                self.problem(
                    out,
                    format!("link `{dest_url}` starts with `/`"),
                    "write a path relative to this file (`../sections/reflex.md`), so the site works from file:// and under any sub-path",
                );
                None
            }
            LinkTarget::Relative { path, fragment } => self.to_file(&path, fragment, out),
        }
    }

    /// A link to a content file, by its path relative to this text's file.
    fn to_file(&self, path: &str, fragment: Option<String>, out: &mut Rendered) -> Option<Slot> {
        let resolved = join_path(self.folder, &decode_or_keep(path));
        let site = self.env.site;
        let Some(&page) = resolved.as_ref().and_then(|p| site.links.get(p)) else {
            // A file that failed to parse has been reported already.
            if !resolved
                .as_ref()
                .is_some_and(|p| site.unreadable.contains(p))
            {
                let shown = resolved.unwrap_or_else(|| path.to_string());
                self.problem(
                    out,
                    format!("link to a missing file `{path}` (content/{shown})"),
                    "link to a content file by its path relative to this file, e.g. `../glossary/soca.md`",
                );
            }
            return None;
        };
        let fragment = fragment.map(|f| decode_or_keep(&f));
        if let Some(f) = &fragment {
            let message = format!("link to a missing anchor `#{f}` in `{path}`");
            self.check_anchor(page, f, message, out);
        }
        Some(Slot::Link { page, fragment })
    }

    /// Records that `fragment` must exist on `target`, checked once every text is
    /// rendered.
    fn check_anchor(&self, target: PageRef, fragment: &str, message: String, out: &mut Rendered) {
        out.anchor_checks.push(AnchorCheck {
            target,
            fragment: fragment.to_string(),
            origin: self.input.markdown.error(self.at, message),
        });
    }

    fn problem(&self, out: &mut Rendered, message: String, hint: &str) {
        let problem = self.input.markdown.error(self.at, message).with_hint(hint);
        out.diagnostics.push(problem);
    }
}

/// `<a href="slot" title="…">`.
fn open_tag(slot: String, title: &str) -> String {
    let mut html = format!("<a href=\"{slot}\"");
    if !title.is_empty() {
        html.push_str(" title=\"");
        escape_html(&mut html, title).ok();
        html.push('"');
    }
    html.push('>');
    html
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
pub(crate) fn join_path(folder: &str, path: &str) -> Option<String> {
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
