//! Reading tables by their header words: the column roles the action and governance
//! recognisers share, repeated header rows, and where a row was read.
//!
//! One header vocabulary, read two ways. A "Subgroup" / "Lead group" column names the body
//! that leads a row: governance reads it as the subgroup column ([`ColumnRole::Subgroup`],
//! names of bodies), the action recogniser as the row's leads (which hold people and bodies).
//! A "Lead" / "Who" / "Responsible" column names people and bodies alike ([`ColumnRole::Lead`]).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Provenance, Row, Table};

use crate::util::clean;

/// "Subgroup", "Sub-group", "Sub group", "Lead subgroups".
pub const SUBGROUP_HEADER: &str = r"sub-?\s*groups?";

/// Who leads a row: "Lead", "Responsible", "Who", "Owner", "Accountable", "Team", "By whom".
pub const LEAD_HEADER: &str = r"\blead|responsib|\bwho\b|\bowner|accountab|\bteam\b|\bby\s+whom\b";

/// The roles governance reads a column in: bodies, leads, and a structure table's chair,
/// frequency and reporting line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    /// Names of bodies: "Subgroup", "Group", "Committee", "Board", "Forum".
    Subgroup,
    Lead,
    Chair,
    Meets,
    ReportsTo,
    Other,
}

/// The role a header names, checked in this order: a reporting line ("Reports to"), a chair
/// ("Chair", unless it names a body: "Chair of group"), a frequency, a body, a lead.
pub fn column_role(header: &str) -> ColumnRole {
    static BODY: LazyLock<Regex> = LazyLock::new(|| {
        let bodies = concat!(
            r"\bgroups?\b|committee|\bpanels?\b|\bboards?\b|\bforums?\b|\bnetworks?\b",
            r"|\bbod(?:y|ies)\b|enabling",
        );
        Regex::new(&format!(r"(?i){SUBGROUP_HEADER}|{bodies}")).unwrap()
    });
    static LEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("(?i){LEAD_HEADER}")).unwrap());
    static CHAIR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bchair").unwrap());
    static MEETS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)frequency|\bmeets?\b|\bmeetings?\b|how\s+often").unwrap());
    static REPORTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)reports?\s+(?:in)?to|accountable\s+to|reporting\s+(?:to|line)").unwrap()
    });
    if REPORTS.is_match(header) {
        ColumnRole::ReportsTo
    } else if CHAIR.is_match(header) && !BODY.is_match(header) {
        ColumnRole::Chair
    } else if MEETS.is_match(header) {
        ColumnRole::Meets
    } else if BODY.is_match(header) {
        ColumnRole::Subgroup
    } else if LEAD.is_match(header) {
        ColumnRole::Lead
    } else {
        ColumnRole::Other
    }
}

/// The role of each column (by grid column), from the words of header row `header`.
pub fn column_roles(t: &Table, header: usize) -> BTreeMap<usize, ColumnRole> {
    let row = t.rows.get(header);
    row.into_iter().flat_map(|r| &r.cells).map(|c| (c.col, column_role(&c.text()))).collect()
}

/// `row` repeats the header row (a table broken over pages prints its header again): the
/// same non-empty cell texts, ignoring case, markup and spacing.
pub fn is_header_copy(row: &Row, header: &Row) -> bool {
    let key = |r: &Row| {
        r.cells.iter().map(|c| clean(&c.text()).to_lowercase()).filter(|s| !s.is_empty()).collect::<Vec<_>>()
    };
    key(header) == key(row)
}

/// Where a row was read: each part of the row's own provenance, else the table's.
pub fn row_provenance(row: &Provenance, table: &Provenance) -> Provenance {
    Provenance {
        page: row.page.or(table.page),
        lines: row.lines.or(table.lines),
        bbox: row.bbox.or(table.bbox),
        path: row.path.clone().or_else(|| table.path.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_roles() {
        assert_eq!(column_role("Reports to"), ColumnRole::ReportsTo);
        assert_eq!(column_role("Chair"), ColumnRole::Chair);
        assert_eq!(column_role("Chair of group"), ColumnRole::Subgroup);
        assert_eq!(column_role("How often"), ColumnRole::Meets);
        assert_eq!(column_role("Lead subgroup"), ColumnRole::Subgroup);
        assert_eq!(column_role("Sub group"), ColumnRole::Subgroup);
        assert_eq!(column_role("Who will lead"), ColumnRole::Lead);
        assert_eq!(column_role("Action"), ColumnRole::Other);
    }

    #[test]
    fn row_provenance_falls_back_part_by_part() {
        let table = Provenance { page: Some(3), path: Some("table[1]".into()), ..Provenance::default() };
        let row = Provenance { path: Some("table[1]/tr[2]".into()), ..Provenance::default() };
        let p = row_provenance(&row, &table);
        assert_eq!((p.page, p.path.as_deref()), (Some(3), Some("table[1]/tr[2]")));
    }
}
