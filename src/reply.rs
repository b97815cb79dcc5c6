//! What the bot says for a match outcome, independent of where it is said.
//!
//! The Discord edge turns a [`Reply`] into embeds and buttons; the command line
//! into plain text. Both read the same decision, so they never disagree.

use crate::faq::{Entry, Faq};
use crate::lang::Lang;
use crate::matcher::{DeclineReason, LangHint, MatchOutcome, Matcher};
use crate::region::{self, Place, Region};
use crate::tr;

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
    /// One sentence in `lang` saying why there is no answer.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Decline::Unknown => tr!(lang, "decline-unknown"),
            // The shipped wording names this FAQ's subject; an FAQ about something else
            // names its own (`[scope] name`, in English).
            Decline::OtherSubject { other, subject: Some(subject) } if subject != SHIPPED_SCOPE_NAME => format!(
                "That sounds like it is about {other}, and I only cover {subject}. Check {other}'s own privacy settings or help pages."
            ),
            Decline::OtherSubject { other, .. } => tr!(lang, "decline-other-subject", other = other.as_str()),
        }
    }
}

/// The shipped FAQ's `[scope] name`, which `locales/*/bot.ftl` translate.
const SHIPPED_SCOPE_NAME: &str = "LinkedIn's generative-AI training opt-out";

/// Builds the reply for `outcome`, which must come from a matcher built on `faq`, in the
/// outcome's reply language (entry indices are the same in every language).
pub fn compose<'a>(faq: &'a Faq, outcome: &MatchOutcome) -> Reply<'a> {
    let faq = faq.in_language(outcome.reply_language);
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

/// A question answered for a place: what the bot says, and for where.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked<'a> {
    pub reply: Reply<'a>,
    /// The place the answer is for: the one chosen explicitly, else the one the question names.
    pub place: Option<Place>,
    pub outcome: MatchOutcome,
    /// The language the reply is written in.
    pub lang: Lang,
}

/// Answers `question` the way every front end should: the place it names (or
/// `explicit`, which wins) is detected, and the reply is composed.
///
/// The question is matched as written: place words the FAQ's variants use
/// ("europe" in gdpr, "UK" in start-date) help the match (on the 29 in-scope place
/// questions of the regression and dev sets, 29 right as written, 27 with places
/// neutralised first). Only when that gives no answer is the question matched
/// again with its places removed (see [`region::neutralize`]), so a place the FAQ
/// never mentions ("Liechtenstein") cannot stand in the way.
///
/// `hint` says what else is known of the member's language (their Discord locale, or
/// `--lang`); the reply is in the language [`Matcher::find_for`] chooses. Place words
/// are read in the question's own language (see [`question_language`]), detected once for both.
pub fn ask<'a>(faq: &'a Faq, matcher: &Matcher, question: &str, explicit: Option<Region>, hint: LangHint) -> Asked<'a> {
    // One detection for both the places and the match.
    let scores = crate::lang::scores(question);
    let written_in = question_language(scores.as_ref());
    let detected = region::detect(question, written_in);
    let place = explicit.map(Place::of).or(detected);
    let mut outcome = matcher.find_scored(question, hint, scores.as_ref());
    if outcome.answer().is_none() && detected.is_some() {
        let neutral = matcher.find_scored(&region::neutralize(question, written_in), hint, scores.as_ref());
        if neutral.answer().is_some() {
            // The language is the question's as written, not that of what is left of it.
            outcome = MatchOutcome { detected: outcome.detected, reply_language: outcome.reply_language, ..neutral };
        }
    }
    Asked { reply: compose(faq, &outcome), place, lang: outcome.reply_language, outcome }
}

/// The language `question` is written in, when it is detected with confidence, for
/// reading its place words ("eu" is the EU in English and "I" in Portuguese).
///
/// Detected among all the bot's languages, not only the FAQ's: a Portuguese "eu" means
/// "I" whether or not the FAQ has a Portuguese translation. Neither the member's Discord
/// locale nor `--lang` stands in for an unsure detection: many members write in another
/// language than their client's, and an unknown language only makes the place words
/// stricter ("EU" counts, "eu" does not).
fn question_language(scores: Option<&crate::lang::Scores>) -> Option<Lang> {
    scores?.among(&Lang::ALL).filter(|d| d.confident).map(|d| d.lang)
}

/// The answer's text for `place`: the entry's text for that region first
/// ("**In Canada:** since 3 November 2025 …"), then the general answer. Without a
/// place, or when the entry says nothing particular for it, the general answer alone.
pub fn answer_text(entry: &Entry, place: Option<&Place>, lang: Lang) -> String {
    match place.and_then(|p| Some((p, entry.regional(p.region)?))) {
        Some((place, regional)) => {
            format!("**{}:** {regional}\n\n**{}:** {}", place.heading(lang), tr!(lang, "region-general"), entry.answer)
        }
        None => entry.answer.clone(),
    }
}

/// The entries `entry` points to, as "see also" lines: `id`: question.
pub fn see_also(faq: &Faq, entry: &Entry) -> Vec<String> {
    faq.related(entry).map(|r| format!("{} ({})", r.question, r.id)).collect()
}

/// An entry as plain text: question, answer, sources and review date.
pub fn entry_text(entry: &Entry) -> String {
    entry_text_for(entry, None, &[], Lang::En)
}

/// An entry as plain text for `place` in `lang`, with its sources one a line and the
/// "see also" lines.
pub fn entry_text_for(entry: &Entry, place: Option<&Place>, see_also: &[String], lang: Lang) -> String {
    let mut text = format!("{}\n\n{}", entry.question, answer_text(entry, place, lang));
    if !entry.sources.is_empty() {
        text.push_str(&format!("\n\n{}", tr!(lang, "cli-sources")));
        for source in &entry.sources {
            text.push_str(&format!("\n  - {}: {}", source.title, source.url));
        }
    } else if let Some(source) = &entry.source {
        text.push_str(&format!("\n\nSource: {source}"));
    }
    if !see_also.is_empty() {
        text.push_str(&format!("\n\n{}", tr!(lang, "cli-see-also", entries = see_also.join("; "))));
    }
    if let Some(date) = &entry.last_reviewed {
        text.push_str(&format!("\n\n{}", tr!(lang, "cli-reviewed", date = date.as_str())));
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
        let message = decline.message(Lang::En);
        assert!(message.contains("about Meta") && message.contains("only cover LinkedIn's"), "{message}");
    }
}
