//! Loaded language in each source, whether or not another outlet has the
//! sentence: "slammed", "so-called", "radical", "bombshell". One finding per
//! sentence (subkind `loaded`), with a mention per loaded word, ranked below
//! every comparison between sources: it says how a source words its story,
//! not where sources disagree.
//!
//! The words come from `assets/lexicons/loaded.txt` (VADER's strongest
//! words, a newsroom list, and words media-bias experts marked in the
//! real-text benchmark's tuning events; the file's header gives the rules).

use super::util::ellipsize;
use super::{Ctx, finding};
use crate::model::{Discrepancy, DiscrepancyKind, SentenceRef};
use crate::text::lexicon::Lexicon;

/// Score of a finding with one loaded word; each further word adds
/// [`PER_WORD`]. Below every cross-source finding.
const BASE: f64 = 0.03;
const PER_WORD: f64 = 0.005;

/// Finds the loaded words of every body sentence.
pub fn detect(ctx: &Ctx<'_>) -> Vec<Discrepancy> {
    let lex = Lexicon::get();
    let mut out = Vec::new();
    for source in ctx.sources {
        for p in source.body() {
            for sentence in 0..p.sentences.len() {
                let r = SentenceRef {
                    source: source.id,
                    paragraph: p.index,
                    sentence,
                };
                if ctx.is_furniture(r) {
                    continue;
                }
                let mentions: Vec<_> = ctx
                    .tokens(r)
                    .iter()
                    .filter(|t| t.is_word() && lex.is_loaded_word(t.text))
                    .filter_map(|t| ctx.mention(source.id, p.index, t.span()))
                    .collect();
                if mentions.is_empty() {
                    continue;
                }
                let words: Vec<String> = mentions.iter().map(|m| format!("“{}”", m.text)).collect();
                let summary = format!(
                    "Loaded wording in {}: {} ({})",
                    source.name,
                    words.join(", "),
                    ellipsize(ctx.sentence_text(r), 60)
                );
                let score = BASE + PER_WORD * (mentions.len() - 1) as f64;
                out.push(finding(
                    DiscrepancyKind::Framing,
                    Some("loaded"),
                    None,
                    summary,
                    score,
                    mentions,
                ));
            }
        }
    }
    out
}
