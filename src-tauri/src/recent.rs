//! Recent comparisons, kept in the app's data folder so that they are one
//! click away after a restart. A fetched page is remembered by its snapshot,
//! so reopening it needs no network and shows exactly what was compared.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use storydiff_sources::{Loaded, Source};

/// How many comparisons are remembered.
const KEEP: usize = 20;

/// One side of a remembered comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Side {
    /// A local file, read again when reopened.
    File { path: String },
    /// A fetched page, reopened from its snapshot.
    Page { url: String, sha256: String },
}

impl Side {
    /// How a loaded document is remembered: by its snapshot if it was fetched.
    pub fn of(typed: &str, loaded: &Loaded) -> Side {
        match &loaded.snapshot {
            Some(snapshot) => Side::Page {
                url: snapshot.url.clone(),
                sha256: snapshot.sha256.clone(),
            },
            None => Side::File {
                path: typed.to_string(),
            },
        }
    }

    pub fn source(&self) -> Source {
        match self {
            Side::File { path } => Source::File(PathBuf::from(path)),
            Side::Page { sha256, .. } => Source::Snapshot(sha256.clone()),
        }
    }
}

/// A comparison as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recent {
    pub old: Side,
    pub new: Side,
    /// The new version's headline, or the old one's.
    pub title: Option<String>,
    pub summary: String,
    pub opened_at: String,
}

/// The list, newest first, in a JSON file.
#[derive(Debug, Clone)]
pub struct RecentList {
    path: PathBuf,
}

impl RecentList {
    pub fn new(path: impl Into<PathBuf>) -> RecentList {
        RecentList { path: path.into() }
    }

    /// The remembered comparisons; an unreadable file counts as none.
    pub fn read(&self) -> Vec<Recent> {
        std::fs::read(&self.path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Puts a comparison at the top (once), keeping the newest [`KEEP`].
    pub fn remember(&self, entry: Recent) -> std::io::Result<()> {
        let mut list = self.read();
        list.retain(|r| !(r.old == entry.old && r.new == entry.new));
        list.insert(0, entry);
        list.truncate(KEEP);
        write_atomically(
            &self.path,
            &serde_json::to_vec_pretty(&list).expect("recent entries serialise"),
        )
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(old: &str, new: &str) -> Recent {
        Recent {
            old: Side::File { path: old.into() },
            new: Side::File { path: new.into() },
            title: None,
            summary: String::new(),
            opened_at: "2026-11-28T08:00:00Z".into(),
        }
    }

    #[test]
    fn newest_first_once_each_and_at_most_twenty() {
        let dir = tempfile::tempdir().unwrap();
        let list = RecentList::new(dir.path().join("recent.json"));
        assert!(list.read().is_empty());
        for k in 0..25 {
            list.remember(entry(&format!("a{k}"), "b")).unwrap();
        }
        list.remember(entry("a20", "b")).unwrap();
        let read = list.read();
        assert_eq!(read.len(), KEEP);
        assert_eq!(read[0].old, Side::File { path: "a20".into() });
        assert_eq!(
            read.iter()
                .filter(|r| r.old == Side::File { path: "a20".into() })
                .count(),
            1
        );
    }

    #[test]
    fn a_damaged_file_counts_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("recent.json"), b"{not json").unwrap();
        assert!(RecentList::new(dir.path().join("recent.json"))
            .read()
            .is_empty());
    }
}
