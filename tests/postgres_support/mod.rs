//! The PostgreSQL test harness: each test gets its own database on the server named
//! by `TEST_DATABASE_URL`, created with a random name and dropped afterwards.
//!
//! - Unset: the test prints that it was skipped and passes (a machine without
//!   PostgreSQL still runs every SQLite test).
//! - Set but unreachable: the test fails, saying so.

#![allow(dead_code)]

use std::hash::{BuildHasher, RandomState};
use std::io::Write as _;
use std::sync::atomic::{AtomicU32, Ordering};

use optout_bot::store::{DatabaseUrl, PgStore};

/// Names the server that tests create their databases on.
pub const TEST_DATABASE_URL_ENV: &str = "TEST_DATABASE_URL";

/// A database of this test's own; dropped (with any connection still open) on drop.
pub struct TestDb {
    pub url: DatabaseUrl,
    admin: DatabaseUrl,
    name: String,
}

impl TestDb {
    /// A fresh, empty database, or `None` (with a line saying the test was skipped)
    /// when `TEST_DATABASE_URL` is not set.
    pub async fn create(test: &str) -> Option<TestDb> {
        let admin = admin_url(test)?;
        let name = unique_name();
        let client = admin
            .connect()
            .await
            .unwrap_or_else(|e| panic!("{TEST_DATABASE_URL_ENV} is set but the server does not answer: {e}"));
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
        Some(TestDb { url: admin.with_database(&name), admin, name })
    }

    /// A migrated store on this database.
    pub async fn open(&self) -> PgStore {
        PgStore::open(&self.url).await.unwrap_or_else(|e| panic!("opening {}: {e}", self.url))
    }

    /// A plain connection to this database, for checking what the store wrote.
    pub async fn client(&self) -> tokio_postgres::Client {
        self.url.connect().await.unwrap_or_else(|e| panic!("connecting to {}: {e}", self.url))
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime, which cannot be blocked on: a thread of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async move {
                let client = admin.connect().await.map_err(|e| e.to_string())?;
                client
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .map_err(|e| e.to_string())
            })
        })
        .join();
        if let Ok(Err(error)) = dropped {
            eprintln!("could not drop test database {}: {error}", self.name);
        }
    }
}

/// The server to test against, or `None` after saying the test is skipped.
pub fn admin_url(test: &str) -> Option<DatabaseUrl> {
    match std::env::var(TEST_DATABASE_URL_ENV) {
        Ok(text) if !text.trim().is_empty() => {
            Some(DatabaseUrl::parse(&text).unwrap_or_else(|e| panic!("{TEST_DATABASE_URL_ENV} is not usable: {e}")))
        }
        _ => {
            // Straight to stderr, past the test harness's capture, so the skip is seen.
            let _ = writeln!(
                std::io::stderr(),
                "skipped {test}: {TEST_DATABASE_URL_ENV} is not set \
                 (e.g. {TEST_DATABASE_URL_ENV}=postgres://postgres@127.0.0.1:5432/postgres)"
            );
            None
        }
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let random = RandomState::new().hash_one((std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    format!("optout_test_{}_{random:016x}", std::process::id())
}

/// Copies the directory tree `from` into `to` (a FAQ directory for a test to change).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), target).unwrap();
        }
    }
}
