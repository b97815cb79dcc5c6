//! Typo tolerance: maps a word the FAQ never uses to the closest word it does.
//!
//! A full scan of the vocabulary with an edit distance per unknown word would
//! cost O(vocabulary × length) per question. Instead, as in SymSpell, every
//! vocabulary word is indexed under itself and each string made by deleting one
//! of its characters; an unknown word looks up itself and its own one-character
//! deletions, which finds every word within two edits, and only those few
//! candidates are checked with `strsim`'s optimal-string-alignment distance
//! (Levenshtein plus adjacent transpositions, the typos people make).

use rustc_hash::FxHashMap;

/// Words shorter than this are never corrected: too many real words lie one edit apart.
pub const MIN_CORRECTABLE_CHARS: usize = 5;

/// Words at least this long may be two edits away from what was meant.
pub const TWO_EDITS_FROM_CHARS: usize = 9;

#[derive(Debug, Default)]
pub struct TypoIndex {
    words: Vec<String>,
    frequency: Vec<u32>,
    by_deletion: FxHashMap<String, Vec<u32>>,
}

impl TypoIndex {
    /// Indexes `vocabulary` (word, how often the FAQ uses it).
    pub fn new<'a>(vocabulary: impl IntoIterator<Item = (&'a str, u32)>) -> TypoIndex {
        let mut index = TypoIndex::default();
        for (word, count) in vocabulary {
            if word.chars().count() < MIN_CORRECTABLE_CHARS - 1 {
                continue;
            }
            let id = index.words.len() as u32;
            index.words.push(word.to_owned());
            index.frequency.push(count);
            for key in std::iter::once(word.to_owned()).chain(deletions(word)) {
                let ids = index.by_deletion.entry(key).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
        }
        index
    }

    /// The vocabulary word `word` most likely meant, if one is close enough.
    pub fn correct(&self, word: &str) -> Option<&str> {
        let length = word.chars().count();
        if length < MIN_CORRECTABLE_CHARS || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        let allowed = if length >= TWO_EDITS_FROM_CHARS { 2 } else { 1 };
        let mut best: Option<(usize, u32, u32)> = None;
        for key in std::iter::once(word.to_owned()).chain(deletions(word)) {
            let Some(ids) = self.by_deletion.get(&key) else { continue };
            for &id in ids {
                let candidate = &self.words[id as usize];
                let distance = strsim::osa_distance(word, candidate);
                if distance == 0 || distance > allowed {
                    continue;
                }
                let frequency = self.frequency[id as usize];
                let better = match best {
                    None => true,
                    Some((d, f, _)) => distance < d || (distance == d && frequency > f),
                };
                if better {
                    best = Some((distance, frequency, id));
                }
            }
        }
        best.map(|(_, _, id)| self.words[id as usize].as_str())
    }
}

fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    let boundaries: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    boundaries.into_iter().map(move |start| {
        let end = word[start..].chars().next().map_or(start, |c| start + c.len_utf8());
        let mut deleted = String::with_capacity(word.len());
        deleted.push_str(&word[..start]);
        deleted.push_str(&word[end..]);
        deleted
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> TypoIndex {
        TypoIndex::new([("linkedin", 10), ("privacy", 5), ("settings", 7), ("delete", 3), ("training", 4)])
    }

    #[test]
    fn corrects_common_typos() {
        let index = index();
        let cases = [
            ("linkdin", Some("linkedin")),
            ("linkedln", Some("linkedin")),
            ("lnikedin", Some("linkedin")),
            ("privcy", Some("privacy")),
            ("setings", Some("settings")),
            ("trainnig", Some("training")),
            ("deleet", Some("delete")),
        ];
        for (typo, expected) in cases {
            assert_eq!(index.correct(typo), expected, "correct({typo:?})");
        }
    }

    #[test]
    fn leaves_short_distant_and_known_words_alone() {
        let index = index();
        for word in ["meta", "linkedin", "weather", "12345", "🤖🤖🤖🤖🤖", "ليييينكد"] {
            assert_eq!(index.correct(word), None, "correct({word:?})");
        }
    }
}
