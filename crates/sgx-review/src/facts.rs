//! The facts of a model as the review page lists them: one entry per fact, in the model's
//! order, with a stable id (the anchor of its list item and of its box or highlight), its kind
//! (which gives its colour) and a one-line label.

use sgx_model::{DocumentKind, Evidence, Extraction};

/// The kinds of fact, each with its own colour on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Partnership,
    Document,
    Priority,
    Action,
    Body,
    Glossary,
}

impl Kind {
    /// Every kind, in the order the page lists them.
    pub const ALL: [Kind; 6] =
        [Kind::Partnership, Kind::Document, Kind::Priority, Kind::Action, Kind::Body, Kind::Glossary];

    /// The kind's name in ids and CSS classes (`box-action-3`, `k-action`).
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Partnership => "partnership",
            Kind::Document => "document",
            Kind::Priority => "priority",
            Kind::Action => "action",
            Kind::Body => "body",
            Kind::Glossary => "glossary",
        }
    }

    /// The kind's name for people.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Partnership => "Partnership",
            Kind::Document => "Document",
            Kind::Priority => "Priority",
            Kind::Action => "Action",
            Kind::Body => "Governance body",
            Kind::Glossary => "Glossary entry",
        }
    }

    /// The kind's colour (`#rrggbb`): saturated hues that plans rarely print, so a box stands
    /// out on the page (and the screenshot check can find it).
    pub fn colour(self) -> &'static str {
        match self {
            Kind::Partnership => "#7b2fbe",
            Kind::Document => "#0a8f8f",
            Kind::Priority => "#1f5fff",
            Kind::Action => "#e4007c",
            Kind::Body => "#1e9e3a",
            Kind::Glossary => "#e67700",
        }
    }
}

/// One fact as the page shows it.
#[derive(Debug, Clone)]
pub struct Fact<'a> {
    /// `partnership`, `document`, or the kind and its 1-based position (`action-3`).
    pub id: String,
    pub kind: Kind,
    /// What the fact says, in one line (untrusted text: escape it).
    pub label: String,
    pub evidence: &'a Evidence,
}

/// Every fact of the model that has evidence, in the page's order.
pub fn facts(x: &Extraction) -> Vec<Fact<'_>> {
    let mut out = Vec::new();
    if let Some(ev) = &x.partnership.evidence {
        let mut label = x.partnership.name.clone().unwrap_or_default();
        if let Some(acronym) = &x.partnership.acronym {
            label = format!("{label} ({acronym})");
        }
        out.push(Fact { id: "partnership".into(), kind: Kind::Partnership, label, evidence: ev });
    }
    if let Some(ev) = &x.document.evidence {
        let d = &x.document;
        let kind = match d.kind {
            DocumentKind::BusinessPlan => "business plan",
            DocumentKind::Workplan => "workplan",
            DocumentKind::AnnualReport => "annual report",
            DocumentKind::Strategy => "strategy",
            DocumentKind::Other => "other",
        };
        let parts = [Some(kind.to_string()), d.title.clone(), d.period.as_ref().map(|p| p.raw.clone())];
        let label = parts.into_iter().flatten().collect::<Vec<_>>().join(" · ");
        out.push(Fact { id: "document".into(), kind: Kind::Document, label, evidence: ev });
    }
    let mut push = |kind: Kind, i: usize, label: String, evidence| {
        out.push(Fact { id: format!("{}-{}", kind.slug(), i + 1), kind, label, evidence });
    };
    for (i, p) in x.priorities.iter().enumerate() {
        let label = match p.number {
            Some(n) => format!("{n}. {}", p.title),
            None => p.title.clone(),
        };
        push(Kind::Priority, i, label, &p.evidence);
    }
    for (i, a) in x.actions.iter().enumerate() {
        let mut parts: Vec<String> = a.objective.iter().cloned().collect();
        parts.extend(a.tasks.iter().cloned());
        if !a.leads.is_empty() {
            parts.push(format!("lead: {}", a.leads.join(", ")));
        }
        if let Some(t) = &a.timescale {
            parts.push(format!("when: {}", t.raw));
        }
        push(Kind::Action, i, parts.join(" · "), &a.evidence);
    }
    for (i, b) in x.governance.bodies.iter().enumerate() {
        let mut parts = vec![b.name.clone()];
        parts.extend(b.chair.as_ref().map(|c| format!("chair: {c}")));
        parts.extend(b.meets.as_ref().map(|m| format!("meets: {m}")));
        push(Kind::Body, i, parts.join(" · "), &b.evidence);
    }
    for (i, g) in x.glossary.iter().enumerate() {
        push(Kind::Glossary, i, format!("{} – {}", g.term, g.expansion), &g.evidence);
    }
    out
}
