//! Measuring the matcher on a labelled question set, and choosing its threshold.
//!
//! The file format and the report's JSON keys are those of
//! `../shared/eval/README.md`, so reports from any FAQ can be compared.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::faq::Faq;
use crate::matcher::{Decision, MatchOutcome, Matcher, MatcherConfig};

/// One labelled question.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct LabelledQuestion {
    pub question: String,
    /// The entry ids that are right answers; empty when the bot should decline.
    #[serde(deserialize_with = "expected_ids")]
    pub expected: Vec<String>,
    #[serde(default)]
    pub kind: Option<String>,
}

impl LabelledQuestion {
    pub fn in_scope(&self) -> bool {
        !self.expected.is_empty()
    }
}

fn expected_ids<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Expected {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<Expected>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(Expected::One(id)) => vec![id],
        Some(Expected::Many(ids)) => ids,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum QuestionsError {
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("{}:{line}: {problem}", path.display())]
    Invalid { path: PathBuf, line: usize, problem: String },
}

/// Reads a JSON Lines question file (blank lines are skipped).
pub fn load_questions(path: &Path) -> Result<Vec<LabelledQuestion>, QuestionsError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| QuestionsError::Unreadable { path: path.to_path_buf(), source })?;
    parse_questions(&text).map_err(|(line, problem)| QuestionsError::Invalid {
        path: path.to_path_buf(),
        line,
        problem,
    })
}

/// Parses JSON Lines; an error carries the 1-based line and the problem.
pub fn parse_questions(text: &str) -> Result<Vec<LabelledQuestion>, (usize, String)> {
    // Editors on Windows often save UTF-8 with a byte order mark, which is not JSON.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| serde_json::from_str(line).map_err(|e| (index + 1, e.to_string())))
        .collect()
}

/// Problems with a question set against an FAQ, found before measuring anything.
pub fn unknown_expected_ids(faq: &Faq, questions: &[LabelledQuestion]) -> Vec<String> {
    let mut unknown: Vec<String> =
        questions.iter().flat_map(|q| q.expected.iter()).filter(|id| faq.entry(id).is_none()).cloned().collect();
    unknown.sort();
    unknown.dedup();
    unknown
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub questions: usize,
    pub in_scope: InScope,
    pub out_of_scope: OutOfScope,
    pub latency_us: Latency,
    pub queries_per_second: f64,
    /// Time to read the FAQ and build the matcher, when the caller measured it.
    pub load_ms: f64,
    /// The thresholds the report was made with.
    #[serde(serialize_with = "shortest_decimal")]
    pub answer_threshold: f32,
    #[serde(serialize_with = "shortest_decimal")]
    pub suggest_threshold: f32,
    pub misses: Vec<Miss>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InScope {
    pub count: usize,
    pub top1_accuracy: f64,
    pub top3_accuracy: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutOfScope {
    pub count: usize,
    pub rejection_rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Latency {
    pub p50: f64,
    pub p99: f64,
}

/// A question the matcher got wrong, and what it did instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub question: String,
    pub expected: Vec<String>,
    pub decision: Decision,
    /// The best candidate's id and confidence, if any.
    pub best: Option<(String, f32)>,
}

/// Runs every question through `matcher` and scores the outcomes.
pub fn evaluate(matcher: &Matcher, questions: &[LabelledQuestion]) -> Report {
    let mut latencies_us = Vec::with_capacity(questions.len());
    let mut outcomes = Vec::with_capacity(questions.len());
    let started = Instant::now();
    for question in questions {
        let asked = Instant::now();
        let outcome = matcher.find(&question.question);
        latencies_us.push(asked.elapsed().as_secs_f64() * 1e6);
        outcomes.push(outcome);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let config = matcher.config();
    let mut report = score(questions, &outcomes, config);
    latencies_us.sort_by(f64::total_cmp);
    report.latency_us = Latency { p50: percentile(&latencies_us, 0.50), p99: percentile(&latencies_us, 0.99) };
    report.queries_per_second = if elapsed > 0.0 { questions.len() as f64 / elapsed } else { 0.0 };
    report
}

fn score(questions: &[LabelledQuestion], outcomes: &[MatchOutcome], config: &MatcherConfig) -> Report {
    let (mut in_scope, mut top1, mut top3, mut out_of_scope, mut rejected) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for (question, outcome) in questions.iter().zip(outcomes) {
        let right = |id: &str| question.expected.iter().any(|e| e == id);
        let correct = if question.in_scope() {
            in_scope += 1;
            // A question labelled with a small-talk id is right when it gets that reply.
            let answered_right = outcome.answer().or(outcome.small_talk()).is_some_and(|c| right(&c.id));
            top1 += usize::from(answered_right);
            top3 += usize::from(outcome.candidates.iter().take(3).any(|c| right(&c.id)));
            answered_right
        } else {
            out_of_scope += 1;
            let declined = outcome.answer().is_none();
            rejected += usize::from(declined);
            declined
        };
        if !correct {
            misses.push(Miss {
                question: question.question.clone(),
                expected: question.expected.clone(),
                decision: outcome.decision.clone(),
                best: outcome.candidates.first().map(|c| (c.id.clone(), c.confidence)),
            });
        }
    }
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    Report {
        questions: questions.len(),
        in_scope: InScope {
            count: in_scope,
            top1_accuracy: ratio(top1, in_scope),
            top3_accuracy: ratio(top3, in_scope),
        },
        out_of_scope: OutOfScope { count: out_of_scope, rejection_rate: ratio(rejected, out_of_scope) },
        latency_us: Latency { p50: 0.0, p99: 0.0 },
        queries_per_second: 0.0,
        load_ms: 0.0,
        answer_threshold: config.answer_threshold,
        suggest_threshold: config.suggest_threshold,
        misses,
    }
}

/// Serializes an `f32` as its shortest decimal (`0.197`), not as the `f64` it
/// widens to (`0.19699999690055847`) when a report passes through `serde_json::Value`.
fn shortest_decimal<S: serde::Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(value.to_string().parse().unwrap_or(f64::from(*value)))
}

fn percentile(sorted: &[f64], quantile: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 * quantile).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// How much a declined out-of-scope question is worth against a correctly
/// answered in-scope one when choosing a threshold. Below 1 because, for the
/// people asking, a missed answer to a real question costs more than a
/// "did you mean" shown for a question the FAQ does not cover.
pub const DEFAULT_REJECTION_WEIGHT: f64 = 0.25;

/// The chosen threshold and what it scored on the calibration set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    #[serde(serialize_with = "shortest_decimal")]
    pub answer_threshold: f32,
    #[serde(serialize_with = "shortest_decimal")]
    pub suggest_threshold: f32,
    pub top1_accuracy: f64,
    pub rejection_rate: f64,
}

/// Chooses the answer threshold that maximizes
/// `top1_accuracy + rejection_weight * rejection_rate` on `questions`
/// (each rate over its own class, so the result does not depend on how many
/// out-of-scope questions the set happens to hold). The suggest threshold
/// keeps its default ratio to the answer threshold.
pub fn calibrate(
    faq: &Faq,
    base: &MatcherConfig,
    questions: &[LabelledQuestion],
    rejection_weight: f64,
) -> Calibration {
    // Scoring does not depend on the thresholds: match once with everything
    // answered, then sweep the threshold over the recorded confidences.
    let mut open = base.clone();
    open.answer_threshold = 0.0;
    open.suggest_threshold = 0.0;
    let matcher = Matcher::new(faq, open);
    let observed: Vec<(bool, bool, f32)> = questions
        .iter()
        .map(|q| {
            let outcome = matcher.find(&q.question);
            let best = outcome.candidates.first();
            let right = best.is_some_and(|c| q.expected.contains(&c.id));
            let answerable = best.is_some() && matches!(outcome.decision, Decision::Answer);
            (q.in_scope(), right && answerable, if answerable { outcome.confidence() } else { -1.0 })
        })
        .collect();
    let in_scope = observed.iter().filter(|o| o.0).count().max(1) as f64;
    let out_of_scope = observed.iter().filter(|o| !o.0).count().max(1) as f64;
    let mut thresholds: Vec<f32> = observed.iter().map(|o| o.2).filter(|c| *c >= 0.0).collect();
    thresholds.push(1.01);
    thresholds.sort_by(f32::total_cmp);
    thresholds.dedup();
    let mut best: Option<(f64, Calibration)> = None;
    for &threshold in &thresholds {
        let top1 = observed.iter().filter(|o| o.0 && o.1 && o.2 >= threshold).count() as f64 / in_scope;
        let rejection = observed.iter().filter(|o| !o.0 && o.2 < threshold).count() as f64 / out_of_scope;
        let objective = top1 + rejection_weight * rejection;
        if best.as_ref().is_none_or(|(b, _)| objective > *b) {
            let ratio = base.suggest_threshold / base.answer_threshold.max(f32::EPSILON);
            best = Some((
                objective,
                Calibration {
                    answer_threshold: threshold.min(1.0),
                    suggest_threshold: (threshold * ratio).min(1.0),
                    top1_accuracy: top1,
                    rejection_rate: rejection,
                },
            ));
        }
    }
    best.map(|(_, c)| c).expect("at least one threshold is tried")
}
