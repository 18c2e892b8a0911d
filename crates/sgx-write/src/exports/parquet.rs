//! One Parquet file per table of [`TABLES`] (`documents.parquet`, `priorities.parquet`, ...),
//! beside the CSV files, with the columns typed from the tables' [`ColumnType`]s:
//!
//! | column type | Parquet | Arrow / pandas |
//! |---|---|---|
//! | `Int` | `INT64` | `int64` |
//! | `Real` | `DOUBLE` | `float64` |
//! | `Bool` | `BOOLEAN` | `bool` |
//! | `Date` | `INT32` annotated `DATE` | `date32` |
//! | `Text` | `BYTE_ARRAY` annotated `STRING` | `string` |
//! | `List` | `LIST` of required `STRING` | `list<string>`: true lists, not joined text |
//!
//! A column is optional (nullable) exactly where the table says it may be empty; list items are
//! never null. Values are as extracted (no formula neutralising: that is for spreadsheets).
//!
//! Rows are buffered per table in Arrow builders and handed to the writer every [`BATCH_ROWS`]
//! rows; the writer closes a row group at [`ROW_GROUP_ROWS`] rows or [`ROW_GROUP_BYTES`],
//! whichever comes first, so memory stays flat however many documents a batch has. Pages are
//! Snappy-compressed. Each file is written under a temporary name ([`AtomicFile`]) and appears
//! only when the staged file is committed; dropped unfinished, it leaves nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, FieldRef, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use sgx_model::Extraction;

use super::{Export, ExportFormat};
use crate::tables::{Cell, ColumnType, Table, TABLES};
use crate::{AtomicFile, DocumentId, Staged, WriteError};

pub(super) const EXPORT: ExportFormat = ExportFormat {
    name: "parquet",
    files: || TABLES.iter().map(|t| file_name(t)).collect(),
    create: |out_dir| Ok(Box::new(ParquetExport::create(out_dir)?)),
};

/// Rows a table buffers in its builders before they go to the writer as one record batch.
const BATCH_ROWS: usize = 1024;
/// The most rows in one row group.
const ROW_GROUP_ROWS: usize = 64 * 1024;
/// The most encoded bytes the writer holds for a row group before it writes it out.
const ROW_GROUP_BYTES: usize = 8 << 20;

/// Name of a list column's items, as the Parquet format's LIST type spells it.
const LIST_ITEM: &str = "element";

struct ParquetExport {
    files: Vec<TableFile>,
}

impl ParquetExport {
    fn create(out_dir: &Path) -> Result<ParquetExport, WriteError> {
        let files = TABLES.iter().map(|table| TableFile::create(table, out_dir)).collect::<Result<_, _>>()?;
        Ok(ParquetExport { files })
    }
}

impl Export for ParquetExport {
    fn add(&mut self, id: &DocumentId, doc: &Extraction, _paths: &[String]) -> Result<(), WriteError> {
        for file in &mut self.files {
            for row in (file.table.rows)(id, doc) {
                file.push(&row)?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<Staged>, WriteError> {
        self.files.into_iter().map(TableFile::finish).collect()
    }
}

/// One table's file being written: its builders (one per column) and the writer.
struct TableFile {
    table: &'static Table,
    schema: SchemaRef,
    columns: Vec<ColumnBuilder>,
    /// Rows in the builders, not yet handed to the writer.
    buffered: usize,
    writer: ArrowWriter<AtomicFile>,
    dest: PathBuf,
}

impl TableFile {
    fn create(table: &'static Table, out_dir: &Path) -> Result<TableFile, WriteError> {
        let dest = out_dir.join(file_name(table));
        let schema = schema(table);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .build();
        let file = AtomicFile::create(&dest)?;
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(parquet_error(&dest))?;
        let columns = table.columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
        Ok(TableFile { table, schema, columns, buffered: 0, writer, dest })
    }

    /// Append one row (its cells in column order), writing a batch when enough are buffered.
    fn push(&mut self, row: &[Cell<'_>]) -> Result<(), WriteError> {
        if row.len() != self.columns.len() {
            let detail = format!("a row of {} cells for {} columns", row.len(), self.columns.len());
            return Err(parquet_error(&self.dest)(ParquetError::General(detail)));
        }
        for ((builder, cell), column) in self.columns.iter_mut().zip(row).zip(self.table.columns) {
            builder.append(cell).map_err(|detail| {
                parquet_error(&self.dest)(ParquetError::General(format!("column {}: {detail}", column.name)))
            })?;
        }
        self.buffered += 1;
        if self.buffered >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Hand the buffered rows to the writer as one record batch (checked against the schema:
    /// a null in a required column is an error here).
    fn flush(&mut self) -> Result<(), WriteError> {
        if self.buffered == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(ColumnBuilder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| parquet_error(&self.dest)(ParquetError::from(e)))?;
        self.writer.write(&batch).map_err(parquet_error(&self.dest))?;
        self.buffered = 0;
        Ok(())
    }

    /// Write the last rows and the footer, and sync the file under its temporary name.
    fn finish(mut self) -> Result<Staged, WriteError> {
        self.flush()?;
        let file = self.writer.into_inner().map_err(parquet_error(&self.dest))?;
        file.stage()
    }
}

/// The Arrow schema of a table's file: one field per column, in order, typed by [`data_type`].
fn schema(table: &Table) -> SchemaRef {
    let fields: Vec<Field> =
        table.columns.iter().map(|c| Field::new(c.name, data_type(c.ty), c.nullable)).collect();
    Arc::new(Schema::new(fields))
}

/// The Arrow type a column type is written as (the writer maps it to Parquet's).
fn data_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Int => DataType::Int64,
        ColumnType::Real => DataType::Float64,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Date => DataType::Date32,
        ColumnType::List => DataType::List(list_item()),
    }
}

/// A list column's item: text, never null.
fn list_item() -> FieldRef {
    Arc::new(Field::new(LIST_ITEM, DataType::Utf8, false))
}

/// The values of one column, buffered until the next record batch.
enum ColumnBuilder {
    Text(StringBuilder),
    Int(Int64Builder),
    Real(Float64Builder),
    Bool(BooleanBuilder),
    Date(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl ColumnBuilder {
    fn new(ty: ColumnType) -> ColumnBuilder {
        match ty {
            ColumnType::Text => ColumnBuilder::Text(StringBuilder::new()),
            ColumnType::Int => ColumnBuilder::Int(Int64Builder::new()),
            ColumnType::Real => ColumnBuilder::Real(Float64Builder::new()),
            ColumnType::Bool => ColumnBuilder::Bool(BooleanBuilder::new()),
            ColumnType::Date => ColumnBuilder::Date(Date32Builder::new()),
            ColumnType::List => {
                ColumnBuilder::List(ListBuilder::new(StringBuilder::new()).with_field(list_item()))
            }
        }
    }

    /// Append a cell, or say why it does not fit the column.
    fn append(&mut self, cell: &Cell<'_>) -> Result<(), String> {
        match (self, cell) {
            (ColumnBuilder::Text(b), Cell::Null) => b.append_null(),
            (ColumnBuilder::Int(b), Cell::Null) => b.append_null(),
            (ColumnBuilder::Real(b), Cell::Null) => b.append_null(),
            (ColumnBuilder::Bool(b), Cell::Null) => b.append_null(),
            (ColumnBuilder::Date(b), Cell::Null) => b.append_null(),
            (ColumnBuilder::List(b), Cell::Null) => b.append_null(),
            (ColumnBuilder::Text(b), Cell::Text(s)) => b.append_value(s),
            (ColumnBuilder::Int(b), Cell::Int(n)) => b.append_value(*n),
            (ColumnBuilder::Real(b), Cell::Real(x)) => b.append_value(*x),
            (ColumnBuilder::Bool(b), Cell::Bool(v)) => b.append_value(*v),
            (ColumnBuilder::Date(b), Cell::Text(s)) => b.append_value(
                days_since_epoch(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))?,
            ),
            (ColumnBuilder::List(b), Cell::List(items)) => {
                for item in items.iter() {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            (_, cell) => return Err(format!("{cell:?} is not of the column's type")),
        }
        Ok(())
    }

    /// The values buffered since the last call, as one array; the builder starts empty again.
    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Int(b) => Arc::new(b.finish()),
            ColumnBuilder::Real(b) => Arc::new(b.finish()),
            ColumnBuilder::Bool(b) => Arc::new(b.finish()),
            ColumnBuilder::Date(b) => Arc::new(b.finish()),
            ColumnBuilder::List(b) => Arc::new(b.finish()),
        }
    }
}

/// Days from 1970-01-01 to the date `YYYY-MM-DD` (Parquet's and Arrow's DATE), or `None` if
/// `text` is not a valid date in that form.
fn days_since_epoch(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = bytes.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if !(1..=month_days).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil: years start in March, so the leap day ends the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    i32::try_from(era * 146_097 + day_of_era - 719_468).ok()
}

fn file_name(table: &Table) -> String {
    format!("{}.parquet", table.name)
}

fn parquet_error(path: &Path) -> impl Fn(ParquetError) -> WriteError + '_ {
    move |source| WriteError::Parquet { path: path.to_path_buf(), source }
}

#[cfg(test)]
mod tests {
    use std::fs::File;

    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Int64Type};
    use arrow_array::Array;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};

    use super::*;
    use crate::tables::tests::sample;

    /// Write `docs` (each under its own id) with the Parquet export and commit the files.
    fn export(dir: &Path, docs: &[Extraction]) -> Vec<PathBuf> {
        let mut export = (EXPORT.create)(dir).unwrap();
        for (i, doc) in docs.iter().enumerate() {
            export.add(&crate::document_id(i.to_string().as_bytes()).unwrap(), doc, &[]).unwrap();
        }
        let staged = export.finish().unwrap();
        let written: Vec<PathBuf> = staged.iter().map(|s| s.dest().to_path_buf()).collect();
        for file in staged {
            file.commit().unwrap();
        }
        written
    }

    /// Every record batch of a Parquet file, read back with the parquet crate's Arrow reader.
    fn read(path: &Path) -> (SchemaRef, Vec<RecordBatch>) {
        let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
        let schema = builder.schema().clone();
        (schema, builder.build().unwrap().map(Result::unwrap).collect())
    }

    #[test]
    fn each_table_is_a_file_whose_columns_have_the_types_of_its_column_types() {
        let dir = tempfile::tempdir().unwrap();
        let written = export(dir.path(), &[sample()]);
        assert_eq!(written.len(), TABLES.len());
        for (table, path) in TABLES.iter().zip(&written) {
            assert_eq!(path, &dir.path().join(format!("{}.parquet", table.name)));
            let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
            // The Parquet schema itself (what any reader sees), not only the Arrow one embedded.
            let parquet = builder.parquet_schema().root_schema();
            let fields = parquet.get_fields();
            assert_eq!(fields.len(), table.columns.len(), "{}", table.name);
            for (column, field) in table.columns.iter().zip(fields) {
                let info = field.get_basic_info();
                let what = format!("{}.{}", table.name, column.name);
                assert_eq!(info.name(), column.name, "{what}");
                let repetition = if column.nullable { Repetition::OPTIONAL } else { Repetition::REQUIRED };
                assert_eq!(info.repetition(), repetition, "{what}: nullable only where optional");
                match column.ty {
                    ColumnType::List => {
                        assert!(field.is_group(), "{what}: a list is a group");
                        assert_eq!(info.logical_type_ref(), Some(&LogicalType::List), "{what}");
                        let repeated = &field.get_fields()[0];
                        assert_eq!(repeated.get_basic_info().repetition(), Repetition::REPEATED, "{what}");
                        let item = &repeated.get_fields()[0];
                        assert_eq!(item.get_physical_type(), PhysicalType::BYTE_ARRAY, "{what}");
                        assert_eq!(item.get_basic_info().logical_type_ref(), Some(&LogicalType::String));
                        assert_eq!(item.get_basic_info().repetition(), Repetition::REQUIRED, "{what}");
                    }
                    ty => {
                        let (physical, logical) = match ty {
                            ColumnType::Int => (PhysicalType::INT64, None),
                            ColumnType::Real => (PhysicalType::DOUBLE, None),
                            ColumnType::Bool => (PhysicalType::BOOLEAN, None),
                            ColumnType::Date => (PhysicalType::INT32, Some(LogicalType::Date)),
                            _ => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
                        };
                        assert_eq!(field.get_physical_type(), physical, "{what}");
                        assert_eq!(info.logical_type_ref(), logical.as_ref(), "{what}");
                    }
                }
            }
            let (schema, batches) = read(path);
            assert_eq!(schema, super::schema(table), "{}: the Arrow schema read back", table.name);
            let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
            assert_eq!(rows, (table.rows)(&crate::document_id(&b"0"[..]).unwrap(), &sample()).len());
        }
    }

    #[test]
    fn values_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        export(dir.path(), &[sample()]);
        let (_, batches) = read(&dir.path().join("actions.parquet"));
        let actions = &batches[0];
        let tasks = actions.column_by_name("tasks").unwrap().as_list::<i32>().value(0);
        let tasks: Vec<&str> = tasks.as_string::<i32>().iter().map(Option::unwrap).collect();
        assert_eq!(tasks, ["Audit cases", "Train staff"], "a list, not joined text");
        let measures = actions.column_by_name("measures").unwrap().as_list::<i32>();
        assert!(measures.is_valid(0) && measures.value(0).is_empty(), "an empty list, not a null");
        assert!(actions.column_by_name("section").unwrap().is_null(0), "a missing value is a null");
        assert_eq!(actions.column_by_name("position").unwrap().as_primitive::<Int64Type>().value(0), 1);
        assert!(!actions.column_by_name("garbled").unwrap().as_boolean().value(0));
        assert_eq!(actions.column_by_name("due").unwrap().as_string::<i32>().value(0), "2021-06");

        let (_, batches) = read(&dir.path().join("documents.parquet"));
        let start = batches[0].column_by_name("period_start").unwrap().as_primitive::<Date32Type>();
        assert_eq!(start.value(0), days_since_epoch("2021-04-01").unwrap());
        assert_eq!(start.value(0), 18_718, "2021-04-01 is day 18,718 of the Unix epoch");
        let path = batches[0].column_by_name("path").unwrap().as_string::<i32>().value(0);
        assert_eq!(path, "plans/a \"quoted\", plan.txt", "text as extracted");
    }

    #[test]
    fn many_documents_stream_through_in_batches_and_row_groups() {
        let dir = tempfile::tempdir().unwrap();
        let docs = vec![sample(); BATCH_ROWS * 2 + 3];
        export(dir.path(), &docs);
        let file = File::open(dir.path().join("documents.parquet")).unwrap();
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(builder.metadata().file_metadata().num_rows(), docs.len() as i64);
        let (_, batches) = read(&dir.path().join("documents.parquet"));
        let ids = batches.iter().flat_map(|b| {
            let ids = b.column(0).as_string::<i32>();
            (0..ids.len()).map(|i| ids.value(i).to_string()).collect::<Vec<_>>()
        });
        let expected =
            (0..docs.len()).map(|i| crate::document_id(i.to_string().as_bytes()).unwrap().to_string());
        assert!(ids.eq(expected), "every document once, in the order added");
    }

    #[test]
    fn a_value_that_does_not_fit_its_column_fails_naming_the_file_and_leaves_nothing() {
        let mut doc = sample();
        doc.document.period.as_mut().unwrap().start_date = Some("2021-02-30".into());
        let dir = tempfile::tempdir().unwrap();
        let mut export = (EXPORT.create)(dir.path()).unwrap();
        let err = export.add(&crate::document_id(&b"x"[..]).unwrap(), &doc, &[]).unwrap_err().to_string();
        assert!(err.contains("documents.parquet") && err.contains("period_start"), "{err}");
        drop(export);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no file, whole or partial");
    }

    #[test]
    fn files_appear_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let mut export = (EXPORT.create)(dir.path()).unwrap();
        export.add(&crate::document_id(&b"x"[..]).unwrap(), &sample(), &[]).unwrap();
        let staged = export.finish().unwrap();
        for file in &staged {
            assert!(!file.dest().exists(), "{} is not in place before commit", file.dest().display());
        }
        drop(staged);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "staged and dropped: nothing left");
    }

    #[test]
    fn the_readme_names_every_typed_column_in_the_row_of_its_type() {
        let readme = include_str!("../../../../README.md");
        let section = readme.split("### Parquet column types").nth(1).expect("the README's section");
        let row = |label: &str| {
            let start = format!("| {label} |");
            section.lines().find(|l| l.starts_with(&start)).unwrap_or_else(|| panic!("no row {label}"))
        };
        for table in TABLES {
            for column in table.columns {
                let label = match column.ty {
                    ColumnType::Int => "integer",
                    ColumnType::Real => "real",
                    ColumnType::Bool => "boolean",
                    ColumnType::Date => "date",
                    ColumnType::List => "list",
                    ColumnType::Text => continue,
                };
                let name = format!("`{}`", column.name);
                assert!(
                    row(label).contains(&name),
                    "{}.{}: not in the README's {label} row",
                    table.name,
                    column.name
                );
                for other in ["integer", "real", "boolean", "date", "list"].iter().filter(|l| **l != label) {
                    assert!(
                        !row(other).contains(&name),
                        "{}.{} is also in the {other} row",
                        table.name,
                        column.name
                    );
                }
            }
        }
    }

    #[test]
    fn dates_are_days_since_the_epoch_and_only_real_dates_are_dates() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("1969-12-31"), Some(-1));
        assert_eq!(days_since_epoch("2000-02-29"), Some(11_016));
        assert_eq!(days_since_epoch("2000-03-01"), Some(11_017));
        assert_eq!(days_since_epoch("2022-03-31"), Some(19_082));
        for bad in [
            "2021-02-29",
            "1900-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-04-31",
            "2021-06",
            "21-04-01",
            "2021/04/01",
            "２０２１-04-01",
            "",
        ] {
            assert_eq!(days_since_epoch(bad), None, "{bad:?}");
        }
    }
}
