//! Any page: extraction never panics, and what it keeps is trimmed text
//! with boilerplate indices inside the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storydiff_extract::html;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    if let Ok(doc) = html::extract(&page, Some("https://example.org/news/story")) {
        assert!(doc.paragraphs.iter().all(|p| !p.is_empty() && p.trim() == p));
        assert!(doc.boilerplate.iter().all(|&i| i < doc.paragraphs.len()));
    }
});
