//! Loaded language in each source, whether or not another outlet has the
//! sentence: "slammed", "so-called", "radical", "bombshell". One finding per
//! sentence (subkind `loaded`), with a mention per loaded word, ranked below
//! every comparison between sources: it says how a source words its story,
//! not where sources disagree.
//!
//! The words come from `assets/lexicons/loaded.txt` (VADER's strongest
//! words, a newsroom list, and words media-bias experts marked in the
//! real-text benchmark's tuning events; the file's header gives the rules).

use super::ctx::Ctx;
use super::rank::Band;
use super::recognize::quotes::{QuoteIndex, overlap};
use super::util::ellipsize;
use crate::model::{Discrepancy, DiscrepancyKind, SentenceRef, Span, Subkind};
use crate::text::lexicon::Lexicon;

/// Finds the loaded words of every body sentence.
pub(crate) fn detect(ctx: &Ctx<'_>, quotes: &QuoteIndex) -> Vec<Discrepancy> {
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
                // words of a quotation that another source quotes too are
                // the speaker's, not this outlet's choice
                let quoted: Vec<Span> = quotes
                    .in_sentence(r)
                    .filter(|q| {
                        quotes
                            .quotes
                            .iter()
                            .any(|o| o.source != q.source && overlap(q, o).1 >= 2)
                    })
                    .map(|q| q.span)
                    .collect();
                let mentions: Vec<_> = ctx
                    .tokens(r)
                    .iter()
                    .filter(|t| t.is_word() && lex.is_loaded_word(t.text))
                    .filter(|t| !quoted.iter().any(|q| q.overlaps(&t.span())))
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
                let score = Band::Loaded.score((mentions.len() - 1) as f64);
                out.push(Discrepancy::new(
                    DiscrepancyKind::Framing,
                    Some(Subkind::Loaded),
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
