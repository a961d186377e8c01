//! Benchmarks (divan) on generated corpora. Run: `cargo bench --bench
//! analysis` (at the root, this also runs the product's bench of the same
//! name, on the bundled corpus).
//!
//! `analyze_scaling` and `align_scaling` run on [`scaling_corpus`]: N
//! sources, each reporting five events of a pool built from the fixture
//! articles, every event in four sources, so the text grows linearly with
//! N. Their throughput column (paragraphs per second) staying flat across
//! N means the cost grows linearly with the text.

use parallax_eval::scaling_corpus;

/// The binary's allocator, so the benchmarks measure what the binary runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// `count` rewritten copies (seeded) of one 40-paragraph event article built
/// from the fixture articles, each with three unrelated paragraphs inserted.
fn synthetic_sources(count: usize) -> Vec<parallax::model::Source> {
    use parallax_eval::synth::{Article, SynthConfig, rewrite};
    let dir = parallax_eval::repo_dir().join("tests/fixtures/articles");
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture");
        Article::from_text(name, &text)
    };
    let mut event = read("politifact-tariffs");
    event
        .paragraphs
        .extend(read("nyt-trade-war").paragraphs.into_iter().take(10));
    event.paragraphs.truncate(40);
    let unrelated = [read("sun-plague"), read("latimes-gannett")];
    (0..count)
        .map(|k| {
            let config = SynthConfig {
                seed: k as u64,
                drop: 0.1,
                ..SynthConfig::default()
            };
            rewrite(&event, &unrelated, &config).to_source(k, &format!("outlet{k}"))
        })
        .collect()
}

/// 50 sources of about 40 paragraphs each. Target: under 250 ms on one core.
#[divan::bench(sample_count = 10)]
fn align_50_sources(bencher: divan::Bencher) {
    let sources = synthetic_sources(50);
    bencher.bench(|| parallax::analysis::align::align(divan::black_box(&sources)));
}

/// Scaling series, end to end (alignment, diffs, detectors) on the partial
/// overlap corpus; the counter is body paragraphs.
#[divan::bench(args = [10, 20, 40, 80], sample_count = 10)]
fn analyze_scaling(bencher: divan::Bencher, count: usize) {
    let sources = scaling_corpus::sources(count);
    bencher
        .counter(divan::counter::ItemsCount::new(
            scaling_corpus::paragraph_count(&sources),
        ))
        .with_inputs(|| sources.clone())
        .bench_values(parallax::analyze);
}

/// Scaling series, alignment alone, on the same corpus.
#[divan::bench(args = [10, 20, 40, 80], sample_count = 10)]
fn align_scaling(bencher: divan::Bencher, count: usize) {
    let sources = scaling_corpus::sources(count);
    bencher
        .counter(divan::counter::ItemsCount::new(
            scaling_corpus::paragraph_count(&sources),
        ))
        .bench(|| parallax::analysis::align::align(divan::black_box(&sources)));
}
