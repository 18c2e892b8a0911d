//! Lead forms in the shapes plans print them, written for these tests (no plan's own words):
//! one row per form, distinct shapes rather than spellings.

use sgx_model::{Action, Body, Evidence, GlossaryEntry, GlossarySource};

use super::*;

/// A document with a board, groups and a glossary, as the lead reader sees it.
fn document(leads: &[&str]) -> Extraction {
    let body = |name: &str, acronym: Option<&str>| Body {
        acronym: acronym.map(Into::into),
        ..Body::new(name.into(), Evidence::default())
    };
    let entry = |term: &str, expansion: &str, source| GlossaryEntry {
        term: term.into(),
        expansion: expansion.into(),
        source,
        evidence: Evidence::default(),
    };
    let mut x = Extraction::default();
    x.partnership.name = Some("Anyshire Safeguarding Children Board".into());
    x.partnership.acronym = Some("ASCB".into());
    x.governance.bodies = vec![
        body("Anyshire Safeguarding Children Board", Some("ASCB")),
        Body { reports_to: Some("the Board".into()), ..body("Business Management Group", Some("BMG")) },
        body("Quality Assurance Subgroup", None),
        body("Learning and Improvement Sub-Group", Some("LIS")),
        body("Voice Group", Some("VG")),
        body("Child Protection Group", Some("CPG")),
        body("Workforce Development Group", Some("WDG")),
        Body { reports_to: Some("ASCB".into()), ..body("Early Help Programme Board", Some("EHPB")) },
    ];
    x.glossary = vec![
        entry("CCG", "Clinical Commissioning Group", GlossarySource::Glossary),
        entry("LADO", "Local Authority Designated Officer", GlossarySource::Glossary),
        entry("CSC", "Children's Social Care", GlossarySource::Text),
        entry("EHPB", "Early Help Programme Board", GlossarySource::Text),
        entry("AYS", "Anyshire Youth Service", GlossarySource::Text),
    ];
    x.actions = vec![Action {
        leads: leads.iter().map(|l| l.to_string()).collect(),
        ..Action::new(Evidence::default())
    }];
    crate::graph::link_governance(&mut x);
    x
}

/// Each lead as "text | person | role | organisations | body", `-` for none.
fn read(lead: &str) -> Vec<String> {
    let mut x = document(&[lead]);
    read_leads(&mut x);
    let dash = |v: Option<&String>| v.map_or("-".to_string(), Clone::clone);
    x.actions[0]
        .lead_parts
        .iter()
        .map(|l| {
            let orgs = if l.organisations.is_empty() { "-".to_string() } else { l.organisations.join("; ") };
            format!(
                "{} | {} | {} | {} | {}",
                l.text,
                dash(l.person.as_ref()),
                dash(l.role.as_ref()),
                orgs,
                dash(l.body_id.as_ref())
            )
        })
        .collect()
}

/// (printed lead, the leads it names).
const FORMS: &[(&str, &[&str])] = &[
    // A role alone.
    ("Board Manager", &["Board Manager | - | Board Manager | - | -"]),
    ("Head of Early Help", &["Head of Early Help | - | Head of Early Help | - | -"]),
    ("Designated Nurse", &["Designated Nurse | - | Designated Nurse | - | -"]),
    ("Director of Children's Services", &["Director of Children's Services | - | Director of Children's Services | - | -"]),
    ("Private Fostering Social Worker", &["Private Fostering Social Worker | - | Private Fostering Social Worker | - | -"]),
    ("Policy and Practice Officer", &["Policy and Practice Officer | - | Policy and Practice Officer | - | -"]),
    ("Champions Steering Group", &["Champions Steering Group | - | - | Champions Steering Group | -"]),
    // A role acronym, by the genre and by the glossary.
    ("LADO", &["LADO | - | LADO | - | -"]),
    // An organisation or body alone.
    ("Anyshire Police", &["Anyshire Police | - | - | Anyshire Police | -"]),
    ("Children's Services", &["Children's Services | - | - | Children's Services | -"]),
    ("CCG", &["CCG | - | - | CCG | -"]),
    ("Quality Assurance Subgroup", &["Quality Assurance Subgroup | - | - | Quality Assurance Subgroup | quality-assurance-subgroup"]),
    ("BMG", &["BMG | - | - | BMG | business-management-group"]),
    ("the Board", &["the Board | - | - | the Board | anyshire-safeguarding-children-board"]),
    ("Health and Wellbeing Board", &["Health and Wellbeing Board | - | - | Health and Wellbeing Board | -"]),
    ("Children and Families Service", &["Children and Families Service | - | - | Children and Families Service | -"]),
    ("Learning & Improvement sub group", &["Learning & Improvement sub group | - | - | Learning & Improvement sub group | learning-and-improvement-sub-group"]),
    // An organisation acronym before a role.
    ("ASCB Manager", &["ASCB Manager | - | Manager | ASCB | anyshire-safeguarding-children-board"]),
    ("ASCB Business Manager", &["ASCB Business Manager | - | Business Manager | ASCB | anyshire-safeguarding-children-board"]),
    ("CCG safeguarding Project Manager", &["CCG safeguarding Project Manager | - | safeguarding Project Manager | CCG | -"]),
    // One role in two bodies: the organisation distributed over the places.
    ("Anyshire & Otherside SCB Managers", &["Anyshire & Otherside SCB Managers | - | Managers | Anyshire SCB; Otherside SCB | -"]),
    // Slashes between leads, and inside a name.
    ("ASCB/Director of Children's Services", &["ASCB | - | - | ASCB | anyshire-safeguarding-children-board", "Director of Children's Services | - | Director of Children's Services | - | -"]),
    ("ASCB Manager / Training Co-ordinator", &["ASCB Manager | - | Manager | ASCB | anyshire-safeguarding-children-board", "Training Co-ordinator | - | Training Co-ordinator | - | -"]),
    ("Interagency/cross-agency Practice Group", &["Interagency/cross-agency Practice Group | - | - | Interagency/cross-agency Practice Group | -"]),
    ("AB/CD/EF", &["AB | - | - | - | -", "CD | - | - | - | -", "EF | - | - | - | -"]),
    ("AB/CD & EF/GH", &["AB | - | - | - | -", "CD | - | - | - | -", "EF | - | - | - | -", "GH | - | - | - | -"]),
    // Semicolons.
    ("Head of Early Help; Anyshire Police", &["Head of Early Help | - | Head of Early Help | - | -", "Anyshire Police | - | - | Anyshire Police | -"]),
    // "and" / "&" between two leads.
    ("ASCB Manager and task group", &["ASCB Manager | - | Manager | ASCB | anyshire-safeguarding-children-board", "task group | - | - | task group | -"]),
    ("AB & Board members", &["AB | - | - | - | -", "Board members | - | Board members | - | -"]),
    ("Voice Group & ASCB", &["Voice Group | - | - | Voice Group | voice-group", "ASCB | - | - | ASCB | anyshire-safeguarding-children-board"]),
    ("Ann Other & CD", &["Ann Other | Ann Other | - | - | -", "CD | - | - | - | -"]),
    ("ASCB members + Voice Group", &["ASCB members | - | members | ASCB | anyshire-safeguarding-children-board", "Voice Group | - | - | Voice Group | voice-group"]),
    // "Chair of X".
    ("Chair of the Board", &["Chair of the Board | - | Chair | Board | anyshire-safeguarding-children-board"]),
    ("Chair of Quality Assurance Subgroup", &["Chair of Quality Assurance Subgroup | - | Chair | Quality Assurance Subgroup | quality-assurance-subgroup"]),
    ("Chair, Learning and Improvement Sub-Group", &["Chair, Learning and Improvement Sub-Group | - | Chair | Learning and Improvement Sub-Group | learning-and-improvement-sub-group"]),
    ("BMG Chair of the Early Help Programme Board", &["BMG | - | - | BMG | business-management-group", "Chair of the Early Help Programme Board | - | Chair | Early Help Programme Board | early-help-programme-board"]),
    ("Subgroup Chairs", &["Subgroup Chairs | - | Subgroup Chairs | - | -"]),
    // A role with its organisation after a comma, a dash or in brackets.
    ("Head of Safeguarding, CCG", &["Head of Safeguarding, CCG | - | Head of Safeguarding | CCG | -"]),
    ("Service Director – Children's Social Care", &["Service Director – Children's Social Care | - | Service Director | Children's Social Care | -"]),
    ("Head of Service (Police)", &["Head of Service (Police) | - | Head of Service | Police | -"]),
    ("Detective Inspector, Public Protection Unit", &["Detective Inspector, Public Protection Unit | - | Detective Inspector | Public Protection Unit | -"]),
    ("Commissioning Manager, Adults and Families", &["Commissioning Manager, Adults and Families | - | Commissioning Manager | Adults and Families | -"]),
    ("Partnership Inspector, Anyshire Police", &["Partnership Inspector, Anyshire Police | - | Partnership Inspector | Anyshire Police | -"]),
    // A person with a role.
    ("Ann Other (Chair of the Voice Group)", &["Ann Other (Chair of the Voice Group) | Ann Other | Chair | Voice Group | voice-group"]),
    ("Cllr A. Person", &["Cllr A. Person | Cllr A. Person | - | - | -"]),
    ("Jo Bloggs, Head of Early Help", &["Jo Bloggs, Head of Early Help | Jo Bloggs | Head of Early Help | - | -"]),
    // Lists of organisations, and two roles after a comma.
    ("Children's Services, CCG, Anyshire Police, Probation", &["Children's Services | - | - | Children's Services | -", "CCG | - | - | CCG | -", "Anyshire Police | - | - | Anyshire Police | -", "Probation | - | - | Probation | -"]),
    ("Assistant Director (Early Help), Youth Offending Team Manager", &["Assistant Director (Early Help) | - | Assistant Director | - | -", "Youth Offending Team Manager | - | Youth Offending Team Manager | - | -"]),
    // "All partners" and other collective leads.
    ("All partners", &["All partners | - | All partners | - | -"]),
    ("All agencies", &["All agencies | - | - | All agencies | -"]),
    // Body acronyms in a row, and after a body's name.
    ("VG CPG WDG", &["VG | - | - | VG | voice-group", "CPG | - | - | CPG | child-protection-group", "WDG | - | - | WDG | workforce-development-group"]),
    ("Early Help Programme Board CPG", &["Early Help Programme Board | - | - | Early Help Programme Board | early-help-programme-board", "CPG | - | - | CPG | child-protection-group"]),
    // An organisation in the glossary, a qualifier in brackets, a closing full stop.
    ("AYS", &["AYS | - | - | AYS | -"]),
    ("ASCB Manager (County & City).", &["ASCB Manager (County & City) | - | Manager | ASCB | anyshire-safeguarding-children-board"]),
    ("Anyshire & Otherside LSCB P.O. & Task Group.", &["Anyshire & Otherside LSCB P.O. | - | P.O. | Anyshire LSCB; Otherside LSCB | -", "Task Group | - | - | Task Group | -"]),
    // A role with an organisation named after it, and words no vocabulary knows.
    ("Named GP for Safeguarding", &["Named GP for Safeguarding | - | Named GP for Safeguarding | - | -"]),
    ("Media & Comms", &["Media & Comms | - | - | - | -"]),
    // Body names printed in lower case are names, not prose.
    ("Learning and improvement sub group", &["Learning and improvement sub group | - | - | Learning and improvement sub group | learning-and-improvement-sub-group"]),
    ("ASCB Policy Officer/ Serious case review reference group", &["ASCB Policy Officer | - | Policy Officer | ASCB | anyshire-safeguarding-children-board", "Serious case review reference group | - | - | Serious case review reference group | -"]),
];

#[test]
fn lead_forms_split_and_read_into_parts() {
    let mut failures = Vec::new();
    for &(printed, want) in FORMS {
        let got = read(printed);
        if got != want {
            failures.push(format!("{printed:?}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} forms differ:\n{}",
        failures.len(),
        FORMS.len(),
        failures.join("\n")
    );
    assert!(FORMS.len() >= 40);
}

#[test]
fn expansions_come_from_the_documents_glossary_and_first_uses() {
    let mut x = document(&["CSC Manager / LADO", "EHPB", "CCG Manager (AYS)"]);
    read_leads(&mut x);
    let expansions: Vec<Vec<(String, String)>> = x.actions[0]
        .lead_parts
        .iter()
        .map(|l| l.expansions.iter().map(|e| (e.term.clone(), e.expansion.clone())).collect())
        .collect();
    let pair = |t: &str, e: &str| (t.to_string(), e.to_string());
    assert_eq!(
        expansions,
        vec![
            vec![pair("CSC", "Children's Social Care")],
            vec![pair("LADO", "Local Authority Designated Officer")],
            vec![pair("EHPB", "Early Help Programme Board")],
            vec![pair("CCG", "Clinical Commissioning Group"), pair("AYS", "Anyshire Youth Service")],
        ]
    );
    // The printed leads stay as they were.
    assert_eq!(x.actions[0].leads, ["CSC Manager / LADO", "EHPB", "CCG Manager (AYS)"]);
}

#[test]
fn odd_leads_never_panic() {
    let long = "Head of Service, ".repeat(400);
    let cases = [
        "",
        "   ",
        "/",
        ";;;",
        "&",
        "and",
        "(",
        ")",
        "((()",
        "–",
        "\u{0}\u{1b}[31m",
        "主任/警察",
        "Руководитель",
        "Ω & Σ",
        "A",
        &long,
    ];
    for lead in cases {
        let got = read(lead);
        if lead.trim().chars().all(|c| !c.is_alphanumeric()) {
            assert!(got.is_empty(), "{lead:?}: {got:?}");
        }
    }
    assert_eq!(read(&long).len(), 1, "a very long cell is one lead, unread");
}
