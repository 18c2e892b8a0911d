//! Points, connectors and recurrences joined into spans: "A - B", "from A to B", "between A
//! and B" are ranges; "from A", "A onwards", "A and ongoing" open starts; "by A", "end of A",
//! "until A" deadlines; any other point stands alone. A point without its year takes the year
//! of its range partner ("June-September 2019") or, failing that, of the document's period
//! (see [`super::Context`]); one that gets none is left unread.
//!
//! Known limits: a range printed backwards ("Oct 2019 - Feb 2019") is read as its two points;
//! "and" never makes a range outside "between A and B" ("November and March 2010" is two
//! points, the first yearless).

use sgx_model::{Recurrence, RecurrenceKind, SpanForm};

use super::phrases::Connector;
use super::points::{Parsed, Point, Yearless};
use super::Context;
use crate::calendar::When;

/// What one stretch of tokens was read as.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    Point(Parsed),
    Connector(Connector),
    Recur(Recurrence),
    ToBeConfirmed,
    /// A word or number nothing read.
    Unread,
}

/// An item with the byte range of its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub item: Item,
    pub start: usize,
    pub end: usize,
}

/// A span read, before it is written as ISO text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub form: SpanForm,
    pub start: Option<When>,
    pub end: Option<When>,
    /// Byte range of its text.
    pub text: (usize, usize),
}

/// Everything read from the items.
#[derive(Debug, Default)]
pub struct Joined {
    pub spans: Vec<Span>,
    pub recurrences: Vec<Recurrence>,
    pub to_be_confirmed: bool,
    /// Byte ranges of what was not read.
    pub unread: Vec<(usize, usize)>,
}

/// How far back or forward a yearless point looks for the year that puts it beside its partner.
const PARTNER_YEAR_REACH: i32 = 2;

/// The year of `y` that puts it at or before `end` and nearest it.
fn before(y: &Yearless, end: &Point) -> Option<Point> {
    let latest = end.last.year();
    (latest - PARTNER_YEAR_REACH..=latest)
        .rev()
        .filter_map(|anchor| y.at(anchor))
        .find(|p| p.first.first_day() <= end.first.first_day())
}

/// The year of `y` that puts it at or after `start` and nearest it.
fn after(y: &Yearless, start: &Point) -> Option<Point> {
    let earliest = start.first.year() - 1;
    (earliest..=earliest + PARTNER_YEAR_REACH + 1)
        .filter_map(|anchor| y.at(anchor))
        .find(|p| p.last.last_day() >= start.last.last_day())
}

/// A point alone: its year from the document's period where it has none.
fn alone(p: Parsed, cx: &Context) -> Option<Point> {
    match p {
        Parsed::Point(p) => Some(p),
        Parsed::Yearless(y) if !y.placeable_alone => None,
        Parsed::Yearless(y) if y.financial_quarter => cx.single_financial_year.and_then(|fy| y.at(fy)),
        Parsed::Yearless(y) => {
            let (first, last) = cx.window?;
            (first.0..=first.0 + 1)
                .filter_map(|anchor| y.at(anchor))
                .find(|p| p.first.first_day() >= first && p.last.last_day() <= last)
        }
        Parsed::Invalid => None,
    }
}

/// The two ends of a range, each with its year, in order.
fn range(a: Parsed, b: Parsed, cx: &Context) -> Option<(Point, Point)> {
    let (a, b) = match (a, b) {
        (Parsed::Yearless(y), Parsed::Point(b)) => (before(&y, &b)?, b),
        (Parsed::Point(a), Parsed::Yearless(y)) => (a, after(&y, &a)?),
        (a, b) => (alone(a, cx)?, alone(b, cx)?),
    };
    (a.first.first_day() <= b.last.last_day()).then_some((a, b))
}

/// Joins the items into spans.
pub fn join(items: &[Placed], cx: &Context) -> Joined {
    let mut out = Joined::default();
    let point = |i: usize| match items.get(i).map(|p| p.item) {
        Some(Item::Point(p)) => Some(p),
        _ => None,
    };
    let connector = |i: usize| match items.get(i).map(|p| p.item) {
        Some(Item::Connector(c)) => Some(c),
        _ => None,
    };
    let is_open_end = |i: usize| match items.get(i).map(|p| p.item) {
        Some(Item::Connector(Connector::Onwards)) => true,
        Some(Item::Recur(r)) => r.kind == RecurrenceKind::Ongoing,
        _ => false,
    };
    let text = |from: usize, to: usize| (items[from].start, items[to].end);
    let mut i = 0;
    while i < items.len() {
        let placed = items[i];
        match placed.item {
            Item::Connector(Connector::Between) => {
                if let (Some(a), Some(Connector::And | Connector::Until | Connector::Dash), Some(b)) =
                    (point(i + 1), connector(i + 2), point(i + 3))
                {
                    if let Some((a, b)) = range(a, b, cx) {
                        out.push_range(a, b, text(i, i + 3));
                        i += 4;
                        continue;
                    }
                }
            }
            Item::Connector(Connector::From) => {
                if let Some(a) = point(i + 1) {
                    if let (Some(Connector::Until | Connector::Dash), Some(b)) =
                        (connector(i + 2), point(i + 3))
                    {
                        if let Some((a, b)) = range(a, b, cx) {
                            out.push_range(a, b, text(i, i + 3));
                            i += 4;
                            continue;
                        }
                    }
                    let last = if connector(i + 2) == Some(Connector::Onwards) { i + 2 } else { i + 1 };
                    out.push_from(a, cx, text(i, last), items[i + 1]);
                    i = last + 1;
                    continue;
                }
            }
            Item::Connector(Connector::By | Connector::Until) => {
                // "by the end of": one deadline.
                let mut j = i + 1;
                while matches!(connector(j), Some(Connector::By | Connector::Until)) {
                    j += 1;
                }
                if let Some(a) = point(j) {
                    match alone(a, cx) {
                        Some(a) => out.spans.push(Span {
                            form: SpanForm::By,
                            start: None,
                            end: Some(a.last),
                            text: text(i, j),
                        }),
                        None => out.unread.push((items[j].start, items[j].end)),
                    }
                    i = j + 1;
                    continue;
                }
            }
            Item::Point(a) => {
                if let (Some(Connector::Until | Connector::Dash), Some(b)) = (connector(i + 1), point(i + 2))
                {
                    if let Some((a, b)) = range(a, b, cx) {
                        out.push_range(a, b, text(i, i + 2));
                        i += 3;
                        continue;
                    }
                }
                let open_end = if is_open_end(i + 1) {
                    Some(i + 1)
                } else if matches!(
                    connector(i + 1),
                    Some(Connector::And | Connector::Until | Connector::Dash)
                ) && is_open_end(i + 2)
                {
                    Some(i + 2)
                } else {
                    None
                };
                if let Some(last) = open_end {
                    out.push_from(a, cx, text(i, last), placed);
                    // "and ongoing" says the work recurs too.
                    if let Item::Recur(r) = items[last].item {
                        out.recurrences.push(r);
                    }
                    i = last + 1;
                    continue;
                }
                match alone(a, cx) {
                    Some(p) => out.push_point(p, text(i, i)),
                    None => out.unread.push((placed.start, placed.end)),
                }
            }
            Item::Recur(r) => out.recurrences.push(r),
            Item::ToBeConfirmed => out.to_be_confirmed = true,
            Item::Unread => out.unread.push((placed.start, placed.end)),
            // A connector that joins nothing carries nothing.
            Item::Connector(_) => {}
        }
        i += 1;
    }
    out
}

impl Joined {
    fn push_range(&mut self, a: Point, b: Point, text: (usize, usize)) {
        self.spans.push(Span { form: SpanForm::Range, start: Some(a.first), end: Some(b.last), text });
    }

    fn push_point(&mut self, p: Point, text: (usize, usize)) {
        self.spans.push(Span { form: p.form, start: Some(p.first), end: Some(p.last), text });
    }

    /// An open start at `a`, or `a`'s text unread when it has no year.
    fn push_from(&mut self, a: Parsed, cx: &Context, text: (usize, usize), placed: Placed) {
        match alone(a, cx) {
            Some(a) => self.spans.push(Span { form: SpanForm::From, start: Some(a.first), end: None, text }),
            None => self.unread.push((placed.start, placed.end)),
        }
    }
}
