//! What only a process can show, with the real `optout-bot` binary: refusing to start (and
//! the exit code), stopping cleanly on SIGTERM and SIGINT, and being killed with SIGKILL
//! before an announcement's time, and two processes sharing one PostgreSQL database.
//! Everything else runs the bot in the test process.

mod postgres_support;
mod support;

use std::process::{Command, Stdio};

use serde_json::json;
use support::announce::*;
use support::*;

const BIN: &str = env!("CARGO_BIN_EXE_optout-bot");

fn run_with(config: Option<&str>, token: Option<&str>) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(BIN);
    command.arg("run").env_remove("DISCORD_TOKEN").env("DISCORD_API_BASE", "http://127.0.0.1:9").stdin(Stdio::null());
    if let Some(config) = config {
        let path = dir.path().join("bot.toml");
        std::fs::write(&path, config).unwrap();
        command.arg("--config").arg(path);
    }
    if let Some(token) = token {
        command.env("DISCORD_TOKEN", token);
    }
    let output = command.output().unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_missing_token_is_a_clear_error() {
    let (ok, stderr) = run_with(None, None);
    assert!(!ok);
    assert!(stderr.contains("DISCORD_TOKEN") && stderr.contains("not set"), "{stderr}");
}

#[test]
fn a_bad_config_names_the_key_and_the_problem() {
    let (ok, stderr) =
        run_with(Some("[thresholds]\nhelp_channel = 2.0\n[cooldowns]\nuser_secs = 5\n"), Some("s3cret-token"));
    assert!(!ok);
    assert!(stderr.contains("cooldowns.user_secs") && stderr.contains("unknown field"), "{stderr}");
    let (ok, stderr) = run_with(Some("help_channels = [\"general\"]\n"), Some("s3cret-token"));
    assert!(!ok);
    assert!(stderr.contains("help_channels"), "{stderr}");
    let (ok, stderr) = run_with(Some("[thresholds]\nhelp_channel = 2.0\n"), Some("s3cret-token"));
    assert!(!ok);
    assert!(stderr.contains("thresholds.help_channel") && stderr.contains("between 0 and 1"), "{stderr}");
    assert!(!stderr.contains("s3cret"), "the token never shows: {stderr}");
}

#[test]
fn a_database_url_that_cannot_serve_stops_the_bot_in_one_line_without_its_password() {
    for (config, expected) in [
        ("database_url = \"postgres://bot:hunter2@127.0.0.1:1/optout\"\n", "cannot reach PostgreSQL"),
        ("database_url = \"postgres://bot:hunter2@\"\n", "database_url"),
        ("database_url = \"mysql://bot:hunter2@127.0.0.1/optout\"\n", "database_url"),
    ] {
        let (ok, stderr) = run_with(Some(config), Some("s3cret-token"));
        assert!(!ok, "{config}: {stderr}");
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "one line: {stderr}");
        assert!(stderr.contains(expected), "{config}: {stderr}");
        assert!(!stderr.contains("hunter2") && !stderr.contains("s3cret"), "no secret shows: {stderr}");
    }
}

#[test]
fn a_metrics_address_in_use_is_a_clear_start_up_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("bot.db");
    let config = format!("database_path = {:?}\n[metrics]\nlisten = \"{address}\"\n", database.display().to_string());
    let (ok, stderr) = run_with(Some(&config), Some("s3cret-token"));
    assert!(!ok, "{stderr}");
    let line = stderr.lines().find(|l| l.starts_with("error:")).unwrap_or_default();
    assert!(line.contains(&format!("cannot listen for /metrics and /healthz on {address}")), "{stderr}");
    assert!(!stderr.contains("s3cret"), "the token never shows: {stderr}");
}

/// Starts the binary (JSON logs at debug level), sends it `signal` once it is connected and
/// checks that it stops cleanly, saying so, with exit code 0 and the token never logged.
async fn stops_cleanly_on(signal: &str) {
    let mut h = Harness::start_process("dev_guilds = [2000]\n[log]\nlevel = \"debug\"\nformat = \"json\"\n").await;
    let exit = h.signal_bot(signal).await;
    let log = h.bot_log();
    assert!(exit.success(), "clean exit on SIG{signal} ({exit}):\n{log}");
    assert!(log.contains("shutting down") && log.contains("\"stopped\""), "{log}");
    assert!(log.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()), "json logs:\n{log}");
    assert!(!log.contains(PROCESS_TOKEN) && !log.contains("secret-token"), "the token is never logged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_stays_secret_and_sigterm_stops_the_bot_cleanly() {
    stops_cleanly_on("TERM").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigint_stops_the_bot_cleanly() {
    stops_cleanly_on("INT").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_before_its_time_and_restarted_it_is_sent_exactly_once() {
    let mut h = Harness::start_process(&config()).await;
    // Due soon enough to keep the test short; should the restart take longer, it falls due
    // while the bot is down and is sent on start-up instead: exactly once either way.
    let id =
        announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "survives", "at": "in 2s" })).await;
    let preview = preview(&h, &id).await;
    let outcome = confirm(&h, &preview).await;
    assert!(outcome.contains("Scheduled"), "{outcome}");
    h.kill_bot().await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "killed before its time");
    h.restart_bot().await;
    let posts = wait_for_post(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts[0]["content"], "survives");
    scheduler_step(&h).await;
    assert_eq!(posts_in(&h, GENERAL_CHANNEL).await.len(), 1, "sent exactly once");
}

/// A free port on the loopback for a process's `[metrics] listen`.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// `GET http://127.0.0.1:PORT/PATH`: the status and the body, or `None` when nothing answers.
async fn scrape(h: &Harness, port: u16, path: &str) -> Option<(u16, String)> {
    let response = h.http.get(format!("http://127.0.0.1:{port}{path}")).send().await.ok()?;
    Some((response.status().as_u16(), response.text().await.ok()?))
}

/// The deployment the deploy guide describes: two processes, shards total 2 with ranges
/// [0, 1) and [1, 2), on one PostgreSQL database. The guild (2000) is on shard 0, so its
/// interactions reach the first process only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_database_post_an_announcement_once_when_one_is_killed() {
    let Some(db) = postgres_support::TestDb::create("cluster").await else { return };
    let (first_port, second_port) = (free_port(), free_port());
    let process_config = |range: &str, port: u16| {
        format!(
            "database_url = \"{}\"\n{}\n[shards]\ntotal = 2\nrange = {range}\n[metrics]\nlisten = \"127.0.0.1:{port}\"\n",
            db.url,
            config()
        )
    };
    let mut h = Harness::start_process(&process_config("[0, 1]", first_port)).await;
    let _second = h.spawn_another_process("second", &process_config("[1, 2]", second_port)).await;
    for port in [first_port, second_port] {
        let (status, body) = h
            .eventually("both processes report healthy", |h| async move {
                scrape(h, port, "/healthz").await.filter(|(status, _)| *status == 200)
            })
            .await;
        assert_eq!(status, 200);
        assert!(body.contains(r#""database":"ok""#) && body.contains(r#""connected":1"#), "{body}");
    }

    let asked = h.command("ask", json!({ "question": "how do I opt out of AI training" })).await;
    let answer = h.answered(&asked).await;
    assert!(!answer["original_message"]["embeds"].as_array().unwrap().is_empty(), "answered: {answer}");
    let (_, metrics) = scrape(&h, first_port, "/metrics").await.expect("/metrics answers");
    assert!(
        metrics.contains(r#"optout_bot_questions_total{decision="answer",entry_point="command"} 1"#),
        "the question is counted:\n{metrics}"
    );
    let entries = optout_bot::faq::Faq::embedded().entries().iter().filter(|e| !e.is_small_talk()).count();
    for line in [
        format!("optout_bot_faq_entries {entries}"),
        "optout_bot_shards_connected 1".to_owned(),
        "optout_bot_shards_expected 1".to_owned(),
        format!(r#"optout_bot_build_info{{version="{}"}} 1"#, env!("CARGO_PKG_VERSION")),
    ] {
        assert!(metrics.lines().any(|l| l == line), "{line} in\n{metrics}");
    }

    let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "once", "at": "in 3s" })).await;
    let outcome = confirm(&h, &preview(&h, &id).await).await;
    assert!(outcome.contains("Scheduled"), "{outcome}");
    h.kill_bot().await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "killed before its time");
    let killed = scrape(&h, first_port, "/healthz").await;
    assert!(killed.as_ref().is_none_or(|(status, _)| *status != 200), "the killed process is not healthy: {killed:?}");

    // Within the harness's deadline (20 s) of being scheduled, so of its time.
    let posts = wait_for_post(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts.len(), 1, "posted once by the second process:\n{}", h.log_of("second"));
    assert_eq!(posts[0]["content"], "once");

    h.restart_bot().await;
    scheduler_step(&h).await;
    assert_eq!(posts_in(&h, GENERAL_CHANNEL).await.len(), 1, "still once after the first restarts");
}

/// A TCP proxy in front of PostgreSQL that the test can take down (every connection cut,
/// nothing accepted) and bring back on the same port: the database server stopped, then
/// started, without touching the server other tests share.
struct FlakyDatabase {
    address: std::net::SocketAddr,
    upstream: String,
    up: Option<tokio::task::JoinHandle<()>>,
}

impl FlakyDatabase {
    async fn start(upstream: &str) -> FlakyDatabase {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let mut proxy = FlakyDatabase { address, upstream: upstream.to_owned(), up: None };
        proxy.up = Some(tokio::spawn(Self::serve(listener, proxy.upstream.clone())));
        proxy
    }

    async fn serve(listener: tokio::net::TcpListener, upstream: String) {
        let mut connections = tokio::task::JoinSet::new();
        while let Ok((mut client, _)) = listener.accept().await {
            let upstream = upstream.clone();
            connections.spawn(async move {
                if let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                }
            });
        }
    }

    /// Cuts every connection and refuses new ones (aborting the task drops its connections).
    fn stop(&mut self) {
        if let Some(up) = self.up.take() {
            up.abort();
        }
    }

    async fn restart(&mut self) {
        let listener = loop {
            match tokio::net::TcpListener::bind(self.address).await {
                Ok(listener) => break listener,
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        };
        self.up = Some(tokio::spawn(Self::serve(listener, self.upstream.clone())));
    }
}

/// `url` with its host and port replaced by `address`.
fn through(url: &str, address: std::net::SocketAddr) -> (String, String) {
    let rest = url.strip_prefix("postgres://").expect("a postgres:// URL");
    let (user, rest) = rest.split_once('@').map_or(("", rest), |(user, rest)| (user, rest));
    let (server, database) = rest.split_once('/').expect("a database in the URL");
    let at = if user.is_empty() { String::new() } else { format!("{user}@") };
    (format!("postgres://{at}{address}/{database}"), server.to_owned())
}

/// The database gone for a while: members are still answered, and an announcement that fell
/// due meanwhile is posted once when the database is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_database_down_questions_are_answered_and_announcements_wait_for_it() {
    let Some(db) = postgres_support::TestDb::create("down").await else { return };
    let (_, server) = through(&db.url.to_string(), "127.0.0.1:1".parse().unwrap());
    let mut database = FlakyDatabase::start(&server).await;
    let (url, _) = through(&db.url.to_string(), database.address);
    let mut h = Harness::start_process(&format!("database_url = \"{url}\"\n{}", config())).await;

    let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "after", "at": "in 3s" })).await;
    let outcome = confirm(&h, &preview(&h, &id).await).await;
    assert!(outcome.contains("Scheduled"), "{outcome}");
    database.stop();

    let asked = h.command("ask", json!({ "question": "how do I opt out of AI training" })).await;
    let answer = h.answered(&asked).await;
    assert!(!answer["original_message"]["embeds"].as_array().unwrap().is_empty(), "answered: {answer}");
    // Past the announcement's time, with the database still down: nothing can be claimed.
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "nothing is posted without the database");

    database.restart().await;
    let posts = wait_for_post(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts[0]["content"], "after");
    scheduler_step(&h).await;
    assert_eq!(posts_in(&h, GENERAL_CHANNEL).await.len(), 1, "posted once:\n{}", h.bot_log());
    h.kill_bot().await;
}
