//! Area identity through the whole pipeline: short documents (written for this test, in the
//! shapes the genre's covers take) whose partnership name and period the recognisers read and
//! the normaliser resolves to local authorities. Real authorities and codes are facts; the
//! last case is a fictional area.

use sgx_model::WarningKind;

/// A document's text, the DfE codes of its areas, its key, whether joint.
type Case = (&'static str, &'static [&'static str], Option<&'static str>, Option<bool>);

const CASES: &[Case] = &[
    (
        "Cumbria Local Safeguarding Children Board\n\nBusiness Plan 2015-16\n\nThe Board agreed three \
         priorities for the year.\n",
        &["909"],
        Some("cumbria"),
        Some(false),
    ),
    (
        "Cumbria Safeguarding Children Partnership\n\nAnnual Report 2023-24\n\nThis is the partnership's \
         yearly account of its work.\n",
        &["942", "943"],
        Some("cumbria"),
        Some(true),
    ),
    (
        "Derby and Derbyshire Safeguarding Children Partnership\n\nBusiness Plan 2021-22\n\nOur plan for \
         the year ahead.\n",
        &["831", "830"],
        Some("derby+derbyshire"),
        Some(true),
    ),
    (
        "Northamptonshire Safeguarding Children Partnership\n\nAnnual Report 2021/22\n\nA year of change \
         for the county's councils.\n",
        &["940", "941"],
        Some("northamptonshire"),
        Some(true),
    ),
    (
        "Northbridge Safeguarding Children Partnership\n\nAnnual Report 2020-21\n\nA fictional area.\n",
        &[],
        Some("northbridge"),
        None,
    ),
];

#[test]
fn documents_resolve_to_their_local_authorities() {
    for &(text, codes, key, joint) in CASES {
        let x = sgx_pipeline::extract(text.as_bytes(), "cover.txt", &mut |_| {}).unwrap();
        let found: Vec<&str> = x.areas.iter().filter_map(|a| a.dfe_code.as_deref()).collect();
        assert_eq!(found, codes, "{text}");
        assert_eq!(x.partnership.key.as_deref(), key, "{text}");
        assert_eq!(x.partnership.joint, joint, "{text}");
        let unresolved = x.warnings.iter().filter(|w| w.kind == WarningKind::AreaUnresolved).count();
        assert_eq!(unresolved, usize::from(codes.is_empty()), "{text}");
    }
}
