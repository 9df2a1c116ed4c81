//! Ledger mode in the real app: an original and three local copies, the
//! rows and the matrix, and a click through to one pair at one passage.

use fantoccini::Locator;
use storydiff_e2e::{click, fixture, screenshot, texts, wait_for, wait_for_xpath, with_app};

#[tokio::test]
async fn a_ledger_of_three_copies_shows_rows_and_matrix_and_opens_a_pair_at_a_passage() {
    with_app(&[], |client| async move {
        wait_for(&client, "[data-testid=row]").await; // the sample, in pair mode
        wait_for(&client, "[data-testid=mode-ledger]").await;
        client
            .execute(
                "document.querySelector('[data-testid=mode-ledger]').click()",
                vec![],
            )
            .await
            .unwrap();
        let original = wait_for(&client, "[data-testid=ledger-original]").await;
        original
            .send_keys(&fixture("ledger/original.txt"))
            .await
            .unwrap();
        for (k, name) in ["copy-a.txt", "copy-b.txt", "copy-c.txt"]
            .iter()
            .enumerate()
        {
            if k > 0 {
                click(&client, "[data-testid=ledger-add-copy]").await;
            }
            let inputs = client
                .find_all(Locator::Css("[data-testid=ledger-copy]"))
                .await
                .unwrap();
            inputs[k]
                .send_keys(&fixture(&format!("ledger/{name}")))
                .await
                .unwrap();
        }
        click(&client, "[data-testid=ledger-build]").await;
        wait_for(&client, "[data-testid=ledger-matrix]").await;

        // One row per copy, in the order given, with credit and follows.
        let rows = client
            .find_all(Locator::Css("[data-testid=ledger-row]"))
            .await
            .unwrap();
        assert_eq!(rows.len(), 3);
        let credits = texts(&client, "[data-testid=ledger-credit]").await;
        assert_eq!(credits[0], "“This story first appeared in The Sun.”");
        assert!(credits[2].contains("Originally published by the Harbour Gazette"));
        let follows = texts(&client, "[data-testid=ledger-follows]").await;
        assert!(follows[0].is_empty(), "{follows:?}");
        assert!(
            follows[1].starts_with("follows the edits of #1"),
            "{follows:?}"
        );
        assert!(follows[2].is_empty(), "{follows:?}");

        // Sorting by the share kept verbatim, largest first: the copy of
        // the copy, with the most edits, comes last.
        click(&client, "[data-testid=ledger-sort-verbatim]").await;
        let mut order = Vec::new();
        for row in client
            .find_all(Locator::Css("[data-testid=ledger-row]"))
            .await
            .unwrap()
        {
            order.push(row.attr("data-copy").await.unwrap().unwrap());
        }
        assert_eq!(order.last().map(String::as_str), Some("1"), "{order:?}");
        // Filtering by words keeps the matching copy only.
        client
            .find(Locator::Css("[data-testid=ledger-filter]"))
            .await
            .unwrap()
            .send_keys("Gazette")
            .await
            .unwrap();
        wait_for_xpath(
            &client,
            "//tbody[count(tr[@data-testid='ledger-row'])=1]",
            "the filter keeps one row",
        )
        .await;

        // The matrix: 8 paragraphs × 3 copies, each cell a state and a symbol.
        let cells = client
            .find_all(Locator::Css("[data-testid=ledger-cell]"))
            .await
            .unwrap();
        assert_eq!(cells.len(), 24);
        let cell = |copy: usize, paragraph: usize| {
            format!("[data-testid=ledger-cell][data-copy='{copy}'][data-paragraph='{paragraph}']")
        };
        let state = |css: String| {
            let client = client.clone();
            async move {
                let e = client.find(Locator::Css(&css)).await.unwrap();
                (
                    e.attr("data-state").await.unwrap().unwrap(),
                    e.text().await.unwrap(),
                )
            }
        };
        assert_eq!(state(cell(0, 0)).await, ("edited".into(), "~".into()));
        assert_eq!(state(cell(0, 7)).await, ("missing".into(), "−".into()));
        assert_eq!(state(cell(2, 3)).await, ("verbatim".into(), "=".into()));
        assert_eq!(state(cell(2, 6)).await, ("missing".into(), "−".into()));

        // The filter off again, for the picture.
        let filter = client
            .find(Locator::Css("[data-testid=ledger-filter]"))
            .await
            .unwrap();
        filter.clear().await.unwrap();
        filter.send_keys(" ").await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        screenshot("ledger");

        // A click on copy 3's edited ¶5 opens that pair at that passage.
        click(&client, &cell(2, 4)).await;
        wait_for(&client, "[data-testid=back-to-ledger]").await;
        let focused = wait_for_xpath(
            &client,
            "//*[@data-testid='row' and contains(., '£3 million')]",
            "the pair view shows the passage",
        )
        .await;
        assert_eq!(
            focused.attr("data-kind").await.unwrap().as_deref(),
            Some("reworded")
        );
        let active = client
            .execute(
                "const a = document.activeElement; return a ? a.textContent : null;",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            active.as_str().unwrap_or("").contains("£3 million"),
            "the passage clicked has the focus: {active}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        screenshot("ledger-pair");

        // And back: the ledger is still there.
        click(&client, "[data-testid=back-to-ledger]").await;
        wait_for(&client, "[data-testid=ledger-matrix]").await;
        assert_eq!(
            client
                .find_all(Locator::Css("[data-testid=ledger-cell]"))
                .await
                .unwrap()
                .len(),
            24
        );
    })
    .await;
}
