//! Metadata.

use sgx_model::{DocumentInfo, DocumentKind, Partnership};

use crate::util::Context;

pub struct Metadata {
    pub partnership: Partnership,
    pub document: DocumentInfo,
}

pub fn recognise(_ctx: &Context) -> Metadata {
    Metadata {
        partnership: Partnership::default(),
        document: DocumentInfo { kind: DocumentKind::Other, title: None, period: None, evidence: None },
    }
}
