//! The reader: side-by-side panes over a [`Report`](crate::model::Report).

use crate::model::Report;

/// Opens the reader on `report` and returns when the user quits.
pub fn run(report: Report) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    crate::report::write_text(&report, &mut out)?;
    Ok(())
}
