//! Ids the site's own pages use, which an author's id must not take.

/// Ids every page gives its own elements (templates/base.html).
pub(crate) const EVERY_PAGE: [&str; 4] =
    ["main", "search-input", "search-status", "search-results"];

/// Ids the timeline page gives its own elements (see templates/timeline.html and
/// the chart it draws), which an event's anchor must not take.
pub(crate) fn page_uses_id(id: &str) -> bool {
    let year = id
        .strip_prefix("year-")
        .is_some_and(|y| !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit()));
    year || EVERY_PAGE.contains(&id)
        || ["timeline-chart-title", "timeline-chart-desc"].contains(&id)
}
