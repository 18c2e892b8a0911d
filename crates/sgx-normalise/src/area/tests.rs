//! Partnership names in the shapes real documents print them (real local authorities and their
//! codes, which are facts; fictional places for what must stay unresolved), through
//! [`resolve_areas`] on a model holding only the name and the period.

use sgx_model::{AreaMatch, Extraction, Period, WarningKind};

use super::resolve_areas;
use AreaMatch::{JointName, Name, Successor};

/// A model with the partnership's name and the period's first year, as the recognisers leave it.
fn resolved(name: &str, start_year: Option<i32>) -> Extraction {
    let mut x = Extraction::default();
    x.partnership.name = Some(name.into());
    x.document.period = start_year.map(|y| Period::new(y, y + 1, format!("{y}")));
    resolve_areas(&mut x);
    x
}

/// (DfE code, GSS code, how matched) of each area.
fn codes(x: &Extraction) -> Vec<(&str, Option<&str>, AreaMatch)> {
    x.areas.iter().map(|a| (a.dfe_code.as_deref().unwrap(), a.gss_code.as_deref(), a.matched)).collect()
}

fn unresolved_warnings(x: &Extraction) -> Vec<&str> {
    x.warnings.iter().filter(|w| w.kind == WarningKind::AreaUnresolved).map(|w| w.message.as_str()).collect()
}

type Case =
    (&'static str, Option<i32>, &'static [(&'static str, Option<&'static str>, AreaMatch)], &'static str);

#[test]
fn names_resolve_to_local_authorities_by_period() {
    let cases: &[Case] = &[
        // One authority, in the shapes the genre prints.
        ("Kent Safeguarding Children Board", Some(2015), &[("886", Some("E10000016"), Name)], "kent"),
        (
            "Nottingham City Safeguarding Children Partnership",
            Some(2019),
            &[("892", Some("E06000018"), Name)],
            "nottingham",
        ),
        (
            "City of York Safeguarding Children Partnership",
            Some(2024),
            &[("816", Some("E06000014"), Name)],
            "york",
        ),
        (
            "Local Safeguarding Children Board Kingston upon Thames",
            Some(2016),
            &[("314", Some("E09000021"), Name)],
            "kingston-upon-thames",
        ),
        (
            "Newcastle upon Tyne Local Safeguarding Children Board",
            Some(2005),
            &[("391", Some("E08000021"), Name)],
            "newcastle-upon-tyne",
        ),
        (
            "Newcastle Safeguarding Children Board",
            Some(2016),
            &[("391", Some("E08000021"), Name)],
            "newcastle-upon-tyne",
        ),
        (
            "Stockton-on-Tees Local Safeguarding Children Board",
            Some(2012),
            &[("808", Some("E06000004"), Name)],
            "stockton-on-tees",
        ),
        (
            "Brighton & Hove Local Safeguarding Children Board",
            Some(2012),
            &[("846", Some("E06000043"), Name)],
            "brighton-hove",
        ),
        (
            "Telford and the Wrekin Safeguarding Children Board",
            Some(2012),
            &[("894", Some("E06000020"), Name)],
            "telford-wrekin",
        ),
        ("Bristol Safeguarding Children Board", Some(2012), &[("801", Some("E06000023"), Name)], "bristol"),
        (
            "Hull Safeguarding Children Partnership",
            Some(2020),
            &[("810", Some("E06000010"), Name)],
            "kingston-upon-hull",
        ),
        (
            "St. Helens Safeguarding Children Partnership",
            Some(2020),
            &[("342", Some("E08000013"), Name)],
            "st-helens",
        ),
        (
            "Isle of Wight Safeguarding Children\u{2019}s Partnership",
            Some(2019),
            &[("921", Some("E06000046"), Name)],
            "isle-of-wight",
        ),
        (
            "Bexley S.H.I.E.L.D. Safeguarding Partnership for Children and Young People",
            None,
            &[("303", Some("E09000004"), Name)],
            "bexley",
        ),
        (
            "Cheshire West and Chester Safeguarding Children Partnership",
            Some(2019),
            &[("896", Some("E06000050"), Name)],
            "cheshire-west-chester",
        ),
        (
            "SOLIHULL LOCAL SAFEGUARDING CHILDREN BOARD",
            Some(2014),
            &[("334", Some("E08000029"), Name)],
            "solihull",
        ),
        // Joint partnerships.
        (
            "Derby and Derbyshire Safeguarding Children Partnership",
            Some(2020),
            &[("831", Some("E06000015"), Name), ("830", Some("E10000007"), Name)],
            "derby+derbyshire",
        ),
        (
            "Leicester, Leicestershire and Rutland Safeguarding Children Partnership",
            Some(2021),
            &[
                ("856", Some("E06000016"), Name),
                ("855", Some("E10000018"), Name),
                ("857", Some("E06000017"), Name),
            ],
            "leicester+leicestershire+rutland",
        ),
        (
            "LLR Safeguarding Children Partnerships",
            Some(2021),
            &[
                ("856", Some("E06000016"), JointName),
                ("855", Some("E10000018"), JointName),
                ("857", Some("E06000017"), JointName),
            ],
            "leicester+leicestershire+rutland",
        ),
        (
            "Cambridgeshire & Peterborough Safeguarding Children\u{2019}s Partnership Board",
            Some(2020),
            &[("873", Some("E10000003"), Name), ("874", Some("E06000031"), Name)],
            "cambridgeshire+peterborough",
        ),
        (
            "Hammersmith & Fulham, Kensington & Chelsea and Westminster Local Safeguarding Children Board",
            Some(2015),
            &[
                ("205", Some("E09000013"), Name),
                ("207", Some("E09000020"), Name),
                ("213", Some("E09000033"), Name),
            ],
            "hammersmith-fulham+kensington-chelsea+westminster",
        ),
        (
            "Tri-borough Local Safeguarding Children Board",
            Some(2015),
            &[
                ("205", Some("E09000013"), JointName),
                ("207", Some("E09000020"), JointName),
                ("213", Some("E09000033"), JointName),
            ],
            "hammersmith-fulham+kensington-chelsea+westminster",
        ),
        (
            "City and Hackney Safeguarding Children Board",
            Some(2014),
            &[("201", Some("E09000001"), JointName), ("204", Some("E09000012"), JointName)],
            "city-of-london+hackney",
        ),
        // Split authorities, by the period.
        (
            "Bedfordshire Local Safeguarding Children Board",
            Some(2009),
            &[("822", Some("E06000055"), Successor), ("823", Some("E06000056"), Successor)],
            "bedfordshire",
        ),
        (
            "Cheshire Local Safeguarding Children Board",
            Some(2012),
            &[("895", Some("E06000049"), Successor), ("896", Some("E06000050"), Successor)],
            "cheshire",
        ),
        (
            "Northamptonshire Safeguarding Children Board",
            Some(2018),
            &[("928", Some("E10000021"), Name)],
            "northamptonshire",
        ),
        (
            "Northamptonshire Safeguarding Children Partnership",
            Some(2021),
            &[("940", Some("E06000061"), Successor), ("941", Some("E06000062"), Successor)],
            "northamptonshire",
        ),
        (
            "Cumbria Local Safeguarding Children Board",
            Some(2016),
            &[("909", Some("E10000006"), Name)],
            "cumbria",
        ),
        (
            "Cumbria Safeguarding Children Partnership",
            Some(2023),
            &[("942", Some("E06000063"), Successor), ("943", Some("E06000064"), Successor)],
            "cumbria",
        ),
        // Merged and renamed authorities, by the period.
        (
            "Bournemouth and Poole Local Safeguarding Children Board",
            Some(2014),
            &[("837", Some("E06000028"), Name), ("836", Some("E06000029"), Name)],
            "bournemouth+poole",
        ),
        (
            "Bournemouth and Poole Local Safeguarding Children Board",
            Some(2019),
            &[("839", Some("E06000058"), Successor)],
            "bournemouth+poole",
        ),
        ("Dorset Safeguarding Children Board", Some(2016), &[("835", Some("E10000009"), Name)], "dorset"),
        (
            "Dorset Safeguarding Children Partnership",
            Some(2019),
            &[("838", Some("E06000059"), Name)],
            "dorset",
        ),
        (
            "Pan-Dorset Safeguarding Children Partnership",
            Some(2017),
            &[
                ("837", Some("E06000028"), JointName),
                ("836", Some("E06000029"), JointName),
                ("835", Some("E10000009"), JointName),
            ],
            "bournemouth+dorset+poole",
        ),
        (
            "Pan-Dorset Safeguarding Children Partnership",
            Some(2020),
            &[("839", Some("E06000058"), Successor), ("838", Some("E06000059"), JointName)],
            "bournemouth+dorset+poole",
        ),
        (
            "Bournemouth, Christchurch and Poole Safeguarding Children Partnership",
            Some(2020),
            &[("839", Some("E06000058"), Name)],
            "bournemouth-christchurch-poole",
        ),
        (
            "North Yorkshire Safeguarding Children Partnership",
            Some(2022),
            &[("815", Some("E10000023"), Name)],
            "north-yorkshire",
        ),
        (
            "North Yorkshire Safeguarding Children Partnership",
            Some(2024),
            &[("815", Some("E06000065"), Name)],
            "north-yorkshire",
        ),
        (
            "Buckinghamshire Safeguarding Children Board",
            Some(2018),
            &[("825", Some("E10000002"), Name)],
            "buckinghamshire",
        ),
    ];
    for &(name, year, expected, key) in cases {
        let x = resolved(name, year);
        assert_eq!(codes(&x), expected, "{name} {year:?}");
        assert_eq!(x.partnership.key.as_deref(), Some(key), "{name} {year:?}");
        assert_eq!(x.partnership.joint, Some(expected.len() > 1), "{name} {year:?}");
        assert_eq!(unresolved_warnings(&x), Vec::<&str>::new(), "{name} {year:?}");
    }
}

#[test]
fn a_successor_says_whom_it_succeeds() {
    let x = resolved("Cumbria Safeguarding Children Partnership", Some(2024));
    let names: Vec<_> = x.areas.iter().map(|a| (a.name.as_str(), a.successor_of.as_deref())).collect();
    assert_eq!(names, [("Cumberland", Some("Cumbria")), ("Westmorland and Furness", Some("Cumbria"))]);
    assert!(x.areas.iter().all(|a| a.named_as == "Cumbria" && a.region == "North West"));
}

#[test]
fn board_and_partnership_eras_of_one_area_share_a_key() {
    let pairs = [
        ("Wirral Safeguarding Children Board", 2013, "Wirral Safeguarding Children Partnership", 2020),
        ("Dorset Local Safeguarding Children Board", 2015, "Dorset Safeguarding Children Partnership", 2021),
        ("Northumberland LSCB", 2013, "Northumberland Safeguarding Children Partnership", 2022),
        (
            "Cumbria Local Safeguarding Children Board",
            2012,
            "Cumbria Safeguarding Children Partnership",
            2024,
        ),
        (
            "Northbridge Safeguarding Children Board",
            2012,
            "Northbridge Safeguarding Children Partnership",
            2020,
        ),
        (
            "Local Safeguarding Children Board for Southmoor",
            2010,
            "Southmoor Safeguarding Children Partnership",
            2021,
        ),
    ];
    for (board, board_year, partnership, partnership_year) in pairs {
        let (b, p) = (resolved(board, Some(board_year)), resolved(partnership, Some(partnership_year)));
        assert!(b.partnership.key.is_some(), "{board}");
        assert_eq!(b.partnership.key, p.partnership.key, "{board} / {partnership}");
    }
}

#[test]
fn authorities_without_a_gss_code_keep_their_dfe_code_with_a_warning() {
    for (name, dfe) in [("Cheshire Safeguarding Children Board", "875"), ("Bedfordshire LSCB", "820")] {
        let x = resolved(name, Some(2007));
        assert_eq!(codes(&x), [(dfe, None, Name)], "{name}");
        let warnings = unresolved_warnings(&x);
        assert_eq!(warnings.len(), 1, "{name}");
        assert!(warnings[0].contains("no GSS code"), "{}", warnings[0]);
    }
}

#[test]
fn what_cannot_be_resolved_is_left_empty_with_a_warning() {
    // (name, period's first year, key, words the warning says)
    let cases = [
        (
            "Northbridge Safeguarding Children Partnership",
            Some(2020),
            Some("northbridge"),
            "named 'Northbridge'",
        ),
        (
            "Harrowfield and Derby Safeguarding Children Partnership",
            Some(2020),
            Some("harrowfield-derby"),
            "named",
        ),
        ("Derbyshyre Safeguarding Children Board", Some(2015), Some("derbyshyre"), "named 'Derbyshyre'"),
        // A district has no children's services; London alone is no authority.
        ("Harrogate Safeguarding Children Board", Some(2015), Some("harrogate"), "named 'Harrogate'"),
        ("London Safeguarding Children Partnership", Some(2020), Some("london"), "named 'London'"),
        // A name two authorities bore, one after the other, and no period to choose by.
        ("Somerset Safeguarding Children Partnership", None, Some("somerset"), "no period"),
        // An authority named for a time before it existed.
        (
            "Westmorland and Furness Safeguarding Children Partnership",
            Some(2020),
            Some("westmorland-furness"),
            "not yet in office on 2020-04-01",
        ),
        ("Local Safeguarding Children Board", Some(2012), None, "names no place"),
    ];
    for (name, year, key, says) in cases {
        let x = resolved(name, year);
        assert!(x.areas.is_empty(), "{name}: {:?}", codes(&x));
        assert_eq!(x.partnership.joint, None, "{name}");
        assert_eq!(x.partnership.key.as_deref(), key, "{name}");
        let warnings = unresolved_warnings(&x);
        assert_eq!(warnings.len(), 1, "{name}: {warnings:?}");
        assert!(warnings[0].contains(says), "{name}: {}", warnings[0]);
    }
}

#[test]
fn without_a_period_a_name_of_one_authority_still_resolves() {
    let x = resolved("Cumbria Safeguarding Children Partnership", None);
    assert_eq!(codes(&x), [("909", Some("E10000006"), Name)]);
}

#[test]
fn a_document_without_a_partnership_name_gets_nothing() {
    let mut x = Extraction::default();
    resolve_areas(&mut x);
    assert!(x.areas.is_empty() && x.warnings.is_empty());
    assert_eq!((x.partnership.key, x.partnership.joint), (None, None));
}
