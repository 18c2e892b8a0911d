//! Timescales as dates: each action's timescale cell read into spans of time (days, months,
//! seasons, terms, quarters, years, financial years, ranges, open starts, deadlines), a
//! recurrence, a due date and how much of the text was read.
//!
//! **Source.** `actions[].timescale.raw`, the cell as printed; the document's period
//! (`document.period`) for two-digit years and for points printed without a year.
//!
//! **Stages.** `tokens` splits the text; [`points`] reads each point of time; [`phrases`]
//! reads recurrences, connectors and fillers; [`spans`] joins them. The due date is the latest
//! end of the spans (open starts have none).
//!
//! **Period.** Two-digit years ("May '98", "Oct 07") take the century that puts them nearest
//! the period. A month, day, season or term printed without a year ("March", "31 March")
//! takes the year that puts it inside the period when the period covers a year at most; a
//! bare quarter ("Q3") is a quarter of the period's financial year when the period is one
//! financial year (Q1 April-June). Otherwise such a point is left unread.
//!
//! **Known limits.** Relative timescales ("within 6 months", "end of year") are not read;
//! English only; day-first numeric dates only.

mod phrases;
mod points;
mod spans;
#[cfg(test)]
mod tests;

use sgx_model::{Extraction, Period, PeriodBasis, Recurrence, Resolution, TimeSpan, Timescale};

use crate::calendar::When;
use crate::period::{read_period, Ymd};
use crate::tokens::{tokenize, Kind};
use phrases::{phrase_at, Connector, Phrase};
use points::point_at;
use spans::{join, Item, Placed};

/// A period of at most this many months places points printed without a year.
const MAX_PLACING_MONTHS: i32 = 12;

/// What the document tells the reader of its timescales.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The period's years, for two-digit years.
    pub years: Option<(i32, i32)>,
    /// Start years of the period's financial years ("Year 2" is the second).
    pub financial_years: Vec<i32>,
    /// The period's first and last days, when it covers a year at most.
    pub window: Option<(Ymd, Ymd)>,
    /// The period's one financial year (its start year), for bare quarters.
    pub single_financial_year: Option<i32>,
}

impl Context {
    pub fn of(period: Option<&Period>) -> Context {
        let Some(p) = period else { return Context::default() };
        let dates = read_period(p);
        let one_financial_year = dates.financial_years.len() == 1 && dates.basis != PeriodBasis::CalendarYear;
        Context {
            years: Some((p.start_year, p.end_year)),
            window: (dates.months() <= MAX_PLACING_MONTHS).then_some((dates.first, dates.last)),
            single_financial_year: dates.financial_years.first().copied().filter(|_| one_financial_year),
            financial_years: dates.financial_years,
        }
    }
}

/// Read every action's timescale.
pub fn normalise_timescales(x: &mut Extraction) {
    let cx = Context::of(x.document.period.as_ref());
    for action in &mut x.actions {
        if let Some(t) = action.timescale.as_mut() {
            read_into(t, &cx);
        }
    }
}

/// The items of a text: points, phrases and the words nothing read. Fillers and punctuation
/// are dropped.
fn items(raw: &str, cx: &Context) -> Vec<Placed> {
    let t = tokenize(raw);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let (item, end) = if let Some((p, end)) = point_at(&t, i, cx) {
            (Some(Item::Point(p)), end)
        } else if let Some((phrase, end)) = phrase_at(&t, i) {
            let item = match phrase {
                Phrase::Recur(r) => Some(Item::Recur(r)),
                Phrase::ToBeConfirmed => Some(Item::ToBeConfirmed),
                Phrase::Connector(c) => Some(Item::Connector(c)),
                Phrase::Filler => None,
            };
            (item, end)
        } else {
            let item = match t[i].kind {
                Kind::Dash => Some(Item::Connector(Connector::Dash)),
                Kind::Ampersand => Some(Item::Connector(Connector::And)),
                Kind::Word | Kind::Number | Kind::Ordinal => Some(Item::Unread),
                _ => None,
            };
            (item, i + 1)
        };
        if let Some(item) = item {
            out.push(Placed { item, start: t[i].start, end: t[end - 1].end });
        }
        i = end;
    }
    out
}

/// How often a text says something recurs (a body's printed meetings: "six times a year",
/// "bi-monthly"), read as timescales are; dates in it are ignored.
pub(crate) fn recurrence_in(text: &str) -> Option<Recurrence> {
    let found: Vec<Recurrence> = items(text, &Context::default())
        .into_iter()
        .filter_map(|p| match p.item {
            Item::Recur(r) => Some(r),
            _ => None,
        })
        .collect();
    main_recurrence(&found)
}

/// The recurrence the text names: the first with a count, else the first.
fn main_recurrence(found: &[Recurrence]) -> Option<Recurrence> {
    found.iter().find(|r| r.times_per_year.is_some()).or_else(|| found.first()).copied()
}

/// Fill `t`'s normalised fields from its raw text.
pub fn read_into(t: &mut Timescale, cx: &Context) {
    let joined = join(&items(&t.raw, cx), cx);
    let mut spans: Vec<TimeSpan> = Vec::new();
    let mut due: Option<When> = None;
    for s in &joined.spans {
        let span = TimeSpan {
            form: s.form,
            start: s.start.map(When::iso),
            end: s.end.map(When::iso),
            text: t.raw[s.text.0..s.text.1].to_string(),
        };
        if s.form != sgx_model::SpanForm::From {
            if let Some(end) = s.end {
                if due.is_none_or(|d| end.cmp_by_last_day(d).is_gt()) {
                    due = Some(end);
                }
            }
        }
        let repeat = spans.iter().any(|x| x.form == span.form && x.start == span.start && x.end == span.end);
        if !repeat {
            spans.push(span);
        }
    }
    let recurrence = main_recurrence(&joined.recurrences);
    let read_something = !spans.is_empty() || recurrence.is_some();
    let unread: Vec<&str> = joined.unread.iter().map(|&(a, b)| &t.raw[a..b]).collect();
    t.resolution = match (read_something, unread.is_empty()) {
        (true, true) => Resolution::Resolved,
        (true, false) => Resolution::Partial,
        (false, _) if joined.to_be_confirmed => Resolution::ToBeConfirmed,
        (false, _) => Resolution::Unresolved,
    };
    t.unread = (t.resolution == Resolution::Partial).then(|| unread.join(" "));
    t.spans = spans;
    t.recurrence = recurrence;
    t.due = due.map(When::iso);
}
