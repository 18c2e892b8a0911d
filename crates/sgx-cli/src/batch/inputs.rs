//! The documents a batch reads: files named on the command line or on stdin (`-`), and every
//! file below the folders named there, in a fixed order. Also the checks that keep `--out` away
//! from the inputs.

use std::io::BufRead;
use std::path::{Component, Path, PathBuf};

/// One input file, or a place that could not be listed (reported as a failed input).
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// Why the path could not even be listed, if so.
    pub problem: Option<String>,
}

/// What the command line names: the files to read and the folders they were found in.
pub struct Inputs {
    pub files: Vec<Input>,
    pub folders: Vec<PathBuf>,
}

/// Expand the arguments (`-` reads one path a line from `stdin`) into files, in argument order,
/// each folder's files sorted by name, depth first. Hidden entries (`.name`) inside folders
/// are skipped, and symbolic links to folders are not followed (they can make cycles);
/// a path named explicitly is always taken. The same path named twice is taken once.
pub fn collect(args: &[PathBuf], stdin: impl BufRead) -> Inputs {
    let mut named = Vec::new();
    let mut stdin = Some(stdin);
    for arg in args {
        if arg.as_os_str() == "-" {
            if let Some(lines) = stdin.take() {
                named.extend(
                    lines
                        .lines()
                        .map_while(Result::ok)
                        .map(|l| l.trim_end_matches('\r').to_string())
                        .filter(|l| !l.trim().is_empty())
                        .map(PathBuf::from),
                );
            }
        } else {
            named.push(arg.clone());
        }
    }
    let mut inputs = Inputs { files: Vec::new(), folders: Vec::new() };
    for path in named {
        if path.is_dir() {
            walk(&path, &mut inputs.files);
            inputs.folders.push(path);
        } else {
            inputs.files.push(Input { path, problem: None });
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    inputs.files.retain(|f| seen.insert(f.path.clone()));
    inputs
}

fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Input {
                path: dir.to_path_buf(),
                problem: Some(format!("cannot list the folder: {}", sgx_pipeline::io_reason(&e))),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let is_real_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_real_dir {
            walk(&path, out);
        } else if !path.is_dir() {
            // Files, links to files, and broken links (which then fail as unreadable).
            out.push(Input { path, problem: None });
        }
    }
}

/// Refuse an output folder inside an input folder (the batch would read its own output),
/// and an input that is one of the files the batch writes (it would be overwritten).
pub fn check_out_dir(
    out: &Path,
    inputs: &Inputs,
    output_files: &[String],
    store_dir: &str,
) -> Result<(), String> {
    let out_abs = absolute(out);
    if out.exists() && !out.is_dir() {
        return Err(format!("--out {}: exists and is not a folder", out.display()));
    }
    for folder in &inputs.folders {
        let folder_abs = absolute(folder);
        if out_abs.starts_with(&folder_abs) {
            return Err(format!(
                "--out {} is inside the input folder {}: choose a folder outside the inputs",
                out.display(),
                folder.display()
            ));
        }
    }
    let store = out_abs.join(store_dir);
    for input in &inputs.files {
        let file = absolute(&input.path);
        if file.starts_with(&store) || output_files.iter().any(|name| file == out_abs.join(name)) {
            return Err(format!(
                "input {} is an output file of --out {}: it would be overwritten",
                input.path.display(),
                out.display()
            ));
        }
    }
    Ok(())
}

/// The absolute, symlink-free form of `path`, also for a path that does not exist yet (its
/// nearest existing ancestor is resolved and the rest appended).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let base = normalise(&std::env::current_dir().unwrap_or_default().join(path));
    let mut missing = Vec::new();
    let mut cur = base.as_path();
    loop {
        if let Ok(p) = cur.canonicalize() {
            let mut out = p;
            for part in missing.iter().rev() {
                out.push(part);
            }
            return normalise(&out);
        }
        match (cur.file_name(), cur.parent()) {
            (Some(name), Some(parent)) => {
                missing.push(name.to_os_string());
                cur = parent;
            }
            _ => return base,
        }
    }
}

/// Resolve `.` and `..` lexically.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_order_without_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/sub")).unwrap();
        for f in ["b/z.txt", "b/sub/a.txt", "a.txt", ".hidden", "b/.DS_Store"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let inputs = collect(&[root.to_path_buf(), root.join("a.txt")], std::io::empty());
        let names: Vec<String> =
            inputs.files.iter().map(|f| f.path.strip_prefix(root).unwrap().display().to_string()).collect();
        assert_eq!(names, ["a.txt", "b/sub/a.txt", "b/z.txt"]);
    }

    #[test]
    fn stdin_names_paths() {
        let inputs = collect(&[PathBuf::from("-")], "one.txt\n\ntwo.pdf\r\n".as_bytes());
        let names: Vec<_> = inputs.files.iter().map(|f| f.path.display().to_string()).collect();
        assert_eq!(names, ["one.txt", "two.pdf"]);
    }

    #[test]
    fn out_inside_an_input_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = collect(&[dir.path().to_path_buf()], std::io::empty());
        let err = check_out_dir(&dir.path().join("out/new"), &inputs, &[], "documents").unwrap_err();
        assert!(err.contains("inside the input folder"), "{err}");
        let elsewhere = tempfile::tempdir().unwrap();
        assert!(check_out_dir(&elsewhere.path().join("out"), &inputs, &[], "documents").is_ok());
    }

    #[test]
    fn an_input_that_is_an_output_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("documents.jsonl");
        std::fs::write(&file, "{}").unwrap();
        let inputs = collect(&[file], std::io::empty());
        assert!(check_out_dir(dir.path(), &inputs, &["documents.jsonl".to_string()], "documents").is_err());
        assert!(check_out_dir(dir.path(), &inputs, &["sgx.sqlite".to_string()], "documents").is_ok());
    }

    #[test]
    fn absolute_handles_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        let p = absolute(&dir.path().join("x/../y/z"));
        assert_eq!(p, dir.path().canonicalize().unwrap().join("y/z"));
    }
}
