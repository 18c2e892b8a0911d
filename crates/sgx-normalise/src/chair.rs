//! Each body's printed chair split into person, role and organisation ([`crate::parts`]), and
//! its printed meetings read as a recurrence by the timescale reader (one reader for both, so
//! "bi-monthly" means the same in a timescale and in a body's meetings).

use sgx_model::{ChairParts, Extraction};

use crate::parts::Vocab;
use crate::timescale::recurrence_in;

/// Chairs before this phrase are not read: "chaired independently of any of the members".
const CHAIRED_BY: &str = "chaired by";

/// Fill `chair_parts` and `meeting_frequency` of every body from its printed values.
pub fn read_chairs_and_meetings(x: &mut Extraction) {
    let vocab = Vocab::of(x);
    let chairs: Vec<Option<ChairParts>> =
        x.governance.bodies.iter().map(|b| b.chair.as_deref().and_then(|c| chair_parts(c, &vocab))).collect();
    for (b, parts) in x.governance.bodies.iter_mut().zip(chairs) {
        b.chair_parts = parts;
        b.meeting_frequency = b.meets.as_deref().and_then(recurrence_in);
    }
}

/// The parts a printed chair names; none when it names none.
pub(crate) fn chair_parts(chair: &str, vocab: &Vocab) -> Option<ChairParts> {
    // "Chaired by the Designated Nurse, CCG": what follows the phrase.
    let lower = chair.to_ascii_lowercase();
    let from = lower.find(CHAIRED_BY).map_or(0, |i| i + CHAIRED_BY.len());
    let parts = vocab.read(chair, (from, chair.len()));
    let text = |r: Option<(usize, usize)>| r.map(|(a, b)| chair[a..b].trim_start_matches("the ").to_string());
    // Organisations as printed: one shared by places is printed once ("Anyshire and Otherside ICB").
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (a, b) in parts.organisations.iter().map(|o| o.printed()) {
        match ranges.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => ranges.push((a, b)),
        }
    }
    let organisation = (!ranges.is_empty())
        .then(|| ranges.iter().map(|&(a, b)| &chair[a..b]).collect::<Vec<_>>().join(", "));
    let out = ChairParts { person: text(parts.person), role: text(parts.role), organisation };
    (out != ChairParts::default()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgx_model::{Body, Evidence, GlossaryEntry, GlossarySource, RecurrenceKind};

    fn parts(chair: &str) -> [Option<String>; 3] {
        let x = Extraction {
            glossary: vec![GlossaryEntry {
                term: "ASP".into(),
                expansion: "Anyshire Schools Partnership".into(),
                source: GlossarySource::Text,
                evidence: Evidence::default(),
            }],
            ..Default::default()
        };
        let p = chair_parts(chair, &Vocab::of(&x)).unwrap_or_default();
        [p.person, p.role, p.organisation]
    }

    /// Chairs in the shapes the genre prints them: (chair, person, role, organisation).
    /// A printed chair and the person, role and organisation it names.
    type ChairForm = (&'static str, Option<&'static str>, Option<&'static str>, Option<&'static str>);

    const CHAIRS: &[ChairForm] = &[
        (
            "Jane Smith, Director of Children's Services, Anyshire County Council",
            Some("Jane Smith"),
            Some("Director of Children's Services"),
            Some("Anyshire County Council"),
        ),
        ("Independent Chair", None, Some("Independent Chair"), None),
        ("Head of Service (Police)", None, Some("Head of Service"), Some("Police")),
        ("DCI Bloggs – Anyshire Police", Some("DCI Bloggs"), None, Some("Anyshire Police")),
        ("Chaired by the Designated Nurse, CCG", None, Some("Designated Nurse"), Some("CCG")),
        ("Cllr A. Person", Some("Cllr A. Person"), None, None),
        ("Jo Bloggs (Independent Chair)", Some("Jo Bloggs"), Some("Independent Chair"), None),
        ("Assistant Director, ICB", None, Some("Assistant Director"), Some("ICB")),
        ("Deputy Chief Constable", None, Some("Deputy Chief Constable"), None),
        (
            "Chief Nurse, Anyshire and Otherside ICB, Priya Kaur",
            Some("Priya Kaur"),
            Some("Chief Nurse"),
            Some("Anyshire and Otherside ICB"),
        ),
        (
            "Chief Nurse Anyshire ICB, Priya Kaur",
            Some("Priya Kaur"),
            Some("Chief Nurse"),
            Some("Anyshire ICB"),
        ),
        (
            "Detective Superintendent (DSU) of Anyshire Police Sam Jones",
            Some("Sam Jones"),
            Some("Detective Superintendent"),
            Some("Anyshire Police"),
        ),
        ("NSPCC", None, None, Some("NSPCC")),
        (
            "Head of Safeguarding, Anyshire NHS Foundation Trust",
            None,
            Some("Head of Safeguarding"),
            Some("Anyshire NHS Foundation Trust"),
        ),
        ("Independent Chair Person", None, Some("Independent Chair Person"), None),
        ("Dr Ann Other, Designated Doctor", Some("Dr Ann Other"), Some("Designated Doctor"), None),
        ("Principal, Anyshire College", None, Some("Principal"), Some("Anyshire College")),
        ("Vice Chair of the Board", None, Some("Vice Chair"), Some("Board")),
        ("Headteacher (ASP)", None, Some("Headteacher"), Some("ASP")),
        ("Service Manager for Partnerships", None, Some("Service Manager for Partnerships"), None),
        (
            "Superintendent Lee Grant, Anyshire Constabulary",
            Some("Lee Grant"),
            Some("Superintendent"),
            Some("Anyshire Constabulary"),
        ),
        ("rotates between partners", None, None, None),
        (
            "Head of Public Protection at Anyshire Police",
            None,
            Some("Head of Public Protection"),
            Some("Anyshire Police"),
        ),
        ("Head of Community Safety", None, Some("Head of Community Safety"), None),
        ("chaired independently of the partner agencies", None, None, None),
        ("Independent Scrutineer, Dr Ann Other", Some("Dr Ann Other"), Some("Independent Scrutineer"), None),
        ("TBC", None, None, None),
    ];

    #[test]
    fn chairs_split_into_person_role_and_organisation() {
        for &(chair, person, role, org) in CHAIRS {
            let want = [person, role, org].map(|v| v.map(String::from));
            assert_eq!(parts(chair), want, "{chair}");
        }
        assert!(CHAIRS.len() >= 20);
    }

    #[test]
    fn odd_chairs_never_panic() {
        for chair in ["", ",,,", "()", "(", "–", "\u{1}\u{7}", "主席", "Chair (", &"Director, ".repeat(500)]
        {
            let _ = parts(chair);
        }
    }

    #[test]
    fn meetings_are_read_by_the_timescale_reader() {
        type Read = Option<(RecurrenceKind, Option<f64>)>;
        let cases: &[(&str, Read)] = &[
            ("six times a year", Some((RecurrenceKind::TimesAYear, Some(6.0)))),
            ("bi-monthly", Some((RecurrenceKind::BiMonthly, Some(6.0)))),
            ("every 6 weeks", Some((RecurrenceKind::TimesAYear, Some(52.0 / 6.0)))),
            ("quarterly", Some((RecurrenceKind::Quarterly, Some(4.0)))),
            ("Monthly", Some((RecurrenceKind::Monthly, Some(12.0)))),
            ("termly", Some((RecurrenceKind::Termly, Some(3.0)))),
            ("3 times per year", Some((RecurrenceKind::TimesAYear, Some(3.0)))),
            ("twice a year", Some((RecurrenceKind::HalfYearly, Some(2.0)))),
            ("meets annually in June", Some((RecurrenceKind::Annual, Some(1.0)))),
            ("as required", Some((RecurrenceKind::AsNeeded, None))),
            ("at least quarterly, more often when needed", Some((RecurrenceKind::Quarterly, Some(4.0)))),
            ("on the first Tuesday", None),
            ("", None),
        ];
        let mut x = Extraction::default();
        x.governance.bodies = cases
            .iter()
            .map(|(meets, _)| Body {
                meets: Some(meets.to_string()),
                ..Body::new("Group".into(), Evidence::default())
            })
            .collect();
        read_chairs_and_meetings(&mut x);
        for ((meets, want), b) in cases.iter().zip(&x.governance.bodies) {
            let got = b.meeting_frequency.map(|r| (r.kind, r.times_per_year));
            assert_eq!(got, *want, "{meets}");
            assert_eq!(b.meets.as_deref(), Some(*meets), "the printed value stays");
        }
    }
}
