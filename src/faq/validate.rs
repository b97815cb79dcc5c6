//! The rules one entry must follow, and the errors that name what broke them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{Entry, FacetText, Location, RegionalText, Source, FIRST_REPLY_MAX_CHARS, ID_MAX_CHARS};
use crate::facet::Vocabulary;
use crate::limits::{EMBED_DESCRIPTION_MAX_CHARS, EMBED_TITLE_MAX_CHARS};
use crate::region::Region;

/// One FAQ file as read (from disk or the embedded copy), for parsing and error messages.
pub(super) struct SourceFile {
    /// The path shown in errors.
    pub display: PathBuf,
    /// The path relative to the FAQ root, to recognise the settings file.
    pub relative: PathBuf,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEntry {
    pub id: Spanned<String>,
    /// Required in the FAQ's own language; inherited (and refused) in a translation.
    topic: Option<Spanned<String>>,
    question: Spanned<String>,
    short: Option<Spanned<String>>,
    variants: Spanned<Vec<Spanned<String>>>,
    answer: Spanned<String>,
    /// Legacy: one free-text citation. Still read, with a warning; `sources` replaces it.
    source: Option<Spanned<String>>,
    sources: Option<Spanned<Vec<Spanned<RawSource>>>>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    region: Vec<Spanned<RawRegion>>,
    #[serde(default)]
    facet: Vec<Spanned<RawFacet>>,
    last_reviewed: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: Spanned<String>,
    url: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    codes: Spanned<Vec<Spanned<String>>>,
    text: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacet {
    names: Spanned<Vec<Spanned<String>>>,
    text: Spanned<String>,
}

/// One entry read from a file, with what is wrong with it.
pub(super) struct Checked {
    pub entry: Entry,
    pub errors: Vec<FaqError>,
    pub warnings: Vec<FaqError>,
    /// The `related` ids and their lines, checked against every id once all files are read.
    pub related_lines: Vec<(String, usize)>,
}

/// Checks one entry. `original` is `None` for an entry of the FAQ's own language, and the
/// English entry for a translation, which inherits its topic, sources and related ids.
///
/// `vocabulary` holds the facets an entry of the FAQ's own language may name.
pub(super) fn entry(
    file: &SourceFile,
    entry_line: usize,
    raw: RawEntry,
    original: Option<&Entry>,
    vocabulary: &Vocabulary,
) -> Checked {
    let mut errors = Vec::new();
    let line = |span: std::ops::Range<usize>| line_of(&file.text, span.start);
    let mut problem_at = |span: std::ops::Range<usize>, problem: Problem| {
        errors.push(FaqError { file: file.display.clone(), line: line(span), problem });
    };
    let topic_missing = original.is_none() && raw.topic.is_none();
    if let (Some(_), Some(topic)) = (original, &raw.topic) {
        problem_at(topic.span(), Problem::NotInTranslation { field: "topic" });
    }
    if original.is_some() {
        if let Some(sources) = &raw.sources {
            problem_at(sources.span(), Problem::NotInTranslation { field: "sources" });
        }
        if let Some(source) = &raw.source {
            problem_at(source.span(), Problem::NotInTranslation { field: "source" });
        }
    }
    for (field, value) in [
        ("id", Some(&raw.id)),
        ("topic", raw.topic.as_ref()),
        ("question", Some(&raw.question)),
        ("answer", Some(&raw.answer)),
    ]
    .into_iter()
    .filter_map(|(field, value)| Some((field, value?)))
    {
        if value.get_ref().trim().is_empty() {
            problem_at(value.span(), Problem::EmptyField { field });
        }
    }

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
    let answer_chars = raw.answer.get_ref().trim().chars().count();
    if answer_chars > EMBED_DESCRIPTION_MAX_CHARS {
        problem_at(
            raw.answer.span(),
            Problem::TooLong { field: "answer", chars: answer_chars, limit: EMBED_DESCRIPTION_MAX_CHARS },
        );
    }
    let short = raw.short.as_ref().map(|short| short.get_ref().trim().to_owned());
    if let Some(text) = &raw.short {
        check_first_reply(text, "short", &mut problem_at);
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

    let mut sources = Vec::new();
    if let Some(list) = &raw.sources {
        if list.get_ref().is_empty() {
            problem_at(list.span(), Problem::EmptyField { field: "sources" });
        }
        for source in list.get_ref() {
            let source = source.get_ref();
            let title = source.title.get_ref().trim();
            let url = source.url.get_ref().trim();
            if title.is_empty() {
                problem_at(source.title.span(), Problem::EmptyField { field: "sources.title" });
            }
            if !is_http_url(url) {
                problem_at(source.url.span(), Problem::InvalidUrl { url: url.to_owned() });
            }
            sources.push(Source { title: title.to_owned(), url: url.to_owned() });
        }
    }
    let mut warnings = Vec::new();
    if let Some(legacy) = raw.source.as_ref().filter(|_| original.is_none()) {
        if raw.sources.is_some() {
            problem_at(legacy.span(), Problem::SourceAndSources);
        } else {
            warnings.push(FaqError {
                file: file.display.clone(),
                line: line(legacy.span()),
                problem: Problem::LegacySource,
            });
        }
    }

    let mut regions: Vec<RegionalText> = Vec::new();
    let mut seen: Vec<Region> = Vec::new();
    for block in &raw.region {
        let block_line = block.span();
        let block = block.get_ref();
        if block.codes.get_ref().is_empty() {
            problem_at(block.codes.span(), Problem::EmptyField { field: "region.codes" });
        }
        let mut codes = Vec::new();
        for code in block.codes.get_ref() {
            match code.get_ref().parse::<Region>() {
                Ok(region) if seen.contains(&region) => {
                    problem_at(code.span(), Problem::DuplicateRegion { code: region.code() })
                }
                Ok(region) => {
                    seen.push(region);
                    codes.push(region);
                }
                Err(_) => problem_at(code.span(), Problem::UnknownRegion { code: code.get_ref().clone() }),
            }
        }
        let text = block.text.get_ref().trim();
        if text.is_empty() {
            problem_at(block.text.span(), Problem::EmptyField { field: "region.text" });
        }
        // The regional text is shown before the general answer, in one embed description.
        let total = text.chars().count() + answer_chars + REGIONAL_SEPARATOR_CHARS;
        if total > EMBED_DESCRIPTION_MAX_CHARS {
            problem_at(
                block_line,
                Problem::TooLong {
                    field: "region.text with the answer",
                    chars: total,
                    limit: EMBED_DESCRIPTION_MAX_CHARS,
                },
            );
        }
        regions.push(RegionalText { regions: codes, text: text.to_owned() });
    }

    let mut facets: Vec<FacetText> = Vec::new();
    for block in &raw.facet {
        let block = block.get_ref();
        if block.names.get_ref().is_empty() {
            problem_at(block.names.span(), Problem::EmptyField { field: "facet.names" });
        }
        let mut names = Vec::new();
        for name in block.names.get_ref() {
            let name_text = name.get_ref().trim();
            if facets.iter().flat_map(|f| &f.names).chain(&names).any(|n| n == name_text) {
                problem_at(name.span(), Problem::DuplicateFacet { name: name_text.to_owned() });
            } else if original.is_none() && !vocabulary.has(name_text) {
                problem_at(name.span(), Problem::UnknownFacet { name: name_text.to_owned() });
            }
            names.push(name_text.to_owned());
        }
        check_first_reply(&block.text, "facet.text", &mut problem_at);
        facets.push(FacetText { names, text: block.text.get_ref().trim().to_owned() });
    }

    if topic_missing {
        errors.push(FaqError {
            file: file.display.clone(),
            line: entry_line,
            problem: Problem::MissingField { field: "topic" },
        });
    }
    if let Some(original) = original {
        let codes = |regions: &[RegionalText]| {
            let mut codes: Vec<&str> = regions.iter().flat_map(|r| r.regions.iter().map(|r| r.code())).collect();
            codes.sort_unstable();
            codes.join(", ")
        };
        let (expected, found) = (codes(&original.regions), codes(&regions));
        if expected != found {
            errors.push(FaqError {
                file: file.display.clone(),
                line: entry_line,
                problem: Problem::RegionsDiffer { id: original.id.clone(), expected, found },
            });
        }
        let groups = |facets: &[FacetText]| facets.iter().map(|f| f.names.join(" + ")).collect::<Vec<_>>().join(", ");
        let (expected, found) = (groups(&original.facets), groups(&facets));
        if expected != found {
            errors.push(FaqError {
                file: file.display.clone(),
                line: entry_line,
                problem: Problem::FacetsDiffer { id: original.id.clone(), expected, found },
            });
        }
        if original.short.is_some() != short.is_some() {
            errors.push(FaqError {
                file: file.display.clone(),
                line: entry_line,
                problem: Problem::ShortDiffers { id: original.id.clone(), in_english: original.short.is_some() },
            });
        }
        let related: Vec<&str> = raw.related.iter().map(|r| r.get_ref().trim()).collect();
        if !related.is_empty() && related != original.related {
            errors.push(FaqError {
                file: file.display.clone(),
                line: line(raw.related[0].span()),
                problem: Problem::RelatedDiffers { id: original.id.clone(), expected: original.related.join(", ") },
            });
        }
        let entry = Entry {
            id: id.to_owned(),
            topic: original.topic.clone(),
            question: raw.question.into_inner().trim().to_owned(),
            short,
            variants: raw.variants.into_inner().into_iter().map(|v| v.into_inner().trim().to_owned()).collect(),
            answer: raw.answer.into_inner().trim().to_owned(),
            source: original.source.clone(),
            sources: original.sources.clone(),
            related: original.related.clone(),
            regions,
            facets,
            last_reviewed: raw.last_reviewed.map(Spanned::into_inner),
            location: Location { file: file.display.clone(), line: entry_line },
        };
        return Checked { entry, errors, warnings, related_lines: Vec::new() };
    }
    let related_lines: Vec<(String, usize)> =
        raw.related.iter().map(|r| (r.get_ref().trim().to_owned(), line(r.span()))).collect();
    let source = if sources.is_empty() {
        raw.source.map(|s| s.into_inner().trim().to_owned()).filter(|s| !s.is_empty())
    } else {
        Some(sources.iter().map(|s| format!("[{}]({})", s.title, s.url)).collect::<Vec<_>>().join(" · "))
    };
    let entry = Entry {
        id: id.to_owned(),
        topic: raw.topic.map(|t| t.into_inner().trim().to_owned()).unwrap_or_default(),
        question: raw.question.into_inner().trim().to_owned(),
        short,
        variants: raw.variants.into_inner().into_iter().map(|v| v.into_inner().trim().to_owned()).collect(),
        answer: raw.answer.into_inner().trim().to_owned(),
        source,
        sources,
        related: related_lines.iter().map(|(id, _)| id.clone()).collect(),
        regions,
        facets,
        last_reviewed: raw.last_reviewed.map(Spanned::into_inner),
        location: Location { file: file.display.clone(), line: entry_line },
    };
    Checked { entry, errors, warnings, related_lines }
}

/// A `short` answer or a facet's text: not empty, and short enough to read at a glance.
fn check_first_reply(
    text: &Spanned<String>,
    field: &'static str,
    problem_at: &mut impl FnMut(std::ops::Range<usize>, Problem),
) {
    let chars = text.get_ref().trim().chars().count();
    if chars == 0 {
        problem_at(text.span(), Problem::EmptyField { field });
    } else if chars > FIRST_REPLY_MAX_CHARS {
        problem_at(text.span(), Problem::TooLongToLead { field, chars, limit: FIRST_REPLY_MAX_CHARS });
    }
}

/// Characters [`crate::app::view::first_reply_text`] adds between a heading, the regional text and
/// the answer, with room for the longest region heading.
pub const REGIONAL_SEPARATOR_CHARS: usize = 100;

fn is_kebab_case(id: &str) -> bool {
    !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_http_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    }) && !url.contains(char::is_whitespace)
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
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1
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
    #[error("source url `{url}` is not an http(s) link like https://www.linkedin.com/help")]
    InvalidUrl { url: String },
    #[error("`related` names `{id}`, which is not an entry id")]
    UnknownRelated { id: String },
    #[error("`related` names the entry itself (`{id}`)")]
    RelatedToItself { id: String },
    #[error("unknown region code `{code}`; expected one of EU, UK, CH, CA, HK, US, OTHER")]
    UnknownRegion { code: String },
    #[error("region `{code}` has two texts in this entry")]
    DuplicateRegion { code: &'static str },
    #[error("both `source` and `sources`; keep only `sources = [{{ title = \"…\", url = \"https://…\" }}]`")]
    SourceAndSources,
    #[error("`{field}` is missing")]
    MissingField { field: &'static str },
    #[error("`{field}` is not written in a translation: it comes from the English entry")]
    NotInTranslation { field: &'static str },
    #[error("`{id}` is not an entry of the English FAQ, so it cannot be translated")]
    UnknownTranslation { id: String },
    #[error("`{id}` has no {lang} translation (expected in {dir})")]
    MissingTranslation { id: String, lang: crate::lang::Lang, dir: String },
    #[error("`{id}` has region texts for [{found}]; the English entry has them for [{expected}]")]
    RegionsDiffer { id: String, expected: String, found: String },
    #[error("`related` of `{id}` differs from the English entry's [{expected}]; leave it out to inherit it")]
    RelatedDiffers { id: String, expected: String },
    #[error("`{field}` is {chars} characters; a first reply should be read at a glance: at most {limit}")]
    TooLongToLead { field: &'static str, chars: usize, limit: usize },
    #[error("facet `{name}` is not in facets.toml (add its words there, or use one of its names)")]
    UnknownFacet { name: String },
    #[error("facet `{name}` has two texts in this entry")]
    DuplicateFacet { name: String },
    #[error("`{id}` has facet texts for [{found}]; the English entry has them for [{expected}]")]
    FacetsDiffer { id: String, expected: String, found: String },
    #[error("`{id}` {}", if *in_english { "has a `short` answer in English: translate it" } else { "has no `short` answer in English: leave it out" })]
    ShortDiffers { id: String, in_english: bool },
    #[error("facet `{name}` is named twice in facets.toml")]
    DuplicateFacetWords { name: String },
    #[error("facet `{name}` has no words in {file}")]
    MissingFacetWords { name: String, file: String },
    #[error("facet `{name}` needs a `kind`: platform, item, people, company or time")]
    MissingFacetKind { name: String },
    #[error("`{dir}` has no facets.toml; the English FAQ names facets, so every language needs their words")]
    MissingFacets { dir: String },
    #[error("`source` is the old single-text form; use `sources = [{{ title = \"…\", url = \"https://…\" }}]`")]
    LegacySource,
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
    pub(super) fn whole_file(path: &Path, problem: Problem) -> FaqError {
        FaqError { file: path.to_path_buf(), line: 1, problem }
    }

    pub(super) fn from_toml(file: &SourceFile, error: &toml::de::Error) -> FaqError {
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
