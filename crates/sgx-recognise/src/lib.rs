pub fn recognise(_doc: &sgx_ir::Document) -> () {}
