//! Starting and stopping: configuration mistakes, the token's secrecy, clean shutdown.

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_stays_secret_and_sigterm_stops_the_bot_cleanly() {
    let fake = fake_discord::start("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bot.toml");
    std::fs::write(&config, "dev_guilds = [2000]\n[log]\nlevel = \"debug\"\nformat = \"json\"\n").unwrap();
    let log = dir.path().join("bot.log");
    let token = "very-secret-token-4242";
    let mut child = Command::new(BIN)
        .arg("run")
        .arg("--config")
        .arg(&config)
        .env("DISCORD_TOKEN", token)
        .env("DISCORD_API_BASE", fake.base_url())
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let start = Instant::now();
    loop {
        let commands: serde_json::Value =
            http.get(format!("{}/_fake/commands", fake.base_url())).send().await.unwrap().json().await.unwrap();
        if commands["guilds"]["2000"].as_array().is_some_and(|c| !c.is_empty()) {
            break;
        }
        assert!(start.elapsed() < support::DEADLINE, "the bot never registered its commands");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    // SIGTERM, as a service manager would send it.
    let status = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().unwrap();
    assert!(status.success());
    let start = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        if start.elapsed() > support::DEADLINE {
            let _ = child.kill();
            panic!("the bot did not stop on SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(exit.success(), "clean exit on SIGTERM ({exit}):\n{text}");
    assert!(text.contains("shutting down"), "{text}");
    assert!(text.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()), "json logs:\n{text}");
    assert!(!text.contains(token) && !text.contains("secret-token"), "the token is never logged");
}
