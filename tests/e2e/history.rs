//! History mode in the real app, against a web archive on 127.0.0.1 that
//! speaks CDX, `id_` replays and Memento TimeMaps ([`serve_archive`]): the
//! timeline, any two versions compared, the "no change in the article"
//! toggle, sentence history, checking for a new version, and Cancel during
//! an import. Each test reads its own story (`/news/NAME`), as the app's
//! database is shared by the tests of one run.

use std::time::Duration;

use fantoccini::{Client, Locator};
use storydiff_e2e::{
    click, row_kinds, screenshot, serve_archive, texts, wait_for, wait_for_xpath, with_app_env,
};

async fn attrs(client: &Client, css: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in client.find_all(Locator::Css(css)).await.unwrap() {
        out.push(e.attr(name).await.unwrap().unwrap_or_default());
    }
    out
}

/// Runs `body` with the app pointed at a fresh local archive; `body` gets
/// the client and the archive's base address.
async fn with_archive<F, Fut>(body: F)
where
    F: FnOnce(Client, String) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let base = serve_archive();
    let timemaps = format!("{base}/timemap/link/");
    let env = [
        ("STORYDIFF_ARCHIVE_BASE", base.as_str()),
        ("STORYDIFF_TIMEMAPS", timemaps.as_str()),
    ];
    let for_body = base.clone();
    with_app_env(&[], &env, move |client| body(client, for_body)).await
}

/// Switches to History mode and reads the story at `address`, waiting
/// until its timeline shows `marks` marks.
/// Waits until the timeline shows `marks` versions.
async fn timeline_shows(client: &Client, marks: usize, why: &str) {
    wait_for_xpath(
        client,
        &format!("//ol[@data-testid='history-timeline'][count(li)={marks}]"),
        why,
    )
    .await;
}

/// The text of the one element `css` matches.
async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn read_story(client: &Client, address: &str, marks: usize) {
    // The window's first paint can take a while on a loaded machine.
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css("[data-testid=mode-history]"))
        .await
        .expect("the window shows its modes");
    click(client, "[data-testid=mode-history]").await;
    let input = wait_for(client, "[data-testid=history-address]").await;
    input.clear().await.unwrap();
    input.send_keys(address).await.unwrap();
    click(client, "[data-testid=history-read]").await;
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::XPath(&format!(
            "//ol[@data-testid='history-timeline'][count(li)={marks}]"
        )))
        .await
        .unwrap_or_else(|e| panic!("the timeline never showed {marks} marks: {e}"));
}

#[tokio::test]
async fn the_timeline_shows_each_version_by_origin_shaded_by_change_and_opens_the_latest_pair() {
    with_archive(|client, base| async move {
        read_story(&client, &format!("{base}/news/timeline"), 4).await;
        // Four versions changed the article: three Wayback captures and one
        // Memento one; the unchanged one and the two bad ones are hidden.
        let origins = texts(&client, "[data-testid=history-origin]").await;
        assert_eq!(
            origins,
            [
                "Wayback",
                "Wayback",
                "Wayback",
                &format!("Memento ({})", base.trim_start_matches("http://"))
            ]
        );
        let when = texts(&client, "[data-testid=history-when]").await;
        assert_eq!(
            when,
            [
                "11 Sep 2023 06:00",
                "12 Sep 2023 06:00",
                "16 Sep 2023 06:00",
                "1 Oct 2023 12:00"
            ]
        );
        let shades = attrs(&client, "[data-testid=history-mark]", "data-shade").await;
        assert_eq!(shades[0], "first");
        for shade in &shades[1..] {
            let level: u8 = shade.parse().unwrap_or_else(|_| panic!("{shades:?}"));
            assert!((1..=4).contains(&level), "{shades:?}");
        }
        let counts = text(&client, "[data-testid=history-bad-count]").await;
        assert_eq!(counts, "(2 hidden)");
        // The newest pair opens side by side: the quote was reworded.
        wait_for(&client, "[data-testid=row]").await;
        assert!(row_kinds(&client).await.iter().any(|k| k == "reworded"));
        // The last two marks are the pair (shown upper-case).
        let pair: Vec<String> = texts(&client, ".timeline .pick")
            .await
            .iter()
            .map(|t| t.to_lowercase())
            .collect();
        assert_eq!(pair, ["from", "to"]);
        let to = attrs(&client, "[data-testid=history-mark].to", "data-id").await;
        let ids = attrs(&client, "[data-testid=history-mark]", "data-id").await;
        assert_eq!(to, ids[3..]);
        screenshot("history");
    })
    .await;
}

#[tokio::test]
async fn any_two_versions_are_compared_and_brackets_step_through_pairs() {
    with_archive(|client, base| async move {
        read_story(&client, &format!("{base}/news/pairs"), 4).await;
        let ids = attrs(&client, "[data-testid=history-mark]", "data-id").await;
        // From the first version to the last: every edit shows.
        let from = client
            .find(Locator::Css("[data-testid=history-from]"))
            .await
            .unwrap();
        from.select_by_value(&ids[0]).await.unwrap();
        wait_for_xpath(
            &client,
            "//li[@data-testid='history-mark'][1][contains(@class,'from')]",
            "the first version is From",
        )
        .await;
        let new_text = wait_for_xpath(
            &client,
            "//*[contains(text(),'Work is due to start in the spring.')]",
            "the sentence added in the third version shows",
        )
        .await;
        assert!(new_text.is_displayed().await.unwrap());
        wait_for_xpath(
            &client,
            "//del[contains(.,'January')]",
            "the quote's old word is struck",
        )
        .await;
        // `[` steps back to the consecutive pair before the To version.
        client
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .send_keys("[")
            .await
            .unwrap();
        wait_for_xpath(
            &client,
            "//li[@data-testid='history-mark'][2][contains(@class,'from')]",
            "[ makes the second version From",
        )
        .await;
        wait_for_xpath(
            &client,
            "//li[@data-testid='history-mark'][3][contains(@class,'to')]",
            "[ makes the third version To",
        )
        .await;
        wait_for_xpath(
            &client,
            "//ins[contains(.,'23')]",
            "the new vote count is marked",
        )
        .await;
        // "Compare with previous" on the second mark.
        let marks = client
            .find_all(Locator::Css("[data-testid=history-compare-previous]"))
            .await
            .unwrap();
        marks[1].click().await.unwrap();
        wait_for_xpath(
            &client,
            "//li[@data-testid='history-mark'][2][contains(@class,'to')]",
            "the second version is To",
        )
        .await;
        wait_for_xpath(
            &client,
            "//ins[contains(.,'night')]",
            "Thursday became Thursday night",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn versions_with_no_change_in_the_article_are_hidden_until_asked_for() {
    with_archive(|client, base| async move {
        read_story(&client, &format!("{base}/news/toggle"), 4).await;
        let count = client
            .find(Locator::Css("[data-testid=history-unchanged-count]"))
            .await
            .unwrap();
        assert_eq!(count.text().await.unwrap(), "(1 hidden)");
        click(&client, "[data-testid=history-toggle-unchanged]").await;
        timeline_shows(&client, 5, "the unchanged version shows").await;
        let unchanged = attrs(&client, "[data-testid=history-mark]", "data-unchanged").await;
        assert_eq!(unchanged, ["false", "false", "true", "false", "false"]);
        let what = texts(&client, "[data-testid=history-mark] .what").await;
        assert_eq!(what[2], "no change in the article");
        assert_eq!(
            text(&client, "[data-testid=history-unchanged-count]").await,
            "(1)"
        );
        // Bad captures come too when asked for, marked as such.
        click(&client, "[data-testid=history-toggle-bad]").await;
        timeline_shows(&client, 7, "the two bad captures show").await;
        let bad = client
            .find_all(Locator::Css("[data-testid=history-mark].bad"))
            .await
            .unwrap();
        assert_eq!(bad.len(), 2);
        click(&client, "[data-testid=history-toggle-unchanged]").await;
        click(&client, "[data-testid=history-toggle-bad]").await;
        timeline_shows(&client, 4, "hidden again").await;
    })
    .await;
}

#[tokio::test]
async fn sentence_history_dates_each_sentence_and_lists_its_earlier_forms() {
    with_archive(|client, base| async move {
        read_story(&client, &format!("{base}/news/sentences"), 4).await;
        click(&client, "[data-testid=history-panel-sentences]").await;
        wait_for(&client, "[data-testid=sentence]").await;
        let since = texts(&client, "[data-testid=sentence-since]").await;
        // Sentences of the newest version (1 Oct): the first reads so since
        // 12 Sep ("Thursday night"), the vote and the added sentence since
        // 16 Sep, the quote since 1 Oct.
        assert_eq!(since[0], "since 12 Sep 2023 06:00", "{since:?}");
        assert!(
            since.contains(&"since 16 Sep 2023 06:00".to_string()),
            "{since:?}"
        );
        assert!(
            since.contains(&"since 1 Oct 2023 12:00".to_string()),
            "{since:?}"
        );
        let sentences = client
            .find_all(Locator::Css("[data-testid=sentence]"))
            .await
            .unwrap();
        let quote = {
            let mut found = None;
            for s in &sentences {
                if s.text().await.unwrap().contains("every winter") {
                    found = Some(s.clone());
                }
            }
            found.expect("the reworded quote is a sentence")
        };
        quote.click().await.unwrap();
        let earlier = wait_for(&client, "[data-testid=sentence-earlier]").await;
        assert!(
            earlier
                .text()
                .await
                .unwrap()
                .starts_with("11 Sep 2023 06:00 (Wayback) until 1 Oct 2023 12:00"),
            "{}",
            earlier.text().await.unwrap()
        );
        let struck = client
            .find(Locator::Css("[data-testid=earlier-diff] del"))
            .await
            .unwrap();
        assert!(struck.text().await.unwrap().contains("January"));
        let added = client
            .find(Locator::Css("[data-testid=earlier-diff] ins"))
            .await
            .unwrap();
        assert!(added.text().await.unwrap().contains("winter"));
        screenshot("sentence-history");
        // A sentence that never changed says so.
        let unchanged_since = texts(&client, "[data-testid=sentence]").await;
        let k = unchanged_since
            .iter()
            .position(|t| t.starts_with("Work is due to start"))
            .expect("the added sentence");
        client
            .find_all(Locator::Css("[data-testid=sentence]"))
            .await
            .unwrap()[k]
            .click()
            .await
            .unwrap();
        wait_for(&client, "[data-testid=sentence-no-earlier]").await;
    })
    .await;
}

#[tokio::test]
async fn checking_for_a_new_version_adds_one_only_when_the_article_changed() {
    with_archive(|client, base| async move {
        read_story(&client, &format!("{base}/news/check"), 4).await;
        click(&client, "[data-testid=history-check]").await;
        let status = wait_for_xpath(
            &client,
            "//p[@data-testid='history-status'][starts-with(.,'The article changed')]",
            "the live page's new article is added",
        )
        .await;
        assert!(status
            .text()
            .await
            .unwrap()
            .contains("a new version fetched"));
        timeline_shows(&client, 5, "a fifth mark").await;
        let origins = texts(&client, "[data-testid=history-origin]").await;
        assert_eq!(origins.last().map(String::as_str), Some("fetched by you"));
        wait_for_xpath(
            &client,
            "//li[@data-testid='history-mark'][5][contains(@class,'to')]",
            "the new version is compared with the previous",
        )
        .await;
        wait_for_xpath(
            &client,
            "//*[contains(text(),'judicial review')]",
            "the added paragraph shows",
        )
        .await;
        // The page has not changed since: nothing is added.
        click(&client, "[data-testid=history-check]").await;
        wait_for_xpath(
            &client,
            "//p[@data-testid='history-status'][starts-with(.,'No change in the article')]",
            "a second check adds nothing",
        )
        .await;
        assert_eq!(
            client
                .find_all(Locator::Css("[data-testid=history-mark]"))
                .await
                .unwrap()
                .len(),
            5
        );
    })
    .await;
}

#[tokio::test]
async fn cancel_stops_an_import_and_keeps_the_story_and_comparison_on_screen() {
    with_archive(|client, base| async move {
        read_story(&client, &format!("{base}/news/before-cancel"), 4).await;
        wait_for(&client, "[data-testid=row]").await;
        let rows_before = row_kinds(&client).await;
        // Thirty captures at one request a second: half a minute to read.
        let input = wait_for(&client, "[data-testid=history-address]").await;
        input.clear().await.unwrap();
        input.send_keys(&format!("{base}/news/slow")).await.unwrap();
        click(&client, "[data-testid=history-read]").await;
        wait_for_xpath(
            &client,
            "//span[@data-testid='history-progress'][starts-with(.,'Reading capture')]",
            "the import reads captures",
        )
        .await;
        click(&client, "[data-testid=history-cancel]").await;
        let status = wait_for_xpath(
            &client,
            "//p[@data-testid='history-status'][starts-with(.,'Stopped.')]",
            "Cancel says it stopped",
        )
        .await;
        assert!(status.is_displayed().await.unwrap());
        assert!(client
            .find_all(Locator::Css("[data-testid=history-progress]"))
            .await
            .unwrap()
            .is_empty());
        // The story and its comparison are still there.
        assert_eq!(
            client
                .find_all(Locator::Css("[data-testid=history-mark]"))
                .await
                .unwrap()
                .len(),
            4
        );
        let count = text(&client, "[data-testid=history-count]").await;
        assert!(count.ends_with("/news/before-cancel"), "{count}");
        assert_eq!(row_kinds(&client).await, rows_before);
    })
    .await;
}

#[tokio::test]
async fn export_evidence_writes_the_storys_versions_as_a_wacz() {
    let dir = std::env::temp_dir().join(format!("storydiff-e2e-evidence-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("evidence.wacz");
    let target = path.display().to_string();
    with_archive(move |client, base| async move {
        let address = format!("{base}/news/evidence");
        read_story(&client, &address, 4).await;
        let button = wait_for(&client, "[data-testid=history-export]").await;
        assert_eq!(button.text().await.unwrap(), "Export evidence…");
        screenshot("history-export");
        // The native save dialog cannot be driven; its answer (a path) goes
        // to the button's command, called through the app's real IPC for the
        // story on screen.
        let outcome = client
            .execute_async(
                r#"const [address, path, done] = arguments;
                   const invoke = window.__TAURI_INTERNALS__.invoke;
                   invoke('stored_stories')
                     .then((stories) => invoke('export_evidence', { storyId: stories.find((s) => s.url === address).story_id, path }))
                     .then((saved) => done(saved.message), (e) => done('failed: ' + JSON.stringify(e)));"#,
                vec![serde_json::json!(address), serde_json::json!(target)],
            )
            .await
            .unwrap();
        let message = outcome.as_str().unwrap_or_default().to_string();
        assert!(message.starts_with("Saved "), "{message}");
        assert!(message.contains("comparisons"), "{message}");
    })
    .await;
    let wacz = std::fs::read(&path).unwrap();
    assert!(wacz.starts_with(b"PK\x03\x04"), "a zip");
    let listing = String::from_utf8_lossy(&wacz);
    for name in [
        "archive/data.warc.gz",
        "indexes/index.cdxj",
        "pages/pages.jsonl",
        "datapackage.json",
    ] {
        assert!(listing.contains(name), "{name} missing from the WACZ");
    }
    // The archive's versions are named by their mementos, never as the
    // page's own captures.
    assert!(listing.contains("/web/"), "the mementos are named");
}
