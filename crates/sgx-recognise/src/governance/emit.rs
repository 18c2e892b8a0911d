//! Step 3: the own clusters out as bodies, with their facts resolved.

use std::collections::{BTreeMap, HashMap};

use sgx_model::{Body, Partnership};

use super::cluster::Clusters;
use super::fact::{Fact, FactKind, Fallback};
use super::mention::{single_acronym, Kind, Mention};
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
}

pub(super) fn emit(
    mentions: &[Mention],
    facts: &[Fact],
    acronyms: &BTreeMap<String, String>,
    cl: &Clusters,
    partnership: &Partnership,
) -> Vec<Body> {
    let mut stated: HashMap<usize, Stated> = HashMap::new();
    for fact in facts {
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
                            entry.reports.push((mentions[t].name.clone(), cl.of[t]));
                        }
                    }
                }
            }
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
        if reported_to || st.is_some_and(|s| s.chair.is_some() || s.meets.is_some()) {
            let (order, mut body) = body_of(mentions, acronyms, cl, p, st);
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
pub(super) fn resolve(fact: &Fact, cl: &Clusters) -> Vec<usize> {
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
pub(super) fn best_name<'m>(members: &[&'m Mention]) -> &'m Mention {
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

fn cluster_acronym(acronyms: &BTreeMap<String, String>, members: &[&Mention], name: &str) -> Option<String> {
    // An acronym printed in brackets after the name outweighs one read off "ACR Group".
    let mut counts: HashMap<&str, usize> = HashMap::new();
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
