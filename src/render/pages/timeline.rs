//! The timeline page: the chart, then the events by year.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use crate::markdown::Texts;
use crate::model::Site;
use crate::render::chart;
use crate::render::views::{EventItem, base_context, event_item};

pub(super) fn context(site: &Site, texts: &Texts, file: &str) -> Context {
    let mut ctx = base_context(site, file, "Timeline", "timeline");
    let mut years: BTreeMap<i32, Vec<EventItem>> = BTreeMap::new();
    for i in 0..site.events.len() {
        years
            .entry(site.events[i].date.year)
            .or_default()
            .push(event_item(site, texts, file, i));
    }
    #[derive(Serialize)]
    struct Year {
        year: i32,
        events: Vec<EventItem>,
    }
    let years: Vec<Year> = years
        .into_iter()
        .map(|(year, events)| Year { year, events })
        .collect();
    ctx.insert("years", &years);
    let marks: Vec<chart::Mark> = site.events.iter().map(chart::Mark::from).collect();
    ctx.insert("chart", &chart::chart(&marks));
    ctx
}
