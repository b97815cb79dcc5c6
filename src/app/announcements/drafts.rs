//! Drafts: what `/announce new` keeps until Confirm, checked with the announcement rules,
//! and its preview.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use tokio::sync::{watch, Notify};

use super::super::view::{self, Button, Card, Message, Style};
use super::super::{escape as safety, App};
use super::PREFIX;
use crate::announce::{
    allowed_mentions, check_body, check_publish, compose_content, parse_at, Body, NewAnnouncement, Ping, Repeat,
    Schedule,
};
use crate::limits::CUSTOM_ID_MAX_CHARS;

/// Drafts kept at most this many at once (oldest dropped): they only live until confirmed.
const DRAFTS_MAX: usize = 1000;

/// An announcement a moderator has not confirmed yet.
#[derive(Debug, Clone)]
pub struct Draft {
    pub owner: u64,
    pub new: NewAnnouncement,
    /// `at` was given: posted at that time; otherwise at once on Confirm.
    pub scheduled: bool,
}

/// Drafts awaiting Confirm, and the scheduler's signals.
#[derive(Debug)]
pub struct Drafts {
    next: AtomicU64,
    drafts: Mutex<HashMap<u64, Draft>>,
    /// Wakes the scheduler when an announcement is stored.
    pub wake: Notify,
    /// Counts the scheduler's steps, so Confirm waits for the step that posts, not a timer.
    pub dispatched: watch::Sender<u64>,
}

impl Default for Drafts {
    fn default() -> Drafts {
        Drafts {
            next: AtomicU64::new(1),
            drafts: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            dispatched: watch::Sender::new(0),
        }
    }
}

impl Drafts {
    pub(super) fn keep(&self, draft: Draft) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let mut drafts = self.drafts.lock().unwrap_or_else(|p| p.into_inner());
        if drafts.len() >= DRAFTS_MAX {
            if let Some(oldest) = drafts.keys().min().copied() {
                drafts.remove(&oldest);
            }
        }
        drafts.insert(id, draft);
        id
    }

    pub(super) fn get(&self, id: u64) -> Option<Draft> {
        self.drafts.lock().unwrap_or_else(|p| p.into_inner()).get(&id).cloned()
    }

    pub(super) fn set(&self, id: u64, draft: Draft) {
        self.drafts.lock().unwrap_or_else(|p| p.into_inner()).insert(id, draft);
    }

    /// Removes and returns the draft: only one press can confirm it.
    pub(super) fn take(&self, id: u64) -> Option<Draft> {
        self.drafts.lock().unwrap_or_else(|p| p.into_inner()).remove(&id)
    }
}

/// What a button or modal of ours does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnounceAction {
    Confirm(u64),
    Cancel(u64),
    /// The text modal of a draft.
    Text(u64),
}

impl AnnounceAction {
    pub fn custom_id(self) -> String {
        let id = match self {
            AnnounceAction::Confirm(draft) => format!("{PREFIX}:confirm:{draft}"),
            AnnounceAction::Cancel(draft) => format!("{PREFIX}:cancel:{draft}"),
            AnnounceAction::Text(draft) => format!("{PREFIX}:text:{draft}"),
        };
        debug_assert!(id.len() <= CUSTOM_ID_MAX_CHARS);
        id
    }

    /// `None` for custom ids announcements did not make.
    pub fn parse(custom_id: &str) -> Option<AnnounceAction> {
        let rest = custom_id.strip_prefix(PREFIX)?.strip_prefix(':')?;
        let (verb, draft) = rest.split_once(':')?;
        let draft = draft.parse().ok()?;
        match verb {
            "confirm" => Some(AnnounceAction::Confirm(draft)),
            "cancel" => Some(AnnounceAction::Cancel(draft)),
            "text" => Some(AnnounceAction::Text(draft)),
            _ => None,
        }
    }
}

/// `/announce new`'s options, as given.
#[derive(Debug, Clone, Default)]
pub struct DraftRequest {
    pub guild: u64,
    pub owner: u64,
    pub channel: u64,
    /// Whether `channel` is an announcement (news) channel, which can publish.
    pub channel_is_announcement: bool,
    pub text: Option<String>,
    pub entry: Option<String>,
    /// The role to ping; the guild's own id is `@everyone`.
    pub ping_role: Option<u64>,
    pub at: Option<String>,
    pub repeat: Option<Repeat>,
    pub publish: Option<bool>,
}

impl App {
    pub(super) fn check_draft(&self, request: &DraftRequest) -> Result<Draft, String> {
        let settings = &self.settings;
        let text = request.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let entry = request.entry.as_deref().map(str::trim).filter(|e| !e.is_empty());
        let body = match (text, entry) {
            (Some(_), Some(_)) => return Err("give either text or entry, not both".into()),
            (Some(text), None) => Body::Text(text.to_owned()),
            (None, Some(id)) => {
                if !self.has_entry(id) {
                    return Err(format!("there is no FAQ entry `{}`", safety::echo(id)));
                }
                Body::Entry(id.to_owned())
            }
            // Filled in by the form.
            (None, None) => Body::Text(String::new()),
        };
        let ping = match request.ping_role {
            None => Ping::None,
            Some(role) if role == request.guild => Ping::Everyone,
            Some(role) => Ping::Role(role),
        };
        allowed_mentions(&settings.ping_policy, ping).map_err(|e| e.to_string())?;
        if matches!(&body, Body::Text(t) if !t.is_empty()) || matches!(body, Body::Entry(_)) {
            check_body(&body, ping).map_err(|e| e.to_string())?;
        }
        let publish = request.publish.unwrap_or(false);
        check_publish(publish, request.channel_is_announcement).map_err(|e| e.to_string())?;
        let timezone = settings.timezone;
        let now = self.clock.now();
        let at = request.at.as_deref().map(str::trim).filter(|a| !a.is_empty());
        let schedule = match at {
            Some(at) => parse_at(at, now, timezone).map_err(|e| e.to_string())?,
            None => Schedule { due_at: now, timezone },
        };
        Ok(Draft {
            owner: request.owner,
            new: NewAnnouncement {
                guild_id: request.guild,
                channel_id: request.channel,
                body,
                ping,
                schedule,
                repeat: request.repeat.unwrap_or(Repeat::None),
                publish,
                created_by: request.owner,
            },
            scheduled: at.is_some(),
        })
    }

    /// The preview: exactly the message that will be posted, then a card saying when, where,
    /// whom it pings and how it repeats, and Confirm / Cancel.
    pub(super) fn preview(&self, id: u64, draft: &Draft) -> Message {
        let new = &draft.new;
        let (text, entry) = match &new.body {
            Body::Text(text) => (text.as_str(), None),
            Body::Entry(id) => ("", Some(id.as_str())),
        };
        let content = compose_content(text, new.ping).unwrap_or_default();
        let mut cards = Vec::new();
        if let Some(entry) = entry.and_then(|id| self.knowledge.load().faq.entry(id).cloned()) {
            cards.push(view::entry_card(&entry, crate::lang::Lang::En));
        }
        let when = if draft.scheduled {
            format!("<t:{0}:F> (<t:{0}:R>)", new.schedule.due_at.timestamp())
        } else {
            "as soon as you confirm".to_owned()
        };
        let ping = match new.ping {
            Ping::None => "nobody".to_owned(),
            Ping::Role(role) => format!("<@&{role}> (only this role)"),
            Ping::Everyone => "@everyone".to_owned(),
        };
        let field = |name: &str, value: String| (name.to_owned(), value);
        cards.push(Card {
            title: "Preview: nothing is posted until you press Confirm".to_owned(),
            fields: vec![
                field("Where", format!("<#{}>", new.channel_id)),
                field("When", when),
                field("Pings", ping),
                field("Repeats", new.repeat.as_str().to_owned()),
                field("Publish", if new.publish { "yes" } else { "no" }.to_owned()),
            ],
            inline_fields: true,
            ..Card::default()
        });
        let button = |label: &str, style, action: AnnounceAction| Button {
            label: label.to_owned(),
            emoji: None,
            style,
            custom_id: action.custom_id(),
        };
        Message {
            content: (!content.is_empty()).then_some(content),
            cards,
            buttons: vec![
                button("Confirm", Style::Success, AnnounceAction::Confirm(id)),
                button("Cancel", Style::Secondary, AnnounceAction::Cancel(id)),
            ],
            attachment: None,
            audience: view::Audience::Private,
        }
    }
}
