//! Per-recogniser fixtures: every file under `tests/fixtures/<fact>/` is read and recognised,
//! and its snapshot shows only that fact, as readable text. `insta::glob!` runs every
//! fixture and reports every mismatch, not just the first.
//!
//! To add a case, write a small fictional document into the fact's folder and run
//! `cargo insta test -p sgx-recognise --review`.

use std::fmt::Write;
use std::path::Path;

use sgx_model::{Evidence, Extraction};

fn extract(path: &Path) -> Extraction {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    let doc = sgx_read::read(&bytes, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
    sgx_recognise::recognise(&doc)
}

/// "block 3, lines 7-9": where a fact was read.
fn at(ev: &Evidence) -> String {
    let mut s = format!("block {}", ev.block);
    if let Some([a, b]) = ev.lines {
        write!(s, ", lines {a}-{b}").unwrap();
    }
    if let Some(p) = ev.page {
        write!(s, ", page {p}").unwrap();
    }
    s
}

fn field(out: &mut String, label: &str, value: Option<&str>) {
    if let Some(v) = value {
        writeln!(out, "  {label}: {v}").unwrap();
    }
}

fn list(out: &mut String, label: &str, values: &[String]) {
    for v in values {
        writeln!(out, "  {label}: {v}").unwrap();
    }
}

fn show_metadata(x: &Extraction) -> String {
    let mut out = String::new();
    let p = &x.partnership;
    writeln!(out, "partnership: {}", p.name.as_deref().unwrap_or("-")).unwrap();
    writeln!(out, "acronym: {}", p.acronym.as_deref().unwrap_or("-")).unwrap();
    let d = &x.document;
    writeln!(out, "kind: {:?}", d.kind).unwrap();
    writeln!(out, "title: {}", d.title.as_deref().unwrap_or("-")).unwrap();
    let period = d.period.as_ref().map(|p| format!("{}-{} ({})", p.start_year, p.end_year, p.raw));
    writeln!(out, "period: {}", period.as_deref().unwrap_or("-")).unwrap();
    for w in x.warnings.iter().filter(|w| w.kind == sgx_model::WarningKind::Garbled) {
        writeln!(out, "warning: {}", w.message).unwrap();
    }
    out
}

fn show_glossary(x: &Extraction) -> String {
    let mut out = String::new();
    for g in &x.glossary {
        writeln!(out, "{} = {}  ({}) [{}]", g.term, g.expansion, g.source.as_str(), at(&g.evidence)).unwrap();
    }
    out
}

fn show_actions(x: &Extraction) -> String {
    let mut out = String::new();
    for (n, a) in x.actions.iter().enumerate() {
        let flag = if a.garbled { " (garbled)" } else { "" };
        writeln!(out, "action {}{flag}  [{}]", n + 1, at(&a.evidence)).unwrap();
        field(&mut out, "section", a.section.as_deref());
        field(&mut out, "objective", a.objective.as_deref());
        field(&mut out, "ref", a.objective_ref.as_deref());
        list(&mut out, "task", &a.tasks);
        list(&mut out, "lead", &a.leads);
        list(&mut out, "measure", &a.measures);
        if let Some(t) = &a.timescale {
            writeln!(out, "  when: {} {:?}", t.raw, t.dates).unwrap();
        }
        field(&mut out, "progress", a.progress.as_deref());
        field(&mut out, "rag", a.rag.as_deref());
    }
    for w in &x.warnings {
        let lines = w.lines.map_or(String::new(), |[a, b]| format!(" at lines {a}-{b}"));
        writeln!(out, "warning ({:?}){lines}: {}", w.kind, w.message).unwrap();
    }
    out
}

fn show_priorities(x: &Extraction) -> String {
    let mut out = String::new();
    // Every priority of the chosen list carries the same evidence: shown once.
    if let Some(s) = x.priorities.first().map(|p| &p.selection) {
        writeln!(out, "chosen with score {}: {}", s.score, s.signals.join(", ")).unwrap();
    }
    for p in &x.priorities {
        let number = p.number.map_or("-".to_string(), |n| n.to_string());
        writeln!(out, "{number}. {}  [{}]", p.title, at(&p.evidence)).unwrap();
        list(&mut out, "measure", &p.measures);
        list(&mut out, "subgroup", &p.subgroups);
    }
    out
}

fn show_governance(x: &Extraction) -> String {
    let mut out = String::new();
    for b in &x.governance.bodies {
        let acronym = b.acronym.as_ref().map(|a| format!(" ({a})")).unwrap_or_default();
        writeln!(out, "{}{acronym}  [{}]", b.name, at(&b.evidence)).unwrap();
        field(&mut out, "chair", b.chair.as_deref());
        field(&mut out, "meets", b.meets.as_deref());
        field(&mut out, "reports to", b.reports_to.as_deref());
    }
    out
}

/// Each fact's folder and how its snapshot renders it.
macro_rules! fixtures {
    ($($fact:ident => $show:ident),* $(,)?) => {$(
        #[test]
        fn $fact() {
            insta::glob!(concat!("fixtures/", stringify!($fact), "/*.*"), |path| {
                insta::assert_snapshot!($show(&extract(path)));
            });
        }
    )*};
}

fixtures!(
    metadata => show_metadata,
    glossary => show_glossary,
    actions => show_actions,
    priorities => show_priorities,
    governance => show_governance,
);
