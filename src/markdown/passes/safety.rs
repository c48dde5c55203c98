//! Refuses links and images whose address would run code in the reader's browser.

use pulldown_cmark::{Event, Tag};

use crate::base::diagnostics::Diagnostics;
use crate::base::url::{self, HINT};
use crate::markdown::input::Events;
use crate::model::Markdown;

/// Reports every link and image in `events` whose address would run code.
pub(crate) fn refuse_script_links(events: &Events, markdown: &Markdown, diags: &mut Diagnostics) {
    for (event, range) in events {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && url::runs_code(dest_url)
        {
            diags.push(
                markdown
                    .error(range.start, url::message(dest_url))
                    .with_hint(HINT),
            );
        }
    }
}
