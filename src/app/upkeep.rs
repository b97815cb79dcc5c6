//! FAQ upkeep from Discord, for moderators: reload, questions to review, add a variant, stats.
//!
//! The FAQ files stay the source of truth; the store holds only the variants moderators
//! add ([`VariantStore`]), layered over the files at start-up and after every reload
//! ([`super::knowledge::apply_variants`]). Each change builds a new [`Knowledge`] and swaps it
//! in whole. Callers check that the actor is a moderator first.

use std::path::Path;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use tracing::{info, warn};

use super::audit::{AuditAction, NewAuditEntry};
use super::escape::lines_within;
use super::knowledge::Knowledge;
pub use super::knowledge::StoredVariant;
use super::review::{self, UnansweredQuestion};
use super::storage::StoreError;
use super::view::{Attachment, Card, Choice, Message};
use super::{escape as safety, App};
use crate::faq::{Faq, FaqErrors};
use crate::limits::{AUTOCOMPLETE_MAX_CHOICES, CHOICE_MAX_CHARS, EMBED_DESCRIPTION_MAX_CHARS};
use crate::matcher::Decision;
use crate::stats;

/// Questions `/faqadmin unanswered` lists; more would not fit an embed readably.
pub const UNANSWERED_SHOWN_MAX: usize = 20;

/// The file name `/faqadmin stats` attaches, and its embed points at.
pub const STATS_FILE_NAME: &str = "stats.png";

/// A phrasing a moderator added to an entry from Discord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVariant {
    pub guild_id: u64,
    pub entry_id: String,
    pub text: String,
    pub added_by: u64,
    pub at: DateTime<Utc>,
}

/// Where added variants are kept.
#[async_trait]
pub trait VariantStore: Send + Sync {
    /// Adds a variant and audits it; `false` (and nothing written) when the
    /// entry already has it (compared after [`crate::text::normalize`]).
    async fn add_variant(&self, variant: &NewVariant) -> Result<bool, StoreError>;

    /// Every variant added from Discord, oldest first.
    async fn variants(&self) -> Result<Vec<StoredVariant>, StoreError>;

    /// Tells the other processes sharing this store that the FAQ was reloaded, so they
    /// read their files again ([`crate::app::sync`]). Nothing to tell with one process.
    async fn record_reload(&self, _by: u64, _at: DateTime<Utc>) -> Result<(), StoreError> {
        Ok(())
    }
}

/// Who did a moderator action, where.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user: u64,
    /// The guild; [`super::usage::DM_GUILD`] outside one.
    pub guild: u64,
}

/// Why a use-case could not finish: storage, or a task that failed.
#[derive(Debug, thiserror::Error)]
pub enum UpkeepError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Stats(#[from] stats::StatsError),
    #[error("background work failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl App {
    /// Reloads the FAQ files (with the stored variants) and swaps them in; on errors keeps
    /// the FAQ it has and says what is wrong, file by file.
    pub async fn reload(&self, actor: Actor) -> Result<Message, UpkeepError> {
        let Some(dir) = self.settings.faq_dir.clone() else {
            return Ok(Message::private(BUILT_IN_FAQ));
        };
        let _changing = self.changing.lock().await;
        let load_dir = dir.clone();
        let loaded = tokio::task::spawn_blocking(move || Faq::load_dir(&load_dir)).await?;
        let (message, details) = match loaded {
            Err(errors) => {
                info!(errors = errors.0.len(), dir = %dir.display(), "faq reload refused");
                let details = format!("reload failed with {} error(s); kept the current FAQ", errors.0.len());
                (Message::private_card(reload_errors(&dir, &errors)), details)
            }
            Ok(faq) => {
                let variants = self.storage.variants.variants().await?;
                let thresholds = self.settings.thresholds.clone();
                let knowledge =
                    tokio::task::spawn_blocking(move || Knowledge::build(faq, &variants, &thresholds)).await?;
                let entries = knowledge.faq.entries().len();
                self.replace_knowledge(knowledge);
                info!(entries, dir = %dir.display(), "faq reloaded");
                if let Err(error) = self.storage.variants.record_reload(actor.user, self.clock.now()).await {
                    warn!(error = %error, "could not tell the other processes about the reload");
                }
                let details = format!("reloaded {entries} entries from {}", dir.display());
                let text = format!(
                    "Reloaded the FAQ from `{}`: {entries} entries, with the variants added from Discord.",
                    dir.display()
                );
                (Message::private(text), details)
            }
        };
        self.audit(NewAuditEntry {
            guild_id: actor.guild,
            actor_id: actor.user,
            action: AuditAction::FaqReloaded,
            details,
            at: self.clock.now(),
        })
        .await;
        Ok(message)
    }

    /// Adds `question` as a variant of `entry` (stored and audited) and answers with it at once.
    pub async fn add_variant(&self, actor: Actor, question: &str, entry: &str) -> Result<Message, UpkeepError> {
        let question = safety::cap(question.trim(), crate::text::MAX_QUESTION_CHARS);
        let entry = entry.trim().to_owned();
        if question.is_empty() {
            return Ok(Message::private("The question is empty: nothing to add."));
        }
        if !self.has_entry(&entry) {
            return Ok(super::view::unknown_entry(&entry, crate::lang::Lang::En));
        }
        let _changing = self.changing.lock().await;
        let variant = NewVariant {
            guild_id: actor.guild,
            entry_id: entry.clone(),
            text: question.clone(),
            added_by: actor.user,
            at: self.clock.now(),
        };
        if !self.storage.variants.add_variant(&variant).await? {
            let text = format!("Entry `{entry}` already has “{}” as a variant.", safety::echo(&question));
            return Ok(Message::private(text));
        }
        let faq = self.knowledge.load().faq.clone();
        let thresholds = self.settings.thresholds.clone();
        let added = StoredVariant {
            id: 0,
            entry_id: entry.clone(),
            text: question.clone(),
            guild_id: actor.guild,
            added_by: actor.user,
            at: variant.at,
        };
        let knowledge = tokio::task::spawn_blocking(move || Knowledge::build(faq, &[added], &thresholds)).await?;
        let outcome = knowledge.matcher.find(&question);
        let now_answers = match outcome.decision {
            Decision::Answer => outcome.answer().map(|a| a.id.to_string()),
            _ => None,
        };
        self.replace_knowledge(knowledge);
        info!(entry = %entry, user = actor.user, "variant added");
        let text = match now_answers {
            Some(id) if id == entry => format!(
                "Added “{}” to `{entry}`. I now answer it with that entry. `optout-bot faq export` writes it into the FAQ files.",
                safety::echo(&question)
            ),
            other => format!(
                "Added “{}” to `{entry}`, but I still don't answer it with that entry (I {}). Other entries' wording may be closer: check them.",
                safety::echo(&question),
                other.map_or_else(|| "don't answer it directly".to_owned(), |id| format!("answer it with `{id}`"))
            ),
        };
        Ok(Message::private(text))
    }

    /// The questions to review over the last `days` days (default 30), most frequent first.
    pub async fn unanswered(&self, guild: u64, days: Option<u32>) -> Result<Message, UpkeepError> {
        let days = days.unwrap_or(stats::DEFAULT_DAYS).clamp(1, stats::MAX_DAYS);
        let list = self.unanswered_list(guild, days).await?;
        Ok(Message::private_card(unanswered_card(&list, days)))
    }

    async fn unanswered_list(&self, guild: u64, days: u32) -> Result<Vec<UnansweredQuestion>, StoreError> {
        let since = self.clock.now() - Duration::days(i64::from(days));
        let records = self.storage.usage.review_questions(guild, since).await?;
        let known = review::known_phrasings(&self.knowledge.load().faq);
        Ok(review::unanswered(&records, &known))
    }

    /// Autocomplete for `add-variant`'s question: the questions to review containing `partial`.
    /// Only for moderators (the caller checks), since they are other people's words.
    pub async fn complete_unanswered(&self, guild: u64, partial: &str) -> Vec<Choice> {
        let list = self.unanswered_list(guild, stats::DEFAULT_DAYS).await.unwrap_or_else(|error| {
            warn!(error = %error, "unanswered questions unavailable for autocomplete");
            Vec::new()
        });
        complete_unanswered(&list, partial)
    }

    /// Usage over the last `days` days as numbers and a PNG chart.
    pub async fn stats(&self, guild: u64, days: Option<u32>) -> Result<Message, UpkeepError> {
        let now = self.clock.now();
        let (days, since) = stats::period(days, now)?;
        let activity = self.storage.usage.activity(guild, since).await?;
        let stats = stats::collect(activity, days, since, now);
        let (stats, png) = tokio::task::spawn_blocking(move || {
            let png = stats::render_png(&stats)?;
            Ok::<_, stats::StatsError>((stats, png))
        })
        .await??;
        let percent = |value: Option<f64>| value.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0));
        let votes = stats.helpful + stats.not_helpful;
        let card = Card {
            title: format!("FAQ usage, last {} days", stats.days),
            description: safety::cap(&stats.summary(), EMBED_DESCRIPTION_MAX_CHARS),
            fields: vec![
                ("Answered".to_owned(), stats.answered.to_string()),
                ("Declined".to_owned(), format!("{} ({})", stats.declined, percent(stats.decline_rate()))),
                (
                    "Helpful votes".to_owned(),
                    format!("{} ({} of {votes})", percent(stats.helpful_ratio()), stats.helpful),
                ),
            ],
            inline_fields: true,
            image: Some(STATS_FILE_NAME.to_owned()),
            ..Card::default()
        };
        let mut message = Message::private_card(card);
        message.attachment = Some(Attachment { name: STATS_FILE_NAME.to_owned(), bytes: png });
        Ok(message)
    }
}

/// What `/faqadmin reload` says when the bot runs the FAQ built into its binary.
pub const BUILT_IN_FAQ: &str = "This bot answers from the FAQ built into its binary (no `faq_dir` in its config), \
     so there are no files to reload from. Set `faq_dir` to the FAQ directory and restart to reload edits from Discord.";

/// Why a reload was refused: every error as `file:line: problem` (paths relative to the
/// FAQ directory), as many as fit.
pub fn reload_errors(dir: &Path, errors: &FaqErrors) -> Card {
    let lines: Vec<String> = errors
        .0
        .iter()
        .map(|error| {
            let file = error.file.strip_prefix(dir).unwrap_or(&error.file);
            format!("`{}:{}`: {}", file.display(), error.line, error.problem)
        })
        .collect();
    Card {
        title: "FAQ not reloaded: the files have errors".to_owned(),
        description: lines_within(&lines, EMBED_DESCRIPTION_MAX_CHARS),
        footer: Some("I keep answering with the FAQ I had. Fix the files and run /faqadmin reload again.".to_owned()),
        ..Card::default()
    }
}

/// The review list: each question with how often it came up and why.
pub fn unanswered_card(list: &[UnansweredQuestion], days: u32) -> Card {
    let title = format!("Questions to review (last {days} days)");
    if list.is_empty() {
        return Card {
            title,
            description: "Nothing to review: no question was declined or voted not helpful.".to_owned(),
            ..Card::default()
        };
    }
    let lines: Vec<String> = list
        .iter()
        .take(UNANSWERED_SHOWN_MAX)
        .enumerate()
        .map(|(index, q)| {
            let mut why = Vec::new();
            if q.declined > 0 {
                why.push(format!("{} declined", q.declined));
            }
            if q.not_helpful > 0 {
                why.push(format!("{} not helpful ({})", q.not_helpful, q.answered_with.join(", ")));
            }
            format!("{}. “{}” — {}× ({})", index + 1, safety::echo(&q.question), q.times, why.join(", "))
        })
        .collect();
    let mut description = lines_within(&lines, EMBED_DESCRIPTION_MAX_CHARS);
    if list.len() > UNANSWERED_SHOWN_MAX && description.chars().count() < EMBED_DESCRIPTION_MAX_CHARS - 40 {
        description.push_str(&format!("\n… and {} more", list.len() - UNANSWERED_SHOWN_MAX));
    }
    Card {
        title,
        description,
        footer: Some(
            "Teach me one: /faqadmin add-variant question: entry: (both autocomplete). It answers at once.".to_owned(),
        ),
        ..Card::default()
    }
}

/// Up to 25 listed questions containing `partial` (after normalizing), most frequent first.
pub fn complete_unanswered(list: &[UnansweredQuestion], partial: &str) -> Vec<Choice> {
    let wanted = crate::text::normalize(partial);
    list.iter()
        .filter(|q| q.normalized.contains(&wanted))
        .filter(|q| q.question.chars().count() <= CHOICE_MAX_CHARS)
        .take(AUTOCOMPLETE_MAX_CHOICES)
        .map(|q| Choice { name: q.question.clone(), value: q.question.clone() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut_with_a_count_of_the_rest() {
        let lines: Vec<String> = (0..500).map(|i| format!("line {i} {}", "x".repeat(20))).collect();
        let text = lines_within(&lines, 300);
        assert!(text.chars().count() <= 300, "{} chars", text.chars().count());
        assert!(text.starts_with("line 0 "));
        assert!(text.ends_with(" more"), "{text}");
        let few = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(lines_within(&few, 300), "a\nb");
    }

    #[test]
    fn reload_errors_name_file_and_line_relative_to_the_faq_dir() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("broken.toml"), "[[entry]]\nid = \"x\"\nquestion = \n").unwrap();
        let errors = Faq::load_dir(dir.path()).expect_err("a broken file is refused");
        let card = reload_errors(dir.path(), &errors);
        assert!(card.description.contains("`broken.toml:"), "{}", card.description);
        assert!(!card.description.contains(&dir.path().display().to_string()), "paths are relative");
    }

    #[test]
    fn unanswered_lists_counts_and_reasons() {
        let at = chrono::Utc::now();
        let records = vec![
            crate::app::usage::ReviewQuestion { question: "Pizza?".into(), at, not_helpful_entry: None },
            crate::app::usage::ReviewQuestion { question: "pizza".into(), at, not_helpful_entry: Some("gdpr".into()) },
            crate::app::usage::ReviewQuestion { question: "Other".into(), at, not_helpful_entry: None },
        ];
        let list = review::unanswered(&records, &Default::default());
        let card = unanswered_card(&list, 7);
        let first = card.description.lines().next().unwrap();
        assert!(first.starts_with("1. ") && first.contains("2×") && first.contains("1 not helpful (gdpr)"), "{first}");
        assert_eq!(complete_unanswered(&list, "piz").len(), 1);
        assert_eq!(complete_unanswered(&list, "").len(), 2);
        assert!(unanswered_card(&[], 7).description.contains("Nothing to review"));
    }
}
