//! What sgx's test suites share (a dev-dependency only): the reference material kept beside
//! the repository in `../shared`, which some tests score against.
//!
//! A test asks for the path it needs with [`shared`]. When the path is there, the test runs.
//! When it is not, the test is skipped with a line on stderr that names the missing path —
//! written to the process's stderr directly, so that `cargo test`, which captures what tests
//! print, still shows it — unless [`REQUIRE_SHARED`] is set (CI sets it in `.ci/run`): then
//! the test fails, so that CI can never pass by skipping.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Set (to anything but `0` or nothing), the reference material is required: a test that
/// cannot find it fails instead of skipping.
pub const REQUIRE_SHARED: &str = "SGX_REQUIRE_SHARED";

/// Where the reference material is, when not in `../shared` beside the repository.
pub const SHARED_DIR: &str = "SGX_SHARED_DIR";

/// The folder of reference material: `$SGX_SHARED_DIR`, or `shared` beside the repository.
pub fn shared_root() -> PathBuf {
    match std::env::var_os(SHARED_DIR) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        // This crate is crates/sgx-testkit: three levels up is the repository's parent.
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(3).expect("a parent").join("shared"),
    }
}

/// Whether the environment requires the reference material ([`REQUIRE_SHARED`]).
pub fn shared_required() -> bool {
    std::env::var_os(REQUIRE_SHARED).is_some_and(|v| !v.is_empty() && v != "0")
}

/// `relative` (a file or folder) in the reference material, if it is there. If it is not,
/// the test fails when the material is required, else a skip line goes to stderr and `None`
/// comes back: `let Some(dir) = sgx_testkit::shared("external/pdfs") else { return };`.
pub fn shared(relative: &str) -> Option<PathBuf> {
    available(&shared_root().join(relative), shared_required(), &mut std::io::stderr())
}

/// `path` if it exists. Otherwise: a panic naming it when `required`, else a line naming it
/// written to `skip_to` (and flushed), and `None`.
pub fn available(path: &Path, required: bool, skip_to: &mut dyn Write) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_path_buf());
    }
    let test = std::thread::current().name().unwrap_or("a test").to_string();
    let missing = path.display();
    if required {
        panic!(
            "{test}: {missing} is not present, and {REQUIRE_SHARED} says the reference material is required"
        );
    }
    let line = format!(
        "skipped: {test}: needs {missing}, which is not present (with {REQUIRE_SHARED}=1 this fails)\n"
    );
    let _ = skip_to.write_all(line.as_bytes()).and_then(|()| skip_to.flush());
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nowhere() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-folder/external/pdfs")
    }

    #[test]
    fn a_present_path_is_used() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut said = Vec::new();
        assert_eq!(available(here, true, &mut said), Some(here.to_path_buf()));
        assert_eq!(available(here, false, &mut said), Some(here.to_path_buf()));
        assert!(said.is_empty());
    }

    #[test]
    fn a_missing_path_is_a_skip_line_naming_it() {
        let mut said = Vec::new();
        assert_eq!(available(&nowhere(), false, &mut said), None);
        let said = String::from_utf8(said).unwrap();
        let test = "tests::a_missing_path_is_a_skip_line_naming_it";
        assert!(said.starts_with(&format!("skipped: {test}: needs {}, ", nowhere().display())), "{said}");
        assert!(said.contains("SGX_REQUIRE_SHARED=1"), "{said}");
        assert_eq!(said.lines().count(), 1, "{said}");
    }

    #[test]
    fn a_missing_path_is_a_failure_when_required() {
        let mut said = Vec::new();
        let failed =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| available(&nowhere(), true, &mut said)))
                .unwrap_err();
        let message = failed.downcast_ref::<String>().unwrap();
        assert!(message.contains(&format!("{} is not present", nowhere().display())), "{message}");
        assert!(message.contains(REQUIRE_SHARED), "{message}");
        assert!(said.is_empty(), "no skip line when it fails");
    }
}
