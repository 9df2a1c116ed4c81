//! Any two texts, any options: the engine must finish, never panic, and
//! keep its contract (every paragraph in exactly one change, word diffs
//! that rebuild both passages).
#![no_main]

use libfuzzer_sys::fuzz_target;
use storydiff_engine::{compare, Document, Options, Tag};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (old, new) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let options = Options {
        strict: flags & 1 != 0,
        ignore_case: flags & 2 != 0,
        ignore_punctuation: flags & 4 != 0,
        deadline_ms: if flags & 8 != 0 { 0 } else { 5_000 },
    };
    let (old, new) = (Document::from_text(old), Document::from_text(new));
    let c = compare(&old, &new, &options);

    let mut seen_old = vec![0u8; old.paragraphs.len()];
    let mut seen_new = vec![0u8; new.paragraphs.len()];
    for ch in &c.changes {
        if let Some(i) = ch.old_index {
            let joined = old.paragraphs[i..i + ch.old_count].join("\n\n");
            assert_eq!(joined, ch.old_text);
            seen_old[i..i + ch.old_count].iter_mut().for_each(|s| *s += 1);
        }
        if let Some(j) = ch.new_index {
            let joined = new.paragraphs[j..j + ch.new_count].join("\n\n");
            assert_eq!(joined, ch.new_text);
            seen_new[j..j + ch.new_count].iter_mut().for_each(|s| *s += 1);
        }
        if !ch.diff.is_empty() {
            let o: String = ch.diff.iter().filter(|s| s.tag != Tag::Insert)
                .map(|s| s.old.clone().unwrap_or_else(|| s.text.clone())).collect();
            let n: String = ch.diff.iter().filter(|s| s.tag != Tag::Delete).map(|s| s.text.clone()).collect();
            assert_eq!(o, ch.old_text);
            assert_eq!(n, ch.new_text);
        }
    }
    assert!(seen_old.iter().all(|&s| s == 1), "an old paragraph missing or repeated");
    assert!(seen_new.iter().all(|&s| s == 1), "a new paragraph missing or repeated");
    assert!((0.0..=1.0).contains(&c.stats.similarity));
});
