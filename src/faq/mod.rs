//! The FAQ: entries loaded from `*.toml` files, validated, with the directory's settings.
//!
//! Loading is all-or-nothing: a directory with any error yields the full list of
//! errors (each naming file, line and problem) and no [`Faq`], so a caller that
//! already serves an FAQ keeps serving it.
//!
//! - `load`: reading files and directories, the settings and negatives files;
//! - `validate`: the rules for one entry, and the cross-entry ones (`related` ids);
//!   [`Problem`], [`FaqError`] and [`FaqErrors`].

mod load;
mod validate;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::region::Region;
pub use validate::{FaqError, FaqErrors, Problem};

/// The file in an FAQ directory that holds matcher settings instead of entries.
pub const SETTINGS_FILE_NAME: &str = "settings.toml";

/// The file in an FAQ directory that holds questions the FAQ must not answer
/// (`questions = [...]`): off-topic wordings that look like in-scope ones, which
/// teach the matcher what is *not* an entry.
pub const NEGATIVES_FILE_NAME: &str = "negatives.toml";

/// The file in an FAQ directory (and in each translation's) that holds the facet
/// vocabulary: the words that name each facet, and the filler words of follow-ups.
pub const FACETS_FILE_NAME: &str = "facets.toml";

/// Longest `short` answer or facet text: the first reply should be read at a glance
/// (issue 17's bar: 700 characters of answer text).
pub const FIRST_REPLY_MAX_CHARS: usize = 700;

/// An id ends up inside Discord custom ids (at most 100 characters, shared with
/// a prefix and a second id), so it is kept well below that.
pub const ID_MAX_CHARS: usize = 40;

/// How old a review may be before plain `check` warns about it: LinkedIn's help
/// pages and settings changed several times a year in 2024–2025.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 180;

/// One question people ask, with the answer the bot gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    pub topic: String,
    pub question: String,
    /// The direct answer, one to three sentences that answer the question on their own:
    /// the first reply. `None` when the entry has only its `answer` (which then is the first reply).
    pub short: Option<String>,
    pub variants: Vec<String>,
    /// The whole answer: the first reply when there is no `short`, else the details.
    pub answer: String,
    /// One line naming where the answer's facts come from, for front ends that show one
    /// line: the `sources` as Markdown links (`[title](url) · …`), or a legacy `source` text.
    pub source: Option<String>,
    /// Where the answer's facts come from, each with a title and a link.
    pub sources: Vec<Source>,
    /// Ids of entries a reader of this one may want next ("see also").
    pub related: Vec<String>,
    /// Text that answers for particular regions first (see [`Entry::regional`]).
    pub regions: Vec<RegionalText>,
    /// Text that answers for one thing a question can name first (see [`Entry::facet`]).
    pub facets: Vec<FacetText>,
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

    /// The text this entry gives members in `region` first, when it has one.
    pub fn regional(&self, region: Region) -> Option<&str> {
        self.regions.iter().find(|r| r.regions.contains(&region)).map(|r| r.text.as_str())
    }

    /// The text this entry gives first to a question naming the facet `name`, when it has one.
    pub fn facet(&self, name: &str) -> Option<&str> {
        self.facets.iter().find(|f| f.names.iter().any(|n| n == name)).map(|f| f.text.as_str())
    }

    /// The answer a person reads first: the `short` one, or the whole answer when there is none.
    pub fn first_answer(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.answer)
    }
}

/// An answer's text for one or more facets (`[[entry.facet]]` in the files): the part of
/// the entry for the platform, data item, people, company or time a question names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetText {
    /// Facet names from the FAQ's vocabulary ([`FACETS_FILE_NAME`]).
    pub names: Vec<String>,
    pub text: String,
}

/// A public page an answer relies on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub title: String,
    /// An `http(s)://` URL.
    pub url: String,
}

/// An answer's text for one or more regions (`[[entry.region]]` in the files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionalText {
    pub regions: Vec<Region>,
    pub text: String,
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

impl Scope {
    /// This scope with a translation's additions: its own name, if it gives one, and
    /// its subject and other names besides these.
    pub fn extended_by(mut self, translation: Scope) -> Scope {
        if translation.name.is_some() {
            self.name = translation.name;
        }
        for (names, added) in [(&mut self.subject, translation.subject), (&mut self.others, translation.others)] {
            for name in added {
                if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                    names.push(name);
                }
            }
        }
        self
    }
}

/// An entry whose review is older than allowed (or that cites sources and was never reviewed).
#[derive(Debug, Clone, PartialEq)]
pub struct Stale<'a> {
    pub entry: &'a Entry,
    /// Days since `last_reviewed`; `None` when the entry has no review date.
    pub age_days: Option<i64>,
}

impl fmt::Display for Stale<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.age_days, &self.entry.last_reviewed) {
            (Some(days), Some(date)) => {
                write!(f, "{}: `{}` last reviewed {date} ({days} days ago)", self.entry.location, self.entry.id)
            }
            _ => write!(f, "{}: `{}` cites sources but has no `last_reviewed`", self.entry.location, self.entry.id),
        }
    }
}

/// A validated FAQ, in English, with its translations.
///
/// A translation holds the same entries in the same order (so an entry's index in one
/// language is its index in every other), with its own phrasings, answers, region
/// texts and negatives; topics, sources and related ids come from the English entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faq {
    lang: Lang,
    entries: Vec<Entry>,
    settings: FaqSettings,
    /// Questions no entry answers (from [`NEGATIVES_FILE_NAME`]).
    negatives: Vec<String>,
    /// Problems that do not stop loading (the legacy `source` key).
    warnings: Vec<FaqError>,
    /// The words that name facets in this language ([`FACETS_FILE_NAME`]).
    vocabulary: crate::facet::Vocabulary,
    /// The other languages, from `<code>/` directories; empty in a translation itself.
    translations: Vec<Faq>,
}

impl Faq {
    /// The FAQ built into the binary (the repository's `faq/` at build time).
    pub fn embedded() -> Faq {
        load::embedded().expect("the embedded FAQ is validated by `cargo test`")
    }

    /// Loads every `*.toml` file under `dir` (recursively, in path order).
    pub fn load_dir(dir: &Path) -> Result<Faq, FaqErrors> {
        load::load_dir(dir)
    }

    /// Builds an FAQ from in-memory files; `(path, text)` pairs, path relative to the FAQ root.
    pub fn from_files<P: Into<PathBuf>>(files: impl IntoIterator<Item = (P, String)>) -> Result<Faq, FaqErrors> {
        load::from_files(files)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The language this FAQ is written in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// English first, then every language the FAQ has a translation for.
    pub fn languages(&self) -> Vec<Lang> {
        std::iter::once(self.lang).chain(self.translations.iter().map(|t| t.lang)).collect()
    }

    /// The translations (each with no translations of its own).
    pub fn translations(&self) -> &[Faq] {
        &self.translations
    }

    /// This FAQ in `lang`: the translation, or the FAQ itself when it has none in `lang`.
    pub fn in_language(&self, lang: Lang) -> &Faq {
        self.translations.iter().find(|t| t.lang == lang).unwrap_or(self)
    }

    pub fn settings(&self) -> &FaqSettings {
        &self.settings
    }

    /// The words that name facets, and follow-ups' filler words, in this FAQ's language.
    pub fn vocabulary(&self) -> &crate::facet::Vocabulary {
        &self.vocabulary
    }

    /// Questions no entry answers, for the matcher to learn from.
    pub fn negatives(&self) -> &[String] {
        &self.negatives
    }

    /// Problems worth fixing that did not stop the FAQ from loading.
    pub fn warnings(&self) -> &[FaqError] {
        &self.warnings
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.id == id)
    }

    /// The entries `entry` lists as related, in its order (ids are checked at load time).
    pub fn related<'a>(&'a self, entry: &'a Entry) -> impl Iterator<Item = &'a Entry> + 'a {
        entry.related.iter().filter_map(|id| self.entry(id))
    }

    /// Entries reviewed more than `max_age_days` before `today`, oldest first, and
    /// entries that cite sources without a review date. Entries without sources and
    /// date (small talk, benchmark FAQs) state no facts to go stale.
    pub fn stale(&self, today: chrono::NaiveDate, max_age_days: u32) -> Vec<Stale<'_>> {
        let mut stale: Vec<Stale<'_>> = self
            .entries
            .iter()
            .filter_map(|entry| match &entry.last_reviewed {
                Some(date) => {
                    let reviewed = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
                    let age = (today - reviewed).num_days();
                    (age > i64::from(max_age_days)).then_some(Stale { entry, age_days: Some(age) })
                }
                None if !entry.sources.is_empty() || entry.source.is_some() => Some(Stale { entry, age_days: None }),
                None => None,
            })
            .collect();
        stale.sort_by_key(|s| std::cmp::Reverse(s.age_days.unwrap_or(i64::MAX)));
        stale
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

    /// Adds phrasings to an entry (moderators teaching the bot), each to the language it
    /// is written in (English when that is unclear); returns false when the id is unknown.
    pub fn add_variants(&mut self, id: &str, variants: impl IntoIterator<Item = String>) -> bool {
        if self.entry(id).is_none() {
            return false;
        }
        let languages = self.languages();
        for variant in variants {
            let lang = crate::lang::detect(&variant, &languages).filter(|d| d.confident).map_or(self.lang, |d| d.lang);
            let faq = if lang == self.lang {
                &mut *self
            } else {
                self.translations.iter_mut().find(|t| t.lang == lang).expect("detected among the FAQ's languages")
            };
            faq.add_variant(id, variant);
        }
        true
    }

    fn add_variant(&mut self, id: &str, variant: String) {
        let Some(entry) = self.entries.iter_mut().find(|entry| entry.id == id) else {
            return;
        };
        if !entry.phrasings().any(|known| known == variant) {
            entry.variants.push(variant);
        }
    }
}
