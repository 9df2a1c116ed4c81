//! `storydiff watch` as a user (or a timer) runs it, against a real HTTP
//! server on 127.0.0.1 that the test starts and drives: a news site with
//! an RSS feed, an Atom feed and a news sitemap, whose articles change
//! between rounds as the test says (a figure edited, a quote changed,
//! chrome only, typography only, a flip-flop, a paywall, a 500, a 429 with
//! Retry-After), with ETags and 304s, and a webhook that records what it is
//! sent. The store is real SQLite in a fresh data folder; the clock is set
//! with STORYDIFF_NOW, so a month of schedule runs in seconds.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const T0: i64 = 1_796_634_000; // 2026-12-07T09:00:00Z
const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// An article as the site serves it this round.
#[derive(Clone, Debug, PartialEq)]
enum Page {
    /// The story, with its vote count, quote and chrome chosen by the test.
    Story {
        votes: &'static str,
        quote: &'static str,
        chrome: usize,
        curly: bool,
    },
    /// A paywall: a page with a headline and a line, no story.
    Paywall,
    /// A 200 with an empty body.
    Empty,
    /// A 500.
    Broken,
    /// A 429 asking to wait this many seconds.
    Busy(u64),
}

fn story(votes: &'static str, quote: &'static str) -> Page {
    Page::Story {
        votes,
        quote,
        chrome: 0,
        curly: false,
    }
}

/// Every article ends on the site's own line ("Harbour Gazette, Quay
/// Street, Harbour Town"), which the second article checked teaches the store
/// as the site's template: every test here then also checks that a line
/// learned after a version was kept is never told as a change.
fn render(page: &Page) -> String {
    let Page::Story {
        votes,
        quote,
        chrome,
        curly,
    } = page
    else {
        return "<html><head><title>Subscribe</title></head><body><h1>Harbour council approves sea wall</h1><p>Subscribe to keep reading.</p></body></html>".to_string();
    };
    let (open, close) = if *curly {
        ("\u{201c}", "\u{201d}")
    } else {
        ("\"", "\"")
    };
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Harbour council approves sea wall</title></head><body>
<nav><a href="/">Home</a></nav><aside><h2>Most read</h2><ul><li><a href="/x{chrome}">Story number {chrome} of the day</a></li></ul></aside>
<article><h1>Harbour council approves sea wall</h1>
<p>The Harbour council voted on Thursday night to build a sea wall along the eastern promenade, three months after storms flooded more than two hundred homes in the old town.</p>
<p>The decision, passed by {votes}, ends a year of argument over whether the town should defend the seafront or help residents of the lower streets move away from it.</p>
<p>{open}{quote}{close} said council leader Alan Briggs, who has championed the wall since the floods of January.</p>
<p>Work on the wall is due to start in September and to take two years, with the first section protecting the streets behind the lifeboat station.</p>
<p>Harbour Gazette, Quay Street, Harbour Town</p>
</article></body></html>"#
    )
}

#[derive(Default)]
struct State {
    pages: HashMap<String, Page>,
    /// (path, if-none-match sent, when)
    log: Vec<(String, Option<String>, Instant)>,
    hooks: Vec<serde_json::Value>,
}

struct Site {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Site {
    fn start() -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let state = shared.clone();
                std::thread::spawn(move || serve(stream, addr, &state));
            }
        });
        Site { addr, state }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn set(&self, path: &str, page: Page) {
        self.state
            .lock()
            .unwrap()
            .pages
            .insert(path.to_string(), page);
    }

    fn requests(&self, path: &str) -> Vec<(Option<String>, Instant)> {
        self.state
            .lock()
            .unwrap()
            .log
            .iter()
            .filter(|(p, _, _)| p == path)
            .map(|(_, etag, at)| (etag.clone(), *at))
            .collect()
    }

    fn hooks(&self) -> Vec<serde_json::Value> {
        self.state.lock().unwrap().hooks.clone()
    }
}

fn serve(mut stream: std::net::TcpStream, addr: SocketAddr, state: &Mutex<State>) {
    let Some(head) = common::request_head(&mut stream) else {
        return;
    };
    let mut words = head.split_whitespace();
    let method = words.next().unwrap_or("GET").to_string();
    let path = words.next().unwrap_or("/").to_string();
    let header = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let if_none_match = header("if-none-match");
    if method == "POST" {
        let length: usize = header("content-length")
            .and_then(|l| l.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; length];
        let _ = stream.read_exact(&mut body);
        if let Ok(json) = serde_json::from_slice(&body) {
            state.lock().unwrap().hooks.push(json);
        }
        let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n");
        return;
    }
    let page = {
        let mut state = state.lock().unwrap();
        state
            .log
            .push((path.clone(), if_none_match.clone(), Instant::now()));
        state.pages.get(&path).cloned()
    };
    let base = format!("http://{addr}");
    let (status, headers, body): (&str, String, String) = match (path.as_str(), page) {
        ("/feed.rss", _) => (
            "200 OK",
            "content-type: application/rss+xml\r\n".into(),
            format!(
                r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title><link>{base}/</link>
<item><title>Harbour council approves sea wall</title><link>{base}/news/sea-wall?utm_source=rss</link><pubDate>Mon, 07 Dec 2026 08:30:00 GMT</pubDate></item>
<item><title>Lifeboat crew honoured</title><link>{base}/news/lifeboat</link><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate></item>
</channel></rss>"#
            ),
        ),
        ("/feed.atom", _) => (
            "200 OK",
            "content-type: application/atom+xml\r\n".into(),
            format!(
                r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title><id>urn:x</id><updated>2026-12-07T08:00:00Z</updated>
<entry><title>Harbour council approves sea wall</title><id>urn:1</id><link href="{base}/news/sea-wall#top"/><updated>2026-12-07T08:30:00Z</updated></entry></feed>"#
            ),
        ),
        ("/news-sitemap.xml", _) => (
            "200 OK",
            "content-type: application/xml\r\n".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/news/old-story</loc><news:news><news:publication_date>2026-12-05T09:00:00Z</news:publication_date><news:title>An older story</news:title></news:news></url></urlset>"#
            ),
        ),
        (_, Some(Page::Broken)) => ("500 Internal Server Error", String::new(), "oops".into()),
        (_, Some(Page::Busy(wait))) => (
            "429 Too Many Requests",
            format!("retry-after: {wait}\r\n"),
            "slow down".into(),
        ),
        (_, Some(Page::Empty)) => (
            "200 OK",
            "content-type: text/html\r\n".into(),
            String::new(),
        ),
        (_, Some(page)) => {
            let body = render(&page);
            let etag = format!("\"{:x}\"", fnv(&body));
            if if_none_match.as_deref() == Some(etag.as_str()) {
                (
                    "304 Not Modified",
                    format!("etag: {etag}\r\n"),
                    String::new(),
                )
            } else {
                (
                    "200 OK",
                    format!("content-type: text/html; charset=utf-8\r\netag: {etag}\r\n"),
                    body,
                )
            }
        }
        (_, None) => ("404 Not Found", String::new(), "gone".into()),
    };
    let reply = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes());
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn storydiff(data: &Path, now: i64, args: &[&str]) -> Output {
    storydiff_with(data, now, args, "0")
}

fn storydiff_with(data: &Path, now: i64, args: &[&str], interval_ms: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("STORYDIFF_NOW", now.to_string())
        .env("STORYDIFF_HOST_INTERVAL_MS", interval_ms)
        .output()
        .expect("storydiff runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).expect("valid JSON")
}

fn run_once(data: &Path, now: i64) -> serde_json::Value {
    json(&storydiff(
        data,
        now,
        &["watch", "run", "--once", "--format", "json"],
    ))
}

fn watches(data: &Path, now: i64) -> Vec<serde_json::Value> {
    json(&storydiff(
        data,
        now,
        &["watch", "list", "--format", "json"],
    ))["watches"]
        .as_array()
        .unwrap()
        .clone()
}

fn watch_of<'a>(list: &'a [serde_json::Value], url: &str) -> &'a serde_json::Value {
    list.iter()
        .find(|w| w["url"] == url)
        .unwrap_or_else(|| panic!("{url} is not watched: {list:#?}"))
}

#[test]
fn a_feed_is_followed_and_only_real_changes_are_told() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let (wall, lifeboat) = (site.url("/news/sea-wall"), site.url("/news/lifeboat"));
    site.set(
        "/news/sea-wall",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    site.set(
        "/news/lifeboat",
        story(
            "12 votes to 1",
            "They went out in the worst storm in years,",
        ),
    );
    let hook = site.url("/hook");
    let out = ok(&storydiff(
        data.path(),
        T0,
        &["watch", "add", &site.url("/feed.rss"), "--webhook", &hook],
    ));
    assert!(
        out.contains("(feed)") && out.contains("2 articles"),
        "{out}"
    );

    let list = watches(data.path(), T0);
    assert_eq!(list.len(), 3, "{list:#?}");
    let feed = watch_of(&list, &site.url("/feed.rss"));
    assert_eq!(feed["kind"], "feed");
    assert_eq!(feed["feed"], serde_json::Value::Null);
    let article = watch_of(&list, &wall);
    assert_eq!(article["kind"], "article");
    assert_eq!(
        article["feed"],
        site.url("/feed.rss"),
        "keyed by canonical link, no utm_"
    );
    assert_eq!(article["state"], "active");
    for field in [
        "added_at",
        "last_checked",
        "next_check",
        "versions",
        "last_change",
        "note",
    ] {
        assert!(article.get(field).is_some(), "{field} missing: {article:#}");
    }

    // First round: each article's first version, told to no one.
    let first = run_once(data.path(), T0);
    assert_eq!(first["outcomes"]["first"], 2, "{first:#}");
    assert!(first["changes"].as_array().unwrap().is_empty());
    assert!(site.hooks().is_empty());

    // A figure edited in one, only chrome changed in the other.
    site.set(
        "/news/sea-wall",
        story(
            "24 votes to 8",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    site.set(
        "/news/lifeboat",
        Page::Story {
            votes: "12 votes to 1",
            quote: "They went out in the worst storm in years,",
            chrome: 7,
            curly: false,
        },
    );
    let round = run_once(data.path(), T0 + 17 * MINUTE);
    let changes = round["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{round:#}");
    assert_eq!(changes[0]["url"], wall);
    assert_eq!(changes[0]["kind"], "changed");
    assert!(
        changes[0]["summary"]
            .as_str()
            .unwrap()
            .contains("figures or dates changed"),
        "{round:#}"
    );
    assert_eq!(
        round["outcomes"]["same"], 1,
        "chrome only is no change: {round:#}"
    );
    let hooks = site.hooks();
    assert_eq!(hooks.len(), 1, "{hooks:#?}");
    let told = &hooks[0];
    assert_eq!(told["url"], wall);
    assert_eq!(told["story_title"], "Harbour council approves sea wall");
    assert_eq!(told["found_at"], "2026-12-07T09:17:00Z");
    assert!(told["old"]["token"]
        .as_str()
        .unwrap()
        .starts_with("version:"));
    assert!(told["new"]["captured_at"].is_string());
    assert!(told["stats"]["numbers_changed"].as_u64().unwrap() >= 1);
    assert!(told["flags"][0]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "number"));
    let told_changes = told["changes"].as_array().unwrap();
    assert!(!told_changes.is_empty() && told_changes.len() <= 20);
    assert_eq!(told_changes[0]["kind"], "reworded");

    // Typography only: a boring version, kept and told to no one.
    site.set(
        "/news/sea-wall",
        Page::Story {
            votes: "24 votes to 8",
            quote: "We cannot ask families to keep bailing out their kitchens,",
            chrome: 0,
            curly: true,
        },
    );
    let round = run_once(data.path(), T0 + 40 * MINUTE);
    assert_eq!(round["outcomes"]["boring"], 1, "{round:#}");
    assert!(round["changes"].as_array().unwrap().is_empty());
    assert_eq!(site.hooks().len(), 1);

    // A quote changed: told, with the quote among the flags.
    site.set(
        "/news/sea-wall",
        Page::Story {
            votes: "24 votes to 8",
            quote: "We will not let families keep bailing out their kitchens,",
            chrome: 0,
            curly: true,
        },
    );
    let round = run_once(data.path(), T0 + 80 * MINUTE);
    assert_eq!(round["changes"].as_array().unwrap().len(), 1, "{round:#}");
    assert_eq!(site.hooks().len(), 2);
    assert!(site.hooks()[1]["stats"]["quotes_altered"].as_u64().unwrap() >= 1);

    // The versions are the story's, in history too.
    let list = watches(data.path(), T0 + 80 * MINUTE);
    assert_eq!(
        watch_of(&list, &wall)["versions"],
        4,
        "first, figure, boring, quote"
    );
    assert_eq!(
        watch_of(&list, &wall)["last_change"],
        "2026-12-07T10:20:00Z"
    );
    assert_eq!(watch_of(&list, &lifeboat)["versions"], 1);

    // The Atom feed: valid (read back by a feed parser), newest first.
    let atom = ok(&storydiff(
        data.path(),
        T0 + 90 * MINUTE,
        &["watch", "feed"],
    ));
    let parsed = feed_rs::parser::parse(atom.as_bytes()).expect("valid Atom");
    assert_eq!(parsed.entries.len(), 2, "{atom}");
    let entry = &parsed.entries[0];
    assert_eq!(
        entry.title.as_ref().unwrap().content,
        "Harbour council approves sea wall"
    );
    assert!(
        entry.summary.as_ref().unwrap().content.contains("quote"),
        "{atom}"
    );
    let content = entry.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(content.contains("Quotes altered"), "{content}");
    assert!(content.contains("We will not let families"), "{content}");
    assert_eq!(
        entry
            .links
            .iter()
            .filter(|l| l.href.starts_with("storydiff:version:"))
            .count(),
        2
    );
    assert!(parsed.entries[1]
        .content
        .as_ref()
        .unwrap()
        .body
        .as_deref()
        .unwrap()
        .contains("Figures changed"));
    let one = ok(&storydiff(
        data.path(),
        T0,
        &["watch", "feed", "--story", &lifeboat],
    ));
    assert!(feed_rs::parser::parse(one.as_bytes())
        .unwrap()
        .entries
        .is_empty());

    // Removing the feed stops its articles too; their versions stay.
    let out = ok(&storydiff(
        data.path(),
        T0,
        &["watch", "remove", &site.url("/feed.rss")],
    ));
    assert!(out.contains("and the 2 articles"), "{out}");
    assert!(watches(data.path(), T0).is_empty());
    let history = json(&storydiff(
        data.path(),
        T0,
        &["history", &wall, "--archives", "none", "--format", "json"],
    ));
    assert_eq!(history["versions"].as_array().unwrap().len(), 4);
}

/// The sea wall's first version is kept before the lifeboat story teaches
/// the store the site's closing line; when only the sea wall's chrome
/// changes later, the line is marked in both of its versions, so nothing
/// is told. (Marked in the new version alone, it read as a cut.)
#[test]
fn regression_a_template_line_learned_after_a_version_is_kept_is_no_change() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let wall = site.url("/news/sea-wall");
    site.set("/news/sea-wall", story("23 votes to 9", "We cannot,"));
    site.set("/news/lifeboat", story("12 votes to 1", "They went out,"));
    ok(&storydiff(
        data.path(),
        T0,
        &["watch", "add", &site.url("/feed.rss")],
    ));
    let first = run_once(data.path(), T0);
    assert_eq!(first["outcomes"]["first"], 2, "{first:#}");
    // Only the page's chrome ("Most read") changes: a 200, read again.
    site.set(
        "/news/sea-wall",
        Page::Story {
            votes: "23 votes to 9",
            quote: "We cannot,",
            chrome: 3,
            curly: false,
        },
    );
    let round = run_once(data.path(), T0 + 17 * MINUTE);
    assert!(
        round["changes"].as_array().unwrap().is_empty(),
        "a template line told as a change: {round:#}"
    );
    assert_eq!(round["outcomes"]["same"], 1, "{round:#}");
    // The stored versions show the line dimmed, as the template says.
    let history = json(&storydiff(
        data.path(),
        T0 + 18 * MINUTE,
        &["history", &wall, "--archives", "none", "--format", "json"],
    ));
    let versions = history["versions"].as_array().unwrap();
    assert!(!versions.is_empty(), "{history:#}");
    // Compared offline by their tokens, the two versions agree: the line
    // is marked on both sides, and says why.
    assert_eq!(
        versions.len(),
        1,
        "the chrome-only fetch is the same version: {history:#}"
    );
    let token = versions[0]["source"].as_str().unwrap();
    let out = storydiff(
        data.path(),
        T0 + 18 * MINUTE,
        &["compare", token, token, "--format", "json"],
    );
    let comparison: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let line = comparison["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["new_text"] == "Harbour Gazette, Quay Street, Harbour Town")
        .unwrap_or_else(|| panic!("{comparison:#}"));
    assert_eq!(line["boilerplate"], true, "{line:#}");
    assert!(line["why_boilerplate"]
        .as_str()
        .unwrap()
        .starts_with("the site's template"));
}

#[test]
fn a_flip_flop_is_told_once_and_its_return_recorded_as_a_revert() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let url = site.url("/ab");
    let a = story(
        "23 votes to 9",
        "We cannot ask families to keep bailing out their kitchens,",
    );
    let b = story(
        "23 votes to 9",
        "We must not ask families to keep bailing out their kitchens,",
    );
    site.set("/ab", a.clone());
    ok(&storydiff(
        data.path(),
        T0,
        &["watch", "add", &url, "--every", "15m"],
    ));
    let mut told = Vec::new();
    let mut outcomes = Vec::new();
    for (round, page) in [&b, &a, &b, &a, &b, &a].iter().enumerate() {
        site.set("/ab", (*page).clone());
        let pass = run_once(data.path(), T0 + (round as i64 + 1) * 20 * MINUTE);
        for change in pass["changes"].as_array().unwrap() {
            if change["told"] == true {
                told.push(change["kind"].as_str().unwrap().to_string());
            }
        }
        outcomes.push(pass["outcomes"].clone());
    }
    assert_eq!(told, ["changed", "reverted"], "{outcomes:#?}");
    let history = json(&storydiff(
        data.path(),
        T0,
        &["history", &url, "--archives", "none", "--format", "json"],
    ));
    let versions = history["versions"].as_array().unwrap();
    assert!(
        versions.len() <= 4,
        "each article listed at most twice: {history:#}"
    );
    assert!(versions.iter().any(|v| v["note"]
        .as_str()
        .is_some_and(|n| n.starts_with("reverted to the version of 2026-12-07T09:00:00Z"))));
    let atom = ok(&storydiff(data.path(), T0, &["watch", "feed"]));
    assert_eq!(
        feed_rs::parser::parse(atom.as_bytes())
            .unwrap()
            .entries
            .len(),
        2
    );
}

#[test]
fn a_bad_capture_or_a_failed_fetch_never_hides_the_real_version() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let url = site.url("/story");
    site.set(
        "/story",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    ok(&storydiff(
        data.path(),
        T0,
        &["watch", "add", &url, "--every", "15m"],
    ));
    let mut now = T0;
    for page in [Page::Paywall, Page::Empty, Page::Broken] {
        site.set("/story", page.clone());
        now += 20 * MINUTE;
        let pass = run_once(data.path(), now);
        assert!(
            pass["changes"].as_array().unwrap().is_empty(),
            "{page:?}: {pass:#}"
        );
        assert_eq!(pass["checked"], 1);
    }
    // The real page again: the same article as before the bad ones.
    site.set(
        "/story",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    now += 3 * HOUR;
    let pass = run_once(data.path(), now);
    assert!(pass["changes"].as_array().unwrap().is_empty(), "{pass:#}");
    assert_eq!(pass["outcomes"]["same"], 1, "{pass:#}");
    let list = watches(data.path(), now);
    let watch = watch_of(&list, &url);
    assert_eq!(watch["versions"], 1, "{watch:#}");
    assert_eq!(
        watch["checks"]["bad"], 2,
        "paywall and empty page: {watch:#}"
    );
    assert_eq!(watch["checks"]["failed"], 1, "{watch:#}");
    let history = json(&storydiff(
        data.path(),
        now,
        &[
            "history",
            &url,
            "--archives",
            "none",
            "--all",
            "--format",
            "json",
        ],
    ));
    let bad: Vec<_> = history["versions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["bad"] == true)
        .collect();
    assert_eq!(bad.len(), 2, "kept as bad captures: {history:#}");
}

#[test]
fn an_unchanged_page_answers_304_and_costs_no_body_or_version() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let url = site.url("/etag");
    site.set(
        "/etag",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    ok(&storydiff(
        data.path(),
        T0,
        &["watch", "add", &url, "--every", "15m"],
    ));
    let db = data.path().join("storydiff/storydiff.db");
    for round in 1..=3 {
        let pass = run_once(data.path(), T0 + round * 20 * MINUTE);
        assert_eq!(pass["outcomes"]["not_modified"], 1, "{pass:#}");
    }
    let requests = site.requests("/etag");
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[0].0, None, "the first request is unconditional");
    assert!(
        requests[1..].iter().all(|(etag, _)| etag.is_some()),
        "{requests:?}"
    );
    let list = watches(data.path(), T0 + HOUR);
    assert_eq!(watch_of(&list, &url)["versions"], 1);
    assert_eq!(watch_of(&list, &url)["checks"]["not_modified"], 3);
    let store = storydiff_store::Store::open(&db).unwrap();
    let story = store.find_story(&url).unwrap().unwrap();
    assert_eq!(
        store.captures(story.id).unwrap().len(),
        1,
        "a 304 keeps no capture"
    );
}

#[test]
fn a_site_that_asks_to_wait_is_left_alone_for_as_long_as_it_asked_up_to_an_hour() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let (one, two) = (site.url("/one"), site.url("/two"));
    site.set(
        "/one",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    site.set(
        "/two",
        story(
            "12 votes to 1",
            "They went out in the worst storm in years,",
        ),
    );
    ok(&storydiff(
        data.path(),
        T0,
        &["watch", "add", &one, &two, "--every", "15m"],
    ));
    site.set("/one", Page::Busy(600));
    site.set("/two", Page::Busy(600));
    let pass = run_once(data.path(), T0 + 20 * MINUTE);
    assert_eq!(
        pass["outcomes"]["failed"], 1,
        "the second is not asked: {pass:#}"
    );
    assert_eq!(pass["put_off"], 1, "{pass:#}");
    let asked = site.requests("/one").len() + site.requests("/two").len();
    // Within the ten minutes asked for, nothing is asked of the site.
    let pass = run_once(data.path(), T0 + 25 * MINUTE);
    assert_eq!(pass["checked"], 0, "{pass:#}");
    assert_eq!(
        site.requests("/one").len() + site.requests("/two").len(),
        asked
    );
    // A wait asked for beyond an hour is granted an hour, to the watch
    // asked and to the others of its site.
    site.set("/one", Page::Busy(86_400));
    site.set("/two", Page::Busy(86_400));
    let pass = run_once(data.path(), T0 + 60 * MINUTE);
    assert_eq!(
        (pass["checked"].as_u64(), pass["put_off"].as_u64()),
        (Some(1), Some(1)),
        "{pass:#}"
    );
    let list = watches(data.path(), T0 + 60 * MINUTE);
    for url in [&one, &two] {
        let next = watch_of(&list, url)["next_check"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            ("2026-12-07T11:00:00Z"..="2026-12-07T11:02:00Z").contains(&next.as_str()),
            "an hour, not a day: {next}"
        );
    }
    site.set(
        "/two",
        story(
            "12 votes to 1",
            "They went out in the worst storm in years,",
        ),
    );
    // A host that keeps failing is shown as failing, with the reason.
    site.set("/one", Page::Broken);
    let mut now = T0 + 2 * HOUR;
    for _ in 0..4 {
        now += 3 * HOUR;
        run_once(data.path(), now);
    }
    let list = watches(data.path(), now);
    let one_watch = watch_of(&list, &one);
    assert_eq!(one_watch["state"], "failing", "{one_watch:#}");
    assert!(
        one_watch["note"].as_str().unwrap().contains("HTTP 500"),
        "{one_watch:#}"
    );
}

#[test]
fn no_host_gets_more_than_one_request_a_second() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let paths = ["/p1", "/p2", "/p3", "/p4"];
    let urls: Vec<String> = paths.iter().map(|p| site.url(p)).collect();
    for p in paths {
        site.set(
            p,
            story(
                "23 votes to 9",
                "We cannot ask families to keep bailing out their kitchens,",
            ),
        );
    }
    let mut args = vec!["watch", "add"];
    args.extend(urls.iter().map(String::as_str));
    ok(&storydiff_with(data.path(), T0, &args, "1000"));
    let out = storydiff_with(
        data.path(),
        T0 + HOUR,
        &["watch", "run", "--once", "--all"],
        "1000",
    );
    ok(&out);
    let mut times: Vec<Instant> = paths
        .iter()
        .flat_map(|p| site.requests(p))
        .map(|(_, at)| at)
        .collect();
    times.sort();
    assert_eq!(times.len(), 8);
    for pair in times.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= Duration::from_millis(950),
            "{gap:?} between two requests to one host"
        );
    }
}

#[test]
fn two_runs_at_once_never_check_one_page_twice() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let paths: Vec<String> = (0..12).map(|i| format!("/s{i}")).collect();
    for p in &paths {
        site.set(
            p,
            story(
                "23 votes to 9",
                "We cannot ask families to keep bailing out their kitchens,",
            ),
        );
    }
    let urls: Vec<String> = paths.iter().map(|p| site.url(p)).collect();
    let mut args = vec!["watch", "add"];
    args.extend(urls.iter().map(String::as_str));
    ok(&storydiff(data.path(), T0, &args));
    let start = |_| {
        Command::new(env!("CARGO_BIN_EXE_storydiff"))
            .args(["watch", "run", "--once", "--format", "json"])
            .env("XDG_DATA_HOME", data.path())
            .env("STORYDIFF_NOW", (T0 + HOUR).to_string())
            .env("STORYDIFF_HOST_INTERVAL_MS", "50")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let runs: Vec<_> = (0..2).map(start).collect();
    let mut checked = 0;
    for run in runs {
        let out = run.wait_with_output().unwrap();
        assert!(out.status.success());
        let pass: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        checked += pass["checked"].as_u64().unwrap();
    }
    assert_eq!(checked, 12, "each page checked by one run");
    for p in &paths {
        assert_eq!(site.requests(p).len(), 2, "{p}: added once, checked once");
    }
}

#[test]
fn the_schedule_thins_out_as_the_article_ages_and_ends_after_thirty_days() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let url = site.url("/aging");
    site.set(
        "/aging",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    ok(&storydiff(data.path(), T0, &["watch", "add", &url]));
    let mut now = T0;
    let mut gaps = Vec::new();
    let mut state = String::new();
    for _ in 0..200 {
        let list = watches(data.path(), now);
        let w = watch_of(&list, &url);
        state = w["state"].as_str().unwrap().to_string();
        let Some(next) = w["next_check"].as_str() else {
            break;
        };
        let next = parse(next);
        gaps.push((now - T0, next - now));
        now = next;
        run_once(data.path(), now);
    }
    assert_eq!(state, "ended", "{gaps:?}");
    for (age, gap) in &gaps {
        let expected = match age {
            a if *a < 3 * HOUR => 15 * MINUTE,
            a if *a < DAY => HOUR,
            a if *a < 3 * DAY => 3 * HOUR,
            _ => DAY,
        };
        assert!(
            *gap >= expected && *gap <= expected + expected / 10,
            "at age {age} s the next check came after {gap} s, not {expected} s (+10%)"
        );
    }
    assert!(
        gaps.len() > 60 && gaps.len() < 90,
        "{} checks in 30 days",
        gaps.len()
    );
    assert!(now - T0 >= 30 * DAY && now - T0 < 31 * DAY);
}

fn parse(rfc3339: &str) -> i64 {
    // 2026-12-07T09:00:00Z: days since T0's date plus the time of day.
    let date = &rfc3339[..10];
    let (y, m, d): (i64, i64, i64) = (
        date[..4].parse().unwrap(),
        date[5..7].parse().unwrap(),
        date[8..10].parse().unwrap(),
    );
    let days = {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    };
    let time: Vec<i64> = rfc3339[11..19]
        .split(':')
        .map(|p| p.parse().unwrap())
        .collect();
    days * DAY + time[0] * HOUR + time[1] * MINUTE + time[2]
}

#[test]
fn sitemaps_and_atom_feeds_are_told_apart_and_dates_come_from_them() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    site.set(
        "/news/old-story",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    site.set(
        "/news/sea-wall",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    let out = ok(&storydiff(
        data.path(),
        T0,
        &[
            "watch",
            "add",
            &site.url("/news-sitemap.xml"),
            &site.url("/feed.atom"),
            "--for",
            "3d",
        ],
    ));
    assert!(out.contains("(sitemap)") && out.contains("(feed)"), "{out}");
    let list = watches(data.path(), T0);
    let old = watch_of(&list, &site.url("/news/old-story"));
    assert_eq!(old["published_at"], "2026-12-05T09:00:00Z");
    assert_eq!(old["feed"], site.url("/news-sitemap.xml"));
    assert_eq!(
        watch_of(&list, &site.url("/news/sea-wall"))["feed"],
        site.url("/feed.atom")
    );
    run_once(data.path(), T0);
    // Two days old: checked every 3 hours.
    let list = watches(data.path(), T0);
    let next = parse(
        watch_of(&list, &site.url("/news/old-story"))["next_check"]
            .as_str()
            .unwrap(),
    );
    assert!(
        (3 * HOUR..=3 * HOUR + 1080).contains(&(next - T0)),
        "{}",
        next - T0
    );
    // --for: three days from first sighting, then the watch ends.
    run_once(data.path(), T0 + 3 * DAY + HOUR);
    let list = watches(data.path(), T0 + 3 * DAY + HOUR);
    assert_eq!(
        watch_of(&list, &site.url("/news/sea-wall"))["state"],
        "ended"
    );
}

#[test]
fn a_long_run_stops_cleanly_on_sigterm() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    site.set(
        "/story",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    ok(&storydiff(
        data.path(),
        T0,
        &["watch", "add", &site.url("/story")],
    ));
    let mut child = Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(["watch", "run"])
        .env("XDG_DATA_HOME", data.path())
        .env("STORYDIFF_HOST_INTERVAL_MS", "0")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Let it start and check what is due.
    std::thread::sleep(Duration::from_millis(1500));
    unsafe {
        libc_kill(child.id() as i32, 15);
    }
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still running 5 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let mut stderr = String::new();
    child.stderr.unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("stopping"), "{stderr}");
}

extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, signal: i32) -> i32;
}

#[test]
fn an_address_that_serves_nothing_is_not_watched_and_says_why() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let out = storydiff(data.path(), T0, &["watch", "add", &site.url("/missing")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not found (HTTP 404)"), "{stderr}");
    assert!(watches(data.path(), T0).is_empty());
    let out = storydiff(data.path(), T0, &["watch", "add", "file:///etc/passwd"]);
    assert_eq!(out.status.code(), Some(2));
    let out = storydiff(
        data.path(),
        T0,
        &["watch", "add", &site.url("/x"), "--every", "soon"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a duration"));
    let out = storydiff(
        data.path(),
        T0,
        &["watch", "remove", "https://never.example/"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not watched"));
}

/// Two checks within one second (a check right after adding) shared a
/// capture's time: the second overwrote the first version, and the change
/// compared a version with itself.
#[test]
fn regression_two_checks_in_one_second_keep_both_versions() {
    let site = Site::start();
    let data = tempfile::tempdir().unwrap();
    let url = site.url("/quick");
    site.set(
        "/quick",
        story(
            "23 votes to 9",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    ok(&storydiff(data.path(), T0, &["watch", "add", &url]));
    site.set(
        "/quick",
        story(
            "24 votes to 8",
            "We cannot ask families to keep bailing out their kitchens,",
        ),
    );
    let pass = json(&storydiff(
        data.path(),
        T0,
        &["watch", "run", "--once", "--all", "--format", "json"],
    ));
    let change = &pass["changes"][0];
    assert_ne!(change["old"], change["new"], "{pass:#}");
    let list = watches(data.path(), T0);
    assert_eq!(watch_of(&list, &url)["versions"], 2);
}
