//! A realistic scaling corpus for the analysis benchmarks
//! (`benches/analysis.rs`; also used by `examples/analyze_repeat.rs`).
//!
//! The fixture articles (`tests/fixtures/articles/`) are cut into *events*
//! of [`PARAGRAPHS_PER_EVENT`] consecutive paragraphs. Each of the `count`
//! sources reports [`EVENTS_PER_SOURCE`] different events, each as its own
//! seeded rewrite ([`crate::synth::rewrite`]: paragraphs dropped, split,
//! merged, reordered, sentences reworded). Every event used is reported by
//! [`COPIES_PER_EVENT`] sources, whatever `count` is: the pool of events
//! used grows with `count`, so total text grows linearly with the sources
//! and each claim has a constant number of counterparts (partial overlap,
//! as in a real news day), unlike copies of one article where every claim is
//! in every source and the links grow quadratically.

use parallax::model::Source;

use crate::synth::{Article, SynthConfig, Synthetic, rewrite};

/// Consecutive paragraphs of a fixture article that form one event.
pub const PARAGRAPHS_PER_EVENT: usize = 4;
/// Events reported by each source.
pub const EVENTS_PER_SOURCE: usize = 5;
/// Sources reporting each event used.
pub const COPIES_PER_EVENT: usize = 4;

/// Every event of the pool: fixture articles (sorted by name) cut into runs
/// of paragraphs, ordered round-robin over the articles (first event of
/// every article, then the second, ...) so a small corpus already mixes
/// many stories.
pub fn event_pool() -> Vec<Article> {
    let dir = crate::repo_dir().join("tests/fixtures/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let per_article: Vec<Vec<Article>> = files
        .iter()
        .map(|path| {
            let name = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let text = std::fs::read_to_string(path).expect("fixture article");
            Article::from_text(&name, &text)
                .paragraphs
                .chunks(PARAGRAPHS_PER_EVENT)
                .filter(|c| c.len() >= 2)
                .enumerate()
                .map(|(k, c)| Article {
                    name: format!("{name}#{k}"),
                    paragraphs: c.to_vec(),
                })
                .collect()
        })
        .collect();
    let rounds = per_article.iter().map(Vec::len).max().unwrap_or(0);
    (0..rounds)
        .flat_map(|k| per_article.iter().filter_map(move |a| a.get(k).cloned()))
        .collect()
}

/// Which events (indices into `pool_len` events) each of `count` sources
/// reports: every event used exactly [`COPIES_PER_EVENT`] times (the last
/// few possibly fewer), never twice in one source. Seeded, so the corpus is
/// the same on every run.
pub fn assignment(count: usize, pool_len: usize) -> Vec<Vec<usize>> {
    let slots = count * EVENTS_PER_SOURCE;
    let used = slots.div_ceil(COPIES_PER_EVENT).min(pool_len).max(1);
    let mut rng = fastrand::Rng::with_seed(7);
    let mut deck: Vec<usize> = Vec::with_capacity(slots + used);
    while deck.len() < slots {
        let mut round: Vec<usize> = (0..used).collect();
        // Reshuffle until the source straddling the two rounds gets
        // distinct events.
        for _ in 0..1000 {
            rng.shuffle(&mut round);
            let open = deck.len() % EVENTS_PER_SOURCE;
            let tail = &deck[deck.len() - open..];
            let head = &round[..(EVENTS_PER_SOURCE - open).min(round.len())];
            if !head.iter().any(|e| tail.contains(e)) {
                break;
            }
        }
        deck.extend(round);
    }
    deck.truncate(slots);
    deck.chunks(EVENTS_PER_SOURCE)
        .map(<[usize]>::to_vec)
        .collect()
}

/// `count` sources over the event pool (see the module documentation).
pub fn sources(count: usize) -> Vec<Source> {
    let pool = event_pool();
    assignment(count, pool.len())
        .iter()
        .enumerate()
        .map(|(k, events)| {
            let paragraphs = events
                .iter()
                .enumerate()
                .flat_map(|(j, &e)| {
                    let config = SynthConfig {
                        seed: (k * EVENTS_PER_SOURCE + j) as u64,
                        drop: 0.1,
                        foreign: 0,
                        shuffle: false,
                        ..SynthConfig::default()
                    };
                    rewrite(&pool[e], &[], &config).paragraphs
                })
                .collect();
            Synthetic { paragraphs }.to_source(k, &format!("outlet{k}"))
        })
        .collect()
}

/// Body paragraphs in total.
pub fn paragraph_count(sources: &[Source]) -> usize {
    sources.iter().map(|s| s.body().count()).sum()
}
