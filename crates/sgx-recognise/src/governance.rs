//! Governance: the bodies of the partnership's own structure.
//!
//! Bodies are named in headings ("The Business Management Group (PBG):"), in the boxes of a
//! structure chart that survive as short lines ("Independent Chair", "Meet three times per
//! year"), in the subgroup and lead columns of tables, and in prose ("… is chaired by …",
//! "All subgroups report to …"). The recogniser works in three steps:
//!
//! 1. **Scan** every block into [`Mention`]s (a name, where it was read, whether it may found a
//!    body on its own) and [`Fact`]s (a chair, meeting frequency or reporting line, with the
//!    mentions that may be its subject).
//! 2. **Cluster** the mentions of one body: the same acronym, the same content words, an
//!    acronym and the initials it stands for, a shortened reference ("the QA subgroup").
//! 3. **Emit** the clusters that sit inside the partnership, with their facts resolved.
//!
//! Everything keys on the genre's vocabulary (body head words, role words, "chaired by",
//! "reports to") and on layout, never on one document's names.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Block, BlockKind, ListItem, Table};
use sgx_model::{Body, Evidence, GlossaryEntry, Partnership};

use crate::actions::ActionTables;
use crate::util::{clean, evidence, heading_text, similarity, Context, Cued};

pub fn recognise(
    ctx: &Context,
    partnership: &Partnership,
    actions: &ActionTables,
    glossary: &[GlossaryEntry],
) -> Vec<Body> {
    let mut scan = Scan::new(partnership, glossary);
    scan.blocks(ctx, actions, glossary);
    scan.action_rows(actions);
    resolve_conjunctions(&mut scan.mentions);
    let clusters = Clusters::build(&scan.mentions);
    emit(&scan, &clusters, partnership)
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/// The word a body's name ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    Board,
    /// Group, subgroup, committee, panel, network, forum.
    Group,
    /// Only the partnership itself (or an outside partnership) ends in it.
    Partnership,
    /// "Executive", "WSCB executive": compatible with boards and groups.
    Executive,
}

impl Head {
    fn compatible(a: Option<Head>, b: Option<Head>) -> bool {
        match (a, b) {
            (None, _) | (_, None) => true,
            (Some(Head::Executive), _) | (_, Some(Head::Executive)) => true,
            (Some(x), Some(y)) => x == y,
        }
    }
}

/// The head word a token is, and whether it is plural.
fn head_of(tok: &str) -> Option<(Head, bool)> {
    let lower = tok.to_lowercase();
    let t = lower.trim_end_matches("'s").trim_end_matches("’s");
    let singular = |s: &str| match s {
        "board" => Some(Head::Board),
        "group" | "subgroup" | "sub-group" | "committee" | "sub-committee" | "subcommittee" | "panel"
        | "network" | "forum" => Some(Head::Group),
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

/// Words that end a name when reading backwards from its head word.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "the", "a", "an", "its", "our", "their", "this", "that", "these", "those", "his", "her", "by", "to", "from",
    "at", "in", "on", "through", "via", "within", "into", "across", "between", "as", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "will", "would", "which", "who", "whose", "where", "when", "each", "every",
    "all", "any", "other", "both", "including", "include", "includes", "also", "such", "than", "but", "or", "not",
    "no", "nor", "so", "if", "while", "during", "after", "before", "about", "under", "over", "per", "new", "one",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some", "many", "former",
    "previous",
];

/// Words that may join the parts of one name ("Quality Assurance and Performance Group").
const CONNECTORS: &[&str] = &["and", "&", "of", "for", "with"];

/// Words naming a person's role: after a head word they make the body a modifier ("Board
/// Officer"); before a name in a lead cell they end the person's part ("Manager/ X Group").
fn is_role(tok: &str) -> bool {
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(chairs?|chairperson|chairman|vice-chairs?|managers?|officers?|co-?ordinators?|leads?|members?|reps?|representatives?|directors?|heads?|advis[eo]rs?|administrators?|nurses?|scrutineers?|p\.?o|leaders?)$").unwrap()
    });
    ROLE.is_match(tok)
}

/// A role word right after a head word ("Board Manager", "Subgroup chairs"); lower-case
/// "leads" / "heads" there are verbs ("the Board leads the strategy").
fn is_role_after_head(tok: &str) -> bool {
    is_role(tok)
        && !(tok.starts_with(char::is_lowercase) && lower_in(tok, &["lead", "leads", "head", "heads"]))
}

/// Content words that do not tell one body from another: a name made only of them is a
/// reference to the partnership ("Partnership Board") or to no body at all ("Task Group").
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "safeguarding", "children", "child", "local", "partnership", "sub", "working", "task", "steering", "multi",
    "agency", "lscb", "scb", "lscp", "statutory", "main", "key", "relevant", "whole", "finish",
];

/// Groups that are meetings about one child or audiences, not bodies of a structure.
static NOT_A_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(?:core|focus|peer|age|ethnic|support|target|cohort|user|parent|parents)\s+groups?$")
        .unwrap()
});

/// Words of a document's own section labels ("Purpose", "Key achievements"), which sit
/// between chart boxes and list items but never name a body.
static SECTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:purpose|membership|members|achievements?|priorit(?:y|ies)|role|remit|terms\s+of\s+reference|progress|challenges?|impact|overview|summary|introduction|background|contents|actions?|next\s+steps|looking\s+forward|what|how|our|we|why)\b").unwrap()
});

/// Names of organisations outside the partnership's own structure.
static OUTSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(councils?|police|constabulary|nhs|trusts?|hospitals?|ofsted|department|government|national|commissioning|ccgs?|icb|integrated care|health and well-?being|community safety|crime|justice|youth offending|improvement board|assurance board|safeguarding adults?|adults? safeguarding|university|home office|cqc|schools? forum|parliament|corporate parenting|overview and scrutiny|scrutiny committee|fostering panel|adoption panel|admissions panel|fair access|mappa|marac|regional|sub-regional)\b").unwrap()
});

fn is_cap(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_uppercase)
}

/// An all-capitals token of two or more letters ("PBG", "P&P", "CEMG").
fn is_acronym(tok: &str) -> bool {
    let letters = tok.chars().filter(|c| c.is_alphabetic()).count();
    (2..=10).contains(&tok.chars().count())
        && letters >= 2
        && tok.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
}

fn is_month(word: &str) -> bool {
    #[rustfmt::skip]
    const MONTHS: &[&str] = &[
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ];
    lower_in(word, MONTHS)
}

fn lower_in(tok: &str, set: &[&str]) -> bool {
    set.contains(&tok.to_lowercase().as_str())
}

// ---------------------------------------------------------------------------------------------
// Facts' phrases
// ---------------------------------------------------------------------------------------------

/// A meeting frequency as printed.
const FREQ: &str = r"(?:(?:at\s+least\s+|approximately\s+|around\s+|roughly\s+|usually\s+)?(?:quarterly|monthly|bi-?monthly|termly|weekly|fortnightly|bi-?annually|annually|half-?yearly|six[- ]weekly|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+times\s+(?:per|a|each|every)\s+(?:year|annum|term|month)|twice\s+(?:per|a|each|every)\s+(?:year|term|month)|once\s+(?:per|a|each|every)\s+(?:month|term|quarter|year)|every\s+(?:[A-Za-z]+\s+)?(?:weeks|months|quarter|term)))";

/// Words every frequency contains.
const FREQ_CUES: &[&str] = &[
    "quarterly",
    "monthly",
    "termly",
    "weekly",
    "fortnightly",
    "annually",
    "yearly",
    "times",
    "twice",
    "once",
    "every",
];

static FREQ_RE: Cued = Cued::new(FREQ_CUES, || Regex::new(&format!(r"(?i)\b{FREQ}\b")).unwrap());
/// "meets eight times per year", "which meets on a monthly basis", "Meet twice per year".
static MEETS: Cued = Cued::new(FREQ_CUES, || {
    Regex::new(&format!(
        r"(?i)\b(?:meets?|met|meetings?\s+(?:are|is|were|will\s+be)\s+held|convenes?)\b(?:\s+[A-Za-z0-9_-]+){{0,3}}?\s+({FREQ})\b"
    ))
    .unwrap()
});
/// "termly Schools Network meetings", "the quarterly Board meetings".
static FREQ_MEETINGS: Cued = Cued::new(&["meeting"], || {
    Regex::new(&format!(r"(?i)\b({FREQ})\s+((?:[A-Za-z0-9_'’&/-]+\s+){{1,8}}?)meetings?\b")).unwrap()
});
static CHAIRED_BY: Cued =
    Cued::new(&["chaired"], || Regex::new(r"(?i)\bchaired\s+by\s+(?:the\s+|an?\s+)?([^.;]+)").unwrap());
static CHAIRED_INDEPENDENTLY: Cued =
    Cued::new(&["chaired"], || Regex::new(r"(?i)\bchaired\s+independently\b[^.;]*").unwrap());
static LED_BY_CHAIR: Cued = Cued::new(&["independent"], || {
    Regex::new(r"(?i)\b(?:under\s+the\s+leadership\s+of|led\s+by|under)\s+(?:its\s+|an?\s+|the\s+)?(independent\s+chair(?:\s*person)?(?:,\s+(?:[A-Z][A-Za-z0-9_'’-]*\s?){1,4})?)").unwrap()
});
/// "Chair: Jane Doe" on a line of its own.
static CHAIR_LABEL: Cued =
    Cued::new(&["chair"], || Regex::new(r"(?im)^\W*chair(?:person)?\s*[:\-–]\s*([^\n]+)$").unwrap());
/// A signature: "Jane Doe, Director of X and Chair of the ABC".
static SIGNATURE: Cued = Cued::new(&["chair"], || {
    Regex::new(
        r"(?i)^[\W_]*([^\n]{3,200}?)(?:,|\s+and)\s+(?:the\s+)?(?:independent\s+)?chair\s+of\s+(?:the\s+)?",
    )
    .unwrap()
});
/// Cut a chair's value before a relative clause or a time qualifier.
static CHAIR_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(,?\s+(?:which|who|whilst|while|and\s+(?:is|has|was|will|meets|reports|includes?|comprises?|consists?|brings?))\b.*$|\s+[–—]\s.*$|,\s*(?:meets?|reports?|is|has)\b.*$|\s+(?:in|during|since|from|for)\s+(?:the\s+year\s+)?(?:\d{2,4}(?:[/-]\d{2,4})?|the\s+year)\b.*$)").unwrap()
});
/// "reports to", "report headline issues to", "reported regularly to", "provide updates to".
static REPORTS: Cued = Cued::new(&["report", "update", "accountable"], || {
    Regex::new(r"(?i)\b(?:(?:reports?|reported|reporting)(?:\s+(?:[A-Za-z]+ly|back|in\s+turn|headline|issues|progress|findings|its|their))*|updates?|accountable)\s+to\s+(?:the\s+)?").unwrap()
});
/// A measure cell of the form "X to PBG" / "Subgroup to PBG".
static CELL_TO: Cued = Cued::new(&["to"], || Regex::new(r"(?i)^\s*(.{1,80}?)\s+to\s+(?:the\s+)?").unwrap());
/// A subject that points back to an earlier sentence: "The group meets…", "this group was chaired by…".
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\b(?:the|this|that|each)\s+(?:group|sub-?group|sub\s+group|sub-?committee|committee|panel|network|forum|chair|chairs|meetings?)\b|^\W*(?:it|they)\b|\bit\s+(?:is|was|has|had|will|meets|met|reports)\b)").unwrap()
});
/// Mentions right after these words name a body the partnership only takes part in.
static PARTICIPATION: Cued = Cued::new(&["represent", "sit", "member"], || {
    Regex::new(r"(?i)\b(?:represented\s+on|representation\s+on|sits?\s+on|members?\s+of|membership\s+of)\s+(?:the\s+|every\s+|each\s+)?$").unwrap()
});
/// Mentions right after these words are weak evidence: outside bodies are worked with, attended.
static WEAK_CONTEXT: Cued = Cued::new(
    &[
        "attend",
        "with",
        "former",
        "previous",
        "predecessor",
        "national",
        "regional",
        "representative",
        "participate",
        "link",
    ],
    || {
        Regex::new(r"(?i)\b(?:attend(?:s|ed|ing|ance)?(?:\s+at)?|(?:work|agree|liaise|consult|engage|partner)(?:s|ing|ed|d)?(?:\s+more)?(?:\s+closely)?\s+with|(?:former|previous|predecessor|national|regional|sub-regional)|representatives?\s+(?:from|of)|participate\s+in|links?\s+(?:with|to)|relationship\s+with)\s+(?:the\s+|every\s+|each\s+|all\s+)?(?:new\s+|regional\s+|national\s+|sub-regional\s+)?$").unwrap()
    },
);
/// A sentence about an outside organisation's arrangements.
static EXTERNAL_SENTENCE: Cued = Cued::new(
    &["department", "secretary", "ofsted", "home", "council", "nhs"],
    || {
        Regex::new(
        r"(?i)\b(?:department\s+(?:for|of)|secretary\s+of\s+state|ofsted|home\s+office|council's|nhs\s+england)\b",
    )
    .unwrap()
    },
);
/// A sentence announcing a body that does not exist yet.
static FUTURE: Cued = Cued::new(&["be"], || {
    Regex::new(r"(?i)\b(?:will\s+be|is\s+to\s+be|are\s+to\s+be|to\s+be)\s+(?:established|formed|set\s+up|created|launched|introduced)\b").unwrap()
});
/// An acronym in parentheses ("(PBG)", "(CRLG)").
static ACRONYM_PAREN: Cued =
    Cued::new(&["("], || Regex::new(r"\(\s*([A-Z][A-Z&]*[A-Z]s?(?:\s+[A-Z][A-Z&]+)?)\s*\)").unwrap());
/// Word tokens as byte ranges: a letter or digit, then letters, digits and the joiners inside
/// names and abbreviations ("Children's", "CAMHS/CYPS", "Co-ordination").
fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '&' | '.' | '/' | '-')) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}
static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:section|part|chapter|appendix)\s+)?(?:\d+(?:\.\d+)*|[ivx]+)\s*[:.)\-–]\s*")
        .unwrap()
});

// ---------------------------------------------------------------------------------------------
// Text units
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

/// A mention found in a unit: its id and token range (inclusive).
#[derive(Debug, Clone, Copy)]
struct Found {
    id: usize,
    first: usize,
    last: usize,
}

/// One run of text read as a whole: a paragraph, heading, list item, cell paragraph or chart
/// line. `work` is the text with acronym parentheses blanked out, so a name reads across
/// "(PBG)" while byte offsets still match `text`.
struct Unit {
    text: String,
    work: String,
    parens: Vec<(usize, usize, String)>,
    toks: Vec<Tok>,
    /// Sentence number of each token.
    sent: Vec<usize>,
    /// Byte offset where each sentence starts.
    sent_start: Vec<usize>,
    found: Vec<Found>,
}

impl Unit {
    /// `hard_lines`: a line break ends a sentence (cells, chart lines), else it is a space.
    fn new(text: &str, hard_lines: bool) -> Unit {
        let mut work = text.to_string();
        let mut parens = Vec::new();
        for c in ACRONYM_PAREN.captures_iter(text) {
            let m = c.get(0).unwrap();
            parens.push((m.start(), m.end(), c[1].to_string()));
            work.replace_range(m.range(), &" ".repeat(m.len()));
        }
        let toks: Vec<Tok> = token_spans(&work)
            .filter_map(|(start, end)| {
                let s = work[start..end].trim_end_matches(['.', '\'', '’', '/', '-', '&']);
                (!s.is_empty()).then(|| Tok { start, end: start + s.len() })
            })
            .collect();
        let mut unit = Unit {
            text: text.to_string(),
            work,
            parens,
            toks,
            sent: Vec::new(),
            sent_start: Vec::new(),
            found: Vec::new(),
        };
        unit.split_sentences(hard_lines);
        unit
    }

    fn split_sentences(&mut self, hard_lines: bool) {
        let mut n = 0;
        for k in 0..self.toks.len() {
            if k == 0 {
                self.sent_start.push(self.toks[0].start);
            } else {
                let gap = self.gap(k);
                if gap.contains(['.', '!', '?', ';', ':', '•']) || (hard_lines && gap.contains('\n')) {
                    n += 1;
                    self.sent_start.push(self.toks[k].start);
                }
            }
            self.sent.push(n);
        }
    }

    fn tok(&self, k: usize) -> &str {
        &self.work[self.toks[k].start..self.toks[k].end]
    }

    /// The text between token `k - 1` and token `k`.
    fn gap(&self, k: usize) -> &str {
        let from = if k == 0 { 0 } else { self.toks[k - 1].end };
        &self.work[from..self.toks[k].start]
    }

    fn sentence_initial(&self, k: usize) -> bool {
        k == 0 || self.sent[k] != self.sent[k - 1]
    }

    /// Token `k + 1` follows `k` in the same sentence, separated only by spaces.
    fn adjacent_next(&self, k: usize) -> bool {
        k + 1 < self.toks.len() && self.sent[k + 1] == self.sent[k] && self.gap(k + 1).trim().is_empty()
    }

    fn sentence_of(&self, offset: usize) -> usize {
        self.sent_start.iter().rposition(|&s| s <= offset).unwrap_or(0)
    }

    fn sentence_text(&self, s: usize) -> &str {
        let from = self.sent_start.get(s).copied().unwrap_or(0);
        let to = self.sent_start.get(s + 1).copied().unwrap_or(self.work.len());
        &self.work[from..to]
    }

    /// The acronym in parentheses right after byte `end`, or inside `start..end`.
    fn acronym_near(&self, start: usize, end: usize) -> Option<String> {
        self.parens
            .iter()
            .find(|(s, _, _)| *s >= end && self.work[end..*s].trim().is_empty())
            .or_else(|| self.parens.iter().find(|(s, _, _)| *s > start && *s < end))
            .map(|(_, _, a)| a.clone())
    }

    /// The name printed over tokens `first..=last`, acronym parentheses removed.
    fn name(&self, first: usize, last: usize) -> String {
        let s = sgx_ir::normalize_ws(&self.work[self.toks[first].start..self.toks[last].end]);
        let s = s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")).unwrap_or(&s);
        s.trim_matches(|c: char| c == '\'' || c == '‘' || c == '’' || c == '"').to_string()
    }
}

/// A name read from a unit, before it is registered as a mention.
#[derive(Debug, Clone)]
struct Span {
    first: usize,
    last: usize,
    name: String,
    acronym: Option<String>,
    head: Option<Head>,
    plural: bool,
    /// The name shows a capital that is not just a sentence start.
    has_cap: bool,
    /// A role word follows the head ("Subgroup chairs"): a person, not the body.
    role: bool,
    /// A lone acronym.
    bare: bool,
}

impl Span {
    fn bare(unit: &Unit, k: usize) -> Span {
        let name = unit.tok(k).to_string();
        Span {
            first: k,
            last: k,
            name,
            acronym: None,
            head: None,
            plural: false,
            has_cap: true,
            role: false,
            bare: true,
        }
    }
}

/// Names in running text: a head word and the capitalised words before it.
fn prose_spans(unit: &Unit) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for k in 0..unit.toks.len() {
        let tok = unit.tok(k);
        let Some((head, plural)) = head_of(tok) else { continue };
        let next_head = unit.adjacent_next(k) && head_of(unit.tok(k + 1)).is_some();
        if next_head || (head == Head::Executive && !is_cap(tok)) {
            continue;
        }
        let next = unit.adjacent_next(k).then(|| unit.tok(k + 1));
        let role = next.is_some_and(is_role_after_head);
        // "Partnership Service Manager", "Board Structure": the head word is a modifier.
        if next.is_some_and(|n| !role && is_cap(n) && !is_acronym(n)) {
            continue;
        }
        let (first, has_cap) =
            if head == Head::Partnership && !is_cap(tok) { (k, false) } else { walk_back(unit, k) };
        if spans.iter().any(|s| s.last >= first) {
            continue;
        }
        let name = unit.name(first, k);
        let acronym = unit.acronym_near(unit.toks[first].start, unit.toks[k].end);
        spans.push(Span {
            first,
            last: k,
            name,
            acronym,
            head: Some(head),
            plural,
            has_cap,
            role,
            bare: false,
        });
    }
    add_bare_acronyms(unit, &mut spans);
    spans
}

fn add_bare_acronyms(unit: &Unit, spans: &mut Vec<Span>) {
    for k in 0..unit.toks.len() {
        if is_acronym(unit.tok(k)) && !spans.iter().any(|s| s.first <= k && k <= s.last) {
            spans.push(Span::bare(unit, k));
        }
    }
    spans.sort_by_key(|s| s.first);
}

/// Where the name ending at head token `k` starts, and whether it shows a real capital.
fn walk_back(unit: &Unit, k: usize) -> (usize, bool) {
    let mut first = k;
    let mut has_cap = is_cap(unit.tok(k)) && !unit.sentence_initial(k);
    // "Executive Board", "Partnership Subgroups": heads printed together are one name.
    while first > 0
        && unit.sent[first - 1] == unit.sent[k]
        && unit.gap(first).trim().is_empty()
        && head_of(unit.tok(first - 1)).is_some()
    {
        first -= 1;
        has_cap |= is_cap(unit.tok(first)) && !unit.sentence_initial(first);
    }
    let mut lower_run = 0;
    let mut j = first;
    while j > 0 && unit.sent[j - 1] == unit.sent[k] && k - j < 12 {
        let w = unit.tok(j - 1);
        // A head word inside a name is a modifier ("Cross Partnership Contextual … Group");
        // one that ends a name ends the walk ("… Group and Business Management Group").
        let modifier = is_cap(w) && is_cap(unit.tok(j)) && head_of(unit.tok(j)).is_none();
        let ends_other = head_of(w).is_some() && !modifier;
        if !gap_joins(unit, j)
            || lower_in(w, STOP)
            || ends_other
            || w.starts_with(|c: char| c.is_ascii_digit())
        {
            break;
        }
        if lower_in(w, CONNECTORS) {
            // A connector joins two capitalised parts, never a lower-case phrase to a name.
            let joins = j >= 2
                && unit.sent[j - 2] == unit.sent[k]
                && gap_joins(unit, j - 1)
                && is_cap(unit.tok(j - 2))
                && !unit.sentence_initial(j - 2)
                && !lower_in(unit.tok(j - 2), STOP)
                && head_of(unit.tok(j - 2)).is_none();
            if !joins {
                break;
            }
            j -= 1;
            continue;
        }
        if is_cap(w) {
            has_cap |= !unit.sentence_initial(j - 1);
            lower_run = 0;
        } else {
            if has_cap || lower_run >= 3 {
                break;
            }
            lower_run += 1;
        }
        j -= 1;
        first = j;
    }
    (first, has_cap)
}

/// Whether the gap before token `k` may sit inside a name: spaces, brackets, quotes, a slash
/// or ampersand, or a comma between two capitalised words ("Performance, Improvement and …").
fn gap_joins(unit: &Unit, k: usize) -> bool {
    let g = unit.gap(k).trim();
    if g.is_empty() || g.chars().all(|c| "()'’‘“”\"/&".contains(c)) {
        return true;
    }
    g == "," && is_cap(unit.tok(k - 1)) && is_cap(unit.tok(k)) && !lower_in(unit.tok(k - 1), STOP)
}

/// Names in a cell or chart line, where several may be printed without separators
/// ("QA Groups YVG Groups", "WSCB Manager/ Participation Group", "HSB CPG").
fn cell_spans(unit: &Unit, labels: bool) -> Vec<Span> {
    let mut spans = Vec::new();
    let n = unit.toks.len();
    let mut start = 0;
    let mut k = 0;
    while k < n {
        if k > start && unit.sent[k] != unit.sent[k - 1] {
            headless_chunk(unit, start, k, labels, &mut spans);
            start = k;
        }
        let tok = unit.tok(k);
        // "Chair of the X Board": the body is what follows.
        if tok.eq_ignore_ascii_case("chair") && k + 1 < n && unit.tok(k + 1).eq_ignore_ascii_case("of") {
            headless_chunk(unit, start, k, labels, &mut spans);
            k += if k + 2 < n && unit.tok(k + 2).eq_ignore_ascii_case("the") { 3 } else { 2 };
            start = k;
            continue;
        }
        if let Some((head, plural)) = head_of(tok) {
            let at_end = k + 1 == n || unit.sent[k + 1] != unit.sent[k];
            let weak = matches!(head, Head::Partnership | Head::Executive);
            let next_head = unit.adjacent_next(k) && head_of(unit.tok(k + 1)).is_some();
            let slash_joined = !at_end && unit.gap(k + 1).contains('/');
            let next_cap = !at_end && is_cap(unit.tok(k + 1)) && !is_acronym(unit.tok(k + 1));
            if !next_head && !slash_joined && (!weak || at_end || !next_cap) {
                let role = !at_end && is_role_after_head(unit.tok(k + 1));
                spans.push(headed_chunk(unit, start, k, head, plural, role));
                k += if role { 2 } else { 1 };
                start = k;
                continue;
            }
        }
        k += 1;
    }
    headless_chunk(unit, start, n, labels, &mut spans);
    spans
}

/// A chunk ending in a head word, with a person's part in front of it removed.
fn headed_chunk(unit: &Unit, mut a: usize, b: usize, head: Head, plural: bool, role: bool) -> Span {
    // "WSCB Manager/ Participation Group", "training coordinator Training sub committee".
    if let Some(r) = (a..b.saturating_sub(1)).rev().find(|&r| is_role(unit.tok(r))) {
        a = r + 1;
    }
    // "DA & Board": initials before an ampersand or slash are a person, not part of the name.
    if let Some(r) = (a + 1..=b).rev().find(|&r| unit.gap(r).contains(['&', '/'])) {
        if (a..r).all(|i| is_acronym(unit.tok(i))) {
            a = r;
        }
    }
    while a < b && (lower_in(unit.tok(a), CONNECTORS) || lower_in(unit.tok(a), STOP)) {
        a += 1;
    }
    let name = unit.name(a, b);
    let acronym = unit.acronym_near(unit.toks[a].start, unit.toks[b].end);
    Span { first: a, last: b, name, acronym, head: Some(head), plural, has_cap: true, role, bare: false }
}

/// A chunk without a head word: a run of acronyms ("YVG CPG LRG"), or, where `labels`
/// allows, a short label ("Media & Comms", a chart box "Child Exploitation").
fn headless_chunk(unit: &Unit, mut a: usize, b: usize, labels: bool, spans: &mut Vec<Span>) {
    while a < b && (lower_in(unit.tok(a), CONNECTORS) || lower_in(unit.tok(a), STOP)) {
        a += 1;
    }
    if a >= b {
        return;
    }
    if (a..b).all(|k| is_acronym(unit.tok(k))) {
        spans.extend((a..b).map(|k| Span::bare(unit, k)));
        return;
    }
    let last = unit.tok(b - 1);
    let text = &unit.work[unit.toks[a].start..unit.toks[b - 1].end];
    let is_label = labels
        && (2..=6).contains(&(b - a))
        && !SECTION_WORDS.is_match(text)
        && is_cap(unit.tok(a))
        && !is_role(last)
        && !lower_in(last, &["team", "unit", "service", "services"])
        && !(a..b).any(|k| unit.tok(k).starts_with(|c: char| c.is_ascii_digit()));
    if is_label {
        let name = unit.name(a, b - 1);
        spans.push(Span {
            first: a,
            last: b - 1,
            name,
            acronym: None,
            head: None,
            plural: false,
            has_cap: true,
            role: false,
            bare: false,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Mentions and facts
// ---------------------------------------------------------------------------------------------

/// Where a mention was read, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Heading,
    Chart,
    /// A subgroup column of a table.
    Column,
    /// A lead / responsibility cell.
    Lead,
    Prose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    /// The partnership itself ("the Board", its acronym, its name).
    Partnership,
    /// An organisation outside the partnership's structure.
    Outside,
    /// A lone acronym: joins the body it stands for, if any.
    Acronym,
}

/// How much a mention counts as evidence that the body is the partnership's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Veto {
    None,
    /// Attended, worked with, named in a sentence about an outside organisation.
    Weak,
    /// Announced for the future.
    Future,
    /// The partnership is "represented on" it.
    Participation,
}

#[derive(Debug, Clone)]
struct Mention {
    name: String,
    acronym: Option<String>,
    /// The acronym was printed in brackets with the name.
    acronym_defined: bool,
    key: Vec<String>,
    head: Option<Head>,
    kind: Kind,
    source: Source,
    /// May found a body on its own (else it only joins one).
    creates: bool,
    veto: Veto,
    evidence: Evidence,
    order: (usize, usize),
    /// For "A and B Group": the key of "B Group", which may be a body of its own.
    conjunct: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FactKind {
    Chair,
    Meets,
    ReportsTo,
}

/// Where to look for a fact's subject when its sentence names none.
#[derive(Debug, Clone)]
enum Fallback {
    None,
    /// The body the enclosing heading names.
    Section(Option<usize>),
    /// The bodies of a table row: its lead cells, then its task cells.
    Row {
        leads: Vec<usize>,
        tasks: Vec<usize>,
    },
}

#[derive(Debug, Clone)]
struct Fact {
    kind: FactKind,
    value: String,
    /// Mentions before the phrase in its sentence, nearest first, each with whether it is
    /// coordinated ("X and Y are chaired …") with the one before it in this list.
    same: Vec<(usize, bool)>,
    /// Mentions of earlier sentences of the unit, nearest first (for "the group …").
    prior: Vec<usize>,
    anaphoric: bool,
    fallback: Fallback,
    target: Option<usize>,
}

impl Fact {
    /// A fact about a known subject.
    fn about(kind: FactKind, value: String, subject: usize, target: Option<usize>) -> Fact {
        let same = vec![(subject, false)];
        Fact { kind, value, same, prior: Vec::new(), anaphoric: false, fallback: Fallback::None, target }
    }

    /// A fact about the body of a table row ("Subgroup to PBG").
    fn about_row(kind: FactKind, target: Option<usize>, row: Fallback) -> Fact {
        Fact {
            kind,
            value: String::new(),
            same: Vec::new(),
            prior: Vec::new(),
            anaphoric: false,
            fallback: row,
            target,
        }
    }
}

struct Scan<'p> {
    partnership: &'p Partnership,
    /// Acronym → expansion, from the glossary and "Name (ACR)" in the text.
    acronyms: std::collections::BTreeMap<String, String>,
    mentions: Vec<Mention>,
    facts: Vec<Fact>,
    /// Headings open above the current block: level and the body each names.
    sections: Vec<(u8, Option<usize>)>,
    /// What the last paragraph announced for a list right after it.
    list_intro: Option<ListIntro>,
}

/// A paragraph or item ending "Four subgroups report to the Business Group:" announces that
/// the list after it names subgroups (reporting to that body).
#[derive(Debug, Clone)]
struct ListIntro {
    target: Option<usize>,
}

/// Words that announce a list of the partnership's bodies.
static LIST_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sub-?\s?groups|sub-?committees|subcommittees|committees|panels|networks|(?:working|task(?:\s+and\s+finish)?|steering|reference)\s+groups)\b").unwrap()
});

/// Subjects naming several bodies at once: "Each subgroup reports to …", "Four subgroups report to …".
static DISTRIBUTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:each|all|the|these|those|both|\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:of\s+the\s+)?(?:[a-z]+\s+){0,2}?(?:sub-?\s?groups?|sub-?committees?|subcommittees?|committees|panels|groups)\b").unwrap()
});

/// "The Board has the following subgroups:", "Our subgroups are:", "Five panels support …:".
static LIST_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    let cue = LIST_CUE.as_str().trim_start_matches("(?i)");
    Regex::new(&format!(
        r"(?i)(?:\b(?:following|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[A-Za-z0-9_'’-]+\s+){{0,2}}{cue}|{cue}\s+(?:are|include|is\s+made\s+up\s+of|comprise|consist\s+of)\b|^\W*(?:our\s+|the\s+|its\s+)?{cue}\W*$)"
    ))
    .unwrap()
});

fn list_intro(unit: &Unit, target: Option<usize>) -> Option<ListIntro> {
    let text = unit.text.trim_end();
    let last = unit.sentence_text(unit.sent_start.len().saturating_sub(1));
    (text.ends_with(':') && (LIST_INTRO.is_match(last) || target.is_some())).then_some(ListIntro { target })
}

/// Blocks under a glossary heading: their expansions name bodies of every kind.
fn in_glossary(ctx: &Context, i: usize) -> bool {
    static GLOSSARY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(glossary|abbreviations|acronyms|jargon buster)\b").unwrap());
    ctx.section_title(i).is_some_and(|t| GLOSSARY.is_match(&t))
}

impl<'p> Scan<'p> {
    fn new(partnership: &'p Partnership, glossary: &[GlossaryEntry]) -> Self {
        let acronyms = glossary
            .iter()
            .filter(|g| is_acronym(g.term.trim()))
            .map(|g| (g.term.trim().to_string(), g.expansion.clone()))
            .collect();
        Scan {
            partnership,
            acronyms,
            mentions: Vec::new(),
            facts: Vec::new(),
            sections: Vec::new(),
            list_intro: None,
        }
    }

    // ----- blocks ---------------------------------------------------------------------------

    fn blocks(&mut self, ctx: &Context, actions: &ActionTables, glossary: &[GlossaryEntry]) {
        self.learn_acronyms(ctx);
        let glossary_blocks: HashSet<usize> = glossary.iter().map(|g| g.evidence.block).collect();
        let blocks = &ctx.doc.blocks;
        let mut i = 0;
        while i < blocks.len() {
            if let Some(end) = self.chart(blocks, i) {
                i = end;
                continue;
            }
            let block = &blocks[i];
            let ev = evidence(i, &block.prov);
            let intro = self.list_intro.take();
            if in_glossary(ctx, i) && block.as_heading().is_none() {
                i += 1;
                continue;
            }
            match &block.kind {
                BlockKind::Heading { level, text } => self.heading(&text.text, *level, ev, i),
                BlockKind::Paragraph { text }
                    if heading_text(block).is_some() || is_name_line(&text.text) =>
                {
                    self.heading(&text.text, 7, ev, i);
                    self.list_intro = list_intro(&Unit::new(&text.text, true), None);
                }
                BlockKind::Paragraph { text } => self.list_intro = self.prose(&text.text, ev, i),
                BlockKind::List { items } => self.list(items, i, intro.as_ref()),
                BlockKind::Table(_) if glossary_blocks.contains(&i) => {}
                BlockKind::Table(t) => self.table(t, i, actions.tables.contains(&i)),
            }
            i += 1;
        }
    }

    /// "Child Safeguarding Practice Review (CSPR)" → CSPR stands for those words.
    fn learn_acronyms(&mut self, ctx: &Context) {
        static DEFINED: Cued = Cued::new(&["("], || {
            Regex::new(r"((?:[A-Z][A-Za-z0-9_'’-]*\s+(?:(?:and|of|for|&)\s+)?){1,8})\(([A-Z][A-Z&]{1,8})\)")
                .unwrap()
        });
        for (_, b) in ctx.blocks() {
            for c in DEFINED.captures_iter(&b.plain_text()) {
                let acr = c[2].to_string();
                if self.acronyms.contains_key(&acr) {
                    continue;
                }
                let words: Vec<&str> = c[1].split_whitespace().collect();
                // The shortest run of trailing words whose initials spell the acronym.
                for from in (0..words.len()).rev() {
                    let phrase = words[from..].join(" ");
                    if initials(&phrase).0 == acr {
                        self.acronyms.insert(acr.clone(), phrase);
                        break;
                    }
                }
            }
        }
    }

    fn section_body(&self) -> Option<usize> {
        self.sections.iter().rev().find_map(|(_, m)| *m)
    }

    fn open_section(&mut self, level: u8, body: Option<usize>) {
        while self.sections.last().is_some_and(|(l, _)| *l >= level) {
            self.sections.pop();
        }
        self.sections.push((level, body));
    }

    fn heading(&mut self, text: &str, level: u8, ev: Evidence, block: usize) {
        let stripped = NUMBERING.replace(&clean(text), "").to_string();
        let mut unit = Unit::new(&stripped, true);
        let spans = prose_spans(&unit);
        let n = unit.toks.len();
        let mut body = None;
        for mut span in spans {
            // The heading names a body when the name is what the heading ends with.
            let names_it = span.last + 1 == n && !span.bare;
            let source = if names_it { Source::Heading } else { Source::Prose };
            span.has_cap |= names_it;
            let id = self.register(&mut unit, &span, source, ev.clone(), (block, 0));
            if names_it {
                body = id.filter(|&m| matches!(self.mentions[m].kind, Kind::Body | Kind::Partnership));
            }
        }
        self.open_section(level, body);
    }

    /// A paragraph or list item; returns what it announces for a list that follows it.
    fn prose(&mut self, text: &str, ev: Evidence, block: usize) -> Option<ListIntro> {
        // Short capitalised lines are boxes or labels; anything else is wrapped prose.
        let label_line =
            |l: &str| l.split_whitespace().count() <= 8 && !l.trim_end().ends_with('.') && is_cap(l.trim());
        let hard = text.lines().count() > 1 && text.lines().all(label_line);
        let mut unit = Unit::new(text, hard);
        for span in prose_spans(&unit) {
            self.register(&mut unit, &span, Source::Prose, ev.clone(), (block, 0));
        }
        let fallback = Fallback::Section(self.section_body());
        let target = self.facts_of(&unit, &fallback, true);
        list_intro(&unit, target)
    }

    fn list(&mut self, items: &[ListItem], block: usize, intro: Option<&ListIntro>) {
        for item in items {
            let ev = evidence(block, &item.prov);
            let announced = match intro {
                Some(intro) => {
                    self.listed_item(&item.text.text, ev, block, intro);
                    None
                }
                None => self.prose(&item.text.text, ev, block),
            };
            self.list(&item.children, block, announced.as_ref());
        }
    }

    /// An item of a list announced as the partnership's subgroups: the body it names (or, for
    /// a bare label such as "Policy and Procedures", the label), with what the intro says
    /// they report to and what the item says ("…, chaired by the Head of Early Help").
    fn listed_item(&mut self, text: &str, ev: Evidence, block: usize, intro: &ListIntro) {
        let mut unit = Unit::new(text, false);
        let mut subject = None;
        for span in prose_spans(&unit) {
            // The name the item opens with is the listed body; the rest is prose.
            let opens = subject.is_none() && span.first <= 1 && !span.bare;
            let source = if opens { Source::Column } else { Source::Prose };
            let id = self.register(&mut unit, &span, source, ev.clone(), (block, 0));
            if opens {
                subject = id.filter(|&m| self.mentions[m].kind == Kind::Body);
            }
        }
        if subject.is_none() {
            subject = self.listed_label(text, ev, block);
        }
        let Some(subject) = subject else { return };
        self.facts_of(&unit, &Fallback::Section(Some(subject)), false);
        if let Some(target) = intro.target {
            self.facts.push(Fact::about(FactKind::ReportsTo, String::new(), subject, Some(target)));
        }
    }

    /// "Sexual Exploitation and Missing, chaired by …" → the label before the punctuation.
    fn listed_label(&mut self, text: &str, ev: Evidence, block: usize) -> Option<usize> {
        let label = text.split([',', ';', ':', '(', '–', '—']).next().unwrap_or("").trim();
        let label = label.strip_prefix("the ").unwrap_or(label);
        let words = label.split_whitespace().count();
        if !(1..=8).contains(&words) || !is_cap(label) {
            return None;
        }
        let mut unit = Unit::new(label, true);
        let spans = cell_spans(&unit, true);
        let span = spans.first().filter(|s| s.first == 0 && !s.bare)?;
        self.register(&mut unit, span, Source::Column, ev, (block, 0))
            .filter(|&m| self.mentions[m].kind == Kind::Body)
    }

    // ----- tables ---------------------------------------------------------------------------

    /// A table's cells. In action tables (read through [`ActionTables`]) only the subgroup
    /// column is read here; elsewhere every cell, with its column's role.
    fn table(&mut self, t: &Table, block: usize, action_table: bool) {
        let header = t.rows.iter().position(|r| r.header).unwrap_or(0);
        let roles = column_roles(t, header);
        let header_text: Vec<String> =
            t.rows.get(header).map(|r| r.cells.iter().map(|c| c.text()).collect()).unwrap_or_default();
        for (r, row) in t.rows.iter().enumerate() {
            let texts: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
            if r == header || row.header || texts == header_text {
                continue;
            }
            let mut units: Vec<(Unit, ColumnRole)> = Vec::new();
            let mut leads = Vec::new();
            let mut tasks = Vec::new();
            let mut listed = Vec::new();
            let mut stated = Vec::new();
            for cell in &row.cells {
                let role = roles.get(&cell.col).copied().unwrap_or(ColumnRole::Other);
                if action_table && role != ColumnRole::Subgroup {
                    continue;
                }
                let ev = evidence(block, cell.prov.as_ref().unwrap_or(&row.prov));
                if let Some(fact) = self.stated_cell(&cell.text(), role, ev.clone(), (block, r)) {
                    stated.push(fact);
                    continue;
                }
                for para in &cell.paras {
                    let (unit, ids) = self.cell(&para.text.text, role, ev.clone(), (block, r));
                    match role {
                        ColumnRole::Other => tasks.extend(ids),
                        ColumnRole::Subgroup => {
                            listed.extend(ids.iter().copied());
                            leads.extend(ids)
                        }
                        _ => leads.extend(ids),
                    }
                    units.push((unit, role));
                }
            }
            // A structure table: the row's body has the chair, frequency, line stated beside it.
            let subject = listed.iter().copied().find(|&m| self.mentions[m].kind == Kind::Body);
            for (kind, value, target) in stated {
                if let Some(subject) = subject {
                    let fact = Fact::about(kind, value, subject, target);
                    self.facts.push(fact);
                }
            }
            let fallback = Fallback::Row { leads, tasks };
            for (unit, role) in &units {
                if *role == ColumnRole::Other {
                    self.facts_of(unit, &fallback, false);
                    self.cell_to(unit, &fallback);
                }
            }
        }
    }

    /// The value of a structure table's chair, frequency or reporting cell.
    fn stated_cell(
        &mut self,
        text: &str,
        role: ColumnRole,
        ev: Evidence,
        order: (usize, usize),
    ) -> Option<(FactKind, String, Option<usize>)> {
        let value = clean(text);
        if value.is_empty() {
            return None;
        }
        match role {
            ColumnRole::Chair => Some((FactKind::Chair, value, None)),
            ColumnRole::Meets => {
                let freq = FREQ_RE.find(&value).map(|m| m.as_str().to_string());
                let short = value.split_whitespace().count() <= 5;
                freq.or(short.then_some(value)).map(|v| (FactKind::Meets, v, None))
            }
            ColumnRole::ReportsTo => {
                let (_, ids) = self.cell(&value, ColumnRole::Other, ev, order);
                ids.first().map(|&t| (FactKind::ReportsTo, String::new(), Some(t)))
            }
            _ => None,
        }
    }

    /// Register the names of one cell paragraph; returns the unit and its mentions' ids.
    fn cell(
        &mut self,
        text: &str,
        role: ColumnRole,
        ev: Evidence,
        order: (usize, usize),
    ) -> (Unit, Vec<usize>) {
        let mut unit = Unit::new(text, true);
        let (spans, source) = match role {
            ColumnRole::Subgroup => (cell_spans(&unit, true), Source::Column),
            ColumnRole::Lead => (cell_spans(&unit, false), Source::Lead),
            _ => (prose_spans(&unit), Source::Prose),
        };
        let ids =
            spans.iter().filter_map(|s| self.register(&mut unit, s, source, ev.clone(), order)).collect();
        (unit, ids)
    }

    /// The rows of the action tables: names from the lead cells, facts from tasks and
    /// measures ("Practice QA subgroup report to PBG", "Report to PBG" under a lead body).
    fn action_rows(&mut self, actions: &ActionTables) {
        for (n, a) in actions.actions.iter().enumerate() {
            let order = (a.evidence.block, n);
            let mut leads = Vec::new();
            for lead in &a.leads {
                leads.extend(self.cell(lead, ColumnRole::Lead, a.evidence.clone(), order).1);
            }
            let mut units = Vec::new();
            let mut tasks = Vec::new();
            for task in &a.tasks {
                let (unit, ids) = self.cell(task, ColumnRole::Other, a.evidence.clone(), order);
                tasks.extend(ids);
                units.push(unit);
            }
            for measure in &a.measures {
                units.push(self.cell(measure, ColumnRole::Other, a.evidence.clone(), order).0);
            }
            let fallback = Fallback::Row { leads, tasks };
            for unit in &units {
                self.facts_of(unit, &fallback, false);
                self.cell_to(unit, &fallback);
            }
        }
    }

    // ----- structure charts -----------------------------------------------------------------

    /// A structure chart flattened into short lines: a line naming a body followed by its
    /// "Independent Chair" / "Meet three times per year" lines, then more boxes. Returns the
    /// index after the chart's last block.
    fn chart(&mut self, blocks: &[Block], start: usize) -> Option<usize> {
        let first = short_text(&blocks[start])?;
        if !is_name_line(&first) {
            return None;
        }
        let announces = blocks[start + 1..blocks.len().min(start + 3)]
            .iter()
            .filter_map(short_text)
            .any(|t| chair_line(&t).is_some() || meets_line(&t).is_some());
        if !announces {
            return None;
        }
        let mut last: Option<usize> = None;
        let mut k = start;
        while k < blocks.len() {
            let Some(text) = short_text(&blocks[k]) else { break };
            let heading_level = blocks[k].as_heading().map(|(l, _)| l);
            if k > start && heading_level.is_some() && !is_name_line(&text) {
                break;
            }
            let ev = evidence(k, &blocks[k].prov);
            if let Some(v) = chair_line(&text) {
                self.chart_fact(FactKind::Chair, v, last);
            } else if let Some(v) = meets_line(&text) {
                self.chart_fact(FactKind::Meets, v, last);
            } else {
                let ids = self.chart_line(&text, ev, k);
                last = ids.last().copied().or(last);
                if let Some(level) = heading_level {
                    self.open_section(level, ids.last().copied());
                }
            }
            k += 1;
        }
        Some(k)
    }

    fn chart_line(&mut self, text: &str, ev: Evidence, block: usize) -> Vec<usize> {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        // A box whose words wrapped one or two to a line is one name.
        let joined = if lines.iter().all(|l| l.split_whitespace().count() <= 2) {
            vec![lines.join(" ")]
        } else {
            lines.iter().map(|l| l.to_string()).collect()
        };
        let mut ids = Vec::new();
        for line in joined {
            let mut unit = Unit::new(&clean(&line), true);
            for span in cell_spans(&unit, true) {
                if let Some(id) = self.register(&mut unit, &span, Source::Chart, ev.clone(), (block, 0)) {
                    if self.mentions[id].kind == Kind::Body {
                        ids.push(id);
                    }
                }
            }
        }
        ids
    }

    fn chart_fact(&mut self, kind: FactKind, value: String, subject: Option<usize>) {
        if let Some(m) = subject {
            self.facts.push(Fact::about(kind, value, m, None));
        }
    }

    // ----- registering mentions ---------------------------------------------------------------

    /// Turn a span into a mention; `None` for names that refer to no body (plural collections
    /// in prose, generic words).
    fn register(
        &mut self,
        unit: &mut Unit,
        span: &Span,
        source: Source,
        ev: Evidence,
        order: (usize, usize),
    ) -> Option<usize> {
        // "Partnership Manager", "Subgroup chairs": a person, never a subject or a body.
        if span.role {
            return None;
        }
        let kind = self.classify(span, source)?;
        let key = self.key_of(&span.name);
        let acronym = span.acronym.clone().or_else(|| single_acronym(&span.name, span.head));
        let creates = match kind {
            Kind::Acronym => matches!(source, Source::Column | Source::Chart),
            _ => span.has_cap,
        };
        let veto = veto_of(unit, span);
        let id = self.mentions.len();
        self.mentions.push(Mention {
            name: span.name.clone(),
            acronym_defined: span.acronym.is_some(),
            acronym,
            key,
            head: span.head,
            kind,
            source,
            creates,
            veto,
            evidence: ev,
            order: (order.0, order.1 * 1000 + span.first),
            conjunct: self.conjunct_key(span),
        });
        unit.found.push(Found { id, first: span.first, last: span.last });
        Some(id)
    }

    fn classify(&self, span: &Span, source: Source) -> Option<Kind> {
        let own_acronym = self.partnership.acronym.as_deref();
        if span.bare {
            return Some(if Some(span.name.as_str()) == own_acronym {
                Kind::Partnership
            } else {
                Kind::Acronym
            });
        }
        if span.plural && matches!(source, Source::Heading | Source::Prose) {
            return None;
        }
        if self.is_partnership(span) {
            return Some(Kind::Partnership);
        }
        if OUTSIDE.is_match(&span.name) {
            return Some(Kind::Outside);
        }
        // "the January Board": a meeting, not a body; "core group": a meeting about one child.
        if span.name.split_whitespace().next().is_some_and(is_month) || NOT_A_BODY.is_match(&span.name) {
            return None;
        }
        let words = content_words(&span.name, own_acronym);
        let generic = words.iter().all(|w| GENERIC.contains(&w.as_str()));
        let boardish = matches!(span.head, Some(Head::Board | Head::Partnership));
        let safeguarding = words.iter().any(|w| w == "safeguarding");
        match (boardish, generic) {
            // A "Partnership Board" beside a partnership that is not itself a board.
            (true, true) if self.distinct_board(span, safeguarding) => Some(Kind::Body),
            // "the Board", "Partnership Board", "a Local Safeguarding Children Board".
            (true, true) => Some(Kind::Partnership),
            // Another area's board or partnership.
            (true, false) if safeguarding => Some(Kind::Outside),
            // "Domestic Abuse Partnership Board": the board of another partnership.
            (true, false) if words_before_head(&span.name).iter().any(|w| w == "partnership") => {
                Some(Kind::Outside)
            }
            (false, true) => None,
            _ if span.head == Some(Head::Partnership) => Some(Kind::Outside),
            _ => Some(Kind::Body),
        }
    }

    fn conjunct_key(&self, span: &Span) -> Option<Vec<String>> {
        if span.head.is_none() || span.bare {
            return None;
        }
        let at = span.name.rfind(" and ").map(|p| p + 5).or_else(|| span.name.rfind(" & ").map(|p| p + 3))?;
        Some(self.key_of(&span.name[at..]))
    }

    fn distinct_board(&self, span: &Span, safeguarding: bool) -> bool {
        let own_head = self
            .partnership
            .name
            .as_deref()
            .and_then(|n| n.split_whitespace().last())
            .and_then(head_of)
            .map(|(h, _)| h);
        let multiword = span.name.split_whitespace().count() >= 2;
        span.head == Some(Head::Board) && multiword && !safeguarding && own_head == Some(Head::Partnership)
    }

    fn is_partnership(&self, span: &Span) -> bool {
        let p = self.partnership;
        if p.acronym.is_some() && span.acronym == p.acronym {
            return true;
        }
        let named = p.name.as_deref().is_some_and(|n| similarity(n, &span.name) >= 0.8);
        named && matches!(span.head, Some(Head::Board | Head::Partnership))
    }

    /// The words that tell a body apart: acronyms expanded, the final head word, connectors
    /// and the partnership's own acronym dropped, plurals made singular.
    fn key_of(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for word in name.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '&')) {
            let word = word.trim_matches(['\'', '’']);
            if word.is_empty() || Some(word) == self.partnership.acronym.as_deref() {
                continue;
            }
            match self.acronyms.get(word) {
                Some(exp) if is_acronym(word) && !is_acronym(exp) => out.extend(plain_words(exp)),
                _ => out.extend(plain_words(word)),
            }
        }
        let own = self.partnership.acronym.as_deref().map(str::to_lowercase);
        out.retain(|w| Some(w) != own.as_ref());
        // Drop the final head word ("… Sub Group" → "…"); "Executive" names the body itself.
        if out.last().is_some_and(|w| w != "executive" && head_of(w).is_some()) {
            out.pop();
        }
        if out.last().is_some_and(|w| w == "sub") {
            out.pop();
        }
        out
    }
}

fn plain_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']).to_lowercase())
        .map(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).map(str::to_string).unwrap_or(w))
        .filter(|w| !w.is_empty() && !CONNECTORS.contains(&w.as_str()) && w != "the")
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

/// Lower-case words of a name without head words, connectors and the partnership's acronym.
fn content_words(name: &str, own_acronym: Option<&str>) -> Vec<String> {
    let own = own_acronym.map(str::to_lowercase);
    plain_words(name)
        .into_iter()
        .filter(|w| (w == "executive" || head_of(w).is_none()) && Some(w) != own.as_ref() && w != "sub")
        .collect()
}

/// The lower-case words of a name before its final head word.
fn words_before_head(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    words.pop();
    words
}

/// "CEMG group" → CEMG: a name that is one acronym and a head word.
fn single_acronym(name: &str, head: Option<Head>) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let body: Vec<&str> =
        words.iter().copied().filter(|w| head_of(w).is_none() && !w.eq_ignore_ascii_case("sub")).collect();
    (head.is_some() && body.len() == 1 && is_acronym(body[0])).then(|| body[0].to_string())
}

/// The initials of a name, with and without its final head word ("Business Management
/// Group" → PBG, BM). Acronym words give all their letters ("EH Programme Board" → EHPB).
fn initials(name: &str) -> (String, String) {
    let all_caps = name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
        .filter(|w| !w.is_empty() && !lower_in(w, CONNECTORS) && !w.eq_ignore_ascii_case("the"))
        .collect();
    let letters = |w: &str| -> String {
        if is_acronym(w) && !all_caps {
            w.chars().filter(|c| c.is_alphabetic()).collect()
        } else {
            w.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default()
        }
    };
    let full: String = words.iter().map(|w| letters(w)).collect();
    let heads =
        words.iter().rev().take_while(|w| head_of(w).is_some() || w.eq_ignore_ascii_case("sub")).count();
    let without: String = words[..words.len() - heads].iter().map(|w| letters(w)).collect();
    (full, without)
}

/// How a mention's context weakens it as evidence of an own body.
fn veto_of(unit: &Unit, span: &Span) -> Veto {
    let start = unit.toks[span.first].start;
    let s = unit.sentence_of(start);
    let before = &unit.work[unit.sent_start.get(s).copied().unwrap_or(0)..start];
    let sentence = unit.sentence_text(s);
    if PARTICIPATION.is_match(before) {
        Veto::Participation
    } else if FUTURE.is_match(sentence) {
        Veto::Future
    } else if WEAK_CONTEXT.is_match(before) || EXTERNAL_SENTENCE.is_match(sentence) {
        Veto::Weak
    } else {
        Veto::None
    }
}

// ---------------------------------------------------------------------------------------------
// Reading facts
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnRole {
    Subgroup,
    Lead,
    /// A structure table's "Chair", "Frequency", "Reports to" columns.
    Chair,
    Meets,
    ReportsTo,
    Other,
}

/// Subgroup and lead columns, from the header row's words.
fn column_roles(t: &Table, header: usize) -> std::collections::BTreeMap<usize, ColumnRole> {
    static SUBGROUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)sub-?\s?groups?|\bgroups?\b|committee|\bpanels?\b|\bboards?\b|\bforums?\b|\bnetworks?\b|\bbod(?:y|ies)\b|enabling").unwrap()
    });
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\blead|responsib|\bwho\b|\bowner|accountab").unwrap());
    static CHAIR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bchair").unwrap());
    static MEETS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)frequency|\bmeets?\b|\bmeetings?\b|how\s+often").unwrap());
    static REPORTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)reports?\s+(?:in)?to|accountable\s+to|reporting\s+(?:to|line)").unwrap()
    });
    let mut roles = std::collections::BTreeMap::new();
    if let Some(row) = t.rows.get(header) {
        for cell in &row.cells {
            let h = cell.text();
            let role = if REPORTS.is_match(&h) {
                ColumnRole::ReportsTo
            } else if CHAIR.is_match(&h) && !SUBGROUP.is_match(&h) {
                ColumnRole::Chair
            } else if MEETS.is_match(&h) {
                ColumnRole::Meets
            } else if SUBGROUP.is_match(&h) {
                ColumnRole::Subgroup
            } else if LEAD.is_match(&h) {
                ColumnRole::Lead
            } else {
                ColumnRole::Other
            };
            roles.insert(cell.col, role);
        }
    }
    roles
}

impl Scan<'_> {
    /// Chairs, meeting frequencies and reporting lines stated in a unit.
    /// Returns the body a "subgroups report to X:" phrase at the unit's end names, for the
    /// list that follows.
    fn facts_of(&mut self, unit: &Unit, fallback: &Fallback, signatures: bool) -> Option<usize> {
        let text = unit.text.as_str();
        for c in CHAIRED_BY.captures_iter(text) {
            let value = chair_value(&c[1]);
            self.fact(unit, FactKind::Chair, value, c.get(0).unwrap().start(), fallback, None);
        }
        for m in CHAIRED_INDEPENDENTLY.find_iter(text) {
            self.fact(unit, FactKind::Chair, m.as_str().trim().to_string(), m.start(), fallback, None);
        }
        for c in LED_BY_CHAIR.captures_iter(text) {
            self.fact(unit, FactKind::Chair, c[1].to_string(), c.get(0).unwrap().start(), fallback, None);
        }
        for c in CHAIR_LABEL.captures_iter(text) {
            self.fact(unit, FactKind::Chair, chair_value(&c[1]), c.get(0).unwrap().start(), fallback, None);
        }
        if signatures {
            self.signatures(unit);
        }
        self.meets_facts(unit, fallback);
        let mut announced = None;
        for m in REPORTS.find_iter(&unit.work) {
            let Some(target) = mention_at(unit, m.end()) else { continue };
            if !self.distributive(unit, m.start()) {
                self.fact(unit, FactKind::ReportsTo, String::new(), m.start(), fallback, Some(target));
                continue;
            }
            for subject in self.enumerated(unit, m.start()) {
                self.facts.push(Fact::about(FactKind::ReportsTo, String::new(), subject, Some(target)));
            }
            announced = Some(target);
        }
        announced
    }

    /// The subject before byte `at` names several bodies ("Each subgroup", "Four subgroups")
    /// and no single one.
    fn distributive(&self, unit: &Unit, at: usize) -> bool {
        let s = unit.sentence_of(at);
        let prefix = &unit.work[unit.sent_start[s]..at];
        let names_one = unit.found.iter().any(|f| {
            unit.sentence_of(unit.toks[f.first].start) == s
                && unit.toks[f.last].end <= at
                && self.mentions[f.id].kind == Kind::Body
        });
        DISTRIBUTIVE.is_match(prefix) && !names_one
    }

    /// The bodies a distributive subject stands for: those listed after a colon next to it
    /// ("… four subgroups: the A Subgroup, the B Subgroup … Each subgroup reports to …",
    /// "… report to the X: the A Subgroup, the B Subgroup").
    fn enumerated(&self, unit: &Unit, at: usize) -> Vec<usize> {
        let s = unit.sentence_of(at);
        let bodies_in = |t: usize| -> Vec<usize> {
            unit.found
                .iter()
                .filter(|f| unit.sent[f.first] == t && self.mentions[f.id].kind == Kind::Body)
                .map(|f| f.id)
                .collect()
        };
        let listed = |t: usize| -> bool {
            let first = unit.sent.iter().position(|&x| x == t);
            first.is_some_and(|k| k > 0 && unit.gap(k).contains(':'))
        };
        [s + 1, s.wrapping_sub(1)]
            .into_iter()
            .filter(|&t| t < unit.sent_start.len() && listed(t))
            .map(bodies_in)
            .find(|b| b.len() >= 2)
            .unwrap_or_default()
    }

    /// Frequencies are read from the work text, where "(DSL)" does not break a name.
    fn meets_facts(&mut self, unit: &Unit, fallback: &Fallback) {
        let text = unit.work.as_str();
        for c in MEETS.captures_iter(text) {
            self.fact(unit, FactKind::Meets, c[1].to_string(), c.get(0).unwrap().start(), fallback, None);
        }
        for c in FREQ_MEETINGS.captures_iter(text) {
            let inner = c.get(2).unwrap();
            let inside = unit.found.iter().find(|f| {
                unit.toks[f.first].start >= inner.start()
                    && unit.toks[f.last].end <= inner.end()
                    && self.mentions[f.id].kind != Kind::Acronym
            });
            if let Some(f) = inside {
                self.push_direct(FactKind::Meets, c[1].to_string(), f.id);
            }
        }
        // "Continued running of the Schools Network 3 times a year."
        for m in FREQ_RE.find_iter(text) {
            let s = unit.sentence_of(m.start());
            if unit.sentence_text(s).to_lowercase().contains("report") {
                continue;
            }
            let before = unit.found.iter().find(|f| {
                let end = unit.toks[f.last].end;
                end <= m.start() && unit.work[end..m.start()].trim().is_empty()
            });
            if let Some(f) = before {
                self.push_direct(FactKind::Meets, m.as_str().to_string(), f.id);
            }
        }
    }

    /// "Jane Doe, Director of X and Chair of the ABC (2022-23)": the chair of ABC.
    fn signatures(&mut self, unit: &Unit) {
        let mut offset = 0;
        for line in unit.text.split('\n') {
            if line.split_whitespace().count() <= 40 {
                if let Some(c) = SIGNATURE.captures(line) {
                    let after = offset + c.get(0).unwrap().end();
                    let end = offset + line.len();
                    let subject = unit
                        .found
                        .iter()
                        .find(|f| unit.toks[f.first].start >= after && unit.toks[f.first].start < end);
                    if let Some(f) = subject {
                        let value = c[1]
                            .trim_matches(|ch: char| ch == '*' || ch == '_' || ch.is_whitespace())
                            .to_string();
                        self.push_direct(FactKind::Chair, value, f.id);
                    }
                }
            }
            offset += line.len() + 1;
        }
    }

    /// A measure cell "X to PBG" (or "Subgroup to PBG", whose subject is the row's body).
    fn cell_to(&mut self, unit: &Unit, fallback: &Fallback) {
        let Some(c) = CELL_TO.captures(&unit.text) else { return };
        let prefix = c.get(1).unwrap();
        let Some(target) = mention_at(unit, c.get(0).unwrap().end()) else { return };
        let subject = unit.found.iter().find(|f| {
            unit.toks[f.first].start <= prefix.start() + 1 && unit.toks[f.last].end == prefix.end()
        });
        match subject {
            Some(f) if f.id != target => {
                self.facts.push(Fact::about(FactKind::ReportsTo, String::new(), f.id, Some(target)))
            }
            None if head_of(prefix.as_str().trim()).is_some() => {
                self.facts.push(Fact::about_row(FactKind::ReportsTo, Some(target), fallback.clone()))
            }
            _ => {}
        }
    }

    fn push_direct(&mut self, kind: FactKind, value: String, subject: usize) {
        self.facts.push(Fact::about(kind, value, subject, None));
    }

    /// A fact whose phrase starts at byte `at`: its possible subjects are the mentions before
    /// it in its sentence, then (for "the group …") earlier sentences, then the fallback.
    fn fact(
        &mut self,
        unit: &Unit,
        kind: FactKind,
        value: String,
        at: usize,
        fallback: &Fallback,
        target: Option<usize>,
    ) {
        if kind != FactKind::ReportsTo && value.trim().is_empty() {
            return;
        }
        let s = unit.sentence_of(at);
        let mut same: Vec<(usize, bool)> = Vec::new();
        let mut qualifiers = Vec::new();
        let mut prior = Vec::new();
        let mut nearer_start: Option<usize> = None;
        for f in unit.found.iter().rev().filter(|f| unit.toks[f.last].end <= at && Some(f.id) != target) {
            let start = unit.toks[f.first].start;
            if unit.sentence_of(start) != s {
                prior.push(f.id);
                continue;
            }
            let sentence_start = unit.sent_start[s];
            let before = unit.work[sentence_start..start].trim_end().to_lowercase();
            // "the work of the partnership", "updates to PBG": a complement, not the subject.
            let complement = [" of the", " of", " to the", " to"].iter().any(|p| before.ends_with(p));
            if complement {
                qualifiers.push((f.id, false));
                continue;
            }
            let linked = nearer_start.is_some_and(|ns| {
                let between = unit.work[unit.toks[f.last].end..ns].trim().to_lowercase();
                matches!(between.as_str(), "and" | "," | "&" | ", and")
            });
            same.push((f.id, linked));
            nearer_start = Some(start);
        }
        same.extend(qualifiers);
        let sentence_start = unit.sent_start.get(s).copied().unwrap_or(0);
        let anaphoric = ANAPHOR.is_match(&unit.work[sentence_start..at.max(sentence_start)]);
        self.facts.push(Fact { kind, value, same, prior, anaphoric, fallback: fallback.clone(), target });
    }
}

/// The mention starting at byte `at` (allowing a few spaces).
fn mention_at(unit: &Unit, at: usize) -> Option<usize> {
    unit.found
        .iter()
        .find(|f| {
            let s = unit.toks[f.first].start;
            s >= at && unit.work[at..s].trim().is_empty()
        })
        .map(|f| f.id)
}

fn chair_value(raw: &str) -> String {
    let cut = CHAIR_TAIL.replace(raw, "");
    cut.trim().trim_end_matches([',', '.', ':']).trim().to_string()
}

/// The text of a heading or of a short paragraph (a chart box, a label line).
fn short_text(b: &Block) -> Option<String> {
    match &b.kind {
        BlockKind::Heading { text, .. } => Some(text.text.clone()),
        BlockKind::Paragraph { text } => {
            let t = text.text.trim();
            let short =
                t.lines().all(|l| l.split_whitespace().count() <= 16) && t.split_whitespace().count() <= 40;
            (short && !t.is_empty() && !t.ends_with('.')).then(|| t.to_string())
        }
        _ => None,
    }
}

/// A single short line that ends in a body's head word: "Business Management Group (PBG):".
fn is_name_line(text: &str) -> bool {
    let t = NUMBERING.replace(&clean(text), "").to_string();
    if t.contains('\n') || t.split_whitespace().count() > 16 || t.ends_with('.') {
        return false;
    }
    let t = t.strip_prefix("The ").unwrap_or(&t);
    let unit = Unit::new(t, true);
    let n = unit.toks.len();
    // One name (or a chart's run of names) from the first word to the last.
    let spans = cell_spans(&unit, false);
    let whole = spans.first().is_some_and(|s| s.first == 0)
        && spans.last().is_some_and(|s| s.last + 1 == n && !s.plural && s.head.is_some());
    whole && spans.iter().all(|s| !s.bare || s.head.is_some())
}

/// "Independent Chair, NCC, CCG, Police" → "Independent Chair"; "Chair: Jane Doe" → "Jane Doe".
fn chair_line(text: &str) -> Option<String> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\W*(?:(independent\s+chair(?:\s*person)?)|chair(?:ed\s+by|person)?\s*[:\-–]?\s+(.+))",
        )
        .unwrap()
    });
    let t = clean(text);
    let c = LINE.captures(&t)?;
    let v = c.get(1).or_else(|| c.get(2))?.as_str();
    Some(chair_value(v.split(',').next().unwrap_or(v)))
}

/// "Meet three times per year" → "three times per year".
fn meets_line(text: &str) -> Option<String> {
    static LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)^\W*meets?\b.*?({FREQ})")).unwrap());
    LINE.captures(&clean(text)).map(|c| c[1].to_string())
}

// ---------------------------------------------------------------------------------------------
// Clustering
// ---------------------------------------------------------------------------------------------

struct Clusters {
    /// Cluster (root mention) of each mention.
    of: Vec<usize>,
    /// Clusters that are bodies of the partnership's own structure (before facts).
    own: HashSet<usize>,
    partnership: Option<usize>,
}

impl Clusters {
    fn build(mentions: &[Mention]) -> Clusters {
        let mut parent: Vec<usize> = (0..mentions.len()).collect();
        fn root(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        let initials: Vec<(String, String)> = mentions.iter().map(|m| initials(&m.name)).collect();
        for a in 0..mentions.len() {
            for b in a + 1..mentions.len() {
                if same_body(&mentions[a], &mentions[b], &initials[a], &initials[b]) {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    if ra != rb {
                        parent[rb.max(ra)] = rb.min(ra);
                    }
                }
            }
        }
        let of: Vec<usize> = (0..mentions.len()).map(|i| root(&mut parent, i)).collect();
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, &r) in of.iter().enumerate() {
            members.entry(r).or_default().push(i);
        }
        let own = members.iter().filter(|(_, ms)| is_own(mentions, ms)).map(|(&r, _)| r).collect();
        let partnership = mentions.iter().position(|m| m.kind == Kind::Partnership).map(|i| of[i]);
        Clusters { of, own, partnership }
    }

    fn is_body(&self, mention: usize) -> bool {
        let c = self.of[mention];
        self.own.contains(&c) || Some(c) == self.partnership
    }

    fn is_partnership(&self, mention: usize) -> bool {
        Some(self.of[mention]) == self.partnership
    }

    fn members(&self, cluster: usize) -> impl Iterator<Item = usize> + '_ {
        self.of.iter().enumerate().filter(move |(_, &r)| r == cluster).map(|(i, _)| i)
    }
}

/// "Schools and Early Years Schools Network" names two networks; where the second ("Early Years
/// Schools Network") is a body named on its own, the mention joins it instead of founding a third.
fn resolve_conjunctions(mentions: &mut [Mention]) {
    let keys: Vec<(Vec<String>, bool)> = mentions
        .iter()
        .map(|m| (m.key.clone(), m.kind == Kind::Body && m.creates && m.conjunct.is_none()))
        .collect();
    for (i, m) in mentions.iter_mut().enumerate() {
        let Some(second) = m.conjunct.take() else { continue };
        let named_alone = second.len() >= 2
            && keys.iter().enumerate().any(|(j, (k, founds))| j != i && *founds && *k == second);
        if named_alone {
            m.key = second;
            m.creates = false;
        }
    }
}

/// Whether two mentions name the same body.
fn same_body(a: &Mention, b: &Mention, ia: &(String, String), ib: &(String, String)) -> bool {
    use Kind::*;
    match (a.kind, b.kind) {
        (Partnership, Partnership) => true,
        (Acronym, Acronym) => a.name == b.name,
        (Acronym, Body) => acronym_names(&a.name, b, ib),
        (Body, Acronym) => acronym_names(&b.name, a, ia),
        (Body, Body) => {
            if !Head::compatible(a.head, b.head) {
                return false;
            }
            if a.acronym.is_some() && a.acronym == b.acronym {
                return true;
            }
            let acronym_of =
                |m: &Mention, i: &(String, String)| m.acronym.as_ref().is_some_and(|x| spells(x, i));
            if acronym_of(a, ib) || acronym_of(b, ia) {
                return true;
            }
            shortened(&a.key, &b.key, a, b) || shortened(&b.key, &a.key, b, a)
        }
        _ => false,
    }
}

/// A lone acronym stands for body `m`: its acronym, or the initials of its name.
fn acronym_names(acr: &str, m: &Mention, init: &(String, String)) -> bool {
    m.acronym.as_deref() == Some(acr) || spells(acr, init)
}

/// An acronym of three or more characters spells a name's initials ("L&D" → Learning and
/// Development, "PBG" → Business Management Group).
fn spells(acr: &str, init: &(String, String)) -> bool {
    let letters: String = acr.chars().filter(|c| c.is_alphanumeric()).collect();
    acr.chars().count() >= 3 && (letters == init.0 || letters == init.1)
}

/// `short` names the same body as `long`: the same words, the first words of it ("Missing
/// group" / "Harm work group"), or its last word ("QA subgroup" / "Practice QA subgroup").
fn shortened(short: &[String], long: &[String], s: &Mention, l: &Mention) -> bool {
    if short.is_empty() || short.len() > long.len() {
        return false;
    }
    if short == long {
        return true;
    }
    let headed = s.head.is_some() && l.head.is_some();
    let prefix = long.starts_with(short);
    let suffix = short.len() == 1 && long.ends_with(short) && s.head == l.head;
    headed && (prefix || suffix)
}

/// A cluster is an own body when one of its mentions founds it and none says the partnership
/// only takes part in it.
fn is_own(mentions: &[Mention], members: &[usize]) -> bool {
    let ms: Vec<&Mention> = members.iter().map(|&i| &mentions[i]).collect();
    if ms.iter().any(|m| matches!(m.kind, Kind::Partnership | Kind::Outside)) {
        return false;
    }
    let headed = ms.iter().any(|m| m.source == Source::Heading);
    if !headed && ms.iter().any(|m| m.veto == Veto::Participation) {
        return false;
    }
    ms.iter().any(|m| m.creates && m.veto == Veto::None)
}

// ---------------------------------------------------------------------------------------------
// Emitting bodies
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Stated {
    chair: Option<String>,
    meets: Option<String>,
    /// Reporting lines as printed, with the cluster each names.
    reports: Vec<(String, usize)>,
}

fn emit(scan: &Scan, cl: &Clusters, partnership: &Partnership) -> Vec<Body> {
    let mut stated: HashMap<usize, Stated> = HashMap::new();
    for fact in &scan.facts {
        for subject in resolve(fact, cl) {
            let entry = stated.entry(subject).or_default();
            match fact.kind {
                FactKind::Chair => {
                    entry.chair.get_or_insert_with(|| fact.value.clone());
                }
                FactKind::Meets => {
                    entry.meets.get_or_insert_with(|| fact.value.clone());
                }
                FactKind::ReportsTo => {
                    if let Some(t) = fact.target {
                        if cl.of[t] != subject {
                            entry.reports.push((scan.mentions[t].name.clone(), cl.of[t]));
                        }
                    }
                }
            }
        }
    }
    // (first mention, cluster, body): the cluster id breaks ties, so the order never depends
    // on hash-set iteration.
    let mut bodies: Vec<((usize, usize), usize, Body)> = Vec::new();
    for &c in &cl.own {
        let (order, body) = body_of(scan, cl, c, stated.get(&c));
        bodies.push((order, c, body));
    }
    if let Some(p) = cl.partnership {
        let reported_to =
            stated.iter().any(|(s, st)| cl.own.contains(s) && st.reports.iter().any(|(_, t)| *t == p));
        let st = stated.get(&p);
        if reported_to || st.is_some_and(|s| s.chair.is_some() || s.meets.is_some()) {
            let (order, mut body) = body_of(scan, cl, p, st);
            body.name = partnership.name.clone().unwrap_or(body.name);
            body.acronym = partnership.acronym.clone().or(body.acronym);
            body.reports_to = None;
            bodies.push((order, p, body));
        }
    }
    bodies.sort_by_key(|(order, c, _)| (*order, *c));
    bodies.into_iter().map(|(_, _, b)| b).collect()
}

/// The clusters a fact is about.
fn resolve(fact: &Fact, cl: &Clusters) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &(m, linked) in &fact.same {
        if !cl.is_body(m) {
            if out.is_empty() {
                continue;
            }
            break;
        }
        if out.is_empty() || linked {
            if !out.contains(&cl.of[m]) {
                out.push(cl.of[m]);
            }
        } else {
            break;
        }
    }
    if !out.is_empty() {
        return out;
    }
    if fact.anaphoric {
        if let Some(&m) = fact.prior.iter().find(|&&m| cl.is_body(m) && !cl.is_partnership(m)) {
            return vec![cl.of[m]];
        }
    }
    match &fact.fallback {
        Fallback::Section(Some(m)) if cl.is_body(*m) => vec![cl.of[*m]],
        Fallback::Row { leads, tasks } => row_subject(leads, tasks, cl).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// A table row's body: the one body of its lead cells, else the one body its tasks name.
fn row_subject(leads: &[usize], tasks: &[usize], cl: &Clusters) -> Option<usize> {
    let distinct = |ids: &[usize]| -> Vec<usize> {
        let mut v: Vec<usize> = ids.iter().filter(|&&m| cl.is_body(m)).map(|&m| cl.of[m]).collect();
        v.dedup();
        v.sort_unstable();
        v.dedup();
        v
    };
    let lead_bodies = distinct(leads);
    if !lead_bodies.is_empty() {
        return (lead_bodies.len() == 1 && Some(lead_bodies[0]) != cl.partnership).then(|| lead_bodies[0]);
    }
    let task_bodies: Vec<usize> =
        distinct(tasks).into_iter().filter(|&c| Some(c) != cl.partnership).collect();
    (task_bodies.len() == 1).then(|| task_bodies[0])
}

fn body_of(scan: &Scan, cl: &Clusters, c: usize, st: Option<&Stated>) -> ((usize, usize), Body) {
    let members: Vec<&Mention> = cl.members(c).map(|i| &scan.mentions[i]).collect();
    let named = best_name(&members);
    let acronym = cluster_acronym(scan, &members, &named.name);
    let first = members.iter().map(|m| m.order).min().unwrap_or_default();
    let body = Body {
        name: named.name.clone(),
        acronym,
        chair: st.and_then(|s| s.chair.clone()),
        meets: st.and_then(|s| s.meets.clone()),
        reports_to: st.and_then(|s| majority(&s.reports)),
        evidence: named.evidence.clone(),
    };
    (first, body)
}

/// The name to print: written out rather than an acronym, mixed case rather than capitals,
/// from the strongest source, the most often printed, the fullest.
fn best_name<'m>(members: &[&'m Mention]) -> &'m Mention {
    let founders: Vec<&Mention> =
        members.iter().copied().filter(|m| m.creates && m.kind == Kind::Body).collect();
    let pool = if founders.is_empty() { members.to_vec() } else { founders };
    let count = |m: &Mention| pool.iter().filter(|o| o.name.eq_ignore_ascii_case(&m.name)).count();
    let shouting =
        |m: &Mention| m.name.split_whitespace().count() > 1 && !m.name.chars().any(char::is_lowercase);
    let acronym_only = |m: &Mention| m.kind == Kind::Acronym || single_acronym(&m.name, m.head).is_some();
    pool.iter()
        .copied()
        .min_by_key(|m| {
            (
                shouting(m),
                acronym_only(m),
                m.source,
                std::cmp::Reverse(count(m)),
                std::cmp::Reverse(m.name.split_whitespace().count()),
                m.order,
            )
        })
        .expect("a cluster has members")
}

fn cluster_acronym(scan: &Scan, members: &[&Mention], name: &str) -> Option<String> {
    // An acronym printed in brackets after the name outweighs one read off "ACR Group".
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in members {
        let acr = m.acronym.as_deref().or((m.kind == Kind::Acronym).then_some(m.name.as_str()));
        if let Some(a) = acr {
            *counts.entry(a).or_default() += if m.acronym_defined { 3 } else { 1 };
        }
    }
    let best =
        counts.into_iter().max_by_key(|(a, n)| (*n, std::cmp::Reverse(*a))).map(|(a, _)| a.to_string());
    best.or_else(|| {
        scan.acronyms.iter().find(|(_, exp)| similarity(exp, name) >= 0.9).map(|(a, _)| a.clone())
    })
}

/// The reporting line printed most often (first printed on a tie).
fn majority(reports: &[(String, usize)]) -> Option<String> {
    let mut best: Option<(&str, usize)> = None;
    for (name, _) in reports {
        let n = reports.iter().filter(|(o, _)| o.eq_ignore_ascii_case(name)).count();
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((name, n));
        }
    }
    best.map(|(name, _)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::Context;

    fn bodies(text: &str, partnership: (&str, &str)) -> Vec<Body> {
        let doc = sgx_read::read(text.as_bytes(), "t.md").unwrap();
        let ctx = Context::new(&doc);
        let p = Partnership {
            name: Some(partnership.0.into()),
            acronym: Some(partnership.1.into()),
            evidence: None,
        };
        let actions = crate::actions::recognise(&ctx);
        let glossary = crate::glossary::recognise(&ctx);
        recognise(&ctx, &p, &actions, &glossary)
    }

    fn find<'b>(bodies: &'b [Body], name: &str) -> &'b Body {
        bodies.iter().find(|b| b.name == name).unwrap_or_else(|| panic!("no body {name} in {bodies:#?}"))
    }

    const P: (&str, &str) = ("Westshire Safeguarding Children Partnership", "WSCP");

    #[test]
    fn heading_body_with_chair_meets_and_reporting_line() {
        let text = "# Westshire Safeguarding Children Partnership\n\n\
            ### The Audit and Assurance Group (AAG):\n\n\
            The group meets six times per year. In 2023 the AAG was chaired by the Head of Quality, Jo Bloggs in 23/24. \
            The chair reports directly to the Strategic Oversight Board.\n";
        let b = bodies(text, P);
        let aag = find(&b, "Audit and Assurance Group");
        assert_eq!(aag.acronym.as_deref(), Some("AAG"));
        assert_eq!(aag.meets.as_deref(), Some("six times per year"));
        assert_eq!(aag.chair.as_deref(), Some("Head of Quality, Jo Bloggs"));
        assert_eq!(aag.reports_to.as_deref(), Some("Strategic Oversight Board"));
        assert!(b.iter().any(|x| x.name == "Strategic Oversight Board"));
    }

    #[test]
    fn outside_organisations_are_not_bodies() {
        let text = "The Westshire Safeguarding Children Partnership works with the Integrated Care Board, \
            the Clinical Commissioning Group and the Eastshire Safeguarding Children Partnership. \
            The council's improvement is overseen by the Recovery Board, chaired by a commissioner appointed by \
            the Department for Education. The partnership is represented on the Regional Housing Forum. \
            The Learning Review Subgroup meets monthly.\n";
        let b = bodies(text, P);
        let names: Vec<&str> = b.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, vec!["Learning Review Subgroup"], "{b:#?}");
        assert_eq!(b[0].meets.as_deref(), Some("monthly"));
    }

    #[test]
    fn mentions_of_one_body_are_merged() {
        let text = "## Neglect Practice Review Subgroup\n\n\
            The NPR subgroup reviews cases. Reports from the Neglect Practice Review Sub-Group go to the Board.\n\n\
            The Neglect Practice Review Subgroup (NPRS) met eight times.\n";
        let b = bodies(text, P);
        assert_eq!(b.iter().filter(|x| x.name.contains("Neglect")).count(), 1, "{b:#?}");
        assert_eq!(find(&b, "Neglect Practice Review Subgroup").acronym.as_deref(), Some("NPRS"));
    }

    #[test]
    fn structure_chart_lines() {
        let text = "## Westshire Executive Board\n\nIndependent Chair, Council, Police\n\nMeet quarterly\n\n\
            ## Practice Group\n\nIndependent Chair\n\nMeet twice per year\n\nHarmful Behaviour\n\nOnline Safety Group\n\n\
            Youth\nVoice\nForum\n\nMeet termly\n";
        let b = bodies(text, P);
        let exec = find(&b, "Westshire Executive Board");
        assert_eq!(
            (exec.chair.as_deref(), exec.meets.as_deref()),
            (Some("Independent Chair"), Some("quarterly"))
        );
        let practice = find(&b, "Practice Group");
        assert_eq!(practice.meets.as_deref(), Some("twice per year"));
        find(&b, "Harmful Behaviour");
        find(&b, "Online Safety Group");
        assert_eq!(find(&b, "Youth Voice Forum").meets.as_deref(), Some("termly"));
    }

    #[test]
    fn subgroup_column_and_measures() {
        let text = "| Priority | Description | Links to subgroups |\n|---|---|---|\n\
            | 1 | Reduce harm | QA Groups PLR Group |\n| 2 | Early help | EHG CRG |\n\nThe action plan follows.\n\n\
            | Action | Who will lead | How will we know |\n|---|---|---|\n\
            | Audit referrals | Referrals subgroup | Referrals subgroup report to BMG |\n\
            | Train staff | Partnership Manager/ Workforce Group | Report to BMG |\n";
        let b = bodies(text, P);
        for name in ["QA Groups", "PLR Group", "EHG", "CRG"] {
            find(&b, name);
        }
        assert_eq!(find(&b, "Referrals subgroup").reports_to.as_deref(), Some("BMG"));
        assert_eq!(find(&b, "Workforce Group").reports_to.as_deref(), Some("BMG"));
        assert!(!b.iter().any(|x| x.name.contains("Manager")));
    }

    #[test]
    fn partnership_listed_only_with_stated_facts() {
        let quiet =
            bodies("The WSCP publishes this plan. The Case Review Panel reports to the Strategy Group.\n", P);
        assert!(!quiet.iter().any(|x| x.acronym.as_deref() == Some("WSCP")), "{quiet:#?}");
        let chaired = bodies("The Board is led by an Independent Chair. The Board meets quarterly.\n", P);
        let p = chaired.iter().find(|x| x.acronym.as_deref() == Some("WSCP")).expect("partnership listed");
        assert_eq!(p.chair.as_deref(), Some("Independent Chair"));
        assert_eq!(p.meets.as_deref(), Some("quarterly"));
    }

    #[test]
    fn coordinated_subjects_share_a_chair_and_future_bodies_are_left_out() {
        let text =
            "The Chief Officers' Group agreed the plan. The chief officer group and executive board of the \
            partnership are chaired independently of the partners. Reports go to the Executive Board. \
            Next year a new Transitions Subgroup will be established.\n";
        let b = bodies(text, P);
        assert_eq!(
            find(&b, "Chief Officers' Group").chair.as_deref(),
            Some("chaired independently of the partners")
        );
        assert!(find(&b, "Executive Board").chair.is_some());
        assert!(!b.iter().any(|x| x.name.contains("Transitions")), "{b:#?}");
    }

    #[test]
    fn listed_subgroups_report_to_the_announced_body() {
        let text = "The Delivery Group is chaired by the Partnership Manager and meets monthly.\n\n\
            Three subgroups report to the Delivery Group:\n\n\
            - Harm Outside the Home\n\
            - Learning Reviews, chaired by the Head of Service\n\
            - the Early Help Subgroup, which meets quarterly\n\n\
            All subgroups report to the Delivery Group in writing.\n";
        let b = bodies(text, P);
        let delivery = find(&b, "Delivery Group");
        assert_eq!(
            (delivery.chair.as_deref(), delivery.meets.as_deref()),
            (Some("Partnership Manager"), Some("monthly"))
        );
        for name in ["Harm Outside the Home", "Learning Reviews", "Early Help Subgroup"] {
            assert_eq!(find(&b, name).reports_to.as_deref(), Some("Delivery Group"), "{name}");
        }
        assert_eq!(find(&b, "Learning Reviews").chair.as_deref(), Some("Head of Service"));
        assert_eq!(find(&b, "Early Help Subgroup").meets.as_deref(), Some("quarterly"));
        assert!(!b.iter().any(|x| x.name.contains("Partnership Manager")), "{b:#?}");
    }

    #[test]
    fn structure_table_gives_chair_frequency_and_line() {
        let text = "| Group | Chair | Frequency | Reports to |\n|---|---|---|---|\n\
            | Audit Subgroup | Named Nurse | Bi-monthly | Business Group |\n\
            | Case Review Panel | Detective Inspector | Monthly | Executive Board |\n";
        let b = bodies(text, P);
        let audit = find(&b, "Audit Subgroup");
        assert_eq!(audit.chair.as_deref(), Some("Named Nurse"));
        assert_eq!(audit.meets.as_deref(), Some("Bi-monthly"));
        assert_eq!(audit.reports_to.as_deref(), Some("Business Group"));
        assert_eq!(find(&b, "Case Review Panel").reports_to.as_deref(), Some("Executive Board"));
    }
}
