//! Measures the two maintained language detectors the bot could use, lingua (what it
//! uses, through `optout_bot::lang::detect`) and whatlang, on the short questions members
//! type: every question and variant of the shipped FAQ in its own language, and the
//! regression sets in `tests/data/`.
//!
//! `cargo run --release --example language_detection [FAQ_DIR]`
//!
//! It prints, per detector and language: accuracy of the best guess, the share of
//! questions it was confident about, and how often a confident guess was wrong (the
//! figure that matters: a confident wrong guess answers in the wrong language), then the
//! time per question. The README's "Languages" section quotes its output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use lingua::{Language, LanguageDetectorBuilder};
use optout_bot::lang::{self, Lang};

/// A question the set labels with its language.
struct Sample {
    lang: Lang,
    text: String,
}

fn main() {
    // First, before anything has loaded a model: what loading them all costs.
    let started = Instant::now();
    let preloaded = LanguageDetectorBuilder::from_languages(&Lang::ALL.map(lingua_language))
        .with_preloaded_language_models()
        .build();
    println!(
        "lingua, high accuracy: every model of the {} languages preloaded in {} ms\n",
        Lang::ALL.len(),
        started.elapsed().as_millis()
    );
    drop(preloaded);
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("faq"), PathBuf::from);
    let samples = samples(&dir);
    let languages: Vec<Lang> = {
        let mut seen: Vec<Lang> = samples.iter().map(|s| s.lang).collect();
        seen.sort();
        seen.dedup();
        seen
    };
    println!("{} questions in {} languages from {} and tests/data/\n", samples.len(), languages.len(), dir.display());

    // The bot's own: lingua, high accuracy, confident from `lang::CONFIDENT`.
    let started = Instant::now();
    let _ = lang::detect("warm up: the models load on first use", &languages);
    let load_time = started.elapsed();
    let started = Instant::now();
    let ours: Vec<Option<(Lang, bool)>> =
        samples.iter().map(|s| lang::detect(&s.text, &languages).map(|d| (d.lang, d.confident))).collect();
    report(
        &format!("lingua, high accuracy, confident at ≥ {} (optout_bot::lang::detect)", lang::CONFIDENT),
        &samples,
        &ours,
        started.elapsed(),
    );
    println!("  models loaded on first use in {} ms\n", load_time.as_millis());

    let lingua_languages: Vec<Language> = languages.iter().map(|&l| lingua_language(l)).collect();
    let high = LanguageDetectorBuilder::from_languages(&lingua_languages).build();
    let values: Vec<Vec<(Language, f64)>> =
        samples.iter().map(|s| high.compute_language_confidence_values(s.text.as_str())).collect();
    for bar in [0.4, 0.5, 0.6] {
        let guesses: Vec<Option<(Lang, bool)>> = values
            .iter()
            .map(|values| {
                let (language, confidence) = values.first().copied()?;
                let lang = languages.iter().copied().find(|&l| lingua_language(l) == language)?;
                Some((lang, confidence >= bar))
            })
            .collect();
        report(&format!("lingua, high accuracy, confident at ≥ {bar}"), &samples, &guesses, Default::default());
    }
    let low = LanguageDetectorBuilder::from_languages(&lingua_languages).with_low_accuracy_mode().build();
    let started = Instant::now();
    let guesses: Vec<Option<(Lang, bool)>> = samples
        .iter()
        .map(|s| {
            let (language, confidence) = low.compute_language_confidence_values(s.text.as_str()).first().copied()?;
            let lang = languages.iter().copied().find(|&l| lingua_language(l) == language)?;
            Some((lang, confidence >= lang::CONFIDENT))
        })
        .collect();
    report(&format!("lingua, low accuracy, confident at ≥ {}", lang::CONFIDENT), &samples, &guesses, started.elapsed());

    // whatlang, restricted to the same languages, with its own confidence.
    let allow: Vec<whatlang::Lang> = languages.iter().map(|&l| whatlang_language(l)).collect();
    let detector = whatlang::Detector::with_allowlist(allow);
    for bar in [0.5, 0.2] {
        let started = Instant::now();
        let guesses: Vec<Option<(Lang, bool)>> = samples
            .iter()
            .map(|s| {
                let info = detector.detect(&s.text)?;
                let lang = languages.iter().copied().find(|&l| whatlang_language(l) == info.lang())?;
                Some((lang, info.confidence() >= bar))
            })
            .collect();
        report(&format!("whatlang, confident at ≥ {bar}"), &samples, &guesses, started.elapsed());
    }
}

fn report(name: &str, samples: &[Sample], guesses: &[Option<(Lang, bool)>], elapsed: std::time::Duration) {
    // Per language: questions, best guess right, confident, confident and wrong.
    let mut counts: BTreeMap<Lang, [usize; 4]> = BTreeMap::new();
    for (sample, guess) in samples.iter().zip(guesses) {
        let c = counts.entry(sample.lang).or_default();
        c[0] += 1;
        if let Some((lang, confident)) = guess {
            c[1] += usize::from(*lang == sample.lang);
            c[2] += usize::from(*confident);
            c[3] += usize::from(*confident && *lang != sample.lang);
        }
    }
    println!("{name}");
    println!("  lang  questions  right   confident  confident-wrong");
    let mut total = [0usize; 4];
    for (lang, c) in &counts {
        for (t, v) in total.iter_mut().zip(c) {
            *t += v;
        }
        println!(
            "  {lang:<4}  {:>9}  {:>5.3}  {:>9.3}  {:>15.3}",
            c[0],
            share(c[1], c[0]),
            share(c[2], c[0]),
            share(c[3], c[0])
        );
    }
    println!(
        "  all   {:>9}  {:>5.3}  {:>9.3}  {:>15.3}",
        total[0],
        share(total[1], total[0]),
        share(total[2], total[0]),
        share(total[3], total[0])
    );
    println!("  {:.1} µs per question\n", elapsed.as_secs_f64() * 1e6 / samples.len().max(1) as f64);
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}

fn whatlang_language(lang: Lang) -> whatlang::Lang {
    match lang {
        Lang::En => whatlang::Lang::Eng,
        Lang::De => whatlang::Lang::Deu,
        Lang::Fr => whatlang::Lang::Fra,
        Lang::Es => whatlang::Lang::Spa,
        Lang::It => whatlang::Lang::Ita,
        Lang::Nl => whatlang::Lang::Nld,
        Lang::Pt => whatlang::Lang::Por,
    }
}

fn lingua_language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::English,
        Lang::De => Language::German,
        Lang::Fr => Language::French,
        Lang::Es => Language::Spanish,
        Lang::It => Language::Italian,
        Lang::Nl => Language::Dutch,
        Lang::Pt => Language::Portuguese,
    }
}

/// Questions and variants of `dir/*.toml` (English) and `dir/<code>/*.toml`, then the
/// regression sets (a line without `"lang"` is English).
fn samples(dir: &Path) -> Vec<Sample> {
    let mut out = Vec::new();
    let mut files: Vec<(Lang, PathBuf)> = Vec::new();
    let mut walk = |lang: Lang, dir: &Path| {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push((lang, path));
            }
        }
    };
    walk(Lang::En, dir);
    for lang in Lang::ALL.into_iter().skip(1) {
        walk(lang, &dir.join(lang.code()));
    }
    for (lang, path) in files {
        let text = std::fs::read_to_string(&path).expect("FAQ file reads");
        let value: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for entry in value.get("entry").and_then(|e| e.as_array()).into_iter().flatten() {
            let question = entry.get("question").and_then(|q| q.as_str()).into_iter();
            let variants =
                entry.get("variants").and_then(|v| v.as_array()).into_iter().flatten().filter_map(|v| v.as_str());
            out.extend(question.chain(variants).map(|text| Sample { lang, text: text.to_owned() }));
        }
    }
    for entry in std::fs::read_dir("tests/data").into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        for line in std::fs::read_to_string(&path).expect("question set reads").lines().filter(|l| !l.trim().is_empty())
        {
            let value: serde_json::Value = serde_json::from_str(line).expect("question set line parses");
            let lang = value["lang"].as_str().map_or(Lang::En, |code| code.parse().expect("known language"));
            out.push(Sample { lang, text: value["question"].as_str().unwrap_or_default().to_owned() });
        }
    }
    out
}
