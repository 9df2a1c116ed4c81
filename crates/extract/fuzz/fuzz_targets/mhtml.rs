//! Saved pages (MHTML) built from a recipe: parts in legacy charsets sent
//! as 8bit, quoted-printable or base64 (intact or broken), boundaries of
//! any length, folded headers, and deep or wide HTML inside. Decoding the
//! HTML part must never panic, must return text, and a part in a declared
//! legacy charset must decode without replacement characters when its
//! bytes are valid in that charset.
#![no_main]

use base64::Engine;
use libfuzzer_sys::fuzz_target;
use storydiff_extract::{decode_html, html, mhtml};

const CHARSETS: &[&str] = &["windows-1251", "shift_jis", "iso-8859-7", "koi8-r", "utf-8", "gb18030"];
const TEXTS: &[&str] = &["Мэр подал в отставку", "市長が辞任した", "Ο δήμαρχος παραιτήθηκε", "Café au lait", "市长辞职"];

fuzz_target!(|data: &[u8]| {
    let [charset, text, coding, boundary_len, depth, rest @ ..] = data else {
        return;
    };
    let charset = CHARSETS[*charset as usize % CHARSETS.len()];
    let encoding = encoding_rs::Encoding::for_label(charset.as_bytes()).unwrap();
    let text = TEXTS[*text as usize % TEXTS.len()];
    let depth = *depth as usize * 400; // up to 102,000 levels
    let html = format!(
        "<html><body>{}<p>{text}</p>{}<p>{}</p></body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth),
        String::from_utf8_lossy(rest)
    );
    let (bytes, _, unmappable) = encoding.encode(&html);
    let boundary = "=".repeat(*boundary_len as usize % 64) + "----B";
    let (transfer, body): (&str, Vec<u8>) = match coding % 4 {
        0 => ("8bit", bytes.to_vec()),
        1 => (
            "quoted-printable",
            bytes.iter().flat_map(|b| format!("={b:02X}").into_bytes()).collect(),
        ),
        2 => ("base64", base64::engine::general_purpose::STANDARD.encode(&bytes).into_bytes()),
        _ => ("base64", [b"!!".as_slice(), rest].concat()),
    };
    let mut file = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"{boundary}\"\r\n\r\n--{boundary}\r\nContent-Type: text/html; charset={charset}\r\nContent-Transfer-Encoding: {transfer}\r\n\r\n"
    )
    .into_bytes();
    file.extend_from_slice(&body);
    file.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());

    match mhtml::html_part(&file) {
        Ok((part, declared)) => {
            let decoded = decode_html(&part, declared.as_deref());
            let intact = coding % 4 != 3 && !unmappable;
            if intact && !rest.contains(&b'\r') {
                assert!(decoded.text.contains(text), "{charset} {transfer}: lost the text");
            }
            let _ = std::thread::Builder::new()
                .stack_size(2 * 1024 * 1024)
                .spawn(move || html::extract_with_notices(&decoded.text, None).map(|_| ()))
                .unwrap()
                .join()
                .expect("extraction panicked");
        }
        Err(why) => {
            // Only a broken part is refused, and the reason says so.
            assert!(coding % 4 == 3, "{charset} {transfer}: {why}");
            assert!(why.to_string().contains("base64"), "{why}");
        }
    }
});
