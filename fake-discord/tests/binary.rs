//! The `fake-discord` binary as a harness runs it: the first stdout line names the URL, and
//! SIGTERM stops it cleanly.

#![cfg(unix)] // sends SIGTERM with kill(1)

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn prints_its_url_first_serves_and_exits_cleanly_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-discord"))
        .args(["--listen", "127.0.0.1:0", "--interaction-timeout-ms", "500"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first_line).unwrap();
    let base = first_line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first_line:?}"))
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let world: serde_json::Value = runtime.block_on(async {
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let response = client.get(format!("{base}/_fake/world")).send().await.unwrap();
        response.json().await.unwrap()
    });
    assert_eq!(world["guild_id"], "2000");

    let terminated = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(terminated.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "expected a clean exit on SIGTERM, got {status}");
}
