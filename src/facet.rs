//! Facets: the one thing a question names inside an entry's subject, so the answer can
//! lead with the part for it. "Are group messages used?" names the item `group-messages`;
//! "and on the app?" names the platform `app`.
//!
//! The words are data, per language (`facets.toml` in the FAQ directory and in each
//! translation's); this module only reads questions with them. It also tells whether a
//! question is a *fragment*: nothing but facet and place words and the small words of a
//! follow-up ("and on the app?", "und in der App?", "et au Canada ?"), to be read with the
//! conversation's previous topic.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// What sort of thing a facet is. Only the English vocabulary declares it; translations
/// name the same facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FacetKind {
    /// Website, app, iOS, Android.
    Platform,
    /// A kind of data: résumé, photo, group messages, private messages, …
    Item,
    /// A group of people: minors.
    People,
    /// A company: Microsoft, OpenAI.
    Company,
    /// A time: data already used, from when.
    Time,
}

/// The words of one facet in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetWords {
    pub name: String,
    pub kind: Option<FacetKind>,
    phrases: Vec<Phrase>,
}

/// A word or phrase, folded; `prefix` when its last word was written with a trailing `*`.
#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    words: Vec<String>,
    prefix: bool,
}

impl Phrase {
    fn parse(written: &str) -> Option<Phrase> {
        let (text, prefix) = match written.trim().strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (written.trim(), false),
        };
        let words = words(text);
        (!words.is_empty()).then_some(Phrase { words, prefix })
    }

    /// Whether the phrase is written at `at` in `words`.
    fn at(&self, words: &[String], at: usize) -> bool {
        let Some(found) = words.get(at..at + self.words.len()) else {
            return false;
        };
        let last = self.words.len() - 1;
        self.words.iter().zip(found).enumerate().all(|(i, (wanted, word))| {
            if i == last && self.prefix {
                word.starts_with(wanted.as_str())
            } else {
                word == wanted
            }
        })
    }
}

/// The facet words of one language, and the filler words its follow-ups are made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    facets: Vec<FacetWords>,
    followups: HashSet<String>,
}

impl Vocabulary {
    /// `facets` as (name, kind, words) with words as written in the files (a trailing `*`
    /// matches any word that begins so), and `followups`, the small words of fragments.
    pub fn new<'a>(
        facets: impl IntoIterator<Item = (String, Option<FacetKind>, Vec<String>)>,
        followups: impl IntoIterator<Item = &'a str>,
    ) -> Vocabulary {
        let facets = facets
            .into_iter()
            .map(|(name, kind, written)| FacetWords {
                name,
                kind,
                phrases: written.iter().filter_map(|w| Phrase::parse(w)).collect(),
            })
            .collect();
        let followups = followups.into_iter().flat_map(words).collect();
        Vocabulary { facets, followups }
    }

    pub fn is_empty(&self) -> bool {
        self.facets.is_empty()
    }

    pub fn facets(&self) -> &[FacetWords] {
        &self.facets
    }

    /// Whether `name` is one of this vocabulary's facets.
    pub fn has(&self, name: &str) -> bool {
        self.facets.iter().any(|f| f.name == name)
    }

    pub fn kind(&self, name: &str) -> Option<FacetKind> {
        self.facets.iter().find(|f| f.name == name).and_then(|f| f.kind)
    }
}

/// What a question says in facet terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// The facets named, in the order the question names them, each once.
    pub facets: Vec<String>,
    /// Words that are neither facet words nor follow-up fillers: what makes a question
    /// more than a fragment.
    pub other_words: usize,
}

impl Reading {
    /// Whether the question is only a fragment: facet words and fillers ("and on the app?").
    pub fn is_fragment(&self) -> bool {
        self.other_words == 0
    }
}

/// Reads `question` with the vocabularies of the languages it may be written in, the most
/// likely first (the longest phrase wins where two overlap). A phrase of a later vocabulary
/// made only of the first one's small words does not count: French "comment" ("how") is not
/// the English "comment". Odd input yields an empty reading, never an error.
pub fn read(question: &str, vocabularies: &[&Vocabulary]) -> Reading {
    let words = words(question);
    let mut covered = vec![false; words.len()];
    let mut found: Vec<(usize, &str)> = Vec::new();
    let first_fillers = vocabularies.first().map(|v| &v.followups);
    let a_filler_there =
        |phrase: &Phrase| first_fillers.is_some_and(|fillers| phrase.words.iter().all(|w| fillers.contains(w)));
    let mut at = 0;
    while at < words.len() {
        let longest = vocabularies
            .iter()
            .enumerate()
            .flat_map(|(i, v)| v.facets.iter().map(move |facet| (i, facet)))
            .flat_map(|(i, facet)| facet.phrases.iter().map(move |p| (i, facet.name.as_str(), p)))
            .filter(|(i, _, phrase)| phrase.at(&words, at) && !(*i > 0 && a_filler_there(phrase)))
            .map(|(_, name, phrase)| (name, phrase))
            .max_by_key(|(_, phrase)| phrase.words.len());
        match longest {
            Some((name, phrase)) => {
                covered[at..at + phrase.words.len()].iter_mut().for_each(|c| *c = true);
                found.push((at, name));
                at += phrase.words.len();
            }
            None => at += 1,
        }
    }
    let mut facets: Vec<String> = Vec::new();
    for (_, name) in found {
        if !facets.iter().any(|f| f == name) {
            facets.push(name.to_owned());
        }
    }
    let other_words = words
        .iter()
        .zip(&covered)
        .filter(|(word, covered)| !**covered && !vocabularies.iter().any(|v| v.followups.contains(word.as_str())))
        .count();
    Reading { facets, other_words }
}

/// Longest question read for facets; the matcher reads no more either.
const MAX_READ_CHARS: usize = crate::text::MAX_QUESTION_CHARS;

/// The folded words of `text`: split at anything that is not a letter or digit
/// (apostrophes too: "l'appli" is "l" and "appli"), folded as place words are
/// ([`crate::region::fold`]: lowercase, accents removed, "ß" as "ss").
fn words(text: &str) -> Vec<String> {
    text.chars()
        .take(MAX_READ_CHARS)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(crate::region::fold)
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(
            [
                ("app".to_owned(), Some(FacetKind::Platform), vec!["app".into(), "mobile app".into(), "handy*".into()]),
                ("group-messages".to_owned(), Some(FacetKind::Item), vec!["group messages".into(), "groups".into()]),
                ("resume".to_owned(), Some(FacetKind::Item), vec!["résumé".into(), "cv".into()]),
            ],
            ["and", "what about", "on the", "in", "i'm"],
        )
    }

    #[test]
    fn facets_are_found_in_question_order_once_each() {
        let v = vocabulary();
        let reading = read("Are my Group Messages used, and my CV? group messages!", &[&v]);
        assert_eq!(reading.facets, vec!["group-messages", "resume"]);
        assert!(!reading.is_fragment());
        assert_eq!(read("is my resume used", &[&v]).facets, vec!["resume"], "accents fold");
        assert_eq!(read("auf dem Handybildschirm", &[&v]).facets, vec!["app"], "a trailing * is a prefix");
        assert!(read("the apple app store", &[&v]).facets == vec!["app"]);
        assert!(read("apples", &[&v]).facets.is_empty(), "whole words only");
    }

    #[test]
    fn fragments_are_fillers_and_facet_words_only() {
        let v = vocabulary();
        assert!(read("and on the app?", &[&v]).is_fragment());
        assert!(read("What about the mobile app…", &[&v]).is_fragment());
        assert!(!read("how do i delete the app", &[&v]).is_fragment());
        assert!(read("I'm in", &[&v]).is_fragment(), "apostrophes split like the fillers' own");
    }

    #[test]
    fn another_languages_word_that_is_a_small_word_here_names_nothing() {
        let english = Vocabulary::new(
            [("comments".to_owned(), Some(FacetKind::Item), vec!["comment".into(), "comments".into()])],
            ["and"],
        );
        let french = Vocabulary::new([], ["comment", "et"]);
        assert!(read("comment savoir quelles données sont utilisées", &[&french, &english]).facets.is_empty());
        assert_eq!(read("et mes comments ?", &[&french, &english]).facets, vec!["comments"]);
        assert_eq!(read("my comment", &[&english, &french]).facets, vec!["comments"]);
    }

    #[test]
    fn odd_input_never_panics() {
        let v = vocabulary();
        for odd in ["", "   ", "🇨🇦", "*", "\u{0}", &"app ".repeat(5_000)] {
            let _ = read(odd, &[&v]);
        }
        assert_eq!(read("", &[&v]), Reading::default());
        assert_eq!(read("app", &[]).facets, Vec::<String>::new());
    }
}
