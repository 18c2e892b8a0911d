//! Turning a span into a mention: what kind of name it is, the key that tells its body
//! apart, and how its context weakens it as evidence of an own body.

use std::collections::BTreeMap;

use sgx_model::{Evidence, Partnership};

use super::names::Span;
use super::phrases::{AUDIENCE_LIST, EXTERNAL_SENTENCE, FUTURE, PARTICIPATION, WEAK_CONTEXT};
use super::unit::Unit;
use super::vocab::{head_of, is_acronym, lower_in, Head, CONNECTORS, GENERIC, NOT_A_BODY, OUTSIDE};
use crate::util::similarity;
use crate::vocab::is_month;

/// A board or partnership whose name shares at least this much of the partnership's name
/// (Dice over words) is the partnership.
const PARTNERSHIP_NAME_SIMILARITY: f32 = 0.8;

/// Where a mention was read, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    Heading,
    Chart,
    /// A subgroup column of a table, an entry of a table of contents.
    Column,
    /// An item of a list announced as the partnership's own groups.
    Listed,
    /// A lead / responsibility cell.
    Lead,
    Prose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
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
pub(super) enum Veto {
    None,
    /// Attended, worked with, named in a sentence about an outside organisation.
    Weak,
    /// Announced for the future.
    Future,
    /// The partnership is "represented on" it.
    Participation,
}

#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) name: String,
    pub(super) acronym: Option<String>,
    /// The acronym was printed in brackets with the name.
    pub(super) acronym_defined: bool,
    pub(super) key: Vec<String>,
    pub(super) head: Option<Head>,
    pub(super) kind: Kind,
    pub(super) source: Source,
    /// May found a body on its own (else it only joins one).
    pub(super) creates: bool,
    pub(super) veto: Veto,
    pub(super) evidence: Evidence,
    /// Where it was read: block, row within the block (or action row), token within the unit.
    pub(super) order: (usize, usize, usize),
    /// For "A and B Group": the key of "B Group", which may be a body of its own.
    pub(super) conjunct: Option<Vec<String>>,
}

/// What a name is read against: the partnership and the acronyms the document defines.
pub(super) struct Namer<'p> {
    pub(super) partnership: &'p Partnership,
    /// Acronym → expansion, from the glossary and "Name (ACR)" in the text.
    pub(super) acronyms: BTreeMap<String, String>,
}

impl Namer<'_> {
    /// Turn a span into a mention; `None` for names that refer to no body (plural collections
    /// in prose, generic words).
    pub(super) fn mention(
        &self,
        unit: &Unit,
        span: &Span,
        source: Source,
        ev: Evidence,
        order: (usize, usize),
    ) -> Option<Mention> {
        // "Partnership Manager", "Subgroup chairs": a person, never a subject or a body.
        if span.role {
            return None;
        }
        let kind = self.classify(span, source)?;
        let own_named = self.own_acronym_inside(unit, span);
        let name = own_named.clone().unwrap_or_else(|| self.without_own_conjunct(&span.name));
        let key = self.key_of(&name);
        let acronym = match own_named {
            Some(_) => None,
            None => span.acronym.clone().or_else(|| single_acronym(&span.name, span.head)),
        };
        let creates = match kind {
            Kind::Acronym => matches!(source, Source::Column | Source::Listed | Source::Chart),
            _ => span.has_cap,
        };
        let veto = veto_of(unit, span);
        Some(Mention {
            name,
            acronym_defined: acronym.is_some() && span.acronym.is_some(),
            acronym,
            key,
            head: span.head,
            kind,
            source,
            creates,
            veto,
            evidence: ev,
            order: (order.0, order.1, span.first),
            conjunct: self.conjunct_key(span),
        })
    }

    /// "Westshire Safeguarding Children Partnership (WSCP) Executive" → "WSCP Executive": the
    /// partnership's acronym printed inside a name stands for the words before it.
    pub(super) fn own_acronym_inside(&self, unit: &Unit, span: &Span) -> Option<String> {
        let own = self.partnership.acronym.as_deref()?;
        let (from, to) = (unit.toks[span.first].start, unit.toks[span.last].end);
        let (_, end, _) = unit.parens.iter().find(|(s, e, a)| *s > from && *e < to && a == own)?;
        Some(format!("{own} {}", sgx_ir::normalize_ws(&unit.work[*end..to])))
    }

    /// "the XSCB and Business Committee": the partnership and a body of its, not one name.
    pub(super) fn without_own_conjunct(&self, name: &str) -> String {
        let Some(own) = self.partnership.acronym.as_deref() else { return name.to_string() };
        [" and ", " & "]
            .iter()
            .find_map(|joint| name.strip_prefix(own).and_then(|rest| rest.strip_prefix(joint)))
            .unwrap_or(name)
            .to_string()
    }

    pub(super) fn classify(&self, span: &Span, source: Source) -> Option<Kind> {
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
            // A board or partnership the text lists among the partnership's own groups.
            (true, false) if source == Source::Listed => Some(Kind::Body),
            // "Domestic Abuse Partnership Board": the board of another partnership.
            (true, false) if words_before_head(&span.name).iter().any(|w| w == "partnership") => {
                Some(Kind::Outside)
            }
            (false, true) => None,
            _ if span.head == Some(Head::Partnership) && source != Source::Listed => Some(Kind::Outside),
            _ => Some(Kind::Body),
        }
    }

    pub(super) fn conjunct_key(&self, span: &Span) -> Option<Vec<String>> {
        if span.head.is_none() || span.bare {
            return None;
        }
        let at = span.name.rfind(" and ").map(|p| p + 5).or_else(|| span.name.rfind(" & ").map(|p| p + 3))?;
        Some(self.key_of(&span.name[at..]))
    }

    pub(super) fn distinct_board(&self, span: &Span, safeguarding: bool) -> bool {
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

    pub(super) fn is_partnership(&self, span: &Span) -> bool {
        let p = self.partnership;
        // "The Westshire Safeguarding Children Partnership (WSCP) Executive": its executive.
        if span.head == Some(Head::Executive) {
            return false;
        }
        if p.acronym.is_some() && span.acronym == p.acronym {
            return true;
        }
        // "Children's" and "Children’s" are one word.
        let plain = |s: &str| s.replace('’', "'");
        let named = p
            .name
            .as_deref()
            .is_some_and(|n| similarity(&plain(n), &plain(&span.name)) >= PARTNERSHIP_NAME_SIMILARITY);
        named && matches!(span.head, Some(Head::Board | Head::Partnership))
    }

    /// The words that tell a body apart: acronyms expanded, the final head word, connectors
    /// and the partnership's own acronym dropped, plurals made singular.
    pub(super) fn key_of(&self, name: &str) -> Vec<String> {
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

pub(super) fn plain_words(s: &str) -> Vec<String> {
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
pub(super) fn content_words(name: &str, own_acronym: Option<&str>) -> Vec<String> {
    let own = own_acronym.map(str::to_lowercase);
    plain_words(name)
        .into_iter()
        .filter(|w| (w == "executive" || head_of(w).is_none()) && Some(w) != own.as_ref() && w != "sub")
        .collect()
}

/// The lower-case words of a name before its final head word.
pub(super) fn words_before_head(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    words.pop();
    words
}

/// "CEMG group" → CEMG: a name that is one acronym and a head word.
pub(super) fn single_acronym(name: &str, head: Option<Head>) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let body: Vec<&str> =
        words.iter().copied().filter(|w| head_of(w).is_none() && !w.eq_ignore_ascii_case("sub")).collect();
    (head.is_some() && body.len() == 1 && is_acronym(body[0])).then(|| body[0].to_string())
}

/// The initials of a name, with and without its final head word ("Business Management
/// Group" → BMG, BM). Acronym words give all their letters ("EH Programme Board" → EHPB).
pub(super) fn initials(name: &str) -> (String, String) {
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
pub(super) fn veto_of(unit: &Unit, span: &Span) -> Veto {
    let start = unit.toks[span.first].start;
    let s = unit.sentence_of(start);
    let before = &unit.work[unit.sent_start.get(s).copied().unwrap_or(0)..start];
    let sentence = unit.sentence_text(s);
    if PARTICIPATION.is_match(before) {
        Veto::Participation
    } else if FUTURE.is_match(sentence) {
        Veto::Future
    } else if WEAK_CONTEXT.is_match(before)
        || AUDIENCE_LIST.is_match(before)
        || EXTERNAL_SENTENCE.is_match(sentence)
    {
        Veto::Weak
    } else {
        Veto::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_with_and_without_the_head_word() {
        assert_eq!(initials("Business Management Group"), ("BMG".into(), "BM".into()));
        assert_eq!(initials("Learning and Development Subgroup"), ("LDS".into(), "LD".into()));
        // An acronym word gives all its letters.
        assert_eq!(initials("EH Programme Board"), ("EHPB".into(), "EHP".into()));
    }

    #[test]
    fn key_of_expands_acronyms_and_drops_the_head_and_own_acronym() {
        let partnership = Partnership { acronym: Some("MSCP".into()), ..Partnership::default() };
        let acronyms = BTreeMap::from([("QA".to_string(), "Quality Assurance".to_string())]);
        let namer = Namer { partnership: &partnership, acronyms };
        assert_eq!(namer.key_of("MSCP QA Sub Group"), vec!["quality", "assurance"]);
        assert_eq!(namer.key_of("Missing Children's Panels"), vec!["missing", "children"]);
        assert_eq!(namer.key_of("Executive"), vec!["executive"]);
    }

    #[test]
    fn the_own_acronym_inside_a_name_stands_for_the_words_before_it() {
        let partnership = Partnership { acronym: Some("FSCP".into()), ..Partnership::default() };
        let namer = Namer { partnership: &partnership, acronyms: BTreeMap::new() };
        let unit = Unit::new("The Fenwold Safeguarding Children Partnership (FSCP) Executive met.", false);
        let span = crate::governance::names::prose_spans(&unit).remove(0);
        assert_eq!(namer.own_acronym_inside(&unit, &span).as_deref(), Some("FSCP Executive"));
        let unit = Unit::new("The Fenwold Review Group (FRG) met.", false);
        let span = crate::governance::names::prose_spans(&unit).remove(0);
        assert_eq!(namer.own_acronym_inside(&unit, &span), None);
    }

    #[test]
    fn the_partnership_and_a_body_of_its_are_two_names() {
        let partnership = Partnership { acronym: Some("FSCB".into()), ..Partnership::default() };
        let namer = Namer { partnership: &partnership, acronyms: BTreeMap::new() };
        assert_eq!(namer.without_own_conjunct("FSCB and Business Committee"), "Business Committee");
        assert_eq!(
            namer.without_own_conjunct("Audit and Business Committee"),
            "Audit and Business Committee"
        );
    }

    #[test]
    fn single_acronym_names() {
        assert_eq!(single_acronym("FTG Group", Some(Head::Group)).as_deref(), Some("FTG"));
        assert_eq!(single_acronym("Fern Trust Group", Some(Head::Group)), None);
    }
}
