//! Pages saved by a browser as one file (MHTML: "Save page as… single
//! file"): a MIME message whose first HTML part is the page.

use base64::Engine;

/// The page's HTML bytes and the charset its part declares, or `None` if
/// the file holds no HTML part.
pub fn html_part(bytes: &[u8]) -> Option<(Vec<u8>, Option<String>)> {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = split_headers(&text)?;
    let boundary = param(&header(head, "content-type")?, "boundary")?;
    let delimiter = format!("--{boundary}");
    for part in body.split(delimiter.as_str()).skip(1) {
        if part.starts_with("--") {
            break; // the closing delimiter
        }
        let Some((headers, content)) = split_headers(part.trim_start_matches(['\r', '\n'])) else {
            continue;
        };
        let content_type = header(headers, "content-type").unwrap_or_default();
        if !content_type.to_ascii_lowercase().starts_with("text/html") {
            continue;
        }
        let charset = param(&content_type, "charset");
        let content = content.trim_end_matches(['\r', '\n']);
        let encoding = header(headers, "content-transfer-encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let decoded = match encoding.trim() {
            "quoted-printable" => quoted_printable(content.as_bytes()),
            "base64" => {
                let compact: String = content.chars().filter(|c| !c.is_whitespace()).collect();
                base64::engine::general_purpose::STANDARD
                    .decode(compact)
                    .ok()?
            }
            _ => content.as_bytes().to_vec(),
        };
        return Some((decoded, charset));
    }
    None
}

fn split_headers(text: &str) -> Option<(&str, &str)> {
    let crlf = text.find("\r\n\r\n").map(|i| (i, 4));
    let lf = text.find("\n\n").map(|i| (i, 2));
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
        assert!(html_part(b"Content-Type: multipart/related; boundary=b\n\n--b\nContent-Type: image/png\n\nxx\n--b--").is_none());
    }
}
