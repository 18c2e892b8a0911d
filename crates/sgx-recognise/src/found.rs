//! The one shape every recogniser has: `recognise(&Context, &Upstream) -> Found<T>`.
//!
//! It also holds the fact types recognisers hand on to each other beyond the model's own, so
//! that a recogniser's inputs come from here, not from another recogniser's module.

use sgx_model::{Action, Body, DocumentInfo, DocumentKind, Evidence, GlossaryEntry, Partnership, Priority};

/// A recogniser's warning: the same typed warning (kind, provenance, message) readers give.
pub use sgx_ir::Warning;

/// What a recogniser found: its facts, and what it noticed but could recover from.
#[derive(Debug)]
pub struct Found<T> {
    pub facts: T,
    pub warnings: Vec<Warning>,
}

impl<T> Found<T> {
    /// Facts found without warnings.
    pub fn new(facts: T) -> Self {
        Found { facts, warnings: Vec::new() }
    }
}

/// The facts the recognisers that ran earlier found, for those that build on them. A fact
/// whose recogniser has not run yet reads as empty, so the pipeline in `lib.rs` can be
/// reordered without changing any recogniser's signature.
#[derive(Debug, Default)]
pub struct Upstream {
    pub metadata: Option<Metadata>,
    pub glossary: Vec<GlossaryEntry>,
    pub actions: ActionTables,
    pub priorities: Vec<Priority>,
    pub bodies: Vec<Body>,
}

impl Upstream {
    /// The publishing partnership, or an unnamed one before metadata has run.
    pub fn partnership(&self) -> &Partnership {
        static UNNAMED: Partnership =
            Partnership { name: None, acronym: None, key: None, joint: None, evidence: None };
        self.metadata.as_ref().map_or(&UNNAMED, |m| &m.partnership)
    }
}

/// What the metadata recogniser found.
#[derive(Debug)]
pub struct Metadata {
    pub partnership: Partnership,
    pub document: DocumentInfo,
}

impl Metadata {
    /// Nothing known: an unnamed partnership and a document of no known kind.
    pub fn none() -> Metadata {
        let document = DocumentInfo {
            kind: DocumentKind::Other,
            title: None,
            period: None,
            evidence: None,
            genre: Default::default(),
        };
        Metadata { partnership: Partnership::default(), document }
    }
}

/// What the action recogniser found: the rows, and the band / section headings that group
/// them (which read as priorities where a document states none elsewhere).
#[derive(Debug, Default)]
pub struct ActionTables {
    pub actions: Vec<Action>,
    pub sections: Vec<Section>,
    /// Indices of the blocks recognised as action tables.
    pub tables: Vec<usize>,
}

/// A band row or section heading inside an action table.
#[derive(Debug, Clone)]
pub struct Section {
    pub number: Option<u32>,
    pub title: String,
    pub evidence: Evidence,
}
