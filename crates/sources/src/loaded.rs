//! What the front door hands back, and how it reads: the types every
//! reader of the crate shares, apart from the readers themselves.

use storydiff_engine::Document;

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
    /// For a fetched page, the snapshot it was kept as.
    pub snapshot: Option<crate::Snapshot>,
}
