//! Each reader, and each reader followed by the recognisers, on a representative corpus
//! document of its format (the largest one, so the most tables and pages): `cargo bench`.
//! Formats without a corpus document are skipped.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// File extension → the format name used in the bench ids.
const FORMATS: [(&str, &str); 5] =
    [("txt", "text"), ("md", "markdown"), ("html", "html"), ("docx", "docx"), ("pdf", "pdf")];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The largest corpus document with extension `ext`.
fn representative(ext: &str) -> Option<PathBuf> {
    let entries = std::fs::read_dir(corpus()).ok()?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .max_by_key(|p| (std::fs::metadata(p).map(|m| m.len()).unwrap_or(0), p.clone()))
}

fn readers(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    group.sample_size(20).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    for (ext, format) in FORMATS {
        let Some(path) = representative(ext) else {
            eprintln!("no corpus document ends .{ext}: {format} skipped");
            continue;
        };
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if let Err(e) = sgx_read::read(&bytes, &name) {
            eprintln!("{name}: {e}: {format} skipped");
            continue;
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("{format}/{name}"), |b| {
            b.iter(|| sgx_read::read(&bytes, &name).map(|d| d.blocks.len()))
        });
        group.bench_function(format!("{format}+recognise/{name}"), |b| {
            b.iter(|| sgx_pipeline::extract(&bytes, &name, &mut |_| {}).map(|m| m.actions.len()))
        });
    }
    group.finish();
}

/// A document flattened into one paragraph (hosting sites lose line breaks; a table becomes
/// a run of cells), at three sizes: time per word should stay flat as the paragraph grows,
/// which is what keeps a flattened 400-page report inside the timeout.
fn flattened(c: &mut Criterion) {
    const VOCABULARY: [&str; 16] = [
        "the",
        "Board",
        "Learning",
        "Group",
        "is",
        "chaired",
        "by",
        "Director",
        "and",
        "meets",
        "quarterly",
        "reports",
        "to",
        "Executive",
        "of",
        "Panel",
    ];
    let mut group = c.benchmark_group("flattened");
    group.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    for words in [10_000usize, 20_000, 40_000] {
        // A fixed pseudo-random walk over the vocabulary, a full stop every 20 words.
        let mut text = String::from("# Annual report\n\n");
        let mut state = 7u64;
        for i in 0..words {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(VOCABULARY[(state >> 33) as usize % VOCABULARY.len()]);
            text.push_str(if i % 20 == 19 { ". " } else { " " });
        }
        group.throughput(Throughput::Elements(words as u64));
        group.bench_function(format!("{words}-words"), |b| {
            b.iter(|| {
                sgx_pipeline::extract(text.as_bytes(), "flat.md", &mut |_| {})
                    .map(|m| m.governance.bodies.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, readers, flattened);
criterion_main!(benches);
