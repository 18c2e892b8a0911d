//! The partnership's name: "<place> Safeguarding Children Partnership" and the genre's other
//! body names, with the place read from the capitalised words around them.
//!
//! **Forms.** The place before the body ("Kingston upon Thames Safeguarding Children Board",
//! "City of York Safeguarding Children Partnership") or after a place-less body ("Local
//! Safeguarding Children Board Kingston upon Thames"); possessive and plural bodies
//! ("Children's Partnership", "Partnerships"); a name broken over the lines of a cover (the
//! title region is read as one text); all-caps covers (re-cased).
//!
//! **Not a name.** A body with no place ("the Local Safeguarding Children Board"), a place
//! that is a descriptor or page furniture ("Strategic", "About Us"), a lower-case body
//! ("Bexley's safeguarding partnership" describes, it does not name), and an outside body
//! named once where the document's own acronym says otherwise.

use std::collections::BTreeMap;

use regex_lite::Regex;

use crate::util::Cued;

/// The genre's body names, matched case-insensitively and then checked for capitals.
static BODY: Cued = Cued::new(&["safeguarding"], || {
    Regex::new(
        r"(?xi)\b(?:
            (?:local\s+)?safeguarding\s+children(?:'s|’s)?(?:\s+and\s+young\s+people(?:'s|’s)?)?
                \s+(?:partnership|board)s?(?:\s+board)?
          | children(?:'s|’s)?\s+safeguarding\s+(?:partnership|board)s?(?:\s+board)?
          | (?:children\s+and\s+adults\s+)?safeguarding\s+partnership(?:\s+board)?
                (?:\s+for\s+children(?:\s+and\s+young\s+people)?)?
        )\b",
    )
    .unwrap()
});

/// Words that join the words of a place: "Kingston upon Thames", "City of York".
const CONNECTORS: &[&str] = &["and", "&", "upon", "on", "of", "in"];

/// Capitalised words that are never part of a place: articles, page furniture, document
/// words and descriptors of a body.
const NOT_PLACE: &[&str] = &[
    "the",
    "this",
    "our",
    "a",
    "an",
    "its",
    "their",
    "your",
    "welcome",
    "to",
    "about",
    "us",
    "home",
    "contact",
    "contents",
    "foreword",
    "introduction",
    "appendix",
    "section",
    "chapter",
    "page",
    "annual",
    "report",
    "review",
    "business",
    "plan",
    "workplan",
    "strategy",
    "strategic",
    "statutory",
    "local",
    "joint",
    "new",
    "current",
    "former",
    "previous",
    "all",
    "each",
    "every",
    "members",
    "member",
    "partners",
    "chair",
    "chairs",
    "independent",
    "by",
    "from",
    "with",
    "for",
    "as",
    "at",
    "is",
    "are",
    "was",
    "were",
    "work",
    "working",
    "multi-agency",
    "interim",
    "draft",
    "final",
    "regional",
    "national",
    "toggle",
    "contrast",
    "logo",
    "menu",
    "search",
    "agenda",
    "item",
    "minutes",
    "safeguarding",
    "children",
    "children's",
    "children’s",
    "board",
    "partnership",
    "executive",
    "arrangements",
    "priorities",
    "priority",
    "vision",
    "meeting",
    "meetings",
    "website",
    "newsletter",
    "conference",
    "group",
    "groups",
    "sub-group",
    "subgroup",
    "committee",
    "manager",
    "officer",
    "team",
    "unit",
    "office",
    "hub",
    "panel",
    "forum",
    "network",
    "training",
];

/// The most capitalised words a place has ("Cambridgeshire and Peterborough" has two).
const PLACE_WORDS: usize = 5;

/// One printing of a name.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The name as printed, re-cased when the source is all capitals.
    pub name: String,
    pub block: usize,
    /// The line of the title region it was printed on, if printed there.
    pub front_line: Option<usize>,
}

/// Every name printed in the blocks' texts, each block read alone and the first
/// `front_blocks` (the title region) also read as one text, so a name broken over the blocks
/// of a cover reads whole.
pub fn mentions(texts: &[String], front_blocks: usize) -> Vec<Mention> {
    let mut out = Vec::new();
    let front = texts.iter().take(front_blocks).cloned().collect::<Vec<_>>().join("\n");
    // The block each byte of the title region comes from.
    let mut starts = Vec::new();
    let mut at = 0;
    for t in texts.iter().take(front_blocks) {
        starts.push(at);
        at += t.len() + 1;
    }
    let block_at = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    collect(&front, &block_at, true, &mut out);
    for (i, t) in texts.iter().enumerate() {
        collect(t, &|_| i, false, &mut out);
    }
    out
}

fn collect(text: &str, block_at: &dyn Fn(usize) -> usize, in_front: bool, out: &mut Vec<Mention>) {
    for m in BODY.find_iter(text) {
        let block = block_at(m.start());
        let front_line = in_front.then(|| text[..m.start()].matches('\n').count());
        let body = m.as_str();
        if !is_capitalised(body) {
            continue;
        }
        let place = place_before(&text[..m.start()]).or_else(|| place_after(&text[m.end()..]));
        let Some((place, place_first)) = place else { continue };
        let name = if place_first { format!("{place} {body}") } else { format!("{body} {place}") };
        let name = recase(&sgx_ir::normalize_ws(&name));
        out.push(Mention { name, block, front_line });
    }
}

/// Every word of the body that is not a joining word starts with a capital.
fn is_capitalised(body: &str) -> bool {
    body.split_whitespace()
        .filter(|w| !CONNECTORS.contains(&w.to_lowercase().as_str()) && *w != "for")
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Punctuation that ends a place when it follows a word, or opens one when it leads.
fn is_edge_punctuation(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '‘' | '\'')
}

fn is_place_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && !NOT_PLACE.contains(&w.to_lowercase().as_str())
        && !w.ends_with("'s")
        && !w.ends_with("’s")
        && !w.chars().any(|c| c.is_ascii_digit())
}

/// The capitalised words just before a body, stopping at the first word that is not part
/// of a place. The place may start on an earlier line only where that whole line is place
/// words (a cover printing "ELM VALE" above "SAFEGUARDING CHILDREN BOARD"), so the end of a
/// sentence on the line before never joins the place.
fn place_before(text: &str) -> Option<(String, bool)> {
    let mut taken: Vec<&str> = Vec::new();
    for (n, line) in text.rsplit('\n').enumerate() {
        let (line_taken, whole_line) = place_words_before(line, PLACE_WORDS - capitals(&taken));
        if n == 0 {
            taken.extend(line_taken);
            if !whole_line {
                break;
            }
        } else if whole_line && !line_taken.is_empty() {
            taken.extend(line_taken);
        } else {
            break;
        }
    }
    // A place starts with a capitalised word, not a joining word.
    while taken.last().is_some_and(|w| is_connector(w)) {
        taken.pop();
    }
    taken.reverse();
    (!taken.is_empty()).then(|| (taken.join(" "), true))
}

fn is_connector(w: &str) -> bool {
    CONNECTORS.contains(&w.to_lowercase().as_str())
}

fn capitals(words: &[&str]) -> usize {
    words.iter().filter(|w| !is_connector(w)).count()
}

/// The place words at the end of one line, last first, and whether they make the whole line.
fn place_words_before(line: &str, room: usize) -> (Vec<&str>, bool) {
    let mut taken = Vec::new();
    let mut capitals = 0;
    // From the end, word by word: a line may be a whole flattened document.
    for w in line.split_whitespace().rev() {
        if w.ends_with(is_edge_punctuation) {
            return (taken, false);
        }
        // "(Elm Vale ..." : the bracket opens the place.
        let bare = w.trim_start_matches(is_edge_punctuation);
        if is_place_word(bare) && capitals < room {
            taken.push(bare);
            capitals += 1;
            if bare.len() != w.len() {
                return (taken, false);
            }
        } else if is_connector(w) && capitals > 0 {
            taken.push(w);
        } else {
            return (taken, false);
        }
    }
    (taken, true)
}

/// The capitalised words just after a place-less body ("... Children Board Kingston upon
/// Thames"), stopping at the first word that is not part of a place.
fn place_after(text: &str) -> Option<(String, bool)> {
    let mut taken: Vec<&str> = Vec::new();
    let mut capitals = 0;
    for w in text.split_whitespace() {
        if w.starts_with(is_edge_punctuation) {
            break;
        }
        // "... Board Kingston upon Thames, which": the comma closes the place.
        let bare = w.trim_end_matches(|c: char| is_edge_punctuation(c) || c == '.');
        if is_place_word(bare) && capitals < PLACE_WORDS {
            taken.push(bare);
            capitals += 1;
            if bare.len() != w.len() {
                break;
            }
        } else if CONNECTORS.contains(&w.to_lowercase().as_str()) && capitals > 0 {
            taken.push(w);
        } else {
            break;
        }
    }
    while taken.last().is_some_and(|w| CONNECTORS.contains(&w.to_lowercase().as_str())) {
        taken.pop();
    }
    (!taken.is_empty()).then(|| (taken.join(" "), false))
}

/// An all-capitals name in title case; acronyms (short words without a vowel, such as "LLR",
/// and dotted ones) are kept, joining words lower-cased.
/// A word of capitals without a vowel, up to this long, is an acronym.
const ACRONYM_LETTERS: usize = 6;

pub fn recase(s: &str) -> String {
    let has_lower = s.chars().any(char::is_lowercase);
    let shouting =
        s.split_whitespace().any(|w| w.chars().count() > 3 && w.chars().all(|c| !c.is_lowercase()));
    if has_lower && !shouting {
        return s.to_string();
    }
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            if CONNECTORS.contains(&lower.as_str()) {
                return lower;
            }
            // "LLR", "LBBD", "RBKC": capitals without a vowel are an acronym, never a place.
            let acronym =
                w.chars().count() <= ACRONYM_LETTERS && !w.chars().any(|c| "AEIOUaeiou".contains(c));
            if acronym || w.contains('.') || w.chars().any(char::is_lowercase) {
                return w.to_string();
            }
            let mut cs = lower.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key under which spellings of one name meet: lower case, apostrophes, "&" and plural
/// bodies evened out.
pub fn key(name: &str) -> String {
    let lower = name.to_lowercase().replace('’', "'").replace(" & ", " and ");
    let lower = lower.replace("children's", "children");
    lower
        .strip_suffix('s')
        .filter(|k| k.ends_with("partnership") || k.ends_with("board"))
        .unwrap_or(&lower)
        .to_string()
}

/// Names with their weights: a printing in the title region counts [`FRONT_WEIGHT`], any
/// other printing one. A place that extends another's ("Newcastle upon Tyne" and
/// "Newcastle") is one partnership, spelled the fuller way.
pub const FRONT_WEIGHT: f32 = 3.0;

/// The genre's generic acronyms and what they stand for: "Slough LSCB" is the Slough Local
/// Safeguarding Children Board.
const GENERIC_ACRONYMS: &[(&str, &str)] = &[
    ("LSCB", "Local Safeguarding Children Board"),
    ("LSCP", "Local Safeguarding Children Partnership"),
    ("SCB", "Safeguarding Children Board"),
    ("SCP", "Safeguarding Children Partnership"),
];

/// A name printed only as a place before a generic acronym ("SLOUGH LSCB CONTEXT", "the
/// Slough LSCB Board"): the place with the acronym spelt out, from the place printed most
/// often so (the earliest on a tie), and the block it was first printed in.
pub fn place_with_generic_acronym(texts: &[String]) -> Option<(String, usize)> {
    let mut seen: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut order = 0;
    for (block, text) in texts.iter().enumerate() {
        for (at, word) in crate::util::ascii_words(text) {
            let Some(&(_, expansion)) = GENERIC_ACRONYMS.iter().find(|(a, _)| *a == word) else { continue };
            let Some((place, _)) = place_before(&text[..at]) else { continue };
            let name = recase(&format!("{place} {expansion}"));
            let e = seen.entry(name).or_insert((0, order, block));
            e.0 += 1;
            order += 1;
        }
    }
    seen.into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(name, (_, _, block))| (name, block))
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub name: String,
    pub weight: f32,
    pub printings: usize,
    /// The first line of the title region printing it.
    pub front_line: Option<usize>,
    pub first_block: usize,
}

pub fn candidates(mentions: &[Mention]) -> Vec<Candidate> {
    let mut by_key: BTreeMap<String, Candidate> = BTreeMap::new();
    for m in mentions {
        let c = by_key.entry(key(&m.name)).or_insert_with(|| Candidate {
            name: m.name.clone(),
            weight: 0.0,
            printings: 0,
            front_line: None,
            first_block: m.block,
        });
        c.weight += if m.front_line.is_some() { FRONT_WEIGHT } else { 1.0 };
        if m.front_line.is_none() {
            c.printings += 1;
        }
        c.front_line = match (c.front_line, m.front_line) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        c.first_block = c.first_block.min(m.block);
        // Prefer a spelling with lower-case letters to an all-caps running title.
        if !c.name.chars().any(char::is_lowercase) {
            c.name = m.name.clone();
        }
    }
    let mut list: Vec<Candidate> = by_key.into_values().collect();
    merge_extended_places(&mut list);
    list
}

/// "Newcastle Local Safeguarding Children Board" joins "Newcastle upon Tyne Local
/// Safeguarding Children Board": same body, one place the start of the other.
fn merge_extended_places(list: &mut Vec<Candidate>) {
    let mut i = 0;
    while i < list.len() {
        let fuller = (0..list.len()).find(|&j| j != i && extends(&list[j].name, &list[i].name));
        match fuller {
            Some(j) => {
                let short = list.remove(i);
                let j = if j > i { j - 1 } else { j };
                list[j].weight += short.weight;
                list[j].printings += short.printings;
                list[j].front_line = match (list[j].front_line, short.front_line) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                list[j].first_block = list[j].first_block.min(short.first_block);
                i = 0;
            }
            None => i += 1,
        }
    }
}

/// `long` is `short` with more place words after the first one(s).
fn extends(long: &str, short: &str) -> bool {
    let (lk, sk) = (key(long), key(short));
    let (lw, sw): (Vec<&str>, Vec<&str>) = (lk.split(' ').collect(), sk.split(' ').collect());
    if lw.len() <= sw.len() || lw[0] != sw[0] {
        return false;
    }
    // Same ending (the body), the short one's place a prefix of the long one's.
    let tail = sw.len() - 1;
    lw[lw.len() - tail..] == sw[1..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let texts = vec![text.to_string()];
        mentions(&texts, 0).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn the_place_before_or_after_the_body() {
        assert_eq!(
            names("the Ashby Vale Safeguarding Children Partnership (AVSCP) was"),
            ["Ashby Vale Safeguarding Children Partnership"]
        );
        assert_eq!(
            names("Welcome to Marsh upon Dene Safeguarding Children Board"),
            ["Marsh upon Dene Safeguarding Children Board"]
        );
        assert_eq!(
            names("LOCAL SAFEGUARDING CHILDREN BOARD FENWICK UPON SEA ANNUAL BUSINESS PLAN"),
            ["Local Safeguarding Children Board Fenwick upon Sea"]
        );
        assert_eq!(
            names("TOLLBRIDGE SAFEGUARDING CHILDREN PARTNERSHIPS BUSINESS PLAN"),
            ["Tollbridge Safeguarding Children Partnerships"]
        );
        assert_eq!(
            names("Toggle Contrast About Us The Elmstead Safeguarding Children Partnership (SCP)"),
            ["Elmstead Safeguarding Children Partnership"]
        );
        // A board of the partnership names the partnership in full.
        assert_eq!(
            names("the Report of the Kestrel Vale Children's Safeguarding Partnership Board 2021-22"),
            ["Kestrel Vale Children's Safeguarding Partnership Board"]
        );
        assert_eq!(
            names("minutes of the Orme Safeguarding Partnership Board held on"),
            ["Orme Safeguarding Partnership Board"]
        );
    }

    #[test]
    fn acronyms_keep_their_capitals_when_a_name_is_recased() {
        assert_eq!(recase("RBKC Safeguarding Children Board"), "RBKC Safeguarding Children Board");
        assert_eq!(recase("WESTMOOR Safeguarding Children Board"), "Westmoor Safeguarding Children Board");
        assert_eq!(recase("LLR SAFEGUARDING CHILDREN PARTNERSHIP"), "LLR Safeguarding Children Partnership");
    }

    #[test]
    fn a_place_before_a_generic_acronym() {
        let texts = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let found = place_with_generic_acronym(&texts(&[
            "Local Safeguarding Children Board",
            "2. KESTREL VALE LSCB CONTEXT",
            "the Kestrel Vale LSCB Board met",
        ]));
        assert_eq!(found, Some(("Kestrel Vale Local Safeguarding Children Board".to_string(), 1)));
        assert_eq!(place_with_generic_acronym(&texts(&["Our LSCB met", "The LSCB agreed"])), None);
    }

    #[test]
    fn descriptions_and_generic_bodies_are_no_names() {
        assert!(names("the report of the Local Safeguarding Children Board (LSCB)").is_empty());
        assert!(names("the architecture of Elmstead's safeguarding partnership").is_empty());
        assert!(names("the Strategic Safeguarding Partnership met").is_empty());
    }

    #[test]
    fn a_fuller_place_absorbs_the_short_one() {
        let texts = vec![
            "Dunmore upon Wyre Local Safeguarding Children Board".to_string(),
            "Dunmore Local Safeguarding Children Board".to_string(),
            "Dunmore Local Safeguarding Children Board".to_string(),
        ];
        let list = candidates(&mentions(&texts, 0));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Dunmore upon Wyre Local Safeguarding Children Board");
        assert_eq!(list[0].printings, 3);
    }
}
