//! What several detectors share that is not reading the text: bag-of-words
//! overlaps and summary wording (shortening, joining source names).

/// Shares of overlap between two bags of strings: |A∩B| / min(|A|,|B|).
pub(crate) fn containment(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|w| b.contains(w)).count();
    common as f64 / a.len().min(b.len()) as f64
}

/// Jaccard overlap of two bags of strings, counting distinct items.
pub(crate) fn jaccard(a: &[String], b: &[String]) -> f64 {
    let mut sa: Vec<&String> = a.iter().collect();
    let mut sb: Vec<&String> = b.iter().collect();
    sa.sort();
    sa.dedup();
    sb.sort();
    sb.dedup();
    if sa.is_empty() && sb.is_empty() {
        return 0.0;
    }
    let common = sa.iter().filter(|w| sb.binary_search(w).is_ok()).count();
    common as f64 / (sa.len() + sb.len() - common) as f64
}

/// Cuts `text` to at most `max` characters at a word boundary, adding "…".
pub(crate) fn ellipsize(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '-', '–']))
}

/// Joins source names for summaries: "AP, TIME and Sky News".
pub(crate) fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
