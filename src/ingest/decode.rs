//! Bytes to text: gzip is unwrapped, UTF-8 and UTF-16 (with a BOM) are
//! decoded; UTF-8 with a few stray bytes stays UTF-8, those bytes replaced
//! (U+FFFD) with a warning; anything else is decoded as the charset an
//! HTML page declares, or else Windows-1252, with a warning. Binary and
//! empty inputs are refused.

use std::io::Read;

/// Largest decompressed input accepted (gzip bombs stop here).
pub(crate) const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Decoded text, with a warning when the encoding had to be guessed.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes `bytes`; the error is the cause, for a one-line message.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let bytes = gunzip_if_needed(bytes)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("file is empty".into());
    }
    for (bom, encoding) in [
        (&[0xEF, 0xBB, 0xBF][..], encoding_rs::UTF_8),
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, _) = encoding.decode_without_bom_handling(rest);
            return finish(text.into_owned(), None);
        }
    }
    if looks_binary(&bytes) {
        return Err("binary file (not text, Markdown or HTML)".into());
    }
    match String::from_utf8(bytes.into_owned()) {
        Ok(text) => finish(text, None),
        Err(e) => {
            let bytes = e.into_bytes();
            if let Some((encoding, label)) = declared_charset(&bytes) {
                let (text, _, _) = encoding.decode(&bytes);
                return finish(
                    text.into_owned(),
                    Some(format!("not valid UTF-8; decoded as {label}")),
                );
            }
            if let Some(stray) = stray_bytes(&bytes) {
                let warning = format!(
                    "{} not valid UTF-8 (first at byte {}), replaced with U+FFFD",
                    if stray.count == 1 {
                        "1 byte".to_string()
                    } else {
                        format!("{} bytes", stray.count)
                    },
                    stray.first
                );
                return finish(String::from_utf8_lossy(&bytes).into_owned(), Some(warning));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            finish(
                text.into_owned(),
                Some("not valid UTF-8; decoded as Windows-1252".into()),
            )
        }
    }
}

/// Bytes that break otherwise valid UTF-8.
struct Stray {
    count: usize,
    first: usize,
}

/// `Some` when `bytes` read as UTF-8 with a few stray bytes: at least as
/// many valid multi-byte characters as invalid sequences (a Windows-1252
/// or Latin-1 text has almost no valid multi-byte sequences).
fn stray_bytes(bytes: &[u8]) -> Option<Stray> {
    let (mut multibyte, mut invalid, mut count) = (0usize, 0usize, 0usize);
    let mut first = None;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        at += valid.len();
        if !chunk.invalid().is_empty() {
            first.get_or_insert(at);
            invalid += 1;
            count += chunk.invalid().len();
            at += chunk.invalid().len();
        }
    }
    (multibyte > 0 && invalid <= multibyte).then(|| Stray {
        count,
        first: first.unwrap_or(0),
    })
}

fn finish(text: String, warning: Option<String>) -> Result<Decoded, String> {
    if text.trim().is_empty() {
        return Err("file is empty".into());
    }
    Ok(Decoded { text, warning })
}

fn gunzip_if_needed(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.into());
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt gzip data ({e})"))?;
    if out.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "decompressed size exceeds {} MiB",
            MAX_INPUT_BYTES >> 20
        ));
    }
    Ok(out.into())
}

/// NUL bytes, or many control bytes, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

/// A `charset=` declared in an HTML head (`<meta charset="…">`).
fn declared_charset(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, &'static str)> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    (encoding != encoding_rs::UTF_8).then(|| (encoding, encoding.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_utf16_and_windows_1252() {
        assert_eq!(decode("héllo".as_bytes()).unwrap().text, "héllo");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().text, "hé");
        let latin = decode(b"caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(latin.text, "café “quoted”");
        assert!(latin.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let decoded = decode(b"\xe2\x80\x9cQuoted,\xe2\x80\x9d she said \x97 twice.").unwrap();
        assert_eq!(decoded.text, "“Quoted,” she said \u{FFFD} twice.");
        let warning = decoded.warning.unwrap();
        assert!(
            warning.contains("1 byte not valid UTF-8 (first at byte 23)"),
            "{warning}"
        );
        // No valid multi-byte character: Windows-1252 it is.
        let latin = decode(b"caf\xe9 \x93quoted\x94 \xe9t\xe9").unwrap();
        assert_eq!(latin.text, "café “quoted” été");
    }

    #[test]
    fn html_charset_declaration_is_honoured() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>";
        let decoded = decode(page).unwrap();
        assert!(decoded.text.contains("Привет"), "{}", decoded.text);
        assert!(decoded.warning.unwrap().contains("windows-1251"));
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
                .unwrap_err()
                .contains("binary")
        );
        assert!(decode(b"  \n\t ").unwrap_err().contains("empty"));
        assert!(decode(b"").unwrap_err().contains("empty"));
    }

    #[test]
    fn unwraps_gzip() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>hello</p>").unwrap();
        let bytes = gz.finish().unwrap();
        assert_eq!(decode(&bytes).unwrap().text, "<p>hello</p>");
        assert!(decode(&bytes[..bytes.len() / 2]).is_err());
    }
}
