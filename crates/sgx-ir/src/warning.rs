//! What a reader or recogniser noticed and recovered from, typed so that a consumer can filter
//! warnings by kind and check each against the source.

use serde::{Deserialize, Serialize};

use crate::Provenance;

/// One warning: what kind of thing happened, where (when it has a place in the source), and a
/// sentence saying what was done about it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    /// The sentence a user reads; the place is in `prov`, not in the sentence.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prov: Option<Provenance>,
}

/// The kinds of warning, from the reader's to the recognisers'.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The file's extension names another format than its content.
    FormatMismatch,
    /// The text encoding was not declared or not valid and had to be guessed.
    EncodingGuessed,
    /// Page furniture (page numbers, running titles, image notes) dropped from the text.
    DroppedDebris,
    /// A size or depth cap was reached (nesting, table width, spans, drawing operations):
    /// part of the input was read flat, clamped or skipped.
    LimitReached,
    /// Part of the file could not be read (a page, the styles, the numbering) and was skipped.
    PartUnreadable,
    /// The document has no text to read (a scanned PDF).
    NoText,
    /// A fact was kept but its text looks corrupted: check it against the source.
    Garbled,
    /// The partnership's area could not be resolved to local authorities of sgx's reference
    /// table (a place the table lacks, a name that needs the document's period, a code the
    /// table lacks): the areas or the code are left empty, never guessed.
    AreaUnresolved,
}

impl Warning {
    /// A warning about the document as a whole.
    pub fn new(kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning { kind, message: message.into(), prov: None }
    }

    /// A warning about one place in the source.
    pub fn at(kind: WarningKind, prov: Provenance, message: impl Into<String>) -> Warning {
        Warning { kind, message: message.into(), prov: Some(prov) }
    }
}

impl std::fmt::Display for Warning {
    /// The message led by its place, as a person would write it: "line 4: dropped page number".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(p) = &self.prov {
            if let Some(path) = &p.path {
                write!(f, "{path}: ")?;
            } else if let Some(l) = &p.lines {
                write!(f, "line {}: ", l.start)?;
            } else if let Some(page) = p.page {
                write!(f, "page {page}: ")?;
            }
        }
        f.write_str(&self.message)
    }
}
