//! The README's themes table is the data file's: made by `sgx_normalise::themes::taxonomy_table`,
//! compared here. `SGX_UPDATE_README=1` writes the current table into the README instead.

use std::path::PathBuf;

const START: &str = "<!-- themes-table:start -->\n";
const END: &str = "<!-- themes-table:end -->";

#[test]
fn readme_themes_table_matches_the_data_file() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme.find(START).expect("README has the themes-table:start marker") + START.len();
    let end = start + readme[start..].find(END).expect("README has the themes-table:end marker");
    let table = sgx_normalise::themes::taxonomy_table();
    if std::env::var_os("SGX_UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md written");
        return;
    }
    assert!(
        readme[start..end] == table,
        "README's themes table differs from data/themes.json: rerun with SGX_UPDATE_README=1\n{table}"
    );
}
