//! Scoring of HTML article extraction on the two development sets beside the
//! checkout, used by `examples/extraction_eval.rs`, the extraction tests and
//! the extraction benchmark.
//!
//! - `../shared/extraction-dev` (57 pages of scrapinghub's
//!   article-extraction-benchmark, a hand-extracted body per page): `\w+`
//!   tokens, 4-token shingles with counts, per-page true/false positives and
//!   misses normalized by their sum; precision and recall are means over
//!   pages and F1 = 2PR/(P+R) ([`score_page`], [`mean_scores`]).
//! - `../shared/extraction-dev2` (884 pages of trafilatura's evaluation,
//!   snippets a good extraction contains and boilerplate snippets it leaves
//!   out): whitespace normalized, snippets found or not, counts pooled over
//!   all pages ([`score_snippets`], [`SnippetCounts`]).
//!
//! Every page belongs to one of two fixed halves ([`half_of`]), so that rules
//! can be chosen on one half and scored on the other.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use parallax::model::ParagraphKind;

/// Kinds that are article text (what an extraction benchmark counts).
pub fn is_article_text(kind: ParagraphKind) -> bool {
    matches!(kind, ParagraphKind::Body | ParagraphKind::Heading)
}

/// Per-page precision and recall, already normalized as the benchmark does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    pub precision: f64,
    pub recall: f64,
}

impl PageScore {
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub fn f1(&self) -> f64 {
        f1(self.precision, self.recall)
    }
}

/// F1 from precision and recall.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Scores one page's predicted text against its ground truth.
pub fn score_page(predicted: &str, truth: &str) -> PageScore {
    let pred = shingles(predicted);
    let gold = shingles(truth);
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (shingle, &count) in &pred {
        let shared = gold.get(shingle).copied().unwrap_or(0).min(count);
        tp += shared;
        fp += count - shared;
    }
    let gold_total: usize = gold.values().sum();
    let misses = gold_total - tp;
    let total = (tp + fp + misses) as f64;
    if total == 0.0 {
        // Both empty: a perfect (vacuous) match.
        return PageScore {
            precision: 1.0,
            recall: 1.0,
        };
    }
    let (tp, fp, misses) = (tp as f64 / total, fp as f64 / total, misses as f64 / total);
    PageScore {
        precision: if tp + fp == 0.0 { 0.0 } else { tp / (tp + fp) },
        recall: if tp + misses == 0.0 {
            0.0
        } else {
            tp / (tp + misses)
        },
    }
}

/// Means of per-page precision and recall: (precision, recall, F1).
pub fn mean_scores(pages: &[PageScore]) -> (f64, f64, f64) {
    if pages.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let n = pages.len() as f64;
    let p = pages.iter().map(|s| s.precision).sum::<f64>() / n;
    let r = pages.iter().map(|s| s.recall).sum::<f64>() / n;
    (p, r, f1(p, r))
}

/// `\w+` tokens (Unicode word characters), as Python's `re` finds them.
fn tokens(text: &str) -> Vec<&str> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || is_combining(c);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Combining marks count as word characters in Python's `\w`.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}')
}

/// 4-token shingles with counts (texts shorter than 4 tokens give one
/// shingle of what there is, as the benchmark does).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut counts = HashMap::new();
    if toks.is_empty() {
        return counts;
    }
    if toks.len() < 4 {
        *counts.entry(toks).or_insert(0) += 1;
        return counts;
    }
    for window in toks.windows(4) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Counts of one page (or pooled over pages) under trafilatura's snippet
/// metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SnippetCounts {
    /// `with` snippets found.
    pub tp: usize,
    /// `with` snippets missed.
    pub missed: usize,
    /// `without` snippets found (boilerplate kept).
    pub fp: usize,
    /// `without` snippets left out.
    pub tn: usize,
}

impl SnippetCounts {
    pub fn add(&mut self, other: SnippetCounts) {
        self.tp += other.tp;
        self.missed += other.missed;
        self.fp += other.fp;
        self.tn += other.tn;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.missed)
    }

    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.missed)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// trafilatura's evaluation of one page: whitespace collapsed in the
/// extraction and the snippets, then plain substring tests.
pub fn score_snippets(extracted: &str, with: &[String], without: &[String]) -> SnippetCounts {
    let text = collapse_whitespace(extracted);
    let found = |s: &String| text.contains(collapse_whitespace(s).as_str());
    let tp = with.iter().filter(|s| found(s)).count();
    let fp = without.iter().filter(|s| found(s)).count();
    SnippetCounts {
        tp,
        missed: with.len() - tp,
        fp,
        tn: without.len() - fp,
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a page's extraction is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Truth {
    /// The whole article body (extraction-dev).
    Body(String),
    /// Snippets of the main text and of boilerplate (extraction-dev2).
    Snippets {
        with: Vec<String>,
        without: Vec<String>,
    },
}

/// One saved page of a development set.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub id: String,
    /// The gzip-compressed HTML file.
    pub path: PathBuf,
    /// The page's address, when the set records it.
    pub url: Option<String>,
    /// The publication date the set records (`YYYY-MM-DD`), if any.
    pub date: Option<String>,
    pub truth: Truth,
}

/// The two halves of every development set, fixed by page id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// Rules are chosen looking at these pages.
    Tune,
    /// Scored only, never inspected while choosing rules.
    Held,
}

/// The half a page belongs to: one bit of a hash of its id (FNV-1a), so the
/// split does not depend on file order or set size.
pub fn half_of(id: &str) -> Half {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    if (hash >> 17) & 1 == 0 {
        Half::Tune
    } else {
        Half::Held
    }
}

/// The development sets beside the checkout: `(name, directory)`.
pub fn dev_set_dirs() -> [(&'static str, PathBuf); 2] {
    let shared = crate::repo_dir().join("../shared");
    [
        ("extraction-dev", shared.join("extraction-dev")),
        ("extraction-dev2", shared.join("extraction-dev2")),
    ]
}

/// Reads a development set: `ground-truth.json` (extraction-dev) or
/// `evaldata.json` (extraction-dev2). Pages are sorted by id.
pub fn load_set(dir: &Path) -> Result<Vec<Page>, String> {
    let read = |name: &str| -> Result<serde_json::Value, String> {
        let file = dir.join(name);
        let raw = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", file.display()))
    };
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let text = |v: &serde_json::Value| v.as_str().filter(|s| !s.is_empty()).map(str::to_string);
    let mut pages = Vec::new();
    if dir.join("ground-truth.json").is_file() {
        let value = read("ground-truth.json")?;
        for (id, page) in value.as_object().ok_or("ground truth is not an object")? {
            pages.push(Page {
                id: id.clone(),
                path: dir.join("html").join(format!("{id}.html.gz")),
                url: text(&page["url"]),
                date: None,
                truth: Truth::Body(page["articleBody"].as_str().unwrap_or_default().to_string()),
            });
        }
    } else {
        let value = read("evaldata.json")?;
        for (url, page) in value.as_object().ok_or("evaldata is not an object")? {
            let file = page["file"].as_str().ok_or("a page without a file")?;
            let id = Path::new(file)
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".html.gz"))
                .unwrap_or(file)
                .to_string();
            pages.push(Page {
                id,
                path: dir.join(file),
                url: Some(url.clone()),
                date: text(&page["date"]),
                truth: Truth::Snippets {
                    with: strings(&page["with"]),
                    without: strings(&page["without"]),
                },
            });
        }
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// A saved page's HTML (gunzipped, decoded as UTF-8 with replacement).
pub fn read_html(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What parallax reads from a saved page: the article text (body and
/// heading paragraphs, blank-line separated), the source's name and date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub name: String,
    pub date: Option<chrono::NaiveDate>,
    /// Every paragraph with its kind, furniture included.
    pub paragraphs: Vec<(ParagraphKind, String)>,
}

/// Runs the product's ingest pipeline on a saved page, as `parallax` reads
/// a file named on the command line.
pub fn parallax_extract(path: &Path) -> Result<Extracted, String> {
    let input = parallax::ingest::Input::new(path.display().to_string());
    let loaded = parallax::ingest::load(&[input]).map_err(|e| e.to_string())?;
    let source = loaded.sources.first().ok_or("no source read")?;
    Ok(Extracted {
        text: source
            .paragraphs
            .iter()
            .filter(|p| is_article_text(p.kind))
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        name: source.name.clone(),
        date: source.date,
        paragraphs: source
            .paragraphs
            .iter()
            .map(|p| (p.kind, p.text.clone()))
            .collect(),
    })
}

/// Figures of one set (or half): the benchmark's own metric as (precision,
/// recall, F1), plus pooled snippet counts for snippet sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SetScore {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Accuracy (snippet sets only).
    pub accuracy: Option<f64>,
}

/// One page's score under its set's metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageResult {
    Shingles(PageScore),
    Snippets(SnippetCounts),
}

/// Scores one extraction against a page's truth.
pub fn score(text: &str, truth: &Truth) -> PageResult {
    match truth {
        Truth::Body(body) => PageResult::Shingles(score_page(text, body)),
        Truth::Snippets { with, without } => {
            PageResult::Snippets(score_snippets(text, with, without))
        }
    }
}

/// Aggregates page results the way their metric does (means of per-page
/// shingle scores; pooled snippet counts).
pub fn aggregate(results: &[PageResult]) -> SetScore {
    let shingles: Vec<PageScore> = results
        .iter()
        .filter_map(|r| match r {
            PageResult::Shingles(s) => Some(*s),
            PageResult::Snippets(_) => None,
        })
        .collect();
    let mut pooled = SnippetCounts::default();
    for r in results {
        if let PageResult::Snippets(c) = r {
            pooled.add(*c);
        }
    }
    if shingles.len() >= results.len() - shingles.len() {
        let (precision, recall, f1) = mean_scores(&shingles);
        SetScore {
            pages: shingles.len(),
            precision,
            recall,
            f1,
            accuracy: None,
        }
    } else {
        SetScore {
            pages: results.len() - shingles.len(),
            precision: pooled.precision(),
            recall: pooled.recall(),
            f1: pooled.f1(),
            accuracy: Some(pooled.accuracy()),
        }
    }
}

/// Scores of a whole set and of its two halves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SplitScore {
    pub all: SetScore,
    pub tune: SetScore,
    pub held: SetScore,
}

/// Scores `results[i]` (the result of `pages[i]`) overall and by half.
pub fn split_scores(pages: &[Page], results: &[PageResult]) -> SplitScore {
    let by_half = |half: Half| -> Vec<PageResult> {
        pages
            .iter()
            .zip(results)
            .filter(|(p, _)| half_of(&p.id) == half)
            .map(|(_, r)| *r)
            .collect()
    };
    SplitScore {
        all: aggregate(results),
        tune: aggregate(&by_half(Half::Tune)),
        held: aggregate(&by_half(Half::Held)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let s = score_page("one two three four five", "one two three four five");
        assert_eq!((s.precision, s.recall), (1.0, 1.0));
    }

    #[test]
    fn extra_text_lowers_precision_only() {
        let truth = "a b c d e f";
        let s = score_page("a b c d e f x y z w", truth);
        assert_eq!(s.recall, 1.0);
        assert!(s.precision < 1.0 && s.precision > 0.3, "{s:?}");
    }

    #[test]
    fn missing_text_lowers_recall_only() {
        let s = score_page("a b c d", "a b c d e f g h");
        assert_eq!(s.precision, 1.0);
        assert!((s.recall - 0.2).abs() < 1e-9, "{s:?}");
    }

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(
            tokens("It's 3.5% — naïve_x!"),
            ["It", "s", "3", "5", "naïve_x"]
        );
    }

    #[test]
    fn snippets_are_found_with_whitespace_collapsed() {
        let with = ["two  three".to_string(), "nine".to_string()];
        let without = ["menu".to_string(), "five".to_string()];
        let c = score_snippets("one two\n\nthree four five", &with, &without);
        assert_eq!(
            c,
            SnippetCounts {
                tp: 1,
                missed: 1,
                fp: 1,
                tn: 1
            }
        );
        assert_eq!((c.precision(), c.recall(), c.accuracy()), (0.5, 0.5, 0.5));
    }

    #[test]
    fn halves_split_ids_about_evenly() {
        let ids: Vec<String> = (0..1000).map(|i| format!("{i:016x}")).collect();
        let tune = ids.iter().filter(|id| half_of(id) == Half::Tune).count();
        assert!((400..=600).contains(&tune), "{tune}");
        assert_eq!(half_of("abc"), half_of("abc"));
    }

    #[test]
    fn means_over_pages() {
        let pages = [
            PageScore {
                precision: 1.0,
                recall: 0.5,
            },
            PageScore {
                precision: 0.5,
                recall: 1.0,
            },
        ];
        let (p, r, f) = mean_scores(&pages);
        assert_eq!((p, r), (0.75, 0.75));
        assert!((f - 0.75).abs() < 1e-12);
    }
}
