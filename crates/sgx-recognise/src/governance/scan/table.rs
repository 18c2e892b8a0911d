//! Tables: subgroup, lead and structure-table columns, and the rows of action tables.

use sgx_ir::Table;
use sgx_model::Evidence;

use super::Scan;
use crate::actions::ActionTables;
use crate::governance::fact::{Fact, FactKind, Fallback};
use crate::governance::mention::{Kind, Source};
use crate::governance::names::{cell_spans, prose_spans};
use crate::governance::phrases::FREQ_RE;
use crate::governance::unit::Unit;
use crate::table_roles::{column_roles, is_header_copy, ColumnRole};
use crate::util::{clean, evidence};

/// A structure table's frequency cell without a recognised frequency is kept as printed when
/// it has at most this many words ("Six weekly", "As required").
const FREQUENCY_CELL_WORDS: usize = 5;

impl Scan<'_> {
    // ----- tables ---------------------------------------------------------------------------

    /// A table's cells. In action tables (read through [`ActionTables`]) only the subgroup
    /// column is read here; elsewhere every cell, with its column's role.
    pub(super) fn table(&mut self, t: &Table, block: usize, action_table: bool) {
        let header = t.rows.iter().position(|r| r.header).unwrap_or(0);
        let roles = column_roles(t, header);
        for (r, row) in t.rows.iter().enumerate() {
            let repeated = t.rows.get(header).is_some_and(|h| is_header_copy(row, h));
            if r == header || row.header || repeated {
                continue;
            }
            let mut units: Vec<(Unit, ColumnRole)> = Vec::new();
            let mut leads = Vec::new();
            let mut tasks = Vec::new();
            let mut listed = Vec::new();
            let mut stated = Vec::new();
            for cell in &row.cells {
                let role = roles.get(&cell.col).copied().unwrap_or(ColumnRole::Other);
                if action_table && role != ColumnRole::Subgroup {
                    continue;
                }
                let ev = evidence(block, cell.prov.as_ref().unwrap_or(&row.prov));
                if let Some(fact) = self.stated_cell(&cell.text(), role, ev.clone(), (block, r)) {
                    stated.push(fact);
                    continue;
                }
                for para in &cell.paras {
                    let (unit, ids) = self.cell(&para.text.text, role, ev.clone(), (block, r));
                    match role {
                        ColumnRole::Other => tasks.extend(ids),
                        ColumnRole::Subgroup => {
                            listed.extend(ids.iter().copied());
                            leads.extend(ids)
                        }
                        _ => leads.extend(ids),
                    }
                    units.push((unit, role));
                }
            }
            // A structure table: the row's body has the chair, frequency, line stated beside it.
            let subject = listed.iter().copied().find(|&m| self.mentions[m].kind == Kind::Body);
            for (kind, value, target) in stated {
                if let Some(subject) = subject {
                    let fact = Fact::about(kind, value, subject, target);
                    self.facts.push(fact);
                }
            }
            let fallback = Fallback::Row { leads, tasks };
            for (unit, role) in &units {
                if *role == ColumnRole::Other {
                    self.facts_of(unit, &fallback, false);
                    self.cell_to(unit, &fallback);
                }
            }
        }
    }

    /// The value of a structure table's chair, frequency or reporting cell.
    pub(super) fn stated_cell(
        &mut self,
        text: &str,
        role: ColumnRole,
        ev: Evidence,
        order: (usize, usize),
    ) -> Option<(FactKind, String, Option<usize>)> {
        let value = clean(text);
        if value.is_empty() {
            return None;
        }
        match role {
            ColumnRole::Chair => Some((FactKind::Chair, value, None)),
            ColumnRole::Meets => {
                let freq = FREQ_RE.find(&value).map(|m| m.as_str().to_string());
                let short = value.split_whitespace().count() <= FREQUENCY_CELL_WORDS;
                freq.or(short.then_some(value)).map(|v| (FactKind::Meets, v, None))
            }
            ColumnRole::ReportsTo => {
                let (_, ids) = self.cell(&value, ColumnRole::Other, ev, order);
                ids.first().map(|&t| (FactKind::ReportsTo, String::new(), Some(t)))
            }
            _ => None,
        }
    }

    /// Register the names of one cell paragraph; returns the unit and its mentions' ids.
    pub(super) fn cell(
        &mut self,
        text: &str,
        role: ColumnRole,
        ev: Evidence,
        order: (usize, usize),
    ) -> (Unit, Vec<usize>) {
        let mut unit = Unit::new(text, true);
        let (spans, source) = match role {
            ColumnRole::Subgroup => (cell_spans(&unit, true), Source::Column),
            ColumnRole::Lead => (cell_spans(&unit, false), Source::Lead),
            _ => (prose_spans(&unit), Source::Prose),
        };
        let ids =
            spans.iter().filter_map(|s| self.register(&mut unit, s, source, ev.clone(), order)).collect();
        (unit, ids)
    }

    /// The rows of the action tables: names from the lead cells, facts from tasks and
    /// measures ("Practice QA subgroup report to PBG", "Report to PBG" under a lead body).
    pub(super) fn action_rows(&mut self, actions: &ActionTables) {
        for (n, a) in actions.actions.iter().enumerate() {
            let order = (a.evidence.block, n);
            let mut leads = Vec::new();
            for lead in &a.leads {
                leads.extend(self.cell(lead, ColumnRole::Lead, a.evidence.clone(), order).1);
            }
            let mut units = Vec::new();
            let mut tasks = Vec::new();
            for task in &a.tasks {
                let (unit, ids) = self.cell(task, ColumnRole::Other, a.evidence.clone(), order);
                tasks.extend(ids);
                units.push(unit);
            }
            for measure in &a.measures {
                units.push(self.cell(measure, ColumnRole::Other, a.evidence.clone(), order).0);
            }
            let fallback = Fallback::Row { leads, tasks };
            for unit in &units {
                self.facts_of(unit, &fallback, false);
                self.cell_to(unit, &fallback);
            }
        }
    }
}
