//! Archives that answer wrongly, by accident or on purpose: each test is
//! named after a class of answer that made other sites' pages, impossible
//! dates or the user's password part of a story. Real HTTP servers on
//! 127.0.0.1 (the archives) and 127.0.0.2 (a host of this machine that no
//! one named) speak the Wayback Machine's CDX and `id_` replays and
//! Memento TimeMaps.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use storydiff_sources::story::{import, versions, HistoryOptions};
use storydiff_store::Store;
use storydiff_web::archive::ArchiveOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const STORY: &str = "https://news.example/sea-wall";

fn article(votes: &str) -> String {
    format!(
        r#"<!doctype html><html><head><title>Sea wall approved</title></head><body><article><h1>Harbour council approves sea wall</h1>
<p>The Harbour council voted on Thursday night to build a sea wall along the eastern promenade, three months after storms flooded more than two hundred homes.</p>
<p>The decision, passed by {votes}, ends a year of argument over whether the town should defend the seafront or help residents move away.</p>
<p>Work on the wall is due to start in September and to take two years, with the first section protecting the streets behind the lifeboat station.</p>
</article></body></html>"#
    )
}

type Log = Arc<Mutex<Vec<String>>>;

/// An answer that starts with this is sent, then the body never comes.
const DRIP: &str = "\0drip";

/// A server on `ip` whose answer to each request line `route` gives; it logs
/// every request's path and head.
async fn serve(
    ip: &str,
    route: impl Fn(&str, SocketAddr) -> String + Send + Sync + 'static,
) -> (SocketAddr, Log) {
    let listener = TcpListener::bind((ip, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log: Log = Arc::default();
    let (route, seen) = (Arc::new(route), log.clone());
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            let (route, seen) = (route.clone(), seen.clone());
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if stream.read(&mut byte).await.unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).to_string();
                seen.lock().unwrap().push(head.clone());
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let answer = route(&path, addr);
                // A slow drip: the headers at once, then nothing for a long while.
                if let Some(rest) = answer.strip_prefix(DRIP) {
                    let _ = stream.write_all(rest.as_bytes()).await;
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    return;
                }
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    (addr, log)
}

fn reply(status: &str, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n{body}",
        body.len()
    )
}

fn html(body: &str) -> String {
    reply("200 OK", "content-type: text/html; charset=utf-8\r\n", body)
}

fn options(wayback: Option<SocketAddr>, timemaps: Vec<String>) -> HistoryOptions {
    HistoryOptions {
        archives: ArchiveOptions {
            wayback_base: wayback.map(|a| format!("http://{a}")),
            timemaps,
            min_interval: Duration::from_millis(20),
            ..ArchiveOptions::default()
        },
        ..HistoryOptions::default()
    }
}

/// The host of this machine that no one named: it must never be asked.
async fn bystander() -> (SocketAddr, Log) {
    serve("127.0.0.2", |_, _| html(&article("99 votes to 0"))).await
}

/// CDX rows were taken as they came: rows for another address or for
/// `null`, and times of 00000000000000, 31 February, second 60 and the
/// year 9999 (which became the "latest" version blame reads) were all
/// versions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_cdx_rows_for_other_pages_or_impossible_times() {
    let (wayback, _) = serve("127.0.0.1", |path, _| {
        if path.starts_with("/cdx/search/cdx?") {
            let rows = [
                r#"["timestamp","original","mimetype","statuscode","digest"]"#.to_string(),
                format!(r#"["20230901060000","{STORY}","text/html","200","A"]"#),
                r#"["20230902060000","https://news.example/another-story","text/html","200","B"]"#.to_string(),
                r#"["20230903060000",null,"text/html","200","C"]"#.to_string(),
                format!(r#"["00000000000000","{STORY}","text/html","200","D"]"#),
                format!(r#"["20230231060000","{STORY}","text/html","200","E"]"#),
                format!(r#"["20230904060060","{STORY}","text/html","200","F"]"#),
                format!(r#"["99991231235959","{STORY}","text/html","200","G"]"#),
                // The same page under another spelling is the same page.
                r#"["20230905060000","http://www.news.example:80/sea-wall#top","text/html","200","H"]"#.to_string(),
            ];
            return reply("200 OK", "content-type: application/json\r\n", &format!("[{}]", rows.join(",")));
        }
        if path.contains("id_/") {
            let votes = if path.contains("20230905") { "24 votes to 8" } else { "23 votes to 9" };
            return html(&article(votes));
        }
        reply("404 Not Found", "", "")
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let imported = import(
        &store,
        STORY,
        &options(Some(wayback), Vec::new()),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(imported.listed, 2, "{:?}", imported.warnings);
    let warning = imported.warnings.join(" ");
    assert!(warning.contains("6 of its rows were refused"), "{warning}");
    let kept = versions(&store, imported.story_id, true).unwrap();
    let times: Vec<&str> = kept
        .iter()
        .map(|v| v.capture.captured_at.as_str())
        .collect();
    assert_eq!(times, ["2023-09-01T06:00:00Z", "2023-09-05T06:00:00Z"]);
}

/// A replay that redirected to another host was stored as the story's
/// capture, and a TimeMap's memento on any host (this machine's included)
/// was fetched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_archive_answers_send_storydiff_elsewhere() {
    let (elsewhere, elsewhere_log) = bystander().await;
    let (wayback, _) = serve("127.0.0.1", move |path, _| {
        if path.starts_with("/cdx/search/cdx?") {
            return reply(
                "200 OK",
                "content-type: application/json\r\n",
                &format!(
                    r#"[["timestamp","original","mimetype","statuscode","digest"],["20230901060000","{STORY}","text/html","200","A"]]"#
                ),
            );
        }
        if path.contains("id_/") {
            return reply("302 Found", &format!("location: http://{elsewhere}/private\r\n"), "");
        }
        reply("404 Not Found", "", "")
    })
    .await;
    let (memento, memento_log) = serve("127.0.0.1", move |path, addr| {
        if path.starts_with("/timemap/link/") {
            let body = format!(
                "<{STORY}>; rel=\"original\",\n\
                 <http://{addr}/web/20230902060000/{STORY}>; rel=\"memento\"; datetime=\"Sat, 02 Sep 2023 06:00:00 GMT\",\n\
                 <http://{elsewhere}/web/20230903060000/{STORY}>; rel=\"memento\"; datetime=\"Sun, 03 Sep 2023 06:00:00 GMT\""
            );
            return reply("200 OK", "content-type: application/link-format\r\n", &body);
        }
        if path.starts_with("/web/20230902060000") {
            return html(&article("23 votes to 9"));
        }
        reply("404 Not Found", "", "")
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let timemap = format!("http://{memento}/timemap/link/");
    let imported = import(
        &store,
        STORY,
        &options(Some(wayback), vec![timemap]),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert!(
        elsewhere_log.lock().unwrap().is_empty(),
        "the bystander was asked"
    );
    assert!(
        imported
            .warnings
            .join(" ")
            .contains("a memento on another host"),
        "{:?}",
        imported.warnings
    );
    let kept = versions(&store, imported.story_id, true).unwrap();
    let good: Vec<_> = kept.iter().filter(|v| !v.bad).collect();
    assert_eq!(good.len(), 1, "only the memento from its own archive");
    let bad: Vec<_> = kept.iter().filter(|v| v.bad).collect();
    assert_eq!(bad.len(), 1);
    let note = bad[0].note.as_deref().unwrap_or_default();
    assert!(
        note.contains("another site") && note.contains("127.0.0.2"),
        "{note}"
    );
    assert!(memento_log.lock().unwrap().len() >= 2);
}

/// One archive's 429 with Retry-After: 3600 ended the whole import: the
/// Memento archives listed next were never asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_one_archives_429_stops_the_history() {
    let (wayback, _) = serve("127.0.0.1", |path, _| {
        if path.starts_with("/cdx/search/cdx?") {
            return reply(
                "200 OK",
                "content-type: application/json\r\n",
                &format!(
                    r#"[["timestamp","original","mimetype","statuscode","digest"],["20230901060000","{STORY}","text/html","200","A"],["20230903060000","{STORY}","text/html","200","C"]]"#
                ),
            );
        }
        reply("429 Too Many Requests", "retry-after: 3600\r\n", "slow down")
    })
    .await;
    let (memento, _) = serve("127.0.0.1", move |path, addr| {
        if path.starts_with("/timemap/link/") {
            return reply(
                "200 OK",
                "content-type: application/link-format\r\n",
                &format!("<http://{addr}/web/20230902060000/{STORY}>; rel=\"memento\"; datetime=\"Sat, 02 Sep 2023 06:00:00 GMT\""),
            );
        }
        html(&article("23 votes to 9"))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let timemap = format!("http://{memento}/timemap/link/");
    let imported = import(
        &store,
        STORY,
        &options(Some(wayback), vec![timemap]),
        &mut |_| {},
    )
    .await
    .unwrap();
    let warnings = imported.warnings.join(" ");
    assert!(warnings.contains("asked to wait"), "{warnings}");
    let kept = versions(&store, imported.story_id, false).unwrap();
    assert_eq!(
        kept.len(),
        1,
        "the Memento archive's capture is read: {warnings}"
    );
    assert_eq!(kept[0].capture.origin.as_str(), "memento");
}

/// `history 'http://user:pass@site/a'` sent `user:pass` to every archive
/// (the CDX query, the TimeMap path, each replay), stored it in the
/// captures' addresses and printed it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_credentials_in_an_address_leave_the_machine() {
    let (wayback, wayback_log) = serve("127.0.0.1", |path, _| {
        if path.starts_with("/cdx/search/cdx?") {
            return reply(
                "200 OK",
                "content-type: application/json\r\n",
                r#"[["timestamp","original","mimetype","statuscode","digest"],["20230901060000","https://news.example/sea-wall","text/html","200","A"]]"#,
            );
        }
        html(&article("23 votes to 9"))
    })
    .await;
    let (memento, memento_log) = serve("127.0.0.1", |_, _| reply("404 Not Found", "", "")).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let timemap = format!("http://{memento}/timemap/link/");
    let imported = import(
        &store,
        "https://reader:hunter2@news.example/sea-wall",
        &options(Some(wayback), vec![timemap]),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(imported.url, STORY);
    for log in [&wayback_log, &memento_log] {
        for request in log.lock().unwrap().iter() {
            assert!(
                !request.contains("hunter2") && !request.contains("reader"),
                "{request}"
            );
        }
    }
    assert!(!imported.warnings.join(" ").contains("hunter2"));
    drop(store);
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(
            !bytes.windows(7).any(|w| w == b"hunter2"),
            "{} holds the password",
            entry.path().display()
        );
    }
}

/// A slow-drip replay took the whole per-request time (60 s) for each
/// capture, with no bound on the import as a whole; now the import stops at
/// its own time limit and says how many captures are left for next time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_a_slow_drip_archive_has_no_overall_deadline() {
    let (wayback, _) = serve("127.0.0.1", |path, _| {
        if path.starts_with("/cdx/search/cdx?") {
            let rows: Vec<String> = (1..=5)
                .map(|d| format!(r#"["2023090{d}060000","{STORY}","text/html","200","D{d}"]"#))
                .collect();
            return reply(
                "200 OK",
                "content-type: application/json\r\n",
                &format!(
                    r#"[["timestamp","original","mimetype","statuscode","digest"],{}]"#,
                    rows.join(",")
                ),
            );
        }
        format!(
            "{DRIP}HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100000\r\n\r\n<p>"
        )
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let options = HistoryOptions {
        max_time: Some(Duration::from_secs(2)),
        ..options(Some(wayback), Vec::new())
    };
    let started = std::time::Instant::now();
    let imported = import(&store, STORY, &options, &mut |_| {}).await.unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let warnings = imported.warnings.join(" ");
    assert!(
        warnings.contains("captures are left for the next run"),
        "{warnings}"
    );
}
