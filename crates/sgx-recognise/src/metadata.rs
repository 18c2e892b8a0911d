//! Metadata: the partnership that published the document (name and acronym), the kind of
//! document and the period it covers.
//!
//! **Sources, strongest first.** The name: the genre's pattern "<place> [Local] Safeguarding
//! Children Board/Partnership" (and its variants) in the title region (the first
//! [`FRONT_BLOCKS`] blocks, read as one text), then anywhere, the form that recurs winning.
//! The acronym: "Name (ACR)" where defined, else the name's initials where the text uses
//! them. The kind: the first kind phrase in a title-like block of the title region, else
//! "this <kind>" in the opening prose. The period: the first year range from the title on.
//!
//! **Vocabulary.** Kind phrases ("Business Plan", "Workplan", "Annual Report", "Strategy");
//! words that open a capitalised run but are no place ("Welcome to", "Annual").
//!
//! **Known limits.** Reads no upstream facts. A partnership named only by its acronym, or a
//! period printed without a range ("for the year ending March 2023"), is not found.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_model::{DocumentInfo, DocumentKind, Partnership, Period};

use crate::found::{Found, Upstream};
use crate::util::{clean, evidence, Context, Cued};

#[derive(Debug)]
pub struct Metadata {
    pub partnership: Partnership,
    pub document: DocumentInfo,
}

impl Metadata {
    /// Nothing known: an unnamed partnership and a document of no known kind.
    pub fn none() -> Metadata {
        let document = DocumentInfo { kind: DocumentKind::Other, title: None, period: None, evidence: None };
        Metadata { partnership: Partnership::default(), document }
    }
}

/// How many leading blocks count as the title region.
const FRONT_BLOCKS: usize = 12;

/// A title-region line of at most this many words may be the title.
const TITLE_LINE_WORDS: usize = 15;

/// A longer title is a paragraph that happened to name the kind of document.
const MAX_TITLE_BYTES: usize = 200;

static NAME: Cued = Cued::new(&["safeguarding"], || {
    Regex::new(
        r"(?x)
        ((?:[A-Z][A-Za-z'’.\-]+\s+(?:(?:and|&|upon|on|in|of)\s+)?){1,5}?)
        (?i:
            (?:local\s+)?safeguarding\s+children(?:'s|’s)?(?:\s+and\s+young\s+people(?:'s|’s)?)?\s+(?:partnership|board)
          | children(?:'s|’s)?\s+safeguarding\s+(?:partnership|board)
          | safeguarding\s+partnership(?:\s+for\s+children(?:\s+and\s+young\s+people)?)?
        )\b",
    )
    .unwrap()
});

/// Words that can open a capitalised run but are not part of a place name.
const NOT_PLACE: &[&str] = &[
    "the",
    "this",
    "our",
    "welcome",
    "to",
    "annual",
    "report",
    "business",
    "plan",
    "workplan",
    "strategy",
    "of",
    "in",
    "for",
    "contents",
    "foreword",
    "a",
    "an",
    "and",
    "by",
    "from",
    "with",
    "new",
    "current",
    "joint",
    "chair",
    "chairs",
    "independent",
    "all",
    "each",
    "as",
    "at",
    "on",
    "is",
    "are",
    "members",
    "member",
    "partners",
    "statutory",
    "section",
    "appendix",
    "introduction",
    "members'",
    "about",
    "work",
    "working",
];

static KIND: LazyLock<Vec<(DocumentKind, Regex)>> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(&format!(r"(?i)\b(?:{p})\b")).unwrap();
    vec![
        (DocumentKind::AnnualReport, r(r"annual\s+report|annual\s+review|year\s+in\s+review")),
        (DocumentKind::BusinessPlan, r(r"business\s+plan|delivery\s+plan")),
        (DocumentKind::Workplan, r(r"work\s*plan|work\s+programme|action\s+plan|work\s+programme")),
        (DocumentKind::Strategy, r(r"strategy|strategic\s+plan")),
    ]
});

static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // The first year and the word or dash after it.
        r"(?i)\b((?:19|20)\d{2})\s*(?:[-–—/]|\bto\b|\buntil\b)\s*",
        // An optional "31st March" before the second year.
        r"(?:[a-z]+\.?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[a-z]+\s+)?",
        r"((?:19|20)\d{2}|\d{2})\b",
    ))
    .unwrap()
});
static THIS_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bth(is|e)\s+(annual\s+report|business\s+plan|work\s*plan|strategy|delivery\s+plan)\b")
        .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b((?:19|20)\d{2})\b").unwrap());

pub(crate) fn recognise(ctx: &Context, _upstream: &Upstream) -> Found<Metadata> {
    let partnership = partnership(ctx);
    let document = document_info(ctx);
    Found::new(Metadata { partnership, document })
}

/// Block texts with line breaks flattened.
fn block_texts(ctx: &Context) -> Vec<String> {
    ctx.doc.blocks.iter().map(|b| sgx_ir::normalize_ws(&b.plain_text())).collect()
}

fn title_case(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase())
        && !s.split_whitespace().any(|w| w.len() > 3 && w.chars().all(|c| !c.is_lowercase()))
    {
        return s.to_string();
    }
    s.split_whitespace()
        .map(|w| {
            if matches!(w.to_lowercase().as_str(), "and" | "of" | "upon" | "on" | "in") {
                return w.to_lowercase();
            }
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Candidate names with their score; the front of the document counts more.
fn partnership(ctx: &Context) -> Partnership {
    let texts = block_texts(ctx);
    // The title region is read as one text so a name broken over blocks still reads whole.
    let front: String = texts.iter().take(FRONT_BLOCKS).cloned().collect::<Vec<_>>().join(" ");
    let mut scores: HashMap<String, (f32, String, usize)> = HashMap::new();
    let mut add = |text: &str, block: usize, weight: f32| {
        for c in NAME.captures_iter(text) {
            let full = c.get(0).unwrap().as_str();
            let place = c.get(1).unwrap().as_str();
            let kept: Vec<&str> = place
                .split_whitespace()
                .skip_while(|w| NOT_PLACE.contains(&w.to_lowercase().as_str()))
                .collect();
            if kept.is_empty() {
                continue;
            }
            let body = &full[place.len()..];
            let name = title_case(&sgx_ir::normalize_ws(&format!("{} {}", kept.join(" "), body)));
            let e = scores.entry(name.to_lowercase()).or_insert((0.0, name.clone(), block));
            e.0 += weight;
            // Prefer the spelling with lower-case letters (not an all-caps running title).
            if e.1.chars().all(|c| !c.is_lowercase()) {
                e.1 = name;
            }
        }
    };
    add(&front, 0, 3.0);
    for (i, t) in texts.iter().enumerate() {
        add(t, i, 1.0);
    }
    let Some((_, (_, name, _))) =
        scores.iter().max_by(|a, b| a.1 .0.total_cmp(&b.1 .0).then(b.1 .2.cmp(&a.1 .2)))
    else {
        return Partnership::default();
    };
    let name = name.clone();
    let block = texts.iter().position(|t| t.to_lowercase().contains(&name.to_lowercase())).unwrap_or(0);
    let all = texts.join("\n");
    let acronym = acronym(&name, &all);
    Partnership {
        name: Some(name),
        acronym,
        evidence: ctx.doc.blocks.get(block).map(|b| evidence(block, &b.prov)),
    }
}

/// The acronym the document uses for `name`: "Name (ACR)" where it is defined, else the
/// initials of the name where the text uses them.
fn acronym(name: &str, text: &str) -> Option<String> {
    let defined = Regex::new(&format!(
        r"(?i){}\s*\(([A-Za-z&]{{2,10}})\)",
        regex_lite::escape(name).replace(r"\ ", r"\s+")
    ))
    .ok()?;
    if let Some(c) = defined.captures(text) {
        return Some(c[1].to_string());
    }
    let initials: String = name
        .split_whitespace()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "and" | "&" | "of" | "upon" | "on" | "in"))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let used = Regex::new(&format!(r"\b{}\b", regex_lite::escape(&initials))).ok()?;
    (initials.len() >= 3 && used.find_iter(text).count() >= 2).then_some(initials)
}

fn document_info(ctx: &Context) -> DocumentInfo {
    let texts = block_texts(ctx);
    // The earliest kind phrase in a title-like block (a heading or a short line) of the
    // title region decides the kind; failing that, "this <kind>" in the opening prose.
    let title_like = |i: usize, t: &str| {
        ctx.doc.blocks[i].as_heading().is_some() || t.split_whitespace().count() <= TITLE_LINE_WORDS
    };
    let find = |pred: &dyn Fn(usize, &str) -> bool, limit: usize| -> Option<(usize, DocumentKind)> {
        let mut best: Option<(usize, usize, DocumentKind)> = None;
        for (i, t) in texts.iter().enumerate().take(limit) {
            if !pred(i, t) {
                continue;
            }
            for (kind, re) in KIND.iter() {
                if let Some(m) = re.find(t) {
                    if best.is_none_or(|(b, o, _)| (i, m.start()) < (b, o)) {
                        best = Some((i, m.start(), *kind));
                    }
                }
            }
        }
        best.map(|(b, _, k)| (b, k))
    };
    let best = find(&title_like, FRONT_BLOCKS).or_else(|| find(&|_, t: &str| THIS_KIND.is_match(t), 4));
    let (kind, title_block) = match best {
        Some((b, k)) => (k, Some(b)),
        None => (DocumentKind::Other, None),
    };
    // The period: the first year range from the title block on, else in the front region.
    let from = title_block.unwrap_or(0);
    let period = texts
        .iter()
        .enumerate()
        .skip(from)
        .take(4)
        .chain(texts.iter().enumerate().take(FRONT_BLOCKS))
        .find_map(|(i, t)| year_range(t).map(|p| (i, p)))
        .or_else(|| {
            texts.iter().enumerate().skip(from).take(3).find_map(|(i, t)| {
                YEAR.captures(t)
                    .and_then(|c| c[1].parse().ok())
                    .map(|y: i32| (i, Period { start_year: y, end_year: y, raw: y.to_string() }))
            })
        });
    let ev_block = title_block.or(period.as_ref().map(|p| p.0));
    DocumentInfo {
        kind,
        title: title_block.map(|b| clean(&texts[b])).filter(|t| t.len() <= MAX_TITLE_BYTES),
        period: period.map(|p| p.1),
        evidence: ev_block.and_then(|b| ctx.doc.blocks.get(b).map(|bl| evidence(b, &bl.prov))),
    }
}

/// "2019-22", "2007 / 2008", "April 2022 to March 2023", "2014 – 2016", "2020/21".
pub fn year_range(t: &str) -> Option<Period> {
    for c in YEAR_RANGE.captures_iter(t) {
        let start: i32 = c[1].parse().ok()?;
        let end_raw = &c[2];
        let end: i32 = if end_raw.len() == 2 {
            (start / 100) * 100 + end_raw.parse::<i32>().ok()?
        } else {
            end_raw.parse().ok()?
        };
        if end > start && end - start <= 10 {
            return Some(Period { start_year: start, end_year: end, raw: c[0].to_string() });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Metadata {
        let doc = sgx_read::read(text.as_bytes(), "t.md").unwrap();
        recognise(&Context::new(&doc), &Upstream::default()).facts
    }

    #[test]
    fn periods_in_the_genre_forms() {
        let years = |s: &str| year_range(s).map(|p| (p.start_year, p.end_year));
        assert_eq!(years("Business Plan 2019-22"), Some((2019, 2022)));
        assert_eq!(years("WORKPLAN 2007 / 2008"), Some((2007, 2008)));
        assert_eq!(years("April 2022 to March 2023"), Some((2022, 2023)));
        assert_eq!(years("1st April 2021 to 31st March 2022"), Some((2021, 2022)));
        assert_eq!(years("Plan 2014 – 2016"), Some((2014, 2016)));
        assert_eq!(years("since 2012, and 1999"), None);
    }

    #[test]
    fn name_acronym_kind_and_period_from_the_title() {
        let m = meta(
            "WESTBROOK\nSAFEGUARDING CHILDREN BOARD\n\nAnnual Report 2010 - 2011\n\n\
             The Westbrook Safeguarding Children Board (WSCB) met four times.\n\nThe WSCB agreed a business plan.\n",
        );
        assert_eq!(m.partnership.name.as_deref(), Some("Westbrook Safeguarding Children Board"));
        assert_eq!(m.partnership.acronym.as_deref(), Some("WSCB"));
        assert_eq!(m.document.kind, DocumentKind::AnnualReport);
        let p = m.document.period.unwrap();
        assert_eq!((p.start_year, p.end_year), (2010, 2011));
    }

    #[test]
    fn no_acronym_when_the_document_uses_none() {
        let m =
            meta("# Upper Dale and Fenwick Safeguarding Children Partnership Strategy 2021-2024\n\nText.\n");
        assert_eq!(
            m.partnership.name.as_deref(),
            Some("Upper Dale and Fenwick Safeguarding Children Partnership")
        );
        assert_eq!(m.partnership.acronym, None);
        assert_eq!(m.document.kind, DocumentKind::Strategy);
    }
}
