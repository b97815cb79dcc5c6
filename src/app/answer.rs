//! The one answering pipeline, for every way a question arrives (a command, a mention, a DM,
//! a help channel, "Answer with FAQ"): match → the threshold for this kind of channel →
//! cooldown → record → reply. The decisions ([`trigger`], [`answers_unprompted`]) are plain
//! functions.

use tracing::{debug, info};

use super::conversation::ConversationKey;
use super::cooldown::Verdict;
use super::metrics::{Decision, EntryPoint};
use super::reply::{self, Reply};
use super::view::{self, Audience, Message};
use super::{escape, usage, App};
use crate::lang::Lang;
use crate::matcher::{LangHint, MatchOutcome};
use crate::region::Region;

/// Longest question the bot reads; the rest is ignored. The one limit, shared with the
/// matcher's normalization (and declared as the `question` options' `max_length`).
pub const QUESTION_MAX_CHARS: usize = crate::text::MAX_QUESTION_CHARS;

/// One question to answer, wherever it came from.
#[derive(Debug, Clone)]
pub struct Request {
    pub user: u64,
    pub channel: u64,
    /// `None` in a DM.
    pub guild: Option<u64>,
    pub question: String,
    /// The chat message it came in, to never answer one twice; `None` for commands.
    pub message: Option<u64>,
    /// The region chosen explicitly (`/ask region:`); otherwise the place the question
    /// names, if any, decides which regional text comes first.
    pub region: Option<Region>,
    /// The language of the member's Discord locale, when the bot has it: the reply's
    /// language when the question's own is unclear.
    pub locale: Option<Lang>,
}

/// How a question reached the bot: it decides the audience, the confidence needed and the
/// cooldown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `/ask`: a private reply, no cooldown.
    Command,
    /// "Answer with FAQ" on someone's message: a direct answer is posted as a reply to it,
    /// anything else stays private to the moderator or member who asked.
    OnBehalf,
    /// Asked directly in chat: a mention or a DM. Always answered (answer, suggestions or
    /// decline); the cooldown applies, and the asker hears about it once.
    Direct,
    /// Posted in a help channel without asking the bot: answered only when confident, and
    /// quiet under the cooldown.
    HelpChannel,
}

impl Origin {
    fn entry_point(self) -> EntryPoint {
        match self {
            Origin::Command => EntryPoint::Command,
            Origin::OnBehalf => EntryPoint::OnBehalf,
            Origin::Direct => EntryPoint::Direct,
            Origin::HelpChannel => EntryPoint::HelpChannel,
        }
    }

    fn is_chat(self) -> bool {
        matches!(self, Origin::Direct | Origin::HelpChannel)
    }
}

/// What to do with a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Say this, to its audience.
    Reply(Message),
    /// The cooldown is on: say this note (once a window), or nothing.
    Cooldown(Option<Message>),
    /// Nothing to say: not for the bot, already handled, or not confident enough unprompted.
    Quiet,
}

/// Whether (and why) a chat message is for the bot. Bots, the bot itself included, never are.
pub fn trigger(author_is_bot: bool, in_dm: bool, mentions_bot: bool, in_help_channel: bool) -> Option<Origin> {
    if author_is_bot {
        None
    } else if in_dm || mentions_bot {
        Some(Origin::Direct)
    } else if in_help_channel {
        Some(Origin::HelpChannel)
    } else {
        None
    }
}

/// Whether to answer unprompted in a help channel: a direct answer, confident enough.
pub fn answers_unprompted(outcome: &MatchOutcome, threshold: f32) -> bool {
    outcome.answer().is_some_and(|answer| answer.confidence >= threshold)
}

impl App {
    /// Answers `request` as its `origin` calls for. See the module docs.
    pub fn answer(&self, origin: Origin, mut request: Request) -> Outcome {
        // Latency is a measurement, not the bot's notion of time: a monotonic clock, not `self.clock`.
        let started = std::time::Instant::now();
        if let Some(message) = request.message {
            if !self.seen.lock().unwrap_or_else(|p| p.into_inner()).first_time(message) {
                debug!(message, "already handled");
                return Outcome::Quiet;
            }
        }
        request.question = escape::cap(request.question.trim(), QUESTION_MAX_CHARS);
        let knowledge = self.knowledge.load();
        let hint = request.locale.map_or(LangHint::None, LangHint::Locale);
        let conversation = ConversationKey { channel: request.channel, user: request.user };
        let now = self.clock.now();
        // "Answer with FAQ" reads someone else's message: not in the moderator's conversation.
        let in_conversation = origin != Origin::OnBehalf;
        let context = in_conversation
            .then(|| self.conversations.lock().unwrap_or_else(|p| p.into_inner()).get(conversation, now))
            .flatten();
        let asked = reply::ask(&knowledge, &request.question, request.region, hint, context.as_ref());
        let lang = asked.lang;
        let outcome = &asked.outcome;
        if origin == Origin::HelpChannel && !answers_unprompted(outcome, knowledge.help_channel_threshold) {
            debug!(confidence = outcome.confidence(), "not confident enough to answer unprompted");
            return Outcome::Quiet;
        }
        // Unprompted, a follow-up must bring something new: "I'm in Germany" said to a person
        // helping gets no reply unless the topic has text for Germany.
        if origin == Origin::HelpChannel && asked.follow_up && !view::leads_with_a_part(&asked) {
            debug!("a follow-up with nothing particular to add, not answered unprompted");
            return Outcome::Quiet;
        }
        if origin.is_chat() {
            let now = self.clock.now();
            let verdict =
                self.cooldowns.lock().unwrap_or_else(|p| p.into_inner()).check(request.user, request.channel, now);
            if let Verdict::Wait { remaining, notify } = verdict {
                info!(
                    user = request.user,
                    channel = request.channel,
                    wait_ms = remaining.as_millis() as u64,
                    notify,
                    "cooldown"
                );
                // Unprompted answers just stay quiet; a direct question hears why, once.
                let note = (notify && origin == Origin::Direct)
                    .then(|| view::slow_down(remaining.as_secs_f64().ceil() as u64, lang));
                return Outcome::Cooldown(note);
            }
            if request.question.is_empty() {
                return Outcome::Reply(
                    view::help(!self.help_channels.is_empty(), lang).with_audience(Audience::Public),
                );
            }
        }
        if in_conversation {
            let next = asked.next_context(context.as_ref(), now);
            self.conversations.lock().unwrap_or_else(|p| p.into_inner()).put(conversation, next);
        }
        let reply = &asked.reply;
        // Small talk is neither an answer nor a decline: it stays out of the FAQ's figures.
        if !outcome.is_small_talk() {
            let asked = usage::Asked { guild: request.guild, user: request.user, question: &request.question };
            usage::record(&self.storage.usage, &self.recent, asked, reply, self.clock.now());
        }
        let decision = match reply {
            Reply::Answer(_) if outcome.is_small_talk() => Decision::SmallTalk,
            Reply::Answer(_) => Decision::Answer,
            Reply::Suggest(_) => Decision::Suggest,
            Reply::Decline(_) | Reply::PickOutOfRange { .. } => Decision::Decline,
        };
        info!(
            user = request.user,
            channel = request.channel,
            guild = ?request.guild,
            origin = ?origin,
            decision = decision.label(),
            confidence = outcome.confidence(),
            follow_up = asked.follow_up,
            "question answered"
        );
        let audience = match (origin, reply) {
            (Origin::Command, _) => Audience::Private,
            (Origin::OnBehalf, Reply::Answer(_)) => Audience::Public,
            (Origin::OnBehalf, _) => Audience::Private,
            (Origin::Direct | Origin::HelpChannel, _) => Audience::Public,
        };
        let message = view::reply(&knowledge.faq, &asked, &request.question, audience);
        self.metrics.question(decision, origin.entry_point(), started.elapsed());
        Outcome::Reply(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::knowledge::Knowledge;
    use crate::faq::Faq;

    #[test]
    fn who_gets_an_answer() {
        // (author is a bot, in a DM, mentions the bot, in a help channel) -> origin
        let cases = [
            ((true, true, true, true), None),
            ((true, false, false, true), None),
            ((false, true, false, false), Some(Origin::Direct)),
            ((false, false, true, false), Some(Origin::Direct)),
            ((false, false, true, true), Some(Origin::Direct)),
            ((false, false, false, true), Some(Origin::HelpChannel)),
            ((false, false, false, false), None),
        ];
        for ((bot, dm, mention, help), expected) in cases {
            assert_eq!(trigger(bot, dm, mention, help), expected, "bot={bot} dm={dm} mention={mention} help={help}");
        }
    }

    fn app_with_cooldown(clock: std::sync::Arc<crate::clock::ManualClock>) -> App {
        let mut config = crate::config::Config::default();
        config.cooldowns.user_seconds = 10;
        config.cooldowns.channel_seconds = 0;
        let config = config.settings();
        let knowledge = Knowledge::build(Faq::embedded(), &[], &config.thresholds);
        let store = std::sync::Arc::new(crate::store::SqliteStore::open_in_memory().unwrap());
        App::new(config, knowledge, crate::app::Storage::all(store), clock)
    }

    fn asked(message: u64) -> Request {
        Request {
            user: 6000,
            channel: 5000,
            guild: Some(2000),
            question: "how do I opt out".into(),
            message: Some(message),
            region: None,
            locale: None,
        }
    }

    fn command_reply(app: &App, question: &str, region: Option<Region>) -> Message {
        let request = Request { question: question.into(), message: None, region, ..asked(0) };
        match app.answer(Origin::Command, request) {
            Outcome::Reply(message) => message,
            other => panic!("a command is always answered, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_place_named_in_the_question_is_answered_for_that_region_first() {
        let app = app_with_cooldown(std::sync::Arc::new(crate::clock::ManualClock::new(chrono::Utc::now())));
        let message = command_reply(&app, "I'm in Canada, does this apply to me?", None);
        let card = &message.cards[0];
        assert!(card.description.starts_with("**In Canada:**"), "{}", card.description);
        assert!(card.description.contains("3 November 2025"), "{}", card.description);
        // The region chosen with `region:` wins over none named.
        let chosen = command_reply(&app, "does this apply to me?", Some(Region::Hk));
        assert!(chosen.cards.first().is_some_and(|c| c.description.contains("Hong Kong")), "{chosen:?}");
    }

    #[tokio::test]
    async fn small_talk_is_a_plain_reply_without_votes_and_related_entries_are_buttons() {
        let app = app_with_cooldown(std::sync::Arc::new(crate::clock::ManualClock::new(chrono::Utc::now())));
        let hello = command_reply(&app, "hi there", None);
        assert!(hello.cards.is_empty() && hello.buttons.is_empty(), "small talk carries no card or buttons: {hello:?}");
        let answer = command_reply(&app, "how do I opt out of linkedin ai training", None);
        // More details, Post, two votes and "see also": two rows at most.
        assert!(answer.buttons.len() <= 2 * crate::limits::BUTTONS_PER_ROW_MAX, "{:?}", answer.buttons);
        assert!(
            answer.buttons.iter().any(|b| b.label.starts_with("See also:")),
            "related entries are offered: {:?}",
            answer.buttons
        );
    }

    #[tokio::test]
    async fn chat_waits_out_the_cooldown_on_the_clock_and_says_so_once() {
        let start = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let clock = std::sync::Arc::new(crate::clock::ManualClock::new(start));
        let app = app_with_cooldown(clock.clone());
        assert!(matches!(app.answer(Origin::Direct, asked(1)), Outcome::Reply(m) if m.audience == Audience::Public));
        assert_eq!(app.answer(Origin::Direct, asked(1)), Outcome::Quiet, "a message is answered once");
        assert!(matches!(app.answer(Origin::Direct, asked(2)), Outcome::Cooldown(Some(_))), "told once");
        assert_eq!(app.answer(Origin::Direct, asked(3)), Outcome::Cooldown(None), "then quiet");
        assert!(
            matches!(app.answer(Origin::Command, asked(4)), Outcome::Reply(m) if m.audience == Audience::Private),
            "/ask has no cooldown and answers privately"
        );
        clock.advance(chrono::Duration::seconds(10));
        assert!(matches!(app.answer(Origin::Direct, asked(5)), Outcome::Reply(_)), "the window has passed");
    }

    #[test]
    fn help_channels_need_more_confidence() {
        let knowledge = Knowledge::build(Faq::embedded(), &[], &Default::default());
        let (faq, matcher, threshold) = (&knowledge.faq, &knowledge.matcher, knowledge.help_channel_threshold);
        assert!(threshold > matcher.config().answer_threshold);
        let question = &faq.entry("opt-out-how").unwrap().question;
        let clear = matcher.find(question);
        assert!(answers_unprompted(&clear, threshold), "confidence {} for {question:?}", clear.confidence());
        assert!(!answers_unprompted(&clear, 1.01));
        let chatter = matcher.find("anyone up for lunch?");
        assert!(!answers_unprompted(&chatter, 0.0), "a decline is never posted unprompted");
    }
}
