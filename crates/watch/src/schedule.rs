//! When to check next.
//!
//! An article is checked less often as it ages, from its publication date
//! (as its feed, sitemap or page says) or else its first sighting: every 15
//! minutes while under 3 hours old, hourly under a day, every 3 hours under
//! 3 days, daily under 30 days; then its watch ends (an article added by
//! name that is older than that is checked daily for 30 days from when it
//! was added). `--every` fixes the
//! interval instead, and `--for` (a feed's articles: 7 days from when each
//! first appeared) ends it sooner. A feed or sitemap is read every 15
//! minutes unless `--every` says otherwise, and never ends on its own.
//! Each check has a random jitter of up to a tenth of its interval, so that
//! many watches added together spread out.
//!
//! A check that fails waits twice as long as the one before, up to a day;
//! a site that asks to be left alone (`429`, `503` with `Retry-After`) is,
//! for as long as it asked, up to an hour.

use storydiff_store::{Watch, WatchKind};

pub const MINUTE: i64 = 60;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

/// How often a feed or sitemap is read by default.
pub const FEED_EVERY: i64 = 15 * MINUTE;

/// How long a feed's articles are watched by default, from first sighting.
pub const FOLLOW_FOR: i64 = 7 * DAY;

/// The longest wait a site's `Retry-After` is granted.
pub const MAX_RETRY_AFTER: i64 = HOUR;

/// The longest wait after failures.
pub const MAX_BACKOFF: i64 = DAY;

/// The interval for an article `age` seconds old; `None` once it is past
/// watching.
pub fn interval_by_age(age: i64) -> Option<i64> {
    match age.max(0) {
        a if a < 3 * HOUR => Some(15 * MINUTE),
        a if a < DAY => Some(HOUR),
        a if a < 3 * DAY => Some(3 * HOUR),
        a if a < 30 * DAY => Some(DAY),
        _ => None,
    }
}

/// The moment an article's age counts from: its publication, if that is
/// known and not after its first sighting (a date in the future is a
/// site's mistake, not a reason to watch longer), else the first sighting.
pub fn born(watch: &Watch) -> i64 {
    match watch.published_at {
        Some(published) if published <= watch.added_at => published,
        _ => watch.added_at,
    }
}

/// The regular interval of a watch at `now`; `None` when it has ended.
pub fn interval(watch: &Watch, now: i64) -> Option<i64> {
    if watch.ends_at.is_some_and(|end| now >= end) {
        return None;
    }
    match (watch.every, watch.kind) {
        (Some(every), _) => Some(every.max(MINUTE)),
        (None, WatchKind::Feed | WatchKind::Sitemap) => Some(FEED_EVERY),
        (None, WatchKind::Article) => interval_by_age(now - born(watch)).or_else(|| {
            // An article the user asked for by name, though older than the
            // schedule watches: daily, for the schedule's 30 days from the
            // asking. (A feed's old articles are not watched past their age.)
            (watch.feed_id.is_none() && now - watch.added_at < 30 * DAY).then_some(DAY)
        }),
    }
}

/// Up to a tenth of `interval`, from `seed`.
pub fn jitter(interval: i64, seed: u64) -> i64 {
    let tenth = (interval / 10).max(0) as u64;
    if tenth == 0 {
        return 0;
    }
    // SplitMix64: a seed of process, time and watch spreads the checks.
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z % (tenth + 1)) as i64
}

/// A seed for [`jitter`]: this process, this moment, this watch.
pub fn seed(watch_id: i64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as u64);
    nanos
        ^ ((std::process::id() as u64) << 32)
        ^ (watch_id as u64).wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// When to check next after a check at `now` that answered; `None` when
/// the watch has ended.
pub fn next_after_answer(watch: &Watch, now: i64) -> Option<i64> {
    let interval = interval(watch, now)?;
    Some(now + interval + jitter(interval, seed(watch.id)))
}

/// When to check next after the `failures`-th failure in a row at `now`,
/// or after the wait the site asked for (capped at an hour), whichever is
/// later; `None` when the watch has ended.
pub fn next_after_failure(
    watch: &Watch,
    now: i64,
    failures: i64,
    asked: Option<i64>,
) -> Option<i64> {
    let interval = interval(watch, now)?;
    let doubled = interval
        .saturating_mul(1 << failures.clamp(0, 20))
        .min(MAX_BACKOFF);
    let asked = asked.map_or(0, |a| a.clamp(0, MAX_RETRY_AFTER));
    Some(now + doubled.max(asked) + jitter(interval, seed(watch.id)))
}

/// Failures in a row after which a watch shows as failing.
pub const FAILING_AFTER: i64 = 3;

/// A duration as a person writes it: `90s`, `15m`, `1h`, `1h30m`, `7d`,
/// `2w`; a bare number is seconds.
pub fn parse_duration(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let bad = || format!("\"{text}\" is not a duration: write it as 90s, 15m, 1h, 1h30m, 7d or 2w");
    if let Ok(secs) = text.parse::<i64>() {
        return (secs > 0).then_some(secs).ok_or_else(bad);
    }
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => MINUTE,
            'h' => HOUR,
            'd' => DAY,
            'w' => 7 * DAY,
            _ => return Err(bad()),
        };
        let n: i64 = number.parse().map_err(|_| bad())?;
        total = total
            .checked_add(n.checked_mul(unit).ok_or_else(bad)?)
            .ok_or_else(bad)?;
        number.clear();
    }
    if !number.is_empty() || total <= 0 {
        return Err(bad());
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use storydiff_store::WatchState;

    fn watch(kind: WatchKind, added_at: i64, published_at: Option<i64>) -> Watch {
        Watch {
            id: 1,
            url: "https://news.example/a".into(),
            kind,
            feed_id: None,
            feed_url: None,
            story_id: None,
            title: None,
            added_at,
            published_at,
            every: None,
            ends_at: None,
            follow_for: None,
            webhook: None,
            state: WatchState::Active,
            next_check: added_at,
            last_checked: None,
            etag: None,
            last_modified: None,
            failures: 0,
            note: None,
        }
    }

    #[test]
    fn an_article_is_checked_less_often_as_it_ages_and_then_left() {
        let w = watch(WatchKind::Article, 0, None);
        assert_eq!(interval(&w, 0), Some(15 * MINUTE));
        assert_eq!(interval(&w, 3 * HOUR - 1), Some(15 * MINUTE));
        assert_eq!(interval(&w, 3 * HOUR), Some(HOUR));
        assert_eq!(interval(&w, DAY), Some(3 * HOUR));
        assert_eq!(interval(&w, 3 * DAY), Some(DAY));
        assert_eq!(interval(&w, 30 * DAY - 1), Some(DAY));
        assert_eq!(interval(&w, 30 * DAY), None);
        // Age counts from publication when the page says it.
        let w = watch(WatchKind::Article, 10 * DAY, Some(0));
        assert_eq!(interval(&w, 10 * DAY), Some(DAY));
        // A publication date after the first sighting is ignored.
        let w = watch(WatchKind::Article, 0, Some(5 * DAY));
        assert_eq!(interval(&w, 0), Some(15 * MINUTE));
        // An old article added by name: daily for 30 days from the adding;
        // one a feed listed is not watched past its age.
        let w = watch(WatchKind::Article, 400 * DAY, Some(0));
        assert_eq!(interval(&w, 400 * DAY), Some(DAY));
        assert_eq!(interval(&w, 430 * DAY), None);
        let mut listed = w.clone();
        listed.feed_id = Some(7);
        assert_eq!(interval(&listed, 400 * DAY), None);
    }

    #[test]
    fn every_and_ends_at_override_the_age() {
        let mut w = watch(WatchKind::Article, 0, None);
        w.every = Some(2 * HOUR);
        assert_eq!(interval(&w, 40 * DAY), Some(2 * HOUR));
        w.ends_at = Some(7 * DAY);
        assert_eq!(interval(&w, 7 * DAY), None);
        let feed = watch(WatchKind::Feed, 0, None);
        assert_eq!(interval(&feed, 400 * DAY), Some(FEED_EVERY));
    }

    #[test]
    fn jitter_stays_within_a_tenth() {
        for seed in 0..1000u64 {
            let j = jitter(15 * MINUTE, seed.wrapping_mul(7919));
            assert!((0..=90).contains(&j), "{j}");
        }
        let spread: std::collections::HashSet<_> = (0..100u64).map(|s| jitter(HOUR, s)).collect();
        assert!(spread.len() > 20, "jitter spreads: {spread:?}");
    }

    #[test]
    fn failures_back_off_exponentially_and_retry_after_is_capped() {
        let w = watch(WatchKind::Article, 0, None);
        let next = |failures, asked| next_after_failure(&w, 0, failures, asked).unwrap();
        assert!((30 * MINUTE..=32 * MINUTE).contains(&next(1, None)));
        assert!((60 * MINUTE..=62 * MINUTE).contains(&next(2, None)));
        assert!(next(30, None) <= DAY + 90);
        assert!((HOUR..=HOUR + 90).contains(&next(0, Some(10 * HOUR))));
    }

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(parse_duration("90"), Ok(90));
        assert_eq!(parse_duration("15m"), Ok(900));
        assert_eq!(parse_duration("1h30m"), Ok(5400));
        assert_eq!(parse_duration("7d"), Ok(7 * DAY));
        assert_eq!(parse_duration("2w"), Ok(14 * DAY));
        for bad in ["", "0", "-5", "5x", "h", "1.5h", "99999999999999999999w"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
