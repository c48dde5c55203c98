//! The chart's geometry: the time axis, and labels placed in lanes by a greedy pass
//! over the events in axis order.

use crate::base::date::PartialDate;
use crate::model::Event;

/// One event as the chart needs it.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    /// The event's anchor on the timeline page.
    pub id: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub title: String,
    pub key: bool,
}

impl From<&Event> for Mark {
    fn from(e: &Event) -> Mark {
        Mark {
            id: e.id.clone(),
            date: e.date,
            end: e.end,
            title: e.title.clone(),
            key: e.key,
        }
    }
}

/// The date as a reader sees it: "March 2000", or a period "2006 – 2007".
pub(super) fn date_text(date: &PartialDate, end: Option<&PartialDate>) -> String {
    match end {
        Some(end) => format!("{date} – {end}"),
        None => date.to_string(),
    }
}

// Geometry, in SVG user units (about one CSS pixel at the usual page width).
const WIDTH: f64 = 720.0;

const MARGIN: f64 = 16.0;

pub(super) const FONT: f64 = 13.0;

pub(super) const LINE: f64 = 15.0;

/// Two lines of text and the space between lanes.
pub(super) const LANE: f64 = 2.0 * LINE + 8.0;

pub(super) const TOP: f64 = 6.0;

/// Space between the lowest lane and the axis.
pub(super) const AXIS_GAP: f64 = 14.0;

/// Ticks and year labels below the axis.
pub(super) const BOTTOM: f64 = 30.0;

/// Horizontal space between a pole and its label, and between two labels.
const FLAG_GAP: f64 = 5.0;

const LABEL_GAP: f64 = 10.0;

/// Half the width a pole claims, so no label comes right up against it.
const POLE: f64 = 2.0;

/// A chart taller than this many lanes of labels stops being read at a glance; marks
/// that find no room below it are drawn without a label.
const MAX_LANES: usize = 8;

/// Room kept free after the rightmost label.
const END_GAP: f64 = 4.0;

/// The axis is never squeezed shorter than this to make room for labels.
const MIN_PLOT: f64 = 240.0;

/// Titles longer than this (estimated) are shortened; the full title is in the link's
/// `<title>` and in the list below the chart.
const MAX_TEXT: f64 = 250.0;

/// A title squeezed into a gap keeps at least this much (or all of itself).
const MIN_TEXT: f64 = 110.0;

/// Space kept between a label and a pole to its right.
const POLE_GAP: f64 = 4.0;

/// A horizontal interval that something occupies in one lane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    pub left: f64,
    pub right: f64,
}

/// Where one label went.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    /// Index into the marks given to [`layout`].
    pub mark: usize,
    /// The x of the mark and its pole.
    pub x: f64,
    /// 0 is the lane next to the axis.
    pub lane: usize,
    /// The label's box, horizontally; it starts just right of the pole.
    pub span: Span,
    pub date: String,
    pub title: String,
    /// False when all `MAX_LANES` lanes were full there: the mark is drawn (and links)
    /// without a label, and `lane` and `span` mean nothing.
    pub labelled: bool,
}

/// The whole layout: labels in lanes, and the axis they were placed against.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub placed: Vec<Placed>,
    pub lanes: usize,
    pub(super) axis: Axis,
}

impl Layout {
    /// The width of the drawing: the chart's, or more if a label needs it.
    pub(super) fn width(&self) -> f64 {
        let right = self.placed.iter().map(|p| p.span.right + END_GAP);
        right.fold(WIDTH, f64::max)
    }
}

/// The time axis: whole years from the start of the first event's period to the end
/// of the last one's, drawn `plot` units long from the left margin.
#[derive(Debug, Clone, Copy)]
pub(super) struct Axis {
    pub(super) first: i32,
    pub(super) last: i32,
    plot: f64,
}

impl Axis {
    /// The axis for `marks`, short enough that every label (drawn to the right of its
    /// mark) ends inside the chart. Labels always extending rightwards is what lets
    /// [`layout`] place them without a pole ever crossing a label.
    fn fit(marks: &[Mark], labels: &[Label]) -> Axis {
        let lows = marks.iter().map(|m| bounds(&m.date).0);
        let highs = marks
            .iter()
            .map(|m| bounds(m.end.as_ref().unwrap_or(&m.date)).1);
        let first = lows.fold(f64::INFINITY, f64::min).floor() as i32;
        let last = (highs.fold(f64::NEG_INFINITY, f64::max).ceil() as i32).max(first + 1);
        let full = WIDTH - 2.0 * MARGIN;
        let mut axis = Axis {
            first,
            last,
            plot: full,
        };
        for (mark, label) in marks.iter().zip(labels) {
            let fraction = (anchor_years(mark) - f64::from(first)) / f64::from(last - first);
            let room = WIDTH - END_GAP - MARGIN - FLAG_GAP - label.width();
            if fraction > 0.0 && fraction * axis.plot > room {
                axis.plot = room / fraction;
            }
        }
        axis.plot = axis.plot.max(MIN_PLOT);
        axis
    }

    pub(super) fn x(&self, years: f64) -> f64 {
        let span = f64::from(self.last - self.first);
        MARGIN + (years - f64::from(self.first)) / span * self.plot
    }

    /// Label every year, or every 2nd, 5th, 10th… so at most a dozen labels show.
    pub(super) fn step(&self) -> i32 {
        let years = self.last - self.first;
        [1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000]
            .into_iter()
            .find(|s| years / s <= 12)
            .unwrap_or(years.max(1))
    }
}

/// The stretch of time a date names, in years: all of 2006, all of March 2007, or
/// the day itself (drawn as a point).
pub(super) fn bounds(date: &PartialDate) -> (f64, f64) {
    let year = f64::from(date.year);
    match (date.month, date.day) {
        (Some(m), None) => (
            year + (f64::from(m) - 1.0) / 12.0,
            year + f64::from(m) / 12.0,
        ),
        (Some(_), Some(_)) => (date.as_years(), date.as_years()),
        _ => (year, year + 1.0),
    }
}

/// Where a mark sits in time: a dated event at the middle of its date, a period at
/// the start of its first date.
fn anchor_years(mark: &Mark) -> f64 {
    match mark.end {
        Some(_) => bounds(&mark.date).0,
        None => mark.date.as_years(),
    }
}

/// An estimate of the width of `text` in a sans-serif face at `size`: there is no
/// font to measure at build time, so each character gets a share of an em, with a
/// margin. Checked in Chromium against DejaVu Sans, wider than most system faces:
/// real widths came to 0.91–0.97 of the estimate, regular and bold.
pub(super) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '’' | '|' | '!' => 0.3,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' | '‘' | '“' | '”' => 0.4,
            'm' | 'w' | 'M' | 'W' | '—' | '–' | '…' => 0.9,
            c if c.is_uppercase() || c.is_ascii_digit() => 0.7,
            _ => 0.58,
        })
        .sum();
    ems * size * 1.06 * if bold { 1.16 } else { 1.0 }
}

/// `text` cut at a word so it fits `max` units, with an ellipsis when cut.
fn shorten(text: &str, bold: bool, max: f64) -> String {
    if text_width(text, FONT, bold) <= max {
        return text.to_string();
    }
    let fits = |s: &str| text_width(&format!("{s}…"), FONT, bold) <= max;
    let mut kept = String::new();
    for word in text.split_whitespace() {
        let candidate = match kept.is_empty() {
            true => word.to_string(),
            false => format!("{kept} {word}"),
        };
        if !fits(&candidate) {
            break;
        }
        kept = candidate;
    }
    if kept.is_empty() {
        // One very long first word: cut it by characters.
        for c in text.chars() {
            if !fits(&format!("{kept}{c}")) {
                break;
            }
            kept.push(c);
        }
    }
    let kept = kept.trim_end_matches([',', ';', ':', ' ']);
    format!("{kept}…")
}

/// The two lines of a label, as wide as they may be.
#[derive(Debug, Clone)]
struct Label {
    date: String,
    title: String,
    /// Key events have bold titles (see style.css), so they are measured bold.
    bold: bool,
}

impl Label {
    fn of(mark: &Mark) -> Label {
        Label {
            date: date_text(&mark.date, mark.end.as_ref()),
            title: shorten(&mark.title, mark.key, MAX_TEXT),
            bold: mark.key,
        }
    }

    fn width(&self) -> f64 {
        text_width(&self.date, FONT, true).max(text_width(&self.title, FONT, self.bold))
    }

    /// The narrowest this label may be squeezed to: the whole date, some of the title.
    fn min_width(&self) -> f64 {
        let title = text_width(&self.title, FONT, self.bold).min(MIN_TEXT);
        text_width(&self.date, FONT, true).max(title)
    }

    /// The label with its title shortened to fit `room`.
    fn fitted(&self, room: f64) -> Label {
        Label {
            title: shorten(&self.title, self.bold, room),
            ..self.clone()
        }
    }
}

/// What one lane holds so far: label boxes, and the poles that pass through it.
#[derive(Default)]
struct Lane {
    labels: Vec<Span>,
    poles: Vec<Span>,
}

impl Lane {
    /// The width free for a label starting at `left`, up to the next label or pole
    /// (or the chart's edge); negative if something is already there.
    fn room(&self, left: f64) -> f64 {
        let labels = self.labels.iter().map(|l| (l, LABEL_GAP));
        let poles = self.poles.iter().map(|p| (p, POLE_GAP));
        labels
            .chain(poles)
            .filter(|(s, _)| s.right > left)
            .map(|(s, gap)| s.left - gap - left)
            .fold(WIDTH - END_GAP - left, f64::min)
    }
}

/// Places every label, from the right end of the axis leftwards (ties in the order
/// given), in the lowest lane with room for all of it; if only a new lane has, in the
/// lowest lane with room for a shortened title instead, so the chart grows taller
/// only when it must. Labels start just right of their own pole and everything
/// already placed lies further right, so a new pole never crosses a label.
pub(super) fn layout(marks: &[Mark]) -> Layout {
    let labels: Vec<Label> = marks.iter().map(Label::of).collect();
    let axis = Axis::fit(marks, &labels);
    let mut order: Vec<(f64, usize)> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| (axis.x(anchor_years(m)), i))
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut lanes: Vec<Lane> = Vec::new();
    let mut placed: Vec<Placed> = (order.into_iter())
        .map(|(x, i)| place(&mut lanes, i, x, &labels[i]))
        .collect();
    placed.sort_by_key(|p| p.mark);
    Layout {
        lanes: lanes.len(),
        placed,
        axis,
    }
}

/// Places the label of mark `mark`, at `x`, in the lowest lane with room for it
/// (shortened if need be), opening a new lane if none has, up to `MAX_LANES`.
fn place(lanes: &mut Vec<Lane>, mark: usize, x: f64, label: &Label) -> Placed {
    let left = x + FLAG_GAP;
    let fits = |need: f64| lanes.iter().position(|l| l.room(left) >= need);
    let (lane, label) = match (fits(label.width()), fits(label.min_width())) {
        (Some(lane), _) => (lane, label.clone()),
        (None, Some(lane)) => (lane, label.fitted(lanes[lane].room(left))),
        (None, None) if lanes.len() == MAX_LANES => {
            return Placed {
                mark,
                x,
                lane: 0,
                span: Span { left, right: left },
                date: label.date.clone(),
                title: String::new(),
                labelled: false,
            };
        }
        (None, None) => (lanes.len(), label.clone()),
    };
    if lane == lanes.len() {
        lanes.push(Lane::default());
    }
    let span = Span {
        left,
        right: left + label.width(),
    };
    lanes[lane].labels.push(span);
    let pole = Span {
        left: x - POLE,
        right: x + POLE,
    };
    for below in &mut lanes[..lane] {
        below.poles.push(pole);
    }
    Placed {
        mark,
        x,
        lane,
        span,
        date: label.date,
        title: label.title,
        labelled: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::reserved::page_uses_id;
    use crate::render::chart::{chart, num};
    use proptest::prelude::*;

    fn overlap(a: &Span, b: &Span) -> bool {
        a.left < b.right && b.left < a.right
    }

    fn mark(id: &str, date: &str, title: &str) -> Mark {
        Mark {
            id: id.to_string(),
            date: PartialDate::parse(date).expect("test date"),
            end: None,
            title: title.to_string(),
            key: false,
        }
    }

    /// No two label boxes in one lane touch, every label stays inside the chart, and
    /// no pole crosses a label in a lane at or below the top of the pole.
    fn assert_no_overlaps(marks: &[Mark]) {
        let layout = layout(marks);
        let placed = &layout.placed;
        assert_eq!(placed.len(), marks.len());
        let hidden = placed.iter().filter(|p| !p.labelled).count();
        assert!(
            hidden == 0 || layout.lanes == MAX_LANES,
            "{hidden} unlabelled"
        );
        let placed: Vec<&Placed> = placed.iter().filter(|p| p.labelled).collect();
        for (n, &a) in placed.iter().enumerate() {
            assert!(a.span.left >= 0.0, "{a:?} leaves the chart");
            assert!(
                a.span.right <= WIDTH - END_GAP + 1e-9,
                "{a:?} leaves the chart"
            );
            let shown =
                text_width(&a.date, FONT, true).max(text_width(&a.title, FONT, marks[a.mark].key));
            assert!(
                shown <= a.span.right - a.span.left + 1e-9,
                "{a:?} is wider than its box"
            );
            assert!(a.lane < layout.lanes);
            for &b in &placed[n + 1..] {
                if a.lane == b.lane {
                    assert!(!overlap(&a.span, &b.span), "labels overlap: {a:?} {b:?}");
                }
                for (pole, label) in [(a, b), (b, a)] {
                    let line = Span {
                        left: pole.x,
                        right: pole.x,
                    };
                    if label.lane <= pole.lane {
                        assert!(
                            !overlap(&label.span, &line),
                            "pole of {pole:?} crosses {label:?}"
                        );
                    }
                }
            }
        }
    }

    fn shipped_pack_dates() -> Vec<Mark> {
        [
            ("2000-03", "Reflex taskforce set up"),
            (
                "2003",
                "About 4,000 victims of trafficking for prostitution at any one time",
            ),
            ("2003-03", "Government funding of the POPPY project begins"),
            (
                "2006",
                "SOCA and the UK Human Trafficking Centre established",
            ),
            (
                "2006",
                "Police-led operation identifies 87 victims from 22 countries",
            ),
            (
                "2007-03",
                "Decision to sign the Council of Europe Convention announced",
            ),
            (
                "2007-03-23",
                "UK Action Plan on Tackling Human Trafficking published",
            ),
        ]
        .iter()
        .enumerate()
        .map(|(i, (d, t))| Mark {
            // Reflex, POPPY, SOCA and the Action Plan are the pack's key events.
            key: [0, 2, 3, 6].contains(&i),
            ..mark(&format!("e{i}"), d, t)
        })
        .collect()
    }

    #[test]
    fn clustered_labels_do_not_overlap() {
        let pack = shipped_pack_dates();
        assert_no_overlaps(&pack);
        assert!(layout(&pack).lanes <= 4, "{:?}", layout(&pack));
        let same_day: Vec<Mark> = (0..8)
            .map(|i| {
                mark(
                    &format!("s{i}"),
                    "2006-05-01",
                    "Something happened on this day",
                )
            })
            .collect();
        assert_no_overlaps(&same_day);
        let mut mixed = same_day;
        mixed.extend(pack);
        mixed.push(mark(
            "late",
            "2007-12-31",
            "The very end of the chart, at the right edge",
        ));
        mixed.push(mark(
            "early",
            "2000-01-01",
            "The very start of the chart, at the left",
        ));
        assert_no_overlaps(&mixed);
    }

    proptest! {
        #[test]
        fn random_timelines_never_overlap(
            dates in prop::collection::vec((1990i32..2010, 0u8..13, 0u8..29, 1usize..90), 1..40)
        ) {
            let marks: Vec<Mark> = dates
                .iter()
                .enumerate()
                .map(|(i, &(year, month, day, len))| Mark {
                    id: format!("e{i}"),
                    date: PartialDate {
                        year,
                        month: (month > 0).then_some(month),
                        day: (month > 0 && day > 0).then_some(day),
                    },
                    end: None,
                    title: "Word ".repeat(len / 5 + 1)[..len].to_string(),
                    key: i % 3 == 0,
                })
                .collect();
            assert_no_overlaps(&marks);
        }
    }

    #[test]
    fn identical_dates_stack_in_order() {
        let marks = [
            mark("a", "2006", "First"),
            mark("b", "2006", "Second"),
            mark("c", "2006", "Third"),
        ];
        let layout = layout(&marks);
        let lanes: Vec<usize> = layout.placed.iter().map(|p| p.lane).collect();
        // Ties keep the order given: the first event is nearest the axis.
        assert_eq!(lanes, [0, 1, 2]);
        assert_eq!(layout.lanes, 3);
    }

    #[test]
    fn a_crowd_keeps_the_chart_short_and_every_mark_linked() {
        let crowd: Vec<Mark> = (0..40)
            .map(|i| mark(&format!("c{i}"), "2006-05", "Crowded"))
            .collect();
        let layout = layout(&crowd);
        assert_eq!(layout.lanes, MAX_LANES);
        let labelled = layout.placed.iter().filter(|p| p.labelled).count();
        assert_eq!(labelled, MAX_LANES);
        assert_no_overlaps(&crowd);
        let svg = chart(&crowd);
        assert_eq!(svg.matches("<a class=").count(), 40);
        assert_eq!(svg.matches("<tspan class=\"title\"").count(), MAX_LANES);
    }

    #[test]
    fn spread_out_events_share_one_lane() {
        let marks = [
            mark("a", "1950", "A"),
            mark("b", "1980", "B"),
            mark("c", "2010", "C"),
        ];
        assert_eq!(layout(&marks).lanes, 1, "{:?}", layout(&marks));
    }

    #[test]
    fn positions_are_proportional_to_dates() {
        let marks = [
            mark("a", "2000", "A"),
            mark("b", "2002", "B"),
            mark("c", "2004", "C"),
            mark("d", "2003-07", "D"),
        ];
        let layout = layout(&marks);
        let x: Vec<f64> = layout.placed.iter().map(|p| p.x).collect();
        // 2000.5, 2002.5 and 2004.5 are evenly spaced; mid-July 2003 lies between.
        assert!((x[1] - x[0] - (x[2] - x[1])).abs() < 1e-9);
        assert!(x[1] < x[3] && x[3] < x[2]);
        // Short labels leave the axis its full width: 2000 to 2005 over 688 units.
        assert_eq!(num(x[0]), num(MARGIN + 0.5 / 5.0 * (WIDTH - 2.0 * MARGIN)));
    }

    #[test]
    fn the_axis_shrinks_to_fit_the_last_label() {
        let marks = [
            mark("a", "2000", "A"),
            mark("z", "2010", "A rather long title for the very last event"),
        ];
        let layout = layout(&marks);
        let z = &layout.placed[1];
        assert_eq!(num(z.span.right), num(WIDTH - END_GAP));
        assert_eq!(layout.width(), WIDTH);
        assert!(layout.axis.plot < WIDTH - 2.0 * MARGIN);
    }

    #[test]
    fn long_titles_are_shortened_at_a_word() {
        let short = shorten(
            "Decision to sign the Council of Europe Convention on Action against Trafficking in Human Beings announced",
            false,
            MAX_TEXT,
        );
        assert!(short.ends_with('…'));
        assert!(text_width(&short, FONT, false) <= MAX_TEXT);
        assert!(short.starts_with("Decision to sign the"));
        assert!(!short.contains(" …"));
        assert_eq!(shorten("Reflex set up", true, MAX_TEXT), "Reflex set up");
        let word = shorten(&"x".repeat(200), false, MAX_TEXT);
        assert!(word.ends_with('…') && text_width(&word, FONT, false) <= MAX_TEXT);
    }

    #[test]
    fn chart_links_every_event_and_is_named() {
        let mut marks = shipped_pack_dates();
        marks[0].title = "Reflex & <friends>".into();
        let svg = chart(&marks);
        assert!(svg.starts_with("<svg class=\"timeline-chart\""));
        assert!(svg.contains("role=\"group\" aria-labelledby=\"timeline-chart-title\""));
        assert!(
            svg.contains("<title id=\"timeline-chart-title\">Timeline chart, 2000 to 2007</title>")
        );
        assert!(
            svg.contains("7 events on a time axis from 2000 to 2008, 4 key events emphasised.")
        );
        for m in &marks {
            assert_eq!(svg.matches(&format!("href=\"#{}\"", m.id)).count(), 1);
        }
        assert_eq!(svg.matches("<a class=\"chart-event key\"").count(), 4);
        assert!(svg.contains("<title>March 2000: Reflex &amp; &lt;friends&gt;</title>"));
        assert!(!svg.contains("-0.0"));
        assert!(!svg.contains("style="), "colours come from the stylesheet");
        assert!(!svg.contains('#') || !svg.contains("fill=\"#"));
        assert_eq!(chart(&marks), svg, "the same input gives the same bytes");
        assert_eq!(chart(&[]), "");
    }

    #[test]
    fn periods_are_drawn_as_bars_and_labelled_with_both_dates() {
        let mut m = mark("p", "2006", "A period");
        m.end = PartialDate::parse("2007").ok();
        let svg = chart(&[m]);
        assert!(svg.contains(">2006 – 2007</tspan>"));
        // The bar runs from the start of 2006 to the end of 2007: the whole axis.
        let bar = format!(
            "<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\"",
            num(MARGIN),
            num(TOP + LANE + AXIS_GAP - 3.0),
            num(WIDTH - 2.0 * MARGIN)
        );
        assert!(svg.contains(&bar), "{svg}");
    }

    #[test]
    fn long_spans_label_fewer_years() {
        let axis = |first, last| Axis {
            first,
            last,
            plot: 100.0,
        };
        assert_eq!(axis(1900, 2010).step(), 10);
        assert_eq!(axis(2000, 2008).step(), 1);
    }

    #[test]
    fn the_page_keeps_its_own_ids() {
        for taken in [
            "main",
            "year-2006",
            "timeline-chart-title",
            "timeline-chart-desc",
        ] {
            assert!(page_uses_id(taken), "{taken}");
        }
        for free in ["year-a", "year-", "reflex-set-up", "2006-main"] {
            assert!(!page_uses_id(free), "{free}");
        }
    }

    #[test]
    fn numbers_have_one_decimal() {
        assert_eq!(num(1.0 / 3.0), "0.3");
        assert_eq!(num(-0.01), "0.0");
        assert_eq!(num(720.0), "720.0");
    }
}
