//! The last word on ids: a page whose HTML gives two elements one id is an error. The
//! Markdown passes keep a text's ids apart from each other and from the ids its
//! page's template uses, but a theme's own templates, raw HTML in a text and two
//! texts on one page can still repeat one; a link to it would lead to the first.

use std::collections::HashSet;
use std::path::PathBuf;

use memchr::memmem;

use crate::base::diagnostics::{Diagnostic, Position};
use crate::model::{PageRef, Site};
use crate::render::theme::Theme;

/// The first id that two elements of `html` share, as the templates and passes
/// write ids (` id="…"`).
pub(crate) fn repeated_id(html: &[u8]) -> Option<String> {
    let mut seen: HashSet<&[u8]> = HashSet::new();
    for at in memmem::find_iter(html, b"id=\"") {
        if !html
            .get(at.wrapping_sub(1))
            .is_some_and(u8::is_ascii_whitespace)
        {
            continue;
        }
        let value = &html[at + 4..];
        let value = &value[..memchr::memchr(b'"', value).unwrap_or(value.len())];
        if !seen.insert(value) {
            return Some(String::from_utf8_lossy(value).into_owned());
        }
    }
    None
}

/// The problem of a page (file `file`, laid out with `template`) that repeats `id`,
/// reported where the id is written if a text of the page writes it as raw HTML,
/// else at the page's text or its template.
pub(crate) fn repeated_id_error(
    site: &Site,
    theme: &Theme,
    page: PageRef,
    (file, template): (&str, &str),
    id: &str,
) -> Diagnostic {
    let message = format!("the id `{id}` is given to two elements of `{file}`");
    let hint = "ids must be unique on a page: rename one (a heading's id comes from its text, or from `{#id}` after it)";
    let problem = match site.markdown_of(page) {
        Some(markdown) => {
            let written = markdown.text().find(&format!("id=\"{id}\""));
            let at = written.map_or(Position::FILE, |at| markdown.position(at));
            Diagnostic::error(&markdown.file.path, at, message)
        }
        None => {
            let origin = theme.origins.get(template).cloned();
            let origin = origin
                .unwrap_or_else(|| PathBuf::from(format!("(built-in theme)/templates/{template}")));
            Diagnostic::error(origin, Position::FILE, message)
        }
    };
    problem.with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_id_is_found_and_lookalike_attributes_are_not_ids() {
        let html = br#"<main id="main"><a data-id="main" aria-labelledby="x"><h2 id="x">X</h2><p id="main">"#;
        assert_eq!(repeated_id(html).as_deref(), Some("main"));
        assert_eq!(repeated_id(br#"<p id="a"><p data-id="a"><p id="b">"#), None);
        assert_eq!(repeated_id(br#"id="a" <p id="a">"#), None);
    }

    /// The ids the built-in templates write as they are, never from a value.
    fn literal_ids(template: &str) -> Vec<&str> {
        (template.split(" id=\"").skip(1))
            .filter_map(|rest| rest.split('"').next())
            .filter(|id| !id.contains("{{"))
            .collect()
    }

    #[test]
    fn the_texts_of_a_page_keep_clear_of_every_id_its_templates_write() {
        use crate::markdown::page_ids::page_holds_id;
        let theme = Theme::embedded();
        let template = |name: &str| theme.templates.get(name).expect("a built-in template");
        let pages = [
            ("section.html", PageRef::Section(0)),
            ("term.html", PageRef::Term(0)),
            ("index.html", PageRef::Index),
        ];
        for (name, page) in pages {
            let ids = literal_ids(template("base.html"));
            for id in ids.into_iter().chain(literal_ids(template(name))) {
                assert!(page_holds_id(page, id), "{name}: `{id}`");
            }
        }
        assert!(literal_ids(template("base.html")).contains(&"main"));
    }
}
