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
        let languages = self.languages();
        let detected = lang::detect(question, &languages);
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
        // A confident language (or a forced one) is trusted with its own answer.
        let trusted = matches!(hint, LangHint::Forced(_)) || detected.is_some_and(|d| d.confident);
        let mut best = first.clone();
        if !(trusted && replies_with_entry(&first)) {
            for outcome in outcomes {
                if replies_with_entry(&outcome)
                    && (!replies_with_entry(&best) || outcome.confidence() > best.confidence())
                {
                    best = outcome;
                }
            }
        }
        if !replies_with_entry(&best) {
            best = first;
        }
        best.detected = detected;
        best.reply_language = reply_language;
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
