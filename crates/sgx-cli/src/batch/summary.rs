//! The end-of-run summary: printed for the user and written to `summary.json` for scripts.

use std::collections::BTreeMap;
use std::fmt::Write;

use sgx_model::Extraction;

use super::worker::Failed;

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
    pub priorities: usize,
    pub actions: usize,
    pub governance_bodies: usize,
    pub glossary_entries: usize,
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
        self.priorities += doc.priorities.len();
        self.actions += doc.actions.len();
        self.governance_bodies += doc.governance.bodies.len();
        self.glossary_entries += doc.glossary.len();
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
            "facts": {
                "priorities": self.priorities,
                "actions": self.actions,
                "governance_bodies": self.governance_bodies,
                "glossary_entries": self.glossary_entries,
            },
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
        let _ = writeln!(
            s,
            "  facts:     {} priorities, {} actions, {} governance bodies, {} glossary entries",
            self.priorities, self.actions, self.governance_bodies, self.glossary_entries
        );
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

    #[test]
    fn failures_group_by_reason_kind() {
        let mut s = Summary::default();
        s.add_failure(&Failed::new("parse", "corrupt file: bad xref"));
        s.add_failure(&Failed::new("parse", "corrupt file: no trailer"));
        s.add_failure(&Failed::new("parse", "timed out after 2 s"));
        assert_eq!(s.failed, 3);
        assert_eq!(s.failures["corrupt file"], 2);
        assert_eq!(s.failures["timed out after 2 s"], 1);
        assert!(s.text("out").contains("corrupt file 2, timed out after 2 s 1"));
    }
}
