//! `content/sources/<id>.text.md`: a source document's own text, in Markdown that
//! previews correctly in any viewer. Its structure is read here, once:
//!
//! - text before the first numbered paragraph is the preamble;
//! - a numbered paragraph is a top-level ordered-list item, numbered by the number
//!   written before it (`9. In March 2007, …` is paragraph 9);
//! - blocks after a numbered item and before the next belong to that paragraph,
//!   indented or not (continuation lines, quotations, its own sub-lists);
//! - a heading is a heading of the document, and ends the paragraph before it.
//!
//! Numbers must rise. A jump inside one list (9, then 20) previews wrongly elsewhere,
//! as Markdown renumbers the items of a list, so it is a warning; a number that goes
//! backwards (paragraph 1 after 9) is almost always a paragraph's own list left
//! unindented, so it is an error.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::base::diagnostics::Diagnostics;
use crate::base::text::SourceText;

/// The suffix that marks a source document's text beside its description.
pub(crate) const TEXT_SUFFIX: &str = ".text.md";

/// A source document's text and the blocks it is made of.
#[derive(Debug)]
pub(crate) struct RawSourceText {
    pub(crate) file: Arc<SourceText>,
    /// The id of the source document it belongs to (`hac-report` for
    /// `hac-report.text.md`).
    pub(crate) id: String,
    pub(crate) blocks: Vec<TextBlock>,
    /// Whether its numbering has errors (already reported): then nothing is
    /// checked against it.
    pub(crate) broken: bool,
}

/// A stretch of a source text, by byte range in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextBlock {
    pub(crate) kind: BlockKind,
    pub(crate) range: Range<usize>,
}

/// What a stretch of a source text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Text outside any numbered paragraph: the preamble, or what follows a heading.
    Text,
    /// A heading of the document.
    Heading,
    /// A numbered paragraph: the list item, with the blocks that follow it.
    Paragraph(u32),
}

/// The options every reading of a source text uses, so the structure found here is
/// the one the Markdown stage renders.
pub(crate) fn text_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Reads the structure of a source text; numbering problems go to `diags`.
pub(crate) fn parse_source_text(
    file: Arc<SourceText>,
    id: String,
    diags: &mut Diagnostics,
) -> RawSourceText {
    let mut local = Diagnostics::new();
    let blocks = blocks(&file, &mut local);
    let broken = local.has_errors();
    diags.extend(local);
    RawSourceText {
        file,
        id,
        blocks,
        broken,
    }
}

/// Where one block of the text starts, before its end is known.
struct Start {
    kind: BlockKind,
    at: usize,
}

fn blocks(file: &SourceText, diags: &mut Diagnostics) -> Vec<TextBlock> {
    let text = &file.text;
    let mut starts = vec![Start {
        kind: BlockKind::Text,
        at: 0,
    }];
    let mut numbering = Numbering::default();
    let mut depth = 0usize;
    // The depth of the top-level ordered list being read, if one is open.
    let mut in_numbered_list = false;
    for (event, range) in Parser::new_ext(text, text_options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::List(Some(_))) if depth == 0 => {
                in_numbered_list = true;
                numbering.new_list();
            }
            Event::Start(Tag::Item) if depth == 1 && in_numbered_list => {
                let number = written_number(&text[range.start..]);
                numbering.check(file, number, range.start, diags);
                starts.push(Start {
                    kind: BlockKind::Paragraph(number),
                    at: range.start,
                });
            }
            Event::Start(Tag::Heading { .. }) if depth == 0 => {
                starts.push(Start {
                    kind: BlockKind::Heading,
                    at: range.start,
                });
                // What follows a heading, up to the next numbered item, is the
                // document's own text.
                starts.push(Start {
                    kind: BlockKind::Text,
                    at: range.end,
                });
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && matches!(end, TagEnd::List(true)) {
                    in_numbered_list = false;
                }
            }
            _ => {}
        }
    }
    close(starts, text.len(), text)
}

/// Ranges from the starts, each ending where the next begins; text blocks holding
/// nothing but blank lines are dropped.
fn close(starts: Vec<Start>, end: usize, text: &str) -> Vec<TextBlock> {
    let ends: Vec<usize> = starts.iter().skip(1).map(|s| s.at).chain([end]).collect();
    starts
        .into_iter()
        .zip(ends)
        .map(|(start, end)| TextBlock {
            kind: start.kind,
            range: start.at..end.max(start.at),
        })
        .filter(|b| b.kind != BlockKind::Text || !blank(&text[b.range.clone()]))
        .collect()
}

/// Whether a stretch of Markdown shows nothing (blank lines and comments only).
fn blank(markdown: &str) -> bool {
    let mut rest = markdown.trim();
    while let Some(comment) = rest.strip_prefix("<!--") {
        match comment.find("-->") {
            Some(end) => rest = comment[end + 3..].trim(),
            None => return false,
        }
    }
    rest.is_empty()
}

/// The number written at the start of a list item (`9.` or `9)`), after any indent.
fn written_number(item: &str) -> u32 {
    let digits: String = item
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

/// The paragraph numbers seen so far, to check that each rises.
#[derive(Default)]
struct Numbering {
    last: Option<u32>,
    /// The number before, in the same list.
    last_in_list: Option<u32>,
    /// Whether this list has been reported: a list left unindented is one mistake.
    reported: bool,
}

impl Numbering {
    fn new_list(&mut self) {
        self.last_in_list = None;
        self.reported = false;
    }

    fn check(&mut self, file: &SourceText, number: u32, at: usize, diags: &mut Diagnostics) {
        match (self.last, self.last_in_list) {
            _ if self.reported => {}
            (Some(last), _) if number <= last => {
                self.reported = true;
                let message = format!("paragraph {number} after {last}");
                let hint = format!(
                    "paragraph numbers must rise; if this is paragraph {last}'s own list, indent the list under paragraph {last}"
                );
                diags.push(file.error(at, message).with_hint(hint));
            }
            (_, Some(last)) if number != last + 1 => {
                let message = format!(
                    "paragraph {number} follows paragraph {last} in the same list: other Markdown viewers will number it {}",
                    last + 1
                );
                let hint = "start a new list for the paragraphs after the gap: put a heading or an `<!-- -->` comment line between them";
                diags.push(file.warning(at, message).with_hint(hint));
            }
            _ => {}
        }
        if !self.reported {
            self.last = Some(self.last.map_or(number, |l| l.max(number)));
        }
        self.last_in_list = Some(number);
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn read(text: &str) -> (Vec<(BlockKind, String)>, Vec<String>) {
        let file = SourceText::from_bytes(
            PathBuf::from("content/sources/r.text.md"),
            text.as_bytes().to_vec(),
        )
        .expect("text");
        let mut diags = Diagnostics::new();
        let raw = parse_source_text(Arc::new(file), "r".into(), &mut diags);
        let blocks = (raw.blocks.iter())
            .map(|b| (b.kind, raw.file.text[b.range.clone()].trim().to_string()))
            .collect();
        let problems = diags.sorted().iter().map(ToString::to_string).collect();
        (blocks, problems)
    }

    #[test]
    fn paragraphs_take_their_written_numbers_and_the_blocks_after_them() {
        let (blocks, problems) = read(
            "Question asked.\n\n## Heading\n\n9. Nine starts\n   and goes on.\n\n    1. own list\n    2. more\n\n> quoted in nine\n\n10. Ten.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.0).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Text,
                BlockKind::Heading,
                BlockKind::Paragraph(9),
                BlockKind::Paragraph(10)
            ]
        );
        assert!(blocks[2].1.contains("own list") && blocks[2].1.contains("quoted in nine"));
        assert_eq!(blocks[3].1, "10. Ten.");
    }

    #[test]
    fn a_backward_number_is_an_error_at_the_item() {
        let (_, problems) = read("9. Nine:\n\n1. Draw together\n2. Identify\n");
        assert_eq!(
            problems[0],
            "content/sources/r.text.md:3:1: error: paragraph 1 after 9\n    hint: paragraph numbers must rise; if this is paragraph 9's own list, indent the list under paragraph 9"
        );
    }

    #[test]
    fn a_jump_inside_one_list_is_a_warning_and_a_new_list_is_not() {
        let (_, problems) = read("9. Nine.\n10. Ten.\n20. Twenty.\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with(
            "content/sources/r.text.md:3:1: warning: paragraph 20 follows paragraph 10"
        ));
        let (blocks, problems) = read("9. Nine.\n10. Ten.\n\n<!-- -->\n\n20. Twenty.\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(blocks.last().map(|b| b.0), Some(BlockKind::Paragraph(20)));
    }
}
