//! Benchmark of the discrepancy detectors on a planted pair (divan).
//! Run: `cargo bench --bench detect` (at the root, this also runs the
//! product's bench of the same name, on the bundled corpus).
//!
//! `planted_pair` times `detect` alone on a fixture article and a planted
//! copy with the gold alignment, where every sentence is linked.

use parallax::analysis::detect::detect;
use parallax_eval::plant::plant;

/// The binary's allocator, so the benchmarks measure what the binary runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

#[divan::bench]
fn planted_pair(bencher: divan::Bencher) {
    let article = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/articles/albawaba-settlements.txt"
    ));
    let case = plant(article, 3, 0.5);
    bencher.bench(|| {
        detect(
            divan::black_box(&case.sources),
            divan::black_box(&case.gold),
        )
    });
}
