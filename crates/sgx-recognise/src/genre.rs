//! How sure sgx is that a document is of the genre: a safeguarding children partnership's (or
//! board's) own plan, report, strategy or page. A job over a crawl, where most files are not
//! plans at all, keeps documents scoring at least [`GENRE_THRESHOLD`] and drops the rest.
//!
//! The score is a sum of transparent signals, each kept with its weight so a reader can see why
//! a document scored as it did: the facts the other recognisers found (a publishing
//! partnership, a kind of the genre, priorities, action rows or bodies), the genre's
//! vocabulary in the text (statutory terms, practice, harms), and one signal against: a
//! document that opens as an inspectorate's report on the area (its masthead names the
//! inspection, its dates and lead inspector) is about the partnership, not by it.

use memchr::memmem::Finder;
use sgx_model::{DocumentKind, Genre};
use std::sync::OnceLock;

use crate::found::{Found, Upstream};
use crate::util::{ascii_words, Context};

/// The score at and above which a document is taken to be of the genre.
pub const GENRE_THRESHOLD: f64 = 0.5;

/// How much of the text is read for vocabulary: the genre says what it is early on, and a
/// bound keeps long documents cheap.
const VOCABULARY_SPAN: usize = 30_000;
/// How much of the opening is read for an inspection report's masthead.
const MASTHEAD_SPAN: usize = 600;

// Weights in hundredths of the score.
const PUBLISHER: i32 = 30;
const NAMES_A_BODY: i32 = 15;
const PER_TERM: i32 = 6;
const MAX_TERMS: usize = 8;
const KIND: i32 = 10;
const PRIORITIES: i32 = 10;
const ROWS_OR_BODIES: i32 = 10;
const INSPECTION: i32 = -60;

/// The genre's vocabulary, lower case: statutory terms and roles, the partnership's machinery,
/// practice, and the harms its plans name. Terms, not sentences: each counts once.
const VOCABULARY: &[&str] = &[
    "safeguarding children",
    "safeguarding partners",
    "statutory partners",
    "relevant agencies",
    "safeguarding arrangements",
    "working together",
    "children and social work act",
    "section 11",
    "independent chair",
    "scrutineer",
    "scrutiny",
    "scrutinise",
    "terms of reference",
    "business manager",
    "board members",
    "partner agencies",
    "sub-group",
    "subgroup",
    "sub group",
    "business plan",
    "annual report",
    "priorities",
    "serious case review",
    "practice review",
    "rapid review",
    "child death",
    "learning and improvement",
    "quality assurance",
    "multi-agency",
    "multi agency",
    "child protection",
    "children in need",
    "looked after",
    "social care",
    "early help",
    "threshold",
    "voice of the child",
    "designated nurse",
    "designated doctor",
    "lado",
    "allegations against",
    "safer recruitment",
    "private fostering",
    "neglect",
    "exploitation",
    "child sexual",
    "harmful sexual",
    "county lines",
    "missing from",
    "domestic abuse",
    "female genital",
    "radicalisation",
    "mental health",
    "self-harm",
    "vulnerable children",
    "elective home",
    "safeguarding adults",
];

/// Names of the genre's bodies in running text, lower case (the publisher aside).
const BODY_NAMES: &[&str] = &[
    "safeguarding children board",
    "safeguarding children partnership",
    "safeguarding children's board",
    "safeguarding children\u{2019}s board",
    "safeguarding children's partnership",
    "safeguarding children\u{2019}s partnership",
    "safeguarding partnership",
];
/// The genre's acronyms for its bodies, as whole words.
const BODY_ACRONYMS: &[&str] = &["lscb", "scb", "scp"];

/// An inspection report's masthead, lower case.
const MASTHEAD: &[&str] = &[
    "inspection of ",
    "inspection date",
    "lead inspector",
    "re-inspection",
    "joint targeted area inspection",
    "review of the effectiveness of the local safeguarding",
];

fn finders(words: &'static [&'static str]) -> Vec<Finder<'static>> {
    words.iter().map(|w| Finder::new(w.as_bytes())).collect()
}

fn vocabulary() -> &'static [Finder<'static>] {
    static F: OnceLock<Vec<Finder<'static>>> = OnceLock::new();
    F.get_or_init(|| finders(VOCABULARY))
}

fn body_names() -> &'static [Finder<'static>] {
    static F: OnceLock<Vec<Finder<'static>>> = OnceLock::new();
    F.get_or_init(|| finders(BODY_NAMES))
}

fn masthead() -> &'static [Finder<'static>] {
    static F: OnceLock<Vec<Finder<'static>>> = OnceLock::new();
    F.get_or_init(|| finders(MASTHEAD))
}

/// The genre score of the document, from its text and the facts found before.
pub(crate) fn recognise(ctx: &Context, up: &Upstream) -> Found<Genre> {
    let opening = lower_opening(ctx, VOCABULARY_SPAN);
    let mut signals: Vec<(i32, String)> = Vec::new();

    if up.partnership().name.is_some() {
        signals.push((PUBLISHER, "a publishing partnership is named".into()));
    } else if let Some(name) = names_a_body(&opening) {
        signals.push((NAMES_A_BODY, format!("the text names a partnership or board ('{name}')")));
    }
    let terms: Vec<&str> = VOCABULARY
        .iter()
        .zip(vocabulary())
        .filter(|(_, f)| f.find(opening.as_bytes()).is_some())
        .map(|(w, _)| *w)
        .collect();
    if !terms.is_empty() {
        let counted = terms.len().min(MAX_TERMS);
        let shown: Vec<&str> = terms.iter().take(MAX_TERMS).copied().collect();
        signals.push((
            PER_TERM * counted as i32,
            format!("{} terms of the genre's vocabulary ({})", terms.len(), shown.join(", ")),
        ));
    }
    let kind = up.metadata.as_ref().map_or(DocumentKind::Other, |m| m.document.kind);
    if kind != DocumentKind::Other {
        signals.push((KIND, "a kind of the genre (plan, workplan, report, strategy)".into()));
    }
    if up.priorities.len() >= 2 {
        signals.push((PRIORITIES, format!("{} priorities found", up.priorities.len())));
    }
    if !up.actions.actions.is_empty() || up.bodies.len() >= 2 {
        signals.push((ROWS_OR_BODIES, "action rows or governance bodies found".into()));
    }
    let head = &opening[..floor_boundary(&opening, MASTHEAD_SPAN)];
    if let Some(k) = masthead().iter().position(|f| f.find(head.as_bytes()).is_some()) {
        signals.push((INSPECTION, format!("opens as an inspection report ('{}')", MASTHEAD[k].trim())));
    }

    let points: i32 = signals.iter().map(|(w, _)| w).sum();
    let score = f64::from(points.clamp(0, 100)) / 100.0;
    signals.sort_by_key(|(w, _)| -w.abs());
    let signals = signals.into_iter().map(|(w, s)| format!("{s} {:+.2}", f64::from(w) / 100.0)).collect();
    Found::new(Genre { score, signals })
}

/// The first `span` bytes (about) of the document's text, ASCII-lower-cased.
fn lower_opening(ctx: &Context, span: usize) -> String {
    let mut out = String::with_capacity(span + 256);
    for (_, block) in ctx.blocks() {
        if out.len() >= span {
            break;
        }
        out.push_str(&block.plain_text());
        out.push('\n');
    }
    out.truncate(floor_boundary(&out, span));
    out.make_ascii_lowercase();
    out
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A name of one of the genre's bodies in `text` (lower case), or one of their acronyms.
fn names_a_body(text: &str) -> Option<&'static str> {
    if let Some(k) = body_names().iter().position(|f| f.find(text.as_bytes()).is_some()) {
        return Some(BODY_NAMES[k]);
    }
    ascii_words(text).find_map(|(_, w)| BODY_ACRONYMS.iter().find(|a| **a == w).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn genre_of(text: &str) -> Genre {
        let doc = sgx_read::read_as(text.as_bytes(), "t.txt", sgx_model::Format::Text).unwrap();
        crate::recognise(&doc).document.genre
    }

    #[test]
    fn a_partnership_plan_scores_high_with_its_reasons() {
        let g = genre_of(
            "Elderwick Safeguarding Children Partnership\nBusiness Plan 2022-2025\n\n\
             Our priorities are:\n1. Neglect\n2. Child exploitation, including county lines\n\
             3. Early help and the threshold for social care\n\n\
             The three safeguarding partners and relevant agencies meet as the Executive. The \
             Independent Scrutineer reports annually. Our subgroups are the Learning and \
             Improvement Subgroup and the Quality Assurance Subgroup.\n",
        );
        assert!(g.score >= 0.9, "{g:?}");
        assert!(g.signals.contains(&"a publishing partnership is named +0.30".to_string()), "{g:?}");
        assert!(g.signals[0].ends_with("+0.48"), "strongest first: {g:?}");
        assert!(
            g.signals.iter().any(|s| s.contains("terms of the genre's vocabulary") && s.ends_with("+0.48")),
            "{g:?}"
        );
    }

    #[test]
    fn an_inspection_report_on_the_area_scores_low() {
        let g = genre_of(
            "Inspection of Elderwick local authority children's services\n\
             Inspection dates: 3 to 14 March 2025\nLead inspector: A. Person, His Majesty's Inspector\n\n\
             The Elderwick Safeguarding Children Partnership has strengthened multi-agency \
             arrangements; early help, neglect and exploitation are well understood and the \
             threshold for social care is applied consistently. Child protection plans...\n",
        );
        assert!(g.score < GENRE_THRESHOLD, "{g:?}");
        assert!(
            g.signals.iter().any(|s| s.starts_with("opens as an inspection report") && s.ends_with("-0.60")),
            "{g:?}"
        );
    }

    #[test]
    fn an_unrelated_document_scores_zero() {
        let g = genre_of(
            "Quarterly results\n\nRevenue rose by 4% on the quarter. The board of directors \
             approved the dividend. Our priorities are growth and margin.\n",
        );
        assert!(g.score < 0.2, "{g:?}");
        assert!(g.signals.iter().all(|s| !s.contains("partnership")), "{g:?}");
    }

    #[test]
    fn a_page_about_the_partnership_without_a_recognised_publisher_still_counts() {
        // A council web page: no title naming the publisher, the acronym only, the genre's
        // vocabulary throughout.
        let g = genre_of(
            "Keeping children safe\n\nThe LSCB coordinates what partner agencies do to \
             safeguard children. Its annual report sets out the work on neglect, child sexual \
             exploitation and domestic abuse, the serious case reviews it commissioned and its \
             multi-agency training. Concerns go to the LADO; early help is offered first.\n",
        );
        assert!(g.score >= GENRE_THRESHOLD, "{g:?}");
        assert!(g.signals.iter().any(|s| s.contains("('lscb')")), "{g:?}");
    }

    #[test]
    fn acronyms_count_only_as_words() {
        assert_eq!(names_a_body("the scb met"), Some("scb"));
        assert_eq!(names_a_body("lscbs and scaffolding"), None);
    }
}
