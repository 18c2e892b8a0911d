//! From a partnership's name and the first year of its document's period to the local
//! authorities it covers: the place is cut into the fewest names of the table that cover it
//! (a joint name is several), each name becomes the authority bearing it at the period's start,
//! or that authority's successors if it had gone, and the key is made from the names.

use sgx_model::AreaMatch;

use super::names::{normalise, pieces, place_of, slug};
use super::table::{Day, Named, Table};

/// More pieces than this is a sentence, not a joint name: matched as one name only.
const MAX_PIECES: usize = 8;

/// Successors of successors followed this deep at most (the table's chains are one step).
const MAX_SUCCESSION: usize = 4;

/// The first day of the document's period: documents of the genre run by financial years,
/// and every reorganisation of the table took effect on 1 April.
const PERIOD_START: (u32, u32) = (4, 1);

/// Separator of the key's names.
const KEY_SEPARATOR: &str = "+";

/// What a partnership's name resolves to.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Resolution {
    pub(crate) key: Option<String>,
    pub(crate) areas: Vec<Resolved>,
    /// Why areas or codes are missing, one sentence each.
    pub(crate) problems: Vec<String>,
}

/// One local authority the partnership covers.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Index into the table's authorities.
    pub(crate) authority: usize,
    pub(crate) named_as: String,
    pub(crate) matched: AreaMatch,
    /// The authority the name named, when this is its successor.
    pub(crate) successor_of: Option<usize>,
}

/// One name of the table found in the place.
struct NamedPart<'t> {
    /// The place's words that named it, as printed.
    printed: &'t str,
    /// The authorities bearing the name, one after the other.
    candidates: &'t [usize],
    joint: bool,
}

/// The local authorities `partnership` names, as of the year its document's period starts.
pub(crate) fn resolve(table: &Table, partnership: &str, period_start: Option<i32>) -> Resolution {
    let Some(place) = place_of(partnership) else {
        return Resolution {
            problems: vec![format!("the partnership's name '{partnership}' names no place")],
            ..Resolution::default()
        };
    };
    let Some(parts) = named_parts(table, &place) else {
        return Resolution {
            key: Some(slug(&normalise(&place))),
            problems: vec![format!(
                "no English local authority of the reference table is named '{place}' (from the \
                 partnership's name): areas left empty"
            )],
            ..Resolution::default()
        };
    };
    let key = key_of(table, &parts);
    let day =
        period_start.and_then(|y| u32::try_from(y).ok()).map(|y| Day::new(y, PERIOD_START.0, PERIOD_START.1));
    let mut areas: Vec<Resolved> = Vec::new();
    let mut problems = Vec::new();
    for part in &parts {
        match at_period(table, part, day) {
            Ok(found) => {
                for area in found {
                    if !areas.iter().any(|a| a.authority == area.authority) {
                        areas.push(area);
                    }
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        // A joint partnership half resolved would be a wrong list: all or nothing.
        areas.clear();
    }
    for area in &areas {
        let a = &table.authorities[area.authority];
        if a.gss_code.is_none() {
            problems.push(format!("the reference table has no GSS code for {}: gss_code left null", a.name));
        }
        if a.dfe_code.is_none() {
            problems.push(format!("the reference table has no DfE code for {}: dfe_code left null", a.name));
        }
    }
    Resolution { key: Some(key), areas, problems }
}

/// The names of the table that cover the place, fewest first ("Cheshire West and Chester" is
/// one name, not "Cheshire West" and "Chester"); `None` when some words name nothing.
fn named_parts<'t>(table: &'t Table, place: &'t str) -> Option<Vec<NamedPart<'t>>> {
    let cuts = pieces(place);
    let groups = if cuts.len() > MAX_PIECES { vec![place] } else { fewest_names(table, place, &cuts)? };
    let mut parts = Vec::new();
    for printed in groups {
        match table.named(&normalise(printed))? {
            Named::Authorities(candidates) => parts.push(NamedPart { printed, candidates, joint: false }),
            Named::Joint(members) => {
                for member in members {
                    let Some(Named::Authorities(candidates)) = table.named(member) else { return None };
                    parts.push(NamedPart { printed, candidates, joint: true });
                }
            }
        }
    }
    Some(parts)
}

/// The place's text cut into the fewest runs of pieces that are each a name of the table; of
/// two cuts as short, the one whose first name is longer.
fn fewest_names<'p>(table: &Table, place: &'p str, cuts: &[(usize, usize)]) -> Option<Vec<&'p str>> {
    let n = cuts.len();
    // best[i]: the fewest names covering pieces i.., and where the first of them ends.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, n));
    for i in (0..n).rev() {
        for j in (i + 1..=n).rev() {
            let Some((after, _)) = best[j] else { continue };
            let text = &place[cuts[i].0..cuts[j - 1].1];
            if table.named(&normalise(text)).is_some() && best[i].is_none_or(|(count, _)| after + 1 < count) {
                best[i] = Some((after + 1, j));
            }
        }
    }
    let mut groups = Vec::new();
    let mut i = 0;
    while i < n {
        let (_, j) = best[i]?;
        groups.push(&place[cuts[i].0..cuts[j - 1].1]);
        i = j;
    }
    (!groups.is_empty()).then_some(groups)
}

/// The normal names of the authorities named, sorted and joined: the same before and after a
/// reorganisation, since it is made from the names, not from the authorities in office.
fn key_of(table: &Table, parts: &[NamedPart]) -> String {
    let mut names: Vec<String> = parts
        .iter()
        .map(|p| {
            let first = &table.authorities[p.candidates[0]].normal;
            let one_name = p.candidates.iter().all(|&c| &table.authorities[c].normal == first);
            if one_name {
                slug(first)
            } else {
                slug(&normalise(p.printed))
            }
        })
        .collect();
    names.sort();
    names.dedup();
    names.join(KEY_SEPARATOR)
}

/// The authority a name named on `day`, or its successors if it had gone by then.
fn at_period(table: &Table, part: &NamedPart, day: Option<Day>) -> Result<Vec<Resolved>, String> {
    let matched = if part.joint { AreaMatch::JointName } else { AreaMatch::Name };
    let named =
        |authority| Resolved { authority, named_as: part.printed.to_string(), matched, successor_of: None };
    let authorities = &table.authorities;
    let Some(day) = day else {
        return match part.candidates {
            [one] => Ok(vec![named(*one)]),
            several => Err(format!(
                "'{}' names {}; the document has no period to choose by: areas left empty",
                part.printed,
                describe_terms(table, several)
            )),
        };
    };
    let in_office: Vec<usize> =
        part.candidates.iter().copied().filter(|&c| authorities[c].in_office(day)).collect();
    match in_office[..] {
        [one] => return Ok(vec![named(one)]),
        [] => {}
        // The generator drops a name two authorities bear at once; a hand edit could add one.
        _ => return Err(format!("'{}' names {} at once", part.printed, describe_terms(table, &in_office))),
    }
    // The latest to go: candidates are in the table's order, earlier terms first.
    let gone = part.candidates.iter().rev().copied().find(|&c| authorities[c].end.is_some_and(|e| e < day));
    let Some(gone) = gone else {
        return Err(format!(
            "'{}' names {}, not yet in office on {day}, when the document's period starts: areas left \
             empty",
            part.printed,
            describe_terms(table, part.candidates)
        ));
    };
    let mut successors = Vec::new();
    successors_on(table, gone, day, 0, &mut successors);
    if successors.is_empty() {
        return Err(format!(
            "'{}': no successor of {} in office on {day}",
            part.printed, authorities[gone].name
        ));
    }
    Ok(successors
        .into_iter()
        .map(|authority| Resolved {
            authority,
            named_as: part.printed.to_string(),
            matched: AreaMatch::Successor,
            successor_of: Some(gone),
        })
        .collect())
}

fn successors_on(table: &Table, gone: usize, day: Day, depth: usize, out: &mut Vec<usize>) {
    for &s in &table.authorities[gone].replaced_by {
        if table.authorities[s].in_office(day) {
            if !out.contains(&s) {
                out.push(s);
            }
        } else if depth < MAX_SUCCESSION && table.authorities[s].end.is_some_and(|e| e < day) {
            successors_on(table, s, day, depth + 1, out);
        }
    }
}

/// "Dorset (until 2019-03-31), Dorset (from 2019-04-01)".
fn describe_terms(table: &Table, candidates: &[usize]) -> String {
    let terms: Vec<String> = candidates
        .iter()
        .map(|&c| {
            let a = &table.authorities[c];
            match (a.start, a.end) {
                (Some(s), Some(e)) => format!("{} ({s} to {e})", a.name),
                (Some(s), None) => format!("{} (from {s})", a.name),
                (None, Some(e)) => format!("{} (until {e})", a.name),
                (None, None) => a.name.clone(),
            }
        })
        .collect();
    terms.join(" and ")
}
