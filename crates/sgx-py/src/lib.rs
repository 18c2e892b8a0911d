//! The native half of the Python package `sgx` (python/sgx/ is the other half): extraction
//! with the GIL released, the errors as one exception type, and the export tables' layout so
//! `sgx.load` types the columns as the exports declare them. Documents are returned as the
//! JSON `sgx extract` prints, byte for byte; Python turns it into a dict.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    _sgx,
    ExtractError,
    PyException,
    "A document sgx could not extract: str(e) is the line `sgx extract` prints, without its 'sgx: ' prefix."
);

/// A failure or a panic as the CLI words it: "FILE: reason".
fn failure(file: &str, outcome: std::thread::Result<Result<String, String>>) -> PyResult<String> {
    let reason = match outcome {
        Ok(Ok(json)) => return Ok(json),
        Ok(Err(reason)) => reason,
        Err(panic) => sgx_pipeline::panic_reason(&*panic),
    };
    Err(ExtractError::new_err(format!("{file}: {reason}")))
}

/// The model JSON of the file at `path`.
#[pyfunction]
fn extract_path(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    let shown = path.display().to_string();
    let outcome = py.detach(|| {
        catch_unwind(AssertUnwindSafe(|| {
            sgx_pipeline::extract_file(&path, &mut |_| {}).map(|x| x.to_json()).map_err(|e| e.to_string())
        }))
    });
    failure(&shown, outcome)
}

/// The model JSON of a document given as bytes; `name` is recorded as its source path (and its
/// extension, if any, helps detect the format).
#[pyfunction]
fn extract_bytes(py: Python<'_>, data: Vec<u8>, name: String) -> PyResult<String> {
    let outcome = py.detach(|| {
        catch_unwind(AssertUnwindSafe(|| {
            sgx_pipeline::extract(&data, &name, &mut |_| {}).map(|x| x.to_json()).map_err(|e| e.to_string())
        }))
    });
    failure(&name, outcome)
}

/// A column of an export table: its name, type and whether it may be null.
type ColumnInfo = (&'static str, &'static str, bool);

/// The export tables: (name, [(column, type, nullable)]) with types "text", "int", "float", "bool",
/// "list", in the order the exports write them.
#[pyfunction]
fn tables() -> Vec<(&'static str, Vec<ColumnInfo>)> {
    sgx_write::tables::TABLES
        .iter()
        .map(|t| (t.name, t.columns.iter().map(|c| (c.name, column_type(c.ty), c.nullable)).collect()))
        .collect()
}

fn column_type(ty: sgx_write::tables::ColumnType) -> &'static str {
    use sgx_write::tables::ColumnType;
    match ty {
        // A date is ISO text in the SQLite export `load` reads.
        ColumnType::Text | ColumnType::Date => "text",
        ColumnType::Int => "int",
        ColumnType::Real => "float",
        ColumnType::Bool => "bool",
        ColumnType::List => "list",
    }
}

#[pymodule]
fn _sgx(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ExtractError", m.py().get_type::<ExtractError>())?;
    m.add("LIST_SEPARATOR", sgx_write::LIST_SEPARATOR)?;
    m.add("SCHEMA_VERSION", sgx_model::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(extract_path, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    Ok(())
}
