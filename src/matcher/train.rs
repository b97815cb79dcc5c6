//! Building the index: feature-major postings and the linear scorer's training pass.

use rustc_hash::FxHashMap as HashMap;

use super::features::SparseVector;
use super::MatcherConfig;

/// Builds feature-major postings (offsets, (item, weight)) from (feature, item, weight) triples.
pub(super) fn feature_major(
    feature_count: usize,
    triples: impl Iterator<Item = (u32, u32, f32)> + Clone,
) -> (Vec<u32>, Vec<(u32, f32)>) {
    let mut offsets = vec![0u32; feature_count + 1];
    for (f, _, _) in triples.clone() {
        offsets[f as usize + 1] += 1;
    }
    for f in 0..feature_count {
        offsets[f + 1] += offsets[f];
    }
    let mut cursor = offsets.clone();
    let mut postings = vec![(0u32, 0.0f32); offsets[feature_count] as usize];
    for (f, item, w) in triples {
        let slot = &mut cursor[f as usize];
        postings[*slot as usize] = (item, w);
        *slot += 1;
    }
    (offsets, postings)
}

/// Per-feature rows of (entry, weight): centroids refined by a perceptron pass.
pub(super) fn train_linear(
    entry_count: usize,
    feature_count: usize,
    vectors: &[(u32, SparseVector)],
    config: &MatcherConfig,
) -> Vec<Vec<(u32, f32)>> {
    // Centroids: the mean phrasing vector of each entry, normalized.
    let mut centroid: Vec<HashMap<u32, f32>> = vec![HashMap::default(); entry_count];
    for (entry, vector) in vectors {
        for &(f, w) in vector {
            *centroid[*entry as usize].entry(f).or_default() += w;
        }
    }
    let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); feature_count];
    for (entry, weights) in centroid.into_iter().enumerate() {
        let norm = weights.values().map(|w| w * w).sum::<f32>().sqrt();
        for (f, w) in weights {
            rows[f as usize].push((entry as u32, if norm > 0.0 { w / norm } else { 0.0 }));
        }
    }
    for row in &mut rows {
        row.sort_unstable_by_key(|(e, _)| *e);
    }

    // Perceptron: where a phrasing scores its own entry less than `training_margin`
    // above the best other entry, move both entries' weights toward / away from it.
    let mut order: Vec<usize> = (0..vectors.len()).collect();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut scores = vec![0.0f32; entry_count];
    for _ in 0..config.training_epochs {
        rng.shuffle(&mut order);
        for &index in &order {
            let (truth, vector) = &vectors[index];
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &(f, w) in vector {
                for &(e, weight) in &rows[f as usize] {
                    scores[e as usize] += w * weight;
                }
            }
            let truth = *truth as usize;
            let rival = (0..entry_count)
                .filter(|&e| e != truth)
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
            let Some(rival) = rival else { break };
            if scores[truth] - scores[rival] >= config.training_margin {
                continue;
            }
            for &(f, w) in vector {
                let row = &mut rows[f as usize];
                add_to_row(row, truth as u32, config.learning_rate * w);
                add_to_row(row, rival as u32, -config.learning_rate * w);
            }
        }
    }
    rows
}

fn add_to_row(row: &mut Vec<(u32, f32)>, entry: u32, delta: f32) {
    match row.binary_search_by_key(&entry, |(e, _)| *e) {
        Ok(i) => row[i].1 += delta,
        Err(i) => row.insert(i, (entry, delta)),
    }
}

/// A tiny deterministic generator: training order must not change between runs.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}
