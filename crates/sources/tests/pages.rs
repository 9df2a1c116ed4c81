//! Fetched pages through the front door: a real HTTP server on 127.0.0.1,
//! started by the test, serves pages that `load` fetches, decodes,
//! extracts and keeps.

use std::net::SocketAddr;
use std::time::Duration;

use storydiff_sources::{load, LoadOptions, Source};
use storydiff_store::Store;
use storydiff_web::FetchOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ARTICLE: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>Sea wall approved | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour council approves £12m sea wall</h1>
<p>The Harbour council voted on Thursday night to build a £12 million sea wall along the eastern promenade, three months after storms flooded more than 200 homes.</p>
<p>The decision, passed by 23 votes to 9, ends a year of argument over whether the town should defend the seafront or help residents move away.</p>
<p>“We cannot ask families to keep bailing out their kitchens every January,” said council leader Alan Briggs.</p>
</article></body></html>"#;

/// The chrome a site sets around every article, before, among and after
/// its paragraphs, and a long background paragraph two of its stories share.
const BEFORE: &str = "Harbour Gazette weekend edition, delivered to your door";
const AMONG: &str = "Tip us off at the newsdesk";
const AFTER: &str = "Got a story? Our reporters read every message";
/// A sentence both stories end on, as follow-ups do: story, whose edits count.
const SHARED: &str =
    "The council meets again on the first Monday of next month, when the budget is due.";
const BACKGROUND: &str = "The storms of January flooded more than 200 homes along the eastern promenade, closed the harbour for a week and cut the town's ferry link to the islands, which the council has since spent most of its reserves repairing while it argued over what to build.";
const SEA_WALL: &[&str] = &[
    "The Harbour council voted on Thursday night to build a sea wall along the eastern promenade, three months after the storms.",
    "The decision, passed by 23 votes to 9, ends a year of argument over whether the town should defend the seafront.",
];
const FERRY: &[&str] = &[
    "The ferry to the islands sailed again on Monday for the first time since the storms, carrying forty passengers and the post.",
    "Its operator said the timetable would be back to normal by the summer, once the damaged pier has been rebuilt.",
];

/// A page of the Harbour Gazette: its chrome around a story.
fn gazette(headline: &str, paragraphs: &[&str]) -> String {
    let mut page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{headline}</title></head><body><article><h1>{headline}</h1><p>{BEFORE}</p>"
    );
    for (i, p) in paragraphs.iter().enumerate() {
        page.push_str(&format!("<p>{p}</p>"));
        if i == 0 {
            page.push_str(&format!("<p>{AMONG}</p>"));
        }
    }
    page.push_str(&format!(
        "<p>{BACKGROUND}</p><p>{AFTER}</p></article></body></html>"
    ));
    page
}

/// A test server: each connection gets the page its path names.
async fn server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            tokio::spawn(handle(stream));
        }
    });
    addr
}

async fn handle(mut stream: TcpStream) {
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
    let (status, headers, body): (&str, &str, Vec<u8>) = match path.as_str() {
        "/article" => ("200 OK", "content-type: text/html; charset=utf-8\r\n", ARTICLE.into()),
        "/redirect" => ("302 Found", "location: /article\r\n", Vec::new()),
        "/login" => (
            "200 OK",
            "content-type: text/html; charset=utf-8\r\n",
            b"<html><head><title>Sign in to read</title></head><body><form><input name=u><button>Log in</button></form></body></html>".to_vec(),
        ),
        "/png" => ("200 OK", "content-type: text/html\r\n", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        "/windows-1251" => {
            let page = format!(
                "<html><head><meta charset=\"windows-1251\"><title>Новости</title></head><body><article><h1>Мэр подал в отставку</h1>{}</article></body></html>",
                "<p>Мэр города объявил о своей отставке в понедельник после скандала вокруг строительства новой набережной и дамбы у моря.</p>".repeat(3)
            );
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
            ("200 OK", "content-type: text/html\r\n", bytes.into_owned())
        }
        "/news/sea-wall" => ("200 OK", "content-type: text/html; charset=utf-8\r\n", gazette("Sea wall approved", SEA_WALL).into_bytes()),
        "/news/ferry" => ("200 OK", "content-type: text/html; charset=utf-8\r\n", gazette("Ferry returns", FERRY).into_bytes()),
        "/wrong-charset" => ("200 OK", "content-type: text/html; charset=iso-8859-1\r\n", ARTICLE.into()),
        _ => ("404 Not Found", "", b"gone".to_vec()),
    };
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    let _ = stream.write_all(&out).await;
    let _ = stream.shutdown().await;
}

fn quick() -> FetchOptions {
    FetchOptions {
        max_bytes: 1024 * 1024,
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(4),
        max_redirects: 10,
    }
}

#[tokio::test]
async fn an_article_is_fetched_after_a_redirect_and_extracted() {
    let addr = server().await;
    let dir = tempfile::tempdir().unwrap();
    let options = LoadOptions {
        fetch: quick(),
        store: Some(dir.path().to_path_buf()),
        ..LoadOptions::default()
    };
    let loaded = load(&Source::Url(format!("http://{addr}/redirect")), &options)
        .await
        .unwrap();
    let doc = loaded.document.clone();
    assert_eq!(
        doc.title.as_deref(),
        Some("Harbour council approves £12m sea wall")
    );
    assert_eq!(doc.site.as_deref(), Some("Harbour Gazette"));
    assert_eq!(doc.paragraphs.len(), 3, "{doc:#?}");
    let source = doc.source.clone().unwrap();
    assert!(
        source.starts_with(&format!("http://{addr}/article (fetched 20")),
        "{source}"
    );
    let sha = source
        .split("sha256:")
        .nth(1)
        .unwrap()
        .trim_end_matches(')');
    let (snapshot, bytes) = Store::open_in(dir.path()).unwrap().snapshot(sha).unwrap();
    assert_eq!(bytes, ARTICLE.as_bytes());
    assert_eq!(snapshot.status, 200);
    assert_eq!(snapshot.final_url, format!("http://{addr}/article"));
    assert_eq!(
        loaded.snapshot.as_ref().map(|s| s.sha256.as_str()),
        Some(sha)
    );

    // Offline: the same article from the snapshot alone.
    let again = load(&Source::Snapshot(sha.to_string()), &options)
        .await
        .unwrap();
    assert_eq!(again.document.paragraphs, doc.paragraphs);
    assert_eq!(again.document.source.as_deref(), Some(source.as_str()));
    let err = load(&Source::Snapshot("../../etc/passwd".into()), &options)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "store");
}

#[tokio::test]
async fn pages_decode_by_meta_charset_and_survive_a_wrong_header() {
    let addr = server().await;
    let options = LoadOptions {
        fetch: quick(),
        ..LoadOptions::default()
    };
    let doc = load(
        &Source::Url(format!("http://{addr}/windows-1251")),
        &options,
    )
    .await
    .unwrap()
    .document;
    assert_eq!(doc.title.as_deref(), Some("Мэр подал в отставку"));
    let doc = load(
        &Source::Url(format!("http://{addr}/wrong-charset")),
        &options,
    )
    .await
    .unwrap()
    .document;
    assert!(
        doc.paragraphs
            .iter()
            .any(|p| p.contains("“We cannot ask families")),
        "{doc:#?}"
    );
}

#[tokio::test]
async fn a_login_wall_or_an_image_is_no_article() {
    let addr = server().await;
    let options = LoadOptions {
        fetch: quick(),
        ..LoadOptions::default()
    };
    let err = load(&Source::Url(format!("http://{addr}/login")), &options)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "no_article", "{err}");
    assert!(err.to_string().contains("Sign in to read"), "{err}");
    let err = load(&Source::Url(format!("http://{addr}/png")), &options)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("PNG"), "{err}");
}

/// The lines of a loaded page that are marked and not.
fn marked_lines(doc: &storydiff_engine::Document) -> Vec<(bool, &str)> {
    doc.paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (doc.boilerplate.contains(&i), p.as_str()))
        .collect()
}

#[tokio::test]
async fn a_sites_template_is_learned_from_its_other_articles_not_from_versions_of_one() {
    let addr = server().await;
    let dir = tempfile::tempdir().unwrap();
    let options = LoadOptions {
        fetch: quick(),
        store: Some(dir.path().to_path_buf()),
        ..LoadOptions::default()
    };
    let read = |path: &str| {
        let source = Source::Url(format!("http://{addr}{path}"));
        let options = options.clone();
        async move { load(&source, &options).await.unwrap().document }
    };
    let chrome = |doc: &storydiff_engine::Document| -> Vec<bool> {
        [BEFORE, AMONG, AFTER]
            .iter()
            .map(|line| {
                let at = doc.paragraphs.iter().position(|p| p == line);
                let at = at.unwrap_or_else(|| panic!("{line:?} missing: {:#?}", marked_lines(doc)));
                doc.boilerplate.contains(&at)
            })
            .collect()
    };
    // One page alone: nothing of the site is known.
    let first = read("/news/sea-wall").await;
    assert_eq!(
        chrome(&first),
        [false, false, false],
        "{:#?}",
        marked_lines(&first)
    );
    // The same article again (a second version): no new evidence.
    let again = read("/news/sea-wall").await;
    assert_eq!(chrome(&again), [false, false, false]);
    // Another article of the site: what the two share is its template.
    let ferry = read("/news/ferry").await;
    assert_eq!(
        chrome(&ferry),
        [true, true, true],
        "{:#?}",
        marked_lines(&ferry)
    );
    // ... and it is marked on the first article too, from now on.
    let later = read("/news/sea-wall").await;
    assert_eq!(chrome(&later), [true, true, true]);
    // A long paragraph and a sentence both stories share are story, and
    // the stories' own lines are untouched.
    for doc in [&ferry, &later] {
        for (marked, text) in marked_lines(doc) {
            if [BACKGROUND, SHARED].contains(&text)
                || SEA_WALL.contains(&text)
                || FERRY.contains(&text)
            {
                assert!(!marked, "{text:?} was marked");
            }
        }
    }
    let store = Store::open_in(dir.path()).unwrap();
    let (learned, template) = store.site_template_size("127.0.0.1").unwrap();
    assert_eq!(template, 3);
    // The chrome alone: the stories' lines read as sentences and the long
    // paragraph is long, so neither is ever learned.
    assert_eq!(learned, 3);
}
