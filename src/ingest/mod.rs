//! Ingestion: turn what people have (text, Markdown, saved web pages, URLs)
//! into cleaned, classified paragraphs split into sentences.

mod bundled;
mod clean;
mod sentences;

pub use bundled::{BUNDLED_EVENT, bundled_sources};
pub use clean::sanitize;
pub use sentences::split_sentences;

use std::path::{Path, PathBuf};

use crate::model::{Paragraph, ParagraphKind, Source, SourceId};

/// One input as the user named it, with an optional display-name override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// A file or directory path, `-` for standard input, or an http(s) URL.
    pub origin: String,
    /// Display name given on the command line (`--label PATH=NAME`).
    pub label: Option<String>,
}

impl Input {
    pub fn new(origin: impl Into<String>) -> Self {
        Input {
            origin: origin.into(),
            label: None,
        }
    }
}

/// Sources read from the inputs, plus non-fatal warnings for the user.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub warnings: Vec<String>,
}

/// Why an input could not be read. `Display` is one line naming the input.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{input}: {cause}")]
    Input { input: String, cause: String },
    #[error("no inputs given")]
    NoInputs,
}

impl IngestError {
    fn input(input: impl Into<String>, cause: impl Into<String>) -> Self {
        IngestError::Input {
            input: input.into(),
            cause: cause.into(),
        }
    }
}

/// Reads every input (directories expand to their supported files, sorted).
pub fn load(inputs: &[Input]) -> Result<Loaded, IngestError> {
    if inputs.is_empty() {
        return Err(IngestError::NoInputs);
    }
    let mut loaded = Loaded::default();
    for input in inputs {
        if input.origin == "-" {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| IngestError::input("-", e.to_string()))?;
            push_document(&mut loaded, input, "-", "stdin", &bytes)?;
            continue;
        }
        let path = Path::new(&input.origin);
        let meta =
            std::fs::metadata(path).map_err(|e| IngestError::input(&input.origin, io_cause(&e)))?;
        if meta.is_dir() {
            let files = supported_files(path)
                .map_err(|e| IngestError::input(&input.origin, io_cause(&e)))?;
            if files.is_empty() {
                return Err(IngestError::input(
                    &input.origin,
                    "directory has no supported files (.txt, .md, .html)",
                ));
            }
            for file in files {
                let origin = file.display().to_string();
                let bytes =
                    std::fs::read(&file).map_err(|e| IngestError::input(&origin, io_cause(&e)))?;
                let stem = file_stem(&file);
                let item = Input {
                    origin: origin.clone(),
                    label: None,
                };
                push_document(&mut loaded, &item, &origin, &stem, &bytes)?;
            }
        } else {
            let bytes =
                std::fs::read(path).map_err(|e| IngestError::input(&input.origin, io_cause(&e)))?;
            push_document(&mut loaded, input, &input.origin, &file_stem(path), &bytes)?;
        }
    }
    Ok(loaded)
}

fn push_document(
    loaded: &mut Loaded,
    input: &Input,
    origin: &str,
    stem: &str,
    bytes: &[u8],
) -> Result<(), IngestError> {
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|_| IngestError::input(origin, "not UTF-8 text"))?;
    if text.trim().is_empty() {
        return Err(IngestError::input(origin, "file is empty"));
    }
    let id = SourceId(loaded.sources.len());
    let name = input.label.clone().unwrap_or_else(|| stem.to_string());
    loaded
        .sources
        .push(source_from_text(id, name, origin.to_string(), &text));
    Ok(())
}

/// Builds a source from plain text: blank lines separate paragraphs.
pub fn source_from_text(id: SourceId, name: String, origin: String, text: &str) -> Source {
    let paragraphs = text
        .split("\n\n")
        .map(sanitize)
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(index, text)| Paragraph {
            index,
            kind: ParagraphKind::Body,
            sentences: split_sentences(&text),
            text,
        })
        .collect();
    Source {
        id,
        name,
        origin,
        date: None,
        title: None,
        paragraphs,
    }
}

fn supported_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if path.is_file()
            && matches!(
                ext.as_deref(),
                Some("txt" | "text" | "md" | "markdown" | "html" | "htm")
            )
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn io_cause(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
