//! Every must-know fact of `../shared/source/linkedin-facts.md`, pinned to the answer
//! that carries it: the question a member asks, the entry that must answer it, and
//! the words the answer (for the place the question names) must contain.

use optout_bot::app::knowledge::Knowledge;
use optout_bot::app::reply::{self, Asked, Reply};
use optout_bot::app::view;
use optout_bot::faq::Faq;
use optout_bot::matcher::LangHint;
use optout_bot::region::Region;

fn knowledge() -> Knowledge {
    Knowledge::build(Faq::embedded(), &[], &Default::default())
}

fn ask<'k>(knowledge: &'k Knowledge, question: &str, region: Option<Region>) -> Asked<'k> {
    reply::ask(knowledge, question, region, LangHint::None, None)
}

/// What a member can read for a question: the first reply, and the details one tap away.
fn readable(asked: &Asked<'_>) -> String {
    let Reply::Answer(entry) = asked.reply else { return String::new() };
    let first = view::first_reply_text(entry, asked.place.as_ref(), &asked.facets, asked.lang);
    format!("{first}\n\n{}", entry.answer)
}

struct Fact {
    question: &'static str,
    region: Option<Region>,
    entry: &'static str,
    must_contain: &'static [&'static str],
}

const FACTS: &[Fact] = &[
    Fact {
        question: "I'm in Canada, does this apply to me?",
        region: None,
        entry: "regions",
        must_contain: &["Canada", "3 November 2025"],
    },
    Fact {
        question: "does it apply to me?",
        region: Some(Region::Hk),
        entry: "regions",
        must_contain: &["Hong Kong", "3 November 2025"],
    },
    Fact {
        question: "I live in the US, when did this start for me?",
        region: None,
        entry: "start-date",
        must_contain: &["In the US", "18 September 2024", "20 November 2024"],
    },
    Fact {
        question: "when did it start in da UK",
        region: None,
        entry: "start-date",
        must_contain: &["In the UK", "3 November 2025", "reported"],
    },
    Fact {
        question: "are my InMail messages used?",
        region: None,
        entry: "private-messages",
        must_contain: &["private messages are not used", "InMail"],
    },
    Fact {
        question: "does microsoft get my linkedin data?",
        region: None,
        entry: "who-trains",
        must_contain: &["Microsoft", "affiliates", "Azure OpenAI"],
    },
    Fact {
        question: "is the setting on by default?",
        region: None,
        entry: "default-on",
        must_contain: &["on by default"],
    },
    Fact {
        question: "is there a direct link to the setting?",
        region: None,
        entry: "opt-out-how",
        must_contain: &[
            "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
            "In the app",
            "Settings & Privacy",
        ],
    },
    Fact {
        question: "my son is 16, is his data used?",
        region: None,
        entry: "minors",
        must_contain: &["under 18", "even if the setting shows"],
    },
    Fact {
        question: "can I still use the AI writing tools if I opt out?",
        region: None,
        entry: "features-after-opt-out",
        must_contain: &["**Yes.**", "still processed"],
    },
    Fact {
        question: "what is the objection form?",
        region: None,
        entry: "objection-form",
        must_contain: &["https://www.linkedin.com/help/linkedin/ask/TS-DPRO", "Non-members"],
    },
    Fact {
        question: "does the setting cover the feed personalisation models?",
        region: None,
        entry: "setting-scope",
        must_contain: &["only AI models that generate content", "personalise", "security"],
    },
    Fact {
        question: "if I opt out is the data already used removed?",
        region: None,
        entry: "deletion",
        must_contain: &["Opting out does not affect training that has already taken place"],
    },
    Fact {
        question: "who do I complain to?",
        region: Some(Region::Eu),
        entry: "complaint",
        must_contain: &["Data Protection Commission"],
    },
    Fact {
        question: "who do I complain to in Canada?",
        region: None,
        entry: "complaint",
        must_contain: &["Office of the Privacy Commissioner of Canada"],
    },
    Fact {
        question: "does linkedin share my data with microsoft for ads?",
        region: Some(Region::Uk),
        entry: "ads-data-sharing",
        must_contain: &["does not apply to you"],
    },
    Fact {
        question: "how do I stop linkedin sharing my data with microsoft for ads?",
        region: Some(Region::Us),
        entry: "ads-data-sharing",
        must_contain: &["Advertising data", "Global Privacy Control"],
    },
    Fact {
        question: "which gdpr rights do I have?",
        region: Some(Region::Eu),
        entry: "gdpr",
        must_contain: &["Art. 21", "Art. 15", "Art. 17", "Art. 77"],
    },
    Fact {
        question: "is my résumé used?",
        region: None,
        entry: "data-types",
        must_contain: &["résumés", "Not used:** private messages"],
    },
];

#[test]
fn every_must_know_fact_is_in_the_answer_that_carries_it() {
    let knowledge = knowledge();
    let mut wrong = Vec::new();
    for fact in FACTS {
        let asked = ask(&knowledge, fact.question, fact.region);
        let Reply::Answer(entry) = asked.reply else {
            wrong.push(format!("{:?}: expected an answer from `{}`, got {:?}", fact.question, fact.entry, asked.reply));
            continue;
        };
        if entry.id != fact.entry {
            wrong.push(format!("{:?}: answered with `{}`, expected `{}`", fact.question, entry.id, fact.entry));
            continue;
        }
        let text = readable(&asked);
        for needle in fact.must_contain {
            if !text.contains(needle) {
                wrong.push(format!("{:?} ({}): the answer lacks {needle:?}:\n{text}", fact.question, entry.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{} fact(s) not carried:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn a_regional_answer_leads_with_the_region_and_keeps_the_general_one_a_tap_away() {
    let knowledge = knowledge();
    let asked = ask(&knowledge, "I'm in Canada, does this apply to me?", None);
    let Reply::Answer(entry) = asked.reply else { panic!("answered") };
    let first = view::first_reply_text(entry, asked.place.as_ref(), &asked.facets, asked.lang);
    assert!(first.starts_with("**In Canada:**"), "region first: {first}");
    assert!(!first.contains("Hong Kong"), "only the member's region in the first reply: {first}");
    let details = view::details(&knowledge.faq, &entry.id, asked.lang).expect("the entry has details");
    assert_eq!(details.cards[0].description, entry.answer, "the general answer is one tap away");
    let explicit = ask(&knowledge, "I'm in Canada, does this apply to me?", Some(Region::Us));
    assert_eq!(explicit.place.map(|p| p.region), Some(Region::Us), "an explicit region wins");
}

#[test]
fn other_companies_own_ai_is_still_declined() {
    let knowledge = knowledge();
    for question in ["does GitHub Copilot train on my code", "How do I opt out of Meta AI training on Instagram?"] {
        let asked = ask(&knowledge, question, None);
        assert!(matches!(asked.reply, Reply::Decline(_)), "{question:?} must be declined, got {:?}", asked.reply);
    }
}

#[test]
fn a_place_name_neither_makes_nor_breaks_a_match() {
    let knowledge = knowledge();
    for question in
        ["does it apply in Liechtenstein?", "does this apply to members in Malta?", "hi from 🇨🇦, does this cover me"]
    {
        let asked = ask(&knowledge, question, None);
        let Reply::Answer(entry) = asked.reply else { panic!("{question:?} must be answered, got {:?}", asked.reply) };
        assert_eq!(entry.id, "regions", "{question:?}");
        assert!(asked.place.is_some(), "{question:?} names a place");
    }
    for question in ["best restaurants in canada", "weather in the UK today", "cheap flights to germany"] {
        let asked = ask(&knowledge, question, None);
        assert!(!matches!(asked.reply, Reply::Answer(_)), "{question:?} must not be answered, got {:?}", asked.reply);
    }
}

#[test]
fn place_words_are_read_in_the_question_s_language() {
    let knowledge = knowledge();
    let cases = [
        // Portuguese "eu" is "I": a Brazilian, not the EU.
        ("eu moro em São Paulo, a partilha de dados com a Microsoft vale para mim?", Some(Region::Other)),
        // Portuguese and Spanish "usa" is "uses".
        ("o linkedin usa meus dados desde quando?", None),
        ("¿LinkedIn usa mis datos?", None),
        ("is the eu included", Some(Region::Eu)),
    ];
    for (question, region) in cases {
        let asked = ask(&knowledge, question, None);
        assert_eq!(asked.place.map(|p| p.region), region, "{question:?}");
    }
}

#[test]
fn every_fact_entry_cites_sources_and_region_entries_have_region_text() {
    let faq = Faq::embedded();
    for entry in faq.entries().iter().filter(|e| !e.id.starts_with("smalltalk-")) {
        assert!(!entry.sources.is_empty(), "`{}` cites no sources", entry.id);
        assert!(entry.last_reviewed.is_some(), "`{}` has no review date", entry.id);
        assert!(
            !entry.answer.contains("*How do I") && !entry.answer.contains("see *"),
            "`{}` uses an italic cross-reference",
            entry.id
        );
    }
    for id in ["regions", "start-date", "gdpr", "complaint", "ads-data-sharing"] {
        let entry = faq.entry(id).unwrap_or_else(|| panic!("`{id}` exists"));
        for region in Region::ALL {
            assert!(entry.regional(region).is_some(), "`{id}` has no text for {region}");
        }
    }
}
