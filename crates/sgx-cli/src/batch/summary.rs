//! The end-of-run summary: printed for the user and written to `summary.json` for scripts.

use std::collections::BTreeMap;
use std::fmt::Write;

use sgx_model::Extraction;
use sgx_write::tables::FactKind;

use super::protocol::Failed;

#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Input files found.
    pub inputs: usize,
    /// Documents exported: extracted now or unchanged since the last run.
    pub documents: usize,
    pub extracted: usize,
    pub unchanged: usize,
    /// Inputs whose content is another input's (one document, exported once).
    pub duplicates: usize,
    pub failed: usize,
    pub pages: u64,
    pub documents_with_pages: usize,
    pub formats: BTreeMap<String, usize>,
    pub facts: FactCounts,
    /// Failed documents by the kind of reason ("corrupt file", "timed out after 60 s").
    pub failures: BTreeMap<String, usize>,
    pub wall_seconds: f64,
    pub jobs: usize,
}

impl Summary {
    pub fn add_document(&mut self, doc: &Extraction, fresh: bool) {
        self.documents += 1;
        if fresh {
            self.extracted += 1;
        } else {
            self.unchanged += 1;
        }
        if let Some(pages) = doc.source.pages {
            self.pages += u64::from(pages);
            self.documents_with_pages += 1;
        }
        *self.formats.entry(doc.source.format.as_str().to_string()).or_default() += 1;
        for (kind, n) in &mut self.facts.0 {
            *n += (kind.count)(doc);
        }
    }

    pub fn add_failure(&mut self, failed: &Failed) {
        self.failed += 1;
        *self.failures.entry(reason_kind(&failed.reason)).or_default() += 1;
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "sgx_version": env!("CARGO_PKG_VERSION"),
            "inputs": self.inputs,
            "documents": self.documents,
            "extracted": self.extracted,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "pages": self.pages,
            "documents_with_pages": self.documents_with_pages,
            "formats": self.formats,
            "facts": self.facts.to_json(),
            "failures": self.failures,
            "wall_seconds": (self.wall_seconds * 1000.0).round() / 1000.0,
            "jobs": self.jobs,
        })
    }

    /// The summary for people, several lines.
    pub fn text(&self, out_dir: &str) -> String {
        let mut s = String::new();
        let secs = self.wall_seconds.max(1e-9);
        let _ = writeln!(s, "sgx batch: {} inputs in {:.1} s -> {out_dir}", self.inputs, self.wall_seconds);
        let _ = writeln!(
            s,
            "  documents: {} exported ({} extracted, {} unchanged), {} duplicate, {} failed",
            self.documents, self.extracted, self.unchanged, self.duplicates, self.failed
        );
        if !self.formats.is_empty() {
            let _ = writeln!(s, "  formats:   {}", counts(&self.formats));
        }
        let _ = writeln!(
            s,
            "  pages:     {} (in the {} documents that have pages)",
            self.pages, self.documents_with_pages
        );
        let _ = writeln!(s, "  facts:     {}", self.facts.text());
        if !self.failures.is_empty() {
            let _ = writeln!(s, "  failures:  {} (one line each in errors.jsonl)", counts(&self.failures));
        }
        let _ = writeln!(
            s,
            "  speed:     {:.1} documents/s, {:.1} pages/s with {} jobs",
            self.inputs as f64 / secs,
            self.pages as f64 / secs,
            self.jobs
        );
        s
    }
}

/// Facts found, by kind, in the order of the export tables ([`sgx_write::tables::TABLES`]).
#[derive(Debug, Clone)]
pub struct FactCounts(Vec<(&'static FactKind, usize)>);

impl Default for FactCounts {
    fn default() -> FactCounts {
        FactCounts(sgx_write::tables::fact_kinds().map(|kind| (kind, 0)).collect())
    }
}

impl FactCounts {
    /// `{"priorities": 3, ...}`
    fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.0.iter().map(|(kind, n)| (kind.key.to_string(), serde_json::Value::from(*n))).collect(),
        )
    }

    /// `3 priorities, 12 actions, ...`
    fn text(&self) -> String {
        self.0.iter().map(|(kind, n)| format!("{n} {}", kind.noun)).collect::<Vec<_>>().join(", ")
    }
}

fn counts(map: &BTreeMap<String, usize>) -> String {
    map.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
}

/// The kind of a failure reason: its text up to the first ": " ("corrupt file: bad xref" →
/// "corrupt file"), so the summary groups like failures whatever their details.
fn reason_kind(reason: &str) -> String {
    let head = reason.split(": ").next().unwrap_or(reason).trim();
    head.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::protocol::Stage;
    use sgx_model::*;

    /// A document with 1 priority, 2 actions, 3 governance bodies and 4 glossary entries.
    // Every field is set; `..Default::default()` is there so a new fact's field needs no edit here.
    #[allow(clippy::needless_update)]
    fn document() -> Extraction {
        let evidence = Evidence::default();
        let action = Action {
            objective_ref: None,
            objective: None,
            section: None,
            tasks: vec![],
            leads: vec![],
            measures: vec![],
            timescale: None,
            progress: None,
            rag: None,
            rag_fill: None,
            status: None,
            garbled: false,
            themes: vec![],
            evidence: evidence.clone(),
        };
        let body = Body {
            name: "Executive Group".into(),
            acronym: None,
            chair: None,
            meets: None,
            reports_to: None,
            evidence: evidence.clone(),
        };
        let entry = GlossaryEntry {
            term: "LADO".into(),
            expansion: "Designated Officer".into(),
            source: GlossarySource::Glossary,
            evidence,
        };
        Extraction {
            schema_version: SCHEMA_VERSION.into(),
            sgx_version: "0.1.0".into(),
            source: SourceInfo { path: "plan.txt".into(), format: sgx_model::Format::Text, pages: Some(7) },
            partnership: Partnership::default(),
            document: DocumentInfo {
                kind: DocumentKind::Workplan,
                title: None,
                period: None,
                evidence: None,
                genre: Default::default(),
            },
            priorities: vec![Priority {
                number: None,
                title: "Neglect".into(),
                measures: vec![],
                subgroups: vec![],
                selection: ListSelection::default(),
                themes: vec![],
                evidence: Evidence::default(),
            }],
            actions: vec![action; 2],
            governance: Governance { bodies: vec![body; 3] },
            glossary: vec![entry; 4],
            warnings: vec![],
            ..Default::default()
        }
    }

    #[test]
    fn facts_are_counted_by_kind_in_json_and_text() {
        let mut s = Summary::default();
        s.add_document(&document(), true);
        s.add_document(&document(), false);
        let facts = &s.to_json()["facts"];
        // The keys summary.json has always had.
        for (key, n) in [("priorities", 2), ("actions", 4), ("governance_bodies", 6), ("glossary_entries", 8)]
        {
            assert_eq!(facts[key], n, "{key} in {facts}");
        }
        let text = s.text("out");
        let line = "\n  facts:     2 priorities, 4 actions, 6 governance bodies, 8 glossary entries";
        assert!(text.contains(line), "{text}");
        assert_eq!((s.documents, s.extracted, s.unchanged, s.pages), (2, 1, 1, 14));
    }

    const PARSE: Stage = Stage::Pipeline(sgx_pipeline::Stage::Parse);

    #[test]
    fn failures_group_by_reason_kind() {
        let mut s = Summary::default();
        s.add_failure(&Failed::new(PARSE, "corrupt file: bad xref"));
        s.add_failure(&Failed::new(PARSE, "corrupt file: no trailer"));
        s.add_failure(&Failed::new(PARSE, "timed out after 2 s"));
        assert_eq!(s.failed, 3);
        assert_eq!(s.failures["corrupt file"], 2);
        assert_eq!(s.failures["timed out after 2 s"], 1);
        assert!(s.text("out").contains("corrupt file 2, timed out after 2 s 1"));
    }
}
