//! Scoring candidate lists on their evidence and choosing one. Each piece of evidence is a
//! signal with a weight; the list with the highest total at or above [`ACCEPT`] wins (the
//! earlier one on a tie), provided something names it as priorities (a label, a priority
//! table's header, a cue phrase or a heading): a tidy list alone is not enough. A winning
//! list that is visibly incomplete gives no priorities.

use sgx_model::ListSelection;

use super::vocab::{
    aim_cue, announced_count, distractor_cue, is_statutory, names_period, priority_cue, secondary_cue,
};
use super::{Candidate, Form, LabelNoun};

/// A list needs at least this score to be the priorities.
const ACCEPT: i32 = 4;
/// The sentence closest to a list is a pointer ("These are:") when it has at most this many
/// words; the sentence before it then introduces the list.
const POINTER_WORDS: usize = 6;

/// A priority table's header names priorities.
const TABLE: i32 = 5;
/// Labels "Priority N" on every item.
const PRIORITY_LABELS: i32 = 4;
/// Labels "Theme N", "Strategic aim N" on every item.
const OTHER_LABELS: i32 = 2;
/// The band rows of action tables (used only where no list is stated).
const SECTIONS: i32 = 3;
/// Bold lead-ins under a heading about priorities.
const LEAD_INS: i32 = 1;
/// The introducing sentence names priorities ("our priorities are", "areas of focus").
const PRIORITY_CUE: i32 = 3;
/// The introducing sentence names aims, objectives or themes.
const AIM_CUE: i32 = 2;
/// The list opens a section whose heading names priorities.
const HEADING_CUE: i32 = 2;
/// The introduction names the period the list is for.
const PERIOD: i32 = 1;
/// The introduction announces as many items as the list has.
const COUNT_MATCH: i32 = 2;
/// The list has more items than announced.
const COUNT_OVER: i32 = -2;
/// Numbered 1..n in order.
const NUMBERED: i32 = 1;
/// A list of a usual size for priorities.
const USUAL_SIZE: i32 = 1;
/// A list longer than priorities usually are.
const LONG_LIST: i32 = -2;
/// Items short enough to be titles.
const SHORT_TITLES: i32 = 1;
/// The introduction names a list that is not priorities (principles, functions, threads...).
const DISTRACTOR_INTRO: i32 = -6;
/// The list sits under a heading of such a list.
const DISTRACTOR_HEADING: i32 = -4;
/// A secondary list of priorities ("shared priorities", "business priorities").
const SECONDARY: i32 = -2;
/// Most items repeat the statutory objectives.
const STATUTORY: i32 = -8;
/// Most items are questions.
const QUESTIONS: i32 = -6;

/// Priorities lists usually have this many items.
const USUAL_ITEMS: std::ops::RangeInclusive<usize> = 3..=10;
/// A list of more items than this is rarely priorities.
const MAX_USUAL_ITEMS: usize = 12;
/// Titles have at most this many words (median).
const SHORT_TITLE_WORDS: usize = 15;

/// The list chosen, or the knowledge that the best list is incomplete.
pub enum Choice {
    List(Candidate, ListSelection),
    Incomplete,
}

/// The best candidate at or above [`ACCEPT`], if any.
pub fn choose(candidates: Vec<Candidate>) -> Option<Choice> {
    let mut best: Option<(Verdict, Candidate)> = None;
    for c in candidates {
        // Only a named list can win: skip the scoring of lists nothing could name.
        if !may_be_named(&c) {
            continue;
        }
        let v = assess(&c);
        if v.score() < ACCEPT || !v.named {
            continue;
        }
        let better = best
            .as_ref()
            .is_none_or(|(b, bc)| v.score() > b.score() || (v.score() == b.score() && c.block < bc.block));
        if better {
            best = Some((v, c));
        }
    }
    best.map(|(v, c)| match v.incomplete {
        Some(_) => Choice::Incomplete,
        None => Choice::List(c, v.selection()),
    })
}

/// Whether anything could name `c` as priorities (its form, a cue in its introduction, its
/// heading): the cheap half of [`assess`], so that most lists are never scored.
fn may_be_named(c: &Candidate) -> bool {
    let named_form =
        matches!(c.form, Form::Table | Form::Labelled(LabelNoun::Priority) | Form::LeadIns | Form::Sections);
    named_form
        || c.intro.iter().any(|s| priority_cue(s).is_some() || aim_cue(s).is_some())
        || c.heading.as_deref().is_some_and(|h| priority_cue(h).is_some())
}

/// The evidence about one list.
#[derive(Debug, Default)]
pub struct Verdict {
    signals: Vec<(i32, String)>,
    /// A label, table header, cue phrase or heading names the list as priorities.
    named: bool,
    /// Why the list is visibly incomplete, if it is.
    pub incomplete: Option<String>,
}

impl Verdict {
    fn add(&mut self, weight: i32, what: impl Into<String>) {
        self.signals.push((weight, what.into()));
    }

    /// Add a signal that names the list as priorities.
    fn name(&mut self, weight: i32, what: impl Into<String>) {
        self.named = true;
        self.add(weight, what);
    }

    pub fn score(&self) -> i32 {
        self.signals.iter().map(|s| s.0).sum()
    }

    /// The signals, strongest first, as the model records them.
    pub fn selection(&self) -> ListSelection {
        let mut signals = self.signals.clone();
        signals.sort_by_key(|s| std::cmp::Reverse(s.0.abs()));
        ListSelection {
            score: self.score(),
            signals: signals.into_iter().map(|(w, what)| format!("{what} {w:+}")).collect(),
        }
    }
}

/// Score one candidate list.
pub fn assess(c: &Candidate) -> Verdict {
    let mut v = Verdict::default();
    let n = c.items.len();
    match c.form {
        Form::Table => v.name(TABLE, "priority table"),
        Form::Labelled(LabelNoun::Priority) => v.name(PRIORITY_LABELS, "labels 'Priority N'"),
        // "Objective 2", "Outcome 3" label action-table rows too: they need a cue.
        Form::Labelled(LabelNoun::Other) => v.add(OTHER_LABELS, "labels 'Theme N'"),
        Form::LeadIns => v.name(LEAD_INS, "bold lead-ins"),
        Form::Sections => v.name(SECTIONS, "action-table sections"),
        Form::Listed | Form::Inline | Form::Subsections | Form::Titled => {}
    }
    introduction(c, &mut v);
    if let Some(h) = &c.section {
        if let Some(d) = distractor_cue(h) {
            v.add(DISTRACTOR_HEADING, format!("under heading '{d}'"));
        }
    }
    if let Some(h) = c.heading.as_deref().filter(|h| priority_cue(h).is_some() && distractor_cue(h).is_none())
    {
        v.name(HEADING_CUE, format!("heading '{h}'"));
    }
    numbering(c, &mut v);
    if USUAL_ITEMS.contains(&n) {
        v.add(USUAL_SIZE, format!("list of {n} items"));
    } else if n > MAX_USUAL_ITEMS {
        v.add(LONG_LIST, format!("long list of {n} items"));
    }
    shape(c, &mut v);
    completeness(c, &mut v);
    v
}

/// What the sentences before the list say: the closest one that names priorities, aims or a
/// list of another kind decides.
fn introduction(c: &Candidate, v: &mut Verdict) {
    let n = c.items.len() as u32;
    // The sentence before the closest one counts when the closest is a pointer ("These
    // are:") or when it announces as many items as the list has ("The Board agreed five
    // priorities. Each is an objective of the action plan." and five items).
    let pointer = c.intro.first().is_some_and(|s| s.split_whitespace().count() <= POINTER_WORDS);
    let counted = c.intro.get(1).and_then(|s| announced_count(s)) == Some(n);
    let reach = if pointer || counted { c.intro.len() } else { 1 };
    for s in c.intro.iter().take(reach) {
        if let Some(d) = distractor_cue(s) {
            v.add(DISTRACTOR_INTRO, format!("introduced as '{d}'"));
            return;
        }
        let cue =
            priority_cue(s).map(|cue| (PRIORITY_CUE, cue)).or_else(|| aim_cue(s).map(|cue| (AIM_CUE, cue)));
        let Some((weight, cue)) = cue else { continue };
        v.name(weight, format!("cue phrase '{}'", cue.to_lowercase()));
        if let Some(q) = secondary_cue(s) {
            v.add(SECONDARY, format!("secondary list '{}'", q.to_lowercase()));
        }
        if names_period(s) {
            v.add(PERIOD, "names its period");
        }
        // "Four priorities were agreed. These priorities are:": the count may sit in the
        // sentence before the cue.
        match c.intro.iter().find_map(|s| announced_count(s)) {
            Some(a) if a == n => v.add(COUNT_MATCH, format!("announces {a}, lists {n}")),
            Some(a) if a > n => v.incomplete = Some(format!("announces {a}, shows {n}")),
            Some(a) => v.add(COUNT_OVER, format!("announces {a}, lists {n}")),
            None => {}
        }
        return;
    }
}

/// Numbers printed 1..n in order count for the list; numbers starting later mean its start
/// is missing.
fn numbering(c: &Candidate, v: &mut Verdict) {
    let Some(numbers) = &c.printed_numbers else { return };
    let Some(&first) = numbers.first() else { return };
    if first > 1 {
        v.incomplete = Some(format!("numbering starts at {first}"));
        return;
    }
    let in_order = numbers.iter().enumerate().all(|(k, &x)| x == k as u32 + 1);
    if in_order && numbers.len() == c.items.len() && numbers.len() > 1 {
        v.add(NUMBERED, format!("numbered 1-{}", numbers.len()));
    }
}

/// Item shape: short titles count for the list; statutory objectives and questions against.
fn shape(c: &Candidate, v: &mut Verdict) {
    let n = c.items.len();
    let mut words: Vec<usize> = c.items.iter().map(|i| i.title.split_whitespace().count()).collect();
    words.sort_unstable();
    if words.get(n / 2).is_some_and(|&w| w <= SHORT_TITLE_WORDS) {
        v.add(SHORT_TITLES, "short titles");
    }
    let most = |k: usize| 2 * k >= n && k > 0;
    if most(c.items.iter().filter(|i| is_statutory(&i.title)).count()) {
        v.add(STATUTORY, "statutory objectives");
    }
    if most(c.items.iter().filter(|i| i.title.trim_end().ends_with('?')).count()) {
        v.add(QUESTIONS, "questions");
    }
}

/// A list cut off by the end of the text (its last item unfinished), or of one item only
/// (outside priority tables), is not the whole list.
fn completeness(c: &Candidate, v: &mut Verdict) {
    // One table per priority is a layout of its own; one item anywhere else is a list cut
    // short ("Priority 1: …" and then the end of the excerpt).
    if c.items.len() < 2 && c.form != Form::Table {
        v.incomplete.get_or_insert_with(|| "one item only".into());
    }
    if c.cut_off {
        v.incomplete.get_or_insert_with(|| "cut off by the end of the text".into());
    }
}

#[cfg(test)]
mod tests {
    use super::super::Item;
    use super::*;
    use sgx_model::Evidence;

    fn list(form: Form, intro: &str, titles: &[&str]) -> Candidate {
        let mut c = Candidate::new(form, 0);
        c.intro = vec![intro.to_string()];
        c.items = titles.iter().map(|t| Item::new(None, t.to_string(), Evidence::default())).collect();
        c
    }

    #[test]
    fn a_cue_and_a_matching_count_make_a_list() {
        let v =
            assess(&list(Form::Listed, "Our three priorities for 2024 are:", &["Neglect", "Abuse", "Voice"]));
        assert!(v.incomplete.is_none());
        let s = v.selection();
        assert_eq!(s.signals[0], "cue phrase 'priorities' +3");
        assert!(s.signals.contains(&"announces 3, lists 3 +2".to_string()), "{s:?}");
        assert!(s.score >= ACCEPT + 3);
    }

    #[test]
    fn lists_beside_the_priorities_score_low() {
        for (intro, titles) in [
            ("Our work follows these principles:", &["Children first", "Share", "Learn"][..]),
            ("The questions we ask are:", &["Is it safe?", "Does it work?"]),
            (
                "The strategic aims are:",
                &["Partners hold one another to account", "Information is shared effectively"],
            ),
            ("We held events on:", &["Neglect", "Exploitation"]),
        ] {
            assert!(assess(&list(Form::Listed, intro, titles)).score() < ACCEPT, "{intro}");
        }
    }

    #[test]
    fn a_cue_two_sentences_back_counts_only_through_a_pointer_or_a_count() {
        let mut c = list(Form::Listed, "", &["Neglect", "Abuse", "Voice"]);
        c.intro =
            vec!["We held three events in the year on:".into(), "Our priorities guide our work.".into()];
        assert!(!assess(&c).named);
        c.intro[0] = "These are:".into();
        assert!(assess(&c).named);
        c.intro = vec!["Each is an objective of the plan.".into(), "We agreed three priorities.".into()];
        assert!(assess(&c).named);
    }

    #[test]
    fn incomplete_lists() {
        let v = assess(&list(Form::Listed, "Our four priorities are:", &["Neglect", "Abuse", "Voice"]));
        assert_eq!(v.incomplete.as_deref(), Some("announces 4, shows 3"));
        let mut c = list(Form::Listed, "Our priorities are:", &["Neglect", "Abuse", "Tackli"]);
        c.cut_off = true;
        assert!(assess(&c).incomplete.is_some());
        c.cut_off = false;
        assert!(assess(&c).incomplete.is_none());
        c.printed_numbers = Some(vec![2, 3, 4]);
        assert_eq!(assess(&c).incomplete.as_deref(), Some("numbering starts at 2"));
    }

    #[test]
    fn the_best_list_wins_and_an_incomplete_best_list_wins_nothing() {
        let weak = list(Form::Listed, "We agreed these:", &["A", "B"]);
        let strong = list(Form::Listed, "Our priorities are:", &["C", "D", "E"]);
        match choose(vec![weak.clone(), strong]) {
            Some(Choice::List(c, _)) => assert_eq!(c.items[0].title, "C"),
            _ => panic!("no list chosen"),
        }
        let cut = list(Form::Listed, "Our five priorities are:", &["C", "D", "E"]);
        assert!(matches!(choose(vec![weak, cut]), Some(Choice::Incomplete)));
    }
}
