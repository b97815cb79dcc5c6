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
//! - [`reliability`]: interaction responses under 429s, 5xx and dropped connections.
//! - [`spec_check`]: the check of every request body against Discord's published schema.
//! - [`upkeep`]: FAQ upkeep and usage insight: reload, add a variant, unanswered, stats, audit.

#[path = "../support/mod.rs"]
mod support;

mod announce;
mod chat;
mod commands;
mod conversations;
mod languages;
mod reliability;
mod spec_check;
mod upkeep;
