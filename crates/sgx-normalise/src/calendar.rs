//! Calendar arithmetic shared by the period and timescale readers: dates at their printed
//! precision, month names in the genre's spellings, two-digit years, and the financial year
//! (1 April to 31 March) that national statistics label "2022-23" and code 202223.
//!
//! Known limits: English month names only; the Gregorian calendar's leap years.

use std::cmp::Ordering;

/// Full month names; a printed name is any prefix of three letters or more ("Sept", "Oct.").
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Misspellings of month names the genre prints, with the month they mean.
const MISSPELT_MONTHS: [(&str, u32); 3] = [("febuary", 2), ("feburary", 2), ("septmber", 9)];

/// The shortest printed month name ("Jan", "May").
const MIN_MONTH_NAME: usize = 3;

/// The year the genre's documents centre on, for two-digit years in a document with no period:
/// the plans and reports sgx reads date from about 2005 to 2025.
pub const GENRE_REFERENCE_YEAR: i32 = 2015;

/// The month a financial year starts in (April).
pub const FINANCIAL_YEAR_FIRST_MONTH: u32 = 4;

/// The month number (1-12) of a lower-case month name or abbreviation.
pub fn month_of(word: &str) -> Option<u32> {
    if word.len() >= MIN_MONTH_NAME {
        if let Some(i) = MONTHS.iter().position(|m| m.starts_with(word)) {
            return Some(i as u32 + 1);
        }
    }
    MISSPELT_MONTHS.iter().find(|(w, _)| *w == word).map(|&(_, m)| m)
}

/// Whether `year` is a leap year.
fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date at the precision it was printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Year(i32),
    Month(i32, u32),
    Day(i32, u32, u32),
}

impl When {
    /// ISO 8601 at the printed precision: "2020", "2020-03", "2020-03-31".
    pub fn iso(self) -> String {
        match self {
            When::Year(y) => format!("{y:04}"),
            When::Month(y, m) => format!("{y:04}-{m:02}"),
            When::Day(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }

    pub fn year(self) -> i32 {
        match self {
            When::Year(y) | When::Month(y, _) | When::Day(y, _, _) => y,
        }
    }

    /// The first day it stands for ("2020" → 2020-01-01).
    pub fn first_day(self) -> (i32, u32, u32) {
        match self {
            When::Year(y) => (y, 1, 1),
            When::Month(y, m) => (y, m, 1),
            When::Day(y, m, d) => (y, m, d),
        }
    }

    /// The last day it stands for ("2020-02" → 2020-02-29).
    pub fn last_day(self) -> (i32, u32, u32) {
        match self {
            When::Year(y) => (y, 12, 31),
            When::Month(y, m) => (y, m, days_in_month(y, m)),
            When::Day(y, m, d) => (y, m, d),
        }
    }

    /// Orders by the last day each stands for, so a deadline of "March 2020" is later than
    /// "2020-03-15" and earlier than "2020".
    pub fn cmp_by_last_day(self, other: When) -> Ordering {
        self.last_day().cmp(&other.last_day())
    }
}

/// A valid day, or `None` ("31/02/2020", "month 13").
pub fn valid_day(year: i32, month: u32, day: u32) -> Option<When> {
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then_some(When::Day(year, month, day))
}

/// The full year a two-digit year stands for: the century that puts it nearest the years
/// `around` (a document's period, inclusive; a year inside it is nearest), else nearest
/// [`GENRE_REFERENCE_YEAR`]. A tie goes to the earlier century.
pub fn full_year(two_digits: i32, around: Option<(i32, i32)>) -> i32 {
    let (low, high) = around.unwrap_or((GENRE_REFERENCE_YEAR, GENRE_REFERENCE_YEAR));
    let distance = |y: i32| {
        if y < low {
            low - y
        } else if y > high {
            y - high
        } else {
            0
        }
    };
    let base = low.div_euclid(100) * 100;
    [base - 100, base, base + 100]
        .iter()
        .map(|c| c + two_digits)
        .min_by_key(|&y| (distance(y), y))
        .unwrap_or(two_digits)
}

/// The label national statistics give the financial year starting in April of `start_year`:
/// "2022-23".
pub fn financial_year_label(start_year: i32) -> String {
    format!("{start_year}-{:02}", (start_year + 1).rem_euclid(100))
}

/// The DfE `time_period` code of the financial year starting in April of `start_year`: 202223.
pub fn financial_year_code(start_year: i32) -> Option<u32> {
    let code = start_year.checked_mul(100)?.checked_add((start_year + 1).rem_euclid(100))?;
    u32::try_from(code).ok()
}

/// The start year of the financial year a month falls in (March 2020 → 2019).
pub fn financial_year_of(year: i32, month: u32) -> i32 {
    if month >= FINANCIAL_YEAR_FIRST_MONTH {
        year
    } else {
        year - 1
    }
}

/// Whether `b` is the year after `a` as printed in a financial-year label: "2019/20", "2019-2020",
/// "2014-5", "1999/00".
pub fn is_next_year(a: i32, b: i32, digits: usize) -> bool {
    match digits {
        1 => b == (a + 1).rem_euclid(10),
        2 => b == (a + 1).rem_euclid(100),
        _ => b == a + 1,
    }
}

/// The year `b` stands for when it completes `a`'s label with `digits` digits ("2019-22" → 2022).
pub fn complete_year(a: i32, b: i32, digits: usize) -> i32 {
    match digits {
        1 => {
            let y = a - a.rem_euclid(10) + b;
            if y < a {
                y + 10
            } else {
                y
            }
        }
        2 => {
            let y = a - a.rem_euclid(100) + b;
            if y < a {
                y + 100
            } else {
                y
            }
        }
        _ => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_in_the_genres_spellings() {
        for (word, month) in [
            ("jan", 1),
            ("febuary", 2),
            ("mar", 3),
            ("sept", 9),
            ("sep", 9),
            ("septem", 9),
            ("oct", 10),
            ("december", 12),
        ] {
            assert_eq!(month_of(word), Some(month), "{word}");
        }
        for word in ["ma", "ju", "marching", "peb", "a", ""] {
            assert_eq!(month_of(word), None, "{word}");
        }
    }

    #[test]
    fn two_digit_years_take_the_century_nearest_the_period() {
        assert_eq!(full_year(98, Some((1997, 1998))), 1998);
        assert_eq!(full_year(98, Some((2007, 2008))), 1998);
        assert_eq!(full_year(7, Some((2007, 2008))), 2007);
        assert_eq!(full_year(8, Some((2007, 2008))), 2008);
        assert_eq!(full_year(99, Some((2000, 2001))), 1999);
        assert_eq!(full_year(1, Some((1999, 2000))), 2001);
        assert_eq!(full_year(98, None), 1998);
        assert_eq!(full_year(30, None), 2030);
        // 2065 and 1965 are 50 years from 2015: the earlier century.
        assert_eq!(full_year(65, None), 1965);
    }

    #[test]
    fn financial_year_labels_and_codes() {
        assert_eq!(financial_year_label(2022), "2022-23");
        assert_eq!(financial_year_label(1999), "1999-00");
        assert_eq!(financial_year_code(2022), Some(202223));
        assert_eq!(financial_year_code(2009), Some(200910));
        assert_eq!(financial_year_code(1999), Some(199900));
        assert_eq!(financial_year_of(2020, 3), 2019);
        assert_eq!(financial_year_of(2020, 4), 2020);
    }

    #[test]
    fn days_and_leap_years() {
        assert_eq!(valid_day(2020, 2, 29), Some(When::Day(2020, 2, 29)));
        assert_eq!(valid_day(2021, 2, 29), None);
        assert_eq!(valid_day(2000, 2, 29), Some(When::Day(2000, 2, 29)));
        assert_eq!(valid_day(1900, 2, 29), None);
        assert_eq!(valid_day(2021, 13, 1), None);
        assert_eq!(valid_day(2021, 4, 31), None);
        assert_eq!(valid_day(2021, 4, 0), None);
    }

    #[test]
    fn printed_precision_orders_by_its_last_day() {
        assert_eq!(When::Month(2020, 3).cmp_by_last_day(When::Day(2020, 3, 15)), Ordering::Greater);
        assert_eq!(When::Year(2020).cmp_by_last_day(When::Month(2020, 3)), Ordering::Greater);
        assert_eq!(When::Month(2020, 12).cmp_by_last_day(When::Year(2020)), Ordering::Equal);
        assert_eq!(When::Month(2020, 2).iso(), "2020-02");
        assert_eq!(When::Day(2020, 2, 3).iso(), "2020-02-03");
    }

    #[test]
    fn years_completing_a_label() {
        assert!(is_next_year(2019, 20, 2));
        assert!(is_next_year(2014, 5, 1));
        assert!(is_next_year(1999, 0, 2));
        assert!(is_next_year(2019, 2020, 4));
        assert!(!is_next_year(2019, 22, 2));
        assert_eq!(complete_year(2019, 22, 2), 2022);
        assert_eq!(complete_year(1999, 1, 2), 2001);
        assert_eq!(complete_year(2014, 5, 1), 2015);
        assert_eq!(complete_year(2019, 2021, 4), 2021);
    }
}
