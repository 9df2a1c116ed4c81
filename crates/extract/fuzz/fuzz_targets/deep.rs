//! Pages that are deep and wide, not only random: the fuzzer's bytes are a
//! recipe (open this tag N times, add N attributes, some text, close M
//! tags, a comment, a script…) that builds pages nested up to a hundred
//! thousand levels and tags with up to a hundred thousand attributes.
//! Extraction runs on a thread with the 2 MiB stack of a tokio worker,
//! as the app and the command line run it: it must return, never abort
//! with a stack overflow, and what it keeps is trimmed text with
//! boilerplate indices inside the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storydiff_extract::html;

const TAGS: &[&str] = &[
    "div", "span", "em", "b", "font", "p", "li", "ul", "ol", "table", "tr", "td", "blockquote",
    "article", "section", "a", "svg", "math", "select", "option", "dl", "dd", "button", "template",
    "h1", "i", "nobr", "frameset", "body", "html", "head", "form", "textarea",
];

fn build(data: &[u8]) -> String {
    let mut page = String::from("<!doctype html><html><head><title>Fuzzed</title></head><body>");
    let mut bytes = data.iter().copied();
    while let Some(op) = bytes.next() {
        let arg = bytes.next().unwrap_or(0);
        let count = match bytes.next().unwrap_or(0) {
            n @ 0..=199 => n as usize + 1,
            n => (n as usize - 199) * 2_000, // up to 112,000
        };
        let tag = TAGS[arg as usize % TAGS.len()];
        match op % 9 {
            0 => page.push_str(&format!("<{tag}>").repeat(count)),
            1 => page.push_str(&format!("</{tag}>").repeat(count)),
            2 => {
                page.push_str(&format!("<{tag}"));
                for i in 0..count {
                    page.push_str(&format!(" a{i}=\"{}\"", i % 7));
                }
                page.push('>');
            }
            3 => page.push_str(&"The council voted for the sea wall. ".repeat(count.min(2_000))),
            4 => page.push_str(&format!("<{tag}/>").repeat(count)),
            5 => page.push_str(&"<br>".repeat(count)),
            6 => page.push_str(&format!("<!-- {tag} -->")),
            7 => page.push_str(&format!("<script>var a = '<{tag}>';</script>")),
            _ => page.push_str(&format!("<{tag}>x</{tag}>").repeat(count)),
        }
        if page.len() > 12 * 1024 * 1024 {
            break;
        }
    }
    page
}

fuzz_target!(|data: &[u8]| {
    let page = build(data);
    let result = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || html::extract_with_notices(&page, Some("https://example.org/news/story")).ok())
        .unwrap()
        .join()
        .expect("extraction panicked");
    if let Some((doc, _notices)) = result {
        assert!(doc.paragraphs.iter().all(|p| !p.is_empty() && p.trim() == p));
        assert!(doc.boilerplate.iter().all(|&i| i < doc.paragraphs.len()));
    }
});
