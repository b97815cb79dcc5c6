//! The languages the bot answers in, how a question's language is recognised, and
//! which language a reply is written in.
//!
//! English is the FAQ's own language (`faq/*.toml`); every other language is a
//! translation in `faq/<code>/` (see [`crate::faq`]). Detection uses `lingua` with the
//! models of these seven languages only, chosen over `whatlang` by the figures in the
//! README's "Languages" section (`cargo run --release --example language_detection`):
//! on short questions it guesses right far more often, for more time per question.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// A language the bot can answer in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    De,
    Fr,
    Es,
    It,
    Nl,
    Pt,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 7] = [Lang::En, Lang::De, Lang::Fr, Lang::Es, Lang::It, Lang::Nl, Lang::Pt];

    /// The ISO 639-1 code: the directory name under `faq/` and `locales/`, and `--lang`'s value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::Pt => "pt",
        }
    }

    /// The language's name in itself ("Deutsch"), for lists a member picks from.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::It => "Italiano",
            Lang::Nl => "Nederlands",
            Lang::Pt => "Português",
        }
    }

    /// The language of a Discord locale (`de`, `fr`, `es-ES`, `es-419`, `it`, `nl`,
    /// `pt-BR`, `en-US`, `en-GB`); `None` for locales the bot has no translation for.
    pub fn from_discord_locale(locale: &str) -> Option<Lang> {
        let primary = locale.split(['-', '_']).next().unwrap_or_default();
        primary.parse().ok()
    }

    /// The Discord locales this language is shown in, for command localizations
    /// (Discord's list: <https://discord.com/developers/docs/reference#locales>).
    pub fn discord_locales(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["en-US", "en-GB"],
            Lang::De => &["de"],
            Lang::Fr => &["fr"],
            Lang::Es => &["es-ES", "es-419"],
            Lang::It => &["it"],
            Lang::Nl => &["nl"],
            Lang::Pt => &["pt-BR"],
        }
    }

    fn lingua(self) -> lingua::Language {
        match self {
            Lang::En => lingua::Language::English,
            Lang::De => lingua::Language::German,
            Lang::Fr => lingua::Language::French,
            Lang::Es => lingua::Language::Spanish,
            Lang::It => lingua::Language::Italian,
            Lang::Nl => lingua::Language::Dutch,
            Lang::Pt => lingua::Language::Portuguese,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is not one of [`Lang::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`; expected one of en, de, fr, es, it, nl, pt")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(code: &str) -> Result<Lang, UnknownLang> {
        let lower = code.trim().to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == lower).ok_or_else(|| UnknownLang(code.to_owned()))
    }
}

/// What the detector says about a question's language.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Detected {
    pub lang: Lang,
    /// lingua's confidence among the FAQ's languages, 0 to 1.
    pub confidence: f64,
    /// Whether it is sure enough to reply in this language (see [`CONFIDENT`]).
    pub confident: bool,
}

/// The confidence from which a detected language decides the reply language. Below
/// it, the member's Discord locale (or English) does. lingua's confidences over the
/// seven languages add up to 1. On the FAQ's own phrasings in all seven (the example
/// `language_detection` prints the table), 0.5 is confident for 85% of them and wrong
/// for 1.6%; 0.7 for only 70% (and 61% of the English dev questions), so an English
/// question from a German-locale member would too often be answered in German.
pub const CONFIDENT: f64 = 0.5;

/// Fewest letters a question needs for its language to be guessed at all: "KI?" or
/// "ok" say nothing about it; "merci" or "hola" do.
const MIN_LETTERS: usize = 4;

/// Fewest words a question needs for its detected language to be trusted on its own.
const MIN_CONFIDENT_WORDS: usize = 3;

/// Only the start of a long question is read: its language shows in the first
/// sentence, and a pasted wall of text must not cost more.
const MAX_DETECTED_CHARS: usize = 300;

/// One detector for the seven languages, with every model loaded when it is built
/// (see [`load_models`]), so no question waits for one.
static DETECTOR: LazyLock<lingua::LanguageDetector> = LazyLock::new(|| {
    let languages: Vec<lingua::Language> = Lang::ALL.iter().map(|l| l.lingua()).collect();
    lingua::LanguageDetectorBuilder::from_languages(&languages).with_preloaded_language_models().build()
});

/// Builds the detector now (once per process). [`crate::matcher::Matcher::new`] calls it
/// beside the indexing of a FAQ with translations.
pub fn load_models() {
    LazyLock::force(&DETECTOR);
}

/// A question's language among `candidates`, when it has enough letters to tell.
pub fn detect(question: &str, candidates: &[Lang]) -> Option<Detected> {
    if candidates.len() < 2 {
        return None;
    }
    scores(question)?.among(candidates)
}

/// What the detector says of a question, computed once: each language's share, and
/// how many words it had. [`Scores::among`] reads it for any set of languages, so a
/// question's places and its match use one detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    values: Vec<(Lang, f64)>,
    words: usize,
}

/// The detector's scores for `question`, when it has enough letters to tell.
pub fn scores(question: &str) -> Option<Scores> {
    if question.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let text: String = question.chars().take(MAX_DETECTED_CHARS).collect();
    let values = DETECTOR
        .compute_language_confidence_values(text.as_str())
        .into_iter()
        .filter_map(|(language, value)| Lang::ALL.into_iter().find(|l| l.lingua() == language).map(|l| (l, value)))
        .collect();
    let words = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).count();
    Some(Scores { values, words })
}

impl Scores {
    /// The question's language among `candidates` (their shares, rescaled to add up to 1).
    pub fn among(&self, candidates: &[Lang]) -> Option<Detected> {
        if candidates.len() < 2 {
            return None;
        }
        let among: Vec<(Lang, f64)> = self.values.iter().copied().filter(|(l, _)| candidates.contains(l)).collect();
        let total: f64 = among.iter().map(|(_, v)| v).sum();
        let &(lang, value) = among.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
        if total <= 0.0 {
            return None;
        }
        let confidence = value / total;
        // One or two words are too little to be sure of, whatever the score: lingua gives
        // "holaa" to Dutch and "griaß di" to Portuguese with 0.8 and more.
        Some(Detected { lang, confidence, confident: confidence >= CONFIDENT && self.words >= MIN_CONFIDENT_WORDS })
    }
}

/// The language to reply in: the question's own when it is detected with confidence,
/// else the member's locale (when the bot has it), else English. So an English
/// question from a member whose Discord is in German is answered in English, and
/// "KI?" from that member in German.
pub fn reply_language(detected: Option<Detected>, locale: Option<Lang>) -> Lang {
    match detected {
        Some(d) if d.confident => d.lang,
        _ => locale.unwrap_or(Lang::En),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discord_locales_map_to_languages() {
        let cases = [
            ("de", Some(Lang::De)),
            ("fr", Some(Lang::Fr)),
            ("es-ES", Some(Lang::Es)),
            ("es-419", Some(Lang::Es)),
            ("pt-BR", Some(Lang::Pt)),
            ("nl", Some(Lang::Nl)),
            ("it", Some(Lang::It)),
            ("en-US", Some(Lang::En)),
            ("en-GB", Some(Lang::En)),
            ("pl", None),
            ("ja", None),
            ("", None),
        ];
        for (locale, expected) in cases {
            assert_eq!(Lang::from_discord_locale(locale), expected, "{locale}");
        }
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_named() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert_eq!("DE".parse::<Lang>(), Ok(Lang::De));
        assert_eq!("pl".parse::<Lang>(), Err(UnknownLang("pl".into())));
    }

    #[test]
    fn whole_sentences_are_detected_and_short_ones_left_to_the_locale() {
        let sentences = [
            ("Wie kann ich der KI-Nutzung meiner Daten widersprechen?", Lang::De),
            ("Comment désactiver l'utilisation de mes données pour l'IA ?", Lang::Fr),
            ("¿Cómo puedo evitar que LinkedIn use mis datos para entrenar su IA?", Lang::Es),
            ("How do I stop LinkedIn from using my data to train its AI?", Lang::En),
        ];
        for (question, lang) in sentences {
            let detected = detect(question, &Lang::ALL).expect(question);
            assert_eq!((detected.lang, detected.confident), (lang, true), "{question}: {detected:?}");
        }
        for short in ["KI?", "ok", "🤖🤖🤖", ""] {
            assert_eq!(detect(short, &Lang::ALL), None, "{short}");
        }
        assert_eq!(detect("Wie kann ich widersprechen?", &[Lang::En]), None, "one language: nothing to tell apart");
    }

    #[test]
    fn reply_language_prefers_a_confident_question_then_the_locale_then_english() {
        let german = Some(Detected { lang: Lang::De, confidence: 0.9, confident: true });
        let unsure = Some(Detected { lang: Lang::De, confidence: 0.1, confident: false });
        let english = Some(Detected { lang: Lang::En, confidence: 0.9, confident: true });
        assert_eq!(reply_language(german, None), Lang::De);
        assert_eq!(reply_language(english, Some(Lang::De)), Lang::En);
        assert_eq!(reply_language(unsure, Some(Lang::Fr)), Lang::Fr);
        assert_eq!(reply_language(unsure, None), Lang::En);
        assert_eq!(reply_language(None, None), Lang::En);
    }
}
