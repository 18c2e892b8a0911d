//! Priorities.

use sgx_model::Priority;

use crate::actions::ActionTables;
use crate::util::Context;

pub fn recognise(_ctx: &Context, _actions: &ActionTables) -> Vec<Priority> {
    Vec::new()
}
