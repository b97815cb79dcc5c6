//! Discord's limits on what a bot sends, and the checks that refuse what Discord refuses.
//!
//! Each check walks a request body as JSON and collects every violation, like Discord's
//! "Invalid Form Body" answer does. Lengths count characters (Unicode scalar values).

use serde_json::Value;

use crate::error::{ApiError, FormErrors};

// <https://discord.com/developers/docs/resources/message#create-message-jsonform-params>
pub const MESSAGE_CONTENT_MAX: usize = 2000;
pub const EMBEDS_PER_MESSAGE_MAX: usize = 10;

// <https://discord.com/developers/docs/resources/message#embed-object-embed-limits>
pub const EMBED_TITLE_MAX: usize = 256;
pub const EMBED_DESCRIPTION_MAX: usize = 4096;
pub const EMBED_FIELDS_MAX: usize = 25;
pub const EMBED_FIELD_NAME_MAX: usize = 256;
pub const EMBED_FIELD_VALUE_MAX: usize = 1024;
pub const EMBED_FOOTER_TEXT_MAX: usize = 2048;
pub const EMBED_AUTHOR_NAME_MAX: usize = 256;
/// Summed over every embed of one message.
pub const EMBED_TOTAL_MAX: usize = 6000;

// <https://discord.com/developers/docs/components/reference#action-row>
pub const ACTION_ROWS_MAX: usize = 5;
pub const COMPONENTS_PER_ROW_MAX: usize = 5;
// <https://discord.com/developers/docs/components/reference#anatomy-of-a-component-custom-id>
pub const CUSTOM_ID_MAX: usize = 100;
// <https://discord.com/developers/docs/components/reference#button>
pub const BUTTON_LABEL_MAX: usize = 80;
// <https://discord.com/developers/docs/components/reference#string-select>
pub const SELECT_OPTIONS_MAX: usize = 25;

// <https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete>
pub const AUTOCOMPLETE_CHOICES_MAX: usize = 25;
// <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure>
pub const CHOICE_NAME_MAX: usize = 100;
pub const CHOICE_STRING_VALUE_MAX: usize = 100;

// <https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal>
pub const MODAL_TITLE_MAX: usize = 45;

// <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-structure>
pub const COMMAND_NAME_MAX: usize = 32;
pub const COMMAND_DESCRIPTION_MAX: usize = 100;
pub const COMMAND_OPTIONS_MAX: usize = 25;
pub const COMMAND_CHOICES_MAX: usize = 25;

// <https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction>
/// How long after an interaction its initial response is still accepted, unless configured.
pub const INTERACTION_RESPONSE_DEADLINE_MS: u64 = 3000;
/// How long an interaction token stays valid for follow-ups and edits.
pub const INTERACTION_TOKEN_LIFETIME_SECS: u64 = 15 * 60;

/// Whether a message body creates a message (which must not be empty) or edits one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageBody {
    Create,
    Edit,
}

/// Checks a message body (channel message, interaction response data, follow-up or edit).
/// `prefix` is where the body sits in the request (`"data."` in an interaction callback).
pub fn check_message(body: &Value, prefix: &str, kind: MessageBody) -> Result<(), ApiError> {
    let mut errors = FormErrors::default();
    if let Some(content) = body.get("content").and_then(Value::as_str) {
        max_len(&mut errors, &format!("{prefix}content"), content, MESSAGE_CONTENT_MAX);
    }
    if let Some(embeds) = body.get("embeds").and_then(Value::as_array) {
        check_embeds(&mut errors, &format!("{prefix}embeds"), embeds);
    }
    if let Some(rows) = body.get("components").and_then(Value::as_array) {
        check_components(&mut errors, &format!("{prefix}components"), rows);
    }
    errors.into_result()?;
    if kind == MessageBody::Create && is_empty_message(body) {
        return Err(ApiError::empty_message());
    }
    Ok(())
}

fn is_empty_message(body: &Value) -> bool {
    let present = |key: &&str| match body.get(*key) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(_)) => true, // a poll
        _ => false,
    };
    !["content", "embeds", "components", "sticker_ids", "attachments", "poll"].iter().any(present)
}

fn check_embeds(errors: &mut FormErrors, path: &str, embeds: &[Value]) {
    if embeds.len() > EMBEDS_PER_MESSAGE_MAX {
        max_items(errors, path, EMBEDS_PER_MESSAGE_MAX);
    }
    let mut total = 0;
    for (i, embed) in embeds.iter().enumerate() {
        let at = |field: &str| format!("{path}.{i}.{field}");
        let mut text = |errors: &mut FormErrors, field_path: String, value: Option<&Value>, max| {
            if let Some(s) = value.and_then(Value::as_str) {
                total += s.chars().count();
                max_len(errors, &field_path, s, max);
            }
        };
        text(errors, at("title"), embed.get("title"), EMBED_TITLE_MAX);
        text(errors, at("description"), embed.get("description"), EMBED_DESCRIPTION_MAX);
        text(errors, at("footer.text"), embed.pointer("/footer/text"), EMBED_FOOTER_TEXT_MAX);
        text(errors, at("author.name"), embed.pointer("/author/name"), EMBED_AUTHOR_NAME_MAX);
        let fields = embed.get("fields").and_then(Value::as_array);
        if let Some(fields) = fields {
            if fields.len() > EMBED_FIELDS_MAX {
                max_items(errors, &at("fields"), EMBED_FIELDS_MAX);
            }
            for (j, field) in fields.iter().enumerate() {
                let name = format!("{path}.{i}.fields.{j}.name");
                let value = format!("{path}.{i}.fields.{j}.value");
                text(errors, name, field.get("name"), EMBED_FIELD_NAME_MAX);
                text(errors, value, field.get("value"), EMBED_FIELD_VALUE_MAX);
            }
        }
    }
    if total > EMBED_TOTAL_MAX {
        errors.push(path, "MAX_EMBED_SIZE_EXCEEDED", format!("Embed size exceeds maximum size of {EMBED_TOTAL_MAX}"));
    }
}

fn check_components(errors: &mut FormErrors, path: &str, rows: &[Value]) {
    if rows.len() > ACTION_ROWS_MAX {
        max_items(errors, path, ACTION_ROWS_MAX);
    }
    for (i, row) in rows.iter().enumerate() {
        let row_path = format!("{path}.{i}.components");
        let children = row.get("components").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        if children.len() > COMPONENTS_PER_ROW_MAX {
            max_items(errors, &row_path, COMPONENTS_PER_ROW_MAX);
        }
        for (j, child) in children.iter().enumerate() {
            let at = |field: &str| format!("{row_path}.{j}.{field}");
            if let Some(id) = child.get("custom_id").and_then(Value::as_str) {
                max_len(errors, &at("custom_id"), id, CUSTOM_ID_MAX);
            }
            if let Some(label) = child.get("label").and_then(Value::as_str) {
                max_len(errors, &at("label"), label, BUTTON_LABEL_MAX);
            }
            if let Some(options) = child.get("options").and_then(Value::as_array) {
                if options.len() > SELECT_OPTIONS_MAX {
                    max_items(errors, &at("options"), SELECT_OPTIONS_MAX);
                }
            }
        }
    }
}

/// Checks the `data` of an autocomplete result (callback type 8).
pub fn check_autocomplete(data: &Value) -> Result<(), ApiError> {
    let mut errors = FormErrors::default();
    let choices = data.get("choices").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    check_choices(&mut errors, "data.choices", choices, AUTOCOMPLETE_CHOICES_MAX);
    errors.into_result()
}

fn check_choices(errors: &mut FormErrors, path: &str, choices: &[Value], max: usize) {
    if choices.len() > max {
        max_items(errors, path, max);
    }
    for (i, choice) in choices.iter().enumerate() {
        if let Some(name) = choice.get("name").and_then(Value::as_str) {
            max_len(errors, &format!("{path}.{i}.name"), name, CHOICE_NAME_MAX);
        }
        if let Some(value) = choice.get("value").and_then(Value::as_str) {
            let at = format!("{path}.{i}.value");
            max_len(errors, &at, value, CHOICE_STRING_VALUE_MAX);
        }
    }
}

/// Checks the `data` of a modal response (callback type 9).
pub fn check_modal(data: &Value) -> Result<(), ApiError> {
    let mut errors = FormErrors::default();
    if let Some(id) = data.get("custom_id").and_then(Value::as_str) {
        max_len(&mut errors, "data.custom_id", id, CUSTOM_ID_MAX);
    }
    if let Some(title) = data.get("title").and_then(Value::as_str) {
        max_len(&mut errors, "data.title", title, MODAL_TITLE_MAX);
    }
    let rows = data.get("components").and_then(Value::as_array);
    match rows {
        Some(rows) if !rows.is_empty() => check_components(&mut errors, "data.components", rows),
        _ => errors.push(
            "data.components",
            "BASE_TYPE_BAD_LENGTH",
            format!("Must be between 1 and {ACTION_ROWS_MAX} in length."),
        ),
    }
    errors.into_result()
}

/// Checks a bulk overwrite of application commands (a JSON array of commands).
pub fn check_commands(commands: &[Value]) -> Result<(), ApiError> {
    let mut errors = FormErrors::default();
    for (i, command) in commands.iter().enumerate() {
        let kind = command.get("type").and_then(Value::as_u64).unwrap_or(1);
        check_command_name(&mut errors, &format!("{i}.name"), command, kind == 1);
        if kind == 1 {
            check_description(&mut errors, &format!("{i}"), command);
        }
        if let Some(options) = command.get("options").and_then(Value::as_array) {
            check_options(&mut errors, &format!("{i}.options"), options);
        }
    }
    errors.into_result()
}

fn check_options(errors: &mut FormErrors, path: &str, options: &[Value]) {
    if options.len() > COMMAND_OPTIONS_MAX {
        max_items(errors, path, COMMAND_OPTIONS_MAX);
    }
    for (i, option) in options.iter().enumerate() {
        let at = format!("{path}.{i}");
        check_command_name(errors, &format!("{at}.name"), option, true);
        check_description(errors, &at, option);
        if let Some(choices) = option.get("choices").and_then(Value::as_array) {
            check_choices(errors, &format!("{at}.choices"), choices, COMMAND_CHOICES_MAX);
        }
        if let Some(nested) = option.get("options").and_then(Value::as_array) {
            check_options(errors, &format!("{at}.options"), nested);
        }
    }
}

fn check_command_name(errors: &mut FormErrors, path: &str, item: &Value, lowercase: bool) {
    let name = item.get("name").and_then(Value::as_str).unwrap_or("");
    let len = name.chars().count();
    if len == 0 || len > COMMAND_NAME_MAX {
        errors.push(path, "BASE_TYPE_BAD_LENGTH", format!("Must be between 1 and {COMMAND_NAME_MAX} in length."));
    } else if lowercase && name.to_lowercase() != name {
        errors.push(path, "APPLICATION_COMMAND_INVALID_NAME", format!("Command name is invalid: {name}"));
    }
}

fn check_description(errors: &mut FormErrors, at: &str, item: &Value) {
    let description = item.get("description").and_then(Value::as_str).unwrap_or("");
    let len = description.chars().count();
    if len == 0 || len > COMMAND_DESCRIPTION_MAX {
        errors.push(
            format!("{at}.description"),
            "BASE_TYPE_BAD_LENGTH",
            format!("Must be between 1 and {COMMAND_DESCRIPTION_MAX} in length."),
        );
    }
}

fn max_len(errors: &mut FormErrors, path: &str, text: &str, max: usize) {
    if text.chars().count() > max {
        errors.push(path, "BASE_TYPE_MAX_LENGTH", format!("Must be {max} or fewer in length."));
    }
}

fn max_items(errors: &mut FormErrors, path: &str, max: usize) {
    errors.push(path, "BASE_TYPE_MAX_LENGTH", format!("Must be {max} or fewer in length."));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn form_paths(result: Result<(), ApiError>) -> Vec<String> {
        let error = result.expect_err("expected a refusal");
        assert_eq!(error.code, 50035, "expected Invalid Form Body, got {error:?}");
        let mut paths = Vec::new();
        collect_paths(error.errors.as_ref().unwrap(), String::new(), &mut paths);
        paths
    }

    fn collect_paths(node: &Value, at: String, out: &mut Vec<String>) {
        for (key, child) in node.as_object().unwrap() {
            if key == "_errors" {
                out.push(at.clone());
            } else {
                let next = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
                collect_paths(child, next, out);
            }
        }
    }

    #[test]
    fn content_of_2000_is_accepted_and_2001_refused() {
        let ok = json!({ "content": "é".repeat(MESSAGE_CONTENT_MAX) });
        assert_eq!(check_message(&ok, "", MessageBody::Create), Ok(()));
        let long = json!({ "content": "a".repeat(MESSAGE_CONTENT_MAX + 1) });
        assert_eq!(form_paths(check_message(&long, "data.", MessageBody::Create)), ["data.content"]);
    }

    #[test]
    fn empty_message_is_refused_on_create_only() {
        let empty = json!({ "content": "", "embeds": [] });
        let error = check_message(&empty, "", MessageBody::Create).unwrap_err();
        assert_eq!(error.code, 50006);
        assert_eq!(check_message(&empty, "", MessageBody::Edit), Ok(()));
    }

    #[test]
    fn embed_limits() {
        let cases = [
            (json!({ "title": "t".repeat(257) }), "embeds.0.title"),
            (json!({ "description": "d".repeat(4097) }), "embeds.0.description"),
            (json!({ "footer": { "text": "f".repeat(2049) } }), "embeds.0.footer.text"),
            (json!({ "author": { "name": "a".repeat(257) } }), "embeds.0.author.name"),
            (json!({ "fields": [{ "name": "n".repeat(257), "value": "v" }] }), "embeds.0.fields.0.name"),
            (json!({ "fields": [{ "name": "n", "value": "v".repeat(1025) }] }), "embeds.0.fields.0.value"),
            (json!({ "fields": vec![json!({ "name": "n", "value": "v" }); 26] }), "embeds.0.fields"),
        ];
        for (embed, path) in cases {
            let body = json!({ "embeds": [embed] });
            assert_eq!(form_paths(check_message(&body, "", MessageBody::Create)), [path], "for {body}");
        }
        let at_limits = json!({ "embeds": [{
            "title": "t".repeat(256), "description": "d".repeat(4096),
            "fields": vec![json!({ "name": "n", "value": "v" }); 25],
        }] });
        assert_eq!(check_message(&at_limits, "", MessageBody::Create), Ok(()));
    }

    #[test]
    fn embeds_total_and_count_are_limited() {
        let big = json!({ "description": "d".repeat(3001) });
        let body = json!({ "embeds": [big.clone(), big] });
        assert_eq!(form_paths(check_message(&body, "", MessageBody::Create)), ["embeds"]);
        let many = json!({ "embeds": vec![json!({ "title": "t" }); 11] });
        assert_eq!(form_paths(check_message(&many, "", MessageBody::Create)), ["embeds"]);
    }

    #[test]
    fn component_limits() {
        let button = |id: &str| json!({ "type": 2, "style": 1, "label": "ok", "custom_id": id });
        let row = |n: usize| json!({ "type": 1, "components": vec![button("b"); n] });
        let ok = json!({ "components": vec![row(5); 5] });
        assert_eq!(check_message(&ok, "", MessageBody::Create), Ok(()));
        let rows = json!({ "components": vec![row(1); 6] });
        assert_eq!(form_paths(check_message(&rows, "", MessageBody::Create)), ["components"]);
        let wide = json!({ "components": [row(6)] });
        assert_eq!(form_paths(check_message(&wide, "", MessageBody::Create)), ["components.0.components"]);
        let long_id = json!({ "components": [{ "type": 1, "components": [button(&"x".repeat(101))] }] });
        assert_eq!(
            form_paths(check_message(&long_id, "", MessageBody::Create)),
            ["components.0.components.0.custom_id"]
        );
    }

    #[test]
    fn autocomplete_limits() {
        let choice = |name: String| json!({ "name": name, "value": "v" });
        let ok = json!({ "choices": vec![choice("n".repeat(100)); 25] });
        assert_eq!(check_autocomplete(&ok), Ok(()));
        let many = json!({ "choices": vec![choice("n".into()); 26] });
        assert_eq!(form_paths(check_autocomplete(&many)), ["data.choices"]);
        let long = json!({ "choices": [choice("n".repeat(101))] });
        assert_eq!(form_paths(check_autocomplete(&long)), ["data.choices.0.name"]);
    }

    #[test]
    fn command_limits() {
        let ok = json!([{ "name": "ask", "description": "Ask a question", "options": [
            { "type": 3, "name": "question", "description": "What to ask" }
        ] }]);
        assert_eq!(check_commands(ok.as_array().unwrap()), Ok(()));
        let bad = json!([
            { "name": "Ask", "description": "d" },
            { "name": "faq", "description": "x".repeat(101) },
            { "name": "Pin message", "type": 3 },
        ]);
        assert_eq!(form_paths(check_commands(bad.as_array().unwrap())), ["0.name", "1.description"]);
    }
}
