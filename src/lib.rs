//! optout-bot answers people's questions about opting out of LinkedIn's
//! generative-AI training, from a curated FAQ.
//!
//! # Layout
//! - [`faq`]: FAQ entries loaded from `faq/*.toml` and validated (the shipped FAQ is built in).
//! - [`facet`]: the platform, data item, people, company or time a question names, and fragments.
//! - [`region`]: the regions LinkedIn treats differently, and the places a question names.
//! - [`text`]: normalization and tokenization shared by indexing and questions.
//! - [`matcher`]: ranks entries for a question and decides: answer, suggest or decline.
//! - [`eval`]: measures a matcher on a labelled question set, and calibrates its threshold.
//! - [`limits`]: Discord's limits, named once.
//! - [`config`]: the bot's configuration file and token, checked at start-up.
//! - [`discord`]: the Discord edge: commands, chat answers, buttons, safe replies.
//! - [`cli`]: the command line (`ask`, `chat`, `check`, `eval`, `run`).
//! - [`clock`]: the time seam (a real clock, and one tests move by hand).
//! - [`app`]: the use-cases, given their dependencies; the storage traits live beside them.
//! - [`store`]: what the bot remembers (announcements, audit log, votes, declined
//!   questions, added variants, usage): SQLite, implementing [`app`]'s storage traits.
//! - [`announce`]: announcement rules: parsing `at`, repeats across DST, start-up
//!   recovery, allowed mentions, the publish rate.
//! - [`moderation`]: who counts as a moderator.
//! - [`stats`]: usage over a period, and its PNG chart.
//! - [`export`]: the variants moderators add, written back into the FAQ files.
//! - [`ops`]: `/metrics` and `/healthz`, given the metrics and the store they read.
//!
//! One dependency rule holds between them: the core ← [`app`] ← the adapters ← `main`, with
//! no import cycles; `tests/dependencies.rs` enforces it and names each module's layer.

pub mod announce;
pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod discord;
pub mod eval;
pub mod export;
pub mod facet;
pub mod faq;
pub mod i18n;
pub mod lang;
pub mod limits;
pub mod matcher;
mod moderation;
pub mod ops;
pub mod region;
mod stats;
pub mod store;
pub mod text;

/// Writes `items` one a line (no trailing newline): how lists of errors print.
pub(crate) fn write_lines<T: std::fmt::Display>(f: &mut std::fmt::Formatter<'_>, items: &[T]) -> std::fmt::Result {
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            writeln!(f)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}
