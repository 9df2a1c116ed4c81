//! One WARC record, and the HTTP answer a `response` record holds.

use std::io::Read;

/// A record's named fields, in order, names compared without case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    pub fn push(&mut self, name: &str, value: &str) {
        self.0.push((name.to_string(), value.to_string()));
    }

    pub(crate) fn continue_last(&mut self, more: &str) {
        if let Some((_, value)) = self.0.last_mut() {
            value.push(' ');
            value.push_str(more);
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// One record as read.
#[derive(Debug, Clone)]
pub struct Record {
    /// Where it starts in the file: the byte offset of its gzip member, or
    /// of the record in a plain (or whole-file gzip, decompressed) file.
    pub offset: u64,
    /// `WARC/1.0` or `WARC/1.1`.
    pub version: String,
    pub headers: Headers,
    /// The content block, exactly `Content-Length` bytes.
    pub block: Vec<u8>,
}

impl Record {
    /// `response`, `request`, `revisit`, `warcinfo`, `metadata`, `resource`…
    pub fn kind(&self) -> &str {
        self.headers.get("WARC-Type").unwrap_or("")
    }

    pub fn target_uri(&self) -> Option<&str> {
        // WARC 1.0 allowed the URI in angle brackets.
        self.headers
            .get("WARC-Target-URI")
            .map(|u| u.trim_start_matches('<').trim_end_matches('>'))
    }

    pub fn date(&self) -> Option<&str> {
        self.headers.get("WARC-Date")
    }

    pub fn record_id(&self) -> Option<&str> {
        self.headers.get("WARC-Record-ID")
    }

    pub fn payload_digest(&self) -> Option<&str> {
        self.headers.get("WARC-Payload-Digest")
    }

    /// Whether the block is an HTTP message (a `response`'s, or a revisit's
    /// headers).
    pub fn is_http(&self) -> bool {
        self.headers
            .get("Content-Type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"))
    }

    /// The HTTP answer of a `response` record (or the headers of a
    /// `revisit`'s); `None` when the block is no HTTP message.
    pub fn http(&self) -> Option<Result<HttpResponse, String>> {
        self.is_http().then(|| HttpResponse::parse(&self.block))
    }
}

/// An HTTP response as a WARC keeps it.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub reason: String,
    /// Header names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// The body as it was sent: still chunked or compressed if it was
    /// (the payload the digest is taken over).
    pub payload: Vec<u8>,
}

/// The most a compressed body may inflate to when read.
const MAX_INFLATED: u64 = 64 * 1024 * 1024;

impl HttpResponse {
    pub fn parse(block: &[u8]) -> Result<HttpResponse, String> {
        let end = block
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|i| (i, i + 4))
            .or_else(|| {
                block
                    .windows(2)
                    .position(|w| w == b"\n\n")
                    .map(|i| (i, i + 2))
            })
            .ok_or("the HTTP headers do not end")?;
        let head = String::from_utf8_lossy(&block[..end.0]);
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or_default();
        let mut parts = status_line.splitn(3, ' ');
        let version = parts.next().unwrap_or_default();
        if !version.starts_with("HTTP/") {
            return Err(format!(
                "no HTTP status line ({:?})",
                status_line.chars().take(40).collect::<String>()
            ));
        }
        let status = parts
            .next()
            .and_then(|s| s.parse::<u16>().ok())
            .ok_or("the HTTP status is no number")?;
        let reason = parts.next().unwrap_or_default().to_string();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Ok(HttpResponse {
            status,
            reason,
            headers,
            payload: block[end.1..].to_vec(),
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The media type, lower case, without parameters.
    pub fn mime(&self) -> String {
        self.header("content-type")
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    }

    /// The body as a reader sees it: chunked transfer undone, then gzip or
    /// deflate content encoding, within a bound.
    pub fn body(&self) -> Result<Vec<u8>, String> {
        let mut body = self.payload.clone();
        let chunked = self
            .header("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        if chunked {
            body = dechunk(&body)?;
        }
        let coding = self
            .header("content-encoding")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let inflate = |reader: &mut dyn Read| -> Result<Vec<u8>, String> {
            let mut out = Vec::new();
            reader
                .take(MAX_INFLATED + 1)
                .read_to_end(&mut out)
                .map_err(|e| format!("its {coding} body does not inflate ({e})"))?;
            if out.len() as u64 > MAX_INFLATED {
                return Err(format!("its {coding} body inflates to more than 64 MB"));
            }
            Ok(out)
        };
        match coding.as_str() {
            "" | "identity" => Ok(body),
            "gzip" | "x-gzip" => inflate(&mut flate2::read::MultiGzDecoder::new(&body[..])),
            "deflate" => {
                // Servers send zlib-wrapped or raw deflate under this name.
                match inflate(&mut flate2::read::ZlibDecoder::new(&body[..])) {
                    Ok(out) => Ok(out),
                    Err(_) => inflate(&mut flate2::read::DeflateDecoder::new(&body[..])),
                }
            }
            other => Err(format!(
                "its body is encoded as {other:?}, which storydiff does not undo"
            )),
        }
    }
}

/// Undoes HTTP/1.1 chunked transfer coding.
pub fn dechunk(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("a chunk's size line does not end")?;
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("a chunk's size ({size_text:?}) is no hex number"))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if rest.len() < size {
            // A capture cut short: what arrived is kept.
            out.extend_from_slice(rest);
            return Ok(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_and_compressed_bodies_are_read() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;x=y\r\n, world\r\n0\r\n\r\n").unwrap(),
            b"Hello, world"
        );
        assert!(dechunk(b"zz\r\nHello\r\n").is_err());
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>page</p>").unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend(&gz);
        chunked.extend(b"\r\n0\r\n\r\n");
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(chunked);
        let http = HttpResponse::parse(&block).unwrap();
        assert_eq!(http.status, 200);
        assert_eq!(http.mime(), "text/html");
        assert_eq!(http.body().unwrap(), b"<p>page</p>");
    }
}
