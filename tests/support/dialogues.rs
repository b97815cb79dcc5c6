//! The dialogues of `tests/data/dialogues/<code>.toml`: conversations native speakers have
//! with the bot, each turn with what its first reply must be. Every front end runs them
//! (the binary's `chat --json`, `chat` in-process, Discord through the fake).

use std::path::Path;

use optout_bot::faq::Faq;
use optout_bot::lang::Lang;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub dialogue: Vec<Dialogue>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialogue {
    pub name: String,
    pub turns: Vec<Expected>,
}

/// One turn: what the member says, and what the first reply must be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub say: String,
    /// The entry that answers; "" when the bot must decline or ask back.
    pub id: String,
    /// The facet whose text the first reply leads with.
    pub facet: Option<String>,
    /// The region code the answer is for.
    pub region: Option<String>,
    /// Words the first reply contains.
    #[serde(default)]
    pub contains: Vec<String>,
}

/// Every language's dialogues, in [`Lang::ALL`] order.
pub fn all() -> Vec<(Lang, Vec<Dialogue>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dialogues");
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let path = dir.join(format!("{}.toml", lang.code()));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (lang, file.dialogue)
        })
        .collect()
}

/// What one turn's reply was, as the front end showed it.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// The entry answered, if any.
    pub id: Option<String>,
    /// The first reply's answer text (a card's description, or the message's text).
    pub answer: String,
    /// The region answered for, when the front end says.
    pub region: Option<String>,
}

/// What is wrong with `seen` for the turn `expected` in `lang`, if anything.
pub fn check(faq: &Faq, lang: Lang, expected: &Expected, seen: &Seen) -> Option<String> {
    let mut wrong = Vec::new();
    match (expected.id.as_str(), seen.id.as_deref()) {
        ("", Some(id)) => wrong.push(format!("answered `{id}`, expected a decline or suggestions")),
        ("", None) => {}
        (want, got) if Some(want) != got => wrong.push(format!("answered {got:?}, expected `{want}`")),
        _ => {}
    }
    let entry = faq.in_language(lang).entry(&expected.id);
    match (&expected.facet, entry) {
        (Some(facet), Some(entry)) => match entry.facet(facet) {
            Some(text) if seen.answer.starts_with(text) => {}
            Some(_) => wrong.push(format!("does not lead with the `{facet}` text")),
            None => wrong.push(format!("`{}` has no `{facet}` text in {lang}", expected.id)),
        },
        // A turn that names no facet must not lead with one ("comment" is French for "how").
        (None, Some(entry)) => {
            if let Some(led) = entry.facets.iter().find(|f| seen.answer.starts_with(f.text.as_str())) {
                wrong.push(format!("leads with the `{}` text, though the turn names no facet", led.names[0]));
            }
        }
        _ => {}
    }
    if let (Some(want), Some(got)) = (&expected.region, &seen.region) {
        if !want.eq_ignore_ascii_case(got) {
            wrong.push(format!("answered for {got}, expected {want}"));
        }
    }
    if expected.region.is_some() && seen.region.is_none() {
        wrong.push("answered for no region".to_owned());
    }
    for needle in &expected.contains {
        if !seen.answer.to_lowercase().contains(&needle.to_lowercase()) {
            wrong.push(format!("lacks {needle:?}"));
        }
    }
    (!wrong.is_empty()).then(|| format!("{:?}: {}\n  reply: {}", expected.say, wrong.join("; "), seen.answer))
}
