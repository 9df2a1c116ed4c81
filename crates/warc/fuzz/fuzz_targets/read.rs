//! Any bytes as a WARC file, plain and gzipped: reading never panics and
//! always ends, each record's block is exactly its Content-Length, and
//! records and damage come in the order of their offsets.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use storydiff_warc::{Item, Reader};

fn check(bytes: &[u8], name: &str) {
    let path = std::env::temp_dir().join(format!("storydiff-fuzz-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let mut last = 0u64;
    let mut items = 0usize;
    for item in Reader::open(&path).unwrap() {
        items += 1;
        assert!(items <= bytes.len() + 1, "more items than bytes: reading does not end");
        match item {
            Item::Record(r) => {
                let length: usize = r.headers.get("Content-Length").unwrap().trim().parse().unwrap();
                assert_eq!(r.block.len(), length);
                // Whole-file gzip offsets are in the decompressed stream.
                if name == "plain" {
                    assert!(r.offset >= last);
                    last = r.offset;
                }
                let _ = r.http().map(|h| h.map(|h| h.body()));
            }
            Item::Damaged { offset, .. } => {
                if name == "plain" {
                    assert!(offset >= last);
                    last = offset;
                }
            }
        }
    }
    let _ = std::fs::remove_file(&path);
}

fuzz_target!(|data: &[u8]| {
    check(data, "plain");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    let mut twice = gz.finish().unwrap();
    // A second member, and a member cut short after it.
    let cut = twice.len() / 2;
    twice.extend_from_within(..cut);
    check(&twice, "members");
});
