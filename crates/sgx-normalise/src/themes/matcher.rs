//! The taxonomy's phrases compiled once into an index by first word, and the matching of one
//! text against it: every word position looks up the phrases that can start there (a map
//! lookup, not a scan of the taxonomy), so a text costs time linear in its words. Of
//! overlapping matches, one lying inside a longer one is dropped: "child and adolescent mental
//! health" leaves no "adolescent", "missing education" no "missing".

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use super::taxonomy::{Taxonomy, TAXONOMY};
use super::words::{acronym_of, is_acronym, Word};

/// The matcher of the compiled-in taxonomy, built once per process.
pub(crate) static MATCHER: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(&TAXONOMY));

/// One word of a phrase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Pattern {
    /// A word in any case (stored in lower case).
    Word(String),
    /// An acronym in capitals, matched in capitals only, a plural 's' allowed.
    Acronym(String),
    /// Every word beginning with the stem (stored in lower case, without its `*`).
    Stem(String),
}

/// How a phrase counts for one of its themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// Wherever it occurs.
    Strong,
    /// Only when none of the theme's `weak_unless` themes is assigned to the fact.
    Weak,
    /// Only as the whole text of a field.
    WholeField,
}

/// A phrase of the taxonomy and the themes it assigns (none: a `not_themes` phrase).
#[derive(Debug)]
pub(crate) struct Phrase {
    words: Vec<Pattern>,
    pub themes: Vec<(usize, Strength)>,
}

/// A phrase found in a text: its words `first..end` (indices into the text's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub first: usize,
    pub end: usize,
    pub phrase: usize,
}

#[derive(Debug)]
pub(crate) struct Matcher {
    pub phrases: Vec<Phrase>,
    /// For each theme (by index), the themes whose presence drops its weak phrases.
    pub weak_unless: Vec<Vec<usize>>,
    /// Phrases by their first word in lower case (acronyms too, checked in capitals after).
    by_word: BTreeMap<String, Vec<usize>>,
    /// Phrases whose first word is a stem, by the stem.
    by_stem: BTreeMap<String, Vec<usize>>,
    /// The lengths of those stems, so a word is cut only at lengths some stem has.
    stem_lengths: BTreeSet<usize>,
}

impl Matcher {
    pub(crate) fn new(taxonomy: &Taxonomy) -> Matcher {
        // One phrase listed by several themes ("toxic trio") is one phrase with several themes.
        let mut by_words: BTreeMap<Vec<Pattern>, Vec<(usize, Strength)>> = BTreeMap::new();
        for (index, theme) in taxonomy.themes.iter().enumerate() {
            let lists = [
                (&theme.phrases, Strength::Strong),
                (&theme.weak, Strength::Weak),
                (&theme.whole_field, Strength::WholeField),
            ];
            for (phrases, strength) in lists {
                for phrase in phrases {
                    by_words.entry(patterns(phrase)).or_default().push((index, strength));
                }
            }
        }
        for phrase in &taxonomy.not_themes {
            by_words.entry(patterns(phrase)).or_default();
        }
        let mut matcher = Matcher {
            phrases: Vec::with_capacity(by_words.len()),
            weak_unless: taxonomy
                .themes
                .iter()
                .map(|t| t.weak_unless.iter().filter_map(|id| taxonomy.index_of(id)).collect())
                .collect(),
            by_word: BTreeMap::new(),
            by_stem: BTreeMap::new(),
            stem_lengths: BTreeSet::new(),
        };
        for (words, themes) in by_words {
            let id = matcher.phrases.len();
            match &words[0] {
                Pattern::Word(w) => matcher.by_word.entry(w.clone()).or_default().push(id),
                Pattern::Acronym(a) => matcher.by_word.entry(a.to_ascii_lowercase()).or_default().push(id),
                Pattern::Stem(s) => {
                    matcher.stem_lengths.insert(s.len());
                    matcher.by_stem.entry(s.clone()).or_default().push(id);
                }
            }
            matcher.phrases.push(Phrase { words, themes });
        }
        matcher
    }

    /// The phrases found in `text` (split into `words`; `lower` is `text` in ASCII lower
    /// case), those inside a longer match dropped, ordered by position.
    pub(crate) fn find(&self, text: &str, lower: &str, words: &[Word]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        for first in 0..words.len() {
            candidates.clear();
            self.candidates(text, lower, words[first], &mut candidates);
            for &phrase in &candidates {
                let len = self.phrases[phrase].words.len();
                let fits = first + len <= words.len()
                    && self.phrases[phrase]
                        .words
                        .iter()
                        .zip(&words[first..])
                        .all(|(p, w)| matches(p, text, lower, *w));
                if fits {
                    hits.push(Hit { first, end: first + len, phrase });
                }
            }
        }
        outermost(hits)
    }

    /// The phrases that may start at `word`, each once.
    fn candidates(&self, text: &str, lower: &str, word: Word, out: &mut Vec<usize>) {
        let lower_word = &lower[word.start..word.end];
        out.extend(self.by_word.get(lower_word).into_iter().flatten());
        // "SCRs" starts the phrases of "SCR".
        let printed = &text[word.start..word.end];
        if let Some(singular) = acronym_of(printed).filter(|a| a.len() < printed.len()) {
            out.extend(self.by_word.get(&lower_word[..singular.len()]).into_iter().flatten());
        }
        for &len in self.stem_lengths.range(..=lower_word.len()) {
            if let Some(stem) = lower_word.get(..len) {
                out.extend(self.by_stem.get(stem).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// A phrase as patterns, one per word.
fn patterns(phrase: &str) -> Vec<Pattern> {
    phrase
        .split(' ')
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => Pattern::Stem(stem.to_ascii_lowercase()),
            None if is_acronym(w) => Pattern::Acronym(w.to_string()),
            None => Pattern::Word(w.to_string()),
        })
        .collect()
}

fn matches(pattern: &Pattern, text: &str, lower: &str, word: Word) -> bool {
    match pattern {
        Pattern::Word(w) => &lower[word.start..word.end] == w,
        Pattern::Acronym(a) => acronym_of(&text[word.start..word.end]) == Some(a.as_str()),
        Pattern::Stem(s) => lower[word.start..word.end].starts_with(s.as_str()),
    }
}

/// The hits that lie inside no longer hit. Sorted by first word and, from one word, longest
/// first, a hit is inside a longer one exactly when a hit before it (other than those with its
/// very span) reaches as far.
fn outermost(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.first, std::cmp::Reverse(h.end), h.phrase));
    let mut kept = Vec::with_capacity(hits.len());
    let mut reach: Option<usize> = None;
    let mut i = 0;
    while i < hits.len() {
        let span = (hits[i].first, hits[i].end);
        let same = hits[i..].iter().take_while(|h| (h.first, h.end) == span).count();
        if reach.is_none_or(|r| r < span.1) {
            kept.extend_from_slice(&hits[i..i + same]);
        }
        reach = Some(reach.map_or(span.1, |r| r.max(span.1)));
        i += same;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::words::words;

    fn found(text: &str) -> Vec<String> {
        let (lower, words) = (text.to_ascii_lowercase(), words(text));
        MATCHER
            .find(text, &lower, &words)
            .iter()
            .map(|h| text[words[h.first].start..words[h.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn longer_phrases_hide_the_phrases_inside_them() {
        let cases: [(&str, &[&str]); 6] = [
            ("Child and Adolescent Mental Health Services", &["Child and Adolescent Mental Health"]),
            ("tackling child sexual exploitation", &["child sexual exploitation"]),
            (
                "children missing education and those who go missing",
                &["children missing education", "go missing"],
            ),
            ("Missing data on attendance", &["Missing data"]),
            ("SCRs and audits", &["SCRs", "audits"]),
            // Overlapping but neither inside the other: both count.
            ("child exploitation in all its forms", &["child exploitation", "exploitation in all its forms"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), expected, "{text}");
        }
    }

    #[test]
    fn acronyms_match_only_in_capitals_and_words_in_any_case() {
        assert_eq!(found("SEND and send"), ["SEND"]);
        assert_eq!(found("NEGLECT, Neglect, neglect"), ["NEGLECT", "Neglect", "neglect"]);
        assert_eq!(found("Radicalisation and radicalised youth"), ["Radicalisation", "radicalised"]);
        assert!(found("radical change").is_empty(), "a stem must be whole");
    }

    #[test]
    fn outermost_keeps_equal_spans_and_drops_inner_ones() {
        let hit = |first, end, phrase| Hit { first, end, phrase };
        let hits = vec![hit(1, 2, 0), hit(0, 3, 1), hit(0, 3, 2), hit(2, 4, 3), hit(3, 4, 4)];
        assert_eq!(outermost(hits), [hit(0, 3, 1), hit(0, 3, 2), hit(2, 4, 3)]);
    }
}
