//! Reading files as a user hands them over: the right text, or a refusal
//! that names the path, without reading past the cap or hanging.

use std::path::Path;

use storydiff_engine::{compare, Options};
use storydiff_sources::{read_file, Error, ReadOptions};

fn read(path: &Path) -> Result<storydiff_sources::Loaded, Error> {
    read_file(path, &ReadOptions::default())
}

fn refused(path: &Path, kind: &str, says: &str) {
    let err = read(path).expect_err("refused");
    assert_eq!(err.kind(), kind, "{err}");
    let message = err.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "names the path: {message}"
    );
    assert!(message.contains(says), "{message}");
}

#[test]
fn a_folder_a_fifo_and_a_device_are_not_files() {
    let dir = tempfile::tempdir().unwrap();
    refused(dir.path(), "not_a_file", "is a folder");
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    refused(&fifo, "not_a_file", "named pipe");
    refused(Path::new("/dev/zero"), "not_a_file", "a device");
}

#[test]
fn a_dangling_link_names_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("story.txt");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), &link).unwrap();
    refused(&link, "not_found", "gone.txt, which does not exist");
}

#[test]
fn a_2_gb_file_is_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    // Sparse: takes no disk, and reading it would take seconds and 2 GB.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(2 * 1024 * 1024 * 1024)
        .unwrap();
    let started = std::time::Instant::now();
    refused(&big, "too_large", "2048.0 MB");
    assert!(
        started.elapsed().as_millis() < 500,
        "read the file? {:?}",
        started.elapsed()
    );
}

#[test]
fn binary_content_is_refused_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("story.html");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    refused(&png, "binary", "a PNG image");
    let gz = dir.path().join("story.txt");
    std::fs::write(&gz, b"\x1f\x8b\x08\0\0\0\0\0\0\x03").unwrap();
    refused(&gz, "binary", "gzip");
}

#[test]
fn encodings_and_line_endings_are_not_differences() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The mayor resigned on Monday.\n\n“I have no regrets,” she said.\n";
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, text).unwrap();
    let bom = dir.path().join("bom.txt");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    let utf16 = dir.path().join("utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes).unwrap();
    let crlf = dir.path().join("crlf.txt");
    std::fs::write(&crlf, text.replace('\n', "\r\n")).unwrap();

    let base = read(&utf8).unwrap().document;
    for other in [&bom, &utf16, &crlf] {
        let doc = read(other).unwrap().document;
        assert_eq!(doc.paragraphs, base.paragraphs, "{}", other.display());
        assert!(!compare(&base, &doc, &Options::default()).has_differences());
    }
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    // Mostly UTF-8 with one stray byte: a guess may pick a legacy encoding,
    // but the text must come through readable and the user be told if
    // anything was replaced.
    std::fs::write(&path, b"Caf\xc3\xa9 owners welcomed the plan \xff today.").unwrap();
    let loaded = read(&path).unwrap();
    let text = &loaded.document.paragraphs[0];
    assert!(text.contains("owners welcomed the plan"), "{text}");
    if text.contains('\u{FFFD}') {
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert!(loaded.warnings[0].contains("broken.txt"));
    }
}

#[test]
fn a_saved_page_with_its_charset_only_in_meta_reads_right() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    let html = format!(
        "<html><head><meta charset=\"shift_jis\"><title>ニュース</title></head><body><article><h1>市長が辞任</h1>{}</article></body></html>",
        "<p>市長は月曜日に辞任を発表した。新しい防波堤の建設をめぐる議論が続いていた。市議会は来月、後任を選ぶ予定だ。</p>".repeat(4)
    );
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&html);
    std::fs::write(&path, bytes).unwrap();
    let doc = read(&path).unwrap().document;
    assert_eq!(doc.title.as_deref(), Some("市長が辞任"));
    assert!(doc.paragraphs[0].starts_with("市長は月曜日に"), "{doc:#?}");
}

#[test]
fn a_page_without_an_article_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.html");
    std::fs::write(
        &path,
        "<html><head><title>Latest news</title></head><body><ul><li><a href=a>One</a></li><li><a href=b>Two</a></li></ul></body></html>",
    )
    .unwrap();
    refused(&path, "no_article", "no article found");
}
