//! Interactions sent through the control API: application commands (with the option
//! inference the README describes), autocomplete, components and modal submissions.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{default_locale, default_user, fail, known_user, place, ControlError, Id};
use crate::messages::id_of;
use crate::payloads::{self, interaction_kind, snowflake, InteractionEnvelope};
use crate::state::{by_id, created_interaction, random_hex, Dispatch, InteractionRecord, State};
use crate::world;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionRequest {
    /// `"ask"`, `"faq show"` (subcommand) or `"faq admin add"` (group and subcommand); a
    /// context-menu command's whole name when `target_message_id` is set.
    pub command: String,
    #[serde(default)]
    pub options: Map<String, Value>,
    #[serde(default = "default_user")]
    pub user_id: Id,
    /// Absent or null: the interaction happens in a DM.
    #[serde(default)]
    pub guild_id: Option<Id>,
    #[serde(default)]
    pub channel_id: Option<Id>,
    #[serde(default = "default_locale")]
    pub locale: String,
    /// `"command"` (default) or `"autocomplete"`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The option being typed, for autocomplete.
    #[serde(default)]
    pub focused: Option<String>,
    /// Makes this a message context-menu command on that stored message.
    #[serde(default)]
    pub target_message_id: Option<Id>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentRequest {
    pub message_id: Id,
    pub custom_id: String,
    #[serde(default = "default_user")]
    pub user_id: Id,
    /// Defaults to the message's channel.
    #[serde(default)]
    pub channel_id: Option<Id>,
    /// Defaults to the message's guild.
    #[serde(default)]
    pub guild_id: Option<Id>,
    /// Chosen values: makes this a string-select interaction instead of a button press.
    #[serde(default)]
    pub values: Option<Vec<Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalRequest {
    pub custom_id: String,
    #[serde(default)]
    pub fields: Map<String, Value>,
    #[serde(default = "default_user")]
    pub user_id: Id,
    #[serde(default)]
    pub guild_id: Option<Id>,
    #[serde(default)]
    pub channel_id: Option<Id>,
    /// The message whose component opened the modal, if any.
    #[serde(default)]
    pub message_id: Option<Id>,
    #[serde(default = "default_locale")]
    pub locale: String,
}
fn new_record(state: &mut State, kind: u8, guild: Option<u64>, channel: u64, now: Instant) -> InteractionRecord {
    InteractionRecord {
        id: state.next_id(),
        token: format!("fake{}{}", random_hex(), random_hex()),
        kind,
        channel_id: channel,
        guild_id: guild,
        message_id: None,
        created: now,
        response_type: None,
        original_message_id: None,
        followups: Vec::new(),
        autocomplete_choices: None,
        modal: None,
    }
}

/// Stores the interaction and dispatches INTERACTION_CREATE (interactions need no intent).
fn send_interaction(state: &mut State, record: InteractionRecord, payload: Value) -> Value {
    let answer = created_interaction(&record);
    state.emit(Dispatch {
        name: "INTERACTION_CREATE",
        guild_id: record.guild_id,
        data: payload,
        intent: None,
        without_content: None,
    });
    state.interactions.insert(record.id, record);
    answer
}

/// The `resolved` objects of an interaction, filled as options name world entities.
#[derive(Debug, Default)]
struct Resolved {
    users: BTreeMap<u64, Value>,
    members: BTreeMap<u64, Value>,
    roles: BTreeMap<u64, Value>,
    channels: BTreeMap<u64, Value>,
    messages: BTreeMap<u64, Value>,
}

impl Resolved {
    fn to_json(&self) -> Value {
        let mut v = Map::new();
        let maps = [
            ("users", &self.users),
            ("members", &self.members),
            ("roles", &self.roles),
            ("channels", &self.channels),
            ("messages", &self.messages),
        ];
        for (key, map) in maps {
            if !map.is_empty() {
                v.insert(key.into(), by_id(map.iter().map(|(k, v)| (*k, v.clone()))));
            }
        }
        Value::Object(v)
    }

    /// Fills in the entity an option of `kind` names, if the world has it.
    fn resolve(&mut self, kind: u8, id: u64, in_guild: bool) -> bool {
        match kind {
            option_kind::CHANNEL => world::channel(id).map(|c| {
                self.channels.insert(id, payloads::partial_channel(c));
            }),
            option_kind::ROLE => world::role(id).map(|r| {
                self.roles.insert(id, payloads::role(r));
            }),
            option_kind::USER => world::user(id).map(|u| {
                self.users.insert(id, payloads::user(&u));
                if in_guild {
                    self.members.insert(id, payloads::partial_member(&u));
                }
            }),
            option_kind::MENTIONABLE => {
                return self.resolve(option_kind::ROLE, id, in_guild) || self.resolve(option_kind::USER, id, in_guild)
            }
            _ => None,
        }
        .is_some()
    }
}

/// Option types, from <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-type>.
mod option_kind {
    pub const SUB_COMMAND: u8 = 1;
    pub const SUB_COMMAND_GROUP: u8 = 2;
    pub const STRING: u8 = 3;
    pub const INTEGER: u8 = 4;
    pub const BOOLEAN: u8 = 5;
    pub const USER: u8 = 6;
    pub const CHANNEL: u8 = 7;
    pub const ROLE: u8 = 8;
    pub const MENTIONABLE: u8 = 9;
    pub const NUMBER: u8 = 10;
}

/// The option types a name implies when its value is the id of a world entity.
fn entity_kind(name: &str) -> Option<u8> {
    match name {
        "channel" => Some(option_kind::CHANNEL),
        "role" => Some(option_kind::ROLE),
        "user" => Some(option_kind::USER),
        "ping" => Some(option_kind::MENTIONABLE),
        _ => None,
    }
}

/// Turns the control API's `{"name": value}` options into Discord's typed option list.
fn command_options(
    options: &Map<String, Value>,
    focused: Option<&str>,
    in_guild: bool,
    resolved: &mut Resolved,
) -> Result<Vec<Value>, ControlError> {
    let mut list = Vec::with_capacity(options.len());
    for (name, given) in options {
        let (kind, value) = match given {
            // An explicit `{"type": n, "value": v}` for what inference can't express.
            Value::Object(explicit) => {
                let kind = explicit.get("type").and_then(Value::as_u64).and_then(|k| u8::try_from(k).ok());
                let (Some(kind), Some(value)) = (kind, explicit.get("value")) else {
                    return fail(format!("option {name}: expected {{\"type\": n, \"value\": v}}"));
                };
                if let Some(id) = id_of(value) {
                    resolved.resolve(kind, id, in_guild);
                }
                (kind, value.clone())
            }
            Value::String(s) => {
                let entity =
                    entity_kind(name).zip(s.parse().ok()).filter(|(kind, id)| resolved.resolve(*kind, *id, in_guild));
                match entity {
                    Some((kind, _)) => (kind, given.clone()),
                    None => (option_kind::STRING, given.clone()),
                }
            }
            Value::Number(n) if n.is_i64() || n.is_u64() => (option_kind::INTEGER, given.clone()),
            Value::Number(_) => (option_kind::NUMBER, given.clone()),
            Value::Bool(_) => (option_kind::BOOLEAN, given.clone()),
            _ => return fail(format!("option {name}: unsupported value {given}")),
        };
        let mut option = json!({ "name": name, "type": kind, "value": value });
        if focused == Some(name.as_str()) {
            // What the user is typing is always text, whatever the option's type.
            let typed = match value {
                Value::String(s) => s,
                other => other.to_string(),
            };
            option["value"] = json!(typed);
            option["focused"] = json!(true);
        }
        list.push(option);
    }
    Ok(list)
}

/// `POST /_fake/interactions`: an application command or autocomplete interaction.
pub fn create_interaction(state: &mut State, request: InteractionRequest, now: Instant) -> Result<Value, ControlError> {
    let user = known_user(request.user_id)?;
    let (guild, channel) = place(request.guild_id, request.channel_id, user.id)?;
    let kind = match request.kind.as_deref() {
        None | Some("command") => interaction_kind::APPLICATION_COMMAND,
        Some("autocomplete") => interaction_kind::AUTOCOMPLETE,
        Some(other) => return fail(format!("unknown interaction type {other:?}: expected command or autocomplete")),
    };
    let focused = match (kind, request.focused.as_deref()) {
        (interaction_kind::AUTOCOMPLETE, None) => return fail("autocomplete needs \"focused\""),
        (interaction_kind::AUTOCOMPLETE, Some(f)) if !request.options.contains_key(f) => {
            return fail(format!("focused option {f:?} is not among the options"))
        }
        (_, focused) => focused,
    };
    let mut resolved = Resolved::default();
    let mut data = if let Some(Id(target)) = request.target_message_id {
        let Some(message) = state.messages.get(&target) else {
            return fail(format!("unknown message {target}"));
        };
        resolved.messages.insert(target, payloads::message(message));
        json!({ "name": request.command, "type": 3, "target_id": snowflake(target) })
    } else {
        let words: Vec<&str> = request.command.split_whitespace().collect();
        let options = command_options(&request.options, focused, guild.is_some(), &mut resolved)?;
        let options = match words.as_slice() {
            [_] => options,
            [_, sub] => {
                vec![json!({ "name": sub, "type": option_kind::SUB_COMMAND, "options": options })]
            }
            [_, group, sub] => vec![json!({
                "name": group,
                "type": option_kind::SUB_COMMAND_GROUP,
                "options": [{ "name": sub, "type": option_kind::SUB_COMMAND, "options": options }],
            })],
            _ => return fail(format!("command {:?}: expected one to three words", request.command)),
        };
        json!({ "name": words[0], "type": 1, "options": options })
    };
    let name = data["name"].as_str().unwrap_or_default().to_owned();
    let registered = state.commands.find(&name, guild).cloned();
    let command_id = match &registered {
        Some(command) => command["id"].clone(),
        None => snowflake(state.next_id()),
    };
    data["id"] = command_id;
    if let Some(g) = registered.as_ref().and_then(|c| c.get("guild_id")) {
        data["guild_id"] = g.clone();
    }
    data["resolved"] = resolved.to_json();
    let record = new_record(state, kind, guild, channel.id, now);
    let envelope = InteractionEnvelope {
        id: record.id,
        token: &record.token,
        kind,
        user: &user,
        guild_id: guild,
        channel,
        locale: &request.locale,
    };
    let payload = payloads::interaction(&envelope, data, None);
    Ok(send_interaction(state, record, payload))
}

fn has_custom_id(components: &[Value], custom_id: &str) -> bool {
    components.iter().any(|c| {
        c.get("custom_id").and_then(Value::as_str) == Some(custom_id)
            || c.get("components").and_then(Value::as_array).is_some_and(|nested| has_custom_id(nested, custom_id))
    })
}

/// `POST /_fake/components`: a button press or select choice on a stored message.
pub fn press_component(state: &mut State, request: ComponentRequest, now: Instant) -> Result<Value, ControlError> {
    let user = known_user(request.user_id)?;
    let Id(message_id) = request.message_id;
    let Some(message) = state.messages.get(&message_id) else {
        return fail(format!("unknown message {message_id}"));
    };
    if !has_custom_id(&message.components, &request.custom_id) {
        return fail(format!("message {message_id} has no component with custom_id {:?}", request.custom_id));
    }
    let guild = request.guild_id.or(message.guild_id.map(Id));
    let channel = request.channel_id.or(Some(Id(message.channel_id)));
    let (guild, channel) = place(guild, channel, user.id)?;
    let message_json = payloads::message(message);
    let data = match request.values {
        Some(values) => {
            json!({ "custom_id": request.custom_id, "component_type": 3, "values": values })
        }
        None => json!({ "custom_id": request.custom_id, "component_type": 2 }),
    };
    let mut record = new_record(state, interaction_kind::MESSAGE_COMPONENT, guild, channel.id, now);
    record.message_id = Some(message_id);
    let envelope = InteractionEnvelope {
        id: record.id,
        token: &record.token,
        kind: record.kind,
        user: &user,
        guild_id: guild,
        channel,
        locale: "en-US",
    };
    let payload = payloads::interaction(&envelope, data, Some(message_json));
    Ok(send_interaction(state, record, payload))
}

/// `POST /_fake/modals`: a submitted modal, one text input per field.
pub fn submit_modal(state: &mut State, request: ModalRequest, now: Instant) -> Result<Value, ControlError> {
    let user = known_user(request.user_id)?;
    let (guild, channel) = place(request.guild_id, request.channel_id, user.id)?;
    let message = match request.message_id {
        Some(Id(id)) => match state.messages.get(&id) {
            Some(m) => Some((id, payloads::message(m))),
            None => return fail(format!("unknown message {id}")),
        },
        None => None,
    };
    let mut rows = Vec::with_capacity(request.fields.len());
    for (custom_id, value) in &request.fields {
        let Some(value) = value.as_str() else {
            return fail(format!("field {custom_id}: expected a string"));
        };
        rows.push(json!({ "type": 1, "components": [{ "type": 4, "custom_id": custom_id, "value": value }] }));
    }
    let data = json!({ "custom_id": request.custom_id, "components": rows });
    let mut record = new_record(state, interaction_kind::MODAL_SUBMIT, guild, channel.id, now);
    record.message_id = message.as_ref().map(|(id, _)| *id);
    let envelope = InteractionEnvelope {
        id: record.id,
        token: &record.token,
        kind: record.kind,
        user: &user,
        guild_id: guild,
        channel,
        locale: &request.locale,
    };
    let payload = payloads::interaction(&envelope, data, message.map(|(_, m)| m));
    Ok(send_interaction(state, record, payload))
}
#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use serenity::model::application::{
        CommandDataOptionValue, CommandType, ComponentInteractionDataKind, Interaction,
    };
    use serenity::model::event::Event;
    use serenity::model::Permissions;

    use super::*;
    use crate::control::post_message;
    use crate::control::tests::request;
    use crate::messages::StoredMessage;
    use crate::testing::{only_event, state};
    use crate::world::World;

    fn interaction_of(state: &mut State, body: Value) -> Interaction {
        create_interaction(state, request(body), Instant::now()).expect("interaction created");
        match only_event(state) {
            Event::InteractionCreate(event) => event.interaction,
            other => panic!("expected INTERACTION_CREATE, got {other:?}"),
        }
    }

    #[test]
    fn guild_command_with_inferred_options_deserializes() {
        let mut state = state();
        let interaction = interaction_of(
            &mut state,
            json!({
                "command": "ask", "user_id": "6001", "guild_id": "2000", "channel_id": "5002",
                "options": {
                    "question": "how do I opt out?", "limit": 3, "ratio": 0.5, "public": true,
                    "channel": "5001", "role": "7001", "user": "6000", "ping": "7001",
                },
            }),
        );
        let Interaction::Command(command) = interaction else { panic!("expected a command, got {interaction:?}") };
        assert_eq!(command.data.name, "ask");
        assert_eq!(command.data.kind, CommandType::ChatInput);
        assert_eq!(command.guild_id.map(|g| g.get()), Some(World::GUILD));
        assert_eq!(command.channel_id.get(), World::GENERAL_CHANNEL);
        let member = command.member.as_ref().expect("a guild interaction has a member");
        assert_eq!(member.user.id.get(), World::MODERATOR);
        assert!(member.permissions.unwrap().contains(Permissions::MANAGE_GUILD));
        let value = |name: &str| {
            let option = command.data.options.iter().find(|o| o.name == name);
            option.unwrap_or_else(|| panic!("option {name}")).value.clone()
        };
        assert_eq!(value("question"), CommandDataOptionValue::String("how do I opt out?".into()));
        assert_eq!(value("limit"), CommandDataOptionValue::Integer(3));
        assert_eq!(value("ratio"), CommandDataOptionValue::Number(0.5));
        assert_eq!(value("public"), CommandDataOptionValue::Boolean(true));
        assert_eq!(value("channel"), CommandDataOptionValue::Channel(World::ANNOUNCEMENTS_CHANNEL.into()));
        assert_eq!(value("role"), CommandDataOptionValue::Role(World::UPDATES_ROLE.into()));
        assert_eq!(value("user"), CommandDataOptionValue::User(World::MEMBER.into()));
        assert!(matches!(value("ping"), CommandDataOptionValue::Mentionable(_)));
        let resolved = &command.data.resolved;
        assert!(resolved.channels.contains_key(&World::ANNOUNCEMENTS_CHANNEL.into()));
        assert!(resolved.roles.contains_key(&World::UPDATES_ROLE.into()));
        assert!(resolved.users.contains_key(&World::MEMBER.into()));
        assert!(resolved.members.contains_key(&World::MEMBER.into()));
    }

    #[test]
    fn member_lacks_manage_guild() {
        let mut state = state();
        let body = json!({ "command": "ask", "user_id": "6000", "guild_id": "2000" });
        let Interaction::Command(command) = interaction_of(&mut state, body) else { panic!() };
        let permissions = command.member.unwrap().permissions.unwrap();
        assert!(!permissions.contains(Permissions::MANAGE_GUILD));
        assert!(permissions.contains(Permissions::SEND_MESSAGES));
        assert!(command.app_permissions.unwrap().contains(Permissions::SEND_MESSAGES));
    }

    #[test]
    fn subcommands_and_groups_nest_options() {
        let mut state = state();
        let body = json!({ "command": "faq show", "guild_id": "2000", "options": { "id": "opt-out" } });
        let Interaction::Command(command) = interaction_of(&mut state, body) else { panic!() };
        let [show] = command.data.options.as_slice() else { panic!("one subcommand") };
        assert_eq!(show.name, "show");
        let CommandDataOptionValue::SubCommand(options) = &show.value else { panic!("{show:?}") };
        assert_eq!(options[0].value, CommandDataOptionValue::String("opt-out".into()));

        let body = json!({ "command": "faq admin reload", "guild_id": "2000" });
        let Interaction::Command(command) = interaction_of(&mut state, body) else { panic!() };
        let CommandDataOptionValue::SubCommandGroup(subs) = &command.data.options[0].value else {
            panic!("expected a group")
        };
        assert_eq!(subs[0].name, "reload");
    }

    #[test]
    fn dm_command_has_a_user_and_no_member() {
        let mut state = state();
        let body = json!({ "command": "ask", "guild_id": null, "options": { "question": "hi" } });
        let Interaction::Command(command) = interaction_of(&mut state, body) else { panic!() };
        assert!(command.guild_id.is_none() && command.member.is_none());
        assert_eq!(command.user.id.get(), World::MEMBER);
        assert_eq!(command.channel_id.get(), World::MEMBER_DM_CHANNEL);
    }

    #[test]
    fn autocomplete_marks_the_focused_option() {
        let mut state = state();
        let body = json!({
            "command": "faq show", "type": "autocomplete", "focused": "id",
            "guild_id": "2000", "options": { "id": "opt" },
        });
        let Interaction::Autocomplete(command) = interaction_of(&mut state, body) else { panic!() };
        let focused = command.data.autocomplete().expect("a focused option");
        assert_eq!((focused.name, focused.value), ("id", "opt"));
    }

    #[test]
    fn message_context_menu_resolves_its_target() {
        let mut state = state();
        let posted = post_message(
            &mut state,
            request(json!({ "content": "is this safe?", "guild_id": "2000", "channel_id": "5000" })),
        )
        .unwrap();
        state.take_outbox();
        let target = posted["id"].clone();
        let body = json!({ "command": "Answer with FAQ", "guild_id": "2000", "target_message_id": target });
        let Interaction::Command(command) = interaction_of(&mut state, body) else { panic!() };
        assert_eq!(command.data.kind, CommandType::Message);
        let target_id = command.data.target_id.expect("a target").get();
        let message = &command.data.resolved.messages[&target_id.into()];
        assert_eq!(message.content, "is this safe?");

        let unknown = json!({ "command": "Answer with FAQ", "guild_id": "2000", "target_message_id": "1" });
        assert!(create_interaction(&mut state, request(unknown), Instant::now()).is_err());
    }

    fn bot_message_with_button(state: &mut State) -> u64 {
        let id = state.next_id();
        let bot = world::user(World::BOT).unwrap();
        let body = json!({
            "content": "was this helpful?",
            "components": [{ "type": 1, "components": [
                { "type": 2, "style": 1, "label": "Yes", "custom_id": "helpful:yes" },
                { "type": 3, "custom_id": "pick", "options": [{ "label": "A", "value": "a" }] },
            ] }],
        });
        let message =
            StoredMessage::from_body(id, World::HELP_CHANNEL, Some(World::GUILD), bot, &body, SystemTime::now());
        state.insert_message(message);
        state.take_outbox();
        id
    }

    #[test]
    fn button_and_select_interactions_carry_their_message() {
        let mut state = state();
        let message_id = bot_message_with_button(&mut state);
        let press = json!({ "message_id": message_id.to_string(), "custom_id": "helpful:yes" });
        press_component(&mut state, request(press), Instant::now()).unwrap();
        let Event::InteractionCreate(event) = only_event(&mut state) else { panic!() };
        let Interaction::Component(component) = event.interaction else { panic!() };
        assert_eq!(component.data.custom_id, "helpful:yes");
        assert!(matches!(component.data.kind, ComponentInteractionDataKind::Button));
        assert_eq!(component.message.id.get(), message_id);
        assert_eq!(component.guild_id.map(|g| g.get()), Some(World::GUILD));

        let select = json!({ "message_id": message_id, "custom_id": "pick", "values": ["a"] });
        press_component(&mut state, request(select), Instant::now()).unwrap();
        let Event::InteractionCreate(event) = only_event(&mut state) else { panic!() };
        let Interaction::Component(component) = event.interaction else { panic!() };
        let ComponentInteractionDataKind::StringSelect { values } = &component.data.kind else {
            panic!("expected a string select, got {:?}", component.data.kind)
        };
        assert_eq!(values, &["a"]);

        let wrong = json!({ "message_id": message_id, "custom_id": "nope" });
        assert!(press_component(&mut state, request(wrong), Instant::now()).is_err());
        let unknown = json!({ "message_id": "1", "custom_id": "helpful:yes" });
        assert!(press_component(&mut state, request(unknown), Instant::now()).is_err());
    }

    #[test]
    fn modal_submit_deserializes_with_its_fields() {
        let mut state = state();
        let body = json!({
            "custom_id": "suggest", "fields": { "question": "q?", "answer": "a." },
            "user_id": "6001", "guild_id": "2000", "channel_id": "5000",
        });
        submit_modal(&mut state, request(body), Instant::now()).unwrap();
        let Event::InteractionCreate(event) = only_event(&mut state) else { panic!() };
        let Interaction::Modal(modal) = event.interaction else { panic!() };
        assert_eq!(modal.data.custom_id, "suggest");
        assert_eq!(modal.data.components.len(), 2);
    }
}
