//! The theme rules on short priority and action texts written for these tests, in the shapes
//! plans use: every theme hit and missed at least once, acronyms through the glossary, several
//! themes per fact, evidence kept.

use std::collections::BTreeSet;

use sgx_model::{
    Action, Evidence, Extraction, GlossaryEntry, GlossarySource, ListSelection, Priority, ThemeAssignment,
    ThemeAxis,
};

use super::*;

fn priority(title: &str, measures: &[&str]) -> Priority {
    Priority {
        number: Some(1),
        title: title.into(),
        measures: measures.iter().map(|m| m.to_string()).collect(),
        subgroups: vec![],
        selection: ListSelection::default(),
        themes: vec![],
        evidence: Evidence::default(),
    }
}

fn action(section: Option<&str>, objective: Option<&str>, tasks: &[&str], leads: &[&str]) -> Action {
    Action {
        objective: objective.map(Into::into),
        section: section.map(Into::into),
        tasks: tasks.iter().map(|t| t.to_string()).collect(),
        leads: leads.iter().map(|l| l.to_string()).collect(),
        ..Action::new(Evidence::default())
    }
}

fn entry(term: &str, expansion: &str, source: GlossarySource) -> GlossaryEntry {
    GlossaryEntry { term: term.into(), expansion: expansion.into(), source, evidence: Evidence::default() }
}

/// The themes of a priority titled `title` in a document with this glossary.
fn themes(title: &str, glossary: &[(&str, &str)]) -> Vec<ThemeAssignment> {
    let mut x = Extraction { priorities: vec![priority(title, &[])], ..Default::default() };
    x.glossary = glossary.iter().map(|(t, e)| entry(t, e, GlossarySource::Glossary)).collect();
    assign(&mut x);
    x.priorities.remove(0).themes
}

fn matched<'a>(themes: &'a [ThemeAssignment], id: &str) -> Option<Vec<&'a str>> {
    themes.iter().find(|t| t.id == id).map(|t| t.matched.iter().map(String::as_str).collect())
}

/// (text, theme, the words that assign it).
const HITS: &[(&str, &str, &[&str])] = &[
    ("Tackling Neglect", "neglect", &["Neglect"]),
    ("Roll out the Graded Care Profile 2 to health visitors", "neglect", &["Graded Care Profile"]),
    ("Reduce CSE across the borough", "cse", &["CSE"]),
    ("Children at risk of sexual exploitation are identified early", "cse", &["sexual exploitation"]),
    ("Disrupt county lines and gang-associated activity", "cce", &["county lines", "gang-associated"]),
    ("Safeguard children from exploitation", "exploitation_general", &["exploitation"]),
    (
        "Identify victims of modern slavery and trafficking",
        "exploitation_general",
        &["modern slavery", "trafficking"],
    ),
    ("Child exploitation (CSE and CCE)", "exploitation_general", &["Child exploitation"]),
    (
        "Embed contextual safeguarding to address harm outside the home",
        "extrafamilial",
        &["contextual safeguarding", "harm outside the home"],
    ),
    ("Vulnerable Adolescents", "extrafamilial", &["Adolescents"]),
    (
        "Reduce serious youth violence and knife crime",
        "youth_violence",
        &["serious youth violence", "knife crime"],
    ),
    (
        "Children who go missing from home get a return home interview",
        "missing",
        &["go missing", "missing from home", "return home interview"],
    ),
    ("Exploitation and Missing", "missing", &["Missing"]),
    ("Child sexual abuse in the family environment", "csa_intrafamilial", &["Child sexual abuse"]),
    ("Implement the harmful sexual behaviour framework", "hsb_peer", &["harmful sexual behaviour"]),
    ("Respond to peer-on-peer abuse", "hsb_peer", &["peer-on-peer"]),
    ("Children living with domestic abuse", "domestic_abuse", &["domestic abuse"]),
    (
        "Review MARAC referrals and Operation Encompass notifications",
        "domestic_abuse",
        &["MARAC", "Operation Encompass"],
    ),
    ("Promote online safety and respond to sexting", "online", &["online safety", "sexting"]),
    ("Keep children safe outside the home and online", "online", &["home and online"]),
    (
        "Improve emotional wellbeing and reduce self-harm",
        "mental_health",
        &["emotional wellbeing", "self-harm"],
    ),
    ("Timely access to CAMHS", "mental_health", &["CAMHS"]),
    (
        "Reduce the impact of parental mental health and substance misuse",
        "parental_factors",
        &["parental mental health", "substance misuse"],
    ),
    ("Promote safer sleep for babies", "babies_sudi", &["safer sleep", "babies"]),
    (
        "A bruising protocol for non-mobile infants",
        "babies_sudi",
        &["bruising protocol", "non-mobile", "infants"],
    ),
    ("Safeguarding disabled children and those with SEND", "disabled", &["disabled", "SEND"]),
    ("Raise awareness of FGM and forced marriage", "hbv_fgm", &["FGM", "forced marriage"]),
    ("Honour-based abuse", "hbv_fgm", &["Honour-based"]),
    ("Respond to radicalisation and extremism", "radicalisation", &["radicalisation", "extremism"]),
    ("Prevent", "radicalisation", &["Prevent"]),
    ("Raise awareness of private fostering", "private_fostering", &["private fostering"]),
    (
        "Improve outcomes for looked after children and care leavers",
        "looked_after",
        &["looked after", "care leavers"],
    ),
    (
        "Track children missing education and electively home educated children",
        "not_in_school",
        &["children missing education", "electively home educated"],
    ),
    ("Reduce exclusions and persistent absence", "not_in_school", &["exclusions", "persistent absence"]),
    (
        "Understand disproportionality and racism in our services",
        "equality_identity",
        &["disproportionality", "racism"],
    ),
    (
        "Support young carers and the transition to adulthood",
        "young_carers_transitions",
        &["young carers", "transition to adulthood"],
    ),
    (
        "Embed the early help offer and the threshold document",
        "early_help_thresholds",
        &["early help", "threshold document"],
    ),
    ("Review the MASH as the front door", "early_help_thresholds", &["MASH", "front door"]),
    ("Hear the voice of the child", "voice_of_child", &["voice of the child"]),
    ("The child's lived experience informs every plan", "voice_of_child", &["lived experience"]),
    (
        "Publish learning from serious case reviews and rapid reviews",
        "learning_reviews",
        &["serious case reviews", "rapid reviews"],
    ),
    ("Learning from Case Reviews and Child Deaths", "child_deaths", &["Child Deaths"]),
    (
        "Deliver multi-agency training and 7-minute briefings",
        "workforce_training",
        &["training", "7-minute briefings"],
    ),
    ("Complete the section 11 audit", "qa_audit", &["section 11", "audit"]),
    ("Quality Assurance and performance data", "qa_audit", &["Quality Assurance", "performance data"]),
    (
        "Strengthen governance and information sharing",
        "governance_partnership",
        &["governance", "information sharing"],
    ),
    (
        "Designated safeguarding leads in schools",
        "education_settings",
        &["Designated safeguarding leads", "schools"],
    ),
    ("Early years settings and nurseries", "education_settings", &["Early years", "nurseries"]),
    (
        "Report LADO referrals and promote safer recruitment",
        "allegations_lado",
        &["LADO", "safer recruitment"],
    ),
    ("Embed Signs of Safety as our practice model", "practice_model", &["Signs of Safety", "practice model"]),
    ("Restore services after the COVID-19 pandemic", "covid", &["COVID-19", "pandemic"]),
];

/// (text, a theme it must not have): near misses, sharing a word or a sense with the theme.
const MISSES: &[(&str, &str)] = &[
    ("Emotional abuse and physical abuse", "neglect"),
    ("Children at risk of criminal exploitation", "cse"),
    ("Use the Cse screening template", "cse"),
    ("Children at risk of sexual exploitation", "cce"),
    // "exploitation" alone, with CSE or CCE named, is theirs.
    ("Exploitation, including CSE", "exploitation_general"),
    ("Criminal exploitation and exploited young people", "exploitation_general"),
    ("Child and adolescent mental health services", "extrafamilial"),
    ("Domestic violence", "youth_violence"),
    ("Missing data in the dataset", "missing"),
    ("Children missing education", "missing"),
    ("Invite any missing partners to the board", "missing"),
    ("Harmful sexual behaviour", "csa_intrafamilial"),
    ("Children referred for HSB work", "hsb_peer"),
    ("Children affected by DA", "domestic_abuse"),
    ("Complete the online training module", "online"),
    ("Parental mental health", "mental_health"),
    ("Corporate parenting", "parental_factors"),
    ("Infant school pupils", "babies_sudi"),
    ("Send the report to partners", "disabled"),
    ("Honour our commitments to partners", "hbv_fgm"),
    ("Prevent harm to babies", "radicalisation"),
    ("A radical change to the front door", "radicalisation"),
    ("Recruit more foster carers", "private_fostering"),
    ("Private fostering arrangements", "looked_after"),
    ("Improve attendance at board meetings", "not_in_school"),
    ("Tackle social exclusion", "not_in_school"),
    ("A learning culture", "equality_identity"),
    ("Transition to the new safeguarding arrangements", "young_carers_transitions"),
    ("Early years settings", "early_help_thresholds"),
    ("Give partners a voice at the board", "voice_of_child"),
    ("Participation in the commissioning of services", "voice_of_child"),
    ("Complete the e-learning", "learning_reviews"),
    ("Learning from the pandemic", "learning_reviews"),
    ("Sudden unexpected death in infancy", "child_deaths"),
    ("Young people not in education, employment or training", "workforce_training"),
    ("Publish the annual report", "qa_audit"),
    ("The partnership's annual report", "governance_partnership"),
    ("Elective home education", "education_settings"),
    ("Children not in school", "education_settings"),
    ("Allegations of abuse made by children", "allegations_lado"),
    ("The trauma of bereavement", "practice_model"),
    ("Recovery from substance misuse", "covid"),
];

#[test]
fn each_hit_assigns_its_theme_with_the_words_that_decided_it() {
    for (text, id, words) in HITS {
        let found = themes(text, &[]);
        assert_eq!(matched(&found, id), Some(words.to_vec()), "{text}: {found:?}");
    }
}

#[test]
fn each_near_miss_does_not_assign_the_theme() {
    for (text, id) in MISSES {
        let found = themes(text, &[]);
        assert_eq!(matched(&found, id), None, "{text}: {found:?}");
    }
}

#[test]
fn every_theme_is_hit_and_missed_by_the_tables() {
    let hit: BTreeSet<&str> = HITS.iter().map(|(_, id, _)| *id).collect();
    let missed: BTreeSet<&str> = MISSES.iter().map(|(_, id)| *id).collect();
    for theme in &TAXONOMY.themes {
        assert!(hit.contains(theme.id.as_str()), "no hit for {}", theme.id);
        assert!(missed.contains(theme.id.as_str()), "no miss for {}", theme.id);
    }
    let known: BTreeSet<&str> = TAXONOMY.themes.iter().map(|t| t.id.as_str()).collect();
    assert!(hit.union(&missed).all(|id| known.contains(id)), "a test names a theme the taxonomy lacks");
}

/// (text, the document's glossary, theme, the words that assign it or None).
type GlossaryCase =
    (&'static str, &'static [(&'static str, &'static str)], &'static str, Option<&'static [&'static str]>);

#[test]
fn acronyms_are_read_through_the_documents_glossary_first() {
    let cases: [GlossaryCase; 9] = [
        // Defined: the expansion decides and is shown.
        (
            "Reduce CSE",
            &[("CSE", "Child Sexual Exploitation")],
            "cse",
            Some(&["CSE (Child Sexual Exploitation)"]),
        ),
        (
            "Children affected by DA",
            &[("DA", "Domestic Abuse")],
            "domestic_abuse",
            Some(&["DA (Domestic Abuse)"]),
        ),
        (
            "HSB pathway",
            &[("HSB", "Harmful Sexual Behaviour")],
            "hsb_peer",
            Some(&["HSB (Harmful Sexual Behaviour)"]),
        ),
        (
            "Tackle CCE",
            &[("CCE", "Child Criminal Exploitation")],
            "cce",
            Some(&["CCE (Child Criminal Exploitation)"]),
        ),
        (
            "Publish SCRs",
            &[("SCR", "Serious Case Review")],
            "learning_reviews",
            Some(&["SCRs (Serious Case Review)"]),
        ),
        // A document whose HSB is a board: no theme, though HSB is usually harmful sexual behaviour.
        ("Report to the HSB", &[("HSB", "Harfield Safeguarding Board")], "hsb_peer", None),
        // A glossary that gives CSE another meaning wins over the genre's.
        ("CSE returns", &[("CSE", "Certificate of Secondary Education")], "cse", None),
        // Undefined and unambiguous: the genre's meaning.
        ("Reduce CSE and CCE", &[], "cce", Some(&["CCE"])),
        // Undefined and ambiguous: nothing.
        ("Children affected by DA", &[], "domestic_abuse", None),
    ];
    for (text, glossary, id, expected) in cases {
        let found = themes(text, glossary);
        assert_eq!(
            matched(&found, id),
            expected.map(<[&str]>::to_vec),
            "{text} with {glossary:?}: {found:?}"
        );
    }
}

#[test]
fn definitions_from_running_text_count_and_the_partnerships_acronym_is_no_theme() {
    let mut x = Extraction {
        priorities: vec![priority("CSA priorities: tackle CME", &[])],
        glossary: vec![entry("CME", "Children Missing Education", GlossarySource::Text)],
        ..Default::default()
    };
    x.partnership.acronym = Some("CSA".into());
    assign(&mut x);
    let found = &x.priorities[0].themes;
    assert_eq!(matched(found, "csa_intrafamilial"), None, "CSA is the partnership here: {found:?}");
    assert_eq!(matched(found, "not_in_school"), Some(vec!["CME (Children Missing Education)"]));
    assert_eq!(matched(found, "missing"), None, "missing education is not missing from home");
}

#[test]
fn a_fact_gets_every_theme_it_names_in_the_taxonomys_order() {
    let found = themes("Toxic trio: domestic abuse, parental mental health and alcohol misuse", &[]);
    let ids: Vec<&str> = found.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["neglect", "domestic_abuse", "parental_factors"]);
    assert_eq!(found[2].matched, ["Toxic trio", "parental mental health", "alcohol misuse"]);
    assert_eq!(found[0].axis, ThemeAxis::Harm);
    let found = themes("Early help for disabled children, audited by the QA subgroup", &[]);
    let ids: Vec<(&str, ThemeAxis)> = found.iter().map(|t| (t.id.as_str(), t.axis)).collect();
    assert_eq!(
        ids,
        [
            ("disabled", ThemeAxis::Harm),
            ("early_help_thresholds", ThemeAxis::Practice),
            ("qa_audit", ThemeAxis::Practice)
        ]
    );
    assert_eq!(found[2].matched, ["audited", "QA"]);
}

#[test]
fn actions_read_section_objective_and_tasks_but_not_leads() {
    let mut x = Extraction {
        actions: vec![action(
            Some("Priority 2: NEGLECT"),
            Some("Neglect is recognised early"),
            &["Training on the Graded Care\nProfile", "Audit neglect cases"],
            &["LADO", "Domestic Abuse Coordinator"],
        )],
        priorities: vec![priority("Early help", &["Fewer repeat referrals to the MASH"])],
        ..Default::default()
    };
    assign(&mut x);
    let found = &x.actions[0].themes;
    let ids: Vec<&str> = found.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["neglect", "workforce_training", "qa_audit"], "leads are not read: {found:?}");
    // Evidence once per theme whatever its case, in reading order, line breaks as spaces.
    assert_eq!(found[0].matched, ["NEGLECT", "Graded Care Profile"]);
    assert_eq!(matched(&x.priorities[0].themes, "early_help_thresholds"), Some(vec!["Early help", "MASH"]));
    assert_eq!(x.themes_version.as_deref(), Some(TAXONOMY.version.as_str()));
}

#[test]
fn a_fact_naming_no_theme_has_none_and_the_version_is_recorded_anyway() {
    let mut x = Extraction {
        priorities: vec![priority("Deliver the business plan on time", &[])],
        ..Default::default()
    };
    assign(&mut x);
    assert!(x.priorities[0].themes.is_empty());
    assert_eq!(x.themes_version.as_deref(), Some(TAXONOMY.version.as_str()));
}
