//! The check every end-to-end test's requests go through when its harness is dropped
//! (`tests/support/spec.rs`), on bodies made to pass and to break it.

use serde_json::{json, Value};

use crate::support::spec;

fn request(method: &str, path: &str, body: Value) -> Value {
    json!({ "method": method, "path": path, "body": body, "status": 200 })
}

/// The violations of one request, or `None` when the spec is not beside the repository.
fn violations(method: &str, path: &str, body: Value) -> Option<Vec<String>> {
    Some(spec::spec()?.violations(&request(method, path, body)))
}

const CALLBACK: &str = "/api/v10/interactions/1234/tok-en/callback";

#[test]
fn what_discord_takes_passes() {
    let Some(found) = violations(
        "POST",
        CALLBACK,
        json!({ "type": 4, "data": { "content": "hi", "flags": 64, "allowed_mentions": { "parse": [] } } }),
    ) else {
        return;
    };
    assert_eq!(found, Vec::<String>::new());
    let none = violations("GET", "/api/v10/gateway/bot", Value::Null).unwrap();
    assert!(none.is_empty(), "{none:?}");
    let edit = violations("PATCH", "/api/v10/webhooks/1000/tok-en/messages/@original", json!({ "content": "done" }));
    assert_eq!(edit.unwrap(), Vec::<String>::new(), "@original is matched as the literal it is");
}

#[test]
fn what_discord_refuses_is_named_with_its_operation() {
    let Some(found) = violations("POST", CALLBACK, json!({ "type": "four" })) else { return };
    assert!(
        found.iter().any(|v| v.contains("/interactions/{interaction_id}/{interaction_token}/callback")),
        "{found:?}"
    );
    let found = violations("POST", "/api/v10/channels/5000/messages", json!({ "content": 42 })).unwrap();
    assert!(!found.is_empty() && found[0].contains("/content"), "{found:?}");
    let found = violations("POST", "/api/v10/nowhere", json!({})).unwrap();
    assert!(found[0].contains("no such operation"), "{found:?}");
}

#[test]
fn the_documented_quirks_are_allowed_and_no_more() {
    let command = |permissions: Value| json!([{ "name": "faqadmin", "description": "d", "type": 1, "default_member_permissions": permissions }]);
    let path = "/api/v10/applications/1000/guilds/2000/commands";
    let Some(found) = violations("PUT", path, command(json!("32"))) else { return };
    assert_eq!(found, Vec::<String>::new(), "permissions as a string, as Discord takes them");
    let found = violations("PUT", path, command(json!("manage server"))).unwrap();
    assert!(!found.is_empty(), "but a string of digits only");
}

#[test]
fn a_new_upload_may_be_referred_to_by_its_index() {
    let body = |id: Value| json!({ "content": "chart", "attachments": [{ "id": id, "filename": "stats.png" }] });
    let path = "/api/v10/webhooks/1000/tok-en";
    let Some(found) = violations("POST", path, body(json!(0))) else { return };
    assert_eq!(found, Vec::<String>::new());
    assert!(!violations("POST", path, body(json!("x"))).unwrap().is_empty(), "not any id at all");
}
