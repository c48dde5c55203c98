//! Entry points for the fuzz targets in `fuzz/`: stages of a build run on bytes held
//! in memory, so a fuzzer can call them millions of times without touching the disk.
//! Each must return normally, whatever the input; a panic is a bug.

use std::path::PathBuf;
use std::sync::Arc;

use crate::base::diagnostics::Diagnostics;
use crate::base::parse::parse_toml;
use crate::base::text::SourceText;
use crate::config::Config;
use crate::content::{self, Document, RawPack, SectionMeta, TermMeta, TimelineMeta};
use crate::markdown;
use crate::model::{self, PageRef};
use crate::render::urls;

/// Reads `bytes` as each kind of pack file: a section, a glossary entry, the
/// timeline and `briefing.toml`. Returns the problems found, as printed.
pub fn parse_file(bytes: &[u8]) -> Vec<String> {
    let mut diags = Diagnostics::new();
    match SourceText::from_bytes(PathBuf::from("content/sections/fuzz.md"), bytes.to_vec()) {
        Ok(file) => {
            let file = Arc::new(file);
            let _: Option<Document<SectionMeta>> =
                content::parse_document(file.clone(), &mut diags);
            let _: Option<Document<TermMeta>> = content::parse_document(file.clone(), &mut diags);
            let _: Option<TimelineMeta> = parse_toml(&file, 0, &file.text, &mut diags);
            let _: Option<Config> = parse_toml(&file, 0, &file.text, &mut diags);
        }
        Err(d) => diags.push(d),
    }
    diags.sorted().iter().map(ToString::to_string).collect()
}

/// The glossary of the pack the Markdown pipeline target renders into.
const TERMS: &[(&str, &str)] = &[
    (
        "content/glossary/agency.md",
        "+++\nterm = \"The Agency\"\nabbr = \"TA\"\naliases = [\"Agency\"]\n+++\nA body that does things. [More](centre.md#history).\n",
    ),
    (
        "content/glossary/centre.md",
        "+++\nterm = \"UK Human Trafficking Centre\"\nabbr = \"UKHTC\"\n+++\nA centre.\n\n## History\n\nFounded in 2006.\n",
    ),
    (
        "content/glossary/trafficking.md",
        "+++\nterm = \"Human Trafficking\"\ncase_sensitive = true\n+++\nThe trade in people.\n",
    ),
];

/// Renders `body` as the text of a section, through every Markdown pass (glossary
/// linking included), and returns its HTML as placed on the section's page. `None`
/// when the pack has problems.
pub fn render_section(body: &str, raw_html: bool) -> Option<String> {
    let mut diags = Diagnostics::new();
    let config = fuzz_config(raw_html)?;
    let section = section_file(body);
    let raw = RawPack {
        sources: parse(
            "content/sources/src.md",
            "+++\ntitle = \"Source\"\nkind = \"report\"\n+++\nA source.\n",
            &mut diags,
        ),
        sections: parse("content/sections/s.md", &section, &mut diags),
        terms: TERMS
            .iter()
            .flat_map(|(path, text)| parse(path, text, &mut diags))
            .collect(),
        ..RawPack::default()
    };
    let site = model::build(config, raw, &mut diags);
    let texts = markdown::render_texts(&site, &mut diags);
    if diags.has_errors() {
        return None;
    }
    let file = urls::page_file(&site, PageRef::Section(0));
    Some(urls::on_page(
        &site,
        PageRef::Section(0),
        &file,
        texts.sections.first()?,
    ))
}

/// Renders a pack whose glossary comes from the input as well as the section: the
/// lines of `data` before its first empty line each give a term, as
/// `term|abbr|alias,alias|definition` (missing fields are left out), and the rest is
/// the section's body. Returns the HTML of the section and of every definition, as
/// placed on their pages; `None` when the pack has problems.
pub fn render_with_glossary(data: &str, raw_html: bool) -> Option<Vec<String>> {
    let (spec, body) = data.split_once("\n\n").unwrap_or((data, ""));
    let mut diags = Diagnostics::new();
    let config = fuzz_config(raw_html)?;
    let section = section_file(body);
    let terms = spec.lines().take(16).enumerate().flat_map(|(i, line)| {
        parse(
            &format!("content/glossary/t{i}.md"),
            &term_file(line),
            &mut diags,
        )
    });
    let raw = RawPack {
        terms: terms.collect(),
        sources: parse(
            "content/sources/src.md",
            "+++\ntitle = \"Source\"\nkind = \"report\"\n+++\nA source.\n",
            &mut diags,
        ),
        sections: parse("content/sections/s.md", &section, &mut diags),
        ..RawPack::default()
    };
    let site = model::build(config, raw, &mut diags);
    let texts = markdown::render_texts(&site, &mut diags);
    if diags.has_errors() {
        return None;
    }
    let pages = std::iter::once((PageRef::Section(0), texts.sections.first()?)).chain(
        texts
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (PageRef::Term(i), t)),
    );
    let html = pages.map(|(page, text)| {
        let file = urls::page_file(&site, page);
        urls::on_page(&site, page, &file, text)
    });
    Some(html.collect())
}

/// A glossary file from one `term|abbr|alias,alias|definition` line, every field
/// written as a TOML string whatever it holds.
fn term_file(line: &str) -> String {
    let mut fields = line.splitn(4, '|');
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut front = format!("term = {}\n", quoted(fields.next().unwrap_or("")));
    if let Some(abbr) = fields.next().filter(|a| !a.is_empty()) {
        front += &format!("abbr = {}\n", quoted(abbr));
    }
    if let Some(aliases) = fields.next().filter(|a| !a.is_empty()) {
        let list: Vec<String> = aliases.split(',').map(quoted).collect();
        front += &format!("aliases = [{}]\n", list.join(", "));
    }
    let definition = fields.next().unwrap_or("A term.");
    format!("+++\n{front}+++\n{definition}\n")
}

/// The settings of every fuzzed pack: all mentions linked, raw HTML as asked.
fn fuzz_config(raw_html: bool) -> Option<Config> {
    toml::from_str(&format!(
        "title = \"Fuzz\"\n[glossary]\nlink = \"all\"\n[markdown]\nraw_html = {raw_html}\n"
    ))
    .ok()
}

/// The one section of a fuzzed pack, with `body` as its text.
fn section_file(body: &str) -> String {
    format!(
        "+++\ntitle = \"S\"\nsource = \"src\"\nparagraphs = \"1\"\norder = 1\nsummary = \"S.\"\n+++\n{body}"
    )
}

fn parse<M: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Vec<Document<M>> {
    SourceText::from_bytes(PathBuf::from(path), text.as_bytes().to_vec())
        .map_err(|d| diags.push(d))
        .ok()
        .and_then(|file| content::parse_document(Arc::new(file), diags))
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_section_in_memory() {
        let html = render_section("Hello *world*, said the Agency.", false).expect("renders");
        assert!(html.starts_with("<p>Hello <em>world</em>, said "), "{html}");
        assert!(html.contains("href=\"../glossary/agency.html\""), "{html}");
    }

    #[test]
    fn renders_a_glossary_drawn_from_the_input() {
        let data = "Home Office|HO|the Office|A *department*.\nHome\n\nThe Home Office and Home.";
        let html = render_with_glossary(data, false).expect("renders");
        assert_eq!(html.len(), 3, "the section and two definitions");
        assert!(html[0].contains("glossary/t0.html"), "{}", html[0]);
        assert!(html[0].contains("glossary/t1.html"), "{}", html[0]);
        assert!(
            html.iter().any(|h| h.contains("<em>department</em>")),
            "{html:?}"
        );
    }

    #[test]
    fn reports_problems_in_memory() {
        let problems = parse_file(b"+++\ntitel = 1\n+++\n");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("2:1: error: unknown field `titel`")),
            "{problems:?}"
        );
    }
}
