//! Any bytes, with any declared charset: decoding never panics, and what it
//! returns is text (a `String`, so valid UTF-8 by construction).
#![no_main]

use libfuzzer_sys::fuzz_target;
use storydiff_extract::{decode, decode_html, mhtml, sniff_binary};

fuzz_target!(|data: &[u8]| {
    let (label, bytes) = match data.split_first() {
        Some((&n, rest)) => {
            let labels = [None, Some("utf-8"), Some("windows-1251"), Some("shift_jis"), Some("utf-16le"), Some("bogus")];
            (labels[n as usize % labels.len()], rest)
        }
        None => (None, data),
    };
    let _ = sniff_binary(bytes);
    let plain = decode(bytes);
    assert!(!plain.encoding.is_empty());
    let html = decode_html(bytes, label);
    assert!(!html.encoding.is_empty());
    if let Ok((part, charset)) = mhtml::html_part(bytes) {
        let _ = decode_html(&part, charset.as_deref());
    }
});
