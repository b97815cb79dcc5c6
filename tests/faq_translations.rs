//! Translations in `faq/<code>/`: a complete one loads and answers in its language; a
//! missing, extra or inconsistent one is refused with the file and line to fix.

use std::path::{Path, PathBuf};

use optout_bot::faq::{Faq, FaqError, Problem};
use optout_bot::lang::Lang;

fn english(id: &str, related: &str) -> String {
    format!(
        "[[entry]]\n\
         id = \"{id}\"\n\
         topic = \"opt-out\"\n\
         question = \"How do I opt out ({id})?\"\n\
         variants = [\"opt out how {id}\", \"turn it off {id}\"]\n\
         answer = \"Settings, then Data privacy.\"\n\
         related = [{related}]\n\n\
         [[entry.region]]\n\
         codes = [\"EU\"]\n\
         text = \"In the EU: yes.\"\n\n"
    )
}

fn german(id: &str) -> String {
    format!(
        "[[entry]]\n\
         id = \"{id}\"\n\
         question = \"Wie widerspreche ich ({id})?\"\n\
         variants = [\"widersprechen wie {id}\", \"ausschalten {id}\"]\n\
         answer = \"Einstellungen, dann Datenschutz.\"\n\n\
         [[entry.region]]\n\
         codes = [\"EU\"]\n\
         text = \"In der EU: ja.\"\n\n"
    )
}

fn write_dir(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    dir
}

fn errors(dir: &Path) -> Vec<FaqError> {
    match Faq::load_dir(dir) {
        Ok(_) => panic!("{} should not load", dir.display()),
        Err(errors) => errors.0,
    }
}

fn at(dir: &Path, error: &FaqError) -> (PathBuf, usize) {
    (error.file.strip_prefix(dir).unwrap_or(&error.file).to_path_buf(), error.line)
}

#[test]
fn a_complete_translation_loads_with_the_english_topic_sources_and_related_ids() {
    let dir = write_dir(&[
        ("a.toml", english("first", "\"second\"") + &english("second", "")),
        ("de/a.toml", german("second") + &german("first")),
    ]);
    let faq = Faq::load_dir(dir.path()).expect("loads");
    assert_eq!(faq.languages(), vec![Lang::En, Lang::De]);
    let de = faq.in_language(Lang::De);
    let ids: Vec<&str> = de.entries().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["first", "second"], "the English order, so an entry's index is the same in every language");
    assert_eq!(de.entries()[0].topic, "opt-out");
    assert_eq!(de.entries()[0].related, ["second"]);
    assert_eq!(de.entries()[0].question, "Wie widerspreche ich (first)?");
    assert_eq!(faq.in_language(Lang::Fr).lang(), Lang::En, "a language without files falls back to English");
}

#[test]
fn every_translation_problem_names_its_file_and_line() {
    type Check = fn(&Problem) -> bool;
    type Files = Vec<(&'static str, String)>;
    let cases: Vec<(&str, Files, &str, usize, Check)> = vec![
        (
            "an entry with no translation is reported at the English entry",
            vec![("a.toml", english("first", "") + &english("second", "")), ("de/a.toml", german("first"))],
            "a.toml",
            13,
            |p| matches!(p, Problem::MissingTranslation { id, lang: Lang::De, .. } if id == "second"),
        ),
        (
            "a translation of an id English does not have",
            vec![("a.toml", english("first", "")), ("de/a.toml", german("first") + &german("ghost"))],
            "de/a.toml",
            12,
            |p| matches!(p, Problem::UnknownTranslation { id } if id == "ghost"),
        ),
        (
            "a translation that sets its own topic",
            vec![
                ("a.toml", english("first", "")),
                ("de/a.toml", german("first").replace("question", "topic = \"x\"\nquestion")),
            ],
            "de/a.toml",
            3,
            |p| matches!(p, Problem::NotInTranslation { field: "topic" }),
        ),
        (
            "a translation with other region codes",
            vec![("a.toml", english("first", "")), ("de/a.toml", german("first").replace("[\"EU\"]", "[\"UK\"]"))],
            "de/a.toml",
            1,
            |p| matches!(p, Problem::RegionsDiffer { .. }),
        ),
        (
            "a translation with other related ids",
            vec![
                ("a.toml", english("first", "\"second\"") + &english("second", "")),
                ("de/a.toml", german("first").replace("answer", "related = [\"first\"]\nanswer") + &german("second")),
            ],
            "de/a.toml",
            5,
            |p| matches!(p, Problem::RelatedDiffers { .. }),
        ),
        (
            "a translation without variants",
            vec![("a.toml", english("first", "")), ("de/a.toml", german("first").replace("variants", "# variants"))],
            "de/a.toml",
            1,
            |p| matches!(p, Problem::InvalidToml(m) if m.contains("variants")),
        ),
    ];
    for (name, files, file, line, check) in cases {
        let dir = write_dir(&files);
        let found = errors(dir.path());
        assert!(
            found.iter().any(|e| at(dir.path(), e) == (PathBuf::from(file), line) && check(&e.problem)),
            "{name}: expected {file}:{line}, got {:?}",
            found.iter().map(|e| e.to_string()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_translation_adds_to_the_english_scope_and_may_set_its_own_thresholds() {
    let dir = write_dir(&[
        ("a.toml", english("first", "")),
        ("settings.toml", "answer_threshold = 0.3\n[scope]\nname = \"the opt-out\"\nothers = [\"Meta\"]\n".to_owned()),
        ("de/a.toml", german("first")),
        ("de/settings.toml", "answer_threshold = 0.25\n[scope]\nothers = [\"Xing\"]\n".to_owned()),
    ]);
    let faq = Faq::load_dir(dir.path()).expect("loads");
    let de = faq.in_language(Lang::De);
    assert_eq!(de.settings().answer_threshold, Some(0.25));
    assert_eq!(de.settings().scope.name.as_deref(), Some("the opt-out"), "inherited");
    assert_eq!(de.settings().scope.others, ["Meta", "Xing"], "English names kept, German ones added");
    assert_eq!(faq.settings().answer_threshold, Some(0.3), "English keeps its own");
}
