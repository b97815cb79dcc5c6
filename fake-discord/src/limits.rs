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

// <https://discord.com/developers/docs/components/reference#text-input>
pub const TEXT_INPUT_LABEL_MAX: usize = 45;
pub const TEXT_INPUT_PLACEHOLDER_MAX: usize = 100;
/// The most `min_length`, `max_length` and `value` may be.
pub const TEXT_INPUT_LENGTH_MAX: u64 = 4000;

// <https://discord.com/developers/docs/resources/message#create-message-jsonform-params>
pub const NONCE_MAX: usize = 25;

/// Component types. <https://discord.com/developers/docs/components/reference#component-object-component-types>
mod component {
    pub const BUTTON: u64 = 2;
    pub const TEXT_INPUT: u64 = 4;
    /// String, user, role, mentionable and channel selects.
    pub const SELECTS: [u64; 5] = [3, 5, 6, 7, 8];
}

/// Button styles. <https://discord.com/developers/docs/components/reference#button-button-styles>
mod button_style {
    pub const LINK: u64 = 5;
    pub const PREMIUM: u64 = 6;
}

// <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-structure>
pub const COMMAND_NAME_MAX: usize = 32;
/// Option types that may carry `choices`: string, integer, number.
/// <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-type>
mod option_type {
    pub const SUB_COMMAND: u64 = 1;
    pub const SUB_COMMAND_GROUP: u64 = 2;
    pub const STRING: u64 = 3;
    pub const INTEGER: u64 = 4;
    pub const NUMBER: u64 = 10;
}
/// Discord's integer options hold -2^53..2^53.
const INTEGER_OPTION_BOUND: i64 = 1 << 53;

/// The locales Discord accepts as keys of `name_localizations` and `description_localizations`.
/// <https://discord.com/developers/docs/reference#locales>
pub const LOCALES: &[&str] = &[
    "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl", "pt-BR",
    "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
];
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

/// Checks a channel message's `nonce`: a string of at most 25 characters, or an integer.
pub fn check_nonce(body: &Value) -> Result<(), ApiError> {
    let mut errors = FormErrors::default();
    match body.get("nonce") {
        None | Some(Value::Null) | Some(Value::Number(_)) => {}
        Some(Value::String(nonce)) if nonce.chars().count() <= NONCE_MAX => {}
        Some(Value::String(_)) => {
            errors.push("nonce", "NONCE_TYPE_TOO_LONG", format!("Must be {NONCE_MAX} or fewer characters long."))
        }
        Some(_) => errors.push("nonce", "NONCE_TYPE_INVALID_TYPE", "This field must be a string or integer."),
    }
    errors.into_result()
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
    // A custom_id is unique within a message (or a modal), across its rows.
    let mut seen = std::collections::HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let row_path = format!("{path}.{i}.components");
        let children = row.get("components").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        if children.len() > COMPONENTS_PER_ROW_MAX {
            max_items(errors, &row_path, COMPONENTS_PER_ROW_MAX);
        }
        for (j, child) in children.iter().enumerate() {
            let at = |field: &str| format!("{row_path}.{j}.{field}");
            let kind = child.get("type").and_then(Value::as_u64).unwrap_or(0);
            let custom_id = child.get("custom_id").and_then(Value::as_str);
            let needs_custom_id = match kind {
                component::BUTTON => check_button(errors, &at, child),
                component::TEXT_INPUT => {
                    check_text_input(errors, &at, child);
                    true
                }
                kind => component::SELECTS.contains(&kind),
            };
            match custom_id {
                None if needs_custom_id => errors.push(at("custom_id"), "BASE_TYPE_REQUIRED", "This field is required"),
                Some("") if needs_custom_id => errors.push(
                    at("custom_id"),
                    "BASE_TYPE_BAD_LENGTH",
                    format!("Must be between 1 and {CUSTOM_ID_MAX} in length."),
                ),
                Some(id) => {
                    max_len(errors, &at("custom_id"), id, CUSTOM_ID_MAX);
                    if !seen.insert(id) {
                        errors.push(
                            at("custom_id"),
                            "COMPONENT_CUSTOM_ID_DUPLICATED",
                            "Component custom id cannot be duplicated",
                        );
                    }
                }
                None => {}
            }
            if kind == component::BUTTON {
                if let Some(label) = child.get("label").and_then(Value::as_str) {
                    max_len(errors, &at("label"), label, BUTTON_LABEL_MAX);
                }
            }
            if let Some(options) = child.get("options").and_then(Value::as_array) {
                if options.len() > SELECT_OPTIONS_MAX {
                    max_items(errors, &at("options"), SELECT_OPTIONS_MAX);
                }
            }
        }
    }
}

/// A button's fields must fit its style: a link button has a `url` and no `custom_id`, a
/// premium button a `sku_id` and neither, any other a `custom_id` and no `url`
/// (<https://discord.com/developers/docs/components/reference#button>). Answers whether the
/// button needs a `custom_id`.
fn check_button(errors: &mut FormErrors, at: &dyn Fn(&str) -> String, button: &Value) -> bool {
    let has = |field: &str| button.get(field).is_some_and(|v| !v.is_null());
    let style = button.get("style").and_then(Value::as_u64).unwrap_or(0);
    let not_allowed = |errors: &mut FormErrors, field: &str| {
        errors.push(
            at(field),
            "BUTTON_COMPONENT_FIELD_NOT_ALLOWED",
            format!("A button of style {style} cannot have a {field}"),
        )
    };
    match style {
        button_style::LINK => {
            if !has("url") {
                errors.push(at("url"), "BASE_TYPE_REQUIRED", "This field is required");
            }
            if has("custom_id") {
                not_allowed(errors, "custom_id");
            }
            false
        }
        button_style::PREMIUM => {
            if !has("sku_id") {
                errors.push(at("sku_id"), "BASE_TYPE_REQUIRED", "This field is required");
            }
            for field in ["custom_id", "url", "label", "emoji"] {
                if has(field) {
                    not_allowed(errors, field);
                }
            }
            false
        }
        1..=4 => {
            if has("url") {
                not_allowed(errors, "url");
            }
            true
        }
        _ => {
            errors.push(at("style"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6).");
            true
        }
    }
}

/// A text input's limits: label 1–45, placeholder 100, `min_length` 0–4000, `max_length`
/// 1–4000, `value` 4000 (<https://discord.com/developers/docs/components/reference#text-input>).
fn check_text_input(errors: &mut FormErrors, at: &dyn Fn(&str) -> String, input: &Value) {
    match input.get("label").and_then(Value::as_str) {
        Some(label) if (1..=TEXT_INPUT_LABEL_MAX).contains(&label.chars().count()) => {}
        Some(_) => errors.push(
            at("label"),
            "BASE_TYPE_BAD_LENGTH",
            format!("Must be between 1 and {TEXT_INPUT_LABEL_MAX} in length."),
        ),
        None => errors.push(at("label"), "BASE_TYPE_REQUIRED", "This field is required"),
    }
    if let Some(placeholder) = input.get("placeholder").and_then(Value::as_str) {
        max_len(errors, &at("placeholder"), placeholder, TEXT_INPUT_PLACEHOLDER_MAX);
    }
    if let Some(value) = input.get("value").and_then(Value::as_str) {
        max_len(errors, &at("value"), value, TEXT_INPUT_LENGTH_MAX as usize);
    }
    for (field, min) in [("min_length", 0), ("max_length", 1)] {
        if let Some(n) = input.get(field).and_then(Value::as_u64) {
            if n < min {
                errors.push(
                    at(field),
                    "NUMBER_TYPE_MIN",
                    format!("int value should be greater than or equal to {min}."),
                );
            } else if n > TEXT_INPUT_LENGTH_MAX {
                errors.push(
                    at(field),
                    "NUMBER_TYPE_MAX",
                    format!("int value should be less than or equal to {TEXT_INPUT_LENGTH_MAX}."),
                );
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
    check_typed_choices(errors, path, choices, max, None);
}

/// Choices, their values of the option's type (`None`: any of the three, as autocomplete).
fn check_typed_choices(errors: &mut FormErrors, path: &str, choices: &[Value], max: usize, kind: Option<u64>) {
    if choices.len() > max {
        max_items(errors, path, max);
    }
    for (i, choice) in choices.iter().enumerate() {
        if let Some(name) = choice.get("name").and_then(Value::as_str) {
            max_len(errors, &format!("{path}.{i}.name"), name, CHOICE_NAME_MAX);
        }
        let at = format!("{path}.{i}.value");
        let value = choice.get("value").unwrap_or(&Value::Null);
        if let Some(value) = value.as_str() {
            max_len(errors, &at, value, CHOICE_STRING_VALUE_MAX);
        }
        let fits = match kind {
            Some(option_type::STRING) => value.is_string(),
            Some(option_type::INTEGER) => {
                value.as_i64().is_some_and(|n| (-INTEGER_OPTION_BOUND..=INTEGER_OPTION_BOUND).contains(&n))
            }
            Some(option_type::NUMBER) => value.is_number(),
            _ => value.is_string() || value.is_number(),
        };
        if !fits {
            let expected = match kind {
                Some(option_type::STRING) => "a string",
                Some(option_type::INTEGER) => "an integer",
                Some(option_type::NUMBER) => "a number",
                _ => "a string or a number",
            };
            errors.push(
                at,
                "APPLICATION_COMMAND_OPTION_CHOICE_VALUE_INVALID",
                format!("Value {value} is not {expected}."),
            );
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
    let mut names = std::collections::HashSet::new();
    for (i, command) in commands.iter().enumerate() {
        let kind = command.get("type").and_then(Value::as_u64).unwrap_or(1);
        let slash = kind == 1;
        check_command_name(&mut errors, &format!("{i}.name"), command, slash);
        check_localizations(&mut errors, &format!("{i}"), command, slash);
        if slash {
            check_description(&mut errors, &format!("{i}"), command);
        }
        if let Some(name) = command.get("name").and_then(Value::as_str) {
            if !names.insert((kind, name)) {
                errors.push(
                    format!("{i}.name"),
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    format!("Application command names must be unique: {name}"),
                );
            }
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
    let mut names = std::collections::HashSet::new();
    let mut optional_seen = false;
    for (i, option) in options.iter().enumerate() {
        let at = format!("{path}.{i}");
        let kind = option.get("type").and_then(Value::as_u64).unwrap_or(0);
        check_command_name(errors, &format!("{at}.name"), option, true);
        check_localizations(errors, &at, option, true);
        check_description(errors, &at, option);
        if let Some(name) = option.get("name").and_then(Value::as_str) {
            if !names.insert(name) {
                errors.push(
                    format!("{at}.name"),
                    "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                    format!("Option name {name} is already used in these options"),
                );
            }
        }
        if kind != option_type::SUB_COMMAND && kind != option_type::SUB_COMMAND_GROUP {
            let required = option.get("required").and_then(Value::as_bool).unwrap_or(false);
            if required && optional_seen {
                errors.push(
                    format!("{at}.required"),
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                );
            }
            optional_seen |= !required;
        }
        // Serenity sends `"choices": []` on every option: only choices that exist count.
        if let Some(choices) = option.get("choices").and_then(Value::as_array).filter(|c| !c.is_empty()) {
            if [option_type::STRING, option_type::INTEGER, option_type::NUMBER].contains(&kind) {
                check_typed_choices(errors, &format!("{at}.choices"), choices, COMMAND_CHOICES_MAX, Some(kind));
            } else {
                errors.push(
                    format!("{at}.choices"),
                    "APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED",
                    format!("Options of type {kind} cannot have choices"),
                );
            }
        }
        if let Some(nested) = option.get("options").and_then(Value::as_array) {
            check_options(errors, &format!("{at}.options"), nested);
        }
    }
}

/// Whether `name` is a valid slash command or option name: 1–32 of letters, digits, `-`, `_`
/// and `'` (Devanagari and Thai signs too), lowercase where the letter has a case.
/// <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming>
fn is_slash_name(name: &str) -> bool {
    let allowed = |c: char| {
        c.is_alphanumeric()
            || matches!(c, '-' | '_' | '\'')
            || ('\u{0900}'..='\u{097F}').contains(&c)
            || ('\u{0E00}'..='\u{0E7F}').contains(&c)
    };
    (1..=COMMAND_NAME_MAX).contains(&name.chars().count()) && name.chars().all(allowed) && name.to_lowercase() == name
}

fn check_command_name(errors: &mut FormErrors, path: &str, item: &Value, slash: bool) {
    let name = item.get("name").and_then(Value::as_str).unwrap_or("");
    check_name_value(errors, path, name, slash);
}

fn check_name_value(errors: &mut FormErrors, path: &str, name: &str, slash: bool) {
    let len = name.chars().count();
    if len == 0 || len > COMMAND_NAME_MAX {
        errors.push(path, "BASE_TYPE_BAD_LENGTH", format!("Must be between 1 and {COMMAND_NAME_MAX} in length."));
    } else if slash && !is_slash_name(name) {
        errors.push(path, "APPLICATION_COMMAND_INVALID_NAME", format!("Command name is invalid: {name}"));
    }
}

/// `name_localizations` and `description_localizations`: keys are Discord locales, values
/// follow the rules of what they translate.
fn check_localizations(errors: &mut FormErrors, at: &str, item: &Value, slash: bool) {
    for field in ["name_localizations", "description_localizations"] {
        let Some(map) = item.get(field).and_then(Value::as_object) else { continue };
        for (locale, text) in map {
            let path = format!("{at}.{field}.{locale}");
            if !LOCALES.contains(&locale.as_str()) {
                errors.push(&path, "ENUM_TYPE_COERCE", format!("Value \"{locale}\" is not a valid enum value."));
                continue;
            }
            let text = text.as_str().unwrap_or("");
            if field == "name_localizations" {
                check_name_value(errors, &path, text, slash);
            } else if !(1..=COMMAND_DESCRIPTION_MAX).contains(&text.chars().count()) {
                errors.push(
                    &path,
                    "BASE_TYPE_BAD_LENGTH",
                    format!("Must be between 1 and {COMMAND_DESCRIPTION_MAX} in length."),
                );
            }
        }
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
        // Custom ids are unique in a message: row `r`'s buttons are `r.0`, `r.1`, …
        let row = |r: usize, n: usize| json!({ "type": 1, "components": (0..n).map(|i| button(&format!("{r}.{i}"))).collect::<Vec<_>>() });
        let ok = json!({ "components": (0..5).map(|r| row(r, 5)).collect::<Vec<_>>() });
        assert_eq!(check_message(&ok, "", MessageBody::Create), Ok(()));
        let rows = json!({ "components": (0..6).map(|r| row(r, 1)).collect::<Vec<_>>() });
        assert_eq!(form_paths(check_message(&rows, "", MessageBody::Create)), ["components"]);
        let wide = json!({ "components": [row(0, 6)] });
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

    fn refused_at(result: Result<(), ApiError>) -> Vec<(String, String)> {
        let error = result.expect_err("expected a refusal");
        assert_eq!((error.status, error.code), (400, 50035), "Invalid Form Body: {error:?}");
        let mut found = Vec::new();
        collect_codes(error.errors.as_ref().unwrap(), String::new(), &mut found);
        found
    }

    fn collect_codes(node: &Value, at: String, out: &mut Vec<(String, String)>) {
        for (key, child) in node.as_object().unwrap() {
            if key == "_errors" {
                for e in child.as_array().unwrap() {
                    out.push((at.clone(), e["code"].as_str().unwrap().to_owned()));
                }
            } else {
                let next = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
                collect_codes(child, next, out);
            }
        }
    }

    fn one(path: &str, code: &str) -> Vec<(String, String)> {
        vec![(path.to_owned(), code.to_owned())]
    }

    fn commands(value: Value) -> Result<(), ApiError> {
        check_commands(value.as_array().unwrap())
    }

    #[test]
    fn command_names_follow_discords_pattern() {
        for good in ["ask", "add-variant", "faq_show", "don't", "frage", "größe", "नमस्ते", "42"] {
            assert_eq!(commands(json!([{ "name": good, "description": "d" }])), Ok(()), "{good}");
        }
        for bad in ["ask me", "ask!", "a.b", "emoji😀", "Ask"] {
            let refused = refused_at(commands(json!([{ "name": bad, "description": "d" }])));
            assert_eq!(refused, one("0.name", "APPLICATION_COMMAND_INVALID_NAME"), "{bad}");
        }
        let option = json!([{ "name": "ask", "description": "d", "options": [
            { "type": 3, "name": "the question", "description": "d" }
        ] }]);
        assert_eq!(refused_at(commands(option)), one("0.options.0.name", "APPLICATION_COMMAND_INVALID_NAME"));
        // Context menus may have spaces and capitals.
        assert_eq!(commands(json!([{ "name": "Answer with FAQ", "type": 3 }])), Ok(()));
    }

    #[test]
    fn localizations_need_discord_locales_and_fit_their_limits() {
        let ok = json!([{ "name": "ask", "description": "d",
            "name_localizations": { "de": "frage", "pt-BR": "perguntar" },
            "description_localizations": { "de": "Stelle eine Frage", "es-419": "Pregunta" } }]);
        assert_eq!(commands(ok), Ok(()));
        let bad = json!([{ "name": "ask", "description": "d",
            "name_localizations": { "german": "frage", "fr": "Poser Question" },
            "description_localizations": { "de": "x".repeat(101), "es-ES": "" } }]);
        let mut refused = refused_at(commands(bad));
        refused.sort();
        assert_eq!(
            refused,
            [
                ("0.description_localizations.de".to_owned(), "BASE_TYPE_BAD_LENGTH".to_owned()),
                ("0.description_localizations.es-ES".to_owned(), "BASE_TYPE_BAD_LENGTH".to_owned()),
                ("0.name_localizations.fr".to_owned(), "APPLICATION_COMMAND_INVALID_NAME".to_owned()),
                ("0.name_localizations.german".to_owned(), "ENUM_TYPE_COERCE".to_owned()),
            ]
        );
        let option = json!([{ "name": "ask", "description": "d", "options": [
            { "type": 3, "name": "q", "description": "d", "description_localizations": { "xx": "d" } }
        ] }]);
        assert_eq!(refused_at(commands(option)), one("0.options.0.description_localizations.xx", "ENUM_TYPE_COERCE"));
    }

    #[test]
    fn required_options_come_first_and_names_are_unique() {
        let option =
            |name: &str, required: bool| json!({ "type": 3, "name": name, "description": "d", "required": required });
        let ok = json!([{ "name": "ask", "description": "d", "options": [option("a", true), option("b", false)] }]);
        assert_eq!(commands(ok), Ok(()));
        let late = json!([{ "name": "ask", "description": "d", "options": [option("a", false), option("b", true)] }]);
        assert_eq!(
            refused_at(commands(late)),
            one("0.options.1.required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID")
        );
        let twice = json!([{ "name": "ask", "description": "d", "options": [option("a", true), option("a", false)] }]);
        assert_eq!(
            refused_at(commands(twice)),
            one("0.options.1.name", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS")
        );
        // Subcommands may reuse their siblings' option names.
        let sub = |name: &str| json!({ "type": 1, "name": name, "description": "d", "options": [option("id", true)] });
        assert_eq!(
            commands(json!([{ "name": "faq", "description": "d", "options": [sub("list"), sub("show")] }])),
            Ok(())
        );
        let same = json!([{ "name": "ask", "description": "d" }, { "name": "ask", "description": "e" }]);
        assert_eq!(refused_at(commands(same)), one("1.name", "APPLICATION_COMMANDS_DUPLICATE_NAME"));
        let menu_and_slash = json!([{ "name": "ask", "description": "d" }, { "name": "ask", "type": 3 }]);
        assert_eq!(commands(menu_and_slash), Ok(()), "one name may serve two command types");
    }

    #[test]
    fn choice_values_have_their_options_type() {
        let with = |kind: u64, value: Value| {
            json!([{ "name": "pick", "description": "d", "options": [
                { "type": kind, "name": "v", "description": "d", "choices": [{ "name": "n", "value": value }] }
            ] }])
        };
        for (kind, value) in [(3, json!("daily")), (4, json!(7)), (10, json!(2.5)), (10, json!(3))] {
            assert_eq!(commands(with(kind, value.clone())), Ok(()), "type {kind} with {value}");
        }
        for (kind, value) in [(3, json!(1)), (4, json!("7")), (4, json!(2.5)), (4, json!(1u64 << 60)), (10, json!("x"))]
        {
            assert_eq!(
                refused_at(commands(with(kind, value.clone()))),
                one("0.options.0.choices.0.value", "APPLICATION_COMMAND_OPTION_CHOICE_VALUE_INVALID"),
                "type {kind} with {value}"
            );
        }
        assert_eq!(
            refused_at(commands(with(5, json!(true)))),
            one("0.options.0.choices", "APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED"),
            "a boolean option has no choices"
        );
    }

    fn message_with(buttons: Vec<Value>) -> Value {
        json!({ "components": [{ "type": 1, "components": buttons }] })
    }

    #[test]
    fn custom_ids_are_present_non_empty_and_unique_in_a_message() {
        let button = |id: Value| json!({ "type": 2, "style": 1, "label": "ok", "custom_id": id });
        let create = |body: &Value| check_message(body, "", MessageBody::Create);
        assert_eq!(create(&message_with(vec![button(json!("a")), button(json!("b"))])), Ok(()));
        assert_eq!(
            refused_at(create(&message_with(vec![button(json!(""))]))),
            one("components.0.components.0.custom_id", "BASE_TYPE_BAD_LENGTH")
        );
        assert_eq!(
            refused_at(create(&message_with(vec![json!({ "type": 2, "style": 2, "label": "ok" })]))),
            one("components.0.components.0.custom_id", "BASE_TYPE_REQUIRED")
        );
        let across_rows = json!({ "components": [
            { "type": 1, "components": [button(json!("same"))] },
            { "type": 1, "components": [button(json!("same"))] },
        ] });
        assert_eq!(
            refused_at(create(&across_rows)),
            one("components.1.components.0.custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED")
        );
        let select = json!({ "type": 3, "custom_id": "", "options": [] });
        assert_eq!(
            refused_at(create(&message_with(vec![select]))),
            one("components.0.components.0.custom_id", "BASE_TYPE_BAD_LENGTH")
        );
    }

    #[test]
    fn a_buttons_fields_fit_its_style() {
        let create = |button: Value| check_message(&message_with(vec![button]), "", MessageBody::Create);
        let at = |field: &str| format!("components.0.components.0.{field}");
        assert_eq!(create(json!({ "type": 2, "style": 5, "label": "docs", "url": "https://example.com" })), Ok(()));
        assert_eq!(
            refused_at(create(json!({ "type": 2, "style": 5, "label": "docs" }))),
            one(&at("url"), "BASE_TYPE_REQUIRED")
        );
        assert_eq!(
            refused_at(create(
                json!({ "type": 2, "style": 5, "label": "d", "url": "https://e.com", "custom_id": "x" })
            )),
            one(&at("custom_id"), "BUTTON_COMPONENT_FIELD_NOT_ALLOWED")
        );
        assert_eq!(
            refused_at(create(
                json!({ "type": 2, "style": 1, "label": "d", "url": "https://e.com", "custom_id": "x" })
            )),
            one(&at("url"), "BUTTON_COMPONENT_FIELD_NOT_ALLOWED")
        );
        assert_eq!(create(json!({ "type": 2, "style": 6, "sku_id": "1" })), Ok(()));
        assert_eq!(
            refused_at(create(json!({ "type": 2, "style": 6, "sku_id": "1", "label": "buy" }))),
            one(&at("label"), "BUTTON_COMPONENT_FIELD_NOT_ALLOWED")
        );
        assert_eq!(
            refused_at(create(json!({ "type": 2, "style": 9, "custom_id": "x" }))),
            one(&at("style"), "BASE_TYPE_CHOICES")
        );
    }

    #[test]
    fn text_inputs_keep_their_limits() {
        let input = |extra: Value| {
            let mut input = json!({ "type": 4, "style": 2, "custom_id": "text", "label": "Announcement" });
            for (k, v) in extra.as_object().unwrap() {
                input[k] = v.clone();
            }
            json!({ "custom_id": "form", "title": "New", "components": [{ "type": 1, "components": [input] }] })
        };
        let at = |field: &str| format!("data.components.0.components.0.{field}");
        let ok = input(json!({ "placeholder": "p".repeat(100), "max_length": 4000, "min_length": 0, "value": "v" }));
        assert_eq!(check_modal(&ok), Ok(()));
        let cases = [
            (json!({ "label": "l".repeat(46) }), "label", "BASE_TYPE_BAD_LENGTH"),
            (json!({ "label": "" }), "label", "BASE_TYPE_BAD_LENGTH"),
            (json!({ "placeholder": "p".repeat(101) }), "placeholder", "BASE_TYPE_MAX_LENGTH"),
            (json!({ "max_length": 4001 }), "max_length", "NUMBER_TYPE_MAX"),
            (json!({ "max_length": 0 }), "max_length", "NUMBER_TYPE_MIN"),
            (json!({ "min_length": 4001 }), "min_length", "NUMBER_TYPE_MAX"),
            (json!({ "value": "v".repeat(4001) }), "value", "BASE_TYPE_MAX_LENGTH"),
            (json!({ "custom_id": "" }), "custom_id", "BASE_TYPE_BAD_LENGTH"),
        ];
        for (extra, field, code) in cases {
            assert_eq!(refused_at(check_modal(&input(extra.clone()))), one(&at(field), code), "{extra}");
        }
    }

    #[test]
    fn a_nonce_has_at_most_25_characters() {
        for ok in [json!({}), json!({ "nonce": "n".repeat(25) }), json!({ "nonce": 12345 })] {
            assert_eq!(check_nonce(&ok), Ok(()), "{ok}");
        }
        assert_eq!(refused_at(check_nonce(&json!({ "nonce": "n".repeat(26) }))), one("nonce", "NONCE_TYPE_TOO_LONG"));
        assert_eq!(refused_at(check_nonce(&json!({ "nonce": ["x"] }))), one("nonce", "NONCE_TYPE_INVALID_TYPE"));
    }
}
