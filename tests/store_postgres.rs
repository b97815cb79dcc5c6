//! The PostgreSQL store against a real server (`TEST_DATABASE_URL`; skipped, saying
//! so, when unset): migrations, the schema check, start-up errors; and the behavioural
//! suite every backend runs (`tests/store_behaviour/`), here on two stores (two pools,
//! as two bot processes have) on one database of the test's own.

mod postgres_support;
#[macro_use]
mod store_behaviour;

use optout_bot::store::{DatabaseUrl, PgError, PgStore, POSTGRES_SCHEMA_VERSION};
use postgres_support::TestDb;

#[tokio::test]
async fn a_new_database_is_migrated_to_the_latest_schema_once() {
    let Some(db) = TestDb::create("a_new_database_is_migrated_to_the_latest_schema_once").await else {
        return;
    };
    let store = db.open().await;
    assert_eq!(store.schema_version().await.unwrap(), POSTGRES_SCHEMA_VERSION);
    // Opening again (a restart, or a second process) applies nothing twice.
    let again = db.open().await;
    assert_eq!(again.schema_version().await.unwrap(), POSTGRES_SCHEMA_VERSION);
    let client = db.client().await;
    let applied: i64 = client.query_one("SELECT COUNT(*) FROM schema_migrations", &[]).await.unwrap().get(0);
    assert_eq!(applied, i64::from(POSTGRES_SCHEMA_VERSION), "each migration recorded exactly once");
    for table in ["announcements", "audit_log", "votes", "declined_questions", "answers", "variants", "faq_reloads"] {
        let exists: bool = client.query_one("SELECT to_regclass($1) IS NOT NULL", &[&table]).await.unwrap().get(0);
        assert!(exists, "table {table} exists after migrating");
    }
    store.ping().await.expect("a migrated database answers");
}

#[tokio::test]
async fn processes_starting_together_migrate_once() {
    let Some(db) = TestDb::create("processes_starting_together_migrate_once").await else {
        return;
    };
    let opens: Vec<_> = (0..4)
        .map(|_| {
            let url = db.url.clone();
            tokio::spawn(async move { PgStore::open(&url).await.map(|_| ()) })
        })
        .collect();
    for open in opens {
        open.await.unwrap().expect("every concurrent open succeeds");
    }
    let applied: i64 = db.client().await.query_one("SELECT COUNT(*) FROM schema_migrations", &[]).await.unwrap().get(0);
    assert_eq!(applied, i64::from(POSTGRES_SCHEMA_VERSION));
}

#[tokio::test]
async fn a_schema_newer_than_the_binary_is_refused_in_one_line() {
    let Some(db) = TestDb::create("a_schema_newer_than_the_binary_is_refused_in_one_line").await else {
        return;
    };
    db.open().await;
    let newer = POSTGRES_SCHEMA_VERSION + 1;
    db.client()
        .await
        .execute("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from-the-future')", &[&newer])
        .await
        .unwrap();
    let error = PgStore::open(&db.url).await.expect_err("a newer schema must be refused");
    assert!(matches!(error, PgError::SchemaTooNew { found, .. } if found == newer), "got {error:?}");
    let line = error.to_string();
    assert!(line.contains(&format!("schema version {newer}")) && line.contains("upgrade optout-bot"), "{line}");
    assert!(!line.contains('\n'), "one line: {line:?}");
}

#[tokio::test]
async fn a_missing_database_is_reported_without_the_password() {
    let Some(db) = TestDb::create("a_missing_database_is_reported_without_the_password").await else {
        return;
    };
    // With trust authentication any password is accepted; the point is the message
    // for a database that does not exist, with a password in the URL.
    let text = format!("{}", db.url).replace(db.name(), "no_such_database_here");
    let with_password = inject_password(&text, "hunter2-secret");
    let url = DatabaseUrl::parse(&with_password).unwrap();
    let error = PgStore::open(&url).await.expect_err("no such database").to_string();
    assert!(error.contains("no_such_database_here"), "the error names the database: {error}");
    assert!(!error.contains("hunter2-secret"), "the password leaked: {error}");
}

#[tokio::test]
async fn an_unreachable_server_is_one_clear_line() {
    // Port 1 on loopback: nothing listens there, so this needs no server at all.
    let url = DatabaseUrl::parse("postgres://bot:hunter2@127.0.0.1:1/optout").unwrap();
    let error = PgStore::open(&url).await.expect_err("nothing listens on port 1");
    assert!(matches!(error, PgError::Unreachable { .. }), "got {error:?}");
    let line = error.to_string();
    assert!(line.starts_with("cannot reach PostgreSQL at postgres://bot:***@127.0.0.1:1/optout: "), "{line}");
    assert!(!line.contains("hunter2") && !line.contains('\n'), "{line:?}");
}

/// `postgres://user@host/db` → `postgres://user:PASSWORD@host/db`.
fn inject_password(url: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (userinfo, host) = rest.split_once('@').unwrap();
    let user = userinfo.split(':').next().unwrap();
    format!("{scheme}://{user}:{password}@{host}")
}

/// Two stores on one fresh database, dropped with the guard; `None` when skipped.
async fn two_processes(test: &str) -> Option<(TestDb, PgStore, PgStore)> {
    let db = TestDb::create(test).await?;
    let (first, second) = (db.open().await, db.open().await);
    Some((db, first, second))
}

behaviour_tests!(two_processes);
