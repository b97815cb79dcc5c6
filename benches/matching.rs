//! How fast a question is matched, on the shipped FAQ and on a large one.
//!
//! ```text
//! cargo bench --bench matching
//! ```
//! The large FAQ is CLINC150 (150 entries, 15,000 variants) from
//! `../shared/bench/clinc150/faq` when that directory exists beside the
//! repository, otherwise a generated FAQ of the same size, so the benchmark
//! always runs.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use optout_bot::faq::Faq;
use optout_bot::matcher::Matcher;

const CLINC_FAQ: &str = "../shared/bench/clinc150/faq";
const CLINC_QUESTIONS: &str = "../shared/bench/clinc150/test.jsonl";

/// Questions to cycle through: real ones where available.
fn questions(path: &str, fallback: &[&str]) -> Vec<String> {
    match optout_bot::eval::load_questions(Path::new(path)) {
        Ok(questions) => questions.into_iter().take(1000).map(|q| q.question).collect(),
        Err(_) => fallback.iter().map(|q| (*q).to_owned()).collect(),
    }
}

/// A generated FAQ shaped like CLINC150: 150 entries of 100 phrasings each.
fn generated_large_faq() -> Faq {
    const WORDS: &[&str] = &[
        "account",
        "balance",
        "transfer",
        "flight",
        "hotel",
        "weather",
        "recipe",
        "timer",
        "alarm",
        "music",
        "volume",
        "card",
        "payment",
        "bill",
        "insurance",
        "credit",
        "score",
        "travel",
        "visa",
        "car",
        "rental",
        "gas",
        "oil",
        "tire",
        "calendar",
        "meeting",
        "reminder",
        "translate",
        "spell",
        "define",
        "joke",
        "fact",
        "restaurant",
        "reservation",
        "calories",
        "nutrition",
        "ingredients",
        "order",
        "shopping",
        "list",
        "todo",
        "pin",
        "freeze",
        "lost",
        "stolen",
        "limit",
        "interest",
        "rate",
        "exchange",
        "currency",
    ];
    let mut seed: u64 = 42;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut text = String::new();
    for entry in 0..150 {
        let key = [WORDS[entry % WORDS.len()], WORDS[(entry * 7 + 3) % WORDS.len()]];
        let phrasing = |next: &mut dyn FnMut() -> u64| {
            let filler: Vec<&str> = (0..5).map(|_| WORDS[(next() % WORDS.len() as u64) as usize]).collect();
            format!("how do i {} my {} {} please", key[0], filler.join(" "), key[1])
        };
        let variants: Vec<String> = (0..99).map(|_| format!("{:?}", phrasing(&mut next))).collect();
        text.push_str(&format!(
            "[[entry]]\nid = \"entry-{entry}\"\ntopic = \"t{}\"\nquestion = {:?}\nvariants = [{}]\nanswer = \"answer {entry}\"\n\n",
            entry % 10,
            phrasing(&mut next),
            variants.join(", ")
        ));
    }
    Faq::from_files([("generated.toml", text)]).expect("the generated FAQ is valid")
}

fn large_faq() -> (Faq, &'static str) {
    match Faq::load_dir(Path::new(CLINC_FAQ)) {
        Ok(faq) => (faq, "clinc150"),
        Err(_) => (generated_large_faq(), "generated-15k"),
    }
}

fn bench_matching(c: &mut Criterion) {
    let shipped = Faq::embedded();
    let shipped_matcher = Matcher::for_faq(&shipped);
    let shipped_questions = questions(
        "tests/data/regression-questions.jsonl",
        &["how do i opt out", "does linkedin use my dms", "is it too late", "what is the weather"],
    );
    let (large, name) = large_faq();
    let large_matcher = Matcher::for_faq(&large);
    let large_questions =
        questions(CLINC_QUESTIONS, &["how do i transfer my balance", "what is the weather", "set an alarm"]);

    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Elements(1));
    for (label, matcher, questions) in
        [("shipped", &shipped_matcher, &shipped_questions), (name, &large_matcher, &large_questions)]
    {
        let mut index = 0;
        group.bench_function(label, |b| {
            b.iter(|| {
                index = (index + 1) % questions.len();
                black_box(matcher.find(black_box(&questions[index])))
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("shipped", |b| b.iter(|| black_box(Matcher::for_faq(&shipped))));
    group.bench_function(name, |b| {
        b.iter_batched(|| large.clone(), |faq| black_box(Matcher::for_faq(&faq)), BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: numbers are what we report, and plotting needs system fonts.
    config = Criterion::default().without_plots();
    targets = bench_matching
}
criterion_main!(benches);
