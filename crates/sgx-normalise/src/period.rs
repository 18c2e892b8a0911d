//! The document's period as dates and as the financial years national statistics join on.
//!
//! **Source.** `document.period` as the metadata recogniser read it: its years and the text it
//! printed ("2019-22", "April 2021 to March 2022", "1st April 2014 – 31st March 2015").
//!
//! **Rules.** Years only: financial years, 1 April of `start_year` to 31 March of `end_year`
//! (the genre's plans and reports run April to March, as their statutory reporting year does).
//! Printed months: from the first day of the first month printed (or the day printed before
//! it) to the last day of the last month printed; one month printed starts a year-long cycle
//! ending the month before it, in `end_year`. January to December is a calendar-year period,
//! April to March a financial-year one, anything else plain months. The financial years
//! listed are those the period covers for at least six months (so "May 2014 to April 2015"
//! is 2014-15 alone, and a calendar year 2019 is 2019-20), or the one it covers most.
//!
//! **Vocabulary.** English month names in the genre's spellings (see `calendar`).
//!
//! **Known limits.** A calendar-year period gets financial-year codes too (DfE's
//! calendar-year `time_period` is the plain year, which `start_date` gives); an academic year
//! (September to August) is plain months.

use std::collections::BTreeMap;

use sgx_model::{Extraction, Period, PeriodBasis};

use crate::calendar::{
    days_in_month, financial_year_code, financial_year_label, financial_year_of, month_of, valid_day,
    FINANCIAL_YEAR_FIRST_MONTH,
};
use crate::tokens::{tokenize, Kind};

/// A financial year is listed when the period covers at least this many of its months.
const MIN_MONTHS_OF_A_FINANCIAL_YEAR: u32 = 6;

/// A day as (year, month, day).
pub type Ymd = (i32, u32, u32);

/// A period's dates as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodDates {
    pub first: Ymd,
    pub last: Ymd,
    pub basis: PeriodBasis,
    /// Start years of the financial years covered, in order.
    pub financial_years: Vec<i32>,
}

impl PeriodDates {
    /// How many calendar months the period touches.
    pub fn months(&self) -> i32 {
        (self.last.0 - self.first.0) * 12 + self.last.1 as i32 - self.first.1 as i32 + 1
    }
}

/// Add the dates, the financial years and their codes to the document's period.
pub fn normalise_period(x: &mut Extraction) {
    if let Some(period) = x.document.period.as_mut() {
        let dates = read_period(period);
        let iso = |(y, m, d): Ymd| format!("{y:04}-{m:02}-{d:02}");
        period.start_date = Some(iso(dates.first));
        period.end_date = Some(iso(dates.last));
        period.basis = Some(dates.basis);
        period.financial_years = dates.financial_years.iter().map(|&y| financial_year_label(y)).collect();
        period.time_periods = dates.financial_years.iter().filter_map(|&y| financial_year_code(y)).collect();
    }
}

/// A month printed in the period's text, with the day printed before it.
#[derive(Debug, Clone, Copy)]
struct PrintedMonth {
    month: u32,
    day: Option<u32>,
}

fn printed_months(raw: &str) -> Vec<PrintedMonth> {
    let tokens = tokenize(raw);
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(month) = (t.kind == Kind::Word).then(|| month_of(&t.lower)).flatten() else { continue };
        let day = i
            .checked_sub(1)
            .and_then(|j| tokens.get(j))
            .filter(|d| (d.kind == Kind::Ordinal || (d.is_number() && d.digits <= 2)) && d.value > 0)
            .map(|d| d.value as u32);
        out.push(PrintedMonth { month, day });
    }
    out
}

/// The period's first and last days, how they were read, and its financial years.
pub fn read_period(p: &Period) -> PeriodDates {
    let end_year = p.end_year.max(p.start_year + 1);
    let years_only = PeriodDates {
        first: (p.start_year, FINANCIAL_YEAR_FIRST_MONTH, 1),
        last: (
            end_year,
            FINANCIAL_YEAR_FIRST_MONTH - 1,
            days_in_month(end_year, FINANCIAL_YEAR_FIRST_MONTH - 1),
        ),
        basis: PeriodBasis::YearsOnly,
        financial_years: Vec::new(),
    };
    let months = printed_months(&p.raw);
    let mut dates = match (months.first(), months.last()) {
        (Some(first), Some(last)) => {
            let end_month = if months.len() >= 2 { last.month } else { (first.month + 10) % 12 + 1 };
            let end_day = if months.len() >= 2 { last.day } else { None };
            let start = day_or_bound(p.start_year, first.month, first.day, true);
            let end = day_or_bound(p.end_year, end_month, end_day, false);
            let basis = match (first.month, end_month) {
                (FINANCIAL_YEAR_FIRST_MONTH, 3) => PeriodBasis::FinancialYear,
                (1, 12) => PeriodBasis::CalendarYear,
                _ => PeriodBasis::Months,
            };
            if start <= end {
                PeriodDates { first: start, last: end, basis, financial_years: Vec::new() }
            } else {
                years_only
            }
        }
        _ => years_only,
    };
    dates.financial_years = financial_years_covered(dates.first, dates.last);
    dates
}

/// The printed day if the month has it, else the month's first or last day.
fn day_or_bound(year: i32, month: u32, day: Option<u32>, first: bool) -> Ymd {
    match day.and_then(|d| valid_day(year, month, d)) {
        Some(_) => (year, month, day.unwrap_or(1)),
        None if first => (year, month, 1),
        None => (year, month, days_in_month(year, month)),
    }
}

/// Start years of the financial years covered for at least six months, else the one covered most.
fn financial_years_covered(first: Ymd, last: Ymd) -> Vec<i32> {
    let mut months_in: BTreeMap<i32, u32> = BTreeMap::new();
    let (mut y, mut m) = (first.0, first.1);
    while (y, m) <= (last.0, last.1) {
        *months_in.entry(financial_year_of(y, m)).or_default() += 1;
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let covered: Vec<i32> =
        months_in.iter().filter(|(_, &n)| n >= MIN_MONTHS_OF_A_FINANCIAL_YEAR).map(|(&fy, _)| fy).collect();
    if !covered.is_empty() {
        return covered;
    }
    // The most months; the earliest year on a tie (max_by_key keeps the last maximum).
    months_in.iter().rev().max_by_key(|(_, &n)| n).map(|(&fy, _)| fy).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(start: i32, end: i32, raw: &str) -> (String, String, PeriodBasis, Vec<String>, Vec<u32>) {
        let mut x = Extraction::default();
        x.document.period = Some(Period::new(start, end, raw.into()));
        normalise_period(&mut x);
        let p = x.document.period.unwrap();
        (p.start_date.unwrap(), p.end_date.unwrap(), p.basis.unwrap(), p.financial_years, p.time_periods)
    }

    #[test]
    fn periods_become_dates_and_financial_year_codes() {
        use PeriodBasis::*;
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // (start, end, raw, start date, end date, basis, labels, codes)
        #[allow(clippy::type_complexity)]
        let cases: &[(i32, i32, &str, &str, &str, PeriodBasis, &[&str], &[u32])] = &[
            // Years only, every spelling the recogniser reads: financial years.
            (2022, 2023, "2022/23", "2022-04-01", "2023-03-31", YearsOnly, &["2022-23"], &[202223]),
            (2022, 2023, "2022-2023", "2022-04-01", "2023-03-31", YearsOnly, &["2022-23"], &[202223]),
            (2014, 2015, "2014-5", "2014-04-01", "2015-03-31", YearsOnly, &["2014-15"], &[201415]),
            (2007, 2008, "2007 / 2008", "2007-04-01", "2008-03-31", YearsOnly, &["2007-08"], &[200708]),
            (
                2019,
                2022,
                "2019-22",
                "2019-04-01",
                "2022-03-31",
                YearsOnly,
                &["2019-20", "2020-21", "2021-22"],
                &[201920, 202021, 202122],
            ),
            (
                2023,
                2026,
                "2023 to 2026",
                "2023-04-01",
                "2026-03-31",
                YearsOnly,
                &["2023-24", "2024-25", "2025-26"],
                &[202324, 202425, 202526],
            ),
            (1999, 2000, "1999/00", "1999-04-01", "2000-03-31", YearsOnly, &["1999-00"], &[199900]),
            // Printed April to March: the same dates, printed.
            (
                2021,
                2022,
                "APRIL 2021 to MARCH 2022",
                "2021-04-01",
                "2022-03-31",
                FinancialYear,
                &["2021-22"],
                &[202122],
            ),
            (
                2014,
                2015,
                "1st April 2014 – 31st March 2015",
                "2014-04-01",
                "2015-03-31",
                FinancialYear,
                &["2014-15"],
                &[201415],
            ),
            (
                2015,
                2018,
                "April 2015 and March 2018",
                "2015-04-01",
                "2018-03-31",
                FinancialYear,
                &["2015-16", "2016-17", "2017-18"],
                &[201516, 201617, 201718],
            ),
            // Other months: dates as printed, the financial years mostly covered.
            (
                2019,
                2020,
                "september 2019 - march 2020",
                "2019-09-01",
                "2020-03-31",
                Months,
                &["2019-20"],
                &[201920],
            ),
            (
                2014,
                2015,
                "May 2014 to April 2015",
                "2014-05-01",
                "2015-04-30",
                Months,
                &["2014-15"],
                &[201415],
            ),
            (
                2019,
                2020,
                "15 September 2019 to 14 March 2020",
                "2019-09-15",
                "2020-03-14",
                Months,
                &["2019-20"],
                &[201920],
            ),
            // January to December: a calendar-year period.
            (
                2019,
                2020,
                "January 2019 to December 2020",
                "2019-01-01",
                "2020-12-31",
                CalendarYear,
                &["2019-20", "2020-21"],
                &[201920, 202021],
            ),
            // One month printed: a year-long cycle ending the month before it.
            (
                2019,
                2020,
                "September 2019 - 2020",
                "2019-09-01",
                "2020-08-31",
                Months,
                &["2019-20"],
                &[201920],
            ),
            // A day the month lacks falls back to the month's bounds.
            (
                2019,
                2020,
                "31 September 2019 - 31 February 2020",
                "2019-09-01",
                "2020-02-29",
                Months,
                &["2019-20"],
                &[201920],
            ),
            // A short period: the financial year it covers most.
            (
                2019,
                2020,
                "November 2019 - February 2020",
                "2019-11-01",
                "2020-02-29",
                Months,
                &["2019-20"],
                &[201920],
            ),
        ];
        for &(start, end, raw, first, last, basis, labels, codes) in cases {
            assert_eq!(
                read(start, end, raw),
                (first.into(), last.into(), basis, s(labels), codes.to_vec()),
                "{raw}"
            );
        }
    }

    #[test]
    fn a_period_without_one_adds_nothing() {
        let mut x = Extraction::default();
        normalise_period(&mut x);
        assert_eq!(x.document.period, None);
    }

    #[test]
    fn short_periods_take_the_year_they_cover_most_earliest_on_a_tie() {
        assert_eq!(financial_years_covered((2019, 2, 1), (2019, 5, 31)), vec![2018]);
        assert_eq!(financial_years_covered((2019, 3, 1), (2019, 5, 31)), vec![2019]);
    }
}
