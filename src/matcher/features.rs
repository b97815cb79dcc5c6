//! Sparse TF-IDF features of a phrasing: word terms, word bigrams and character
//! n-grams inside words.
//!
//! Terms carry meaning; bigrams keep a little word order ("opt out" vs "out of");
//! character n-grams make the match robust to inflections and typos that the
//! stemmer and the typo index miss. Features are identified by a 64-bit hash of
//! their text, so a question allocates no strings for its n-grams.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Longest character n-gram, taken inside each word padded with spaces
/// (the shortest is a setting: see `MatcherConfig::char_ngram_min`).
pub const CHAR_NGRAM_MAX: usize = 5;

/// Which family a feature belongs to; each family is normalized on its own and
/// then weighted, so long words cannot drown out the word terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Word = 0,
    Char = 1,
}

/// A feature key: the family and a hash of the feature's text.
pub type FeatureKey = u64;

/// An analyzed phrasing, ready for feature extraction.
#[derive(Debug, Default)]
pub struct Analyzed {
    /// Stemmed terms without stop words.
    pub terms: Vec<String>,
    /// Normalized words (with synonyms joined) for character n-grams.
    pub words: Vec<String>,
}

/// Appends every feature occurrence of `analyzed` to `out` (duplicates kept: they are term frequency).
pub fn extract(analyzed: &Analyzed, char_ngram_min: usize, out: &mut Vec<(FeatureKey, Family)>) {
    for term in &analyzed.terms {
        out.push((term_key(term), Family::Word));
    }
    for pair in analyzed.terms.windows(2) {
        out.push((hash_parts(b'b', &[pair[0].as_bytes(), b" ", pair[1].as_bytes()]), Family::Word));
    }
    let mut boundaries: Vec<usize> = Vec::with_capacity(32);
    let mut padded = String::with_capacity(32);
    for word in &analyzed.words {
        padded.clear();
        padded.push(' ');
        padded.push_str(word);
        padded.push(' ');
        boundaries.clear();
        boundaries.extend(padded.char_indices().map(|(i, _)| i));
        boundaries.push(padded.len());
        let chars = boundaries.len() - 1;
        for n in char_ngram_min..=CHAR_NGRAM_MAX.min(chars) {
            for start in 0..=chars - n {
                let gram = &padded.as_bytes()[boundaries[start]..boundaries[start + n]];
                out.push((hash_parts(b'c', &[gram]), Family::Char));
            }
        }
    }
}

/// The key of a single word term (as opposed to a bigram or a character n-gram).
pub fn term_key(term: &str) -> FeatureKey {
    hash_parts(b'w', &[term.as_bytes()])
}

/// FNV-1a over a family tag and the parts: fast, stable across runs and platforms.
fn hash_parts(tag: u8, parts: &[&[u8]]) -> FeatureKey {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |byte: u8| {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    feed(tag);
    for part in parts {
        for &byte in *part {
            feed(byte);
        }
    }
    hash
}

/// A hasher for keys that already are good hashes.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

pub type KeyMap<V> = HashMap<FeatureKey, V, BuildHasherDefault<IdentityHasher>>;

/// A sparse vector: (feature id, weight), sorted by feature id, L2-normalized.
pub type SparseVector = Vec<(u32, f32)>;

/// Feature occurrences counted: sorted (key, family, count).
pub type Counted = Vec<(FeatureKey, Family, u32)>;

/// Counts occurrences.
pub fn count(mut occurrences: Vec<(FeatureKey, Family)>) -> Counted {
    occurrences.sort_unstable();
    let mut counted: Vec<(FeatureKey, Family, u32)> = Vec::with_capacity(occurrences.len());
    for (key, family) in occurrences {
        match counted.last_mut() {
            Some((last, _, n)) if *last == key => *n += 1,
            _ => counted.push((key, family, 1)),
        }
    }
    counted
}

/// The id of a feature the index has never seen: it counts in a question's
/// norm (see `weigh`) but matches nothing.
pub const UNKNOWN_FEATURE: u32 = u32::MAX;

/// Sublinear TF times IDF, each family normalized and weighted, then the whole
/// normalized; features with id [`UNKNOWN_FEATURE`] take `unknown_idf` and are
/// dropped after normalization, so words the FAQ never uses dilute the match
/// instead of vanishing ("how do I cook rice" is mostly not about the FAQ).
pub fn weigh(
    counted: impl Iterator<Item = (u32, Family, u32)>,
    idf: &[f32],
    unknown_idf: f32,
    family_weight: [f32; 2],
) -> SparseVector {
    let mut vector: Vec<(u32, f32, Family)> = counted
        .map(|(id, family, n)| {
            let idf = idf.get(id as usize).copied().unwrap_or(unknown_idf);
            (id, (1.0 + (n as f32).ln()) * idf, family)
        })
        .collect();
    let mut norms = [0.0f32; 2];
    for (_, w, family) in &vector {
        norms[*family as usize] += w * w;
    }
    for (_, w, family) in &mut vector {
        let norm = norms[*family as usize].sqrt();
        if norm > 0.0 {
            *w *= family_weight[*family as usize] / norm;
        }
    }
    let total = vector.iter().map(|(_, w, _)| w * w).sum::<f32>().sqrt();
    let mut out: SparseVector = vector
        .into_iter()
        .filter(|(id, _, _)| *id != UNKNOWN_FEATURE)
        .map(|(id, w, _)| (id, if total > 0.0 { w / total } else { 0.0 }))
        .collect();
    out.sort_unstable_by_key(|(id, _)| *id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_ngrams_respect_unicode_boundaries() {
        let analyzed = Analyzed { terms: vec!["é".into()], words: vec!["日本語".into(), "a".into()] };
        let mut out = Vec::new();
        extract(&analyzed, 2, &mut out);
        // " 日本語 " has 5 chars: 4 bigrams, 3 trigrams, 2 four-grams, 1 five-gram; " a " 2+1.
        let chars = out.iter().filter(|(_, f)| *f == Family::Char).count();
        assert_eq!(chars, 10 + 3);
    }

    #[test]
    fn weighted_vectors_are_unit_length() {
        let idf = vec![1.0, 2.0, 3.0];
        let v = weigh(
            [(0, Family::Word, 1), (1, Family::Word, 3), (2, Family::Char, 2)].into_iter(),
            &idf,
            0.0,
            [1.0, 1.0],
        );
        let norm: f32 = v.iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-5, "norm was {norm}");
    }
}
