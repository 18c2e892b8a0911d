//! `sgx batch --format parquet`: one Parquet file per table of `sgx_write::tables::TABLES`, read
//! back with the parquet crate's reader: its columns have the types the table's column types
//! document (integers INT64, reals DOUBLE, booleans, dates DATE, text UTF8, lists LIST of UTF8), nullable
//! exactly where the column is optional, the same rows as the CSV export of the same batch, the
//! same bytes whatever `--jobs` is, and nothing half-written when the batch is killed.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use sgx_write::tables::{ColumnType, TABLES};

#[test]
fn each_table_is_a_parquet_file_with_typed_columns_and_the_rows_of_the_csv_export() {
    let dir = tempfile::tempdir().unwrap();
    let input = copy_fixtures(dir.path());
    let out = dir.path().join("out");
    let run = batch(&[input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "csv,parquet"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));

    let mut expected: BTreeSet<String> =
        [".sgx-output", ".sgx-lock", "documents", "errors.jsonl", "summary.json"].map(String::from).into();
    for table in TABLES {
        expected.insert(format!("{}.csv", table.name));
        expected.insert(format!("{}.parquet", table.name));
    }
    let listed: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(listed, expected, "a file per table in each format chosen, no temporary file");

    for table in TABLES {
        let path = out.join(format!("{}.parquet", table.name));
        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&path).unwrap()).unwrap();
        // The Parquet schema, as any reader (pandas, R, DuckDB) sees it.
        let fields = reader.parquet_schema().root_schema().get_fields().to_vec();
        let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
        let columns: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        assert_eq!(names, columns, "{}: the table's columns, in order", table.name);
        for (column, field) in table.columns.iter().zip(&fields) {
            let what = format!("{}.{}", table.name, column.name);
            let info = field.get_basic_info();
            let nullable = info.repetition() == Repetition::OPTIONAL;
            assert_eq!(nullable, column.nullable, "{what}: nullable exactly where optional");
            let (physical, logical) = if column.ty == ColumnType::List {
                assert_eq!(info.logical_type_ref(), Some(&LogicalType::List), "{what} is a list");
                let item = &field.get_fields()[0].get_fields()[0];
                (item.get_physical_type(), item.get_basic_info().logical_type_ref().cloned())
            } else {
                (field.get_physical_type(), info.logical_type_ref().cloned())
            };
            let documented = match column.ty {
                ColumnType::Int => (PhysicalType::INT64, None),
                ColumnType::Real => (PhysicalType::DOUBLE, None),
                ColumnType::Bool => (PhysicalType::BOOLEAN, None),
                ColumnType::Date => (PhysicalType::INT32, Some(LogicalType::Date)),
                ColumnType::Text | ColumnType::List => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
            };
            assert_eq!((physical, logical), documented, "{what}");
        }
        let rows = reader.metadata().file_metadata().num_rows();
        assert_eq!(rows as usize, csv_rows(&out.join(format!("{}.csv", table.name))), "{}: rows", table.name);
    }
    for table in ["documents", "priorities", "actions", "governance", "glossary", "themes"] {
        assert!(parquet_rows(&out.join(format!("{table}.parquet"))) > 0, "the fixtures have {table}");
    }

    // List cells are lists: joined, they are the CSV's field (which may neutralise a formula).
    let (header, records) = csv_records(&out.join("actions.csv"));
    let tasks_field = header.iter().position(|h| h == "tasks").unwrap();
    let batches = read(&out.join("actions.parquet"));
    let tasks = batches.iter().flat_map(|b| {
        let list = b.column_by_name("tasks").unwrap().as_list::<i32>().clone();
        (0..list.len()).map(move |i| {
            let items = list.value(i);
            let items = items.as_string::<i32>();
            (0..items.len()).map(|j| items.value(j).to_string()).collect::<Vec<_>>()
        })
    });
    let mut several = 0;
    for (items, record) in tasks.zip(&records) {
        let joined = items.join(sgx_write::LIST_SEPARATOR);
        let field = &record[tasks_field];
        assert!(field == joined || *field == format!("'{joined}"), "{items:?} against {field:?}");
        several += usize::from(items.len() > 1);
    }
    assert!(several > 0, "some action has several tasks, each its own list item");

    // Dates are dates: the period's first day, as the CSV prints it.
    let (header, records) = csv_records(&out.join("documents.csv"));
    let start_field = header.iter().position(|h| h == "period_start").unwrap();
    let batches = read(&out.join("documents.parquet"));
    let starts = batches.iter().flat_map(|b| {
        let dates =
            b.column_by_name("period_start").unwrap().as_primitive::<arrow_array::types::Date32Type>();
        (0..dates.len()).map(|i| dates.is_valid(i).then(|| dates.value(i))).collect::<Vec<_>>()
    });
    let mut dated = 0;
    for (days, record) in starts.zip(&records) {
        let printed = &record[start_field];
        match days {
            Some(days) => {
                assert_eq!(civil_from_days(days), *printed);
                dated += 1;
            }
            None => assert_eq!(printed, "", "no date in Parquet, none in CSV"),
        }
    }
    assert!(dated > 0, "some fixture has a period");
}

#[test]
fn parquet_files_are_the_same_bytes_whatever_jobs_is() {
    let dir = tempfile::tempdir().unwrap();
    let input = copy_fixtures(dir.path());
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    for (out, jobs) in [(&one, "1"), (&two, "2")] {
        let run = batch(&[
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "parquet",
            "--jobs",
            jobs,
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    }
    for table in TABLES {
        let file = format!("{}.parquet", table.name);
        assert!(
            std::fs::read(one.join(&file)).unwrap() == std::fs::read(two.join(&file)).unwrap(),
            "{file} differs"
        );
    }
}

#[test]
fn a_batch_killed_half_way_leaves_no_parquet_file_and_the_next_run_writes_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let source = std::fs::read(repo().join("corpus/harrowfield_lscb_workplan_2009-10.txt")).unwrap();
    let total = 200;
    for i in 0..total {
        let mut text = source.clone();
        text.extend_from_slice(format!("\n\nVariant {i} of this plan.\n").as_bytes());
        std::fs::write(input.join(format!("plan_{i:03}.txt")), text).unwrap();
    }
    let out = dir.path().join("out");
    let args = [input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "parquet", "--quiet"];
    let mut child = Command::new(sgx()).arg("batch").args(args).spawn().unwrap();
    let start = Instant::now();
    while stored(&out) < 10 {
        assert!(start.elapsed() < Duration::from_secs(120), "the batch makes progress");
        assert!(child.try_wait().unwrap().is_none(), "the batch was meant to be killed before it finished");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    for table in TABLES {
        assert!(
            !out.join(format!("{}.parquet", table.name)).exists(),
            "{}: appears only when complete",
            table.name
        );
    }

    let rerun = Command::new(sgx()).arg("batch").args(args).output().unwrap();
    assert_eq!(rerun.status.code(), Some(0), "{}", String::from_utf8_lossy(&rerun.stderr));
    assert_eq!(parquet_rows(&out.join("documents.parquet")), total, "every document once");
    for entry in std::fs::read_dir(&out).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(!name.starts_with(".sgx-tmp-"), "left over: {name}");
    }
}

// ---- helpers ----

fn sgx() -> &'static str {
    env!("CARGO_BIN_EXE_sgx")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn batch(args: &[&str]) -> std::process::Output {
    Command::new(sgx()).arg("batch").args(args).output().unwrap()
}

/// The genre fixtures (HTML, text, markdown) and a corpus workplan, copied into `dir/in`.
fn copy_fixtures(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir(&input).unwrap();
    let mut sources: Vec<PathBuf> = std::fs::read_dir(repo().join("fixtures/genre"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    sources.push(repo().join("corpus/harrowfield_lscb_workplan_2009-10.txt"));
    for source in &sources {
        std::fs::copy(source, input.join(source.file_name().unwrap())).unwrap();
    }
    input
}

/// The models in `out/documents/`.
fn stored(out: &Path) -> usize {
    std::fs::read_dir(out.join("documents")).map_or(0, |entries| {
        entries
            .filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json")))
            .count()
    })
}

fn read(path: &Path) -> Vec<RecordBatch> {
    let reader =
        ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap().build().unwrap();
    reader.map(Result::unwrap).collect()
}

fn parquet_rows(path: &Path) -> usize {
    read(path).iter().map(RecordBatch::num_rows).sum()
}

fn csv_records(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    (header, reader.records().map(Result::unwrap).collect())
}

fn csv_rows(path: &Path) -> usize {
    csv_records(path).1.len()
}

/// `YYYY-MM-DD` of a day count from 1970-01-01 (Howard Hinnant's civil_from_days), written
/// apart from the export's own conversion so the test checks it.
fn civil_from_days(days: i32) -> String {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
