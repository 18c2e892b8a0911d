//! Area identity: the English local authorities a document's partnership covers (`areas`, with
//! GSS and DfE codes and region) and a key for the partnership's area that is the same in all
//! its documents (`partnership.key`, `partnership.joint`).
//!
//! Sources, from the model only: `partnership.name` (the place is the words before the genre's
//! body name, or after it: "Local Safeguarding Children Board Kingston upon Thames") and
//! `document.period` (its first year). The acronym and title are not read: an acronym
//! ("NSCB") names no place on its own, and the title holds the name when the recogniser found
//! one.
//!
//! Reference data, compiled in and parsed once per process ([`table`]):
//! `data/local_authorities.csv`, the 153 current and 10 abolished authorities with children's
//! services, written by `scripts/make-la-table` from data-to-insight's lookup (MIT) and
//! mySociety's register and name lookup (CC-BY-4.0); `data/joint_area_names.csv`, the few
//! names of joint areas that name no authority ("LLR", "Tri-borough", "City and Hackney",
//! "Pan-Dorset"), written by hand.
//!
//! Vocabulary: a name matches when its normal form ([`names::normalise`]: case, "&"/"and",
//! apostrophes, hyphens, "City of", "Borough of", "Council" aside) equals an official or
//! alternative name of the table; never fuzzily. A place listing several names ("Derby and
//! Derbyshire", "Leicester, Leicestershire and Rutland") is cut into the fewest names that
//! cover it; several authorities make the partnership joint. The authority is the one bearing
//! the name on 1 April of the period's first year; one abolished by then gives way to its
//! successors (Cheshire and Bedfordshire 2009; Bournemouth, Poole and Dorset 2019;
//! Buckinghamshire 2020; Northamptonshire 2021; Cumbria, North Yorkshire and Somerset 2023).
//!
//! Known limits: a period spanning a reorganisation resolves at its start; a place the table
//! lacks (the corpus's fictional areas, a misspelling, a district) or a name several
//! authorities bore without a period to choose by leaves `areas` empty with an
//! `area_unresolved` warning; so does a joint name of which one part is unknown (all or
//! nothing). Boards that only share procedures (the Sussex boards) are separate areas, as
//! they are separate partnerships. A partnership named only by its acronym is not resolved.

mod names;
mod resolve;
mod table;

use sgx_model::{Area, Extraction, Warning, WarningKind};

use table::TABLE;

/// Resolve the partnership's name to local authorities and a key, and write them beside the
/// name: `partnership.key`, `partnership.joint`, `areas`, and a warning per problem.
pub fn resolve_areas(x: &mut Extraction) {
    let Some(name) = x.partnership.name.as_deref() else { return };
    let period_start = x.document.period.as_ref().map(|p| p.start_year);
    let table = &*TABLE;
    let resolution = resolve::resolve(table, name, period_start);
    x.partnership.key = resolution.key;
    x.areas = resolution
        .areas
        .into_iter()
        .map(|r| {
            let a = &table.authorities[r.authority];
            Area {
                name: a.name.clone(),
                gss_code: a.gss_code.clone(),
                dfe_code: a.dfe_code.clone(),
                region: a.region.clone(),
                former_gss_codes: a.former_gss_codes.clone(),
                named_as: r.named_as,
                matched: r.matched,
                successor_of: r.successor_of.map(|s| table.authorities[s].name.clone()),
            }
        })
        .collect();
    x.partnership.joint = (!x.areas.is_empty()).then_some(x.areas.len() > 1);
    x.warnings.extend(resolution.problems.into_iter().map(|message| Warning {
        kind: WarningKind::AreaUnresolved,
        message: format!("area: {message}"),
        page: None,
        lines: None,
        path: None,
    }));
}

#[cfg(test)]
mod tests;
