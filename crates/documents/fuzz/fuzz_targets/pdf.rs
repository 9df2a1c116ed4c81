//! Any bytes as a PDF: reading never panics out of the reader (a panic in
//! pdf-extract or lopdf is contained as that file's error), and a document
//! read has trimmed, non-empty paragraphs and boilerplate indices inside it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use storydiff_documents::{format_of, read};

fuzz_target!(|data: &[u8]| {
    // Every input is handed to the PDF reader, header or not.
    let mut bytes = b"%PDF-1.4\n".to_vec();
    if !data.starts_with(b"%PDF-") {
        bytes.extend_from_slice(data);
    } else {
        bytes = data.to_vec();
    }
    let path = Path::new("fuzz.pdf");
    let Some(format) = format_of(path, &bytes) else {
        panic!("a PDF header must go to the PDF reader");
    };
    match read(path, &bytes, format) {
        Ok(read) => {
            let d = read.document;
            assert!(d.paragraphs.iter().all(|p| !p.is_empty() && p.trim() == p));
            assert!(d.boilerplate.iter().all(|&i| i < d.paragraphs.len()));
        }
        Err(e) => assert!(e.to_string().contains("fuzz.pdf")),
    }
});
