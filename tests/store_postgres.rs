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

mod across_processes {
    //! Two applications on one database, as two bot processes are: what one changes, the
    //! other serves within seconds (LISTEN/NOTIFY, `optout_bot::app::sync`).

    use std::path::Path;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use optout_bot::app::knowledge::Knowledge;
    use optout_bot::app::upkeep::Actor;
    use optout_bot::app::{sync, App, Storage};
    use optout_bot::clock::SystemClock;
    use optout_bot::config::Config;
    use optout_bot::faq::Faq;
    use optout_bot::store::PgStore;

    use super::postgres_support::TestDb;

    /// What the issue allows for a change to reach every process.
    const WITHIN: Duration = Duration::from_secs(5);

    const ACTOR: Actor = Actor { user: 6001, guild: 2000 };

    async fn process(db: &TestDb, faq_dir: &Path) -> Arc<App> {
        let store = Arc::new(PgStore::open(&db.url).await.expect("the test database opens"));
        let mut storage = Storage::all(store.clone());
        storage.changes = Some(store);
        let config = Config { faq_dir: Some(faq_dir.to_path_buf()), ..Config::default() };
        let faq = Faq::load_dir(faq_dir).expect("the FAQ loads");
        let knowledge = Knowledge::build(faq, &[], &config.thresholds);
        Arc::new(App::new(config.settings(), knowledge, storage, Arc::new(SystemClock)))
    }

    /// Starts `app` following the database's changes, and waits until its listener is in
    /// place (its LISTEN shows in `pg_stat_activity`), so no change is sent before it hears.
    async fn follow(db: &TestDb, app: &Arc<App>) -> tokio::sync::watch::Sender<bool> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let changes = app.storage.changes.as_ref().expect("a shared store").subscribe();
        tokio::spawn(sync::follow(app.clone(), changes, stopped));
        let client = db.url.connect().await.unwrap();
        let started = Instant::now();
        loop {
            let row = client
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'",
                    &[],
                )
                .await
                .unwrap();
            if row.get::<_, i64>(0) > 0 {
                return stop;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "the change listener never started");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until `app` answers `question` with `entry`; fails after [`WITHIN`].
    async fn answers_within(app: &App, question: &str, entry: &str) -> Duration {
        let started = Instant::now();
        loop {
            let outcome = app.knowledge.load().matcher.find(question);
            if outcome.answer().is_some_and(|a| a.id == entry) {
                return started.elapsed();
            }
            assert!(started.elapsed() < WITHIN, "the other process does not answer {question:?} with {entry}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_taught_variant_and_a_reload_reach_the_other_process() {
        let Some(db) = TestDb::create("sync").await else { return };
        let dir = tempfile::tempdir().unwrap();
        super::postgres_support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("faq"), dir.path());
        let (first, second) = (process(&db, dir.path()).await, process(&db, dir.path()).await);
        let _following = follow(&db, &second).await;

        let taught = "what does zorblat keep about me";
        assert!(second.knowledge.load().matcher.find(taught).answer().is_none_or(|a| a.id != "data-types"));
        first.add_variant(ACTOR, taught, "data-types").await.expect("the variant is taught");
        answers_within(&second, taught, "data-types").await;

        // A reload reads the files again in every process (they share the FAQ directory here,
        // as identical copies on every machine would).
        let reloaded = "qwertz flumm, which of my things go into the model";
        let file = dir.path().join("data.toml");
        let text = std::fs::read_to_string(&file).unwrap();
        let text = text.replacen("variants = [", &format!("variants = [\n  \"{reloaded}\","), 1);
        std::fs::write(&file, text).unwrap();
        first.reload(ACTOR).await.expect("the reload works");
        answers_within(&second, reloaded, "data-types").await;
        assert!(
            second.knowledge.load().matcher.find(taught).answer().is_some_and(|a| a.id == "data-types"),
            "the reload keeps the taught variant"
        );
    }
}
