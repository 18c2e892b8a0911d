//! The chosen list as the model's priorities: one per number (or per title, when
//! unnumbered), numbered in document order where none was printed, each carrying the
//! evidence that chose the list.

use sgx_model::{ListSelection, Priority};

use super::{Candidate, Item};
use crate::util::similarity;

/// Two unnumbered priorities whose titles share more than this (Dice over words) are one.
const SAME_TITLE_SIMILARITY: f32 = 0.8;

pub fn priorities(list: Candidate, selection: ListSelection) -> Vec<Priority> {
    let mut next = 1;
    dedupe(list.items)
        .into_iter()
        .map(|c| {
            let number = c.number.unwrap_or(next);
            next = number + 1;
            Priority {
                number: Some(number),
                title: c.title,
                measures: c.measures,
                subgroups: c.subgroups,
                selection: selection.clone(),
                // Assigned by the normaliser, which reads the whole model.
                themes: Vec::new(),
                evidence: c.evidence,
            }
        })
        .collect()
}

/// One item per number (or per title, when unnumbered): the best-ranked, earliest statement
/// wins.
fn dedupe(items: Vec<Item>) -> Vec<Item> {
    let mut kept: Vec<Item> = Vec::new();
    for c in items {
        let same = kept.iter().position(|k| match (k.number, c.number) {
            (Some(a), Some(b)) => a == b,
            _ => similarity(&k.title, &c.title) > SAME_TITLE_SIMILARITY,
        });
        match same {
            Some(k) if c.rank > kept[k].rank => kept[k] = c,
            Some(_) => {}
            None => kept.push(c),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::super::{Form, Rank};
    use super::*;
    use sgx_model::Evidence;

    #[test]
    fn one_per_number_best_rank_and_numbers_follow_order() {
        let item =
            |n: Option<u32>, t: &str, rank| Item { rank, ..Item::new(n, t.into(), Evidence::default()) };
        let mut c = Candidate::new(Form::Listed, 0);
        c.items = vec![
            item(Some(1), "Neglect (contents)", Rank::Contents),
            item(Some(1), "Neglect", Rank::Body),
            item(None, "Early help", Rank::Body),
            item(None, "Early help", Rank::Body),
        ];
        let p = priorities(c, ListSelection { score: 4, signals: vec!["numbered 1-1 +1".into()] });
        let got: Vec<(Option<u32>, &str)> = p.iter().map(|p| (p.number, p.title.as_str())).collect();
        assert_eq!(got, vec![(Some(1), "Neglect"), (Some(2), "Early help")]);
        assert_eq!(p[1].selection.score, 4);
    }
}
