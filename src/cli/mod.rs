//! The command line: ask, chat, check and evaluate without Discord.
//!
//! - [`chat`]: the interactive session (line editing and history at a terminal).
//! - [`render`]: the command line's one renderer of the application's messages.

mod chat;
mod render;

pub use chat::{chat, chat_in, ChatOptions, Turn};
pub use render::{render, Rendered};

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};

use crate::app::knowledge::Knowledge;
use crate::app::reply::{self, Reply};
use crate::app::upkeep::StoredVariant;
use crate::app::view::{self, Audience};
use crate::eval::{self, Report};
use crate::faq::{Faq, DEFAULT_MAX_AGE_DAYS, SETTINGS_FILE_NAME};
use crate::lang::Lang;
use crate::matcher::{LangHint, Matcher, MatcherConfig};
use crate::region::Region;
use crate::tr;

#[derive(Debug, Parser)]
#[command(
    name = "optout-bot",
    version,
    about = "Answers questions about opting out of LinkedIn's generative-AI training"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer one question, as the bot would
    Ask {
        /// The question, in your own words
        question: String,
        #[command(flatten)]
        knowledge: KnowledgeArgs,
        /// Print the ranked candidates, their confidences, the decision, the answer, the
        /// place and the facets found as JSON
        #[arg(long)]
        json: bool,
        /// Print the details and every source after the first reply (Discord's "More details")
        #[arg(long)]
        full: bool,
        /// Answer for this region (EU, UK, CH, CA, HK, US, OTHER) instead of the place the question names
        #[arg(long, value_name = "CODE")]
        region: Option<Region>,
        /// Answer in this language (en, de, fr, es, it, nl, pt) instead of the question's own
        #[arg(long, value_name = "CODE")]
        lang: Option<Lang>,
    },
    /// Ask questions interactively, as a conversation (no Discord needed)
    Chat {
        #[command(flatten)]
        knowledge: KnowledgeArgs,
        /// Answer in this language (en, de, fr, es, it, nl, pt) instead of each question's own
        #[arg(long, value_name = "CODE")]
        lang: Option<Lang>,
        /// Print one JSON object per input line (input, decision, id, language, answer, text)
        #[arg(long)]
        json: bool,
    },
    /// Validate an FAQ directory; exits non-zero on any error
    Check {
        #[command(flatten)]
        faq: FaqArgs,
        /// Fail on entries last reviewed more than DAYS days ago (without it they are warnings)
        #[arg(long, value_name = "DAYS")]
        max_age: Option<u32>,
    },
    /// Measure accuracy and speed on a labelled question set (JSON Lines)
    Eval {
        /// The questions to measure on
        questions: PathBuf,
        #[command(flatten)]
        faq: FaqArgs,
        /// Choose the answer threshold on this labelled set first (never the set you report on)
        #[arg(long, value_name = "VAL.jsonl")]
        calibrate_on: Option<PathBuf>,
        /// Store the calibrated threshold in the FAQ directory's settings.toml
        #[arg(long, requires = "calibrate_on")]
        save_threshold: bool,
        /// When calibrating: how much a declined out-of-scope question counts against a correct answer
        #[arg(long, default_value_t = eval::DEFAULT_REJECTION_WEIGHT, requires = "calibrate_on")]
        rejection_weight: f64,
        /// Use this answer threshold instead of the FAQ's setting
        #[arg(long, conflicts_with = "calibrate_on")]
        threshold: Option<f32>,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
        /// How many misses to list in the readable report
        #[arg(long, default_value_t = 40)]
        max_misses: usize,
    },
    /// Measure how long first replies are, in every language (the answer text, no sources)
    Lengths {
        #[command(flatten)]
        faq: FaqArgs,
        /// The length a first reply should stay within
        #[arg(long, default_value_t = crate::faq::FIRST_REPLY_MAX_CHARS)]
        max: usize,
    },
    /// Run the Discord bot (token from DISCORD_TOKEN)
    Run {
        /// Configuration file (see bot.example.toml); defaults serve without one
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        #[command(flatten)]
        faq: FaqArgs,
    },
    /// Maintain the FAQ files
    Faq {
        #[command(subcommand)]
        command: FaqCommand,
    },
    /// Move the bot's database
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy a SQLite database into an empty PostgreSQL one (migrated first), in one transaction
    Copy {
        /// The bot's SQLite database file (stop the bot first)
        #[arg(value_name = "SQLITE_PATH")]
        sqlite: PathBuf,
        /// The empty PostgreSQL database to fill: postgres://user:password@host:5432/database
        #[arg(value_name = "POSTGRES_URL")]
        postgres: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum FaqCommand {
    /// Write the variants moderators added from Discord into the FAQ files, to review and commit
    Export {
        /// The FAQ directory to write into
        #[arg(long, value_name = "DIR", default_value = "faq")]
        faq: PathBuf,
        /// The bot's SQLite database
        #[arg(long, value_name = "PATH", default_value = crate::store::DEFAULT_DB_PATH)]
        db: PathBuf,
        /// Read the variants from this PostgreSQL database instead (or set DATABASE_URL)
        #[arg(long, value_name = "URL", env = "DATABASE_URL", hide_env_values = true)]
        database_url: Option<String>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct FaqArgs {
    /// FAQ directory (default: the FAQ built into this binary)
    #[arg(long, value_name = "DIR")]
    pub faq: Option<PathBuf>,
}

/// Where the knowledge comes from: the FAQ, and the variants moderators taught the bot.
#[derive(Debug, Clone, Args)]
pub struct KnowledgeArgs {
    #[command(flatten)]
    pub faq: FaqArgs,
    /// Also learn the variants moderators taught the bot, from its SQLite database
    #[arg(long, value_name = "PATH", conflicts_with = "database_url")]
    pub db: Option<PathBuf>,
    /// Also learn the taught variants from this PostgreSQL database (or set DATABASE_URL)
    #[arg(long, value_name = "URL", env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

impl KnowledgeArgs {
    /// The knowledge the bot would serve: the FAQ with its thresholds, and the taught
    /// variants when a database is given ([`Knowledge::build`], as the bot builds it).
    pub fn build(&self) -> anyhow::Result<Knowledge> {
        let faq = self.faq.load()?;
        let variants = match (&self.db, self.database_url.as_deref().filter(|url| !url.trim().is_empty())) {
            (None, None) => Vec::new(),
            (db, url) => stored_variants(db.as_deref().unwrap_or(Path::new(crate::store::DEFAULT_DB_PATH)), url)?,
        };
        Ok(Knowledge::build(faq, &variants, &Default::default()))
    }
}

/// The variants moderators taught, from PostgreSQL when `database_url` is given, else from
/// the SQLite database at `db`, which must exist.
fn stored_variants(db: &Path, database_url: Option<&str>) -> anyhow::Result<Vec<StoredVariant>> {
    match database_url.filter(|url| !url.trim().is_empty()) {
        Some(url) => {
            let url = crate::store::DatabaseUrl::parse(url)?;
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async { anyhow::Ok(crate::store::PgStore::open(&url).await?.variants().await?) })
        }
        None => {
            if !db.exists() {
                bail!("no database at {} (the bot creates it on first run; pass --db PATH)", db.display());
            }
            Ok(crate::store::SqliteStore::open(db)?.variants()?)
        }
    }
}

impl FaqArgs {
    pub fn load(&self) -> anyhow::Result<Faq> {
        match &self.faq {
            Some(dir) => Faq::load_dir(dir).map_err(|errors| anyhow::anyhow!("{errors}")),
            None => Ok(Faq::embedded()),
        }
    }

    fn describe(&self) -> String {
        self.faq.as_ref().map_or_else(|| "built-in FAQ".to_owned(), |d| d.display().to_string())
    }
}

/// Writes a line to stdout, returning the error instead of panicking (as
/// `println!` does when the reader of a pipe has gone away).
macro_rules! out {
    ($($arg:tt)*) => { writeln!(std::io::stdout().lock(), $($arg)*)? };
}

/// Like [`out!`] without the newline.
macro_rules! out_raw {
    ($($arg:tt)*) => { write!(std::io::stdout().lock(), $($arg)*)? };
}

/// Runs the command line; the binary's `main` is only this.
/// How the binary serves the bot (`optout-bot run`): it owns signals and exit codes.
pub type Serve = fn(config: Option<PathBuf>, faq_dir: Option<PathBuf>) -> ExitCode;

pub fn main(serve: Serve) -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command, serve) {
        Ok(code) => code,
        // `optout-bot ask ... | head`: the reader stopped listening; nothing went wrong here.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(command: Command, serve: Serve) -> anyhow::Result<ExitCode> {
    match command {
        Command::Ask { question, knowledge, json, full, region, lang } => {
            let knowledge = knowledge.build()?;
            let hint = lang.map_or(LangHint::None, LangHint::Forced);
            let asked = reply::ask(&knowledge, &question, region, hint, None);
            let message = view::reply(&knowledge.faq, &asked, &question, Audience::Private);
            let rendered = render(&message, &knowledge.faq, asked.lang);
            if json {
                let mut value = serde_json::to_value(&asked.outcome)?;
                if let Some(object) = value.as_object_mut() {
                    object.insert("answer".into(), rendered.answer.clone().into());
                    object.insert("place".into(), serde_json::to_value(asked.place)?);
                    object.insert("region".into(), asked.place.map(|p| p.region.code()).into());
                    object.insert("facets".into(), serde_json::to_value(&asked.facets)?);
                }
                out!("{}", serde_json::to_string_pretty(&value)?);
                return Ok(ExitCode::SUCCESS);
            }
            let mut text = rendered.text;
            match (&asked.reply, &rendered.more) {
                (Reply::Decline(_), _) => text = format!("{text}\n{}", tr!(asked.lang, "cli-ask-decline-hint")),
                (_, Some(id)) if full => {
                    let details =
                        render(&crate::app::browse::details(&knowledge, id, asked.lang), &knowledge.faq, asked.lang);
                    text = format!("{text}\n\n---\n\n{}", details.text);
                }
                (_, Some(_)) => text = format!("{text}\n{}", tr!(asked.lang, "cli-ask-full-hint")),
                _ => {}
            }
            out!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Run { config, faq } => Ok(serve(config, faq.faq)),
        Command::Lengths { faq, max } => {
            out_raw!("{}", render_lengths(&view::first_replies(&faq.load()?), max));
            Ok(ExitCode::SUCCESS)
        }
        Command::Chat { knowledge, lang, json } => {
            let knowledge = knowledge.build()?;
            let options = ChatOptions { lang, json };
            if std::io::stdin().is_terminal() && !json {
                chat::chat_at_terminal(&knowledge, options)?;
            } else {
                chat_in(&knowledge, options, std::io::stdin().lock(), std::io::stdout().lock())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { faq: args, max_age } => match args.load() {
            Ok(faq) => {
                for warning in faq.warnings() {
                    eprintln!("warning: {warning}");
                }
                let today = chrono::Local::now().date_naive();
                let stale = faq.stale(today, max_age.unwrap_or(DEFAULT_MAX_AGE_DAYS));
                let days = max_age.unwrap_or(DEFAULT_MAX_AGE_DAYS);
                match max_age {
                    Some(_) if !stale.is_empty() => {
                        for entry in &stale {
                            eprintln!("{entry}");
                        }
                        eprintln!("{} stale entries (reviewed more than {days} days ago, or never)", stale.len());
                        return Ok(ExitCode::FAILURE);
                    }
                    _ => {
                        for entry in &stale {
                            eprintln!("warning: {entry} (older than {days} days)");
                        }
                    }
                }
                let small_talk = faq.entries().iter().filter(|e| e.is_small_talk()).count();
                let topics = faq.topics().len() - usize::from(small_talk > 0);
                let entries = faq.entries().len() - small_talk;
                out!("ok: {entries} entries in {topics} topics, {small_talk} small-talk replies ({})", args.describe());
                Ok(ExitCode::SUCCESS)
            }
            Err(error) => {
                eprintln!("{error}");
                Ok(ExitCode::FAILURE)
            }
        },
        Command::Eval {
            questions,
            faq: args,
            calibrate_on,
            save_threshold,
            rejection_weight,
            threshold,
            json,
            max_misses,
        } => {
            let loading = std::time::Instant::now();
            let faq = args.load()?;
            let faq_load_ms = loading.elapsed().as_secs_f64() * 1e3;
            let mut config = MatcherConfig::for_settings(faq.settings());
            if let Some(threshold) = threshold {
                config.answer_threshold = threshold;
                config.suggest_threshold = config.suggest_threshold.min(threshold);
            }
            let mut calibration = None;
            if let Some(path) = &calibrate_on {
                let labelled = read_questions(&faq, path)?;
                let chosen = eval::calibrate(&faq, &config, &labelled, rejection_weight);
                config.answer_threshold = chosen.answer_threshold;
                config.suggest_threshold = chosen.suggest_threshold;
                if save_threshold {
                    let dir = args
                        .faq
                        .as_deref()
                        .context("--save-threshold needs --faq DIR (the built-in FAQ is read-only)")?;
                    save_thresholds(dir, chosen.answer_threshold, chosen.suggest_threshold)?;
                    eprintln!(
                        "saved answer_threshold = {:.4} in {}",
                        chosen.answer_threshold,
                        dir.join(SETTINGS_FILE_NAME).display()
                    );
                }
                calibration = Some(chosen);
            }
            let labelled = read_questions(&faq, &questions)?;
            let indexing = std::time::Instant::now();
            let matcher = Matcher::new(&faq, config);
            let load_ms = faq_load_ms + indexing.elapsed().as_secs_f64() * 1e3;
            let mut report = eval::evaluate(&matcher, &labelled);
            report.load_ms = load_ms;
            report.calibration.chosen = calibration.clone();
            if json {
                let mut value = serde_json::to_value(&report)?;
                if let Some(object) = value.as_object_mut() {
                    object.remove("misses");
                    object.insert("sibling_confusions".into(), eval::sibling_confusions(&faq, &report).len().into());
                }
                out!("{}", serde_json::to_string_pretty(&value)?);
            } else {
                if let (Some(chosen), Some(path)) = (&calibration, &calibrate_on) {
                    out!(
                        "calibrated on {}: answer_threshold {:.4} (top-1 {:.3}, rejection {:.3} there)\n",
                        path.display(),
                        chosen.answer_threshold,
                        chosen.top1_accuracy,
                        chosen.rejection_rate
                    );
                }
                out_raw!("{}", render_report(&faq, &report, max_misses));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Faq { command: FaqCommand::Export { faq, db, database_url } } => {
            export_faq(&faq, &db, database_url.as_deref())
        }
        Command::Db { command: DbCommand::Copy { sqlite, postgres } } => copy_db(&sqlite, &postgres),
    }
}

/// `db copy`: the SQLite database into an empty PostgreSQL one, a line per table.
fn copy_db(sqlite: &Path, postgres: &str) -> anyhow::Result<ExitCode> {
    let url = crate::store::DatabaseUrl::parse(postgres)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let report = runtime.block_on(crate::store::copy_sqlite_to_postgres(sqlite, &url))?;
    for (table, rows) in &report.tables {
        out!("{table}: {rows} row(s)");
    }
    out!("copied {} row(s) from {} into {url}", report.total(), sqlite.display());
    Ok(ExitCode::SUCCESS)
}

/// `faq export`: the store's variants into the FAQ files, then a check that they still load.
fn export_faq(dir: &Path, db: &Path, database_url: Option<&str>) -> anyhow::Result<ExitCode> {
    let variants = stored_variants(db, database_url)?;
    let faq = Faq::load_dir(dir).map_err(|errors| anyhow::anyhow!("{errors}"))?;
    let report = crate::export::export_variants(&faq, &variants)?;
    for (path, count) in &report.written {
        out!("{}: {count} variant(s) added", path.display());
    }
    for id in &report.unknown_entries {
        eprintln!("warning: entry `{id}` is not in {}; its variants were not exported", dir.display());
    }
    out!("exported {} variant(s); {} already in the files", report.total_written(), report.already_present);
    Faq::load_dir(dir).map_err(|errors| anyhow::anyhow!("the FAQ no longer loads after the export:\n{errors}"))?;
    Ok(ExitCode::SUCCESS)
}

fn read_questions(faq: &Faq, path: &Path) -> anyhow::Result<Vec<eval::LabelledQuestion>> {
    let questions = eval::load_questions(path)?;
    if questions.is_empty() {
        bail!("{}: no questions in the file", path.display());
    }
    let unknown = eval::unknown_expected_ids(faq, &questions);
    if !unknown.is_empty() {
        bail!("{}: expected ids not in the FAQ: {}", path.display(), unknown.join(", "));
    }
    Ok(questions)
}

/// Writes the thresholds into `dir/settings.toml`, keeping everything else in it (comments included).
pub fn save_thresholds(dir: &Path, answer: f32, suggest: f32) -> anyhow::Result<()> {
    let path = dir.join(SETTINGS_FILE_NAME);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut document: toml_edit::DocumentMut =
        existing.parse().with_context(|| format!("{} is not valid TOML", path.display()))?;
    // Four decimals, printed as such (an f32 widened to f64 would print 0.18780000507831573).
    let round = |x: f32| format!("{x:.4}").parse::<f64>().unwrap_or(f64::from(x));
    document["answer_threshold"] = toml_edit::value(round(answer));
    document["suggest_threshold"] = toml_edit::value(round(suggest));
    std::fs::write(&path, document.to_string()).with_context(|| format!("cannot write {}", path.display()))
}

/// `lengths`: per language, how many first replies stay within `max` characters, and the
/// ones that do not.
fn render_lengths(replies: &[view::FirstReply], max: usize) -> String {
    let mut out = format!("language  replies  within {max}  share   longest\n");
    let mut languages: Vec<Lang> = replies.iter().map(|r| r.lang).collect();
    languages.dedup();
    let line = |label: &str, of: &[&view::FirstReply]| {
        let within = of.iter().filter(|r| r.chars <= max).count();
        let share = within as f64 / of.len().max(1) as f64;
        let longest = of.iter().map(|r| r.chars).max().unwrap_or(0);
        format!("{label:<10}{:>7}  {within:>10}  {share:>5.3}  {longest:>8}\n", of.len())
    };
    for lang in &languages {
        let of: Vec<&view::FirstReply> = replies.iter().filter(|r| r.lang == *lang).collect();
        out.push_str(&line(lang.code(), &of));
    }
    out.push_str(&line("all", &replies.iter().collect::<Vec<_>>()));
    let over: Vec<&view::FirstReply> = replies.iter().filter(|r| r.chars > max).collect();
    if !over.is_empty() {
        out.push_str(&format!("\nover {max} characters ({}):\n", over.len()));
        for reply in over {
            out.push_str(&format!("  [{}] {} {}: {}\n", reply.lang, reply.id, reply.shape, reply.chars));
        }
    }
    out
}

fn render_report(faq: &Faq, report: &Report, max_misses: usize) -> String {
    let mut out = String::new();
    let line = |out: &mut String, label: &str, value: String| out.push_str(&format!("{label:<24}{value}\n"));
    line(&mut out, "questions", report.questions.to_string());
    line(&mut out, "in scope", report.in_scope.count.to_string());
    line(&mut out, "  top-1 accuracy", format!("{:.3}", report.in_scope.top1_accuracy));
    line(&mut out, "  top-3 accuracy", format!("{:.3}", report.in_scope.top3_accuracy));
    line(&mut out, "out of scope", report.out_of_scope.count.to_string());
    line(&mut out, "  rejection rate", format!("{:.3}", report.out_of_scope.rejection_rate));
    line(
        &mut out,
        "sibling confusions",
        format!("{} (answered a neighbour of the expected entry)", eval::sibling_confusions(faq, report).len()),
    );
    line(&mut out, "latency p50 / p99", format!("{:.1} µs / {:.1} µs", report.latency_us.p50, report.latency_us.p99));
    line(&mut out, "queries per second", format!("{:.0}", report.queries_per_second));
    line(&mut out, "FAQ load + index", format!("{:.0} ms", report.load_ms));
    line(&mut out, "answer threshold", format!("{:.4}", report.answer_threshold));
    line(
        &mut out,
        "calibration error",
        format!(
            "{:.3} (expected, over {} bands)",
            report.calibration.expected_calibration_error,
            report.calibration.reliability.len()
        ),
    );
    if !report.by_language.is_empty() {
        out.push_str("\nlanguage  questions  top-1  rejection  reply in it  detected\n");
        for (lang, figures) in &report.by_language {
            out.push_str(&format!(
                "{:<10}{:>9}  {:.3}  {:>9.3}  {:>11.3}  {:>8.3}\n",
                lang.code(),
                figures.questions,
                figures.top1_accuracy,
                figures.rejection_rate,
                figures.reply_language_accuracy,
                figures.detected_confidently
            ));
        }
    }
    if !report.misses.is_empty() {
        out.push_str(&format!("\nmisses ({}):\n", report.misses.len()));
        for miss in report.misses.iter().take(max_misses) {
            let expected = if miss.expected.is_empty() { "(decline)".to_owned() } else { miss.expected.join(" | ") };
            let got = match (&miss.decision, &miss.best) {
                (crate::matcher::Decision::Answer, Some((id, c))) => format!("answered {id} ({c:.2})"),
                (crate::matcher::Decision::Suggest { .. }, Some((id, c))) => format!("suggested {id} ({c:.2})"),
                (crate::matcher::Decision::SmallTalk { id }, _) => format!("replied with small talk {id}"),
                (_, Some((id, c))) => format!("declined (best {id} {c:.2})"),
                (_, None) => "declined".to_owned(),
            };
            let lang = miss.lang.map(|l| format!("[{l}] ")).unwrap_or_default();
            out.push_str(&format!("  {lang}{:?}\n      expected {expected}; {got}\n", miss.question));
        }
        if report.misses.len() > max_misses {
            out.push_str(&format!("  … and {} more (--max-misses N)\n", report.misses.len() - max_misses));
        }
    }
    out
}
