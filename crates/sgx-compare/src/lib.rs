//! `sgx compare`: what researchers compare, read from a batch output folder (a consumer of the
//! exports, downstream of the writers: it reads `documents.jsonl`, never a document).
//!
//! Areas are keyed by the partnership key the model gives (`partnership.key`), or, in outputs
//! without one, by the place words of the partnership's name ("Wrenfield Local Safeguarding
//! Children Board" and "Wrenfield Safeguarding Children Partnership" are one area). A
//! document's year is the first year of its period; documents without a period or an area
//! are left out, and counted. Themes are those the model assigns to priorities
//! (`priorities[].themes[].id`), where it does.
//!
//! Three views: per area and year, the priorities and their themes side by side; per area
//! across years, which themes persist, appear and drop; across areas, how many cover each theme
//! (counts and shares, as published analyses report them).

mod load;
mod views;

pub use load::{load, Document, Priority};
pub use views::{Comparison, Coverage, ThemeChange};

/// Why a comparison could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error("{path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}: line {line}: {reason}")]
    Parse { path: String, line: usize, reason: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
}
