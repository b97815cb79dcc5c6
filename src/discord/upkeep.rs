//! FAQ upkeep from Discord, for moderators: `/faq reload`, `/faq unanswered`,
//! `/faq add-variant` and `/faq stats`.
//!
//! The FAQ files stay the source of truth; the store holds only the variants moderators
//! add, layered over the files at start-up and after every reload
//! ([`crate::export::apply_variants`]). Each change builds a new [`Knowledge`] and swaps it
//! in whole, so a question is matched against the old FAQ or the new one, never half of each.
//!
//! These are subcommands of the public `/faq`, and Discord applies
//! `default_member_permissions` to top-level commands only: the server-side check
//! ([`moderator::check`], and [`moderator::is_moderator`] in autocomplete) is what gates them.

use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::Duration;
use serenity::all::{AutocompleteChoice, CreateAttachment, CreateAutocompleteResponse, CreateEmbed};
use tracing::{info, warn};

use super::http_retry::with_retry;
use super::moderator;
use super::render::{self, Audience, Card, Choice};
use super::usage::RecentQuestions;
use super::{safety, Context, Data, Error, Knowledge, QUESTION_MAX_CHARS};
use crate::app::audit::{AuditAction, AuditLog, NewAuditEntry};
use crate::app::upkeep::{NewVariant, StoredVariant};
use crate::export::{self, UnansweredQuestion};
use crate::faq::{Faq, FaqErrors};
use crate::limits::{AUTOCOMPLETE_MAX_CHOICES, CHOICE_MAX_CHARS, EMBED_DESCRIPTION_MAX_CHARS};
use crate::matcher::Decision;
use crate::stats;

/// Questions `/faq unanswered` lists; more would not fit an embed readably.
pub const UNANSWERED_SHOWN_MAX: usize = 20;

/// The file name `/faq stats` attaches, and its embed points at.
pub const STATS_FILE_NAME: &str = "stats.png";

/// What upkeep shares across commands.
#[derive(Debug, Default)]
pub struct Upkeep {
    /// One FAQ change at a time: a reload and an added variant racing could each swap in
    /// a FAQ without the other's change.
    pub changing: tokio::sync::Mutex<()>,
    /// The question behind each recent answer, for "not helpful" votes.
    pub recent: Mutex<RecentQuestions>,
}

/// The FAQ with the stored variants applied, and its matcher. Logs the entries that
/// stored variants name but the FAQ no longer has.
pub fn knowledge_with_variants(
    mut faq: Faq,
    variants: &[StoredVariant],
    thresholds: &crate::config::Thresholds,
) -> Knowledge {
    let unknown = export::apply_variants(&mut faq, variants);
    if !unknown.is_empty() {
        warn!(entries = ?unknown, "stored variants name entries the FAQ no longer has; run `optout-bot faq export` after renaming");
    }
    Knowledge::new(faq, thresholds)
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
    Ok(tokio::task::spawn_blocking(work).await?)
}

fn guild_of(ctx: Context<'_>) -> u64 {
    ctx.guild_id().map_or(super::usage::DM_GUILD, |g| g.get())
}

async fn audit(log: &dyn AuditLog, entry: NewAuditEntry) {
    if let Err(error) = log.record_audit(&entry).await {
        warn!(error = %error, "audit entry not recorded");
    }
}

async fn send(ctx: Context<'_>, message: &render::Message) -> Result<(), Error> {
    let reply = render::create_reply(message);
    with_retry("command reply", || ctx.send(reply.clone())).await?;
    Ok(())
}

fn private_text(text: impl Into<String>) -> render::Message {
    render::Message {
        content: Some(safety::cap(&text.into(), crate::limits::MESSAGE_CONTENT_MAX_CHARS)),
        card: None,
        buttons: vec![],
        audience: Audience::Private,
    }
}

fn private_card(card: Card) -> render::Message {
    render::Message { content: None, card: Some(card), buttons: vec![], audience: Audience::Private }
}

/// Reload the FAQ files from disk (moderators)
#[poise::command(slash_command, guild_only, check = "crate::discord::moderator::check")]
pub async fn reload(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let Some(dir) = data.config.faq_dir.clone() else {
        return send(ctx, &private_text(BUILT_IN_FAQ)).await;
    };
    with_retry("defer", || ctx.defer_ephemeral()).await?;
    let _changing = data.upkeep.changing.lock().await;
    let load_dir = dir.clone();
    let loaded = blocking(move || Faq::load_dir(&load_dir)).await?;
    let (guild, actor) = (guild_of(ctx), ctx.author().id.get());
    let (message, details) = match loaded {
        Err(errors) => {
            info!(errors = errors.0.len(), dir = %dir.display(), "faq reload refused");
            let details = format!("reload failed with {} error(s); kept the current FAQ", errors.0.len());
            (private_card(reload_errors(&dir, &errors)), details)
        }
        Ok(faq) => {
            let variants = data.store.variants.variants().await?;
            let thresholds = data.config.thresholds.clone();
            let knowledge = blocking(move || knowledge_with_variants(faq, &variants, &thresholds)).await?;
            let entries = knowledge.faq.entries().len();
            data.knowledge.store(Arc::new(knowledge));
            info!(entries, dir = %dir.display(), "faq reloaded");
            let details = format!("reloaded {entries} entries from {}", dir.display());
            let text = format!(
                "Reloaded the FAQ from `{}`: {entries} entries, with the variants added from Discord.",
                dir.display()
            );
            (private_text(text), details)
        }
    };
    let at = data.clock.now();
    audit(
        &*data.store.audit,
        NewAuditEntry { guild_id: guild, actor_id: actor, action: AuditAction::FaqReloaded, details, at },
    )
    .await;
    send(ctx, &message).await
}

/// What `/faq reload` says when the bot runs the FAQ built into its binary.
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
        footer: Some("I keep answering with the FAQ I had. Fix the files and run /faq reload again.".to_owned()),
        ..Card::default()
    }
}

/// `lines` joined, as many as fit in `max` characters, then "… and N more".
pub fn lines_within(lines: &[String], max: usize) -> String {
    let mut out = String::new();
    for (index, line) in lines.iter().enumerate() {
        let more = lines.len() - index;
        let tail = format!("\n… and {more} more");
        let needed = out.chars().count() + usize::from(!out.is_empty()) + line.chars().count();
        let room_for_tail = if more > 1 { tail.chars().count() } else { 0 };
        if needed + room_for_tail > max {
            if out.chars().count() + tail.chars().count() <= max {
                out.push_str(if out.is_empty() { tail.trim_start() } else { &tail });
            }
            return out;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Questions I declined or that were voted not helpful, most frequent first (moderators)
#[poise::command(slash_command, guild_only, check = "crate::discord::moderator::check")]
pub async fn unanswered(
    ctx: Context<'_>,
    #[description = "How many days back to look (default 30)"]
    #[min = 1]
    #[max = 365]
    days: Option<u32>,
) -> Result<(), Error> {
    let days = days.unwrap_or(stats::DEFAULT_DAYS).clamp(1, stats::MAX_DAYS);
    let list = unanswered_list(ctx.data(), guild_of(ctx), days).await?;
    send(ctx, &private_card(unanswered_card(&list, days))).await
}

async fn unanswered_list(data: &Data, guild: u64, days: u32) -> Result<Vec<UnansweredQuestion>, Error> {
    let since = data.clock.now() - Duration::days(i64::from(days));
    let records = data.store.usage.review_questions(guild, since).await?;
    let known = export::known_phrasings(&data.knowledge.load().faq);
    Ok(export::unanswered(&records, &known))
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
            "Teach me one: /faq add-variant question: entry: (both autocomplete). It answers at once.".to_owned(),
        ),
        ..Card::default()
    }
}

/// Teach me a question: add it as a variant of an entry (moderators)
#[poise::command(slash_command, guild_only, rename = "add-variant", check = "crate::discord::moderator::check")]
pub async fn add_variant(
    ctx: Context<'_>,
    #[description = "The question, as people asked it"]
    #[autocomplete = "autocomplete_unanswered"]
    question: String,
    #[description = "The id of the entry that answers it"]
    #[autocomplete = "autocomplete_entry"]
    entry: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let question = safety::cap(question.trim(), QUESTION_MAX_CHARS);
    let entry = entry.trim().to_owned();
    if question.is_empty() {
        return send(ctx, &private_text("The question is empty: nothing to add.")).await;
    }
    if data.knowledge.load().faq.entry(&entry).is_none() {
        return send(ctx, &render::unknown_entry(&entry)).await;
    }
    let _changing = data.upkeep.changing.lock().await;
    let variant = NewVariant {
        guild_id: guild_of(ctx),
        entry_id: entry.clone(),
        text: question.clone(),
        added_by: ctx.author().id.get(),
        at: data.clock.now(),
    };
    let added = data.store.variants.add_variant(&variant).await?;
    if !added {
        let text = format!("Entry `{entry}` already has “{}” as a variant.", safety::echo(&question));
        return send(ctx, &private_text(text)).await;
    }
    let mut faq = data.knowledge.load().faq.clone();
    faq.add_variants(&entry, [question.clone()]);
    let thresholds = data.config.thresholds.clone();
    let knowledge = blocking(move || Knowledge::new(faq, &thresholds)).await?;
    let outcome = knowledge.matcher.find(&question);
    let now_answers = match outcome.decision {
        Decision::Answer => outcome.answer().map(|a| a.id.to_string()),
        _ => None,
    };
    data.knowledge.store(Arc::new(knowledge));
    info!(entry = %entry, user = %ctx.author().id, "variant added");
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
    send(ctx, &private_text(text)).await
}

fn autocomplete(choices: Vec<Choice>) -> CreateAutocompleteResponse {
    CreateAutocompleteResponse::new()
        .set_choices(choices.into_iter().map(|c| AutocompleteChoice::new(c.name, c.value)).collect())
}

/// The questions to review that contain what was typed; only for moderators, since they
/// are other people's words.
async fn autocomplete_unanswered(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    if !moderator::is_moderator(&ctx, &ctx.data().config) {
        return autocomplete(Vec::new());
    }
    let list = unanswered_list(ctx.data(), guild_of(ctx), stats::DEFAULT_DAYS).await.unwrap_or_else(|error| {
        warn!(error = %error, "unanswered questions unavailable for autocomplete");
        Vec::new()
    });
    autocomplete(complete_unanswered(&list, partial))
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

async fn autocomplete_entry(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    if !moderator::is_moderator(&ctx, &ctx.data().config) {
        return autocomplete(Vec::new());
    }
    let knowledge = ctx.data().knowledge.load();
    autocomplete(render::complete_id(&knowledge.faq, partial))
}

/// Usage as a chart: most-asked entries, decline rate, helpful votes (moderators)
#[poise::command(slash_command, guild_only, check = "crate::discord::moderator::check")]
pub async fn stats(
    ctx: Context<'_>,
    #[description = "How many days back to count (default 30)"]
    #[min = 1]
    #[max = 365]
    days: Option<u32>,
) -> Result<(), Error> {
    with_retry("defer", || ctx.defer_ephemeral()).await?;
    let data = ctx.data();
    let now = data.clock.now();
    let (days, since) = stats::period(days, now)?;
    let activity = data.store.usage.activity(guild_of(ctx), since).await?;
    let stats = stats::collect(activity, days, since, now);
    let (stats, png) = blocking(move || {
        let png = stats::render_png(&stats)?;
        Ok::<_, stats::StatsError>((stats, png))
    })
    .await??;
    let percent = |value: Option<f64>| value.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0));
    let embed = CreateEmbed::new()
        .title(format!("FAQ usage, last {} days", stats.days))
        .description(safety::cap(&stats.summary(), EMBED_DESCRIPTION_MAX_CHARS))
        .field("Answered", stats.answered.to_string(), true)
        .field("Declined", format!("{} ({})", stats.declined, percent(stats.decline_rate())), true)
        .field(
            "Helpful votes",
            format!("{} ({} of {})", percent(stats.helpful_ratio()), stats.helpful, stats.helpful + stats.not_helpful),
            true,
        )
        .image(format!("attachment://{STATS_FILE_NAME}"));
    let reply = poise::CreateReply::default()
        .ephemeral(true)
        .allowed_mentions(safety::no_mentions())
        .embed(embed)
        .attachment(CreateAttachment::bytes(png, STATS_FILE_NAME));
    with_retry("stats reply", || ctx.send(reply.clone())).await?;
    Ok(())
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
        let list = export::unanswered(&records, &Default::default());
        let card = unanswered_card(&list, 7);
        let first = card.description.lines().next().unwrap();
        assert!(first.starts_with("1. ") && first.contains("2×") && first.contains("1 not helpful (gdpr)"), "{first}");
        assert_eq!(complete_unanswered(&list, "piz").len(), 1);
        assert_eq!(complete_unanswered(&list, "").len(), 2);
        assert!(unanswered_card(&[], 7).description.contains("Nothing to review"));
    }
}
