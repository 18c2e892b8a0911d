//! Step 2: which mentions name one body (union-find over the pairs that match).

use std::collections::{HashMap, HashSet};

use super::mention::{initials, Kind, Mention, Source, Veto};
use super::vocab::Head;

pub(super) struct Clusters {
    /// Cluster (root mention) of each mention.
    pub(super) of: Vec<usize>,
    /// Clusters that are bodies of the partnership's own structure (before facts).
    pub(super) own: HashSet<usize>,
    pub(super) partnership: Option<usize>,
}

impl Clusters {
    pub(super) fn build(mentions: &[Mention]) -> Clusters {
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

    pub(super) fn is_body(&self, mention: usize) -> bool {
        let c = self.of[mention];
        self.own.contains(&c) || Some(c) == self.partnership
    }

    pub(super) fn is_partnership(&self, mention: usize) -> bool {
        Some(self.of[mention]) == self.partnership
    }

    pub(super) fn members(&self, cluster: usize) -> impl Iterator<Item = usize> + '_ {
        self.of.iter().enumerate().filter(move |(_, &r)| r == cluster).map(|(i, _)| i)
    }
}

/// "Schools and Early Years Schools Network" names two networks; where the second ("Early Years
/// Schools Network") is a body named on its own, the mention joins it instead of founding a third.
pub(super) fn resolve_conjunctions(mentions: &mut [Mention]) {
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
pub(super) fn same_body(a: &Mention, b: &Mention, ia: &(String, String), ib: &(String, String)) -> bool {
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
pub(super) fn acronym_names(acr: &str, m: &Mention, init: &(String, String)) -> bool {
    m.acronym.as_deref() == Some(acr) || spells(acr, init)
}

/// An acronym of three or more characters spells a name's initials ("L&D" → Learning and
/// Development, "PBG" → Business Management Group).
pub(super) fn spells(acr: &str, init: &(String, String)) -> bool {
    let letters: String = acr.chars().filter(|c| c.is_alphanumeric()).collect();
    acr.chars().count() >= 3 && (letters == init.0 || letters == init.1)
}

/// `short` names the same body as `long`: the same words, the first words of it ("Missing
/// group" / "Harm work group"), or its last word ("QA subgroup" / "Practice QA subgroup").
pub(super) fn shortened(short: &[String], long: &[String], s: &Mention, l: &Mention) -> bool {
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
pub(super) fn is_own(mentions: &[Mention], members: &[usize]) -> bool {
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
