//! Command-line parsing: raw arguments validated into a typed [`Config`];
//! shell completions and the man page are generated from the same clap
//! definitions.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use parallax::ingest::Input;
use parallax::report::Format;

/// `--version`: the package version and, when the build saw a git
/// checkout, the commit and its date (see build.rs).
const VERSION: &str = env!("PARALLAX_VERSION");

/// Listed at the end of `--help` (and in the man page).
const EXIT_STATUS: &str = "\
Exit status:
  0    success
  1    an input, the config file or the output failed (one line on stderr names it)
  2    the command line is wrong
  129  the terminal hung up (SIGHUP)
  130  interrupted (SIGINT, or Ctrl-C in the reader)
  131  SIGQUIT
  143  terminated (SIGTERM)";

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version = VERSION,
    after_help = EXIT_STATUS,
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
    #[command(after_help = EXIT_STATUS)]
    Report {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = FormatArg::Json)]
        format: FormatArg,

        /// Write the report to FILE instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,

        #[command(flatten)]
        inputs: InputArgs,
    },
    /// Print a shell completion script, e.g. `parallax completions bash >
    /// ~/.local/share/bash-completion/completions/parallax`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `parallax man | man -l -`.
    Man,
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

/// `PATH=NAME`, split on the last `=`. The name is untrusted text like an
/// article's: control characters and escape sequences are removed.
fn parse_label(raw: &str) -> Result<(String, String), String> {
    let shown = parallax::ingest::sanitize(raw);
    match raw.rsplit_once('=') {
        Some((path, name)) if !path.is_empty() && !name.trim().is_empty() => {
            let name = parallax::ingest::sanitize(name);
            if name.is_empty() {
                return Err(format!("the name in {shown:?} has no printable characters"));
            }
            Ok((path.to_string(), name))
        }
        _ => Err(format!("expected PATH=NAME, got {shown:?}")),
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
    /// Print a report (to `output`, else standard output).
    Report {
        sources: Sources,
        format: Format,
        output: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions(clap_complete::Shell),
    /// Print the man page.
    Man,
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
        Some(Command::Report {
            format,
            output,
            inputs,
        }) => Ok(Config::Report {
            sources: validate_inputs(inputs)?,
            format: match format {
                FormatArg::Json => Format::Json,
                FormatArg::Markdown => Format::Markdown,
                FormatArg::Text => Format::Text,
            },
            output,
        }),
        Some(Command::Completions { shell }) => Ok(Config::Completions(shell)),
        Some(Command::Man) => Ok(Config::Man),
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
        if !args.inputs.iter().any(|i| same_input(i, path)) {
            let path = parallax::ingest::sanitize(path);
            anyhow::bail!("--label {path}=…: {path} is not one of the inputs");
        }
    }
    let inputs = args
        .inputs
        .iter()
        .map(|origin| {
            let label = args
                .labels
                .iter()
                .rev()
                .find(|(path, _)| same_input(origin, path))
                .map(|(_, name)| name.clone());
            Input {
                origin: origin.clone(),
                label,
            }
        })
        .collect();
    Ok(Sources::Inputs(inputs))
}

/// Whether a `--label` path names `input`: the same text, or the same file
/// spelled differently (`./a.txt` and `a.txt`, `dir//a.txt`, a symlink).
fn same_input(input: &str, label: &str) -> bool {
    if input == label {
        return true;
    }
    let is_path = |s: &str| s != "-" && !s.contains("://");
    if !is_path(input) || !is_path(label) {
        return false;
    }
    if lexical(input) == lexical(label) {
        return true;
    }
    match (std::fs::canonicalize(input), std::fs::canonicalize(label)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A path's components without `.`.
fn lexical(path: &str) -> Vec<Component<'_>> {
    Path::new(path)
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect()
}

/// The clap definition, for completions and the man page.
fn command() -> clap::Command {
    Args::command()
}

/// Writes the completion script for `shell` (built in memory first:
/// clap_complete panics on a write error, e.g. a closed pipe).
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command(), "parallax", &mut script);
    out.write_all(&script)
}

/// Writes the man page (roff).
pub fn write_man(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(command()).render(out)
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
        Args::command().debug_assert();
    }

    #[test]
    fn label_names_are_sanitized() {
        let (path, name) = parse_label("x=E\u{1b}]0;PWN\u{7}AP\u{202e}").unwrap();
        assert_eq!((path.as_str(), name.as_str()), ("x", "EAP"));
        let err = parse_label("x=\u{1b}[31m").unwrap_err();
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }

    #[test]
    fn labels_match_the_same_path_spelled_differently() {
        assert!(same_input("a.txt", "./a.txt"));
        assert!(same_input("./dir//a.txt", "dir/a.txt"));
        assert!(!same_input("a.txt", "b.txt"));
        assert!(!same_input("-", "./-"));
        assert!(!same_input("https://x.test/a", "https://x.test/b"));
    }
}
