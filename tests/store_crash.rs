//! Killing the bot mid-write neither corrupts the database nor loses what was
//! committed: a child process writes as fast as it can and is killed with
//! SIGKILL; the database is then checked and everything it reported committed
//! must be there.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use chrono::{DateTime, Utc};
use chrono_tz::UTC;
use optout_bot::announce::{Body, NewAnnouncement, Ping, Repeat, Schedule};
use optout_bot::store::SqliteStore;

const CHILD_ENV: &str = "OPTOUT_BOT_STORE_CRASH_CHILD";
/// Commits the child reports before it is killed: enough to be mid-stream.
const COMMITS_BEFORE_KILL: i64 = 40;

fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-06-15T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// The child: runs only when the parent test starts this binary with CHILD_ENV set.
#[test]
fn crash_child_writer() {
    let Ok(path) = std::env::var(CHILD_ENV) else { return };
    let store = SqliteStore::open(std::path::Path::new(&path)).expect("child opens the store");
    let mut stdout = std::io::stdout().lock();
    // Bounded, in case the parent never kills it.
    for i in 0..100_000 {
        let created = store
            .create_announcement(
                &NewAnnouncement {
                    guild_id: 1,
                    channel_id: 2,
                    body: Body::Text(format!("announcement {i}")),
                    ping: Ping::None,
                    schedule: Schedule { due_at: at(), timezone: UTC },
                    repeat: Repeat::None,
                    publish: false,
                    created_by: 3,
                },
                at(),
            )
            .expect("child writes");
        writeln!(stdout, "committed {}", created.id).expect("child reports");
        stdout.flush().expect("child flushes");
    }
}

#[cfg(unix)]
#[test]
fn killing_the_writer_keeps_every_commit_and_a_sound_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("optout-bot.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child_writer", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the child writer");
    let mut last_committed = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.expect("read the child's output");
        if let Some(id) = line.strip_prefix("committed ") {
            last_committed = id.parse().expect("an id");
            if last_committed >= COMMITS_BEFORE_KILL {
                child.kill().expect("SIGKILL the child");
                break;
            }
        }
    }
    child.wait().expect("reap the child");
    assert!(last_committed >= COMMITS_BEFORE_KILL, "the child committed before being killed");

    let connection = rusqlite::Connection::open(&path).unwrap();
    let check: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok", "the database is sound after the kill");
    drop(connection);

    let store = SqliteStore::open(&path).expect("reopens after the kill");
    for id in 1..=last_committed {
        assert!(store.announcement(id).unwrap().is_some(), "announcement {id} was reported committed and must survive");
    }
    let audited = store.audit_log(1, usize::MAX).unwrap().len() as i64;
    assert!(audited >= last_committed, "their audit lines survive too ({audited} of {last_committed})");
}
