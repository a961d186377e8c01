//! Report writers: the `parallax.report/1` JSON contract, and Markdown and
//! plain-text renderings a person can paste into a note.

mod markdown;

use markdown::{write_markdown, write_text};

use std::io::{self, Write};

use crate::model::Report;

/// Output formats of `parallax report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The `parallax.report/1` JSON contract.
    Json,
    /// Markdown for notes.
    Markdown,
    /// Plain text.
    Text,
}

/// Writes `report` to `out` in `format`.
pub fn write(report: &Report, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(report, out),
        Format::Markdown => write_markdown(report, out),
        Format::Text => write_text(report, out),
    }
}

/// Writes the JSON contract, pretty-printed, with a trailing newline.
fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
