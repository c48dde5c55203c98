//! The timeline chart: every event placed on a time axis proportional to its date,
//! drawn as inline SVG when the site is built (no script, no chart library).
//!
//! Labels hang above the axis on "flag poles" and are laid out in lanes by a greedy
//! pass over the events in axis order: each label takes the lowest lane where neither
//! it nor its pole would touch a label already placed. The result depends only on the
//! input, so two builds give the same bytes. Colours come from CSS classes (see the
//! timeline block of style.css), so the chart follows the light and dark schemes and
//! prints in black.

mod layout;

use std::fmt::Write;

use crate::base::html::escape;
use layout::{AXIS_GAP, Axis, BOTTOM, FONT, LANE, LINE, Placed, TOP, bounds, layout};

pub(crate) use layout::Mark;

/// A number for an SVG attribute: one decimal, never "-0.0", the same on every machine.
fn num(value: f64) -> String {
    let text = format!("{value:.1}");
    if text == "-0.0" { "0.0".into() } else { text }
}

/// The chart as an inline `<svg>` element, or an empty string when there are no events.
/// `<title>` and `<desc>` name and describe it; each event is a link to its anchor.
pub(super) fn chart(marks: &[Mark]) -> String {
    if marks.is_empty() {
        return String::new();
    }
    let layout = layout(marks);
    let axis = &layout.axis;
    let axis_y = TOP + layout.lanes as f64 * LANE + AXIS_GAP;
    let height = axis_y + BOTTOM;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg class=\"timeline-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"group\" aria-labelledby=\"timeline-chart-title\" aria-describedby=\"timeline-chart-desc\">",
        num(layout.width()),
        num(height)
    );
    let keys = marks.iter().filter(|m| m.key).count();
    let _ = writeln!(
        svg,
        "<title id=\"timeline-chart-title\">Timeline chart, {} to {}</title>",
        axis.first,
        axis.last - 1
    );
    let _ = writeln!(
        svg,
        "<desc id=\"timeline-chart-desc\">{} on a time axis from {} to {}, {} emphasised. Each event links to its entry in the list below.</desc>",
        plural(marks.len(), "event", "events"),
        axis.first,
        axis.last,
        plural(keys, "key event", "key events"),
    );
    draw_axis(&mut svg, axis, axis_y);
    for p in &layout.placed {
        draw_event(&mut svg, axis, &marks[p.mark], p, axis_y);
    }
    svg.push_str("</svg>");
    svg
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn draw_axis(svg: &mut String, axis: &Axis, y: f64) {
    let _ = writeln!(
        svg,
        "<g class=\"axis\" aria-hidden=\"true\">\n<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        num(axis.x(f64::from(axis.first))),
        num(y),
        num(axis.x(f64::from(axis.last))),
        num(y)
    );
    let step = axis.step();
    for year in axis.first..=axis.last {
        let x = axis.x(f64::from(year));
        let _ = writeln!(
            svg,
            "<line class=\"tick\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            num(x),
            num(y),
            num(x),
            num(y + 5.0)
        );
        if year < axis.last && year.rem_euclid(step) == 0 {
            let _ = writeln!(
                svg,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
                num(axis.x(f64::from(year) + 0.5)),
                num(y + 20.0)
            );
        }
    }
    svg.push_str("</g>\n");
}

fn draw_event(svg: &mut String, axis: &Axis, mark: &Mark, p: &Placed, axis_y: f64) {
    let class = if mark.key {
        "chart-event key"
    } else {
        "chart-event"
    };
    let top = axis_y - AXIS_GAP - (p.lane as f64 + 1.0) * LANE + 4.0;
    let _ = writeln!(
        svg,
        "<a class=\"{class}\" href=\"#{}\">\n<title>{}: {}</title>",
        escape(&mark.id),
        escape(&p.date),
        escape(&mark.title)
    );
    if !p.labelled {
        draw_mark(svg, axis, mark, p.x, axis_y);
        svg.push_str("</a>\n");
        return;
    }
    let _ = writeln!(
        svg,
        "<rect class=\"hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        num(p.span.left - 3.0),
        num(top - 2.0),
        num(p.span.right - p.span.left + 6.0),
        num(2.0 * LINE + 6.0)
    );
    let _ = writeln!(
        svg,
        "<line class=\"pole\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        num(p.x),
        num(top),
        num(p.x),
        num(axis_y)
    );
    draw_mark(svg, axis, mark, p.x, axis_y);
    let text_x = p.span.left;
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\"><tspan class=\"date\">{}</tspan><tspan class=\"title\" x=\"{}\" dy=\"{}\">{}</tspan></text>",
        num(text_x),
        num(top + FONT - 1.0),
        escape(&p.date),
        num(text_x),
        num(LINE),
        escape(&p.title)
    );
    svg.push_str("</a>\n");
}

/// A dot for a dated event, a bar for a period.
fn draw_mark(svg: &mut String, axis: &Axis, mark: &Mark, x: f64, y: f64) {
    let size = if mark.key { 6.0 } else { 4.0 };
    match &mark.end {
        Some(end) => {
            let to = axis.x(bounds(end).1).max(x + 2.0);
            let _ = writeln!(
                svg,
                "<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>",
                num(x),
                num(y - size / 2.0 - 1.0),
                num(to - x),
                num(size + 2.0)
            );
        }
        None => {
            let _ = writeln!(
                svg,
                "<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                num(x),
                num(y),
                num(size)
            );
        }
    }
}
