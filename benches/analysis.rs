//! Benchmarks (divan) on the bundled corpus. Run: `cargo bench --bench
//! analysis` (at the root, this also runs the evaluation crate's bench of
//! the same name: the synthetic and scaling corpora,
//! `crates/parallax-eval/benches/analysis.rs`).

/// The binary's allocator, so the benchmarks measure what the binary runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

#[divan::bench]
fn bundled_corpus_ingest() -> Vec<parallax::model::Source> {
    parallax::ingest::bundled_sources()
}

/// The bundled corpus end to end through `analyze` (alignment, diffs,
/// detectors), ingest excluded. Target: under 5 ms.
#[divan::bench]
fn bundled_corpus_analyze(bencher: divan::Bencher) {
    let sources = parallax::ingest::bundled_sources();
    bencher
        .with_inputs(|| sources.clone())
        .bench_values(parallax::analyze);
}

/// Alignment alone over the bundled corpus.
#[divan::bench]
fn bundled_corpus_align(bencher: divan::Bencher) {
    let sources = parallax::ingest::bundled_sources();
    bencher.bench(|| parallax::analysis::align::align(divan::black_box(&sources)));
}
