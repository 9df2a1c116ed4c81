//! Extraction measured on real news pages with human-marked answers
//! (`../shared/extraction/aeb-dev`, part of the Article Extraction
//! Benchmark): the metric is the benchmark's own, F1 of 4-word shingles of
//! the extracted body against the marked body, averaged over pages.

use std::collections::HashSet;
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use storydiff_sources::{decode_html, html};

fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/extraction/aeb-dev");
    assert!(
        dir.is_dir(),
        "{} is missing: the extraction test data lives in shared/ beside the repository",
        dir.display()
    );
    dir
}

fn shingles(text: &str) -> HashSet<Vec<String>> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    words.windows(4).map(<[String]>::to_vec).collect()
}

#[test]
fn body_f1_on_the_benchmark_pages_is_at_least_0_92() {
    let dir = data_dir();
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json")).unwrap()).unwrap();
    let (mut precision, mut recall, mut f1, mut pages, mut dated) = (0.0, 0.0, 0.0, 0usize, 0usize);
    let started = Instant::now();
    for (id, answer) in truth.as_object().unwrap() {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut bytes)
            .unwrap();
        let text = decode_html(&bytes, None).text;
        let url = answer["url"].as_str();
        let doc = html::extract(&text, url).ok();
        dated += usize::from(doc.as_ref().is_some_and(|d| d.published.is_some()));
        let body = doc.map(|d| d.paragraphs.join("\n")).unwrap_or_default();
        let (got, want) = (
            shingles(&body),
            shingles(answer["articleBody"].as_str().unwrap()),
        );
        let shared = got.intersection(&want).count() as f64;
        let p = if got.is_empty() {
            0.0
        } else {
            shared / got.len() as f64
        };
        let r = if want.is_empty() {
            0.0
        } else {
            shared / want.len() as f64
        };
        precision += p;
        recall += r;
        f1 += if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        pages += 1;
    }
    let n = pages as f64;
    let per_page = started.elapsed().as_secs_f64() * 1000.0 / n;
    eprintln!(
        "extraction on {pages} pages: precision {:.3}, recall {:.3}, F1 {:.3}, a date on {dated} ({per_page:.1} ms a page, debug build)",
        precision / n,
        recall / n,
        f1 / n
    );
    assert_eq!(pages, 50);
    assert!(f1 / n >= 0.92, "mean body F1 {:.3} fell below 0.92", f1 / n);
}
