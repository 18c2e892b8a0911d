//! What words mean in a body's name: head words, stop words, connectors, role words, and the
//! names that are generic, outside the partnership or not bodies at all.

use std::sync::LazyLock;

use regex_lite::Regex;

use crate::vocab::{number_word, PERSON_ROLES};

/// The word a body's name ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Head {
    Board,
    /// Group, subgroup, committee, panel, network, forum.
    Group,
    /// Only the partnership itself (or an outside partnership) ends in it.
    Partnership,
    /// "Executive", "WSCB executive": compatible with boards and groups.
    Executive,
}

impl Head {
    pub(super) fn compatible(a: Option<Head>, b: Option<Head>) -> bool {
        match (a, b) {
            (None, _) | (_, None) => true,
            (Some(Head::Executive), _) | (_, Some(Head::Executive)) => true,
            (Some(x), Some(y)) => x == y,
        }
    }
}

/// The head word a token is, and whether it is plural.
pub(super) fn head_of(tok: &str) -> Option<(Head, bool)> {
    let lower = tok.to_lowercase();
    let t = lower.trim_end_matches("'s").trim_end_matches("’s");
    let singular = |s: &str| match s {
        "board" => Some(Head::Board),
        "group" | "subgroup" | "sub-group" | "committee" | "sub-committee" | "subcommittee" | "panel"
        | "network" | "forum" | "sub-board" | "subboard" => Some(Head::Group),
        "partnership" => Some(Head::Partnership),
        "executive" => Some(Head::Executive),
        _ => None,
    };
    if let Some(h) = singular(t) {
        return Some((h, false));
    }
    let stem = t
        .strip_suffix("ees")
        .map(|s| format!("{s}ee"))
        .or_else(|| t.strip_suffix('s').map(str::to_string))?;
    singular(&stem).map(|h| (h, true))
}

/// Words that end a name when reading backwards from its head word (number words too: see
/// [`is_stop`]).
#[rustfmt::skip]
pub(super) const STOP: &[&str] = &[
    "the", "a", "an", "its", "our", "their", "this", "that", "these", "those", "his", "her",
    "by", "to", "from", "at", "in", "on", "through", "via", "within", "into", "across", "between",
    "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
    "which", "who", "whose", "where", "when", "each", "every", "all", "any", "other", "both",
    "including", "include", "includes", "also", "such", "than", "but", "or", "not", "no", "nor",
    "so", "if", "while", "during", "after", "before", "about", "under", "over", "per", "new",
    "several", "some", "many", "former", "previous",
];

/// A word that ends a name read backwards: a [`STOP`] word or a number word ("three").
pub(super) fn is_stop(tok: &str) -> bool {
    lower_in(tok, STOP) || number_word(tok).is_some()
}

/// Words that may join the parts of one name ("Quality Assurance and Performance Group").
pub(super) const CONNECTORS: &[&str] = &["and", "&", "of", "for", "with"];

/// Words naming a person's role: after a head word they make the body a modifier ("Board
/// Officer"); before a name in a lead cell they end the person's part ("Manager/ X Group").
pub(super) fn is_role(tok: &str) -> bool {
    static ROLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{PERSON_ROLES})$")).unwrap());
    ROLE.is_match(tok)
}

/// A role word right after a head word ("Board Manager", "Subgroup chairs"); lower-case
/// "leads" / "heads" there are verbs ("the Board leads the strategy").
pub(super) fn is_role_after_head(tok: &str) -> bool {
    is_role(tok)
        && !(tok.starts_with(char::is_lowercase) && lower_in(tok, &["lead", "leads", "head", "heads"]))
}

/// Content words that do not tell one body from another: a name made only of them is a
/// reference to the partnership ("Partnership Board") or to no body at all ("Task Group").
#[rustfmt::skip]
pub(super) const GENERIC: &[&str] = &[
    "safeguarding", "children", "child", "local", "partnership", "sub", "working", "task", "steering", "multi",
    "agency", "lscb", "scb", "lscp", "statutory", "main", "key", "relevant", "whole", "finish",
];

/// Groups that are meetings about one child or audiences, not bodies of a structure.
const NOT_A_BODY_WORDS: &[&str] =
    &["core", "focus", "peer", "age", "ethnic", "support", "target", "cohort", "user", "parent", "parents"];

pub(super) static NOT_A_BODY: LazyLock<Regex> = LazyLock::new(|| {
    let words = NOT_A_BODY_WORDS.join("|");
    Regex::new(&format!(r"(?i)^(?:the\s+)?(?:{words})\s+groups?$")).unwrap()
});

/// Words of a document's own section labels ("Purpose", "Key achievements"), which sit
/// between chart boxes and list items but never name a body.
#[rustfmt::skip]
const SECTION_LABEL_WORDS: &[&str] = &[
    "purpose", "membership", "members", r"achievements?", r"priorit(?:y|ies)", "role", "remit",
    r"terms\s+of\s+reference", "progress", r"challenges?", "impact", "overview", "summary",
    "introduction", "background", "contents", r"actions?", r"next\s+steps", r"looking\s+forward",
    "what", "how", "our", "we", "why",
];

pub(super) static SECTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let words = SECTION_LABEL_WORDS.join("|");
    Regex::new(&format!(r"(?i)\b(?:{words})\b")).unwrap()
});

/// Names of organisations outside the partnership's own structure.
#[rustfmt::skip]
const OUTSIDE_WORDS: &[&str] = &[
    // Councils, services and regulators.
    r"councils?", "police", "constabulary", "nhs", r"trusts?", r"hospitals?", "ofsted", "department",
    "government", "national", "commissioning", r"ccgs?", "icb", "integrated care",
    r"health\s+and\s+well[\s-]?being", "community safety", "crime", "justice", "youth offending",
    // Boards and panels of other structures.
    "improvement board", "assurance board", r"safeguarding adults?", r"adults? safeguarding",
    "university", "home office", "cqc", r"schools? forum", "parliament", "corporate parenting",
    "overview and scrutiny", "scrutiny committee", "fostering panel", "adoption panel",
    "admissions panel", "fair access", "mappa", "marac", "regional", "sub-regional",
    // The committees safeguarding boards replaced.
    "area child protection committee", "acpc",
];

pub(super) static OUTSIDE: LazyLock<Regex> = LazyLock::new(|| {
    let words = OUTSIDE_WORDS.join("|");
    Regex::new(&format!(r"(?i)\b({words})\b")).unwrap()
});

pub(super) fn is_cap(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_uppercase)
}

/// An all-capitals token of two or more letters ("PBG", "P&P", "CEMG").
pub(super) fn is_acronym(tok: &str) -> bool {
    let letters = tok.chars().filter(|c| c.is_alphabetic()).count();
    (2..=10).contains(&tok.chars().count())
        && letters >= 2
        && tok.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
}

pub(super) fn lower_in(tok: &str, set: &[&str]) -> bool {
    set.contains(&tok.to_lowercase().as_str())
}
