//! The one list of the files a build writes, and how each is made: `build` makes them
//! all, in parallel, streaming the two largest; `serve` makes each when it is asked for.

use rayon::prelude::*;
use tera::Tera;

use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Texts;
use crate::model::{PageRef, Site};
use crate::render::files::{Made, OutputFile, Planned};
use crate::render::theme::Theme;
use crate::render::urls::{SEARCH_INDEX_FILE, page_file, static_file};
use crate::render::{outputs, pages, print, search};

/// Every file of the site, with its path inside the output folder; or the problems
/// that stop those paths being written as planned (`outputs::check`).
pub(crate) fn plan(site: &Site, theme: &Theme) -> Result<Vec<(String, Planned)>, Diagnostics> {
    let mut pages = vec![
        PageRef::Index,
        PageRef::Sources,
        PageRef::Glossary,
        PageRef::Timeline,
        PageRef::Print,
    ];
    pages.extend((0..site.sections.len()).map(PageRef::Section));
    pages.extend((0..site.terms.len()).map(PageRef::Term));
    let with_text = (site.sources.iter().enumerate()).filter(|(_, s)| s.text.is_some());
    pages.extend(with_text.map(|(i, _)| PageRef::Source(i)));
    let pages = pages
        .into_iter()
        .map(|page| (page_file(site, page), Planned::Page(page)));
    let search = [(SEARCH_INDEX_FILE.to_string(), Planned::SearchIndex)];
    let statics =
        (theme.statics.keys()).map(|name| (static_file(name), Planned::Static(name.clone())));
    let assets =
        (site.assets.iter().enumerate()).map(|(i, asset)| (asset.rel.clone(), Planned::Asset(i)));
    let files: Vec<_> = pages.chain(search).chain(statics).chain(assets).collect();
    let problems = outputs::check(site, theme, &files);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

/// Makes one planned file. A page whose template fails is a problem in the pack.
pub(crate) fn make<'a>(
    tera: &Tera,
    theme: &'a Theme,
    site: &'a Site,
    texts: &'a Texts,
    path: &str,
    planned: &Planned,
) -> Result<Made<'a>, Diagnostic> {
    Ok(match planned {
        Planned::Page(PageRef::Print) => print::render(tera, theme, site, texts)?,
        Planned::Page(page) => Made::Whole(pages::render_page(tera, theme, site, texts, *page)?),
        Planned::SearchIndex => Made::Streamed {
            path: path.to_string(),
            write: Box::new(|out| search::write_index(site, out)),
        },
        Planned::Static(name) => {
            let bytes = theme.statics.get(name).cloned().unwrap_or_default();
            Made::Whole(OutputFile::bytes(path, bytes))
        }
        Planned::Asset(i) => Made::Whole(OutputFile::copy(path, site.assets[*i].file.clone())),
    })
}

/// Renders every page of the site, sorted by path.
pub fn render_site(
    site: &Site,
    texts: &Texts,
    theme: &Theme,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = render_each(site, texts, theme, |made| made.into_file())?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Makes every file of the site and hands each to `each` as soon as it is made, so a
/// caller that writes it out need not hold the whole site in memory. The pages are
/// rendered in parallel while the two largest files, the search index and the print
/// edition, are streamed one after the other. `each` sees the files in no fixed order;
/// a page that fails to render is not handed on, and then the problems are returned
/// instead of the results.
pub(crate) fn render_each<R: Send>(
    site: &Site,
    texts: &Texts,
    theme: &Theme,
    each: impl Fn(Made<'_>) -> R + Sync,
) -> Result<Vec<R>, Diagnostics> {
    let tera = theme.compiled()?;
    let (streamed, parallel): (Vec<_>, Vec<_>) = plan(site, theme)?
        .into_iter()
        .partition(|(_, planned)| is_streamed(planned));
    let make_one = |(path, planned): &(String, Planned)| {
        make(tera, theme, site, texts, path, planned).map(&each)
    };
    let (mut results, streamed) = rayon::join(
        || parallel.par_iter().map(make_one).collect::<Vec<_>>(),
        || streamed.iter().map(make_one).collect::<Vec<_>>(),
    );
    results.extend(streamed);
    let mut done = Vec::with_capacity(results.len());
    let mut problems = Diagnostics::new();
    for result in results {
        match result {
            Ok(r) => done.push(r),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(done)
}

/// The files too large to hold whole: written out as they are made.
fn is_streamed(planned: &Planned) -> bool {
    matches!(
        planned,
        Planned::SearchIndex | Planned::Page(PageRef::Print)
    )
}
