//! The site's own pages, one file each: what its template sees, as a Tera context.

mod glossary;
mod index;
mod section;
mod source;
mod sources;
mod term;
mod timeline;

use tera::Tera;

use crate::base::diagnostics::Diagnostic;
use crate::markdown::Texts;
use crate::model::{PageRef, Site};
use crate::render::files::OutputFile;
use crate::render::ids::{repeated_id, repeated_id_error};
use crate::render::theme::Theme;
use crate::render::tidy::Tidy;
use crate::render::urls::page_file;

/// Lays out `page` with its template: one of the site's own pages, never the print
/// edition (streamed, see `print`) or a copied file.
pub(crate) fn render_page(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    texts: &Texts,
    page: PageRef,
) -> Result<OutputFile, Diagnostic> {
    let file = page_file(site, page);
    let (template, ctx) = match page {
        PageRef::Index => ("index.html", index::context(site, texts, &file)),
        PageRef::Section(i) => ("section.html", section::context(site, texts, &file, i)),
        PageRef::Sources => ("sources.html", sources::context(site, texts, &file)),
        PageRef::Source(i) => ("source.html", source::context(site, texts, &file, i)),
        PageRef::Glossary => ("glossary.html", glossary::context(site, &file)),
        PageRef::Term(i) => ("term.html", term::context(site, texts, &file, i)),
        PageRef::Timeline => ("timeline.html", timeline::context(site, texts, &file)),
        _ => unreachable!("the print edition is streamed, and assets are not pages"),
    };
    let mut tidy = Tidy::new(Vec::new());
    tera.render_to(template, &ctx, &mut tidy)
        .map_err(|e| theme.template_error(&e, Some(template)))?;
    // Writing to a `Vec` cannot fail.
    let bytes = tidy.finish().unwrap_or_default();
    if let Some(id) = repeated_id(&bytes) {
        return Err(repeated_id_error(site, theme, page, (&file, template), &id));
    }
    Ok(OutputFile::bytes(file, bytes))
}
