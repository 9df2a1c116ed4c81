//! The store is evidence: each test is named after a way a hostile site,
//! a hostile local user or plain bad luck could falsify it or lose it,
//! and checks that the real SQLite database holds.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use sha2::Digest;
use storydiff_store::{Page, Snapshot, Store, FILE_NAME, OLD_SNAPSHOT_FOLDER};

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

fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A link planted under the database's name (or a side file's) made the
/// store write through it, onto whatever it pointed at; a dangling link
/// created its target.
#[test]
fn regression_store_writes_through_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    for side in ["", "-wal", "-shm", "-journal"] {
        let data = dir.path().join(format!("data{side}"));
        std::fs::create_dir(&data).unwrap();
        std::os::unix::fs::symlink(&victim, data.join(format!("{FILE_NAME}{side}"))).unwrap();
        let err = Store::open_in(&data).unwrap_err();
        assert_eq!(err.kind(), "store");
        assert!(err.to_string().contains("link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        let mode = std::fs::metadata(&victim).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644, "the target's mode is not touched");
    }
    // A dangling link: refused, and its target never created.
    let data = dir.path().join("dangling");
    std::fs::create_dir(&data).unwrap();
    let target = dir.path().join("made-by-storydiff");
    std::os::unix::fs::symlink(&target, data.join(FILE_NAME)).unwrap();
    assert!(Store::open_in(&data).is_err());
    assert!(!target.exists());
}

/// An old snapshot folder with links planted under a body's or a record's
/// name: the move into the database reads nothing through them, and
/// leaves their targets as they were.
#[test]
fn regression_old_snapshot_folder_links_are_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join(OLD_SNAPSHOT_FOLDER);
    std::fs::create_dir(&old).unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "not a page").unwrap();
    let sha = sha256_hex(b"not a page");
    std::os::unix::fs::symlink(&secret, old.join(format!("{sha}.body"))).unwrap();
    let record = Snapshot {
        url: "https://example.org/a".into(),
        final_url: "https://example.org/a".into(),
        fetched_at: "2026-11-28T08:00:00Z".into(),
        status: 200,
        headers: Vec::new(),
        sha256: sha.clone(),
        bytes: 10,
        record: format!("{sha}.20261128T080000Z.abc"),
    };
    std::fs::write(
        old.join(format!("{}.json", record.record)),
        serde_json::to_vec(&record).unwrap(),
    )
    .unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    assert!(store.snapshots().unwrap().is_empty());
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "not a page");
}

/// Two processes keeping pages at once failed (one temporary name for the
/// body and the record); four first runs on a new data folder raced the
/// schema ("table stories already exists", "database is locked").
#[test]
fn regression_two_writers_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let body = b"<p>one page, many fetches</p>".to_vec();
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let (dir, body) = (dir.path().join("fresh"), body.clone());
            std::thread::spawn(move || {
                // Each its own connection, as each process has.
                let store = Store::open_in(&dir).unwrap();
                for j in 0..10 {
                    let url = format!("https://example.org/{i}/{j}");
                    store
                        .keep_page(&page(&url, &body, "2026-11-28T08:00:00Z"))
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open_in(&dir.path().join("fresh")).unwrap();
    let kept = store.snapshots().unwrap();
    assert_eq!(kept.len(), 80);
    let records: std::collections::HashSet<_> = kept.iter().map(|s| &s.record).collect();
    assert_eq!(records.len(), 80, "every fetch its own record");
    assert!(store.integrity_ok().unwrap());
}

/// One record per body hash lost provenance: two addresses serving the
/// same bytes, or a later fetch, overwrote the first record.
#[test]
fn regression_one_record_per_body_loses_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let body = b"<p>the same bytes</p>";
    let first = store
        .keep_page(&page(
            "https://a.example/story",
            body,
            "2026-11-28T08:00:00Z",
        ))
        .unwrap();
    let second = store
        .keep_page(&page(
            "https://b.example/copy",
            body,
            "2026-11-29T09:30:00Z",
        ))
        .unwrap();
    assert_eq!(first.sha256, second.sha256);
    assert_ne!(first.record, second.record);
    let (a, _) = store.snapshot(&first.record).unwrap();
    let (b, _) = store.snapshot(&second.record).unwrap();
    assert_eq!(
        (a.url.as_str(), a.fetched_at.as_str()),
        ("https://a.example/story", "2026-11-28T08:00:00Z")
    );
    assert_eq!(
        (b.url.as_str(), b.fetched_at.as_str()),
        ("https://b.example/copy", "2026-11-29T09:30:00Z")
    );
    // By body hash alone: the latest fetch.
    assert_eq!(store.snapshot(&first.sha256).unwrap().0, b);
    assert_eq!(store.snapshots().unwrap().len(), 2);
}

/// A password in an address and the cookies a site set were kept in
/// clear text, in files others could read.
#[test]
fn regression_store_keeps_secrets_in_clear_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new/storydiff");
    let store = Store::open_in(&data).unwrap();
    let headers = vec![
        ("content-type".to_string(), "text/html".to_string()),
        ("Set-Cookie".to_string(), "session=SECRET123".to_string()),
        (
            "www-authenticate".to_string(),
            "Basic realm=SECRET123".to_string(),
        ),
    ];
    let kept = store
        .keep_page(&Page {
            headers: &headers,
            final_url: "https://reader:hunter2@example.org/b",
            ..page(
                "https://reader:hunter2@example.org/a",
                b"<p>story</p>",
                "2026-11-28T08:00:00Z",
            )
        })
        .unwrap();
    assert_eq!(kept.url, "https://example.org/a");
    assert_eq!(kept.final_url, "https://example.org/b");
    assert_eq!(
        kept.headers,
        [("content-type".to_string(), "text/html".to_string())]
    );
    drop(store);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    for entry in std::fs::read_dir(&data).unwrap().flatten() {
        assert_eq!(mode(&entry.path()), 0o600, "{}", entry.path().display());
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("hunter2"), "{}", entry.path().display());
        assert!(!text.contains("SECRET123"), "{}", entry.path().display());
    }
}

/// A user's folder of snapshot files, as older storydiffs kept it: a body
/// per SHA-256, a JSON record per fetch, and one record of the oldest kind
/// (named after its body alone). Opening the store moves every page in,
/// once, under its old record name, and leaves the files where they are.
#[test]
fn an_old_snapshot_folder_is_moved_into_the_store_once_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join(OLD_SNAPSHOT_FOLDER);
    std::fs::create_dir(&old).unwrap();
    let pages: [(&str, &[u8], &str); 3] = [
        (
            "https://example.org/story",
            b"<p>first version</p>",
            "2026-11-01T08:00:00Z",
        ),
        (
            "https://example.org/story",
            b"<p>second version</p>",
            "2026-11-02T08:00:00Z",
        ),
        (
            "https://mirror.example/story",
            b"<p>first version</p>",
            "2026-11-03T08:00:00Z",
        ),
    ];
    let mut records = Vec::new();
    for (n, (url, body, at)) in pages.iter().enumerate() {
        let sha = sha256_hex(body);
        std::fs::write(old.join(format!("{sha}.body")), body).unwrap();
        let record = Snapshot {
            url: url.to_string(),
            final_url: url.to_string(),
            fetched_at: at.to_string(),
            status: 200,
            headers: vec![("content-type".into(), "text/html".into())],
            sha256: sha.clone(),
            bytes: body.len() as u64,
            record: format!("{sha}.{}.{n:016x}", at.replace(['-', ':'], "")),
        };
        std::fs::write(
            old.join(format!("{}.json", record.record)),
            serde_json::to_vec_pretty(&record).unwrap(),
        )
        .unwrap();
        records.push(record);
    }
    // The oldest kind: `<sha>.json`, no record name inside.
    let oldest_body = b"<p>kept before records</p>";
    let oldest_sha = sha256_hex(oldest_body);
    std::fs::write(old.join(format!("{oldest_sha}.body")), oldest_body).unwrap();
    std::fs::write(
        old.join(format!("{oldest_sha}.json")),
        format!(
            r#"{{"url":"https://example.org/older","final_url":"https://example.org/older","fetched_at":"2026-10-01T08:00:00Z","status":200,"headers":[],"sha256":"{oldest_sha}","bytes":26}}"#
        ),
    )
    .unwrap();
    // And one that is damaged: skipped, left in place.
    std::fs::write(old.join(format!("{}.json", "f".repeat(64))), b"{not json").unwrap();
    let files_before = std::fs::read_dir(&old).unwrap().count();

    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.snapshots().unwrap().len(), 4);
    for record in &records {
        let (again, _) = store.snapshot(&record.record).unwrap();
        assert_eq!(&again, record);
    }
    let (older, body) = store.snapshot(&oldest_sha).unwrap();
    assert_eq!(older.url, "https://example.org/older");
    assert_eq!(body, oldest_body);
    assert_eq!(
        store
            .snapshots_of("https://example.org/story")
            .unwrap()
            .len(),
        2
    );
    drop(store);
    // Once: a second open moves nothing again, even with the folder there.
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.snapshots().unwrap().len(), 4);
    assert_eq!(std::fs::read_dir(&old).unwrap().count(), files_before);
}

/// A damaged database got SQLite's own words ("file is not a database"),
/// with nothing on what to do; storydiff must never delete it.
#[test]
fn regression_a_damaged_database_says_how_to_move_it_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(FILE_NAME);
    let garbage = b"this is not a SQLite database, but someone's notes".repeat(100);
    std::fs::write(&db, &garbage).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    let err = Store::open_in(dir.path()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("damaged") && message.contains("move it aside"),
        "{message}"
    );
    assert!(message.contains("never deletes it"), "{message}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        garbage,
        "the file is left as it was"
    );
}
