//! Discord's error answers, in Discord's JSON shape.
//!
//! See <https://discord.com/developers/docs/topics/opcodes-and-status-codes#json>.

use serde_json::{json, Map, Value};

/// An error answer: an HTTP status and Discord's `{"code", "message", "errors"?}` body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: u32,
    pub message: String,
    /// The nested `errors` object of an "Invalid Form Body" answer.
    pub errors: Option<Value>,
}

impl ApiError {
    fn new(status: u16, code: u32, message: &str) -> Self {
        Self { status, code, message: message.to_owned(), errors: None }
    }

    pub fn unknown_route() -> Self {
        Self::new(404, 0, "Unknown route")
    }
    pub fn unknown_channel() -> Self {
        Self::new(404, 10003, "Unknown Channel")
    }
    pub fn unknown_message() -> Self {
        Self::new(404, 10008, "Unknown Message")
    }
    pub fn unknown_webhook() -> Self {
        Self::new(404, 10015, "Unknown Webhook")
    }
    pub fn unknown_interaction() -> Self {
        Self::new(404, 10062, "Unknown interaction")
    }
    pub fn not_the_author() -> Self {
        Self::new(403, 50005, "Cannot edit a message authored by another user")
    }
    pub fn already_crossposted() -> Self {
        Self::new(400, 40033, "This message has already been crossposted.")
    }
    pub fn already_acknowledged() -> Self {
        Self::new(400, 40060, "Interaction has already been acknowledged.")
    }
    pub fn empty_message() -> Self {
        Self::new(400, 50006, "Cannot send an empty message")
    }
    pub fn wrong_channel_type() -> Self {
        Self::new(400, 50024, "Cannot execute action on this channel type")
    }
    pub fn invalid_json() -> Self {
        Self::new(400, 50109, "The request body contains invalid JSON.")
    }
    pub fn invalid_form(errors: &FormErrors) -> Self {
        Self { errors: Some(errors.to_json()), ..Self::new(400, 50035, "Invalid Form Body") }
    }
    /// An error injected through `/_fake/fail` with a status that has no Discord meaning here.
    pub fn injected(status: u16) -> Self {
        Self::new(status, 0, "injected failure")
    }

    pub fn to_json(&self) -> Value {
        let mut body = json!({ "code": self.code, "message": self.message });
        if let Some(errors) = &self.errors {
            body["errors"] = errors.clone();
        }
        body
    }
}

/// Field errors of an "Invalid Form Body" answer, keyed by dotted path (`data.embeds.0.title`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormErrors(Vec<(String, &'static str, String)>);

impl FormErrors {
    pub fn push(&mut self, path: impl Into<String>, code: &'static str, message: impl Into<String>) {
        self.0.push((path.into(), code, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), ApiError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid_form(&self))
        }
    }

    /// Discord nests errors by path: `{"data": {"content": {"_errors": [{code, message}]}}}`.
    pub fn to_json(&self) -> Value {
        let mut root = Map::new();
        for (path, code, message) in &self.0 {
            let mut node = &mut root;
            for part in path.split('.').filter(|p| !p.is_empty()) {
                node = node
                    .entry(part)
                    .or_insert_with(|| Value::Object(Map::new()))
                    .as_object_mut()
                    .expect("error tree nodes are objects");
            }
            let errors = node.entry("_errors").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = errors {
                list.push(json!({ "code": code, "message": message }));
            }
        }
        Value::Object(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_errors_nest_by_path() {
        let mut errors = FormErrors::default();
        errors.push("data.content", "BASE_TYPE_MAX_LENGTH", "too long");
        let body = ApiError::invalid_form(&errors).to_json();
        assert_eq!(body["code"], 50035);
        assert_eq!(body["errors"]["data"]["content"]["_errors"][0]["code"], "BASE_TYPE_MAX_LENGTH");
    }
}
