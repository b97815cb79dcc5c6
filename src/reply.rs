//! What the bot says for a match outcome, independent of where it is said.
//!
//! The Discord edge turns a [`Reply`] into embeds and buttons; the command line
//! into plain text. Both read the same decision, so they never disagree.

use crate::faq::{Entry, Faq};
use crate::matcher::{DeclineReason, MatchOutcome};

/// The bot's reply to a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<'a> {
    Answer(&'a Entry),
    /// "Did you mean": 1 to 3 entries, best first.
    Suggest(Vec<&'a Entry>),
    Decline(Decline),
}

/// Why the bot has no answer, in words for the person who asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Decline {
    /// Nothing fits.
    Unknown,
    /// The question names another subject (e.g. another company).
    OtherSubject { other: String, subject: Option<String> },
}

impl Decline {
    /// One sentence saying why there is no answer.
    pub fn message(&self) -> String {
        match self {
            Decline::Unknown => "I don't know that one: none of my FAQ entries answers it.".to_owned(),
            Decline::OtherSubject { other, subject: Some(subject) } => format!(
                "That sounds like it is about {other}, and I only cover {subject}. Check {other}'s own privacy settings or help pages."
            ),
            Decline::OtherSubject { other, subject: None } => {
                format!("That sounds like it is about {other}, which my FAQ does not cover.")
            }
        }
    }
}

/// Builds the reply for `outcome`, which must come from a matcher built on `faq`.
pub fn compose<'a>(faq: &'a Faq, outcome: &MatchOutcome) -> Reply<'a> {
    let entry = |index: usize| &faq.entries()[index];
    // Small talk is replied to with its entry; callers that must treat it apart
    // (no votes, no stats) ask `outcome.is_small_talk()` or `Entry::is_small_talk`.
    if let Some(answer) = outcome.answer().or(outcome.small_talk()) {
        return Reply::Answer(entry(answer.entry));
    }
    let suggestions = outcome.suggestions();
    if !suggestions.is_empty() {
        return Reply::Suggest(suggestions.iter().map(|c| entry(c.entry)).collect());
    }
    match &outcome.decision {
        crate::matcher::Decision::Decline { reason: DeclineReason::OtherSubject(other) } => {
            Reply::Decline(Decline::OtherSubject { other: other.clone(), subject: faq.settings().scope.name.clone() })
        }
        _ => Reply::Decline(Decline::Unknown),
    }
}

/// An entry as plain text: question, answer, and where it comes from.
pub fn entry_text(entry: &Entry) -> String {
    let mut text = format!("{}\n\n{}", entry.question, entry.answer);
    let mut footer = Vec::new();
    if let Some(source) = &entry.source {
        footer.push(format!("Source: {source}"));
    }
    if let Some(date) = &entry.last_reviewed {
        footer.push(format!("Last reviewed: {date}"));
    }
    if !footer.is_empty() {
        text.push_str("\n\n");
        text.push_str(&footer.join(" · "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_subject_decline_names_both_sides() {
        let decline =
            Decline::OtherSubject { other: "Meta".into(), subject: Some("LinkedIn's AI-training opt-out".into()) };
        let message = decline.message();
        assert!(message.contains("about Meta") && message.contains("only cover LinkedIn's"), "{message}");
    }
}
