//! Glossary cross-linking: finds mentions of glossary entries in Markdown text and
//! turns them into links to the entries.
//!
//! - [`matcher`]  — one automaton over every name, whole words, longest first;
//! - [`spelling`] — near misses of names, reported as likely misspellings;
//!
//! The pass runs on pulldown-cmark events before headings and links are rewritten,
//! so it can tell text that may carry a link (paragraphs, lists, tables) from text
//! that may not (headings, code, links, image text, inside raw HTML elements).

pub(crate) mod linker;
pub(crate) mod matcher;
pub(crate) mod spelling;

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use matcher::Found;

pub(crate) use linker::Linker;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::config::LinkMode;
use crate::markdown::input::{Events, Input};
use crate::markdown::rendered::{MentionSink, Rendered};
use crate::model::names::NameKind;
use crate::model::{PageRef, Term};

/// The glossary pass over one text's events: mentions become links (per the link
/// mode), each linked entry's first mention gets an id for "Mentioned in", and near
/// misses of names are reported.
pub fn link(events: &mut Events, linker: &Linker, input: &Input, sink: &mut MentionSink) {
    // Source descriptions describe documents, not the subject: they are not linked.
    if matches!(input.page, PageRef::Source(_)) {
        return;
    }
    let mut pass = Pass {
        linker,
        input,
        sink,
        own: match input.page {
            PageRef::Term(i) => Some(i),
            _ => None,
        },
        linked: vec![false; linker.entries.len()],
        warned: BTreeSet::new(),
    };
    let old = std::mem::take(events);
    events.reserve(old.len());
    let mut guard = Guard::default();
    let mut run: Events = Vec::new();
    for (event, range) in old {
        if guard.is_open() && matches!(event, Event::Text(_) | Event::SoftBreak) {
            run.push((event, range));
            continue;
        }
        pass.flush(&mut run, events);
        guard.see(&event);
        events.push((event, range));
    }
    pass.flush(&mut run, events);
}

/// Tracks whether the current text may carry links.
#[derive(Debug, Default)]
struct Guard {
    /// Open headings, code blocks, links and images.
    markdown: usize,
    /// Open raw HTML elements whose text must stay as it is.
    html: usize,
}

/// Raw inline HTML elements inside which no link is added.
const NO_LINK_ELEMENTS: [&str; 8] = ["a", "abbr", "code", "kbd", "pre", "samp", "script", "style"];

impl Guard {
    fn is_open(&self) -> bool {
        self.markdown == 0 && self.html == 0
    }

    fn see(&mut self, event: &Event) {
        match event {
            Event::Start(
                Tag::Heading { .. }
                | Tag::CodeBlock(_)
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::MetadataBlock(_),
            ) => self.markdown += 1,
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::MetadataBlock(_),
            ) => self.markdown = self.markdown.saturating_sub(1),
            Event::InlineHtml(html) => match html_tag(html) {
                Some((name, false)) if NO_LINK_ELEMENTS.contains(&name.as_str()) => self.html += 1,
                Some((name, true)) if NO_LINK_ELEMENTS.contains(&name.as_str()) => {
                    self.html = self.html.saturating_sub(1)
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// The element name of an opening or (`true`) closing HTML tag.
fn html_tag(html: &str) -> Option<(String, bool)> {
    let rest = html.trim_start().strip_prefix('<')?;
    let (rest, closing) = match rest.strip_prefix('/') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let self_closing = html.trim_end().ends_with("/>");
    (!name.is_empty() && !self_closing).then_some((name, closing))
}

/// The state of the pass over one text.
struct Pass<'l, 'i, 's, 'r> {
    linker: &'l Linker,
    input: &'i Input<'i>,
    sink: &'s mut MentionSink<'r>,
    /// The entry whose own definition this is: it never links to itself.
    own: Option<usize>,
    /// Entries already linked in this text.
    linked: Vec<bool>,
    /// Words already reported as likely misspellings in this text.
    warned: BTreeSet<String>,
}

/// A run of text and soft breaks, matched as one string so a name may span a line
/// break in the source.
enum RunText<'a> {
    Borrowed(&'a str),
    Owned(String),
}

impl<'a> RunText<'a> {
    fn as_str(&self) -> &str {
        match self {
            RunText::Borrowed(s) => s,
            RunText::Owned(s) => s,
        }
    }

    fn piece(&self, range: Range<usize>) -> CowStr<'a> {
        match self {
            RunText::Borrowed(s) => CowStr::Borrowed(&s[range]),
            // Boxed straight from the slice: `From<String>` would shrink a copy.
            RunText::Owned(s) => CowStr::Boxed(s[range].into()),
        }
    }
}

/// What an event of a text run reads as: its text, or a line break for a soft break.
fn piece<'e>(event: &'e Event<'_>) -> &'e str {
    match event {
        Event::Text(t) => t.as_ref(),
        _ => "\n",
    }
}

impl<'a> Pass<'_, '_, '_, '_> {
    fn flush(&mut self, run: &mut Events<'a>, out: &mut Events<'a>) {
        let Some(first) = run.first() else { return };
        let range = first.1.start..run.last().map_or(first.1.end, |(_, r)| r.end);
        let text = match run.as_slice() {
            [(Event::Text(CowStr::Borrowed(s)), _)] => RunText::Borrowed(s),
            _ => {
                // Sized first: a run can have hundreds of pieces.
                let mut joined =
                    String::with_capacity(run.iter().map(|(e, _)| piece(e).len()).sum());
                joined.extend(run.iter().map(|(e, _)| piece(e)));
                RunText::Owned(joined)
            }
        };
        run.clear();
        let found = match text.as_str().contains('\n') {
            true => self
                .linker
                .matcher
                .find_all(&text.as_str().replace('\n', " ")),
            false => self.linker.matcher.find_all(text.as_str()),
        };
        let mut pos = 0;
        for f in found {
            self.gap(&text, pos..f.start, &range, out);
            self.mention(f, text.piece(f.start..f.end), &range, out);
            pos = f.end;
        }
        self.gap(&text, pos..text.as_str().len(), &range, out);
    }

    /// Text between mentions: kept as it is, and checked for near misses of names.
    fn gap(
        &mut self,
        text: &RunText<'a>,
        gap: Range<usize>,
        at: &Range<usize>,
        out: &mut Events<'a>,
    ) {
        if gap.is_empty() {
            return;
        }
        if !self.linker.spelling.is_empty() {
            for word in spelling::capitalised_words(&text.as_str()[gap.clone()]) {
                self.check_spelling(word, at);
            }
        }
        out.push((Event::Text(text.piece(gap)), at.clone()));
    }

    fn check_spelling(&mut self, word: &str, at: &Range<usize>) {
        let Some(target) = self.linker.spelling.check(word) else {
            return;
        };
        if !self.warned.insert(word.to_string()) {
            return;
        }
        // Offsets in the text are not offsets in the source (entities, smart quotes):
        // find the word in the source span of its text.
        let source = self.input.markdown.text().get(at.clone()).unwrap_or("");
        let offset = source.find(word).map_or(at.start, |i| at.start + i);
        let entry = &self.linker.entries[target.term];
        let warning = self
            .input
            .markdown
            .warning(
                offset,
                format!(
                    "`{word}` looks like a misspelling of `{}` ({})",
                    target.text, entry.term
                ),
            )
            .with_hint(format!(
                "write `{}` to link the glossary entry; if `{word}` is meant, ignore this warning",
                target.text
            ));
        self.sink.warn(warning);
    }

    fn mention(&mut self, f: Found, shown: CowStr<'a>, at: &Range<usize>, out: &mut Events<'a>) {
        let name = &self.linker.matcher.names()[f.name];
        let term = name.term;
        let wanted = match self.linker.mode {
            LinkMode::None => false,
            LinkMode::First => !self.linked[term],
            LinkMode::All => true,
        };
        if !wanted || self.own == Some(term) {
            out.push((Event::Text(shown), at.clone()));
            return;
        }
        let first = !std::mem::replace(&mut self.linked[term], true);
        let (open, close) = self.link_tags(term, name.kind, first);
        out.push((Event::InlineHtml(open.into()), at.clone()));
        out.push((Event::Text(shown), at.clone()));
        out.push((Event::InlineHtml(close.into()), at.clone()));
    }

    /// `<a class="term" id=… href=… title="short definition">`, with an `<abbr>`
    /// around an abbreviation. Only the first link to an entry gets an id: it is
    /// where the entry's "Mentioned in" list points.
    fn link_tags(&mut self, term: usize, kind: NameKind, first: bool) -> (String, &'static str) {
        let entry = &self.linker.entries[term];
        let mut open = String::from("<a class=\"term\"");
        if first {
            let id = format!("mention-{}", entry.slug);
            open.push_str(&format!(" id=\"{}\"", self.sink.id_slot(id.clone())));
            self.sink.mention(term, id);
        }
        let href = self.sink.link_slot(PageRef::Term(term), None);
        open.push_str(" href=\"");
        open.push_str(&href);
        open.push('"');
        if !entry.title.is_empty() {
            open.push_str(" title=\"");
            open.push_str(&entry.title);
            open.push('"');
        }
        open.push('>');
        if kind != NameKind::Abbr {
            return (open, "</a>");
        }
        open.push_str("<abbr title=\"");
        open.push_str(&entry.expansion);
        open.push_str("\">");
        (open, "</abbr></a>")
    }
}

/// Warns about entries that no text of the pack mentions.
pub(crate) fn check_unused<'r>(
    terms: &[Term],
    mode: LinkMode,
    texts: impl IntoIterator<Item = &'r Rendered>,
    diags: &mut Diagnostics,
) {
    // Without links there are no recorded mentions to go by.
    if mode == LinkMode::None {
        return;
    }
    let mut mentioned = vec![false; terms.len()];
    for rendered in texts {
        for m in &rendered.mentions {
            if let Some(seen) = mentioned.get_mut(m.term) {
                *seen = true;
            }
        }
    }
    for (term, seen) in terms.iter().zip(mentioned) {
        if !seen {
            diags.push(
                Diagnostic::warning(
                    &term.body.file.path,
                    term.at,
                    format!("nothing in the pack mentions `{}`", term.term),
                )
                .with_hint("mention it in a section, an event, the introduction or another definition, or remove the entry"),
            );
        }
    }
}
