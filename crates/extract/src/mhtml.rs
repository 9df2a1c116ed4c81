//! Pages saved by a browser as one file (MHTML: "Save page as… single
//! file"): a MIME message whose first HTML part is the page.

use base64::Engine;

/// Why a saved page gave no HTML, in words for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotHtml {
    /// Not a MIME message, or one without parts: not a saved page.
    NotMime,
    /// A well-formed saved page without an HTML part (only images, say).
    NoHtmlPart,
    /// The HTML part is there but its base64 is broken.
    BadBase64 { at: usize },
}

impl std::fmt::Display for NotHtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotHtml::NotMime => f.write_str("this is not a saved page (MHTML): it has no MIME headers with a boundary between parts. Save the page again from your browser"),
            NotHtml::NoHtmlPart => f.write_str("this saved page (MHTML) has no HTML part, only other resources. Save the page again from your browser (\"Webpage, single file\" or \"complete\")"),
            NotHtml::BadBase64 { at } => write!(f, "the page inside this saved file (MHTML) is damaged: its base64 encoding breaks at byte {at} of the part. The file was cut short or altered; save the page again from your browser"),
        }
    }
}

/// The page's HTML bytes and the charset its part declares.
///
/// The file is read as bytes throughout: a part sent as `8bit` or
/// quoted-printable in a legacy charset (windows-1251, Shift_JIS) keeps
/// its bytes for the HTML decoder, which reads them by the part's own
/// charset, the page's `<meta>`, or a guess.
pub fn html_part(bytes: &[u8]) -> Result<(Vec<u8>, Option<String>), NotHtml> {
    let (head, body) = split_headers(bytes).ok_or(NotHtml::NotMime)?;
    let head = String::from_utf8_lossy(head);
    let boundary = header(&head, "content-type")
        .and_then(|t| param(&t, "boundary"))
        .filter(|b| !b.is_empty())
        .ok_or(NotHtml::NotMime)?;
    let delimiter = format!("--{boundary}");
    for part in split(body, delimiter.as_bytes()).skip(1) {
        if part.starts_with(b"--") {
            break; // the closing delimiter
        }
        let start = part
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(part.len());
        let Some((headers, content)) = split_headers(&part[start..]) else {
            continue;
        };
        let headers = String::from_utf8_lossy(headers);
        let content_type = header(&headers, "content-type").unwrap_or_default();
        if !content_type.to_ascii_lowercase().starts_with("text/html") {
            continue;
        }
        let charset = param(&content_type, "charset");
        let mut end = content.len();
        while end > 0 && matches!(content[end - 1], b'\r' | b'\n') {
            end -= 1;
        }
        let content = &content[..end];
        let encoding = header(&headers, "content-transfer-encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let decoded = match encoding.trim() {
            "quoted-printable" => quoted_printable(content),
            "base64" => {
                let compact: Vec<u8> = content
                    .iter()
                    .copied()
                    .filter(|c| !c.is_ascii_whitespace())
                    .collect();
                base64::engine::general_purpose::STANDARD
                    .decode(&compact)
                    .map_err(|e| NotHtml::BadBase64 {
                        at: match e {
                            base64::DecodeError::InvalidByte(at, _)
                            | base64::DecodeError::InvalidLastSymbol(at, _) => at,
                            _ => compact.len(),
                        },
                    })?
            }
            _ => content.to_vec(),
        };
        return Ok((decoded, charset));
    }
    Err(NotHtml::NoHtmlPart)
}

/// The parts of `body` between occurrences of `delimiter`.
fn split<'a>(body: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let current = rest?;
        match find(current, delimiter) {
            Some(at) => {
                rest = Some(&current[at + delimiter.len()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    // memchr's two-way search: linear, whatever boundary the file declares.
    memchr::memmem::find(haystack, needle)
}

fn split_headers(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = find(text, b"\r\n\r\n").map(|i| (i, 4));
    let lf = find(text, b"\n\n").map(|i| (i, 2));
    let (at, len) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 < b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    Some((&text[..at], &text[at + len..]))
}

/// A header's value, with folded continuation lines joined.
fn header(headers: &str, name: &str) -> Option<String> {
    let mut value: Option<String> = None;
    for line in headers.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(v) = value.as_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        if value.is_some() {
            break;
        }
        if let Some((key, rest)) = line.split_once(':') {
            if key.trim().eq_ignore_ascii_case(name) {
                value = Some(rest.trim().to_string());
            }
        }
    }
    value
}

fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        if input[i] == b'=' {
            match (input.get(i + 1), input.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) => i += 2,
                (Some(&a), Some(&b)) if a.is_ascii_hexdigit() && b.is_ascii_hexdigit() => {
                    let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
                    out.push(hex(a) * 16 + hex(b));
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            }
        } else {
            out.push(input[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_is_found_and_decoded() {
        let mhtml = "From: <Saved by Blink>\r\nSubject: Sea wall\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc\"\r\n\r\n------MultipartBoundary--abc\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://example.org/sea-wall\r\n\r\n<html><body><p class=3D\"lead\">Caf=C3=A9 owners=\r\n welcomed it.</p></body></html>\r\n------MultipartBoundary--abc\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--abc--\r\n";
        let (html, charset) = html_part(mhtml.as_bytes()).unwrap();
        assert_eq!(charset, None);
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<html><body><p class=\"lead\">Café owners welcomed it.</p></body></html>"
        );
    }

    #[test]
    fn base64_parts_decode_too() {
        let body = base64::engine::general_purpose::STANDARD.encode("<p>Hello</p>");
        let mhtml = format!("Content-Type: multipart/related; boundary=\"b\"\n\n--b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{body}\n--b--\n");
        let (html, charset) = html_part(mhtml.as_bytes()).unwrap();
        assert_eq!(html, b"<p>Hello</p>");
        assert_eq!(charset.as_deref(), Some("utf-8"));
    }

    #[test]
    fn a_file_without_an_html_part_has_none() {
        assert_eq!(
            html_part(b"Content-Type: multipart/related; boundary=b\n\n--b\nContent-Type: image/png\n\nxx\n--b--"),
            Err(NotHtml::NoHtmlPart)
        );
    }
}
