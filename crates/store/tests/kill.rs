//! A process killed (SIGKILL) in the middle of an import loses nothing it
//! had stored, and the next run resumes where it stopped.
//!
//! The importing process is this test binary itself, started again to run
//! the ignored `import_child` below; it reports each capture once its
//! transaction has committed, and the test kills it mid-stream.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use storydiff_engine::Document;
use storydiff_store::{Body, NewCapture, Origin, Store, Version};

const CAPTURES: usize = 3_000;
const STORY: &str = "https://example.org/news/sea-wall";

fn body_of(i: usize) -> String {
    format!("<article><p>Version {i} of the story about the sea wall.</p></article>")
}

/// One import run: lists every capture, then stores the body and version
/// of each that has none yet, printing `stored N` after each commit and
/// finally `skipped N`.
fn import(db: &Path) {
    let store = Store::open(db).unwrap();
    let story = store.story(STORY).unwrap();
    let mut skipped = 0;
    for i in 0..CAPTURES {
        let capture = NewCapture {
            archive: Some("web.archive.org".into()),
            replay_url: format!(
                "https://web.archive.org/web/{:014}id_/{STORY}",
                20230101000000u64 + i as u64
            ),
            ..NewCapture::new(
                Origin::Wayback,
                STORY,
                &format!("2023-01-01T00:00:{:02}Z", i % 60),
            )
        };
        let id = store.add_capture(story, &capture).unwrap();
        if store.capture(id).unwrap().body_sha256.is_some() {
            skipped += 1;
            continue;
        }
        let body = body_of(i);
        let document =
            Document::from_text(&format!("Version {i} of the story about the sea wall."));
        store
            .store_version(
                id,
                &Body {
                    bytes: body.as_bytes(),
                    final_url: &capture.replay_url,
                    headers: &[],
                    fetched_at: "2026-12-01T09:00:00Z",
                },
                &Version {
                    document: Some(document),
                    title: None,
                    words: 10,
                    bad: false,
                    note: Some(format!("capture {i}")),
                },
            )
            .unwrap();
        println!("stored {i}");
    }
    println!("skipped {skipped}");
}

#[test]
#[ignore = "run by the kill test as its child process"]
fn import_child() {
    let db = std::env::var_os("STORYDIFF_KILL_TEST_DB").expect("started by the kill test");
    import(Path::new(&db));
}

#[test]
fn an_import_killed_midway_keeps_what_it_stored_and_the_next_run_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("storydiff.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "import_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("STORYDIFF_KILL_TEST_DB", &db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut last_reported = None;
    while let Some(Ok(line)) = lines.next() {
        if let Some(n) = line.strip_prefix("stored ") {
            last_reported = Some(n.parse::<usize>().unwrap());
            if last_reported >= Some(300) {
                break;
            }
        }
    }
    // Child::kill is SIGKILL on Unix: no destructor, no clean close.
    child.kill().unwrap();
    child.wait().unwrap();
    let last_reported = last_reported.expect("the child reported progress");
    assert!(last_reported < CAPTURES - 1, "killed before the end");

    let store = Store::open(&db).unwrap();
    assert!(store.integrity_ok().unwrap());
    let story = store
        .find_story(STORY)
        .unwrap()
        .expect("the story was stored");
    let captures = store.captures(story.id).unwrap();
    let stored: Vec<_> = captures
        .iter()
        .filter(|c| c.body_sha256.is_some())
        .collect();
    // Every capture reported as stored is there, body and version whole.
    assert!(
        stored.len() > last_reported,
        "{} stored, {last_reported} reported",
        stored.len()
    );
    for capture in &stored {
        let i: usize = capture.version.as_ref().unwrap().note.as_deref().unwrap()
            ["capture ".len()..]
            .parse()
            .unwrap();
        let body = store
            .body(capture.body_sha256.as_deref().unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(body, body_of(i).as_bytes());
    }
    drop(store);

    // The next run resumes: it skips exactly what was stored and finishes.
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "import_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("STORYDIFF_KILL_TEST_DB", &db)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let skipped: usize = stdout
        .lines()
        .find_map(|l| l.strip_prefix("skipped "))
        .expect("the run finished")
        .parse()
        .unwrap();
    assert_eq!(skipped, stored.len());
    let store = Store::open(&db).unwrap();
    let story = store.find_story(STORY).unwrap().unwrap();
    let captures = store.captures(story.id).unwrap();
    assert_eq!(captures.len(), CAPTURES);
    assert!(captures.iter().all(|c| c.version.is_some()));
}
