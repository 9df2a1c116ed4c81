//! Hostile input at the command line: what reaches a terminal,
//! and arguments that were misread.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Output};

fn storydiff<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .args(args)
        .output()
        .expect("storydiff runs")
}

/// Page text and file names carried terminal escape sequences (cursor
/// moves, OSC 52 clipboard writes, title changes) raw into the text and
/// Markdown reports, the article text and the messages.
#[test]
fn regression_escape_sequences_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new\x1b]0;owned\x07.txt");
    std::fs::write(
        &old,
        "The mayor \x1b[2Aopened the bridge.\n\nA second paragraph.",
    )
    .unwrap();
    std::fs::write(
        &new,
        "The mayor \x1b]52;c;ZWNobyBvd25lZA==\x07closed the bridge.\n\nA second paragraph.",
    )
    .unwrap();
    for format in ["text", "markdown"] {
        let out = storydiff(&[
            OsStr::new("compare"),
            old.as_os_str(),
            new.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
        ]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.contains(&0x1b), "{format}: raw ESC printed");
        assert!(!out.stdout.contains(&0x07), "{format}: raw BEL printed");
        let report = String::from_utf8(out.stdout).unwrap();
        assert!(report.contains("\\x1b"), "{format}: {report}");
    }
    let out = storydiff(&[OsStr::new("extract"), new.as_os_str()]);
    assert!(!out.stdout.contains(&0x1b));
    // A message naming a hostile file name.
    let missing = dir.path().join("gone\x1b[31m.txt");
    let out = storydiff(&[OsStr::new("extract"), missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !out.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // JSON stays as it was: serde escapes controls.
    let out = storydiff(&[
        OsStr::new("compare"),
        old.as_os_str(),
        new.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert!(!out.stdout.contains(&0x1b));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\u001b"));
}

/// A file name that is not UTF-8 was refused by the argument parser.
#[test]
fn regression_non_utf8_file_name_refused_by_the_argument_parser() {
    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    let path = dir.path().join(name);
    std::fs::write(&path, "The mayor opened the bridge on Tuesday.").unwrap();
    let out = storydiff(&[OsStr::new("extract"), path.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("opened the bridge"));
}

/// `--max-size 0` was accepted and every file then said to be "rarely
/// this large"; `--snapshots` naming a file failed with "File exists (os
/// error 17)"; an existing file named like an address was fetched.
#[test]
fn regression_misleading_messages_at_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, "The mayor opened the bridge on Tuesday.").unwrap();
    let out = storydiff(&[
        OsStr::new("extract"),
        story.as_os_str(),
        OsStr::new("--max-size"),
        OsStr::new("0"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("rarely"), "{err}");
    assert!(err.contains("max-size"), "{err}");

    // A file named like an address, in the working directory.
    std::fs::create_dir_all(dir.path().join("data:")).unwrap();
    std::fs::write(
        dir.path().join("data:/x.txt"),
        "The mayor opened the bridge.",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_storydiff"))
        .current_dir(dir.path())
        .args(["extract", "data:/x.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("opened the bridge"));
}

/// A PDF of one page whose content stream is `inflated` bytes of drawing
/// operators, compressed (a few hundred KB for hundreds of MB).
fn pdf_bomb(inflated: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = b"0 0 m 1 1 l S\n".repeat(4096);
    let mut written = 0;
    while written < inflated {
        z.write_all(&chunk).unwrap();
        written += chunk.len();
    }
    let stream = z.finish().unwrap();
    pdf_of(vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        [
            format!(
                "<< /Length {} /Filter /FlateDecode >>\nstream\n",
                stream.len()
            )
            .into_bytes(),
            stream,
            b"\nendstream".to_vec(),
        ]
        .concat(),
    ])
}

/// A PDF of these objects (numbered from 1, the first the catalogue), with
/// a cross-reference table that a reader can follow.
fn pdf_of(objects: Vec<Vec<u8>>) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

/// A one-page PDF whose text, `hex` (the bytes of a content stream's
/// string), is set in a font that is not embedded, `font`, through the
/// predefined character map `cmap`, as Chinese, Japanese and Korean PDFs
/// set it.
fn cjk_pdf(font: &str, cmap: &str, hex: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 700 Td <{hex}> Tj ET");
    pdf_of(vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()).into_bytes(),
        format!("<< /Type /Font /Subtype /Type0 /BaseFont /{font} /Encoding /{cmap} /DescendantFonts [6 0 R] >>").into_bytes(),
        format!("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{font} /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>").into_bytes(),
    ])
}

/// A PDF in a CJK character map (UniGB-UCS2-H, 90ms-RKSJ-H…) was called
/// "damaged", and the reader's panic message (`thread '…' panicked at
/// …pdf-extract…`) leaked to stderr beside storydiff's own. The maps are
/// read now, UTF-16 and national encodings alike; one storydiff does not
/// know is said to be unsupported, in one line of storydiff's own.
#[test]
fn regression_a_cjk_pdf_is_called_damaged_and_a_panic_leaks() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "STSong-Light",
            "UniGB-UCS2-H",
            "5E028BAE4F1A54684E00627951C64E866D7758248BA15212FF0C5DE57A0B5C064E8E66255B635F0059CBFF0C98848BA14E245E7451855B8C5DE53002",
            "市议会周一批准了海堤计划，工程将于春季开始，预计两年内完工。",
        ),
        (
            "HeiseiMin-W3",
            "90ms-RKSJ-H",
            "8E738B6389EF82CD8C8E976A93FA82C99668946792E782CC8C9A90DD82F08FB3944682B582BD81428D488E9682CD8F7482C98E6E82DC82E98142",
            "市議会は月曜日に防波堤の建設を承認した。工事は春に始まる。",
        ),
        (
            "HYSMyeongJo-Medium",
            "KSCms-UHC-H",
            "BDC3C0C7C8B8B4C220BFF9BFE4C0CF20B9E6C6C4C1A620B0C7BCB3C0BB20BDC2C0CEC7DFB4D92E20B0F8BBE7B4C220BABDBFA120BDC3C0DBB5C8B4D92E",
            "시의회는 월요일 방파제 건설을 승인했다. 공사는 봄에 시작된다.",
        ),
    ];
    for (font, cmap, hex, text) in cases {
        let path = dir.path().join(format!("{cmap}.pdf"));
        std::fs::write(&path, cjk_pdf(font, cmap, hex)).unwrap();
        let out = storydiff(&[OsStr::new("extract"), path.as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{cmap}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        // Spacing is guessed from glyph widths, which are looked up by code
        // here: the text is compared with its spaces left out.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert!(
            squeeze(&stdout).contains(&squeeze(text)),
            "{cmap}: {stdout}"
        );
    }

    let path = dir.path().join("utf8.pdf");
    std::fs::write(
        &path,
        cjk_pdf("HeiseiMin-W3", "UniJIS-UTF8-H", "E5B882E8ADB0E4BC9A"),
    )
    .unwrap();
    let out = storydiff(&[OsStr::new("extract"), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().count(),
        1,
        "only storydiff's own message: {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("damaged"),
        "{stderr}"
    );
    assert!(stderr.contains("character map"), "{stderr}");
}

/// A PDF of 1.2 MB whose content stream inflates to 400 MB took 24 GB of
/// memory until the kernel killed storydiff: `--max-size` bounded the file,
/// not what it expands to. Now it is refused before it is read, within 1 GB
/// of address space, by every command that reads documents (batch reads
/// texts, never files; the app reads through the same reader).
#[test]
fn regression_pdf_bomb() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("report.pdf");
    std::fs::write(&bomb, pdf_bomb(400 * 1024 * 1024)).unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 4 * 1024 * 1024);
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "The council met.").unwrap();
    let bounded = |args: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -v 1048576; exec \"$0\" {args}"))
            .arg(env!("CARGO_BIN_EXE_storydiff"))
            .output()
            .unwrap()
    };
    let (b, o) = (bomb.display(), other.display());
    for args in [
        format!("extract '{b}'"),
        format!("compare '{b}' '{o}'"),
        format!("ledger '{b}' '{o}'"),
    ] {
        let out = bounded(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args}: {stderr}");
        assert!(stderr.contains("expands to more than"), "{args}: {stderr}");
        assert!(stderr.contains("exhaust memory"), "{args}: {stderr}");
    }
}

/// A server that answers every request with a page whose headline and body
/// carry terminal escapes (OSC 52 clipboard writes, a clear-screen,
/// colours, a right-to-left override), and an empty CDX listing.
fn hostile_site() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let (kind, body) = if request.contains("/cdx/") {
                ("application/json", "[]".to_string())
            } else {
                ("text/html; charset=utf-8", format!(
                    "<html><head><title>Mayor \x1b]52;c;ZWNobyBvd25lZA==\x07resigns</title></head><body><article><h1>Mayor \x1b]52;c;ZWNobyBvd25lZA==\x07resigns \u{202e}txet</h1>{}</article></body></html>",
                    "<p>The mayor \x1b[2J\x1b[31mresigned on Monday after a long dispute with the council over the cost of the new sea wall and the town's flood defences.</p>".repeat(3)
                ))
            };
            let mut stream = &stream;
            let _ = write!(stream, "HTTP/1.1 200 OK\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
        }
    });
    base
}

fn no_raw_controls(what: &str, text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{202e}'),
        "{what} printed a raw control character: {text:?}"
    );
}

/// The text reports of history, blame and ledger printed control
/// characters from titles and bodies raw: OSC 52 (which writes the user's
/// clipboard), clear-screen, colours, U+202E. A ledger's CSV wrote them, and
/// `=HYPERLINK(…)` titles a spreadsheet runs, as they were.
#[test]
fn regression_terminal_escapes_in_history_blame_and_ledger() {
    let base = hostile_site();
    let data = tempfile::tempdir().unwrap();
    let url = format!("{base}/story");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_storydiff"))
            .args(args)
            .env("XDG_DATA_HOME", data.path())
            .output()
            .unwrap()
    };
    let out = run(&[
        "history",
        &url,
        "--archives",
        "wayback",
        "--archive-base",
        &base,
        "--now",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    no_raw_controls("history", &String::from_utf8_lossy(&out.stdout));
    no_raw_controls("history's warnings", &String::from_utf8_lossy(&out.stderr));
    let out = run(&["blame", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    no_raw_controls("blame", &String::from_utf8_lossy(&out.stdout));
    // Formats they cannot print are refused, not given as text.
    for format in ["html", "markdown"] {
        for args in [
            vec!["history", &url, "--archives", "none", "--format", format],
            vec!["blame", &url, "--format", format],
        ] {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert!(String::from_utf8_lossy(&out.stderr).contains("prints text or json only"));
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.md");
    let copy = dir.path().join("copy.md");
    std::fs::write(&original, "# =HYPERLINK(\"http://evil.example\",\"Sea wall\")\n\nThe council voted \x1b]52;c;ZWNobw==\x07on Thursday to build the wall.\n\nWork starts in May.").unwrap();
    std::fs::write(&copy, "# @SUM(1+1) Sea wall\n\nThe council voted \x1b[2Jon Thursday to build the wall.\n\nWork starts in June.").unwrap();
    for format in ["text", "csv"] {
        let out = storydiff(&[
            OsStr::new("ledger"),
            original.as_os_str(),
            copy.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
        ]);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        no_raw_controls(&format!("ledger --format {format}"), &text);
        if format == "csv" {
            let row = text.lines().nth(1).unwrap();
            assert!(!row.contains(",@SUM") && !row.contains(",\"@SUM"), "{row}");
            assert!(row.contains("'@SUM(1+1) Sea wall"), "{row}");
        }
    }
}

/// Four runs started at once on a new data folder failed a third of the
/// time ("table stories already exists", "database is locked"): the schema
/// was checked outside the write transaction that applied it.
#[test]
fn regression_first_runs_race_the_database_setup() {
    for _ in 0..5 {
        let data = tempfile::tempdir().unwrap();
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_storydiff"))
                    .args(["watch", "list", "--format", "json"])
                    .env("XDG_DATA_HOME", data.path())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
