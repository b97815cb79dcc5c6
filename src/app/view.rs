//! What the bot shows, as plain data: a [`Message`] of text, [`Card`]s and [`Button`]s, for
//! whichever audience. The use-cases return these; `discord::render` is the one place that
//! turns them into Discord's builders.

use super::escape as safety;
use crate::faq::{Entry, Faq};
use crate::limits::{
    AUTOCOMPLETE_MAX_CHOICES, BUTTONS_PER_ROW_MAX, BUTTON_LABEL_MAX_CHARS, CHOICE_MAX_CHARS, CUSTOM_ID_MAX_CHARS,
    EMBED_DESCRIPTION_MAX_CHARS, EMBED_FIELD_VALUE_MAX_CHARS, EMBED_FOOTER_MAX_CHARS, EMBED_TITLE_MAX_CHARS,
    EMBED_TOTAL_MAX_CHARS, MESSAGE_CONTENT_MAX_CHARS,
};
use crate::matcher::Matcher;
use crate::region::{Place, Region};
use crate::reply::{self as compose, Decline, Reply};

/// Where a message appears: only to the person who asked, or to the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Private,
    Public,
}

/// What a button does when pressed; its custom id is [`Action::custom_id`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// "Did you mean": answer with this entry.
    Show(String),
    /// Post this entry's answer to the channel.
    Post(String),
    /// "Was this helpful?"
    Vote { entry: String, helpful: bool },
}

const PREFIX: &str = "faq";

impl Action {
    pub fn custom_id(&self) -> String {
        let id = match self {
            Action::Show(entry) => format!("{PREFIX}:show:{entry}"),
            Action::Post(entry) => format!("{PREFIX}:post:{entry}"),
            Action::Vote { entry, helpful: true } => format!("{PREFIX}:vote:up:{entry}"),
            Action::Vote { entry, helpful: false } => format!("{PREFIX}:vote:down:{entry}"),
        };
        debug_assert!(id.chars().count() <= CUSTOM_ID_MAX_CHARS, "custom id too long: {id}");
        id
    }

    /// The action behind a custom id; `None` for ids this bot did not make.
    pub fn parse(custom_id: &str) -> Option<Action> {
        let rest = custom_id.strip_prefix(PREFIX)?.strip_prefix(':')?;
        let (verb, rest) = rest.split_once(':')?;
        let entry = |id: &str| (!id.is_empty()).then(|| id.to_owned());
        match verb {
            "show" => entry(rest).map(Action::Show),
            "post" => entry(rest).map(Action::Post),
            "vote" => {
                let (vote, id) = rest.split_once(':')?;
                let helpful = match vote {
                    "up" => true,
                    "down" => false,
                    _ => return None,
                };
                entry(id).map(|entry| Action::Vote { entry, helpful })
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Primary,
    Secondary,
    Success,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub emoji: Option<char>,
    pub style: Style,
    /// What a press sends back ([`Action::custom_id`], or an announcement's).
    pub custom_id: String,
}

impl Button {
    fn new(label: impl Into<String>, emoji: Option<char>, style: Style, action: &Action) -> Button {
        Button { label: label.into(), emoji, style, custom_id: action.custom_id() }
    }
}

/// An embed: an FAQ answer, or a list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    pub title: String,
    pub url: Option<String>,
    pub description: String,
    pub fields: Vec<(String, String)>,
    /// Fields side by side (a summary) rather than one under the other.
    pub inline_fields: bool,
    pub footer: Option<String>,
    /// An image attached to the same message (`attachment://name`).
    pub image: Option<String>,
}

impl Card {
    /// Characters Discord counts toward [`EMBED_TOTAL_MAX_CHARS`].
    pub fn total_chars(&self) -> usize {
        let count = |s: &str| s.chars().count();
        count(&self.title)
            + count(&self.description)
            + self.fields.iter().map(|(n, v)| count(n) + count(v)).sum::<usize>()
            + self.footer.as_deref().map_or(0, count)
    }
}

/// A file sent with a message (the stats chart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A whole message: text, cards, buttons (rows of five) and at most one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub content: Option<String>,
    pub cards: Vec<Card>,
    pub buttons: Vec<Button>,
    pub attachment: Option<Attachment>,
    pub audience: Audience,
}

impl Message {
    /// Text alone, capped to what Discord takes.
    pub fn text(content: impl Into<String>, audience: Audience) -> Message {
        Message {
            content: Some(safety::cap(&content.into(), MESSAGE_CONTENT_MAX_CHARS)),
            cards: vec![],
            buttons: vec![],
            attachment: None,
            audience,
        }
    }

    /// Text only the person who asked sees.
    pub fn private(content: impl Into<String>) -> Message {
        Message::text(content, Audience::Private)
    }

    /// One card only the person who asked sees.
    pub fn private_card(card: Card) -> Message {
        Message { content: None, cards: vec![card], buttons: vec![], attachment: None, audience: Audience::Private }
    }

    pub fn with_audience(mut self, audience: Audience) -> Message {
        self.audience = audience;
        self
    }

    /// The message's first card, if any.
    pub fn card(&self) -> Option<&Card> {
        self.cards.first()
    }
}

/// Browse and steps commands, named once for every pointer to them.
pub const LIST_COMMAND: &str = "/faq list";
pub const OPTOUT_COMMAND: &str = "/optout";

/// An entry as a card: its question, answer, source and review date.
pub fn entry_card(entry: &Entry) -> Card {
    entry_card_for(entry, None)
}

/// An entry as a card for `place`: the region's text first when the entry has one.
pub fn entry_card_for(entry: &Entry, place: Option<&Place>) -> Card {
    let mut card = Card {
        title: safety::cap(&entry.question, EMBED_TITLE_MAX_CHARS),
        url: entry.source.as_deref().filter(|s| is_link(s)).map(str::to_owned),
        description: safety::cap(&compose::answer_text(entry, place), EMBED_DESCRIPTION_MAX_CHARS),
        ..Card::default()
    };
    if let Some(source) = &entry.source {
        card.fields.push(("Source".to_owned(), safety::cap(source, EMBED_FIELD_VALUE_MAX_CHARS)));
    }
    let mut footer = match &entry.last_reviewed {
        Some(date) => format!("Last reviewed {date}"),
        None => String::new(),
    };
    if !footer.is_empty() {
        footer.push_str(" · ");
    }
    footer.push_str(&format!("FAQ entry {}", entry.id));
    card.footer = Some(safety::cap(&footer, EMBED_FOOTER_MAX_CHARS));
    let over = card.total_chars().saturating_sub(EMBED_TOTAL_MAX_CHARS);
    if over > 0 {
        let keep = card.description.chars().count().saturating_sub(over);
        card.description = safety::cap(&card.description, keep);
    }
    card
}

fn is_link(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://")) && !text.contains(char::is_whitespace)
}

fn vote_buttons(entry: &Entry) -> [Button; 2] {
    [
        Button::new("Helpful", Some('👍'), Style::Secondary, &Action::Vote { entry: entry.id.clone(), helpful: true }),
        Button::new(
            "Not helpful",
            Some('👎'),
            Style::Secondary,
            &Action::Vote { entry: entry.id.clone(), helpful: false },
        ),
    ]
}

/// An answer: the entry's card, "Post publicly" when private, and "Was this helpful?".
pub fn answer(entry: &Entry, audience: Audience) -> Message {
    answer_for(entry, None, &[], audience)
}

/// An answer for `place`, with a button for each related entry (each opens that entry
/// privately) as far as one row of buttons holds them. Small talk is a plain reply: no
/// card, no votes, nothing to post.
pub fn answer_for(entry: &Entry, place: Option<&Place>, related: &[&Entry], audience: Audience) -> Message {
    if entry.is_small_talk() {
        return Message::text(entry.answer.clone(), audience);
    }
    let mut buttons = Vec::new();
    if audience == Audience::Private {
        buttons.push(Button::new("Post publicly", Some('📢'), Style::Primary, &Action::Post(entry.id.clone())));
    }
    buttons.extend(vote_buttons(entry));
    let room = BUTTONS_PER_ROW_MAX.saturating_sub(buttons.len());
    buttons.extend(related.iter().filter(|r| !r.is_small_talk()).take(room).map(|r| {
        let label = safety::cap(&format!("See also: {}", r.question), BUTTON_LABEL_MAX_CHARS);
        Button::new(label, None, Style::Secondary, &Action::Show(r.id.clone()))
    }));
    Message {
        content: Some("Was this helpful?".to_owned()),
        cards: vec![entry_card_for(entry, place)],
        buttons,
        attachment: None,
        audience,
    }
}

/// An entry with its related entries as buttons, as every front end shows it.
pub fn entry_answer(faq: &Faq, entry: &Entry, place: Option<&Place>, audience: Audience) -> Message {
    let related: Vec<&Entry> = faq.related(entry).collect();
    answer_for(entry, place, &related, audience)
}

/// The answer posted to the channel from a private one, saying who shared it.
pub fn shared(entry: &Entry, by_user: u64) -> Message {
    let mut message = answer(entry, Audience::Public);
    message.content = Some(format!("<@{by_user}> shared this answer. Was it helpful?"));
    message
}

/// "Did you mean": one button a suggestion.
pub fn suggest(entries: &[&Entry], audience: Audience) -> Message {
    let buttons = entries
        .iter()
        .take(BUTTONS_PER_ROW_MAX)
        .map(|entry| {
            let label = safety::cap(&entry.question, BUTTON_LABEL_MAX_CHARS);
            Button::new(label, None, Style::Secondary, &Action::Show(entry.id.clone()))
        })
        .collect();
    Message {
        content: Some("Did you mean one of these?".to_owned()),
        cards: vec![],
        buttons,
        attachment: None,
        audience,
    }
}

/// An honest "I don't know", quoting the question safely, with where to look instead.
pub fn decline(decline: &Decline, question: &str, audience: Audience) -> Message {
    let quoted = safety::echo(question);
    let asked = if quoted.is_empty() { String::new() } else { format!("You asked: “{quoted}”\n") };
    Message::text(
        format!(
            "{asked}{} Browse what I can answer with `{LIST_COMMAND}`, or get the opt-out steps with `{OPTOUT_COMMAND}`.",
            decline.message()
        ),
        audience,
    )
}

/// The message for a composed reply, for `place` (the region asked about, if any).
pub fn reply(faq: &Faq, reply: &Reply<'_>, place: Option<&Place>, question: &str, audience: Audience) -> Message {
    match reply {
        Reply::Answer(entry) => entry_answer(faq, entry, place, audience),
        Reply::Suggest(entries) => suggest(entries, audience),
        Reply::Decline(d) => decline(d, question, audience),
    }
}

/// The topics members browse: small talk is a reply, not an FAQ topic.
fn member_topics(faq: &Faq) -> Vec<&str> {
    faq.topics().into_iter().filter(|t| *t != crate::matcher::SMALL_TALK_TOPIC).collect()
}

/// `/faq list`: every entry (of one topic), grouped by topic.
pub fn list(faq: &Faq, topic: Option<&str>) -> Message {
    let topics: Vec<&str> = member_topics(faq);
    if let Some(wanted) = topic {
        if !topics.iter().any(|t| t.eq_ignore_ascii_case(wanted)) {
            return Message::text(
                format!("There is no topic “{}”. Topics: {}.", safety::echo(wanted), topics.join(", ")),
                Audience::Private,
            );
        }
    }
    let mut description = String::new();
    let mut shown = 0;
    let total = faq
        .entries()
        .iter()
        .filter(|e| !e.is_small_talk() && topic.is_none_or(|t| e.topic.eq_ignore_ascii_case(t)))
        .count();
    'topics: for name in topics.iter().filter(|t| topic.is_none_or(|w| t.eq_ignore_ascii_case(w))) {
        let header = format!("**{name}**\n");
        if description.chars().count() + header.chars().count() > EMBED_DESCRIPTION_MAX_CHARS - 100 {
            break;
        }
        description.push_str(&header);
        for entry in faq.entries().iter().filter(|e| e.topic == *name) {
            let line = format!("`{}` {}\n", entry.id, entry.question);
            if description.chars().count() + line.chars().count() > EMBED_DESCRIPTION_MAX_CHARS - 100 {
                break 'topics;
            }
            description.push_str(&line);
            shown += 1;
        }
        description.push('\n');
    }
    if shown < total {
        description.push_str(&format!("… and {} more: pick a topic to narrow the list.", total - shown));
    }
    let title = match topic {
        Some(t) => format!("FAQ: {t}"),
        None => "What I can answer".to_owned(),
    };
    Message::private_card(Card {
        title,
        description: description.trim_end().to_owned(),
        footer: Some("Show one with /faq show id, or ask in your own words with /ask".to_owned()),
        ..Card::default()
    })
}

/// `/faq show` with an id that is not in the FAQ.
pub fn unknown_entry(id: &str) -> Message {
    Message::text(
        format!("There is no FAQ entry “{}”. See the ids with `{LIST_COMMAND}`.", safety::echo(id)),
        Audience::Private,
    )
}

/// `/help`: what the bot does and how to ask.
pub fn help(help_channels: bool) -> Message {
    let mut description = String::from(
        "I answer questions about opting out of LinkedIn's generative-AI training, from a reviewed FAQ.\n\n\
         **/ask** question: ask in your own words\n\
         **/optout**: the opt-out steps, straight away\n\
         **/faq list** [topic]: everything I can answer\n\
         **/faq show** id: one answer\n\
         **Answer with FAQ** (right-click a message, then Apps): answer someone else's question\n\n\
         You can also mention me with a question, or send me a DM.",
    );
    if help_channels {
        description.push_str(" In help channels I answer on my own when I am confident.");
    }
    description.push_str("\n\nAnswers are private until you press **Post publicly**. I never ping anyone.");
    Message::private_card(Card { title: "optout-bot".to_owned(), description, ..Card::default() })
}

/// The short message a person gets when something failed on our side.
pub fn failure() -> Message {
    Message::text(
        "Sorry, something went wrong on my side while answering. Please try again in a moment.".to_owned(),
        Audience::Private,
    )
}

/// The quiet note for someone asking faster than the cooldown allows.
pub fn slow_down(remaining_secs: u64) -> Message {
    let secs = remaining_secs.max(1);
    let unit = if secs == 1 { "second" } else { "seconds" };
    Message::text(
        format!("I'm answering a lot right now: ask me again in {secs} {unit}, or use `/ask` for a private answer."),
        Audience::Public,
    )
}

/// The private thanks for a "Was this helpful?" vote.
pub fn vote_thanks(helpful: bool) -> String {
    if helpful {
        "Thanks for the feedback, glad it helped.".to_owned()
    } else {
        format!("Thanks for telling me. Try asking in other words with `/ask`, or browse `{LIST_COMMAND}`.")
    }
}

/// An autocomplete choice: what the user sees, and the value the option gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

/// `/ask region:` autocomplete: the regions whose code or name contains `partial`.
pub fn complete_region(partial: &str) -> Vec<Choice> {
    let partial = partial.trim().to_lowercase();
    Region::ALL
        .iter()
        .filter(|r| {
            partial.is_empty()
                || r.code().to_lowercase().contains(&partial)
                || r.label().to_lowercase().contains(&partial)
        })
        .map(|r| choice(r.label(), r.code()))
        .collect()
}

fn choice(name: &str, value: &str) -> Choice {
    Choice { name: safety::cap(name, CHOICE_MAX_CHARS), value: safety::cap(value, CHOICE_MAX_CHARS) }
}

/// `/ask` autocomplete: the FAQ questions that best match what has been typed so far.
pub fn complete_question(faq: &Faq, matcher: &Matcher, partial: &str) -> Vec<Choice> {
    let partial = partial.trim();
    let mut indices: Vec<usize> = Vec::new();
    if !partial.is_empty() {
        indices.extend(matcher.find(partial).candidates.iter().map(|c| c.entry));
        let lower = partial.to_lowercase();
        indices.extend(
            faq.entries()
                .iter()
                .enumerate()
                .filter(|(_, e)| e.question.to_lowercase().contains(&lower))
                .map(|(i, _)| i),
        );
    }
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

/// `/faq show` autocomplete: entries whose id or question contains what has been typed.
pub fn complete_id(faq: &Faq, partial: &str) -> Vec<Choice> {
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

/// `/faq list` topic autocomplete.
pub fn complete_topic(faq: &Faq, partial: &str) -> Vec<Choice> {
    let lower = partial.trim().to_lowercase();
    member_topics(faq)
        .into_iter()
        .filter(|t| t.to_lowercase().contains(&lower))
        .take(AUTOCOMPLETE_MAX_CHOICES)
        .map(|t| choice(t, t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_talk_is_not_browsable() {
        let faq = Faq::embedded();
        assert!(faq.entries().iter().any(Entry::is_small_talk), "the shipped FAQ has small talk");
        let listed = list(&faq, None);
        let text: String = listed.cards.iter().map(|c| c.description.clone()).collect();
        assert!(!text.contains("smalltalk-"), "{text}");
        assert!(complete_id(&faq, "smalltalk").is_empty());
        assert!(complete_topic(&faq, "small").is_empty());
        let matcher = Matcher::new(&faq, Default::default());
        let choices = complete_question(&faq, &matcher, "hello");
        assert!(choices.iter().skip(1).all(|c| c.value != "Hi!"), "{choices:?}");
    }

    fn faq() -> Faq {
        Faq::embedded()
    }

    #[test]
    fn custom_ids_round_trip_and_foreign_ids_are_ignored() {
        let actions = [
            Action::Show("opt-out-how".into()),
            Action::Post("gdpr".into()),
            Action::Vote { entry: "regions".into(), helpful: true },
            Action::Vote { entry: "regions".into(), helpful: false },
        ];
        for action in actions {
            assert_eq!(Action::parse(&action.custom_id()), Some(action.clone()), "{}", action.custom_id());
        }
        for foreign in ["", "faq", "faq:show:", "faq:vote:maybe:x", "other:show:x", "faq:delete:x"] {
            assert_eq!(Action::parse(foreign), None, "{foreign:?}");
        }
        let longest = Action::Vote { entry: "x".repeat(crate::faq::ID_MAX_CHARS), helpful: false };
        assert!(longest.custom_id().len() <= CUSTOM_ID_MAX_CHARS);
    }

    #[test]
    fn a_private_answer_offers_posting_and_votes() {
        let faq = faq();
        let entry = faq.entry("opt-out-how").unwrap();
        let message = answer(entry, Audience::Private);
        let card = message.card().unwrap();
        assert_eq!(card.title, entry.question);
        assert_eq!(card.description, entry.answer);
        assert!(card.footer.as_deref().unwrap().contains("opt-out-how"));
        let actions: Vec<_> = message.buttons.iter().map(|b| Action::parse(&b.custom_id).unwrap()).collect();
        assert_eq!(
            actions,
            vec![
                Action::Post("opt-out-how".into()),
                Action::Vote { entry: "opt-out-how".into(), helpful: true },
                Action::Vote { entry: "opt-out-how".into(), helpful: false },
            ]
        );
        let public = answer(entry, Audience::Public);
        assert!(
            public.buttons.iter().all(|b| !matches!(Action::parse(&b.custom_id), Some(Action::Post(_)))),
            "public answers are not re-posted"
        );
    }

    #[test]
    fn every_entry_fits_discord_embeds() {
        for entry in faq().entries() {
            let card = entry_card(entry);
            assert!(card.total_chars() <= EMBED_TOTAL_MAX_CHARS, "{}", entry.id);
            assert!(card.title.chars().count() <= EMBED_TITLE_MAX_CHARS, "{}", entry.id);
        }
    }

    #[test]
    fn a_decline_quotes_the_question_safely_and_points_elsewhere() {
        let message = decline(&Decline::Unknown, "@everyone what about `my cat`?", Audience::Private);
        let content = message.content.unwrap();
        assert!(content.contains("@\u{200B}everyone"), "{content}");
        assert!(!content.contains("@everyone"), "{content}");
        assert!(content.contains(LIST_COMMAND) && content.contains(OPTOUT_COMMAND), "{content}");
        let long = decline(&Decline::Unknown, &"x".repeat(10_000), Audience::Private);
        assert!(long.content.unwrap().chars().count() <= MESSAGE_CONTENT_MAX_CHARS);
    }

    #[test]
    fn suggestions_are_buttons_that_show_entries() {
        let faq = faq();
        let entries: Vec<&Entry> = faq.entries().iter().take(3).collect();
        let message = suggest(&entries, Audience::Private);
        assert_eq!(message.buttons.len(), 3);
        for (button, entry) in message.buttons.iter().zip(&entries) {
            assert_eq!(Action::parse(&button.custom_id), Some(Action::Show(entry.id.clone())));
            assert!(button.label.chars().count() <= BUTTON_LABEL_MAX_CHARS);
        }
    }

    #[test]
    fn the_list_shows_every_entry_or_one_topic() {
        let faq = faq();
        let all = list(&faq, None).cards[0].description.clone();
        for entry in faq.entries().iter().filter(|e| !e.is_small_talk()) {
            assert!(all.contains(&format!("`{}`", entry.id)), "{} missing from the list", entry.id);
        }
        let regions = list(&faq, Some("regions")).cards[0].description.clone();
        assert!(regions.contains("`gdpr`") && !regions.contains("`opt-out-how`"), "{regions}");
        let unknown = list(&faq, Some("<@&7000>")).content.unwrap();
        assert!(unknown.contains("no topic") && !unknown.contains("<@&"), "{unknown}");
    }

    #[test]
    fn autocomplete_stays_within_discord_limits_and_ranks_matches_first() {
        let faq = faq();
        let matcher = Matcher::for_faq(&faq);
        let choices = complete_question(&faq, &matcher, "how do i opt out");
        assert!(choices.len() <= AUTOCOMPLETE_MAX_CHOICES);
        assert_eq!(choices[0].value, "how do i opt out", "what was typed comes first");
        assert_eq!(choices[1].value, faq.entry("opt-out-how").unwrap().question);
        let long = complete_question(&faq, &matcher, &"opt out ".repeat(40));
        assert!(long
            .iter()
            .all(|c| c.name.chars().count() <= CHOICE_MAX_CHARS && c.value.chars().count() <= CHOICE_MAX_CHARS));
        let browsable = faq.entries().iter().filter(|e| !e.is_small_talk()).count();
        assert_eq!(complete_question(&faq, &matcher, "").len(), browsable.min(AUTOCOMPLETE_MAX_CHOICES));
        let ids = complete_id(&faq, "gdp");
        assert_eq!(ids[0].value, "gdpr");
        assert!(complete_topic(&faq, "reg").iter().any(|c| c.value == "regions"));
    }
}
