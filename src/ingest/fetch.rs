//! Fetching `http(s)://` inputs with ureq: a global timeout, a size cap and a
//! limit on redirects. HTTP errors become one-line causes. Everything but
//! [`is_url`] needs the `fetch` feature.

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

/// Whether the input names a URL parallax fetches.
pub(crate) fn is_url(origin: &str) -> bool {
    let lower = origin.get(..8).unwrap_or(origin).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(feature = "fetch")]
/// Fetches `url`; the error is a one-line cause.
pub(crate) fn fetch(url: &str) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(true)
        .user_agent(concat!("parallax/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| cause(&e))?;
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
        .map_err(|e| cause(&e))?;
    Ok(Fetched { bytes, media_type })
}

#[cfg(feature = "fetch")]
fn cause(error: &ureq::Error) -> String {
    use ureq::Error as E;
    match error {
        E::StatusCode(code) => format!("HTTP {code}{}", reason(*code)),
        E::Timeout(_) => format!("timed out after {} s", TIMEOUT.as_secs()),
        E::HostNotFound => "host not found".into(),
        E::ConnectionFailed => "connection failed".into(),
        E::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        E::BodyExceedsLimit(_) => format!("page larger than {} MiB", MAX_BODY_BYTES >> 20),
        E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        other => one_line(&other.to_string()),
    }
}

#[cfg(feature = "fetch")]
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
