//! Reading a document from a local file, refusing what is not a text file.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use storydiff_engine::Document;

use crate::boilerplate::find_boilerplate;
use crate::decode::{decode, decode_html, sniff_binary};
use crate::error::Error;
use crate::html;

/// Limits and choices for reading files.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this many bytes are refused without being read.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: 50 * 1024 * 1024,
        }
    }
}

/// A document read from somewhere, with what the reader should know about it.
#[derive(Debug)]
pub struct Loaded {
    pub document: Document,
    /// Things that did not stop the reading but that the user should know,
    /// e.g. bytes that were not valid in the file's encoding.
    pub warnings: Vec<String>,
}

/// Reads a file as a document: plain text, Markdown (a first `# Heading`
/// is the headline), or a saved web page (.html, .htm: the article is
/// extracted).
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Loaded, Error> {
    let bytes = read_bytes(path, options.max_bytes)?;
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
    let is_html = matches!(extension.as_str(), "html" | "htm" | "xhtml");
    let decoded = if is_html {
        decode_html(&bytes, None)
    } else {
        decode(&bytes)
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
        html::extract(&decoded.text, None).map_err(|e| Error::NoArticle {
            source_name: path.display().to_string(),
            found: e.found,
        })?
    } else if matches!(extension.as_str(), "md" | "markdown") {
        markdown_document(&decoded.text)
    } else {
        Document::from_text(&decoded.text)
    };
    document.source = Some(path.display().to_string());
    document.boilerplate = find_boilerplate(&document.paragraphs);
    Ok(Loaded { document, warnings })
}

/// A Markdown file's first `# Heading` is the headline; the rest is body.
fn markdown_document(text: &str) -> Document {
    let mut lines = text.lines();
    let mut title = None;
    let mut body = String::new();
    for line in lines.by_ref() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(heading) = trimmed.strip_prefix("# ") {
            title = Some(heading.trim().to_string());
        } else {
            body.push_str(line);
            body.push('\n');
        }
        break;
    }
    for line in lines {
        body.push_str(line);
        body.push('\n');
    }
    Document {
        title,
        ..Document::from_text(&body)
    }
}

/// Reads at most `max_bytes` from a regular file, checking what the path is first.
fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
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
