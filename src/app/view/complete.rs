//! Autocomplete: what members see while they type an option, in their language.

use super::{member_topics, safety, topic_name};
use crate::faq::{Entry, Faq};
use crate::lang::Lang;
use crate::limits::{AUTOCOMPLETE_MAX_CHOICES, CHOICE_MAX_CHARS};
use crate::matcher::{LangHint, Matcher};
use crate::region::Region;

/// An autocomplete choice: what the user sees, and the value the option gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

/// `/ask region:` autocomplete: the regions whose code or name (in `lang` or English)
/// contains `partial`, named in `lang`.
pub fn complete_region(partial: &str, lang: Lang) -> Vec<Choice> {
    let partial = partial.trim().to_lowercase();
    Region::ALL
        .iter()
        .filter(|r| {
            partial.is_empty()
                || r.code().to_lowercase().contains(&partial)
                || r.label().to_lowercase().contains(&partial)
                || r.name(lang).to_lowercase().contains(&partial)
        })
        .map(|r| choice(&r.name(lang), r.code()))
        .collect()
}

fn choice(name: &str, value: &str) -> Choice {
    Choice { name: safety::cap(name, CHOICE_MAX_CHARS), value: safety::cap(value, CHOICE_MAX_CHARS) }
}

/// `/ask` autocomplete: the FAQ questions that best match what has been typed so far, in
/// the language it is typed in (else `locale`'s).
pub fn complete_question(faq: &Faq, matcher: &Matcher, partial: &str, locale: Lang) -> Vec<Choice> {
    let partial = partial.trim();
    let mut indices: Vec<usize> = Vec::new();
    let mut lang = locale;
    if !partial.is_empty() {
        let outcome = matcher.find_for(partial, LangHint::Locale(locale));
        lang = outcome.reply_language;
        indices.extend(outcome.candidates.iter().map(|c| c.entry));
        let lower = partial.to_lowercase();
        indices.extend(
            faq.entries()
                .iter()
                .enumerate()
                .filter(|(_, e)| e.question.to_lowercase().contains(&lower))
                .map(|(i, _)| i),
        );
    }
    let faq = faq.in_language(lang);
    indices.extend(0..faq.entries().len());
    let mut seen = std::collections::HashSet::new();
    indices.retain(|i| seen.insert(*i) && !faq.entries()[*i].is_small_talk());
    let mut choices: Vec<Choice> = Vec::new();
    if !partial.is_empty() {
        // What they typed stays a choice, so autocomplete never replaces their own question.
        choices.push(choice(partial, partial));
    }
    choices.extend(indices.into_iter().map(|i| &faq.entries()[i]).map(|e| choice(&e.question, &e.question)));
    choices.truncate(AUTOCOMPLETE_MAX_CHOICES);
    choices
}

/// `/faq show` autocomplete: entries whose id or question (in `lang`) contains what has
/// been typed.
pub fn complete_id(faq: &Faq, partial: &str, lang: Lang) -> Vec<Choice> {
    let faq = faq.in_language(lang);
    let lower = partial.trim().to_lowercase();
    let mut matching: Vec<&Entry> = faq
        .entries()
        .iter()
        .filter(|e| !e.is_small_talk() && (e.id.contains(&lower) || e.question.to_lowercase().contains(&lower)))
        .collect();
    matching.sort_by_key(|e| !e.id.starts_with(&lower));
    matching
        .into_iter()
        .take(AUTOCOMPLETE_MAX_CHOICES)
        .map(|e| choice(&format!("{} ({})", e.question, e.id), &e.id))
        .map(|mut c| {
            // Keep the id visible when the question is long.
            if c.name.chars().count() >= CHOICE_MAX_CHARS {
                c.name = choice(&format!("{}: {}", c.value, c.name), "").name;
            }
            c
        })
        .collect()
}

/// `/faq list` topic autocomplete: topics named in `lang`, found by that name or their id.
pub fn complete_topic(faq: &Faq, partial: &str, lang: Lang) -> Vec<Choice> {
    let lower = partial.trim().to_lowercase();
    member_topics(faq)
        .into_iter()
        .map(|t| (t, topic_name(t, lang)))
        .filter(|(t, name)| t.to_lowercase().contains(&lower) || name.to_lowercase().contains(&lower))
        .take(AUTOCOMPLETE_MAX_CHOICES)
        .map(|(t, name)| choice(&name, t))
        .collect()
}
