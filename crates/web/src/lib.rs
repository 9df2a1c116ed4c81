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
//! - [`feed`]: RSS, Atom, JSON Feed and sitemaps, told apart from articles
//!   by what they are, their entries keyed by canonical link;
//! - [`Client`]: a client kept between requests, with conditional requests
//!   (`If-None-Match`, `If-Modified-Since`) whose `304` costs no body; and
//!   [`post_json`], a webhook's `POST` that follows no redirect;
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
pub mod feed;
mod fetch;

pub use error::Error;
pub use fetch::{
    check_url, display_url, fetch, now_rfc3339, post_json, retry_after_seconds, same_page, site_of,
    Answer, Client, FetchOptions, Fetched, Validators, USER_AGENT,
};
