//! parallax: compare how outlets report the same event.
//!
//! The engine is [`ingest`] (files, URLs, HTML, Markdown → cleaned
//! [`model::Source`]s), [`analysis`] (alignment, word diffs, discrepancy
//! detectors) and [`report`] (JSON / Markdown / text). [`tui`] is the reader,
//! a thin layer over the same [`model::Report`]. Only `tui` knows the terminal.

pub mod analysis;
pub mod ingest;
pub mod model;
pub mod report;
pub mod text;
pub mod tui;

pub use analysis::analyze;
pub use model::Report;
