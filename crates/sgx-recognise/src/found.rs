//! The one shape every recogniser has: `recognise(&Context, &Upstream) -> Found<T>`.

use sgx_model::{Body, GlossaryEntry, Partnership, Priority};

use crate::actions::ActionTables;
use crate::metadata::Metadata;

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
        static UNNAMED: Partnership = Partnership { name: None, acronym: None, evidence: None };
        self.metadata.as_ref().map_or(&UNNAMED, |m| &m.partnership)
    }
}
