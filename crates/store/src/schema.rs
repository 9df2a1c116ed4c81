//! The database's schema, one step per version: `PRAGMA user_version`
//! says how many steps a database has had. Steps are only ever added, and
//! each runs inside the write transaction that checks the version, so two
//! processes opening a new database at once never run a step twice.

/// The schema, one step per version; `PRAGMA user_version` says how many
/// steps a database has had. Steps are only ever added.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: stories, captures, snapshots, versions, recent comparisons.
    "CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,          -- the address, or a name for a set of files
        name TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE snapshots (
        sha256 TEXT PRIMARY KEY,
        body BLOB NOT NULL
    );
    CREATE TABLE captures (
        id INTEGER PRIMARY KEY,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        origin TEXT NOT NULL,              -- wayback | memento | fetched | file
        archive TEXT,                      -- which archive, for wayback and memento
        url TEXT NOT NULL,                 -- the page's own address
        replay_url TEXT NOT NULL,          -- where its bytes come from (id_ replay, the page, the file)
        captured_at TEXT NOT NULL,         -- RFC 3339 UTC
        status TEXT,                       -- as the archive listed it: 200, 301, '-' for a revisit
        digest TEXT,                       -- the archive's digest of the bytes
        mimetype TEXT,
        final_url TEXT,
        headers TEXT,                      -- JSON [[name, value]], cookies left out
        body_sha256 TEXT REFERENCES snapshots(sha256),
        fetched_at TEXT,
        UNIQUE (story_id, replay_url, captured_at)
    );
    CREATE INDEX captures_by_story ON captures (story_id, captured_at);
    CREATE TABLE versions (
        capture_id INTEGER PRIMARY KEY REFERENCES captures(id),
        document TEXT,                     -- the extracted article (engine Document JSON); NULL when none
        title TEXT,
        words INTEGER NOT NULL,
        bad INTEGER NOT NULL,              -- a bad capture: paywall, consent, CAPTCHA or error page
        note TEXT
    );
    CREATE TABLE recent (
        id INTEGER PRIMARY KEY,
        entry TEXT NOT NULL,               -- the app's JSON for one comparison
        opened_at TEXT NOT NULL
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 2: a record of every fetch of a page (the evidence of what was
    // compared), its bytes shared with captures in `snapshots`.
    "CREATE TABLE fetches (
        id INTEGER PRIMARY KEY,
        record TEXT NOT NULL UNIQUE,       -- <sha256>.<time>.<unique>: how a comparison names this fetch
        url TEXT NOT NULL,                 -- the address asked for, credentials left out
        final_url TEXT NOT NULL,           -- after redirects
        fetched_at TEXT NOT NULL,          -- RFC 3339 UTC
        status INTEGER NOT NULL,
        headers TEXT NOT NULL,             -- JSON [[name, value]], cookies and credentials left out
        body_sha256 TEXT NOT NULL REFERENCES snapshots(sha256),
        bytes INTEGER NOT NULL
    );
    CREATE INDEX fetches_by_body ON fetches (body_sha256, fetched_at);
    CREATE INDEX fetches_by_url ON fetches (url);
    CREATE INDEX fetches_by_final_url ON fetches (final_url);",
    // 3: watches (articles, feeds and sitemaps checked on a schedule), a
    // row per check, the changes found, and each host's politeness.
    // Times here are seconds since 1970, for the schedule's arithmetic.
    "CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,          -- canonical: no credentials, no tracking parameters
        kind TEXT NOT NULL,                -- article | feed | sitemap
        feed_id INTEGER REFERENCES watches(id) ON DELETE CASCADE, -- the feed or sitemap that listed it
        story_id INTEGER REFERENCES stories(id),
        title TEXT,
        added_at INTEGER NOT NULL,         -- first sighting
        published_at INTEGER,              -- as the feed, sitemap or page says
        every INTEGER,                     -- a fixed interval (s); NULL: by the article's age
        ends_at INTEGER,                   -- when the watch ends; NULL: by age (articles) or never
        follow_for INTEGER,                -- a feed's: how long each article it lists is watched
        webhook TEXT,
        state TEXT NOT NULL,               -- active | paused | failing | ended
        next_check INTEGER NOT NULL,
        last_checked INTEGER,
        etag TEXT,
        last_modified TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        lease_until INTEGER,               -- a run checking it now holds it until then (real time)
        lease_owner TEXT
    );
    CREATE INDEX watches_due ON watches (state, next_check);
    CREATE INDEX watches_by_feed ON watches (feed_id);
    CREATE TABLE checks (
        id INTEGER PRIMARY KEY,
        watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        outcome TEXT NOT NULL,             -- not_modified | same | boring | changed | reverted | flip_flop | bad | failed | listed | first
        status INTEGER,                    -- the HTTP status, when there was an answer
        capture_id INTEGER REFERENCES captures(id),
        note TEXT
    );
    CREATE INDEX checks_by_watch ON checks (watch_id, at);
    CREATE TABLE changes (
        id INTEGER PRIMARY KEY,
        watch_id INTEGER REFERENCES watches(id) ON DELETE SET NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        url TEXT NOT NULL,
        title TEXT,
        found_at INTEGER NOT NULL,
        old_capture INTEGER NOT NULL REFERENCES captures(id),
        new_capture INTEGER NOT NULL REFERENCES captures(id),
        kind TEXT NOT NULL,                -- changed | reverted
        summary TEXT NOT NULL,
        report TEXT NOT NULL,              -- the JSON a webhook is sent
        notify INTEGER NOT NULL,           -- told (1), or a swing of a flip-flop told before (0)
        seen INTEGER NOT NULL DEFAULT 0,   -- the app's badge
        delivered TEXT                     -- the webhook's outcome
    );
    CREATE INDEX changes_by_time ON changes (found_at);
    CREATE TABLE hosts (
        host TEXT PRIMARY KEY,
        next_slot_ms INTEGER NOT NULL,     -- no request before this (real time, ms)
        failures INTEGER NOT NULL DEFAULT 0,
        backoff_until INTEGER,             -- seconds (the schedule's clock)
        reason TEXT
    );",
    // 4: what each site's pages share: a row a short line a different
    // article of the site (`site_lines.rs`).
    "CREATE TABLE site_lines (
        site TEXT NOT NULL,                -- the host, without www.
        line_key INTEGER NOT NULL,         -- storydiff_extract::template::key
        place INTEGER NOT NULL,            -- before, among or after the story
        article TEXT NOT NULL,             -- the article's address (versions of one story share it)
        last_seen TEXT NOT NULL,           -- RFC 3339 UTC
        PRIMARY KEY (site, line_key, place, article)
    ) WITHOUT ROWID;
    -- Forgetting old lines reads only the old ones.
    CREATE INDEX site_lines_by_age ON site_lines (site, last_seen);",
];
