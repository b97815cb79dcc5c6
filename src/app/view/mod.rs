//! What the bot shows, as plain data: a [`Message`] of text, [`Card`]s and [`Button`]s, for
//! whichever audience. The use-cases return these; `discord::render` is the one place that
//! turns them into Discord's builders.

mod complete;

use super::escape as safety;
use super::reply::{Asked, Decline, Reply};
use crate::faq::{Entry, Faq};
use crate::lang::Lang;
use crate::limits::{
    BUTTONS_PER_ROW_MAX, BUTTON_LABEL_MAX_CHARS, CUSTOM_ID_MAX_CHARS, EMBED_DESCRIPTION_MAX_CHARS,
    EMBED_FIELD_VALUE_MAX_CHARS, EMBED_FOOTER_MAX_CHARS, EMBED_TITLE_MAX_CHARS, EMBED_TOTAL_MAX_CHARS,
    MESSAGE_CONTENT_MAX_CHARS,
};
use crate::region::Place;
use crate::{i18n, tr};
pub use complete::{complete_id, complete_question, complete_region, complete_topic, Choice};

/// Where a message appears: only to the person who asked, or to the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Private,
    Public,
}

/// What a button does when pressed; its custom id is [`Action::custom_id`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// "Did you mean": answer with this entry, in this language.
    Show(String, Lang),
    /// Post this entry's answer to the channel, in the language it was read in.
    Post(String, Lang),
    /// "More details": the whole answer, privately, to the member who pressed.
    More(String, Lang),
    /// "Was this helpful?"
    Vote { entry: String, helpful: bool },
}

const PREFIX: &str = "faq";

impl Action {
    pub fn custom_id(&self) -> String {
        let id = match self {
            Action::Show(entry, lang) => format!("{PREFIX}:show:{lang}:{entry}"),
            Action::Post(entry, lang) => format!("{PREFIX}:post:{lang}:{entry}"),
            Action::More(entry, lang) => format!("{PREFIX}:more:{lang}:{entry}"),
            Action::Vote { entry, helpful: true } => format!("{PREFIX}:vote:up:{entry}"),
            Action::Vote { entry, helpful: false } => format!("{PREFIX}:vote:down:{entry}"),
        };
        debug_assert!(id.chars().count() <= CUSTOM_ID_MAX_CHARS, "custom id too long: {id}");
        id
    }

    /// The action behind a custom id; `None` for ids this bot did not make. Buttons sent
    /// before replies had languages (`faq:show:ID`) still work, in English.
    pub fn parse(custom_id: &str) -> Option<Action> {
        let rest = custom_id.strip_prefix(PREFIX)?.strip_prefix(':')?;
        let (verb, rest) = rest.split_once(':')?;
        let entry = |id: &str| (!id.is_empty()).then(|| id.to_owned());
        let in_language = |rest: &str| match rest.split_once(':') {
            Some((code, id)) => Some((entry(id)?, code.parse::<Lang>().ok()?)),
            None => Some((entry(rest)?, Lang::En)),
        };
        match verb {
            "show" => in_language(rest).map(|(id, lang)| Action::Show(id, lang)),
            "post" => in_language(rest).map(|(id, lang)| Action::Post(id, lang)),
            "more" => in_language(rest).map(|(id, lang)| Action::More(id, lang)),
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
    /// Where the answer's facts come from, shown after the fields.
    pub sources: Option<SourceList>,
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
            + self.sources.as_ref().map_or(0, |s| count(&s.heading) + count(&s.markdown()))
            + self.footer.as_deref().map_or(0, count)
    }
}

/// An answer's sources: in a first reply compact (the sites' names, one line), in the
/// details in full (each title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceList {
    pub heading: String,
    /// (label, url), in the entry's order.
    pub links: Vec<(String, String)>,
    pub compact: bool,
}

impl SourceList {
    /// The links as Markdown, as many as fit an embed field: one line when compact, one a
    /// line otherwise. A link is never cut in the middle.
    pub fn markdown(&self) -> String {
        let separator = if self.compact { " · " } else { "\n" };
        let mut text = String::new();
        for (label, url) in &self.links {
            let link = format!("[{label}]({url})");
            let needed = text.chars().count() + separator.chars().count() + link.chars().count();
            if needed > EMBED_FIELD_VALUE_MAX_CHARS {
                break;
            }
            if !text.is_empty() {
                text.push_str(separator);
            }
            text.push_str(&link);
        }
        text
    }
}

/// The site a link is on, as people name it: `https://www.europe1.fr/…` is "europe1.fr".
fn site(url: &str) -> String {
    let host = url.split_once("://").map_or(url, |(_, rest)| rest).split(['/', '?', '#']).next().unwrap_or(url);
    host.strip_prefix("www.").unwrap_or(host).to_owned()
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

/// An entry as a card with its whole answer and every source in full: the details, and
/// an entry announced.
pub fn entry_card(entry: &Entry, lang: Lang) -> Card {
    card(entry, &entry.answer, false, lang)
}

/// How many facet texts a first reply leads with, when a question names several.
const MAX_FACETS_LED: usize = 2;

/// The answer a person reads first, in `lang` (the entry itself is already in `lang`):
/// the entry's text for the facets the question names and for the member's place, else its
/// short answer. An entry with no short answer (a self-hoster's FAQ) is read whole, its
/// place's text first.
pub fn first_reply_text(entry: &Entry, place: Option<&Place>, facets: &[String], lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for text in facets.iter().filter_map(|name| entry.facet(name)) {
        if parts.len() < MAX_FACETS_LED && !parts.iter().any(|p| p == text) {
            parts.push(text.to_owned());
        }
    }
    let regional = place.and_then(|p| Some((p, entry.regional(p.region)?)));
    if let Some((place, text)) = regional {
        parts.push(format!("**{}:** {text}", place.heading(lang)));
    }
    match &entry.short {
        Some(short) if parts.is_empty() => short.clone(),
        Some(_) => parts.join("\n\n"),
        None if regional.is_some() => {
            format!("{}\n\n**{}:** {}", parts.join("\n\n"), tr!(lang, "region-general"), entry.answer)
        }
        None => parts.into_iter().chain([entry.answer.clone()]).collect::<Vec<_>>().join("\n\n"),
    }
}

/// One first reply the FAQ can give: an entry in a language, for one facet group or region
/// group (or neither), and the characters of its answer text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstReply {
    pub lang: Lang,
    pub id: String,
    /// `short`, `facet:NAME`, `region:CODE`, or `facets+region` (the most a reply leads with).
    pub shape: String,
    pub chars: usize,
}

/// Every first reply of every entry (small talk aside) in every language: the short answer,
/// each facet text and each region text as a question naming it would get them.
pub fn first_replies(faq: &Faq) -> Vec<FirstReply> {
    let mut replies = Vec::new();
    for lang in faq.languages() {
        for entry in faq.in_language(lang).entries().iter().filter(|e| !e.is_small_talk()) {
            let mut shapes: Vec<(String, Option<Place>, Vec<String>)> = vec![("short".to_owned(), None, vec![])];
            for facet in &entry.facets {
                shapes.push((format!("facet:{}", facet.names[0]), None, vec![facet.names[0].clone()]));
            }
            for regional in &entry.regions {
                let region = regional.regions[0];
                shapes.push((format!("region:{}", region.code()), Some(Place::of(region)), vec![]));
            }
            // The longest a reply can lead: as many facets as it leads with, and a region.
            let most: Vec<String> = entry.facets.iter().take(MAX_FACETS_LED).map(|f| f.names[0].clone()).collect();
            let longest_region = entry.regions.iter().max_by_key(|r| r.text.chars().count());
            if most.len() + usize::from(longest_region.is_some()) > 1 {
                let place = longest_region.map(|r| Place::of(r.regions[0]));
                shapes.push(("facets+region".to_owned(), place, most));
            }
            for (shape, place, facets) in shapes {
                let chars = first_reply_text(entry, place.as_ref(), &facets, lang).chars().count();
                replies.push(FirstReply { lang, id: entry.id.clone(), shape, chars });
            }
        }
    }
    replies
}

/// Whether an answer leads with a part of its entry for the facets or place asked about,
/// rather than with its short answer.
pub fn leads_with_a_part(asked: &Asked<'_>) -> bool {
    let Reply::Answer(entry) = &asked.reply else { return false };
    asked.facets.iter().any(|f| entry.facet(f).is_some())
        || asked.place.is_some_and(|p| entry.regional(p.region).is_some())
}

/// Whether an entry has more to say than its first reply: its whole answer, behind
/// "More details".
fn has_details(entry: &Entry) -> bool {
    entry.short.is_some()
}

/// An entry as a card showing `text`, its sources compact (a first reply) or in full.
fn card(entry: &Entry, text: &str, compact: bool, lang: Lang) -> Card {
    let mut card = Card {
        title: safety::cap(&entry.question, EMBED_TITLE_MAX_CHARS),
        description: safety::cap(text, EMBED_DESCRIPTION_MAX_CHARS),
        ..Card::default()
    };
    if !entry.sources.is_empty() {
        let mut links: Vec<(String, String)> = Vec::new();
        for source in &entry.sources {
            let label = if compact { site(&source.url) } else { source.title.clone() };
            if !links.iter().any(|(known, _)| *known == label) {
                links.push((label, source.url.clone()));
            }
        }
        card.sources = Some(SourceList { heading: tr!(lang, "card-sources"), links, compact });
    } else if let Some(source) = &entry.source {
        card.url = Some(source.clone()).filter(|s| is_link(s));
        card.fields.push((tr!(lang, "card-source"), safety::cap(source, EMBED_FIELD_VALUE_MAX_CHARS)));
    }
    let mut footer = match &entry.last_reviewed {
        Some(date) => tr!(lang, "card-reviewed", date = date.as_str()),
        None => String::new(),
    };
    if !footer.is_empty() {
        footer.push_str(" · ");
    }
    footer.push_str(&tr!(lang, "card-entry", id = entry.id.as_str()));
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

fn vote_buttons(entry: &Entry, lang: Lang) -> [Button; 2] {
    [
        Button::new(
            tr!(lang, "button-helpful"),
            Some('👍'),
            Style::Secondary,
            &Action::Vote { entry: entry.id.clone(), helpful: true },
        ),
        Button::new(
            tr!(lang, "button-not-helpful"),
            Some('👎'),
            Style::Secondary,
            &Action::Vote { entry: entry.id.clone(), helpful: false },
        ),
    ]
}

/// An answer: the entry's first reply, "More details", "Post publicly" when private, and
/// "Was this helpful?".
pub fn answer(entry: &Entry, audience: Audience, lang: Lang) -> Message {
    answer_for(entry, None, &[], &[], audience, lang)
}

/// Most "see also" buttons under an answer (they may take a second row).
const MAX_RELATED_BUTTONS: usize = 3;

/// The first reply to a question: the entry's text for `place` and `facets` (see
/// [`first_reply_text`]) with its sources compact, a "More details" button when there is
/// more, and a button for each related entry (each opens that entry privately). Small talk
/// is a plain reply: no card, no votes, nothing to post.
pub fn answer_for(
    entry: &Entry,
    place: Option<&Place>,
    facets: &[String],
    related: &[&Entry],
    audience: Audience,
    lang: Lang,
) -> Message {
    if entry.is_small_talk() {
        return Message::text(entry.answer.clone(), audience);
    }
    let mut buttons = Vec::new();
    if has_details(entry) {
        let more = Action::More(entry.id.clone(), lang);
        buttons.push(Button::new(tr!(lang, "button-more"), Some('📖'), Style::Primary, &more));
    }
    if audience == Audience::Private {
        let post = Action::Post(entry.id.clone(), lang);
        buttons.push(Button::new(tr!(lang, "button-post"), Some('📢'), Style::Secondary, &post));
    }
    buttons.extend(vote_buttons(entry, lang));
    buttons.extend(see_also_buttons(related, lang));
    let text = first_reply_text(entry, place, facets, lang);
    Message {
        content: Some(tr!(lang, "answer-prompt")),
        cards: vec![card(entry, &text, true, lang)],
        buttons,
        attachment: None,
        audience,
    }
}

fn see_also_buttons(related: &[&Entry], lang: Lang) -> Vec<Button> {
    related
        .iter()
        .filter(|r| !r.is_small_talk())
        .take(MAX_RELATED_BUTTONS)
        .map(|r| {
            let label =
                safety::cap(&tr!(lang, "button-see-also", question = r.question.as_str()), BUTTON_LABEL_MAX_CHARS);
            Button::new(label, None, Style::Secondary, &Action::Show(r.id.clone(), lang))
        })
        .collect()
}

/// Entry `id` in `lang`, with its related entries as buttons, as every front end shows it.
/// `faq` is the whole FAQ (every language); `None` when it has no such entry.
pub fn entry_answer(faq: &Faq, id: &str, place: Option<&Place>, audience: Audience, lang: Lang) -> Option<Message> {
    let faq = faq.in_language(lang);
    let entry = faq.entry(id)?;
    let related: Vec<&Entry> = faq.related(entry).collect();
    Some(answer_for(entry, place, &[], &related, audience, lang))
}

/// "More details" on entry `id` in `lang`: the whole answer with every source, privately.
/// `None` when the FAQ has no such entry.
pub fn details(faq: &Faq, id: &str, lang: Lang) -> Option<Message> {
    let faq = faq.in_language(lang);
    let entry = faq.entry(id)?;
    let related: Vec<&Entry> = faq.related(entry).collect();
    Some(Message {
        content: None,
        cards: vec![entry_card(entry, lang)],
        buttons: see_also_buttons(&related, lang),
        attachment: None,
        audience: Audience::Private,
    })
}

/// The answer posted to the channel from a private one, saying who shared it.
pub fn shared(entry: &Entry, by_user: u64, lang: Lang) -> Message {
    let mut message = answer(entry, Audience::Public, lang);
    message.content = Some(tr!(lang, "answer-shared", user = format!("<@{by_user}>")));
    message
}

/// "Did you mean": one button a suggestion.
pub fn suggest(entries: &[&Entry], audience: Audience, lang: Lang) -> Message {
    let buttons = entries
        .iter()
        .take(BUTTONS_PER_ROW_MAX)
        .map(|entry| {
            let label = safety::cap(&entry.question, BUTTON_LABEL_MAX_CHARS);
            Button::new(label, None, Style::Secondary, &Action::Show(entry.id.clone(), lang))
        })
        .collect();
    Message { content: Some(tr!(lang, "suggest-prompt")), cards: vec![], buttons, attachment: None, audience }
}

/// An honest "I don't know", quoting the question safely, with where to look instead.
pub fn decline(decline: &Decline, question: &str, audience: Audience, lang: Lang) -> Message {
    let quoted = safety::echo(question);
    let asked =
        if quoted.is_empty() { String::new() } else { format!("{}\n", tr!(lang, "decline-asked", question = quoted)) };
    Message::text(format!("{asked}{} {}", decline.message(lang), tr!(lang, "decline-pointers")), audience)
}

/// The message for a question's reply (its entries are in its language already).
pub fn reply(faq: &Faq, asked: &Asked<'_>, question: &str, audience: Audience) -> Message {
    let lang = asked.lang;
    match &asked.reply {
        Reply::Answer(entry) => {
            let related: Vec<&Entry> = faq.in_language(lang).related(entry).collect();
            answer_for(entry, asked.place.as_ref(), &asked.facets, &related, audience, lang)
        }
        Reply::Suggest(entries) => suggest(entries, audience, lang),
        Reply::Decline(d) => decline(d, question, audience, lang),
        Reply::PickOutOfRange { offered } => Message::text(tr!(lang, "pick-out-of-range", count = *offered), audience),
    }
}

/// A topic's name in `lang` (`topic-opt-out` in the Fluent files); a topic the files do
/// not name (a self-hoster's own) is shown as it is written.
pub fn topic_name(topic: &str, lang: Lang) -> String {
    let id = format!("topic-{}", topic.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    if i18n::has(lang, &id) || i18n::has(Lang::En, &id) {
        i18n::text(lang, &id)
    } else {
        topic.to_owned()
    }
}

/// The topics members browse: small talk is a reply, not an FAQ topic.
fn member_topics(faq: &Faq) -> Vec<&str> {
    faq.topics().into_iter().filter(|t| *t != crate::matcher::SMALL_TALK_TOPIC).collect()
}

/// `/faq list` in `lang`: every entry (of one topic), grouped by topic. `topic` is a
/// topic's id or its name in `lang`.
pub fn list(faq: &Faq, topic: Option<&str>, lang: Lang) -> Message {
    let faq = faq.in_language(lang);
    let topics: Vec<&str> = member_topics(faq);
    let topic = match topic {
        Some(wanted) => match topics
            .iter()
            .find(|t| t.eq_ignore_ascii_case(wanted) || topic_name(t, lang).to_lowercase() == wanted.to_lowercase())
        {
            Some(found) => Some(*found),
            None => {
                let names: Vec<String> = topics.iter().map(|t| topic_name(t, lang)).collect();
                let text = tr!(lang, "list-no-topic", topic = safety::echo(wanted), topics = names.join(", "));
                return Message::text(text, Audience::Private);
            }
        },
        None => None,
    };
    let mut description = String::new();
    let mut shown = 0;
    let total = faq
        .entries()
        .iter()
        .filter(|e| !e.is_small_talk() && topic.is_none_or(|t| e.topic.eq_ignore_ascii_case(t)))
        .count();
    'topics: for name in topics.iter().filter(|t| topic.is_none_or(|w| t.eq_ignore_ascii_case(w))) {
        let header = format!("**{}**\n", topic_name(name, lang));
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
        description.push_str(&tr!(lang, "list-more", count = total - shown));
    }
    let title = match topic {
        Some(t) => tr!(lang, "list-title-topic", topic = topic_name(t, lang)),
        None => tr!(lang, "list-title"),
    };
    Message::private_card(Card {
        title: safety::cap(&title, EMBED_TITLE_MAX_CHARS),
        description: description.trim_end().to_owned(),
        footer: Some(tr!(lang, "list-footer")),
        ..Card::default()
    })
}

/// `/faq show` with an id that is not in the FAQ.
pub fn unknown_entry(id: &str, lang: Lang) -> Message {
    Message::text(tr!(lang, "unknown-entry", id = safety::echo(id)), Audience::Private)
}

/// `/help` in `lang`: what the bot does and how to ask.
pub fn help(help_channels: bool, lang: Lang) -> Message {
    let mut description = tr!(lang, "help-body");
    if help_channels {
        description.push(' ');
        description.push_str(&tr!(lang, "help-help-channels"));
    }
    description.push_str("\n\n");
    description.push_str(&tr!(lang, "help-private"));
    Message::private_card(Card { title: tr!(lang, "help-title"), description, ..Card::default() })
}

/// The short message a person gets when something failed on our side.
pub fn failure(lang: Lang) -> Message {
    Message::text(tr!(lang, "failure"), Audience::Private)
}

/// The quiet note for someone asking faster than the cooldown allows.
pub fn slow_down(remaining_secs: u64, lang: Lang) -> Message {
    Message::text(tr!(lang, "slow-down", seconds = remaining_secs.max(1)), Audience::Public)
}

/// The private thanks for a "Was this helpful?" vote.
pub fn vote_thanks(helpful: bool, lang: Lang) -> String {
    if helpful {
        tr!(lang, "vote-thanks-helpful")
    } else {
        tr!(lang, "vote-thanks-unhelpful")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{AUTOCOMPLETE_MAX_CHOICES, CHOICE_MAX_CHARS};
    use crate::matcher::Matcher;
    const EN: Lang = Lang::En;

    #[test]
    fn small_talk_is_not_browsable() {
        let faq = Faq::embedded();
        assert!(faq.entries().iter().any(Entry::is_small_talk), "the shipped FAQ has small talk");
        let listed = list(&faq, None, EN);
        let text: String = listed.cards.iter().map(|c| c.description.clone()).collect();
        assert!(!text.contains("smalltalk-"), "{text}");
        assert!(complete_id(&faq, "smalltalk", EN).is_empty());
        assert!(complete_topic(&faq, "small", EN).is_empty());
        let matcher = Matcher::new(&faq, Default::default());
        let choices = complete_question(&faq, &matcher, "hello", EN);
        assert!(choices.iter().skip(1).all(|c| c.value != "Hi!"), "{choices:?}");
    }

    fn faq() -> Faq {
        Faq::embedded()
    }

    #[test]
    fn custom_ids_round_trip_and_foreign_ids_are_ignored() {
        let actions = [
            Action::Show("opt-out-how".into(), Lang::De),
            Action::Post("gdpr".into(), EN),
            Action::More("too-late".into(), Lang::Pt),
            Action::Vote { entry: "regions".into(), helpful: true },
            Action::Vote { entry: "regions".into(), helpful: false },
        ];
        for action in actions {
            assert_eq!(Action::parse(&action.custom_id()), Some(action.clone()), "{}", action.custom_id());
        }
        assert_eq!(
            Action::parse("faq:show:gdpr"),
            Some(Action::Show("gdpr".into(), EN)),
            "buttons from before languages"
        );
        for foreign in ["", "faq", "faq:show:", "faq:show:xx:gdpr", "faq:vote:maybe:x", "other:show:x", "faq:delete:x"]
        {
            assert_eq!(Action::parse(foreign), None, "{foreign:?}");
        }
        let longest = Action::Vote { entry: "x".repeat(crate::faq::ID_MAX_CHARS), helpful: false };
        assert!(longest.custom_id().len() <= CUSTOM_ID_MAX_CHARS);
    }

    #[test]
    fn a_private_answer_leads_with_the_short_one_and_offers_details_posting_and_votes() {
        let faq = faq();
        let entry = faq.entry("opt-out-how").unwrap();
        let message = answer(entry, Audience::Private, EN);
        let card = message.card().unwrap();
        assert_eq!(card.title, entry.question);
        assert_eq!(Some(&card.description), entry.short.as_ref());
        let sources = card.sources.as_ref().expect("sources");
        assert!(sources.compact && sources.links.iter().all(|(site, _)| !site.contains('/')), "{sources:?}");
        assert!(card.footer.as_deref().unwrap().contains("opt-out-how"));
        let actions: Vec<_> = message.buttons.iter().map(|b| Action::parse(&b.custom_id).unwrap()).collect();
        assert_eq!(
            actions,
            vec![
                Action::More("opt-out-how".into(), EN),
                Action::Post("opt-out-how".into(), EN),
                Action::Vote { entry: "opt-out-how".into(), helpful: true },
                Action::Vote { entry: "opt-out-how".into(), helpful: false },
            ]
        );
        let public = answer(entry, Audience::Public, EN);
        assert!(
            public.buttons.iter().all(|b| !matches!(Action::parse(&b.custom_id), Some(Action::Post(..)))),
            "public answers are not re-posted"
        );
    }

    #[test]
    fn the_first_reply_leads_with_the_facet_or_place_named_and_details_hold_the_rest() {
        let faq = faq();
        let data = faq.entry("data-types").unwrap();
        let groups = first_reply_text(data, None, &["group-messages".into()], EN);
        assert_eq!(groups, data.facet("group-messages").unwrap());
        assert!(groups.to_lowercase().contains("yes"), "group messages are used: {groups}");
        let regions = faq.entry("regions").unwrap();
        let canada = first_reply_text(regions, Some(&Place::of(crate::region::Region::Ca)), &[], EN);
        assert!(canada.starts_with("**In Canada:**") && !canada.contains("Hong Kong"), "{canada}");
        let none = first_reply_text(regions, None, &["app".into()], EN);
        assert_eq!(Some(&none), regions.short.as_ref(), "a facet the entry lacks changes nothing");
        let details = details(&faq, "regions", EN).unwrap();
        assert_eq!(details.cards[0].description, regions.answer);
        assert!(!details.cards[0].sources.as_ref().unwrap().compact, "every source in full");
    }

    #[test]
    fn every_entry_fits_discord_embeds() {
        for entry in faq().entries() {
            let card = entry_card(entry, EN);
            assert!(card.total_chars() <= EMBED_TOTAL_MAX_CHARS, "{}", entry.id);
            assert!(card.title.chars().count() <= EMBED_TITLE_MAX_CHARS, "{}", entry.id);
        }
    }

    #[test]
    fn a_decline_quotes_the_question_safely_and_points_elsewhere() {
        let message = decline(&Decline::Unknown, "@everyone what about `my cat`?", Audience::Private, EN);
        let content = message.content.unwrap();
        assert!(content.contains("@\u{200B}everyone"), "{content}");
        assert!(!content.contains("@everyone"), "{content}");
        assert!(content.contains(LIST_COMMAND) && content.contains(OPTOUT_COMMAND), "{content}");
        let long = decline(&Decline::Unknown, &"x".repeat(10_000), Audience::Private, EN);
        assert!(long.content.unwrap().chars().count() <= MESSAGE_CONTENT_MAX_CHARS);
    }

    #[test]
    fn suggestions_are_buttons_that_show_entries() {
        let faq = faq();
        let entries: Vec<&Entry> = faq.entries().iter().take(3).collect();
        let message = suggest(&entries, Audience::Private, EN);
        assert_eq!(message.buttons.len(), 3);
        for (button, entry) in message.buttons.iter().zip(&entries) {
            assert_eq!(Action::parse(&button.custom_id), Some(Action::Show(entry.id.clone(), EN)));
            assert!(button.label.chars().count() <= BUTTON_LABEL_MAX_CHARS);
        }
    }

    #[test]
    fn the_list_shows_every_entry_or_one_topic() {
        let faq = faq();
        let all = list(&faq, None, EN).cards[0].description.clone();
        for entry in faq.entries().iter().filter(|e| !e.is_small_talk()) {
            assert!(all.contains(&format!("`{}`", entry.id)), "{} missing from the list", entry.id);
        }
        let regions = list(&faq, Some("regions"), EN).cards[0].description.clone();
        assert!(regions.contains("`gdpr`") && !regions.contains("`opt-out-how`"), "{regions}");
        let unknown = list(&faq, Some("<@&7000>"), EN).content.unwrap();
        assert!(unknown.contains("no topic") && !unknown.contains("<@&"), "{unknown}");
    }

    #[test]
    fn autocomplete_stays_within_discord_limits_and_ranks_matches_first() {
        let faq = faq();
        let matcher = Matcher::for_faq(&faq);
        let choices = complete_question(&faq, &matcher, "how do i opt out", EN);
        assert!(choices.len() <= AUTOCOMPLETE_MAX_CHOICES);
        assert_eq!(choices[0].value, "how do i opt out", "what was typed comes first");
        assert_eq!(choices[1].value, faq.entry("opt-out-how").unwrap().question);
        let long = complete_question(&faq, &matcher, &"opt out ".repeat(40), EN);
        assert!(long
            .iter()
            .all(|c| c.name.chars().count() <= CHOICE_MAX_CHARS && c.value.chars().count() <= CHOICE_MAX_CHARS));
        let browsable = faq.entries().iter().filter(|e| !e.is_small_talk()).count();
        assert_eq!(complete_question(&faq, &matcher, "", EN).len(), browsable.min(AUTOCOMPLETE_MAX_CHOICES));
        let ids = complete_id(&faq, "gdp", EN);
        assert_eq!(ids[0].value, "gdpr");
        assert!(complete_topic(&faq, "reg", EN).iter().any(|c| c.value == "regions"));
    }
}
