//! What analysis does differently per language: the Snowball stemmer, spelling folds
//! (German `ae`/`oe`/`ue` typed for umlauts, `ß`), elided articles (French and Italian
//! `l'`, `d'`), and compound words (German and Dutch), split against the FAQ's own
//! vocabulary in that language.

use rust_stemmers::Algorithm;
use rustc_hash::FxHashSet as HashSet;

use crate::lang::Lang;

pub(super) fn stemmer(lang: Lang) -> Algorithm {
    match lang {
        Lang::En => Algorithm::English,
        Lang::De => Algorithm::German,
        Lang::Fr => Algorithm::French,
        Lang::Es => Algorithm::Spanish,
        Lang::It => Algorithm::Italian,
        Lang::Nl => Algorithm::Dutch,
        Lang::Pt => Algorithm::Portuguese,
    }
}

/// Whether an apostrophe separates words (`l'utilisation` → `l utilisation`) instead of
/// being dropped inside one (`what's` → `whats`).
pub(super) fn apostrophe_separates(lang: Lang) -> bool {
    matches!(lang, Lang::Fr | Lang::It)
}

/// Folds spellings people type for the same word into one: in German `loeschen`,
/// `löschen` (already `loschen` after accent folding) and Swiss `ß`-less forms.
pub(super) fn fold(lang: Lang, word: &str) -> Option<String> {
    if lang != Lang::De || !(word.contains("ae") || word.contains("oe") || word.contains("ue") || word.contains('ß')) {
        return None;
    }
    // Some words have these letters without an umlaut ("quelle", "neue"): they fold
    // harmlessly, because the same fold runs over the FAQ and over the question.
    Some(word.replace('ß', "ss").replace("ae", "a").replace("oe", "o").replace("ue", "u"))
}

/// Shortest piece a compound is split into: shorter ones ("ki", "ai") are only
/// split off at the edges of a hyphen, which normalization already does.
const MIN_PART_CHARS: usize = 3;

/// Shortest word worth trying to split.
const MIN_COMPOUND_CHARS: usize = 7;

/// Linking sounds between the parts of a compound (German `Fugen-s`: Datenschutz-s-…;
/// Dutch `-s-`, `-en-`).
const LINKS: &[&str] = &["s", "es", "n", "en", "e"];

/// The known words of one language's FAQ, to split compounds into.
#[derive(Debug, Default)]
pub struct Compounds {
    words: HashSet<String>,
}

impl Compounds {
    pub fn new(words: impl IntoIterator<Item = String>) -> Compounds {
        Compounds { words: words.into_iter().filter(|w| w.chars().count() >= MIN_PART_CHARS).collect() }
    }

    /// The known words `word` is made of, when it is not known itself and splits
    /// whole into known words: `datenschutzeinstellungen` → `datenschutz`,
    /// `einstellungen` (and `datenschutz` → `daten`, `schutz` when those are known).
    pub fn split(&self, word: &str) -> Vec<String> {
        if word.len() < MIN_COMPOUND_CHARS || !word.is_ascii() {
            return Vec::new();
        }
        let mut parts = Vec::new();
        if self.split_into(word, &mut parts, 0) {
            parts
        } else {
            Vec::new()
        }
    }

    /// Splits `rest` into known words, longest head first; at most three parts.
    fn split_into(&self, rest: &str, parts: &mut Vec<String>, depth: usize) -> bool {
        if depth > 0 && self.words.contains(rest) {
            parts.push(rest.to_owned());
            return true;
        }
        if depth >= 2 {
            return false;
        }
        for cut in (MIN_PART_CHARS..=rest.len().saturating_sub(MIN_PART_CHARS)).rev() {
            let (head, tail) = rest.split_at(cut);
            if !self.words.contains(head) {
                continue;
            }
            let mut tails = vec![tail];
            tails.extend(LINKS.iter().filter_map(|link| tail.strip_prefix(link)).filter(|t| t.len() >= MIN_PART_CHARS));
            for tail in tails {
                let before = parts.len();
                parts.push(head.to_owned());
                if self.split_into(tail, parts, depth + 1) {
                    return true;
                }
                parts.truncate(before);
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(words: &[&str]) -> Compounds {
        Compounds::new(words.iter().map(|w| (*w).to_owned()))
    }

    #[test]
    fn compounds_split_into_known_words_with_linking_sounds() {
        let compounds = known(&["datenschutz", "einstellungen", "daten", "schutz", "training", "ki", "verbetering"]);
        assert_eq!(compounds.split("datenschutzeinstellungen"), ["datenschutz", "einstellungen"]);
        assert_eq!(known(&["privacy", "instellingen"]).split("privacyinstellingen"), ["privacy", "instellingen"]);
        assert_eq!(known(&["arbeit", "vertrag"]).split("arbeitsvertrag"), ["arbeit", "vertrag"]);
        assert!(compounds.split("einstellungen").is_empty(), "a known word stays whole");
        assert!(compounds.split("unbekanntwort").is_empty(), "unknown parts: no split");
        assert!(compounds.split("ki").is_empty());
    }

    #[test]
    fn german_folds_typed_umlauts_and_sharp_s() {
        assert_eq!(fold(Lang::De, "loeschen").as_deref(), Some("loschen"));
        assert_eq!(fold(Lang::De, "strasse"), None);
        assert_eq!(fold(Lang::De, "straße").as_deref(), Some("strasse"));
        assert_eq!(fold(Lang::En, "does"), None, "English words keep their letters");
    }
}
