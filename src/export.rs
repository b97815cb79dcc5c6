//! Writing the variants moderators added from Discord back into the FAQ files.
//!
//! The FAQ files stay the source of truth. The database holds only what
//! moderators add; [`crate::app::knowledge::apply_variants`] layers it over the loaded FAQ
//! (at start-up and after every reload), and [`export_variants`] copies it into the files
//! so it can be reviewed and committed like any other change.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use thiserror::Error;
use toml_edit::{Array, DocumentMut, Item, Value};

use crate::app::upkeep::StoredVariant;
use crate::faq::Faq;
use crate::text;

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not valid toml: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: no [[entry]] with id `{id}`")]
    EntryNotInFile { path: PathBuf, id: String },
    #[error("{path}: `variants` of entry `{id}` is not an array")]
    VariantsNotArray { path: PathBuf, id: String },
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Variants written, per file, in file order.
    pub written: Vec<(PathBuf, usize)>,
    /// Variants the files already had (an earlier export, or a moderator adding what was there).
    pub already_present: usize,
    /// Entry ids of stored variants that the FAQ no longer has.
    pub unknown_entries: Vec<String>,
}

impl ExportReport {
    pub fn total_written(&self) -> usize {
        self.written.iter().map(|(_, n)| n).sum()
    }
}

/// Appends the stored variants to their entries' `variants` arrays in the FAQ
/// files that `faq` was loaded from, keeping every comment and the layout.
/// Variants a file already has (after normalizing) are skipped, so exporting
/// twice writes nothing the second time. Each file is replaced atomically.
pub fn export_variants(faq: &Faq, variants: &[StoredVariant]) -> Result<ExportReport, ExportError> {
    let mut report = ExportReport::default();
    // file → entry id → texts, in a stable order.
    let mut plan: BTreeMap<PathBuf, BTreeMap<String, Vec<&str>>> = BTreeMap::new();
    for variant in variants {
        match faq.entry(&variant.entry_id) {
            Some(entry) => plan
                .entry(entry.location.file.clone())
                .or_default()
                .entry(entry.id.clone())
                .or_default()
                .push(variant.text.as_str()),
            None if !report.unknown_entries.contains(&variant.entry_id) => {
                report.unknown_entries.push(variant.entry_id.clone())
            }
            None => {}
        }
    }
    for (path, entries) in plan {
        let original =
            std::fs::read_to_string(&path).map_err(|source| ExportError::Read { path: path.clone(), source })?;
        let (updated, added, skipped) = add_to_file(&path, &original, &entries)?;
        report.already_present += skipped;
        if added > 0 {
            write_atomically(&path, &updated)?;
            report.written.push((path, added));
        }
    }
    Ok(report)
}

/// Adds variants to one file's text; returns the new text, how many were added and how many skipped.
fn add_to_file(
    path: &Path,
    original: &str,
    entries: &BTreeMap<String, Vec<&str>>,
) -> Result<(String, usize, usize), ExportError> {
    let mut document: DocumentMut = original
        .parse()
        .map_err(|e: toml_edit::TomlError| ExportError::Parse { path: path.to_path_buf(), message: e.to_string() })?;
    let (mut added, mut skipped) = (0, 0);
    for (id, texts) in entries {
        let not_found = || ExportError::EntryNotInFile { path: path.to_path_buf(), id: id.clone() };
        let table = document
            .get_mut("entry")
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|tables| {
                tables.iter_mut().find(|table| table.get("id").and_then(Item::as_str) == Some(id.as_str()))
            })
            .ok_or_else(not_found)?;
        let mut known: HashSet<String> =
            table.get("question").and_then(Item::as_str).map(text::normalize).into_iter().collect();
        let variants = table.entry("variants").or_insert_with(|| Item::Value(Value::Array(Array::new())));
        let array = variants
            .as_array_mut()
            .ok_or_else(|| ExportError::VariantsNotArray { path: path.to_path_buf(), id: id.clone() })?;
        known.extend(array.iter().filter_map(Value::as_str).map(text::normalize));
        for text in texts {
            if !known.insert(text::normalize(text)) {
                skipped += 1;
                continue;
            }
            push_like_siblings(array, text);
            added += 1;
        }
    }
    Ok((document.to_string(), added, skipped))
}

/// Pushes a string formatted like the array's last element, so a one-per-line
/// array stays one per line and an inline one inline.
fn push_like_siblings(array: &mut Array, text: &str) {
    let last_prefix =
        array.iter().last().and_then(|last| last.decor().prefix()).and_then(|p| p.as_str()).map(str::to_owned);
    let prefix = match last_prefix {
        // The last element's prefix can hold comments above it; keep only its line break and indentation.
        Some(prefix) if prefix.contains('\n') => format!("\n{}", &prefix[prefix.rfind('\n').map_or(0, |i| i + 1)..]),
        Some(prefix) if !prefix.is_empty() => prefix,
        // After an inline array's first element (which has no prefix), a space.
        Some(_) => " ".to_owned(),
        None => String::new(),
    };
    let mut value = Value::from(text);
    value.decor_mut().set_prefix(prefix);
    value.decor_mut().set_suffix("");
    array.push_formatted(value);
}

fn write_atomically(path: &Path, contents: &str) -> Result<(), ExportError> {
    let write_error = |source| ExportError::Write { path: path.to_path_buf(), source };
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".export-tmp");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, contents).map_err(write_error)?;
    std::fs::rename(&temporary, path).map_err(write_error)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::app::knowledge::apply_variants;
    use crate::app::review::known_phrasings;
    use chrono::Duration;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-15T12:00:00Z").unwrap().with_timezone(&Utc) + Duration::minutes(minutes)
    }

    fn variant(entry: &str, text: &str) -> StoredVariant {
        StoredVariant { id: 0, entry_id: entry.into(), text: text.into(), guild_id: 1, added_by: 2, at: at(0) }
    }

    const FILE: &str = r#"# Opting out: the steps.

[[entry]]
id = "opt-out-how"
topic = "opt-out"
question = "How do I opt out?"
variants = [
  "how to opt out",
  # people say "stop" a lot
  "how do i stop it",
]
answer = "Settings → Data privacy."

[[entry]]
id = "opt-out-undo"
topic = "opt-out"
question = "Can I undo it?"
variants = ["can i turn it back on"] # inline on purpose
answer = "Yes."
"#;

    fn faq_dir() -> (tempfile::TempDir, Faq) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("opt-out.toml"), FILE).unwrap();
        let faq = Faq::load_dir(dir.path()).expect("test FAQ loads");
        (dir, faq)
    }

    #[test]
    fn export_appends_keeps_comments_and_does_not_duplicate() {
        let (dir, faq) = faq_dir();
        let path = dir.path().join("opt-out.toml");
        let stored = vec![
            variant("opt-out-how", "where is the switch"),
            variant("opt-out-how", "How do I stop it?"), // already there, spelled differently
            variant("opt-out-undo", "can i opt back in"),
            variant("opt-out-how", "how do i opt out"), // the question itself
            variant("gone-entry", "whatever"),
        ];
        let report = export_variants(&faq, &stored).expect("exports");
        assert_eq!(report.total_written(), 2);
        assert_eq!(report.already_present, 2);
        assert_eq!(report.unknown_entries, vec!["gone-entry".to_owned()]);

        let written = std::fs::read_to_string(&path).unwrap();
        let expected = FILE
            .replace("  \"how do i stop it\",\n]", "  \"how do i stop it\",\n  \"where is the switch\",\n]")
            .replace(r#"["can i turn it back on"]"#, r#"["can i turn it back on", "can i opt back in"]"#);
        assert_eq!(written, expected, "only the new variants are added, formatted like their neighbours");

        let reloaded = Faq::load_dir(dir.path()).expect("the exported FAQ still loads");
        assert!(reloaded.entry("opt-out-how").unwrap().variants.contains(&"where is the switch".to_owned()));

        let again = export_variants(&reloaded, &stored).expect("exports again");
        assert_eq!(again.total_written(), 0, "a re-export writes nothing");
        assert_eq!(again.already_present, 4);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected, "and leaves the file as it was");
    }

    #[test]
    fn stored_variants_apply_to_the_loaded_faq() {
        let (_dir, mut faq) = faq_dir();
        let unknown = apply_variants(
            &mut faq,
            &[variant("opt-out-how", "where is the switch"), variant("gone", "x"), variant("gone", "y")],
        );
        assert_eq!(unknown, vec!["gone".to_owned()]);
        assert!(faq.entry("opt-out-how").unwrap().variants.contains(&"where is the switch".to_owned()));
        assert!(known_phrasings(&faq).contains("where is the switch"));
    }
}
