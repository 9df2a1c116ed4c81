//! Watch mode in the real app, against a news site on 127.0.0.1 that the
//! test starts and edits: a feed is added in the Watch tab, the app reads
//! its article in the background, the site edits the article, the change
//! appears with its badge, and a click on it opens the story's History
//! view on that pair.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use fantoccini::{Client, Locator};
use storydiff_e2e::{click, row_kinds, screenshot, wait_for, wait_for_xpath, with_app_env};

/// The site: `/feed.rss` lists `/news/sea-wall`, whose vote count is the
/// one `edition` names (0: 23 to 9, then 24 to 8).
fn serve_site(edition: Arc<AtomicUsize>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let site = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (edition, base) = (edition.clone(), site.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let votes = if edition.load(Ordering::SeqCst) == 0 {
                    "23 votes to 9"
                } else {
                    "24 votes to 8"
                };
                let (status, kind, body) = match path.as_str() {
                    "/feed.rss" => (
                        "200 OK",
                        "application/rss+xml",
                        format!(
                            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Harbour council approves sea wall</title><link>{base}/news/sea-wall</link></item></channel></rss>"#
                        ),
                    ),
                    "/news/sea-wall" => (
                        "200 OK",
                        "text/html; charset=utf-8",
                        format!(
                            r#"<!doctype html><html><head><title>Harbour council approves sea wall</title></head><body><article>
<h1>Harbour council approves sea wall</h1>
<p>The Harbour council voted on Thursday night to build a sea wall along the eastern promenade, three months after storms flooded more than two hundred homes in the old town.</p>
<p>The decision, passed by {votes}, ends a year of argument over whether the town should defend the seafront or help residents of the lower streets move away.</p>
<p>Work on the wall is due to start in September and to take two years, with the first section protecting the streets behind the lifeboat station.</p>
</article></body></html>"#
                        ),
                    ),
                    _ => ("404 Not Found", "text/plain", "gone".to_string()),
                };
                let reply = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let mut stream = &stream;
                let _ = stream.write_all(reply.as_bytes());
            });
        }
    });
    base
}

async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_feed_added_in_the_watch_tab_shows_its_articles_change_and_opens_the_pair() {
    let edition = Arc::new(AtomicUsize::new(0));
    let base = serve_site(edition.clone());
    let env = [("STORYDIFF_HOST_INTERVAL_MS", "0")];
    with_app_env(&[], &env, move |client| async move {
        wait_for(&client, "[data-testid=summary]").await;
        click(&client, "[data-testid=mode-watch]").await;
        let input = wait_for(&client, "[data-testid=watch-address]").await;
        input.send_keys(&format!("{base}/feed.rss")).await.unwrap();
        click(&client, "[data-testid=watch-add]").await;
        wait_for(&client, "[data-testid=watch-item][data-kind=feed]").await;
        // The background task reads the feed's article at once.
        wait_for_xpath(
            &client,
            "//li[@data-testid='watch-article'][contains(., '1 version')]",
            "the article's first version",
        )
        .await;
        assert!(client
            .find(Locator::Css("[data-testid=watch-badge]"))
            .await
            .is_err());

        // The site edits the article; the next check finds it.
        edition.store(1, Ordering::SeqCst);
        click(&client, "[data-testid=watch-check-all]").await;
        wait_for(&client, "[data-testid=watch-change]").await;
        let summary = text(&client, "[data-testid=watch-change-summary]").await;
        assert!(summary.contains("figures or dates changed"), "{summary}");
        assert_eq!(text(&client, "[data-testid=watch-badge]").await, "1");
        screenshot("watch");

        // A click opens the story in History, on that pair.
        click(&client, "[data-testid=watch-change]").await;
        wait_for_xpath(
            &client,
            "//ol[@data-testid='history-timeline'][count(li)=2]",
            "the story's two versions",
        )
        .await;
        let title = text(&client, "[data-testid=history-title]").await;
        assert_eq!(title, "Harbour council approves sea wall");
        let kinds = row_kinds(&client).await;
        assert!(kinds.iter().any(|k| k == "reworded"), "{kinds:?}");
        screenshot("watch-history");
        // Seen: the badge is gone.
        wait_for_xpath(
            &client,
            "//button[@data-testid='mode-watch'][not(span)]",
            "the badge cleared once the change was opened",
        )
        .await;
    })
    .await;
}
