//! A webhook that fails is tried again, three times, with a growing wait;
//! one that redirects is not followed. Against a real HTTP server on
//! 127.0.0.1 that the test starts.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A server answering 503 `failures` times, then 204; returns its address
/// and the count of POSTs it got.
fn hook(failures: usize, redirect: bool) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let posts = Arc::new(AtomicUsize::new(0));
    let seen = posts.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let reply: &[u8] = if redirect {
                b"HTTP/1.1 308 Permanent Redirect\r\nlocation: http://127.0.0.1:9/elsewhere\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            } else if n < failures {
                b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            } else {
                b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n"
            };
            let _ = stream.write_all(reply);
        }
    });
    (format!("http://{addr}/hook"), posts)
}

#[tokio::test]
async fn a_failing_webhook_is_tried_three_more_times_with_a_growing_wait() {
    let (url, posts) = hook(2, false);
    let started = Instant::now();
    let outcome = storydiff_watch::notify::deliver(&url, b"{}").await;
    assert_eq!(outcome.as_deref(), Ok("delivered (attempt 3)"));
    assert_eq!(posts.load(Ordering::SeqCst), 3);
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "waited 1 s, then 2 s"
    );

    let (url, posts) = hook(usize::MAX, false);
    let outcome = storydiff_watch::notify::deliver(&url, b"{}").await;
    let failed = outcome.unwrap_err();
    assert!(failed.contains("after 4 tries"), "{failed}");
    assert_eq!(posts.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn a_webhook_that_redirects_is_not_followed_nor_tried_again() {
    let (url, posts) = hook(0, true);
    let failed = storydiff_watch::notify::deliver(&url, b"{}")
        .await
        .unwrap_err();
    assert!(failed.contains("never follows"), "{failed}");
    assert_eq!(posts.load(Ordering::SeqCst), 1);
}
