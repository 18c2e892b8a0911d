//! Governance as a graph: each body gets an id stable within its document, and the body its
//! printed `reports_to` names gets linked by that id (`reports_to_id`). The lead reader
//! links leads to bodies through the same [`Bodies`] index.
//!
//! **Ids.** The body's name as a slug: lower case, ASCII letters and digits, words joined by
//! `-`, "&" read as "and" ("Learning & Improvement Sub-group" → `learning-and-improvement-sub-group`);
//! a second body of the same slug gets `-2`, a third `-3`, in document order. A name with no
//! ASCII letter or digit gets `body`.
//!
//! **Links.** A printed name names a body when, in normal form (case, "&", punctuation, a
//! leading "the", "sub group" / "sub-group" / "subgroup" aside), it is the body's name or its
//! acronym; the document glossary's expansion of it is; it is an acronym plus a body word
//! ("NSCB Board" for the body whose acronym is NSCB); or, failing those, it is the end of
//! exactly one body's name ("Strategic Board" → "NCSCP Strategic Board"). "The Board" or "the
//! Partnership" alone names the one body at the top (reporting to no body) whose name ends in
//! Board or Partnership, when there is exactly one. Several candidates, or only the body itself,
//! give no link: never a guess.

use std::collections::BTreeMap;

use sgx_model::Extraction;

use crate::parts::{acronym_key, is_body_head};

/// The id of a name with no ASCII letter or digit.
const FALLBACK_ID: &str = "body";

/// Words that name the top of the structure when printed alone ("the Board").
const TOP_WORDS: &[&str] = &["board", "partnership"];

/// Give every body its id and link each printed `reports_to` to the body it names.
pub fn link_governance(x: &mut Extraction) {
    assign_ids(x);
    let links: Vec<Option<String>> = {
        let bodies = Bodies::of(x);
        x.governance
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let target = b.reports_to.as_deref().and_then(|r| bodies.find(r, Some(i)))?;
                Some(x.governance.bodies[target].id.clone())
            })
            .collect()
    };
    for (b, link) in x.governance.bodies.iter_mut().zip(links) {
        b.reports_to_id = link;
    }
}

fn assign_ids(x: &mut Extraction) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for b in &mut x.governance.bodies {
        let slug = slug(&b.name);
        let n = seen.entry(slug.clone()).or_insert(0);
        *n += 1;
        b.id = if *n == 1 { slug } else { format!("{slug}-{n}") };
    }
    // A suffixed id may equal another body's own slug ("group-2"): suffix again until unique.
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for b in &mut x.governance.bodies {
        let mut id = b.id.clone();
        let mut k = 1;
        while taken.contains_key(&id) {
            k += 1;
            id = format!("{}-{k}", b.id);
        }
        taken.insert(id.clone(), 1);
        b.id = id;
    }
}

/// The slug of a name: ASCII words in lower case joined by `-`, "&" as "and".
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            gap = false;
        } else if c == '&' {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str("and");
            gap = true;
        } else if c == '\'' || c == '’' {
            // "Children's" → "childrens".
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        FALLBACK_ID.to_string()
    } else {
        out
    }
}

/// A name in normal form: lower-case ASCII words, "&" as "and", "sub group" as "subgroup",
/// a leading "the" dropped.
pub(crate) fn normal(name: &str) -> String {
    let words: Vec<String> = name
        .replace('&', " and ")
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace(['\'', '’'], "").to_lowercase())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for w in words {
        let joined_sub = out.last().is_some_and(|l| l == "sub")
            && matches!(w.as_str(), "group" | "groups" | "committee" | "committees");
        if joined_sub {
            out.pop();
            out.push(format!("sub{w}"));
        } else {
            out.push(w);
        }
    }
    if out.first().is_some_and(|w| w == "the") {
        out.remove(0);
    }
    out.join(" ")
}

/// The bodies of a document, indexed for finding the one a printed name names.
pub(crate) struct Bodies {
    /// Normal name → bodies.
    names: BTreeMap<String, Vec<usize>>,
    /// Acronym (capitals) → bodies.
    acronyms: BTreeMap<String, Vec<usize>>,
    /// Each body's normal name, for the unique-ending rule.
    normal_names: Vec<String>,
    /// Bodies at the top whose name ends in Board or Partnership.
    tops: Vec<usize>,
    /// Glossary: acronym → normal expansion.
    glossary: BTreeMap<String, String>,
    /// The partnership's own body, where it is one of the bodies: what "the Board" and the
    /// partnership's acronym name when other bodies could be meant too.
    own: Option<usize>,
}

impl Bodies {
    pub(crate) fn of(x: &Extraction) -> Bodies {
        let mut names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut acronyms: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let glossary: BTreeMap<String, String> =
            x.glossary.iter().filter_map(|g| Some((acronym_key(&g.term)?, normal(&g.expansion)))).collect();
        let bodies = &x.governance.bodies;
        for (i, b) in bodies.iter().enumerate() {
            names.entry(normal(&b.name)).or_default().push(i);
            if let Some(a) = b.acronym.as_deref().and_then(acronym_key) {
                acronyms.entry(a).or_default().push(i);
            }
        }
        // The partnership itself, when it is one of the bodies, answers to its own acronym.
        if let (Some(name), Some(acr)) =
            (&x.partnership.name, x.partnership.acronym.as_deref().and_then(acronym_key))
        {
            if let Some(is) = names.get(&normal(name)) {
                let is = is.clone();
                let entry = acronyms.entry(acr).or_default();
                for i in is {
                    if !entry.contains(&i) {
                        entry.push(i);
                    }
                }
            }
        }
        let normal_names: Vec<String> = bodies.iter().map(|b| normal(&b.name)).collect();
        let tops = bodies
            .iter()
            .enumerate()
            .filter(|(_, b)| b.reports_to.is_none())
            .filter(|(i, _)| normal_names[*i].rsplit(' ').next().is_some_and(|w| TOP_WORDS.contains(&w)))
            .map(|(i, _)| i)
            .collect();
        let own = x.partnership.name.as_deref().and_then(|p| {
            let p = normal(p);
            normal_names.iter().position(|n| *n == p)
        });
        Bodies { names, acronyms, normal_names, tops, glossary, own }
    }

    /// The one body of `candidates`: the only one, or among several the partnership's own.
    fn the_one(&self, candidates: &[usize]) -> Option<usize> {
        match candidates {
            [one] => Some(*one),
            [] => None,
            _ => self.own.filter(|o| candidates.contains(o)),
        }
    }

    /// The one body `printed` names, never `me`.
    pub(crate) fn find(&self, printed: &str, me: Option<usize>) -> Option<usize> {
        let n = normal(printed);
        if n.is_empty() {
            return None;
        }
        let one = |v: Option<&Vec<usize>>| -> Option<Option<usize>> {
            let v: Vec<usize> = v?.iter().copied().filter(|&i| Some(i) != me).collect();
            // Found by this rule: one body, or an ambiguity that later rules must not overrule.
            Some(self.the_one(&v))
        };
        if let Some(found) = one(self.names.get(&n)) {
            return found;
        }
        let acronym = acronym_key(printed.trim().trim_start_matches("the ").trim());
        if let Some(a) = &acronym {
            if let Some(found) = one(self.acronyms.get(a)) {
                return found;
            }
            if let Some(found) = self.glossary.get(a).and_then(|e| one(self.names.get(e))) {
                return found;
            }
        }
        // "NSCB Board", "BMG meeting": an acronym and a word.
        let ws: Vec<&str> = printed.split_whitespace().collect();
        if let [first, second] = ws.as_slice() {
            let second = second.to_lowercase();
            if is_body_head(&second) || second.starts_with("meeting") {
                if let Some(found) = acronym_key(first).and_then(|a| one(self.acronyms.get(&a))) {
                    return found;
                }
            }
        }
        if TOP_WORDS.contains(&n.as_str()) {
            let tops: Vec<usize> = self.tops.iter().copied().filter(|&i| Some(i) != me).collect();
            return self.the_one(&tops);
        }
        // The end of exactly one body's name ("Strategic Board", "Executive").
        {
            let suffix = format!(" {n}");
            let ends: Vec<usize> = (0..self.normal_names.len())
                .filter(|&i| Some(i) != me && self.normal_names[i].ends_with(&suffix))
                .collect();
            if ends.len() == 1 {
                return Some(ends[0]);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgx_model::{Body, Evidence, GlossaryEntry, GlossarySource};

    fn doc(bodies: &[(&str, Option<&str>, Option<&str>)], glossary: &[(&str, &str)]) -> Extraction {
        let mut x = Extraction::default();
        x.governance.bodies = bodies
            .iter()
            .map(|&(name, acronym, reports_to)| Body {
                acronym: acronym.map(Into::into),
                reports_to: reports_to.map(Into::into),
                ..Body::new(name.into(), Evidence::default())
            })
            .collect();
        x.glossary = glossary
            .iter()
            .map(|&(t, e)| GlossaryEntry {
                term: t.into(),
                expansion: e.into(),
                source: GlossarySource::Glossary,
                evidence: Evidence::default(),
            })
            .collect();
        x
    }

    fn links(x: &mut Extraction) -> Vec<(String, Option<String>)> {
        link_governance(x);
        x.governance.bodies.iter().map(|b| (b.id.clone(), b.reports_to_id.clone())).collect()
    }

    #[test]
    fn ids_are_slugs_unique_in_document_order() {
        let cases = [
            ("Learning & Improvement Subgroup", "learning-and-improvement-subgroup"),
            ("Children's QA sub-group", "childrens-qa-sub-group"),
            ("  Executive   Board ", "executive-board"),
            ("Groupe de travail Ã©tÃ©", "groupe-de-travail-t"),
            ("Комитет", "body"),
            ("", "body"),
            ("&", "and"),
            ("CDOP (Child Death Overview Panel)", "cdop-child-death-overview-panel"),
        ];
        for (name, want) in cases {
            assert_eq!(slug(name), want, "{name}");
        }
        let mut x = doc(
            &[
                ("Training Group", None, None),
                ("Training Group", None, None),
                ("Training Group 2", None, None),
                ("training group", None, None),
            ],
            &[],
        );
        let ids: Vec<String> = links(&mut x).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["training-group", "training-group-2", "training-group-2-2", "training-group-3"]);
    }

    #[test]
    fn reports_to_links_by_name_acronym_glossary_and_the_one_top_board() {
        let mut x = doc(
            &[
                ("Anyshire Safeguarding Children Board", Some("ASCB"), None),
                ("Business Management Group", Some("BMG"), Some("the Board")),
                ("Learning and Improvement Sub-Group", None, Some("BMG")),
                ("Training Subgroup", None, Some("Business Management Group")),
                ("Child Death Overview Panel", None, Some("ASCB")),
                ("Voice Group", None, Some("LIS")),
                ("Audit Group", None, Some("Strategic Board")),
                ("Missing Group", None, Some("Health and Wellbeing Board")),
                ("Neglect Group", None, Some("Neglect Group")),
                ("Practice Group", None, Some("ASCB Board")),
                ("Exploitation Group", None, Some("learning & improvement subgroup")),
            ],
            &[("LIS", "Learning and Improvement Sub Group")],
        );
        let got: Vec<Option<String>> = links(&mut x).into_iter().map(|(_, l)| l).collect();
        let want = [
            None,
            Some("anyshire-safeguarding-children-board"),
            Some("business-management-group"),
            Some("business-management-group"),
            Some("anyshire-safeguarding-children-board"),
            Some("learning-and-improvement-sub-group"),
            // "Strategic Board" ends no body's name here.
            None,
            // A body outside the document: null, never a guess.
            None,
            // Never a self-link.
            None,
            Some("anyshire-safeguarding-children-board"),
            Some("learning-and-improvement-sub-group"),
        ];
        assert_eq!(got, want.map(|w| w.map(String::from)));
    }

    #[test]
    fn among_several_the_partnerships_own_body_is_the_board_and_its_acronym() {
        let mut x = doc(
            &[
                ("Anyshire Safeguarding Children Board", Some("ASCB"), None),
                ("ASCB Executive", Some("ASCB"), None),
                ("Strategic Management Board", None, None),
                ("Voice Group", None, Some("Board")),
                ("Audit Group", None, Some("ASCB")),
                ("Policy Group", None, Some("Executive")),
            ],
            &[],
        );
        x.partnership.name = Some("Anyshire Safeguarding Children Board".into());
        x.partnership.acronym = Some("ASCB".into());
        let got: Vec<Option<String>> = links(&mut x).into_iter().map(|(_, l)| l).collect();
        let board = Some("anyshire-safeguarding-children-board".to_string());
        assert_eq!(got[3..], [board.clone(), board, Some("ascb-executive".into())]);
    }

    #[test]
    fn the_board_is_unresolved_when_two_boards_are_at_the_top() {
        let mut x = doc(
            &[
                ("Anyshire Safeguarding Children Board", None, None),
                ("Anyshire Safeguarding Adults Board", None, None),
                ("Joint Group", None, Some("the Board")),
                ("Executive Group", None, Some("Children Board")),
            ],
            &[],
        );
        let got: Vec<Option<String>> = links(&mut x).into_iter().map(|(_, l)| l).collect();
        assert_eq!(got, [None, None, None, Some("anyshire-safeguarding-children-board".into())]);
    }
}
