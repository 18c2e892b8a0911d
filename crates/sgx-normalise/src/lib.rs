//! Comparable values. The recognisers keep every value as printed ("Oct '07", "NSCB/Director of
//! Children's Services", "quarterly"); this stage adds, beside each raw value, the normalised
//! form a researcher compares and joins on, reading only the model (never the document) and
//! the reference tables compiled into the binary. It runs once per document, after the
//! recognisers, so `sgx extract` and a batch's `documents/<id>.json` stay byte-equal.
//!
//! Data flow: `sgx-recognise` → [`normalise`] → `sgx-model` → writers. Each normaliser is one
//! module with one public function over the model; the order they run in is written once, here.

mod area;
mod calendar;
mod chair;
mod graph;
mod leads;
mod parts;
mod period;
mod status;
mod timescale;
mod tokens;

use sgx_model::Extraction;

pub mod themes;

/// Add the normalised forms to every fact of `x` that has one.
pub fn normalise(x: &mut Extraction) {
    // The normalisers, in dependency order (a later one may read what an earlier one added).
    // Bodies get their ids and links first: leads link to bodies by id.
    graph::link_governance(x);
    chair::read_chairs_and_meetings(x);
    leads::read_leads(x);
    period::normalise_period(x);
    // Timescales read two-digit and yearless dates against the period.
    timescale::normalise_timescales(x);
    status::normalise_statuses(x);
    area::resolve_areas(x);
    themes::assign(x);
}
