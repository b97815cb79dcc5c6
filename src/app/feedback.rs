//! The buttons on answers: a "did you mean" pick, "Post publicly", and "Was this helpful?"
//! votes (kept by the [`UsageStore`]: one per person per answer message, the last press counts).

use tracing::{info, warn};

use super::conversation::{Context, ConversationKey};
use super::usage::{self, UsageStore, DM_GUILD};
use super::view::{self, Action, Audience, Message};
use super::App;
use crate::lang::Lang;
use crate::tr;

/// A press on one of the answer buttons.
#[derive(Debug, Clone)]
pub struct Press {
    pub user: u64,
    /// `None` in a DM.
    pub guild: Option<u64>,
    /// The channel the message is in (a DM's own channel in a DM).
    pub channel: u64,
    /// The message the button is on.
    pub message: u64,
    /// Whether that message is private (ephemeral) to the person pressing.
    pub on_private_message: bool,
    pub custom_id: String,
    /// The Discord locale's language of the person pressing, when the bot has it.
    pub locale: Option<Lang>,
}

/// How to answer a press.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pressed {
    /// A new message (private unless it says otherwise).
    New(Message),
    /// The pressed message, changed.
    Update(Message),
}

/// How an entry's answer was rated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub helpful: u32,
    pub not_helpful: u32,
}

impl App {
    /// Records what a press means for moderators (a vote, with the question it answered when
    /// known; a picked suggestion as an answer), then says what to show.
    pub async fn press(&self, press: &Press) -> Pressed {
        let knowledge = self.knowledge.load();
        let faq = &knowledge.faq;
        info!(user = press.user, custom_id = %press.custom_id, "button pressed");
        let locale = press.locale.unwrap_or_default();
        match Action::parse(&press.custom_id) {
            None => Pressed::New(Message::private(tr!(locale, "button-expired"))),
            Some(Action::Show(id, lang)) => match self.show_in_conversation(press, &id, lang) {
                Some(answer) => {
                    let guild = press.guild.unwrap_or(DM_GUILD);
                    usage::record_answer(&self.storage.usage, guild, &id, None, self.clock.now());
                    // In a private reply, the suggestion becomes the answer; on a public message,
                    // the person who pressed gets their own private answer.
                    if press.on_private_message {
                        Pressed::Update(answer)
                    } else {
                        Pressed::New(answer)
                    }
                }
                None => Pressed::New(view::unknown_entry(&id, locale)),
            },
            // The details go to the member who pressed, wherever the answer was.
            Some(Action::More(id, lang)) => Pressed::New(super::browse::details(&knowledge, &id, lang)),
            Some(Action::Post(id, lang)) => match faq.in_language(lang).entry(&id) {
                Some(entry) => Pressed::New(view::shared(entry, press.user, lang)),
                None => Pressed::New(view::unknown_entry(&id, locale)),
            },
            Some(Action::Vote { entry, helpful }) => {
                let tally = self.vote(press, &entry, helpful).await;
                info!(entry = %entry, helpful, up = tally.helpful, down = tally.not_helpful, "vote");
                Pressed::New(Message::private(view::vote_thanks(helpful, locale)))
            }
        }
    }

    /// A "did you mean" pick or a "see also" entry, for the place the member named, as their
    /// conversation's new topic (so "and on the app?" next follows it); `None` for an unknown id.
    fn show_in_conversation(&self, press: &Press, id: &str, lang: Lang) -> Option<Message> {
        let key = ConversationKey { channel: press.channel, user: press.user };
        let now = self.clock.now();
        let mut conversations = self.conversations.lock().unwrap_or_else(|p| p.into_inner());
        let place = conversations.get(key, now).and_then(|c| c.place);
        let answer = view::entry_answer(&self.knowledge.load().faq, id, place.as_ref(), Audience::Private, lang)?;
        conversations.put(key, Context { entry: Some(id.to_owned()), place, lang, offered: Vec::new(), at: now });
        Some(answer)
    }

    /// Records a vote and returns the entry's tally since; a failed write is logged.
    async fn vote(&self, press: &Press, entry: &str, helpful: bool) -> Tally {
        let remembered = self.recent.lock().unwrap_or_else(|p| p.into_inner()).question(press.user, entry);
        // After a restart the memory is empty; the store still knows the question.
        let question = match remembered {
            Some(question) => Some(question),
            None => tokio::time::timeout(STORE_WAIT, self.storage.usage.last_question(press.user, entry))
                .await
                .ok()
                .and_then(Result::ok)
                .flatten(),
        };
        let vote = usage::Vote {
            guild_id: press.guild.unwrap_or(DM_GUILD),
            message_id: press.message,
            user_id: press.user,
            entry_id: entry.to_owned(),
            helpful,
            question,
            at: self.clock.now(),
        };
        self.metrics.vote(helpful);
        record_vote(&*self.storage.usage, &vote).await
    }
}

/// The longest a button press waits for the database: Discord wants an answer to an
/// interaction within 3 s, and a thank-you without a tally beats a failed interaction
/// while the database is down.
const STORE_WAIT: std::time::Duration = std::time::Duration::from_millis(1500);

async fn record_vote(store: &dyn UsageStore, vote: &usage::Vote) -> Tally {
    match tokio::time::timeout(STORE_WAIT, store.record_vote(vote)).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => warn!(error = %error, entry = %vote.entry_id, "vote not recorded"),
        Err(_) => warn!(entry = %vote.entry_id, "vote not recorded: the database did not answer in time"),
    }
    match tokio::time::timeout(STORE_WAIT, store.vote_tally(&vote.entry_id)).await {
        Ok(Ok((helpful, not_helpful))) => Tally {
            helpful: u32::try_from(helpful).unwrap_or(u32::MAX),
            not_helpful: u32::try_from(not_helpful).unwrap_or(u32::MAX),
        },
        Ok(Err(error)) => {
            warn!(error = %error, entry = %vote.entry_id, "vote tally unavailable");
            Tally::default()
        }
        Err(_) => {
            warn!(entry = %vote.entry_id, "vote tally unavailable: the database did not answer in time");
            Tally::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::store::SqliteStore;

    fn vote(entry: &str, user: u64, helpful: bool, message: u64) -> usage::Vote {
        usage::Vote {
            guild_id: 2000,
            message_id: message,
            user_id: user,
            entry_id: entry.into(),
            helpful,
            question: None,
            at: Utc::now(),
        }
    }

    #[tokio::test]
    async fn votes_persist_one_per_person_and_message() {
        let store = SqliteStore::open_in_memory().unwrap();
        record_vote(&store, &vote("gdpr", 1, true, 1)).await;
        record_vote(&store, &vote("gdpr", 2, true, 1)).await;
        assert_eq!(record_vote(&store, &vote("gdpr", 1, false, 1)).await, Tally { helpful: 1, not_helpful: 1 });
        assert_eq!(record_vote(&store, &vote("regions", 1, false, 2)).await, Tally { helpful: 0, not_helpful: 1 });
        let activity = store.activity(2000, Utc::now() - chrono::Duration::days(1)).unwrap();
        assert_eq!((activity.helpful, activity.not_helpful), (1, 2));
    }
}
