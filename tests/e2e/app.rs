//! The real app, as a person uses it.

use std::time::Instant;

use fantoccini::Locator;
use storydiff_e2e::{assert_bundled_ui, fixture, row_kinds, wait_for, with_app};

#[tokio::test]
async fn two_files_from_the_command_line_are_shown_side_by_side() {
    let (old, new) = (
        fixture("council-original.txt"),
        fixture("council-reprint.txt"),
    );
    with_app(&[&old, &new], |client| async move {
        let started = Instant::now();
        wait_for(&client, "[data-testid=row]").await;
        eprintln!(
            "rows visible {} ms after the session started",
            started.elapsed().as_millis()
        );
        assert_bundled_ui(&client).await;

        assert_eq!(
            row_kinds(&client).await,
            [
                "unchanged",
                "reworded",
                "removed",
                "unchanged",
                "added",
                "unchanged"
            ]
        );

        let reworded = client
            .find(Locator::Css("[data-kind=reworded]"))
            .await
            .unwrap();
        let deleted = reworded
            .find(Locator::Css("[data-side=old] del"))
            .await
            .unwrap();
        assert_eq!(deleted.text().await.unwrap(), "Tuesday");
        let inserted = reworded
            .find(Locator::Css("[data-side=new] ins"))
            .await
            .unwrap();
        assert_eq!(inserted.text().await.unwrap(), "Wednesday");
        // A changed day is a date: the passage is flagged for the editor.
        let flag = reworded.find(Locator::Css(".flag")).await.unwrap();
        assert_eq!(
            flag.attr("data-flag").await.unwrap().as_deref(),
            Some("number")
        );

        let removed = client
            .find(Locator::Css("[data-kind=removed] [data-side=old]"))
            .await
            .unwrap();
        assert!(removed
            .text()
            .await
            .unwrap()
            .contains("Transport chief Paul Hendry"));
        let added = client
            .find(Locator::Css("[data-kind=added] [data-side=new]"))
            .await
            .unwrap();
        assert!(added.text().await.unwrap().contains("Campaigners said"));

        let summary = client
            .find(Locator::Css("[data-testid=summary-line]"))
            .await
            .unwrap();
        let summary = summary.text().await.unwrap();
        assert!(
            summary.contains("kept verbatim") && summary.contains("1 paragraph cut"),
            "{summary}"
        );
    })
    .await;
}

#[tokio::test]
async fn without_arguments_the_window_opens_on_the_sample() {
    with_app(&[], |client| async move {
        wait_for(&client, "[data-testid=row]").await;
        let kinds = row_kinds(&client).await;
        for kind in ["reworded", "removed", "added", "moved"] {
            assert!(
                kinds.iter().any(|k| k == kind),
                "no {kind} row in the sample: {kinds:?}"
            );
        }
        let note = client
            .find(Locator::Css("[data-kind=moved] .note"))
            .await
            .unwrap();
        assert_eq!(note.text().await.unwrap(), "moved from ¶7");
        let headline = client.find(Locator::Css(".headline")).await.unwrap();
        assert!(headline.text().await.unwrap().contains("sea wall"));
    })
    .await;
}

#[tokio::test]
async fn a_missing_file_is_reported_in_place_and_the_app_keeps_working() {
    let new = fixture("council-reprint.txt");
    with_app(&["/nonexistent/story.txt", &new], |client| async move {
        let error = wait_for(&client, "[data-testid=error]").await;
        let text = error.text().await.unwrap();
        assert!(text.contains("Old version"), "{text}");
        assert!(
            text.contains("/nonexistent/story.txt: no such file"),
            "{text}"
        );

        // The app still works: the sample opens and the error goes away.
        client
            .find(Locator::Css("[data-testid=open-sample]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for(&client, "[data-testid=row]").await;
        assert!(client
            .find(Locator::Css("[data-testid=error]"))
            .await
            .is_err());
    })
    .await;
}
