//! The server [`PgStore`]: every bot process of a deployment shares one PostgreSQL
//! database, so announcements are posted once, and votes, usage and taught variants
//! are one set.
//!
//! Driver choices:
//! - `tokio-postgres` with a `deadpool-postgres` pool rather than sqlx: both are
//!   maintained and async, but this pair compiles in a fraction of sqlx's time (no
//!   proc-macro query checking, no build-time database), and its API is plain SQL with
//!   typed parameters, like the SQLite store's.
//! - No TLS: the database is expected on the same host or a private network (the
//!   deploy guide says so); a URL asking for TLS (`sslmode=require`) is refused with
//!   one clear line rather than silently sent in the clear.
//! - Every wait is bounded ([`CONNECT_TIMEOUT`], [`POOL_WAIT`]): with the server
//!   down, a call fails within seconds instead of holding an answer up.
//!
//! Every storage trait is implemented ([`traits`], [`announcements`]), with the SQLite
//! store's semantics; `announcements` says how several processes claim due announcements.
//!
//! Migrations are numbered directories like SQLite's (`migrations/NN-name/up.sql`),
//! applied in one transaction under an advisory lock, so processes starting together
//! do not race; a database whose schema is newer than this binary knows is refused.

mod announcements;
mod listen;
mod migrate;
mod traits;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use thiserror::Error;
use tokio_postgres::config::SslMode;
use tokio_postgres::NoTls;

pub use migrate::LATEST_VERSION;

/// The environment variable that chooses PostgreSQL over the config file's `database_url`.
pub const DATABASE_URL_ENV: &str = "DATABASE_URL";

/// How long opening one connection may take: a server that has not answered by then
/// is down or unreachable, and a member's question must not wait longer.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a caller waits for a free pooled connection.
pub const POOL_WAIT: Duration = Duration::from_secs(5);

/// Connections per process. The bot's transactions take milliseconds; eight lets
/// answers, votes and the scheduler proceed side by side, and N processes stay far
/// below PostgreSQL's default `max_connections` (100).
pub const POOL_SIZE: usize = 8;

/// Why PostgreSQL could not be used. Every message is one line, and none contains a
/// password: URLs are shown through [`DatabaseUrl`]'s redacted form.
#[derive(Debug, Error)]
pub enum PgError {
    #[error("database_url: {0}")]
    InvalidUrl(String),
    #[error("cannot reach PostgreSQL at {url}: {cause}")]
    Unreachable { url: String, cause: String },
    #[error(
        "the database at {url} has schema version {found}, newer than this optout-bot knows ({known}): \
         upgrade optout-bot, or point it at another database"
    )]
    SchemaTooNew { url: String, found: i32, known: i32 },
    #[error("cannot bring the database at {url} to the current schema: {cause}")]
    Migrate { url: String, cause: String },
    #[error("database error: {0}")]
    Backend(String),
}

/// A `postgres://` URL, checked, whose [`fmt::Display`] hides the password.
#[derive(Clone)]
pub struct DatabaseUrl {
    config: tokio_postgres::Config,
    redacted: String,
}

impl DatabaseUrl {
    /// Parses `text`; the error says what is wrong without repeating the password.
    pub fn parse(text: &str) -> Result<DatabaseUrl, PgError> {
        let text = text.trim();
        let redacted = redact(text);
        let invalid = |problem: String| PgError::InvalidUrl(format!("{problem} (in {redacted})"));
        if !(text.starts_with("postgres://") || text.starts_with("postgresql://")) {
            return Err(PgError::InvalidUrl(format!(
                "must start with postgres:// or postgresql:// (got {})",
                if text.is_empty() { "an empty string".to_owned() } else { redacted.clone() }
            )));
        }
        let config =
            tokio_postgres::Config::from_str(text).map_err(|error| invalid(scrub(&error.to_string(), text)))?;
        if config.get_hosts().is_empty() {
            return Err(invalid("names no host (postgres://user@host:5432/database)".to_owned()));
        }
        if config.get_user().is_none() {
            return Err(invalid("names no user (postgres://user@host:5432/database)".to_owned()));
        }
        if config.get_dbname().is_none() {
            return Err(invalid("names no database (postgres://user@host:5432/database)".to_owned()));
        }
        if matches!(config.get_ssl_mode(), SslMode::Require) {
            return Err(invalid("asks for TLS (sslmode=require), which this build does not support".to_owned()));
        }
        let mut config = config;
        config.ssl_mode(SslMode::Disable);
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("optout-bot");
        Ok(DatabaseUrl { config, redacted })
    }

    /// The database's name.
    pub fn database(&self) -> &str {
        self.config.get_dbname().unwrap_or_default()
    }

    /// The same server and credentials, another database (the test harness and `db copy` use this).
    pub fn with_database(&self, name: &str) -> DatabaseUrl {
        let mut config = self.config.clone();
        config.dbname(name);
        let redacted = match self.redacted.rsplit_once('/') {
            Some((server, rest)) => {
                let query = rest.split_once('?').map(|(_, q)| format!("?{q}")).unwrap_or_default();
                format!("{server}/{name}{query}")
            }
            None => self.redacted.clone(),
        };
        DatabaseUrl { config, redacted }
    }

    /// One connection outside any pool, for LISTEN and administrative statements.
    pub async fn connect(&self) -> Result<tokio_postgres::Client, PgError> {
        let (client, connection) = self.config.connect(NoTls).await.map_err(|error| self.unreachable(&error))?;
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "PostgreSQL connection closed");
            }
        });
        Ok(client)
    }

    fn unreachable(&self, error: &tokio_postgres::Error) -> PgError {
        PgError::Unreachable { url: self.redacted.clone(), cause: describe(error) }
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted)
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted)
    }
}

/// `text` with the password of its user-info part, and any `password=` parameter, as `***`.
fn redact(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else {
        return "(not a URL)".to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => format!("{userinfo}@{host}"),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// `message` with every password in `url` replaced, for messages built by the driver.
fn scrub(message: &str, url: &str) -> String {
    let mut message = message.replace('\n', " ");
    for password in passwords(url) {
        if !password.is_empty() {
            message = message.replace(&password, "***");
        }
    }
    message
}

fn passwords(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let Some((_, rest)) = url.split_once("://") {
        let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
        if let Some((userinfo, _)) = authority.rsplit_once('@') {
            if let Some((_, password)) = userinfo.split_once(':') {
                found.push(password.to_owned());
            }
        }
        if let Some((_, query)) = rest.split_once('?') {
            for pair in query.split('&') {
                if let Some((key, value)) = pair.split_once('=') {
                    if key.eq_ignore_ascii_case("password") {
                        found.push(value.to_owned());
                    }
                }
            }
        }
    }
    found
}

/// A driver error as one line: the server's own message when it sent one.
pub(super) fn describe(error: &tokio_postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        return db.message().to_owned();
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let line = cause.to_string();
        if !text.contains(&line) {
            text = format!("{text}: {line}");
        }
        source = cause.source();
    }
    text.replace('\n', " ")
}

/// The PostgreSQL store: a pool of connections to one database.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    url: DatabaseUrl,
    /// The change listener, started by the first [`ChangeFeed::subscribe`].
    changes: std::sync::Arc<std::sync::OnceLock<tokio::sync::broadcast::Sender<crate::app::sync::Change>>>,
}

impl crate::app::sync::ChangeFeed for PgStore {
    fn subscribe(&self) -> tokio::sync::broadcast::Receiver<crate::app::sync::Change> {
        self.changes.get_or_init(|| listen::start(self.url.clone())).subscribe()
    }
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgStore").field("url", &self.url).finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects, migrates to the current schema, and refuses a schema newer than this
    /// binary. Each failure is one [`PgError`] line.
    pub async fn open(url: &DatabaseUrl) -> Result<PgStore, PgError> {
        let mut client = url.connect().await?;
        migrate::to_latest(&mut client, url).await?;
        drop(client);
        let manager =
            Manager::from_config(url.config.clone(), NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .recycle_timeout(Some(CONNECT_TIMEOUT))
            .build()
            .map_err(|error| PgError::Backend(error.to_string()))?;
        Ok(PgStore { pool, url: url.clone(), changes: Default::default() })
    }

    /// The database this store uses.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// A pooled connection, or an error within [`POOL_WAIT`].
    pub(crate) async fn client(&self) -> Result<deadpool_postgres::Object, PgError> {
        self.pool.get().await.map_err(|error| match error {
            deadpool_postgres::PoolError::Backend(error) => self.url.unreachable(&error),
            other => PgError::Unreachable { url: self.url.to_string(), cause: other.to_string() },
        })
    }

    /// Whether the database answers now (for `/healthz`).
    pub async fn ping(&self) -> Result<(), PgError> {
        let client = self.client().await?;
        client.simple_query("SELECT 1").await.map_err(|error| self.url.unreachable(&error))?;
        Ok(())
    }

    /// The schema version the database is at.
    pub async fn schema_version(&self) -> Result<i32, PgError> {
        let client = self.client().await?;
        migrate::current_version(&**client).await.map_err(|error| PgError::Backend(describe(&error)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_shown_without_its_password() {
        let cases = [
            ("postgres://bot:hunter2@db.internal:5432/optout", "postgres://bot:***@db.internal:5432/optout"),
            ("postgresql://bot@127.0.0.1/optout", "postgresql://bot@127.0.0.1/optout"),
            ("postgres://bot:p%40ss@host/db?password=hunter2", "postgres://bot:***@host/db?password=***"),
            ("postgres://a:b:c@host/db", "postgres://a:***@host/db"),
        ];
        for (url, shown) in cases {
            assert_eq!(redact(url), shown, "redacting {url}");
            let parsed = DatabaseUrl::parse(url).unwrap_or_else(|e| panic!("{url} should parse: {e}"));
            assert_eq!(parsed.to_string(), shown);
            assert!(!format!("{parsed:?}").contains("hunter2"), "Debug must not show the password");
        }
    }

    #[test]
    fn malformed_urls_are_one_line_without_the_password() {
        let cases = [
            ("", "must start with postgres://"),
            ("mysql://bot:hunter2@host/db", "must start with postgres://"),
            ("postgres://bot:hunter2@host:notaport/db", "invalid"),
            ("postgres://bot:hunter2@/db", "no host"),
            ("postgres://bot:hunter2@host", "no database"),
            ("postgres://host/db", "no user"),
            ("postgres://bot:hunter2@host/db?sslmode=require", "TLS"),
            ("postgres://bot:hunter2@host/db?frobnicate=1", "invalid"),
        ];
        for (url, problem) in cases {
            let error = DatabaseUrl::parse(url).expect_err(url).to_string();
            assert!(error.starts_with("database_url: "), "{url}: {error}");
            assert!(error.contains(problem), "{url}: expected {problem:?} in {error:?}");
            assert!(!error.contains("hunter2"), "{url}: the password leaked into {error:?}");
            assert!(!error.contains('\n'), "{url}: more than one line: {error:?}");
        }
    }

    #[test]
    fn another_database_on_the_same_server() {
        let url = DatabaseUrl::parse("postgres://bot:hunter2@host:5432/postgres?connect_timeout=3").unwrap();
        let other = url.with_database("optout_test_1");
        assert_eq!(other.database(), "optout_test_1");
        assert_eq!(other.to_string(), "postgres://bot:***@host:5432/optout_test_1?connect_timeout=3");
    }
}
