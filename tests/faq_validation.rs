//! Loading and validating FAQ directories: every error the loader reports names
//! the file, the line and the problem; valid directories (the shipped one and a
//! benchmark-style minimal one) load.

use std::path::{Path, PathBuf};

use optout_bot::faq::{Faq, FaqError, Problem, ID_MAX_CHARS};
use optout_bot::limits::{EMBED_DESCRIPTION_MAX_CHARS, EMBED_TITLE_MAX_CHARS};
use optout_bot::region::Region;

/// One valid entry with the given id, as a `[[entry]]` table of 6 lines.
fn entry(id: &str) -> String {
    format!(
        "[[entry]]\n\
         id = \"{id}\"\n\
         topic = \"opt-out\"\n\
         question = \"How do I opt out?\"\n\
         variants = [\"opt out how\", \"turn it off\"]\n\
         answer = \"Settings, then Data privacy.\"\n"
    )
}

/// Writes `files` into a fresh temporary directory.
fn write_dir(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the file's directory");
        }
        std::fs::write(&path, text).expect("write an FAQ file");
    }
    dir
}

fn load_errors(dir: &Path) -> Vec<FaqError> {
    match Faq::load_dir(dir) {
        Ok(faq) => panic!("expected {} to fail to load, but it loaded {} entries", dir.display(), faq.entries().len()),
        Err(errors) => errors.0,
    }
}

/// The error's file, relative to `dir` when it is inside it.
fn relative(dir: &Path, file: &Path) -> PathBuf {
    file.strip_prefix(dir).unwrap_or(file).to_path_buf()
}

struct Case {
    name: &'static str,
    files: Vec<(&'static str, String)>,
    /// The file (relative to the FAQ directory, "" for the directory itself) and line.
    file: &'static str,
    line: usize,
    /// Whether the problem is the expected one.
    problem: fn(&Problem) -> bool,
    /// Words the error's message must contain, so people recognise it.
    message: &'static str,
}

fn cases() -> Vec<Case> {
    let long_id = "a".repeat(ID_MAX_CHARS + 1);
    let long_question = "q".repeat(EMBED_TITLE_MAX_CHARS + 1);
    let long_answer = "a".repeat(EMBED_DESCRIPTION_MAX_CHARS + 1);
    vec![
        Case {
            name: "invalid toml syntax",
            files: vec![("a.toml", format!("{}\n[[entry]]\nid = \"broken\ntopic = \"x\"\n", entry("ok")))],
            file: "a.toml",
            line: 9,
            problem: |p| matches!(p, Problem::InvalidToml(_)),
            message: "invalid toml",
        },
        Case {
            name: "unknown key in an entry",
            files: vec![("a.toml", format!("{}colour = \"blue\"\n", entry("ok")))],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::InvalidToml(m) if m.contains("colour")),
            message: "colour",
        },
        Case {
            name: "unknown top-level key",
            files: vec![("a.toml", format!("title = \"my faq\"\n\n{}", entry("ok")))],
            file: "a.toml",
            line: 1,
            problem: |p| matches!(p, Problem::InvalidToml(m) if m.contains("title")),
            message: "title",
        },
        Case {
            name: "duplicate id across two files",
            files: vec![
                ("a.toml", format!("{}\n{}", entry("first"), entry("twice"))),
                ("b.toml", format!("# another file\n\n{}", entry("twice"))),
            ],
            file: "b.toml",
            line: 3,
            problem: |p| {
                matches!(p, Problem::DuplicateId { id, first }
                    if id == "twice" && first.file.ends_with("a.toml") && first.line == 8)
            },
            message: "duplicate id `twice` (first defined at ",
        },
        Case {
            name: "empty id",
            files: vec![("a.toml", entry("ok").replace("id = \"ok\"", "id = \"\""))],
            file: "a.toml",
            line: 2,
            problem: |p| matches!(p, Problem::EmptyField { field: "id" }),
            message: "`id` is empty",
        },
        Case {
            name: "empty topic",
            files: vec![("a.toml", entry("ok").replace("topic = \"opt-out\"", "topic = \"  \""))],
            file: "a.toml",
            line: 3,
            problem: |p| matches!(p, Problem::EmptyField { field: "topic" }),
            message: "`topic` is empty",
        },
        Case {
            name: "empty question",
            files: vec![("a.toml", entry("ok").replace("question = \"How do I opt out?\"", "question = \"\""))],
            file: "a.toml",
            line: 4,
            problem: |p| matches!(p, Problem::EmptyField { field: "question" }),
            message: "`question` is empty",
        },
        Case {
            name: "empty answer",
            files: vec![("a.toml", entry("ok").replace("answer = \"Settings, then Data privacy.\"", "answer = \"\""))],
            file: "a.toml",
            line: 6,
            problem: |p| matches!(p, Problem::EmptyField { field: "answer" }),
            message: "`answer` is empty",
        },
        Case {
            name: "empty variants list",
            files: vec![("a.toml", entry("ok").replace("[\"opt out how\", \"turn it off\"]", "[]"))],
            file: "a.toml",
            line: 5,
            problem: |p| matches!(p, Problem::EmptyField { field: "variants" }),
            message: "`variants` is empty",
        },
        Case {
            name: "empty variant string",
            files: vec![(
                "a.toml",
                entry("ok").replace("[\"opt out how\", \"turn it off\"]", "[\n  \"opt out how\",\n  \" \",\n]"),
            )],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::EmptyField { field: "variants" }),
            message: "`variants` is empty",
        },
        Case {
            name: "id not kebab-case",
            files: vec![("a.toml", format!("{}\n{}", entry("fine-id"), entry("Opt_Out")))],
            file: "a.toml",
            line: 9,
            problem: |p| matches!(p, Problem::InvalidId { id } if id == "Opt_Out"),
            message: "not kebab-case",
        },
        Case {
            name: "id too long",
            files: vec![("a.toml", entry(&long_id))],
            file: "a.toml",
            line: 2,
            problem: |p| {
                matches!(p, Problem::TooLong { field: "id", chars, limit }
                    if *chars == ID_MAX_CHARS + 1 && *limit == ID_MAX_CHARS)
            },
            message: "`id` is",
        },
        Case {
            name: "question over the embed title limit",
            files: vec![("a.toml", entry("ok").replace("How do I opt out?", &long_question))],
            file: "a.toml",
            line: 4,
            problem: |p| {
                matches!(p, Problem::TooLong { field: "question", chars, limit }
                    if *chars == EMBED_TITLE_MAX_CHARS + 1 && *limit == EMBED_TITLE_MAX_CHARS)
            },
            message: "Discord allows at most",
        },
        Case {
            name: "answer over the embed description limit",
            files: vec![("a.toml", entry("ok").replace("Settings, then Data privacy.", &long_answer))],
            file: "a.toml",
            line: 6,
            problem: |p| {
                matches!(p, Problem::TooLong { field: "answer", chars, limit }
                    if *chars == EMBED_DESCRIPTION_MAX_CHARS + 1 && *limit == EMBED_DESCRIPTION_MAX_CHARS)
            },
            message: "Discord allows at most",
        },
        Case {
            name: "bad last_reviewed",
            files: vec![(
                "a.toml",
                format!("{}source = \"the notice\"\nlast_reviewed = \"29/11/2026\"\n", entry("ok")),
            )],
            file: "a.toml",
            line: 8,
            problem: |p| matches!(p, Problem::InvalidDate { value } if value == "29/11/2026"),
            message: "expected a date like",
        },
        Case {
            name: "impossible month in last_reviewed",
            files: vec![("a.toml", format!("{}last_reviewed = \"2026-13-01\"\n", entry("ok")))],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::InvalidDate { value } if value == "2026-13-01"),
            message: "`last_reviewed`",
        },
        Case {
            name: "settings.toml threshold above 1",
            files: vec![
                ("a.toml", entry("ok")),
                ("settings.toml", "# tuned by hand\nsuggest_threshold = 0.1\nanswer_threshold = 1.5\n".to_owned()),
            ],
            file: "settings.toml",
            line: 3,
            problem: |p| matches!(p, Problem::OutOfRange { field: "answer_threshold", .. }),
            message: "expected a number from 0 to 1",
        },
        Case {
            name: "settings.toml threshold below 0",
            files: vec![("a.toml", entry("ok")), ("settings.toml", "\nsuggest_threshold = -0.2\n".to_owned())],
            file: "settings.toml",
            line: 2,
            problem: |p| matches!(p, Problem::OutOfRange { field: "suggest_threshold", .. }),
            message: "`suggest_threshold`",
        },
        Case {
            name: "unknown key in settings.toml",
            files: vec![
                ("a.toml", entry("ok")),
                ("settings.toml", "answer_threshold = 0.3\nanswer_treshold = 0.4\n".to_owned()),
            ],
            file: "settings.toml",
            line: 2,
            problem: |p| matches!(p, Problem::InvalidToml(m) if m.contains("answer_treshold")),
            message: "answer_treshold",
        },
        Case {
            name: "no entries: only settings",
            files: vec![("settings.toml", "answer_threshold = 0.3\n".to_owned())],
            file: "settings.toml",
            line: 1,
            problem: |p| matches!(p, Problem::NoEntries),
            message: "no [[entry]] tables",
        },
        Case {
            name: "no entries: files without tables",
            files: vec![("a.toml", "# nothing here yet\n".to_owned())],
            file: "a.toml",
            line: 1,
            problem: |p| matches!(p, Problem::NoEntries),
            message: "no [[entry]] tables",
        },
        Case {
            name: "empty directory",
            files: vec![],
            file: "",
            line: 1,
            problem: |p| matches!(p, Problem::NoEntries),
            message: "no [[entry]] tables",
        },
        Case {
            name: "empty question in negatives.toml",
            files: vec![
                ("a.toml", entry("ok")),
                ("negatives.toml", "questions = [\n  \"how do I block someone\",\n  \"\",\n]\n".to_owned()),
            ],
            file: "negatives.toml",
            line: 3,
            problem: |p| matches!(p, Problem::EmptyField { field: "questions" }),
            message: "`questions` is empty",
        },
        Case {
            name: "unknown key in negatives.toml",
            files: vec![("a.toml", entry("ok")), ("negatives.toml", "questions = []\nanswers = []\n".to_owned())],
            file: "negatives.toml",
            line: 2,
            problem: |p| matches!(p, Problem::InvalidToml(m) if m.contains("answers")),
            message: "answers",
        },
        Case {
            name: "source url that is not http(s)",
            files: vec![(
                "a.toml",
                format!(
                    "{}sources = [\n  {{ title = \"LinkedIn Help\", url = \"https://www.linkedin.com/help\" }},\n  {{ title = \"Notice\", url = \"linkedin.com/notice\" }},\n]\n",
                    entry("ok")
                ),
            )],
            file: "a.toml",
            line: 9,
            problem: |p| matches!(p, Problem::InvalidUrl { url } if url == "linkedin.com/notice"),
            message: "not an http(s) link",
        },
        Case {
            name: "source url with a space",
            files: vec![(
                "a.toml",
                format!("{}sources = [{{ title = \"Help\", url = \"https://www.linkedin.com/my help\" }}]\n", entry("ok")),
            )],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::InvalidUrl { .. }),
            message: "`https://www.linkedin.com/my help`",
        },
        Case {
            name: "source without a title",
            files: vec![(
                "a.toml",
                format!("{}sources = [{{ title = \" \", url = \"https://www.linkedin.com/help\" }}]\n", entry("ok")),
            )],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::EmptyField { field: "sources.title" }),
            message: "`sources.title` is empty",
        },
        Case {
            name: "source missing its url key",
            files: vec![("a.toml", format!("{}sources = [{{ title = \"Help\" }}]\n", entry("ok")))],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::InvalidToml(m) if m.contains("url")),
            message: "url",
        },
        Case {
            name: "empty sources list",
            files: vec![("a.toml", format!("{}sources = []\n", entry("ok")))],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::EmptyField { field: "sources" }),
            message: "`sources` is empty",
        },
        Case {
            name: "both the old source and sources",
            files: vec![(
                "a.toml",
                format!(
                    "{}source = \"the notice\"\nsources = [{{ title = \"Help\", url = \"https://www.linkedin.com/help\" }}]\n",
                    entry("ok")
                ),
            )],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::SourceAndSources),
            message: "keep only `sources",
        },
        Case {
            name: "related id that is no entry",
            files: vec![
                ("a.toml", format!("{}related = [\"other\"]\n", entry("ok"))),
                ("b.toml", format!("{}related = [\n  \"ok\",\n  \"too-lat\",\n]\n", entry("other"))),
            ],
            file: "b.toml",
            line: 9,
            problem: |p| matches!(p, Problem::UnknownRelated { id } if id == "too-lat"),
            message: "`related` names `too-lat`, which is not an entry id",
        },
        Case {
            name: "related to itself",
            files: vec![("a.toml", format!("{}related = [\"ok\"]\n", entry("ok")))],
            file: "a.toml",
            line: 7,
            problem: |p| matches!(p, Problem::RelatedToItself { id } if id == "ok"),
            message: "the entry itself",
        },
        Case {
            name: "unknown region code",
            files: vec![(
                "a.toml",
                format!("{}\n[[entry.region]]\ncodes = [\"CA\", \"Mars\"]\ntext = \"Since 3 November 2025.\"\n", entry("ok")),
            )],
            file: "a.toml",
            line: 9,
            problem: |p| matches!(p, Problem::UnknownRegion { code } if code == "Mars"),
            message: "unknown region code `Mars`",
        },
        Case {
            name: "region without text",
            files: vec![(
                "a.toml",
                format!("{}\n[[entry.region]]\ncodes = [\"UK\"]\ntext = \"\"\"\n\n\"\"\"\n", entry("ok")),
            )],
            file: "a.toml",
            line: 10,
            problem: |p| matches!(p, Problem::EmptyField { field: "region.text" }),
            message: "`region.text` is empty",
        },
        Case {
            name: "region block missing its text key",
            files: vec![("a.toml", format!("{}\n[[entry.region]]\ncodes = [\"UK\"]\n", entry("ok")))],
            file: "a.toml",
            line: 8,
            problem: |p| matches!(p, Problem::InvalidToml(m) if m.contains("text")),
            message: "text",
        },
        Case {
            name: "region with no codes",
            files: vec![("a.toml", format!("{}\n[[entry.region]]\ncodes = []\ntext = \"x\"\n", entry("ok")))],
            file: "a.toml",
            line: 9,
            problem: |p| matches!(p, Problem::EmptyField { field: "region.codes" }),
            message: "`region.codes` is empty",
        },
        Case {
            name: "one region with two texts",
            files: vec![(
                "a.toml",
                format!(
                    "{}\n[[entry.region]]\ncodes = [\"EU\", \"UK\"]\ntext = \"a\"\n\n[[entry.region]]\ncodes = [\"uk\"]\ntext = \"b\"\n",
                    entry("ok")
                ),
            )],
            file: "a.toml",
            line: 13,
            problem: |p| matches!(p, Problem::DuplicateRegion { code: "UK" }),
            message: "region `UK` has two texts",
        },
        Case {
            name: "invalid utf-8",
            files: vec![("a.toml", entry("ok")), ("b.toml", String::new())],
            file: "b.toml",
            line: 1,
            problem: |p| matches!(p, Problem::Unreadable(_)),
            message: "cannot read",
        },
    ]
}

#[test]
fn every_validation_error_names_file_line_and_problem() {
    let mut failures = Vec::new();
    for case in cases() {
        let dir = write_dir(&case.files);
        if case.name == "invalid utf-8" {
            std::fs::write(dir.path().join("b.toml"), b"[[entry]]\nid = \"\xff\xfe\"\n").unwrap();
        }
        let errors = match Faq::load_dir(dir.path()) {
            Ok(_) => {
                failures
                    .push(format!("{}: expected an error at {}:{}, but it loaded", case.name, case.file, case.line));
                continue;
            }
            Err(errors) => errors.0,
        };
        let found = errors.iter().any(|e| {
            relative(dir.path(), &e.file) == Path::new(case.file)
                && e.line == case.line
                && (case.problem)(&e.problem)
                && e.to_string().contains(case.message)
        });
        if !found {
            let got: Vec<String> = errors.iter().map(|e| format!("{e} [{:?}]", e.problem)).collect();
            failures.push(format!(
                "{}: expected `{}:{}: ...{}...`, got:\n    {}",
                case.name,
                case.file,
                case.line,
                case.message,
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn error_display_is_file_colon_line_colon_problem() {
    let dir = write_dir(&[("a.toml", entry("ok").replace("topic = \"opt-out\"", "topic = \"\""))]);
    let errors = load_errors(dir.path());
    let expected = format!("{}:3: `topic` is empty", dir.path().join("a.toml").display());
    assert_eq!(errors.iter().map(ToString::to_string).collect::<Vec<_>>(), vec![expected]);
}

#[test]
fn missing_directory_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-faq");
    let errors = load_errors(&missing);
    assert_eq!(errors.len(), 1, "one error for a missing directory, got {errors:?}");
    assert_eq!(errors[0].file, missing, "the error names the missing directory");
    assert!(matches!(errors[0].problem, Problem::Unreadable(_)), "expected Unreadable, got {:?}", errors[0].problem);
}

#[test]
fn a_file_given_as_the_directory_is_an_error() {
    let dir = write_dir(&[("a.toml", entry("ok"))]);
    let errors = load_errors(&dir.path().join("a.toml"));
    assert!(matches!(errors[0].problem, Problem::Unreadable(_)), "expected Unreadable, got {errors:?}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = write_dir(&[("a.toml", entry("ok")), ("b.toml", entry("other"))]);
    let locked = dir.path().join("b.toml");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        return;
    }
    let errors = load_errors(dir.path());
    assert!(
        errors.iter().any(|e| e.file == locked && matches!(e.problem, Problem::Unreadable(_))),
        "expected an Unreadable error for b.toml, got {errors:?}"
    );
}

#[test]
fn all_errors_in_all_files_are_reported_at_once() {
    let dir = write_dir(&[
        ("a.toml", format!("{}\n{}", entry("good"), entry("Bad_Id"))),
        ("b.toml", entry("good").replace("answer = \"Settings, then Data privacy.\"", "answer = \"\"")),
        ("c.toml", "[[entry]\n".to_owned()),
        ("sub/d.toml", format!("{}last_reviewed = \"soon\"\n", entry("fine"))),
        ("settings.toml", "answer_threshold = 2.0\n".to_owned()),
        ("negatives.toml", "questions = [\"\"]\n".to_owned()),
    ]);
    let errors = load_errors(dir.path());
    let mut got: Vec<(String, usize)> =
        errors.iter().map(|e| (relative(dir.path(), &e.file).display().to_string(), e.line)).collect();
    got.sort();
    let expected = vec![
        ("a.toml".to_owned(), 9),         // Bad_Id not kebab-case
        ("b.toml".to_owned(), 1),         // duplicate id `good`
        ("b.toml".to_owned(), 6),         // empty answer
        ("c.toml".to_owned(), 1),         // invalid toml
        ("negatives.toml".to_owned(), 1), // empty question
        ("settings.toml".to_owned(), 1),  // threshold out of range
        ("sub/d.toml".to_owned(), 7),     // bad date
    ];
    assert_eq!(got, expected, "every error in every file, got:\n{}", optout_bot::faq::FaqErrors(errors.clone()));
}

#[test]
fn minimal_benchmark_style_file_loads() {
    let text = "[[entry]]\nid = \"card-lost\"\ntopic = \"banking\"\nquestion = \"I lost my card\"\n\
                variants = [\"my card is gone\", \"cannot find my card\"]\nanswer = \"Freeze it in the app.\"\n";
    let dir = write_dir(&[("bank.toml", text.to_owned())]);
    let faq = Faq::load_dir(dir.path()).unwrap_or_else(|e| panic!("a minimal FAQ must load, got:\n{e}"));
    assert_eq!(faq.entries().len(), 1);
    let entry = &faq.entries()[0];
    assert_eq!(entry.id, "card-lost");
    assert_eq!(entry.variants, vec!["my card is gone", "cannot find my card"]);
    assert_eq!((entry.source.as_deref(), entry.last_reviewed.as_deref()), (None, None));
    assert!(entry.sources.is_empty() && entry.related.is_empty() && entry.regions.is_empty());
    assert_eq!(faq.negatives(), &[] as &[String], "no negatives.toml, no negatives");
}

#[test]
fn from_files_reports_errors_like_load_dir() {
    let errors = Faq::from_files([("a.toml", entry("same")), ("b.toml", format!("\n{}", entry("same")))])
        .expect_err("duplicate ids must not load");
    assert_eq!(errors.0.len(), 1, "one duplicate, got {errors}");
    assert_eq!(errors.0[0].to_string(), "b.toml:2: duplicate id `same` (first defined at a.toml:1)");
}

const REQUIRED_IDS: &[&str] = &[
    "what-is-happening",
    "why-linkedin",
    "start-date",
    "opt-out-how",
    "default-on",
    "verify-opt-out",
    "too-late",
    "data-types",
    "private-messages",
    "regions",
    "gdpr",
    "deletion",
    "deletion-request",
];

const REQUIRED_TOPICS: &[&str] = &["overview", "timeline", "opt-out", "data", "regions", "deletion"];

fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")
}

#[test]
fn shipped_faq_loads_and_equals_the_embedded_one() {
    let loaded = Faq::load_dir(&shipped_dir()).unwrap_or_else(|e| panic!("faq/ must load, got:\n{e}"));
    let embedded = Faq::embedded();
    let strip = |faq: &Faq| -> Vec<_> {
        faq.entries()
            .iter()
            .map(|e| (e.id.clone(), e.topic.clone(), e.question.clone(), e.variants.clone(), e.answer.clone()))
            .collect()
    };
    assert_eq!(strip(&loaded), strip(&embedded), "faq/ on disk and the built-in FAQ have the same entries");
    assert_eq!(loaded.settings(), embedded.settings(), "same settings");
    assert_eq!(loaded.negatives(), embedded.negatives(), "same negatives");
}

#[test]
fn shipped_faq_has_every_required_entry_with_enough_variants() {
    let faq = Faq::embedded();
    for id in REQUIRED_IDS {
        let entry = faq.entry(id).unwrap_or_else(|| panic!("the FAQ must have an entry `{id}`"));
        assert!(entry.variants.len() >= 8, "`{id}` needs at least 8 variants, has {}", entry.variants.len());
    }
    let topics = faq.topics();
    for topic in REQUIRED_TOPICS {
        assert!(topics.contains(topic), "the FAQ must have topic `{topic}`; it has {topics:?}");
    }
}

#[test]
fn every_shipped_entry_has_a_source_and_review_date() {
    // Small talk states no LinkedIn fact, so it has no source to cite.
    for entry in Faq::embedded().entries().iter().filter(|e| !e.is_small_talk()) {
        assert!(entry.source.as_deref().is_some_and(|s| !s.is_empty()), "`{}` needs a source", entry.id);
        let date = entry.last_reviewed.as_deref().unwrap_or_else(|| panic!("`{}` needs last_reviewed", entry.id));
        assert!(date >= "2025-11-03", "`{}` was last reviewed {date}, before the change it describes", entry.id);
    }
}

#[test]
fn both_thresholds_out_of_range_are_both_reported() {
    let dir = write_dir(&[
        ("a.toml", entry("ok")),
        ("settings.toml", "answer_threshold = 1.5\nsuggest_threshold = -1.0\n".to_owned()),
    ]);
    let errors = load_errors(dir.path());
    let got: Vec<(usize, String)> = errors.iter().map(|e| (e.line, e.problem.to_string())).collect();
    assert_eq!(
        got,
        vec![
            (1, "`answer_threshold` is 1.5; expected a number from 0 to 1".to_owned()),
            (2, "`suggest_threshold` is -1; expected a number from 0 to 1".to_owned()),
        ],
        "each bad threshold is reported with its line"
    );
}

#[test]
fn threshold_that_is_not_a_number_is_out_of_range() {
    let dir = write_dir(&[("a.toml", entry("ok")), ("settings.toml", "# tuned\nanswer_threshold = nan\n".to_owned())]);
    let errors = load_errors(dir.path());
    assert!(
        errors
            .iter()
            .any(|e| e.line == 2 && matches!(e.problem, Problem::OutOfRange { field: "answer_threshold", .. })),
        "nan is not a threshold, got {errors:?}"
    );
}

#[test]
fn sources_related_and_regions_load_into_the_entry() {
    let text = format!(
        "{}\n{}sources = [\n  {{ title = \"LinkedIn Help\", url = \"https://www.linkedin.com/help/linkedin/answer/a6278444\" }},\n]\n\
         related = [\"first\"]\n\n[[entry.region]]\ncodes = [\"CA\", \"hk\"]\ntext = \"Since 3 November 2025.\"\n",
        entry("first"),
        entry("second")
    );
    let faq = Faq::from_files([("a.toml", text)]).unwrap_or_else(|e| panic!("must load, got:\n{e}"));
    let second = faq.entry("second").unwrap();
    assert_eq!(second.sources.len(), 1);
    assert_eq!(second.sources[0].title, "LinkedIn Help");
    assert_eq!(
        second.source.as_deref(),
        Some("[LinkedIn Help](https://www.linkedin.com/help/linkedin/answer/a6278444)"),
        "the one-line form is Markdown links, which Discord shows as links"
    );
    assert_eq!(faq.related(second).map(|e| e.id.as_str()).collect::<Vec<_>>(), ["first"]);
    assert_eq!(second.regional(Region::Hk), Some("Since 3 November 2025."), "codes are case-insensitive");
    assert_eq!(second.regional(Region::Us), None);
}

#[test]
fn the_old_source_key_still_loads_with_a_warning() {
    let faq = Faq::from_files([("a.toml", format!("{}source = \"the notice\"\n", entry("ok")))])
        .unwrap_or_else(|e| panic!("a legacy source must still load, got:\n{e}"));
    assert_eq!(faq.entries()[0].source.as_deref(), Some("the notice"));
    let warnings: Vec<String> = faq.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("a.toml:7: `source` is the old single-text form"), "{warnings:?}");
}

#[test]
fn stale_entries_are_those_reviewed_too_long_ago_or_never() {
    let text = format!(
        "{}last_reviewed = \"2026-01-01\"\n\n{}last_reviewed = \"2026-11-30\"\n\n{}sources = [{{ title = \"t\", url = \"https://example.org\" }}]\n\n{}",
        entry("old"),
        entry("fresh"),
        entry("undated"),
        entry("smalltalk-hello")
    );
    let faq = Faq::from_files([("a.toml", text)]).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let stale = faq.stale(today, 30);
    let ids: Vec<(&str, Option<i64>)> = stale.iter().map(|s| (s.entry.id.as_str(), s.age_days)).collect();
    assert_eq!(ids, [("undated", None), ("old", Some(336))], "an entry without sources or date states no facts");
    assert!(stale[1].to_string().contains("`old` last reviewed 2026-01-01 (336 days ago)"), "{}", stale[1]);
    assert!(faq.stale(today, 400).iter().all(|s| s.entry.id != "old"));
}
