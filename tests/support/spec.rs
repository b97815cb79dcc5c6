//! Discord's published OpenAPI description (`../shared/discord-api-spec/openapi.json`), to hold
//! every request body the end-to-end tests record to the schema of its operation.
//!
//! The spec folder's README lists where the spec and Discord disagree; those quirks are
//! allowed here, each where it is patched into the loaded document ([`Spec::load`]):
//! - `default_member_permissions` is sent as a string (the spec says integer);
//! - an attachment's `id` may be `0` beside a new upload (serenity numbers new files from 0,
//!   as integers);
//! - `oneOf` unions whose branches overlap are read as `anyOf`;
//! - the spec allows 4000 characters of message content where bots get 2000 (the fake holds
//!   that limit itself).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{json, Value};

/// Where the spec is: beside the repository, as `../shared/` is for the other shared data.
pub fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/discord-api-spec/openapi.json")
}

/// The prefix of every REST path the bot calls.
const API_PREFIX: &str = "/api/v10";

/// A compiled request-body schema; `None`: the operation takes no body.
type BodySchema = Option<Arc<jsonschema::Validator>>;

pub struct Spec {
    document: Value,
    /// By (method, path template), compiled when first needed.
    validators: Mutex<HashMap<(String, String), BodySchema>>,
}

/// The spec, loaded once per test binary; `None` (with a note on stderr) when it is not there.
pub fn spec() -> Option<&'static Spec> {
    static SPEC: OnceLock<Option<Spec>> = OnceLock::new();
    SPEC.get_or_init(|| match std::fs::read_to_string(spec_path()) {
        Ok(text) => Some(Spec::load(serde_json::from_str(&text).expect("the spec is JSON"))),
        Err(error) => {
            eprintln!(
                "skipped: request bodies are not checked against Discord's spec ({}: {error})",
                spec_path().display()
            );
            None
        }
    })
    .as_ref()
}

impl Spec {
    /// The spec with the documented quirks patched in (see the module's notes).
    pub fn load(mut document: Value) -> Spec {
        allow_quirks(&mut document);
        // New uploads are referred to by their index: serenity sends `"id": 0` (an integer)
        // for the first file, which Discord takes; the spec wants a snowflake string.
        if let Some(id) = document.pointer_mut("/components/schemas/MessageAttachmentRequest/properties/id") {
            let spec = id.take();
            *id = json!({ "anyOf": [spec, { "type": "integer", "minimum": 0 }] });
        }
        Spec { document, validators: Mutex::new(HashMap::new()) }
    }

    /// What is wrong with one recorded request (`{"method", "path", "body", ...}` as the fake
    /// lists them), in words; empty when it fits the spec.
    pub fn violations(&self, request: &Value) -> Vec<String> {
        let method = request["method"].as_str().unwrap_or_default().to_ascii_lowercase();
        let path = request["path"].as_str().unwrap_or_default();
        let body = &request["body"];
        let Some(route) = path.strip_prefix(API_PREFIX) else {
            return vec![format!("{method} {path}: not under {API_PREFIX}")];
        };
        let Some(template) = self.template(&method, route) else {
            return vec![format!("{method} {route}: no such operation in Discord's spec")];
        };
        let Some(validator) = self.validator(&method, &template) else {
            return if body.is_null() {
                Vec::new()
            } else {
                vec![format!("{method} {template}: the spec takes no body")]
            };
        };
        if body.is_null() {
            return Vec::new();
        }
        validator
            .iter_errors(body)
            .map(|error| format!("{method} {template}: at {}: {error}", error.instance_path()))
            .collect()
    }

    /// The operation's path template that `route` matches (`/channels/{channel_id}/messages`),
    /// preferring literal segments (`@original`) over parameters.
    fn template(&self, method: &str, route: &str) -> Option<String> {
        let segments: Vec<&str> = route.split('/').filter(|s| !s.is_empty()).collect();
        let paths = self.document["paths"].as_object()?;
        paths
            .iter()
            .filter(|(_, item)| item.get(method).is_some())
            .filter_map(|(template, _)| {
                let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
                if parts.len() != segments.len() {
                    return None;
                }
                let mut literal = 0;
                for (part, segment) in parts.iter().zip(&segments) {
                    if part.starts_with('{') && part.ends_with('}') {
                        continue;
                    }
                    if part != segment {
                        return None;
                    }
                    literal += 1;
                }
                Some((literal, template.clone()))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, template)| template)
    }

    fn validator(&self, method: &str, template: &str) -> BodySchema {
        let key = (method.to_owned(), template.to_owned());
        let mut validators = self.validators.lock().unwrap_or_else(|p| p.into_inner());
        validators
            .entry(key)
            .or_insert_with(|| {
                let content = &self.document["paths"][template][method]["requestBody"]["content"];
                // A multipart body is recorded as its payload_json, which has the JSON body's schema.
                let schema = ["application/json", "multipart/form-data"]
                    .iter()
                    .map(|kind| &content[kind]["schema"])
                    .find(|schema| !schema.is_null())?;
                // The schema's `#/components/...` references resolve inside this one document.
                let root = json!({
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "$ref": "#/$defs/body",
                    "$defs": { "body": schema },
                    "components": self.document["components"],
                });
                let validator = jsonschema::draft202012::new(&root)
                    .unwrap_or_else(|e| panic!("the spec's schema for {method} {template} compiles: {e}"));
                Some(Arc::new(validator))
            })
            .clone()
    }
}

/// Patches the documented differences between the spec and Discord into the document.
fn allow_quirks(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if let Some(branches) = map.remove("oneOf") {
                map.insert("anyOf".to_owned(), branches);
            }
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                if let Some(permissions) = properties.get_mut("default_member_permissions") {
                    let spec = permissions.take();
                    *permissions = json!({ "anyOf": [spec, { "type": "string", "pattern": "^[0-9]+$" }] });
                }
            }
            for child in map.values_mut() {
                allow_quirks(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(allow_quirks),
        _ => {}
    }
}

/// Every violation among `requests`, one line each, with the body that broke the rule.
pub fn check(requests: &[Value]) -> Result<(), String> {
    let Some(spec) = spec() else { return Ok(()) };
    let mut report = Vec::new();
    for request in requests {
        let violations = spec.violations(request);
        if !violations.is_empty() {
            report.push(format!("{}\n  body: {}", violations.join("\n"), request["body"]));
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(report.join("\n"))
    }
}
