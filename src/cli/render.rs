//! The command line's one renderer: application messages ([`crate::app::view`]) as plain
//! text for a terminal, the way `discord::render` turns the same messages into embeds and
//! buttons. What Discord shows as buttons becomes text: suggestions a numbered list,
//! related entries a "see also" line, "More details" a hint the caller words.

use crate::app::view::{Action, Card, Message};
use crate::faq::Faq;
use crate::lang::Lang;
use crate::tr;

/// A message as text, and what it offers next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Everything to print.
    pub text: String,
    /// The answer as a person reads it: the card's text, or the message's own text; no
    /// sources, "see also" or hints.
    pub answer: String,
    /// The entries a number picks, in order (a "did you mean").
    pub offered: Vec<String>,
    /// The entry whose details "More details" would show.
    pub more: Option<String>,
}

/// Renders `message` in `lang`; `faq` (every language) names the entries its buttons point to.
pub fn render(message: &Message, faq: &Faq, lang: Lang) -> Rendered {
    let in_language = faq.in_language(lang);
    let mut text = String::new();
    let mut answer = String::new();
    let mut offered = Vec::new();
    let mut more = None;
    let mut see_also = Vec::new();
    if message.cards.is_empty() {
        if let Some(content) = &message.content {
            text.push_str(content);
            answer.push_str(content);
        }
    }
    for card in &message.cards {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&card_text(card));
        if answer.is_empty() {
            answer = card.description.clone();
        }
    }
    for button in &message.buttons {
        match Action::parse(&button.custom_id) {
            Some(Action::Show(id, _)) if message.cards.is_empty() => {
                let question = in_language.entry(&id).map_or(button.label.as_str(), |e| e.question.as_str());
                text.push_str(&format!("\n  {}. {question}", offered.len() + 1));
                offered.push(id);
            }
            Some(Action::Show(id, _)) => {
                if let Some(entry) = in_language.entry(&id) {
                    see_also.push(format!("{} ({id})", entry.question));
                }
            }
            Some(Action::More(id, _)) => more = Some(id),
            _ => {}
        }
    }
    if !see_also.is_empty() {
        text.push_str(&format!("\n\n{}", tr!(lang, "cli-see-also", entries = see_also.join("; "))));
    }
    Rendered { text, answer, offered, more }
}

fn card_text(card: &Card) -> String {
    let mut text = card.title.clone();
    if !card.description.is_empty() {
        text.push_str(&format!("\n\n{}", card.description));
    }
    for (name, value) in &card.fields {
        text.push_str(&format!("\n\n{name}: {value}"));
    }
    if let Some(sources) = &card.sources {
        if sources.compact {
            let sites: Vec<&str> = sources.links.iter().map(|(label, _)| label.as_str()).collect();
            text.push_str(&format!("\n\n{}: {}", sources.heading, sites.join(", ")));
        } else {
            text.push_str(&format!("\n\n{}:", sources.heading));
            for (title, url) in &sources.links {
                text.push_str(&format!("\n  - {title}: {url}"));
            }
        }
    }
    if let Some(footer) = &card.footer {
        text.push_str(&format!("\n\n{footer}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view::{self, Audience};

    #[test]
    fn an_answer_reads_as_its_card_with_compact_sources_and_see_also() {
        let faq = Faq::embedded();
        let message = view::entry_answer(&faq, "opt-out-how", None, Audience::Private, Lang::En).unwrap();
        let rendered = render(&message, &faq, Lang::En);
        let entry = faq.entry("opt-out-how").unwrap();
        assert!(rendered.text.starts_with(&entry.question), "{}", rendered.text);
        assert_eq!(rendered.answer, entry.first_answer());
        assert!(rendered.text.contains("Sources: linkedin.com"), "{}", rendered.text);
        assert!(rendered.text.contains("See also:"), "{}", rendered.text);
        assert!(!rendered.text.contains("helpful"), "votes are Discord's: {}", rendered.text);
        assert_eq!(rendered.more.as_deref(), entry.short.as_ref().map(|_| "opt-out-how"));
    }

    #[test]
    fn suggestions_are_numbered_and_can_be_picked() {
        let faq = Faq::embedded();
        let entries: Vec<_> = faq.entries().iter().take(2).collect();
        let rendered = render(&view::suggest(&entries, Audience::Private, Lang::En), &faq, Lang::En);
        assert!(rendered.text.contains(&format!("\n  1. {}", entries[0].question)), "{}", rendered.text);
        assert_eq!(rendered.offered, vec![entries[0].id.clone(), entries[1].id.clone()]);
    }
}
