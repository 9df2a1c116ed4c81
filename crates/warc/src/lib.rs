//! Web-archive files, WARC (ISO 28500), in and out: the format web
//! archives and news researchers share (Common Crawl's CC-NEWS, Heritrix,
//! Browsertrix, pywb, wget).
//!
//! - [`Reader`]: a file's records one by one in flat memory, plain WARC,
//!   gzip with a member per record, or whole-file gzip, WARC 1.0 and 1.1; a
//!   damaged record is reported with its offset and reading goes on;
//! - [`Record`], [`HttpResponse`]: a record's fields, and the HTTP answer a
//!   `response` holds, its chunked and gzip or deflate body undone;
//! - [`digest`]: `WARC-Payload-Digest` checked (and written);
//! - [`Writer`]: WARC 1.1, a gzip member per record;
//! - [`wacz`]: WACZ 1.1.1, a WARC with its CDXJ index and its pages.
//!
//! # What is never here
//! No reading of what a page says (the front door hands the bodies to the
//! extraction) and no store: records in, records out.

pub mod digest;
mod read;
mod record;
pub mod wacz;
mod write;

pub use read::{Item, Reader, MAX_RECORD};
pub use record::{dechunk, Headers, HttpResponse, Record};
pub use write::{record_id, Writer, Written};
