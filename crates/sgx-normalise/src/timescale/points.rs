//! The single points of time a timescale prints, one grammar rule each: days ("31 March
//! 2020", "31/03/20", "2020-03-31", "March 31, 2020"), months ("June 2019", "Oct '07",
//! "Sept. 09", "Jun-19", "03/2020", "2018-06"), quarters ("Q3 2021/22", "Q1 2020", "3rd
//! quarter"), seasons and school terms ("Spring 2019", "summer term 2020"), financial years
//! ("2022/23", "2019-20", "22/23", "Year 2" of a plan), year ranges ("2019-2021") and years
//! ("2020", "'07").
//!
//! A point printed without its year ("March", "Q3", "31 March") is [`Parsed::Yearless`]: the
//! span reader gives it the year of a range partner or of the document's period. A shape
//! that is a date but an impossible one ("31/02/2020", "Q5", "13/2020") is
//! [`Parsed::Invalid`], so its parts are not read as some other date.
//!
//! Known limits: day-first numeric dates only (the genre is British); a bare two-digit number
//! after a month is a year only when that year lies near the document's period (else a day:
//! "March 31"); "Q1 2020" with a calendar year is a calendar quarter.

use sgx_model::SpanForm;

use super::Context;
use crate::calendar::{
    complete_year, full_year, is_next_year, month_of, valid_day, When, FINANCIAL_YEAR_FIRST_MONTH,
};
use crate::tokens::{Kind, Token};

/// Four-digit numbers read as years.
const YEARS: std::ops::RangeInclusive<i32> = 1980..=2099;

/// A bare two-digit year after a month ("Sept 09") is read as a year only within this many
/// years of the document's period.
const BARE_YEAR_SLACK: i32 = 5;

/// Without a period, bare two-digit years are read as years only in the genre's decades.
const GENRE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2030;

/// The longest range of years a timescale names ("2019-2021").
const MAX_YEAR_RANGE: i32 = 10;

/// Plans count their years up to this ("Year 3").
const MAX_PLAN_YEAR: i32 = 10;

/// Small numbers as words ("quarter three", "Year two").
const NUMBER_WORDS: [&str; 12] =
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/// A point of time with its year: its first and last dates at the printed precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub form: SpanForm,
    pub first: When,
    pub last: When,
}

/// A point printed without a year: months (and days) with the offset of the last month's
/// year from the first's (winter: December to February, offset 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Yearless {
    pub form: SpanForm,
    first_month: u32,
    first_day: Option<u32>,
    last_month: u32,
    last_day: Option<u32>,
    last_offset: i32,
    /// A quarter of a financial year: its anchor is the financial year's start year.
    pub financial_quarter: bool,
    /// Whether the document's period may place it alone: spring straddles the financial
    /// year's turn, so alone it could be either end of a one-year plan.
    pub placeable_alone: bool,
}

impl Yearless {
    fn months(form: SpanForm, first_month: u32, last_month: u32, last_offset: i32) -> Yearless {
        Yearless {
            form,
            first_month,
            first_day: None,
            last_month,
            last_day: None,
            last_offset,
            financial_quarter: false,
            placeable_alone: true,
        }
    }

    /// The point in the year `anchor`: the first month's year, or for a financial quarter the
    /// financial year's start year. `None` for a day the year lacks (29 February).
    pub fn at(&self, anchor: i32) -> Option<Point> {
        let year = if self.financial_quarter && self.first_month < FINANCIAL_YEAR_FIRST_MONTH {
            anchor + 1
        } else {
            anchor
        };
        let when = |y: i32, m: u32, d: Option<u32>| match d {
            Some(d) => valid_day(y, m, d),
            None => Some(When::Month(y, m)),
        };
        Some(Point {
            form: self.form,
            first: when(year, self.first_month, self.first_day)?,
            last: when(year + self.last_offset, self.last_month, self.last_day)?,
        })
    }
}

/// What a rule read at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    Point(Point),
    Yearless(Yearless),
    /// A date's shape with impossible parts: read as nothing.
    Invalid,
}

fn point(form: SpanForm, first: When, last: When) -> Parsed {
    Parsed::Point(Point { form, first, last })
}

/// The point starting at token `i`, and the index after it.
pub fn point_at(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    numeric_date(t, i, cx)
        .or_else(|| numeric_month(t, i))
        .or_else(|| day_month(t, i, cx))
        .or_else(|| month(t, i, cx))
        .or_else(|| quarter(t, i, cx))
        .or_else(|| season(t, i, cx))
        .or_else(|| year_of_plan(t, i, cx))
        .or_else(|| year_pair(t, i, cx))
        .or_else(|| year(t, i, cx))
}

fn kind_at(t: &[Token], i: usize) -> Option<Kind> {
    t.get(i).map(|x| x.kind)
}

/// The index of the first token from `i` that is not one of `kinds`.
fn skip(t: &[Token], mut i: usize, kinds: &[Kind]) -> usize {
    while kind_at(t, i).is_some_and(|k| kinds.contains(&k)) {
        i += 1;
    }
    i
}

/// A number of 1-2 digits or an ordinal ("3", "31st").
fn small_number(t: &[Token], i: usize) -> Option<i32> {
    let x = t.get(i)?;
    ((x.kind == Kind::Number && x.digits <= 2) || x.kind == Kind::Ordinal).then_some(x.value)
}

/// A number in digits or words up to twelve.
pub fn count_at(t: &[Token], i: usize) -> Option<i32> {
    let x = t.get(i)?;
    match x.kind {
        Kind::Number if x.digits <= 2 => Some(x.value),
        Kind::Word => NUMBER_WORDS.iter().position(|w| *w == x.lower).map(|p| p as i32 + 1),
        _ => None,
    }
}

fn four_digit_year(t: &[Token], i: usize) -> Option<i32> {
    let x = t.get(i)?;
    (x.kind == Kind::Number && x.digits == 4 && YEARS.contains(&x.value)).then_some(x.value)
}

/// Whether a bare two-digit year lies where the document's years are.
fn plausible_bare_year(year: i32, cx: &Context) -> bool {
    match cx.years {
        Some((a, b)) => (a - BARE_YEAR_SLACK..=b + BARE_YEAR_SLACK).contains(&year),
        None => GENRE_YEARS.contains(&year),
    }
}

/// A year printed after a month or season: "2019", "'07", or a bare "07" where plausible.
fn year_after(t: &[Token], i: usize, cx: &Context) -> Option<(i32, usize)> {
    let x = t.get(i)?;
    match x.kind {
        Kind::Number if x.digits == 4 => four_digit_year(t, i).map(|y| (y, i + 1)),
        Kind::Apostrophe => {
            let n = t.get(i + 1)?;
            (n.is_number() && n.digits == 2).then(|| (full_year(n.value, cx.years), i + 2))
        }
        Kind::Number if x.digits == 2 => {
            let y = full_year(x.value, cx.years);
            plausible_bare_year(y, cx).then_some((y, i + 1))
        }
        _ => None,
    }
}

/// A financial-year label: "2021/22", "2021-2022", "2014-5", "21/22", "'21/22"; its start year.
fn financial_year_at(t: &[Token], i: usize, cx: &Context) -> Option<(i32, usize)> {
    let i = if kind_at(t, i) == Some(Kind::Apostrophe) { i + 1 } else { i };
    let a = t.get(i)?;
    let sep = kind_at(t, i + 1)?;
    let b = t.get(i + 2)?;
    if !a.is_number() || !b.is_number() {
        return None;
    }
    let start = match (a.digits, sep) {
        (4, Kind::Slash | Kind::Dash) => four_digit_year(t, i)?,
        (2, Kind::Slash) => full_year(a.value, cx.years),
        _ => return None,
    };
    let allowed_digits = if a.digits == 4 { &[1, 2, 4][..] } else { &[2][..] };
    (allowed_digits.contains(&b.digits) && is_next_year(start, b.value, b.digits)).then_some((start, i + 3))
}

/// "2020-03-31", "31/03/2020", "31.3.20", "31-03-2020".
fn numeric_date(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    let (a, b, c) = (t.get(i)?, t.get(i + 2)?, t.get(i + 4)?);
    let sep = kind_at(t, i + 1)?;
    if !matches!(sep, Kind::Slash | Kind::Dot | Kind::Dash) || kind_at(t, i + 3) != Some(sep) {
        return None;
    }
    if !(a.is_number() && b.is_number() && c.is_number()) || b.digits > 2 {
        return None;
    }
    let (year, month, day) = match (a.digits, c.digits) {
        (4, 1 | 2) if YEARS.contains(&a.value) => (a.value, b.value, c.value),
        (1 | 2, 4) if YEARS.contains(&c.value) => (c.value, b.value, a.value),
        (1 | 2, 2) => (full_year(c.value, cx.years), b.value, a.value),
        _ => return None,
    };
    let parsed = match valid_day(year, month as u32, day as u32) {
        Some(d) => point(SpanForm::Day, d, d),
        None => Parsed::Invalid,
    };
    Some((parsed, i + 5))
}

/// "03/2020": a month and a four-digit year.
fn numeric_month(t: &[Token], i: usize) -> Option<(Parsed, usize)> {
    let (m, y) = (t.get(i)?, four_digit_year(t, i + 2)?);
    if !(m.is_number() && m.digits <= 2 && kind_at(t, i + 1) == Some(Kind::Slash)) {
        return None;
    }
    let parsed = if (1..=12).contains(&m.value) {
        point(SpanForm::Month, When::Month(y, m.value as u32), When::Month(y, m.value as u32))
    } else {
        Parsed::Invalid
    };
    Some((parsed, i + 3))
}

fn day_parsed(year: Option<i32>, month: u32, day: i32) -> Parsed {
    let day = u32::try_from(day).unwrap_or(0);
    match year {
        Some(y) => valid_day(y, month, day).map_or(Parsed::Invalid, |d| point(SpanForm::Day, d, d)),
        // A leap year, so that "29 February" is a day some year has.
        None => match valid_day(2000, month, day) {
            Some(_) => Parsed::Yearless(Yearless {
                first_day: Some(day),
                last_day: Some(day),
                ..Yearless::months(SpanForm::Day, month, month, 0)
            }),
            None => Parsed::Invalid,
        },
    }
}

/// "31 March 2020", "1st of April 2019", "31 Mar 20", or "31 March" without a year.
fn day_month(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    let day = small_number(t, i)?;
    let j = if t.get(i + 1).is_some_and(|x| x.is_word("of")) { i + 2 } else { i + 1 };
    let m = t.get(j).filter(|x| x.kind == Kind::Word).and_then(|x| month_of(&x.lower))?;
    let k = skip(t, j + 1, &[Kind::Dot, Kind::Comma]);
    match year_after(t, k, cx) {
        Some((y, end)) => Some((day_parsed(Some(y), m, day), end)),
        None => Some((day_parsed(None, m, day), j + 1)),
    }
}

/// "June 2019", "Sept. '07", "Oct07", "Jun-19", "March 31, 2020", "March of 2020", or a
/// capitalised month name alone ("March").
fn month(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    let name = t.get(i).filter(|x| x.kind == Kind::Word)?;
    let m = month_of(&name.lower)?;
    let mut j = skip(t, i + 1, &[Kind::Dot, Kind::Comma]);
    if t.get(j).is_some_and(|x| x.is_word("of")) {
        j += 1;
    }
    let month_point = |y| point(SpanForm::Month, When::Month(y, m), When::Month(y, m));
    // "March 31, 2020": a day, then a four-digit year.
    if let Some(day) = small_number(t, j) {
        let k = skip(t, j + 1, &[Kind::Comma]);
        if let Some(y) = four_digit_year(t, k) {
            return Some((day_parsed(Some(y), m, day), k + 1));
        }
    }
    if let Some((y, end)) = year_after(t, j, cx) {
        return Some((month_point(y), end));
    }
    // "Jun-19", "Jun-2019": the spreadsheet spelling.
    if kind_at(t, j) == Some(Kind::Dash) {
        if let Some((y, end)) = year_after(t, j + 1, cx).filter(|_| kind_at(t, j + 1) == Some(Kind::Number)) {
            return Some((month_point(y), end));
        }
    }
    if let Some(day) = small_number(t, j).filter(|d| (1..=31).contains(d)) {
        return Some((day_parsed(None, m, day), j + 1));
    }
    // A month name alone is a proper noun: "may" in lower case is the verb.
    name.capitalised.then(|| (Parsed::Yearless(Yearless::months(SpanForm::Month, m, m, 0)), i + 1))
}

/// The months of a quarter: of a financial year (Q1 April-June) or of a calendar year.
fn quarter_months(q: i32, financial: bool) -> (u32, u32) {
    let first = if financial {
        ((q as u32 - 1) * 3 + FINANCIAL_YEAR_FIRST_MONTH - 1) % 12 + 1
    } else {
        q as u32 * 3 - 2
    };
    (first, first + 2)
}

/// "Q3 2021/22", "Q3 of 21/22", "Qtr 2", "Quarter 3", "3rd quarter", "Q1 2020" (a calendar
/// quarter), "Q3" alone (a quarter of the document's financial year).
fn quarter(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    let (q, j) = quarter_number(t, i)?;
    let mut k = skip(t, j, &[Kind::Comma, Kind::Other]);
    if t.get(k).is_some_and(|w| w.is_word("of")) {
        k += 1;
    }
    if !(1..=4).contains(&q) {
        // "Q5 2021/22": the year goes with the impossible quarter, unread.
        let end = quarter_of_year(t, k, 1, cx).map_or(j, |(_, end)| end);
        return Some((Parsed::Invalid, end));
    }
    Some(quarter_of_year(t, k, q, cx).unwrap_or_else(|| {
        let (first, last) = quarter_months(q, true);
        let yearless =
            Yearless { financial_quarter: true, ..Yearless::months(SpanForm::Quarter, first, last, 0) };
        (Parsed::Yearless(yearless), j)
    }))
}

/// A quarter's number as printed ("Q3", "Qtr. 3", "quarter three", "3rd quarter"), unchecked.
fn quarter_number(t: &[Token], i: usize) -> Option<(i32, usize)> {
    let x = t.get(i)?;
    if x.kind == Kind::Word && matches!(x.lower.as_str(), "q" | "qtr" | "quarter") {
        let j = skip(t, i + 1, &[Kind::Dot]);
        Some((count_at(t, j)?, j + 1))
    } else if x.kind == Kind::Ordinal && t.get(i + 1).is_some_and(|w| w.is_word("quarter")) {
        Some((x.value, i + 2))
    } else {
        None
    }
}

/// Quarter `q` of the financial or calendar year printed at `k`.
fn quarter_of_year(t: &[Token], k: usize, q: i32, cx: &Context) -> Option<(Parsed, usize)> {
    if let Some((fy, end)) = financial_year_at(t, k, cx) {
        return Some((financial_quarter(fy, q), end));
    }
    let y = four_digit_year(t, k)?;
    let (first, last) = quarter_months(q, false);
    Some((point(SpanForm::Quarter, When::Month(y, first), When::Month(y, last)), k + 1))
}

fn financial_quarter(fy: i32, q: i32) -> Parsed {
    let (first, last) = quarter_months(q, true);
    let year = if q == 4 { fy + 1 } else { fy };
    point(SpanForm::Quarter, When::Month(year, first), When::Month(year, last))
}

/// Seasons (meteorological) and school terms: months and the season's academic-year side.
struct SeasonMonths {
    first: u32,
    last: u32,
    last_offset: i32,
    /// In an academic-year label ("Spring term 2019/20") the season falls in the second year.
    second_year: bool,
}

fn season_months(word: &str, term: bool) -> Option<SeasonMonths> {
    let s = |first, last, last_offset, second_year| SeasonMonths { first, last, last_offset, second_year };
    Some(match (word, term) {
        ("spring", false) => s(3, 5, 0, true),
        ("summer", false) => s(6, 8, 0, true),
        ("autumn" | "fall", false) => s(9, 11, 0, false),
        ("winter", false) => s(12, 2, 1, false),
        ("autumn", true) => s(9, 12, 0, false),
        ("spring", true) => s(1, 3, 0, true),
        ("summer", true) => s(4, 7, 0, true),
        _ => return None,
    })
}

/// "Spring 2019", "summer '20", "Autumn term 2020", "Spring term 2019/20" (an academic year),
/// "Winter 2019/20", or a capitalised season alone.
fn season(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    let x = t.get(i).filter(|x| x.kind == Kind::Word)?;
    let term = t.get(i + 1).is_some_and(|w| w.is_word("term"));
    let s = season_months(&x.lower, term)?;
    let j = if term { i + 2 } else { i + 1 };
    let form = if term { SpanForm::Term } else { SpanForm::Season };
    let at = |y: i32| point(form, When::Month(y, s.first), When::Month(y + s.last_offset, s.last));
    if let Some((start, end)) = financial_year_at(t, j, cx) {
        return Some((at(if s.second_year { start + 1 } else { start }), end));
    }
    if let Some((y, end)) = year_after(t, j, cx) {
        return Some((at(y), end));
    }
    let yearless = Yearless {
        placeable_alone: x.lower != "spring" || term,
        ..Yearless::months(form, s.first, s.last, s.last_offset)
    };
    // A season's name alone is capitalised; "fall" in lower case is the verb.
    x.capitalised.then_some((Parsed::Yearless(yearless), j))
}

/// "Year 2" of a multi-year plan: its second financial year.
fn year_of_plan(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    let x = t.get(i)?;
    if !(x.is_word("year") || x.is_word("yr")) {
        return None;
    }
    let n = count_at(t, i + 1).filter(|n| (1..=MAX_PLAN_YEAR).contains(n))?;
    let parsed = match cx.financial_years.get(n as usize - 1) {
        Some(&fy) if cx.financial_years.len() > 1 => financial_year_point(fy),
        _ => Parsed::Invalid,
    };
    Some((parsed, i + 2))
}

fn financial_year_point(start: i32) -> Parsed {
    point(
        SpanForm::FinancialYear,
        When::Month(start, FINANCIAL_YEAR_FIRST_MONTH),
        When::Month(start + 1, FINANCIAL_YEAR_FIRST_MONTH - 1),
    )
}

/// "2022/23", "2019-2020", "22/23" (a financial year, optionally followed by its quarter:
/// "2021/22 Q3"); "2019-2021", "2019-22" (years); "2018-06" (an ISO month).
fn year_pair(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    if let Some((fy, end)) = financial_year_at(t, i, cx) {
        let k = skip(t, end, &[Kind::Comma, Kind::Other]);
        return Some(match quarter_number(t, k) {
            Some((q, after)) if (1..=4).contains(&q) => (financial_quarter(fy, q), after),
            _ => (financial_year_point(fy), end),
        });
    }
    let a = four_digit_year(t, i)?;
    if kind_at(t, i + 1) != Some(Kind::Dash) {
        return None;
    }
    let b = t.get(i + 2).filter(|b| b.is_number())?;
    if b.digits == 2 || b.digits == 4 {
        let end = complete_year(a, b.value, b.digits);
        if end > a && end - a <= MAX_YEAR_RANGE {
            return Some((point(SpanForm::Range, When::Year(a), When::Year(end)), i + 3));
        }
    }
    if b.digits == 2 && (1..=12).contains(&b.value) {
        let m = When::Month(a, b.value as u32);
        return Some((point(SpanForm::Month, m, m), i + 3));
    }
    None
}

/// "2020", or "'07" alone.
fn year(t: &[Token], i: usize, cx: &Context) -> Option<(Parsed, usize)> {
    let (y, end) = match kind_at(t, i)? {
        Kind::Number => (four_digit_year(t, i)?, i + 1),
        Kind::Apostrophe => {
            let n = t.get(i + 1).filter(|n| n.is_number() && n.digits == 2)?;
            (full_year(n.value, cx.years), i + 2)
        }
        _ => return None,
    };
    Some((point(SpanForm::Year, When::Year(y), When::Year(y)), end))
}
