//! Actions: the rows of action / work / delivery-plan tables, with the band rows and section
//! headings that group them.
//!
//! **Sources, strongest first.** A table whose header row (within its first
//! [`HEADER_SEARCH_ROWS`] rows) names at least three of the genre's column roles (objective,
//! task, lead, measure, timescale, progress, RAG); a headerless table right after one, with
//! as many columns, continues it. Physical rows are assembled into logical rows: blank
//! objective cells inherit the objective above, "(continued)" rows rejoin their objective, a
//! row with no task and no lead of its own only carries more text for the row above, ditto
//! marks repeat the lead above, and a full-width band row (or an underlined heading inside
//! the objective cell) opens a section.
//!
//! **Vocabulary.** Header words per role (here and, for leads, [`crate::table_roles`]);
//! band labels ("Priority 2:", "Theme IV"); month names and RAG values.
//!
//! **Known limits.** Reads no upstream facts. Warns (and flags the row) where columns look
//! run together; a table without a recognisable header is not read.

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Block, Cell, CellPara, Row, Style, Table, Warning, WarningKind};
use sgx_model::{Action, Evidence, Timescale};

pub use crate::found::{ActionTables, Section};
use crate::found::{Found, Upstream};
use crate::table_roles::{is_header_copy, row_provenance, LEAD_HEADER, SUBGROUP_HEADER};
use crate::util::{clean, evidence, provenance_of, split_names, Context};
use crate::vocab::{month_abbreviations, month_number, number_words_from};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Ref,
    Objective,
    Task,
    Lead,
    Measure,
    Timescale,
    Progress,
    Rag,
}

/// Header vocabulary. Checked in this order: the first exclusive role that matches wins
/// ("How will we know…" is a measure, "When are we going to achieve this?" a timescale);
/// objective and task may both match one column ("Strategic intent and actions").
static EXCLUSIVE: LazyLock<Vec<(Role, Regex)>> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(&format!(r"(?i){p}")).unwrap();
    vec![
        (Role::Rag, r(r"\brag\b|\bred\s*/\s*amber|\brating\b")),
        (Role::Progress, r(r"\bprogress\b|\bupdate\b|\bstatus\b|\bcomments?\b")),
        (
            Role::Timescale,
            r(concat!(
                r"\bwhen\b|timescale|time\s*scale|time\s*frame|\bdeadline|\bdates?\b|\bby\s+when\b",
                r"|completion|^\s*(by|due)\s*$",
            )),
        ),
        (
            Role::Measure,
            r(concat!(
                r"measur|indicator|\bkpis?\b|how\s+will\s+we\s+know|success\s+criteria|\bevidence\b",
                r"|what\s+difference|impact|\boutputs?\b|\btargets?\b",
            )),
        ),
        // Who leads, or the subgroup that does (see `table_roles`).
        (Role::Lead, r(&format!("{LEAD_HEADER}|{SUBGROUP_HEADER}"))),
        (Role::Ref, r(r"^\s*(no\.?|ref\.?|number|#|item|id)\s*$")),
    ]
});
static OBJECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)objective|what\s+(do\s+)?we\s+want|want\s+to\s+achieve|strategic\s+intent|\boutcomes?\b",
        r"|\baims?\b|\bgoals?\b|priority|\btheme\b|area\s+of\s+focus|issue",
    ))
    .unwrap()
});
static TASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\btasks?\b|\bactions?\b|\bhow\b|what\s+(we\s+)?will\s+(we\s+)?do|\bactivit|\bsteps\b",
        r"|what\s+needs\s+to\s+happen",
    ))
    .unwrap()
});

fn roles_of(header: &str) -> Vec<Role> {
    let h = clean(header);
    if h.is_empty() {
        return Vec::new();
    }
    if let Some((role, _)) = EXCLUSIVE.iter().find(|(_, re)| re.is_match(&h)) {
        return vec![*role];
    }
    let mut roles = Vec::new();
    if OBJECTIVE.is_match(&h) {
        roles.push(Role::Objective);
    }
    if TASK.is_match(&h) {
        roles.push(Role::Task);
    }
    roles
}

/// How many leading rows may hold an action table's header (titles and notes come first).
const HEADER_SEARCH_ROWS: usize = 4;

/// The column roles of a table, from the first row that reads as an action-table header.
struct Columns {
    header_row: usize,
    roles: Vec<Vec<Role>>,
}

impl Columns {
    fn find(table: &Table) -> Option<Columns> {
        let grid = table.text_grid();
        for (r, row) in grid.iter().enumerate().take(HEADER_SEARCH_ROWS) {
            let roles: Vec<Vec<Role>> = row.iter().map(|h| roles_of(h)).collect();
            let distinct: std::collections::BTreeSet<_> = roles.iter().flatten().collect();
            let core = distinct.contains(&&Role::Task) || distinct.contains(&&Role::Objective);
            let support =
                [Role::Lead, Role::Timescale, Role::Measure].iter().filter(|x| distinct.contains(x)).count();
            if distinct.len() >= 3 && core && support >= 1 {
                return Some(Columns { header_row: r, roles }.settle());
            }
        }
        None
    }

    /// With two task-like columns and no objective column ("What we will do | How"), the
    /// leftmost states the objective and the next one the tasks.
    fn settle(mut self) -> Self {
        let tasks = self.cols(Role::Task);
        if !self.has(Role::Objective) && tasks.len() >= 2 {
            self.roles[tasks[0]] = vec![Role::Objective];
        }
        self
    }

    fn cols(&self, role: Role) -> Vec<usize> {
        self.roles.iter().enumerate().filter(|(_, r)| r.contains(&role)).map(|(c, _)| c).collect()
    }

    fn has(&self, role: Role) -> bool {
        self.roles.iter().any(|r| r.contains(&role))
    }
}

static LEADING_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{1,3}(?:\.\d{1,2})?)[.):]?(\s+|$)").unwrap());
static CONTINUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(\d{1,3})?[.)]?\s*\(?\s*(cont(inued|'d|d)?\.?)\s*\)?\s*$").unwrap()
});
static DITTO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"^[\s"“”'‘’„″]+$"#).unwrap());
static TRAILING_DITTO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s+["“”]\s*["“”]\s*$"#).unwrap());
/// "Priority 2:", "Strategic aim three –": a band row's label.
static BAND_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let label = r"(priority|theme|objective|outcome|strategic\s+(priority|aim|objective)|aim|area)";
    let words = number_words_from(1);
    Regex::new(&format!(r"(?i)^\s*{label}\s*(\d+|[ivx]+|{words})?\s*[:.\-–]")).unwrap()
});
/// The number a band row opens with ("2.", "Theme IV:", "Aim three –").
static BAND_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let label = r"(?:(?:priority|theme|objective|outcome|aim|area)\s*)?";
    let words = number_words_from(1);
    Regex::new(&format!(r"(?i)^\s*{label}(\d{{1,2}}|[ivx]{{1,4}}|{words})\s*[:.)\-–]\s*")).unwrap()
});

/// The running state of one action table (kept across a table split in two blocks).
#[derive(Default)]
struct Assembly {
    objective: Option<String>,
    objective_ref: Option<String>,
    section: Option<String>,
    section_ref: Option<String>,
    last_leads: Vec<String>,
}

pub(crate) fn recognise(ctx: &Context, _upstream: &Upstream) -> Found<ActionTables> {
    let mut out = ActionTables::default();
    let mut warnings = Vec::new();
    // (columns, n_cols, state) of the last action table, so that a headerless table right
    // after it (the same table continued past a page or section break) is read the same way.
    let mut open: Option<(Columns, usize, Assembly)> = None;
    for (i, block) in ctx.blocks() {
        let Some(table) = block.as_table() else {
            // Prose between two parts of a table ends it; a heading does too.
            if !matches!(block.kind, sgx_ir::BlockKind::List { .. }) {
                open = None;
            }
            continue;
        };
        // (columns, state, first data row)
        let (columns, mut state, start) = match Columns::find(table) {
            Some(c) => {
                let start = c.header_row + 1;
                (c, Assembly::default(), start)
            }
            None => match open.take() {
                Some((c, n, state)) if n == table.n_cols() => {
                    (Columns { header_row: 0, roles: c.roles }, state, 0)
                }
                _ => continue,
            },
        };
        out.tables.push(i);
        let header_row = columns.header_row;
        for row in table.rows.iter().skip(start) {
            if row.header || table.rows.get(header_row).is_some_and(|h| is_header_copy(row, h)) {
                continue;
            }
            read_row(i, block, row, &columns, &mut state, &mut out, &mut warnings);
        }
        open = Some((columns, table.n_cols(), state));
    }
    Found { facts: out, warnings }
}

/// Text of the cells of a row in the given columns, paragraph by paragraph.
fn paras<'r>(row: &'r Row, cols: &[usize]) -> Vec<&'r CellPara> {
    cols.iter()
        .filter_map(|&c| row.cells.iter().find(|cell| cell.col == c))
        .flat_map(|cell| cell.paras.iter())
        .filter(|p| !clean(&p.text.text).is_empty())
        .collect()
}

fn cell_text(row: &Row, cols: &[usize]) -> String {
    clean(&paras(row, cols).iter().map(|p| p.text.text.as_str()).collect::<Vec<_>>().join(" "))
}

/// A shaded cell's colour in the columns (white is no shading).
fn cell_fill(row: &Row, cols: &[usize]) -> Option<String> {
    cols.iter()
        .filter_map(|&c| row.cells.iter().find(|cell| cell.col == c))
        .filter_map(|cell| cell.fill.as_ref())
        .find(|fill| !fill.eq_ignore_ascii_case(WHITE))
        .cloned()
}

/// A fill that is no shading.
const WHITE: &str = "#ffffff";

/// One physical row of an action table, in named steps: a band row opens a section; else the
/// objective cell and reference are read, then the row's cells, and the row either continues
/// the row above or becomes an action.
fn read_row(
    block_idx: usize,
    block: &Block,
    row: &Row,
    columns: &Columns,
    st: &mut Assembly,
    out: &mut ActionTables,
    warnings: &mut Vec<Warning>,
) {
    let filled: Vec<&Cell> = row.cells.iter().filter(|c| !c.is_empty()).collect();
    if filled.is_empty() {
        return;
    }
    let ev = evidence(block_idx, &row_provenance(&row.prov, &block.prov));
    if is_band_row(&filled, columns) {
        open_section(&filled[0].text(), ev, st, out);
        return;
    }
    let obj_cols = columns.cols(Role::Objective);
    let task_cols = columns.cols(Role::Task);
    let task_is_objective = !task_cols.is_empty() && task_cols.iter().all(|c| obj_cols.contains(c));
    let mut objective = objective_cell(row, &obj_cols, &ev, st, out);
    row_ref(row, columns, task_is_objective, &mut objective, st);
    let cells = RowCells::read(row, columns, &task_cols, task_is_objective, &objective, st);
    let new_objective = record_objective(&objective, task_is_objective, st);
    let has_own_lead = !cells.leads.is_empty() && !is_ditto_only(row, &columns.cols(Role::Lead));
    let starts_row = !cells.tasks.is_empty() || (new_objective && !objective.continued) || has_own_lead;
    if !starts_row {
        if let Some(last) = out.actions.last_mut() {
            continue_row_above(last, cells, &ev);
            return;
        }
    }
    if let Some(warning) = emit_action(cells, obj_cols.is_empty(), task_is_objective, ev, st, out) {
        warnings.push(warning);
    }
}

/// A band: one filled cell in the first column across a table that has more columns.
fn is_band_row(filled: &[&Cell], columns: &Columns) -> bool {
    filled.len() == 1 && filled[0].col == 0 && columns.roles.len() > 2 && is_band(filled[0], columns)
}

/// What the objective cell says.
struct Objective {
    text: String,
    /// "(continued)": the row goes on with an objective above.
    continued: bool,
    /// The row's reference ("4." before the objective, or the reference column).
    row_ref: Option<String>,
}

/// The objective cell: leading emphasised paragraphs are section headings, "(continued)"
/// points back to an earlier objective.
fn objective_cell(
    row: &Row,
    obj_cols: &[usize],
    ev: &Evidence,
    st: &mut Assembly,
    out: &mut ActionTables,
) -> Objective {
    let obj_paras = paras(row, obj_cols);
    let mut obj_text = Vec::new();
    for (k, p) in obj_paras.iter().enumerate() {
        let t = clean(&p.text.text);
        let emphasised = p.text.is_all(Style::Underline) || p.text.is_all(Style::Bold);
        if obj_text.is_empty() && k + 1 < obj_paras.len() && emphasised && !LEADING_REF.is_match(&t) {
            open_section(&t, ev.clone(), st, out);
            continue;
        }
        obj_text.push(t);
    }
    let mut text = clean(&obj_text.join(" "));
    let mut continued = false;
    if let Some(c) = CONTINUED.captures(&text) {
        continued = true;
        if let Some(n) = c.get(1) {
            st.objective_ref = Some(n.as_str().to_string());
        }
        text.clear();
    }
    Objective { text, continued, row_ref: None }
}

/// The row's reference: a number leading the objective (where no column holds references
/// and the objective is not also the task), or the reference column.
fn row_ref(row: &Row, columns: &Columns, task_is_objective: bool, obj: &mut Objective, st: &mut Assembly) {
    if !columns.has(Role::Ref) && !task_is_objective {
        if let Some(c) = LEADING_REF.captures(&obj.text) {
            obj.row_ref = Some(c[1].to_string());
            obj.text = obj.text[c.get(0).unwrap().end()..].trim().to_string();
        }
    }
    let ref_cell = cell_text(row, &columns.cols(Role::Ref));
    let ref_cell = ref_cell.trim_end_matches('.').to_string();
    if let Some(c) = CONTINUED.captures(&ref_cell) {
        obj.continued = true;
        if let Some(n) = c.get(1) {
            st.objective_ref = Some(n.as_str().to_string());
        }
    } else if !ref_cell.is_empty() {
        obj.row_ref = Some(ref_cell);
    }
}

/// A new objective (or reference) replaces the one rows inherit; returns whether there was one.
fn record_objective(obj: &Objective, task_is_objective: bool, st: &mut Assembly) -> bool {
    if !obj.text.is_empty() {
        st.objective = Some(obj.text.clone());
        st.objective_ref =
            obj.row_ref.clone().or_else(|| if task_is_objective { st.section_ref.clone() } else { None });
        true
    } else if let Some(r) = obj.row_ref.clone() {
        st.objective_ref = Some(r);
        true
    } else {
        false
    }
}

/// The text of a row's cells, by role.
struct RowCells {
    tasks: Vec<String>,
    leads: Vec<String>,
    measures: Vec<String>,
    timescale: String,
    progress: String,
    rag: String,
    rag_fill: Option<String>,
}

impl RowCells {
    fn read(
        row: &Row,
        columns: &Columns,
        task_cols: &[usize],
        task_is_objective: bool,
        obj: &Objective,
        st: &Assembly,
    ) -> RowCells {
        let tasks: Vec<String> = if task_is_objective {
            if obj.text.is_empty() {
                Vec::new()
            } else {
                vec![obj.text.clone()]
            }
        } else {
            paras(row, task_cols).iter().map(|p| clean(&p.text.text)).filter(|t| !t.is_empty()).collect()
        };
        RowCells {
            tasks,
            leads: leads_of(row, &columns.cols(Role::Lead), &st.last_leads),
            measures: paras(row, &columns.cols(Role::Measure))
                .iter()
                .flat_map(|p| split_sentences(&clean(&p.text.text)))
                .collect(),
            timescale: cell_text(row, &columns.cols(Role::Timescale)),
            progress: cell_text(row, &columns.cols(Role::Progress)),
            rag: cell_text(row, &columns.cols(Role::Rag)),
            rag_fill: cell_fill(row, &columns.cols(Role::Rag))
                .or_else(|| cell_fill(row, &columns.cols(Role::Progress))),
        }
    }
}

/// More text for the row above (a row broken by a page break).
fn continue_row_above(last: &mut Action, cells: RowCells, ev: &Evidence) {
    for l in cells.leads {
        push_unique(&mut last.leads, l);
    }
    last.measures.extend(cells.measures);
    append_timescale(&mut last.timescale, &cells.timescale);
    append_opt(&mut last.progress, &cells.progress);
    append_opt(&mut last.rag, &cells.rag);
    if last.rag_fill.is_none() {
        last.rag_fill = cells.rag_fill;
    }
    if let (Some(a), Some(b)) = (&mut last.evidence.lines, ev.lines) {
        a[1] = a[1].max(b[1]);
    }
}

/// The row as an action under the objective and section it inherits, flagged (with a
/// warning) where its columns look run together. An objective on its own emits nothing: the
/// rows below carry its actions.
fn emit_action(
    cells: RowCells,
    no_objective_column: bool,
    task_is_objective: bool,
    ev: Evidence,
    st: &mut Assembly,
    out: &mut ActionTables,
) -> Option<Warning> {
    let RowCells { tasks, leads, measures, timescale, progress, rag, rag_fill } = cells;
    if tasks.is_empty() && leads.is_empty() && measures.is_empty() && timescale.is_empty() {
        return None;
    }
    let tasks = if tasks.is_empty() && task_is_objective {
        st.objective.clone().into_iter().collect()
    } else {
        tasks
    };
    if !leads.is_empty() {
        st.last_leads = leads.clone();
    }
    let garbled = looks_garbled(&[
        &tasks.join(" "),
        &leads.join(" "),
        &measures.join(" "),
        &st.objective.clone().unwrap_or_default(),
    ]) || (!rag.is_empty() && !RAG_VALUE.is_match(&rag))
        || leads.iter().chain(&measures).chain(&tasks).any(|t| only_dates(t));
    let warning = garbled.then(|| {
        let message = "action row looks garbled: kept and flagged";
        Warning::at(WarningKind::Garbled, provenance_of(&ev), message)
    });
    // Status, themes and lead parts are the normaliser's, which reads the whole model.
    out.actions.push(Action {
        objective_ref: st.objective_ref.clone().or_else(|| st.section_ref.clone()),
        objective: st
            .objective
            .clone()
            .or_else(|| if no_objective_column { st.section.clone() } else { None }),
        section: st.section.clone(),
        tasks,
        leads,
        measures,
        timescale: (!timescale.is_empty()).then(|| timescale_of(&timescale)),
        progress: (!progress.is_empty()).then_some(progress),
        rag: (!rag.is_empty()).then_some(rag),
        rag_fill,
        garbled,
        ..Action::new(ev)
    });
    warning
}

/// A band row heads the rows under it: emphasised, labelled ("Priority 2:") or numbered.
fn is_band(cell: &Cell, columns: &Columns) -> bool {
    let text = cell.text();
    let first = cell.paras.first();
    let emphasised = first.is_some_and(|p| p.text.is_all(Style::Bold) || p.text.is_all(Style::Underline));
    emphasised
        || BAND_LABEL.is_match(&text)
        || cell.colspan as usize >= columns.roles.len().saturating_sub(1).max(2)
}

fn open_section(text: &str, ev: Evidence, st: &mut Assembly, out: &mut ActionTables) {
    let title_raw = clean(text);
    let (number, title) = match BAND_NUMBER.captures(&title_raw) {
        Some(c) => (crate::util::any_number(&c[1]), clean(&title_raw[c.get(0).unwrap().end()..])),
        None => (None, title_raw.clone()),
    };
    if title.is_empty() {
        return;
    }
    st.section = Some(title.clone());
    st.section_ref = number.map(|n| n.to_string());
    st.objective = None;
    st.objective_ref = None;
    out.sections.push(Section { number, title, evidence: ev });
}

fn is_ditto_only(row: &Row, cols: &[usize]) -> bool {
    let ps = paras(row, cols);
    !ps.is_empty() && ps.iter().all(|p| DITTO.is_match(&p.text.text))
}

fn leads_of(row: &Row, cols: &[usize], above: &[String]) -> Vec<String> {
    let mut leads = Vec::new();
    for p in paras(row, cols) {
        let t = p.text.text.trim();
        if DITTO.is_match(t) {
            for l in above {
                push_unique(&mut leads, l.clone());
            }
            continue;
        }
        let had_ditto = TRAILING_DITTO.is_match(t);
        let t = TRAILING_DITTO.replace(t, "");
        for l in split_names(&clean(&t)) {
            push_unique(&mut leads, l);
        }
        if had_ditto && leads.is_empty() {
            for l in above {
                push_unique(&mut leads, l.clone());
            }
        }
    }
    leads
}

fn lead_key(s: &str) -> String {
    s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.iter().any(|x| lead_key(x) == lead_key(&s)) {
        v.push(s);
    }
}

/// Split a measure cell paragraph at sentence ends ("Audit done. Report made.").
fn split_sentences(s: &str) -> Vec<String> {
    static END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[.!?]\s+[A-Z0-9]").unwrap());
    let mut out = Vec::new();
    let mut start = 0;
    for m in END.find_iter(s) {
        let end = m.start() + 1;
        // Keep abbreviations ("D.V. Group", "P.O.") together: the word before the stop is long.
        let word_before = s[start..end].split_whitespace().last().unwrap_or("");
        if word_before.trim_end_matches('.').chars().filter(|c| c.is_alphabetic()).count() < 3
            || word_before.matches('.').count() > 1
        {
            continue;
        }
        out.push(s[start..end].trim().to_string());
        start = m.end() - 1;
    }
    let rest = s[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

fn append_timescale(t: &mut Option<Timescale>, more: &str) {
    if more.is_empty() {
        return;
    }
    let raw = match t.take() {
        Some(old) => format!("{} {}", old.raw, more),
        None => more.to_string(),
    };
    *t = Some(timescale_of(&raw));
}

fn append_opt(t: &mut Option<String>, more: &str) {
    if more.is_empty() {
        return;
    }
    *t = Some(match t.take() {
        Some(old) => format!("{old} {more}"),
        None => more.to_string(),
    });
}

/// "May 2011", "Sept. '09", or a year alone.
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let months = month_abbreviations();
    Regex::new(&format!(r"(?i)\b({months})[a-z]*\.?\s*(?:'|’)?\s*(\d{{4}}|\d{{2}})\b|\b((?:19|20)\d{{2}})\b"))
        .unwrap()
});

/// Two-digit years up to this one are 20xx, later ones 19xx: the genre's documents date from
/// the 2000s on, so "May '98" is 1998 (a review of earlier work), never 2098.
const LAST_TWO_DIGIT_21ST_CENTURY_YEAR: i32 = 50;

/// The year a printed year stands for: "09" → 2009, "98" → 1998, "2011" → 2011.
fn full_year(y: i32) -> i32 {
    match y {
        0..=LAST_TWO_DIGIT_21ST_CENTURY_YEAR => 2000 + y,
        100.. => y,
        _ => 1900 + y,
    }
}

/// The raw timescale and the month-precision dates it names.
pub fn timescale_of(raw: &str) -> Timescale {
    let mut dates = Vec::new();
    for c in MONTH_YEAR.captures_iter(raw) {
        if let (Some(m), Some(y)) = (c.get(1), c.get(2)) {
            let month = month_number(m.as_str()).unwrap_or(1);
            let year = full_year(y.as_str().parse().unwrap_or(0));
            dates.push(format!("{year:04}-{month:02}"));
        } else if let Some(y) = c.get(3) {
            dates.push(y.as_str().to_string());
        }
    }
    Timescale::new(raw.to_string(), dates)
}

/// What a RAG cell holds; anything else there means the row's columns ran into each other.
static RAG_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    let value = r"r|a|g|b|red|amber|green|blue|complete[d]?|on\s+track|off\s+track|not\s+started|n/?a|-|–";
    Regex::new(&format!(r"(?i)^\s*(({value})\s*[/,&]?\s*)+$")).unwrap()
});

/// A cell of dates alone outside the timescale column: the columns ran into each other.
fn only_dates(s: &str) -> bool {
    static DATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
        let months = month_abbreviations();
        Regex::new(&format!(r"(?i)^({months})[a-z]*\.?$|^['’]?\d{{2,4}}$|^(by|to|and|from|until|-|–)$"))
            .unwrap()
    });
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() >= 2 && words.iter().all(|w| DATE_WORD.is_match(w.trim_matches(',')))
}

/// Letters outside Latin (ASCII and Latin-1 to Latin Extended-B) from which a text counts as
/// mangled by a converter.
const GARBLED_FOREIGN_LETTERS: usize = 5;

/// Text a converter mangled: a run of letters from another script.
fn looks_garbled(texts: &[&str]) -> bool {
    texts.iter().any(|t| {
        let foreign = t
            .chars()
            .filter(|c| c.is_alphabetic() && !c.is_ascii() && !matches!(*c as u32, 0xC0..=0x24F))
            .count();
        foreign >= GARBLED_FOREIGN_LETTERS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(text: &str) -> ActionTables {
        let doc = sgx_read::read(text.as_bytes(), "t.txt").unwrap();
        recognise(&Context::new(&doc), &Upstream::default()).facts
    }

    #[test]
    fn header_roles_from_genre_vocabulary() {
        assert_eq!(roles_of("How will we know we have achieved our goal?"), vec![Role::Measure]);
        assert_eq!(roles_of("When are we going to achieve this?"), vec![Role::Timescale]);
        assert_eq!(roles_of("Strategic Intent and Actions"), vec![Role::Objective, Role::Task]);
        assert_eq!(roles_of("Who will lead?"), vec![Role::Lead]);
        assert_eq!(roles_of("No."), vec![Role::Ref]);
    }

    #[test]
    fn two_digit_years_in_the_genre_span() {
        assert_eq!(timescale_of("May '98").dates, vec!["1998-05"]);
        assert_eq!(timescale_of("Sept 09 to March 2011").dates, vec!["2009-09", "2011-03"]);
    }

    #[test]
    fn a_subgroup_column_holds_the_leads() {
        assert_eq!(roles_of("Lead subgroup"), vec![Role::Lead]);
        assert_eq!(roles_of("Sub group"), vec![Role::Lead]);
    }

    #[test]
    fn rows_inherit_objective_and_ditto_leads() {
        let t = extract(
            "Objective\tAction\tLead Officer\tTarget Date\n\
             4. Keep records well\tAudit files\tData Lead\tMay 2011\n\
             \tTrain staff\t\" \"\tJune 2011\n",
        );
        assert_eq!(t.actions.len(), 2);
        assert_eq!(t.actions[1].objective.as_deref(), Some("Keep records well"));
        assert_eq!(t.actions[1].objective_ref.as_deref(), Some("4"));
        assert_eq!(t.actions[1].leads, vec!["Data Lead"]);
        assert_eq!(t.actions[1].timescale.as_ref().unwrap().dates, vec!["2011-06"]);
    }

    #[test]
    fn row_without_task_or_lead_continues_the_row_above() {
        let t = extract(
            "Objective\tAction\tLead\tMeasure\tWhen\n\
             1. Safer recruitment\tRun checks\tHR Manager\tChecks done\tMay '09\n\
             Objective\tAction\tLead\tMeasure\tWhen\n\
             1 (continued)\t\t\tAudit held\tJuly '09\n",
        );
        assert_eq!(t.actions.len(), 1);
        assert_eq!(t.actions[0].measures, vec!["Checks done", "Audit held"]);
        assert_eq!(t.actions[0].timescale.as_ref().unwrap().raw, "May '09 July '09");
    }

    #[test]
    fn band_rows_open_sections() {
        let t = extract(
            "Outcome and actions\tLead\tBy when\tSuccess measures\n\
             <b>2. Children are heard</b>\t\t\t\n\
             Young people sit on panels\tYouth Team\tMarch 2016\tPanels include youth\n",
        );
        assert_eq!(t.sections.len(), 1);
        assert_eq!(t.sections[0].number, Some(2));
        assert_eq!(t.actions[0].objective_ref.as_deref(), Some("2"));
        assert_eq!(t.actions[0].section.as_deref(), Some("Children are heard"));
    }

    #[test]
    fn rag_column_holding_other_text_flags_the_row() {
        let t = extract(
            "Action\tLead\tWhen\tRAG\n\
             Run audit\tQA Lead\tMay '09\tG\n\
             Train staff sessions by\tTrainer held\tJuly '07 by\tA '07\n",
        );
        assert!(!t.actions[0].garbled);
        assert!(t.actions[1].garbled);
    }

    #[test]
    fn leads_split_at_role_nouns() {
        assert_eq!(
            split_names("Board Manager Safeguarding Panel Chair"),
            vec!["Board Manager", "Safeguarding Panel Chair"]
        );
        assert_eq!(split_names("Manager & Project Officer"), vec!["Manager & Project Officer"]);
        assert_eq!(
            split_names("Head of Care. (social care) LSCB"),
            vec!["Head of Care. (social care)", "LSCB"]
        );
    }

    #[test]
    fn prose_tables_are_not_action_tables() {
        let t = extract("Term\tMeaning\nABC\tA Big Committee\n");
        assert!(t.actions.is_empty());
    }
}
