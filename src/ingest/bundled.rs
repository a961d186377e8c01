//! The bundled corpus, embedded in the binary so `parallax` with no
//! arguments works from any directory.

use crate::model::{Source, SourceId};

/// What the bundled articles report.
pub const BUNDLED_EVENT: &str = "Antony Blinken meets Xi Jinping, Beijing, 19 June 2023";

/// (file, outlet, date), in the order of `assets/corpus/manifest.json`.
const ARTICLES: [(&str, &str, &str, &str); 5] = [
    (
        "financial-times.txt",
        "Financial Times",
        "2023-06-19",
        include_str!("../../assets/corpus/financial-times.txt"),
    ),
    (
        "sky-news.txt",
        "Sky News",
        "2023-06-19",
        include_str!("../../assets/corpus/sky-news.txt"),
    ),
    (
        "ft-rewrite-news-site.txt",
        "News site (FT rewrite)",
        "2023-06-20",
        include_str!("../../assets/corpus/ft-rewrite-news-site.txt"),
    ),
    (
        "ap-wire.txt",
        "AP",
        "2023-06-19",
        include_str!("../../assets/corpus/ap-wire.txt"),
    ),
    (
        "time.txt",
        "TIME",
        "2023-06-19",
        include_str!("../../assets/corpus/time.txt"),
    ),
];

/// The five bundled articles, ingested like any text input, named and dated
/// from the manifest.
pub fn bundled_sources() -> Vec<Source> {
    ARTICLES
        .iter()
        .enumerate()
        .map(|(i, (file, outlet, date, text))| {
            let mut source = super::source_from_text(
                SourceId(i),
                outlet.to_string(),
                format!("bundled:{file}"),
                text,
            );
            source.date = date.parse().ok();
            source
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn manifest_matches_the_embedded_list() {
        let manifest: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/corpus/manifest.json")).unwrap();
        let listed: Vec<(&str, &str, &str)> = manifest["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["file"].as_str().unwrap(),
                    s["outlet"].as_str().unwrap(),
                    s["date"].as_str().unwrap(),
                )
            })
            .collect();
        let embedded: Vec<(&str, &str, &str)> = super::ARTICLES
            .iter()
            .map(|(f, o, d, _)| (*f, *o, *d))
            .collect();
        assert_eq!(listed, embedded);
    }
}
