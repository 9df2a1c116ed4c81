//! PDF, Word and OpenDocument files in the real app.

use fantoccini::Locator;
use storydiff_e2e::{click, fixture, row_kinds, wait_for, wait_for_xpath, with_app};

#[tokio::test]
async fn a_pdf_against_a_docx_of_the_same_story_differs_only_in_running_lines() {
    let (pdf, docx) = (
        fixture("documents/story-1col.pdf"),
        fixture("documents/story.docx"),
    );
    with_app(&[&pdf, &docx], |client| async move {
        wait_for(&client, "[data-testid=row]").await;
        let summary = client
            .find(Locator::Css("[data-testid=summary-line]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(summary.contains("No differences in the body"), "{summary}");
        // The running header and page numbers are there, dimmed, not the story.
        for row in client
            .find_all(Locator::Css("[data-testid=row]"))
            .await
            .unwrap()
        {
            let kind = row.attr("data-kind").await.unwrap().unwrap_or_default();
            let boilerplate = row.attr("data-boilerplate").await.unwrap();
            assert!(
                kind == "unchanged" || boilerplate.as_deref() == Some("true"),
                "a {kind} row in the story: {}",
                row.text().await.unwrap()
            );
        }
        wait_for_xpath(
            &client,
            "//*[@data-boilerplate='true'][contains(., 'Page 1 of 3')]",
            "the page numbers, as boilerplate",
        )
        .await;
        // "Why is this line dimmed?": the row's tooltip says what marked it.
        let row = client
            .find(Locator::XPath(
                "//*[@data-boilerplate='true'][contains(., 'Page 1 of 3')]",
            ))
            .await
            .unwrap();
        let title = row.attr("title").await.unwrap().unwrap_or_default();
        assert!(
            title.contains("Not the story") && title.contains("running header"),
            "the dimmed row's tooltip: {title:?}"
        );
    })
    .await;
}

async fn assert_draft_shown(client: &fantoccini::Client) {
    wait_for(client, "[data-testid=credit]").await;
    let kinds = row_kinds(client).await;
    for kind in ["reworded", "removed", "added", "moved"] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} row: {kinds:?}");
    }
    let mut credits = Vec::new();
    for credit in client
        .find_all(Locator::Css("[data-testid=credit]"))
        .await
        .unwrap()
    {
        credits.push(credit.text().await.unwrap());
    }
    let all = credits.join(" | ");
    assert!(all.contains("Priya Natarajan, 18 Nov 2026"), "{all}");
    assert!(all.contains("Tom Whitcombe, 19 Nov 2026"), "{all}");
    // The figure's change is credited to its author beside the passage.
    let figure = wait_for_xpath(
        client,
        "//div[@data-kind='reworded'][.//ins[contains(., '3.1m')]]",
        "the changed figure",
    )
    .await;
    let credit = figure
        .find(Locator::Css("[data-testid=credit]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(credit.contains("Priya Natarajan"), "{credit}");
}

#[tokio::test]
async fn one_tracked_changes_file_opens_as_its_before_and_after() {
    let draft = fixture("documents/draft-tracked.docx");
    with_app(&[&draft], |client| async move {
        assert_draft_shown(&client).await;
    })
    .await;
}

#[tokio::test]
async fn a_draft_typed_alone_opens_as_its_before_and_after() {
    let draft = fixture("documents/draft-tracked.docx");
    with_app(&[], move |client| async move {
        wait_for(&client, "[data-testid=row]").await;
        // Only the old side: one draft alone is enough to compare.
        let input = client
            .find(Locator::Css("[data-testid=source-old]"))
            .await
            .unwrap();
        input.send_keys(&draft).await.unwrap();
        click(&client, "[data-testid=compare]").await;
        assert_draft_shown(&client).await;
    })
    .await;
}
