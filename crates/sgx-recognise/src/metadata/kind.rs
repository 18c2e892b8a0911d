//! The kind of document: annual report, business plan, workplan, strategy, or other.
//!
//! **Sources, strongest first.**
//! 1. Papers *about* a document are `other` whatever they name: committee papers and minutes
//!    ("Agenda item", "Minutes:", "Meeting: 17/10/2017 - Cabinet", "Purpose of report"), news
//!    items (a headline saying a report was published or launched, a bare date line). Web
//!    page furniture alone says nothing: reports are published as web pages too.
//! 2. The first kind phrase in a title-like block of the title region (a heading, or a short
//!    line that does not read as a sentence).
//! 3. "This <kind>" in the opening prose.
//!
//! **Vocabulary.** Kind phrases under the names real documents use ("Annual Review", "yearly
//! report" → annual report; "Business Improvement Plan", "Annual Business Plan" → business
//! plan; "Work Programme", "Action Plan" → workplan; "Business Strategy", "Strategic Plan" →
//! strategy); the cue lines of committee papers, news items and web pages.
//!
//! **Known limits.** A web page that states a plan's content without any page furniture or
//! news cue reads as the plan.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_model::DocumentKind;

/// How many leading blocks may carry the cue of a paper about a document.
pub const ABOUT_CUE_BLOCKS: usize = 6;

/// A title-region line of at most this many words may be the title.
pub const TITLE_LINE_WORDS: usize = 15;

/// Kind phrases, the more specific first (an "annual business plan" is a business plan).
static KIND_PHRASES: LazyLock<Vec<(DocumentKind, Regex)>> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(&format!(r"(?i)\b(?:{p})\b")).unwrap();
    vec![
        (
            DocumentKind::BusinessPlan,
            r(r"(?:annual\s+)?business\s+(?:improvement\s+|development\s+)?plan|delivery\s+plan"),
        ),
        (
            DocumentKind::AnnualReport,
            r(r"annual\s+report|annual\s+review|yearly\s+report|year\s+in\s+review"),
        ),
        (DocumentKind::Workplan, r(r"work\s*plan|work\s+programme|action\s+plan")),
        (DocumentKind::Strategy, r(r"strategy|strategic\s+plan")),
    ]
});

/// "This annual report", "we are pleased to present the annual report" in the opening prose.
static THIS_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:this|(?:present|introduc|publish)[a-z]*\s+(?:the|this|our))\s+",
        r"(?:(?:19|20)\d{2}\s*[-/–]\s*\d{2,4}\s+)?",
        r"(annual\s+report|business\s+plan|work\s*plan|strategy|delivery\s+plan)\b",
    ))
    .unwrap()
});

/// Lines that open committee papers and minutes, news items and web pages.
static ABOUT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*(?:",
        // Committee papers and minutes.
        r"agenda\s+item\b.*|minutes\s*:?|issue\s*-\s*meetings|meeting\s*:.*|purpose\s+of\s+(?:the\s+)?report\b.*",
        r"|report\s+(?:of|by|from)\s+the\s+(?:director|chief|head|executive|corporate)\b.*",
        r"|resolved\s*:?.*",
        // News items: a bare day-and-month line ("Nov 18") or a posting line.
        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?",
        r"|posted\s+(?:on|by)\b.*",
        r")\s*$",
    ))
    .unwrap()
});

/// A headline announcing a document: "Annual Report published", "New strategy launched".
static NEWS_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:report|plan|strategy|review)\s+(?:is\s+|has\s+been\s+)?(?:published|launched|released|now\s+available)\s*$")
        .unwrap()
});

/// Whether the opening blocks mark a paper about a document rather than the document.
pub fn is_about_a_document(texts: &[String]) -> bool {
    texts
        .iter()
        .take(ABOUT_CUE_BLOCKS)
        .any(|t| t.lines().any(|line| ABOUT_CUE.is_match(line) || NEWS_HEADLINE.is_match(line.trim())))
}

/// The kind a phrase in `text` names, with the phrase's byte offset.
pub fn kind_phrase(text: &str) -> Option<(usize, DocumentKind)> {
    KIND_PHRASES
        .iter()
        .filter_map(|(kind, re)| re.find(text).map(|m| (m.start(), *kind)))
        .min_by_key(|(start, _)| *start)
}

/// A line that can be a title: short, and not a sentence (which ends in a full stop).
pub fn reads_as_title(text: &str) -> bool {
    let trimmed = text.trim();
    // A full stop ends a sentence; an ellipsis ("Plan 2021 - Leicester ...") cuts a title.
    let sentence = trimmed.ends_with('.') && !trimmed.ends_with("..");
    trimmed.split_whitespace().count() <= TITLE_LINE_WORDS && !sentence
}

/// The kind named by "this <kind>" in `text`.
pub fn this_kind(text: &str) -> Option<DocumentKind> {
    THIS_KIND.find(text).and_then(|m| kind_phrase(m.as_str())).map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<DocumentKind> {
        kind_phrase(s).map(|(_, k)| k)
    }

    #[test]
    fn kinds_under_the_names_documents_use() {
        assert_eq!(kind("Business Improvement Plan 2017-19"), Some(DocumentKind::BusinessPlan));
        assert_eq!(kind("ANNUAL BUSINESS PLAN 2016/17"), Some(DocumentKind::BusinessPlan));
        assert_eq!(kind("Annual Review 2014/15"), Some(DocumentKind::AnnualReport));
        assert_eq!(kind("Our yearly report"), Some(DocumentKind::AnnualReport));
        assert_eq!(kind("Work Programme 2008"), Some(DocumentKind::Workplan));
        assert_eq!(kind("Business Strategy 2018-2020"), Some(DocumentKind::Strategy));
        assert_eq!(kind("Strategic Plan"), Some(DocumentKind::Strategy));
        // The earliest phrase decides: a report that includes an action plan is a report.
        assert_eq!(kind("Annual Report 2008/09 including Action Plan"), Some(DocumentKind::AnnualReport));
    }

    #[test]
    fn papers_about_a_document() {
        let texts = |s: &str| s.split("\n\n").map(str::to_string).collect::<Vec<_>>();
        assert!(is_about_a_document(&texts("Agenda item\n\nAnnual Report of the Board")));
        assert!(is_about_a_document(&texts("Issue - meetings\n\nThe Board's Annual Report")));
        assert!(is_about_a_document(&texts("Mar 21\n\nPartnership news")));
        assert!(is_about_a_document(&texts("Annual Report Published\n\nThis is the first report")));
        assert!(!is_about_a_document(&texts("Annual Report 2019/20\n\nForeword\n\nMarch 2020 was busy")));
        assert!(!is_about_a_document(&texts("Business Plan\n\nPublished: August 2013")));
        assert!(!is_about_a_document(&texts("Annual Report\n\nMarch 2021")));
    }

    #[test]
    fn the_document_naming_itself() {
        assert_eq!(this_kind("This annual report covers"), Some(DocumentKind::AnnualReport));
        assert_eq!(
            this_kind("We are pleased to present the annual report of"),
            Some(DocumentKind::AnnualReport)
        );
        assert_eq!(this_kind("introducing our 2021-24 strategy"), Some(DocumentKind::Strategy));
        assert_eq!(this_kind("to deliver the aims of the business plan"), None);
    }

    #[test]
    fn sentences_are_not_titles() {
        assert!(reads_as_title("Business Strategy 2018-2020"));
        assert!(!reads_as_title("The Board's Business Strategy is available here."));
    }
}
