//! Shared by the integration tests: start a fake, talk to its control API and gateway.

#![allow(dead_code)] // each test file uses a different part

use std::net::SocketAddr;
use std::time::Duration;

use fake_discord::{Config, RunningFake};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Long enough for a loaded 2-core CI machine, short enough to fail a hung test quickly.
pub const WAIT: Duration = Duration::from_secs(10);

pub async fn start(config: Config) -> RunningFake {
    let any_port: SocketAddr = "127.0.0.1:0".parse().unwrap();
    fake_discord::start_with(any_port, config).await.expect("the fake starts")
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

pub struct Api {
    pub base: String,
    client: reqwest::Client,
}

impl Api {
    pub fn new(fake: &RunningFake) -> Self {
        Self { base: fake.base_url(), client: client() }
    }

    /// Sends a request; answers the status and the JSON body (`null` when empty).
    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request =
            self.client.request(method, format!("{}{path}", self.base)).header("authorization", "Bot fake-token");
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the fake answers");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() };
        (status, body)
    }

    pub async fn get(&self, path: &str) -> Value {
        let (status, body) = self.call(reqwest::Method::GET, path, None).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    /// Waits until `n` gateway sessions have identified.
    pub async fn wait_identified(&self, n: u64) {
        tokio::time::timeout(WAIT, async {
            while self.get("/_fake/gateway").await["identified"] != json!(n) {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("expected {n} identified gateway sessions"));
    }
}

pub async fn send(socket: &mut Socket, payload: Value) {
    socket.send(Message::Text(payload.to_string().into())).await.unwrap();
}

/// The next JSON payload on the socket.
pub async fn receive(socket: &mut Socket) -> Value {
    loop {
        let frame = tokio::time::timeout(WAIT, socket.next())
            .await
            .expect("a gateway payload in time")
            .expect("the socket stays open")
            .unwrap();
        if let Message::Text(text) = frame {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

/// Connects, reads HELLO, identifies with `shard` and `intents`, and reads READY.
pub async fn identify(fake: &RunningFake, shard: Option<[u64; 2]>, intents: u64) -> (Socket, Value) {
    let url = format!("ws://{}/gateway?v=10&encoding=json", fake.addr());
    let (mut socket, _) = tokio_tungstenite::connect_async(url).await.expect("the gateway accepts");
    let hello = receive(&mut socket).await;
    assert_eq!(hello["op"], 10, "expected HELLO first, got {hello}");
    let mut d = json!({ "token": "Bot fake-token", "intents": intents, "properties": {} });
    if let Some(shard) = shard {
        d["shard"] = json!(shard);
    }
    send(&mut socket, json!({ "op": 2, "d": d })).await;
    let ready = receive(&mut socket).await;
    assert_eq!((ready["op"].clone(), ready["t"].clone()), (json!(0), json!("READY")), "{ready}");
    (socket, ready)
}
