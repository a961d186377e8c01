//! Fetching `http(s)://` inputs with ureq: a global timeout, a size cap and a
//! limit on redirects. Failures are a [`FetchError`], each a one-line
//! cause. Everything but [`is_url`] and the error needs the `fetch` feature.

#[cfg(feature = "fetch")]
use std::time::Duration;

#[cfg(feature = "fetch")]
/// Whole-request time limit.
const TIMEOUT: Duration = Duration::from_secs(20);
#[cfg(feature = "fetch")]
/// Largest response body accepted.
const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;
#[cfg(feature = "fetch")]
/// Redirects followed before giving up.
const MAX_REDIRECTS: u32 = 5;

#[cfg(feature = "fetch")]
/// A fetched page: its bytes and what the server says they are.
#[derive(Debug)]
pub(crate) struct Fetched {
    pub bytes: Vec<u8>,
    /// The `Content-Type` media type, lower-case, without parameters.
    pub media_type: Option<String>,
}

/// Why a URL could not be fetched. The field names say what they hold.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)]
pub enum FetchError {
    /// The server answered with an error status.
    #[error("HTTP {code}{}", reason(*code))]
    Status { code: u16 },
    /// No answer within the time limit.
    #[error("timed out after {seconds} s")]
    Timeout { seconds: u64 },
    /// The name does not resolve.
    #[error("host not found")]
    HostNotFound,
    /// No connection could be made.
    #[error("connection failed")]
    ConnectionFailed,
    /// Nothing listens at the address.
    #[error("connection refused")]
    Refused {
        #[source]
        source: std::io::Error,
    },
    /// Redirected more than `max` times.
    #[error("more than {max} redirects")]
    TooManyRedirects { max: u32 },
    /// The body is larger than the limit.
    #[error("page larger than {limit_mib} MiB")]
    TooLarge { limit_mib: u64 },
    /// Reading or writing the connection failed ("io: " and the cause).
    #[error("io")]
    Io {
        #[source]
        source: std::io::Error,
    },
    /// Anything else the HTTP client reports (its one-line message).
    #[error("{0}")]
    Other(String),
    /// This build cannot fetch (no `fetch` feature).
    #[error(transparent)]
    MissingFeature(#[from] super::MissingFeature),
}

/// Whether the input names a URL parallax fetches.
pub(crate) fn is_url(origin: &str) -> bool {
    let lower = origin.get(..8).unwrap_or(origin).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(feature = "fetch")]
/// Fetches `url`.
pub(crate) fn fetch(url: &str) -> Result<Fetched, FetchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(true)
        .user_agent(concat!("parallax/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(cause)?;
    let media_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase());
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
        .map_err(cause)?;
    Ok(Fetched { bytes, media_type })
}

#[cfg(feature = "fetch")]
fn cause(error: ureq::Error) -> FetchError {
    use ureq::Error as E;
    match error {
        E::StatusCode(code) => FetchError::Status { code },
        E::Timeout(_) => FetchError::Timeout {
            seconds: TIMEOUT.as_secs(),
        },
        E::HostNotFound => FetchError::HostNotFound,
        E::ConnectionFailed => FetchError::ConnectionFailed,
        E::TooManyRedirects => FetchError::TooManyRedirects { max: MAX_REDIRECTS },
        E::BodyExceedsLimit(_) => FetchError::TooLarge {
            limit_mib: MAX_BODY_BYTES >> 20,
        },
        E::Io(source) if source.kind() == std::io::ErrorKind::ConnectionRefused => {
            FetchError::Refused { source }
        }
        E::Io(source) => FetchError::Io { source },
        other => FetchError::Other(one_line(&other.to_string())),
    }
}

/// The reason phrase of a common HTTP error status (" Not Found").
fn reason(code: u16) -> &'static str {
    match code {
        400 => " Bad Request",
        401 => " Unauthorized",
        403 => " Forbidden",
        404 => " Not Found",
        410 => " Gone",
        429 => " Too Many Requests",
        500 => " Internal Server Error",
        502 => " Bad Gateway",
        503 => " Service Unavailable",
        _ => "",
    }
}

#[cfg(feature = "fetch")]
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::is_url;

    #[test]
    fn recognizes_urls() {
        assert!(is_url("https://example.com/a"));
        assert!(is_url("HTTP://example.com"));
        assert!(!is_url("http"));
        assert!(!is_url("notes/http.txt"));
    }
}
