//! The gateway WebSocket at `/gateway`: HELLO, IDENTIFY/RESUME, heartbeats, then every
//! dispatch the session's shard and intents ask for, as plain-JSON text frames. A RESUME is
//! sent the dispatches its session missed while away, then RESUMED, as Discord does; the
//! control API's `POST /_fake/gateway/reconnect` tells every session to reconnect (op 7).
//!
//! <https://discord.com/developers/docs/events/gateway#connection-lifecycle>

use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{json, Value};
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

use crate::payloads;
use crate::state::{intents, random_hex, Dispatch, Sent, SessionInfo, Shared};

/// What HELLO tells the client; the fake never enforces it.
pub const HEARTBEAT_INTERVAL_MS: u64 = 45_000;

/// Close code for a frame that is not JSON, from <https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes>.
const CLOSE_DECODE_ERROR: u16 = 4002;

/// Gateway opcodes, from <https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-opcodes>.
mod op {
    pub const HEARTBEAT: u64 = 1;
    pub const IDENTIFY: u64 = 2;
    pub const RESUME: u64 = 6;
    pub const RECONNECT: u64 = 7;
}

/// The payload `session` should get for `dispatch`, if any: its shard must own the event's
/// guild (DMs belong to shard 0), it must have asked for the event's intent, and without
/// MESSAGE_CONTENT it gets messages emptied.
pub fn payload_for<'d>(session: &SessionInfo, dispatch: &'d Dispatch) -> Option<&'d Value> {
    if let Some([index, count]) = session.shard {
        // <https://discord.com/developers/docs/events/gateway#sharding-sharding-formula>
        let owner = dispatch.guild_id.map_or(0, |g| (g >> 22) % count.max(1));
        if owner != index {
            return None;
        }
    }
    if dispatch.intent.is_some_and(|i| session.intents & i == 0) {
        return None;
    }
    if session.intents & intents::MESSAGE_CONTENT == 0 {
        if let Some(emptied) = &dispatch.without_content {
            return Some(emptied);
        }
    }
    Some(&dispatch.data)
}

pub async fn upgrade(ws: WebSocketUpgrade, AxumState(shared): AxumState<Arc<Shared>>) -> Response {
    ws.on_upgrade(move |socket| run(socket, shared))
}

/// A session that has identified (or resumed): what it gets and where its sequence is.
struct Live {
    session_id: String,
    info: SessionInfo,
    seq: u64,
    /// The index of the last dispatch this session has seen (sent to it or not for it).
    seen: u64,
    events: broadcast::Receiver<Arc<Sent>>,
}

/// Keeps the session counts of `/_fake/gateway` right however the connection ends.
struct Counted {
    shared: Arc<Shared>,
    identified: bool,
}

impl Counted {
    fn open(shared: Arc<Shared>) -> Self {
        shared.with_state(|s| s.gateway.sessions += 1);
        Self { shared, identified: false }
    }

    fn identify(&mut self, session_id: &str, info: SessionInfo) {
        let first = !self.identified;
        self.identified = true;
        self.shared.with_state(|s| {
            s.gateway.identified += usize::from(first);
            let seen = s.gateway.last_index;
            s.gateway.resumable.entry(session_id.to_owned()).or_insert((info, seen));
        });
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let identified = self.identified;
        self.shared.with_state(|s| {
            s.gateway.sessions -= 1;
            s.gateway.identified -= usize::from(identified);
        });
    }
}

async fn send(socket: &mut WebSocket, payload: &Value) -> bool {
    socket.send(Message::Text(payload.to_string().into())).await.is_ok()
}

async fn next_event(live: &mut Option<Live>) -> Result<Arc<Sent>, RecvError> {
    match live {
        Some(live) => live.events.recv().await,
        None => std::future::pending().await,
    }
}

async fn run(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut counted = Counted::open(shared.clone());
    let mut shutdown = shared.shutdown.clone();
    let mut reconnect = shared.reconnect.subscribe();
    let mut live: Option<Live> = None;
    if !send(&mut socket, &payloads::hello(HEARTBEAT_INTERVAL_MS)).await {
        return;
    }
    loop {
        tokio::select! {
            frame = socket.recv() => {
                let text = match frame {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                    Some(Ok(_)) => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else {
                    let close = CloseFrame { code: CLOSE_DECODE_ERROR, reason: "decode error".into() };
                    let _ = socket.send(Message::Close(Some(close))).await;
                    break;
                };
                if !answer(&mut socket, &shared, &mut counted, &mut live, &payload).await {
                    break;
                }
            }
            event = next_event(&mut live) => {
                let Some(session) = live.as_mut() else { continue };
                match event {
                    Ok(sent) => {
                        // Already sent in a RESUME's replay.
                        if sent.index <= session.seen {
                            continue;
                        }
                        session.seen = sent.index;
                        if let Some(data) = payload_for(&session.info, &sent.dispatch) {
                            session.seq += 1;
                            if !send(&mut socket, &payloads::dispatch(sent.dispatch.name, session.seq, data)).await {
                                break;
                            }
                        }
                    }
                    Err(RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "gateway session fell behind and missed events");
                    }
                    Err(RecvError::Closed) => break,
                }
            }
            _ = shutdown.changed() => {
                let _ = socket.send(Message::Close(None)).await;
                break;
            }
            _ = reconnect.changed() => {
                // Discord's op 7: the client closes and resumes; nothing more is sent here.
                let _ = send(&mut socket, &json!({ "op": op::RECONNECT, "d": null })).await;
                break;
            }
        }
    }
    // Where the session got to, for its RESUME.
    if let Some(live) = &live {
        shared.with_state(|s| {
            if let Some(entry) = s.gateway.resumable.get_mut(&live.session_id) {
                entry.1 = live.seen;
            }
        });
    }
}

/// Answers one client payload; `false` ends the session.
async fn answer(
    socket: &mut WebSocket,
    shared: &Arc<Shared>,
    counted: &mut Counted,
    live: &mut Option<Live>,
    payload: &Value,
) -> bool {
    let d = &payload["d"];
    match payload["op"].as_u64() {
        Some(op::HEARTBEAT) => send(socket, &payloads::heartbeat_ack()).await,
        Some(op::IDENTIFY) => {
            let shard = d["shard"].as_array().and_then(|s| Some([s.first()?.as_u64()?, s.get(1)?.as_u64()?]));
            let info = SessionInfo { shard, intents: d["intents"].as_u64().unwrap_or(0) };
            let session_id = random_hex();
            // Subscribe before counting the session as identified, so a test that waits for
            // it and then sends an event can't miss it.
            let events = shared.subscribe();
            counted.identify(&session_id, info);
            let (gateway_url, seen) = shared.with_state(|s| (s.gateway_url.clone(), s.gateway.last_index));
            tracing::info!(?shard, intents = info.intents, "gateway session identified");
            let ready = payloads::ready(&session_id, &gateway_url, shard);
            *live = Some(Live { session_id, info, seq: 1, seen, events });
            send(socket, &payloads::dispatch("READY", 1, &ready)).await
        }
        Some(op::RESUME) => {
            let session_id = d["session_id"].as_str().unwrap_or_default().to_owned();
            let hold = shared.with_state(|s| s.gateway.hold_resumes_until);
            if let Some(until) = hold {
                tokio::time::sleep_until(until.into()).await;
            }
            let known = shared.with_state(|s| s.gateway.resumable.get(&session_id).copied());
            let Some((info, seen)) = known else {
                return send(socket, &payloads::invalid_session()).await;
            };
            // Subscribed before reading the backlog, so nothing falls between the two; what
            // the backlog already had is skipped when it comes through the subscription.
            let events = shared.subscribe();
            let missed: Vec<Arc<Sent>> =
                shared.with_state(|s| s.gateway.sent.iter().filter(|sent| sent.index > seen).cloned().collect());
            counted.identify(&session_id, info);
            let mut seq = d["seq"].as_u64().unwrap_or(0);
            let mut seen = seen;
            for sent in &missed {
                seen = sent.index;
                if let Some(data) = payload_for(&info, &sent.dispatch) {
                    seq += 1;
                    if !send(socket, &payloads::dispatch(sent.dispatch.name, seq, data)).await {
                        return false;
                    }
                }
            }
            tracing::info!(replayed = missed.len(), "gateway session resumed");
            shared.with_state(|s| s.gateway.resumed += 1);
            seq += 1;
            *live = Some(Live { session_id, info, seq, seen, events });
            send(socket, &payloads::dispatch("RESUMED", seq, &json!({}))).await
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dispatch(guild_id: Option<u64>) -> Dispatch {
        Dispatch {
            name: "MESSAGE_CREATE",
            guild_id,
            data: json!({ "content": "hi" }),
            intent: Some(intents::GUILD_MESSAGES),
            without_content: Some(json!({ "content": "" })),
        }
    }

    #[test]
    fn shards_get_only_their_guilds_and_shard_zero_gets_dms() {
        let all = intents::GUILD_MESSAGES | intents::MESSAGE_CONTENT;
        let shard = |i| SessionInfo { shard: Some([i, 2]), intents: all };
        let guild_on_shard_1 = 1 << 22;
        assert!(payload_for(&shard(0), &dispatch(Some(guild_on_shard_1))).is_none());
        assert!(payload_for(&shard(1), &dispatch(Some(guild_on_shard_1))).is_some());
        assert!(payload_for(&shard(0), &dispatch(None)).is_some());
        assert!(payload_for(&shard(1), &dispatch(None)).is_none());
    }

    #[test]
    fn intents_gate_events_and_message_content() {
        let with = |intents| SessionInfo { shard: None, intents };
        let event = dispatch(Some(2000));
        assert!(payload_for(&with(0), &event).is_none());
        let emptied = payload_for(&with(intents::GUILD_MESSAGES), &event).unwrap();
        assert_eq!(emptied["content"], "");
        let everything = with(intents::GUILD_MESSAGES | intents::MESSAGE_CONTENT);
        assert_eq!(payload_for(&everything, &event).unwrap()["content"], "hi");
    }
}
