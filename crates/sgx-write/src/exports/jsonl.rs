//! `documents.jsonl`: one model per line, each with its `document_id` as the first key, so the
//! lines load straight into a data frame (`pandas.read_json(path, lines=True)`).

use std::io::Write;
use std::path::Path;

use sgx_model::Extraction;

use super::{Export, ExportFormat};
use crate::{AtomicFile, DocumentId, Staged, Stored, WriteError};

const JSONL_FILE: &str = "documents.jsonl";

pub(super) const EXPORT: ExportFormat = ExportFormat {
    name: "jsonl",
    files: || vec![JSONL_FILE.to_string()],
    create: |out_dir| Ok(Box::new(JsonlExport::create(out_dir)?)),
};

struct JsonlExport {
    file: AtomicFile,
}

impl JsonlExport {
    fn create(out_dir: &Path) -> Result<JsonlExport, WriteError> {
        Ok(JsonlExport { file: AtomicFile::create(&out_dir.join(JSONL_FILE))? })
    }
}

impl Export for JsonlExport {
    fn add(&mut self, id: &DocumentId, doc: &Extraction, paths: &[String]) -> Result<(), WriteError> {
        let path = self.file.dest().to_path_buf();
        // Streamed into the file: the line is the stored model, compact, with its id first.
        let line = Line { document_id: id.as_str(), stored: Stored { model: doc, paths } };
        serde_json::to_writer(&mut self.file, &line)
            .map_err(|source| WriteError::Json { path: path.clone(), source })?;
        self.file.write_all(b"\n").map_err(WriteError::io(path))
    }

    fn finish(self: Box<Self>) -> Result<Vec<Staged>, WriteError> {
        Ok(vec![self.file.stage()?])
    }
}

/// A line of documents.jsonl.
#[derive(serde::Serialize)]
struct Line<'a> {
    document_id: &'a str,
    #[serde(flatten)]
    stored: Stored<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::sample;

    #[test]
    fn one_model_per_line_with_its_id() {
        let dir = tempfile::tempdir().unwrap();
        let mut export = (EXPORT.create)(dir.path()).unwrap();
        let id = crate::document_id(&b"x"[..]).unwrap();
        export.add(&id, &sample(), &["a.txt".into(), "b.txt".into()]).unwrap();
        export.add(&id, &sample(), &[]).unwrap();
        for file in export.finish().unwrap() {
            file.commit().unwrap();
        }
        let text = std::fs::read_to_string(dir.path().join(JSONL_FILE)).unwrap();
        assert_eq!(text.lines().count(), 2);
        let mut line: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(line["document_id"], id.as_str());
        assert_eq!(line["paths"], serde_json::json!(["a.txt", "b.txt"]));
        line.as_object_mut().unwrap().remove("document_id");
        line.as_object_mut().unwrap().remove("paths");
        assert_eq!(serde_json::from_value::<Extraction>(line).unwrap(), sample());
        // Exactly the model's compact JSON after the id (what the line was before it had paths).
        let model = serde_json::to_string(&sample()).unwrap();
        let expected = format!("{{\"document_id\":\"{id}\",{}", &model[1..]);
        assert_eq!(text.lines().nth(1).unwrap(), expected);
    }
}
