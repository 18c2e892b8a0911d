//! Scenario tests: small fictional documents through the reader and every step.

use super::*;
use crate::metadata::Metadata;
use crate::util::Context;
use sgx_model::{Body, Partnership};

fn bodies(text: &str, partnership: (&str, &str)) -> Vec<Body> {
    let doc = sgx_read::read(text.as_bytes(), "t.md").unwrap();
    let ctx = Context::new(&doc);
    let p =
        Partnership { name: Some(partnership.0.into()), acronym: Some(partnership.1.into()), evidence: None };
    let mut up =
        Upstream { metadata: Some(Metadata { partnership: p, ..Metadata::none() }), ..Default::default() };
    up.glossary = crate::glossary::recognise(&ctx, &up).facts;
    up.actions = crate::actions::recognise(&ctx, &up).facts;
    recognise(&ctx, &up).facts
}

fn find<'b>(bodies: &'b [Body], name: &str) -> &'b Body {
    bodies.iter().find(|b| b.name == name).unwrap_or_else(|| panic!("no body {name} in {bodies:#?}"))
}

const P: (&str, &str) = ("Westshire Safeguarding Children Partnership", "WSCP");

#[test]
fn heading_body_with_chair_meets_and_reporting_line() {
    let text = "# Westshire Safeguarding Children Partnership\n\n\
        ### The Audit and Assurance Group (AAG):\n\n\
        The group meets six times per year. In 2023 the AAG was chaired by the Head of Quality, Jo Bloggs in 23/24. \
        The chair reports directly to the Strategic Oversight Board.\n";
    let b = bodies(text, P);
    let aag = find(&b, "Audit and Assurance Group");
    assert_eq!(aag.acronym.as_deref(), Some("AAG"));
    assert_eq!(aag.meets.as_deref(), Some("six times per year"));
    assert_eq!(aag.chair.as_deref(), Some("Head of Quality, Jo Bloggs"));
    assert_eq!(aag.reports_to.as_deref(), Some("Strategic Oversight Board"));
    assert!(b.iter().any(|x| x.name == "Strategic Oversight Board"));
}

#[test]
fn outside_organisations_are_not_bodies() {
    let text = "The Westshire Safeguarding Children Partnership works with the Integrated Care Board, \
        the Clinical Commissioning Group and the Eastshire Safeguarding Children Partnership. \
        The council's improvement is overseen by the Recovery Board, chaired by a commissioner appointed by \
        the Department for Education. The partnership is represented on the Regional Housing Forum. \
        The Learning Review Subgroup meets monthly.\n";
    let b = bodies(text, P);
    let names: Vec<&str> = b.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, vec!["Learning Review Subgroup"], "{b:#?}");
    assert_eq!(b[0].meets.as_deref(), Some("monthly"));
}

#[test]
fn mentions_of_one_body_are_merged() {
    let text = "## Neglect Practice Review Subgroup\n\n\
        The NPR subgroup reviews cases. Reports from the Neglect Practice Review Sub-Group go to the Board.\n\n\
        The Neglect Practice Review Subgroup (NPRS) met eight times.\n";
    let b = bodies(text, P);
    assert_eq!(b.iter().filter(|x| x.name.contains("Neglect")).count(), 1, "{b:#?}");
    assert_eq!(find(&b, "Neglect Practice Review Subgroup").acronym.as_deref(), Some("NPRS"));
}

#[test]
fn structure_chart_lines() {
    let text = "## Westshire Executive Board\n\nIndependent Chair, Council, Police\n\nMeet quarterly\n\n\
        ## Practice Group\n\nIndependent Chair\n\nMeet twice per year\n\nHarmful Behaviour\n\nOnline Safety Group\n\n\
        Youth\nVoice\nForum\n\nMeet termly\n";
    let b = bodies(text, P);
    let exec = find(&b, "Westshire Executive Board");
    assert_eq!(
        (exec.chair.as_deref(), exec.meets.as_deref()),
        (Some("Independent Chair"), Some("quarterly"))
    );
    let practice = find(&b, "Practice Group");
    assert_eq!(practice.meets.as_deref(), Some("twice per year"));
    find(&b, "Harmful Behaviour");
    find(&b, "Online Safety Group");
    assert_eq!(find(&b, "Youth Voice Forum").meets.as_deref(), Some("termly"));
}

#[test]
fn subgroup_column_and_measures() {
    let text = "| Priority | Description | Links to subgroups |\n|---|---|---|\n\
        | 1 | Reduce harm | QA Groups PLR Group |\n| 2 | Early help | EHG CRG |\n\nThe action plan follows.\n\n\
        | Action | Who will lead | How will we know |\n|---|---|---|\n\
        | Audit referrals | Referrals subgroup | Referrals subgroup report to BMG |\n\
        | Train staff | Partnership Manager/ Workforce Group | Report to BMG |\n";
    let b = bodies(text, P);
    for name in ["QA Groups", "PLR Group", "EHG", "CRG"] {
        find(&b, name);
    }
    assert_eq!(find(&b, "Referrals subgroup").reports_to.as_deref(), Some("BMG"));
    assert_eq!(find(&b, "Workforce Group").reports_to.as_deref(), Some("BMG"));
    assert!(!b.iter().any(|x| x.name.contains("Manager")));
}

#[test]
fn partnership_listed_only_with_stated_facts() {
    let quiet =
        bodies("The WSCP publishes this plan. The Case Review Panel reports to the Strategy Group.\n", P);
    assert!(!quiet.iter().any(|x| x.acronym.as_deref() == Some("WSCP")), "{quiet:#?}");
    let chaired = bodies("The Board is led by an Independent Chair. The Board meets quarterly.\n", P);
    let p = chaired.iter().find(|x| x.acronym.as_deref() == Some("WSCP")).expect("partnership listed");
    assert_eq!(p.chair.as_deref(), Some("Independent Chair"));
    assert_eq!(p.meets.as_deref(), Some("quarterly"));
}

#[test]
fn coordinated_subjects_share_a_chair_and_future_bodies_are_left_out() {
    let text =
        "The Chief Officers' Group agreed the plan. The chief officer group and executive board of the \
        partnership are chaired independently of the partners. Reports go to the Executive Board. \
        Next year a new Transitions Subgroup will be established.\n";
    let b = bodies(text, P);
    assert_eq!(
        find(&b, "Chief Officers' Group").chair.as_deref(),
        Some("chaired independently of the partners")
    );
    assert!(find(&b, "Executive Board").chair.is_some());
    assert!(!b.iter().any(|x| x.name.contains("Transitions")), "{b:#?}");
}

#[test]
fn listed_subgroups_report_to_the_announced_body() {
    let text = "The Delivery Group is chaired by the Partnership Manager and meets monthly.\n\n\
        Three subgroups report to the Delivery Group:\n\n\
        - Harm Outside the Home\n\
        - Learning Reviews, chaired by the Head of Service\n\
        - the Early Help Subgroup, which meets quarterly\n\n\
        All subgroups report to the Delivery Group in writing.\n";
    let b = bodies(text, P);
    let delivery = find(&b, "Delivery Group");
    assert_eq!(
        (delivery.chair.as_deref(), delivery.meets.as_deref()),
        (Some("Partnership Manager"), Some("monthly"))
    );
    for name in ["Harm Outside the Home", "Learning Reviews", "Early Help Subgroup"] {
        assert_eq!(find(&b, name).reports_to.as_deref(), Some("Delivery Group"), "{name}");
    }
    assert_eq!(find(&b, "Learning Reviews").chair.as_deref(), Some("Head of Service"));
    assert_eq!(find(&b, "Early Help Subgroup").meets.as_deref(), Some("quarterly"));
    assert!(!b.iter().any(|x| x.name.contains("Partnership Manager")), "{b:#?}");
}

#[test]
fn structure_table_gives_chair_frequency_and_line() {
    let text = "| Group | Chair | Frequency | Reports to |\n|---|---|---|---|\n\
        | Audit Subgroup | Named Nurse | Bi-monthly | Business Group |\n\
        | Case Review Panel | Detective Inspector | Monthly | Executive Board |\n";
    let b = bodies(text, P);
    let audit = find(&b, "Audit Subgroup");
    assert_eq!(audit.chair.as_deref(), Some("Named Nurse"));
    assert_eq!(audit.meets.as_deref(), Some("Bi-monthly"));
    assert_eq!(audit.reports_to.as_deref(), Some("Business Group"));
    assert_eq!(find(&b, "Case Review Panel").reports_to.as_deref(), Some("Executive Board"));
}
