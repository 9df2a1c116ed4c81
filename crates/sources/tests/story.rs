//! The archive clients against real HTTP servers on 127.0.0.1, started by
//! the test, that speak the Wayback Machine's protocol (CDX JSON, `id_`
//! replay) and Memento's (TimeMaps in link format): a revisit row, a
//! redirect capture, a 429 with Retry-After, a CAPTCHA answered 200, and
//! an archive that is down. The request rate and a second run that fetches
//! nothing again are checked from the server's own log.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use storydiff_sources::story::{import, versions, HistoryOptions, Progress};
use storydiff_store::Store;
use storydiff_web::archive::{ArchiveOptions, Archives};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const STORY: &str = "https://news.example/sea-wall";

/// The article as it read at each capture: the second capture changes one
/// sentence, the fourth another; the third is the same article in new
/// markup (no change in the article).
fn article(version: usize) -> String {
    let when = if version >= 1 {
        "Thursday night"
    } else {
        "Thursday"
    };
    let votes = if version >= 3 {
        "23 votes to 9"
    } else {
        "22 votes to 10"
    };
    let extra = if version == 2 {
        "<aside>Advert</aside>"
    } else {
        ""
    };
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Sea wall approved | Harbour Gazette</title></head><body>{extra}
<article><h1>Harbour council approves £12m sea wall</h1>
<p>The Harbour council voted on {when} to build a £12 million sea wall along the eastern promenade, three months after storms flooded more than 200 homes.</p>
<p>The decision, passed by {votes}, ends a year of argument over whether the town should defend the seafront or help residents move away.</p>
<p>“We cannot ask families to keep bailing out their kitchens every January,” said council leader Alan Briggs, who has championed the wall since the floods.</p>
</article></body></html>"#
    )
}

const CAPTCHA: &str = r#"<!doctype html><html><head><title>archive.today</title><script src="https://www.google.com/recaptcha/api.js"></script></head>
<body><form id="captcha-form"><div class="g-recaptcha" data-sitekey="x"></div></form></body></html>"#;

/// What the archive server saw: (path and query, arrival time).
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<(String, Instant)>>>);

impl Log {
    pub fn paths(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .map(|(p, _)| p.clone())
            .collect()
    }
    pub fn times(&self) -> Vec<Instant> {
        self.0.lock().unwrap().iter().map(|(_, t)| *t).collect()
    }
    pub fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

struct Behaviour {
    log: Log,
    /// Replays answered 429 so far (the first replay of capture 4 is refused once).
    refused: Mutex<usize>,
}

/// A Wayback-like archive: CDX listing and `id_` replays of STORY.
pub async fn wayback() -> (SocketAddr, Log) {
    serve(|path, b| {
        let ts = |n: usize| format!("2023091{n}060000");
        if path.starts_with("/cdx/search/cdx?") {
            assert!(path.contains("output=json"), "{path}");
            assert!(path.contains("collapse=digest"), "{path}");
            assert!(path.contains("fl=timestamp%2Coriginal"), "{path}");
            if !path.contains("url=https%3A%2F%2Fnews.example%2Fsea-wall") {
                return ok("application/json", "[]");
            }
            let rows = [
                r#"["timestamp","original","mimetype","statuscode","digest","length"]"#.to_string(),
                format!(r#"["{}","{STORY}","text/html","200","AAAA","2000"]"#, ts(1)),
                format!(r#"["{}","{STORY}","warc/revisit","-","AAAA","300"]"#, ts(2)),
                format!(r#"["{}","{STORY}","text/html","200","BBBB","2000"]"#, ts(3)),
                format!(
                    r#"["{}","http://news.example/sea-wall","text/html","301","RRRR","300"]"#,
                    ts(4)
                ),
                format!(r#"["{}","{STORY}","text/html","200","CCCC","2000"]"#, ts(5)),
                format!(r#"["{}","{STORY}","text/html","200","DDDD","2000"]"#, ts(6)),
            ];
            return ok("application/json", &format!("[{}]", rows.join(",\n")));
        }
        // Replays: only the original-bytes form; the toolbar form would inject
        // the archive's own page into the text.
        for (n, version) in [(1, 0), (2, 0), (3, 1), (5, 2), (6, 3)] {
            if path == format!("/web/{}id_/{STORY}", ts(n)) {
                if n == 6 {
                    let mut refused = b.refused.lock().unwrap();
                    if *refused == 0 {
                        *refused += 1;
                        return reply("429 Too Many Requests", "retry-after: 1\r\n", "slow down");
                    }
                }
                return ok("text/html; charset=utf-8", &article(version));
            }
            if path == format!("/web/{}/{STORY}", ts(n)) {
                return ok(
                    "text/html",
                    &article(version).replace(
                        "<body>",
                        "<body><div id=\"wm-ipp\">Wayback Machine toolbar</div>",
                    ),
                );
            }
        }
        reply("404 Not Found", "", "not in the archive")
    })
    .await
}

/// A Memento archive with a TimeMap of two mementos, one of which answers
/// with a CAPTCHA page (200).
pub async fn memento() -> (SocketAddr, Log) {
    let addr = Arc::new(Mutex::new(None::<SocketAddr>));
    let for_server = addr.clone();
    let (bound, log) = serve(move |path, _| {
        let me = for_server.lock().unwrap().expect("address known");
        if path == format!("/timemap/link/{STORY}") {
            let body = format!(
                r#"<{STORY}>; rel="original",
<http://{me}/timemap/link/{STORY}>; rel="self"; type="application/link-format",
<http://{me}/wayback/20231001120000/{STORY}>; rel="first memento"; datetime="Sun, 01 Oct 2023 12:00:00 GMT",
<http://{me}/wayback/20231002120000/{STORY}>; rel="last memento"; datetime="Mon, 02 Oct 2023 12:00:00 GMT""#
            );
            return ok("application/link-format", &body);
        }
        if path == format!("/wayback/20231001120000id_/{STORY}") {
            return ok("text/html", &article(3));
        }
        if path == format!("/wayback/20231002120000id_/{STORY}") {
            return ok("text/html", CAPTCHA);
        }
        reply("404 Not Found", "", "no")
    })
    .await;
    *addr.lock().unwrap() = Some(bound);
    (bound, log)
}

/// An archive that is down: a port nothing listens on.
pub fn down() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

type Reply = Vec<u8>;

fn reply(status: &str, headers: &str, body: &str) -> Reply {
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fn ok(content_type: &str, body: &str) -> Reply {
    reply("200 OK", &format!("content-type: {content_type}\r\n"), body)
}

async fn serve<F>(route: F) -> (SocketAddr, Log)
where
    F: Fn(&str, &Behaviour) -> Reply + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Log::default();
    let behaviour = Arc::new(Behaviour {
        log: log.clone(),
        refused: Mutex::new(0),
    });
    let route = Arc::new(route);
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let (route, behaviour) = (route.clone(), behaviour.clone());
            tokio::spawn(async move { handle(stream, &*route, &behaviour).await });
        }
    });
    (addr, log)
}

async fn handle<F: Fn(&str, &Behaviour) -> Reply>(mut stream: TcpStream, route: &F, b: &Behaviour) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let agent_ok = head
        .lines()
        .any(|l| l.to_ascii_lowercase().starts_with("user-agent: storydiff/"));
    b.log.0.lock().unwrap().push((path.clone(), Instant::now()));
    let response = if agent_ok {
        route(&path, b)
    } else {
        reply("403 Forbidden", "", "who are you?")
    };
    let _ = stream.write_all(&response).await;
}

fn options(wayback: SocketAddr, timemaps: Vec<String>) -> HistoryOptions {
    HistoryOptions {
        archives: ArchiveOptions {
            wayback_base: Some(format!("http://{wayback}")),
            timemaps,
            ..ArchiveOptions::default()
        },
        ..HistoryOptions::default()
    }
}

/// No two requests to one archive less than a second apart.
fn assert_polite(log: &Log) {
    let times = log.times();
    for pair in times.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= Duration::from_millis(950),
            "two requests {gap:?} apart: {:?}",
            log.paths()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_story_is_read_from_the_archives_politely_and_a_second_run_fetches_nothing_again() {
    let (wayback_addr, wayback_log) = wayback().await;
    let (memento_addr, memento_log) = memento().await;
    let down = down();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let options = options(
        wayback_addr,
        vec![
            format!("http://{memento_addr}/timemap/link/"),
            format!("http://{down}/timemap/link/"),
        ],
    );
    let mut seen = Vec::new();
    let mut progress = |p: Progress| seen.push(p);
    let imported = import(&store, STORY, &options, &mut progress)
        .await
        .unwrap();

    // The down archive and the CAPTCHA are warnings that name them.
    let warnings = imported.warnings.join("\n");
    assert!(warnings.contains(&down.to_string()), "{warnings}");
    assert!(warnings.contains("could not be read"), "{warnings}");
    assert!(warnings.contains("CAPTCHA"), "{warnings}");
    assert_eq!(imported.warnings.len(), 2, "{warnings}");
    assert_eq!(imported.listed, 6 + 2);

    // Wayback: the CDX query, then one replay of each capture, original
    // bytes only; the revisit is not fetched (its bytes are the first
    // capture's), nor the redirect; the 429 was waited out and retried once.
    let paths = wayback_log.paths();
    assert!(paths[0].starts_with("/cdx/search/cdx?"), "{paths:?}");
    let replays: Vec<&String> = paths.iter().filter(|p| p.starts_with("/web/")).collect();
    assert!(replays.iter().all(|p| p.contains("id_/")), "{replays:?}");
    assert_eq!(replays.len(), 5, "{replays:?}");
    assert!(
        !paths.iter().any(|p| p.contains("20230912060000")),
        "revisit fetched: {paths:?}"
    );
    assert!(
        !paths.iter().any(|p| p.contains("20230914060000")),
        "redirect fetched: {paths:?}"
    );
    let retried = paths
        .iter()
        .filter(|p| p.contains("20230916060000"))
        .count();
    assert_eq!(retried, 2, "{paths:?}");
    assert_polite(&wayback_log);
    assert_polite(&memento_log);
    assert!(seen.iter().any(|p| matches!(p, Progress::Fetching { .. })));

    // The versions: oldest first; the revisit and the markup-only capture
    // are "no change in the article"; the redirect is a bad capture, hidden
    // unless asked for; the toolbar never entered the text.
    let listed = versions(&store, imported.story_id, false).unwrap();
    let view: Vec<(&str, bool)> = listed
        .iter()
        .map(|v| (v.capture.captured_at.as_str(), v.change.article_changed))
        .collect();
    assert_eq!(
        view,
        [
            ("2023-09-11T06:00:00Z", true),
            ("2023-09-12T06:00:00Z", false),
            ("2023-09-13T06:00:00Z", true),
            ("2023-09-15T06:00:00Z", false),
            ("2023-09-16T06:00:00Z", true),
            ("2023-10-01T12:00:00Z", false),
        ]
    );
    for v in &listed {
        let text = v.document.as_ref().unwrap().paragraphs.join(" ");
        assert!(!text.contains("Wayback Machine"), "{text}");
    }
    let all = versions(&store, imported.story_id, true).unwrap();
    let bad: Vec<_> = all.iter().filter(|v| v.bad).collect();
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0].note.as_deref().unwrap().contains("redirect"),
        "{:?}",
        bad[0].note
    );

    // A second run lists again but fetches no capture twice; only the
    // CAPTCHA one, never stored, is asked for again.
    wayback_log.clear();
    memento_log.clear();
    let again = import(&store, STORY, &options, &mut |_| {}).await.unwrap();
    assert_eq!(again.fetched, 0);
    assert_eq!(wayback_log.paths().len(), 1, "{:?}", wayback_log.paths());
    let memento_paths = memento_log.paths();
    assert_eq!(
        memento_paths,
        [
            format!("/timemap/link/{STORY}"),
            format!("/wayback/20231002120000id_/{STORY}")
        ]
    );
    assert_eq!(
        versions(&store, again.story_id, false).unwrap().len(),
        listed.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_archive_that_keeps_refusing_is_asked_three_times_then_left_with_a_clear_message() {
    let (addr, log) = serve(|path, _| {
        if path.starts_with("/always") {
            reply("429 Too Many Requests", "retry-after: 1\r\n", "no")
        } else {
            reply("429 Too Many Requests", "retry-after: 3600\r\n", "no")
        }
    })
    .await;
    let archives = Archives::new(ArchiveOptions::default());
    let err = archives
        .get(&format!("http://{addr}/always"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            storydiff_web::Error::ArchiveRateLimited { tries: 3, .. }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains(&addr.to_string()), "{message}");
    assert!(message.contains("tried 3 times"), "{message}");
    assert_eq!(log.paths().len(), 3);
    assert_polite(&log);

    // A wait longer than a minute is not waited for.
    log.clear();
    let started = Instant::now();
    let err = archives
        .get(&format!("http://{addr}/hour"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            storydiff_web::Error::ArchiveRateLimited { tries: 1, .. }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("3600 seconds"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(log.paths().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_wayback_address_is_read_as_original_bytes() {
    let (addr, log) = wayback().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let mut options = options(addr, vec![]);
    options.archives.limit = 1;
    let pasted = format!("http://{addr}/web/20230913060000/{STORY}");
    let imported = import(&store, &pasted, &options, &mut |_| {})
        .await
        .unwrap();
    // The story is the page's own address; the pasted capture is one of
    // its versions, read as original bytes, never in the toolbar form.
    assert_eq!(imported.url, STORY);
    let paths = log.paths();
    assert!(
        paths.contains(&format!("/web/20230913060000id_/{STORY}")),
        "{paths:?}"
    );
    assert!(
        !paths
            .iter()
            .any(|p| p.starts_with("/web/") && !p.contains("id_/")),
        "{paths:?}"
    );
    let listed = versions(&store, imported.story_id, false).unwrap();
    let pasted_version = listed
        .iter()
        .find(|v| v.capture.captured_at == "2023-09-13T06:00:00Z")
        .expect("the pasted capture is a version");
    let text = pasted_version
        .document
        .as_ref()
        .unwrap()
        .paragraphs
        .join(" ");
    assert!(text.contains("Thursday night"), "{text}");
    assert!(!text.contains("toolbar"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_fails_only_when_nothing_at_all_is_listed() {
    let down = down();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let options = options(down, vec![]);
    let imported = import(&store, STORY, &options, &mut |_| {}).await.unwrap();
    assert_eq!(imported.warnings.len(), 1);
    assert!(
        imported.warnings[0].contains(&down.to_string()),
        "{:?}",
        imported.warnings
    );
    assert!(versions(&store, imported.story_id, true)
        .unwrap()
        .is_empty());
    let err = import(&store, "file:///etc/passwd", &options, &mut |_| {})
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "bad_url");
}

#[tokio::test]
async fn checking_now_adds_a_version_only_when_the_article_changed() {
    use storydiff_sources::story::{check_now, Checked};
    let version = Arc::new(Mutex::new(0usize));
    let served = version.clone();
    let (addr, _log) = serve(move |_, _| {
        let v = *served.lock().unwrap();
        // Version 2 is version 1's article in new markup.
        let page = if v == 2 {
            article(1).replace("<body>", "<body><aside>Advert</aside>")
        } else {
            article(v)
        };
        ok("text/html; charset=utf-8", &page)
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let url = format!("http://{addr}/live");
    let fetch = storydiff_web::FetchOptions::default();
    // The first version of a story is always stored.
    assert!(matches!(
        check_now(&store, &url, &fetch).await.unwrap(),
        Checked::Added { .. }
    ));
    assert!(matches!(
        check_now(&store, &url, &fetch).await.unwrap(),
        Checked::Unchanged { .. }
    ));
    *version.lock().unwrap() = 1;
    // Captures are keyed to the second: a page fetched twice within one
    // second is one capture.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert!(matches!(
        check_now(&store, &url, &fetch).await.unwrap(),
        Checked::Added { .. }
    ));
    *version.lock().unwrap() = 2;
    assert!(matches!(
        check_now(&store, &url, &fetch).await.unwrap(),
        Checked::Unchanged { .. }
    ));
    let story = store.find_story(&url).unwrap().unwrap();
    let listed = versions(&store, story.id, true).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed
        .iter()
        .all(|v| v.capture.origin == storydiff_store::Origin::Fetched));
}

#[test]
fn files_become_a_story_in_the_order_given_and_a_bad_one_stores_nothing() {
    use storydiff_sources::story::{import_files, StoryFile};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(&dir.path().join("data")).unwrap();
    let texts = [
        "Sea wall approved\n\nThe council voted on Thursday.",
        "Sea wall approved\n\nThe council voted on Thursday night.",
        "Sea wall approved\n\nThe council voted on Thursday night, 23 to 9.",
    ];
    let mut files = Vec::new();
    for (k, text) in texts.iter().enumerate() {
        let path = dir.path().join(format!("v{k}.txt"));
        std::fs::write(&path, text).unwrap();
        files.push(StoryFile {
            path,
            captured_at: format!("2023-09-1{}T09:00:00Z", k + 1),
        });
    }
    let read = storydiff_sources::ReadOptions::default();
    let missing = vec![
        files[0].clone(),
        StoryFile {
            path: dir.path().join("gone.txt"),
            captured_at: "2023-09-19T09:00:00Z".into(),
        },
    ];
    let err = import_files(&store, "broken", &missing, &read).unwrap_err();
    assert!(err.to_string().contains("gone.txt"), "{err}");
    assert!(store.find_story("broken").unwrap().is_none());

    let story = import_files(&store, "three files", &files, &read).unwrap();
    let listed = versions(&store, story, false).unwrap();
    assert_eq!(listed.len(), 3);
    assert!(listed
        .iter()
        .all(|v| v.capture.origin == storydiff_store::Origin::File));
    assert!(listed[0].capture.url.ends_with("v0.txt"));
    assert!(listed.iter().all(|v| v.change.article_changed));
}
