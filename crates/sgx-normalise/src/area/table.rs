//! The reference table, compiled in and parsed once per process: the English local
//! authorities with children's services, past and present (`data/local_authorities.csv`,
//! written by `scripts/make-la-table` from data-to-insight's and mySociety's tables), and the
//! joint-area names sgx knows (`data/joint_area_names.csv`, written by hand), with an index
//! from every normal name to the authorities and joint names it names.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::names::normalise;

const AUTHORITIES_CSV: &str = include_str!("../../data/local_authorities.csv");
const JOINT_NAMES_CSV: &str = include_str!("../../data/joint_area_names.csv");

/// Separator of the list cells of the table ("E06000061;E06000062").
const LIST_SEPARATOR: char = ';';

/// The parsed table, built on first use.
pub(crate) static TABLE: LazyLock<Table> =
    LazyLock::new(|| Table::parse(AUTHORITIES_CSV, JOINT_NAMES_CSV).expect("the compiled-in table parses"));

/// A day as yyyymmdd, so days compare as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day(pub(crate) u32);

impl Day {
    pub(crate) fn new(year: u32, month: u32, day: u32) -> Day {
        Day(year * 10_000 + month * 100 + day)
    }

    fn parse(iso: &str) -> Option<Day> {
        let mut parts = iso.split('-').map(|p| p.parse::<u32>().ok());
        match (parts.next()?, parts.next()?, parts.next()?, parts.next()) {
            (Some(y), Some(m), Some(d), None) => Some(Day::new(y, m, d)),
            _ => None,
        }
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0 / 10_000, self.0 / 100 % 100, self.0 % 100)
    }
}

/// One local authority of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Authority {
    pub(crate) name: String,
    /// The name's normal form (the key's part for this authority).
    pub(crate) normal: String,
    pub(crate) gss_code: Option<String>,
    pub(crate) dfe_code: Option<String>,
    pub(crate) region: String,
    /// First day in office, where a reorganisation of the table created it.
    pub(crate) start: Option<Day>,
    /// Last day in office, where it was abolished.
    pub(crate) end: Option<Day>,
    /// Indexes of its successors in [`Table::authorities`].
    pub(crate) replaced_by: Vec<usize>,
    pub(crate) former_gss_codes: Vec<String>,
}

impl Authority {
    pub(crate) fn in_office(&self, day: Day) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }
}

/// What a normal name names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Named {
    /// Authorities bearing the name, in the order they bore it (Dorset County Council, then
    /// Dorset Council): indexes into [`Table::authorities`].
    Authorities(Vec<usize>),
    /// A joint-area name ("LLR"): the normal names of its members, in the table's order.
    Joint(Vec<String>),
}

#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) authorities: Vec<Authority>,
    /// Every normal name (official and alternative) to what it names.
    index: BTreeMap<String, Named>,
}

/// A table that does not parse: a bug of `scripts/make-la-table` or of a hand edit.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum TableError {
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("line {line}: bad date '{date}'")]
    Date { line: u64, date: String },
    #[error("line {line}: successor {code} is not in the table")]
    Successor { line: u64, code: String },
    #[error("'{0}' is not in normal form (run scripts/make-la-table)")]
    NotNormal(String),
    #[error("joint name '{name}': member '{member}' is no name of the table")]
    Member { name: String, member: String },
    #[error("'{0}' is both a joint name and an authority's name")]
    JointClash(String),
}

#[derive(serde::Deserialize)]
struct AuthorityRow {
    name: String,
    gss_code: String,
    dfe_code: String,
    region: String,
    start: String,
    end: String,
    replaced_by: String,
    former_gss_codes: String,
    alt_names: String,
}

#[derive(serde::Deserialize)]
struct JointRow {
    name: String,
    members: String,
}

impl Table {
    pub(crate) fn parse(authorities_csv: &str, joint_csv: &str) -> Result<Table, TableError> {
        let mut rows = Vec::new();
        for (row, line) in read_rows::<AuthorityRow>(authorities_csv)? {
            rows.push((row, line));
        }
        let mut authorities = Vec::with_capacity(rows.len());
        let mut index: BTreeMap<String, Named> = BTreeMap::new();
        for (i, (row, line)) in rows.iter().enumerate() {
            let date = |s: &str| -> Result<Option<Day>, TableError> {
                if s.is_empty() {
                    return Ok(None);
                }
                Day::parse(s).map(Some).ok_or(TableError::Date { line: *line, date: s.into() })
            };
            let replaced_by = list(&row.replaced_by)
                .map(|code| {
                    rows.iter()
                        .position(|(r, _)| r.gss_code == code)
                        .ok_or(TableError::Successor { line: *line, code: code.into() })
                })
                .collect::<Result<_, _>>()?;
            let normal = normalise(&row.name);
            for name in std::iter::once(normal.as_str()).chain(list(&row.alt_names)) {
                if name != normal && normalise(name) != name {
                    return Err(TableError::NotNormal(name.into()));
                }
                match index.entry(name.to_string()).or_insert_with(|| Named::Authorities(Vec::new())) {
                    Named::Authorities(held) if !held.contains(&i) => held.push(i),
                    _ => {}
                }
            }
            authorities.push(Authority {
                name: row.name.clone(),
                normal,
                gss_code: non_empty(&row.gss_code),
                dfe_code: non_empty(&row.dfe_code),
                region: row.region.clone(),
                start: date(&row.start)?,
                end: date(&row.end)?,
                replaced_by,
                former_gss_codes: list(&row.former_gss_codes).map(str::to_string).collect(),
            });
        }
        // Authorities bearing one name in the order they held it: the matcher takes the last
        // gone as the one a later document names.
        for named in index.values_mut() {
            if let Named::Authorities(held) = named {
                held.sort_by_key(|&i| {
                    (authorities[i].start, authorities[i].end.is_none(), authorities[i].end)
                });
            }
        }
        for (row, _) in read_rows::<JointRow>(joint_csv)? {
            let normal = normalise(&row.name);
            let members: Vec<String> = list(&row.members).map(normalise).collect();
            if let Some(member) = members.iter().find(|m| !index.contains_key(*m)) {
                return Err(TableError::Member { name: row.name, member: member.clone() });
            }
            if index.contains_key(&normal) {
                return Err(TableError::JointClash(row.name));
            }
            index.insert(normal, Named::Joint(members));
        }
        Ok(Table { authorities, index })
    }

    /// What a normal name names; a name opening with "city of" is tried without it too ("City
    /// of Sunderland"), after itself ("City of London" is an authority's name).
    pub(crate) fn named(&self, normal: &str) -> Option<&Named> {
        self.index.get(normal).or_else(|| self.index.get(normal.strip_prefix("city of ")?))
    }
}

fn read_rows<T: serde::de::DeserializeOwned>(csv_text: &str) -> Result<Vec<(T, u64)>, TableError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    reader
        .deserialize::<T>()
        .map(|row| {
            row.map_err(|e| TableError::Csv {
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })
        })
        .enumerate()
        // The header is line 1.
        .map(|(i, row)| row.map(|r| (r, i as u64 + 2)))
        .collect()
}

fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(LIST_SEPARATOR).filter(|s| !s.is_empty())
}

fn non_empty(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "name,gss_code,dfe_code,region,start,end,replaced_by,former_gss_codes,alt_names\n";

    #[test]
    fn the_compiled_table_parses_with_every_authority_of_childrens_services() {
        let t = &*TABLE;
        let current = t.authorities.iter().filter(|a| a.end.is_none()).count();
        // England has 153 authorities with children's services since the 2023 reorganisations.
        assert_eq!(current, 153);
        for a in &t.authorities {
            assert!(a.dfe_code.as_ref().is_some_and(|c| c.len() == 3), "{}", a.name);
            assert!(a.gss_code.is_some() || a.end.is_some(), "{} is current without a GSS code", a.name);
            for &s in &a.replaced_by {
                assert!(t.authorities[s].start.is_some_and(|start| a.end.is_some_and(|e| e < start)));
            }
        }
    }

    #[test]
    fn one_name_names_authorities_one_after_the_other() {
        let t = &*TABLE;
        let Some(Named::Authorities(dorset)) = t.named("dorset") else { panic!("dorset") };
        let codes: Vec<_> = dorset.iter().map(|&i| t.authorities[i].dfe_code.as_deref().unwrap()).collect();
        assert_eq!(codes, ["835", "838"]);
        assert!(matches!(t.named("llr"), Some(Named::Joint(m)) if m.len() == 3));
        assert!(t.named("city of sunderland").is_some(), "'City of' tried without");
        assert!(t.named("london").is_none(), "London alone is no authority");
    }

    #[test]
    fn broken_tables_say_where() {
        let bad_date = format!("{HEADER}Northbridge,E0,1,R,2019-4,,,,\n");
        assert_eq!(
            Table::parse(&bad_date, "name,members\n").unwrap_err(),
            TableError::Date { line: 2, date: "2019-4".into() }
        );
        let lost = format!("{HEADER}Northbridge,E0,1,R,,2019-03-31,E9,,\n");
        assert!(matches!(Table::parse(&lost, "name,members\n"), Err(TableError::Successor { .. })));
        let raw = format!("{HEADER}Northbridge,E0,1,R,,,,,North Bridge Council\n");
        assert!(matches!(Table::parse(&raw, "name,members\n"), Err(TableError::NotNormal(_))));
        let ok = format!("{HEADER}Northbridge,E0,1,R,,,,,\n");
        let joint = "name,members\nNB and SM,Northbridge;Southmoor\n";
        assert!(matches!(Table::parse(&ok, joint), Err(TableError::Member { .. })));
    }
}
