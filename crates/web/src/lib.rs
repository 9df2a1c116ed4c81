//! storydiff on the network: everything that asks another machine.
//!
//! - [`fetch`]: one page, http and https only, bounded in time and size,
//!   redirects checked, a distinct [`Error`] for each way it can fail,
//!   certificate checks never skipped; what arrives is a [`Fetched`] page,
//!   its bytes exactly as received (decompressed) with its status and
//!   headers;
//! - [`archive`]: what the Wayback Machine (CDX listings, `id_` replays)
//!   and other Memento archives (TimeMaps) hold of a page, asked politely
//!   (one request a second to each archive, `429` waited out);
//! - [`check_url`], [`display_url`]: which addresses storydiff fetches, and
//!   how an address is shown (credentials left out, international host
//!   names in their own letters).
//!
//! # What is never here
//! No reading of what a page says (that is `storydiff-extract`'s job) and
//! no keeping of it (`storydiff-store`'s): this crate hands over bytes and
//! the facts of how they arrived.

pub mod archive;
mod error;
mod fetch;

pub use error::Error;
pub use fetch::{check_url, display_url, fetch, now_rfc3339, FetchOptions, Fetched, USER_AGENT};
