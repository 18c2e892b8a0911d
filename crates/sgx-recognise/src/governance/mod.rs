//! Governance: the bodies of the partnership's own structure.
//!
//! Bodies are named in headings ("The Business Management Group (BMG):"), in the boxes of a
//! structure chart that survive as short lines ("Independent Chair", "Meet three times per
//! year"), in the subgroup and lead columns of tables, and in prose ("… is chaired by …",
//! "All subgroups report to …"). It works in three steps:
//!
//! 1. **Scan** every block into `Mention`s (a name, where it was read, whether it may found a
//!    body on its own) and `Fact`s (a chair, meeting frequency or reporting line, with the
//!    mentions that may be its subject).
//! 2. **Cluster** the mentions of one body: the same acronym, the same content words, an
//!    acronym and the initials it stands for, a shortened reference ("the QA subgroup").
//! 3. **Emit** the clusters that sit inside the partnership, with their facts resolved.
//!
//! **Sources, strongest first** (`mention::Source`): headings (and a name line over
//! "Frequency:" / "Remit:" fields), structure-chart lines, subgroup columns and tables of
//! contents (`contents`: an entry that is a name; inside a "Sub-groups" / "Structure" entry its
//! lettered or sub-numbered entries), items of a list announced as the structure, lead cells,
//! prose.
//!
//! **The partnership as a body.** A board is one where the text gives it a chair, members or
//! meetings ("Independent Chair of the Board", "Board members"); a partnership only where its
//! meetings or its place in the structure are stated, since its chair and members are those of
//! the arrangements.
//!
//! **Vocabulary.** Body head words, role words, stop words and outside organisations
//! (`vocab`); the phrases "chaired by", "meets … times a year", "reports to" (`phrases`).
//! Everything keys on the genre's vocabulary and on layout, never on one document's names.
//!
//! **Known limits.** Reads the partnership, glossary and action tables (upstream). Bodies
//! named only by a role ("the Chair's group") or only in an image of a chart are not found;
//! an acronym defined only in a later document is not expanded. A body named only as the
//! subject of a report's title ("The Audit Annual Report"), or only in a plural ("the Neglect
//! and Exploitation sub-boards"), is not found; a sentence the reader split over two blocks
//! is read as two.

mod cluster;
mod contents;
mod emit;
mod fact;
mod mention;
mod names;
mod phrases;
mod scan;
mod unit;
mod vocab;

use sgx_model::Body;

use crate::found::{Found, Upstream};
use crate::util::Context;

pub(crate) fn recognise(ctx: &Context, upstream: &Upstream) -> Found<Vec<Body>> {
    let partnership = upstream.partnership();
    let scan = scan::Scan::run(ctx, partnership, &upstream.actions, &upstream.glossary);
    let (mut mentions, facts, acronyms) = (scan.mentions, scan.facts, scan.namer.acronyms);
    cluster::resolve_conjunctions(&mut mentions);
    let clusters = cluster::Clusters::build(&mentions);
    Found::new(emit::emit(&mentions, &facts, &acronyms, &clusters, partnership))
}
