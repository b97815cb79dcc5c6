//! Regions whose members LinkedIn treats differently, and the places a question names.
//!
//! Pure functions over text: [`detect`] finds a country, demonym or common form in any
//! of the bot's languages ("Deutschland", "the States", "EE.UU.", "de VS", "🇨🇦") and
//! maps it to a [`Region`]; [`neutralize`] removes the place words, so that a place the
//! FAQ never mentions neither dilutes the match nor looks like another subject. Both
//! read the question in its language, when it is known: Portuguese "eu" is "I" and
//! Spanish "usa" is "uses", so there only "EU" and "USA" count. The place tables, with
//! each place's names in every language and the rules for such words, are in `places`.

mod places;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use unicode_normalization::UnicodeNormalization;

use crate::i18n;
use crate::lang::Lang;
use places::{Case, Scope};

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
    /// The country (or part of one) when it says more than the region: Germany in the
    /// EU, California in the US. Serialized as its English name.
    #[serde(rename = "name", serialize_with = "english_name")]
    country: Option<&'static places::Country>,
}

fn english_name<S: serde::Serializer>(country: &Option<&places::Country>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_some(&country.map(|c| c.name(Lang::En)))
}

impl Place {
    /// A region chosen by code (`--region CA`): no country name.
    pub fn of(region: Region) -> Place {
        Place { region, country: None }
    }

    /// The country's name in `lang` when it says more than the region ("Alemanha").
    pub fn name(&self, lang: Lang) -> Option<&'static str> {
        self.country.map(|c| c.name(lang))
    }

    /// How a regional answer starts in `lang`: "In Canada", "In Deutschland (EU/EWR)",
    /// "Na Alemanha (UE/EEE)", "No Brasil". The place with its preposition comes from the
    /// place tables; the region's name and the heading's shape from `locales/*/bot.ftl`.
    pub fn heading(&self, lang: Lang) -> String {
        let Some(country) = self.country else {
            return self.region.heading(lang);
        };
        let at = country.at(lang);
        let heading = match self.region {
            // Everywhere else is no region to name, and a US state says where it is.
            Region::Other | Region::Us => at,
            region => crate::tr!(lang, "region-heading-place", in_place = at, region = region.name(lang)),
        };
        let mut chars = heading.chars();
        chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
    }
}

/// Questions longer than this are only searched in their first part: a place is
/// named early, and the cost stays bounded on pasted walls of text.
const MAX_SCANNED_CHARS: usize = 1_000;

/// A question with at least this many words and no lowercase letter is shouted: how
/// its words are written says nothing ("DOES THIS APPLY TO US").
const MIN_SHOUTED_WORDS: usize = 4;

/// The place `question` names, if it names exactly one region.
///
/// `lang` is the question's language when it is known (detected with confidence), else
/// `None`: then a form that is an everyday word in some language counts only as that
/// language's speakers would not write it ("EU", not "eu"). Two places in different
/// regions ("EU or US?") are a comparison, answered in general, so they yield `None`.
/// Unknown or odd forms are ignored, never an error.
pub fn detect(question: &str, lang: Option<Lang>) -> Option<Place> {
    let mut found: Option<Place> = None;
    for (_, place) in scan(&words(question), lang) {
        match found {
            None => found = Some(place),
            Some(first) if first.region == place.region => {}
            Some(_) => return None,
        }
    }
    found
}

/// `question` without the place names and flags [`detect`] would find in it.
///
/// Removed rather than replaced by a word such as "country": a region word pulls
/// off-topic questions ("best restaurants in canada", "weather in the UK") towards
/// the `regions` entry. Measured on the 29 in-scope place questions of the
/// regression and dev sets plus 11 off-topic place questions, matched as written
/// first and neutralised only when that gives no answer (see [`crate::app::reply::ask`]):
/// replaced by "country", 29/29 right and 6/11 declined; removed, 29/29 and 10/11.
pub fn neutralize(question: &str, lang: Option<Lang>) -> String {
    let words = words(question);
    let matches = scan(&words, lang);
    if matches.is_empty() {
        return question.to_owned();
    }
    let mut covered = vec![false; words.len()];
    for (range, _) in &matches {
        // An elided article goes with its place: "dans l'UE" becomes "dans".
        let start = range.start.checked_sub(1).filter(|&i| words[i].elided).unwrap_or(range.start);
        covered[start..range.end].iter_mut().for_each(|c| *c = true);
    }
    let mut out = String::with_capacity(question.len());
    let mut glued = true;
    for (word, _) in words.iter().zip(&covered).filter(|(_, &covered)| !covered) {
        if !glued {
            out.push(' ');
        }
        out.push_str(&word.original);
        // "j'habite" stays one word.
        glued = word.elided;
    }
    out
}

/// One word of a question: as written, and folded (see [`fold`]).
#[derive(Debug, Default)]
struct Word {
    original: String,
    folded: String,
    /// The ISO 3166 code of a flag emoji, when the word is one.
    flag: Option<String>,
    /// Joined to the next word by a hyphen ("Deutsch-Lehrer", "German-speaking").
    hyphenated: bool,
    /// An elided article or pronoun, written with the next word ("l'", "dell'", "j'").
    elided: bool,
}

fn words(question: &str) -> Vec<Word> {
    let text: String = question.chars().take(MAX_SCANNED_CHARS).collect();
    let chars: Vec<char> = join_abbreviations(&text).chars().collect();
    let mut words: Vec<Word> = Vec::new();
    let mut current = String::new();
    let mut flag = String::new();
    // The last word ended at a hyphen.
    let mut at_hyphen = false;
    let push_word = |current: &mut String, words: &mut Vec<Word>| {
        if !current.is_empty() {
            let folded = fold(current);
            words.push(Word { original: std::mem::take(current), folded, ..Word::default() });
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if let Some(letter) = regional_indicator(c) {
            push_word(&mut current, &mut words);
            at_hyphen = false;
            flag.push(letter);
            if flag.len() == 2 {
                let code = std::mem::take(&mut flag);
                words.push(Word { flag: Some(code), ..Word::default() });
            }
            continue;
        }
        flag.clear();
        if c.is_alphanumeric() {
            if current.is_empty() && at_hyphen {
                if let Some(last) = words.last_mut() {
                    last.hyphenated = true;
                }
            }
            at_hyphen = false;
            current.push(c);
        } else if (c == '\'' || c == '’') && !current.is_empty() {
            let possessive =
                next.is_some_and(|n| n == 's' || n == 'S') && !chars.get(i + 2).is_some_and(|c| c.is_alphanumeric());
            if possessive || !next.is_some_and(char::is_alphabetic) {
                // "Britain's": the possessive stays with the word and is dropped in folding.
                current.push('\'');
            } else {
                // An elided article or preposition is a word of its own: "l'UE", "dell'Italia".
                current.push('\'');
                push_word(&mut current, &mut words);
                if let Some(last) = words.last_mut() {
                    last.elided = true;
                }
            }
        } else {
            at_hyphen = !current.is_empty() && c == '-';
            push_word(&mut current, &mut words);
        }
    }
    push_word(&mut current, &mut words);
    words
}

/// "U.S.A.", "U.K." and "E.U.A." written with dots become "USA", "UK" and "EUA".
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

/// A word as the place tables write it: lowercase ASCII, accents removed, letters that
/// do not decompose spelt out ("Großbritannien" as "grossbritannien"), a possessive
/// "'s" dropped. The facet words are folded the same way ([`crate::facet`]).
pub(crate) fn fold(word: &str) -> String {
    let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("'S")).unwrap_or(word);
    let mut folded = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => folded.push_str("ss"),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'ø' => folded.push('o'),
            'ł' => folded.push('l'),
            'đ' => folded.push('d'),
            c => folded.extend(std::iter::once(c).nfkd().filter(char::is_ascii_alphanumeric)),
        }
    }
    folded
}

/// A phrase's folded words, joined with spaces, as the place tables key them.
fn fold_phrase(phrase: &str) -> String {
    words(phrase).iter().map(|w| w.folded.as_str()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn regional_indicator(c: char) -> Option<char> {
    let offset = (c as u32).checked_sub(0x1F1E6)?;
    (offset < 26).then(|| char::from(b'A' + offset as u8))
}

/// What is known of a question while reading its place words.
struct Reading {
    lang: Option<Lang>,
    shouting: bool,
}

/// Every place found, with the word range it covers; the longest form wins.
fn scan(words: &[Word], lang: Option<Lang>) -> Vec<(Range<usize>, Place)> {
    let lettered: Vec<&Word> = words.iter().filter(|w| w.original.chars().any(char::is_alphabetic)).collect();
    let shouting =
        lettered.len() >= MIN_SHOUTED_WORDS && !lettered.iter().any(|w| w.original.chars().any(char::is_lowercase));
    let reading = Reading { lang, shouting };
    let longest = places::index().longest;
    let mut found = Vec::new();
    let mut index = 0;
    'words: while index < words.len() {
        if let Some(code) = &words[index].flag {
            found.push((index..index + 1, place_of_iso(code)));
            index += 1;
            continue;
        }
        for len in (1..=longest).rev() {
            if index + len > words.len() {
                continue;
            }
            let phrase = words[index..index + len].iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" ");
            if let Some(place) = lookup(&phrase, words, index..index + len, &reading) {
                found.push((index..index + len, place));
                index += len;
                continue 'words;
            }
        }
        index += 1;
    }
    found
}

/// The place `phrase` (the folded words of `words[at]`) names, if it counts as a place
/// where it stands.
fn lookup(phrase: &str, words: &[Word], at: Range<usize>, reading: &Reading) -> Option<Place> {
    let before = at.start.checked_sub(1).map(|i| words[i].folded.as_str());
    let after = words.get(at.end).map(|w| w.folded.as_str());
    if phrase == "states" {
        // "the States", but not "the states of the setting".
        return (before == Some("the") && after != Some("of")).then_some(Place::of(Region::Us));
    }
    let form = places::index().forms.get(phrase)?;
    if let Some((case, scope)) = form.written {
        if !written_to_count(&words[at.start].original, case, scope, before, reading) {
            return None;
        }
    }
    if form.language_of.iter().any(|&lang| names_the_language(lang, words, &at)) {
        return None;
    }
    Some(form.place)
}

/// Whether a form that is an everyday word somewhere is written as a place here.
fn written_to_count(original: &str, case: Case, scope: Scope, before: Option<&str>, reading: &Reading) -> bool {
    let as_written = !reading.shouting
        && match case {
            Case::Capitalised => original.starts_with(char::is_uppercase),
            Case::Capitals => original.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase),
        };
    let after_the = case == Case::Capitals && before == Some("the");
    match scope {
        Scope::Everywhere => as_written || after_the,
        Scope::In(languages) => match reading.lang {
            Some(lang) if !languages.contains(&lang) => true,
            _ => as_written || after_the,
        },
        Scope::Only(only, articles) => match reading.lang {
            Some(lang) => lang == only && as_written,
            None => as_written && before.is_some_and(|b| articles.contains(&b)),
        },
    }
}

/// Whether the form at `words[at]`, which is also `lang`'s name of a language, names
/// the language where it stands: "in German", "auf Deutsch", "Deutsch-Lehrer", "la
/// version française", "português brasileiro".
fn names_the_language(lang: Lang, words: &[Word], at: &Range<usize>) -> bool {
    let spoken = &places::SPOKEN[places::column(lang)];
    let before = at.start.checked_sub(1).map(|i| words[i].folded.as_str());
    let after = words.get(at.end).map(|w| w.folded.as_str());
    let another_language = after.and_then(|a| places::index().forms.get(a)).is_some_and(|f| !f.language_of.is_empty());
    words[at.end - 1].hyphenated
        || before.is_some_and(|b| spoken.before.contains(&b))
        || after.is_some_and(|a| spoken.after.contains(&a))
        || another_language
}

fn place_of_iso(code: &str) -> Place {
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
    Place::of(region)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang::{De, En, Es, Fr, It, Nl, Pt};
    use Region::{Ca, Ch, Eu, Hk, Other, Uk, Us};

    fn region(question: &str) -> Option<Region> {
        detect(question, None).map(|p| p.region)
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
            assert_eq!(detect(question, None), None, "{question:?}");
        }
    }

    #[test]
    fn places_in_two_regions_are_a_comparison() {
        assert_eq!(detect("is it different in the EU and the US?", None), None);
        assert_eq!(region("I'm French, living in Germany"), Some(Eu), "two places, one region");
    }

    #[test]
    fn longer_names_win_over_their_parts() {
        assert_eq!(region("I live in British Columbia"), Some(Ca));
        assert_eq!(region("Northern Ireland"), Some(Uk));
        assert_eq!(region("latin america"), Some(Other));
        assert_eq!(region("vivo en América Latina"), Some(Other), "not America, the US");
        assert_eq!(region("moro na Colômbia Britânica"), Some(Ca), "not Colombia");
    }

    #[test]
    fn neutralize_removes_places() {
        assert_eq!(neutralize("is Deutschland included?", None), "is included");
        assert_eq!(neutralize("hi from 🇨🇦, does it apply", None), "hi from does it apply");
        assert_eq!(neutralize("how do I opt out?", None), "how do I opt out?", "no place, untouched");
        assert_eq!(neutralize("I live in the United Kingdom", None), "I live in the");
        assert_eq!(neutralize("I'm from Portugal", None), "I'm from", "elided words stay as written");
        assert_eq!(neutralize("j'habite dans l'UE, c'est pareil ?", Some(Fr)), "j'habite dans c'est pareil");
        assert_eq!(neutralize("moro nos EUA, vale para mim", Some(Pt)), "moro nos vale para mim");
        let question = "eu moro em São Paulo";
        assert_eq!(neutralize(question, Some(Pt)), "eu moro em", "the pronoun stays");
        let question = "o linkedin usa meus dados?";
        assert_eq!(neutralize(question, Some(Pt)), question, "the verb is no place: untouched");
    }

    #[test]
    fn headings_name_the_place() {
        assert_eq!(Place::of(Ca).heading(Lang::En), "In Canada");
        assert_eq!(detect("I'm in Deutschland", None).unwrap().heading(Lang::En), "In Germany (EU/EEA)");
        assert_eq!(detect("from india", None).unwrap().heading(Lang::En), "In India");
    }

    /// A question's language, the question, and the place it names: its region and how
    /// its heading starts in that language ("" when the region heads it, as for "EUA").
    type Case = (Option<Lang>, &'static str, Region, &'static str);

    #[rustfmt::skip]
    const PLACE_QUESTIONS: &[Case] = &[
        (Some(En), "is the eu included", Eu, ""),
        (None, "is the eu included", Eu, ""),
        (Some(En), "I'm Dutch, living in Amsterdam", Eu, "In the Netherlands"),
        (Some(En), "I live in California", Us, "In California"),
        (Some(En), "of course German users count too?", Eu, "In Germany"),
        (Some(De), "Ich wohne in Deutschland, gilt das für mich?", Eu, "In Deutschland"),
        (Some(De), "Ich bin deutsche Staatsbürgerin", Eu, "In Deutschland"),
        (Some(De), "Ich bin Österreicher", Eu, "In Österreich"),
        (Some(De), "Gilt das auch in der Slowakei?", Eu, "In der Slowakei"),
        (Some(De), "Ich lebe in den Niederlanden", Eu, "In den Niederlanden"),
        (Some(De), "Ich wohne in Italien", Eu, "In Italien"),
        (Some(De), "Und in Island?", Eu, "In Island"),
        (Some(De), "Gilt das im EWR?", Eu, ""),
        (Some(De), "Gilt das in der Schweiz?", Ch, ""),
        (Some(De), "Ich wohne im Vereinigten Königreich", Uk, ""),
        (Some(De), "Großbritannien?", Uk, ""),
        (Some(De), "Ich lebe in den Vereinigten Staaten", Us, ""),
        (Some(Fr), "J'habite en Allemagne, est-ce que ça s'applique ?", Eu, "En Allemagne"),
        (Some(Fr), "Je suis française, ça me concerne ?", Eu, "En France"),
        (Some(Fr), "Et à Chypre ?", Eu, "À Chypre"),
        (Some(Fr), "Je suis aux Pays-Bas", Eu, "Aux Pays-Bas"),
        (Some(Fr), "Est-ce valable dans l'UE ?", Eu, ""),
        (Some(Fr), "Je vis au Royaume-Uni", Uk, ""),
        (Some(Fr), "Et aux États-Unis ?", Us, ""),
        (Some(Fr), "Je vis en Suisse", Ch, ""),
        (Some(Fr), "Et au Brésil ?", Other, "Au Brésil"),
        (Some(Es), "Vivo en España, ¿me afecta?", Eu, "En España"),
        (Some(Es), "Soy española", Eu, "En España"),
        (Some(Es), "¿Y en EE.UU.?", Us, ""),
        (Some(Es), "Vivo en Estados Unidos", Us, ""),
        (Some(Es), "¿Y en USA?", Us, ""),
        (Some(Es), "¿Aplica en la UE?", Eu, ""),
        (Some(Es), "Estoy en el Reino Unido", Uk, ""),
        (Some(Es), "Vivo en México", Other, "En México"),
        (Some(Es), "soy argentino", Other, "En Argentina"),
        (Some(It), "Abito in Italia, vale anche per me?", Eu, "In Italia"),
        (Some(It), "Sono italiana", Eu, "In Italia"),
        (Some(It), "Sono nei Paesi Bassi", Eu, "Nei Paesi Bassi"),
        (Some(It), "Vale anche nel SEE?", Eu, ""),
        (Some(It), "E dell'UE?", Eu, ""),
        (Some(It), "Vale negli Stati Uniti?", Us, ""),
        (Some(It), "Sono nel Regno Unito", Uk, ""),
        (Some(It), "Vivo in Svizzera", Ch, ""),
        (Some(Nl), "Ik woon in Duitsland, geldt dit voor mij?", Eu, "In Duitsland"),
        (Some(Nl), "In Nederland wonend, geldt het?", Eu, "In Nederland"),
        (Some(Nl), "Ik ben Belg", Eu, "In België"),
        (Some(Nl), "Geldt het binnen de EER?", Eu, ""),
        (Some(Nl), "Geldt dit ook in de VS?", Us, ""),
        (None, "de VS?", Us, ""),
        (Some(Nl), "Ik woon in het Verenigd Koninkrijk", Uk, ""),
        (Some(Nl), "En in het VK?", Uk, ""),
        (Some(Nl), "Zwitserland?", Ch, ""),
        (Some(Pt), "eu moro em São Paulo, a partilha de dados com a Microsoft vale para mim?", Other, "No Brasil"),
        (Some(Pt), "Sou brasileiro", Other, "No Brasil"),
        (Some(Pt), "Moro na Alemanha", Eu, "Na Alemanha"),
        (Some(Pt), "Sou português", Eu, "Em Portugal"),
        (Some(Pt), "Vale nos EUA?", Us, ""),
        (None, "EUA", Us, ""),
        (Some(Pt), "Vale na UE?", Eu, ""),
        (Some(Pt), "Moro na Suíça", Ch, ""),
        (Some(Pt), "moro no Reino Unido", Uk, ""),
    ];

    #[test]
    fn questions_in_each_language_name_their_place_and_head_it_in_that_language() {
        for &(lang, question, region, heading) in PLACE_QUESTIONS {
            let place = detect(question, lang);
            assert_eq!(
                place.map(|p| p.region),
                Some(region),
                "{lang:?} {question:?}: expected {region}, got {place:?}"
            );
            let place = place.unwrap();
            let shown = lang.unwrap_or(Lang::En);
            let got = place.heading(shown);
            if heading.is_empty() {
                assert_eq!(place, Place::of(region), "{question:?}: the region heads it, got {got:?}");
            } else {
                assert!(got.starts_with(heading), "{question:?}: expected a heading starting {heading:?}, got {got:?}");
                if !matches!(region, Other | Us) {
                    assert!(got.contains(&region.name(shown)), "{question:?}: the region is named, got {got:?}");
                }
            }
        }
    }

    #[rustfmt::skip]
    const LOOK_ALIKES: &[(Option<Lang>, &str)] = &[
        (Some(Pt), "o linkedin usa meus dados desde quando?"),
        (None, "o linkedin usa meus dados desde quando?"),
        (Some(Pt), "eu quero desativar o treino de IA"),
        (None, "eu quero desativar"),
        (Some(Pt), "ué, por que isso aparece?"),
        (Some(Pt), "tem a versão em português?"),
        (Some(Pt), "o português brasileiro é suportado?"),
        (Some(Pt), "EU QUERO SABER SE O LINKEDIN USA MEUS DADOS"),
        (Some(Es), "¿LinkedIn usa mis datos?"),
        (None, "¿LinkedIn usa mis datos?"),
        (Some(Es), "¿Hay una versión en español?"),
        (Some(Es), "hablo español, ¿dónde está la opción?"),
        (Some(It), "LinkedIn usa i miei dati?"),
        (Some(It), "c'è una versione in italiano?"),
        (Some(Fr), "j'ai eu un message de LinkedIn"),
        (None, "j'ai eu un message de LinkedIn"),
        (Some(Fr), "est-ce disponible en français ?"),
        (Some(Fr), "je parle italien"),
        (Some(Fr), "un verre d'eau"),
        (Some(Fr), "je suis prof de français"),
        (Some(Es), "busco clases de español"),
        (Some(It), "faccio un corso di italiano"),
        (Some(Pt), "sou professor de português"),
        (Some(De), "Ich bin Deutsch-Lehrer, gilt das für mich?"),
        (Some(De), "Gibt es die Antwort auf Deutsch?"),
        (Some(De), "Wo ist die deutsche Version der Einstellung?"),
        (Some(De), "Ich wohne am See"),
        (Some(Nl), "Is er een versie in het Nederlands?"),
        (Some(Nl), "Ajax vs PSV, wie traint op mijn data?"),
        (Some(Nl), "met alle eer"),
        (Some(En), "LinkedIn VS Meta, who trains on my data?"),
        (None, "VS"),
        (Some(En), "does this apply on Long Island?"),
        (Some(En), "is there a German-speaking moderator?"),
        (Some(En), "DOES THIS APPLY TO US AT ALL"),
    ];

    #[test]
    fn everyday_words_of_each_language_are_not_places() {
        for &(lang, question) in LOOK_ALIKES {
            assert_eq!(detect(question, lang), None, "{lang:?} {question:?}: expected no place");
        }
    }

    #[test]
    fn headings_are_in_the_reply_language_whatever_the_question_was_in() {
        let germany = detect("I'm in Deutschland", None).unwrap();
        assert_eq!(
            (germany.name(Lang::En), germany.name(De), germany.name(Pt)),
            (Some("Germany"), Some("Deutschland"), Some("Alemanha"))
        );
        assert!(germany.heading(Pt).starts_with("Na Alemanha ("), "{}", germany.heading(Pt));
        assert_eq!(detect("sou brasileiro", Some(Pt)).unwrap().heading(Fr), "Au Brésil");
        assert_eq!(Place::of(Ch).name(De), None);
        let json = serde_json::to_value(germany).unwrap();
        assert_eq!(json, serde_json::json!({ "region": "Eu", "name": "Germany" }));
    }

    #[test]
    fn the_place_tables_are_folded_complete_and_unambiguous() {
        let mut seen: std::collections::HashMap<String, Place> = std::collections::HashMap::new();
        for (form, place) in places::every_form() {
            assert_eq!(fold_phrase(&form), form, "{form:?} is written folded in the tables");
            if let Some(other) = seen.insert(form.clone(), place) {
                assert_eq!(other, place, "{form:?} names two places");
            }
        }
        for (form, ..) in places::WRITTEN {
            assert!(seen.contains_key(*form), "WRITTEN lists {form:?}, which no place has");
        }
        for country in places::COUNTRIES {
            for lang in Lang::ALL {
                let name = country.name(lang);
                assert!(
                    !name.is_empty() && country.at(lang).ends_with(name),
                    "{country:?} in {lang}: `at` names it after a `|`"
                );
            }
        }
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
        for question in [
            "\u{1F1E6}\u{1F1E6}\u{1F1E6}",
            "U.",
            ".U",
            "'s",
            "ß".repeat(5000).as_str(),
            "🇨🇦🇺🇸",
            "\u{0301}uk",
            "l'",
            "'",
            "-",
            "a-",
            "E.E.U.U.",
        ] {
            for lang in [None, Some(Pt), Some(Nl)] {
                let _ = detect(question, lang);
                let _ = neutralize(question, lang);
            }
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Words that name no place in any language, with the bot's subject words.
    const FILLER: &[&str] =
        &["how", "do", "i", "opt", "out", "of", "linkedin", "training", "my", "data", "please", "?"];

    /// Ways the tables name one region.
    const PLACES: &[(&str, Region)] = &[
        ("Canada", Region::Ca),
        ("Deutschland", Region::Eu),
        ("the UK", Region::Uk),
        ("🇨🇦", Region::Ca),
        ("Hong Kong", Region::Hk),
        ("Switzerland", Region::Ch),
        ("the EU", Region::Eu),
        ("USA", Region::Us),
        ("Brasil", Region::Other),
    ];

    fn question_text() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            prop::sample::select(FILLER).prop_map(str::to_owned),
            prop::sample::select(PLACES).prop_map(|(p, _)| p.to_owned()),
            "\\PC{1,8}",
            "[A-Za-z'’.-]{1,8}",
            Just("l'".to_owned()),
            Just("🇪🇺".to_owned()),
        ];
        prop::collection::vec(word, 0..20).prop_map(|words| words.join(" "))
    }

    fn language() -> impl Strategy<Value = Option<Lang>> {
        prop::option::of(prop::sample::select(Lang::ALL.to_vec()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_place_reader_never_panics_and_only_removes(question in question_text(), lang in language()) {
            let found = detect(&question, lang);
            let neutral = neutralize(&question, lang);
            if found.is_none() {
                // Nothing to find: nothing removed (several regions are a comparison, kept too).
                let places = scan(&words(&question), lang);
                if places.is_empty() {
                    prop_assert_eq!(&neutral, &question);
                }
            }
            // Only removes: what is left is a subsequence of the question's words (an elided
            // article stays glued to the word after it, "j'habite").
            if neutral != question {
                let originals: Vec<String> = words(&question).into_iter().map(|w| w.original).collect();
                let mut rest = originals.iter();
                for word in neutral.split_whitespace() {
                    prop_assert!(rest.any(|o| word.starts_with(o.as_str())), "{word:?} not in {question:?}");
                }
            }
        }

        #[test]
        fn a_named_place_is_found_and_removed(
            before in prop::collection::vec(prop::sample::select(FILLER), 0..6),
            place in prop::sample::select(PLACES),
            after in prop::collection::vec(prop::sample::select(FILLER), 0..6),
        ) {
            let question = format!("{} in {} {}", before.join(" "), place.0, after.join(" "));
            prop_assert_eq!(detect(&question, None).map(|p| p.region), Some(place.1), "{}", question);
            let neutral = neutralize(&question, None);
            prop_assert_eq!(detect(&neutral, None), None, "{:?} keeps no place", neutral);
        }
    }
}
