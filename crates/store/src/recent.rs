//! Recent comparisons of the app: a list of opaque JSON entries, newest
//! last, and the move of the JSON file older versions kept into it.

use std::path::Path;

use rusqlite::{params, OptionalExtension};

use crate::{now_rfc3339, Result, Store};

impl Store {
    /// Remembers one recent comparison (the app's JSON for it).
    pub fn add_recent(&self, entry: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO recent (entry, opened_at) VALUES (?1, ?2)",
                params![entry, now_rfc3339()],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Recent comparisons, the latest first, at most `limit`.
    pub fn recent(&self, limit: usize) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare("SELECT entry FROM recent ORDER BY id DESC LIMIT ?1")
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map([limit as i64], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// Moves the app's old `recent.json` list (a JSON array, latest first)
    /// into the database, once: later calls do nothing, even if the file
    /// is still there. Returns how many entries were moved.
    pub fn migrate_recent_json(&self, path: &Path) -> Result<usize> {
        let done: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'recent_json_migrated'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        if done.is_some() {
            return Ok(0);
        }
        // An unreadable or broken old list is skipped rather than blocking
        // the app: it held only shortcuts.
        let entries: Vec<serde_json::Value> = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let write = || -> rusqlite::Result<()> {
            let tx = self.conn.unchecked_transaction()?;
            // Oldest first, so that ids keep the list's order.
            for entry in entries.iter().rev() {
                tx.execute(
                    "INSERT INTO recent (entry, opened_at) VALUES (?1, ?2)",
                    params![entry.to_string(), now_rfc3339()],
                )?;
            }
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('recent_json_migrated', ?1)",
                [now_rfc3339()],
            )?;
            tx.commit()
        };
        write().map_err(|e| self.sql(e))?;
        Ok(entries.len())
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn the_old_recent_list_is_migrated_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let json = dir.path().join("recent.json");
        std::fs::write(&json, br#"[{"old":"b"},{"old":"a"}]"#).unwrap();
        assert_eq!(store.migrate_recent_json(&json).unwrap(), 2);
        assert_eq!(store.migrate_recent_json(&json).unwrap(), 0);
        assert_eq!(
            store.recent(10).unwrap(),
            [r#"{"old":"b"}"#, r#"{"old":"a"}"#]
        );
    }
}
