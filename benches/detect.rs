//! Benchmarks of the discrepancy detectors (divan).
//! Run: `cargo bench --bench detect` (at the root, this also runs the
//! evaluation crate's `planted_pair`, `crates/parallax-eval/benches/detect.rs`).
//!
//! `bundled_corpus` times `detect` alone on the five bundled articles with
//! the alignment engine's output (computed once, outside the timing): this
//! is what detection adds to the analysis.

use parallax::analysis::align::align;
use parallax::analysis::detect::detect;
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
