//! The real fetcher against a real HTTP server on 127.0.0.1, started by the
//! test: every way a page can arrive or fail, with the message a user sees.

use std::io::Write;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use storydiff_web::{fetch, post_json, Answer, Client, Error, FetchOptions, Fetched};
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

/// A test server: each connection gets the behaviour its path names.
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
    // A TLS handshake to this plain server gets a plain answer, as a real
    // misconfigured server would give.
    if stream.peek(&mut byte).await.unwrap_or(0) == 1 && byte[0] == 0x16 {
        let _ = stream
            .write_all(b"HTTP/1.1 400 Bad Request\r\n\r\nThis is plain HTTP.")
            .await;
        return;
    }
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let user_agent = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("user-agent: ")
                .or_else(|| l.strip_prefix("User-Agent: "))
        })
        .unwrap_or("")
        .to_string();
    let reply = |status: &str, headers: &str, body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let html = "content-type: text/html; charset=utf-8\r\n";
    let if_none_match = head
        .lines()
        .find_map(|l| l.strip_prefix("if-none-match: "))
        .unwrap_or("")
        .to_string();
    let response = match path.as_str() {
        "/article" => reply("200 OK", html, ARTICLE.as_bytes()),
        "/etag" if if_none_match == "\"v1\"" => {
            reply("304 Not Modified", "etag: \"v1\"\r\n", b"")
        }
        "/etag" => reply(
            "200 OK",
            "content-type: text/html; charset=utf-8\r\netag: \"v1\"\r\nlast-modified: Mon, 07 Dec 2026 08:00:00 GMT\r\n",
            ARTICLE.as_bytes(),
        ),
        "/always-304" => reply("304 Not Modified", "", b""),
        "/hook" => reply("204 No Content", "", b""),
        "/hook-moved" => reply("307 Temporary Redirect", "location: /hook\r\n", b""),
        "/busy" => reply("503 Service Unavailable", "retry-after: 90\r\n", b"busy"),
        "/agent" => reply("200 OK", "content-type: text/plain\r\n", user_agent.as_bytes()),
        "/redirect" => reply("302 Found", "location: /article\r\n", b""),
        "/loop" => reply("302 Found", "location: /loop\r\n", b""),
        "/to-file" => reply("302 Found", "location: file:///etc/passwd\r\n", b""),
        "/401" => reply("401 Unauthorized", "", b"no"),
        "/402" => reply("402 Payment Required", "", b"pay"),
        "/403" => reply("403 Forbidden", "", b"no"),
        "/404" => reply("404 Not Found", "", b"gone"),
        "/429" => reply("429 Too Many Requests", "retry-after: 120\r\n", b"slow down"),
        "/503" => reply("503 Service Unavailable", "", b"down"),
        "/login" => reply(
            "200 OK",
            html,
            b"<html><head><title>Sign in to read</title></head><body><form><input name=u><button>Log in</button></form></body></html>",
        ),
        "/png" => reply("200 OK", "content-type: text/html\r\n", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "/windows-1251" => {
            let page = format!(
                "<html><head><meta charset=\"windows-1251\"><title>Новости</title></head><body><article><h1>Мэр подал в отставку</h1>{}</article></body></html>",
                "<p>Мэр города объявил о своей отставке в понедельник после скандала вокруг строительства новой набережной и дамбы у моря.</p>".repeat(3)
            );
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
            reply("200 OK", "content-type: text/html\r\n", &bytes)
        }
        "/wrong-charset" => reply("200 OK", "content-type: text/html; charset=iso-8859-1\r\n", ARTICLE.as_bytes()),
        "/huge-length" => {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 900000000\r\ncontent-type: text/html\r\n\r\n<p>")
                .await;
            return;
        }
        "/endless" => {
            // No length: the body runs until the cap stops the reader.
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n").await;
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..1_000 {
                if stream.write_all(&chunk).await.is_err() {
                    return;
                }
            }
            return;
        }
        "/gzip-bomb" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            let zeros = vec![b' '; 1024 * 1024];
            for _ in 0..64 {
                gz.write_all(&zeros).unwrap();
            }
            let body = gz.finish().unwrap();
            reply("200 OK", "content-type: text/html\r\ncontent-encoding: gzip\r\n", &body)
        }
        "/gzip" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(ARTICLE.as_bytes()).unwrap();
            reply("200 OK", "content-type: text/html; charset=utf-8\r\ncontent-encoding: gzip\r\n", &gz.finish().unwrap())
        }
        "/silent" => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            return;
        }
        "/trickle" => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n").await;
            for _ in 0..30 {
                if stream.write_all(b"a").await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            return;
        }
        _ => reply("500 Internal Server Error", "", b"?"),
    };
    let _ = stream.write_all(&response).await;
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

async fn get(addr: SocketAddr, path: &str) -> Result<Fetched, Error> {
    fetch(&format!("http://{addr}{path}"), &quick()).await
}

#[tokio::test]
async fn the_user_agent_names_storydiff() {
    let addr = server().await;
    let page = get(addr, "/agent").await.unwrap();
    assert!(String::from_utf8(page.body)
        .unwrap()
        .starts_with("storydiff/"));
}

#[tokio::test]
async fn gzip_bodies_are_decompressed() {
    let addr = server().await;
    let page = get(addr, "/gzip").await.unwrap();
    assert_eq!(page.body, ARTICLE.as_bytes());
}

#[tokio::test]
async fn each_refusal_has_its_own_message() {
    let addr = server().await;
    for (path, kind, says) in [
        ("/401", "refused", "save the page in your browser"),
        ("/402", "refused", "paywalled"),
        ("/403", "refused", "HTTP 403"),
        ("/404", "page_not_found", "not found (HTTP 404)"),
        ("/429", "rate_limited", "wait 120 seconds"),
        ("/503", "server_error", "HTTP 503"),
    ] {
        let err = get(addr, path).await.unwrap_err();
        assert_eq!(err.kind(), kind, "{path}: {err}");
        assert!(err.to_string().contains(says), "{path}: {err}");
        assert!(
            err.to_string().contains(&format!("http://{addr}{path}")),
            "names the address: {err}"
        );
    }
}

#[tokio::test]
async fn redirect_loops_and_redirects_to_files_are_refused() {
    let addr = server().await;
    let err = get(addr, "/loop").await.unwrap_err();
    assert_eq!(err.kind(), "redirect", "{err}");
    assert!(err.to_string().contains("more than 10 times"), "{err}");
    let err = get(addr, "/to-file").await.unwrap_err();
    assert_eq!(err.kind(), "redirect", "{err}");
    assert!(err.to_string().contains("file:///etc/passwd"), "{err}");
}

#[tokio::test]
async fn bodies_over_the_cap_are_stopped_declared_or_not_compressed_or_not() {
    let addr = server().await;
    for path in ["/huge-length", "/endless", "/gzip-bomb"] {
        let err = get(addr, path).await.unwrap_err();
        assert_eq!(err.kind(), "too_large", "{path}: {err}");
        assert!(err.to_string().contains("1.0 MB"), "{err}");
    }
}

#[tokio::test]
async fn a_server_that_never_answers_or_trickles_times_out() {
    let addr = server().await;
    for path in ["/silent", "/trickle"] {
        let started = Instant::now();
        let err = get(addr, path).await.unwrap_err();
        assert_eq!(err.kind(), "timeout", "{path}: {err}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{path} took {:?}",
            started.elapsed()
        );
    }
}

#[tokio::test]
async fn a_closed_port_is_a_connection_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = fetch(&format!("http://127.0.0.1:{port}/"), &quick())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "connect", "{err}");
}

#[tokio::test]
async fn https_to_a_server_without_tls_fails_the_handshake() {
    let addr = server().await;
    let err = fetch(&format!("https://{addr}/article"), &quick())
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), "tls" | "connect"), "{err}");
}

#[tokio::test]
async fn schemes_other_than_http_are_refused_before_any_request() {
    for url in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,hi",
    ] {
        let err = fetch(url, &FetchOptions::default()).await.unwrap_err();
        assert_eq!(err.kind(), "bad_url", "{url}: {err}");
    }
}

/// An HTTPS server on 127.0.0.1 with a certificate nobody vouches for:
/// self-signed, or (with `expired`) also out of date.
async fn tls_server(expired: bool) -> SocketAddr {
    use std::sync::Arc;
    use tokio_rustls::rustls;

    let key = rcgen::KeyPair::generate().unwrap();
    let mut params =
        rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap();
    if expired {
        params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        params.not_after = rcgen::date_time_ymd(2021, 1, 1);
    }
    let cert = params.self_signed(&key).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der()).into(),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                if let Ok(mut tls) = acceptor.accept(stream).await {
                    let body = ARTICLE.as_bytes();
                    let head = format!(
                        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = tls.write_all(head.as_bytes()).await;
                    let _ = tls.write_all(body).await;
                }
            });
        }
    });
    addr
}

#[tokio::test]
async fn self_signed_and_expired_certificates_are_refused() {
    for (expired, says) in [(false, "not signed by an authority"), (true, "has expired")] {
        let addr = tls_server(expired).await;
        let err = fetch(&format!("https://{addr}/article"), &quick())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "tls", "{err}");
        assert!(
            err.to_string().contains("never skips certificate checks"),
            "{err}"
        );
        assert!(err.to_string().contains(says), "{err}");
    }
}

#[tokio::test]
async fn a_conditional_request_costs_no_body_when_nothing_changed() {
    let addr = server().await;
    let client = Client::new(&quick()).unwrap();
    let url = format!("http://{addr}/etag");
    let first = client.fetch(&url).await.unwrap();
    let validators = first.validators();
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        validators.last_modified.as_deref(),
        Some("Mon, 07 Dec 2026 08:00:00 GMT")
    );
    match client.get(&url, &validators).await.unwrap() {
        Answer::NotModified { final_url, .. } => assert_eq!(final_url, url),
        Answer::Page(_) => panic!("a 304 is not a page"),
    }
    // Without validators a 304 is still the server misbehaving.
    let err = fetch(&format!("http://{addr}/always-304"), &quick())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "http_status", "{err}");
    assert!(err.to_string().contains("304"), "{err}");
}

#[tokio::test]
async fn a_busy_site_says_how_long_to_wait() {
    let addr = server().await;
    let err = get(addr, "/busy").await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(90)));
    assert!(err.is_overload());
    let err = get(addr, "/429").await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
}

#[tokio::test]
async fn a_webhook_is_posted_once_and_its_redirect_never_followed() {
    let addr = server().await;
    post_json(
        &format!("http://{addr}/hook"),
        b"{}",
        Duration::from_secs(2),
    )
    .await
    .unwrap();
    let err = post_json(
        &format!("http://{addr}/hook-moved"),
        b"{}",
        Duration::from_secs(2),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), "redirect", "{err}");
    assert!(err.to_string().contains("never follows"), "{err}");
    let err = post_json("file:///etc/passwd", b"{}", Duration::from_secs(2))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "bad_url");
}
