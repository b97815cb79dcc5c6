//! Browsing the FAQ: `/optout`, `/faq list`, `/faq show`, and the autocomplete behind them.

use super::view::{self, Audience, Choice, Message};
use super::App;
use crate::lang::Lang;
use crate::matcher::LangHint;
use crate::reply;

/// The entry `/optout` shows.
pub const OPTOUT_ENTRY_ID: &str = "opt-out-how";

/// What `/optout` asks the matcher when the FAQ has no [`OPTOUT_ENTRY_ID`] entry.
const OPTOUT_QUESTION: &str = "How do I opt out of LinkedIn using my data to train AI?";

impl App {
    /// `/optout`: the opt-out steps, in `lang` (the member's locale).
    pub fn optout(&self, lang: Lang) -> Message {
        let knowledge = self.knowledge.load();
        match view::entry_answer(&knowledge.faq, OPTOUT_ENTRY_ID, None, Audience::Private, lang) {
            Some(answer) => answer,
            None => {
                let outcome = knowledge.matcher.find_for(OPTOUT_QUESTION, LangHint::Forced(lang));
                let reply = reply::compose(&knowledge.faq, &outcome);
                view::reply(&knowledge.faq, &reply, None, OPTOUT_QUESTION, Audience::Private, lang)
            }
        }
    }

    /// `/faq list` in `lang`: every entry, or one topic's.
    pub fn list(&self, topic: Option<&str>, lang: Lang) -> Message {
        view::list(&self.knowledge.load().faq, topic.map(str::trim).filter(|t| !t.is_empty()), lang)
    }

    /// `/faq show` in `lang`: one entry.
    pub fn show(&self, id: &str, lang: Lang) -> Message {
        let knowledge = self.knowledge.load();
        view::entry_answer(&knowledge.faq, id.trim(), None, Audience::Private, lang)
            .unwrap_or_else(|| view::unknown_entry(id, lang))
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
