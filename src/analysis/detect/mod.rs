//! Discrepancy detectors: where aligned sources disagree on numbers, quotes,
//! framing, and what some sources carry that others lack.
//!
//! Three levels, each importing only the ones below it:
//!
//! 1. [`recognize`]: what is in the text (quantities, quotations with their
//!    speakers, the people and days of an event, label slots), built on the
//!    shared read access of `ctx::Ctx`;
//! 2. the detectors, one per kind of finding, each a function of the
//!    `Ctx` and the recognizers' indexes, none importing another:
//!    `numbers`, `quotes`, `framing` (aligned wording), `labels` (labels
//!    across unaligned sentences), `omissions` and `loaded`;
//! 3. `rank`: the score bands, de-duplication, order and the `d0..` ids.
//!
//! Only [`detect`], the test [`harness`] and the two recognizers the
//! evaluation crate plants changes with are public.
//!
//! This module is the roof: it builds the shared indexes once and calls the
//! detectors in a fixed order.

pub(crate) mod ctx;
pub(crate) mod framing;
pub mod harness;
pub(crate) mod labels;
pub(crate) mod loaded;
pub(crate) mod numbers;
pub(crate) mod omissions;
pub(crate) mod quotes;
pub(crate) mod rank;
pub mod recognize;
pub(crate) mod util;

use std::collections::HashSet;

use crate::model::{Alignment, Discrepancy, DiscrepancyKind, SentenceRef, Source};
pub(crate) use ctx::Ctx;
use recognize::quotes::QuoteIndex;
use recognize::referent::Events;

/// Finds where the aligned sources disagree, ranked by score (highest
/// first), with ids `d0..` in that order.
pub fn detect(sources: &[Source], alignment: &Alignment) -> Vec<Discrepancy> {
    let ctx = Ctx::new(sources, alignment);
    let quotes = QuoteIndex::build(&ctx);
    let events = Events::new(&ctx);
    let mut found = numbers::detect(&ctx, &events);
    found.extend(quotes::detect(&ctx, &quotes));
    found.extend(framing::detect(&ctx, &quotes));
    found.extend(labels::detect(&ctx, &quotes, &events));
    let compared = compared_sentences(&ctx, &found);
    found.extend(omissions::detect(&ctx, &quotes, &compared));
    found.extend(loaded::detect(&ctx, &quotes));
    rank::finish(found)
}

/// Sentences that a finding already sets against another source's version
/// (its mentions span two or more sources): such content is reported, so it
/// is not "only" in one source.
fn compared_sentences(ctx: &Ctx<'_>, found: &[Discrepancy]) -> HashSet<SentenceRef> {
    let mut compared = HashSet::new();
    for d in found {
        let first = d.mentions.first().map(|m| m.source);
        let quote_alone = d.kind == DiscrepancyKind::Quote;
        if d.mentions.iter().all(|m| Some(m.source) == first) && !quote_alone {
            continue;
        }
        for m in &d.mentions {
            let Some(p) = ctx.paragraph(m.source, m.paragraph) else {
                continue;
            };
            for (sentence, span) in p.sentences.iter().enumerate() {
                if span.overlaps(&m.span()) {
                    compared.insert(SentenceRef {
                        source: m.source,
                        paragraph: m.paragraph,
                        sentence,
                    });
                }
            }
        }
    }
    compared
}
