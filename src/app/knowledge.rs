//! What the bot knows: the FAQ, the matcher built on it and the thresholds in force, built
//! in exactly one place ([`Knowledge::build`]) and swapped whole ([`Shared::replace`]), so a
//! question is matched against the old FAQ or the new one, never half of each.

use std::collections::BTreeMap;
use std::sync::Arc;

use arc_swap::{ArcSwap, Guard};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tracing::warn;

use crate::faq::Faq;
use crate::matcher::{Matcher, MatcherConfig};

/// Unless configured, answering unprompted in a help channel needs this much more confidence
/// than answering a direct question: nobody asked the bot there, so a wrong answer costs more
/// than silence. Relative, because the answer threshold is calibrated per FAQ and matcher.
pub const HELP_CHANNEL_MARGIN: f32 = 0.25;

/// The derived help-channel threshold never asks for more than this.
pub const HELP_CHANNEL_THRESHOLD_MAX: f32 = 0.95;

/// Thresholds configured over the FAQ's own (the `[thresholds]` table of the config file).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// Overrides the FAQ's answer threshold.
    pub answer: Option<f32>,
    /// Overrides the FAQ's suggest ("did you mean") threshold.
    pub suggest: Option<f32>,
    /// Confidence needed to answer unprompted in a help channel; by default the answer
    /// threshold plus [`HELP_CHANNEL_MARGIN`].
    pub help_channel: Option<f32>,
}

impl Thresholds {
    /// The help-channel threshold for a matcher whose answer threshold is `answer_threshold`.
    pub fn help_channel_for(&self, answer_threshold: f32) -> f32 {
        self.help_channel.unwrap_or((answer_threshold + HELP_CHANNEL_MARGIN).min(HELP_CHANNEL_THRESHOLD_MAX))
    }
}

/// The FAQ and the matcher built on it, swapped together so a reload is atomic.
pub struct Knowledge {
    pub faq: Faq,
    pub matcher: Matcher,
    /// Confidence needed to answer unprompted in a help channel, for this matcher.
    pub help_channel_threshold: f32,
}

impl Knowledge {
    /// `faq` with `variants` (added from Discord) layered over it, and its matcher with the
    /// configured thresholds over the FAQ's own. Logs the entries that stored variants name
    /// but the FAQ no longer has.
    pub fn build(mut faq: Faq, variants: &[StoredVariant], thresholds: &Thresholds) -> Knowledge {
        let unknown = apply_variants(&mut faq, variants);
        if !unknown.is_empty() {
            warn!(entries = ?unknown, "stored variants name entries the FAQ no longer has; run `optout-bot faq export` after renaming");
        }
        let mut config = MatcherConfig::for_settings(faq.settings());
        if let Some(answer) = thresholds.answer {
            config.answer_threshold = answer;
            config.suggest_threshold = config.suggest_threshold.min(answer);
        }
        if let Some(suggest) = thresholds.suggest {
            config.suggest_threshold = suggest;
        }
        let help_channel_threshold = thresholds.help_channel_for(config.answer_threshold);
        let matcher = Matcher::new(&faq, config);
        Knowledge { faq, matcher, help_channel_threshold }
    }
}

/// A stored variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVariant {
    pub id: i64,
    pub entry_id: String,
    pub text: String,
    pub guild_id: u64,
    pub added_by: u64,
    pub at: DateTime<Utc>,
}

/// Adds the stored variants to the loaded FAQ; returns the entry ids it does
/// not have (an entry renamed or removed since), each once, for a warning.
pub fn apply_variants(faq: &mut Faq, variants: &[StoredVariant]) -> Vec<String> {
    let mut by_entry: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for variant in variants {
        by_entry.entry(variant.entry_id.as_str()).or_default().push(variant.text.clone());
    }
    by_entry
        .into_iter()
        .filter_map(|(entry, texts)| (!faq.add_variants(entry, texts)).then(|| entry.to_owned()))
        .collect()
}

/// The knowledge every handler reads, replaced whole on reload.
pub struct Shared(ArcSwap<Knowledge>);

impl Shared {
    pub fn new(knowledge: Knowledge) -> Shared {
        Shared(ArcSwap::from_pointee(knowledge))
    }

    /// The knowledge now; keep it for one request, so the request sees one FAQ throughout.
    pub fn load(&self) -> Guard<Arc<Knowledge>> {
        self.0.load()
    }

    pub fn replace(&self, knowledge: Knowledge) {
        self.0.store(Arc::new(knowledge));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_thresholds_override_the_faq_and_help_channels_need_more() {
        let thresholds = Thresholds { answer: Some(0.6), suggest: Some(0.2), help_channel: None };
        let knowledge = Knowledge::build(Faq::embedded(), &[], &thresholds);
        assert_eq!(knowledge.matcher.config().answer_threshold, 0.6);
        assert_eq!(knowledge.matcher.config().suggest_threshold, 0.2);
        assert!(knowledge.help_channel_threshold > 0.6);
    }
}
