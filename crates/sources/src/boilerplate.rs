//! Lines that are not the story: credits, prompts, captions.
//!
//! They are marked, never dropped: the comparison shows them dimmed and
//! leaves them out of its figures, so a reprint's "This story first
//! appeared in…" line does not count as an addition.

/// Whether a paragraph is boilerplate rather than part of the story.
pub fn is_boilerplate(paragraph: &str) -> bool {
    let text = paragraph.trim();
    let words = text.split_whitespace().count();
    if words == 0 || words > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    const EXACT: &[&str] = &[
        "advertisement",
        "advert",
        "sponsored",
        "share",
        "share this article",
    ];
    const STARTS: &[&str] = &[
        "read more:",
        "read more ",
        "related:",
        "related stories",
        "related articles",
        "read next",
        "more on this story",
        "see also:",
        "also read:",
        "recommended:",
        "picture:",
        "pictures:",
        "photo:",
        "photograph:",
        "image:",
        "main image:",
        "top image:",
        "credit:",
        "video:",
        "sign up",
        "subscribe to",
        "follow us",
        "click here",
        "listen to this article",
        "share this",
        "copyright",
        "©",
        "(c) ",
    ];
    const CONTAINS: &[&str] = &[
        "first appeared in",
        "first appeared on",
        "originally appeared",
        "originally published",
        "reproduced with permission",
        "republished with permission",
        "republished here",
        "reproduced here",
        "republished from",
        "sign up to our",
        "sign up for our",
        "our newsletter",
        "all rights reserved",
    ];
    EXACT.contains(&lower.trim_end_matches(|c: char| !c.is_alphanumeric()))
        || STARTS.iter().any(|s| lower.starts_with(s))
        || CONTAINS.iter().any(|s| lower.contains(s))
        || is_photo_credit(text)
}

/// "(Photo: AFP)", "Picture: Getty Images", "… | Reuters" at the end of a short caption.
fn is_photo_credit(text: &str) -> bool {
    let lower = text.to_lowercase();
    let short = text.split_whitespace().count() <= 25;
    // "The promenade after the storm. Picture: Harbour Gazette"
    const MARKERS: &[&str] = &[
        "picture:",
        "photo:",
        "photograph:",
        "image:",
        "credit:",
        "photo by",
        "pictured:",
    ];
    let credited = MARKERS.iter().any(|m| {
        lower
            .rfind(m)
            .is_some_and(|at| lower[at + m.len()..].split_whitespace().count() <= 5)
    });
    if short && credited {
        return true;
    }
    const AGENCIES: &[&str] = &[
        "getty images",
        "afp",
        "reuters",
        "ap photo",
        "pa media",
        "pa wire",
        "shutterstock",
        "alamy",
        "epa",
    ];
    short
        && AGENCIES.iter().any(|a| {
            lower.ends_with(&format!("{a})"))
                || lower.ends_with(&format!("/{a}"))
                || lower.ends_with(&format!("/ {a}"))
                || lower.ends_with(&format!("| {a}"))
                || lower.ends_with(&format!(": {a}"))
        })
}

/// The indices of a body's boilerplate paragraphs.
pub fn find_boilerplate(paragraphs: &[String]) -> Vec<usize> {
    paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| is_boilerplate(p))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_boilerplate;

    #[test]
    fn credits_prompts_and_captions_are_boilerplate() {
        for line in [
            "This story first appeared in The Sun and is reproduced with permission.",
            "Read more: Council backs sea wall",
            "RELATED: Storm hits coast",
            "Advertisement",
            "Sign up to our free morning newsletter",
            "Picture: AFP",
            "The harbour at dawn (Photo: Getty Images)",
            "Crowds gathered outside the court. Photograph: PA Media",
            "The promenade after the January storm. Picture: Harbour Gazette",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn story_paragraphs_are_not() {
        for line in [
            "The council voted on Thursday to build a sea wall.",
            "\"We cannot ask families to keep bailing out their kitchens,\" he said.",
            "Reuters reported that the talks had stalled.",
            "Readers of the paper have written in their hundreds.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }
}
