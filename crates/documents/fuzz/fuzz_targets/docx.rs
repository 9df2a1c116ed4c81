//! Word and OpenDocument readers on any input: the first byte chooses a raw
//! package (any bytes as a .docx or .odt) or a package built around the
//! rest as its `word/document.xml` or `content.xml`, so that the XML
//! reader itself is fuzzed. Nothing panics; a document read has trimmed,
//! non-empty paragraphs; a draft's revisions name paragraphs that exist.
#![no_main]

use std::io::Write;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use storydiff_documents::{format_of, read, tracked_changes};

fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, body) in parts {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (name, bytes) = match mode % 4 {
        0 => ("fuzz.docx", rest.to_vec()),
        1 => ("fuzz.odt", rest.to_vec()),
        2 => ("fuzz.docx", package(&[("word/document.xml", rest), ("word/footnotes.xml", rest)])),
        _ => ("fuzz.odt", package(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", rest)])),
    };
    let path = Path::new(name);
    let format = format_of(path, &bytes).expect("an office extension");
    match read(path, &bytes, format) {
        Ok(read) => {
            let d = read.document;
            assert!(d.paragraphs.iter().all(|p| !p.is_empty() && p.trim() == p));
            assert!(d.revisions.is_empty());
        }
        Err(e) => assert!(e.to_string().contains(name)),
    }
    if let Ok((old, new)) = tracked_changes(path, &bytes) {
        for r in &new.revisions {
            assert!(r.old_paragraph.is_none_or(|i| i < old.paragraphs.len()));
            assert!(r.new_paragraph.is_none_or(|i| i < new.paragraphs.len()));
        }
    }
});
