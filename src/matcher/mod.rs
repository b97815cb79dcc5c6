//! Finding the FAQ entry a question asks for, and deciding whether to answer it.
//!
//! Two scorers look at the same TF-IDF features (see [`features`]):
//! - a **linear scorer**: one weight vector per entry, started at the centroid of
//!   its phrasings and refined by a short perceptron pass over those phrasings,
//!   so words that tell entries apart gain weight and words they share lose it;
//! - **nearest variant**: the cosine similarity to the closest single phrasing,
//!   which rewards a question that is almost exactly one of the variants.
//!
//! Their scores are fused, and the confidence adds how far the best entry leads
//! the runner-up: a question equally close to two entries is a question to ask
//! back ("did you mean"), not to answer.
//!
//! Everything is computed once in [`Matcher::new`]; a question costs a walk over
//! the postings of its own features, never a scan of every phrasing.

mod config;
mod features;
mod languages;
mod outcome;
mod train;
mod typo;

use rustc_hash::FxHashSet as HashSet;

use crate::faq::{Entry, Faq};
use crate::lang::Lang;
use crate::text::{normalize, normalize_for, Analyzer};
pub use config::MatcherConfig;
use features::{Analyzed, KeyMap, SparseVector};
pub use languages::LangHint;
pub use outcome::{Candidate, Decision, DeclineReason, MatchOutcome};
use typo::TypoIndex;

/// Default confidence for answering directly. Chosen on the project's own
/// regression set (`tests/data/regression-questions.jsonl`); an FAQ directory
/// can store its own calibrated value (see `optout-bot eval --calibrate-on`).
pub const DEFAULT_ANSWER_THRESHOLD: f32 = 0.25;

/// Default confidence for offering "did you mean" suggestions.
pub const DEFAULT_SUGGEST_THRESHOLD: f32 = 0.15;

/// Fewest suggestions shown in a "did you mean" (when the FAQ has that many entries).
pub const MIN_SUGGESTIONS: usize = 2;

/// Most suggestions shown in a "did you mean".
pub const MAX_SUGGESTIONS: usize = 3;

/// Fewest letters or digits a question needs to be matched at all ("ty" and
/// "hi" have two; "k" or "?" is declined).
pub const MIN_QUESTION_LETTERS: usize = 2;

/// How many ranked candidates an outcome carries.
pub const MAX_CANDIDATES: usize = 5;

/// The topic of small-talk entries ("hi", "thanks", "what can you do", "who are you",
/// "bye"), kept in the FAQ directory's `smalltalk.toml` with ids starting `smalltalk-`.
pub const SMALL_TALK_TOPIC: &str = "smalltalk";

/// An index over one FAQ, built once and shared read-only across threads.
#[derive(Debug)]
pub struct Matcher {
    /// The language of the FAQ this index is built on.
    lang: Lang,
    /// One index per translation of the FAQ, each in its own language (none of their own).
    translations: Vec<Matcher>,
    config: MatcherConfig,
    analyzer: Analyzer,
    entry_ids: Vec<String>,
    /// Per class: whether it is a small-talk entry (see [`Entry::is_small_talk`]).
    small_talk: Vec<bool>,
    feature_ids: KeyMap<u32>,
    idf: Vec<f32>,
    /// IDF given to features the FAQ never uses (as if seen once), times `unknown_weight`.
    unknown_idf: f32,
    /// Linear weights, feature-major: `linear_postings[linear_offsets[f]..linear_offsets[f+1]]`.
    linear_offsets: Vec<u32>,
    linear_postings: Vec<(u32, f32)>,
    /// Phrasing vectors, feature-major, for nearest-variant scores.
    variant_offsets: Vec<u32>,
    variant_postings: Vec<(u32, f32)>,
    /// The classes whose phrasings use a word term, feature-major (for coverage).
    term_class_offsets: Vec<u32>,
    term_classes: Vec<(u32, f32)>,
    /// The phrasings of class `c` are `class_variants[c]..class_variants[c + 1]`
    /// (phrasings are indexed class by class).
    class_variants: Vec<u32>,
    /// Entries plus, when the FAQ has negative questions, the "none" class.
    class_count: usize,
    vocabulary: HashSet<String>,
    typos: TypoIndex,
    /// Normalized names of the FAQ's subject, padded with spaces (" linked in ") so a
    /// question is searched for whole words without allocating per question.
    subject: Vec<String>,
    /// (normalized and padded, as shown) names of other subjects.
    others: Vec<(String, String)>,
}

impl Matcher {
    /// Indexes `faq` with its directory's settings over the defaults.
    pub fn for_faq(faq: &Faq) -> Matcher {
        Matcher::new(faq, MatcherConfig::for_settings(faq.settings()))
    }

    /// Indexes `faq` and each of its translations (in parallel: they are independent).
    /// A translation with its own thresholds (`<code>/settings.toml`) uses them.
    pub fn new(faq: &Faq, config: MatcherConfig) -> Matcher {
        let translations = std::thread::scope(|scope| {
            // The language detector's models load meanwhile, so the first questions in
            // each language do not pay for them.
            if !faq.translations().is_empty() {
                scope.spawn(crate::lang::load_models);
            }
            let building: Vec<_> = faq
                .translations()
                .iter()
                .map(|translation| {
                    let mut config = config.clone();
                    if translation.settings() != faq.settings() {
                        config = config.with_thresholds_of(translation.settings());
                    }
                    scope.spawn(move || Matcher::one_language(translation, config))
                })
                .collect();
            building.into_iter().map(|b| b.join().expect("indexing does not panic")).collect()
        });
        Matcher { translations, ..Matcher::one_language(faq, config) }
    }

    pub fn config(&self) -> &MatcherConfig {
        &self.config
    }

    /// Ranks this language's entries for `question` and decides what to do (see
    /// [`Matcher::find`] for the question in any language).
    fn find_here(&self, question: &str) -> MatchOutcome {
        let decline = |reason| MatchOutcome::new(Decision::Decline { reason }, Vec::new());
        let normalized = normalize_for(question, self.lang);
        // "k", "?" or a lone emoji says nothing a phrasing could match; whatever
        // entry its character n-grams would land on is a guess.
        if normalized.chars().filter(|c| c.is_alphanumeric()).count() < MIN_QUESTION_LETTERS {
            return decline(DeclineReason::NoMatch);
        }
        if let Some(other) = self.other_subject(&normalized) {
            return decline(DeclineReason::OtherSubject(other));
        }
        let (query, terms) = self.vectorize(question);
        if query.is_empty() {
            return decline(DeclineReason::NoMatch);
        }
        let scores = self.fused_scores(&query, &terms);
        let mut ranked: Vec<(usize, f32)> = scores.into_iter().enumerate().filter(|(_, s)| *s > 0.0).collect();
        if ranked.is_empty() {
            return decline(DeclineReason::NoMatch);
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let negative_class = self.entry_ids.len();
        let is_faq = |class: usize| class != negative_class && !self.small_talk[class];
        // (score, runner-up score) of a ranking: a candidate's lead is measured against them.
        let leads = |ranked: &[(usize, f32)]| (ranked[0].1, ranked.get(1).map_or(0.0, |r| r.1));
        let candidate = |(best, runner_up): (f32, f32), &(entry, score): &(usize, f32)| {
            let best_other = if score >= best { runner_up } else { best };
            let confidence = (score + self.config.margin_weight * (score - best_other)).clamp(0.0, 1.0);
            Candidate { entry, id: self.entry_ids[entry].clone(), confidence, score }
        };
        let mut against = leads(&ranked);
        // Small talk wins when it is the best class and clears the suggest threshold: a
        // short friendly reply costs little even when the guess is loose, and never comes
        // with an FAQ answer's authority. Unless the question also asks something an
        // entry answers on its own ("thanks! does this apply in the US?"): then it is
        // answered, its lead measured against the other entries only.
        let (top_class, _) = ranked[0];
        if top_class != negative_class && self.small_talk[top_class] {
            let small_talk = candidate(against, &ranked[0]);
            let without_small_talk: Vec<(usize, f32)> =
                ranked.iter().copied().filter(|&(class, _)| !self.small_talk[class]).collect();
            let faq_answer = without_small_talk.first().filter(|&&(class, score)| {
                class != negative_class
                    && score >= small_talk.score * SMALL_TALK_YIELD_RATIO
                    && candidate(leads(&without_small_talk), &(class, score)).confidence >= self.config.answer_threshold
            });
            if faq_answer.is_some() {
                against = leads(&without_small_talk);
            } else if small_talk.confidence >= self.config.suggest_threshold {
                let faq_candidates = ranked
                    .iter()
                    .filter(|(class, _)| is_faq(*class))
                    .take(MAX_CANDIDATES - 1)
                    .map(|c| candidate(against, c));
                let id = small_talk.id.clone();
                let candidates = std::iter::once(small_talk).chain(faq_candidates).collect();
                return MatchOutcome::new(Decision::SmallTalk { id }, candidates);
            }
        }
        let candidates: Vec<Candidate> = ranked
            .iter()
            .filter(|(class, _)| is_faq(*class))
            .take(MAX_CANDIDATES)
            .map(|c| candidate(against, c))
            .collect();
        if candidates.is_empty() {
            return MatchOutcome::new(Decision::Decline { reason: DeclineReason::NoMatch }, candidates);
        }
        let mut decision = self.decide(&candidates);
        if decision == Decision::Answer
            && self.foreign_share(&terms, candidates[0].entry) > self.config.foreign_share_max
        {
            // The question is about something the negatives talk about and the entry does
            // not ("opt out of marketing emails" against the AI-training opt-out): ask back.
            decision = match candidates.len() {
                n if n >= MIN_SUGGESTIONS => Decision::Suggest { count: n.min(MAX_SUGGESTIONS) },
                _ => Decision::Decline { reason: DeclineReason::LowConfidence },
            };
        }
        MatchOutcome::new(decision, candidates)
    }

    /// The share of the question's word weight (IDF squared, words the FAQ knows) carried
    /// by words that the negative questions use and `entry`'s phrasings do not.
    fn foreign_share(&self, terms: &[(u32, f32)], entry: usize) -> f32 {
        let negative_class = self.entry_ids.len() as u32;
        if self.class_count == self.entry_ids.len() || self.config.foreign_share_max >= 1.0 {
            return 0.0;
        }
        let (mut total, mut foreign) = (0.0f32, 0.0f32);
        for &(feature, idf) in terms.iter().filter(|(f, _)| *f != features::UNKNOWN_FEATURE) {
            total += idf * idf;
            let f = feature as usize;
            let classes =
                &self.term_classes[self.term_class_offsets[f] as usize..self.term_class_offsets[f + 1] as usize];
            let used_by = |class: u32| classes.iter().any(|&(c, _)| c == class);
            if used_by(negative_class) && !used_by(entry as u32) {
                foreign += idf * idf;
            }
        }
        if total > 0.0 {
            foreign / total
        } else {
            0.0
        }
    }

    fn decide(&self, candidates: &[Candidate]) -> Decision {
        let top = &candidates[0];
        if top.confidence >= self.config.answer_threshold {
            return Decision::Answer;
        }
        if top.confidence < self.config.suggest_threshold {
            return Decision::Decline { reason: DeclineReason::LowConfidence };
        }
        // Offer the close runners-up (those whose score is near the best one), and at
        // least two: one unsure suggestion is only a weaker answer, not a choice.
        let close = candidates
            .iter()
            .take(MAX_SUGGESTIONS)
            .take_while(|c| c.score >= top.score * SUGGESTION_SCORE_RATIO)
            .count();
        Decision::Suggest { count: close.max(MIN_SUGGESTIONS.min(candidates.len())) }
    }

    fn other_subject(&self, normalized: &str) -> Option<String> {
        if self.others.is_empty() {
            return None;
        }
        let padded = format!(" {normalized} ");
        if self.subject.iter().any(|name| padded.contains(name.as_str())) {
            return None;
        }
        self.others.iter().find(|(name, _)| padded.contains(name.as_str())).map(|(_, shown)| shown.clone())
    }

    /// The question's feature vector, and its distinct word terms with their IDF
    /// (feature id, or [`features::UNKNOWN_FEATURE`]) for coverage.
    fn vectorize(&self, question: &str) -> (SparseVector, Vec<(u32, f32)>) {
        let mut analyzed = analyze(&self.analyzer, question);
        if self.config.typo_correction {
            let mut changed = false;
            for word in &mut analyzed.words {
                if !self.vocabulary.contains(word.as_str()) {
                    if let Some(fixed) = self.typos.correct(word) {
                        *word = fixed.to_owned();
                        changed = true;
                    }
                }
            }
            if changed {
                analyzed.terms = self.analyzer.terms_of(&analyzed.words);
            }
        }
        let mut terms: Vec<(u32, f32)> = Vec::new();
        if self.config.coverage_power > 0.0 || self.config.foreign_share_max < 1.0 {
            let mut keys: Vec<features::FeatureKey> = analyzed.terms.iter().map(|t| features::term_key(t)).collect();
            keys.sort_unstable();
            keys.dedup();
            terms = keys
                .into_iter()
                .map(|key| match self.feature_ids.get(&key) {
                    Some(&id) => (id, self.idf[id as usize]),
                    None => (features::UNKNOWN_FEATURE, self.unknown_idf),
                })
                .filter(|&(id, _)| self.config.coverage_counts_unknown || id != features::UNKNOWN_FEATURE)
                .collect();
        }
        let mut occurrences = Vec::new();
        features::extract(&analyzed, self.config.char_ngram_min, &mut occurrences);
        let counted = features::count(occurrences).into_iter().map(|(key, family, n)| {
            (self.feature_ids.get(&key).copied().unwrap_or(features::UNKNOWN_FEATURE), family, n)
        });
        (features::weigh(counted, &self.idf, self.unknown_idf, [1.0, self.config.char_weight]), terms)
    }

    /// Each class's share of the question's word weight (IDF squared) that its phrasings use.
    fn coverage(&self, terms: &[(u32, f32)]) -> Option<Vec<f32>> {
        let total: f32 = terms.iter().map(|(_, idf)| idf * idf).sum();
        if self.config.coverage_power <= 0.0 || total <= 0.0 {
            return None;
        }
        let mut covered = vec![0.0f32; self.class_count];
        for &(feature, idf) in terms {
            if feature == features::UNKNOWN_FEATURE {
                continue;
            }
            let f = feature as usize;
            let classes =
                &self.term_classes[self.term_class_offsets[f] as usize..self.term_class_offsets[f + 1] as usize];
            for &(class, _) in classes {
                covered[class as usize] += idf * idf;
            }
        }
        Some(covered.into_iter().map(|c| (c / total).powf(self.config.coverage_power)).collect())
    }

    fn fused_scores(&self, query: &SparseVector, terms: &[(u32, f32)]) -> Vec<f32> {
        let entry_count = self.class_count;
        let mut linear = vec![0.0f32; entry_count];
        let mut nearest = vec![0.0f32; self.class_variants[entry_count] as usize];
        for &(feature, weight) in query {
            let f = feature as usize;
            let postings = &self.linear_postings[self.linear_offsets[f] as usize..self.linear_offsets[f + 1] as usize];
            for &(entry, w) in postings {
                linear[entry as usize] += weight * w;
            }
            let postings =
                &self.variant_postings[self.variant_offsets[f] as usize..self.variant_offsets[f + 1] as usize];
            for &(variant, w) in postings {
                nearest[variant as usize] += weight * w;
            }
        }
        let alpha = self.config.linear_weight;
        let coverage = self.coverage(terms);
        (0..entry_count)
            .map(|class| {
                let variants = self.class_variants[class] as usize..self.class_variants[class + 1] as usize;
                let best_variant = nearest[variants].iter().fold(0.0f32, |best, &s| best.max(s));
                let fused = alpha * linear[class].max(0.0) + (1.0 - alpha) * best_variant;
                coverage.as_ref().map_or(fused, |c| fused * c[class])
            })
            .collect()
    }
}

/// Small FAQs keep every feature in nearest-variant comparisons: with a few
/// hundred phrasings the posting lists are short anyway.
const NEAREST_MIN_DF_CAP: f32 = 200.0;

/// A question whose best class is small talk is still answered with an entry whose
/// score is at least this share of the small talk's, when that entry clears the answer
/// threshold on its own: the question greets *and* asks.
const SMALL_TALK_YIELD_RATIO: f32 = 0.6;

/// A runner-up is offered as a suggestion when its score is at least this share of the best score.
const SUGGESTION_SCORE_RATIO: f32 = 0.6;

fn analyze(analyzer: &Analyzer, text: &str) -> Analyzed {
    let words = analyzer.words(text);
    let terms = analyzer.terms_of(&words);
    Analyzed { terms, words }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faq() -> Faq {
        Faq::from_files(faq_files()).unwrap()
    }

    fn faq_files() -> Vec<(&'static str, String)> {
        let text = r#"
[[entry]]
id = "reset-password"
topic = "account"
question = "How do I reset my password?"
variants = ["forgot my password", "password reset link", "change password", "cant log in password"]
answer = "Use the reset link."

[[entry]]
id = "delete-account"
topic = "account"
question = "How do I delete my account?"
variants = ["remove my account", "close account for good", "erase my profile", "account deletion"]
answer = "Use the account settings."

[[entry]]
id = "opening-hours"
topic = "store"
question = "When is the store open?"
variants = ["opening hours", "what time do you open", "store hours today", "are you open on sunday"]
answer = "9 to 5."
"#;
        // "Hours" names another subject but is also a word the FAQ uses: it must be ignored.
        let settings = "[scope]\nsubject = [\"acme\"]\nothers = [\"Globex\", \"Hours\"]\n";
        vec![("a.toml", text.to_owned()), ("settings.toml", settings.to_owned())]
    }

    fn config(answer: f32, suggest: f32) -> MatcherConfig {
        MatcherConfig { answer_threshold: answer, suggest_threshold: suggest, ..MatcherConfig::default() }
    }

    #[test]
    fn answers_the_entry_a_question_asks_for() {
        let matcher = Matcher::new(&faq(), config(0.2, 0.1));
        let cases = [
            ("How do I reset my password?", "reset-password"),
            ("i forgot my pasword", "reset-password"),
            ("erase my account please", "delete-account"),
            ("what are your opening hours", "opening-hours"),
        ];
        for (question, expected) in cases {
            let outcome = matcher.find(question);
            assert_eq!(outcome.answer().map(|c| c.id.as_str()), Some(expected), "{question:?}: {outcome:?}");
        }
    }

    #[test]
    fn candidates_are_ranked_and_confidence_stays_in_range() {
        let outcome = Matcher::new(&faq(), config(0.2, 0.1)).find("password reset");
        assert_eq!(outcome.candidates[0].id, "reset-password");
        assert!(outcome.candidates.windows(2).all(|w| w[0].score >= w[1].score), "{outcome:?}");
        assert!(outcome.candidates.iter().all(|c| (0.0..=1.0).contains(&c.confidence)), "{outcome:?}");
    }

    #[test]
    fn declines_questions_about_another_subject_unless_ours_is_named() {
        let matcher = Matcher::new(&faq(), config(0.2, 0.1));
        let outcome = matcher.find("how do I reset my Globex password");
        assert_eq!(outcome.decision, Decision::Decline { reason: DeclineReason::OtherSubject("Globex".into()) });
        let outcome = matcher.find("how do I reset my acme password, not globex");
        assert_eq!(outcome.answer().map(|c| c.id.as_str()), Some("reset-password"), "{outcome:?}");
    }

    #[test]
    fn declines_what_it_cannot_match() {
        let matcher = Matcher::new(&faq(), config(0.2, 0.1));
        for question in ["", "   ", "🤖🤖🤖", "zzzz qqqq xxxx"] {
            let outcome = matcher.find(question);
            assert!(matches!(outcome.decision, Decision::Decline { .. }), "{question:?}: {outcome:?}");
        }
    }

    #[test]
    fn unsure_questions_get_two_or_three_suggestions() {
        // Thresholds that make every match a suggestion, to look at the suggestions alone.
        let matcher = Matcher::new(&faq(), config(1.0, 0.0));
        let outcome = matcher.find("my account password");
        let count = outcome.suggestions().len();
        assert!((MIN_SUGGESTIONS..=MAX_SUGGESTIONS).contains(&count), "{outcome:?}");
        let ids: Vec<&str> = outcome.suggestions().iter().map(|c| c.id.as_str()).collect();
        assert!(ids.contains(&"reset-password") && ids.contains(&"delete-account"), "{ids:?}");
    }

    fn faq_with_small_talk() -> Faq {
        let small_talk = r#"
[[entry]]
id = "smalltalk-greeting"
topic = "smalltalk"
question = "Hi!"
variants = ["hello", "hey there", "good morning", "hiya"]
answer = "Hi! Ask me about your account."

[[entry]]
id = "smalltalk-thanks"
topic = "smalltalk"
question = "Thanks!"
variants = ["thank you", "thanks a lot", "cheers", "much appreciated"]
answer = "You're welcome."
"#;
        let mut files = vec![("smalltalk.toml", small_talk.to_owned())];
        files.extend(faq_files());
        Faq::from_files(files).unwrap()
    }

    #[test]
    fn small_talk_is_its_own_decision_and_never_an_answer() {
        let matcher = Matcher::new(&faq_with_small_talk(), config(0.2, 0.1));
        for (question, expected) in [("hello!", "smalltalk-greeting"), ("thank you so much", "smalltalk-thanks")] {
            let outcome = matcher.find(question);
            assert_eq!(outcome.decision, Decision::SmallTalk { id: expected.into() }, "{question:?}: {outcome:?}");
            assert!(outcome.is_small_talk() && outcome.answer().is_none(), "{question:?}: {outcome:?}");
            assert_eq!(outcome.small_talk().map(|c| c.id.as_str()), Some(expected));
            assert!(outcome.suggestions().is_empty(), "small talk is never offered as a suggestion");
        }
    }

    #[test]
    fn a_question_that_greets_and_asks_gets_the_answer() {
        let matcher = Matcher::new(&faq_with_small_talk(), config(0.2, 0.1));
        for question in ["hello, I forgot my password", "thanks! and how do I reset my password?"] {
            let outcome = matcher.find(question);
            assert_eq!(outcome.answer().map(|c| c.id.as_str()), Some("reset-password"), "{question:?}: {outcome:?}");
        }
    }

    #[test]
    fn small_talk_entries_are_not_faq_candidates() {
        let matcher = Matcher::new(&faq_with_small_talk(), config(0.2, 0.1));
        let outcome = matcher.find("hello, when are you open?");
        assert!(!outcome.is_small_talk(), "{outcome:?}");
        assert!(outcome.candidates.iter().all(|c| !c.id.starts_with("smalltalk-")), "{outcome:?}");
    }

    #[test]
    fn one_character_questions_are_declined() {
        let matcher = Matcher::new(&faq_with_small_talk(), config(0.0, 0.0));
        for question in ["a", "h", "?", "p!", " 7 ", "👍"] {
            let outcome = matcher.find(question);
            assert!(matches!(outcome.decision, Decision::Decline { .. }), "{question:?}: {outcome:?}");
        }
    }

    #[test]
    fn a_lead_over_the_runner_up_raises_confidence() {
        let matcher = Matcher::new(&faq(), config(0.2, 0.1));
        let clear = matcher.find("forgot my password").confidence();
        let torn = matcher.find("my account password").confidence();
        assert!(clear > torn, "clear {clear} should beat torn {torn}");
    }
}
