//! Any bytes as an archive's list of captures (CDX JSON, a Memento
//! TimeMap): parsing never panics, and every capture it lets through has a
//! real capture time and names a page, never an empty address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storydiff_web::archive::{parse_cdx, parse_timemap, real_capture_time};

fuzz_target!(|data: &[u8]| {
    if let Ok(listed) = parse_cdx(data, "https://web.archive.org") {
        for l in listed {
            assert!(real_capture_time(&l.timestamp), "{:?}", l.timestamp);
            assert!(!l.replay_url.is_empty());
        }
    }
    let text = String::from_utf8_lossy(data);
    if let Ok(listed) = parse_timemap(&text, "archive.example") {
        for l in listed {
            assert!(!l.replay_url.is_empty());
        }
    }
});
