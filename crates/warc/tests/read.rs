//! The reader on files cut, padded and laid out every way a WARC comes:
//! whatever the damage, it is named by its offset and every whole record
//! after it is read.

use std::io::Write;

use storydiff_warc::{Item, Reader, Writer};

fn records(n: usize) -> (Vec<u8>, Vec<u64>) {
    let mut writer = Writer::new(Vec::new());
    let mut offsets = Vec::new();
    for i in 0..n {
        let block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>record {i} {}</p>",
            "x".repeat(i * 37)
        );
        let written = writer
            .record(
                "response",
                &[
                    ("WARC-Target-URI", format!("https://news.example/{i}")),
                    ("WARC-Date", "2023-09-01T06:00:00Z".to_string()),
                    (
                        "Content-Type",
                        "application/http; msgtype=response".to_string(),
                    ),
                ],
                block.as_bytes(),
            )
            .unwrap();
        offsets.push(written.offset);
    }
    (writer.finish().unwrap(), offsets)
}

fn read(bytes: &[u8]) -> Vec<Item> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.warc.gz");
    std::fs::write(&path, bytes).unwrap();
    Reader::open(&path).unwrap().collect()
}

fn uris(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Record(r) => Some(r.target_uri().unwrap().to_string()),
            Item::Damaged { .. } => None,
        })
        .collect()
}

fn damaged(items: &[Item]) -> Vec<u64> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Damaged { offset, .. } => Some(*offset),
            Item::Record(_) => None,
        })
        .collect()
}

#[test]
fn a_member_cut_anywhere_is_named_and_the_records_after_it_are_read() {
    let (bytes, offsets) = records(5);
    let (start, next) = (offsets[1] as usize, offsets[2] as usize);
    for cut in (start + 1..next).step_by(3) {
        let mut file = bytes[..cut].to_vec();
        file.extend_from_slice(&bytes[next..]);
        let items = read(&file);
        assert_eq!(
            uris(&items),
            [
                "https://news.example/0",
                "https://news.example/2",
                "https://news.example/3",
                "https://news.example/4"
            ],
            "cut at {cut}"
        );
        assert_eq!(damaged(&items), [offsets[1]], "cut at {cut}");
        // The records after the damage keep their real offsets.
        let third = items.iter().find_map(|i| match i {
            Item::Record(r) if r.target_uri() == Some("https://news.example/3") => Some(r.offset),
            _ => None,
        });
        assert_eq!(
            third,
            Some(offsets[3] - (next - cut) as u64),
            "cut at {cut}"
        );
    }
}

#[test]
fn whole_file_gzip_and_plain_files_read_the_same_records() {
    let (members, _) = records(4);
    // The records uncompressed, one after another.
    let mut plain = Vec::new();
    for item in read(&members) {
        let Item::Record(r) = item else {
            panic!("damaged")
        };
        plain.extend_from_slice(format!("{}\r\n", r.version).as_bytes());
        for (k, v) in r.headers.iter() {
            plain.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        plain.extend_from_slice(b"\r\n");
        plain.extend_from_slice(&r.block);
        plain.extend_from_slice(b"\r\n\r\n");
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain).unwrap();
    let whole = gz.finish().unwrap();
    let expected = uris(&read(&members));
    assert_eq!(expected.len(), 4);
    assert_eq!(uris(&read(&plain)), expected);
    assert_eq!(uris(&read(&whole)), expected);
    // In a plain file a record's offset is where its version line starts.
    for item in read(&plain) {
        let Item::Record(r) = item else { continue };
        assert!(plain[r.offset as usize..].starts_with(b"WARC/1.1\r\n"));
    }
}

#[test]
fn bad_lengths_garbage_and_a_cut_end_are_damage_not_a_stop() {
    let record = |uri: &str, length: &str, block: &str| {
        format!("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: {uri}\r\n  continued\r\nContent-Length: {length}\r\n\r\n{block}\r\n\r\n")
    };
    let mut file = String::new();
    file.push_str(&record("https://a.example/", "5", "hello"));
    file.push_str(&record("https://b.example/", "five", "hello"));
    file.push_str("some bytes that are no record\r\n");
    file.push_str(&record("https://c.example/", "5", "hello"));
    file.push_str(&record("https://d.example/", "500", "cut short"));
    let items = read(file.as_bytes());
    assert_eq!(
        uris(&items),
        [
            "https://a.example/ continued",
            "https://c.example/ continued"
        ]
    );
    let why: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Damaged { why, .. } => Some(why.clone()),
            _ => None,
        })
        .collect();
    assert!(why[0].contains("\"five\") is no number"), "{why:?}");
    assert!(why.iter().any(|w| w.contains("cut short")), "{why:?}");
}

#[test]
fn an_empty_file_and_a_file_of_text_read_as_nothing_and_as_damage() {
    assert!(read(b"").is_empty());
    let items = read(b"just notes\n");
    assert_eq!(damaged(&items), [0]);
}
