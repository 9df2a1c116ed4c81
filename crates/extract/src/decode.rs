//! Bytes to text: byte-order mark, then valid UTF-8, then a guess.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, and how.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, e.g. "UTF-8", "UTF-16LE", "windows-1251".
    pub encoding: &'static str,
    /// Set when some bytes were not valid in that encoding and became U+FFFD.
    pub had_errors: bool,
}

/// Decodes a file's bytes. A byte-order mark wins; then text that is valid
/// UTF-8 is UTF-8; anything else is guessed with `chardetng` (which, unlike
/// a fixed fallback, tells windows-1251 from windows-1252 from Shift_JIS).
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_cow(Cow::Borrowed(bytes))
}

/// [`decode`], taking the bytes: valid UTF-8 without a byte-order mark,
/// most files, becomes the text in place instead of a copy (a 10 MB file's
/// copy was a tenth of its reading, most of it the new memory's first
/// touch).
pub fn decode_owned(bytes: Vec<u8>) -> Decoded {
    decode_cow(Cow::Owned(bytes))
}

fn decode_cow(bytes: Cow<'_, [u8]>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            had_errors,
        };
    }
    // Owned bytes become the text without a copy; borrowed ones are copied.
    let utf8 = match bytes {
        Cow::Owned(bytes) => String::from_utf8(bytes).map_err(|e| Cow::Owned(e.into_bytes())),
        Cow::Borrowed(bytes) => std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| Cow::Borrowed(bytes)),
    };
    let bytes = match utf8 {
        Ok(text) => {
            return Decoded {
                text,
                encoding: UTF_8.name(),
                had_errors: false,
            }
        }
        Err(bytes) => bytes,
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        had_errors,
    }
}

/// Decodes a web page's bytes: a byte-order mark wins; then text that is
/// valid UTF-8 is UTF-8; then the charset of the HTTP `Content-Type`
/// header, then the page's own `<meta charset>`; then a `chardetng` guess
/// (never a blind windows-1252).
///
/// Valid UTF-8 goes before the declarations on purpose: servers and
/// templates often declare ISO-8859-1 for pages that are UTF-8, while text
/// really in a legacy encoding is almost never valid UTF-8 by chance.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    if Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        return decode(bytes);
    }
    let declared = http_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(bytes))
        // A page that declares UTF-16 in ASCII bytes is not UTF-16 (WHATWG).
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE && *e != UTF_8);
    match declared {
        Some(encoding) => {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: encoding.name(),
                had_errors,
            }
        }
        None => decode(bytes),
    }
}

/// The encoding a page declares in its first 1024 bytes, as browsers read it:
/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(pos) = tag.find("charset") {
            let value = tag[pos + 7..].trim_start().strip_prefix('=')?.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| c == '"' || c == '\'' || c == ';' || c.is_whitespace() || c == '/')
                .unwrap_or(value.len());
            if let Some(encoding) = Encoding::for_label(&value.as_bytes()[..end]) {
                return Some(encoding);
            }
        }
    }
    None
}

/// Names the kind of binary content, or `None` if the bytes may be text.
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or a Word document)"),
        (b"\x1f\x8b", "a gzip-compressed file"),
        (b"\x7fELF", "a program"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    // UTF-16 text is full of NUL bytes, but it starts with a byte-order mark.
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0).then_some("binary data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Héllo".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let d = decode(&bytes);
        assert_eq!(d.text, "Héllo");
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(sniff_binary(&bytes), None);
    }

    proptest::proptest! {
        /// Taking the bytes changes nothing of what they decode to.
        #[test]
        fn decode_owned_is_decode(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64), bom in 0usize..3) {
            let mut bytes = bytes;
            let marks: [&[u8]; 3] = [b"", b"\xEF\xBB\xBF", b"\xFF\xFE"];
            bytes.splice(0..0, marks[bom].iter().copied());
            let (a, b) = (decode(&bytes), decode_owned(bytes));
            proptest::prop_assert_eq!((a.text, a.encoding, a.had_errors), (b.text, b.encoding, b.had_errors));
        }
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").text, "abc");
    }

    #[test]
    fn windows_1251_is_guessed_not_read_as_latin() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Президент подписал указ о новых мерах поддержки в понедельник.");
        let d = decode(&bytes);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.starts_with("Президент"));
    }

    #[test]
    fn a_meta_charset_decides_an_undeclared_page() {
        let html = "<html><head><meta charset=\"windows-1251\"><title>Новости</title></head><body>Президент</body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(html);
        let d = decode_html(&bytes, None);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("Президент"));
    }

    #[test]
    fn http_equiv_content_type_is_read_too() {
        let html = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>東京</p>";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(html);
        let d = decode_html(&bytes, None);
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.contains("東京"));
    }

    #[test]
    fn a_wrong_header_charset_loses_to_valid_utf8() {
        let d = decode_html("<p>Café “quoted”</p>".as_bytes(), Some("iso-8859-1"));
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Café “quoted”"));
    }

    #[test]
    fn png_and_nul_bytes_are_binary() {
        assert_eq!(sniff_binary(b"\x89PNG\r\n\x1a\n...."), Some("a PNG image"));
        assert_eq!(sniff_binary(b"abc\0def"), Some("binary data"));
        assert_eq!(sniff_binary("plain text, “quoted”".as_bytes()), None);
    }
}
