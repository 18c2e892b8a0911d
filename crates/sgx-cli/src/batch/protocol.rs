//! What the batch and its worker processes say to each other, and how it is written on the
//! pipes. Both sides (`pool` in the batch, `worker` in the worker process) use this module and
//! neither uses the other.
//!
//! The batch writes one [`Request`] a line on the worker's stdin, as a JSON object: the path of
//! a document (without loss: a file name need not be UTF-8), the id the batch found for its
//! content, every path with that content, and the store folder. The worker answers each
//! request with [`Reply`] lines on its stdout: `stage NAME` as it goes (so that a hang or a
//! crash can be placed), then `written ID FILE` or `error REASON`. A model does not pass
//! through the pipe: the worker writes it into a new file in the store folder (`FILE`), as the
//! store holds it, and the batch moves that file into place; `ID` is the id of the very bytes
//! the model was made from, which is the document's id even if the file changed after the
//! batch listed it.

use std::fmt;
use std::path::{Path, PathBuf};

/// The worker command of a batch: `sgx __worker batch -`.
pub const WORKER_KIND: &str = "batch";

/// Where in the batch an input failed, as `errors.jsonl` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The file could not be opened, or is not a regular file (`input`).
    Input,
    /// In the worker, a stage of sgx on one document (`read`, `detect`, `parse`, `recognise`).
    Pipeline(sgx_pipeline::Stage),
    /// In the worker, turning the model into JSON (`serialise`).
    Serialise,
    /// No worker could be started, or it was lost before it named a stage (`worker`).
    Worker,
    /// The worker's answer was not a model (`output`).
    Output,
    /// The model could not be saved in the store (`store`).
    Store,
    /// The stored model could not be read back for the exports (`export`).
    Export,
    /// The batch itself failed on the input (`batch`).
    Batch,
}

impl Stage {
    /// The stages that are not the pipeline's.
    const OWN: [Stage; 7] = [
        Stage::Input,
        Stage::Serialise,
        Stage::Worker,
        Stage::Output,
        Stage::Store,
        Stage::Export,
        Stage::Batch,
    ];

    /// The stage's name, as `errors.jsonl` and the worker's `stage` lines print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Input => "input",
            Stage::Pipeline(stage) => stage.as_str(),
            Stage::Serialise => "serialise",
            Stage::Worker => "worker",
            Stage::Output => "output",
            Stage::Store => "store",
            Stage::Export => "export",
            Stage::Batch => "batch",
        }
    }

    /// The stage called `name` (see [`Stage::as_str`]).
    pub fn named(name: &str) -> Option<Stage> {
        let pipeline = sgx_pipeline::Stage::ALL.into_iter().map(Stage::Pipeline);
        Stage::OWN.into_iter().chain(pipeline).find(|stage| stage.as_str() == name)
    }
}

impl From<sgx_pipeline::Stage> for Stage {
    fn from(stage: sgx_pipeline::Stage) -> Stage {
        Stage::Pipeline(stage)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document that produced no model, and where in its processing that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub stage: Stage,
    pub reason: String,
}

impl Failed {
    pub fn new(stage: impl Into<Stage>, reason: impl Into<String>) -> Failed {
        Failed { stage: stage.into(), reason: reason.into() }
    }
}

/// What the batch asks a worker: the model of the file at `path`, written into `store`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The file, by its real name.
    pub path: PathBuf,
    /// The id of the file's content when the batch listed it.
    pub id: String,
    /// Every path that had that content, in input order, `path` first, as the JSON writes them.
    pub paths: Vec<String>,
    /// The store folder, where the worker writes the model.
    pub store: PathBuf,
}

impl Request {
    /// The request as one line (without its line break).
    pub fn to_line(&self) -> String {
        let line = serde_json::json!({
            "path": path_json(&self.path),
            "id": self.id,
            "paths": self.paths,
            "store": path_json(&self.store),
        });
        line.to_string()
    }

    /// The request a line holds; `None` if the line is not a request.
    pub fn parse(line: &str) -> Option<Request> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        Some(Request {
            path: path_from_json(v.get("path")?)?,
            id: v.get("id")?.as_str()?.to_string(),
            paths: serde_json::from_value(v.get("paths")?.clone()).ok()?,
            store: path_from_json(v.get("store")?)?,
        })
    }
}

/// The paths a model records when the content read has id `read`: all the request's if it is
/// the content the batch listed; only the file's own if the file changed in between (its
/// copies still have the listed content, so they are another document).
pub fn paths_for(listed: &str, read: &str, paths: &[String]) -> Vec<String> {
    if listed == read {
        paths.to_vec()
    } else {
        paths.iter().take(1).cloned().collect()
    }
}

/// A path as JSON, without loss: a string when it is Unicode; otherwise (a Unix file name
/// can be any bytes) the array of its bytes. The worker must open the very file the batch
/// found, not one named by a lossy conversion.
fn path_json(path: &Path) -> serde_json::Value {
    if let Some(text) = path.to_str() {
        return text.into();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().into()
    }
    #[cfg(not(unix))]
    path.to_string_lossy().into()
}

/// The path [`path_json`] wrote.
fn path_from_json(value: &serde_json::Value) -> Option<PathBuf> {
    match value {
        serde_json::Value::String(text) => Some(PathBuf::from(text)),
        #[cfg(unix)]
        serde_json::Value::Array(_) => {
            use std::os::unix::ffi::OsStringExt;
            let bytes: Vec<u8> = serde_json::from_value(value.clone()).ok()?;
            Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
        }
        _ => None,
    }
}

/// One line of a worker's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The worker has entered this stage of the document.
    Stage(Stage),
    /// The model is written, in the file `file` of the store folder; `id` is the id of the
    /// bytes it was made from.
    Written { id: String, file: String },
    /// The document failed (in the last stage named); the worker carries on.
    Error(String),
}

impl Reply {
    /// The reply a line (without its line break) holds; `None` for a line that is none.
    pub fn parse(line: &str) -> Option<Reply> {
        match line.split_once(' ')? {
            ("stage", name) => Stage::named(name).map(Reply::Stage),
            ("written", rest) => {
                let (id, file) = rest.split_once(' ')?;
                let plain = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
                (plain(id) && plain(file)).then(|| Reply::Written { id: id.into(), file: file.into() })
            }
            ("error", reason) => Some(Reply::Error(reason.to_string())),
            _ => None,
        }
    }
}

/// The reply as its line, without the line break; line breaks in a reason become spaces.
impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reply::Stage(stage) => write!(f, "stage {stage}"),
            Reply::Written { id, file } => write!(f, "written {id} {file}"),
            Reply::Error(reason) => write!(f, "error {}", reason.replace(['\n', '\r'], " ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_is_found_by_its_name_and_names_are_the_documented_ones() {
        let all: Vec<Stage> =
            Stage::OWN.into_iter().chain(sgx_pipeline::Stage::ALL.into_iter().map(Stage::from)).collect();
        let names: Vec<&str> = all.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            names,
            [
                "input",
                "serialise",
                "worker",
                "output",
                "store",
                "export",
                "batch",
                "read",
                "detect",
                "parse",
                "recognise"
            ]
        );
        for stage in all {
            assert_eq!(Stage::named(stage.as_str()), Some(stage));
            assert_eq!(stage.to_string(), stage.as_str());
        }
        assert_eq!(Stage::named("parsing"), None);
    }

    #[test]
    fn requests_carry_any_path_on_one_line() {
        for path in ["corpus/plan.pdf", "a folder/with \"quotes\"\nand a line break.txt", "ünïcödé.html"]
        {
            let request = Request {
                path: PathBuf::from(path),
                id: "e3b0c44298fc1c149afbf4c8996fb924".into(),
                paths: vec![path.into(), "copy.pdf".into()],
                store: PathBuf::from("out/documents"),
            };
            let line = request.to_line();
            assert!(!line.contains('\n'), "{line}");
            assert_eq!(Request::parse(&line), Some(request));
        }
        assert_eq!(Request::parse("not json"), None);
        assert_eq!(Request::parse(r#"{"path": "a.pdf"}"#), None);
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let raw = Path::new(std::ffi::OsStr::from_bytes(b"in/plan_\xff\xfe.pdf"));
            let store = Path::new(std::ffi::OsStr::from_bytes(b"out_\xff/documents"));
            let request = Request {
                path: raw.into(),
                id: "x".into(),
                paths: vec![raw.display().to_string()],
                store: store.into(),
            };
            assert_eq!(Request::parse(&request.to_line()), Some(request), "not UTF-8: the bytes");
        }
    }

    #[test]
    fn a_file_that_changed_keeps_only_its_own_path() {
        let paths = ["a.txt".to_string(), "copy of a.txt".to_string()];
        assert_eq!(paths_for("1", "1", &paths), paths);
        assert_eq!(paths_for("1", "2", &paths), ["a.txt"]);
    }

    #[test]
    fn replies_read_back_as_written() {
        let replies = [
            Reply::Stage(Stage::Pipeline(sgx_pipeline::Stage::Parse)),
            Reply::Stage(Stage::Serialise),
            Reply::Written { id: "e3b0c44298fc1c149afbf4c8996fb924".into(), file: ".sgx-tmp-Ab12".into() },
            Reply::Error("corrupt file: bad xref".into()),
        ];
        for reply in replies {
            assert_eq!(Reply::parse(&reply.to_string()), Some(reply));
        }
        assert_eq!(Reply::Stage(Stage::Serialise).to_string(), "stage serialise");
        assert_eq!(Reply::Error("two\nlines\r".into()).to_string(), "error two lines ");
        for other in ["stage nowhere", "progress 3", "written", "written id", "written id two words", ""] {
            assert_eq!(Reply::parse(other), None, "{other}");
        }
    }
}
