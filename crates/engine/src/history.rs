//! A story's history: many versions of one article, in the order they were
//! captured.
//!
//! - [`version_changes`]: for each version, whether its article differs
//!   from the previous version's (`article_changed`; a page whose markup,
//!   adverts or typography changed while the article did not is "no change
//!   in the article") and how similar the two are, for shading a timeline.
//! - [`sentence_history`] ("blame"): each sentence of a version with the
//!   version in which it first took its current form, and its earlier
//!   forms, each with the word diff that turned it into the next.
//!
//! Versions are compared on their headline and body (boilerplate lines
//! left out), typographically folded, as the pair comparison does.

use serde::{Deserialize, Serialize};

use crate::comparison::{DiffSegment, Options};
use crate::document::Document;
use crate::normalize::Fold;
use crate::{sentences, words};

/// Below this word similarity a changed sentence is a new one, not an
/// edit of an earlier one (the pair comparison's line between reworded and
/// replaced).
const SAME_SENTENCE_FROM: f64 = 0.5;

/// How one version stands against the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct VersionChange {
    /// The article (headline or body) differs from the previous version's;
    /// `true` for the first version.
    pub article_changed: bool,
    /// Word similarity of the body with the previous version's, 0 to 1
    /// (`null` for the first version).
    pub similarity: Option<f64>,
}

/// The article's text that matters for "did it change": headline and body
/// without boilerplate, typographically folded.
fn article_key(document: &Document) -> String {
    let fold = Fold::default();
    let mut key = fold.key(document.title.as_deref().unwrap_or("").trim());
    for (i, paragraph) in document.paragraphs.iter().enumerate() {
        if !document.boilerplate.contains(&i) {
            key.push('\n');
            key.push_str(&fold.key(paragraph.trim()));
        }
    }
    key
}

/// Whether the article of `new` differs from that of `old` (headline or
/// body; typography and boilerplate lines do not count).
pub fn article_changed(old: &Document, new: &Document) -> bool {
    article_key(old) != article_key(new)
}

/// What a new version of a page is against the last one, as a watcher
/// tells it: the same extracted article, an article that differs only in
/// what is not news, or a changed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VersionKind {
    /// The extracted article is the same, field for field (the page's
    /// chrome may have changed: adverts, "most read", a clock).
    Same,
    /// Only typography, spacing, boilerplate lines (a date line, a credit)
    /// or the date metadata differ: kept, but not news.
    Boring,
    /// The headline or the body changed.
    Changed,
}

/// How `new` stands against `old` (see [`VersionKind`]).
pub fn version_kind(old: &Document, new: &Document) -> VersionKind {
    let same_fields = old.title == new.title
        && old.byline == new.byline
        && old.standfirst == new.standfirst
        && old.published == new.published
        && old.paragraphs == new.paragraphs
        && old.boilerplate == new.boilerplate;
    if same_fields {
        VersionKind::Same
    } else if article_changed(old, new) {
        VersionKind::Changed
    } else {
        VersionKind::Boring
    }
}

/// The words of the article's body, counted as the engine counts them.
pub fn body_words(document: &Document) -> usize {
    document
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| !document.boilerplate.contains(i))
        .map(|(_, p)| words::count_words(p))
        .sum()
}

/// Each version against the one before it, in the order given.
pub fn version_changes(versions: &[Document]) -> Vec<VersionChange> {
    let mut out = Vec::with_capacity(versions.len());
    for (i, version) in versions.iter().enumerate() {
        if i == 0 {
            out.push(VersionChange {
                article_changed: true,
                similarity: None,
            });
            continue;
        }
        let previous = &versions[i - 1];
        let changed = article_changed(previous, version);
        let similarity = if changed {
            crate::compare(previous, version, &Options::default())
                .stats
                .similarity
        } else {
            1.0
        };
        out.push(VersionChange {
            article_changed: changed,
            similarity: Some(similarity),
        });
    }
    out
}

/// One sentence of a version and where its wording comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceHistory {
    /// The paragraph of the version that holds it (0-based).
    pub paragraph: usize,
    /// The sentence as this version has it (trimmed).
    pub text: String,
    /// The version (index into the versions given) in which the sentence
    /// first read as it does now.
    pub since: usize,
    /// Its earlier forms, oldest first; empty when it appeared as it is.
    pub earlier: Vec<EarlierForm>,
}

/// An earlier wording of a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierForm {
    /// The version in which this wording first appeared.
    pub since: usize,
    /// The version that changed it.
    pub until: usize,
    pub text: String,
    /// The word diff from this wording to the one that replaced it
    /// (`delete` is this form's, `insert` the next one's).
    pub diff: Vec<DiffSegment>,
}

/// What is known of a sentence while walking the versions.
#[derive(Debug, Clone)]
struct Tracked {
    paragraph: usize,
    text: String,
    key: String,
    since: usize,
    /// Earlier wordings, oldest first: (first version, text).
    forms: Vec<(usize, String)>,
}

fn split_version(document: &Document, version: usize, fold: &Fold) -> Vec<Tracked> {
    let mut out = Vec::new();
    for (p, paragraph) in document.paragraphs.iter().enumerate() {
        if document.boilerplate.contains(&p) {
            continue;
        }
        for sentence in sentences::split(paragraph) {
            let text = sentence.trim();
            if text.is_empty() {
                continue;
            }
            out.push(Tracked {
                paragraph: p,
                text: text.to_string(),
                key: fold.key(text),
                since: version,
                forms: Vec::new(),
            });
        }
    }
    out
}

fn word_set(text: &str) -> std::collections::HashSet<String> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_words().map(str::to_lowercase).collect()
}

fn overlap(a: &std::collections::HashSet<String>, b: &std::collections::HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Carries what is known of the previous version's sentences over to the
/// next version's: the same sentence (by folded text) anywhere in the
/// article keeps its history; a changed one is matched to the most similar
/// unmatched earlier sentence and gains a form; the rest are new.
fn carry(previous: &[Tracked], next: &mut [Tracked], version: usize, fold: &Fold) {
    let mut used = vec![false; previous.len()];
    let mut matched = vec![false; next.len()];
    // Same text: keep the history, in reading order so that repeated
    // sentences pair first with first.
    let mut by_key: std::collections::HashMap<&str, std::collections::VecDeque<usize>> =
        std::collections::HashMap::new();
    for (i, p) in previous.iter().enumerate() {
        by_key.entry(p.key.as_str()).or_default().push_back(i);
    }
    for (j, n) in next.iter_mut().enumerate() {
        if let Some(i) = by_key.get_mut(n.key.as_str()).and_then(|q| q.pop_front()) {
            used[i] = true;
            matched[j] = true;
            n.since = previous[i].since;
            n.forms = previous[i].forms.clone();
        }
    }
    // Changed: the best remaining earlier sentence by shared words, kept if
    // the word diff finds them alike enough.
    let previous_words: Vec<_> = previous.iter().map(|p| word_set(&p.text)).collect();
    for (j, n) in next.iter_mut().enumerate() {
        if matched[j] {
            continue;
        }
        let words = word_set(&n.text);
        let best = (0..previous.len())
            .filter(|&i| !used[i])
            .map(|i| (i, overlap(&words, &previous_words[i])))
            .filter(|&(_, score)| score > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((i, _)) = best else { continue };
        let similarity = words::diff_words(&previous[i].text, &n.text, fold, None).similarity();
        if similarity >= SAME_SENTENCE_FROM {
            used[i] = true;
            n.forms = previous[i].forms.clone();
            n.forms.push((previous[i].since, previous[i].text.clone()));
            n.since = version;
        }
    }
}

/// The sentences of version `at` (an index into `versions`, oldest first),
/// each with the version in which it took its current form and its earlier
/// forms. `at` past the end is the latest version.
pub fn sentence_history(versions: &[Document], at: usize) -> Vec<SentenceHistory> {
    if versions.is_empty() {
        return Vec::new();
    }
    let at = at.min(versions.len() - 1);
    let fold = Fold::default();
    let mut tracked = split_version(&versions[0], 0, &fold);
    for (v, version) in versions.iter().enumerate().take(at + 1).skip(1) {
        let mut next = split_version(version, v, &fold);
        carry(&tracked, &mut next, v, &fold);
        tracked = next;
    }
    tracked
        .into_iter()
        .map(|t| {
            let mut earlier = Vec::with_capacity(t.forms.len());
            for (k, (since, text)) in t.forms.iter().enumerate() {
                let (until, replacement) = match t.forms.get(k + 1) {
                    Some((next_since, next_text)) => (*next_since, next_text.as_str()),
                    None => (t.since, t.text.as_str()),
                };
                earlier.push(EarlierForm {
                    since: *since,
                    until,
                    text: text.clone(),
                    diff: words::diff_words(text, replacement, &fold, None).segments,
                });
            }
            SentenceHistory {
                paragraph: t.paragraph,
                text: t.text,
                since: t.since,
                earlier,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comparison::Tag;

    fn doc(title: &str, body: &str) -> Document {
        Document {
            title: Some(title.to_string()),
            ..Document::from_text(body)
        }
    }

    #[test]
    fn a_new_version_is_the_same_article_a_boring_one_or_a_change() {
        let a = doc(
            "Sea wall approved",
            "The council voted \"yes\" on Thursday.\n\nWork starts in May.",
        );
        assert_eq!(version_kind(&a, &a.clone()), VersionKind::Same);
        let curly = doc(
            "Sea wall approved",
            "The council voted \u{201c}yes\u{201d} on Thursday.\n\nWork starts in May.",
        );
        assert_eq!(version_kind(&a, &curly), VersionKind::Boring);
        let mut dated = a.clone();
        dated.paragraphs.insert(0, "Updated 14:05 BST".to_string());
        dated.boilerplate = vec![0];
        assert_eq!(version_kind(&a, &dated), VersionKind::Boring);
        let mut republished = a.clone();
        republished.published = Some("2026-12-07".to_string());
        assert_eq!(version_kind(&a, &republished), VersionKind::Boring);
        let edited = doc(
            "Sea wall approved",
            "The council voted \"no\" on Thursday.\n\nWork starts in May.",
        );
        assert_eq!(version_kind(&a, &edited), VersionKind::Changed);
        let retitled = doc(
            "Sea wall rejected",
            "The council voted \"yes\" on Thursday.\n\nWork starts in May.",
        );
        assert_eq!(version_kind(&a, &retitled), VersionKind::Changed);
    }

    #[test]
    fn typography_and_boilerplate_are_no_change_in_the_article() {
        let a = doc(
            "Sea wall approved",
            "The council voted \"yes\" on Thursday.",
        );
        let mut b = doc(
            "Sea wall approved",
            "The council voted \u{201C}yes\u{201D} on Thursday.\n\nRead more: the vote",
        );
        b.boilerplate = vec![1];
        assert!(!article_changed(&a, &b));
        let c = doc("Sea wall approved", "The council voted \"no\" on Thursday.");
        assert!(article_changed(&a, &c));
        let d = doc(
            "Sea wall rejected",
            "The council voted \"yes\" on Thursday.",
        );
        assert!(article_changed(&a, &d));
        let changes = version_changes(&[a.clone(), b, c]);
        assert_eq!(
            changes
                .iter()
                .map(|c| c.article_changed)
                .collect::<Vec<_>>(),
            [true, false, true]
        );
        assert_eq!(changes[0].similarity, None);
        assert_eq!(changes[1].similarity, Some(1.0));
        assert!(changes[2].similarity.unwrap() < 1.0);
    }

    #[test]
    fn each_sentence_knows_the_version_that_gave_it_its_form() {
        let versions = [
            doc("T", "The mayor resigned on Monday. She gave no reason."),
            doc(
                "T",
                "The mayor resigned on Monday. She gave no reason. Her deputy takes over.",
            ),
            doc(
                "T",
                "The mayor resigned on Tuesday. She gave no reason. Her deputy takes over.",
            ),
            doc(
                "T",
                "The mayor resigned on Tuesday night. She gave no reason. Her deputy takes over.",
            ),
        ];
        let history = sentence_history(&versions, usize::MAX);
        let view: Vec<(&str, usize, usize)> = history
            .iter()
            .map(|s| (s.text.as_str(), s.since, s.earlier.len()))
            .collect();
        assert_eq!(
            view,
            [
                ("The mayor resigned on Tuesday night.", 3, 2),
                ("She gave no reason.", 0, 0),
                ("Her deputy takes over.", 1, 0),
            ]
        );
        let forms = &history[0].earlier;
        assert_eq!((forms[0].since, forms[0].until), (0, 2));
        assert_eq!(forms[0].text, "The mayor resigned on Monday.");
        assert!(forms[0]
            .diff
            .iter()
            .any(|s| s.tag == Tag::Delete && s.text.contains("Monday")));
        assert!(forms[0]
            .diff
            .iter()
            .any(|s| s.tag == Tag::Insert && s.text.contains("Tuesday")));
        assert_eq!((forms[1].since, forms[1].until), (2, 3));
        // Asking for an earlier version gives that version's view.
        let at_one = sentence_history(&versions, 1);
        assert_eq!(at_one[0].text, "The mayor resigned on Monday.");
        assert_eq!(at_one[0].since, 0);
    }

    #[test]
    fn a_moved_sentence_keeps_its_history_and_a_rewritten_one_is_new() {
        let versions = [
            doc("T", "Storms flooded 200 homes.\n\nThe wall costs £12m."),
            doc("T", "The wall costs £12m.\n\nStorms flooded 200 homes."),
            doc(
                "T",
                "The wall costs £12m.\n\nResidents were evacuated by boat overnight.",
            ),
        ];
        let history = sentence_history(&versions, 2);
        assert_eq!(history[0].since, 0);
        assert_eq!(history[0].paragraph, 0);
        assert_eq!(history[1].since, 2);
        assert!(history[1].earlier.is_empty());
    }

    #[test]
    fn no_versions_no_sentences() {
        assert!(sentence_history(&[], 0).is_empty());
        assert!(version_changes(&[]).is_empty());
    }
}
