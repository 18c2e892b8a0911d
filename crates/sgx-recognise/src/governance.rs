//! Governance: the bodies of the partnership's own structure.

use sgx_model::{Body, GlossaryEntry, Partnership};

use crate::actions::ActionTables;
use crate::util::Context;

pub fn recognise(_ctx: &Context, _partnership: &Partnership, _actions: &ActionTables, _glossary: &[GlossaryEntry]) -> Vec<Body> {
    Vec::new()
}
