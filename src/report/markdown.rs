//! Markdown and plain-text reports.

use std::io::{self, Write};

use crate::analysis::align::Overview;
use crate::model::{DiscrepancyKind, Report};

/// A Markdown report: the one-line summary of the sources (and which are
/// set aside, and why), the sources, how each pair relates, the ranked
/// discrepancies and the aligned groups.
pub fn write_markdown(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    render(report, out, Style::Markdown)
}

/// The same report as plain text.
pub fn write_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    render(report, out, Style::Text)
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Markdown,
    Text,
}

fn heading(out: &mut dyn Write, style: Style, title: &str) -> io::Result<()> {
    match style {
        Style::Markdown => writeln!(out, "## {title}\n"),
        Style::Text => writeln!(out, "{title}\n{}\n", "-".repeat(title.chars().count())),
    }
}

fn render(report: &Report, out: &mut dyn Write, style: Style) -> io::Result<()> {
    let title = "parallax report";
    match style {
        Style::Markdown => writeln!(out, "# {title}\n")?,
        Style::Text => writeln!(out, "{title}\n{}\n", "=".repeat(title.len()))?,
    }

    let overview = Overview::new(report.sources.len(), &report.relations);
    let summary = overview.summary(&report.sources);
    if !summary.is_empty() && !report.relations.is_empty() {
        match style {
            Style::Markdown => writeln!(out, "**Sources:** {summary}\n")?,
            Style::Text => writeln!(out, "Sources: {summary}\n")?,
        }
        for line in overview.set_aside_lines(&report.sources, &report.relations) {
            writeln!(out, "{line}\n")?;
        }
    }

    heading(out, style, "Sources")?;
    for s in &report.sources {
        let body = s.body().count();
        let date = s
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let plural = if body == 1 { "" } else { "s" };
        writeln!(
            out,
            "- {} ({}): {} body paragraph{plural}, from {}",
            s.name, date, body, s.origin
        )?;
    }
    writeln!(out)?;

    if !report.relations.is_empty() {
        heading(out, style, "How the sources relate")?;
        for r in &report.relations {
            let kind = r.kind.as_str().replace('_', " ");
            writeln!(
                out,
                "- {} / {}: {kind} ({:.2}): {}.",
                report.source(r.a).name,
                report.source(r.b).name,
                r.score,
                r.evidence.note
            )?;
        }
        writeln!(out)?;
    }

    heading(out, style, "Discrepancies")?;
    if overview.nothing_shared() {
        writeln!(out, "None: no two sources report the same event.\n")?;
    } else if report.discrepancies.is_empty() {
        writeln!(out, "None found.\n")?;
    }
    for kind in DiscrepancyKind::ALL {
        let of_kind: Vec<_> = report
            .discrepancies
            .iter()
            .filter(|d| d.kind == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        match style {
            Style::Markdown => writeln!(
                out,
                "### {} ({})\n",
                capitalized(kind.as_str()),
                of_kind.len()
            )?,
            Style::Text => writeln!(out, "{} ({})\n", capitalized(kind.as_str()), of_kind.len())?,
        }
        for d in of_kind {
            writeln!(out, "- {}", d.summary)?;
            for m in &d.mentions {
                let name = &report.source(m.source).name;
                match style {
                    Style::Markdown => writeln!(out, "  - *{name}*: “{}”", m.text)?,
                    Style::Text => writeln!(out, "    {name}: “{}”", m.text)?,
                }
            }
        }
        writeln!(out)?;
    }

    heading(out, style, "Aligned groups")?;
    if report.groups.is_empty() {
        writeln!(out, "None.\n")?;
    }
    for g in &report.groups {
        let mut names: Vec<&str> = g
            .members
            .iter()
            .map(|m| report.source(m.source).name.as_str())
            .collect();
        names.dedup();
        writeln!(out, "- {} [{}] ({:.2})", g.label, names.join(", "), g.score)?;
    }
    Ok(())
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
