//! Benchmarks of the discrepancy detectors (divan).
//! Run: `cargo bench --bench detect`.
//!
//! `bundled_corpus` times `detect` alone on the five bundled articles with
//! the alignment engine's output (computed once, outside the timing): this
//! is what detection adds to the analysis. `planted_pair` times it on a
//! fixture article and a planted copy with the gold alignment, where every
//! sentence is linked.

use parallax::analysis::align::align;
use parallax::analysis::detect::detect;
use parallax::analysis::detect::plant::plant;
use parallax::ingest::bundled_sources;

/// The binary's allocator, so the benchmarks measure what the binary runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

#[divan::bench]
fn bundled_corpus(bencher: divan::Bencher) {
    let sources = bundled_sources();
    let alignment = align(&sources);
    bencher.bench(|| detect(divan::black_box(&sources), divan::black_box(&alignment)));
}

#[divan::bench]
fn planted_pair(bencher: divan::Bencher) {
    let article = include_str!("../tests/fixtures/articles/albawaba-settlements.txt");
    let case = plant(article, 3, 0.5);
    bencher.bench(|| {
        detect(
            divan::black_box(&case.sources),
            divan::black_box(&case.gold),
        )
    });
}
