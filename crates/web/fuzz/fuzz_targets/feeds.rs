//! Any bytes served as RSS, Atom, JSON Feed or a sitemap: reading never
//! panics, and a list read holds no more entries than the cap, each an
//! http or https address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storydiff_web::feed::{read, MAX_ENTRIES};
use storydiff_web::Fetched;

fuzz_target!(|data: &[u8]| {
    for content_type in ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml", "text/html"] {
        let page = Fetched {
            url: "https://news.example/feed".to_string(),
            final_url: "https://news.example/feed".to_string(),
            status: 200,
            headers: vec![("content-type".to_string(), content_type.to_string())],
            body: data.to_vec(),
            fetched_at: "2026-01-01T00:00:00Z".to_string(),
        };
        if let Some(Ok(listing)) = read(&page) {
            assert!(listing.entries.len() <= MAX_ENTRIES);
            for entry in &listing.entries {
                assert!(entry.link.starts_with("http://") || entry.link.starts_with("https://"), "{}", entry.link);
            }
        }
    }
});
