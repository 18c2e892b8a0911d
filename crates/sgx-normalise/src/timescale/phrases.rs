//! The words of a timescale that are not dates: recurrences ("quarterly", "three times a
//! year", "every six weeks", "at each board meeting", "ongoing", "as required"), "to be
//! confirmed", the connectors that join dates into spans ("from", "by", "until", "onwards",
//! "between", "and") and fillers that carry nothing ("the", "target date", "early").
//!
//! Words are matched joined, with dashes and dots between them dropped, so "bi-monthly",
//! "bi monthly" and "bimonthly" are one entry, as are "t.b.c." and "TBC".
//!
//! Known limits: "bi-monthly" is read as every two months (the genre's use), never twice a
//! month; "bi-annual" as twice a year. A recurrence's start or count in words beyond twelve is
//! not read.

use sgx_model::{Recurrence, RecurrenceKind};

use super::points::count_at;
use crate::tokens::{Kind, Token};

/// The longest phrase in words ("as and when required").
const MAX_PHRASE_WORDS: usize = 4;

/// Words a meeting phrase may hold between "each" and "meeting" ("each NSCB board meeting").
const MAX_MEETING_QUALIFIERS: usize = 3;

const WEEKS_PER_YEAR: f64 = 52.0;
const MONTHS_PER_YEAR: f64 = 12.0;

/// A connector: how a word joins the dates around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    /// "from", "starting", "commencing": an open start.
    From,
    /// "by", "before", "end", "deadline", "due": a deadline.
    By,
    /// "until", "to", "through": a range's middle, or a deadline when nothing precedes it.
    Until,
    /// A dash: a range's middle.
    Dash,
    /// "and", "&", "then".
    And,
    /// "onwards", "thereafter": an open end.
    Onwards,
    /// "between": the start of "between A and B".
    Between,
}

/// What a phrase is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phrase {
    Recur(Recurrence),
    ToBeConfirmed,
    Connector(Connector),
    Filler,
}

fn recur(kind: RecurrenceKind, times_per_year: Option<f64>) -> Phrase {
    Phrase::Recur(Recurrence { kind, times_per_year })
}

/// Recurring words and phrases, joined.
fn recurring(joined: &str) -> Option<Phrase> {
    use RecurrenceKind::*;
    let (kind, times) = match joined {
        "daily" | "everyday" | "eachday" => (Daily, Some(365.0)),
        "weekly" | "everyweek" | "eachweek" => (Weekly, Some(WEEKS_PER_YEAR)),
        "fortnightly" | "biweekly" | "everyfortnight" | "everyotherweek" => (Fortnightly, Some(26.0)),
        "monthly" | "everymonth" | "eachmonth" | "permonth" => (Monthly, Some(MONTHS_PER_YEAR)),
        "bimonthly" | "everyothermonth" => (BiMonthly, Some(6.0)),
        "quarterly" | "everyquarter" | "eachquarter" | "perquarter" => (Quarterly, Some(4.0)),
        "termly" | "everyterm" | "eachterm" | "perterm" | "onceaterm" | "onceperterm" => (Termly, Some(3.0)),
        "triannual" | "triannually" => (TimesAYear, Some(3.0)),
        "biannual" | "biannually" | "halfyearly" | "sixmonthly" | "twiceayear" | "twiceperyear"
        | "twiceyearly" | "twiceannually" | "twiceperannum" => (HalfYearly, Some(2.0)),
        "annual" | "annually" | "yearly" | "everyyear" | "eachyear" | "onceayear" | "onceperyear"
        | "perannum" => (Annual, Some(1.0)),
        "biennial" | "biennially" | "everyotheryear" => (Biennial, Some(0.5)),
        "ongoing" | "continuous" | "continuously" | "continual" | "continually" => (Ongoing, None),
        "asrequired" | "asneeded" | "asandwhenrequired" | "asandwhenneeded" | "asandwhen"
        | "whenrequired" | "whenneeded" | "adhoc" | "asappropriate" => (AsNeeded, None),
        "regularly" | "regular" => (Regular, None),
        _ => return None,
    };
    Some(recur(kind, times))
}

fn other_phrase(joined: &str) -> Option<Phrase> {
    use Connector::*;
    Some(match joined {
        "tbc" | "tba" | "tbd" | "tbcd" | "tobeconfirmed" | "tobeagreed" | "tobedecided"
        | "tobedetermined" | "tobearranged" | "tobeset" | "tobescheduled" | "tobefinalised"
        | "notyetagreed" | "notyetset" => Phrase::ToBeConfirmed,
        "from" | "starting" | "startingfrom" | "commencing" | "effective" | "effectivefrom" => {
            Phrase::Connector(From)
        }
        "by" | "before" | "nolaterthan" | "deadline" | "due" | "end" | "endof" => Phrase::Connector(By),
        "until" | "till" | "til" | "upto" | "to" | "through" | "thru" => Phrase::Connector(Until),
        "and" | "then" | "andthen" | "plus" => Phrase::Connector(And),
        "onwards" | "onward" | "forward" | "forwards" | "thereafter" | "beyond" => Phrase::Connector(Onwards),
        "between" => Phrase::Connector(Between),
        "the" | "of" | "in" | "on" | "at" | "for" | "or" | "during" | "throughout" | "within" | "around"
        | "approx" | "approximately" | "circa" | "early" | "mid" | "late" | "middle" | "beginning"
        | "start" | "target" | "targets" | "date" | "dates" | "timescale" | "timescales" | "timeframe"
        | "completion" | "year" | "financial" | "fiscal" | "fy" | "academic" | "calendar" | "each"
        | "every" | "per" | "whole" => Phrase::Filler,
        _ => return None,
    })
}

/// The phrase starting at token `i`, and the index after it.
pub fn phrase_at(t: &[Token], i: usize) -> Option<(Phrase, usize)> {
    counted(t, i).or_else(|| each_meeting(t, i)).or_else(|| {
        let words = word_run(t, i);
        (1..=words.len()).rev().find_map(|n| {
            let (joined, end) = &words[n - 1];
            recurring(joined).or_else(|| other_phrase(joined)).map(|p| (p, *end))
        })
    })
}

/// The joined forms of the 1..=MAX_PHRASE_WORDS words from `i` (dashes and dots between them
/// dropped), each with the index after it.
fn word_run(t: &[Token], i: usize) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut joined = String::new();
    let mut j = i;
    while out.len() < MAX_PHRASE_WORDS {
        let Some(x) = t.get(j).filter(|x| x.kind == Kind::Word) else { break };
        joined.push_str(&x.lower);
        j += 1;
        out.push((joined.clone(), j));
        while t.get(j).is_some_and(|x| matches!(x.kind, Kind::Dash | Kind::Dot)) {
            j += 1;
        }
    }
    out
}

/// A frequency from a count of units between occurrences: "every 6 weeks", "3-monthly".
fn every(n: i32, unit: &str) -> Option<Phrase> {
    use RecurrenceKind::*;
    if n <= 0 {
        return None;
    }
    let n_f = f64::from(n);
    let unit = unit.trim_end_matches('s');
    Some(match (unit, n) {
        ("week", 1) => recur(Weekly, Some(WEEKS_PER_YEAR)),
        ("week", 2) => recur(Fortnightly, Some(WEEKS_PER_YEAR / 2.0)),
        ("week", _) => recur(TimesAYear, Some(WEEKS_PER_YEAR / n_f)),
        ("month", 1) => recur(Monthly, Some(MONTHS_PER_YEAR)),
        ("month", 2) => recur(BiMonthly, Some(6.0)),
        ("month", 3) => recur(Quarterly, Some(4.0)),
        ("month", 6) => recur(HalfYearly, Some(2.0)),
        ("month", 12) => recur(Annual, Some(1.0)),
        ("month", _) => recur(TimesAYear, Some(MONTHS_PER_YEAR / n_f)),
        ("year", 1) => recur(Annual, Some(1.0)),
        ("year", 2) => recur(Biennial, Some(0.5)),
        ("year", _) => recur(TimesAYear, Some(1.0 / n_f)),
        ("weekly", _) => return every(n, "week"),
        ("monthly", _) => return every(n, "month"),
        ("yearly", _) => return every(n, "year"),
        _ => return None,
    })
}

/// "three times a year", "4 times per annum", "3x yearly", "x3 a year", "every 6 weeks",
/// "every other month", "6-monthly".
fn counted(t: &[Token], i: usize) -> Option<(Phrase, usize)> {
    let word = |j: usize| t.get(j).filter(|x| x.kind == Kind::Word).map(|x| x.lower.as_str());
    // "every 6 weeks", "every other month", "each two years".
    if matches!(word(i), Some("every" | "each")) {
        let (n, j) = match word(i + 1) {
            Some("other") => (2, i + 2),
            _ => (count_at(t, i + 1)?, i + 2),
        };
        return every(n, word(j)?).map(|p| (p, j + 1));
    }
    // "x3 a year"
    let (n, j) = if word(i) == Some("x") { (count_at(t, i + 1)?, i + 2) } else { (count_at(t, i)?, i + 1) };
    // "6-monthly", "3 monthly"
    let j_unit = if t.get(j).is_some_and(|x| x.kind == Kind::Dash) { j + 1 } else { j };
    if let Some(p) =
        word(j_unit).and_then(|u| matches!(u, "weekly" | "monthly" | "yearly").then(|| every(n, u)))
    {
        return p.map(|p| (p, j_unit + 1));
    }
    let mut k = j;
    if matches!(word(k), Some("times" | "x")) {
        k += 1;
    } else if word(i) != Some("x") {
        return None;
    }
    if matches!(word(k), Some("a" | "per" | "each" | "every" | "in")) {
        k += 1;
    }
    match word(k)? {
        "year" | "annum" | "yearly" | "annually" => {
            Some((recur(RecurrenceKind::TimesAYear, Some(f64::from(n))), k + 1)).filter(|_| n > 0)
        }
        _ => None,
    }
}

/// "each meeting", "every board meeting", "at each NSCB meeting".
fn each_meeting(t: &[Token], i: usize) -> Option<(Phrase, usize)> {
    let start = if t.get(i).is_some_and(|x| x.is_word("at")) { i + 1 } else { i };
    let x = t.get(start)?;
    if !(x.is_word("each") || x.is_word("every")) {
        return None;
    }
    for j in start + 1..=start + 1 + MAX_MEETING_QUALIFIERS {
        let y = t.get(j).filter(|y| y.kind == Kind::Word)?;
        if y.lower == "meeting" || y.lower == "meetings" {
            return Some((recur(RecurrenceKind::EachMeeting, None), j + 1));
        }
    }
    None
}
