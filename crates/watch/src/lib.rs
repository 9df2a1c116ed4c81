//! Watching: articles, feeds and sitemaps checked on their own, every real
//! version kept in the store, and real changes told.
//!
//! - [`add`]: an address is fetched once and what it serves says what it
//!   is: an article (its first version kept), or an RSS, Atom, JSON Feed
//!   or sitemap whose articles each become a watched article.
//! - [`schedule`]: when to check next. An article less often as it ages
//!   (every 15 minutes under 3 hours old, down to daily, and no more after
//!   30 days), with a jitter of up to a tenth; failures back off.
//! - [`run_pass`]: every due watch checked, at most one request a second to
//!   any host across every process that watches, conditional requests
//!   (`304` costs no body), claims in the store so that the app and a
//!   timer's run never check one page at once.
//! - [`check`]: what a check decides, with the same extraction and
//!   comparison as everywhere else in storydiff: the same article (no
//!   version), a boring version (typography, a date line: kept, not told),
//!   a bad capture (a paywall, an error page, a page that left the site:
//!   kept, never a version), a revert (told once; a flip-flop's later
//!   swings are not), or a change.
//! - [`notify`], [`atom`]: a change told to a webhook (JSON, retried,
//!   no redirect followed) and listed in an Atom feed.
//!
//! The clock is the system's unless `STORYDIFF_NOW` sets it ([`clock`]), so
//! a test runs a week of schedule in seconds.
//!
//! # What is never here
//! No extraction rules, no comparison of its own, no SQL: a check reads
//! pages through the front door (`storydiff-sources`), compares with the
//! engine and keeps what it found in the store.

mod add;
pub mod atom;
pub mod check;
pub mod clock;
mod error;
pub mod notify;
mod run;
pub mod schedule;

pub use add::{add, AddOptions, Added};
pub use check::{Found, Outcome};
pub use error::Error;
pub use run::{run_pass, Pass, RunOptions, Told, HOST_INTERVAL_VAR, LEASE_SECS};
