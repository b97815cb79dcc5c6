//! What the matcher says about a question: the ranked candidates and the decision.

use serde::Serialize;

use super::SMALL_TALK_TOPIC;
use crate::faq::Entry;
use crate::lang::{Detected, Lang};

impl Entry {
    /// Whether this entry is small talk rather than an FAQ answer: it is replied to as
    /// [`Decision::SmallTalk`], and is not listed, counted in stats or voted on.
    pub fn is_small_talk(&self) -> bool {
        self.topic == SMALL_TALK_TOPIC
    }
}

/// What to do with a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Decision {
    /// Answer with the first candidate.
    Answer,
    /// Reply with the small-talk entry `id` (the first candidate): not an FAQ answer,
    /// so no vote buttons, not counted in stats, not sent unprompted in help channels.
    SmallTalk { id: String },
    /// Ask back: the first candidates (2 or 3) are plausible, none is sure.
    Suggest { count: usize },
    /// Say honestly that the FAQ does not cover this.
    Decline { reason: DeclineReason },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    /// Nothing in the question resembles the FAQ (or it was empty).
    NoMatch,
    /// The best match is too weak to offer even as a suggestion.
    LowConfidence,
    /// The question is about someone else (e.g. another company's AI policy).
    OtherSubject(String),
}

/// An entry the question may be asking for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Index into [`Faq::entries`].
    pub entry: usize,
    pub id: String,
    /// 0..=1: the fused score adjusted by the lead over the best other candidate.
    pub confidence: f32,
    /// The fused score before the lead is considered.
    pub score: f32,
}

/// The ranked candidates and the decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchOutcome {
    pub decision: Decision,
    /// Best first; at most [`MAX_CANDIDATES`]. Entry indices are shared by every language.
    pub candidates: Vec<Candidate>,
    /// The language whose phrasings matched (the candidates come from its index).
    pub language: Lang,
    /// What the question's language was detected as, when it could be told.
    pub detected: Option<Detected>,
    /// The language to reply in (see [`crate::lang::reply_language`]).
    pub reply_language: Lang,
}

impl MatchOutcome {
    pub(super) fn new(decision: Decision, candidates: Vec<Candidate>) -> MatchOutcome {
        MatchOutcome { decision, candidates, language: Lang::En, detected: None, reply_language: Lang::En }
    }

    /// An answer chosen without matching: a picked suggestion, or a follow-up read with its
    /// conversation's topic. Its confidence is 1: the member said which entry they meant.
    pub fn chosen(entry: usize, id: &str, lang: Lang) -> MatchOutcome {
        let candidate = Candidate { entry, id: id.to_owned(), confidence: 1.0, score: 1.0 };
        MatchOutcome {
            decision: Decision::Answer,
            candidates: vec![candidate],
            language: lang,
            detected: None,
            reply_language: lang,
        }
    }

    /// No match at all, replying in `lang` (a number outside the suggestions offered).
    pub fn nothing(lang: Lang) -> MatchOutcome {
        MatchOutcome {
            decision: Decision::Decline { reason: DeclineReason::NoMatch },
            candidates: Vec::new(),
            language: lang,
            detected: None,
            reply_language: lang,
        }
    }

    /// The entry to answer with, when the decision is to answer.
    pub fn answer(&self) -> Option<&Candidate> {
        match self.decision {
            Decision::Answer => self.candidates.first(),
            _ => None,
        }
    }

    /// The small-talk entry to reply with, when the question is small talk.
    pub fn small_talk(&self) -> Option<&Candidate> {
        match self.decision {
            Decision::SmallTalk { .. } => self.candidates.first(),
            _ => None,
        }
    }

    /// Whether the question is small talk ("hi", "thanks", "who are you"): reply with
    /// [`MatchOutcome::small_talk`], without vote buttons, stats or unprompted replies.
    pub fn is_small_talk(&self) -> bool {
        matches!(self.decision, Decision::SmallTalk { .. })
    }

    /// The entries to offer, when the decision is to suggest.
    pub fn suggestions(&self) -> &[Candidate] {
        match self.decision {
            Decision::Suggest { count } => &self.candidates[..count.min(self.candidates.len())],
            _ => &[],
        }
    }

    pub fn confidence(&self) -> f32 {
        self.candidates.first().map_or(0.0, |c| c.confidence)
    }
}
