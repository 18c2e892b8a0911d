//! Recognisers: find the genre's facts in the IR and build the output model.
//!
//! One module per kind of fact, each with the same shape: `recognise(&Context, &Upstream) ->
//! Found<T>`. A recogniser reads the [`sgx_ir::Document`] (through [`util::Context`]) and the
//! facts found before it ([`found::Upstream`]), and keys on the genre's structure and
//! vocabulary — header words, numbering styles, layout — never on one document's wording.
//! The order they run in is written once, in [`recognise`].

mod actions;
mod caps;
mod found;
mod genre;
mod glossary;
mod governance;
mod metadata;
mod priorities;
mod table_roles;
mod util;
mod vocab;

use sgx_ir::Document;
use sgx_model::{Extraction, Governance, SourceInfo, SCHEMA_VERSION};

use found::{Found, Upstream, Warning};
use metadata::Metadata;

pub use genre::GENRE_THRESHOLD;
pub use util::evidence;

/// Run every recogniser over one document.
pub fn recognise(doc: &Document) -> Extraction {
    let ctx = util::Context::new(doc);
    let mut warnings = doc.warnings.clone();
    let mut up = Upstream::default();
    // The pipeline, in dependency order: each step may read what the steps above it found.
    // A fact no later step reads needs no place in `Upstream`: a local variable will do.
    up.glossary = keep(glossary::recognise(&ctx, &up), &mut warnings);
    up.metadata = Some(keep(metadata::recognise(&ctx, &up), &mut warnings));
    up.actions = keep(actions::recognise(&ctx, &up), &mut warnings);
    up.priorities = keep(priorities::recognise(&ctx, &up), &mut warnings);
    up.bodies = keep(governance::recognise(&ctx, &up), &mut warnings);
    // Last: the genre score weighs what every step above found.
    let genre = keep(genre::recognise(&ctx, &up), &mut warnings);
    let Metadata { partnership, mut document } = up.metadata.unwrap_or_else(Metadata::none);
    document.genre = genre;
    let mut x = Extraction {
        schema_version: SCHEMA_VERSION.to_string(),
        sgx_version: env!("CARGO_PKG_VERSION").to_string(),
        source: SourceInfo {
            path: doc.source.path.clone(),
            format: doc.source.format,
            pages: doc.source.pages,
        },
        partnership,
        document,
        // Resolved from the partnership's name by sgx-normalise.
        areas: Vec::new(),
        priorities: up.priorities,
        actions: up.actions.actions,
        governance: Governance { bodies: up.bodies },
        glossary: up.glossary,
        // Set by the normaliser, with the themes.
        themes_version: None,
        warnings: warnings.iter().map(util::model_warning).collect(),
    };
    caps::cap_fact_texts(&mut x);
    x
}

/// A step's facts, its warnings added to the document's.
fn keep<T>(found: Found<T>, warnings: &mut Vec<Warning>) -> T {
    warnings.extend(found.warnings);
    found.facts
}
