//! With `[markdown] raw_html = false`, raw HTML is shown as text: for packs whose
//! authors are not trusted with markup.

use pulldown_cmark::Event;

use crate::markdown::input::Events;

/// Raw HTML shown as text, for packs whose authors are not trusted with markup.
pub(crate) fn escape_raw_html(events: &mut Events) {
    for (event, _) in events.iter_mut() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => *event = Event::Text(html.clone()),
            _ => {}
        }
    }
}
