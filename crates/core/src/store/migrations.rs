//! Schema migrations, applied in order inside one transaction each. `PRAGMA user_version`
//! records how many have run. Never edit a released migration; add a new one.

use crate::error::Result;
use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    // 1: connections (no secrets: those live in the keyring) and small settings.
    "CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        region TEXT,
        base_url TEXT,
        client_id TEXT NOT NULL,
        grant_type TEXT NOT NULL CHECK (grant_type IN ('pkce', 'clientCredentials')),
        is_demo INTEGER NOT NULL DEFAULT 0,
        stay_signed_in INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX connections_one_demo ON connections(is_demo) WHERE is_demo = 1;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 2: the Interactions list. Summaries are cached per connection so a view reopens at
    // once and works offline; a fetch records when a view's rows were last complete.
    // Saved views belong to the person, not to a connection.
    // Keyed by start time so reading a period is one sequential range scan.
    "CREATE TABLE interaction_cache (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        start_ms INTEGER NOT NULL,
        id TEXT NOT NULL,
        summary TEXT NOT NULL,
        PRIMARY KEY (connection_id, start_ms, id)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX interaction_cache_id ON interaction_cache(connection_id, id);
    CREATE TABLE interaction_fetches (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        query_key TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (connection_id, query_key)
    );
    CREATE TABLE views (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        filters TEXT NOT NULL,
        columns TEXT NOT NULL,
        sort TEXT NOT NULL,
        position INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );",
    // 3: the interaction cache becomes a rowid table. A summary is most of a page's
    // twentieth, too big for WITHOUT ROWID: every insert into the start-ordered tree moved
    // whole rows around, and writing the cache cost more than fetching the rows. Rows are
    // now appended, and found by small indexes. Cached rows are dropped (they are fetched
    // again), and so are the marks that said when they were fetched.
    "DROP TABLE interaction_cache;
    DELETE FROM interaction_fetches;
    CREATE TABLE interaction_cache (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        summary TEXT NOT NULL
    );
    CREATE UNIQUE INDEX interaction_cache_id ON interaction_cache(connection_id, id);
    CREATE INDEX interaction_cache_start ON interaction_cache(connection_id, start_ms);",
    // 4: one index, by start then id, in place of the two. Rows arrive in start order, so
    // its entries are appended like the rows; the index by id took them in random order,
    // and every commit of a load rewrote most of its pages (two thirds of the cache's
    // cost). A conversation's start never changes, so (start, id) names a row as well as
    // the id did. The cached rows stay.
    "DROP INDEX interaction_cache_id;
    DROP INDEX interaction_cache_start;
    CREATE UNIQUE INDEX interaction_cache_start_id
        ON interaction_cache(connection_id, start_ms, id);",
];

pub fn apply(conn: &mut Connection) -> Result<()> {
    let current: usize =
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_and_record_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn).unwrap();
        apply(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v as usize, MIGRATIONS.len());
    }

    #[test]
    fn cached_rows_outlive_the_change_of_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute_batch(
            "INSERT INTO connections (id, name, client_id, grant_type, created_at)
                 VALUES ('c1', 'c1', 'c', 'pkce', '2026-01-01');
             INSERT INTO interaction_cache (connection_id, id, start_ms, summary)
                 VALUES ('c1', 'a', 100, 'old');",
        )
        .unwrap();
        apply(&mut conn).unwrap();
        // The row is still there, and the new key finds it for an update.
        conn.execute(
            "INSERT INTO interaction_cache (connection_id, id, start_ms, summary)
             VALUES ('c1', 'a', 100, 'new')
             ON CONFLICT (connection_id, start_ms, id) DO UPDATE SET summary = excluded.summary",
            [],
        )
        .unwrap();
        let rows: Vec<String> = conn
            .prepare("SELECT summary FROM interaction_cache")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows, ["new"]);
    }
}
