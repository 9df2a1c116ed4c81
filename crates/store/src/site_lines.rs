//! What a site's pages share: for each short line of each article read,
//! its key, its place and the article's address, with the date it was last
//! seen. A line found on two or more *different* articles of a site, at
//! the same place, is the site's template (`storydiff_extract::template`).
//! Versions of one story share its address, so they never count twice.

use std::collections::HashSet;

use rusqlite::params;

use crate::{Result, Store};

/// How many articles of a site are remembered for one line: two make it
/// template; a few more keep it so as old articles are forgotten.
const ARTICLES_A_LINE: i64 = 4;

/// Lines not seen on any page of their site for this long are forgotten, so
/// a site's old layout does not mark its new pages.
const FORGET_AFTER_DAYS: u64 = 180;

impl Store {
    /// Records the lines `(key, place)` of one article of `site` (its
    /// address: `article`) and returns those that are now the site's
    /// template: seen, at the same place, on another article too.
    pub fn learn_site_lines(
        &self,
        site: &str,
        article: &str,
        lines: &[(i64, i64)],
    ) -> Result<HashSet<(i64, i64)>> {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let now = storydiff_engine::rfc3339_utc(secs);
        let forget_before =
            storydiff_engine::rfc3339_utc(secs.saturating_sub(FORGET_AFTER_DAYS * 86_400));
        let transaction = self.conn.unchecked_transaction().map_err(|e| self.sql(e))?;
        let mut template = HashSet::new();
        {
            let mut others = transaction
                .prepare_cached(
                    "SELECT COUNT(*) FROM site_lines
                     WHERE site = ?1 AND line_key = ?2 AND place = ?3 AND article <> ?4",
                )
                .map_err(|e| self.sql(e))?;
            let mut insert = transaction
                .prepare_cached(
                    "INSERT INTO site_lines (site, line_key, place, article, last_seen)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (site, line_key, place, article) DO UPDATE SET last_seen = ?5",
                )
                .map_err(|e| self.sql(e))?;
            let mut touch = transaction
                .prepare_cached(
                    "UPDATE site_lines SET last_seen = ?4
                     WHERE site = ?1 AND line_key = ?2 AND place = ?3",
                )
                .map_err(|e| self.sql(e))?;
            for &(key, place) in lines {
                let n: i64 = others
                    .query_row(params![site, key, place, article], |r| r.get(0))
                    .map_err(|e| self.sql(e))?;
                if n >= 1 {
                    template.insert((key, place));
                    touch
                        .execute(params![site, key, place, now])
                        .map_err(|e| self.sql(e))?;
                }
                if n < ARTICLES_A_LINE {
                    insert
                        .execute(params![site, key, place, article, now])
                        .map_err(|e| self.sql(e))?;
                }
            }
            transaction
                .execute(
                    "DELETE FROM site_lines WHERE site = ?1 AND last_seen < ?2",
                    params![site, forget_before],
                )
                .map_err(|e| self.sql(e))?;
        }
        transaction.commit().map_err(|e| self.sql(e))?;
        Ok(template)
    }

    /// Which of `lines` (`(key, place)`) are the site's template as the
    /// store knows it now: seen on two different articles or more. Only
    /// the lines asked about are looked up (by the table's key), never the
    /// whole site's, so a site of many articles costs no more.
    pub fn site_template_among(
        &self,
        site: &str,
        lines: &[(i64, i64)],
    ) -> Result<HashSet<(i64, i64)>> {
        let mut articles = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM site_lines WHERE site = ?1 AND line_key = ?2 AND place = ?3",
            )
            .map_err(|e| self.sql(e))?;
        let mut template = HashSet::new();
        for &(key, place) in lines {
            if template.contains(&(key, place)) {
                continue;
            }
            let n: i64 = articles
                .query_row(params![site, key, place], |r| r.get(0))
                .map_err(|e| self.sql(e))?;
            if n >= 2 {
                template.insert((key, place));
            }
        }
        Ok(template)
    }

    /// How many lines the store has learned for `site`, and how many of
    /// them are its template (seen on two different articles or more).
    pub fn site_template_size(&self, site: &str) -> Result<(i64, i64)> {
        self.conn
            .query_row(
                "SELECT COUNT(*), COALESCE(SUM(n >= 2), 0) FROM
                   (SELECT COUNT(*) AS n FROM site_lines WHERE site = ?1 GROUP BY line_key, place)",
                [site],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sql(e))
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn a_line_on_two_articles_is_template_and_versions_of_one_do_not_count() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let site = "example.org";
        let first = store
            .learn_site_lines(site, "https://example.org/a", &[(1, 2), (7, 1)])
            .unwrap();
        assert!(first.is_empty());
        // A second version of the same article: no new evidence.
        let again = store
            .learn_site_lines(site, "https://example.org/a", &[(1, 2), (7, 1)])
            .unwrap();
        assert!(again.is_empty());
        // Another article, the same line at the same place: template.
        let other = store
            .learn_site_lines(site, "https://example.org/b", &[(1, 2), (7, 0), (9, 1)])
            .unwrap();
        assert_eq!(other.into_iter().collect::<Vec<_>>(), [(1, 2)]);
        // Another site is its own.
        assert!(store
            .learn_site_lines("other.org", "https://other.org/c", &[(1, 2)])
            .unwrap()
            .is_empty());
        assert_eq!(store.site_template_size(site).unwrap(), (4, 1));
        assert_eq!(
            store
                .site_template_among(site, &[(1, 2), (7, 1), (7, 0), (9, 1)])
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>(),
            [(1, 2)]
        );
    }
}
