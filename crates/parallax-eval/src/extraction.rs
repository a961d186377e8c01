//! The article-extraction benchmark metric (scrapinghub's
//! article-extraction-benchmark), used by `examples/extraction_eval.rs` and the
//! extraction test: `\w+` tokens, 4-token shingles with counts, per-page
//! true/false positives and misses normalized by their sum; precision and
//! recall are means over pages and F1 = 2PR/(P+R).

use std::collections::HashMap;

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
