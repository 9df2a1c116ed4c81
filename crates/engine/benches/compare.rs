//! In-process speed of `compare`: an article, a 1 MB and a 10 MB pair.
//!
//! ```sh
//! cargo bench -p storydiff-engine --bench compare
//! ```
//!
//! The article is the `syndicated-reprint` fixture (always there); the
//! 1 MB and 10 MB pairs, and the corpus's own 5 KB article, come from the
//! benchmark corpus (`../shared/bench/README.md` says how to make it) in
//! `$STORYDIFF_CORPUS` or `target/bench-corpus`, and are skipped where it
//! is missing. Reading the files is not timed; building the whole
//! `Comparison` (with its copies of both texts) is.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use storydiff_engine::{compare, Document, Options};

fn fixture(name: &str, side: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .join(format!("{side}.txt"));
    Document::from_text(&std::fs::read_to_string(path).unwrap())
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("STORYDIFF_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-corpus"))
}

fn corpus_pair(size: &str) -> Option<(Document, Document)> {
    let dir = corpus_dir().join(size);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    Some((
        Document::from_text(&read("a.txt")?),
        Document::from_text(&read("b.txt")?),
    ))
}

fn bench(c: &mut Criterion) {
    let options = Options {
        // The full answer, never a deadline's coarser one.
        deadline_ms: 600_000,
        ..Options::default()
    };
    let bytes = |old: &Document, new: &Document| -> u64 {
        old.paragraphs
            .iter()
            .chain(&new.paragraphs)
            .map(|p| p.len() as u64)
            .sum()
    };

    let mut group = c.benchmark_group("compare");
    let (old, new) = (
        fixture("syndicated-reprint", "old"),
        fixture("syndicated-reprint", "new"),
    );
    group.throughput(Throughput::Bytes(bytes(&old, &new)));
    group.bench_function("article (fixture)", |b| {
        b.iter(|| compare(&old, &new, &options))
    });
    for (size, samples) in [
        ("s5k", 100),
        ("s1m", 20),
        ("h1m", 20),
        ("s10m", 10),
        ("h10m", 10),
    ] {
        let Some((old, new)) = corpus_pair(size) else {
            eprintln!("skipping {size}: no corpus in {}", corpus_dir().display());
            continue;
        };
        group.sample_size(samples);
        if samples <= 10 {
            group.measurement_time(Duration::from_secs(8));
        }
        group.throughput(Throughput::Bytes(bytes(&old, &new)));
        group.bench_function(size, |b| b.iter(|| compare(&old, &new, &options)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
