//! Evaluation tooling for parallax, kept out of the product: generators of
//! rewritten copies with known gold ([`synth`]) and of planted changes
//! ([`plant`]), the article-extraction benchmark metric ([`extraction`]) and
//! the benchmarks' scaling corpus ([`scaling_corpus`]). Its tests score the
//! aligner, the detectors and HTML extraction against the fixtures and gold
//! files of the product's repository ([`repo_dir`]).

use std::path::Path;

pub mod extraction;
pub mod plant;
pub mod scaling_corpus;
pub mod synth;

/// The product's repository root (two levels above this crate), which
/// holds the fixtures (`tests/fixtures`) and gold files (`tests/gold`).
pub fn repo_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}
