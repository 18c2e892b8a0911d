//! Print the IR of a file as JSON (a debugging aid that needs no recogniser).
//! Usage: cargo run -p sgx-read --example dump_ir -- FILE
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump_ir FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    match sgx_read::read(&bytes, &path) {
        Ok(doc) => println!("{}", serde_json::to_string_pretty(&doc).expect("serialisable")),
        Err(e) => eprintln!("{path}: {e}"),
    }
}
