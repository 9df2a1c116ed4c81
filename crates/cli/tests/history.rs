//! `storydiff history` and `storydiff blame` as a user runs them, against
//! a real archive server on 127.0.0.1 (CDX JSON and `id_` replays) started
//! by the test, with the database in a fresh data folder.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The article at capture `n`: the lead sentence changes at 1, the vote
/// count at 3; capture 2 is the same article in new markup.
fn article(n: usize) -> String {
    let when = if n >= 1 { "Thursday night" } else { "Thursday" };
    let votes = if n >= 3 {
        "23 votes to 9"
    } else {
        "22 votes to 10"
    };
    let advert = if n == 2 { "<aside>Advert</aside>" } else { "" };
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Sea wall approved</title></head><body>{advert}
<article><h1>Harbour council approves £12m sea wall</h1>
<p>The Harbour council voted on {when} to build a £12 million sea wall along the eastern promenade. Storms flooded more than 200 homes in January.</p>
<p>The decision, passed by {votes}, ends a year of argument over whether the town should defend the seafront or help residents move away.</p>
<p>“We cannot ask families to keep bailing out their kitchens every January,” said council leader Alan Briggs, who has championed the wall since the floods.</p>
</article></body></html>"#
    )
}

fn timestamp(n: usize) -> String {
    format!("2023091{n}060000")
}

/// A server that is both the news site (`/story`, the live page: capture
/// `live`) and a Wayback-like archive of it with `captures` captures.
struct Archive {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Archive {
    fn start(captures: usize, live: usize) -> Archive {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let server_log = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let log = server_log.clone();
                std::thread::spawn(move || {
                    let Some(head) = common::request_head(&mut stream) else {
                        return;
                    };
                    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                    log.lock().unwrap().push(path.clone());
                    let story = format!("http://{addr}/story");
                    let (status, body) = if path.starts_with("/cdx/search/cdx?") {
                        let mut rows = vec![
                            r#"["timestamp","original","mimetype","statuscode","digest"]"#
                                .to_string(),
                        ];
                        for n in 0..captures {
                            rows.push(format!(
                                r#"["{}","{story}","text/html","200","D{n}"]"#,
                                timestamp(n)
                            ));
                        }
                        ("200 OK", format!("[{}]", rows.join(",")))
                    } else if path == "/story" {
                        ("200 OK", article(live))
                    } else if let Some(n) =
                        (0..captures).find(|n| path == format!("/web/{}id_/{story}", timestamp(*n)))
                    {
                        ("200 OK", article(n))
                    } else {
                        ("404 Not Found", "no".to_string())
                    };
                    let _ = stream.write_all(
                        format!(
                            "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                            body.len()
                        )
                        .as_bytes(),
                    );
                });
            }
        });
        Archive { addr, log }
    }

    fn url(&self) -> String {
        format!("http://{}/story", self.addr)
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn replays(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|p| p.starts_with("/web/"))
            .cloned()
            .collect()
    }

    fn requests(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

fn storydiff(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("storydiff runs")
}

fn json_of(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn history_lists_versions_as_json_and_compare_and_blame_reopen_them_offline() {
    let archive = Archive::start(4, 3);
    let data = tempfile::tempdir().unwrap();
    let (url, base) = (archive.url(), archive.base());
    let out = storydiff(
        data.path(),
        &[
            "history",
            &url,
            "--archives",
            "wayback",
            "--archive-base",
            &base,
            "--now",
            "--format",
            "json",
        ],
    );
    let json = json_of(&out);
    assert_eq!(json["url"], url.as_str());
    let versions = json["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 5, "{json:#}");
    for v in versions {
        for field in [
            "source",
            "captured_at",
            "origin",
            "article_changed",
            "title",
            "words",
            "note",
        ] {
            assert!(v.get(field).is_some(), "{field} missing: {v}");
        }
    }
    let changed: Vec<bool> = versions
        .iter()
        .map(|v| v["article_changed"].as_bool().unwrap())
        .collect();
    assert_eq!(changed, [true, true, false, true, false]);
    let origins: Vec<&str> = versions
        .iter()
        .map(|v| v["origin"].as_str().unwrap())
        .collect();
    assert_eq!(
        origins,
        ["wayback", "wayback", "wayback", "wayback", "fetched"]
    );
    assert_eq!(versions[0]["captured_at"], "2023-09-10T06:00:00Z");
    assert_eq!(
        versions[0]["title"],
        "Harbour council approves £12m sea wall"
    );
    assert!(versions[0]["words"].as_u64().unwrap() > 40);

    // The tokens reopen the stored versions in compare, with no request.
    let before = archive.requests();
    let (first, last) = (
        versions[0]["source"].as_str().unwrap(),
        versions[3]["source"].as_str().unwrap(),
    );
    let out = storydiff(data.path(), &["compare", first, last, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let comparison: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let old = comparison["old"]["paragraphs"].to_string();
    assert!(old.contains("voted on Thursday to build"), "{old}");
    assert!(comparison["new"]["paragraphs"]
        .to_string()
        .contains("23 votes to 9"));
    assert_eq!(
        archive.requests(),
        before,
        "compare of stored versions went online"
    );

    // Blame: each sentence with the version that gave it its form.
    let out = storydiff(data.path(), &["blame", &url, "--format", "json"]);
    let blame = json_of(&out);
    let sentences = blame["sentences"].as_array().unwrap();
    let lead = sentences
        .iter()
        .find(|s| s["text"].as_str().unwrap().contains("Thursday night"))
        .unwrap();
    assert_eq!(lead["since"], versions[1]["source"]);
    assert_eq!(lead["since_captured_at"], "2023-09-11T06:00:00Z");
    let earlier = lead["earlier"].as_array().unwrap();
    assert_eq!(earlier.len(), 1);
    assert_eq!(earlier[0]["since"], versions[0]["source"]);
    let inserted: Vec<&str> = earlier[0]["diff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["tag"] == "insert")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(inserted.concat().trim(), "night", "{}", earlier[0]["diff"]);
    let votes = sentences
        .iter()
        .find(|s| s["text"].as_str().unwrap().contains("23 votes"))
        .unwrap();
    assert_eq!(votes["since"], versions[3]["source"]);
    let storms = sentences
        .iter()
        .find(|s| s["text"].as_str().unwrap().starts_with("Storms flooded"))
        .unwrap();
    assert_eq!(storms["since"], versions[0]["source"]);
    assert!(storms["earlier"].as_array().unwrap().is_empty());

    let out = storydiff(data.path(), &["blame", first]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[since 2023-09-10T06:00:00Z"), "{text}");
    assert!(text.contains("voted on Thursday to build"), "{text}");

    // Text form of history, offline (no archive): the no-change versions say so.
    let out = storydiff(data.path(), &["history", &url, "--archives", "none"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("5 versions, 2 with no change in the article"),
        "{text}"
    );
    assert!(text.contains("no change in the article"), "{text}");
}

#[test]
fn a_history_killed_midway_keeps_its_captures_and_the_next_run_fetches_only_the_rest() {
    let archive = Archive::start(6, 5);
    let data = tempfile::tempdir().unwrap();
    let (url, base) = (archive.url(), archive.base());
    let args = [
        "history",
        url.as_str(),
        "--archives",
        "wayback",
        "--archive-base",
        base.as_str(),
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(args)
        .env("XDG_DATA_HOME", data.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the fourth capture to be asked for (one a second), then kill.
    let mut progress = BufReader::new(child.stderr.take().unwrap()).lines();
    let started = Instant::now();
    while let Some(Ok(line)) = progress.next() {
        if line.contains("reading capture 4 of 6") || started.elapsed() > Duration::from_secs(30) {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let first_run = archive.replays();
    assert!(first_run.len() >= 3 && first_run.len() < 6, "{first_run:?}");

    // Everything committed before the kill is there.
    let store = storydiff_store::Store::open_in(&data.path().join("storydiff")).unwrap();
    assert!(store.integrity_ok().unwrap());
    let story = store
        .find_story(&url)
        .unwrap()
        .expect("the story was stored");
    let stored: Vec<String> = store
        .captures(story.id)
        .unwrap()
        .into_iter()
        .filter(|c| c.version.is_some())
        .map(|c| c.replay_url)
        .collect();
    assert!(stored.len() >= 3, "{stored:?}");
    drop(store);

    // The next run fetches only what was not stored, and lists all six.
    let before = archive.replays().len();
    let out = storydiff(data.path(), &[&args[..], &["--format", "json"]].concat());
    let json = json_of(&out);
    assert_eq!(json["versions"].as_array().unwrap().len(), 6);
    let second_run: Vec<String> = archive.replays()[before..].to_vec();
    for path in &second_run {
        let address = format!("{base}{path}");
        assert!(!stored.contains(&address), "fetched again: {path}");
    }
    assert_eq!(second_run.len(), 6 - stored.len(), "{second_run:?}");
}

#[test]
fn an_unreachable_archive_is_a_warning_naming_it_and_no_version_at_all_fails_clearly() {
    let down = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = storydiff(
        data.path(),
        &[
            "history",
            "https://news.example/never-archived",
            "--archives",
            "wayback",
            "--archive-base",
            &format!("http://{down}"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "warning: {down} (Wayback Machine) could not be read"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("no version of this page could be listed"),
        "{stderr}"
    );

    let out = storydiff(data.path(), &["blame", "https://news.example/never-seen"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Run `storydiff history"));
    let out = storydiff(data.path(), &["compare", "version:999", "version:998"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no stored version number 999"));
}

/// A page fetched by `compare` (or `extract`) was kept, but `history
/// --archives none` then said no archive held it and none was stored: the
/// snapshot folder and the database were two stores, and only the oldest
/// kind of snapshot record was read back. In the one store, every fetch is
/// a version of its story.
#[test]
fn regression_pages_fetched_before_never_become_versions() {
    let archive = Archive::start(0, 1);
    let data = tempfile::tempdir().unwrap();
    let url = archive.url();
    let out = storydiff(data.path(), &["extract", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = storydiff(data.path(), &["compare", &url, &url]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = json_of(&storydiff(
        data.path(),
        &["history", &url, "--archives", "none", "--format", "json"],
    ));
    let versions = json["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 3, "one version per fetch: {json:#}");
    assert!(versions.iter().all(|v| v["origin"] == "fetched"));
    assert_eq!(
        versions[0]["title"],
        "Harbour council approves £12m sea wall"
    );
    // A second run adds nothing it has.
    let again = json_of(&storydiff(
        data.path(),
        &["history", &url, "--archives", "none", "--format", "json"],
    ));
    assert_eq!(again["versions"].as_array().unwrap().len(), 3);
}

/// A user's folder of snapshot files from an older storydiff, named with
/// `--snapshots`: the store is kept there from now on, the old pages are
/// moved into it once, each reopens by its record name, and no file of
/// the folder is deleted.
#[test]
fn an_old_snapshot_folder_named_with_snapshots_moves_into_the_store() {
    use sha2::Digest;
    let archive = Archive::start(0, 1);
    let data = tempfile::tempdir().unwrap();
    let folder = data.path().join("old-snapshots");
    std::fs::create_dir(&folder).unwrap();
    let body = article(0);
    let sha: String = sha2::Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let record = format!("{sha}.20260101T000000Z.0123456789abcdef");
    std::fs::write(folder.join(format!("{sha}.body")), &body).unwrap();
    std::fs::write(
        folder.join(format!("{record}.json")),
        format!(
            r#"{{"url":"https://news.example/story","final_url":"https://news.example/story","fetched_at":"2026-01-01T00:00:00Z","status":200,"headers":[["content-type","text/html"]],"sha256":"{sha}","bytes":{},"record":"{record}"}}"#,
            body.len()
        ),
    )
    .unwrap();
    let files_before = std::fs::read_dir(&folder).unwrap().count();
    let out = storydiff(
        data.path(),
        &[
            "extract",
            "--snapshots",
            folder.to_str().unwrap(),
            &archive.url(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kept = storydiff_store::Store::open_in(&folder).unwrap();
    assert_eq!(
        kept.snapshots().unwrap().len(),
        2,
        "the old page and the new fetch"
    );
    let (snapshot, bytes) = kept.snapshot(&record).unwrap();
    assert_eq!(snapshot.url, "https://news.example/story");
    assert_eq!(bytes, body.as_bytes());
    assert!(folder.join(storydiff_store::FILE_NAME).is_file());
    let old_files = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with("storydiff.db"))
        .count();
    assert_eq!(old_files, files_before, "nothing is deleted");
    // `--no-snapshots` keeps nothing anywhere.
    let bare = tempfile::tempdir().unwrap();
    let out = storydiff(bare.path(), &["extract", "--no-snapshots", &archive.url()]);
    assert!(out.status.success());
    assert!(!bare.path().join("storydiff").exists());
}
