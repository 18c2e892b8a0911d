//! Governance: the bodies of the partnership's own structure.
//!
//! Bodies are named in headings ("The Business Management Group (BMG):"), in the boxes of a
//! structure chart that survive as short lines ("Independent Chair", "Meet three times per
//! year"), in the subgroup and lead columns of tables, and in prose ("… is chaired by …",
//! "All subgroups report to …"). The recogniser works in three steps:
//!
//! 1. **Scan** every block into `Mention`s (a name, where it was read, whether it may found a
//!    body on its own) and `Fact`s (a chair, meeting frequency or reporting line, with the
//!    mentions that may be its subject).
//! 2. **Cluster** the mentions of one body: the same acronym, the same content words, an
//!    acronym and the initials it stands for, a shortened reference ("the QA subgroup").
//! 3. **Emit** the clusters that sit inside the partnership, with their facts resolved.
//!
//! Everything keys on the genre's vocabulary (body head words, role words, "chaired by",
//! "reports to") and on layout, never on one document's names.

mod cluster;
mod emit;
mod fact;
mod mention;
mod names;
mod phrases;
mod scan;
#[cfg(test)]
mod tests;
mod unit;
mod vocab;

use sgx_model::{Body, GlossaryEntry, Partnership};

use crate::actions::ActionTables;
use crate::util::Context;

pub fn recognise(
    ctx: &Context,
    partnership: &Partnership,
    actions: &ActionTables,
    glossary: &[GlossaryEntry],
) -> Vec<Body> {
    let scan = scan::Scan::run(ctx, partnership, actions, glossary);
    let (mut mentions, facts, acronyms) = (scan.mentions, scan.facts, scan.namer.acronyms);
    cluster::resolve_conjunctions(&mut mentions);
    let clusters = cluster::Clusters::build(&mentions);
    emit::emit(&mentions, &facts, &acronyms, &clusters, partnership)
}
