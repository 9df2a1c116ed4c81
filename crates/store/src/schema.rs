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
];
