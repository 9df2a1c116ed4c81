//! WACZ 1.1.1: a WARC with its index and its list of pages in one zip,
//! how a collection is handed on (ReplayWeb.page and pywb open it).
//!
//! - `archive/data.warc.gz`: the records;
//! - `indexes/index.cdxj`: a line per record, `SURT TIMESTAMP {json}`, sorted;
//! - `pages/pages.jsonl`: a `json-pages-1.0` header line, then a line a page;
//! - `datapackage.json`: each file with its size and SHA-256.

use std::io::Write;

use serde::Serialize;
use sha2::Digest as _;

/// One record as the index names it.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub url: String,
    /// 14 digits, UTC.
    pub timestamp: String,
    pub mime: String,
    pub status: Option<u16>,
    pub digest: String,
    pub offset: u64,
    pub length: u64,
    /// `response`, `revisit`, `resource`, `metadata`.
    pub kind: String,
}

/// One page of the collection.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub id: String,
    pub url: String,
    /// RFC 3339.
    pub ts: String,
    pub title: Option<String>,
}

/// The SURT form of an address, as CDX indexes sort them:
/// `https://www.example.org/a?b` → `org,example)/a?b`.
pub fn surt(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url) else {
        return url.to_string();
    };
    let host = parsed.host_str().unwrap_or_default().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut parts: Vec<&str> = host.split('.').collect();
    parts.reverse();
    let mut out = parts.join(",");
    if let Some(port) = parsed.port() {
        out.push_str(&format!(":{port}"));
    }
    out.push(')');
    out.push_str(&parsed.path().to_ascii_lowercase());
    if let Some(q) = parsed.query() {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[derive(Serialize)]
struct Resource {
    name: String,
    path: String,
    hash: String,
    bytes: u64,
}

#[derive(Serialize)]
struct DataPackage<'a> {
    profile: &'static str,
    wacz_version: &'static str,
    title: &'a str,
    created: &'a str,
    software: String,
    #[serde(rename = "mainPageURL")]
    main_page_url: Option<&'a str>,
    resources: Vec<Resource>,
}

/// The WACZ of one WARC file's bytes, its index and its pages.
pub fn package(
    warc: &[u8],
    entries: &[IndexEntry],
    pages: &[Page],
    title: &str,
    created: &str,
) -> std::io::Result<Vec<u8>> {
    let mut lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let mut json = serde_json::json!({
                "url": e.url,
                "mime": e.mime,
                "digest": e.digest,
                "length": e.length.to_string(),
                "offset": e.offset.to_string(),
                "filename": "data.warc.gz",
            });
            if let Some(status) = e.status {
                json["status"] = serde_json::Value::String(status.to_string());
            }
            if e.kind == "revisit" {
                json["mime"] = serde_json::Value::String("warc/revisit".to_string());
            }
            format!("{} {} {}", surt(&e.url), e.timestamp, json)
        })
        .collect();
    lines.sort();
    let index = lines.join("\n") + "\n";
    let mut pages_jsonl = String::from(
        "{\"format\": \"json-pages-1.0\", \"id\": \"pages\", \"title\": \"All Pages\"}\n",
    );
    for page in pages {
        pages_jsonl.push_str(&serde_json::to_string(page).expect("pages serialise"));
        pages_jsonl.push('\n');
    }
    let files: [(&str, &[u8]); 3] = [
        ("archive/data.warc.gz", warc),
        ("indexes/index.cdxj", index.as_bytes()),
        ("pages/pages.jsonl", pages_jsonl.as_bytes()),
    ];
    let resources = files
        .iter()
        .map(|(path, bytes)| Resource {
            name: path.rsplit('/').next().unwrap_or(path).to_string(),
            path: path.to_string(),
            hash: format!(
                "sha256:{}",
                sha2::Sha256::digest(bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            ),
            bytes: bytes.len() as u64,
        })
        .collect();
    let datapackage = serde_json::to_vec_pretty(&DataPackage {
        profile: "data-package",
        wacz_version: "1.1.1",
        title,
        created,
        software: format!("storydiff {}", env!("CARGO_PKG_VERSION")),
        main_page_url: pages.first().map(|p| p.url.as_str()),
        resources,
    })
    .expect("the data package serialises");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Stored, not deflated: a replay tool reads the WARC at its offsets.
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(warc.len() as u64 > u32::MAX as u64 / 2);
    for (path, bytes) in files {
        zip.start_file(path, stored)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    zip.start_file("datapackage.json", stored)
        .map_err(std::io::Error::other)?;
    zip.write_all(&datapackage)?;
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::surt;

    #[test]
    fn addresses_sort_by_their_surt() {
        assert_eq!(
            surt("https://www.News.Example.org/Sea-Wall?id=7"),
            "org,example,news)/sea-wall?id=7"
        );
        assert_eq!(surt("http://127.0.0.1:8080/a"), "1,0,0,127:8080)/a");
    }
}
