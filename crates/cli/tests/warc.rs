//! WARC in and out as a user runs it: `warc index`, WARC records as
//! sources, `history --warc`, and `warc export` to WARC and WACZ.
//!
//! The input files are written by warcio (the writer pywb and Browsertrix
//! use; tests/fixtures/warc/make-warcs.py), not by storydiff; the exports
//! are checked by the real tools: `warcio check` and `warcio index`, `wacz
//! validate`, and pywb, which serves them on 127.0.0.1 and replays each
//! version. The tools live in a Python environment that `make test-deps`
//! makes (STORYDIFF_WARC_VENV, or ~/.cache/storydiff/warc-venv).

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn venv() -> PathBuf {
    let dir = std::env::var_os("STORYDIFF_WARC_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set"))
                .join(".cache/storydiff/warc-venv")
        });
    assert!(
        dir.join("bin/warcio").exists() && dir.join("bin/wayback").exists(),
        "the WARC tools (warcio, py-wacz, pywb) are not in {}: `make test-deps` installs them",
        dir.display()
    );
    dir
}

fn tool(name: &str) -> Command {
    Command::new(venv().join("bin").join(name))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The test WARC files, written by warcio for the story at `story`.
fn make_warcs(dir: &Path, story: &str) {
    let out = tool("python")
        .arg(repo().join("tests/fixtures/warc/make-warcs.py"))
        .arg(dir)
        .arg(story)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn storydiff(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("storydiff runs")
}

fn ok(out: &Output) -> &Output {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&ok(out).stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn index(data: &Path, file: &Path) -> Vec<Value> {
    lines(&storydiff(
        data,
        &["warc", "index", file.to_str().unwrap(), "--format", "json"],
    ))
}

const STORY: &str = "https://news.example/2023/09/sea-wall";

#[test]
fn index_reads_every_layout_and_names_each_record_where_warcio_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    make_warcs(dir.path(), STORY);
    let data = tempfile::tempdir().unwrap();
    let members = dir.path().join("members.warc.gz");
    let found = index(data.path(), &members);
    // warcinfo, request and metadata records are passed over: a line per
    // response (three HTML, one PDF) and one for the revisit.
    let kinds: Vec<(&str, &str)> = found
        .iter()
        .map(|l| (l["kind"].as_str().unwrap(), l["uri"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("response", STORY),
            ("response", STORY),
            ("revisit", STORY),
            ("response", "https://wire.example/story/flood-defences"),
            ("response", "https://news.example/files/council-minutes.pdf"),
        ]
    );
    for line in &found {
        for field in [
            "uri",
            "date",
            "digest",
            "status",
            "title",
            "words",
            "published",
            "site",
            "record",
            "article",
        ] {
            assert!(line.get(field).is_some(), "{field} missing: {line}");
        }
    }
    // The offsets are the ones warcio reads the records at.
    let offsets: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("offsets.json")).unwrap())
            .unwrap();
    let expected: Vec<String> = offsets
        .iter()
        .filter(|o| matches!(o["type"].as_str(), Some("response" | "revisit")))
        .map(|o| format!("{}#{}", members.display(), o["offset"]))
        .collect();
    let records: Vec<&str> = found
        .iter()
        .map(|l| l["record"].as_str().unwrap())
        .collect();
    assert_eq!(records, expected);

    let first = &found[0];
    assert_eq!(first["article"], true, "{first}");
    assert_eq!(first["title"], "Harbour council approves £12m sea wall");
    assert_eq!(first["date"], "2023-09-01T06:00:00Z");
    assert_eq!(first["status"], 200);
    assert_eq!(first["site"], "The Harbour News");
    assert!(first["published"]
        .as_str()
        .unwrap()
        .starts_with("2023-09-01"));
    assert!(first["words"].as_u64().unwrap() > 60, "{first}");
    assert!(first["digest"].as_str().unwrap().starts_with("sha1:"));
    // A revisit reads as the record it refers to, at its own date.
    assert_eq!(found[2]["article"], true);
    assert_eq!(found[2]["date"], "2023-09-03T06:00:00Z");
    assert_eq!(found[2]["words"], found[1]["words"]);
    // Chunked and gzip-encoded: decoded.
    assert_eq!(found[3]["article"], true, "{}", found[3]);
    assert_eq!(found[3]["title"], "Flood defences planned along the coast");
    // Not HTML: listed as such.
    assert_eq!(found[4]["article"], false);
    assert!(
        found[4]["reason"]
            .as_str()
            .unwrap()
            .contains("application/pdf"),
        "{}",
        found[4]
    );

    // The same records, uncompressed and as one gzip stream, read the same.
    let summary = |lines: &[Value]| -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                format!(
                    "{} {} {} {} {}",
                    l["uri"], l["date"], l["title"], l["words"], l["article"]
                )
            })
            .collect()
    };
    for other in ["plain.warc", "whole.warc.gz"] {
        let again = index(data.path(), &dir.path().join(other));
        assert_eq!(summary(&again), summary(&found), "{other}");
    }

    // Text for a person, a line a record.
    let out = storydiff(data.path(), &["warc", "index", members.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&ok(&out).stdout).to_string();
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(
        text.contains("Harbour council approves £12m sea wall"),
        "{text}"
    );
    assert!(
        text.contains("no article: not HTML (application/pdf)"),
        "{text}"
    );
}

#[test]
fn damaged_and_altered_records_are_reported_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    make_warcs(dir.path(), STORY);
    let data = tempfile::tempdir().unwrap();
    let damaged = dir.path().join("damaged.warc.gz");
    let out = storydiff(
        data.path(),
        &[
            "warc",
            "index",
            damaged.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let found = lines(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The first capture's member was cut in half: named by its offset,
    // and the records after it are all read.
    let offsets: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("offsets.json")).unwrap())
            .unwrap();
    let cut = offsets.iter().find(|o| o["type"] == "response").unwrap()["offset"].clone();
    assert!(
        stderr.contains(&format!("{}#{cut}: a damaged record", damaged.display())),
        "{stderr}"
    );
    let uris: Vec<&str> = found.iter().map(|l| l["uri"].as_str().unwrap()).collect();
    assert_eq!(uris.len(), 4, "{found:?}");
    assert_eq!(found[0]["date"], "2023-09-02T06:00:00Z");
    assert!(stderr.contains("1 damaged records passed over"), "{stderr}");

    // A payload whose digest does not match is reported, not used.
    let tampered = dir.path().join("tampered.warc");
    let found = index(data.path(), &tampered);
    assert_eq!(found[0]["article"], false);
    let reason = found[0]["reason"].as_str().unwrap();
    assert!(reason.contains("does not match its payload"), "{reason}");
    assert_eq!(found[1]["article"], true);

    // Read as a source, the altered record is not the version either.
    let source = format!("{}#{STORY}@20230901", tampered.display());
    let out = storydiff(data.path(), &["extract", &source]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no usable capture"), "{stderr}");
    assert!(stderr.contains("does not match"), "{stderr}");

    // A file that is no WARC at all: a clear message, not a panic.
    let text = dir.path().join("notes.warc");
    std::fs::write(&text, "just some notes\n").unwrap();
    let out = storydiff(data.path(), &["warc", "index", text.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no WARC record starts here"), "{stderr}");
    let out = storydiff(data.path(), &["warc", "index", "/nonexistent/x.warc.gz"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}

#[test]
fn a_warc_record_is_a_source_for_compare_and_extract() {
    let dir = tempfile::tempdir().unwrap();
    make_warcs(dir.path(), STORY);
    let data = tempfile::tempdir().unwrap();
    let file = dir.path().join("members.warc.gz");
    let old = format!("{}#{STORY}@20230901", file.display());
    let newest = format!("{}#{STORY}", file.display());
    let out = storydiff(data.path(), &["compare", &old, &newest, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let comparison: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(comparison["old"]["paragraphs"]
        .to_string()
        .contains("22 votes to 10"));
    // The newest capture is the revisit of the 2 September one.
    assert!(comparison["new"]["paragraphs"]
        .to_string()
        .contains("23 votes to 9"));
    let source = comparison["new"]["source"].as_str().unwrap();
    assert!(source.contains("captured 2023-09-03T06:00:00Z"), "{source}");
    assert!(
        source.contains(&format!("WARC record {}#", file.display())),
        "{source}"
    );

    let out = storydiff(
        data.path(),
        &[
            "extract",
            &format!("{}#https://absent.example/x", file.display()),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no usable capture of https://absent.example/x in this WARC file"),
        "{stderr}"
    );
    assert!(stderr.contains("storydiff warc index"), "{stderr}");
}

/// The article at version `n` (the WARC holds 0 and 1; the archive serves
/// 2, the live page 3).
fn article(n: usize) -> String {
    let votes = [
        "22 votes to 10",
        "23 votes to 9",
        "24 votes to 8",
        "25 votes to 7",
    ][n];
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Sea wall approved</title></head><body>
<article><h1>Harbour council approves £12m sea wall</h1>
<p>The Harbour council voted on Thursday night to build a £12 million sea wall along the eastern promenade. Storms flooded more than 200 homes in January.</p>
<p>The decision, passed by {votes}, ends a year of argument over whether the town should defend the seafront or help residents move away.</p>
<p>“We cannot ask families to keep bailing out their kitchens every January,” said council leader Alan Briggs, who has championed the wall since the floods.</p>
</article></body></html>"#
    )
}

/// The news site (`/story`, served gzip-encoded) and a Wayback-like archive
/// of it with one capture (CDX JSON and `id_` replays).
fn start_site() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let Some(head) = common::request_head(&mut stream) else {
                    return;
                };
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let story = format!("http://{addr}/story");
                let (status, body, gzip) = if path.starts_with("/cdx/search/cdx?") {
                    (
                        "200 OK",
                        format!(
                            r#"[["timestamp","original","mimetype","statuscode","digest"],["20230904060000","{story}","text/html","200","D2"]]"#
                        ),
                        false,
                    )
                } else if path == "/story" {
                    ("200 OK", article(3), true)
                } else if path == format!("/web/20230904060000id_/{story}") {
                    ("200 OK", article(2), false)
                } else {
                    ("404 Not Found", "no".to_string(), false)
                };
                let body = if gzip {
                    let mut gz =
                        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                    gz.write_all(body.as_bytes()).unwrap();
                    gz.finish().unwrap()
                } else {
                    body.into_bytes()
                };
                let coding = if gzip {
                    "content-encoding: gzip\r\n"
                } else {
                    ""
                };
                let _ = stream.write_all(
                    format!(
                        "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\n{coding}content-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    )
                    .as_bytes(),
                );
                let _ = stream.write_all(&body);
            });
        }
    });
    addr
}

/// pywb serving a collection of one WARC file on 127.0.0.1, stopped when
/// dropped.
struct Pywb {
    child: Child,
    port: u16,
}

impl Drop for Pywb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Pywb {
    fn serve(dir: &Path, warc: &Path) -> Pywb {
        for args in [
            vec!["init", "evidence"],
            vec!["add", "evidence", warc.to_str().unwrap()],
        ] {
            let out = tool("wb-manager")
                .args(&args)
                .current_dir(dir)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "wb-manager {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = tool("wayback")
            .args(["-b", "127.0.0.1", "-p", &port.to_string(), "-t", "2"])
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pywb starts");
        let pywb = Pywb { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "pywb did not start"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        pywb
    }

    /// The replay of `url` at `timestamp`, its original bytes (`id_`).
    fn replay(&self, timestamp: &str, url: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET /evidence/{timestamp}id_/{url} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        let answer = String::from_utf8_lossy(&answer).to_string();
        let status = answer
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, answer)
    }
}

#[test]
fn export_writes_evidence_that_warcio_checks_wacz_validates_and_pywb_replays() {
    let site = start_site();
    let url = format!("http://{site}/story");
    let dir = tempfile::tempdir().unwrap();
    make_warcs(dir.path(), &url);
    let data = tempfile::tempdir().unwrap();
    let warc = dir.path().join("members.warc.gz");
    let base = format!("http://{site}");
    let out = storydiff(
        data.path(),
        &[
            "history",
            &url,
            "--archives",
            "wayback",
            "--archive-base",
            &base,
            "--warc",
            warc.to_str().unwrap(),
            "--now",
            "--format",
            "json",
        ],
    );
    let history: Value = serde_json::from_slice(&ok(&out).stdout).unwrap();
    let versions = history["versions"].as_array().unwrap();
    let origins: Vec<&str> = versions
        .iter()
        .map(|v| v["origin"].as_str().unwrap())
        .collect();
    assert_eq!(
        origins,
        ["warc", "warc", "warc", "wayback", "fetched"],
        "{history:#}"
    );
    let changed: Vec<bool> = versions
        .iter()
        .map(|v| v["article_changed"].as_bool().unwrap())
        .collect();
    assert_eq!(changed, [true, true, false, true, true]);
    assert_eq!(versions[0]["archive"], warc.to_str().unwrap());
    // Read again, nothing is added twice.
    let again: Value = serde_json::from_slice(
        &ok(&storydiff(
            data.path(),
            &[
                "history",
                &url,
                "--archives",
                "none",
                "--warc",
                warc.to_str().unwrap(),
                "--format",
                "json",
            ],
        ))
        .stdout,
    )
    .unwrap();
    assert_eq!(again["versions"].as_array().unwrap().len(), 5);

    let exported = dir.path().join("story.warc.gz");
    let wacz = dir.path().join("story.wacz");
    let out = storydiff(
        data.path(),
        &[
            "warc",
            "export",
            &url,
            "-o",
            exported.to_str().unwrap(),
            "--wacz",
            wacz.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&ok(&out).stderr).to_string();
    assert!(
        said.contains("3 responses, 1 revisits, 1 versions from archives or files, 3 comparisons"),
        "{said}"
    );

    // warcio checks every digest.
    let check = tool("warcio")
        .args(["check", "-v"])
        .arg(&exported)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    // warcio index sees the records in order, each from its own offset.
    let listed = tool("warcio")
        .args([
            "index",
            "-f",
            "warc-type,warc-target-uri,http:content-encoding,content-length",
        ])
        .arg(&exported)
        .output()
        .unwrap();
    let listed: Vec<Value> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let types: Vec<&str> = listed
        .iter()
        .map(|l| l["warc-type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "warcinfo", "response", "response", "metadata", "revisit", "resource", "metadata",
            "response", "metadata"
        ],
        "{listed:?}"
    );
    // The archive's version is named by the memento's address.
    let resource = listed
        .iter()
        .find(|l| l["warc-type"] == "resource")
        .unwrap();
    assert_eq!(
        resource["warc-target-uri"],
        format!("{base}/web/20230904060000id_/{url}").as_str()
    );
    // The body kept decoded is never labelled as still gzip-encoded.
    assert!(
        listed
            .iter()
            .all(|l| l.get("http:content-encoding").is_none()),
        "{listed:?}"
    );

    // py-wacz validates the package.
    let validate = tool("wacz")
        .args(["validate", "-f"])
        .arg(&wacz)
        .output()
        .unwrap();
    assert!(
        validate.status.success(),
        "{}{}",
        String::from_utf8_lossy(&validate.stdout),
        String::from_utf8_lossy(&validate.stderr)
    );

    // pywb replays each version with its own article.
    let replays = tempfile::tempdir().unwrap();
    let pywb = Pywb::serve(replays.path(), &exported);
    let fetched_at = versions[4]["captured_at"].as_str().unwrap().to_string();
    let fetched_ts: String = fetched_at
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    let memento = format!("{base}/web/20230904060000id_/{url}");
    for (timestamp, address, holds) in [
        ("20230901060000", url.as_str(), "22 votes to 10"),
        ("20230902060000", url.as_str(), "23 votes to 9"),
        ("20230903060000", url.as_str(), "23 votes to 9"),
        ("20230904060000", memento.as_str(), "24 votes to 8"),
        (fetched_ts.as_str(), url.as_str(), "25 votes to 7"),
    ] {
        let (status, answer) = pywb.replay(timestamp, address);
        assert_eq!(status, 200, "{timestamp} {address}: {answer}");
        assert!(
            answer.contains(holds),
            "{timestamp} {address} should hold {holds}: {answer}"
        );
    }
}
