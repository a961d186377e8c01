//! Command-line parsing: raw arguments validated into a typed [`Config`].

use clap::{Parser, Subcommand, ValueEnum};

use parallax::ingest::Input;
use parallax::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Compare how outlets report the same event, side by side",
    long_about = "Compare how outlets report the same event: parallax aligns the paragraphs \
                  that report the same thing across articles, diffs them word by word, and \
                  highlights numbers, quotes, framing and omissions that differ.\n\n\
                  With no INPUT, opens the bundled corpus (five reports of the \
                  Blinken–Xi meeting, 19 June 2023).",
    args_conflicts_with_subcommands = true
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    inputs: InputArgs,

    /// Reader config file (keys, colors), TOML. Default:
    /// <config dir>/parallax/config.toml, e.g. ~/.config/parallax/config.toml.
    #[arg(long, value_name = "PATH")]
    config: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the analysis as JSON (schema parallax.report/1), Markdown or text.
    Report {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = FormatArg::Json)]
        format: FormatArg,

        #[command(flatten)]
        inputs: InputArgs,
    },
}

#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Display name for an input, e.g. --label ap.txt=AP (repeatable).
    #[arg(long = "label", value_name = "PATH=NAME", value_parser = parse_label)]
    labels: Vec<(String, String)>,

    /// Files, directories, `-` for standard input, or http(s) URLs.
    /// Text, Markdown and HTML are recognized. None: the bundled corpus.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Markdown,
    Text,
}

fn parse_label(raw: &str) -> Result<(String, String), String> {
    match raw.rsplit_once('=') {
        Some((path, name)) if !path.is_empty() && !name.trim().is_empty() => {
            Ok((path.to_string(), name.trim().to_string()))
        }
        _ => Err(format!("expected PATH=NAME, got {raw:?}")),
    }
}

/// What to do, validated.
#[derive(Debug, Clone, PartialEq)]
pub enum Config {
    /// Open the reader.
    Read {
        sources: Sources,
        /// `--config PATH`; `None`: the default location.
        config: Option<std::path::PathBuf>,
    },
    /// Print a report.
    Report { sources: Sources, format: Format },
}

/// Where the articles come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Sources {
    Bundled,
    Inputs(Vec<Input>),
}

/// Parses the process arguments. On `--help`, `--version` or a usage error,
/// clap prints and the process exits.
pub fn parse() -> anyhow::Result<Config> {
    let args = Args::parse();
    match args.command {
        Some(Command::Report { format, inputs }) => Ok(Config::Report {
            sources: validate_inputs(inputs)?,
            format: match format {
                FormatArg::Json => Format::Json,
                FormatArg::Markdown => Format::Markdown,
                FormatArg::Text => Format::Text,
            },
        }),
        None => Ok(Config::Read {
            sources: validate_inputs(args.inputs)?,
            config: args.config,
        }),
    }
}

fn validate_inputs(args: InputArgs) -> anyhow::Result<Sources> {
    if args.inputs.is_empty() {
        if let Some((path, _)) = args.labels.first() {
            anyhow::bail!("--label {path}=…: no inputs given to label");
        }
        return Ok(Sources::Bundled);
    }
    for (path, _) in &args.labels {
        if !args.inputs.iter().any(|i| i == path) {
            anyhow::bail!("--label {path}=…: {path} is not one of the inputs");
        }
    }
    let inputs = args
        .inputs
        .into_iter()
        .map(|origin| {
            let label = args
                .labels
                .iter()
                .rev()
                .find(|(path, _)| *path == origin)
                .map(|(_, name)| name.clone());
            Input { origin, label }
        })
        .collect();
    Ok(Sources::Inputs(inputs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_splits_on_the_last_equals_sign() {
        assert_eq!(
            parse_label("https://x.test/a?id=5=Wire").unwrap(),
            ("https://x.test/a?id=5".into(), "Wire".into())
        );
        assert!(parse_label("no-name=").is_err());
        assert!(parse_label("plain").is_err());
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
