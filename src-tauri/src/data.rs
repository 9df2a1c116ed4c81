//! Where the app keeps what it keeps: the one store it shares with the
//! command line (`storydiff.db` in `$XDG_DATA_HOME/storydiff`), so that a
//! story read or a page fetched in either is there in the other.
//!
//! Older versions of the app kept their own database, snapshot folder and
//! recent list in the app's folder (`$XDG_DATA_HOME/org.storydiff.app`).
//! The first time the app starts, what is there is moved into the store
//! ([`storydiff_store::Store::absorb`]); the old files are left in place.

use std::path::{Path, PathBuf};
use std::sync::Once;

use storydiff_store::Store;
use tauri::Manager;

use crate::error::Error;

/// The data folder, after the app's old folder has been moved into it.
pub(crate) fn data_dir(app: &tauri::AppHandle) -> Result<PathBuf, Error> {
    let dir = storydiff_store::default_dir().ok_or_else(|| {
        Error::History(
            "storydiff cannot tell where to keep its database. Set HOME or XDG_DATA_HOME."
                .to_string(),
        )
    })?;
    static MOVED: Once = Once::new();
    MOVED.call_once(|| {
        if let Ok(old) = app.path().app_data_dir() {
            // A folder that cannot be moved costs nothing of what is on
            // screen: the old files stay, and the next start tries again.
            let _ = move_in(&dir, &old);
        }
    });
    Ok(dir)
}

/// Moves an old app folder's database, snapshots and recent list into the
/// store of `dir`, once each.
fn move_in(dir: &Path, old: &Path) -> Result<(), storydiff_store::Error> {
    if old == dir || !old.is_dir() {
        return Ok(());
    }
    let store = Store::open_in(dir)?;
    let old_db = old.join(storydiff_store::FILE_NAME);
    if old_db.is_file() {
        // Its recent list moved into it already, if it had one.
        store.absorb(&old_db)?;
    } else {
        store.migrate_recent_json(&old.join("recent.json"))?;
    }
    store.import_snapshot_folder(&old.join(storydiff_store::OLD_SNAPSHOT_FOLDER))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use storydiff_store::{NewCapture, Origin, Page, Store};

    #[test]
    fn the_apps_old_folder_moves_into_the_shared_store_once() {
        let top = tempfile::tempdir().unwrap();
        let (old, new) = (
            top.path().join("org.storydiff.app"),
            top.path().join("storydiff"),
        );
        let before = Store::open_in(&old).unwrap();
        let story = before.story("https://example.org/a").unwrap();
        before
            .add_capture(
                story,
                &NewCapture::new(
                    Origin::Fetched,
                    "https://example.org/a",
                    "2026-01-01T00:00:00Z",
                ),
            )
            .unwrap();
        before.add_recent(r#"{"old":"a"}"#).unwrap();
        let kept = before
            .keep_page(&Page {
                url: "https://example.org/a",
                final_url: "https://example.org/a",
                status: 200,
                headers: &[],
                body: b"<p>a</p>",
                fetched_at: "2026-01-01T00:00:00Z",
            })
            .unwrap();
        drop(before);
        super::move_in(&new, &old).unwrap();
        super::move_in(&new, &old).unwrap();
        let after = Store::open_in(&new).unwrap();
        assert_eq!(after.stories().unwrap().len(), 1);
        let story = after.find_story("https://example.org/a").unwrap().unwrap();
        assert_eq!(after.captures(story.id).unwrap().len(), 1);
        assert_eq!(after.recent(10).unwrap(), [r#"{"old":"a"}"#]);
        assert_eq!(after.snapshot(&kept.record).unwrap().0, kept);
        assert!(
            old.join(storydiff_store::FILE_NAME).is_file(),
            "the old files stay"
        );
    }
}
