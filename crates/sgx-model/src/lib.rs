//! The output model: what sgx extracts from one document, serialised as JSON.
//!
//! The model is versioned by [`SCHEMA_VERSION`] (semver: a new optional field is a minor bump, a
//! renamed or removed one a major bump) and published as a JSON Schema ([`json_schema`], also
//! committed as `schema/sgx.schema.json`). Every fact carries [`Evidence`] pointing back at the
//! block of the intermediate representation, and through it at a page, line range or box.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
pub use sgx_ir::{Format, WarningKind};

/// Version of this model's JSON layout.
pub const SCHEMA_VERSION: &str = "2.4.0";

/// All facts extracted from one document.
// `Default` is an empty model (a starting point for tests and tools), not one sgx prints.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[schemars(transform = batch_paths)]
pub struct Extraction {
    /// Version of this model (semver; see CHANGELOG.md): a minor bump adds optional fields only.
    pub schema_version: String,
    /// Version of the sgx that produced this output.
    pub sgx_version: String,
    /// The file the facts were read from.
    pub source: SourceInfo,
    /// The partnership or board that published the document.
    pub partnership: Partnership,
    /// What the document is: its kind, title and period.
    pub document: DocumentInfo,
    /// The English local authorities the partnership covers, resolved from its name and the
    /// document's period against sgx's reference table (GSS and DfE codes, region), in the
    /// order the name names them. Empty when the name names no place the table has, or the
    /// place cannot be resolved (a warning of kind `area_unresolved` then says why).
    #[serde(default)]
    pub areas: Vec<Area>,
    /// The partnership's strategic priorities, in the document's order.
    pub priorities: Vec<Priority>,
    /// The rows of the document's action / work / delivery-plan tables.
    pub actions: Vec<Action>,
    /// The partnership's own boards, groups and subgroups.
    pub governance: Governance,
    /// Abbreviations and their expansions, from glossaries and from running text.
    pub glossary: Vec<GlossaryEntry>,
    /// Version of the theme taxonomy the `themes` of priorities and actions were assigned with
    /// (the README's Themes section has its table; the data file is
    /// `crates/sgx-normalise/data/themes.json`). Themes of two outputs compare only under one version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub themes_version: Option<String>,
    /// Reader and recogniser warnings (debris dropped, rows flagged, encoding guessed...).
    #[serde(default)]
    pub warnings: Vec<Warning>,
}

/// Something a reader or recogniser noticed and recovered from: its kind, a sentence saying
/// what was done, and the place in the source when it is about one place.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Warning {
    /// What kind of thing was noticed (a closed set).
    pub kind: WarningKind,
    /// A sentence saying what was noticed and what was done about it.
    pub message: String,
    /// 1-based page, where the format has pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based inclusive source line range `[first, last]`, where the format has lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<[u32; 2]>,
    /// Element path (HTML) or paragraph / table index path (DOCX).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct SourceInfo {
    /// The path as given to sgx. JSON holds text, so a path that is not valid UTF-8 (a Unix
    /// file name can be any bytes) is written with each invalid byte sequence replaced by
    /// U+FFFD; the file itself is read by its real name.
    pub path: String,
    /// Detected input format: text, markdown, pdf, html or docx.
    pub format: Format,
    /// Number of pages, where the format has pages (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
}

/// The partnership or board that published the document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Partnership {
    /// The partnership's full name as the document prints it (place words required), or null.
    pub name: Option<String>,
    /// The acronym the document itself uses for the partnership, if any.
    pub acronym: Option<String>,
    /// A key for the partnership's area, the same in all its documents: the board era's and the
    /// partnership era's ("Kent Safeguarding Children Board", "Kent Safeguarding Children
    /// Partnership": `kent`) and across reorganisations (Cumbria's before and after 2023:
    /// `cumbria`). The normal names (lower case, hyphens between words, "and", "the" and
    /// council-type words dropped) of the local authorities the name names, sorted and joined
    /// with `+` (`derby+derbyshire`); for a place the reference table lacks, the normal form of
    /// the place as printed. Absent when the name names no place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Whether the partnership covers more than one local authority (`areas` has several);
    /// absent when `areas` is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint: Option<bool>,
    /// Where the name was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A local authority with children's services that a document's partnership covers, from the
/// reference table sgx ships (data-to-insight, MIT; mySociety, CC-BY-4.0).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Area {
    /// The authority's name in the reference table (the ONS name: "Bristol, City of").
    pub name: String,
    /// ONS GSS code, DfE statistics' `new_la_code` ("E06000018"); null where the authority
    /// never had one (Bedfordshire and Cheshire, abolished in 2009), with a warning.
    pub gss_code: Option<String>,
    /// DfE 3-digit local authority code, DfE statistics' `old_la_code` ("892").
    pub dfe_code: Option<String>,
    /// English region ("East Midlands").
    pub region: String,
    /// GSS codes the authority used before `gss_code` (older statistics use them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_gss_codes: Vec<String>,
    /// The words of the partnership's name that named it, as printed ("Derbyshire", "LLR",
    /// "Cumbria").
    pub named_as: String,
    /// How the name led to this authority.
    pub matched: AreaMatch,
    /// The authority the name named, when this one is its successor by the document's period
    /// ("Cumbria" for Cumberland in a 2024 document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor_of: Option<String>,
}

/// How a partnership's name led to a local authority.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AreaMatch {
    /// The name names the authority: its official name or an alternative one, compared in
    /// normal form (case, "&", "City of", "Council", punctuation aside), never fuzzily.
    Name,
    /// The name is a joint-area name sgx knows for several authorities ("LLR",
    /// "Tri-borough").
    JointName,
    /// The authority named had been replaced by the document's period; this is a successor
    /// (Cumbria → Cumberland and Westmorland and Furness from April 2023).
    Successor,
}

impl AreaMatch {
    /// The value's name as the JSON and the exports print it.
    pub fn as_str(self) -> &'static str {
        match self {
            AreaMatch::Name => "name",
            AreaMatch::JointName => "joint_name",
            AreaMatch::Successor => "successor",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct DocumentInfo {
    /// The kind of document: business_plan, workplan, annual_report, strategy or other (papers about a document, web pages).
    pub kind: DocumentKind,
    /// The title as printed, where one was found.
    pub title: Option<String>,
    /// The years the document covers, where it prints a range.
    pub period: Option<Period>,
    /// Where the title (or, without one, the period) was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// How sure sgx is that the document is of the genre (a safeguarding children
    /// partnership's or board's own plan, report, strategy or page), with its reasons.
    #[serde(default)]
    pub genre: Genre,
}

/// How sure sgx is that a document is of the genre: a job over a crawl keeps documents with
/// `score` at least 0.5 and drops the rest. The score is the sum of `signals`' weights, from 0
/// to 1.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Genre {
    /// From 0 (nothing of the genre) to 1, in hundredths; 0.5 and above: of the genre.
    pub score: f64,
    /// Each reason with its weight, strongest first: "a publishing partnership is named
    /// +0.30", "9 terms of the genre's vocabulary (...) +0.48", "opens as an inspection report
    /// ('lead inspector') -0.60".
    #[serde(default)]
    pub signals: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    BusinessPlan,
    Workplan,
    AnnualReport,
    Strategy,
    #[default]
    Other,
}

/// The years a document covers ("2019-22" → 2019..2022; "April 2022 to March 2023" → 2022..2023).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Period {
    /// The first year covered.
    pub start_year: i32,
    /// The last year covered.
    pub end_year: i32,
    /// The text the period was read from.
    pub raw: String,
    /// The first day the period covers, `YYYY-MM-DD`: 1 April of `start_year` when only years
    /// are printed (the genre's reporting year runs April to March), else the printed month's
    /// first day (or the printed day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// The last day the period covers, `YYYY-MM-DD`: 31 March of `end_year` when only years are
    /// printed, else the printed month's last day (or the printed day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// How `start_date` and `end_date` were read from the printed period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<PeriodBasis>,
    /// The financial years (April to March) the period covers, as labelled in national
    /// statistics ("2022-23"), in order: every year of a multi-year plan ("2019-22" → "2019-20",
    /// "2020-21", "2021-22"). A year counts when the period covers at least six of its months
    /// (or, for a period shorter than that, the year it covers most).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub financial_years: Vec<String>,
    /// The `time_period` codes of `financial_years` as DfE statistics files write them
    /// (202223 for 2022-23; `time_identifier` "Financial year"), in the same order: the first
    /// and last are the plan's first and last years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub time_periods: Vec<u32>,
}

/// How a period's dates were read.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PeriodBasis {
    /// Years only ("2019-22", "2021/22"): read as financial years, 1 April to 31 March.
    YearsOnly,
    /// Printed April to March ("April 2021 to March 2022").
    FinancialYear,
    /// Printed January to December ("January to December 2020").
    CalendarYear,
    /// Other printed months ("September 2019 - March 2020"): from the first day of the first
    /// month to the last day of the last.
    Months,
}

/// A strategic priority of the partnership.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Priority {
    /// The number as printed (Roman numerals and words become integers); unnumbered
    /// priorities are numbered 1.. in document order.
    pub number: Option<u32>,
    /// The priority statement without its label.
    pub title: String,
    /// Performance measures the document attaches to this priority.
    #[serde(default)]
    pub measures: Vec<String>,
    /// Subgroups the document links to this priority.
    #[serde(default)]
    pub subgroups: Vec<String>,
    /// Why the list this priority belongs to was chosen over the other lists of the document.
    #[serde(default)]
    pub selection: ListSelection,
    /// Themes of the taxonomy (`themes_version`) the title and measures name, in the taxonomy's
    /// order, each with the words that assigned it; empty when none is named.
    #[serde(default)]
    pub themes: Vec<ThemeAssignment>,
    /// Where the priority was read.
    pub evidence: Evidence,
}

/// The scored evidence that made a list the document's priorities: the same for every
/// priority of the list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
pub struct ListSelection {
    /// The sum of the signals' weights; the list with the highest score was chosen.
    pub score: i32,
    /// Each piece of evidence with its weight, strongest first: "cue phrase 'our priorities
    /// are' +3", "numbered 1-5 +1", "list of 5 items +1".
    #[serde(default)]
    pub signals: Vec<String>,
}

/// One logical row of an action / work / delivery-plan table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Action {
    /// The row's number or label as printed ("7" for "7." or "7 (continued)").
    pub objective_ref: Option<String>,
    /// The objective / outcome the row serves (inherited from the row above when blank).
    pub objective: Option<String>,
    /// The band or section heading the row sits under, if the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The actions / tasks of the row, one per printed item.
    pub tasks: Vec<String>,
    /// Who leads the row, one per printed lead (role, organisation or body).
    pub leads: Vec<String>,
    /// Measures of success / outcomes / evidence the row names.
    pub measures: Vec<String>,
    /// When the row is due, as printed and the dates it names.
    pub timescale: Option<Timescale>,
    /// Progress or update text as printed, where the table has a column for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// Red / amber / green rating as printed, where the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rag: Option<String>,
    /// The background colour of the row's RAG cell (or, without one, its progress cell) as
    /// `#rrggbb`, where the source shades it: some tables rate by colour alone. White is no
    /// shading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rag_fill: Option<String>,
    /// The row's status read from `rag` (words, letters), else from `rag_fill`'s colour, else
    /// from the opening words of `progress`; absent when none says one sgx knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// True when the row's text looks corrupted (interleaved columns, OCR noise): kept, but
    /// not to be trusted without checking the source.
    #[serde(default)]
    pub garbled: bool,
    /// Themes of the taxonomy (`themes_version`) the section, objective and tasks name, in the
    /// taxonomy's order, each with the words that assigned it; empty when none is named.
    #[serde(default)]
    pub themes: Vec<ThemeAssignment>,
    /// Where the row was read (its first physical row).
    pub evidence: Evidence,
}

/// One theme assigned to a priority or an action, with the words that assigned it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
pub struct ThemeAssignment {
    /// The theme's id in the taxonomy `themes_version` names ("neglect", "cse",
    /// "early_help_thresholds"); the README's Themes section lists every id.
    pub id: String,
    /// Whether the theme is a harm or cohort (`harm`) or a practice or part of the system
    /// (`practice`).
    pub axis: ThemeAxis,
    /// The words that assigned the theme, as printed ("Child Sexual Exploitation", "county
    /// lines"), each once, in order of appearance; an acronym read through the document's own
    /// glossary shows the expansion that decided it: "CSE (Child Sexual Exploitation)".
    pub matched: Vec<String>,
}

/// The two axes of the theme taxonomy, as published analyses split priorities into
/// "safeguarding theme" and "practice" priorities.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ThemeAxis {
    /// A harm or a cohort of children: neglect, exploitation, domestic abuse, disabled children...
    Harm,
    /// A practice or a part of the system: early help, voice of the child, learning from reviews,
    /// training, quality assurance...
    Practice,
}

impl ThemeAxis {
    /// The axis's name as the JSON and the exports print it.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeAxis::Harm => "harm",
            ThemeAxis::Practice => "practice",
        }
    }
}

/// A timescale cell: the raw text as printed and the dates it names.
/// A timescale cell: the raw text as printed, the dates it names and their reading.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Timescale {
    /// The timescale as printed.
    pub raw: String,
    /// Month-precision dates named in the text, in order ("2019-06", or "2019" without a month).
    #[serde(default)]
    pub dates: Vec<String>,
    /// What the text names, in printed order (repeats dropped): single dates, months, seasons,
    /// quarters, years and financial years, ranges, open starts ("June 2014 onwards") and
    /// deadlines ("by April 2016").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<TimeSpan>,
    /// How often the work recurs, where the text says ("quarterly", "three times a year",
    /// "ongoing").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
    /// The action's due date: the latest `end` of the spans, at its printed precision
    /// (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; compared by the last day each stands for). Open
    /// starts ("from October 2022") give none: they say when work begins, not when it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// How much of the text was read.
    #[serde(default)]
    pub resolution: Resolution,
    /// The words of the text that were not read (a typo, a note, an impossible date), where
    /// `resolution` is `partial`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<String>,
}

/// A stretch of time a timescale names. `start` and `end` are ISO dates at the precision the
/// text prints (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); seasons, quarters and financial years give
/// their first and last months ("Q3 2021/22" → 2021-10 .. 2021-12).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
pub struct TimeSpan {
    /// What the words name: a day, a month, a season, a term, a quarter, a financial year, a
    /// range… (a closed set).
    pub form: SpanForm,
    /// The first date of the span; absent for a deadline ("by March 2020").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The last date of the span; absent for an open start ("June 2014 onwards").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The words the span was read from.
    pub text: String,
}

/// The grammatical form of a [`TimeSpan`].
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SpanForm {
    /// A day: "31 March 2020", "31/03/2020".
    Day,
    /// A month: "June 2019", "Oct '07", "Sept. 09".
    Month,
    /// A season: "Spring 2019" (spring March-May, summer June-August, autumn September-
    /// November, winter December-February).
    Season,
    /// A school term: "summer term 2020" (autumn September-December, spring January-March,
    /// summer April-July).
    Term,
    /// A quarter: of a financial year ("Q3 2021/22", or "Q3" in a one-year plan: Q1 is
    /// April-June) or of a calendar year ("Q1 2020": January-March).
    Quarter,
    /// A year alone: "2020".
    Year,
    /// A financial year, April to March: "2022/23", "2019-20", or "Year 2" of a multi-year plan.
    FinancialYear,
    /// From one date to another: "April 2019 - March 2020", "June-September 2019", "Q2 - Q3".
    Range,
    /// A start with no end: "June 2014 onwards", "from October 2022", "December 2014 and ongoing".
    From,
    /// A deadline: "by April 2016", "end of March 2020", "before Q4".
    By,
}

/// How often a timescale says work recurs.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Recurrence {
    /// How often, as a closed set of kinds ("quarterly", "termly", "ongoing"…).
    pub kind: RecurrenceKind,
    /// Times per year, where the kind has a number ("quarterly" 4, "termly" 3, "biennial" 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times_per_year: Option<f64>,
}

/// The recurring forms of timescales.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RecurrenceKind {
    Daily,
    Weekly,
    Fortnightly,
    Monthly,
    /// "Bi-monthly", "every two months" (the genre's "bi-monthly" is every other month).
    BiMonthly,
    Quarterly,
    /// Once a school term: three times a year.
    Termly,
    /// "Twice a year", "six-monthly", "bi-annually", "half-yearly".
    HalfYearly,
    /// "Annual", "annually", "yearly", "each year".
    Annual,
    /// "Every two years", "biennial".
    Biennial,
    /// A count per year or a period in weeks or months: "three times a year", "every six
    /// weeks"; `times_per_year` says how often.
    TimesAYear,
    /// "At each meeting", "every board meeting".
    EachMeeting,
    /// "As required", "as and when", "ad hoc".
    AsNeeded,
    /// "Regularly": no number given.
    Regular,
    /// "Ongoing", "continuous": no number given.
    Ongoing,
}

/// How much of a timescale's text was read.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Every word was read (or is a filler such as "the", "target date").
    Resolved,
    /// Something was read, some words were not: see `unread`.
    Partial,
    /// The text says the date is still to be set: "TBC", "to be agreed".
    ToBeConfirmed,
    /// Nothing was read: the raw text is all there is.
    #[default]
    Unresolved,
}

/// An action's status, from its RAG rating or progress.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// "Red", "R", "off track".
    Red,
    /// "Red/Amber", "R/A".
    RedAmber,
    /// "Amber", "A", "at risk".
    Amber,
    /// "Amber/Green", "A/G".
    AmberGreen,
    /// "Green", "G", "on track".
    Green,
    /// "Blue", "B" (most keys: complete and embedded).
    Blue,
    /// "Complete", "Completed", "Achieved", "Done".
    Complete,
    /// "In progress", "Underway", "Partially achieved".
    InProgress,
    /// "Not started", "Not yet started".
    NotStarted,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Governance {
    /// The bodies, in the order the document first names them.
    pub bodies: Vec<Body>,
}

/// A body of the partnership's own structure: board, group, subgroup, panel, network...
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Body {
    /// The body's name as printed (the fullest form the document uses).
    pub name: String,
    /// The body's acronym, where the document gives one.
    pub acronym: Option<String>,
    /// Who chairs the body, as printed (a person, a role or both).
    pub chair: Option<String>,
    /// Meeting frequency as printed ("quarterly", "three times per year").
    pub meets: Option<String>,
    /// The body this one reports to, as named in the document.
    pub reports_to: Option<String>,
    /// Where the body's name, as printed in `name`, was read.
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct GlossaryEntry {
    /// The abbreviation as printed ("CSE", "DfE").
    pub term: String,
    /// What the abbreviation stands for, without the explanation that may follow it.
    pub expansion: String,
    /// Where the entry was read: a glossary (section, list or table) or running text.
    #[serde(default)]
    pub source: GlossarySource,
    /// Where the entry was read.
    pub evidence: Evidence,
}

/// Where a glossary entry was read.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum GlossarySource {
    /// A glossary, abbreviations list or key-terms table of the document.
    #[default]
    Glossary,
    /// An acronym defined at its use in running text ("Child Sexual Exploitation (CSE)").
    Text,
}

impl GlossarySource {
    /// The source's name as the JSON and the exports print it.
    pub fn as_str(self) -> &'static str {
        match self {
            GlossarySource::Glossary => "glossary",
            GlossarySource::Text => "text",
        }
    }
}

/// Where a fact was read: the IR block index and the source location of that block.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Evidence {
    /// Index of the block in the document's intermediate representation (`sgx ir`).
    pub block: usize,
    /// 1-based page, where the format has pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based inclusive source line range `[first, last]`, where the format has lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<[u32; 2]>,
    /// Bounding box `[x0, y0, x1, y1]` in page points, origin top-left (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    /// Element path (HTML) or paragraph / table index path (DOCX).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Period {
    /// A period as printed, before the normaliser reads its dates.
    pub fn new(start_year: i32, end_year: i32, raw: String) -> Period {
        Period {
            start_year,
            end_year,
            raw,
            start_date: None,
            end_date: None,
            basis: None,
            financial_years: Vec::new(),
            time_periods: Vec::new(),
        }
    }
}

impl Timescale {
    /// A timescale as printed with the dates a recogniser found, before the normaliser reads it.
    pub fn new(raw: String, dates: Vec<String>) -> Timescale {
        Timescale {
            raw,
            dates,
            spans: Vec::new(),
            recurrence: None,
            due: None,
            resolution: Resolution::default(),
            unread: None,
        }
    }
}

impl Extraction {
    /// The model as `sgx extract` prints it and `sgx batch` stores it (`documents/<id>.json`):
    /// pretty-printed JSON, fields in the order of the types, ending with a line break. The
    /// corpus snapshots are this text, so they show exactly what the CLI prints.
    pub fn to_json(&self) -> String {
        // Serialising fails only for maps with non-string keys; the model has no maps.
        let mut json = serde_json::to_string_pretty(self).expect("the model always serialises");
        json.push('\n');
        json
    }
}

/// The schema of `paths`, which `sgx batch` writes after the model's own fields (in
/// `documents/<id>.json` and `documents.jsonl`) and which is not a field of [`Extraction`]: a
/// document is one content, and the batch knows where it found it.
fn batch_paths(schema: &mut schemars::Schema) {
    let paths = serde_json::json!({
        "description": "Every path at which `sgx batch` found this document's content (copies of one \
            file are one document), in input order; the first is `source.path`. Written lossily \
            like `source.path`. Only in the batch's outputs, not in what `sgx extract` prints.",
        "type": "array",
        "items": { "type": "string" }
    });
    if let Some(properties) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        properties.insert("paths".into(), paths);
    }
}

/// The JSON Schema of [`Extraction`], pretty-printed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Extraction);
    serde_json::to_string_pretty(&schema).expect("a schema always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_serialises_snake_case() {
        assert_eq!(serde_json::to_string(&DocumentKind::AnnualReport).unwrap(), "\"annual_report\"");
    }

    #[test]
    fn schema_describes_the_paths_batch_writes() {
        let schema: serde_json::Value = serde_json::from_str(&json_schema()).unwrap();
        assert_eq!(schema["properties"]["paths"]["type"], "array");
        let required = schema["required"].as_array().unwrap();
        assert!(!required.contains(&"paths".into()), "optional: sgx extract has none");
    }

    #[test]
    fn schema_names_every_scored_field() {
        let s = json_schema();
        for field in ["schema_version", "objective_ref", "timescale", "reports_to", "expansion", "start_year"]
        {
            assert!(s.contains(field), "schema lacks {field}");
        }
    }
}
