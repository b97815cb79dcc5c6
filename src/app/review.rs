//! Questions moderators should review: those the bot declined or answered "not helpfully",
//! grouped by their normalized text, leaving out what the FAQ already knows.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::usage::ReviewQuestion;
use crate::faq::Faq;
use crate::text;

/// A question to review, with how often it came up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnansweredQuestion {
    /// The most recent spelling people used.
    pub question: String,
    /// [`text::normalize`]d: what the grouping is by.
    pub normalized: String,
    /// How often it was declined or voted not helpful.
    pub times: u64,
    pub declined: u64,
    pub not_helpful: u64,
    /// The entries that were answered when people voted "not helpful", most often first.
    pub answered_with: Vec<String>,
    pub last_asked: DateTime<Utc>,
}

/// The normalized phrasings the FAQ already knows, so questions already taught
/// to it (e.g. just added as a variant) drop off the review list.
pub fn known_phrasings(faq: &Faq) -> HashSet<String> {
    faq.entries().iter().flat_map(|entry| entry.phrasings()).map(text::normalize).collect()
}

/// Groups declined and not-helpful questions by their normalized text, most
/// frequent first (then most recent), leaving out those in `known`.
pub fn unanswered(records: &[ReviewQuestion], known: &HashSet<String>) -> Vec<UnansweredQuestion> {
    let mut groups: HashMap<String, (UnansweredQuestion, HashMap<String, u64>)> = HashMap::new();
    for record in records {
        let normalized = text::normalize(&record.question);
        if normalized.is_empty() || known.contains(&normalized) {
            continue;
        }
        let (group, entries) = groups.entry(normalized.clone()).or_insert_with(|| {
            (
                UnansweredQuestion {
                    question: record.question.trim().to_owned(),
                    normalized,
                    times: 0,
                    declined: 0,
                    not_helpful: 0,
                    answered_with: Vec::new(),
                    last_asked: record.at,
                },
                HashMap::new(),
            )
        });
        group.times += 1;
        match &record.not_helpful_entry {
            None => group.declined += 1,
            Some(entry) => {
                group.not_helpful += 1;
                *entries.entry(entry.clone()).or_default() += 1;
            }
        }
        if record.at > group.last_asked {
            group.last_asked = record.at;
            group.question = record.question.trim().to_owned();
        }
    }
    let mut list: Vec<UnansweredQuestion> = groups
        .into_values()
        .map(|(mut group, entries)| {
            let mut entries: Vec<(String, u64)> = entries.into_iter().collect();
            entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            group.answered_with = entries.into_iter().map(|(entry, _)| entry).collect();
            group
        })
        .collect();
    list.sort_by(|a, b| {
        b.times
            .cmp(&a.times)
            .then_with(|| b.last_asked.cmp(&a.last_asked))
            .then_with(|| a.normalized.cmp(&b.normalized))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-15T12:00:00Z").unwrap().with_timezone(&Utc) + Duration::minutes(minutes)
    }

    fn declined(question: &str, minutes: i64) -> ReviewQuestion {
        ReviewQuestion { question: question.into(), at: at(minutes), not_helpful_entry: None }
    }

    fn not_helpful(question: &str, entry: &str, minutes: i64) -> ReviewQuestion {
        ReviewQuestion { question: question.into(), at: at(minutes), not_helpful_entry: Some(entry.into()) }
    }

    #[test]
    fn unanswered_groups_by_normalized_text_most_frequent_first() {
        let records = vec![
            declined("Does Meta do this too?", 0),
            declined("does meta do this too", 5),
            not_helpful("DOES META DO THIS TOO!!", "overview", 7),
            declined("what about reddit", 10),
            not_helpful("can i undo it", "opt-out-how", 1),
            not_helpful("can i undo it", "opt-out-how", 2),
            not_helpful("can i undo it", "deletion", 3),
            declined("   ", 4),
            declined("how do i opt out", 20),
        ];
        let known: HashSet<String> = ["how do i opt out".to_owned()].into();
        let list = unanswered(&records, &known);
        let summary: Vec<(&str, u64, u64, u64)> =
            list.iter().map(|q| (q.question.as_str(), q.times, q.declined, q.not_helpful)).collect();
        assert_eq!(
            summary,
            vec![("DOES META DO THIS TOO!!", 3, 2, 1), ("can i undo it", 3, 0, 3), ("what about reddit", 1, 1, 0),],
            "most frequent first, ties by most recent; the latest spelling shown; blank and known questions left out"
        );
        assert_eq!(list[1].answered_with, vec!["opt-out-how".to_owned(), "deletion".to_owned()]);
        assert_eq!(list[0].last_asked, at(7));
    }
}
