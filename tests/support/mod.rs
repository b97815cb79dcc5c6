//! End-to-end harness: the fake Discord and the bot, both in the test process (the bot is
//! `optout_bot::discord::run` on a task, with its own database and a clock the test moves),
//! and polling helpers with a bounded deadline (never a fixed sleep as an assertion).
//! `tests/e2e_process.rs` runs the real binary instead, for what only a process can show.
#![allow(dead_code)]

pub mod announce;
pub mod dialogues;
pub mod spec;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Once, OnceLock};
use std::time::{Duration, Instant};

use chrono::Utc;
use optout_bot::clock::{Clock, ManualClock};
use optout_bot::config::{Config, Secret};
use optout_bot::discord::Deps;
use optout_bot::faq::Faq;
use serde_json::{json, Value};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long any expected effect may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(25);

/// The world's ids (see fake-discord's README).
pub const GUILD: &str = "2000";
pub const HELP_CHANNEL: &str = "5000";
pub const ANNOUNCEMENTS_CHANNEL: &str = "5001";
pub const GENERAL_CHANNEL: &str = "5002";
pub const MEMBER: &str = "6000";
pub const MODERATOR: &str = "6001";
pub const BOT: &str = "1000";
pub const PING_ROLE: &str = "7001";

/// What the bot logs: shown with a failing test's output (the log goes to the test's
/// captured output, which the bot's tasks inherit from the test's runtime).
const LOG_FILTER: &str = "optout_bot=debug,poise=info,serenity=warn,info";

/// Development guild 2000, help channel 5000, and no cooldowns (tests that need them say so).
pub const BASE_CONFIG: &str = r#"
dev_guilds = [2000]
help_channels = [5000]
[cooldowns]
user_seconds = 0
channel_seconds = 0
[log]
level = "optout_bot=debug,poise=info,serenity=warn,info"
"#;

/// The bot under test: a task in this process (which ends with the test's runtime at the
/// latest), or the binary (`tests/e2e_process.rs`).
enum Bot {
    Task { stop: oneshot::Sender<()>, task: JoinHandle<anyhow::Result<()>> },
    Process(Process),
}

/// The bot binary; killed when dropped, whatever the test did.
pub struct Process(Child);

impl Process {
    /// Kills it with SIGKILL (no clean shutdown).
    pub fn kill(&mut self) {
        self.0.kill().expect("the bot can be killed");
        self.0.wait().expect("the killed bot is reaped");
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub struct Harness {
    // Field order: the bot goes before the fake it talks to.
    bot: Option<Bot>,
    /// Taken only when the harness is dropped (see its `Drop`).
    fake: Option<fake_discord::RunningFake>,
    pub http: reqwest::Client,
    pub base: String,
    /// The in-process bot's clock: it moves only when a test moves it.
    pub clock: Arc<ManualClock>,
    config: String,
    in_process: bool,
    dir: tempfile::TempDir,
}

impl Drop for Harness {
    /// Leaves an in-process bot running, and its fake with it, until the test's runtime ends
    /// and drops both without polling them again. Stopping the fake first would make the bot
    /// shut its shard down, and serenity 0.12.5 waits for the gateway's close frame in a loop
    /// that spins without yielding once the connection is gone, which hangs the runtime;
    /// stopping the bot first costs up to half a second a test (the shard polls for it).
    ///
    /// First, every request body the bot sent in the test is held to Discord's published
    /// schema for its operation ([`spec`]): a body that breaks it fails the test that sent it.
    fn drop(&mut self) {
        if let (Some(fake), false) = (&self.fake, std::thread::panicking()) {
            if let Err(report) = spec::check(&fake.requests()) {
                panic!("requests the bot sent break Discord's published schema:\n{report}");
            }
        }
        if matches!(self.bot, Some(Bot::Task { .. })) {
            if let Some(fake) = self.fake.take() {
                std::mem::forget(fake);
            }
            if let Some(Bot::Task { stop, .. }) = self.bot.take() {
                std::mem::forget(stop);
            }
        }
    }
}

/// An HTTP proxy in the environment would catch the bot's requests to the loopback fake
/// (reqwest does not exempt localhost). The variable is process-wide, so it is set once,
/// before any bot starts, and only when a proxy is configured at all.
fn bypass_proxies_for_loopback() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let proxied = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
            .iter()
            .any(|key| std::env::var_os(key).is_some());
        if proxied {
            std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
        }
        // A second subscriber (another test got here first) only errs: ignore it.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(LOG_FILTER))
            .with_test_writer()
            .try_init();
    });
}

/// The token the bot binary is given: tests check that it never shows.
pub const PROCESS_TOKEN: &str = "very-secret-token-4242";

/// Starts the bot binary with `config_path`, its stderr appended to `log`.
fn spawn_process(config_path: &Path, base: &str, log: &Path) -> Child {
    let stderr = std::fs::OpenOptions::new().create(true).append(true).open(log).unwrap();
    Command::new(env!("CARGO_BIN_EXE_optout-bot"))
        .arg("run")
        .arg("--config")
        .arg(config_path)
        // The default database path is relative: each test gets its own under its temp dir.
        .current_dir(config_path.parent().expect("the config is in the test's temp dir"))
        .env("DISCORD_TOKEN", PROCESS_TOKEN)
        .env("DISCORD_API_BASE", base)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("the bot binary starts")
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::start_with(BASE_CONFIG).await
    }

    /// Starts the fake and the bot in this process with `config` as its config file, and
    /// waits until the bot has identified on the gateway and registered its commands.
    pub async fn start_with(config: &str) -> Harness {
        Harness::launch(config, true).await
    }

    /// Like [`Harness::start_with`], with the real `optout-bot` binary as the bot (on the
    /// real clock), for what only a process can show: being killed, signals, exit codes.
    pub async fn start_process(config: &str) -> Harness {
        Harness::launch(config, false).await
    }

    async fn launch(config: &str, in_process: bool) -> Harness {
        assert_eq!(
            tokio::runtime::Handle::current().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::MultiThread,
            "e2e tests run on #[tokio::test(flavor = \"multi_thread\", worker_threads = 2)]"
        );
        bypass_proxies_for_loopback();
        let fake = fake_discord::start("127.0.0.1:0".parse().unwrap()).await.expect("fake discord starts");
        let base = fake.base_url();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bot.toml"), config).unwrap();
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let mut harness =
            Harness { bot: None, fake: Some(fake), http, base, clock, config: config.to_owned(), in_process, dir };
        harness.bot = Some(harness.launch_bot().await);
        harness
            .eventually("the bot identifies and registers its commands", |h| async move {
                let gateway = h.get("/_fake/gateway").await;
                let commands = h.get("/_fake/commands").await;
                let registered = commands["guilds"][GUILD].as_array().is_some_and(|c| !c.is_empty());
                (gateway["identified"].as_u64().unwrap_or(0) >= 1 && registered).then_some(())
            })
            .await;
        harness
    }

    /// Starts the bot (of the harness's kind) against the fake, with the test's config.
    async fn launch_bot(&self) -> Bot {
        if !self.in_process {
            return Bot::Process(Process(spawn_process(
                &self.dir.path().join("bot.toml"),
                &self.base,
                &self.log_path(),
            )));
        }
        // What `optout-bot run --config bot.toml` builds, with the fake's address passed in
        // (not through the environment, which parallel tests share) and the test's clock.
        let mut config = Config::parse(&self.config).expect("the test's config is valid");
        config.database_path.get_or_insert_with(|| self.database_path());
        let faq = match &config.faq_dir {
            Some(dir) => Faq::load_dir(dir).expect("the test's FAQ loads"),
            None => shipped_faq().clone(),
        };
        let storage =
            optout_bot::store::open_sqlite_storage(&config.database_path()).await.expect("the database opens");
        let clock: Arc<dyn Clock> = self.clock.clone();
        let deps =
            Deps { config, faq, token: Secret::new("test-token"), api_base: Some(self.base.clone()), storage, clock };
        let (stop, stopped) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        Bot::Task { stop, task: tokio::spawn(optout_bot::discord::run(deps, shutdown)) }
    }

    /// The bot's database.
    pub fn database_path(&self) -> PathBuf {
        // The default path, under the bot binary's working directory.
        self.dir.path().join(optout_bot::store::DEFAULT_DB_PATH)
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("bot.log")
    }

    /// Stops the bot as the binary does on a signal (its shutdown future resolves) and waits
    /// until `run` has returned; fails the test if it errs or takes too long.
    pub async fn stop_bot(&mut self) {
        match self.bot.take() {
            Some(Bot::Task { stop, mut task }) => {
                let _ = stop.send(());
                let stopped = tokio::time::timeout(DEADLINE, &mut task).await;
                let result = stopped.expect("the bot stops when its shutdown future resolves");
                result.expect("the bot's task does not panic").expect("the bot stops without an error");
            }
            Some(Bot::Process(_)) => panic!("stop_bot is for the in-process bot; the binary is killed"),
            None => {}
        }
        self.eventually("the stopped bot's gateway session closes", |h| async move {
            (h.get("/_fake/gateway").await["identified"].as_u64() == Some(0)).then_some(())
        })
        .await;
    }

    /// Kills the bot binary with SIGKILL (no clean shutdown) and waits until the fake sees its
    /// gateway session gone (other processes' sessions stay).
    pub async fn kill_bot(&mut self) {
        let before = self.get("/_fake/gateway").await["identified"].as_u64().unwrap_or(0);
        match self.bot.as_mut() {
            Some(Bot::Process(process)) => process.kill(),
            _ => panic!("kill_bot is for the bot binary (Harness::start_process)"),
        }
        self.bot = None;
        self.eventually("the killed bot's gateway session closes", |h| async move {
            (h.get("/_fake/gateway").await["identified"].as_u64().unwrap_or(0) < before).then_some(())
        })
        .await;
    }

    /// Starts one more bot binary against the same fake, with its own config file and log
    /// (`NAME.toml`, `NAME.log` in the test's directory), and waits until its gateway session
    /// is up: a second process of a deployment.
    pub async fn spawn_another_process(&self, name: &str, config: &str) -> Process {
        let before = self.get("/_fake/gateway").await["identified"].as_u64().unwrap_or(0);
        let path = self.dir.path().join(format!("{name}.toml"));
        std::fs::write(&path, config).unwrap();
        let process = Process(spawn_process(&path, &self.base, &self.dir.path().join(format!("{name}.log"))));
        self.eventually(&format!("{name} identifies on the gateway"), |h| async move {
            (h.get("/_fake/gateway").await["identified"].as_u64().unwrap_or(0) > before).then_some(())
        })
        .await;
        process
    }

    /// The log of a process started with [`Harness::spawn_another_process`].
    pub fn log_of(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(format!("{name}.log"))).unwrap_or_default()
    }

    /// Sends `signal` (`TERM`, `INT`) to the bot binary, as a service manager or a terminal
    /// would, and waits for it to exit; returns how it exited.
    pub async fn signal_bot(&mut self, signal: &str) -> std::process::ExitStatus {
        let Some(Bot::Process(Process(child))) = self.bot.as_mut() else {
            panic!("signal_bot is for the bot binary (Harness::start_process)");
        };
        let sent = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
        assert!(sent.success(), "kill -{signal} {}", child.id());
        let start = Instant::now();
        loop {
            if let Some(exit) = child.try_wait().unwrap() {
                self.bot = None;
                return exit;
            }
            assert!(start.elapsed() < DEADLINE, "the bot did not stop on SIG{signal}:\n{}", self.bot_log());
            tokio::time::sleep(POLL).await;
        }
    }

    /// Stops the bot if it is running (the in-process one cleanly, the binary with SIGKILL)
    /// and starts it again with the same config, so the same database, against the same fake;
    /// waits until it has registered its commands again (which it does once connected).
    pub async fn restart_bot(&mut self) {
        match self.bot {
            Some(Bot::Task { .. }) => self.stop_bot().await,
            Some(Bot::Process(_)) => self.kill_bot().await,
            None => {}
        }
        let registered_before = self.command_registrations().await;
        self.bot = Some(self.launch_bot().await);
        self.eventually("the restarted bot registers its commands", move |h| async move {
            (h.command_registrations().await > registered_before).then_some(())
        })
        .await;
    }

    /// How many times the bot has registered its commands (PUT .../commands) so far.
    async fn command_registrations(&self) -> usize {
        let requests = self.get("/_fake/requests").await;
        requests.as_array().map_or(0, |requests| {
            requests
                .iter()
                .filter(|r| r["method"] == "PUT" && r["path"].as_str().is_some_and(|p| p.ends_with("/commands")))
                .count()
        })
    }

    /// The bot binary's log so far, for failure messages (the in-process bot logs into the
    /// test's own output).
    pub fn bot_log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_else(|_| "(in the test's output)".to_owned())
    }

    pub async fn get(&self, path: &str) -> Value {
        let response = self.http.get(format!("{}{path}", self.base)).send().await.expect("GET reaches the fake");
        response.json().await.expect("the fake answers JSON")
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        let response =
            self.http.post(format!("{}{path}", self.base)).json(&body).send().await.expect("POST reaches the fake");
        let status = response.status();
        let value: Value = response.json().await.unwrap_or(Value::Null);
        assert!(status.is_success(), "POST {path} {body} -> {status}: {value}");
        value
    }

    /// Polls `check` until it gives a value; fails the test (with the bot's log) at [`DEADLINE`].
    pub async fn eventually<'a, T, F, Fut>(&'a self, what: &str, check: F) -> T
    where
        F: Fn(&'a Harness) -> Fut,
        Fut: Future<Output = Option<T>> + 'a,
    {
        let start = Instant::now();
        loop {
            if let Some(value) = check(self).await {
                return value;
            }
            if start.elapsed() > DEADLINE {
                let requests = self.get("/_fake/requests").await;
                panic!(
                    "timed out after {DEADLINE:?} waiting for: {what}\n--- requests ---\n{}\n--- bot log ---\n{}",
                    serde_json::to_string_pretty(&requests).unwrap_or_default(),
                    self.bot_log()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Sends an application command (or autocomplete) interaction; returns its id.
    pub async fn interact(&self, body: Value) -> String {
        let created = self.post("/_fake/interactions", body).await;
        created["id"].as_str().expect("an interaction id").to_owned()
    }

    /// `/command` with options, by member 6000 in #help.
    pub async fn command(&self, command: &str, options: Value) -> String {
        self.interact(json!({
            "command": command, "options": options, "user_id": MEMBER,
            "guild_id": GUILD, "channel_id": HELP_CHANNEL, "locale": "en-US"
        }))
        .await
    }

    /// Waits until the interaction has been answered and returns its state.
    pub async fn answered(&self, id: &str) -> Value {
        let path = format!("/_fake/interactions/{id}");
        self.eventually(&format!("interaction {id} is answered"), |h| {
            let path = path.clone();
            async move {
                let state = h.get(&path).await;
                state["responded"].as_bool().unwrap_or(false).then_some(state)
            }
        })
        .await
    }

    /// Like [`Harness::answered`], for a deferred interaction: waits for its first follow-up.
    pub async fn followed_up(&self, id: &str) -> Value {
        let path = format!("/_fake/interactions/{id}");
        self.eventually(&format!("interaction {id} gets a follow-up"), |h| {
            let path = path.clone();
            async move {
                let state = h.get(&path).await;
                state["followups"].as_array().is_some_and(|f| !f.is_empty()).then_some(state)
            }
        })
        .await
    }

    /// Presses a button on a stored message; returns the component interaction's id.
    pub async fn press(&self, message_id: &str, custom_id: &str, user_id: &str) -> String {
        let created = self
            .post("/_fake/components", json!({ "message_id": message_id, "custom_id": custom_id, "user_id": user_id }))
            .await;
        created["id"].as_str().expect("an interaction id").to_owned()
    }

    /// Posts a user's message; returns its id.
    pub async fn say(&self, body: Value) -> String {
        let created = self.post("/_fake/messages", body).await;
        created["id"].as_str().expect("a message id").to_owned()
    }

    pub async fn messages(&self) -> Vec<Value> {
        self.get("/_fake/messages").await.as_array().cloned().unwrap_or_default()
    }

    /// The bot's messages replying to message `id`.
    pub async fn replies_to(&self, id: &str) -> Vec<Value> {
        self.messages()
            .await
            .into_iter()
            .filter(|m| m["author_id"] == BOT && m["message_reference"]["message_id"].as_str() == Some(id))
            .collect()
    }

    /// Waits for the bot's reply to message `id`.
    pub async fn reply_to(&self, id: &str) -> Value {
        let id = id.to_owned();
        self.eventually(&format!("a reply to message {id}"), |h| {
            let id = id.clone();
            async move { h.replies_to(&id).await.into_iter().next() }
        })
        .await
    }
}

/// The custom ids of a message's buttons.
pub fn custom_ids(message: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    for row in message["components"].as_array().into_iter().flatten() {
        for component in row["components"].as_array().into_iter().flatten() {
            if let Some(id) = component["custom_id"].as_str() {
                ids.push(id.to_owned());
            }
        }
    }
    ids
}

/// The entry a "did you mean" button (`faq:show:LANG:ID`) shows.
pub fn shown_entry(custom_id: &str) -> String {
    let rest = custom_id.strip_prefix("faq:show:").unwrap_or_else(|| panic!("a show button: {custom_id}"));
    rest.split_once(':').map_or(rest, |(_lang, id)| id).to_owned()
}

/// A message's first embed's title.
pub fn embed_title(message: &Value) -> String {
    message["embeds"][0]["title"].as_str().unwrap_or_default().to_owned()
}

/// Whether a stored message's allowed mentions permit no mass ping, no role and no user ping.
pub fn pings_nobody(message: &Value) -> bool {
    let allowed = &message["allowed_mentions"];
    allowed.is_object()
        && allowed["parse"].as_array().is_some_and(|p| p.is_empty())
        && allowed["roles"].as_array().is_none_or(|r| r.is_empty())
        && allowed["users"].as_array().is_none_or(|u| u.is_empty())
        && message["mention_everyone"] != true
        && message["mention_roles"].as_array().is_none_or(|r| r.is_empty())
}

/// The shipped FAQ and its matcher, to pick questions by what the bot will decide
/// (the matcher keeps improving, so tests don't hard-code which phrasing is ambiguous).
/// Built once per test binary: indexing takes a while in a debug build.
pub fn knowledge() -> &'static (Faq, optout_bot::matcher::Matcher) {
    static KNOWLEDGE: OnceLock<(Faq, optout_bot::matcher::Matcher)> = OnceLock::new();
    KNOWLEDGE.get_or_init(|| {
        let faq = shipped_faq().clone();
        let matcher = optout_bot::matcher::Matcher::for_faq(&faq);
        (faq, matcher)
    })
}

/// The built-in FAQ, parsed once per test binary (every bot the tests start gets a copy).
pub fn shipped_faq() -> &'static Faq {
    static FAQ: OnceLock<Faq> = OnceLock::new();
    FAQ.get_or_init(Faq::embedded)
}

/// Thresholds that make the bot ask back ("did you mean") unless it is nearly certain: the
/// tests of suggestion buttons use them, so they don't depend on which phrasings the (still
/// improving) matcher finds ambiguous.
pub const SUGGESTING_THRESHOLDS: &str = "\n[thresholds]\nanswer = 0.95\nsuggest = 0.05\n";

/// [`BASE_CONFIG`] with [`SUGGESTING_THRESHOLDS`].
pub fn suggesting_config() -> String {
    format!("{BASE_CONFIG}{SUGGESTING_THRESHOLDS}")
}

/// A question the bot answers with "did you mean" buttons under [`suggesting_config`].
pub fn ambiguous_question() -> String {
    static QUESTION: OnceLock<String> = OnceLock::new();
    QUESTION.get_or_init(find_ambiguous_question).clone()
}

fn find_ambiguous_question() -> String {
    let thresholds = optout_bot::config::Thresholds { answer: Some(0.95), suggest: Some(0.05), help_channel: None };
    let knowledge = optout_bot::app::knowledge::Knowledge::build(optout_bot::faq::Faq::embedded(), &[], &thresholds);
    const VAGUE: &[&str] = &["linkedin data", "my data", "what about europe", "linkedin ai", "ai training", "data"];
    VAGUE
        .iter()
        .find(|q| {
            let outcome = knowledge.matcher.find(q);
            matches!(outcome.decision, optout_bot::matcher::Decision::Suggest { count } if count >= 2)
        })
        .expect("one of the vague questions gets suggestions")
        .to_string()
}

/// A question the bot declines (no answer, no suggestions).
pub fn declined_question() -> String {
    static QUESTION: OnceLock<String> = OnceLock::new();
    QUESTION.get_or_init(find_declined_question).clone()
}

fn find_declined_question() -> String {
    let (_, matcher) = knowledge();
    const OFF_TOPIC: &[&str] =
        &["best pizza topping", "what is the capital of peru", "my cat sneezes a lot", "recommend a good novel", "zzz"];
    OFF_TOPIC
        .iter()
        .find(|q| matches!(matcher.find(q).decision, optout_bot::matcher::Decision::Decline { .. }))
        .expect("one of the off-topic questions is declined")
        .to_string()
}
