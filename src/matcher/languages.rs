//! A question in any of the FAQ's languages: which language's index to ask, in which
//! order, and which outcome wins.
//!
//! Every language has its own index (its own stemmer, compounds, typo vocabulary and
//! negatives), and entry indices are shared, so an entry found in one language can be
//! answered in another. The order:
//! 1. the question's language, when it is detected with confidence: its answer wins;
//! 2. otherwise English (and, for a question too short or mixed to tell, the
//!    member's language and the guessed one too): the most confident answer wins;
//! 3. no answer anywhere: the first language's "did you mean", else its decline.

use super::{Decision, MatchOutcome, Matcher};
use crate::lang::{self, Lang};

/// The confidence an answer from another language's index needs when the question's
/// own language is known but its index has no answer.
const FALLBACK_MIN_CONFIDENCE: f32 = 0.35;

/// How the member's language is known, besides the question itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LangHint {
    /// Nothing known: reply in the question's language, else English.
    #[default]
    None,
    /// The member's Discord locale: the reply language when the question's is unclear.
    Locale(Lang),
    /// `--lang`: match in this language first and always reply in it.
    Forced(Lang),
}

impl Matcher {
    /// Ranks the entries for `question`, in whatever language it is asked.
    pub fn find(&self, question: &str) -> MatchOutcome {
        self.find_for(question, LangHint::None)
    }

    /// [`Matcher::find`] with what is known about the member's language.
    pub fn find_for(&self, question: &str, hint: LangHint) -> MatchOutcome {
        let scores = if self.translations.is_empty() { None } else { lang::scores(question) };
        self.find_scored(question, hint, scores.as_ref())
    }

    /// [`Matcher::find_for`] with the question's language scores already computed (see
    /// [`crate::app::reply::ask`], which reads its places with the same scores).
    pub fn find_scored(&self, question: &str, hint: LangHint, scores: Option<&lang::Scores>) -> MatchOutcome {
        let languages = self.languages();
        let detected = scores.and_then(|s| s.among(&languages));
        let locale = match hint {
            LangHint::Locale(lang) | LangHint::Forced(lang) => Some(lang).filter(|l| languages.contains(l)),
            LangHint::None => None,
        };
        let reply_language = match hint {
            LangHint::Forced(lang) => lang,
            _ => lang::reply_language(detected, locale),
        };
        let mut order: Vec<Lang> = Vec::with_capacity(3);
        let mut push = |lang: Lang| {
            if !order.contains(&lang) && languages.contains(&lang) {
                order.push(lang);
            }
        };
        match (hint, detected) {
            (LangHint::Forced(forced), _) => push(forced),
            (_, Some(d)) if d.confident => push(d.lang),
            (_, guess) => {
                if let Some(locale) = locale {
                    push(locale);
                }
                if let Some(guess) = guess {
                    push(guess.lang);
                }
            }
        }
        push(self.lang);

        let mut outcomes = order.iter().map(|&lang| {
            let mut outcome = self.index(lang).find_here(question);
            outcome.language = lang;
            outcome
        });
        let first = outcomes.next().expect("the FAQ's own language is always tried");
        // A confident language (or a forced one) is trusted with its own answer, and so is
        // the member's own language for a question too short to tell ("ciao" is a greeting
        // in Italian, a goodbye in English).
        let trusted = matches!(hint, LangHint::Forced(_) | LangHint::Locale(_)) && order.first() == locale.as_ref()
            || detected.is_some_and(|d| d.confident);
        let mut best = first.clone();
        if !(trusted && replies_with_entry(&first)) {
            for outcome in outcomes {
                // A question surely in one language that its own index cannot answer is
                // answered from another only with a clear match: "opt-out linkedin, wo?"
                // is, "comment personnaliser l'url de mon profil" (which shares "profil"
                // and "public" with English phrasings) is not.
                let clear_enough = !trusted || outcome.confidence() >= FALLBACK_MIN_CONFIDENCE;
                if replies_with_entry(&outcome)
                    && clear_enough
                    && (!replies_with_entry(&best) || outcome.confidence() > best.confidence())
                {
                    best = outcome;
                }
            }
        }
        if !replies_with_entry(&best) {
            best = first;
        }
        // An unsure guess that its own language's index confirms (it answered there, not
        // in English) is the question's language: "merci beaucoup, c'est top" is French
        // although the detector alone is not sure.
        let confirmed = detected
            .filter(|d| !d.confident && d.lang != self.lang && d.lang == best.language && replies_with_entry(&best));
        best.reply_language = match (hint, confirmed) {
            (LangHint::Forced(_), _) | (_, None) => reply_language,
            (_, Some(guess)) => guess.lang,
        };
        best.detected = detected;
        best
    }

    /// The FAQ's language first, then its translations'.
    pub fn languages(&self) -> Vec<Lang> {
        std::iter::once(self.lang).chain(self.translations.iter().map(|t| t.lang)).collect()
    }

    /// The index for `lang` (the FAQ's own when it has no translation in `lang`).
    fn index(&self, lang: Lang) -> &Matcher {
        self.translations.iter().find(|t| t.lang == lang).unwrap_or(self)
    }
}

/// Whether the outcome replies with an entry right away (an answer or small talk).
fn replies_with_entry(outcome: &MatchOutcome) -> bool {
    matches!(outcome.decision, Decision::Answer | Decision::SmallTalk { .. })
}
