//! Getting articles into storydiff.
//!
//! [`read_file`] turns a local file into a [`Document`](storydiff_engine::Document):
//! it refuses what is not a regular text file (folders, pipes, devices,
//! binary content, files over the size cap) with an [`Error`] that names the
//! path and says what to do, and decodes the bytes (byte-order mark, UTF-8,
//! then a `chardetng` guess). [`sample`] gives the built-in sample pair that
//! the app opens with.

mod decode;
mod error;
mod file;
mod sample;

pub use decode::{decode, sniff_binary, Decoded};
pub use error::Error;
pub use file::{read_file, Loaded, ReadOptions};
pub use sample::sample;
