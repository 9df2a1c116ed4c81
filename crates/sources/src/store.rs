//! The snapshot store: every fetched page, kept exactly as it arrived, so
//! that a comparison can be reopened offline and cited.
//!
//! The store is evidence, so it is written as if a hostile site (or a
//! hostile local user) were trying to falsify it:
//! - **a record per fetch**: `<sha256>.body` holds the bytes, shared by
//!   every fetch that received them; each fetch adds its own record,
//!   `<sha256>.<time>.<unique>.json` (address, final address, fetch time,
//!   HTTP status and headers), so a later fetch of the same bytes, or
//!   another address serving them, never overwrites a citation;
//! - **no links followed**: every file is written to a fresh temporary
//!   name opened with `O_CREAT | O_EXCL | O_NOFOLLOW` and renamed into
//!   place (a rename replaces a planted link, never writes through it);
//!   files are read with `O_NOFOLLOW`, and a body is checked against its
//!   hash when it is read back;
//! - **unique temporary names** (process id, time, a counter), so two
//!   processes saving the same page never collide;
//! - **private**: the folder is created `0700` and files `0600`; the
//!   `Set-Cookie` headers and the credentials of an address
//!   (`user:pass@`) are never kept.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::fetch::{is_secret_header, without_credentials, Fetched};

/// What is known of a stored page.
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
    /// [`SnapshotStore::load`] takes to reopen exactly this fetch.
    #[serde(default)]
    pub record: String,
}

/// A folder of snapshots.
#[derive(Debug, Clone)]
pub struct SnapshotStore {
    dir: PathBuf,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Store {
        path: path.to_path_buf(),
        source,
    }
}

fn invalid(path: &Path, why: &str) -> Error {
    Error::Store {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, why.to_string()),
    }
}

impl SnapshotStore {
    pub fn new(dir: impl Into<PathBuf>) -> SnapshotStore {
        SnapshotStore { dir: dir.into() }
    }

    /// The folder for a user who did not choose one:
    /// `$XDG_DATA_HOME/storydiff/snapshots`, else `~/.local/share/storydiff/snapshots`.
    pub fn default_dir() -> Option<PathBuf> {
        let data = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
        Some(data.join("storydiff/snapshots"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the folder (readable by the user only) or checks that it is one.
    fn ensure_dir(&self) -> Result<(), Error> {
        match std::fs::metadata(&self.dir) {
            Ok(meta) if meta.is_dir() => Ok(()),
            Ok(_) => Err(Error::Store {
                path: self.dir.clone(),
                source: std::io::Error::other(
                    "this is a file, not a folder; snapshots are kept in a folder (it is created if it does not exist)",
                ),
            }),
            Err(_) => {
                let mut builder = std::fs::DirBuilder::new();
                builder.recursive(true);
                #[cfg(unix)]
                std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
                builder.create(&self.dir).map_err(io_error(&self.dir))
            }
        }
    }

    /// Keeps a fetched page: its body once, and a record of this fetch.
    pub fn save(&self, page: &Fetched) -> Result<Snapshot, Error> {
        let sha256 = hex(&Sha256::digest(&page.body));
        let record = format!("{sha256}.{}.{}", compact_time(&page.fetched_at), unique());
        let snapshot = Snapshot {
            url: without_credentials(&page.url),
            final_url: without_credentials(&page.final_url),
            fetched_at: page.fetched_at.clone(),
            status: page.status,
            headers: page
                .headers
                .iter()
                .filter(|(k, _)| !is_secret_header(k))
                .cloned()
                .collect(),
            sha256: sha256.clone(),
            bytes: page.body.len() as u64,
            record: record.clone(),
        };
        self.ensure_dir()?;
        let body = self.dir.join(format!("{sha256}.body"));
        // A body already kept is shared, if it is a plain file of the right
        // size; anything else under its name (a planted link) is replaced.
        let kept = std::fs::symlink_metadata(&body)
            .is_ok_and(|m| m.file_type().is_file() && m.len() == page.body.len() as u64);
        if !kept {
            write_new(&self.dir, &body, &page.body).map_err(io_error(&body))?;
        }
        let meta = self.dir.join(format!("{record}.json"));
        let json = serde_json::to_vec_pretty(&snapshot).expect("a snapshot serialises");
        write_new(&self.dir, &meta, &json).map_err(io_error(&meta))?;
        Ok(snapshot)
    }

    /// Every fetch kept, oldest first.
    pub fn records(&self) -> Result<Vec<Snapshot>, Error> {
        let mut records = Vec::new();
        let entries = std::fs::read_dir(&self.dir).map_err(io_error(&self.dir))?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if let Ok(snapshot) = self.read_record(name) {
                records.push(snapshot);
            }
        }
        records.sort_by(|a, b| (&a.fetched_at, &a.record).cmp(&(&b.fetched_at, &b.record)));
        Ok(records)
    }

    fn read_record(&self, record: &str) -> Result<Snapshot, Error> {
        let meta = self.dir.join(format!("{record}.json"));
        let text = read_no_follow(&meta).map_err(io_error(&meta))?;
        let mut snapshot: Snapshot = serde_json::from_slice(&text).map_err(|e| Error::Store {
            path: meta.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?;
        if !record.starts_with(&snapshot.sha256) {
            return Err(invalid(
                &meta,
                "the record names another body than its file name",
            ));
        }
        if snapshot.record.is_empty() {
            snapshot.record = record.to_string(); // a record from before records were per fetch
        }
        Ok(snapshot)
    }

    /// Reads a stored page back: a record (by its name, `Snapshot::record`)
    /// and its bytes; or, given the SHA-256 of a body, its latest fetch.
    pub fn load(&self, id: &str) -> Result<(Snapshot, Vec<u8>), Error> {
        // A name, never a path: the id picks a file inside the store.
        let valid = id.len() >= 64
            && id[..64].bytes().all(|b| b.is_ascii_hexdigit())
            && id[64..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            && !id.contains("..");
        if !valid {
            return Err(Error::Store {
                path: self.dir.join(id),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "not a snapshot name",
                ),
            });
        }
        let sha256 = &id[..64];
        let snapshot = if id.len() > 64 {
            self.read_record(id)?
        } else {
            // The latest fetch of these bytes; an old store's single record.
            let latest = self.records()?.into_iter().rfind(|s| s.sha256 == sha256);
            match latest {
                Some(snapshot) => snapshot,
                None => self.read_record(sha256)?,
            }
        };
        let body = self.dir.join(format!("{sha256}.body"));
        let bytes = read_no_follow(&body).map_err(io_error(&body))?;
        if hex(&Sha256::digest(&bytes)) != sha256 {
            return Err(invalid(
                &body,
                "the kept page does not match its SHA-256: the snapshot was altered after it was saved",
            ));
        }
        Ok((snapshot, bytes))
    }
}

/// A name no other write uses: process, time and a counter.
fn unique() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let seed = format!("{}-{nanos}-{n}", std::process::id());
    hex(&Sha256::digest(seed.as_bytes())[..8])
}

/// "2026-11-28T08:15:02Z" → "20261128T081502Z", for file names.
fn compact_time(rfc3339: &str) -> String {
    rfc3339
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Writes `bytes` to a fresh temporary file in `dir` (created exclusively,
/// never through a link, readable by the user only) and renames it to
/// `path`, so a crash never leaves half a snapshot and a link planted under
/// either name is never written through.
fn write_new(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!(".tmp-{}", unique()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc_o_nofollow());
    }
    let result = options.open(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match result.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Reads a file in the store, refusing to follow a link.
fn read_no_follow(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc_o_nofollow());
    }
    let mut file: File = options.open(path).map_err(|e| {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "this is a link, which the snapshot store never follows (someone put it there)",
            )
        } else {
            e
        }
    })?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(unix)]
fn libc_o_nofollow() -> i32 {
    libc::O_NOFOLLOW
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_page_reads_back_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let store = SnapshotStore::new(dir.path());
        let page = Fetched {
            url: "http://127.0.0.1/a".into(),
            final_url: "http://127.0.0.1/b".into(),
            status: 200,
            headers: vec![("content-type".into(), "text/html".into())],
            body: b"<p>hello</p>".to_vec(),
            fetched_at: "2026-11-28T08:00:00Z".into(),
        };
        let snap = store.save(&page).unwrap();
        assert_eq!(snap.sha256.len(), 64);
        let (again, bytes) = store.load(&snap.sha256).unwrap();
        assert_eq!(again, snap);
        assert_eq!(bytes, page.body);
    }
}
