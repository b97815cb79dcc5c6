//! What the bot says to a question, independent of where it is said: the entry, the
//! suggestions or the decline, for which place and facets, in which language, read in
//! its conversation. [`super::view`] turns it into a message every front end renders.

use chrono::{DateTime, Utc};

use super::conversation::Context;
use super::knowledge::Knowledge;
use crate::facet;
use crate::faq::{Entry, Faq};
use crate::lang::Lang;
#[cfg(doc)]
use crate::matcher::Matcher;
use crate::matcher::{DeclineReason, LangHint, MatchOutcome};
use crate::region::{self, Place, Region};
use crate::tr;

/// The bot's reply to a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<'a> {
    Answer(&'a Entry),
    /// "Did you mean": 1 to 3 entries, best first.
    Suggest(Vec<&'a Entry>),
    Decline(Decline),
    /// A number that is not one of the suggestions just offered (1 to `offered`).
    PickOutOfRange {
        offered: usize,
    },
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
fn compose<'a>(faq: &'a Faq, outcome: &MatchOutcome) -> Reply<'a> {
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

/// A question answered: what the bot says, for where, about what, in which language.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked<'a> {
    pub reply: Reply<'a>,
    /// The place the answer is for: the one chosen explicitly, else the one the question
    /// names, else the one the member named earlier in the conversation.
    pub place: Option<Place>,
    /// The facets the question names, in its order; the answer leads with the first the
    /// entry has text for.
    pub facets: Vec<String>,
    pub outcome: MatchOutcome,
    /// The language the reply is written in.
    pub lang: Lang,
    /// Whether the question was a follow-up fragment read with the conversation's topic.
    pub follow_up: bool,
}

impl Asked<'_> {
    /// What the conversation remembers after this question, asked at `now`.
    pub fn next_context(&self, previous: Option<&Context>, now: DateTime<Utc>) -> Context {
        let previous_place = previous.and_then(|p| p.place);
        let answered = matches!(&self.reply, Reply::Answer(entry) if !entry.is_small_talk());
        let entry = match &self.reply {
            Reply::Answer(entry) if !entry.is_small_talk() => Some(entry.id.clone()),
            // About someone else's AI: "and on the app?" next is about their app, not LinkedIn's.
            Reply::Decline(Decline::OtherSubject { .. }) => None,
            // Small talk, suggestions and other declines do not change the topic.
            _ => previous.and_then(|p| p.entry.clone()),
        };
        let offered = match &self.reply {
            Reply::Suggest(entries) => entries.iter().map(|e| e.id.clone()).collect(),
            // A slip after suggestions ("-1", a typo) leaves them to pick from.
            Reply::PickOutOfRange { .. } | Reply::Decline(Decline::Unknown) => {
                previous.map(|p| p.offered.clone()).unwrap_or_default()
            }
            _ => Vec::new(),
        };
        // Only an answer shows the place was the member's: "cheap flights to germany" is not.
        let place = if answered { self.place.or(previous_place) } else { previous_place };
        Context { entry, place, lang: self.lang, offered, at: now }
    }
}

/// Answers `question` the way every front end should, in its conversation (`context`,
/// if the member asked something within the last minutes):
///
/// 1. a number picks one of the suggestions just offered (or hears the range to pick from);
/// 2. a fragment ("and on the app?", "et au Canada ?") is read with the previous topic and
///    language: see [`follow_up`];
/// 3. anything else is matched, and a place it names (or `explicit`, which wins, or the
///    one named earlier) chooses the regional text.
///
/// The question is matched as written: place words the FAQ's variants use
/// ("europe" in gdpr, "UK" in start-date) help the match (on the 29 in-scope place
/// questions of the regression and dev sets, 29 right as written, 27 with places
/// neutralised first). Only when that gives no answer is the question matched
/// again with its places removed (see [`region::neutralize`]), so a place the FAQ
/// never mentions ("Liechtenstein") cannot stand in the way.
///
/// `hint` says what else is known of the member's language (their Discord locale, or
/// `--lang`); the reply is in the language [`Matcher::find_for`] chooses, with the
/// conversation's language standing in for an unsure detection. Place words are read in
/// the question's own language (see [`question_language`]), detected once for both.
pub fn ask<'a>(
    knowledge: &'a Knowledge,
    question: &str,
    explicit: Option<Region>,
    hint: LangHint,
    context: Option<&Context>,
) -> Asked<'a> {
    let (faq, matcher) = (&knowledge.faq, &knowledge.matcher);
    if let Some(picked) = context.and_then(|c| pick(faq, question, c, explicit)) {
        return picked;
    }
    // One detection for the places, the fragment test and the match.
    let scores = crate::lang::scores(question);
    let written_in = question_language(scores.as_ref());
    let detected = region::detect(question, written_in);
    if let Some(followed) = context.and_then(|c| follow_up(faq, question, c, explicit, detected, written_in, hint)) {
        return followed;
    }
    let hint = match (hint, context) {
        (LangHint::Forced(lang), _) => LangHint::Forced(lang),
        (_, Some(context)) => LangHint::Locale(context.lang),
        (LangHint::None, None) => fragment_language(faq, question, written_in).map_or(LangHint::None, LangHint::Locale),
        (hint, None) => hint,
    };
    let mut outcome = matcher.find_scored(question, hint, scores.as_ref());
    if outcome.answer().is_none() && detected.is_some() {
        let neutral = matcher.find_scored(&region::neutralize(question, written_in), hint, scores.as_ref());
        if neutral.answer().is_some() {
            // The language is the question's as written, not that of what is left of it.
            outcome = MatchOutcome { detected: outcome.detected, reply_language: outcome.reply_language, ..neutral };
        }
    }
    let lang = outcome.reply_language;
    let place = explicit.map(Place::of).or(detected).or(context.and_then(|c| c.place));
    let facets = facets_named(faq, question, lang);
    Asked { reply: compose(faq, &outcome), place, facets, lang, outcome, follow_up: false }
}

/// A number when suggestions were just offered: that suggestion, or the range to pick from.
fn pick<'a>(faq: &'a Faq, question: &str, context: &Context, explicit: Option<Region>) -> Option<Asked<'a>> {
    if context.offered.is_empty() {
        return None;
    }
    let written = question.trim().trim_end_matches(['.', ')']).trim();
    let digits = written.strip_prefix('-').unwrap_or(written);
    // Any number is a pick attempt, so "-1", "99999999999" and "２" hear the range too.
    if digits.is_empty() || !digits.chars().all(char::is_numeric) {
        return None;
    }
    let number = if written.starts_with('-') { None } else { written.parse::<usize>().ok() };
    let lang = context.lang;
    let place = explicit.map(Place::of).or(context.place);
    let in_language = faq.in_language(lang);
    let chosen = number.and_then(|n| n.checked_sub(1)).and_then(|i| context.offered.get(i)).and_then(|id| {
        let index = in_language.entries().iter().position(|e| e.id == *id)?;
        Some((index, &in_language.entries()[index]))
    });
    let (reply, outcome) = match chosen {
        Some((index, entry)) => (Reply::Answer(entry), MatchOutcome::chosen(index, &entry.id, lang)),
        None => (Reply::PickOutOfRange { offered: context.offered.len() }, MatchOutcome::nothing(lang)),
    };
    Some(Asked { reply, place, facets: Vec::new(), outcome, lang, follow_up: false })
}

/// A fragment read with the conversation's topic: "what about in Canada?" after a question
/// about private messages answers private messages for Canada; "and on the app?" after the
/// steps gives the app's steps; "und in der App?" stays in German.
///
/// A fragment is a question with nothing but place words, facet words and the small words
/// of a follow-up, naming at least one place or facet. It keeps the topic, unless the topic's
/// entry has nothing for the facets named and an entry beside it (related, or of the same
/// topic) has: "what about my résumé?" after private messages moves to the data list.
fn follow_up<'a>(
    faq: &'a Faq,
    question: &str,
    context: &Context,
    explicit: Option<Region>,
    detected: Option<Place>,
    written_in: Option<Lang>,
    hint: LangHint,
) -> Option<Asked<'a>> {
    let topic = context.entry.as_deref()?;
    let lang = match hint {
        LangHint::Forced(lang) => lang,
        _ => context.lang,
    };
    // Every language's words: a member may answer in another language than the last reply's.
    let mut order = vec![lang, Lang::En];
    order.extend(faq.languages());
    let reading = facet::read(&region::neutralize(question, written_in.or(Some(lang))), &vocabularies(faq, &order));
    if !reading.is_fragment() || (detected.is_none() && reading.facets.is_empty()) {
        return None;
    }
    let index = follow_up_entry(faq, topic, &reading.facets)?;
    let in_language = faq.in_language(lang);
    let entry = &in_language.entries()[index];
    let place = explicit.map(Place::of).or(detected).or(context.place);
    let outcome = MatchOutcome::chosen(index, &entry.id, lang);
    Some(Asked { reply: Reply::Answer(entry), place, facets: reading.facets, outcome, lang, follow_up: true })
}

/// The entry a fragment naming `facets` continues from `topic`: see [`follow_up`].
fn follow_up_entry(faq: &Faq, topic: &str, facets: &[String]) -> Option<usize> {
    let entries = faq.entries();
    let index_of = |id: &str| entries.iter().position(|e| e.id == id);
    let current = index_of(topic)?;
    let has_facet = |entry: &Entry| facets.iter().any(|f| entry.facet(f).is_some());
    if facets.is_empty() || has_facet(&entries[current]) {
        return Some(current);
    }
    let topic_entry = &entries[current];
    let beside = faq
        .related(topic_entry)
        .chain(entries.iter().filter(|e| e.topic == topic_entry.topic))
        .find(|e| has_facet(e))
        .and_then(|e| index_of(&e.id));
    Some(beside.unwrap_or(current))
}

/// The language a fragment with no conversation behind it is written in, when its words are
/// one language's follow-up and facet words and not English's: "und in der App?" is German
/// though it is too short for language detection.
fn fragment_language(faq: &Faq, question: &str, written_in: Option<Lang>) -> Option<Lang> {
    if written_in.is_some() {
        return None;
    }
    let without_places = region::neutralize(question, None);
    let fragment_in = |lang: Lang| {
        let reading = facet::read(&without_places, &vocabularies(faq, &[lang]));
        reading.is_fragment() && !reading.facets.is_empty()
    };
    if fragment_in(Lang::En) {
        return None;
    }
    let mut languages = faq.languages().into_iter().filter(|&lang| lang != Lang::En && fragment_in(lang));
    let only = languages.next()?;
    languages.next().is_none().then_some(only)
}

/// The facets a full question names, read in its reply language; in English only when that
/// finds none (members mix in English words, "app", "InMail"). Not both at once: an English
/// word inside another language ("messages" in « messages de groupe ») would name the wrong facet.
fn facets_named(faq: &Faq, question: &str, lang: Lang) -> Vec<String> {
    let own = facet::read(question, &vocabularies(faq, &[lang])).facets;
    if !own.is_empty() || lang == Lang::En {
        return own;
    }
    // The reply language first, so its small words ("comment" in French) name no English facet.
    facet::read(question, &vocabularies(faq, &[lang, Lang::En])).facets
}

/// The facet vocabularies of `languages`, in that order, each once.
fn vocabularies<'f>(faq: &'f Faq, languages: &[Lang]) -> Vec<&'f crate::facet::Vocabulary> {
    let mut seen = Vec::new();
    languages
        .iter()
        .filter(|lang| {
            let first = !seen.contains(*lang);
            seen.push(**lang);
            first && faq.languages().contains(lang)
        })
        .map(|&lang| faq.in_language(lang).vocabulary())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_with_nothing_before_it_is_answered_in_its_own_language() {
        let knowledge = Knowledge::build(Faq::embedded(), &[], &Default::default());
        for (fragment, lang) in
            [("und in der App?", Lang::De), ("et sur l'appli ?", Lang::Fr), ("e no celular?", Lang::Pt)]
        {
            let asked = ask(&knowledge, fragment, None, LangHint::None, None);
            assert_eq!(asked.lang, lang, "{fragment:?}: {:?}", asked.reply);
        }
        assert_eq!(ask(&knowledge, "and on the app?", None, LangHint::None, None).lang, Lang::En);
    }

    #[test]
    fn other_subject_decline_names_both_sides() {
        let decline =
            Decline::OtherSubject { other: "Meta".into(), subject: Some("LinkedIn's AI-training opt-out".into()) };
        let message = decline.message(Lang::En);
        assert!(message.contains("about Meta") && message.contains("only cover LinkedIn's"), "{message}");
    }
}
