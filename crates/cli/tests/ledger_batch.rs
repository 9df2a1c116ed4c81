//! `storydiff ledger` and `storydiff batch` as a user runs them.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn storydiff(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("storydiff runs");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&bytes));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn pair(id: usize, words: usize) -> String {
    let old = "The council met on Monday to discuss the road. ".repeat(words);
    let new = format!("{old}It will reopen on Friday.");
    serde_json::json!({ "id": id, "old": old, "new": new }).to_string()
}

#[test]
fn batch_answers_every_line_in_input_order() {
    let input: String = (0..300).map(|k| pair(k, 1 + (k * 7) % 40) + "\n").collect();
    let out = storydiff(&["batch", "--jobs", "4"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let answers = lines(&out);
    assert_eq!(answers.len(), 300);
    for (k, a) in answers.iter().enumerate() {
        assert_eq!(a["id"], k);
        assert_eq!(a["stats"]["paragraphs_reworded"], 1, "{a}");
        assert!(a["changes"].is_array());
    }
}

#[test]
fn batch_bad_lines_get_error_records_and_never_stop_the_run() {
    let mut input = Vec::new();
    input.extend_from_slice(pair(1, 2).as_bytes());
    input.extend_from_slice(b"\n{not json\n");
    input.extend_from_slice(b"{\"id\": \"x\", \"old\": \"only old\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": 5, \"old\": \"caf\xe9\", \"new\": \"b\"}\n");
    input.extend_from_slice(pair(6, 3).as_bytes());
    let out = storydiff(&["batch", "--summary-only", "-"], &input);
    assert_eq!(out.status.code(), Some(0), "error records are answers");
    let answers = lines(&out);
    assert_eq!(answers.len(), 6);
    assert_eq!(answers[0]["id"], 1);
    assert!(answers[0].get("changes").is_none(), "--summary-only");
    assert_eq!(answers[1]["error"]["kind"], "bad_json");
    assert_eq!(answers[1]["line"], 2);
    assert_eq!(answers[2]["id"], "x");
    assert_eq!(answers[2]["error"]["kind"], "bad_record");
    assert!(answers[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("new"));
    assert_eq!(answers[3]["error"]["kind"], "empty_line");
    assert_eq!(answers[4]["error"]["kind"], "bad_utf8");
    assert_eq!(answers[5]["id"], 6);
    assert!(answers[5]["stats"]["similarity"].is_number());
}

#[test]
fn batch_of_nothing_prints_nothing_and_succeeds() {
    let out = storydiff(&["batch"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.is_empty(),
        "no progress when stderr is no terminal"
    );
}

#[test]
fn batch_reports_the_credit_line_of_the_new_text() {
    let line = serde_json::json!({
        "id": "c",
        "old": "The mayor resigned.\n\nShe gave no reason.",
        "new": "The mayor resigned.\n\nShe gave no reason.\n\nThis story first appeared in The Sun.",
    });
    let out = storydiff(&["batch", "--summary-only"], format!("{line}\n").as_bytes());
    let answers = lines(&out);
    assert_eq!(
        answers[0]["credit"],
        "This story first appeared in The Sun."
    );
    assert_eq!(
        answers[0]["stats"]["paragraphs_added"], 0,
        "the credit is boilerplate"
    );
}

#[test]
fn batch_on_a_missing_file_is_an_io_failure() {
    let out = storydiff(&["batch", "/no/such/pairs.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/pairs.jsonl"), "{err}");
}

/// Peak resident memory of a live process, from the kernel's high-water mark.
fn peak_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status")
}

/// Runs `batch` on `count` lines and returns its peak RSS after answering
/// them all, read while it still waits for more input (so the figure covers
/// the whole run), then checks it ends cleanly.
fn batch_peak_rss(count: usize) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(["batch", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        let mut input = std::io::BufWriter::new(&mut stdin);
        for k in 0..count {
            writeln!(input, "{}", pair(k, 1 + k % 6)).unwrap();
        }
        input.flush().unwrap();
        drop(input);
        // Keep the pipe open until the memory is read.
        rx.recv().unwrap();
        drop(stdin);
    });
    let mut answered = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        assert!(line.starts_with("{\"id\":"), "{line}");
        answered += 1;
        if answered == count {
            break;
        }
    }
    let peak = peak_rss_kb(child.id());
    tx.send(()).unwrap();
    writer.join().unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(answered, count);
    peak
}

#[test]
fn batch_memory_stays_flat_over_100000_lines() {
    let small = batch_peak_rss(2_000);
    let large = batch_peak_rss(100_000);
    eprintln!("batch peak RSS: {small} kB for 2,000 lines, {large} kB for 100,000 lines");
    // 100,000 lines are 50 times the input and output (about 60 MB of JSON
    // out); held in memory they would add far more than this margin.
    assert!(
        large < small + 16 * 1024,
        "peak RSS grew from {small} kB to {large} kB"
    );
}

#[test]
fn ledger_text_report_names_each_copy_and_its_credit() {
    let out = storydiff(
        &[
            "ledger",
            &fixture("council-original.txt"),
            &fixture("council-reprint.txt"),
            &fixture("council-original.txt"),
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[1] "), "{text}");
    assert!(text.contains("[2] "), "{text}");
    assert!(text.contains("kept 100% verbatim"), "{text}");
    assert!(text.contains("Matrix"), "{text}");
}

#[test]
fn ledger_json_follows_the_contract() {
    let out = storydiff(
        &[
            "ledger",
            "--format",
            "json",
            &fixture("council-original.txt"),
            &fixture("council-reprint.txt"),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["original"]["paragraphs"].is_array());
    let row = &json["copies"][0];
    for field in [
        "source",
        "title",
        "site",
        "published",
        "stats",
        "credit",
        "follows",
    ] {
        assert!(row.get(field).is_some(), "missing {field}: {row}");
    }
    // The same stats as the pair comparison.
    let pair = storydiff(
        &[
            "compare",
            "--format",
            "json",
            &fixture("council-original.txt"),
            &fixture("council-reprint.txt"),
        ],
        b"",
    );
    let pair: serde_json::Value = serde_json::from_slice(&pair.stdout).unwrap();
    assert_eq!(row["stats"], pair["stats"]);
}

#[test]
fn ledger_csv_and_html() {
    let args = |format: &'static str| {
        storydiff(
            &[
                "ledger",
                "--format",
                format,
                &fixture("council-original.txt"),
                &fixture("council-reprint.txt"),
            ],
            b"",
        )
    };
    let csv = String::from_utf8(args("csv").stdout).unwrap();
    assert_eq!(csv.lines().count(), 2);
    assert!(csv.starts_with("source,site,published,title,kept_verbatim"));
    let html = String::from_utf8(args("html").stdout).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("class=\"cell "));
}

#[test]
fn ledger_with_a_missing_copy_names_it_and_exits_2() {
    let out = storydiff(
        &[
            "ledger",
            &fixture("council-original.txt"),
            "/no/such/copy.txt",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/copy.txt"));
}
