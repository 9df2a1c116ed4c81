//! Recent comparisons, kept in storydiff's database (`storydiff.db` in the
//! data folder, the `recent` table of `storydiff-store`) so that they
//! are one click away after a restart. The JSON list older versions kept
//! (`recent.json`) is moved into the database once. A fetched page is
//! remembered by its snapshot, so reopening it needs no network and shows
//! exactly what was compared.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use storydiff_sources::{Loaded, Source};
use storydiff_store::Store;

/// How many comparisons are remembered.
const KEEP: usize = 20;

/// One side of a remembered comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Side {
    /// A local file, read again when reopened.
    File { path: String },
    /// A fetched page, reopened from its snapshot: this fetch's own record
    /// (its address and time), so that a later fetch of the same bytes
    /// from another address never takes its place. Entries saved before
    /// records existed have only the body's SHA-256.
    Page {
        url: String,
        sha256: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        record: Option<String>,
    },
}

impl Side {
    /// How a loaded document is remembered: by its snapshot if it was fetched.
    pub fn of(typed: &str, loaded: &Loaded) -> Side {
        match &loaded.snapshot {
            Some(snapshot) => Side::Page {
                url: snapshot.url.clone(),
                sha256: snapshot.sha256.clone(),
                record: (!snapshot.record.is_empty()).then(|| snapshot.record.clone()),
            },
            None => Side::File {
                path: typed.to_string(),
            },
        }
    }

    pub fn source(&self) -> Source {
        match self {
            Side::File { path } => Source::File(PathBuf::from(path)),
            Side::Page {
                record: Some(record),
                ..
            } => Source::Snapshot(record.clone()),
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

/// The list, newest first, in the database of a data folder.
#[derive(Debug, Clone)]
pub struct RecentList {
    dir: PathBuf,
}

/// Entries read from the database to find the newest [`KEEP`] distinct ones.
const READ_BACK: usize = 20 * KEEP;

impl RecentList {
    /// The list kept in `dir` (the data folder).
    pub fn in_dir(dir: impl Into<PathBuf>) -> RecentList {
        RecentList { dir: dir.into() }
    }

    /// The database, with the old JSON list moved into it the first time.
    fn open(&self) -> Result<Store, storydiff_store::Error> {
        let store = Store::open_in(&self.dir)?;
        store.migrate_recent_json(&self.dir.join("recent.json"))?;
        Ok(store)
    }

    /// The remembered comparisons, each once, newest first; a database
    /// that cannot be read counts as none (the list is a convenience).
    pub fn read(&self) -> Vec<Recent> {
        let Ok(entries) = self.open().and_then(|store| store.recent(READ_BACK)) else {
            return Vec::new();
        };
        let mut list: Vec<Recent> = Vec::new();
        for entry in entries {
            let Ok(recent) = serde_json::from_str::<Recent>(&entry) else {
                continue;
            };
            if !list
                .iter()
                .any(|r| r.old == recent.old && r.new == recent.new)
            {
                list.push(recent);
            }
            if list.len() == KEEP {
                break;
            }
        }
        list
    }

    /// Puts a comparison at the top (it shows once, however often opened).
    pub fn remember(&self, entry: Recent) -> Result<(), storydiff_store::Error> {
        self.open()?
            .add_recent(&serde_json::to_string(&entry).expect("recent entries serialise"))
    }
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

    /// A remembered page named its body's SHA-256, which reopens the
    /// latest fetch of those bytes: the same page served by another
    /// address later made Recent cite the wrong address and time.
    #[test]
    fn regression_a_remembered_page_reopens_its_own_fetch() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let body = b"<html><body><p>Sea wall approved.</p></body></html>";
        let fetch = |url: &'static str, at: &'static str| storydiff_store::Page {
            url,
            final_url: url,
            status: 200,
            headers: &[],
            body,
            fetched_at: at,
        };
        let first = store
            .keep_page(&fetch(
                "https://first.example/story",
                "2026-11-28T08:00:00Z",
            ))
            .unwrap();
        store
            .keep_page(&fetch(
                "https://mirror.example/story",
                "2026-11-29T08:00:00Z",
            ))
            .unwrap();
        let side = Side::Page {
            url: first.url.clone(),
            sha256: first.sha256.clone(),
            record: Some(first.record.clone()),
        };
        let Source::Snapshot(id) = side.source() else {
            panic!("a page reopens from its snapshot")
        };
        let (reopened, _) = store.snapshot(&id).unwrap();
        assert_eq!(reopened.url, "https://first.example/story");
        assert_eq!(reopened.fetched_at, "2026-11-28T08:00:00Z");
        // An entry from before records existed still reopens (the latest).
        let old: Side = serde_json::from_str(&format!(
            r#"{{"kind":"page","url":"u","sha256":"{}"}}"#,
            first.sha256
        ))
        .unwrap();
        assert_eq!(old.source(), Source::Snapshot(first.sha256.clone()));
    }

    #[test]
    fn newest_first_once_each_and_at_most_twenty() {
        let dir = tempfile::tempdir().unwrap();
        let list = RecentList::in_dir(dir.path());
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
    fn the_old_json_list_moves_into_the_database_once() {
        let dir = tempfile::tempdir().unwrap();
        let old = vec![entry("new.txt", "b"), entry("old.txt", "b")];
        std::fs::write(
            dir.path().join("recent.json"),
            serde_json::to_vec(&old).unwrap(),
        )
        .unwrap();
        let list = RecentList::in_dir(dir.path());
        assert_eq!(list.read(), old);
        assert!(dir.path().join(storydiff_store::FILE_NAME).is_file());
        // Written again by an older storydiff: not moved a second time.
        std::fs::write(
            dir.path().join("recent.json"),
            serde_json::to_vec(&vec![entry("later.txt", "b")]).unwrap(),
        )
        .unwrap();
        list.remember(entry("c.txt", "d")).unwrap();
        let read = list.read();
        assert_eq!(read.len(), 3);
        assert_eq!(
            read[0].old,
            Side::File {
                path: "c.txt".into()
            }
        );
        assert_eq!(read[1..], old[..]);
    }

    #[test]
    fn a_damaged_old_list_counts_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("recent.json"), b"{not json").unwrap();
        let list = RecentList::in_dir(dir.path());
        assert!(list.read().is_empty());
        list.remember(entry("a.txt", "b")).unwrap();
        assert_eq!(list.read().len(), 1);
    }
}
