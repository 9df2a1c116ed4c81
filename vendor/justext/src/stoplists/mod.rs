use std::collections::HashSet;
use std::sync::LazyLock;

// storydiff's patch: the lists are kept compressed (compress-stoplists.py),
// 0.8 MB in the binary instead of 2.4 MB of text, and a list is inflated only
// when it is asked for. What each function returns is unchanged.
mod index;

/// Every list, one zlib stream after another (see `index::INDEX`).
static PACKED: &[u8] = include_bytes!("stoplists.z");

/// The text of one list, exactly as upstream's `include_str!` held it.
fn unpack(offset: usize, packed_len: usize, text_len: usize) -> String {
    use std::io::Read;
    let mut text = String::with_capacity(text_len);
    flate2::read::ZlibDecoder::new(&PACKED[offset..offset + packed_len])
        .read_to_string(&mut text)
        // The bytes are this crate's own, written and checked by its tests:
        // failing here is a broken build, not bad input.
        .expect("justext's packed stoplists are corrupt");
    debug_assert_eq!(text.len(), text_len);
    text
}

/// All embedded stoplists: (language_name, file_contents), inflated on use.
fn stoplists() -> impl Iterator<Item = (&'static str, String)> {
    index::INDEX
        .iter()
        .map(|&(name, offset, packed, len)| (name, unpack(offset, packed, len)))
}

/// Merged set of all stopwords from every language, cached.
static ALL_STOPLISTS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for (_, contents) in stoplists() {
        for word in parse_stoplist(&contents) {
            set.insert(word);
        }
    }
    set
});

/// Parse a stoplist file: one word per line, lowercased, blank lines skipped.
fn parse_stoplist(contents: &str) -> HashSet<String> {
    contents
        .lines()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .map(|word| word.to_lowercase())
        .collect()
}

/// Return the stoplist for a given language (case-insensitive match).
///
/// Returns `Err(JustextError::UnknownLanguage)` if the language is not recognized.
pub fn get_stoplist(language: &str) -> Result<HashSet<String>, crate::error::JustextError> {
    let language_lower = language.to_lowercase();
    index::INDEX
        .iter()
        .find(|(name, ..)| name.to_lowercase() == language_lower)
        .map(|&(_, offset, packed, len)| parse_stoplist(&unpack(offset, packed, len)))
        .ok_or_else(|| crate::error::JustextError::UnknownLanguage(language.to_string()))
}

/// Return the merged set of all stopwords from every language.
pub fn get_all_stoplists() -> &'static HashSet<String> {
    &ALL_STOPLISTS
}

/// Return the list of available language names.
pub fn available_languages() -> Vec<&'static str> {
    index::INDEX.iter().map(|(name, ..)| *name).collect()
}
