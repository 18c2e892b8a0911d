//! Step 3: the own clusters out as bodies, with their facts resolved.

use std::collections::BTreeMap;

use sgx_model::{Body, Partnership};

use super::cluster::Clusters;
use super::fact::{Fact, FactKind, Fallback};
use super::mention::{single_acronym, Kind, Mention};
use super::vocab::{head_of, is_cap, Head};
use crate::util::similarity;

/// An acronym printed in brackets after a body's name counts this many times one read off
/// a name such as "ACR Group".
const DEFINED_ACRONYM_WEIGHT: usize = 3;

/// A body with no acronym of its own takes a glossary acronym whose expansion shares at
/// least this much of its name (Dice over words).
const GLOSSARY_NAME_SIMILARITY: f32 = 0.9;

#[derive(Default)]
pub(super) struct Stated {
    pub(super) chair: Option<String>,
    pub(super) meets: Option<String>,
    /// Reporting lines as printed, with the cluster each names.
    pub(super) reports: Vec<(String, usize)>,
    /// The mentions facts were stated about, and whether the fact only presents the body
    /// (a chair, members or meetings named without more).
    pub(super) subjects: Vec<(usize, bool)>,
}

pub(super) fn emit(
    mentions: &[Mention],
    facts: &[Fact],
    acronyms: &BTreeMap<String, String>,
    cl: &Clusters,
    partnership: &Partnership,
) -> Vec<Body> {
    let mut stated: BTreeMap<usize, Stated> = BTreeMap::new();
    for fact in facts {
        for (subject, mention) in resolve(fact, cl) {
            let entry = stated.entry(subject).or_default();
            entry.subjects.push((mention, fact.kind == FactKind::Presented));
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
                            entry.reports.push((mentions[t].name.clone(), cl.of[t]));
                        }
                    }
                }
                FactKind::Presented => {}
            }
        }
        // A body reported to is named there too.
        if let Some(t) = fact.target.filter(|&t| fact.kind == FactKind::ReportsTo && cl.is_body(t)) {
            stated.entry(cl.of[t]).or_default().subjects.push((t, false));
        }
    }
    // (first mention, cluster, body): the cluster id breaks ties, so the order never depends
    // on hash-set iteration.
    let mut bodies: Vec<((usize, usize, usize), usize, Body)> = Vec::new();
    for &c in &cl.own {
        let (order, body) = body_of(mentions, acronyms, cl, c, stated.get(&c));
        bodies.push((order, c, body));
    }
    if let Some(p) = cl.partnership {
        let reported_to =
            stated.iter().any(|(s, st)| cl.own.contains(s) && st.reports.iter().any(|(_, t)| *t == p));
        let st = stated.get(&p);
        let stated_facts = st.is_some_and(|s| s.chair.is_some() || s.meets.is_some());
        let presented = st.is_some_and(|s| {
            s.subjects.iter().any(|&(m, only)| only && presents_a_board(&mentions[m], partnership))
        });
        if reported_to || stated_facts || presented {
            let (order, mut body) = body_of(mentions, acronyms, cl, p, st);
            let subjects: Vec<&Mention> =
                st.map(|s| s.subjects.iter().map(|&(m, _)| &mentions[m]).collect()).unwrap_or_default();
            // Unnamed, the partnership goes by its acronym rather than "the Board".
            let fallback = partnership.acronym.clone().unwrap_or(body.name);
            body.name = partnership_body_name(partnership, &subjects).unwrap_or(fallback);
            body.acronym = partnership.acronym.clone().or(body.acronym);
            body.reports_to = None;
            bodies.push((order, p, body));
        }
    }
    bodies.sort_by_key(|(order, c, _)| (*order, *c));
    bodies.into_iter().map(|(_, _, b)| b).collect()
}

/// A mention that makes the partnership a body when the text gives it a chair or members: a
/// board ("the Board", "XSCB" of a board), never a partnership, whose chair and members are
/// those of the arrangements rather than of a body of the structure.
pub(super) fn presents_a_board(m: &Mention, partnership: &Partnership) -> bool {
    let name_head = |name: &str| name.split_whitespace().last().and_then(head_of).map(|(h, _)| h);
    match m.kind {
        // "the Board" with a capital: the board, not any board.
        Kind::Partnership if m.head.is_some() => {
            m.head == Some(Head::Board) && m.name.split_whitespace().last().is_some_and(is_cap)
        }
        // The partnership's acronym: a board's, by its name or (unnamed) by its last letter.
        Kind::Partnership => match partnership.name.as_deref() {
            Some(name) => name_head(name) == Some(Head::Board),
            None => m.name.ends_with('B'),
        },
        _ => false,
    }
}

/// The name to print for the partnership as a body: the name the facts were stated about
/// where it is a name of its own (a board of a partnership, or any name where the partnership's
/// is not printed), else the partnership's name.
pub(super) fn partnership_body_name(partnership: &Partnership, subjects: &[&Mention]) -> Option<String> {
    let head = |name: &str| name.split_whitespace().last().and_then(head_of).map(|(h, _)| h);
    let own_name = |m: &Mention| {
        m.kind == Kind::Partnership
            && m.head.is_some()
            && m.name.split_whitespace().count() >= 2
            && m.name.split_whitespace().last().is_some_and(is_cap)
    };
    // A board's name first: the partnership as a body of its structure is its board.
    let mut named: Vec<&Mention> = subjects.iter().copied().filter(|m| own_name(m)).collect();
    named.sort_by_key(|m| m.head != Some(Head::Board));
    let named = named.into_iter();
    match partnership.name.as_deref() {
        Some(name) => {
            let distinct = named.filter(|m| m.head != head(name)).map(|m| m.name.clone()).next();
            Some(distinct.unwrap_or_else(|| name.to_string()))
        }
        None => named.map(|m| m.name.clone()).next(),
    }
}

/// The clusters a fact is about, each with the mention that names it there.
pub(super) fn resolve(fact: &Fact, cl: &Clusters) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(m, linked) in &fact.same {
        if !cl.is_body(m) {
            if out.is_empty() {
                continue;
            }
            break;
        }
        if out.is_empty() || linked {
            if !out.iter().any(|&(c, _)| c == cl.of[m]) {
                out.push((cl.of[m], m));
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
            return vec![(cl.of[m], m)];
        }
    }
    match &fact.fallback {
        Fallback::Section(Some(m)) if cl.is_body(*m) => vec![(cl.of[*m], *m)],
        // A cluster's id is its first mention.
        Fallback::Row { leads, tasks } => row_subject(leads, tasks, cl).into_iter().map(|c| (c, c)).collect(),
        _ => Vec::new(),
    }
}

/// A table row's body: the one body of its lead cells, else the one body its tasks name.
pub(super) fn row_subject(leads: &[usize], tasks: &[usize], cl: &Clusters) -> Option<usize> {
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

fn body_of(
    mentions: &[Mention],
    acronyms: &BTreeMap<String, String>,
    cl: &Clusters,
    c: usize,
    st: Option<&Stated>,
) -> ((usize, usize, usize), Body) {
    let members: Vec<&Mention> = cl.members(c).map(|i| &mentions[i]).collect();
    let named = best_name(&members);
    let acronym = cluster_acronym(acronyms, &members, &named.name);
    let first = members.iter().map(|m| m.order).min().unwrap_or_default();
    // Ids, links and the chair's and meetings' readings are the normaliser's.
    let body = Body {
        acronym,
        chair: st.and_then(|s| s.chair.clone()),
        meets: st.and_then(|s| s.meets.clone()),
        reports_to: st.and_then(|s| majority(&s.reports)),
        ..Body::new(named.name.clone(), named.evidence.clone())
    };
    (first, body)
}

/// The name to print: more than a bare head word, written out rather than an acronym, mixed
/// case rather than capitals, from the strongest source, the most often printed, the fullest.
pub(super) fn best_name<'m>(members: &[&'m Mention]) -> &'m Mention {
    let founders: Vec<&Mention> =
        members.iter().copied().filter(|m| m.creates && m.kind == Kind::Body).collect();
    let pool = if founders.is_empty() { members.to_vec() } else { founders };
    let count = |m: &Mention| pool.iter().filter(|o| o.name.eq_ignore_ascii_case(&m.name)).count();
    let shouting =
        |m: &Mention| m.name.split_whitespace().count() > 1 && !m.name.chars().any(char::is_lowercase);
    let acronym_only = |m: &Mention| m.kind == Kind::Acronym || single_acronym(&m.name, m.head).is_some();
    // "Executive" alone says less than "XSCB Executive".
    let bare_head = |m: &Mention| m.head.is_some() && m.name.split_whitespace().count() == 1;
    pool.iter()
        .copied()
        .min_by_key(|m| {
            (
                shouting(m),
                bare_head(m),
                acronym_only(m),
                m.source,
                std::cmp::Reverse(count(m)),
                std::cmp::Reverse(m.name.split_whitespace().count()),
                m.order,
            )
        })
        .expect("a cluster has members")
}

fn cluster_acronym(acronyms: &BTreeMap<String, String>, members: &[&Mention], name: &str) -> Option<String> {
    // An acronym printed in brackets after the name outweighs one read off "ACR Group".
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in members {
        let acr = m.acronym.as_deref().or((m.kind == Kind::Acronym).then_some(m.name.as_str()));
        if let Some(a) = acr {
            *counts.entry(a).or_default() += if m.acronym_defined { DEFINED_ACRONYM_WEIGHT } else { 1 };
        }
    }
    let best =
        counts.into_iter().max_by_key(|(a, n)| (*n, std::cmp::Reverse(*a))).map(|(a, _)| a.to_string());
    best.or_else(|| {
        acronyms
            .iter()
            .find(|(_, exp)| similarity(exp, name) >= GLOSSARY_NAME_SIMILARITY)
            .map(|(a, _)| a.clone())
    })
}

/// The reporting line printed most often (first printed on a tie).
pub(super) fn majority(reports: &[(String, usize)]) -> Option<String> {
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
    use crate::governance::mention::{Source, Veto};
    use sgx_model::Evidence;

    fn partnership_mention(name: &str, head: Option<Head>) -> Mention {
        Mention {
            name: name.into(),
            acronym: None,
            acronym_defined: false,
            key: Vec::new(),
            head,
            kind: Kind::Partnership,
            source: Source::Prose,
            creates: false,
            veto: Veto::None,
            evidence: Evidence::default(),
            order: (0, 0, 0),
            conjunct: None,
        }
    }

    fn named(name: Option<&str>, acronym: &str) -> Partnership {
        Partnership {
            name: name.map(str::to_string),
            acronym: Some(acronym.into()),
            ..Partnership::default()
        }
    }

    #[test]
    fn a_board_is_presented_by_its_chair_a_partnership_is_not() {
        let board = named(Some("Fenwold Safeguarding Children Board"), "FSCB");
        let partnership = named(Some("Fenwold Safeguarding Children Partnership"), "FSCP");
        assert!(presents_a_board(&partnership_mention("the Board", Some(Head::Board)), &partnership));
        assert!(!presents_a_board(&partnership_mention("the board", Some(Head::Board)), &board));
        assert!(presents_a_board(&partnership_mention("FSCB", None), &board));
        assert!(!presents_a_board(&partnership_mention("FSCP", None), &partnership));
        // Unnamed: the acronym's last letter tells a board.
        assert!(presents_a_board(&partnership_mention("LSCB", None), &named(None, "LSCB")));
    }

    #[test]
    fn the_partnership_as_a_body_is_named_by_its_board() {
        let partnership = named(Some("Fenwold Safeguarding Partnership"), "FSP");
        let board = partnership_mention("Safeguarding Children Partnership Board", Some(Head::Board));
        let bare = partnership_mention("the Partnership", Some(Head::Partnership));
        assert_eq!(
            partnership_body_name(&partnership, &[&bare, &board]).as_deref(),
            Some("Safeguarding Children Partnership Board")
        );
        assert_eq!(
            partnership_body_name(&partnership, &[&bare]).as_deref(),
            Some("Fenwold Safeguarding Partnership")
        );
        let unnamed = named(None, "FSP");
        let printed = partnership_mention("FSP Partnership", Some(Head::Partnership));
        assert_eq!(partnership_body_name(&unnamed, &[&printed]).as_deref(), Some("FSP Partnership"));
        assert_eq!(partnership_body_name(&unnamed, &[]), None);
    }
}
