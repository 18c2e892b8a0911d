//! Step 2: which mentions name one body: union-find over the pairs [`same_body`] accepts,
//! found through an index of names, acronyms, initials and keys.

use std::collections::{BTreeMap, BTreeSet};

use super::mention::{initials, Kind, Mention, Source, Veto};
use super::vocab::Head;

pub(super) struct Clusters {
    /// Cluster (root mention) of each mention.
    pub(super) of: Vec<usize>,
    /// The mentions of each cluster, in document order of registration.
    members: BTreeMap<usize, Vec<usize>>,
    /// Clusters that are bodies of the partnership's own structure (before facts).
    pub(super) own: BTreeSet<usize>,
    pub(super) partnership: Option<usize>,
}

/// A union-find forest over mentions. A cluster's root is its lowest mention index, so the
/// clusters depend only on which pairs are joined, never on the order they are joined in.
struct Forest(Vec<usize>);

impl Forest {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// What a mention is filed under ([`index_keys`]) or looks up ([`probe_keys`]) to find the
/// mentions [`same_body`] may join it to. Every pair `same_body` accepts shares a key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A lone acronym, by its spelling.
    Name(String),
    /// A body by the acronym printed with it.
    Acronym(String),
    /// A body by its initials, with and without the head word.
    Initials(String),
    /// A body by each leading run of its key's words (its whole key included).
    LeadingWords(Vec<String>),
    /// A body by the last word of its key.
    LastWord(String),
}

fn index_keys(m: &Mention, init: &(String, String)) -> Vec<Key> {
    match m.kind {
        Kind::Acronym => vec![Key::Name(m.name.clone())],
        Kind::Body => {
            let mut keys: Vec<Key> = m.acronym.iter().map(|a| Key::Acronym(a.clone())).collect();
            keys.push(Key::Initials(init.0.clone()));
            keys.push(Key::Initials(init.1.clone()));
            keys.extend((1..=m.key.len()).map(|n| Key::LeadingWords(m.key[..n].to_vec())));
            keys.extend(m.key.last().map(|w| Key::LastWord(w.clone())));
            keys
        }
        Kind::Partnership | Kind::Outside => Vec::new(),
    }
}

fn probe_keys(m: &Mention) -> Vec<Key> {
    let letters = |a: &str| a.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    match m.kind {
        Kind::Acronym => {
            vec![Key::Name(m.name.clone()), Key::Acronym(m.name.clone()), Key::Initials(letters(&m.name))]
        }
        Kind::Body => {
            let mut keys = Vec::new();
            if let Some(a) = &m.acronym {
                keys.push(Key::Acronym(a.clone()));
                keys.push(Key::Initials(letters(a)));
            }
            if !m.key.is_empty() {
                keys.push(Key::LeadingWords(m.key.clone()));
            }
            if let [word] = m.key.as_slice() {
                keys.push(Key::LastWord(word.clone()));
            }
            keys
        }
        Kind::Partnership | Kind::Outside => Vec::new(),
    }
}

/// The fields of a mention [`same_body`] reads (the initials derive from the name).
type Signature<'m> = (Kind, &'m String, Option<Head>, &'m Option<String>, &'m Vec<String>);

impl Clusters {
    /// Join the mentions of one body. Candidate pairs come from an index of the keys
    /// [`same_body`] compares, so the work grows with the pairs that share a key rather than
    /// with the square of the mentions; every candidate is then checked with `same_body`.
    pub(super) fn build(mentions: &[Mention]) -> Clusters {
        let mut forest = Forest((0..mentions.len()).collect());
        // Every mention of the partnership is one cluster.
        let mut partnership = mentions.iter().enumerate().filter(|(_, m)| m.kind == Kind::Partnership);
        if let Some((first, _)) = partnership.next() {
            for (i, _) in partnership {
                forest.join(first, i);
            }
        }
        let initials: Vec<(String, String)> = mentions.iter().map(|m| initials(&m.name)).collect();
        // Mentions alike in every field `same_body` reads answer it alike, so pairs are tried
        // between one representative of each kind of mention: a body named a thousand times in
        // a long report costs one probe, not a million pairs.
        let mut alike: BTreeMap<Signature, Vec<usize>> = BTreeMap::new();
        for (i, m) in mentions.iter().enumerate() {
            alike.entry((m.kind, &m.name, m.head, &m.acronym, &m.key)).or_default().push(i);
        }
        let groups: Vec<&Vec<usize>> = alike.values().collect();
        for group in &groups {
            let r = group[0];
            if same_body(&mentions[r], &mentions[r], &initials[r], &initials[r]) {
                group[1..].iter().for_each(|&i| forest.join(r, i));
            }
        }
        let mut index: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        for (g, group) in groups.iter().enumerate() {
            for key in index_keys(&mentions[group[0]], &initials[group[0]]) {
                index.entry(key).or_default().push(g);
            }
        }
        let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (g, group) in groups.iter().enumerate() {
            for key in probe_keys(&mentions[group[0]]) {
                let found = index.get(&key).map(Vec::as_slice).unwrap_or_default();
                pairs.extend(found.iter().filter(|&&h| h != g).map(|&h| (g.min(h), g.max(h))));
            }
        }
        for (g, h) in pairs {
            #[cfg(test)]
            tests::PAIRS_TRIED.with(|n| n.set(n.get() + 1));
            let (a, b) = (groups[g][0], groups[h][0]);
            if same_body(&mentions[a], &mentions[b], &initials[a], &initials[b]) {
                // Every mention of one group is the same body as every mention of the other.
                groups[g].iter().for_each(|&i| forest.join(i, b));
                groups[h].iter().for_each(|&i| forest.join(i, a));
            }
        }
        let of: Vec<usize> = (0..mentions.len()).map(|i| forest.root(i)).collect();
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &r) in of.iter().enumerate() {
            members.entry(r).or_default().push(i);
        }
        let own = members.iter().filter(|(_, ms)| is_own(mentions, ms)).map(|(&r, _)| r).collect();
        let partnership = mentions.iter().position(|m| m.kind == Kind::Partnership).map(|i| of[i]);
        Clusters { of, members, own, partnership }
    }

    pub(super) fn is_body(&self, mention: usize) -> bool {
        let c = self.of[mention];
        self.own.contains(&c) || Some(c) == self.partnership
    }

    pub(super) fn is_partnership(&self, mention: usize) -> bool {
        Some(self.of[mention]) == self.partnership
    }

    /// The mentions of a cluster, in registration order.
    pub(super) fn members(&self, cluster: usize) -> impl Iterator<Item = usize> + '_ {
        self.members.get(&cluster).into_iter().flatten().copied()
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
/// Development, "BMG" → Business Management Group).
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::governance::mention::Veto;
    use sgx_model::Evidence;

    thread_local! {
        /// Pairs of mention kinds `Clusters::build` checked with `same_body`, on this thread.
        pub(super) static PAIRS_TRIED: Cell<usize> = const { Cell::new(0) };
    }

    fn mention(name: &str, key: &[&str], head: Option<Head>, acronym: Option<&str>, kind: Kind) -> Mention {
        Mention {
            name: name.into(),
            acronym: acronym.map(str::to_string),
            acronym_defined: false,
            key: key.iter().map(|w| w.to_string()).collect(),
            head,
            kind,
            source: Source::Prose,
            creates: true,
            veto: Veto::None,
            evidence: Evidence::default(),
            order: (0, 0, 0),
            conjunct: None,
        }
    }

    fn body(name: &str, key: &[&str], acronym: Option<&str>) -> Mention {
        mention(name, key, Some(Head::Group), acronym, Kind::Body)
    }

    #[test]
    fn shortened_references() {
        let long = body("Practice Review Group", &["practice", "review"], None);
        let first_words = body("Practice group", &["practice"], None);
        let last_word = body("Review group", &["review"], None);
        let other = body("Audit Group", &["audit"], None);
        assert!(shortened(&first_words.key, &long.key, &first_words, &long));
        assert!(shortened(&last_word.key, &long.key, &last_word, &long));
        assert!(!shortened(&other.key, &long.key, &other, &long));
        assert!(!shortened(&long.key, &first_words.key, &long, &first_words), "longer is not shorter");
    }

    #[test]
    fn same_body_by_acronym_initials_and_key() {
        let named = body("Foxglove Training Group", &["foxglove", "training"], None);
        let bare = mention("FTG", &["ftg"], None, None, Kind::Acronym);
        let init = initials(&named.name);
        assert!(same_body(&bare, &named, &initials(&bare.name), &init));
        let board = mention(
            "Foxglove Training Board",
            &["foxglove", "training"],
            Some(Head::Board),
            None,
            Kind::Body,
        );
        assert!(!same_body(&named, &board, &init, &initials(&board.name)), "a board is not a group");
        assert!(spells("F&T", &("FT".into(), String::new())));
        assert!(!spells("FT", &("FT".into(), String::new())), "two letters are too few");
    }

    #[test]
    fn the_index_finds_the_same_clusters_as_every_pair() {
        let mentions = vec![
            body("Foxglove Training Group", &["foxglove", "training"], Some("FTG")),
            mention("FTG", &["ftg"], None, None, Kind::Acronym),
            body("Foxglove group", &["foxglove"], None),
            body("Heather Audit Group", &["heather", "audit"], None),
            mention("MSCP", &[], None, None, Kind::Partnership),
            body("Audit group", &["audit"], None),
            mention("the Board", &[], Some(Head::Board), None, Kind::Partnership),
            mention("HAG", &["hag"], None, None, Kind::Acronym),
        ];
        let clusters = Clusters::build(&mentions);
        // Every pair, as the clustering was done before it had an index.
        let init: Vec<_> = mentions.iter().map(|m| initials(&m.name)).collect();
        for a in 0..mentions.len() {
            for b in a + 1..mentions.len() {
                if same_body(&mentions[a], &mentions[b], &init[a], &init[b]) {
                    assert_eq!(clusters.of[a], clusters.of[b], "{a} and {b}");
                }
            }
        }
        assert_eq!(clusters.of, vec![0, 0, 0, 3, 4, 3, 4, 3]);
    }

    /// A long report names its bodies hundreds of times: the clusters are those of trying
    /// every pair of mentions, but only kinds of mentions are paired.
    #[test]
    fn repeated_mentions_cluster_as_every_pair_would_with_pairs_of_kinds_only() {
        let kinds = [
            body("Foxglove Training Group", &["foxglove", "training"], Some("FTG")),
            mention("FTG", &["ftg"], None, None, Kind::Acronym),
            body("Foxglove group", &["foxglove"], None),
            body("Heather Audit Group", &["heather", "audit"], None),
            body("Audit group", &["audit"], None),
            // No key: `same_body` joins it to nothing, not even to itself.
            body("Group", &[], None),
            mention("MSCP", &[], None, None, Kind::Partnership),
        ];
        let mentions: Vec<Mention> = (0..300).map(|i| kinds[i % kinds.len()].clone()).collect();
        PAIRS_TRIED.with(|n| n.set(0));
        let clusters = Clusters::build(&mentions);
        assert!(PAIRS_TRIED.with(Cell::get) <= kinds.len() * kinds.len(), "pairs of kinds, not of mentions");
        // Every pair, joined in a forest of its own: the same partition.
        let init: Vec<_> = mentions.iter().map(|m| initials(&m.name)).collect();
        let mut forest = Forest((0..mentions.len()).collect());
        for a in 0..mentions.len() {
            for b in a + 1..mentions.len() {
                let partnership =
                    mentions[a].kind == Kind::Partnership && mentions[b].kind == Kind::Partnership;
                if partnership || same_body(&mentions[a], &mentions[b], &init[a], &init[b]) {
                    forest.join(a, b);
                }
            }
        }
        let every_pair: Vec<usize> = (0..mentions.len()).map(|i| forest.root(i)).collect();
        assert_eq!(clusters.of, every_pair);
        let keyless: BTreeSet<usize> =
            (5..mentions.len()).step_by(kinds.len()).map(|i| clusters.of[i]).collect();
        assert_eq!(keyless.len(), 300 / kinds.len() + 1, "each key-less mention stays alone");
    }
}
