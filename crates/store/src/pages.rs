//! Pages fetched from the web, kept exactly as they arrived, so that a
//! comparison can be reopened offline and cited.
//!
//! The store is evidence, so it is written as if a hostile site (or a
//! hostile local user) were trying to falsify it:
//! - **a record per fetch**: the bytes are kept once in `snapshots`, by
//!   SHA-256, shared by every fetch (and every archive capture) that
//!   received them; each fetch adds its own row to `fetches` (address,
//!   final address, time, HTTP status and headers) under a record name of
//!   its own, so a later fetch of the same bytes, or another address
//!   serving them, never overwrites a citation;
//! - **checked when read back**: a body whose SHA-256 no longer matches is
//!   refused as altered;
//! - **no secrets**: the credentials of an address (`user:pass@`) and the
//!   headers that carry cookies or authorisation are never kept.

use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{hex, redact_url, Error, Result, Store, SECRET_HEADERS};

/// What a fetch received, as the store is given it.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The address asked for.
    pub url: &'a str,
    /// The address after redirects.
    pub final_url: &'a str,
    pub status: u16,
    /// Response headers, in order.
    pub headers: &'a [(String, String)],
    /// The body, decompressed.
    pub body: &'a [u8],
    /// When the response arrived, RFC 3339 in UTC.
    pub fetched_at: &'a str,
}

/// What is known of a kept page: one fetch's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub url: String,
    pub final_url: String,
    pub fetched_at: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Hex SHA-256 of the body.
    pub sha256: String,
    pub bytes: u64,
    /// The name of this fetch's record (`<sha256>.<time>.<unique>`), which
    /// [`Store::snapshot`] takes to reopen exactly this fetch.
    #[serde(default)]
    pub record: String,
}

impl Store {
    /// Keeps a fetched page: its body once, and a record of this fetch.
    pub fn keep_page(&self, page: &Page<'_>) -> Result<Snapshot> {
        let sha256 = hex(&Sha256::digest(page.body));
        let snapshot = Snapshot {
            url: redact_url(page.url),
            final_url: redact_url(page.final_url),
            fetched_at: page.fetched_at.to_string(),
            status: page.status,
            headers: page
                .headers
                .iter()
                .filter(|(k, _)| !SECRET_HEADERS.contains(&k.to_ascii_lowercase().as_str()))
                .cloned()
                .collect(),
            record: format!("{sha256}.{}.{}", compact_time(page.fetched_at), unique()),
            sha256,
            bytes: page.body.len() as u64,
        };
        self.insert_fetch(&snapshot, page.body)?;
        Ok(snapshot)
    }

    /// Writes one fetch's record and its body (if new) in one transaction.
    /// A record already kept under its name is left as it is.
    pub(crate) fn insert_fetch(&self, snapshot: &Snapshot, body: &[u8]) -> Result<()> {
        let write = || -> rusqlite::Result<()> {
            let tx = self.conn.unchecked_transaction()?;
            tx.execute(
                "INSERT INTO snapshots (sha256, body) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![snapshot.sha256, body],
            )?;
            tx.execute(
                "INSERT INTO fetches (record, url, final_url, fetched_at, status, headers, body_sha256, bytes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (record) DO NOTHING",
                params![
                    snapshot.record,
                    snapshot.url,
                    snapshot.final_url,
                    snapshot.fetched_at,
                    snapshot.status,
                    serde_json::to_string(&snapshot.headers).expect("headers serialise"),
                    snapshot.sha256,
                    snapshot.bytes as i64,
                ],
            )?;
            tx.commit()
        };
        write().map_err(|e| self.sql(e))
    }

    /// Reads a kept page back: a fetch's record (by its name,
    /// [`Snapshot::record`]) and its bytes; or, given the SHA-256 of a
    /// body, its latest fetch.
    pub fn snapshot(&self, id: &str) -> Result<(Snapshot, Vec<u8>)> {
        let refused = |reason: &str| Error::Snapshot {
            path: self.path.clone(),
            reason: format!("snapshot {id}: {reason}"),
        };
        let valid = id.len() >= 64
            && id[..64].bytes().all(|b| b.is_ascii_hexdigit())
            && id[64..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if !valid {
            return Err(refused("not a snapshot name"));
        }
        let row = if id.len() > 64 {
            self.conn
                .query_row(
                    &format!("{FETCH_SELECT} WHERE record = ?1"),
                    [id],
                    snapshot_row,
                )
                .optional()
        } else {
            self.conn
                .query_row(
                    &format!(
                        "{FETCH_SELECT} WHERE body_sha256 = ?1 ORDER BY fetched_at DESC, id DESC LIMIT 1"
                    ),
                    [id],
                    snapshot_row,
                )
                .optional()
        };
        let snapshot = row
            .map_err(|e| self.sql(e))?
            .ok_or_else(|| refused("no page is kept under this name"))?;
        let body = self
            .body(&snapshot.sha256)?
            .ok_or_else(|| refused("the record's page is missing from the store"))?;
        if hex(&Sha256::digest(&body)) != snapshot.sha256 {
            return Err(refused(
                "the kept page does not match its SHA-256: the snapshot was altered after it was saved",
            ));
        }
        Ok((snapshot, body))
    }

    /// Every fetch kept, oldest first.
    pub fn snapshots(&self) -> Result<Vec<Snapshot>> {
        self.fetches_where("true", params![])
    }

    /// The fetches of one address (asked for, or reached by redirect),
    /// oldest first.
    pub fn snapshots_of(&self, url: &str) -> Result<Vec<Snapshot>> {
        let url = redact_url(url.trim());
        self.fetches_where("url = ?1 OR final_url = ?1", params![url])
    }

    fn fetches_where(
        &self,
        condition: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Snapshot>> {
        let mut statement = self
            .conn
            .prepare(&format!(
                "{FETCH_SELECT} WHERE {condition} ORDER BY fetched_at, record"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map(args, snapshot_row)
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }
}

const FETCH_SELECT: &str =
    "SELECT url, final_url, fetched_at, status, headers, body_sha256, bytes, record FROM fetches";

fn snapshot_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Snapshot> {
    let headers: String = r.get(4)?;
    Ok(Snapshot {
        url: r.get(0)?,
        final_url: r.get(1)?,
        fetched_at: r.get(2)?,
        status: r.get(3)?,
        headers: serde_json::from_str(&headers).unwrap_or_default(),
        sha256: r.get(5)?,
        bytes: r.get::<_, i64>(6)? as u64,
        record: r.get(7)?,
    })
}

/// A name no other fetch uses: process, time and a counter.
fn unique() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let seed = format!("{}-{nanos}-{n}", std::process::id());
    hex(&Sha256::digest(seed.as_bytes())[..8])
}

/// "2026-11-28T08:15:02Z" → "20261128T081502Z", for record names.
pub(crate) fn compact_time(rfc3339: &str) -> String {
    rfc3339
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'a>(url: &'a str, body: &'a [u8], at: &'a str) -> Page<'a> {
        Page {
            url,
            final_url: url,
            status: 200,
            headers: &[],
            body,
            fetched_at: at,
        }
    }

    #[test]
    fn a_kept_page_reads_back_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let kept = store
            .keep_page(&Page {
                final_url: "http://127.0.0.1/b",
                headers: &[("content-type".into(), "text/html".into())],
                ..page(
                    "http://127.0.0.1/a",
                    b"<p>hello</p>",
                    "2026-11-28T08:00:00Z",
                )
            })
            .unwrap();
        assert_eq!(kept.sha256.len(), 64);
        let (again, bytes) = store.snapshot(&kept.sha256).unwrap();
        assert_eq!(again, kept);
        assert_eq!(bytes, b"<p>hello</p>");
        assert_eq!(store.snapshot(&kept.record).unwrap().0, kept);
    }

    #[test]
    fn a_name_that_is_no_snapshot_is_refused_and_names_what_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        for id in [
            "../../etc/passwd",
            "",
            &"a".repeat(64),
            &format!("{}/x", "a".repeat(64)),
        ] {
            let err = store.snapshot(id).unwrap_err();
            assert_eq!(err.kind(), "store");
            assert!(err.to_string().contains("snapshot"), "{err}");
        }
    }

    #[test]
    fn an_altered_body_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let kept = store
            .keep_page(&page(
                "https://example.org/a",
                b"<p>true</p>",
                "2026-11-28T08:00:00Z",
            ))
            .unwrap();
        store
            .conn
            .execute("UPDATE snapshots SET body = x'00'", [])
            .unwrap();
        let err = store.snapshot(&kept.record).unwrap_err();
        assert!(err.to_string().contains("altered"), "{err}");
    }

    #[test]
    fn the_fetches_of_an_address_are_found_by_either_address() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        store
            .keep_page(&Page {
                final_url: "https://example.org/story",
                ..page(
                    "https://example.org/s?id=1",
                    b"<p>a</p>",
                    "2026-11-28T08:00:00Z",
                )
            })
            .unwrap();
        store
            .keep_page(&page(
                "https://other.example/",
                b"<p>b</p>",
                "2026-11-28T09:00:00Z",
            ))
            .unwrap();
        assert_eq!(
            store
                .snapshots_of("https://example.org/story")
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .snapshots_of("https://example.org/s?id=1")
                .unwrap()
                .len(),
            1
        );
        assert_eq!(store.snapshots().unwrap().len(), 2);
    }
}
