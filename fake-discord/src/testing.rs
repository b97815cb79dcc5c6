//! Test helpers: a fresh state, and decoding what the fake emits with serenity's own types.

use serde::de::DeserializeOwned;
use serde_json::Value;
use serenity::model::event::{Event, GatewayEvent};

use crate::payloads;
use crate::state::{Dispatch, State};
use crate::Config;

pub fn state() -> State {
    State::new(Config::default(), "ws://127.0.0.1:9/gateway".to_owned())
}

/// Decodes `value` as `T`, failing with serde's reason (a missing field, usually) and the JSON.
pub fn decode<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("serenity refused the payload: {e}\n{value:#}"))
}

/// Decodes a dispatch the way serenity's shard does, failing if serenity would drop it as
/// `Event::Unknown` (which is what happens to an event with a missing field).
pub fn gateway_event(dispatch: &Dispatch) -> Event {
    let frame = payloads::dispatch(dispatch.name, 1, &dispatch.data);
    match decode::<GatewayEvent>(&frame) {
        GatewayEvent::Dispatch(_, Event::Unknown(unknown)) => {
            panic!("serenity would drop {} as unknown ({}): {:#}", dispatch.name, why_unknown(dispatch), unknown.value)
        }
        GatewayEvent::Dispatch(_, event) => event,
        other => panic!("expected a dispatch, got {other:?}"),
    }
}

/// The one event `state` queued, decoded by serenity.
pub fn only_event(state: &mut State) -> Event {
    let outbox = state.take_outbox();
    assert_eq!(outbox.len(), 1, "expected exactly one event, got {outbox:?}");
    gateway_event(&outbox[0])
}

/// Serenity's reason for refusing a dispatch, which `Event::Unknown` swallows.
fn why_unknown(dispatch: &Dispatch) -> String {
    use serenity::model::event::{InteractionCreateEvent, MessageCreateEvent, ReadyEvent};
    fn reason<T: DeserializeOwned>(value: &Value) -> String {
        serde_json::from_value::<T>(value.clone()).err().map_or("no error".into(), |e| e.to_string())
    }
    match dispatch.name {
        "INTERACTION_CREATE" => reason::<InteractionCreateEvent>(&dispatch.data),
        "MESSAGE_CREATE" => reason::<MessageCreateEvent>(&dispatch.data),
        "READY" => reason::<ReadyEvent>(&dispatch.data),
        _ => "no diagnosis for this event".into(),
    }
}
