//! How the matcher scores and decides, and where its settings come from.

use serde::{Deserialize, Serialize};

use super::{DEFAULT_ANSWER_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD};
use crate::faq::FaqSettings;

/// How the matcher scores and decides. Defaults are what measured best; see the README.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatcherConfig {
    pub answer_threshold: f32,
    pub suggest_threshold: f32,
    /// Share of the linear scorer in the fused score (the rest is nearest variant).
    pub linear_weight: f32,
    /// How much the lead over the runner-up adds to (or, when small, takes from) confidence.
    pub margin_weight: f32,
    /// How much words the FAQ never uses weigh in a question (0 ignores them).
    pub unknown_weight: f32,
    /// Shortest character n-gram (the longest is 5).
    pub char_ngram_min: usize,
    /// Relative weight of character n-grams against word features.
    pub char_weight: f32,
    pub remove_stop_words: bool,
    pub typo_correction: bool,
    /// Phrasings sharing only a feature found in more than this share of all
    /// phrasings are not compared by nearest-variant: such a feature ("what",
    /// "how do i") says little about which phrasing is nearest, and its long
    /// posting list would dominate the cost of a question on a large FAQ.
    pub nearest_max_df_share: f32,
    /// Linear weights smaller than this are dropped after training: the
    /// perceptron leaves many tiny weights on common character n-grams that
    /// cost time on every question and barely move a score.
    pub linear_min_weight: f32,
    /// Perceptron passes over the phrasings (0 keeps plain centroids).
    pub training_epochs: u32,
    pub learning_rate: f32,
    /// The lead the true entry must have over the best wrong one before training leaves a phrasing alone.
    pub training_margin: f32,
    /// How strongly an entry's score is scaled by its *coverage* of the question: the
    /// share of the question's word weight (IDF squared) carried by words that the
    /// entry's own phrasings use. 0 turns coverage off; at 1 the score is multiplied
    /// by the coverage. A question whose informative words are foreign to an entry
    /// ("opt out of marketing emails" against the AI-training opt-out) loses that
    /// entry even when it shares the generic words.
    pub coverage_power: f32,
    /// Whether words the FAQ never uses count against coverage (they already dilute
    /// the question's norm, see `unknown_weight`).
    pub coverage_counts_unknown: bool,
    /// An answer is asked back instead when more than this share of the question's
    /// word weight is in words that the negative questions use and the entry does not.
    /// 1 turns the check off.
    pub foreign_share_max: f32,
}

impl Default for MatcherConfig {
    fn default() -> Self {
        MatcherConfig {
            answer_threshold: DEFAULT_ANSWER_THRESHOLD,
            suggest_threshold: DEFAULT_SUGGEST_THRESHOLD,
            linear_weight: 0.85,
            margin_weight: 0.5,
            char_weight: 1.0,
            char_ngram_min: 2,
            unknown_weight: 1.0,
            remove_stop_words: false,
            typo_correction: true,
            linear_min_weight: 0.003,
            nearest_max_df_share: 0.05,
            training_epochs: 2,
            learning_rate: 0.1,
            training_margin: 0.1,
            coverage_power: 0.3,
            coverage_counts_unknown: false,
            foreign_share_max: 1.0,
        }
    }
}

impl MatcherConfig {
    /// The defaults with an FAQ directory's stored settings applied.
    pub fn for_settings(settings: &FaqSettings) -> MatcherConfig {
        MatcherConfig::default().with_thresholds_of(settings)
    }

    /// This configuration with the thresholds `settings` store (others kept).
    pub fn with_thresholds_of(self, settings: &FaqSettings) -> MatcherConfig {
        let mut config = self;
        if let Some(threshold) = settings.answer_threshold {
            config.answer_threshold = threshold;
        }
        if let Some(threshold) = settings.suggest_threshold {
            config.suggest_threshold = threshold;
        }
        config.suggest_threshold = config.suggest_threshold.min(config.answer_threshold);
        config
    }
}
