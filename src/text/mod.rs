//! Turning what people type into comparable tokens.
//!
//! The same pipeline runs over FAQ phrasings at index time and over questions at
//! query time, so every choice here (folding accents, dropping apostrophes,
//! joining synonyms) only has to be consistent, not linguistically perfect.

mod language;

pub use language::Compounds;

use rust_stemmers::Stemmer;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;

/// Questions longer than this are cut before analysis: nobody asks a 10 kB
/// question, and the cap bounds the work one message can cause.
pub const MAX_QUESTION_CHARS: usize = 1000;

/// Lowercases, folds accents and compatibility forms (`ﬁ` -> `fi`, `é` -> `e`),
/// drops apostrophes inside words (`what's` -> `whats`) and turns every other
/// non-alphanumeric character into a single space. At most [`MAX_QUESTION_CHARS`]
/// characters go in and come out (folding can lengthen a text: `ﬁ`, `①`), so normalizing
/// twice gives what normalizing once does.
pub fn normalize(text: &str) -> String {
    normalize_with(text, false)
}

/// [`normalize`] for `lang`: in French and Italian an apostrophe separates an elided
/// article from its word (`l'IA` → `l ia`).
pub fn normalize_for(text: &str, lang: Lang) -> String {
    normalize_with(text, language::apostrophe_separates(lang))
}

fn normalize_with(text: &str, apostrophe_separates: bool) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_QUESTION_CHARS * 4));
    let mut pending_space = false;
    for c in text.chars().take(MAX_QUESTION_CHARS).nfkd() {
        if is_combining_mark(c) || (is_apostrophe(c) && !apostrophe_separates) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    if let Some((cut, _)) = out.char_indices().nth(MAX_QUESTION_CHARS) {
        out.truncate(cut);
        out.truncate(out.trim_end().len());
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}')
}

/// Other spellings of one word, replaced by it before anything else
/// ("opt-out", "opt out" and "optout" are the same word). Matched on
/// normalized, unstemmed words, first match wins.
const SPELLINGS: &[(&[&str], &str)] = &[
    (&["opt", "out"], "optout"),
    (&["opting", "out"], "optout"),
    (&["opted", "out"], "optout"),
    (&["opts", "out"], "optout"),
    (&["optouts"], "optout"),
    (&["private", "message"], "dm"),
    (&["private", "messages"], "dm"),
    (&["direct", "message"], "dm"),
    (&["direct", "messages"], "dm"),
    (&["dms"], "dm"),
    (&["genai"], "generative"),
];

/// Words that can mean the same as a concept, which they add as one more term
/// while keeping their own: "turn off the AI setting" shares the term `optout`
/// with "opt out of AI training", yet "turn off notifications" keeps its own
/// words and does not become "opt out of notifications".
const CONCEPTS: &[(&[&str], &str)] = &[
    (&["turn", "off"], "optout"),
    (&["turning", "off"], "optout"),
    (&["turned", "off"], "optout"),
    (&["switch", "off"], "optout"),
    (&["switched", "off"], "optout"),
    (&["switching", "off"], "optout"),
    (&["disable"], "optout"),
    (&["disabled"], "optout"),
    (&["disabling"], "optout"),
    (&["deactivate"], "optout"),
    (&["erase"], "delete"),
    (&["erased"], "delete"),
    (&["erasure"], "delete"),
    (&["remove"], "delete"),
    (&["removed"], "delete"),
    (&["removal"], "delete"),
    (&["wipe"], "delete"),
    (&["deletion"], "delete"),
    (&["inbox"], "dm"),
];

/// Words too common to say anything about which entry fits.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is", "are", "was",
    "were", "be", "been", "am", "it", "its", "this", "that", "these", "those", "i", "me", "my", "we", "our", "you",
    "your", "u", "ur", "im", "so", "just", "please", "pls", "plz", "hey", "hi", "hello", "thanks", "thx", "bot", "um",
    "uh", "like", "really", "very", "also", "there", "their", "them", "they", "he", "she", "his", "her",
];

/// The analysis every phrasing and question goes through.
pub struct Analyzer {
    lang: Lang,
    stemmer: Stemmer,
    remove_stop_words: bool,
    /// Known words to split compounds into (German and Dutch), once the FAQ is read.
    compounds: Option<Compounds>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("lang", &self.lang)
            .field("remove_stop_words", &self.remove_stop_words)
            .field("compounds", &self.compounds.is_some())
            .finish()
    }
}

impl Analyzer {
    /// The English analyzer.
    pub fn new(remove_stop_words: bool) -> Analyzer {
        Analyzer::for_language(Lang::En, remove_stop_words)
    }

    /// The analyzer for `lang`: its stemmer and spelling folds, without compounds yet.
    pub fn for_language(lang: Lang, remove_stop_words: bool) -> Analyzer {
        Analyzer { lang, stemmer: Stemmer::create(language::stemmer(lang)), remove_stop_words, compounds: None }
    }

    /// Whether `lang` writes compounds as one word (German, Dutch), so it gains from
    /// [`Analyzer::with_compounds`].
    pub fn joins_compounds(&self) -> bool {
        matches!(self.lang, Lang::De | Lang::Nl)
    }

    /// Splits compounds into `known` words: `known` are [`Analyzer::words`] of the FAQ's
    /// own texts in this language.
    pub fn with_compounds(mut self, known: impl IntoIterator<Item = String>) -> Analyzer {
        self.compounds = Some(Compounds::new(known));
        self
    }

    /// Normalized words with other spellings of a word joined (before stemming and stop
    /// words); a compound is followed by the known words it is made of.
    pub fn words(&self, text: &str) -> Vec<String> {
        let normalized = normalize_for(text, self.lang);
        let folded: Vec<String> = normalized
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| language::fold(self.lang, w).unwrap_or_else(|| w.to_owned()))
            .collect();
        let raw: Vec<&str> = folded.iter().map(String::as_str).collect();
        let mut words = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            match phrase_at(&raw, i, SPELLINGS) {
                Some((length, canonical)) => {
                    words.push(canonical.to_owned());
                    i += length;
                }
                None => {
                    words.push(raw[i].to_owned());
                    if let Some(compounds) = &self.compounds {
                        words.extend(compounds.split(raw[i]));
                    }
                    i += 1;
                }
            }
        }
        words
    }

    /// The terms of `words`: each stemmed (stop words dropped), plus the concept
    /// each synonym phrase stands for.
    pub fn terms_of(&self, words: &[String]) -> Vec<String> {
        let mut terms: Vec<String> = words.iter().filter_map(|w| self.term(w)).collect();
        let borrowed: Vec<&str> = words.iter().map(String::as_str).collect();
        for start in 0..borrowed.len() {
            if let Some((_, concept)) = phrase_at(&borrowed, start, CONCEPTS) {
                terms.push(concept.to_owned());
            }
        }
        terms
    }

    /// Stems a word and drops it when it is a stop word.
    pub fn term(&self, word: &str) -> Option<String> {
        if self.remove_stop_words && STOP_WORDS.contains(&word) {
            return None;
        }
        Some(self.stemmer.stem(word).into_owned())
    }

    /// Words to terms: the tokens the matcher indexes.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.terms_of(&self.words(text))
    }
}

/// The first phrase of `table` that starts at `words[start]`: (its length, what it maps to).
fn phrase_at(words: &[&str], start: usize, table: &[(&[&str], &'static str)]) -> Option<(usize, &'static str)> {
    table
        .iter()
        .find(|(phrase, _)| words.len() - start >= phrase.len() && words[start..start + phrase.len()] == **phrase)
        .map(|(phrase, canonical)| (phrase.len(), *canonical))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_accents_punctuation_and_apostrophes() {
        let cases = [
            ("What's LinkedIn's AI-training?!", "whats linkedins ai training"),
            ("  Café   Déjà-vu ", "cafe deja vu"),
            ("don’t", "dont"),
            ("ﬁle", "file"),
            ("🤖🤖 opt out 🙏", "opt out"),
            ("a\u{0000}b\u{202E}c", "a b c"),
            ("لينكد إن", "لينكد ان"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "normalize({input:?})");
        }
    }

    #[test]
    fn spellings_join_into_one_word() {
        let analyzer = Analyzer::new(false);
        assert_eq!(analyzer.words("how to opt-out"), ["how", "to", "optout"]);
        assert_eq!(analyzer.words("Opt out"), ["optout"]);
        assert_eq!(analyzer.words("are my DMs used"), ["are", "my", "dm", "used"]);
        assert_eq!(analyzer.words("private messages"), ["dm"]);
    }

    #[test]
    fn synonyms_add_their_concept_and_keep_their_words() {
        let analyzer = Analyzer::new(false);
        assert_eq!(analyzer.terms("Turn off the setting"), ["turn", "off", "the", "set", "optout"]);
        assert_eq!(analyzer.terms("erase my data"), ["eras", "my", "data", "delete"]);
        assert_eq!(analyzer.terms("opt out"), ["optout"]);
    }

    #[test]
    fn terms_are_stemmed_and_stop_words_dropped() {
        let analyzer = Analyzer::new(true);
        assert_eq!(analyzer.terms("the settings for training"), ["set", "train"]);
    }

    #[test]
    fn huge_input_is_capped() {
        let text = "a ".repeat(10_000);
        assert!(normalize(&text).len() <= MAX_QUESTION_CHARS);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Text as people type it, with the characters normalization treats specially:
    /// compatibility forms, combining marks, apostrophes, case pairs, scripts without case.
    fn typed_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            "\\PC{0,12}",
            "[a-zA-Z' -]{1,12}",
            Just("ﬁ".to_owned()),
            Just("İ".to_owned()),
            Just("ß".to_owned()),
            Just("ǅ".to_owned()),
            Just("e\u{301}".to_owned()),
            Just("’".to_owned()),
            Just("Ⅻ".to_owned()),
            Just("①".to_owned()),
            Just("ﾊﾟ".to_owned()),
        ];
        prop::collection::vec(pieces, 0..30).prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn normalization_is_idempotent(text in typed_text()) {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once.clone(), "normalize(normalize(x)) == normalize(x)");
            for lang in Lang::ALL {
                let once = normalize_for(&text, lang);
                prop_assert_eq!(normalize_for(&once, lang), once, "in {:?}", lang);
            }
        }

        #[test]
        fn normalized_text_is_lowercase_words_and_single_spaces(text in typed_text()) {
            let normalized = normalize(&text);
            prop_assert!(!normalized.starts_with(' ') && !normalized.ends_with(' ') && !normalized.contains("  "));
            prop_assert!(normalized.chars().all(|c| c == ' ' || c.is_alphanumeric()), "{normalized:?}");
            prop_assert!(normalized.chars().count() <= MAX_QUESTION_CHARS, "capped: {}", normalized.chars().count());
        }
    }

    #[test]
    fn a_long_text_normalizes_within_the_cap_even_when_it_expands() {
        // "ﬁ" becomes two letters: the cap holds on what comes out, so a second pass keeps it.
        let text = "ﬁ".repeat(MAX_QUESTION_CHARS);
        let once = normalize(&text);
        assert_eq!(once.chars().count(), MAX_QUESTION_CHARS);
        assert_eq!(normalize(&once), once);
    }
}
