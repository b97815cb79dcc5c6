//! A real serenity 0.12.5 client against the fake: it connects, registers commands, gets
//! messages and interactions, and answers them, all on loopback.

mod common;

use common::{Api, WAIT};
use fake_discord::{Config, World};
use serde_json::{json, Value};
use serenity::all::{
    Command, Context, CreateCommand, CreateInteractionResponse, CreateInteractionResponseMessage, EventHandler,
    GatewayIntents, HttpBuilder, Interaction, Message, Ready,
};
use serenity::async_trait;
use serenity::client::ClientBuilder;
use tokio::sync::mpsc;

/// What the handler saw and what became of its answers.
#[derive(Debug, PartialEq)]
enum Seen {
    Ready { commands: usize },
    Message { content: String, reply_ok: bool },
    Command { name: String, reply_ok: bool },
}

struct Handler {
    seen: mpsc::UnboundedSender<Seen>,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, _: Ready) {
        let commands = vec![CreateCommand::new("ping").description("Check the bot answers")];
        let registered = Command::set_global_commands(&ctx.http, commands).await.unwrap();
        let _ = self.seen.send(Seen::Ready { commands: registered.len() });
    }

    async fn message(&self, ctx: Context, message: Message) {
        if message.author.bot {
            return;
        }
        let reply = message.channel_id.say(&ctx.http, format!("echo: {}", message.content)).await;
        let _ = self.seen.send(Seen::Message { content: message.content, reply_ok: reply.is_ok() });
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let Interaction::Command(command) = interaction else {
            return;
        };
        let answer = CreateInteractionResponseMessage::new().content("pong").ephemeral(true);
        let reply = command.create_response(&ctx.http, CreateInteractionResponse::Message(answer)).await;
        let _ = self.seen.send(Seen::Command { name: command.data.name.clone(), reply_ok: reply.is_ok() });
    }
}

async fn next(seen: &mut mpsc::UnboundedReceiver<Seen>) -> Seen {
    tokio::time::timeout(WAIT, seen.recv()).await.expect("the bot reacts in time").unwrap()
}

#[tokio::test]
async fn a_serenity_client_connects_receives_and_answers() {
    let fake = common::start(Config::default()).await;
    let api = Api::new(&fake);
    let http = HttpBuilder::new("fake-token").proxy(fake.base_url()).ratelimiter_disabled(true).build();
    let intents = GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES | GatewayIntents::MESSAGE_CONTENT;
    let (tx, mut seen) = mpsc::unbounded_channel();
    let mut client = ClientBuilder::new_with_http(http, intents)
        .event_handler(Handler { seen: tx })
        .await
        .expect("the client builds");
    let shards = client.shard_manager.clone();
    let running = tokio::spawn(async move { client.start().await });

    assert_eq!(next(&mut seen).await, Seen::Ready { commands: 1 });
    api.wait_identified(1).await;
    assert_eq!(api.get("/_fake/commands").await["global"][0]["name"], "ping");

    let post = json!({ "content": "hello bot", "author_id": "6000", "channel_id": "5000", "guild_id": "2000" });
    assert_eq!(api.post("/_fake/messages", post).await.0, 200);
    assert_eq!(next(&mut seen).await, Seen::Message { content: "hello bot".into(), reply_ok: true });
    let messages = api.get("/_fake/messages").await;
    let echo = messages.as_array().unwrap().iter().find(|m| m["author_id"] == "1000").expect("the echo");
    assert_eq!(echo["content"], "echo: hello bot");

    let (_, created) = api.post("/_fake/interactions", json!({ "command": "ping", "guild_id": "2000" })).await;
    assert_eq!(next(&mut seen).await, Seen::Command { name: "ping".into(), reply_ok: true });
    let state = api.get(&format!("/_fake/interactions/{}", created["id"].as_str().unwrap())).await;
    assert_eq!(state["original_message"]["content"], "pong");
    assert_eq!(state["original_message"]["ephemeral"], true);

    // With its ratelimiter off, serenity hands a 429 to the caller instead of retrying.
    let path = format!("/api/v10/channels/{}/messages", World::HELP_CHANNEL);
    api.post("/_fake/fail", json!({ "path_prefix": path, "status": 429, "count": 1 })).await;
    let post = json!({ "content": "again", "author_id": "6000", "channel_id": "5000", "guild_id": "2000" });
    api.post("/_fake/messages", post).await;
    assert_eq!(next(&mut seen).await, Seen::Message { content: "again".into(), reply_ok: false });
    let statuses: Vec<Value> = api
        .get("/_fake/requests")
        .await
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"] == path.as_str())
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(statuses, [json!(200), json!(429)]);

    shards.shutdown_all().await;
    running.abort();
}
