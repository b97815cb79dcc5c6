//! The FAQ: entries loaded from `*.toml` files, validated, with the directory's settings.
//!
//! Loading is all-or-nothing: a directory with any error yields the full list of
//! errors (each naming file, line and problem) and no [`Faq`], so a caller that
//! already serves an FAQ keeps serving it.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::limits::{EMBED_DESCRIPTION_MAX_CHARS, EMBED_TITLE_MAX_CHARS};

/// The file in an FAQ directory that holds matcher settings instead of entries.
pub const SETTINGS_FILE_NAME: &str = "settings.toml";

/// The file in an FAQ directory that holds questions the FAQ must not answer
/// (`questions = [...]`): off-topic wordings that look like in-scope ones, which
/// teach the matcher what is *not* an entry.
pub const NEGATIVES_FILE_NAME: &str = "negatives.toml";

/// An id ends up inside Discord custom ids (at most 100 characters, shared with
/// a prefix and a second id), so it is kept well below that.
pub const ID_MAX_CHARS: usize = 40;

/// The FAQ shipped with the bot, built into the binary so an installed
/// `optout-bot` answers from any directory.
static EMBEDDED_FAQ: include_dir::Dir<'_> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/faq");

/// One question people ask, with the answer the bot gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    pub topic: String,
    pub question: String,
    pub variants: Vec<String>,
    pub answer: String,
    /// Where the answer's facts come from (a citation; a link when there is one).
    pub source: Option<String>,
    /// When a person last checked the answer against its source (`YYYY-MM-DD`).
    pub last_reviewed: Option<String>,
    /// Where the entry was read from, for messages that point moderators at it.
    pub location: Location,
}

impl Entry {
    /// The question followed by every variant: all the phrasings the matcher learns from.
    pub fn phrasings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.question.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

/// A place in an FAQ file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// Matcher settings kept beside the entries, in [`SETTINGS_FILE_NAME`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaqSettings {
    /// Confidence at or above which the best entry is answered directly.
    pub answer_threshold: Option<f32>,
    /// Confidence at or above which close candidates are offered as "did you mean".
    pub suggest_threshold: Option<f32>,
    #[serde(default)]
    pub scope: Scope,
}

/// What the FAQ is about, so questions about someone else's policy are declined
/// even when they share every other word with an entry.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// What the FAQ covers, in words for a decline ("LinkedIn's AI-training opt-out").
    pub name: Option<String>,
    /// Names of this FAQ's subject (e.g. "linkedin"); a question naming one is in scope.
    #[serde(default)]
    pub subject: Vec<String>,
    /// Names of other subjects (e.g. "Meta", "Reddit"), as they are shown; a
    /// question naming one of these and none of `subject` is declined.
    #[serde(default)]
    pub others: Vec<String>,
}

/// A validated FAQ.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faq {
    entries: Vec<Entry>,
    settings: FaqSettings,
    /// Questions no entry answers (from [`NEGATIVES_FILE_NAME`]).
    negatives: Vec<String>,
}

impl Faq {
    /// The FAQ built into the binary (the repository's `faq/` at build time).
    pub fn embedded() -> Faq {
        let mut files = Vec::new();
        collect_embedded(&EMBEDDED_FAQ, &mut files);
        Faq::from_sources(files).expect("the embedded FAQ is validated by `cargo test`")
    }

    /// Loads every `*.toml` file under `dir` (recursively, in path order).
    pub fn load_dir(dir: &Path) -> Result<Faq, FaqErrors> {
        let mut paths = Vec::new();
        collect_toml_files(dir, &mut paths)
            .map_err(|e| FaqErrors(vec![FaqError::whole_file(dir, Problem::Unreadable(e.to_string()))]))?;
        paths.sort();
        let mut sources = Vec::with_capacity(paths.len());
        let mut errors = Vec::new();
        for path in paths {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                    sources.push(SourceFile { display: path, relative, text });
                }
                Err(e) => errors.push(FaqError::whole_file(&path, Problem::Unreadable(e.to_string()))),
            }
        }
        if !errors.is_empty() {
            return Err(FaqErrors(errors));
        }
        if sources.is_empty() {
            return Err(FaqErrors(vec![FaqError::whole_file(dir, Problem::NoEntries)]));
        }
        Faq::from_sources(sources)
    }

    /// Builds an FAQ from in-memory files; `(path, text)` pairs, path relative to the FAQ root.
    pub fn from_files<P: Into<PathBuf>>(files: impl IntoIterator<Item = (P, String)>) -> Result<Faq, FaqErrors> {
        Faq::from_sources(
            files
                .into_iter()
                .map(|(path, text)| {
                    let path = path.into();
                    SourceFile { display: path.clone(), relative: path, text }
                })
                .collect(),
        )
    }

    fn from_sources(files: Vec<SourceFile>) -> Result<Faq, FaqErrors> {
        let mut errors = Vec::new();
        let mut settings = FaqSettings::default();
        let mut negatives = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut first_seen: HashMap<String, Location> = HashMap::new();
        for file in &files {
            if file.relative == Path::new(SETTINGS_FILE_NAME) {
                match parse_settings(file) {
                    Ok(parsed) => settings = parsed,
                    Err(e) => errors.extend(e),
                }
                continue;
            }
            if file.relative == Path::new(NEGATIVES_FILE_NAME) {
                match parse_negatives(file) {
                    Ok(parsed) => negatives = parsed,
                    Err(e) => errors.extend(e),
                }
                continue;
            }
            let raw: RawFile = match toml::from_str(&file.text) {
                Ok(raw) => raw,
                Err(e) => {
                    errors.push(FaqError::from_toml(file, &e));
                    continue;
                }
            };
            for raw_entry in raw.entry {
                let entry_line = line_of(&file.text, raw_entry.span().start);
                let (entry, problems) = validate_entry(file, entry_line, raw_entry.into_inner());
                errors.extend(problems);
                if let Some(first) = first_seen.get(&entry.id) {
                    errors.push(FaqError {
                        file: file.display.clone(),
                        line: entry.location.line,
                        problem: Problem::DuplicateId { id: entry.id.clone(), first: first.clone() },
                    });
                    continue;
                }
                first_seen.insert(entry.id.clone(), entry.location.clone());
                entries.push(entry);
            }
        }
        if errors.is_empty() && entries.is_empty() {
            let where_ = files.first().map(|f| f.display.clone()).unwrap_or_default();
            errors.push(FaqError::whole_file(&where_, Problem::NoEntries));
        }
        if errors.is_empty() {
            Ok(Faq { entries, settings, negatives })
        } else {
            Err(FaqErrors(errors))
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn settings(&self) -> &FaqSettings {
        &self.settings
    }

    /// Questions no entry answers, for the matcher to learn from.
    pub fn negatives(&self) -> &[String] {
        &self.negatives
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.id == id)
    }

    /// Topics in the order they first appear.
    pub fn topics(&self) -> Vec<&str> {
        let mut topics: Vec<&str> = Vec::new();
        for entry in &self.entries {
            if !topics.contains(&entry.topic.as_str()) {
                topics.push(&entry.topic);
            }
        }
        topics
    }

    /// Adds phrasings to an entry (moderators teaching the bot); returns false when the id is unknown.
    pub fn add_variants(&mut self, id: &str, variants: impl IntoIterator<Item = String>) -> bool {
        let Some(entry) = self.entries.iter_mut().find(|entry| entry.id == id) else {
            return false;
        };
        for variant in variants {
            if !entry.phrasings().any(|known| known == variant) {
                entry.variants.push(variant);
            }
        }
        true
    }
}

struct SourceFile {
    /// The path shown in errors.
    display: PathBuf,
    /// The path relative to the FAQ root, to recognise the settings file.
    relative: PathBuf,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Spanned<String>,
    topic: Spanned<String>,
    question: Spanned<String>,
    variants: Spanned<Vec<Spanned<String>>>,
    answer: Spanned<String>,
    source: Option<Spanned<String>>,
    last_reviewed: Option<Spanned<String>>,
}

fn validate_entry(file: &SourceFile, entry_line: usize, raw: RawEntry) -> (Entry, Vec<FaqError>) {
    let mut errors = Vec::new();
    let mut problem_at = |span: std::ops::Range<usize>, problem: Problem| {
        errors.push(FaqError { file: file.display.clone(), line: line_of(&file.text, span.start), problem });
    };
    let mut required = |field: &'static str, value: &Spanned<String>| {
        if value.get_ref().trim().is_empty() {
            problem_at(value.span(), Problem::EmptyField { field });
        }
    };
    required("id", &raw.id);
    required("topic", &raw.topic);
    required("question", &raw.question);
    required("answer", &raw.answer);

    let id = raw.id.get_ref().trim();
    if !id.is_empty() && !is_kebab_case(id) {
        problem_at(raw.id.span(), Problem::InvalidId { id: id.to_owned() });
    }
    if id.chars().count() > ID_MAX_CHARS {
        problem_at(raw.id.span(), Problem::TooLong { field: "id", chars: id.chars().count(), limit: ID_MAX_CHARS });
    }
    let question_chars = raw.question.get_ref().chars().count();
    if question_chars > EMBED_TITLE_MAX_CHARS {
        problem_at(
            raw.question.span(),
            Problem::TooLong { field: "question", chars: question_chars, limit: EMBED_TITLE_MAX_CHARS },
        );
    }
    let answer_chars = raw.answer.get_ref().chars().count();
    if answer_chars > EMBED_DESCRIPTION_MAX_CHARS {
        problem_at(
            raw.answer.span(),
            Problem::TooLong { field: "answer", chars: answer_chars, limit: EMBED_DESCRIPTION_MAX_CHARS },
        );
    }
    if raw.variants.get_ref().is_empty() {
        problem_at(raw.variants.span(), Problem::EmptyField { field: "variants" });
    }
    for variant in raw.variants.get_ref() {
        if variant.get_ref().trim().is_empty() {
            problem_at(variant.span(), Problem::EmptyField { field: "variants" });
        }
    }
    if let Some(date) = &raw.last_reviewed {
        if !is_iso_date(date.get_ref()) {
            problem_at(date.span(), Problem::InvalidDate { value: date.get_ref().clone() });
        }
    }
    let entry = Entry {
        id: id.to_owned(),
        topic: raw.topic.into_inner().trim().to_owned(),
        question: raw.question.into_inner().trim().to_owned(),
        variants: raw.variants.into_inner().into_iter().map(|v| v.into_inner().trim().to_owned()).collect(),
        answer: raw.answer.into_inner().trim().to_owned(),
        source: raw.source.map(|s| s.into_inner().trim().to_owned()).filter(|s| !s.is_empty()),
        last_reviewed: raw.last_reviewed.map(Spanned::into_inner),
        location: Location { file: file.display.clone(), line: entry_line },
    };
    (entry, errors)
}

fn parse_settings(file: &SourceFile) -> Result<FaqSettings, Vec<FaqError>> {
    let settings: FaqSettings = toml::from_str(&file.text).map_err(|e| vec![FaqError::from_toml(file, &e)])?;
    let errors: Vec<FaqError> =
        [("answer_threshold", settings.answer_threshold), ("suggest_threshold", settings.suggest_threshold)]
            .into_iter()
            .filter_map(|(name, value)| Some((name, value?)))
            .filter(|(_, value)| !(0.0..=1.0).contains(value))
            .map(|(name, value)| FaqError {
                file: file.display.clone(),
                line: find_key_line(&file.text, name),
                problem: Problem::OutOfRange { field: name, value },
            })
            .collect();
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNegatives {
    questions: Vec<Spanned<String>>,
}

fn parse_negatives(file: &SourceFile) -> Result<Vec<String>, Vec<FaqError>> {
    let raw: RawNegatives = toml::from_str(&file.text).map_err(|e| vec![FaqError::from_toml(file, &e)])?;
    let empty: Vec<FaqError> = raw
        .questions
        .iter()
        .filter(|q| q.get_ref().trim().is_empty())
        .map(|q| FaqError {
            file: file.display.clone(),
            line: line_of(&file.text, q.span().start),
            problem: Problem::EmptyField { field: "questions" },
        })
        .collect();
    if !empty.is_empty() {
        return Err(empty);
    }
    Ok(raw.questions.into_iter().map(|q| q.into_inner().trim().to_owned()).collect())
}

fn find_key_line(text: &str, key: &str) -> usize {
    text.lines().position(|line| line.trim_start().starts_with(key)).map_or(1, |index| index + 1)
}

fn is_kebab_case(id: &str) -> bool {
    !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_iso_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 3 || !digits(parts[0], 4) || !digits(parts[1], 2) || !digits(parts[2], 2) {
        return false;
    }
    let month: u32 = parts[1].parse().unwrap_or(0);
    let day: u32 = parts[2].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// The 1-based line holding byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

fn collect_toml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for item in std::fs::read_dir(dir)? {
        let path = item?.path();
        if path.is_dir() {
            collect_toml_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

fn collect_embedded(dir: &include_dir::Dir<'_>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|ext| ext == "toml") {
            let text = file.contents_utf8().unwrap_or_default().to_owned();
            out.push(SourceFile {
                display: Path::new("faq").join(file.path()),
                relative: file.path().to_path_buf(),
                text,
            });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
    out.sort_by(|a, b| a.relative.cmp(&b.relative));
}

/// What is wrong with an FAQ file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("invalid toml: {0}")]
    InvalidToml(String),
    #[error("cannot read: {0}")]
    Unreadable(String),
    #[error("no [[entry]] tables found")]
    NoEntries,
    #[error("`{field}` is empty")]
    EmptyField { field: &'static str },
    #[error("duplicate id `{id}` (first defined at {first})")]
    DuplicateId { id: String, first: Location },
    #[error("id `{id}` is not kebab-case (lowercase letters, digits and single hyphens)")]
    InvalidId { id: String },
    #[error("`{field}` is {chars} characters; Discord allows at most {limit}")]
    TooLong { field: &'static str, chars: usize, limit: usize },
    #[error("`last_reviewed` is `{value}`; expected a date like 2026-11-29")]
    InvalidDate { value: String },
    #[error("`{field}` is {value}; expected a number from 0 to 1")]
    OutOfRange { field: &'static str, value: f32 },
}

/// A problem at a place in a file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}:{line}: {problem}", file.display())]
pub struct FaqError {
    pub file: PathBuf,
    pub line: usize,
    pub problem: Problem,
}

impl FaqError {
    fn whole_file(path: &Path, problem: Problem) -> FaqError {
        FaqError { file: path.to_path_buf(), line: 1, problem }
    }

    fn from_toml(file: &SourceFile, error: &toml::de::Error) -> FaqError {
        let line = error.span().map_or(1, |span| line_of(&file.text, span.start));
        FaqError { file: file.display.clone(), line, problem: Problem::InvalidToml(error.message().trim().to_owned()) }
    }
}

/// Every problem found while loading an FAQ directory.
#[derive(Debug, Clone, PartialEq)]
pub struct FaqErrors(pub Vec<FaqError>);

impl fmt::Display for FaqErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::write_lines(f, &self.0)
    }
}

impl std::error::Error for FaqErrors {}
