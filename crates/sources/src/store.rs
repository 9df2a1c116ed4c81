//! The snapshot store: every fetched page, kept exactly as it arrived, so
//! that a comparison can be reopened offline and cited.
//!
//! A snapshot is two files named by the SHA-256 of the body:
//! `<sha256>.body` (the bytes) and `<sha256>.json` (address, final address,
//! fetch time, HTTP status and headers).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::fetch::Fetched;

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
}

/// A folder of snapshots.
#[derive(Debug, Clone)]
pub struct SnapshotStore {
    dir: PathBuf,
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

    /// Keeps a fetched page; the same body is stored once.
    pub fn save(&self, page: &Fetched) -> Result<Snapshot, Error> {
        let sha256 = hex(&Sha256::digest(&page.body));
        let snapshot = Snapshot {
            url: page.url.clone(),
            final_url: page.final_url.clone(),
            fetched_at: page.fetched_at.clone(),
            status: page.status,
            headers: page.headers.clone(),
            sha256: sha256.clone(),
            bytes: page.body.len() as u64,
        };
        fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
            move |source| Error::Store {
                path: path.to_path_buf(),
                source,
            }
        }
        std::fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let body = self.dir.join(format!("{sha256}.body"));
        if !body.exists() {
            write_atomically(&body, &page.body).map_err(io(&body))?;
        }
        let meta = self.dir.join(format!("{sha256}.json"));
        let json = serde_json::to_vec_pretty(&snapshot).expect("a snapshot serialises");
        write_atomically(&meta, &json).map_err(io(&meta))?;
        Ok(snapshot)
    }

    /// Reads a stored page back: its record and its bytes.
    pub fn load(&self, sha256: &str) -> Result<(Snapshot, Vec<u8>), Error> {
        // A name, never a path: the hash picks a file inside the store.
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::Store {
                path: self.dir.join(sha256),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "not a snapshot name",
                ),
            });
        }
        fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
            move |source| Error::Store {
                path: path.to_path_buf(),
                source,
            }
        }
        let meta = self.dir.join(format!("{sha256}.json"));
        let text = std::fs::read(&meta).map_err(io(&meta))?;
        let snapshot: Snapshot = serde_json::from_slice(&text).map_err(|e| Error::Store {
            path: meta.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?;
        let body = self.dir.join(format!("{sha256}.body"));
        let bytes = std::fs::read(&body).map_err(io(&body))?;
        Ok((snapshot, bytes))
    }
}

/// Writes to a temporary file and renames it, so a crash never leaves half a snapshot.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
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
