//! The end-to-end tests: the fake Discord and the bot, both in this process (see
//! `tests/support/mod.rs`), one test binary for them all so they share the machine's threads
//! and what the helpers compute once. The real binary's own tests are `tests/e2e_process.rs`.
//!
//! - [`commands`]: the slash commands, autocomplete, buttons and the context menu.
//! - [`chat`]: questions in chat: mentions, DMs, help channels, bots, cooldowns, retries.
//! - [`conversations`]: follow-ups in DMs, mentions and `/ask`, one context per member, in
//!   every language; "More details".
//! - [`announce`]: `/announce`, on a clock the test moves.
//! - [`languages`]: members in their own language: answers, buttons, declines, autocomplete,
//!   command descriptions.
//! - [`upkeep`]: FAQ upkeep and usage insight: reload, add a variant, unanswered, stats, audit.

#[path = "../support/mod.rs"]
mod support;

mod announce;
mod chat;
mod commands;
mod conversations;
mod languages;
mod upkeep;
