//! Reading a document from a local file, refusing what is not a text file.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use storydiff_engine::Document;

use storydiff_extract::{decode_html, decode_owned, find_boilerplate, sniff_binary};

use crate::error::Error;
use crate::loaded::{Loaded, ReadOptions};

/// Reads a file as a document: plain text, Markdown (a first `# Heading`
/// is the headline), a saved web page (.html, .htm: the article is
/// extracted), or a PDF, Word or OpenDocument file (see `documents`).
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Loaded, Error> {
    let bytes = read_bytes(path, options.max_bytes)?;
    if let Some(format) = storydiff_documents::format_of(path, &bytes) {
        return crate::documents::read(path, &bytes, format);
    }
    if let Some(what) = sniff_binary(&bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            what,
        });
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let is_mhtml = matches!(extension.as_str(), "mhtml" | "mht");
    let is_html = is_mhtml || matches!(extension.as_str(), "html" | "htm" | "xhtml");
    let decoded = if is_mhtml {
        let (html, charset) = storydiff_extract::mhtml::html_part(&bytes).map_err(|e| {
            storydiff_documents::Error::Damaged {
                path: path.to_path_buf(),
                what: "saved page (MHTML)",
                detail: e.to_string(),
            }
        })?;
        decode_html(&html, charset.as_deref())
    } else if is_html {
        decode_html(&bytes, None)
    } else {
        decode_owned(bytes)
    };
    let mut warnings = Vec::new();
    if decoded.had_errors {
        warnings.push(format!(
            "{}: some bytes are not valid {} and are shown as \u{FFFD}.",
            path.display(),
            decoded.encoding
        ));
    }
    let mut document = if is_html {
        let (document, notices) = storydiff_extract::extract_with_notices(&decoded.text, None)
            .map_err(|e| Error::NoArticle {
                source_name: path.display().to_string(),
                found: e.found,
            })?;
        let name = path.display();
        warnings.extend(notices.into_iter().map(|n| format!("{name}: {n}")));
        document
    } else if matches!(extension.as_str(), "md" | "markdown") {
        markdown_document(&decoded.text)
    } else {
        Document::from_text(&decoded.text)
    };
    document.source = Some(path.display().to_string());
    // A page's marks come from its extraction, which also reads its
    // structure; text and Markdown have only their lines' wording.
    if !is_html {
        document.boilerplate = find_boilerplate(&document.paragraphs);
    }
    Ok(Loaded {
        document,
        warnings,
        snapshot: None,
    })
}

/// A Markdown file as an article: its first top-level heading is the
/// headline; headings, paragraphs, list items and quotes are paragraphs;
/// emphasis markers, link targets and images are not text.
pub(crate) fn markdown_document(text: &str) -> Document {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut title = None;
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut in_title = false;
    let mut image_depth = 0;
    // Markdown may hold HTML: a block of it (`<p>…</p>`) is read for its text.
    let mut html_block = String::new();
    for event in Parser::new(text) {
        if !matches!(event, Event::Html(_)) && !html_block.is_empty() {
            paragraphs.extend(storydiff_extract::html_paragraphs(&html_block));
            html_block.clear();
        }
        match event {
            Event::Html(html) => html_block.push_str(&html),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if title.is_none() && paragraphs.is_empty() => {
                in_title = true;
            }
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock,
            ) => {
                let block = current.split_whitespace().collect::<Vec<_>>().join(" ");
                current.clear();
                if in_title {
                    title = Some(block).filter(|t| !t.is_empty());
                    in_title = false;
                } else if !block.is_empty() {
                    paragraphs.push(block);
                }
            }
            // A list item's own paragraph ends it; nested blocks split it.
            Event::Start(Tag::Item | Tag::Paragraph) if !current.trim().is_empty() => {
                paragraphs.push(current.split_whitespace().collect::<Vec<_>>().join(" "));
                current.clear();
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth -= 1,
            Event::Text(t) | Event::Code(t) if image_depth == 0 => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    paragraphs.extend(storydiff_extract::html_paragraphs(&html_block));
    let rest = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !rest.is_empty() {
        paragraphs.push(rest);
    }
    Document {
        title,
        paragraphs,
        ..Document::default()
    }
}

/// A Word or OpenDocument file with tracked changes as two versions: its
/// text before its revisions (old) and after them (new, listing each
/// revision with its author and date). A file without tracked changes, or
/// of another format, is refused as having no revisions.
pub fn read_tracked_changes(path: &Path, options: &ReadOptions) -> Result<(Loaded, Loaded), Error> {
    let bytes = read_bytes(path, options.max_bytes)?;
    crate::documents::tracked_changes_from(path, &bytes)
}

/// Reads at most `max_bytes` from a regular file, checking what the path is first.
pub(crate) fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let link = std::fs::symlink_metadata(path).map_err(|e| Error::from_io(path, e))?;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if link.file_type().is_symlink() && e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::BrokenLink {
                path: path.to_path_buf(),
                target: std::fs::read_link(path).unwrap_or_default(),
            })
        }
        Err(e) => return Err(Error::from_io(path, e)),
    };
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            what: describe(&meta.file_type()),
        });
    }
    if meta.len() > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: max_bytes,
        });
    }
    let file = File::open(path).map_err(|e| Error::from_io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the check and the read: never read past the cap.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::from_io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

fn describe(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::markdown_document;

    #[test]
    fn markdown_syntax_is_not_text() {
        let doc = markdown_document(
            "# Sea wall *approved*\n\nThe council [voted](https://example.org/vote) on **Thursday**\nnight.\n\n![A wall](wall.jpg)\n\n## What happens next\n\n- Work starts in `September`\n- It takes two years\n\n> \"This wall buys the town fifty years.\"\n",
        );
        assert_eq!(doc.title.as_deref(), Some("Sea wall approved"));
        assert_eq!(
            doc.paragraphs,
            [
                "The council voted on Thursday night.",
                "What happens next",
                "Work starts in September",
                "It takes two years",
                "\"This wall buys the town fifty years.\"",
            ]
        );
    }
}
