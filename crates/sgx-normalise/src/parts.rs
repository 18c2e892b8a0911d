//! People, roles and organisations in the short texts of the genre: a lead cell ("NSCB
//! Manager", "Head of Safeguarding, CCG") or a body's chair ("Jane Smith, Director of
//! Children's Services, Anyshire County Council"). Shared by the lead and chair readers.
//!
//! A text is read in segments (the parts between commas and spaced dashes, brackets apart);
//! each segment in words. A **role** is a phrase ending in a role word (Chair, Director,
//! Manager, Officer, Nurse...) with the modifiers before it ("Designated", "Business") and its
//! complement after it ("of Children's Services"); an **organisation** a phrase with an
//! organisation or body word (Council, Police, Trust, CCG, Board, Subgroup...) or an acronym
//! the genre or the document's glossary says is one; a **person** a title and a name ("Cllr A.
//! Person", "DCI Bloggs") or two or three capitalised words that are none of these
//! vocabularies ("Jane Smith"). "Chair of X" is the role Chair of the organisation X.
//!
//! Known limits: English vocabulary only; a name that is also a genre word ("Young", "Lock")
//! may be missed as a person; a function after "of" ("Head of Children's Social Care") stays
//! in the role, an institution ("Inspector of Anyshire Police") is read as the organisation.

use std::collections::BTreeMap;

/// Words a role ends in.
const ROLE_HEADS: &[&str] = &[
    "chair",
    "chairs",
    "chairperson",
    "chairman",
    "chairwoman",
    "cochair",
    "director",
    "directors",
    "head",
    "heads",
    "manager",
    "managers",
    "lead",
    "leads",
    "officer",
    "officers",
    "nurse",
    "nurses",
    "doctor",
    "doctors",
    "gp",
    "superintendent",
    "inspector",
    "sergeant",
    "constable",
    "coordinator",
    "coordinators",
    "co-ordinator",
    "co-ordinators",
    "adviser",
    "advisor",
    "advisers",
    "advisors",
    "worker",
    "workers",
    "representative",
    "representatives",
    "rep",
    "reps",
    "member",
    "members",
    "partners",
    "administrator",
    "consultant",
    "commissioner",
    "commissioners",
    "executive",
    "practitioner",
    "practitioners",
    "specialist",
    "trainer",
    "trainers",
    "secretary",
    "leader",
    "leaders",
    "champion",
    "champions",
    "paediatrician",
    "midwife",
    "headteacher",
    "headteachers",
    "principal",
    "analyst",
    "clerk",
    "scrutineer",
    "lado",
    "dcs",
    "dsl",
    "dsls",
    "iro",
    "senco",
    "sw",
];

/// Chair words: "Chair of X" names the organisation X.
const CHAIR_HEADS: &[&str] =
    &["chair", "chairs", "chairperson", "chairman", "chairwoman", "cochair", "co-chair", "vice-chair"];

/// Words of an institution: after "of" they name the organisation, not the role's field.
const INSTITUTIONS: &[&str] = &[
    "council",
    "councils",
    "police",
    "constabulary",
    "trust",
    "trusts",
    "ccg",
    "ccgs",
    "icb",
    "ics",
    "nhs",
    "pct",
    "hospital",
    "hospitals",
    "college",
    "colleges",
    "school",
    "schools",
    "academy",
    "university",
    "probation",
    "cafcass",
    "nspcc",
    "prison",
    "foundation",
    "authority",
    "crc",
    "nps",
    "dwp",
    "diocese",
    "church",
    "barnardo's",
    "barnardos",
    "healthcare",
];

/// Words of a service or a function of an organisation.
const SERVICES: &[&str] = &[
    "service",
    "services",
    "care",
    "health",
    "education",
    "housing",
    "department",
    "directorate",
    "unit",
    "hub",
    "team",
    "teams",
    "agency",
    "agencies",
    "office",
    "yot",
    "yos",
    "camhs",
    "mash",
    "practice",
    "commissioning",
    "fire",
    "rescue",
];

/// Words a governance body's name ends in.
pub(crate) const BODY_HEADS: &[&str] = &[
    "board",
    "boards",
    "group",
    "groups",
    "subgroup",
    "subgroups",
    "sub-group",
    "sub-groups",
    "committee",
    "subcommittee",
    "sub-committee",
    "panel",
    "panels",
    "forum",
    "network",
    "partnership",
    "partnerships",
    "workstream",
    "alliance",
    "collaborative",
    "cdop",
    "lscb",
    "scb",
    "scp",
    "lscp",
    "cscp",
    "executive",
];

/// Acronyms the genre uses for organisations and bodies.
const ORG_ACRONYMS: &[&str] = &[
    "CCG", "ICB", "ICS", "NHS", "PCT", "YOT", "YOS", "CAMHS", "MASH", "LA", "DFE", "NSPCC", "CAFCASS", "CPS",
    "CRC", "NPS", "DWP", "LSCB", "SCB", "SCP", "LSCP", "CSCP", "DAAT", "CDRP", "VCS", "VCSE", "CVS", "MARAC",
    "MAPPA", "CDOP", "CSC", "LAC", "UHB", "NCC", "CYP", "HWB", "PCC",
];

/// Acronyms the genre uses for roles.
const ROLE_ACRONYMS: &[&str] =
    &["LADO", "DCS", "DSL", "DDSL", "IRO", "SENCO", "GP", "DI", "DCI", "DS", "IDVA", "ISVA", "SPOC", "PO"];

/// Titles before a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "cllr",
    "councillor",
    "sir",
    "dame",
    "dci",
    "di",
    "dsi",
    "dsupt",
    "supt",
    "ch",
    "det",
    "insp",
    "sgt",
    "pc",
    "rev",
    "revd",
    "lord",
    "lady",
];

/// Capitalised genre words that are never a person's name.
const NOT_NAMES: &[&str] = &[
    "safeguarding",
    "children",
    "children's",
    "childrens",
    "child",
    "young",
    "people",
    "people's",
    "family",
    "families",
    "adult",
    "adults",
    "adult's",
    "social",
    "early",
    "help",
    "quality",
    "assurance",
    "learning",
    "development",
    "training",
    "workforce",
    "performance",
    "policy",
    "procedures",
    "review",
    "reviews",
    "serious",
    "case",
    "exploitation",
    "missing",
    "neglect",
    "domestic",
    "abuse",
    "violence",
    "communications",
    "comms",
    "media",
    "participation",
    "multi",
    "multi-agency",
    "agency",
    "local",
    "county",
    "city",
    "strategic",
    "operational",
    "business",
    "project",
    "independent",
    "designated",
    "named",
    "senior",
    "deputy",
    "assistant",
    "vice",
    "interim",
    "acting",
    "chief",
    "detective",
    "public",
    "protection",
    "audit",
    "improvement",
    "all",
    "the",
    "and",
    "of",
    "for",
    "with",
    "task",
    "finish",
    "steering",
    "support",
    "voice",
    "voices",
    "partner",
    "shadow",
    "cross",
    "authority",
    "interagency",
    "integrated",
    "system",
    "private",
    "fostering",
    "youth",
    "housing",
    "options",
    "pupil",
    "intervention",
    "adolescent",
    "commissioning",
    "licensing",
    "area",
    "district",
    "borough",
    "joint",
    "national",
    "regional",
    "statutory",
    "health",
    "mental",
    "wellbeing",
    "leadership",
    "executive",
    "programme",
    "service",
    "services",
    "management",
    "reference",
    "new",
    "safer",
    "families",
    "practice",
    "council",
    "police",
    "school",
    "schools",
    "primary",
    "secondary",
    "head",
    "lead",
    "leads",
    "member",
    "members",
    "nurse",
];

/// Small words inside a name or role ("Head of Service", "Health and Wellbeing Board").
const LINKS: &[&str] = &["of", "for", "the", "and", "&", "to", "in", "on", "at"];

/// Lower-case words (links aside) that make a segment prose, not a name or a role ("chaired
/// independently of any of the members").
const PROSE_WORDS: usize = 3;

fn is_in(list: &[&str], lower: &str) -> bool {
    list.contains(&lower)
}

/// One word of a segment: its byte range and its form for comparing (lower case, dots and
/// surrounding quotes dropped).
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    /// The word as printed without its surrounding punctuation.
    pub bare: String,
}

impl Word {
    fn capitalised(&self) -> bool {
        self.bare.chars().next().is_some_and(char::is_uppercase)
    }

    /// Capitals only ("NSCB", "P.O.", "SCRs"): an acronym, or initials.
    pub(crate) fn is_acronym(&self) -> bool {
        acronym_key(&self.bare).is_some()
    }
}

/// The acronym a word is, in capitals without dots or a plural 's' ("P.O." → "PO", "SCRs" →
/// "SCR"), if it is one: two or more letters, all capitals (a lower-case letter inside allowed
/// when it is not the first or last: "DfE").
pub(crate) fn acronym_key(word: &str) -> Option<String> {
    let letters: String = word.chars().filter(|c| *c != '.').collect();
    let letters = letters.strip_suffix('s').filter(|l| l.len() >= 2).unwrap_or(&letters);
    let chars: Vec<char> = letters.chars().collect();
    let ok = chars.len() >= 2
        && chars.iter().all(|c| c.is_ascii_alphabetic() || c.is_ascii_digit())
        && chars.first().is_some_and(char::is_ascii_uppercase)
        && chars.last().is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && chars.iter().filter(|c| c.is_ascii_lowercase()).count() <= 1;
    ok.then(|| letters.to_ascii_uppercase())
}

/// The words of `text` (split at spaces; "&" is a word of its own), punctuation around each
/// dropped.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        let raw = &text[start..end];
        let trimmed = if raw == "+" {
            raw
        } else {
            raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '.')
        };
        // A trailing full stop ends a sentence, unless the word is dotted initials ("P.O.").
        let trimmed = if trimmed.ends_with('.') && trimmed.matches('.').count() == 1 {
            trimmed.trim_end_matches('.')
        } else {
            trimmed
        };
        let trimmed = trimmed.trim_start_matches('.');
        if trimmed.is_empty() {
            return;
        }
        let offset = raw.find(trimmed).unwrap_or(0);
        let (s, e) = (start + offset, start + offset + trimmed.len());
        let lower = trimmed.to_lowercase().replace(['’', '‘'], "'");
        out.push(Word { start: s, end: e, lower, bare: trimmed.to_string() });
    };
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let split = c.is_whitespace() || c == '&';
        match (split, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                push(s, i);
                start = None;
            }
            _ => {}
        }
        if c == '&' {
            push(i, i + 1);
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    out
}

/// What the document's glossary says its acronyms stand for.
pub(crate) type Glossary<'a> = BTreeMap<String, &'a str>;

/// What a word or phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Names {
    Role,
    Organisation,
    Nothing,
}

/// What an acronym names: by the genre's lists, then by the last word of the document's own
/// expansion of it ("Local Authority Designated Officer" is a role).
pub(crate) fn acronym_names(key: &str, glossary: &Glossary, body_acronyms: &[String]) -> Names {
    if body_acronyms.iter().any(|a| a == key) || ORG_ACRONYMS.contains(&key) {
        return Names::Organisation;
    }
    if ROLE_ACRONYMS.contains(&key) {
        return Names::Role;
    }
    if let Some(expansion) = glossary.get(key) {
        let last = expansion.split_whitespace().last().unwrap_or("").to_lowercase();
        if is_in(ROLE_HEADS, &last) {
            return Names::Role;
        }
        if is_org_word(&last) {
            return Names::Organisation;
        }
    }
    // Safeguarding boards and partnerships: "NSCB", "WLSCB", "RSCP".
    if ["SCB", "SCP", "SB", "SCCB"].iter().any(|s| key.ends_with(s)) && key.len() >= 3 {
        return Names::Organisation;
    }
    Names::Nothing
}

pub(crate) fn is_org_word(lower: &str) -> bool {
    is_in(INSTITUTIONS, lower) || is_in(SERVICES, lower) || is_in(BODY_HEADS, lower)
}

pub(crate) fn is_body_head(lower: &str) -> bool {
    is_in(BODY_HEADS, lower)
}

pub(crate) fn is_role_head(lower: &str) -> bool {
    is_in(ROLE_HEADS, lower)
}

/// The parts one segment (or a whole text) names, as byte ranges into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Parts {
    pub person: Option<(usize, usize)>,
    pub role: Option<(usize, usize)>,
    pub organisations: Vec<Org>,
}

/// An organisation: its printed range, or, distributed over places ("Nottinghamshire &
/// Nottingham SCB"), a place's range and the shared tail's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Org {
    Printed(usize, usize),
    Distributed { place: (usize, usize), tail: (usize, usize) },
}

impl Org {
    /// The range the organisation is printed in (a distributed one: from its place to the
    /// shared tail).
    pub(crate) fn printed(&self) -> (usize, usize) {
        match *self {
            Org::Printed(a, b) => (a, b),
            Org::Distributed { place, tail } => (place.0, tail.1),
        }
    }

    pub(crate) fn text(&self, s: &str) -> String {
        match *self {
            Org::Printed(a, b) => s[a..b].to_string(),
            Org::Distributed { place, tail } => format!("{} {}", &s[place.0..place.1], &s[tail.0..tail.1]),
        }
    }
}

impl Parts {
    pub(crate) fn is_empty(&self) -> bool {
        self.person.is_none() && self.role.is_none() && self.organisations.is_empty()
    }
}

/// What the reader knows of the document: its glossary and its bodies' acronyms.
pub(crate) struct Vocab<'a> {
    pub glossary: Glossary<'a>,
    pub body_acronyms: Vec<String>,
}

impl<'a> Vocab<'a> {
    /// The document's glossary (glossary and first-use entries) and its bodies' acronyms.
    pub(crate) fn of(x: &'a sgx_model::Extraction) -> Vocab<'a> {
        let glossary =
            x.glossary.iter().filter_map(|g| Some((acronym_key(&g.term)?, g.expansion.as_str()))).collect();
        let body_acronyms = x
            .governance
            .bodies
            .iter()
            .filter_map(|b| b.acronym.as_deref())
            .chain(x.partnership.acronym.as_deref())
            .filter_map(acronym_key)
            .collect();
        Vocab { glossary, body_acronyms }
    }
}

impl Vocab<'_> {
    fn word_names(&self, w: &Word) -> Names {
        if let Some(key) = acronym_key(&w.bare) {
            let names = acronym_names(&key, &self.glossary, &self.body_acronyms);
            if names != Names::Nothing {
                return names;
            }
        }
        if is_org_word(&w.lower) {
            Names::Organisation
        } else {
            Names::Nothing
        }
    }

    fn parts_of(&self, ws: &[Word]) -> Parts {
        let mut parts = Parts::default();
        // Prose opens with a lower-case word and has several ("chaired independently of any of
        // the members"); names of bodies printed in lower case have their vocabulary ("task and
        // finish group").
        let plain = |w: &Word| {
            w.bare.starts_with(char::is_lowercase)
                && !is_in(LINKS, &w.lower)
                && !is_org_word(&w.lower)
                && !is_role_head(&w.lower)
        };
        let prose = ws.first().is_some_and(plain) && ws.iter().filter(|w| plain(w)).count() >= PROSE_WORDS;
        if ws.is_empty() || prose {
            return parts;
        }
        let (mut lo, mut hi) = (0, ws.len());
        // A person: a title and a name first, or a name at either end.
        if let Some(n) = titled_person(ws) {
            parts.person = Some((ws[0].start, ws[n - 1].end));
            lo = n;
        } else if let Some(n) = name_at_end(ws) {
            parts.person = Some((ws[ws.len() - n].start, ws[ws.len() - 1].end));
            hi = ws.len() - n;
        } else if let Some(n) = name_at_start(ws) {
            parts.person = Some((ws[0].start, ws[n - 1].end));
            lo = n;
        }
        let ws = &ws[lo..hi];
        if ws.is_empty() {
            return parts;
        }
        match self.role_head(ws) {
            Some(h) => self.role_and_orgs(ws, h, &mut parts),
            None => {
                if self.names_an_org(ws) {
                    parts.organisations = distribute(ws);
                }
            }
        }
        parts
    }

    /// Whether the words name an organisation: an organisation word or acronym among them.
    fn names_an_org(&self, ws: &[Word]) -> bool {
        ws.iter().any(|w| self.word_names(w) == Names::Organisation)
    }

    /// The last role word that is not a body's name ("Officers Group" is a body).
    fn role_head(&self, ws: &[Word]) -> Option<usize> {
        (0..ws.len()).rev().find(|&i| {
            let w = &ws[i];
            let chair_person = w.lower == "person" && i > 0 && is_in(CHAIR_HEADS, &ws[i - 1].lower);
            let by_word = (is_role_head(&w.lower) && !(w.is_acronym() && w.bare.len() > 3)) || chair_person;
            let by_acronym = acronym_key(&w.bare)
                .is_some_and(|k| acronym_names(&k, &self.glossary, &self.body_acronyms) == Names::Role);
            let before_body =
                ws.get(i + 1).is_some_and(|n| is_body_head(&n.lower) || is_in(SERVICES, &n.lower));
            // A body's name ending after the role word ("Practitioner Reference Group").
            let in_body_name = ws[i + 1..]
                .iter()
                .take_while(|n| !matches!(n.lower.as_str(), "of" | "for" | "to"))
                .any(|n| is_body_head(&n.lower));
            // "Lead" and "Executive" begin bodies' and services' names too ("Executive Board").
            (by_word || by_acronym) && !before_body && !in_body_name
        })
    }

    fn role_and_orgs(&self, ws: &[Word], h: usize, parts: &mut Parts) {
        // Chair of X: the role is the chair, X the organisation.
        if is_in(CHAIR_HEADS, &ws[h].lower) && ws.get(h + 1).is_some_and(|w| w.lower == "of") {
            let mut from = h + 2;
            while ws.get(from).is_some_and(|w| w.lower == "the") {
                from += 1;
            }
            let start = self.role_start(ws, h);
            parts.role = Some((ws[start].start, ws[h].end));
            if from < ws.len() {
                parts.organisations.push(Org::Printed(ws[from].start, ws[ws.len() - 1].end));
            }
            if start > 0 && self.names_an_org(&ws[..start]) {
                parts.organisations.splice(0..0, distribute(&ws[..start]));
            }
            return;
        }
        let start = self.role_start(ws, h);
        // A role is printed as one ("Board Manager", "NSCB manager"), not in prose ("rotates
        // between partners").
        if start == 0 && !ws[..=h].iter().any(Word::capitalised) {
            if self.names_an_org(ws) {
                parts.organisations = distribute(ws);
            }
            return;
        }
        // The complement ("of Children's Services") belongs to the role, up to an institution
        // ("of Anyshire Police") or a name printed after the role ("Chief Nurse Anyshire ICB").
        let mut end = h + 1;
        let mut org_from = None;
        let mut k = h + 1;
        while k < ws.len() {
            let w = &ws[k];
            // "Head of Safeguarding at Anyshire Health": what follows "at" is where.
            if w.lower == "at" && k + 1 < ws.len() {
                org_from = Some(k + 1);
                break;
            }
            if is_in(LINKS, &w.lower) {
                k += 1;
                continue;
            }
            if self.institution_from(ws, k) {
                org_from = Some(k);
                break;
            }
            let complement = ws[h + 1..=k].iter().any(|x| x.lower == "of" || x.lower == "for");
            if !complement {
                org_from = Some(k);
                break;
            }
            k += 1;
            end = k;
        }
        // A link word dangling before the organisation stays out of both.
        while end > h + 1 && is_in(LINKS, &ws[end - 1].lower) {
            end -= 1;
        }
        parts.role = Some((ws[start].start, ws[end - 1].end));
        if start > 0 && self.names_an_org(&ws[..start]) {
            parts.organisations.extend(distribute(&ws[..start]));
        }
        if let Some(k) = org_from {
            let tail = &ws[k..];
            if self.names_an_org(tail) || tail.iter().all(Word::capitalised) {
                parts.organisations.push(Org::Printed(tail[0].start, tail[tail.len() - 1].end));
            }
        }
    }

    /// Whether the words from `k` name an institution (a capitalised run ending in an
    /// institution word or an organisation acronym).
    fn institution_from(&self, ws: &[Word], k: usize) -> bool {
        let run =
            ws[k..].iter().take_while(|w| w.capitalised() || (is_in(LINKS, &w.lower) && w.lower != "at"));
        run.into_iter().any(|w| {
            is_in(INSTITUTIONS, &w.lower)
                || acronym_key(&w.bare).is_some_and(|key| {
                    acronym_names(&key, &self.glossary, &self.body_acronyms) == Names::Organisation
                })
        })
    }

    /// Where the role ending at `h` begins: back over its modifiers ("Designated", "Business"),
    /// stopping at an acronym, a name or an organisation word (the word right before the role
    /// word excepted: "Board Manager", "Service Manager").
    fn role_start(&self, ws: &[Word], h: usize) -> usize {
        let mut start = h;
        while start > 0 {
            let w = &ws[start - 1];
            let next_to_head = start == h;
            if w.lower == "of" {
                break;
            }
            if w.is_acronym() && !is_in(ROLE_HEADS, &w.lower) {
                break;
            }
            // Services and functions are part of a role ("Children's Services Performance Officer").
            let org = is_in(INSTITUTIONS, &w.lower) || is_body_head(&w.lower);
            if org && !next_to_head && !is_in(ROLE_HEADS, &w.lower) {
                break;
            }
            start -= 1;
        }
        start
    }
}

/// The words of a title and a name: "Cllr A. Person", "DCI Bloggs", "Dr Jo Bloggs".
fn titled_person(ws: &[Word]) -> Option<usize> {
    let title = ws.first()?;
    if !is_in(TITLES, title.lower.trim_end_matches('.')) || !title.capitalised() {
        return None;
    }
    let n = ws[1..].iter().take(3).take_while(|w| name_word(w) || initial(w)).count();
    // The name ends with a surname, not an initial.
    let n = (1..=n).rev().find(|&k| !initial(&ws[k]))?;
    Some(n + 1)
}

fn initial(w: &Word) -> bool {
    let b = w.bare.trim_end_matches('.');
    b.len() == 1 && b.chars().all(|c| c.is_ascii_uppercase())
}

/// A word that can be part of a name: capitalised, then lower case, no genre word.
fn name_word(w: &Word) -> bool {
    let mut chars = w.bare.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest_lower = chars.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’');
    first_upper
        && rest_lower
        && w.bare.chars().count() >= 2
        && !is_in(NOT_NAMES, &w.lower)
        && !is_org_word(&w.lower)
        && !is_role_head(&w.lower)
        && !is_in(TITLES, &w.lower)
}

/// A name of two or three words closing the segment after a role or organisation ("...
/// Nottinghamshire Police Mark Dickson"), or making it up.
fn name_at_end(ws: &[Word]) -> Option<usize> {
    let n = ws.iter().rev().take(3).take_while(|w| name_word(w) || initial(w)).count();
    let n = if n == ws.len() { n } else { (2..=n).rev().find(|&k| !initial(&ws[ws.len() - k]))? };
    if n < 2 || initial(&ws[ws.len() - 1]) {
        return None;
    }
    let before = &ws[..ws.len() - n];
    // A place before an organisation word is no name ("Anyshire County Council").
    // "Head of Community Safety" ends in a field, not a name.
    let closes = before.last().is_none_or(|w| {
        !is_in(LINKS, &w.lower)
            && (is_org_word(&w.lower)
                || is_role_head(&w.lower)
                || w.is_acronym()
                || is_in(NOT_NAMES, &w.lower))
    });
    closes.then_some(n)
}

/// A name of two or three words opening the segment before a role ("Jane Smith Director").
fn name_at_start(ws: &[Word]) -> Option<usize> {
    let n = ws.iter().take(3).take_while(|w| name_word(w) || initial(w)).count();
    let n = (2..=n).rev().find(|&k| !initial(&ws[k - 1]))?;
    let next = ws.get(n)?;
    (is_role_head(&next.lower) || is_in(NOT_NAMES, &next.lower) && !is_org_word(&next.lower)).then_some(n)
}

/// An organisation phrase, distributed when places share its tail: "Nottinghamshire &
/// Nottingham SCB" → "Nottinghamshire SCB", "Nottingham SCB".
fn distribute(ws: &[Word]) -> Vec<Org> {
    let whole = || vec![Org::Printed(ws[0].start, ws[ws.len() - 1].end)];
    let is_and = |w: &Word| w.lower == "&" || w.lower == "and";
    // A place: a capitalised word that is no genre word ("Children and Families Service" shares nothing).
    let place = |w: &Word| {
        w.capitalised() && !is_in(NOT_NAMES, &w.lower) && !is_org_word(&w.lower) && !w.is_acronym()
    };
    if ws.len() >= 4 && place(&ws[0]) && is_and(&ws[1]) && place(&ws[2]) {
        let tail = &ws[3..];
        let org_tail = tail.first().is_some_and(|w| w.is_acronym() || is_org_word(&w.lower));
        if org_tail {
            let tail = (tail[0].start, tail[tail.len() - 1].end);
            return vec![
                Org::Distributed { place: (ws[0].start, ws[0].end), tail },
                Org::Distributed { place: (ws[2].start, ws[2].end), tail },
            ];
        }
    }
    whole()
}

/// A segment of a text: the words between commas and spaced dashes, or inside brackets.
#[derive(Debug, Clone)]
pub(crate) struct Seg {
    pub words: Vec<Word>,
    /// Printed in brackets ("Jo Bloggs (Independent Chair)").
    pub bracketed: bool,
    /// The printed range, brackets included.
    pub range: (usize, usize),
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−')
}

/// The segments of `s[range]`, in order; a bracketed segment comes after the outer segment it
/// interrupts.
pub(crate) fn segments(s: &str, range: (usize, usize)) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut outer: Vec<(usize, usize)> = Vec::new();
    let mut brackets: Vec<Seg> = Vec::new();
    let mut piece_start = range.0;
    let mut depth = 0usize;
    let mut bracket_start = 0;
    let text = &s[range.0..range.1];
    let flush_outer = |outer: &mut Vec<(usize, usize)>, brackets: &mut Vec<Seg>, out: &mut Vec<Seg>| {
        let words: Vec<Word> = outer
            .iter()
            .flat_map(|&(a, b)| {
                words(&s[a..b]).into_iter().map(move |w| Word { start: w.start + a, end: w.end + a, ..w })
            })
            .collect();
        if let (Some(first), Some(last)) = (outer.first(), outer.last()) {
            if !words.is_empty() {
                let end = brackets.last().map_or(last.1, |b| b.range.1.max(last.1));
                out.push(Seg { words, bracketed: false, range: (first.0, end) });
            }
        }
        out.append(brackets);
        outer.clear();
    };
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i + range.0, c)).collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let spaced = |k: usize| chars.get(k).is_none_or(|&(_, c)| c.is_whitespace());
        match c {
            '(' | '[' => {
                if depth == 0 {
                    outer.push((piece_start, i));
                    bracket_start = i;
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let inner = (bracket_start + 1, i);
                    let words: Vec<Word> = words(&s[inner.0..inner.1])
                        .into_iter()
                        .map(|w| Word { start: w.start + inner.0, end: w.end + inner.0, ..w })
                        .collect();
                    if !words.is_empty() {
                        brackets.push(Seg { words, bracketed: true, range: (bracket_start, i + 1) });
                    }
                    piece_start = i + 1;
                }
            }
            ',' | ':' if depth == 0 => {
                outer.push((piece_start, i));
                flush_outer(&mut outer, &mut brackets, &mut out);
                piece_start = i + 1;
            }
            c if depth == 0 && is_dash(c) && n > 0 && spaced(n - 1) && spaced(n + 1) => {
                outer.push((piece_start, i));
                flush_outer(&mut outer, &mut brackets, &mut out);
                piece_start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if depth == 0 {
        outer.push((piece_start, range.1));
    } else {
        // An unclosed bracket: its words are outer words.
        outer.push((bracket_start, range.1));
    }
    flush_outer(&mut outer, &mut brackets, &mut out);
    out
}

/// How segments combine into one lead or chair: a person, a role and organisations at most
/// once each, in the orders the genre prints them.
fn joins(current: &Parts, next: &Parts, bracketed: bool) -> bool {
    let has_org = !current.organisations.is_empty();
    let next_org = !next.organisations.is_empty();
    if next.is_empty() {
        return bracketed || current.role.is_some() || current.person.is_some();
    }
    if next.role.is_some() && current.role.is_some() {
        return false;
    }
    if next.person.is_some() && current.person.is_some() {
        return false;
    }
    if next_org && has_org && !bracketed {
        return false;
    }
    // An organisation first, then a role: two leads ("Police, Head of Safeguarding"), unless
    // the role is in brackets.
    if next.role.is_some() && has_org && current.role.is_none() && current.person.is_none() {
        return bracketed;
    }
    true
}

impl Vocab<'_> {
    /// Groups of consecutive segments that each make one lead or chair.
    pub(crate) fn groups(&self, s: &str, segs: &[Seg]) -> Vec<(Parts, (usize, usize))> {
        let mut out: Vec<(Parts, (usize, usize))> = Vec::new();
        for seg in segs {
            let mut next = self.parts_of(&seg.words);
            let unread = next.is_empty();
            match out.last_mut() {
                Some((current, range)) if joins(current, &next, seg.bracketed) => {
                    if unread && !seg.bracketed && current.organisations.is_empty() {
                        // A qualifier after a role: "Commissioning Manager, Children and Families".
                        next.organisations
                            .push(Org::Printed(seg.words[0].start, seg.words[seg.words.len() - 1].end));
                    }
                    current.person = current.person.or(next.person);
                    current.role = current.role.or(next.role);
                    current.organisations.extend(next.organisations);
                    range.1 = range.1.max(seg.range.1);
                }
                _ => out.push((next, seg.range)),
            }
        }
        let _ = s;
        out
    }

    /// The parts of a whole text (a chair as printed): its segments combined, the first group
    /// that reads as something.
    pub(crate) fn read(&self, s: &str, range: (usize, usize)) -> Parts {
        let segs = segments(s, range);
        let mut all = Parts::default();
        for (parts, _) in self.groups(s, &segs) {
            if all.person.is_none() {
                all.person = parts.person;
            }
            if all.role.is_none() {
                all.role = parts.role;
            }
            all.organisations.extend(parts.organisations);
        }
        all
    }
}
