//! Links to content files (`../glossary/soca.md#history`) become slots for their
//! pages; links to files or anchors that do not exist are reported.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use crate::base::diagnostics::did_you_mean;
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
                let meant = dest_url.trim_start_matches('/');
                let meant = meant.strip_prefix("content/").unwrap_or(meant);
                let meant = meant.split('#').next().unwrap_or(meant);
                let meant = (self.env.site.links.contains_key(meant))
                    .then(|| relative_to(self.folder, meant));
                let example = match meant.or_else(|| self.example()) {
                    Some(e) => format!(" (`{e}`)"),
                    None => String::new(),
                };
                let hint = format!(
                    "write a path relative to this file{example}, so the site works from file:// and under any sub-path"
                );
                self.problem(out, format!("link `{dest_url}` starts with `/`"), &hint);
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
                let hint = self.missing_file_hint(resolved.as_deref());
                let shown = resolved.unwrap_or_else(|| path.to_string());
                let message = format!("link to a missing file `{path}` (content/{shown})");
                self.problem(out, message, &hint);
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

    /// What the author probably meant by a link to a file the pack does not have:
    /// the `.md` of a page linked by its `.html`, a file of a close name, or else how
    /// such links are written, with a file of the pack as the example.
    fn missing_file_hint(&self, resolved: Option<&str>) -> String {
        let site = self.env.site;
        let exists = |p: &str| site.links.contains_key(p) || site.unreadable.contains(p);
        let meant = resolved.and_then(|missing| {
            let markdown = format!("{}.md", missing.strip_suffix(".html").unwrap_or(missing));
            if exists(&markdown) && missing.ends_with(".html") {
                let md = relative_to(self.folder, &markdown);
                return Some(format!(
                    "link to the Markdown file, `{md}`: it becomes the page's link"
                ));
            }
            let candidates = (site.links.keys())
                .chain(&site.unreadable)
                .map(String::as_str);
            let close = closest_file(missing, candidates)?;
            Some(format!(
                "did you mean `{}`?",
                relative_to(self.folder, close)
            ))
        });
        meant.unwrap_or_else(|| match self.example() {
            Some(e) => {
                format!("link to a content file by its path relative to this file, e.g. `{e}`")
            }
            None => "link to a content file by its path relative to this file".to_string(),
        })
    }

    /// A page of the author's own pack, as a link from this text would name it: a
    /// glossary entry, else a section, else any page but this one.
    fn example(&self) -> Option<String> {
        let own = crate::model::names::content_rel(&self.input.markdown.file);
        let pages = || (self.env.site.links.keys()).filter(|k| k.ends_with(".md") && **k != own);
        let pick = (pages().find(|k| k.starts_with("glossary/")))
            .or_else(|| pages().find(|k| k.starts_with("sections/")))
            .or_else(|| pages().next())?;
        Some(relative_to(self.folder, pick))
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

/// The path a link from a text in `folder` writes for the content file `target`.
fn relative_to(folder: &str, target: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let shared = (from.iter().zip(&to)).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - shared];
    parts.extend(&to[shared..]);
    parts.join("/")
}

/// The file among `candidates` a link to `missing` most likely meant: one of a close
/// name in the same folder, else one of the same name in another, else one of a close
/// name anywhere.
fn closest_file<'c>(missing: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let (folder, name) = missing.rsplit_once('/').unwrap_or(("", missing));
    let candidates: Vec<&str> = candidates.collect();
    let split = |c: &'c str| c.rsplit_once('/').unwrap_or(("", c));
    let same_folder = candidates.iter().filter(|c| split(c).0 == folder);
    let names: Vec<&str> = same_folder.map(|c| split(c).1).collect();
    if let Some(best) = did_you_mean(name, names.iter().copied()) {
        return candidates.into_iter().find(|c| split(c) == (folder, best));
    }
    if let Some(same) = candidates.iter().find(|c| split(c).1 == name) {
        return Some(same);
    }
    let best = did_you_mean(name, candidates.iter().map(|c| split(c).1))?;
    candidates.into_iter().find(|c| split(c).1 == best)
}
