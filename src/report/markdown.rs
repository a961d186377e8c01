//! Markdown and plain-text reports.

use std::io::{self, Write};

use crate::model::{DiscrepancyKind, Report};

/// A Markdown report: sources, how they relate, the ranked discrepancies and
/// the aligned groups.
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

    let rewrites: Vec<_> = report
        .relations
        .iter()
        .filter_map(|r| r.rewrite_of.as_ref())
        .collect();
    if !rewrites.is_empty() {
        heading(out, style, "Not independent")?;
        for r in rewrites {
            writeln!(
                out,
                "- {} reads as a {} of {}: not independent confirmation.",
                report.source(r.derived).name,
                r.kind.replace('_', " "),
                report.source(r.original).name
            )?;
        }
        writeln!(out)?;
    }

    heading(out, style, "Discrepancies")?;
    if report.discrepancies.is_empty() {
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
