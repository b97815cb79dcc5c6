//! Browsing the FAQ: `/optout`, `/faq list`, `/faq show`, "More details", and the
//! autocomplete behind them. The functions take the knowledge alone, so `chat` browses
//! exactly as Discord does; [`App`]'s methods serve the knowledge in force.

use super::knowledge::Knowledge;
use super::reply;
use super::view::{self, Audience, Choice, Message};
use super::App;
use crate::lang::Lang;
use crate::matcher::LangHint;
use crate::region::Place;

/// The entry `/optout` shows.
pub const OPTOUT_ENTRY_ID: &str = "opt-out-how";

/// What `/optout` asks the matcher when the FAQ has no [`OPTOUT_ENTRY_ID`] entry.
const OPTOUT_QUESTION: &str = "How do I opt out of LinkedIn using my data to train AI?";

/// `/optout`: the opt-out steps, in `lang` (the member's locale).
pub fn optout(knowledge: &Knowledge, lang: Lang) -> Message {
    match view::entry_answer(&knowledge.faq, OPTOUT_ENTRY_ID, None, Audience::Private, lang) {
        Some(answer) => answer,
        None => {
            let asked = reply::ask(knowledge, OPTOUT_QUESTION, None, LangHint::Forced(lang), None);
            view::reply(&knowledge.faq, &asked, OPTOUT_QUESTION, Audience::Private)
        }
    }
}

/// `/faq list` (chat's `list`) in `lang`: every entry, or one topic's.
pub fn list(knowledge: &Knowledge, topic: Option<&str>, lang: Lang) -> Message {
    view::list(&knowledge.faq, topic.map(str::trim).filter(|t| !t.is_empty()), lang)
}

/// `/faq show` (chat's `show ID`) in `lang`: one entry's answer, for `place` when known.
pub fn show(knowledge: &Knowledge, id: &str, place: Option<&Place>, lang: Lang) -> Message {
    view::entry_answer(&knowledge.faq, id.trim(), place, Audience::Private, lang)
        .unwrap_or_else(|| view::unknown_entry(id, lang))
}

/// "More details" (chat's `more`): entry `id`'s whole answer with every source, in `lang`.
pub fn details(knowledge: &Knowledge, id: &str, lang: Lang) -> Message {
    view::details(&knowledge.faq, id.trim(), lang).unwrap_or_else(|| view::unknown_entry(id, lang))
}

impl App {
    pub fn optout(&self, lang: Lang) -> Message {
        optout(&self.knowledge.load(), lang)
    }

    pub fn list(&self, topic: Option<&str>, lang: Lang) -> Message {
        list(&self.knowledge.load(), topic, lang)
    }

    pub fn show(&self, id: &str, lang: Lang) -> Message {
        show(&self.knowledge.load(), id, None, lang)
    }

    /// Whether the FAQ has an entry `id`.
    pub fn has_entry(&self, id: &str) -> bool {
        self.knowledge.load().faq.entry(id).is_some()
    }

    pub fn complete_question(&self, partial: &str, lang: Lang) -> Vec<Choice> {
        let knowledge = self.knowledge.load();
        view::complete_question(&knowledge.faq, &knowledge.matcher, partial, lang)
    }

    pub fn complete_id(&self, partial: &str, lang: Lang) -> Vec<Choice> {
        view::complete_id(&self.knowledge.load().faq, partial, lang)
    }

    pub fn complete_topic(&self, partial: &str, lang: Lang) -> Vec<Choice> {
        view::complete_topic(&self.knowledge.load().faq, partial, lang)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_optout_entry_exists_in_the_shipped_faq() {
        assert!(crate::faq::Faq::embedded().entry(super::OPTOUT_ENTRY_ID).is_some());
    }
}
