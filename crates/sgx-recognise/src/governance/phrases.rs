//! The phrases that state facts about bodies, or weaken a mention as evidence of one.

use std::sync::LazyLock;

use regex_lite::Regex;

use crate::util::Cued;
use crate::vocab::number_words_from;

/// A meeting frequency as printed: "quarterly", "six times per year", "once a term", "every
/// six weeks", with an optional "at least" / "usually" in front.
pub(super) fn freq() -> String {
    let counted = format!(r"(?:\d+|{})\s+times", number_words_from(1));
    let every = r"(?:per|a|each|every|in\s+the)";
    let forms = [
        r"quarterly|monthly|bi-?monthly|termly|weekly|fortnightly|bi-?annually|annually|half-?yearly"
            .to_string(),
        r"six[- ]weekly".to_string(),
        // "twice yearly", "three times yearly", "four times annually".
        format!(r"(?:{counted}|twice|once)\s+(?:yearly|annually)"),
        format!(r"{counted}\s+{every}\s+(?:year|annum|term|month)"),
        format!(r"twice\s+{every}\s+(?:year|term|month)"),
        format!(r"once\s+{every}\s+(?:month|term|quarter|year)"),
        r"every\s+(?:[A-Za-z]+\s+)?(?:weeks|months|quarter|term)".to_string(),
    ];
    let hedge = r"(?:at\s+least\s+|approximately\s+|around\s+|roughly\s+|usually\s+)?";
    format!("(?:{hedge}(?:{}))", forms.join("|"))
}

/// Words every frequency contains.
pub(super) const FREQ_CUES: &[&str] = &[
    "quarterly",
    "monthly",
    "termly",
    "weekly",
    "fortnightly",
    "annually",
    "yearly",
    "times",
    "twice",
    "once",
    "every",
];

pub(super) static FREQ_RE: Cued =
    Cued::near(FREQ_CUES, 40, 60, || Regex::new(&format!(r"(?i)\b{}\b", freq())).unwrap());
/// "meets eight times per year", "which meets on a monthly basis", "Meet twice per year".
// Cued on the verb, which opens the match and is rarer than the frequency's words ("every",
// "times"); at most three words of up to 20 letters stand between them.
pub(super) static MEETS: Cued = Cued::near(&["meet", "met", "conven"], 0, 160, || {
    let verb = r"(?:meets?|met|meetings?\s+(?:are|is|were|will\s+be)\s+held|convenes?)";
    Regex::new(&format!(r"(?i)\b{verb}\b(?:\s+[A-Za-z0-9_-]{{1,20}}){{0,3}}?\s+({})\b", freq())).unwrap()
});
/// "termly Schools Network meetings", "the quarterly Board meetings".
pub(super) static FREQ_MEETINGS: Cued = Cued::near(&["meeting"], 200, 10, || {
    Regex::new(&format!(r"(?i)\b({})\s+((?:[A-Za-z0-9_'’&/-]+\s+){{1,8}}?)meetings?\b", freq())).unwrap()
});
pub(super) static CHAIRED_BY: Cued =
    Cued::new(&["chaired"], || Regex::new(r"(?i)\bchaired\s+by\s+(?:the\s+|an?\s+)?([^.;]+)").unwrap());
pub(super) static CHAIRED_INDEPENDENTLY: Cued =
    Cued::new(&["chaired"], || Regex::new(r"(?i)\bchaired\s+independently\b[^.;]*").unwrap());
pub(super) static LED_BY_CHAIR: Cued = Cued::near(&["independent"], 40, 100, || {
    Regex::new(concat!(
        r"(?i)\b(?:under\s+the\s+leadership\s+of|led\s+by|under)\s+(?:its\s+|an?\s+|the\s+)?",
        r"(independent\s+chair(?:\s*person)?(?:,\s+(?:[A-Z][A-Za-z0-9_'’-]*\s?){1,4})?)",
    ))
    .unwrap()
});
/// "Chair: Jane Doe" on a line of its own.
pub(super) static CHAIR_LABEL: Cued =
    Cued::new(&["chair"], || Regex::new(r"(?im)^\W*chair(?:person)?\s*[:\-–]\s*([^\n]+)$").unwrap());
/// "Independent chair: Jane Doe" inside a line: the chair's name, first and last.
pub(super) static CHAIR_NAMED: Cued = Cued::near(&["chair"], 20, 80, || {
    Regex::new(r"\b(?i:(?:independent\s+)?chair(?:man|person)?)\s*:\s*([A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+)")
        .unwrap()
});
/// A signature: "Jane Doe, Director of X and Chair of the ABC", "Jane Doe - Independent Chair of
/// the ABC".
pub(super) static SIGNATURE: Cued = Cued::new(&["chair"], || {
    Regex::new(
        // A comma, " and", or a dash with a space beside it ("Jo Bloggs - Chair of"; not the
        // hyphen inside "Smith-Jones").
        r"(?i)^[\W_]*([^\n]{3,200}?)(?:,|\s+and|\s+[-–—]\s*|[-–—]\s+)\s*(?:the\s+)?(?:independent\s+)?chair\s+of\s+(?:the\s+)?",
    )
    .unwrap()
});
/// Cut a chair's value before a relative clause or a time qualifier.
pub(super) static CHAIR_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // A relative clause: ", which …", " and meets …".
        r"(?i)(,?\s+(?:which|who|whilst|while|",
        r"(?:and|&)\s+(?:is|has|was|will|meets|reports|includes?|comprises?|consists?|brings?))\b.*$",
        // A dash clause (spaced, or a hyphen before a lower-case clause: "(DSP)- this is …"),
        // or ", meets …".
        r"|\s+[–—]\s.*$|\s*[-–—]\s+(?:this|that|which|who|it|currently)\b.*$|,\s*(?:meets?|reports?|is|has)\b.*$",
        // A time qualifier: " in 2023", " during the year".
        r"|\s+(?:in|during|since|from|for)\s+(?:the\s+year\s+)?(?:\d{2,4}(?:[/-]\d{2,4})?|the\s+year)\b.*$)",
    ))
    .unwrap()
});
/// "reports to", "report headline issues to", "reported regularly to", "provide updates to",
/// "sits directly below the Board" (a place in the structure).
pub(super) static REPORTS: Cued = Cued::near(&["report", "update", "accountable", "sit"], 0, 120, || {
    Regex::new(concat!(
        r"(?i)\b(?:(?:(?:reports?|reported|reporting)",
        r"(?:\s+(?:[A-Za-z]{1,16}ly|back|in\s+turn|headline|issues|progress|findings|its|their)){0,4}",
        r"|updates?|accountable)\s+to",
        r"|sits?\s+(?:directly\s+|immediately\s+)?(?:below|beneath|under(?:neath)?))\s+(?:the\s+)?(?:main\s+)?",
    ))
    .unwrap()
});
/// Words that give a body a chair, members or meetings when its name comes right after them:
/// "Independent Chair of the Board", "Chairperson for the X Board", "chaired the Board",
/// "Chair, XSCB", "members of the Board", "meeting of the X". ("Each body represented on the
/// Board" is the statutory objective every board repeats, and says nothing of this one.)
pub(super) static SEAT_BEFORE: Cued = Cued::near(&["chair", "member", "meeting"], 16, 40, || {
    Regex::new(concat!(
        r"(?i)\b(?:(?:vice[\s-]+)?chair(?:man|person|woman)?(?:\s*,\s*|\s+(?:of|for)\s+|\s+)",
        r"|chair(?:ed|ing)\s+|(?:members?|membership)\s+of\s+|meetings?\s+of\s+)",
        r"(?:the\s+)?",
    ))
    .unwrap()
});
/// Words that give the body named right before them a chair, members or meetings: "XSCB
/// Independent Chair", "Board members", "XSCB meeting".
pub(super) static SEAT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*(?:'s\s+|’s\s+)?(?:(?:independent|vice)[\s-]+)?",
        r"(?:chair(?:man|person|woman)?|members|membership|meetings?)\b",
    ))
    .unwrap()
});
/// A measure cell of the form "X to PBG" / "Subgroup to PBG".
pub(super) static CELL_TO: Cued =
    Cued::new(&["to"], || Regex::new(r"(?i)^\s*(.{1,80}?)\s+to\s+(?:the\s+)?").unwrap());
/// A subject that points back to an earlier sentence: "The group meets…", "this group was
/// chaired by…".
pub(super) static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(\b(?:the|this|that|each)\s+",
        r"(?:group|sub-?group|sub\s+group|sub-?committee|committee|panel|network|forum|chair|chairs|meetings?)\b",
        r"|^\W*(?:it|they)\b|\bit\s+(?:is|was|has|had|will|meets|met|reports)\b)",
    ))
    .unwrap()
});
/// Mentions right after these words name a body the partnership only takes part in.
pub(super) static PARTICIPATION: Cued = Cued::ending(&["represent", "sit", "member"], 60, || {
    Regex::new(concat!(
        // "is a member of": the partnership sits on it; "members of the Executive" are people.
        r"(?i)\b(?:represented\s+on|representation\s+on|sits?\s+on",
        r"|(?:is|are|as|be|become|becomes|became)\s+(?:an?\s+)?members?\s+of)",
        r"\s+(?:the\s+|every\s+|each\s+)?$",
    ))
    .unwrap()
});
/// Mentions right after these words are weak evidence: outside bodies are worked with, attended.
pub(super) static WEAK_CONTEXT: Cued = Cued::ending(
    &[
        "attend",
        "with",
        "former",
        "previous",
        "predecessor",
        "national",
        "regional",
        "representative",
        "participate",
        "link",
    ],
    80,
    || {
        Regex::new(concat!(
            r"(?i)\b(?:attend(?:s|ed|ing|ance)?(?:\s+at)?",
            r"|(?:work|agree|liaise|consult|engage|partner)(?:s|ing|ed|d)?(?:\s+more)?(?:\s+closely)?\s+with",
            r"|(?:former|previous|predecessor|national|regional|sub-regional)",
            r"|representatives?\s+(?:from|of)|participate\s+in|links?\s+(?:with|to)|relationship\s+with)",
            r"\s+(?:the\s+|every\s+|each\s+|all\s+)?(?:new\s+|regional\s+|national\s+|sub-regional\s+)?$",
        ))
        .unwrap()
    },
);
/// Mentions in a list after these words are audiences the partnership sends its work to:
/// "presented to the Health Board, the Police Board and the Leaders' Group".
pub(super) static AUDIENCE_LIST: Cued = Cued::new(&["presented", "submitted", "circulated", "sent"], || {
    Regex::new(concat!(
        r"\b(?i:presented|submitted|circulated|sent)\s+(?i:to)\s+",
        r"(?:[A-Z][A-Za-z’'&-]*|and|the|&|,|\s)*(?:,|\band|&)\s+(?:the\s+)?$",
    ))
    .unwrap()
});
/// A sentence about an outside organisation's arrangements.
pub(super) static EXTERNAL_SENTENCE: Cued = Cued::near(
    &["department", "secretary", "ofsted", "home", "council", "nhs"],
    0,
    30,
    || {
        Regex::new(
        r"(?i)\b(?:department\s+(?:for|of)|secretary\s+of\s+state|ofsted|home\s+office|council's|nhs\s+england)\b",
    )
    .unwrap()
    },
);
/// A sentence announcing a body that does not exist yet.
pub(super) static FUTURE: Cued = Cued::near(&["be"], 10, 40, || {
    Regex::new(concat!(
        r"(?i)\b(?:will\s+be|is\s+to\s+be|are\s+to\s+be|to\s+be)",
        r"\s+(?:established|formed|set\s+up|created|launched|introduced)\b",
    ))
    .unwrap()
});
/// An acronym in parentheses ("(PBG)", "(CRLG)").
pub(super) static ACRONYM_PAREN: Cued =
    Cued::new(&["("], || Regex::new(r"\(\s*([A-Z][A-Z&]*[A-Z]s?(?:\s+[A-Z][A-Z&]+)?)\s*\)").unwrap());

pub(super) static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:section|part|chapter|appendix)\s+)?(?:\d+(?:\.\d+)*|[ivx]+)\s*[:.)\-–]\s*")
        .unwrap()
});

/// Words that announce a list of the partnership's bodies.
pub(super) static LIST_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:sub-?\s?groups|sub-?committees|subcommittees|committees|panels|networks|sub-?boards",
        r"|(?:working|task(?:\s+and\s+finish)?|steering|reference|partnership|thematic|strategic",
        r"|delivery|operational)\s+groups",
        r"|governance\s+structure|structure\s+(?:that|which)\s+(?:includes?|comprises?))\b",
    ))
    .unwrap()
});

/// A sentence counting the partnership's bodies and naming them in line: "The five sub-groups
/// comprised A, B, C, D and E." (group 1: the count; group 2: the names, up to the full stop).
pub(super) static COUNTED_NAMES: Cued = Cued::near(
    &["groups", "committees", "panels", "boards", "networks"],
    COUNTED_NAMES_BEFORE,
    COUNTED_NAMES_AFTER,
    || {
        let count = format!(r"(\d{{1,2}}|{})", number_words_from(2));
        let bodies =
            r"(?:sub-?\s?groups|sub-?committees|subcommittees|committees|panels|networks|sub-?boards|groups)";
        let verb = r"(?:comprised?|are|were|include[sd]?|consist(?:s|ed)?\s+of|cover(?:s|ed)?)";
        Regex::new(&format!(
            r"(?i)\b{count}\s+(?:[a-z'’-]{{1,20}}\s+){{0,2}}?{bodies}\s+{verb}\s*:?\s+([^.;:]{{1,{COUNTED_NAMES_BYTES}}})"
        ))
        .unwrap()
    },
);
/// The names of a counted list take at most this many bytes (a sentence of eight long names).
const COUNTED_NAMES_BYTES: usize = 400;
/// A counted list's match starts at most this far before its noun ("twelve thematic sub-") ...
const COUNTED_NAMES_BEFORE: usize = 64;
/// ... and ends at most this far after it.
const COUNTED_NAMES_AFTER: usize = COUNTED_NAMES_BYTES + 64;

/// Subjects naming several bodies at once: "Each subgroup reports to …", "Four subgroups
/// report to …" (counted from two: "one subgroup" names one).
pub(super) static DISTRIBUTIVE: LazyLock<Regex> = LazyLock::new(|| {
    let several = format!(r"(?:each|all|the|these|those|both|\d+|{})", number_words_from(2));
    let bodies = r"(?:sub-?\s?groups?|sub-?committees?|subcommittees?|committees|panels|groups)";
    Regex::new(&format!(r"(?i)\b{several}\s+(?:of\s+the\s+)?(?:[a-z]+\s+){{0,2}}?{bodies}\b")).unwrap()
});

/// "The Board has the following subgroups:", "Our subgroups are:", "Five panels support …:".
pub(super) static LIST_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    let cue = LIST_CUE.as_str().trim_start_matches("(?i)");
    let count = format!(r"(?:following|\d+|{})", number_words_from(1));
    let counted = format!(r"\b{count}\s+(?:[A-Za-z0-9_'’-]+\s+){{0,2}}{cue}");
    let listed =
        format!(r"{cue}(?:\s+(?:are|include|is\s+made\s+up\s+of|comprise|consist\s+of)\b|\s*:?\s*$)");
    let alone = format!(r"^\W*(?:our\s+|the\s+|its\s+)?{cue}\W*$");
    Regex::new(&format!(r"(?i)(?:{counted}|{listed}|{alone})")).unwrap()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_before_and_after_a_name() {
        for before in
            ["Independent Chair of the ", "Chairperson for ", "chaired the ", "Chair, ", "members of the "]
        {
            let text = format!("{before}X");
            let m = SEAT_BEFORE.find(&text).unwrap_or_else(|| panic!("{before}"));
            assert_eq!(m.end(), text.len() - 1, "{before}");
        }
        for after in [" Independent Chair", " members", "’s Vice Chair", " meetings"] {
            assert!(SEAT_AFTER.is_match(after), "{after}");
        }
        assert!(!SEAT_AFTER.is_match(" reports to the Board"));
    }

    #[test]
    fn frequencies_and_the_ends_of_a_chair() {
        for f in ["meets twice yearly", "meets three times annually", "meets quarterly", "meet bi-monthly"] {
            assert!(MEETS.is_match(f), "{f}");
        }
        assert!(!FREQ_RE.is_match("the yearly report"));
        let cut = |raw: &str| CHAIR_TAIL.replace(raw, "").to_string();
        assert_eq!(cut("Children's Services & meets bi-monthly"), "Children's Services");
        assert_eq!(
            cut("a Delegated Partner (DP)- this is currently the Director"),
            "a Delegated Partner (DP)"
        );
        assert_eq!(cut("Head of Service - Early Help"), "Head of Service - Early Help");
    }

    #[test]
    fn every_name_of_an_audience_list() {
        let before = "It will be presented to the Heath Board, the Police Board and the ";
        assert!(AUDIENCE_LIST.is_match(before));
        assert!(!AUDIENCE_LIST.is_match("It was presented to the Heath Board and then the work of the "));
        // The first name of the list is read by itself.
        assert!(!AUDIENCE_LIST.is_match("A paper was presented to the "));
    }

    #[test]
    fn lists_of_the_structure_are_announced() {
        for intro in [
            "Our work is delivered through a governance structure that includes:",
            "The four thematic multi-agency partnership groups are:",
            "The Board has the following subgroups:",
        ] {
            assert!(LIST_INTRO.is_match(intro), "{intro}");
        }
        assert!(!LIST_INTRO.is_match("Priority groups of children include:"));
    }

    #[test]
    fn the_partnership_takes_part_in_what_it_is_a_member_of() {
        assert!(PARTICIPATION.is_match("The partnership is a member of the "));
        assert!(!PARTICIPATION.is_match("All members of the "), "members of a body are people");
    }

    #[test]
    fn a_place_below_the_board_is_a_reporting_line() {
        let m = REPORTS.find("The Business Group sits directly below the main Board").unwrap();
        assert_eq!(m.as_str(), "sits directly below the main ");
    }

    #[test]
    fn a_chair_named_inside_a_line() {
        let c = CHAIR_NAMED.captures("Approved on 4 May Independent chair: Amy Larkin Report").unwrap();
        assert_eq!(&c[1], "Amy Larkin");
    }
}
