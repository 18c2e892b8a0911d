//! The words that tell a list of priorities from the lists beside it: cue phrases that
//! introduce priorities, the words of the lists that are not priorities (principles,
//! functions, threads, questions, strengths...), the statutory objectives many documents
//! repeat, and the count a sentence announces ("our three priorities").

use regex_lite::Regex;

use crate::util::Cued;
use crate::vocab::number_word;

/// Phrases that introduce the partnership's priorities: "our priorities are", "areas of
/// focus", "priority areas", "we will concentrate on". A lone "priority" ("a high
/// priority", "Priority 2") introduces no list.
static PRIORITY_CUE: Cued = Cued::new(&["priorit", "area", "focus", "concentrate"], || {
    Regex::new(concat!(
        r"(?i)\bpriorities\b|\bpriority\s+(?:areas?|themes?|outcomes?|issues)\b",
        r"|\bareas?\s+(?:of|for|to)\s+(?:focus|development|improvement|concentrate)",
        r"|\bfocus\s+areas?\b|\bkey\s+areas\b",
        r"|\b(?:will|to)\s+(?:focus|concentrate)\s+on\b",
    ))
    .unwrap()
});

/// Weaker phrases: a plan's aims, objectives, goals or themes ("our strategic objectives for
/// this year", "the following aims for 2017/18").
static AIM_CUE: Cued = Cued::new(&["aim", "objective", "goal", "theme", "outcome", "ambition"], || {
    Regex::new(concat!(
        r"(?i)\bstrategic\s+(?:aims?|objectives?|goals?|themes?|outcomes?|ambitions?)\b",
        r"|\b(?:our|key|main|following)\s+(?:aims|objectives|goals|themes|outcomes|ambitions)\b",
        r"|\b(?:aims|objectives|goals|themes|outcomes)\s+(?:for|during)\s+(?:this|the\s+next|the\s+coming|\d{4})",
        r"|\b(?:overarching|key)\s+themes\b",
    ))
    .unwrap()
});

/// Words of the lists that sit beside priorities and are not them: principles and values,
/// functions and duties, threads running through the priorities, questions, strengths and
/// achievements, assurance areas, planned work, contents.
static DISTRACTOR_CUE: Cued = Cued::new(
    &[
        "principle",
        "values",
        "function",
        "remit",
        "responsibilit",
        "duties",
        "purpose",
        "statutory",
        "core",
        "thread",
        "run",
        "cross",
        "underpin",
        "question",
        "strength",
        "achievement",
        "success",
        "highlights",
        "assurance",
        "planned",
        "activities",
        "contents",
        "membership",
        "signs",
        "vulnerabilit",
        "recommendations",
        "findings",
        "what",
        "did",
        "achieved",
    ],
    || {
        Regex::new(concat!(
            r"(?i)\bprinciples?\b|\bvalues\b|\bfunctions?\b|\bremit\b|\bresponsibilit|\bduties\b",
            r"|\bpurposes?\b|\bstatutory\s+(?:objectives|duties|functions|requirements)|\bcore\s+objectives",
            r"|\bthreads?\b|\brun(?:s|ning)?\s+thr?ough\b|\bcross[- ]?cutting\b|\bunderpinn?(?:ed|ing)?\b",
            r"|\bquestions?\b|\bstrengths?\b|\bachievements?\b|\bsuccess(?:es)?\b|\bhighlights\b",
            r"|\bassurance\s+areas?\b|\bareas?\s+of\s+assurance\b|\bplanned\s+work\b|\bactivities\b",
            r"|\bcontents\b|\bmembership\b|\bsigns\s+of\b|\bvulnerabilit|\brecommendations\b|\bfindings\b",
            r"|\bwhat\s+we\s+(?:did|have\s+done)\b|\bwe\s+(?:did|achieved)\b",
        ))
        .unwrap()
    },
);

/// A second list of priorities that is not the partnership's own main list: shared with
/// another board, the business unit's, cross-cutting ones.
static SECONDARY: Cued = Cued::new(&["priorit"], || {
    Regex::new(r"(?i)\b(?:shared|joint|business|additional|supporting|enabling|operational)\s+priorit")
        .unwrap()
});

/// A period in the introduction: "for 2021/22", "for this year", "for the next 12 months".
static PERIOD: Cued = Cued::new(&["for", "during", "in", "between"], || {
    Regex::new(
        r"(?i)\b(?:for|during|in|between)\s+(?:the\s+)?(?:\d{4}|this\s+(?:year|business\s+year)|next\s+\d+\s+(?:months|years)|coming\s+year|next\s+(?:three\s+|two\s+)?years?)",
    )
    .unwrap()
});

/// The nouns a count announces: "three priorities", "5 key priorities", "seven priority
/// areas", "four strategic aims".
static COUNTED_NOUN: Cued =
    Cued::new(&["priorit", "areas", "aims", "objectives", "themes", "goals", "outcomes"], || {
        Regex::new(r"(?i)\b(?:priorit(?:y|ies)|areas|aims|objectives|themes|goals|outcomes)\b").unwrap()
    });

/// A count stands at most this many words before its noun.
const COUNT_REACH: usize = 4;

/// Key phrases of the statutory objectives and functions that documents repeat from the
/// guidance (the objectives of the multi-agency arrangements of Working Together 2018, the
/// LSCB objectives of the Children Act 2004 s14 and its functions): lists of these are not
/// the partnership's own priorities.
static STATUTORY: Cued = Cued::new(
    &[
        "account",
        "identification",
        "learning",
        "information",
        "own",
        "challenge",
        "ordinate",
        "effectiveness",
        "communicat",
        "participat",
    ],
    || {
        Regex::new(concat!(
        r"(?i)hold\s+(?:one\s+another|each\s+other)\s+to\s+account",
        r"|early\s+identification\s+(?:and\s+analysis\s+)?of\s+new\s+safeguarding\s+issues",
        r"|learning\s+is\s+promoted\s+and\s+embedded|information\s+is\s+shared\s+effectively",
        r"|co-?own\s+the\s+vision|challenge\s+appropriately",
        r"|co-?ordinate\s+what\s+is\s+done\s+by\s+each|effectiveness\s+of\s+what\s+is\s+done\s+by\s+each",
        r"|communicat\w*\s+to\s+persons\s+and\s+bodies|participat\w*\s+in\s+the\s+planning\s+of\s+services",
    ))
    .unwrap()
    },
);

/// The first priority cue in `text`, if any.
pub fn priority_cue(text: &str) -> Option<&str> {
    PRIORITY_CUE.find(text).map(|m| m.as_str())
}

/// The first aims / objectives / themes cue in `text`, if any.
pub fn aim_cue(text: &str) -> Option<&str> {
    AIM_CUE.find(text).map(|m| m.as_str())
}

/// The first word of a list that is not priorities, if any.
pub fn distractor_cue(text: &str) -> Option<&str> {
    DISTRACTOR_CUE.find(text).map(|m| m.as_str())
}

/// The qualifier of a secondary list of priorities ("shared priorities"), if any.
pub fn secondary_cue(text: &str) -> Option<&str> {
    SECONDARY.find(text).map(|m| m.as_str())
}

/// Whether `text` names a period the list is for.
pub fn names_period(text: &str) -> bool {
    PERIOD.is_match(text)
}

/// The number of priorities a sentence announces ("our three priorities" → 3): the number
/// nearest before the noun ("over the next two years our three priorities" → 3).
pub fn announced_count(text: &str) -> Option<u32> {
    COUNTED_NOUN.find_iter(text).find_map(|m| {
        text[..m.start()]
            .split_whitespace()
            .rev()
            .take(COUNT_REACH)
            .take_while(|w| !w.ends_with(['.', ':', ';', ',']))
            .find_map(count_word)
    })
}

/// A count: "3", "12" or a number word from two ("one priority" counts nothing).
fn count_word(word: &str) -> Option<u32> {
    let n = if word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit()) {
        word.parse().ok()
    } else {
        number_word(word)
    }?;
    (n >= 2).then_some(n)
}

/// Whether an item repeats a statutory objective or function.
pub fn is_statutory(item: &str) -> bool {
    STATUTORY.is_match(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_for_priorities_and_for_aims() {
        assert!(priority_cue("It was agreed that the priorities for next year should be:").is_some());
        assert!(priority_cue("Our agreed areas of focus were:").is_some());
        assert!(priority_cue("The Board will concentrate on:").is_some());
        assert!(priority_cue("The Board met four times.").is_none());
        assert!(priority_cue("Training remained a high priority for the Board:").is_none());
        assert!(priority_cue("Seven priority areas had been set:").is_some());
        assert!(aim_cue("Our strategic objectives can be summarised as:").is_some());
        assert!(aim_cue("The plan sets the following aims for 2019/20:").is_some());
        assert!(aim_cue("We aim to be better.").is_none());
    }

    #[test]
    fn distractors_and_secondary_lists() {
        for s in [
            "Our work is guided by these principles:",
            "The core functions of the partnership include:",
            "Two threads run through all our priorities:",
            "The questions we ask ourselves are:",
            "We identified these strengths:",
        ] {
            assert!(distractor_cue(s).is_some(), "{s}");
        }
        assert!(distractor_cue("Our priorities for this year are:").is_none());
        assert_eq!(secondary_cue("Shared priorities with the adults board:"), Some("Shared priorit"));
        assert!(secondary_cue("Our priorities:").is_none());
    }

    #[test]
    fn counts_and_periods() {
        assert_eq!(announced_count("the Board agreed three new priorities"), Some(3));
        assert_eq!(announced_count("5 priorities for the Board"), Some(5));
        assert_eq!(announced_count("seven priority areas had been set"), Some(7));
        assert_eq!(announced_count("in 2019 priorities changed"), None);
        assert_eq!(announced_count("Over the next two years our three priorities are:"), Some(3));
        assert_eq!(announced_count("two years on, the priorities"), None);
        assert!(names_period("the following aims for 2021/22:"));
        assert!(names_period("priorities for this business year are:"));
        assert!(!names_period("our priorities are:"));
    }

    #[test]
    fn statutory_objectives() {
        assert!(is_statutory("Partner agencies hold one another to account effectively."));
        assert!(is_statutory("To coordinate what is done by each person or body on the Board"));
        assert!(!is_statutory("Children are safe from exploitation"));
    }
}
