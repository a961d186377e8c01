//! Benchmarks (divan). Run: `cargo bench --bench analysis`.

fn main() {
    divan::main();
}

#[divan::bench]
fn bundled_corpus_ingest() -> Vec<parallax::model::Source> {
    parallax::ingest::bundled_sources()
}
