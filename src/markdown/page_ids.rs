//! The ids a text's page gives its own elements, which the text's headings keep
//! clear of. The default theme's templates are checked against these
//! (`render::ids`' tests).

use crate::model::PageRef;
use crate::model::reserved::EVERY_PAGE;

/// Whether the page a text of `page` is shown on gives one of its own elements the
/// id `id`, as the text's ids are written there: as they are on a section's, an
/// entry's and the landing page, after a prefix elsewhere (`source-hac-`), where a
/// numbered paragraph's id (`p9`) is kept as it is.
pub(crate) fn page_holds_id(page: PageRef, id: &str) -> bool {
    match page {
        PageRef::Index => EVERY_PAGE.contains(&id) || ["key-dates", "sections"].contains(&id),
        PageRef::Section(_) => EVERY_PAGE.contains(&id) || id == "on-the-timeline",
        PageRef::Term(_) => EVERY_PAGE.contains(&id) || ["see-also", "mentioned-in"].contains(&id),
        // On the sources page, `source-<id>-title` heads the document's entry.
        PageRef::Source(_) => id == "title" || is_paragraph_like(id),
        _ => false,
    }
}

/// Whether `id` is written as a numbered paragraph's id is: `p`, then a number.
fn is_paragraph_like(id: &str) -> bool {
    id.strip_prefix('p').is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_its_own_ids_from_the_texts_on_it() {
        assert!(page_holds_id(PageRef::Section(0), "main"));
        assert!(page_holds_id(PageRef::Section(0), "on-the-timeline"));
        assert!(!page_holds_id(PageRef::Term(0), "on-the-timeline"));
        assert!(page_holds_id(PageRef::Term(0), "mentioned-in"));
        assert!(page_holds_id(PageRef::Index, "sections"));
        assert!(page_holds_id(PageRef::Source(0), "p12"));
        assert!(!page_holds_id(PageRef::Source(0), "p012"));
        assert!(!page_holds_id(PageRef::Source(0), "main"));
        assert!(!page_holds_id(PageRef::Event(0), "main"));
    }
}
