//! Measuring the matcher on a labelled question set, and choosing its threshold.
//!
//! The file format and the report's JSON keys are those of
//! `../shared/eval/README.md`, so reports from any FAQ can be compared.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::faq::Faq;
use crate::lang::Lang;
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
    /// The language the question is written in, when the set says; the report then has
    /// figures per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
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
    /// How far the confidence can be read as the chance that the best entry is right.
    pub calibration: CalibrationReport,
    /// Figures for each language the questions name (`"lang"`), by code.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_language: BTreeMap<Lang, LanguageReport>,
    pub misses: Vec<Miss>,
}

/// How the questions of one language fared.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LanguageReport {
    pub questions: usize,
    pub in_scope: usize,
    pub out_of_scope: usize,
    pub top1_accuracy: f64,
    pub rejection_rate: f64,
    /// Share of the questions answered (or declined) in their own language.
    pub reply_language_accuracy: f64,
    /// Share of the questions whose language was detected with confidence, and rightly.
    pub detected_confidently: f64,
}

/// Confidence against reality on the reported set: for each band of confidence, how
/// often the best candidate was a right entry (out-of-scope questions never have a
/// right entry). Small-talk replies are left out: they are not FAQ answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationReport {
    /// The thresholds chosen on the calibration set and what they scored there
    /// (only with `--calibrate-on`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<Calibration>,
    /// Mean over questions of |share right − mean confidence| in each question's band:
    /// 0 when a confidence of 0.8 is right 80% of the time.
    pub expected_calibration_error: f64,
    /// One row per band of width 1 / [`RELIABILITY_BANDS`], empty bands left out.
    pub reliability: Vec<ReliabilityBand>,
}

/// How many equal bands of confidence the reliability table has.
pub const RELIABILITY_BANDS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReliabilityBand {
    /// The band is `[lower, upper)` (the last one includes 1).
    pub lower: f64,
    pub upper: f64,
    pub count: usize,
    pub mean_confidence: f64,
    /// Share of the band's questions whose best candidate was a right entry.
    pub share_right: f64,
}

/// Builds the reliability table and its expected calibration error from
/// (confidence, best candidate right) pairs.
pub fn reliability(observations: &[(f32, bool)]) -> CalibrationReport {
    let mut sums = [(0usize, 0.0f64, 0usize); RELIABILITY_BANDS];
    for &(confidence, right) in observations {
        let confidence = f64::from(confidence).clamp(0.0, 1.0);
        let band = ((confidence * RELIABILITY_BANDS as f64) as usize).min(RELIABILITY_BANDS - 1);
        sums[band].0 += 1;
        sums[band].1 += confidence;
        sums[band].2 += usize::from(right);
    }
    let total = observations.len().max(1) as f64;
    let mut error = 0.0;
    let mut bands = Vec::new();
    for (index, &(count, confidence_sum, right)) in sums.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let mean_confidence = confidence_sum / count as f64;
        let share_right = right as f64 / count as f64;
        error += count as f64 / total * (share_right - mean_confidence).abs();
        bands.push(ReliabilityBand {
            lower: index as f64 / RELIABILITY_BANDS as f64,
            upper: (index + 1) as f64 / RELIABILITY_BANDS as f64,
            count,
            mean_confidence,
            share_right,
        });
    }
    CalibrationReport { chosen: None, expected_calibration_error: error, reliability: bands }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// The misses answered with a neighbour of the expected entry: one of the same topic, or
/// one it lists as related ("where do I turn it off" answered with how to *check* it).
/// These are the confident wrong answers a narrower question is most at risk of.
pub fn sibling_confusions<'r>(faq: &Faq, report: &'r Report) -> Vec<&'r Miss> {
    let neighbours = |answered: &str, expected: &str| {
        let (Some(a), Some(e)) = (faq.entry(answered), faq.entry(expected)) else { return false };
        a.topic == e.topic || a.related.iter().any(|r| r == expected) || e.related.iter().any(|r| r == answered)
    };
    report
        .misses
        .iter()
        .filter(|miss| matches!(miss.decision, Decision::Answer))
        .filter(|miss| {
            miss.best.as_ref().is_some_and(|(answered, _)| miss.expected.iter().any(|e| neighbours(answered, e)))
        })
        .collect()
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
    let mut observations = Vec::with_capacity(outcomes.len());
    // Per language: (questions, in scope, right, out of scope, declined, reply language right, detected).
    let mut languages: BTreeMap<Lang, [usize; 7]> = BTreeMap::new();
    for (question, outcome) in questions.iter().zip(outcomes) {
        if !outcome.is_small_talk() {
            let best = outcome.candidates.first();
            let right = best.is_some_and(|c| question.expected.contains(&c.id));
            observations.push((best.map_or(0.0, |c| c.confidence), right));
        }
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
        if let Some(lang) = question.lang {
            let counts = languages.entry(lang).or_default();
            counts[0] += 1;
            if question.in_scope() {
                counts[1] += 1;
                counts[2] += usize::from(correct);
            } else {
                counts[3] += 1;
                counts[4] += usize::from(correct);
            }
            counts[5] += usize::from(outcome.reply_language == lang);
            counts[6] += usize::from(outcome.detected.is_some_and(|d| d.confident && d.lang == lang));
        }
        if !correct {
            misses.push(Miss {
                question: question.question.clone(),
                expected: question.expected.clone(),
                decision: outcome.decision.clone(),
                best: outcome.candidates.first().map(|c| (c.id.clone(), c.confidence)),
                lang: question.lang,
            });
        }
    }
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let by_language = languages
        .into_iter()
        .map(|(lang, [n, inside, right, outside, declined, replied, detected])| {
            let report = LanguageReport {
                questions: n,
                in_scope: inside,
                out_of_scope: outside,
                top1_accuracy: ratio(right, inside),
                rejection_rate: ratio(declined, outside),
                reply_language_accuracy: ratio(replied, n),
                detected_confidently: ratio(detected, n),
            };
            (lang, report)
        })
        .collect();
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
        calibration: reliability(&observations),
        by_language,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confidence_right_as_often_as_it_says_has_no_calibration_error() {
        // Band 0.8-0.9: 10 questions at 0.8, 8 right. Band 0.2-0.3: 5 at 0.2, 1 right.
        let mut observations: Vec<(f32, bool)> = (0..10).map(|i| (0.8, i < 8)).collect();
        observations.extend((0..5).map(|i| (0.2, i < 1)));
        let report = reliability(&observations);
        assert!(report.expected_calibration_error < 1e-6, "{report:?}");
        let bands: Vec<(f64, usize)> = report.reliability.iter().map(|b| (b.lower, b.count)).collect();
        assert_eq!(bands, [(0.2, 5), (0.8, 10)], "empty bands are left out");
    }

    #[test]
    fn an_overconfident_score_shows_its_error() {
        // Everything at 0.9, half right: the error is 0.4.
        let observations: Vec<(f32, bool)> = (0..10).map(|i| (0.9, i % 2 == 0)).collect();
        let report = reliability(&observations);
        assert!((report.expected_calibration_error - 0.4).abs() < 1e-6, "{report:?}");
        assert_eq!(reliability(&[]).reliability.len(), 0, "no questions, no bands");
        assert_eq!(reliability(&[(1.0, true)]).reliability[0].upper, 1.0, "a confidence of 1 is in the last band");
    }
}
