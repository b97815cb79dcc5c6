//! Regions whose members LinkedIn treats differently, and the places a question names.
//!
//! Pure functions over text: [`detect`] finds a country, demonym or common form
//! ("Deutschland", "the States", "🇨🇦") and maps it to a [`Region`];
//! [`neutralize`] removes the place words, so that a place the FAQ never mentions
//! neither dilutes the match nor looks like another subject.

use std::fmt;
use std::str::FromStr;

use unicode_normalization::UnicodeNormalization;

use crate::i18n;
use crate::lang::Lang;

/// A region with its own rules for LinkedIn's AI training (facts sheet, section 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Region {
    /// The EU and the EEA (Iceland, Liechtenstein, Norway).
    Eu,
    Uk,
    /// Switzerland.
    Ch,
    /// Canada.
    Ca,
    /// Hong Kong.
    Hk,
    Us,
    /// Everywhere else.
    Other,
}

impl Region {
    /// Every region, in the order they are listed to people.
    pub const ALL: [Region; 7] =
        [Region::Eu, Region::Uk, Region::Ch, Region::Ca, Region::Hk, Region::Us, Region::Other];

    /// The code used in FAQ files and commands (`EU`, `UK`, `CH`, `CA`, `HK`, `US`, `OTHER`).
    pub fn code(self) -> &'static str {
        match self {
            Region::Eu => "EU",
            Region::Uk => "UK",
            Region::Ch => "CH",
            Region::Ca => "CA",
            Region::Hk => "HK",
            Region::Us => "US",
            Region::Other => "OTHER",
        }
    }

    /// The region as a person reads it, for a choice list ("EU/EEA", "Canada").
    pub fn label(self) -> &'static str {
        match self {
            Region::Eu => "EU/EEA",
            Region::Uk => "UK",
            Region::Ch => "Switzerland",
            Region::Ca => "Canada",
            Region::Hk => "Hong Kong",
            Region::Us => "US",
            Region::Other => "Everywhere else",
        }
    }

    /// The region's name in `lang` ("Kanada"), as `/ask region:` shows it.
    pub fn name(self, lang: Lang) -> String {
        i18n::text(lang, &format!("region-{}", self.code().to_ascii_lowercase()))
    }

    /// Where the answer is for, as the start of a sentence in `lang` ("In Canada").
    fn heading(self, lang: Lang) -> String {
        i18n::text(lang, &format!("region-heading-{}", self.code().to_ascii_lowercase()))
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A region code that is not one of [`Region::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown region `{0}`; expected one of EU, UK, CH, CA, HK, US, OTHER")]
pub struct UnknownRegion(pub String);

impl FromStr for Region {
    type Err = UnknownRegion;

    /// Accepts the codes case-insensitively, and `EEA` for the EU/EEA and `GB` for the UK.
    fn from_str(code: &str) -> Result<Region, UnknownRegion> {
        match code.trim().to_ascii_uppercase().as_str() {
            "EU" | "EEA" => Ok(Region::Eu),
            "UK" | "GB" => Ok(Region::Uk),
            "CH" => Ok(Region::Ch),
            "CA" => Ok(Region::Ca),
            "HK" => Ok(Region::Hk),
            "US" | "USA" => Ok(Region::Us),
            "OTHER" => Ok(Region::Other),
            _ => Err(UnknownRegion(code.trim().to_owned())),
        }
    }
}

/// A place a question names, or one chosen explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Place {
    pub region: Region,
    /// The country's English name when it says more than the region ("Germany" in the EU).
    pub name: Option<&'static str>,
}

impl Place {
    /// A region chosen by code (`--region CA`): no country name.
    pub fn of(region: Region) -> Place {
        Place { region, name: None }
    }

    /// How a regional answer starts in `lang`: "In Canada", "In Germany (EU/EEA)", "In India".
    /// Country names stay in English (the place tables are English); region names are translated.
    pub fn heading(&self, lang: Lang) -> String {
        match (self.name, self.region) {
            (None, region) => region.heading(lang),
            (Some(name), Region::Other | Region::Us) => crate::tr!(lang, "region-heading-place-alone", place = name),
            (Some(name), region) if name == region.label() => region.heading(lang),
            (Some(name), region) => crate::tr!(lang, "region-heading-place", place = name, region = region.name(lang)),
        }
    }
}

/// Questions longer than this are only searched in their first part: a place is
/// named early, and the cost stays bounded on pasted walls of text.
const MAX_SCANNED_CHARS: usize = 1_000;

/// The place `question` names, if it names exactly one region.
///
/// Two places in different regions ("EU or US?") are a comparison, answered in
/// general, so they yield `None`. Unknown or odd forms are ignored, never an error.
pub fn detect(question: &str) -> Option<Place> {
    let mut found: Option<Place> = None;
    for (_, place) in scan(question) {
        match found {
            None => found = Some(place),
            Some(first) if first.region == place.region => {}
            Some(_) => return None,
        }
    }
    found
}

/// `question` without its place names and flags.
///
/// Removed rather than replaced by a word such as "country": a region word pulls
/// off-topic questions ("best restaurants in canada", "weather in the UK") towards
/// the `regions` entry. Measured on the 29 in-scope place questions of the
/// regression and dev sets plus 11 off-topic place questions, matched as written
/// first and neutralised only when that gives no answer (see [`crate::reply::ask`]):
/// replaced by "country", 29/29 right and 6/11 declined; removed, 29/29 and 10/11.
pub fn neutralize(question: &str) -> String {
    let words = words(question);
    let matches = scan_words(&words);
    if matches.is_empty() {
        return question.to_owned();
    }
    let mut out = String::with_capacity(question.len());
    let mut covered = vec![false; words.len()];
    for (range, _) in &matches {
        covered[range.clone()].iter_mut().for_each(|c| *c = true);
    }
    let mut index = 0;
    while index < words.len() {
        if covered[index] {
            index += 1;
        } else {
            out.push_str(&words[index].original);
            out.push(' ');
            index += 1;
        }
    }
    out.trim_end().to_owned()
}

/// One word of a question: as written, and folded (lowercase ASCII, accents removed).
#[derive(Debug)]
struct Word {
    original: String,
    folded: String,
    /// The ISO 3166 code of a flag emoji, when the word is one.
    flag: Option<String>,
}

fn words(question: &str) -> Vec<Word> {
    let text: String = question.chars().take(MAX_SCANNED_CHARS).collect();
    let text = join_abbreviations(&text);
    let mut words = Vec::new();
    let mut current = String::new();
    let mut flag = String::new();
    let push_word = |current: &mut String, words: &mut Vec<Word>| {
        if !current.is_empty() {
            let folded = fold(current);
            words.push(Word { original: std::mem::take(current), folded, flag: None });
        }
    };
    for c in text.chars() {
        if let Some(letter) = regional_indicator(c) {
            push_word(&mut current, &mut words);
            flag.push(letter);
            if flag.len() == 2 {
                let code = std::mem::take(&mut flag);
                words.push(Word { original: String::new(), folded: String::new(), flag: Some(code) });
            }
            continue;
        }
        flag.clear();
        if c.is_alphanumeric() {
            current.push(c);
        } else if c == '\'' || c == '’' {
            // "Britain's": the possessive stays with the word and is dropped in folding.
            current.push('\'');
        } else {
            push_word(&mut current, &mut words);
        }
    }
    push_word(&mut current, &mut words);
    words
}

/// "U.S.A." and "U.K." written with dots become "USA" and "UK".
fn join_abbreviations(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let single_letter_before =
            i >= 1 && chars[i - 1].is_alphabetic() && (i < 2 || !chars[i - 2].is_alphanumeric() || chars[i - 2] == '.');
        if c == '.' && single_letter_before {
            continue;
        }
        out.push(c);
    }
    out
}

fn fold(word: &str) -> String {
    let word = word.strip_suffix("'s").unwrap_or(word);
    word.nfkd().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn regional_indicator(c: char) -> Option<char> {
    let offset = (c as u32).checked_sub(0x1F1E6)?;
    (offset < 26).then(|| char::from(b'A' + offset as u8))
}

/// Every place found, with the word range it covers.
fn scan(question: &str) -> Vec<(std::ops::Range<usize>, Place)> {
    scan_words(&words(question))
}

fn scan_words(words: &[Word]) -> Vec<(std::ops::Range<usize>, Place)> {
    let mut found = Vec::new();
    let mut index = 0;
    'words: while index < words.len() {
        if let Some(code) = &words[index].flag {
            if let Some(place) = place_of_iso(code) {
                found.push((index..index + 1, place));
            }
            index += 1;
            continue;
        }
        for len in (1..=MAX_PHRASE_WORDS).rev() {
            if index + len > words.len() {
                continue;
            }
            let phrase = words[index..index + len].iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" ");
            if let Some(place) = lookup(&phrase, words, index) {
                found.push((index..index + len, place));
                index += len;
                continue 'words;
            }
        }
        index += 1;
    }
    found
}

/// The longest place phrase, in words ("bosnia and herzegovina" is not listed; "united arab emirates" is).
const MAX_PHRASE_WORDS: usize = 3;

/// The place `phrase` (folded words starting at `words[index]`) names, with the rules for words that are
/// also everyday words ("us", "german" as a language).
fn lookup(phrase: &str, words: &[Word], index: usize) -> Option<Place> {
    let before = index.checked_sub(1).map(|i| words[i].folded.as_str());
    match phrase {
        // "us" is a pronoun unless written "US", or "the us".
        "us" => (words[index].original == "US" || before == Some("the")).then_some(Place::of(Region::Us)),
        // Codes that are everyday letters in lowercase count only in capitals.
        "ch" => (words[index].original == "CH").then_some(Place::of(Region::Ch)),
        "states" => {
            let after = words.get(index + 1).map(|w| w.folded.as_str());
            (before == Some("the") && after != Some("of")).then_some(Place::of(Region::Us))
        }
        _ => {
            let &(_, region, name, language) = PLACES.iter().find(|(p, ..)| *p == phrase)?;
            // Words that are also everyday words count only when capitalised ("polish my profile").
            if CAPITALISED_ONLY.contains(&phrase) && !words[index].original.starts_with(char::is_uppercase) {
                return None;
            }
            // "in German" is a language; "I'm German" is a place.
            if language && matches!(before, Some("in" | "into")) {
                return None;
            }
            Some(Place { region, name })
        }
    }
}

/// Place words that are also common lowercase words.
const CAPITALISED_ONLY: &[&str] = &["polish", "china", "chile", "dane", "swede", "brit", "malta"];

fn place_of_iso(code: &str) -> Option<Place> {
    let region = match code {
        "EU" | "AT" | "BE" | "BG" | "HR" | "CY" | "CZ" | "DK" | "EE" | "FI" | "FR" | "DE" | "GR" | "HU" | "IE"
        | "IT" | "LV" | "LT" | "LU" | "MT" | "NL" | "PL" | "PT" | "RO" | "SK" | "SI" | "ES" | "SE" | "IS" | "LI"
        | "NO" => Region::Eu,
        "GB" => Region::Uk,
        "CH" => Region::Ch,
        "CA" => Region::Ca,
        "HK" => Region::Hk,
        "US" => Region::Us,
        _ => Region::Other,
    };
    Some(Place::of(region))
}

use Region::{Ca, Ch, Eu, Hk, Other, Uk, Us};

/// Folded place phrase → region, the English name to show, and whether the word is also a language name.
#[rustfmt::skip]
const PLACES: &[(&str, Region, Option<&str>, bool)] = &[
    // The EU and EEA as a whole.
    ("eu", Eu, None, false), ("eea", Eu, None, false), ("ewr", Eu, None, false),
    ("europe", Eu, None, false), ("european", Eu, None, false), ("europeans", Eu, None, false),
    ("european union", Eu, None, false), ("european economic area", Eu, None, false),
    ("europa", Eu, None, false), ("europaische union", Eu, None, false), ("union europeenne", Eu, None, false),
    // The 27 member states, their demonyms and their own names.
    ("austria", Eu, Some("Austria"), false), ("austrian", Eu, Some("Austria"), false), ("osterreich", Eu, Some("Austria"), false), ("oesterreich", Eu, Some("Austria"), false),
    ("belgium", Eu, Some("Belgium"), false), ("belgian", Eu, Some("Belgium"), false), ("belgique", Eu, Some("Belgium"), false), ("belgie", Eu, Some("Belgium"), false),
    ("bulgaria", Eu, Some("Bulgaria"), false), ("bulgarian", Eu, Some("Bulgaria"), true),
    ("croatia", Eu, Some("Croatia"), false), ("croatian", Eu, Some("Croatia"), true), ("hrvatska", Eu, Some("Croatia"), false),
    ("cyprus", Eu, Some("Cyprus"), false), ("cypriot", Eu, Some("Cyprus"), false),
    ("czechia", Eu, Some("Czechia"), false), ("czech republic", Eu, Some("Czechia"), false), ("czech", Eu, Some("Czechia"), true), ("cesko", Eu, Some("Czechia"), false),
    ("denmark", Eu, Some("Denmark"), false), ("danish", Eu, Some("Denmark"), true), ("dane", Eu, Some("Denmark"), false), ("danmark", Eu, Some("Denmark"), false),
    ("estonia", Eu, Some("Estonia"), false), ("estonian", Eu, Some("Estonia"), true), ("eesti", Eu, Some("Estonia"), false),
    ("finland", Eu, Some("Finland"), false), ("finnish", Eu, Some("Finland"), true), ("suomi", Eu, Some("Finland"), false),
    ("france", Eu, Some("France"), false), ("french", Eu, Some("France"), true),
    ("germany", Eu, Some("Germany"), false), ("german", Eu, Some("Germany"), true), ("deutschland", Eu, Some("Germany"), false), ("allemagne", Eu, Some("Germany"), false), ("alemania", Eu, Some("Germany"), false),
    ("greece", Eu, Some("Greece"), false), ("greek", Eu, Some("Greece"), true), ("hellas", Eu, Some("Greece"), false),
    ("hungary", Eu, Some("Hungary"), false), ("hungarian", Eu, Some("Hungary"), true), ("magyarorszag", Eu, Some("Hungary"), false),
    ("ireland", Eu, Some("Ireland"), false), ("irish", Eu, Some("Ireland"), false), ("eire", Eu, Some("Ireland"), false),
    ("italy", Eu, Some("Italy"), false), ("italian", Eu, Some("Italy"), true), ("italia", Eu, Some("Italy"), false),
    ("latvia", Eu, Some("Latvia"), false), ("latvian", Eu, Some("Latvia"), true), ("latvija", Eu, Some("Latvia"), false),
    ("lithuania", Eu, Some("Lithuania"), false), ("lithuanian", Eu, Some("Lithuania"), true), ("lietuva", Eu, Some("Lithuania"), false),
    ("luxembourg", Eu, Some("Luxembourg"), false), ("luxembourgish", Eu, Some("Luxembourg"), true), ("luxemburg", Eu, Some("Luxembourg"), false),
    ("malta", Eu, Some("Malta"), false), ("maltese", Eu, Some("Malta"), true),
    ("netherlands", Eu, Some("the Netherlands"), false), ("the netherlands", Eu, Some("the Netherlands"), false), ("dutch", Eu, Some("the Netherlands"), true), ("holland", Eu, Some("the Netherlands"), false), ("nederland", Eu, Some("the Netherlands"), false),
    ("poland", Eu, Some("Poland"), false), ("polish", Eu, Some("Poland"), true), ("polska", Eu, Some("Poland"), false),
    ("portugal", Eu, Some("Portugal"), false), ("portuguese", Eu, Some("Portugal"), true),
    ("romania", Eu, Some("Romania"), false), ("romanian", Eu, Some("Romania"), true),
    ("slovakia", Eu, Some("Slovakia"), false), ("slovak", Eu, Some("Slovakia"), true), ("slovensko", Eu, Some("Slovakia"), false),
    ("slovenia", Eu, Some("Slovenia"), false), ("slovenian", Eu, Some("Slovenia"), true), ("slovene", Eu, Some("Slovenia"), true), ("slovenija", Eu, Some("Slovenia"), false),
    ("spain", Eu, Some("Spain"), false), ("spanish", Eu, Some("Spain"), true), ("espana", Eu, Some("Spain"), false),
    ("sweden", Eu, Some("Sweden"), false), ("swedish", Eu, Some("Sweden"), true), ("swede", Eu, Some("Sweden"), false), ("sverige", Eu, Some("Sweden"), false),
    // The EEA states outside the EU.
    ("iceland", Eu, Some("Iceland"), false), ("icelandic", Eu, Some("Iceland"), true), 
    ("liechtenstein", Eu, Some("Liechtenstein"), false),
    ("norway", Eu, Some("Norway"), false), ("norwegian", Eu, Some("Norway"), true), ("norge", Eu, Some("Norway"), false),
    // The UK.
    ("uk", Uk, None, false), ("united kingdom", Uk, None, false), ("britain", Uk, None, false), ("great britain", Uk, None, false),
    ("british", Uk, None, false), ("brit", Uk, None, false), ("brits", Uk, None, false), ("england", Uk, Some("England"), false),
    ("scotland", Uk, Some("Scotland"), false), ("scottish", Uk, Some("Scotland"), false), ("wales", Uk, Some("Wales"), false), ("welsh", Uk, Some("Wales"), true),
    ("northern ireland", Uk, Some("Northern Ireland"), false), ("london", Uk, Some("London"), false),
    // Switzerland.
    ("switzerland", Ch, None, false), ("swiss", Ch, None, false), ("schweiz", Ch, None, false), ("suisse", Ch, None, false), ("svizzera", Ch, None, false),
    // Canada, its provinces and largest cities.
    ("canada", Ca, None, false), ("canadian", Ca, None, false), ("canadians", Ca, None, false), ("kanada", Ca, None, false),
    ("quebec", Ca, None, false), ("ontario", Ca, None, false), ("alberta", Ca, None, false), ("british columbia", Ca, None, false),
    ("toronto", Ca, None, false), ("montreal", Ca, None, false), ("vancouver", Ca, None, false),
    // Hong Kong.
    ("hong kong", Hk, None, false), ("hongkong", Hk, None, false), ("hk", Hk, None, false), ("hong konger", Hk, None, false), ("hongkonger", Hk, None, false),
    // The US.
    ("usa", Us, None, false), ("united states", Us, None, false), ("america", Us, None, false), ("american", Us, None, false), ("americans", Us, None, false),
    ("stateside", Us, None, false), ("california", Us, Some("California"), false), ("new york", Us, Some("New York"), false), ("texas", Us, Some("Texas"), false),
    // Everywhere else: common countries and continents, so they are recognised as places.
    ("south america", Other, Some("South America"), false), ("latin america", Other, Some("Latin America"), false), ("central america", Other, Some("Central America"), false),
    ("latin american", Other, Some("Latin America"), false),
    ("india", Other, Some("India"), false), ("indian", Other, Some("India"), false), ("australia", Other, Some("Australia"), false), ("australian", Other, Some("Australia"), false),
    ("new zealand", Other, Some("New Zealand"), false), ("brazil", Other, Some("Brazil"), false), ("brasil", Other, Some("Brazil"), false), ("brazilian", Other, Some("Brazil"), false),
    ("mexico", Other, Some("Mexico"), false), ("mexican", Other, Some("Mexico"), false), ("argentina", Other, Some("Argentina"), false), ("chile", Other, Some("Chile"), false),
    ("colombia", Other, Some("Colombia"), false), ("japan", Other, Some("Japan"), false), ("japanese", Other, Some("Japan"), true), ("china", Other, Some("China"), false),
    ("singapore", Other, Some("Singapore"), false), ("south korea", Other, Some("South Korea"), false), ("korea", Other, Some("South Korea"), false),
    ("indonesia", Other, Some("Indonesia"), false), ("philippines", Other, Some("the Philippines"), false), ("malaysia", Other, Some("Malaysia"), false),
    ("pakistan", Other, Some("Pakistan"), false), ("bangladesh", Other, Some("Bangladesh"), false), ("vietnam", Other, Some("Vietnam"), false),
    ("south africa", Other, Some("South Africa"), false), ("nigeria", Other, Some("Nigeria"), false), ("nigerian", Other, Some("Nigeria"), false), ("kenya", Other, Some("Kenya"), false),
    ("egypt", Other, Some("Egypt"), false), ("morocco", Other, Some("Morocco"), false), ("israel", Other, Some("Israel"), false), ("uae", Other, Some("the UAE"), false),
    ("united arab emirates", Other, Some("the UAE"), false), ("dubai", Other, Some("the UAE"), false), ("saudi arabia", Other, Some("Saudi Arabia"), false),
    ("ukraine", Other, Some("Ukraine"), false), ("serbia", Other, Some("Serbia"), false),
    ("asia", Other, Some("Asia"), false), ("africa", Other, Some("Africa"), false), ("middle east", Other, Some("the Middle East"), false),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn region(question: &str) -> Option<Region> {
        detect(question).map(|p| p.region)
    }

    #[test]
    fn names_demonyms_and_common_forms_resolve() {
        let cases = [
            ("I'm in Canada, does this apply to me?", Some(Ca)),
            ("canadá?", Some(Ca)),
            ("🇨🇦 here", Some(Ca)),
            ("in da UK", Some(Uk)),
            ("I live in the U.K.", Some(Uk)),
            ("Britain's rules?", Some(Uk)),
            ("ich wohne in Deutschland", Some(Eu)),
            ("I'm German, what are my rights", Some(Eu)),
            ("members in the EEA", Some(Eu)),
            ("Norway isn't in the EU, right?", Some(Eu)),
            ("Liechtenstein", Some(Eu)),
            ("I'm in the States", Some(Us)),
            ("USA", Some(Us)),
            ("U.S.A. users", Some(Us)),
            ("does it apply in the us", Some(Us)),
            ("American here", Some(Us)),
            ("Hong Kong", Some(Hk)),
            ("swiss member", Some(Ch)),
            ("i am from brazil", Some(Other)),
            ("🇮🇳", Some(Other)),
        ];
        for (question, expected) in cases {
            assert_eq!(region(question), expected, "{question:?}");
        }
    }

    #[test]
    fn everyday_words_are_not_places() {
        for question in [
            "does this apply to us?",
            "what is the setting called in German",
            "how do I opt out",
            "what are the states of the setting",
            "how do I polish my profile",
            "ch ch changes",
            "",
            "🇨",
        ] {
            assert_eq!(detect(question), None, "{question:?}");
        }
    }

    #[test]
    fn places_in_two_regions_are_a_comparison() {
        assert_eq!(detect("is it different in the EU and the US?"), None);
        assert_eq!(region("I'm French, living in Germany"), Some(Eu), "two places, one region");
    }

    #[test]
    fn longer_names_win_over_their_parts() {
        assert_eq!(region("I live in British Columbia"), Some(Ca));
        assert_eq!(region("Northern Ireland"), Some(Uk));
        assert_eq!(region("latin america"), Some(Other));
    }

    #[test]
    fn neutralize_removes_places() {
        assert_eq!(neutralize("is Deutschland included?"), "is included");
        assert_eq!(neutralize("hi from 🇨🇦, does it apply"), "hi from does it apply");
        assert_eq!(neutralize("how do I opt out?"), "how do I opt out?", "no place, untouched");
        assert_eq!(neutralize("I live in the United Kingdom"), "I live in the");
    }

    #[test]
    fn headings_name_the_place() {
        assert_eq!(Place::of(Ca).heading(Lang::En), "In Canada");
        assert_eq!(detect("I'm in Deutschland").unwrap().heading(Lang::En), "In Germany (EU/EEA)");
        assert_eq!(detect("from india").unwrap().heading(Lang::En), "In India");
    }

    #[test]
    fn codes_parse_case_insensitively_and_round_trip() {
        for region in Region::ALL {
            assert_eq!(region.code().parse::<Region>(), Ok(region));
            assert_eq!(region.code().to_lowercase().parse::<Region>(), Ok(region));
        }
        assert_eq!("EEA".parse::<Region>(), Ok(Eu));
        assert!("Mars".parse::<Region>().unwrap_err().to_string().contains("unknown region `Mars`"));
    }

    #[test]
    fn odd_input_never_panics() {
        for question in
            ["\u{1F1E6}\u{1F1E6}\u{1F1E6}", "U.", ".U", "'s", "ß".repeat(5000).as_str(), "🇨🇦🇺🇸", "\u{0301}uk"]
        {
            let _ = detect(question);
            let _ = neutralize(question);
        }
    }
}
