//! Reading FAQ files: directories, the built-in copy, in-memory files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::validate::{self, line_of, FaqError, FaqErrors, Problem, RawEntry, SourceFile};
use super::{Entry, Faq, FaqSettings, Location, FACETS_FILE_NAME, NEGATIVES_FILE_NAME, SETTINGS_FILE_NAME};
use crate::facet::{FacetKind, Vocabulary};
use crate::lang::Lang;

/// The FAQ shipped with the bot, built into the binary so an installed
/// `optout-bot` answers from any directory.
static EMBEDDED_FAQ: include_dir::Dir<'_> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/faq");

pub(super) fn embedded() -> Result<Faq, FaqErrors> {
    let mut files = Vec::new();
    collect_embedded(&EMBEDDED_FAQ, &mut files);
    from_sources(files)
}

pub(super) fn load_dir(dir: &Path) -> Result<Faq, FaqErrors> {
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
    from_sources(sources)
}

pub(super) fn from_files<P: Into<PathBuf>>(files: impl IntoIterator<Item = (P, String)>) -> Result<Faq, FaqErrors> {
    from_sources(
        files
            .into_iter()
            .map(|(path, text)| {
                let path = path.into();
                SourceFile { display: path.clone(), relative: path, text }
            })
            .collect(),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

fn from_sources(files: Vec<SourceFile>) -> Result<Faq, FaqErrors> {
    // `de/…`, `fr/…`: translations; every other file is the English FAQ (any other
    // sub-directory only groups English files, as it always has).
    let (translated, english): (Vec<SourceFile>, Vec<SourceFile>) =
        files.into_iter().partition(|file| translation_language(&file.relative).is_some());
    let mut faq = read_language(Lang::En, &english, None)?;
    let mut errors = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::En) {
        let files: Vec<&SourceFile> =
            translated.iter().filter(|file| translation_language(&file.relative) == Some(lang)).collect();
        if files.is_empty() {
            continue;
        }
        let files: Vec<SourceFile> = files
            .into_iter()
            .map(|f| SourceFile {
                display: f.display.clone(),
                relative: f.relative.iter().skip(1).collect(),
                text: f.text.clone(),
            })
            .collect();
        match read_language(lang, &files, Some(&faq)) {
            Ok(translation) => faq.translations.push(translation),
            Err(e) => errors.extend(e.0),
        }
    }
    if errors.is_empty() {
        Ok(faq)
    } else {
        Err(FaqErrors(errors))
    }
}

/// The language a file's path puts it in: `de/data.toml` → German.
fn translation_language(relative: &Path) -> Option<Lang> {
    let mut parts = relative.components();
    let first = parts.next()?.as_os_str().to_str()?;
    parts.next()?;
    first.parse().ok().filter(|&lang| lang != Lang::En)
}

/// Reads the files of one language. `english` is `None` for the English FAQ itself,
/// and that FAQ for a translation, which must translate every entry and nothing else.
fn read_language(lang: Lang, files: &[SourceFile], english: Option<&Faq>) -> Result<Faq, FaqErrors> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut settings = english.map(|e| e.settings.clone());
    let mut negatives = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    // Each entry's `related` ids with their lines, checked once every id is known.
    let mut related: Vec<Vec<(String, usize)>> = Vec::new();
    let mut first_seen: HashMap<String, Location> = HashMap::new();
    // The vocabulary first: entries name its facets, whatever order the files sort in.
    let english_vocabulary = english.map(|e| &e.vocabulary);
    let vocabulary = match files.iter().find(|f| f.relative == Path::new(FACETS_FILE_NAME)) {
        Some(file) => parse_vocabulary(file, english_vocabulary).unwrap_or_else(|e| {
            errors.extend(e);
            Vocabulary::default()
        }),
        None => {
            if english_vocabulary.is_some_and(|v| !v.is_empty()) {
                let dir = files.first().and_then(|f| f.display.parent()).unwrap_or(Path::new(lang.code()));
                errors.push(FaqError::whole_file(dir, Problem::MissingFacets { dir: dir.display().to_string() }));
            }
            Vocabulary::default()
        }
    };
    for file in files {
        if file.relative == Path::new(FACETS_FILE_NAME) {
            continue;
        }
        if file.relative == Path::new(SETTINGS_FILE_NAME) {
            match parse_settings(file) {
                // A translation's settings override the thresholds they set and add to the
                // English scope: its own name for the FAQ, and subject and company names as
                // its speakers write them ("Meta" stays "Meta"; "LinkedIn" may gain a spelling).
                Ok(parsed) => {
                    settings = Some(match settings.take() {
                        Some(inherited) => FaqSettings {
                            answer_threshold: parsed.answer_threshold.or(inherited.answer_threshold),
                            suggest_threshold: parsed.suggest_threshold.or(inherited.suggest_threshold),
                            scope: inherited.scope.extended_by(parsed.scope),
                        },
                        None => parsed,
                    });
                }
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
            let raw_entry = raw_entry.into_inner();
            let original = match english {
                None => None,
                Some(english) => match english.entry(raw_entry.id.get_ref().trim()) {
                    Some(original) => Some(original),
                    None => {
                        errors.push(FaqError {
                            file: file.display.clone(),
                            line: line_of(&file.text, raw_entry.id.span().start),
                            problem: Problem::UnknownTranslation { id: raw_entry.id.get_ref().trim().to_owned() },
                        });
                        continue;
                    }
                },
            };
            let checked = validate::entry(file, entry_line, raw_entry, original, &vocabulary);
            errors.extend(checked.errors);
            warnings.extend(checked.warnings);
            let entry = checked.entry;
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
            related.push(checked.related_lines);
        }
    }
    for (entry, lines) in entries.iter().zip(&related) {
        for (id, line) in lines {
            if !first_seen.contains_key(id) {
                errors.push(FaqError {
                    file: entry.location.file.clone(),
                    line: *line,
                    problem: Problem::UnknownRelated { id: id.clone() },
                });
            } else if *id == entry.id {
                errors.push(FaqError {
                    file: entry.location.file.clone(),
                    line: *line,
                    problem: Problem::RelatedToItself { id: id.clone() },
                });
            }
        }
    }
    if let Some(english) = english {
        // Same entries, same order as English: an entry's index is shared by every language.
        let dir = files.first().and_then(|f| f.display.parent()).unwrap_or(Path::new(lang.code()));
        for original in english.entries() {
            if !first_seen.contains_key(&original.id) {
                errors.push(FaqError {
                    file: original.location.file.clone(),
                    line: original.location.line,
                    problem: Problem::MissingTranslation {
                        id: original.id.clone(),
                        lang,
                        dir: dir.display().to_string(),
                    },
                });
            }
        }
        let position: HashMap<&str, usize> =
            english.entries().iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        entries.sort_by_key(|e| position.get(e.id.as_str()).copied().unwrap_or(usize::MAX));
    }
    if errors.is_empty() && entries.is_empty() {
        let where_ = files.first().map(|f| f.display.clone()).unwrap_or_default();
        errors.push(FaqError::whole_file(&where_, Problem::NoEntries));
    }
    if errors.is_empty() {
        Ok(Faq {
            lang,
            entries,
            settings: settings.unwrap_or_default(),
            negatives,
            warnings,
            vocabulary,
            translations: Vec::new(),
        })
    } else {
        Err(FaqErrors(errors))
    }
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
struct RawVocabulary {
    #[serde(default)]
    followups: Vec<Spanned<String>>,
    #[serde(default)]
    facet: Vec<Spanned<RawFacetWords>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacetWords {
    name: Spanned<String>,
    kind: Option<Spanned<FacetKind>>,
    words: Spanned<Vec<Spanned<String>>>,
}

/// Reads a `facets.toml`. `english` is the English vocabulary when `file` is a
/// translation's: it names the same facets (no more, no fewer) and declares no kinds.
fn parse_vocabulary(file: &SourceFile, english: Option<&Vocabulary>) -> Result<Vocabulary, Vec<FaqError>> {
    let raw: RawVocabulary = toml::from_str(&file.text).map_err(|e| vec![FaqError::from_toml(file, &e)])?;
    let mut errors = Vec::new();
    let at = |span: std::ops::Range<usize>, problem: Problem| FaqError {
        file: file.display.clone(),
        line: line_of(&file.text, span.start),
        problem,
    };
    let mut facets: Vec<(String, Option<FacetKind>, Vec<String>)> = Vec::new();
    for facet in &raw.facet {
        let facet = facet.get_ref();
        let name = facet.name.get_ref().trim().to_owned();
        if name.is_empty() {
            errors.push(at(facet.name.span(), Problem::EmptyField { field: "facet.name" }));
            continue;
        }
        if facets.iter().any(|(known, _, _)| *known == name) {
            errors.push(at(facet.name.span(), Problem::DuplicateFacetWords { name }));
            continue;
        }
        match (english, &facet.kind) {
            (Some(english), kind) => {
                if let Some(kind) = kind {
                    errors.push(at(kind.span(), Problem::NotInTranslation { field: "kind" }));
                }
                if !english.has(&name) {
                    errors.push(at(facet.name.span(), Problem::UnknownFacet { name: name.clone() }));
                }
            }
            (None, None) => errors.push(at(facet.name.span(), Problem::MissingFacetKind { name: name.clone() })),
            (None, Some(_)) => {}
        }
        for word in facet.words.get_ref().iter().filter(|w| w.get_ref().trim().trim_end_matches('*').is_empty()) {
            errors.push(at(word.span(), Problem::EmptyField { field: "facet.words" }));
        }
        let words: Vec<String> = facet.words.get_ref().iter().map(|w| w.get_ref().trim().to_owned()).collect();
        if words.is_empty() {
            let file_name = file.display.display().to_string();
            errors.push(at(facet.words.span(), Problem::MissingFacetWords { name: name.clone(), file: file_name }));
        }
        let kind = match english {
            Some(english) => english.kind(&name),
            None => facet.kind.as_ref().map(|k| *k.get_ref()),
        };
        facets.push((name, kind, words));
    }
    if let Some(english) = english {
        for missing in english.facets().iter().filter(|f| !facets.iter().any(|(name, _, _)| *name == f.name)) {
            errors.push(FaqError::whole_file(
                &file.display,
                Problem::MissingFacetWords { name: missing.name.clone(), file: file.display.display().to_string() },
            ));
        }
    }
    for followup in raw.followups.iter().filter(|f| f.get_ref().trim().is_empty()) {
        errors.push(at(followup.span(), Problem::EmptyField { field: "followups" }));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Vocabulary::new(facets, raw.followups.iter().map(|f| f.get_ref().as_str())))
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

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// The shipped English FAQ and its German translation: every cross-file rule applies,
    /// and a case loads in milliseconds.
    fn shipped() -> Vec<SourceFile> {
        let mut files = Vec::new();
        collect_embedded(&EMBEDDED_FAQ, &mut files);
        files.retain(|f| f.relative.components().count() == 1 || f.relative.starts_with("de"));
        files
    }

    /// One edit a person could make by mistake.
    #[derive(Debug, Clone)]
    enum Mutation {
        DeleteLine(usize),
        DuplicateLine(usize),
        SwapLines(usize, usize),
        Insert { at: usize, text: String },
        Truncate(usize),
        ReplaceLine { line: usize, text: String },
    }

    fn snippet() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\"".to_owned()),
            Just("\"\"\"".to_owned()),
            Just("[[entry]]\n".to_owned()),
            Just("[[entry.region]]\n".to_owned()),
            Just("]".to_owned()),
            Just(" = ".to_owned()),
            Just("id = \"opt-out-how\"\n".to_owned()),
            Just("related = [\"nowhere\"]\n".to_owned()),
            Just("codes = [\"XX\"]\n".to_owned()),
            Just("last_reviewed = \"2026-13-40\"\n".to_owned()),
            Just("\n".to_owned()),
            Just("#".to_owned()),
            "\\PC{0,12}",
        ]
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let index = 0usize..2000;
        prop_oneof![
            index.clone().prop_map(Mutation::DeleteLine),
            index.clone().prop_map(Mutation::DuplicateLine),
            (index.clone(), index.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
            (0usize..200_000, snippet()).prop_map(|(at, text)| Mutation::Insert { at, text }),
            (0usize..200_000).prop_map(Mutation::Truncate),
            (index, snippet()).prop_map(|(line, text)| Mutation::ReplaceLine { line, text }),
        ]
    }

    fn apply(text: &str, mutation: &Mutation) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match mutation {
            Mutation::DeleteLine(i) => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
            Mutation::ReplaceLine { line, text } => lines[line % n] = text.clone(),
            Mutation::Insert { at, text: snippet } => {
                let at = char_boundary(text, at % (text.len() + 1));
                return format!("{}{snippet}{}", &text[..at], &text[at..]);
            }
            Mutation::Truncate(at) => return text[..char_boundary(text, at % (text.len() + 1))].to_owned(),
        }
        lines.join("\n")
    }

    fn char_boundary(text: &str, mut at: usize) -> usize {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    proptest! {
        // Each case loads two languages' FAQ: 64 keep the whole test under a couple of seconds.
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_mutated_faq_loads_or_is_refused_with_file_and_line(
            file in any::<prop::sample::Index>(),
            mutations in prop::collection::vec(mutation(), 1..4),
        ) {
            let mut files = shipped();
            let target = file.index(files.len());
            for mutation in &mutations {
                files[target].text = apply(&files[target].text, mutation);
            }
            let lines: Vec<(PathBuf, usize)> =
                files.iter().map(|f| (f.display.clone(), f.text.lines().count().max(1))).collect();
            if let Err(errors) = from_sources(files) {
                prop_assert!(!errors.0.is_empty(), "a refusal says why");
                for error in &errors.0 {
                    let count = lines.iter().find(|(path, _)| *path == error.file).map(|(_, count)| *count);
                    prop_assert!(count.is_some(), "{error}: names one of the FAQ's files");
                    prop_assert!((1..=count.unwrap_or(0) + 1).contains(&error.line), "{error}: a line of the file");
                    let located = error.to_string().starts_with(&format!("{}:{}: ", error.file.display(), error.line));
                    prop_assert!(located, "{error}: shown as file:line: problem");
                }
            }
        }
    }
}
