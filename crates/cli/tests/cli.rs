//! The `storydiff` binary as a user runs it: arguments, output, exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn storydiff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(args)
        .output()
        .expect("storydiff runs")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn differing_files_exit_1_with_a_text_report() {
    let out = storydiff(&[
        "compare",
        &fixture("council-original.txt"),
        &fixture("council-reprint.txt"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("REWORDED"), "{report}");
    assert!(report.contains("[-Tuesday-]{+Wednesday+}"), "{report}");
    assert!(report.contains("REMOVED"), "{report}");
    assert!(report.contains("ADDED"), "{report}");
}

#[test]
fn identical_files_exit_0() {
    let out = storydiff(&[
        "compare",
        &fixture("council-original.txt"),
        &fixture("council-original.txt"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No differences"));
}

#[test]
fn json_output_follows_the_contract() {
    let out = storydiff(&[
        "compare",
        "--format",
        "json",
        &fixture("council-original.txt"),
        &fixture("council-reprint.txt"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    for side in ["old", "new"] {
        for field in ["source", "title", "byline", "published", "paragraphs"] {
            assert!(json[side].get(field).is_some(), "{side}.{field} missing");
        }
    }
    for field in [
        "similarity",
        "words_added",
        "words_removed",
        "words_unchanged",
        "summary",
    ] {
        assert!(json["stats"].get(field).is_some(), "stats.{field} missing");
    }
    let changes = json["changes"].as_array().unwrap();
    let reworded = changes
        .iter()
        .find(|c| c["kind"] == "reworded")
        .expect("a reworded change");
    for field in ["old_text", "new_text", "similarity", "diff"] {
        assert!(reworded.get(field).is_some(), "change.{field} missing");
    }
    let tags: Vec<&str> = reworded["diff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["tag"].as_str().unwrap())
        .collect();
    assert!(
        tags.contains(&"equal") && tags.contains(&"delete") && tags.contains(&"insert"),
        "{tags:?}"
    );
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let out = storydiff(&[
        "compare",
        "/nonexistent/old.txt",
        &fixture("council-reprint.txt"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/nonexistent/old.txt: no such file"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_directory_is_refused_as_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = storydiff(&[
        "compare",
        dir.path().to_str().unwrap(),
        &fixture("council-reprint.txt"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a folder, not a file"));
}

#[test]
fn sample_prints_the_built_in_comparison() {
    let out = storydiff(&["sample"]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("Harbour"), "{report}");
    assert!(report.contains("MOVED"), "{report}");
}

#[test]
fn saved_web_pages_are_compared_as_articles() {
    let out = storydiff(&[
        "compare",
        &fixture("harbour-original.html"),
        &fixture("harbour-reprint.html"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    // The headline is compared as metadata, not as the first paragraph.
    assert!(report.starts_with("storydiff:"), "{report}");
    assert!(report.contains("Headline changed:"), "{report}");
    // Navigation and the "Most read" box are not the story.
    assert!(
        !report.contains("Most read") && !report.contains("Weather"),
        "{report}"
    );
    // The syndication credit is shown, but not counted as an addition.
    assert!(
        report.contains("+ (boilerplate, not counted) This story first appeared"),
        "{report}"
    );
    assert!(report.contains("[-September-]{+October+}"), "{report}");
}

#[test]
fn extract_prints_the_article_as_json() {
    let out = storydiff(&[
        "extract",
        "--format",
        "json",
        &fixture("harbour-reprint.html"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["title"],
        "Council backs £12m sea wall for flood-hit harbour town"
    );
    assert_eq!(json["site"], "Coastal Daily News");
    assert!(json["published"]
        .as_str()
        .unwrap()
        .starts_with("2026-03-15"));
    let paragraphs = json["paragraphs"].as_array().unwrap();
    let credit = paragraphs
        .iter()
        .position(|p| p.as_str().unwrap().starts_with("This story first appeared"))
        .unwrap();
    assert!(json["boilerplate"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!(credit)));
}

#[test]
fn a_url_with_another_scheme_is_refused_with_a_reason() {
    let out = storydiff(&[
        "compare",
        "file:///etc/passwd",
        &fixture("council-reprint.txt"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only fetches http and https"));
}

#[test]
fn html_output_is_a_self_contained_report() {
    let out = storydiff(&[
        "compare",
        "--format",
        "html",
        &fixture("council-original.txt"),
        &fixture("council-reprint.txt"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        html.contains("<del>Tuesday</del>") && html.contains("<ins>Wednesday</ins>"),
        "{html}"
    );
    assert!(
        !html.contains("<link") && !html.contains("<script"),
        "no outside resources, no script"
    );
}

#[test]
fn the_size_cap_can_be_lowered_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "word ".repeat(300_000)).unwrap();
    let out = storydiff(&[
        "compare",
        "--max-size",
        "1",
        big.to_str().unwrap(),
        &fixture("council-reprint.txt"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("big.txt: the file is 1.4 MB and storydiff reads at most 1.0 MB"),
        "{stderr}"
    );
}

#[test]
fn markdown_output_is_the_summary_to_paste() {
    let out = storydiff(&[
        "compare",
        "--format",
        "markdown",
        &fixture("council-original.txt"),
        &fixture("council-reprint.txt"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("kept verbatim"), "{md}");
    assert!(md.contains("~~Tuesday~~**Wednesday**"), "{md}");
    assert!(md.contains("\n**Changes**\n"), "{md}");
}

/// Row 3 of the hostile-input matrix: a file the user may not read. Root
/// reads every file, so as root the check runs the binary as `nobody`.
#[test]
fn an_unreadable_file_is_refused_naming_it() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "Not for you.").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "For anyone.").unwrap();
    let args = ["compare", secret.to_str().unwrap(), other.to_str().unwrap()];
    let out = if std::fs::metadata("/proc/self").unwrap().uid() == 0 {
        // A copy beside the files, so that `nobody` may run it wherever the
        // build directory is.
        let binary = dir.path().join("storydiff");
        std::fs::copy(env!("CARGO_BIN_EXE_storydiff"), &binary).unwrap();
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&binary)
            .args(args)
            .output()
            .expect("setpriv runs (util-linux)")
    } else {
        storydiff(&args)
    };
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}: permission denied", secret.display())),
        "{stderr}"
    );
}

#[test]
fn one_draft_with_tracked_changes_compares_with_itself() {
    let draft = fixture("documents/draft-tracked.docx");
    let out = storydiff(&["compare", &draft]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("[-2.4m-]{+3.1m+}"), "{report}");
    assert!(
        report.contains("Tracked changes: ")
            && report.contains("by Priya Natarajan, Tom Whitcombe"),
        "{report}"
    );
    assert!(
        report.contains("deleted by Tom Whitcombe on 2026-11-19T16:40:00Z"),
        "{report}"
    );

    let out = storydiff(&["compare", "--format", "json", &draft]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["old"]["source"]
        .as_str()
        .unwrap()
        .ends_with("(before its tracked changes)"));
    let revisions = json["new"]["revisions"].as_array().unwrap();
    assert!(revisions
        .iter()
        .any(|r| r["author"] == "Tom Whitcombe" && r["kind"] == "deleted"));
}

#[test]
fn one_file_without_tracked_changes_is_trouble() {
    let out = storydiff(&["compare", &fixture("documents/story.docx")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("story.docx: this document has no tracked changes"),
        "{err}"
    );
}

/// The exit code said "they differ" (1) while the report said "No
/// differences in the body": the PDF's running headers, marked boilerplate,
/// were counted as changes by the exit code only.
#[test]
fn regression_a_pdf_with_running_headers_against_its_text_exits_0() {
    let out = storydiff(&[
        "compare",
        &fixture("documents/story-1col.pdf"),
        &fixture("documents/story.txt"),
    ]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("No differences in the body"), "{report}");
    assert!(report.contains("Lune Valley Courier"), "{report}");
    assert_eq!(out.status.code(), Some(0), "{report}");
}

#[test]
fn a_pdf_and_a_docx_of_one_story_differ_in_nothing_but_running_lines() {
    let out = storydiff(&[
        "compare",
        &fixture("documents/story-2col.pdf"),
        &fixture("documents/story.docx"),
    ]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("No differences in the body"), "{report}");
    assert_eq!(out.status.code(), Some(0), "{report}");
    let out = storydiff(&[
        "compare",
        &fixture("documents/scanned.pdf"),
        &fixture("documents/story.docx"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("scanned.pdf: this PDF has no text layer"),
        "{err}"
    );
}

/// The man pages the packages install are the pages `manpages` writes: one
/// for storydiff, one a subcommand, each listed in tauri.conf.json; and
/// the completion scripts name the subcommands.
#[test]
fn man_pages_and_completions_match_what_the_packages_install() {
    let dir = tempfile::tempdir().unwrap();
    let out = storydiff(&["manpages", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert!(written.contains(&"storydiff.1".to_string()));
    assert!(written.contains(&"storydiff-watch-run.1".to_string()));
    let page = std::fs::read_to_string(dir.path().join("storydiff-compare.1")).unwrap();
    assert!(page.contains("ignore\\-punctuation"), "{page}");
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tauri.conf.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for package in ["deb", "rpm"] {
        let mut listed: Vec<String> = config["bundle"]["linux"][package]["files"]
            .as_object()
            .unwrap()
            .keys()
            .filter_map(|k| k.strip_prefix("/usr/share/man/man1/"))
            .map(str::to_string)
            .collect();
        listed.sort();
        assert_eq!(listed, written, "the {package}'s man pages");
    }
    for shell in ["bash", "zsh", "fish"] {
        let out = storydiff(&["completions", shell]);
        assert!(out.status.success());
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("watch") && script.contains("history"),
            "{shell}"
        );
    }
}
