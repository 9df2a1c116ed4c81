//! Any bytes as the HTTP answer a response record holds: parsing, undoing
//! chunks and decoding the body never panic, and the body never inflates
//! past its bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storydiff_warc::{dechunk, HttpResponse};

fuzz_target!(|data: &[u8]| {
    let _ = dechunk(data);
    if let Ok(http) = HttpResponse::parse(data) {
        let _ = http.mime();
        if let Ok(body) = http.body() {
            assert!(body.len() <= 64 * 1024 * 1024 + data.len());
        }
    }
    // The same bytes behind headers that ask for every decoding.
    for coding in ["Transfer-Encoding: chunked", "Content-Encoding: gzip", "Content-Encoding: deflate"] {
        let mut block = format!("HTTP/1.1 200 OK\r\n{coding}\r\n\r\n").into_bytes();
        block.extend_from_slice(data);
        let http = HttpResponse::parse(&block).unwrap();
        let _ = http.body();
    }
});
