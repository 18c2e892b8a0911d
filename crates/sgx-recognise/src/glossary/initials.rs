//! The initials scorer: whether the letters of an abbreviation spell the initials of a run of
//! words — the signal that tells an abbreviation's expansion from the words around it.
//!
//! A term ("CAMHS", "CCGs", "KFG21", "S.H.I.E.L.D.", "A&E") is read as units: letters, digit
//! runs and '&'. A run of words spells it when every unit stands, in order, for the initial of
//! a word or of a part of a compound word ("Multi-Agency" gives M and A, "Sub-Groups" may give
//! G alone), a digit run for a number ending in it ("2018" for 18), '&' for "and", and an
//! all-capitals word for its own letters ("NHS England" for NHSE). Every word stands for at
//! least one unit, except small words ("of", "and", "the"), one name the term leaves out
//! ("NHS" in a trust's name, "Ashwick" in "Vale of Ashwick") and, in a glossary, lower-case words
//! ("Child who is Living Away"). A plural term's final "s" needs no word ("CCGs"); a final
//! "S" may be the plural ending of the last word ("Area Community Events", ACES).

/// Words the initials may pass over (compared lower-cased); "s" is a possessive whose
/// apostrophe was lost ("Young People s Support Team").
const SMALL_WORDS: &[&str] =
    &["of", "and", "the", "for", "in", "to", "on", "at", "a", "an", "by", "with", "&", "s", "upon"];
/// A term has at least this many units...
const MIN_UNITS: usize = 2;
/// ...and at most this many characters, dots left out.
const MAX_TERM_CHARS: usize = 12;
/// At most this many names in an expansion may stand for no unit of the term...
const MAX_SKIPPED_NAMES: usize = 1;
/// ...and, in a glossary, at most this many lower-case words ("who is" in "Child who is
/// Living Away"), so a long explanation cannot hide a chance match.
const MAX_SKIPPED_LOWER: usize = 2;
/// The memo's cells per (unit, word): every count of names and lower-case words passed over.
const SKIP_STATES: usize = (MAX_SKIPPED_NAMES + 1) * (MAX_SKIPPED_LOWER + 1);
/// An expansion has at most twice as many words as its term has units, plus this many (small
/// words and a skipped name).
const EXTRA_WORDS: usize = 2;
/// An all-capitals word stands for its own letters when it has at most this many.
const MAX_SPELLED_CAPS: usize = 5;

/// How strictly the words must agree with the initials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strictness {
    /// Running text: only small words and one name go without a letter.
    Text,
    /// A glossary entry (the section is the evidence): lower-case words may go without too.
    Glossary,
}

#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Letter(char),
    Digits(String),
    And,
}

/// An abbreviation read as the units its expansion must spell.
#[derive(Debug)]
pub(super) struct Term {
    units: Vec<Unit>,
}

/// A token looks like an abbreviation: starts with a capital, at least two capitals, at most
/// one lower-case letter for every two capitals ("CCGs", "DfE"), nothing but letters, digits,
/// '&' and dots.
pub(super) fn looks_like_abbreviation(s: &str) -> bool {
    // Every word of every line is asked: count without allocating.
    let (mut chars, mut upper, mut lower) = (0usize, 0usize, 0usize);
    let mut first = None;
    for c in s.chars().filter(|&c| c != '.') {
        if !(c.is_alphanumeric() || c == '&') {
            return false;
        }
        first.get_or_insert(c);
        chars += 1;
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
    }
    (2..=MAX_TERM_CHARS).contains(&chars)
        && first.is_some_and(char::is_uppercase)
        && upper >= 2
        && lower * 2 <= upper
}

impl Term {
    /// The units of an abbreviation; `None` for a token that is not one.
    pub(super) fn parse(s: &str) -> Option<Term> {
        if !looks_like_abbreviation(s) {
            return None;
        }
        let mut core: Vec<char> = s.chars().filter(|&c| c != '.').collect();
        // A plural's "s" ("CCGs", "LSCGs") is no initial.
        if core.len() > MIN_UNITS && core.last() == Some(&'s') && core[core.len() - 2].is_uppercase() {
            core.pop();
        }
        let mut units = Vec::new();
        for c in core {
            match (c, units.last_mut()) {
                ('&', _) => units.push(Unit::And),
                (d, Some(Unit::Digits(run))) if d.is_ascii_digit() => run.push(d),
                (d, _) if d.is_ascii_digit() => units.push(Unit::Digits(d.to_string())),
                (l, _) => units.push(Unit::Letter(l.to_lowercase().next().unwrap_or(l))),
            }
        }
        (units.len() >= MIN_UNITS).then_some(Term { units })
    }

    /// The most words an expansion of this term can have.
    pub(super) fn max_words(&self) -> usize {
        2 * self.units.len() + EXTRA_WORDS
    }
}

/// A whitespace-separated token of a text, with its byte span.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word<'a> {
    /// The token as printed, punctuation included.
    pub(super) raw: &'a str,
    /// The token without the punctuation around it ("Board’s," → "Board’s").
    pub(super) core: &'a str,
    /// Byte span of `core` in the text.
    pub(super) start: usize,
    pub(super) end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    /// Punctuation only; never part of an expansion.
    Mark,
    Small,
    Number,
    /// All capitals, itself an abbreviation ("NHS").
    Caps,
    Lower,
    Name,
}

/// The tokens of a text, split at whitespace.
pub(super) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_whitespace() {
        let at = pos + text[pos..].find(raw).unwrap_or(0);
        pos = at + raw.len();
        let keep = |c: char| c.is_alphanumeric() || c == '&';
        let lead = raw.len() - raw.trim_start_matches(|c| !keep(c)).len();
        let core = raw.trim_matches(|c| !keep(c));
        out.push(Word { raw, core, start: at + lead, end: at + lead + core.len() });
    }
    out
}

impl Word<'_> {
    /// Punctuation only: a dash, a bullet.
    pub(super) fn is_mark(&self) -> bool {
        self.core.is_empty()
    }

    pub(super) fn is_small(&self) -> bool {
        SMALL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(self.core))
    }

    /// Digits only.
    pub(super) fn is_number(&self) -> bool {
        !self.core.is_empty() && self.core.chars().all(|c| c.is_ascii_digit())
    }

    /// Starts with a capital letter.
    pub(super) fn is_capitalised(&self) -> bool {
        self.core.chars().next().is_some_and(char::is_uppercase)
    }

    /// Starts with a lower-case letter.
    pub(super) fn is_lower(&self) -> bool {
        self.core.chars().next().is_some_and(char::is_lowercase)
    }

    fn kind(&self) -> WordKind {
        if self.is_mark() {
            WordKind::Mark
        } else if self.is_small() {
            WordKind::Small
        } else if self.is_number() {
            WordKind::Number
        } else if self.core.chars().count() >= 2 && self.core.chars().all(char::is_uppercase) {
            WordKind::Caps
        } else if self.is_lower() {
            WordKind::Lower
        } else {
            WordKind::Name
        }
    }

    /// The initials of the word's parts: "Multi-Agency" → m, a.
    fn initials(&self) -> Vec<char> {
        self.core
            .split(['-', '‐', '/'])
            .filter_map(|p| p.chars().next())
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect()
    }
}

/// Whether `words`, all of them, spell `term`.
pub(super) fn spells(term: &Term, words: &[Word], strictness: Strictness) -> bool {
    if words.is_empty() || words[0].is_small() {
        return false;
    }
    Aligner::new(term, words, strictness).aligns(0, 0, Skipped { names: 0, lower: 0 })
}

/// The shortest run of words ending at the end of `words` that spells `term`: its start.
pub(super) fn expansion_ending(term: &Term, words: &[Word], strictness: Strictness) -> Option<usize> {
    let n = words.len();
    (1..=n.min(term.max_words())).map(|k| n - k).find(|&from| spells(term, &words[from..], strictness))
}

/// The shortest run of words from the start of `words` that spells `term`: its length.
pub(super) fn expansion_starting(term: &Term, words: &[Word], strictness: Strictness) -> Option<usize> {
    (1..=words.len().min(term.max_words())).find(|&k| spells(term, &words[..k], strictness))
}

/// Words passed over so far: names, lower-case words.
#[derive(Debug, Clone, Copy)]
struct Skipped {
    names: usize,
    lower: usize,
}

/// Dynamic programme over (unit, word, words passed over).
struct Aligner<'t, 'w, 'a> {
    units: &'t [Unit],
    words: &'w [Word<'a>],
    kinds: Vec<WordKind>,
    strictness: Strictness,
    /// An abbreviation may stand for its own letters only beside words that are not
    /// abbreviations ("NHS England"), never in a run of capitals ("TEST TEST").
    spelling_allowed: bool,
    memo: Vec<Option<bool>>,
}

impl<'t, 'w, 'a> Aligner<'t, 'w, 'a> {
    fn new(term: &'t Term, words: &'w [Word<'a>], strictness: Strictness) -> Self {
        let cells = (term.units.len() + 1) * (words.len() + 1) * SKIP_STATES;
        let kinds: Vec<WordKind> = words.iter().map(Word::kind).collect();
        let spelling_allowed = kinds.iter().any(|k| matches!(k, WordKind::Name | WordKind::Lower));
        Aligner { units: &term.units, words, kinds, strictness, spelling_allowed, memo: vec![None; cells] }
    }

    /// Units `u..` spelled by words `w..`, `skipped` words passed over so far.
    fn aligns(&mut self, u: usize, w: usize, skipped: Skipped) -> bool {
        if w == self.words.len() {
            return u == self.units.len();
        }
        let state = skipped.names * (MAX_SKIPPED_LOWER + 1) + skipped.lower;
        let key = (u * (self.words.len() + 1) + w) * SKIP_STATES + state;
        if let Some(known) = self.memo[key] {
            return known;
        }
        let found = self.takes_units(u, w, skipped) || self.passes_over(u, w, skipped);
        self.memo[key] = Some(found);
        found
    }

    /// Word `w` stands for one or more units from `u` on.
    fn takes_units(&mut self, u: usize, w: usize, skipped: Skipped) -> bool {
        let last_word = w + 1 == self.words.len();
        for next in self.units_taken(u, w) {
            if self.aligns(next, w + 1, skipped) {
                return true;
            }
            // "Experiences" is the E and the plural S of ACES.
            let plural = next + 1 == self.units.len()
                && self.units[next] == Unit::Letter('s')
                && self.words[w].core.ends_with('s');
            if last_word && plural {
                return true;
            }
        }
        false
    }

    /// Word `w` stands for no unit.
    fn passes_over(&mut self, u: usize, w: usize, skipped: Skipped) -> bool {
        if w == 0 {
            return false;
        }
        let after_of = self.words[w - 1].core.eq_ignore_ascii_case("of");
        let Skipped { names, lower } = skipped;
        match self.kinds[w] {
            WordKind::Small => self.aligns(u, w + 1, skipped),
            WordKind::Lower if self.strictness == Strictness::Glossary && lower < MAX_SKIPPED_LOWER => {
                self.aligns(u, w + 1, Skipped { names, lower: lower + 1 })
            }
            WordKind::Caps | WordKind::Name if names < MAX_SKIPPED_NAMES => {
                (self.kinds[w] == WordKind::Caps || after_of)
                    && self.aligns(u, w + 1, Skipped { names: names + 1, lower })
            }
            _ => false,
        }
    }

    /// The unit positions reachable after word `w` takes units from `u` on: one per part
    /// of a compound, in order; an abbreviation its own letters; a number its digits.
    fn units_taken(&self, u: usize, w: usize) -> Vec<usize> {
        let word = &self.words[w];
        let mut ends = Vec::new();
        match self.kinds[w] {
            WordKind::Number => {
                if let Some(Unit::Digits(d)) = self.units.get(u) {
                    if word.core.ends_with(d.as_str()) {
                        ends.push(u + 1);
                    }
                }
            }
            _ if word.core == "&" || word.core.eq_ignore_ascii_case("and") => {
                if matches!(self.units.get(u), Some(Unit::And | Unit::Letter('a'))) {
                    ends.push(u + 1);
                }
            }
            kind => {
                let initials = word.initials();
                self.parts_from(u, &initials, &mut ends);
                let letters: Vec<char> = word.core.chars().flat_map(char::to_lowercase).collect();
                if kind == WordKind::Caps
                    && self.spelling_allowed
                    && letters.len() <= MAX_SPELLED_CAPS
                    && self.spelled_at(u, &letters)
                {
                    ends.push(u + letters.len());
                }
            }
        }
        ends
    }

    /// Units from `u` on taken by initials, each later than the one before.
    fn parts_from(&self, u: usize, initials: &[char], ends: &mut Vec<usize>) {
        for (p, &c) in initials.iter().enumerate() {
            if self.units.get(u) == Some(&Unit::Letter(c)) {
                ends.push(u + 1);
                self.parts_from(u + 1, &initials[p + 1..], ends);
            }
        }
    }

    fn spelled_at(&self, u: usize, letters: &[char]) -> bool {
        letters.len() > 1
            && letters.iter().enumerate().all(|(k, &c)| self.units.get(u + k) == Some(&Unit::Letter(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(term: &str, text: &str, strictness: Strictness) -> bool {
        spells(&Term::parse(term).unwrap(), &words(text), strictness)
    }

    fn text(term: &str, text: &str) -> bool {
        spelled(term, text, Strictness::Text)
    }

    #[test]
    fn abbreviations_and_other_tokens() {
        for t in ["CSE", "CAMHS", "CCGs", "DfE", "KFG21", "S.H.I.E.L.D.", "A&E", "GCP2"] {
            assert!(looks_like_abbreviation(t), "{t}");
        }
        for t in ["Ofsted", "Board", "C", "2018", "ABC-D", "ABCDEFGHIJKLMN"] {
            assert!(!looks_like_abbreviation(t), "{t}");
        }
    }

    #[test]
    fn initials_in_order() {
        assert!(text("CSE", "Child Sexual Exploitation"));
        assert!(text("CSE", "child sexual exploitation"));
        assert!(!text("CSE", "Sexual Child Exploitation"));
        assert!(!text("CSE", "Child Exploitation"));
        assert!(!text("CS", "Child Sexual Exploitation"));
    }

    #[test]
    fn small_words_may_or_may_not_give_a_letter() {
        assert!(text("CAMHS", "Child and Adolescent Mental Health Service"));
        assert!(text("CAFCASS", "Carers and Families Community Advice and Support Service"));
        assert!(text("CIN", "Child in Need"));
        assert!(text("THSCB", "Town and Harwick Safeguarding Children Board"));
        assert!(text("YPST", "Young People s Support Team"));
        // An expansion never opens with a small word.
        assert!(!text("TLSCB", "the Local Safeguarding Children Board"));
    }

    #[test]
    fn plurals() {
        assert!(text("CCGs", "Clinical Commissioning Groups"));
        assert!(text("ACES", "Area Community Events"));
        assert!(!text("ACES", "Area Community Event"));
    }

    #[test]
    fn compound_words_give_a_letter_per_part() {
        assert!(text("MASH", "Multi-Agency Safeguarding Hub"));
        assert!(text("MASA", "multi-agency support arrangements"));
        assert!(text("LSGs", "Locality Safeguarding Sub-Groups"));
    }

    #[test]
    fn one_name_may_be_left_out() {
        assert!(text("BTHFT", "Brackwater Teaching Hospital NHS Foundation Trust"));
        assert!(text("HVPS", "Harbury, Vale of Ashwick, Pelton & Sandford"));
        assert!(!text("HVPS", "Harbury, Vale, Ashwick, Pelton & Sandford"));
        assert!(!text("BTFT", "Brackwater NHS Teaching CQC Foundation Trust"));
    }

    #[test]
    fn digits_ampersands_dots_and_spelled_abbreviations() {
        assert!(text("GCP2", "Graded Care Profile 2"));
        assert!(text("KFG21", "Keeping Families Guidance 2021"));
        assert!(!text("KFG21", "Keeping Families Guidance 2015"));
        assert!(text("A&E", "Accident and Emergency"));
        assert!(text("S.H.I.E.L.D.", "Safe Homes In Every Local District"));
        assert!(text("NHSE", "NHS England"));
        assert!(!text("TEST", "TEST"));
        assert!(!text("ABAB", "AB AB"));
    }

    #[test]
    fn lower_case_words_pass_only_in_a_glossary() {
        assert!(!text("CLA", "Child who is Living Away"));
        assert!(spelled("CLA", "Child who is Living Away", Strictness::Glossary));
        assert!(!spelled("CLA", "Child who is Living", Strictness::Glossary));
    }

    #[test]
    fn shortest_run_before_and_after() {
        let term = Term::parse("BCU").unwrap();
        let ws = words("the East Area Basic Command Unit");
        assert_eq!(expansion_ending(&term, &ws, Strictness::Text), Some(3));
        let ws = words("Basic Command Unit – the police area");
        assert_eq!(expansion_starting(&term, &ws, Strictness::Text), Some(3));
        assert_eq!(expansion_ending(&term, &words("the police area"), Strictness::Text), None);
    }

    #[test]
    fn words_keep_their_spans() {
        let t = "a (Board’s), x";
        let ws = words(t);
        assert_eq!(ws[1].core, "Board’s");
        assert_eq!(&t[ws[1].start..ws[1].end], "Board’s");
        assert!(ws[1].raw.starts_with('('));
    }
}
