//! Building the index: feature-major postings and the linear scorer's training pass.

use rustc_hash::FxHashMap as HashMap;

use super::features::SparseVector;
use super::*;

impl Matcher {
    /// The index of one language's FAQ (its translations are indexed by [`Matcher::new`]).
    pub(super) fn one_language(faq: &Faq, config: MatcherConfig) -> Matcher {
        let lang = faq.lang();
        let mut analyzer = Analyzer::for_language(lang, config.remove_stop_words);
        let entries = faq.entries();
        if analyzer.joins_compounds() {
            // The words of the FAQ's own texts in this language, to split compounds into.
            let known: HashSet<String> = entries
                .iter()
                .flat_map(|e| e.phrasings().chain([e.answer.as_str()]))
                .flat_map(|text| analyzer.words(text))
                .collect();
            analyzer = analyzer.with_compounds(known);
        }

        // 1. Analyze every phrasing; collect the vocabulary for typo correction.
        let mut word_counts: HashMap<String, u32> = HashMap::default();
        let mut phrasings: Vec<(u32, features::Counted)> = Vec::new();
        // (term key, class) pairs: which words each class's phrasings use.
        let mut class_terms: HashSet<(features::FeatureKey, u32)> = HashSet::default();
        for (entry_index, entry) in entries.iter().enumerate() {
            for phrasing in entry.phrasings() {
                let analyzed = analyze(&analyzer, phrasing);
                class_terms.extend(analyzed.terms.iter().map(|t| (features::term_key(t), entry_index as u32)));
                for word in &analyzed.words {
                    *word_counts.entry(word.clone()).or_default() += 1;
                }
                let mut occurrences = Vec::new();
                features::extract(&analyzed, config.char_ngram_min, &mut occurrences);
                phrasings.push((entry_index as u32, features::count(occurrences)));
            }
        }

        // Negative questions form one more class after the entries: "none of them".
        let class_count = entries.len() + usize::from(!faq.negatives().is_empty());
        // A negative question that is word for word one of the phrasings (say "who are
        // you", once a negative, now a small-talk variant) would teach both answers.
        let known: HashSet<String> = entries.iter().flat_map(Entry::phrasings).map(normalize).collect();
        let negatives: Vec<&String> = faq.negatives().iter().filter(|q| !known.contains(&normalize(q))).collect();
        for negative in negatives {
            let analyzed = analyze(&analyzer, negative);
            class_terms.extend(analyzed.terms.iter().map(|t| (features::term_key(t), entries.len() as u32)));
            let mut occurrences = Vec::new();
            features::extract(&analyzed, config.char_ngram_min, &mut occurrences);
            phrasings.push((entries.len() as u32, features::count(occurrences)));
        }

        // 2. Feature ids and document frequencies.
        let mut feature_ids: KeyMap<u32> = KeyMap::default();
        let mut document_frequency: Vec<u32> = Vec::new();
        let mut family: Vec<features::Family> = Vec::new();
        for (_, counted) in &phrasings {
            for (key, feature_family, _) in counted {
                let next = feature_ids.len() as u32;
                let id = *feature_ids.entry(*key).or_insert(next);
                if id as usize == document_frequency.len() {
                    document_frequency.push(0);
                    family.push(*feature_family);
                }
                document_frequency[id as usize] += 1;
            }
        }
        let documents = phrasings.len() as f32;
        let idf: Vec<f32> =
            document_frequency.iter().map(|&df| ((1.0 + documents) / (1.0 + df as f32)).ln() + 1.0).collect();
        let family_weight = [1.0, config.char_weight];
        let unknown_idf = config.unknown_weight * (((1.0 + documents) / 2.0).ln() + 1.0);

        // 3. Weighted phrasing vectors.
        let vectors: Vec<(u32, SparseVector)> = phrasings
            .iter()
            .map(|(entry, counted)| {
                let ids = counted.iter().map(|(key, family, n)| (feature_ids[key], *family, *n));
                (*entry, features::weigh(ids, &idf, 0.0, family_weight))
            })
            .collect();

        let feature_count = idf.len();
        let nearest_max_df = (config.nearest_max_df_share * documents).max(NEAREST_MIN_DF_CAP) as u32;
        let document_frequency = &document_frequency;
        let family = &family;
        let (variant_offsets, variant_postings) = feature_major(
            feature_count,
            vectors.iter().enumerate().flat_map(|(v, (_, vector))| {
                vector
                    .iter()
                    .filter(move |&&(f, _)| {
                        family[f as usize] == features::Family::Word && document_frequency[f as usize] <= nearest_max_df
                    })
                    .map(move |&(f, w)| (f, v as u32, w))
            }),
        );
        let mut class_terms: Vec<(u32, u32)> =
            class_terms.into_iter().filter_map(|(key, class)| Some((*feature_ids.get(&key)?, class))).collect();
        class_terms.sort_unstable();
        let (term_class_offsets, term_classes) =
            feature_major(feature_count, class_terms.iter().map(|&(f, class)| (f, class, 1.0)));
        let mut class_variants = vec![0u32; class_count + 1];
        for (entry, _) in &vectors {
            class_variants[*entry as usize + 1] += 1;
        }
        for class in 0..class_count {
            class_variants[class + 1] += class_variants[class];
        }

        // 4. Linear weights: centroids, then perceptron refinement.
        // Each phrasing's place in the training order comes from its own features, so
        // adding or removing one phrasing leaves the others' order as it was.
        let order_keys: Vec<u64> = phrasings
            .iter()
            .map(|(entry, counted)| {
                counted.iter().fold(u64::from(*entry).wrapping_mul(0x9e37_79b9_7f4a_7c15), |h, (key, _, n)| {
                    (h ^ *key).wrapping_mul(0x0100_0000_01b3).wrapping_add(u64::from(*n))
                })
            })
            .collect();
        let linear = train_linear(class_count, feature_count, &vectors, &order_keys, &config);
        let min_weight = config.linear_min_weight;
        let (linear_offsets, linear_postings) = feature_major(
            feature_count,
            linear.iter().enumerate().flat_map(|(f, row)| {
                row.iter().filter(|(_, w)| w.abs() >= min_weight).map(move |&(e, w)| (f as u32, e, w))
            }),
        );

        let typos = TypoIndex::new(word_counts.iter().map(|(w, n)| (w.as_str(), *n)));
        let scope = &faq.settings().scope;
        Matcher {
            subject: scope
                .subject
                .iter()
                .map(|t| normalize(t))
                .filter(|t| !t.is_empty())
                .map(|t| format!(" {t} "))
                .collect(),
            // A name the FAQ itself uses as a word ("message threads") says nothing
            // about another subject.
            others: scope
                .others
                .iter()
                .map(|t| (normalize(t), t.clone()))
                .filter(|(normalized, _)| !normalized.is_empty() && !word_counts.contains_key(normalized))
                .map(|(normalized, shown)| (format!(" {normalized} "), shown))
                .collect(),
            lang,
            translations: Vec::new(),
            config,
            analyzer,
            entry_ids: entries.iter().map(|e| e.id.clone()).collect(),
            small_talk: (0..class_count).map(|class| entries.get(class).is_some_and(Entry::is_small_talk)).collect(),
            class_count,
            feature_ids,
            idf,
            unknown_idf,
            linear_offsets,
            linear_postings,
            variant_offsets,
            variant_postings,
            term_class_offsets,
            term_classes,
            class_variants,
            vocabulary: word_counts.into_keys().collect(),
            typos,
        }
    }
}

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
    order_keys: &[u64],
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
    // The order is a shuffle, but a stable one: by a mix of each phrasing's own key and
    // the epoch, not by position (a position shuffle reorders everything when one
    // phrasing is added, and the last weights of a perceptron depend on the order).
    // The weights kept are the average over every step (an averaged perceptron), which
    // swings less with the order than the last step's. `sums` holds each update's delta
    // times the step it was made at, so the average is `rows - sums / steps`.
    let mut sums: Vec<Vec<(u32, f32)>> = vec![Vec::new(); feature_count];
    let mut step = 1.0f32;
    let mut order: Vec<usize> = (0..vectors.len()).collect();
    let mut scores = vec![0.0f32; entry_count];
    for epoch in 0..config.training_epochs {
        order.sort_by_key(|&i| mix(order_keys[i] ^ u64::from(epoch).wrapping_mul(0xbf58_476d_1ce4_e5b9)));
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
            if scores[truth] - scores[rival] < config.training_margin {
                for &(f, w) in vector {
                    let delta = config.learning_rate * w;
                    add_to_row(&mut rows[f as usize], truth as u32, delta);
                    add_to_row(&mut rows[f as usize], rival as u32, -delta);
                    add_to_row(&mut sums[f as usize], truth as u32, step * delta);
                    add_to_row(&mut sums[f as usize], rival as u32, -step * delta);
                }
            }
            step += 1.0;
        }
    }
    for (row, sum) in rows.iter_mut().zip(&sums) {
        for &(entry, weighted) in sum {
            add_to_row(row, entry, -weighted / step);
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

/// splitmix64's finalizer: spreads a key's bits, so similar keys land far apart.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
