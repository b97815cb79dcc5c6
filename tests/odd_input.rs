//! Odd questions and odd FAQ files: nothing panics, odd questions are never
//! answered as if they were real ones, and broken files are errors.

use optout_bot::faq::{Faq, Problem};
use optout_bot::matcher::{Decision, Matcher, MAX_CANDIDATES, MAX_SUGGESTIONS};

/// A one-entry FAQ, the smallest a user can write.
fn tiny_faq() -> Faq {
    let text = "[[entry]]\nid = \"opt-out-how\"\ntopic = \"opt-out\"\n\
                question = \"How do I opt out of LinkedIn AI training?\"\n\
                variants = [\"turn off linkedin ai\", \"linkedin data for generative ai setting\"]\n\
                answer = \"Settings, Data privacy, Data for Generative AI Improvement: switch it off.\"\n";
    Faq::from_files([("tiny.toml", text.to_owned())]).unwrap_or_else(|e| panic!("the tiny FAQ must load: {e}"))
}

/// Odd questions no FAQ entry should be answered with.
fn odd_questions() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("whitespace", " \t\n\r \u{00A0}\u{2003}\u{3000} ".to_owned()),
        ("10 kB of one letter", "x".repeat(10 * 1024)),
        ("10 kB of words", "lorem ipsum dolor sit amet ".repeat(400)),
        ("1 MB", "\u{1F600} zzq ".repeat(1024 * 1024 / 9)),
        ("emoji only", "😀🔥👍🏽👨‍👩‍👧‍👦🏳️‍🌈🤖🤖🤖".to_owned()),
        ("flag emoji", "🇬🇧🇺🇸🇪🇺".to_owned()),
        ("NUL and control characters", "\0\0\u{1}\u{7}\u{8}\u{1b}[31m\u{7f}\u{9b}\0".to_owned()),
        ("bidi overrides", "\u{202E}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}\u{200F}\u{200E}".to_owned()),
        ("Arabic", "ما هو الطقس اليوم في القاهرة؟".to_owned()),
        ("Hebrew", "מה מזג האוויר היום בתל אביב?".to_owned()),
        ("combining marks", "z\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}\u{0307}".repeat(50)),
        ("combining marks alone", "\u{0301}\u{0302}\u{0303}\u{0304}\u{0336}\u{0489}".repeat(100)),
        ("zero-width joiners", "\u{200D}\u{200C}\u{200B}\u{FEFF}\u{2060}".repeat(40)),
        ("5,000-char single word", "qwertzuiop".repeat(500)),
        ("5,000-char word of one letter", "k".repeat(5000)),
        ("only punctuation", "?!.,;:'\"()[]{}<>/\\|-_=+*&^%$#@~`".to_owned()),
        ("SQL", "'; DROP TABLE entries; -- SELECT * FROM users WHERE 1=1".to_owned()),
        ("markdown", "```rust\nfn main() {}\n```\n# Title\n**bold** _x_ ~~y~~ > quote\n|a|b|\n|-|-|".to_owned()),
        ("@everyone", "@everyone @here".to_owned()),
        ("role and user mentions", "<@&123456789012345678> <@!42> <#987> <:emoji:1234>".to_owned()),
        ("URL", "https://example.com/?q=%00%FF&x=../../etc/passwd".to_owned()),
        ("surrogate-looking escapes", "\\ud800\\udfff \\u0000".to_owned()),
        ("CJK", "今天天气怎么样？明天会下雨吗？".to_owned()),
        ("Thai without spaces", "วันนี้อากาศเป็นอย่างไรบ้าง".to_owned()),
        ("ligatures and fullwidth", "ﬁﬂﬃ ＡＢＣ１２３ ｘｙｚ".to_owned()),
        ("private use and noncharacters", "\u{E000}\u{F8FF}\u{FFFE}\u{FFFF}\u{10FFFF}".to_owned()),
        ("turkish dotted capitals", "İİİ ı ǅ ß ẞ".repeat(20)),
    ]
}

/// A small deterministic generator (xorshift64*): the same strings on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Ranges random characters are drawn from: ASCII, Latin-1, combining marks,
/// Cyrillic, Hebrew, Arabic, Devanagari, zero-width and bidi controls, CJK,
/// Hangul, private use, emoji, and all of Unicode.
const RANGES: &[(u32, u32)] = &[
    (0x00, 0x7F),
    (0x80, 0xFF),
    (0x300, 0x36F),
    (0x400, 0x4FF),
    (0x590, 0x5FF),
    (0x600, 0x6FF),
    (0x900, 0x97F),
    (0x200B, 0x202F),
    (0x2060, 0x206F),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xE000, 0xF8FF),
    (0x1F300, 0x1FAFF),
    (0x0, 0x10FFFF),
];

fn random_string(rng: &mut Rng) -> String {
    let length = rng.below(120) as usize;
    let mut text = String::with_capacity(length * 2);
    while text.chars().count() < length {
        let (low, high) = RANGES[rng.below(RANGES.len() as u64) as usize];
        if let Some(c) = char::from_u32(low + rng.below(u64::from(high - low) + 1) as u32) {
            text.push(c);
        }
    }
    text
}

const RANDOM_STRINGS: usize = 2000;

/// Runs `question` through matching and the reply, checking what every outcome must satisfy.
fn check(faq: &Faq, matcher: &Matcher, label: &str, question: &str) -> Result<(), String> {
    let outcome = matcher.find(question);
    if outcome.candidates.len() > MAX_CANDIDATES {
        return Err(format!("{label}: {} candidates, at most {MAX_CANDIDATES}", outcome.candidates.len()));
    }
    if let Some(c) = outcome.candidates.iter().find(|c| !(0.0..=1.0).contains(&c.confidence)) {
        return Err(format!("{label}: confidence {} outside 0..=1", c.confidence));
    }
    if let Decision::Suggest { count } = outcome.decision {
        if !(1..=MAX_SUGGESTIONS).contains(&count) || count > outcome.candidates.len() {
            return Err(format!("{label}: suggests {count} of {} candidates", outcome.candidates.len()));
        }
    }
    // Rendering the reply must not panic either, alone or in a conversation.
    render_in_a_conversation(faq, question);
    if let Some(answer) = outcome.answer() {
        return Err(format!("{label}: answered `{}` with confidence {:.3}", answer.id, answer.confidence));
    }
    Ok(())
}

/// `question` asked in a conversation that has a topic, a place and suggestions to pick
/// from, rendered for Discord's view and the terminal: no path (pick, fragment, facet) panics.
fn render_in_a_conversation(faq: &Faq, question: &str) {
    use optout_bot::app::{conversation::Context, knowledge::Knowledge, reply, view};
    static KNOWLEDGE: std::sync::OnceLock<Knowledge> = std::sync::OnceLock::new();
    let knowledge = KNOWLEDGE.get_or_init(|| Knowledge::build(faq.clone(), &[], &Default::default()));
    let ids: Vec<String> = knowledge.faq.entries().iter().take(2).map(|e| e.id.clone()).collect();
    let context = Context {
        entry: ids.first().cloned(),
        place: Some(optout_bot::region::Place::of(optout_bot::region::Region::Ca)),
        lang: optout_bot::lang::Lang::De,
        offered: ids,
        at: chrono::Utc::now(),
    };
    for context in [None, Some(&context)] {
        let asked = reply::ask(knowledge, question, None, optout_bot::matcher::LangHint::None, context);
        let message = view::reply(&knowledge.faq, &asked, question, view::Audience::Public);
        let _ = optout_bot::cli::render(&message, &knowledge.faq, asked.lang);
    }
}

fn check_all(faq: &Faq) {
    let matcher = Matcher::for_faq(faq);
    let mut failures = Vec::new();
    for (label, question) in odd_questions() {
        if let Err(e) = check(faq, &matcher, label, &question) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "odd questions must be declined or asked back:\n{}", failures.join("\n"));
}

#[test]
fn odd_questions_are_never_answered_with_the_shipped_faq() {
    check_all(&Faq::embedded());
}

#[test]
fn odd_questions_are_never_answered_with_a_one_entry_faq() {
    let faq = tiny_faq();
    // The one entry is answerable, so declining the odd questions means something.
    let real = Matcher::for_faq(&faq).find("how do I opt out of linkedin ai training");
    assert_eq!(real.answer().map(|c| c.id.as_str()), Some("opt-out-how"), "the tiny FAQ answers its own question");
    check_all(&faq);
}

#[test]
fn random_strings_never_panic_nor_get_answered() {
    for faq in [Faq::embedded(), tiny_faq()] {
        let matcher = Matcher::for_faq(&faq);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut failures = Vec::new();
        for n in 0..RANDOM_STRINGS {
            let question = random_string(&mut rng);
            if let Err(e) = check(&faq, &matcher, &format!("string #{n} {question:?}"), &question) {
                failures.push(e);
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {RANDOM_STRINGS} random strings were answered ({} entries):\n{}",
            failures.len(),
            faq.entries().len(),
            failures.join("\n")
        );
    }
}

#[test]
fn a_real_question_wrapped_in_odd_characters_is_still_answered() {
    let faq = Faq::embedded();
    let matcher = Matcher::for_faq(&faq);
    for question in [
        "\u{202E}how do I opt out of linkedin ai training\u{202C}",
        "how\u{200B} do I opt out of linkedin ai training 🤖🤖🤖",
        "<@&123> HOW DO I OPT OUT OF LINKEDIN AI TRAINING???",
        "\0how do I opt out of linkedin ai training\0",
    ] {
        let outcome = matcher.find(question);
        assert_eq!(outcome.answer().map(|c| c.id.as_str()), Some("opt-out-how"), "{question:?}: got {outcome:?}");
    }
}

const VALID_ENTRY: &str = "[[entry]]\nid = \"opt-out-how\"\ntopic = \"opt-out\"\nquestion = \"How do I opt out?\"\n\
                           variants = [\"turn it off\"]\nanswer = \"Settings, then Data privacy.\"\n";

fn load(files: &[(&str, &[u8])]) -> Result<Faq, optout_bot::faq::FaqErrors> {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    Faq::load_dir(dir.path())
}

#[test]
fn a_valid_file_with_a_byte_order_mark_loads() {
    let text = format!("\u{FEFF}{VALID_ENTRY}");
    let faq = load(&[("a.toml", text.as_bytes())]).unwrap_or_else(|e| panic!("a BOM must not stop loading: {e}"));
    assert_eq!(faq.entries()[0].id, "opt-out-how");
    let faq = Faq::from_files([("a.toml", text)]).unwrap_or_else(|e| panic!("from_files with a BOM: {e}"));
    assert_eq!(faq.entries()[0].id, "opt-out-how");
}

#[test]
fn a_valid_settings_file_with_a_byte_order_mark_loads() {
    let faq =
        load(&[("a.toml", VALID_ENTRY.as_bytes()), ("settings.toml", "\u{FEFF}answer_threshold = 0.3\n".as_bytes())])
            .unwrap_or_else(|e| panic!("a BOM in settings.toml must not stop loading: {e}"));
    assert_eq!(faq.settings().answer_threshold, Some(0.3));
}

#[test]
fn a_valid_file_with_crlf_line_endings_loads() {
    let text = VALID_ENTRY.replace('\n', "\r\n");
    let faq = load(&[("a.toml", text.as_bytes())]).unwrap_or_else(|e| panic!("CRLF must not stop loading: {e}"));
    assert_eq!(faq.entries()[0].answer, "Settings, then Data privacy.", "no stray \\r in values");
}

#[test]
fn errors_in_crlf_and_bom_files_keep_their_line_numbers() {
    let broken =
        format!("\u{FEFF}{VALID_ENTRY}\n{}", VALID_ENTRY.replace("opt-out-how", "Bad Id")).replace('\n', "\r\n");
    let errors = load(&[("a.toml", broken.as_bytes())]).expect_err("a bad id must not load");
    assert!(
        errors.0.iter().any(|e| e.line == 9 && matches!(e.problem, Problem::InvalidId { .. })),
        "expected the bad id on line 9, got:\n{errors}"
    );
}

#[test]
fn broken_bytes_are_errors_not_panics() {
    let cases: &[(&str, &[u8])] = &[
        ("invalid utf-8", b"[[entry]]\nid = \"\xC3\x28\"\n"),
        ("truncated multi-byte character", b"[[entry]]\nid = \"caf\xC3"),
        ("0-byte file", b""),
        ("NUL bytes", b"[[entry]]\0\nid = \"a\0b\"\n"),
        ("UTF-16 text", b"\xFF\xFE[\0[\0e\0n\0t\0r\0y\0]\0]\0"),
        ("only a BOM", "\u{FEFF}".as_bytes()),
        ("lone carriage returns", b"[[entry]]\rid = \"a\"\rtopic = \"b\"\r"),
    ];
    for (label, bytes) in cases {
        let result = load(&[("a.toml", bytes)]);
        let errors = result.err().unwrap_or_else(|| panic!("{label}: expected an error, it loaded"));
        assert!(!errors.0.is_empty(), "{label}: at least one error");
        for error in &errors.0 {
            assert!(error.file.ends_with("a.toml"), "{label}: the error names a.toml, got {error}");
        }
    }
}

#[test]
fn a_broken_file_beside_a_good_one_is_named() {
    let errors = load(&[("good.toml", VALID_ENTRY.as_bytes()), ("bad.toml", b"\xFF\xFF\xFF")])
        .expect_err("invalid UTF-8 must not load");
    assert_eq!(errors.0.len(), 1, "one error, got {errors}");
    assert!(errors.0[0].file.ends_with("bad.toml"), "the error names bad.toml, got {errors}");
}
