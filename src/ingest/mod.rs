//! Ingestion: turn what people have (text, Markdown, saved web pages, URLs)
//! into cleaned, classified paragraphs split into sentences.
//!
//! Pipeline: bytes (`decode`: gzip, UTF-8/UTF-16/Windows-1252) -> format
//! (by extension, else by sniffing) -> a `document::Document` of blocks
//! (text: blank-line blocks; Markdown: pulldown-cmark; HTML: rs-trafilatura)
//! -> units, furniture by line, broken paragraphs joined, kinds by position
//! (`paragraphs`) -> sentences -> source name, date and title (`identity`).

mod bundled;
mod classify;
mod clean;
mod dates;
mod decode;
mod document;
mod fetch;
mod furniture;
#[cfg(feature = "html")]
mod html;
mod identity;
mod markdown;
mod paragraphs;
mod sentences;

pub use bundled::{BUNDLED_EVENT, bundled_sources};
pub use clean::sanitize;
pub use fetch::FetchError;
pub use sentences::split_sentences;

use std::path::{Path, PathBuf};

use crate::model::{Source, SourceId};

/// One input as the user named it, with an optional display-name override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// A file or directory path, `-` for standard input, or an http(s) URL.
    pub origin: String,
    /// Display name given on the command line (`--label PATH=NAME`).
    pub label: Option<String>,
}

impl Input {
    /// An input without a label.
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
    /// One source per document read, ids in order.
    pub sources: Vec<Source>,
    /// One line each, naming the input.
    pub warnings: Vec<String>,
}

/// Why an input could not be read. `Display` is one line naming the input;
/// the variants with a `source` name only the input, and the source says
/// why (print the chain, as `{:#}` of `anyhow` does).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input (as given) could not be read; `cause` says why.
    #[error("{input}: {cause}")]
    #[allow(missing_docs)]
    Input { input: String, cause: String },
    /// [`load`] was given nothing to read.
    #[error("no inputs given")]
    NoInputs,
    /// A URL could not be fetched.
    #[error("{input}")]
    Fetch {
        /// The URL as given.
        input: String,
        /// Why it failed.
        #[source]
        source: FetchError,
    },
    /// A document could not be parsed.
    #[error("{input}")]
    Parse {
        /// The input as given.
        input: String,
        /// Why it failed.
        #[source]
        source: ParseError,
    },
}

/// Why a decoded document could not be parsed.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// No article found in an HTML page (the extractor's one-line cause).
    #[error("{0}")]
    Html(String),
    /// This build cannot read the format (no `html` feature).
    #[error(transparent)]
    MissingFeature(#[from] MissingFeature),
}

/// An input needs what this build of parallax leaves out (see the features
/// in `Cargo.toml`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {what}: this build of parallax lacks the `{feature}` feature")]
pub struct MissingFeature {
    /// What could not be done ("read HTML").
    pub what: &'static str,
    /// The Cargo feature that does it.
    pub feature: &'static str,
}

impl IngestError {
    fn input(input: impl Into<String>, cause: impl Into<String>) -> Self {
        IngestError::Input {
            input: input.into(),
            cause: cause.into(),
        }
    }
}

/// The input formats parallax reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: blank lines separate paragraphs.
    Text,
    /// Markdown (CommonMark).
    Markdown,
    /// A web page: the article is extracted from it.
    Html,
}

/// Most article text one input may hold (8 MiB: a long book; a news
/// article is rarely 100 KB). The analysis grows faster than the text, so
/// past this an input is refused with a suggestion to split it.
pub const MAX_TEXT_BYTES: usize = 8 << 20;

/// File extensions read from directories (also with a `.gz` suffix).
const SUPPORTED_EXTENSIONS: [&str; 8] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml",
];

/// Reads every input (directories expand to their supported files, sorted).
pub fn load(inputs: &[Input]) -> Result<Loaded, IngestError> {
    if inputs.is_empty() {
        return Err(IngestError::NoInputs);
    }
    let mut loaded = Loaded::default();
    let mut seen = Vec::new();
    for input in inputs {
        load_input(&mut loaded, &mut seen, input)?;
    }
    if loaded.sources.len() == 1 {
        loaded.warnings.push(format!(
            "only one source ({}): nothing to compare it with",
            loaded.sources[0].origin
        ));
    }
    Ok(loaded)
}

/// Whether `path` was read already (the same file named twice, perhaps
/// spelled differently or through a directory); remembers it.
fn seen_before(seen: &mut Vec<PathBuf>, path: &Path) -> bool {
    let Ok(canonical) = std::fs::canonicalize(path) else {
        return false;
    };
    if seen.contains(&canonical) {
        return true;
    }
    seen.push(canonical);
    false
}

fn given_twice(origin: &str) -> String {
    format!("{}: given more than once; read once", sanitize(origin))
}

fn load_input(
    loaded: &mut Loaded,
    seen: &mut Vec<PathBuf>,
    input: &Input,
) -> Result<(), IngestError> {
    let origin = input.origin.as_str();
    if origin == "-" {
        let bytes = read_capped(std::io::stdin().lock(), "-")?;
        return push_document(loaded, input, "stdin", None, &bytes);
    }
    if let Some(scheme) = unsupported_scheme(origin) {
        let cause = format!("unsupported URL scheme \"{scheme}\" (parallax reads http and https)");
        return Err(IngestError::input(origin, cause));
    }
    if fetch::is_url(origin) {
        return load_url(loaded, input);
    }
    let path = Path::new(origin);
    let meta = std::fs::metadata(path).map_err(|e| IngestError::input(origin, io_cause(&e)))?;
    if !meta.is_dir() {
        if meta.is_file() && seen_before(seen, path) {
            loaded.warnings.push(given_twice(origin));
            return Ok(());
        }
        let bytes = read_file(path, origin)?;
        return push_document(
            loaded,
            input,
            &file_stem(path),
            format_of_path(path),
            &bytes,
        );
    }
    let files = supported_files(path).map_err(|e| IngestError::input(origin, io_cause(&e)))?;
    if files.is_empty() {
        return Err(IngestError::input(
            origin,
            "directory has no supported files (.txt, .md, .html, optionally .gz)",
        ));
    }
    for file in files {
        let file_origin = file.display().to_string();
        if seen_before(seen, &file) {
            loaded.warnings.push(given_twice(&file_origin));
            continue;
        }
        let bytes = read_file(&file, &file_origin)?;
        let item = Input::new(file_origin);
        push_document(
            loaded,
            &item,
            &file_stem(&file),
            format_of_path(&file),
            &bytes,
        )?;
    }
    Ok(())
}

/// Reads `bytes` as the content of an input named `origin`: the format
/// from its extension (`.md`, `.html`, `.txt`, also under `.gz`), else
/// sniffed; decoded, capped and sanitized like a file. For tools and tests
/// that hold the bytes already.
pub fn load_bytes(origin: &str, bytes: &[u8]) -> Result<Loaded, IngestError> {
    if bytes.len() as u64 > decode::MAX_INPUT_BYTES {
        return Err(IngestError::input(
            origin,
            too_large(Some(bytes.len() as u64)),
        ));
    }
    let mut loaded = Loaded::default();
    let path = Path::new(origin);
    push_document(
        &mut loaded,
        &Input::new(origin),
        &file_stem(path),
        format_of_path(path),
        bytes,
    )?;
    Ok(loaded)
}

/// Fetches a URL input and adds it as a source (HTML unless the server
/// says otherwise).
#[cfg(feature = "fetch")]
fn load_url(loaded: &mut Loaded, input: &Input) -> Result<(), IngestError> {
    let origin = input.origin.as_str();
    let fetched = fetch::fetch(origin).map_err(|source| IngestError::Fetch {
        input: origin.to_string(),
        source,
    })?;
    let format = fetched.media_type.as_deref().map(format_of_media_type);
    let stem = url_stem(origin);
    push_document(
        loaded,
        input,
        &stem,
        format.flatten().or(Some(Format::Html)),
        &fetched.bytes,
    )
}

/// Without the `fetch` feature, a URL input is an error.
#[cfg(not(feature = "fetch"))]
fn load_url(_loaded: &mut Loaded, input: &Input) -> Result<(), IngestError> {
    let missing = MissingFeature {
        what: "fetch URLs",
        feature: "fetch",
    };
    Err(IngestError::Fetch {
        input: input.origin.clone(),
        source: missing.into(),
    })
}

/// Decodes, parses and classifies one document and adds it as a source.
fn push_document(
    loaded: &mut Loaded,
    input: &Input,
    stem: &str,
    format: Option<Format>,
    bytes: &[u8],
) -> Result<(), IngestError> {
    let origin = input.origin.as_str();
    let decoded = decode::decode(bytes).map_err(|cause| IngestError::input(origin, cause))?;
    if let Some(warning) = decoded.warning {
        loaded.warnings.push(format!("{origin}: {warning}"));
    }
    let format = format.unwrap_or_else(|| sniff_format(&decoded.text));
    // Text and Markdown are (nearly) all article text: refuse them before
    // parsing; a page's markup does not count, its extracted text does.
    if format != Format::Html && decoded.text.len() > MAX_TEXT_BYTES {
        return Err(IngestError::input(
            origin,
            text_too_long(decoded.text.len()),
        ));
    }
    let url = fetch::is_url(origin).then_some(origin);
    let document = parse(&decoded.text, format, url).map_err(|source| IngestError::Parse {
        input: origin.to_string(),
        source,
    })?;
    let id = SourceId(loaded.sources.len());
    let mut source = source_from_document(id, stem, origin, &document);
    let text: usize = source.paragraphs.iter().map(|p| p.text.len()).sum();
    if text > MAX_TEXT_BYTES {
        return Err(IngestError::input(origin, text_too_long(text)));
    }
    if let Some(label) = &input.label {
        source.name = label.clone();
    }
    if !source.paragraphs.iter().any(|p| p.kind.is_body()) {
        loaded.warnings.push(format!(
            "{origin}: no article text found (only page furniture)"
        ));
    }
    loaded.sources.push(source);
    Ok(())
}

fn parse(text: &str, format: Format, url: Option<&str>) -> Result<document::Document, ParseError> {
    Ok(match format {
        Format::Text => document::parse_text(text),
        Format::Markdown => markdown::parse_markdown(text),
        #[cfg(feature = "html")]
        Format::Html => html::parse_html(text, url).map_err(ParseError::Html)?,
        // HTML is recognized (by extension, media type or content) but not
        // read.
        #[cfg(not(feature = "html"))]
        Format::Html => {
            let _ = url;
            Err(MissingFeature {
                what: "read HTML",
                feature: "html",
            })?
        }
    })
}

/// Builds a source from a parsed document; the name falls back to `stem`.
fn source_from_document(
    id: SourceId,
    stem: &str,
    origin: &str,
    doc: &document::Document,
) -> Source {
    let paragraphs = paragraphs::build_paragraphs(doc);
    let found = identity::identify(&paragraphs, &doc.meta);
    Source {
        id,
        name: found
            .name
            .map(|n| sanitize(&n))
            .unwrap_or_else(|| stem.to_string()),
        origin: sanitize(origin),
        date: found.date,
        title: found.title.map(|t| sanitize(&t)),
        paragraphs,
    }
}

/// Builds a source from plain text (blank lines separate blocks), with the
/// given name; name and date found in the text are available through
/// [`detect_text`] when wanted.
pub fn source_from_text(id: SourceId, name: String, origin: String, text: &str) -> Source {
    let mut source = source_from_document(id, &name, &origin, &document::parse_text(text));
    source.name = name;
    source
}

/// Reads `text` in the given format as an unnamed source; the name, date and
/// title are what the text itself reveals (`stem` when it names no outlet).
pub fn detect_text(text: &str, format: Format, stem: &str) -> Result<Source, ParseError> {
    let document = parse(text, format, None)?;
    Ok(source_from_document(SourceId(0), stem, stem, &document))
}

/// Format from the file name: `.md`, `.html`, `.txt`, also under `.gz`.
pub fn format_of_path(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = Path::new(name).extension()?.to_str()?;
    match ext {
        "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "txt" | "text" => Some(Format::Text),
        _ => None,
    }
}

#[cfg(feature = "fetch")]
fn format_of_media_type(media_type: &str) -> Option<Format> {
    match media_type {
        "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "text/markdown" | "text/x-markdown" => Some(Format::Markdown),
        "text/plain" => Some(Format::Text),
        _ => None,
    }
}

/// Format from content: HTML tags near the top, Markdown front matter or
/// ATX headings, else plain text.
pub fn sniff_format(text: &str) -> Format {
    let head: String = text
        .trim_start()
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || ["<head", "<body", "<article", "<p>", "<div"]
            .iter()
            .any(|t| head.contains(t))
    {
        return Format::Html;
    }
    let front_matter = head.starts_with("---\n") || head.starts_with("---\r\n");
    let atx_heading = text.lines().take(40).any(|l| {
        let hashes = l.chars().take_while(|&c| c == '#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
    });
    if front_matter || atx_heading {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// The scheme of an input written as a URL that parallax does not fetch
/// (`ftp://…`, `file://…`), if it is one.
fn unsupported_scheme(origin: &str) -> Option<&str> {
    let (scheme, _) = origin.split_once("://")?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && !fetch::is_url(origin)).then_some(scheme)
}

/// The cause for an input over [`decode::MAX_INPUT_BYTES`].
fn too_large(size: Option<u64>) -> String {
    let limit = decode::MAX_INPUT_BYTES >> 20;
    match size {
        Some(size) => format!(
            "file too large ({} MiB; the limit is {limit} MiB; split it into several inputs)",
            size >> 20
        ),
        None => format!("input too large (more than {limit} MiB; split it into several inputs)"),
    }
}

fn text_too_long(bytes: usize) -> String {
    format!(
        "text too long ({:.1} MiB; the limit is {} MiB of text per input; split it into several inputs)",
        bytes as f64 / f64::from(1 << 20),
        MAX_TEXT_BYTES >> 20
    )
}

/// Reads a file, refusing ones larger than [`decode::MAX_INPUT_BYTES`]:
/// a regular file by its size before reading, anything else (a FIFO,
/// `<(…)`, `/dev/zero`, a character device) by reading at most one byte
/// past the limit.
fn read_file(path: &Path, origin: &str) -> Result<Vec<u8>, IngestError> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::input(origin, io_cause(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| IngestError::input(origin, io_cause(&e)))?;
    if meta.is_file() && meta.len() > decode::MAX_INPUT_BYTES {
        return Err(IngestError::input(origin, too_large(Some(meta.len()))));
    }
    read_capped(file, origin)
}

/// Reads `reader` to the end, up to [`decode::MAX_INPUT_BYTES`].
fn read_capped(reader: impl std::io::Read, origin: &str) -> Result<Vec<u8>, IngestError> {
    let limit = decode::MAX_INPUT_BYTES;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut reader.take(limit + 1), &mut bytes)
        .map_err(|e| IngestError::input(origin, io_cause(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::input(origin, too_large(None)));
    }
    Ok(bytes)
}

fn supported_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        if path.is_file() && !name.starts_with('.') && SUPPORTED_EXTENSIONS.contains(&ext) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    sanitize(&stem)
}

/// The host of a URL, as a fallback name.
#[cfg(feature = "fetch")]
fn url_stem(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme);
    sanitize(host.strip_prefix("www.").unwrap_or(host))
}

fn io_cause(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        std::io::ErrorKind::InvalidData => "not readable as text".into(),
        _ => e
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names_and_content() {
        assert_eq!(
            format_of_path(Path::new("a/page.html.gz")),
            Some(Format::Html)
        );
        assert_eq!(
            format_of_path(Path::new("notes.MD")),
            Some(Format::Markdown)
        );
        assert_eq!(format_of_path(Path::new("x.txt")), Some(Format::Text));
        assert_eq!(format_of_path(Path::new("x")), None);
        assert_eq!(sniff_format("  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format("---\ntitle: x\n---\nhi"), Format::Markdown);
        assert_eq!(sniff_format("# Heading\n\ntext"), Format::Markdown);
        assert_eq!(sniff_format("Plain words.\n\n#hashtag here"), Format::Text);
    }

    #[test]
    fn url_schemes_other_than_http_are_refused() {
        assert_eq!(unsupported_scheme("ftp://x"), Some("ftp"));
        assert_eq!(unsupported_scheme("file:///etc/passwd"), Some("file"));
        assert_eq!(unsupported_scheme("https://x.test/a"), None);
        assert_eq!(unsupported_scheme("notes/a.txt"), None);
        assert_eq!(unsupported_scheme("dir/x://y"), None);
    }

    #[test]
    #[cfg(feature = "fetch")]
    fn url_stems_are_hosts() {
        assert_eq!(url_stem("https://www.example.com/a/b?c"), "example.com");
        assert_eq!(url_stem("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }
}
