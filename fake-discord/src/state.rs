//! Everything the fake remembers, behind one lock, and the events it has yet to dispatch.
//!
//! Handlers change the [`State`] through [`Shared::with_state`], which then broadcasts the
//! events the change queued, so no handler talks to the gateway directly.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use tokio::sync::{broadcast, watch};

use crate::messages::StoredMessage;
use crate::payloads::{self, snowflake};
use crate::world::World;
use crate::Config;

/// Gateway intents that gate events, from <https://discord.com/developers/docs/events/gateway#list-of-intents>.
pub mod intents {
    pub const GUILD_MESSAGES: u64 = 1 << 9;
    pub const DIRECT_MESSAGES: u64 = 1 << 12;
    pub const MESSAGE_CONTENT: u64 = 1 << 15;
}

/// How many dispatches a slow gateway session may fall behind before it misses some.
const EVENT_BACKLOG: usize = 1024;

/// First second of 2015, where Discord snowflakes count from.
/// <https://discord.com/developers/docs/reference#snowflakes>
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// An event to send to every identified gateway session that wants it.
#[derive(Debug, Clone)]
pub struct Dispatch {
    pub name: &'static str,
    /// Decides which shard gets it; `None` goes to shard 0, as DMs do.
    pub guild_id: Option<u64>,
    pub data: Value,
    /// The intent a session must have asked for; `None` for events sent regardless.
    pub intent: Option<u64>,
    /// What a session without the MESSAGE_CONTENT intent gets instead, if that differs.
    pub without_content: Option<Value>,
}

/// A dispatch as the fake sent it: its place in the order of every dispatch, so a session
/// that resumes is sent the ones it missed, as Discord does.
#[derive(Debug)]
pub struct Sent {
    pub index: u64,
    pub dispatch: Dispatch,
}

/// How many past dispatches are kept for sessions that resume.
const REPLAY_BACKLOG: usize = 4096;

/// One REST request the bot made, with the status the fake answered.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub body: Value,
    pub status: u16,
}

impl RecordedRequest {
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "method": self.method,
            "path": self.path,
            "body": self.body,
            "status": self.status,
        });
        if let Some(query) = &self.query {
            v["query"] = json!(query);
        }
        v
    }
}

/// A failure queued through `/_fake/fail`.
#[derive(Debug, Clone)]
pub struct FailRule {
    pub path_prefix: String,
    pub method: Option<String>,
    pub failure: Failure,
    pub remaining: u32,
}

/// What an injected failure does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Answered with this status instead of being handled.
    Status(u16),
    /// The connection is closed without an answer, before the request is handled.
    DropBefore,
    /// The request is handled, then the connection is closed without its answer.
    DropAfter,
}

/// An interaction the fake sent, and how the bot has answered it so far.
#[derive(Debug, Clone)]
pub struct InteractionRecord {
    pub id: u64,
    pub token: String,
    pub kind: u8,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    /// The message a component sits on (or a modal was opened from).
    pub message_id: Option<u64>,
    pub created: Instant,
    pub response_type: Option<u8>,
    pub original_message_id: Option<u64>,
    pub followups: Vec<u64>,
    pub autocomplete_choices: Option<Value>,
    pub modal: Option<Value>,
}

#[derive(Debug, Default)]
pub struct Commands {
    pub global: Vec<Value>,
    pub guilds: BTreeMap<u64, Vec<Value>>,
}

impl Commands {
    /// The registered command called `name`: the guild's first, then the global one.
    pub fn find(&self, name: &str, guild: Option<u64>) -> Option<&Value> {
        let guild_commands = guild.and_then(|g| self.guilds.get(&g));
        guild_commands.into_iter().chain(std::iter::once(&self.global)).flatten().find(|c| c["name"] == name)
    }
}

/// What a session told IDENTIFY, kept so that a RESUME can pick it up.
#[derive(Debug, Clone, Copy)]
pub struct SessionInfo {
    pub shard: Option<[u64; 2]>,
    pub intents: u64,
}

#[derive(Debug, Default)]
pub struct GatewayStats {
    pub sessions: usize,
    pub identified: usize,
    /// Sessions that resumed (RESUME answered with RESUMED).
    pub resumed: usize,
    /// By session id: what it identified with, and the index of the last dispatch it saw.
    pub resumable: HashMap<String, (SessionInfo, u64)>,
    /// The latest dispatches, oldest first, for replay on RESUME.
    pub sent: std::collections::VecDeque<Arc<Sent>>,
    pub last_index: u64,
    /// RESUMEs wait until then (set by `POST /_fake/gateway/reconnect` with `hold_ms`), so a
    /// test can dispatch events while no session is connected.
    pub hold_resumes_until: Option<Instant>,
}

#[derive(Debug)]
pub struct State {
    pub config: Config,
    /// `ws://HOST:PORT/gateway`, for `GET /gateway` and READY's `resume_gateway_url`.
    pub gateway_url: String,
    last_id: u64,
    pub messages: BTreeMap<u64, StoredMessage>,
    pub interactions: BTreeMap<u64, InteractionRecord>,
    pub requests: Vec<RecordedRequest>,
    pub commands: Commands,
    pub failures: Vec<FailRule>,
    pub gateway: GatewayStats,
    /// (channel, nonce) → (message, when): what a create with `enforce_nonce` deduplicates on.
    pub nonces: HashMap<(u64, String), (u64, Instant)>,
    outbox: Vec<Dispatch>,
}

impl State {
    pub fn new(config: Config, gateway_url: String) -> Self {
        Self {
            config,
            gateway_url,
            last_id: 0,
            messages: BTreeMap::new(),
            interactions: BTreeMap::new(),
            requests: Vec::new(),
            commands: Commands::default(),
            failures: Vec::new(),
            gateway: GatewayStats::default(),
            nonces: HashMap::new(),
            outbox: Vec::new(),
        }
    }

    /// A fresh snowflake: time-based like Discord's, and strictly increasing.
    pub fn next_id(&mut self) -> u64 {
        let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
        let candidate = now_ms.saturating_sub(DISCORD_EPOCH_MS) << 22;
        self.last_id = candidate.max(self.last_id + 1);
        self.last_id
    }

    pub fn emit(&mut self, dispatch: Dispatch) {
        self.outbox.push(dispatch);
    }

    pub fn take_outbox(&mut self) -> Vec<Dispatch> {
        std::mem::take(&mut self.outbox)
    }

    /// Stores a message and, unless only its recipient can see it, dispatches MESSAGE_CREATE.
    pub fn insert_message(&mut self, message: StoredMessage) {
        if !message.is_ephemeral() {
            self.emit(message_create(&message));
        }
        self.messages.insert(message.id, message);
    }
}

/// MESSAGE_DELETE for a message someone deleted.
/// <https://discord.com/developers/docs/events/gateway-events#message-delete>
pub fn message_delete(message: &StoredMessage) -> Dispatch {
    let mut data =
        json!({ "id": payloads::snowflake(message.id), "channel_id": payloads::snowflake(message.channel_id) });
    if let Some(guild) = message.guild_id {
        data["guild_id"] = payloads::snowflake(guild);
    }
    Dispatch {
        name: "MESSAGE_DELETE",
        guild_id: message.guild_id,
        data,
        intent: Some(if message.guild_id.is_some() { intents::GUILD_MESSAGES } else { intents::DIRECT_MESSAGES }),
        without_content: None,
    }
}

fn message_create(message: &StoredMessage) -> Dispatch {
    let data = payloads::message_create(message);
    // Without MESSAGE_CONTENT, guild messages arrive emptied unless they mention the bot or
    // are its own: <https://discord.com/developers/docs/events/gateway#message-content-intent>.
    let readable =
        message.guild_id.is_none() || message.author.id == World::BOT || message.mentions.users.contains(&World::BOT);
    let without_content = (!readable).then(|| {
        let mut emptied = data.clone();
        emptied["content"] = json!("");
        emptied["embeds"] = json!([]);
        emptied["components"] = json!([]);
        emptied["attachments"] = json!([]);
        emptied
    });
    Dispatch {
        name: "MESSAGE_CREATE",
        guild_id: message.guild_id,
        data,
        intent: Some(if message.guild_id.is_some() { intents::GUILD_MESSAGES } else { intents::DIRECT_MESSAGES }),
        without_content,
    }
}

/// The state and the channels around it, shared by every handler.
#[derive(Debug)]
pub struct Shared {
    state: Mutex<State>,
    events: broadcast::Sender<Arc<Sent>>,
    /// Bumped by the control API: every live session is told to reconnect (op 7).
    pub reconnect: watch::Sender<u64>,
    /// Becomes `true` when the server shuts down, so gateway sessions close too.
    pub shutdown: watch::Receiver<bool>,
}

impl Shared {
    pub fn new(state: State, shutdown: watch::Receiver<bool>) -> Self {
        Self {
            state: Mutex::new(state),
            events: broadcast::channel(EVENT_BACKLOG).0,
            reconnect: watch::channel(0).0,
            shutdown,
        }
    }

    /// Runs `f` on the state, then dispatches whatever events it queued.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let result = f(&mut state);
        for dispatch in state.take_outbox() {
            let gateway = &mut state.gateway;
            gateway.last_index += 1;
            let sent = Arc::new(Sent { index: gateway.last_index, dispatch });
            if gateway.sent.len() == REPLAY_BACKLOG {
                gateway.sent.pop_front();
            }
            gateway.sent.push_back(sent.clone());
            // No subscriber is fine: nobody is connected yet.
            let _ = self.events.send(sent);
        }
        result
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Sent>> {
        self.events.subscribe()
    }
}

/// A snowflake-keyed JSON map, as Discord writes `resolved` objects.
pub fn by_id(items: impl IntoIterator<Item = (u64, Value)>) -> Value {
    Value::Object(items.into_iter().map(|(id, v)| (id.to_string(), v)).collect())
}

/// `{"id": ..., "token": ...}`, what the control API answers for a new interaction.
pub fn created_interaction(record: &InteractionRecord) -> Value {
    json!({ "id": snowflake(record.id), "token": record.token })
}

/// 64 bits nobody can guess in a test run, as hex: tokens and session ids need no more.
pub fn random_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    // Each RandomState gets fresh keys, so hashing the clock twice never repeats.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    format!("{:016x}", hasher.finish())
}
