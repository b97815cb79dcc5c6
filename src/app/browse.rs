//! Browsing the FAQ: `/optout`, `/faq list`, `/faq show`, and the autocomplete behind them.

use super::view::{self, Audience, Choice, Message};
use super::App;
use crate::reply;

/// The entry `/optout` shows.
pub const OPTOUT_ENTRY_ID: &str = "opt-out-how";

/// What `/optout` asks the matcher when the FAQ has no [`OPTOUT_ENTRY_ID`] entry.
const OPTOUT_QUESTION: &str = "How do I opt out of LinkedIn using my data to train AI?";

impl App {
    /// `/optout`: the opt-out steps.
    pub fn optout(&self) -> Message {
        let knowledge = self.knowledge.load();
        match knowledge.faq.entry(OPTOUT_ENTRY_ID) {
            Some(entry) => view::answer(entry, Audience::Private),
            None => {
                let outcome = knowledge.matcher.find(OPTOUT_QUESTION);
                view::reply(
                    &knowledge.faq,
                    &reply::compose(&knowledge.faq, &outcome),
                    None,
                    OPTOUT_QUESTION,
                    Audience::Private,
                )
            }
        }
    }

    /// `/faq list`: every entry, or one topic's.
    pub fn list(&self, topic: Option<&str>) -> Message {
        view::list(&self.knowledge.load().faq, topic.map(str::trim).filter(|t| !t.is_empty()))
    }

    /// `/faq show`: one entry.
    pub fn show(&self, id: &str) -> Message {
        match self.knowledge.load().faq.entry(id.trim()) {
            Some(entry) => view::answer(entry, Audience::Private),
            None => view::unknown_entry(id),
        }
    }

    /// Whether the FAQ has an entry `id`.
    pub fn has_entry(&self, id: &str) -> bool {
        self.knowledge.load().faq.entry(id).is_some()
    }

    pub fn complete_question(&self, partial: &str) -> Vec<Choice> {
        let knowledge = self.knowledge.load();
        view::complete_question(&knowledge.faq, &knowledge.matcher, partial)
    }

    pub fn complete_id(&self, partial: &str) -> Vec<Choice> {
        view::complete_id(&self.knowledge.load().faq, partial)
    }

    pub fn complete_topic(&self, partial: &str) -> Vec<Choice> {
        view::complete_topic(&self.knowledge.load().faq, partial)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_optout_entry_exists_in_the_shipped_faq() {
        assert!(crate::faq::Faq::embedded().entry(super::OPTOUT_ENTRY_ID).is_some());
    }
}
