//! Timescale forms, one row per grammatical kind the genre prints (our own strings in the
//! shapes of the seeds, the real documents and the corpus), then the edge cases. Each row
//! gives the document's period and the reading written compactly: the spans ("month
//! 2019-06", "range 2019-04..2020-03", "from 2014-06..", "by ..2016-04"), the recurrence,
//! the due date and the resolution.

use sgx_model::{Period, Timescale};

use super::{read_into, Context};

/// A document period (start year, end year, as printed).
type P = Option<(i32, i32, &'static str)>;
const NONE: P = None;
const FY0607: P = Some((2006, 2007, "2006-07"));
const FY0708: P = Some((2007, 2008, "2007 / 2008"));
const FY1920: P = Some((2019, 2020, "2019/20"));
const PLAN1416: P = Some((2014, 2016, "2014 – 2016"));
const PLAN1922: P = Some((2019, 2022, "2019-22"));
const PLAN2225: P = Some((2022, 2025, "2022-2025"));
const Y9899: P = Some((1998, 1999, "1998/99"));
const Y9900: P = Some((1999, 2000, "1999/2000"));
const Y0001: P = Some((2000, 2001, "2000/01"));

fn render(raw: &str, period: P) -> String {
    let period = period.map(|(a, b, raw)| Period::new(a, b, raw.into()));
    let cx = Context::of(period.as_ref());
    let mut t = Timescale::new(raw.into(), vec![]);
    read_into(&mut t, &cx);
    let form = |f: sgx_model::SpanForm| serde_json::to_value(f).unwrap().as_str().unwrap().to_string();
    let spans: Vec<String> = t
        .spans
        .iter()
        .map(|s| match (s.start.as_deref(), s.end.as_deref()) {
            (Some(a), Some(b)) if a == b => format!("{} {a}", form(s.form)),
            (a, b) => format!("{} {}..{}", form(s.form), a.unwrap_or(""), b.unwrap_or("")),
        })
        .collect();
    let recurrence = t.recurrence.map(|r| {
        let kind = serde_json::to_value(r.kind).unwrap().as_str().unwrap().to_string();
        match r.times_per_year {
            Some(n) => format!("{kind}({})", (n * 100.0).round() / 100.0),
            None => kind,
        }
    });
    let resolution = serde_json::to_value(t.resolution).unwrap().as_str().unwrap().to_string();
    let resolution = match &t.unread {
        Some(u) => format!("{resolution}[{u}]"),
        None => resolution,
    };
    [
        spans.join(", "),
        recurrence.unwrap_or_default(),
        format!("due {}", t.due.as_deref().unwrap_or("-")),
        resolution,
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ; ")
}

fn check(cases: &[(&str, P, &str)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(raw, period, want)| {
            let got = render(raw, period);
            (got != want).then(|| format!("{raw:?} ({period:?})\n   want {want}\n   got  {got}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} forms differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn months_in_every_spelling() {
    check(&[
        ("June 2019", PLAN1922, "month 2019-06 ; due 2019-06 ; resolved"),
        ("Oct '07", FY0708, "month 2007-10 ; due 2007-10 ; resolved"),
        ("Sept. '07", FY0708, "month 2007-09 ; due 2007-09 ; resolved"),
        ("March '08.", FY0708, "month 2008-03 ; due 2008-03 ; resolved"),
        ("Nov 07", FY0708, "month 2007-11 ; due 2007-11 ; resolved"),
        ("Oct07", FY0708, "month 2007-10 ; due 2007-10 ; resolved"),
        ("May'07", FY0708, "month 2007-05 ; due 2007-05 ; resolved"),
        ("Jun-19", PLAN1922, "month 2019-06 ; due 2019-06 ; resolved"),
        ("Dec, 2014", PLAN1416, "month 2014-12 ; due 2014-12 ; resolved"),
        ("March of 2021", PLAN1922, "month 2021-03 ; due 2021-03 ; resolved"),
        ("SEPTEMBER 2020", PLAN1922, "month 2020-09 ; due 2020-09 ; resolved"),
        ("Febuary 2020", PLAN1922, "month 2020-02 ; due 2020-02 ; resolved"),
        ("Sep 2019", NONE, "month 2019-09 ; due 2019-09 ; resolved"),
        ("03/2020", PLAN1922, "month 2020-03 ; due 2020-03 ; resolved"),
        ("2018-06", NONE, "month 2018-06 ; due 2018-06 ; resolved"),
        ("March", FY0708, "month 2008-03 ; due 2008-03 ; resolved"),
        ("July", FY0708, "month 2007-07 ; due 2007-07 ; resolved"),
    ]);
}

#[test]
fn two_digit_years_take_the_century_of_the_period() {
    check(&[
        ("May '98", Y9899, "month 1998-05 ; due 1998-05 ; resolved"),
        ("May '98", FY0708, "month 1998-05 ; due 1998-05 ; resolved"),
        ("May '98", NONE, "month 1998-05 ; due 1998-05 ; resolved"),
        ("Oct '99", Y0001, "month 1999-10 ; due 1999-10 ; resolved"),
        ("Jan '01", Y9900, "month 2001-01 ; due 2001-01 ; resolved"),
        ("31/3/99", Y9899, "day 1999-03-31 ; due 1999-03-31 ; resolved"),
        // A bare number far from the period is a day, not a year: March 31 of the one year.
        ("March 31", FY1920, "day 2020-03-31 ; due 2020-03-31 ; resolved"),
    ]);
}

#[test]
fn days() {
    check(&[
        ("31 March 2020", PLAN1922, "day 2020-03-31 ; due 2020-03-31 ; resolved"),
        ("31st March 2020", PLAN1922, "day 2020-03-31 ; due 2020-03-31 ; resolved"),
        ("1st of April 2019", PLAN1922, "day 2019-04-01 ; due 2019-04-01 ; resolved"),
        ("30 Sept '21", PLAN1922, "day 2021-09-30 ; due 2021-09-30 ; resolved"),
        ("31/03/2020", PLAN1922, "day 2020-03-31 ; due 2020-03-31 ; resolved"),
        ("31/3/20", PLAN1922, "day 2020-03-31 ; due 2020-03-31 ; resolved"),
        ("31.03.2021", PLAN1922, "day 2021-03-31 ; due 2021-03-31 ; resolved"),
        ("2021-03-31", PLAN1922, "day 2021-03-31 ; due 2021-03-31 ; resolved"),
        ("March 31, 2020", PLAN1922, "day 2020-03-31 ; due 2020-03-31 ; resolved"),
        ("29 Feb 2020", PLAN1922, "day 2020-02-29 ; due 2020-02-29 ; resolved"),
        ("31 March", FY0708, "day 2008-03-31 ; due 2008-03-31 ; resolved"),
    ]);
}

#[test]
fn quarters() {
    check(&[
        ("Q3 2021/22", PLAN2225, "quarter 2021-10..2021-12 ; due 2021-12 ; resolved"),
        ("Q4 2021/22", PLAN2225, "quarter 2022-01..2022-03 ; due 2022-03 ; resolved"),
        ("Q1 2020", PLAN1922, "quarter 2020-01..2020-03 ; due 2020-03 ; resolved"),
        ("Q3", FY0607, "quarter 2006-10..2006-12 ; due 2006-12 ; resolved"),
        ("Qtr 2 2019/20", PLAN1922, "quarter 2019-07..2019-09 ; due 2019-09 ; resolved"),
        ("Quarter 1 2020-21", PLAN1922, "quarter 2020-04..2020-06 ; due 2020-06 ; resolved"),
        ("3rd quarter 2019/20", PLAN1922, "quarter 2019-10..2019-12 ; due 2019-12 ; resolved"),
        ("quarter four", FY0607, "quarter 2007-01..2007-03 ; due 2007-03 ; resolved"),
        ("2021/22 Q3", PLAN2225, "quarter 2021-10..2021-12 ; due 2021-12 ; resolved"),
        ("Q2 - Q3", FY0607, "range 2006-07..2006-12 ; due 2006-12 ; resolved"),
        ("Q3 and Q4", FY0607, "quarter 2006-10..2006-12, quarter 2007-01..2007-03 ; due 2007-03 ; resolved"),
        ("From Q2", FY0607, "from 2006-07.. ; due - ; resolved"),
        ("End of Q4", FY0607, "by ..2007-03 ; due 2007-03 ; resolved"),
        ("Q2 - Q4 2021/22", PLAN2225, "range 2021-07..2022-03 ; due 2022-03 ; resolved"),
    ]);
}

#[test]
fn financial_years_and_years() {
    check(&[
        ("2022/23", PLAN2225, "financial_year 2022-04..2023-03 ; due 2023-03 ; resolved"),
        ("2019-20", PLAN1922, "financial_year 2019-04..2020-03 ; due 2020-03 ; resolved"),
        ("2019/2020", PLAN1922, "financial_year 2019-04..2020-03 ; due 2020-03 ; resolved"),
        ("22/23", PLAN2225, "financial_year 2022-04..2023-03 ; due 2023-03 ; resolved"),
        ("FY 2021/22", PLAN1922, "financial_year 2021-04..2022-03 ; due 2022-03 ; resolved"),
        ("2014-5", PLAN1416, "financial_year 2014-04..2015-03 ; due 2015-03 ; resolved"),
        ("By end of 2022/23", PLAN2225, "by ..2023-03 ; due 2023-03 ; resolved"),
        ("Year 2", PLAN1922, "financial_year 2020-04..2021-03 ; due 2021-03 ; resolved"),
        ("Year three", PLAN1922, "financial_year 2021-04..2022-03 ; due 2022-03 ; resolved"),
        ("2020", PLAN1922, "year 2020 ; due 2020 ; resolved"),
        ("2020 and 2022", PLAN1922, "year 2020, year 2022 ; due 2022 ; resolved"),
        ("2019-2021", PLAN1922, "range 2019..2021 ; due 2021 ; resolved"),
        ("During 2021", PLAN1922, "year 2021 ; due 2021 ; resolved"),
        ("mid-2021", PLAN1922, "year 2021 ; due 2021 ; resolved"),
        ("'07", FY0708, "year 2007 ; due 2007 ; resolved"),
    ]);
}

#[test]
fn ranges() {
    check(&[
        ("April 2019 – March 2020", PLAN1922, "range 2019-04..2020-03 ; due 2020-03 ; resolved"),
        (
            "Sept 09 to March 2011",
            Some((2009, 2011, "2009-11")),
            "range 2009-09..2011-03 ; due 2011-03 ; resolved",
        ),
        ("June–September 2019", PLAN1922, "range 2019-06..2019-09 ; due 2019-09 ; resolved"),
        ("November - February 2020", PLAN1922, "range 2019-11..2020-02 ; due 2020-02 ; resolved"),
        ("From April 2020 to March 2021", PLAN1922, "range 2020-04..2021-03 ; due 2021-03 ; resolved"),
        ("Between May and July 2020", PLAN1922, "range 2020-05..2020-07 ; due 2020-07 ; resolved"),
        ("From June 2019 to September", PLAN1922, "range 2019-06..2019-09 ; due 2019-09 ; resolved"),
        ("Sept 2019 until Dec 2019", PLAN1922, "range 2019-09..2019-12 ; due 2019-12 ; resolved"),
        (
            "1 April 2020 - 31 March 2021",
            PLAN1922,
            "range 2020-04-01..2021-03-31 ; due 2021-03-31 ; resolved",
        ),
        ("2019/20 - 2020/21", PLAN1922, "range 2019-04..2021-03 ; due 2021-03 ; resolved"),
        ("Spring - Summer 2021", PLAN1922, "range 2021-03..2021-08 ; due 2021-08 ; resolved"),
    ]);
}

#[test]
fn open_starts_and_deadlines() {
    check(&[
        ("June 2014 onwards", PLAN1416, "from 2014-06.. ; due - ; resolved"),
        ("From October 2022", PLAN2225, "from 2022-10.. ; due - ; resolved"),
        ("Starting January 2021", PLAN1922, "from 2021-01.. ; due - ; resolved"),
        ("December 2014 and ongoing", PLAN1416, "from 2014-12.. ; ongoing ; due - ; resolved"),
        ("April 2020 - ongoing", PLAN1922, "from 2020-04.. ; ongoing ; due - ; resolved"),
        ("Quarterly from September 2020", PLAN1922, "from 2020-09.. ; quarterly(4) ; due - ; resolved"),
        ("by April 2016", PLAN1416, "by ..2016-04 ; due 2016-04 ; resolved"),
        ("end of March 2020", PLAN1922, "by ..2020-03 ; due 2020-03 ; resolved"),
        ("By March 07", FY0607, "by ..2007-03 ; due 2007-03 ; resolved"),
        ("By the end of June 2021", PLAN1922, "by ..2021-06 ; due 2021-06 ; resolved"),
        ("No later than 30 June 2021", PLAN1922, "by ..2021-06-30 ; due 2021-06-30 ; resolved"),
        ("Before Q4 2021/22", PLAN2225, "by ..2022-03 ; due 2022-03 ; resolved"),
        ("Until August 2020", PLAN1922, "by ..2020-08 ; due 2020-08 ; resolved"),
        ("Deadline: 31/12/2020", PLAN1922, "by ..2020-12-31 ; due 2020-12-31 ; resolved"),
        ("Due Dec 2020", PLAN1922, "by ..2020-12 ; due 2020-12 ; resolved"),
    ]);
}

#[test]
fn several_dates_in_one_cell() {
    check(&[
        ("Nov '07 March '08", FY0708, "month 2007-11, month 2008-03 ; due 2008-03 ; resolved"),
        (
            "November 2009 and March 2010",
            Some((2009, 2010, "2009/10")),
            "month 2009-11, month 2010-03 ; due 2010-03 ; resolved",
        ),
        ("Oct 2019 Feb 2019", PLAN1922, "month 2019-10, month 2019-02 ; due 2019-10 ; resolved"),
        ("June 2019 June 2019", PLAN1922, "month 2019-06 ; due 2019-06 ; resolved"),
        ("Oct 2019 - Feb 2019", PLAN1922, "month 2019-10, month 2019-02 ; due 2019-10 ; resolved"),
        ("May 2008 June 2008", FY0708, "month 2008-05, month 2008-06 ; due 2008-06 ; resolved"),
        ("Sept 2013 and Sept 2014", PLAN1416, "month 2013-09, month 2014-09 ; due 2014-09 ; resolved"),
        (
            "June 2019, Oct 2019, Feb 2020",
            PLAN1922,
            "month 2019-06, month 2019-10, month 2020-02 ; due 2020-02 ; resolved",
        ),
        (
            "31 March 2020 and 2020/21",
            PLAN1922,
            "day 2020-03-31, financial_year 2020-04..2021-03 ; due 2021-03 ; resolved",
        ),
    ]);
}

#[test]
fn seasons_and_terms() {
    check(&[
        ("Spring 2019", PLAN1922, "season 2019-03..2019-05 ; due 2019-05 ; resolved"),
        ("Autumn '21", PLAN1922, "season 2021-09..2021-11 ; due 2021-11 ; resolved"),
        ("Winter 2019/20", PLAN1922, "season 2019-12..2020-02 ; due 2020-02 ; resolved"),
        (
            "During summer 2012",
            Some((2012, 2013, "2012/13")),
            "season 2012-06..2012-08 ; due 2012-08 ; resolved",
        ),
        ("Summer term 2020", PLAN1922, "term 2020-04..2020-07 ; due 2020-07 ; resolved"),
        ("Autumn term 2019/20", PLAN1922, "term 2019-09..2019-12 ; due 2019-12 ; resolved"),
        ("Spring term 2019/20", PLAN1922, "term 2020-01..2020-03 ; due 2020-03 ; resolved"),
        ("Summer", FY0708, "season 2007-06..2007-08 ; due 2007-08 ; resolved"),
        ("Spring term", FY0708, "term 2008-01..2008-03 ; due 2008-03 ; resolved"),
    ]);
}

#[test]
fn recurrences() {
    check(&[
        ("Quarterly", PLAN1922, "quarterly(4) ; due - ; resolved"),
        ("Monthly", PLAN1922, "monthly(12) ; due - ; resolved"),
        ("Three times a year", PLAN1922, "times_a_year(3) ; due - ; resolved"),
        ("3 times per year", PLAN1922, "times_a_year(3) ; due - ; resolved"),
        ("x4 per year", PLAN1922, "times_a_year(4) ; due - ; resolved"),
        ("Twice yearly", PLAN2225, "half_yearly(2) ; due - ; resolved"),
        ("Six-monthly", PLAN1922, "half_yearly(2) ; due - ; resolved"),
        ("Bi-annually", PLAN1922, "half_yearly(2) ; due - ; resolved"),
        ("Annually", PLAN1922, "annual(1) ; due - ; resolved"),
        ("Termly", PLAN1922, "termly(3) ; due - ; resolved"),
        ("Bi-monthly", PLAN1922, "bi_monthly(6) ; due - ; resolved"),
        ("Every other month", PLAN1922, "bi_monthly(6) ; due - ; resolved"),
        ("3-monthly", PLAN1922, "quarterly(4) ; due - ; resolved"),
        ("Every six weeks", PLAN1922, "times_a_year(8.67) ; due - ; resolved"),
        ("Every 2 years", PLAN1922, "biennial(0.5) ; due - ; resolved"),
        ("Fortnightly", PLAN1922, "fortnightly(26) ; due - ; resolved"),
        ("Weekly", PLAN1922, "weekly(52) ; due - ; resolved"),
        ("Ongoing", PLAN1922, "ongoing ; due - ; resolved"),
        ("On-going", PLAN1922, "ongoing ; due - ; resolved"),
        ("At each Board meeting", PLAN1922, "each_meeting ; due - ; resolved"),
        ("As and when required", PLAN1922, "as_needed ; due - ; resolved"),
        ("Ad hoc", PLAN1922, "as_needed ; due - ; resolved"),
        ("Regularly", PLAN1922, "regular ; due - ; resolved"),
        ("Annual March '08", FY0708, "month 2008-03 ; annual(1) ; due 2008-03 ; resolved"),
        ("Monthly – Ongoing March '08", FY0708, "month 2008-03 ; monthly(12) ; due 2008-03 ; resolved"),
        ("Quarterly reports to the Board", PLAN1922, "quarterly(4) ; due - ; partial[reports Board]"),
    ]);
}

#[test]
fn edge_cases() {
    check(&[
        ("", PLAN1922, "due - ; unresolved"),
        ("   ", PLAN1922, "due - ; unresolved"),
        ("TBC", PLAN1922, "due - ; to_be_confirmed"),
        ("To be agreed", PLAN1922, "due - ; to_be_confirmed"),
        ("t.b.c.", PLAN1922, "due - ; to_be_confirmed"),
        ("April 2020 (TBC)", PLAN1922, "month 2020-04 ; due 2020-04 ; resolved"),
        ("Completed", PLAN1922, "due - ; unresolved"),
        ("xyz 123", PLAN1922, "due - ; unresolved"),
        ("Within 6 months", PLAN1922, "due - ; unresolved"),
        // Impossible dates are read as nothing, never as another date.
        ("31/02/2020", PLAN1922, "due - ; unresolved"),
        ("30 February 2021", PLAN1922, "due - ; unresolved"),
        ("13/2020", PLAN1922, "due - ; unresolved"),
        ("Q5 2021/22", PLAN2225, "due - ; unresolved"),
        ("Year 2", NONE, "due - ; unresolved"),
        // A typo or a truncated month: the year is read, the rest flagged.
        ("Peb 2020", PLAN1922, "year 2020 ; due 2020 ; partial[Peb]"),
        ("A '07", FY0708, "year 2007 ; due 2007 ; partial[A]"),
        // Points without a year in a plan of several years cannot be placed.
        ("March", PLAN1922, "due - ; unresolved"),
        ("Q3", PLAN1922, "due - ; unresolved"),
        ("Spring", FY0708, "due - ; unresolved"),
        // "may" in lower case is the verb.
        ("may be delayed", FY0708, "due - ; unresolved"),
        ("Sept 99", PLAN1922, "due - ; unresolved"),
        ("June 2019 xyz", PLAN1922, "month 2019-06 ; due 2019-06 ; partial[xyz]"),
    ]);
}

#[test]
fn the_reading_keeps_the_raw_text_and_the_words_of_each_span() {
    let cx = Context::default();
    let mut t =
        Timescale::new("Quarterly from September 2020, by end of March 2021".into(), vec!["x".into()]);
    read_into(&mut t, &cx);
    assert_eq!(t.raw, "Quarterly from September 2020, by end of March 2021");
    assert_eq!(t.dates, vec!["x"], "the recogniser's dates stay as they were");
    let texts: Vec<&str> = t.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, vec!["from September 2020", "by end of March 2021"]);
    assert_eq!(t.due.as_deref(), Some("2021-03"));
}

#[test]
fn hostile_text_reads_as_nothing_without_panicking() {
    check(&[
        ("'", PLAN1922, "due - ; unresolved"),
        ("/ - – — &", PLAN1922, "due - ; unresolved"),
        ("Q", PLAN1922, "due - ; unresolved"),
        ("Year", PLAN1922, "due - ; unresolved"),
        ("31st", PLAN1922, "due - ; unresolved"),
        ("0/0/0000", PLAN1922, "due - ; unresolved"),
        ("31/03/9999", PLAN1922, "due - ; unresolved"),
        ("99999999999 2020", PLAN1922, "year 2020 ; due 2020 ; partial[99999999999]"),
        ("２０２０年３月", PLAN1922, "due - ; unresolved"),
        ("Märch 2020", PLAN1922, "year 2020 ; due 2020 ; partial[Märch]"),
        // A control character is punctuation.
        ("March 2020\u{0}", PLAN1922, "month 2020-03 ; due 2020-03 ; resolved"),
        ("every", PLAN1922, "due - ; unresolved"),
        ("every 0 weeks", PLAN1922, "due - ; unresolved"),
        ("0 times a year", PLAN1922, "due - ; unresolved"),
    ]);
}

#[test]
fn long_text_reads_in_one_pass() {
    let raw = "June 2019 ".repeat(2_000);
    let mut t = Timescale::new(raw, vec![]);
    read_into(&mut t, &Context::default());
    assert_eq!(t.spans.len(), 1);
}
