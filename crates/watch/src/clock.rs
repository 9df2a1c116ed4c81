//! The watcher's clock: the system's, or the one `STORYDIFF_NOW` sets.
//!
//! A schedule spans weeks; a test of it must not. `STORYDIFF_NOW` (an RFC
//! 3339 time, or seconds since 1970) fixes "now" for the whole process, so
//! a test runs `storydiff watch run --once` at each moment of a week it
//! chooses, in seconds. Politeness (one request a second to a host) and
//! claims between runs stay on the real clock: they are about real
//! requests.

/// The variable that sets the clock.
pub const NOW_VAR: &str = "STORYDIFF_NOW";

/// Now, in seconds since 1970.
pub fn now() -> i64 {
    if let Some(set) = std::env::var(NOW_VAR).ok().as_deref().and_then(parse) {
        return set;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// An RFC 3339 time (or seconds since 1970) as seconds since 1970.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<i64>() {
        return Some(secs);
    }
    storydiff_web::feed::w3c_datetime(text)
}

/// Seconds since 1970 as RFC 3339 in UTC.
pub fn rfc3339(secs: i64) -> String {
    storydiff_engine::rfc3339_utc(secs.max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_back() {
        assert_eq!(parse("2026-12-07T09:00:00Z"), Some(1_796_634_000));
        assert_eq!(rfc3339(1_796_634_000), "2026-12-07T09:00:00Z");
        assert_eq!(parse("1796634000"), Some(1_796_634_000));
        assert_eq!(parse("next week"), None);
    }
}
