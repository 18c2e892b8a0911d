//! The period a document covers, from the year ranges it prints.
//!
//! **Forms.** "2019-22", "2007 / 2008", "2020/21", "2014-5" (one digit, the next year),
//! "2023 to 2026", "April 2022 to March 2023", "1st April 2014 – 31st March 2015",
//! "between April 2015 and March 2018", "September 2019 - March 2020".
//!
//! **Not a period.** A single year or a date (an edition, a meeting, "Working Together 2018")
//! gives no period: a range must be printed. A range running backwards or over more than
//! [`MAX_SPAN_YEARS`] is no period either, unless one slipped digit explains it and the
//! repaired year is printed elsewhere in the document (then it is repaired, with a warning).

use std::sync::LazyLock;

use regex_lite::{Captures, Regex};
use sgx_model::Period;

use crate::util::ascii_words;
use crate::vocab::month_abbreviations;

/// The longest period a plan or report covers, in years.
pub const MAX_SPAN_YEARS: i32 = 10;

static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    // An optional day and month before a year ("1st April", "31 March", "Sept.").
    let date = format!(r"(?:(?:\d{{1,2}}\s*(?:st|nd|rd|th)?\s+)?(?:{})[a-z]*\.?\s+)?", month_abbreviations());
    Regex::new(&format!(
        // "between" opens the one form whose connector is "and".
        r"(?i)\b(between\s+)?{date}((?:19|20)\d{{2}})\s*([-–—/]|\bto\b|\buntil\b|\band\b)\s*{date}(\d{{4}}|\d{{1,2}})\b"
    ))
    .unwrap()
});

/// A year range printed in `text`, with whether its end year had to be repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub period: Period,
    /// The end year as printed, where it was a slipped digit repaired from other years.
    pub repaired_from: Option<i32>,
}

/// The first year range in `text`; `years` are the years printed anywhere in the document,
/// used to repair a slipped digit.
pub fn year_range(text: &str, years: &[i32]) -> Option<Found> {
    YEAR_RANGE.captures_iter(text).find_map(|c| read_range(&c, years))
}

fn read_range(c: &Captures, years: &[i32]) -> Option<Found> {
    let connector = c[3].to_ascii_lowercase();
    // "2015 and 2016" is two years; only "between 2015 and 2016" is a range.
    if connector == "and" && c.get(1).is_none() {
        return None;
    }
    let start: i32 = c[2].parse().ok()?;
    let end_raw = &c[4];
    let end: i32 = match end_raw.len() {
        // "2014-5": the digit of the next year.
        1 => {
            let digit: i32 = end_raw.parse().ok()?;
            (digit == (start + 1) % 10).then_some(start + 1)?
        }
        2 => (start / 100) * 100 + end_raw.parse::<i32>().ok()?,
        _ => end_raw.parse().ok()?,
    };
    let raw = c[0][c.get(1).map_or(0, |b| b.len())..].to_string();
    if plausible(start, end) {
        return Some(Found { period: Period::new(start, end, raw), repaired_from: None });
    }
    let repaired = repair(start, end, years)?;
    Some(Found { period: Period::new(start, repaired, raw), repaired_from: Some(end) })
}

fn plausible(start: i32, end: i32) -> bool {
    end > start && end - start <= MAX_SPAN_YEARS
}

/// An end year one digit away from a plausible one that the document prints elsewhere:
/// "2017-2918" where 2018 is printed.
fn repair(start: i32, end: i32, years: &[i32]) -> Option<i32> {
    let candidates: Vec<i32> =
        years.iter().copied().filter(|&y| plausible(start, y) && one_digit_apart(y, end)).collect();
    match candidates.as_slice() {
        [one] => Some(*one),
        [first, rest @ ..] if rest.iter().all(|y| y == first) => Some(*first),
        _ => None,
    }
}

fn one_digit_apart(a: i32, b: i32) -> bool {
    let (a, b) = (a.to_string(), b.to_string());
    a.len() == b.len() && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() == 1
}

/// Every four-digit year printed in `text`.
pub fn years_in(text: &str) -> Vec<i32> {
    // A word of four digits from 1900 to 2099 (as `\b(19|20)\d\d\b` reads it), found by a word
    // scan: this runs over the whole document.
    let year = |w: &&str| {
        w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"))
    };
    ascii_words(text).map(|(_, w)| w).filter(year).filter_map(|w| w.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(s: &str) -> Option<(i32, i32)> {
        year_range(s, &[]).map(|f| (f.period.start_year, f.period.end_year))
    }

    #[test]
    fn ranges_in_the_genre_forms() {
        assert_eq!(years("Business Plan 2019-22"), Some((2019, 2022)));
        assert_eq!(years("WORKPLAN 2007 / 2008"), Some((2007, 2008)));
        assert_eq!(years("April 2022 to March 2023"), Some((2022, 2023)));
        assert_eq!(years("1st April 2021 to 31st March 2022"), Some((2021, 2022)));
        assert_eq!(years("Plan 2014 – 2016"), Some((2014, 2016)));
        assert_eq!(years("Plan 2023 to 2026"), Some((2023, 2026)));
        assert_eq!(years("Annual Report 2014-5"), Some((2014, 2015)));
        assert_eq!(years("to focus on between May 2016 and April 2019 which"), Some((2016, 2019)));
        assert_eq!(years("Interim report September 2019 - March 2020"), Some((2019, 2020)));
    }

    #[test]
    fn single_years_and_lists_are_no_range() {
        assert_eq!(years("since 2012, and 1999"), None);
        assert_eq!(years("figures for 2015 and 2016"), None);
        assert_eq!(years("Working Together 2018"), None);
        assert_eq!(years("Report 2014-7"), None);
        assert_eq!(years("Plan 2010-2030"), None);
    }

    #[test]
    fn a_slipped_digit_is_repaired_from_the_years_printed() {
        let found = year_range("Priority Areas 2017-2918", &[2016, 2019, 2017, 2018]).unwrap();
        assert_eq!((found.period.start_year, found.period.end_year), (2017, 2018));
        assert_eq!(found.repaired_from, Some(2918));
        assert_eq!(year_range("Priority Areas 2017-2918", &[2016]), None);
    }
}
