//! Recognisers: find the genre's facts in the IR and build the output model.
//!
//! One module per kind of fact. Each reads the [`sgx_ir::Document`] (and, where one fact
//! depends on another, the facts already found) and keys on the genre's structure and
//! vocabulary — header words, numbering styles, layout — never on one document's wording.

mod actions;
mod glossary;
mod governance;
mod metadata;
mod priorities;
mod util;

use sgx_ir::Document;
use sgx_model::{Extraction, Governance, SourceInfo, SCHEMA_VERSION};

pub use util::evidence;

/// Run every recogniser over one document.
pub fn recognise(doc: &Document) -> Extraction {
    let ctx = util::Context::new(doc);
    let meta = metadata::recognise(&ctx);
    let glossary = glossary::recognise(&ctx);
    let action_tables = actions::recognise(&ctx);
    let priorities = priorities::recognise(&ctx, &action_tables);
    let bodies = governance::recognise(&ctx, &meta.partnership, &action_tables, &glossary);
    let warnings = doc.warnings.iter().chain(&action_tables.warnings).map(util::model_warning).collect();
    Extraction {
        schema_version: SCHEMA_VERSION.to_string(),
        sgx_version: env!("CARGO_PKG_VERSION").to_string(),
        source: SourceInfo {
            path: doc.source.path.clone(),
            format: doc.source.format,
            pages: doc.source.pages,
        },
        partnership: meta.partnership,
        document: meta.document,
        priorities,
        actions: action_tables.actions,
        governance: Governance { bodies },
        glossary,
        warnings,
    }
}
