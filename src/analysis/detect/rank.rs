//! Ranking and ids: the score bands of every kind of finding, and
//! [`finish`], which drops duplicates (the same kind over the same
//! mentions), sorts by score and numbers the result `d0..`.
//!
//! The bands, highest first: number conflicts and disagreeing quotations
//! (0.78..1.0), framing choices between sources (0.6..0.71), quotations one
//! source carries alone or that others paraphrase (0.3..0.5), omissions
//! (0.08..0.4: a rich omission outranks a lone quotation), loaded wording
//! in one source (0.03 and up). Each detector places a finding inside its
//! [`Band`] by its own measure (a number gap, the count of sources, how
//! much a reader loses).

use std::cmp::Ordering;

use crate::model::{Discrepancy, DiscrepancyId, Mention};

/// Where one kind of finding ranks: a base score, and what each unit of
/// the detector's own measure adds ([`Band::score`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Band {
    /// Number conflict: [`NUMBER_FLOOR`]..=[`NUMBER_CEILING`], by the
    /// square root of the relative gap, lower when hedged or a point in time.
    NumberConflict,
    /// The same quotation attributed to different speakers.
    QuoteDifferentSpeaker,
    /// A quotation reworded, a named speaker's; per changed passage (up to
    /// three).
    QuoteRewordedNamed,
    /// A quotation reworded, nobody named; per changed passage (up to three).
    QuoteReworded,
    /// A quotation cut where the cut changes its meaning.
    QuoteTruncated,
    /// Framing: different labels in linked sentences; per further source
    /// (up to three).
    FramingLabel,
    /// Framing: different labels for one referent in sentences the
    /// alignment left apart; per further source (up to three).
    LabelAcross,
    /// Framing: a hedge in one version; per further source (up to three).
    FramingHedge,
    /// Framing: report verbs of different stance; per further source.
    FramingAttribution,
    /// Framing: evaluative words of different strength; per further source.
    FramingEvaluative,
    /// One source quotes, aligned sentences of others paraphrase.
    QuoteParaphrased,
    /// One source quotes a named speaker, aligned sentences of others
    /// report the moment without the words.
    QuoteExclusive,
    /// [`Band::QuoteParaphrased`] where every paraphrase is in a rewrite of
    /// the quoting source (expected, so lower).
    QuoteParaphrasedByRewrite,
    /// A main actor's quotation no other source carries: below every
    /// reworded or misattributed quote, above loaded wording.
    QuoteAlone,
    /// A sentence only one source has; by its information (0..=1).
    OmissionExclusive,
    /// A group some sources have no member in; by information times the
    /// share of sources missing.
    OmissionPartial,
    /// Loaded wording in one source's sentence; per further loaded word.
    /// Below every cross-source finding.
    Loaded,
}

/// Lowest score of a number conflict.
pub(crate) const NUMBER_FLOOR: f64 = 0.8;
/// Highest score of a number conflict.
pub(crate) const NUMBER_CEILING: f64 = 1.0;
/// Taken off a number conflict when a side is hedged ("about", "more than").
pub(crate) const NUMBER_HEDGED: f64 = 0.04;
/// Taken off a number conflict about a point in time (dates rank below
/// amounts).
pub(crate) const NUMBER_TIME: f64 = 0.06;

// The penalties leave a hedged date conflict inside its band.
const _: () = assert!(NUMBER_CEILING - NUMBER_HEDGED - NUMBER_TIME > NUMBER_FLOOR);

impl Band {
    #[cfg(test)]
    /// Every band, highest base first.
    pub(crate) const ALL: [Band; 17] = [
        Band::NumberConflict,
        Band::QuoteDifferentSpeaker,
        Band::QuoteRewordedNamed,
        Band::QuoteTruncated,
        Band::QuoteReworded,
        Band::FramingLabel,
        Band::LabelAcross,
        Band::FramingHedge,
        Band::FramingAttribution,
        Band::FramingEvaluative,
        Band::QuoteParaphrased,
        Band::QuoteExclusive,
        Band::QuoteParaphrasedByRewrite,
        Band::QuoteAlone,
        Band::OmissionExclusive,
        Band::OmissionPartial,
        Band::Loaded,
    ];

    /// The score of the band's plainest finding.
    pub(crate) const fn base(self) -> f64 {
        match self {
            Band::NumberConflict | Band::QuoteDifferentSpeaker => 0.9,
            Band::QuoteRewordedNamed => 0.88,
            Band::QuoteTruncated => 0.8,
            Band::QuoteReworded => 0.78,
            Band::FramingLabel => 0.68,
            Band::LabelAcross => 0.67,
            Band::FramingHedge => 0.66,
            Band::FramingAttribution => 0.63,
            Band::FramingEvaluative => 0.6,
            Band::QuoteParaphrased => 0.5,
            Band::QuoteExclusive => 0.42,
            Band::QuoteParaphrasedByRewrite => 0.36,
            Band::QuoteAlone => 0.3,
            Band::OmissionExclusive => 0.1,
            Band::OmissionPartial => 0.08,
            Band::Loaded => 0.03,
        }
    }

    /// What one unit of the detector's measure adds (0 for a fixed band).
    pub(crate) const fn step(self) -> f64 {
        match self {
            Band::NumberConflict => 0.08,
            Band::QuoteRewordedNamed | Band::QuoteReworded => 0.02,
            Band::FramingLabel
            | Band::LabelAcross
            | Band::FramingHedge
            | Band::FramingAttribution
            | Band::FramingEvaluative => 0.01,
            Band::OmissionExclusive => 0.3,
            Band::OmissionPartial => 0.2,
            Band::Loaded => 0.005,
            Band::QuoteDifferentSpeaker
            | Band::QuoteTruncated
            | Band::QuoteParaphrased
            | Band::QuoteExclusive
            | Band::QuoteParaphrasedByRewrite
            | Band::QuoteAlone => 0.0,
        }
    }

    #[cfg(test)]
    /// The most units a detector gives (its measure is capped there), for
    /// the band's highest score; `None` for [`Band::Loaded`], whose count
    /// of words is not capped.
    pub(crate) const fn max_units(self) -> Option<f64> {
        match self {
            Band::QuoteRewordedNamed | Band::QuoteReworded => Some(3.0),
            Band::FramingLabel
            | Band::LabelAcross
            | Band::FramingHedge
            | Band::FramingAttribution
            | Band::FramingEvaluative => Some(3.0),
            Band::Loaded => None,
            _ => Some(1.0),
        }
    }

    /// `base + step * units`: the score of a finding `units` into its band.
    pub(crate) fn score(self, units: f64) -> f64 {
        self.base() + self.step() * units
    }

    #[cfg(test)]
    /// The band's highest score (loaded wording: with ten words).
    pub(crate) fn ceiling(self) -> f64 {
        match self {
            Band::NumberConflict => NUMBER_CEILING,
            _ => self.score(self.max_units().unwrap_or(9.0)),
        }
    }
}

fn key(m: &Mention) -> (usize, usize, usize, usize) {
    (m.source.0, m.paragraph, m.start, m.end)
}

/// True when every mention of `a` overlaps a mention of `b`.
fn covered_by(a: &Discrepancy, b: &Discrepancy) -> bool {
    a.mentions.iter().all(|m| {
        b.mentions.iter().any(|n| {
            n.source == m.source && n.paragraph == m.paragraph && n.start < m.end && m.start < n.end
        })
    })
}

/// De-duplicates, sorts by score descending and assigns ids.
pub(crate) fn finish(mut found: Vec<Discrepancy>) -> Vec<Discrepancy> {
    for d in &mut found {
        d.mentions.sort_by_key(key);
        d.mentions.dedup_by_key(|m| key(m));
        if !d.score.is_finite() {
            d.score = 0.0;
        }
    }
    found.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(Ordering::Equal)
            .then(a.kind.cmp(&b.kind))
            .then(a.summary.cmp(&b.summary))
    });
    let mut kept: Vec<Discrepancy> = Vec::new();
    for d in found {
        let duplicate = kept
            .iter()
            .any(|k| k.kind == d.kind && k.group == d.group && covered_by(&d, k));
        if !duplicate {
            kept.push(d);
        }
    }
    for (i, d) in kept.iter_mut().enumerate() {
        d.id = DiscrepancyId(i);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DiscrepancyKind, SourceId};

    fn d(kind: DiscrepancyKind, score: f64, spans: &[(usize, usize)]) -> Discrepancy {
        Discrepancy {
            id: DiscrepancyId(9),
            kind,
            subkind: None,
            group: None,
            summary: format!("{kind:?} {score}"),
            score,
            mentions: spans
                .iter()
                .enumerate()
                .map(|(i, (s, e))| Mention {
                    source: SourceId(i),
                    paragraph: 0,
                    start: *s,
                    end: *e,
                    text: String::new(),
                    value: None,
                    unit: None,
                })
                .collect(),
        }
    }

    #[test]
    fn bands_keep_their_tiers() {
        // Band::ALL in tiers: conflicts, framing, one source's quotations,
        // omissions, loaded wording
        let all = &Band::ALL;
        let tiers = [
            &all[..5],
            &all[5..10],
            &all[10..14],
            &all[14..16],
            &all[16..],
        ];
        assert_eq!(tiers[4], [Band::Loaded]);
        let floor = |t: &[Band]| t.iter().map(|b| b.base()).fold(f64::MAX, f64::min);
        let ceiling = |t: &[Band]| t.iter().map(|b| b.ceiling()).fold(f64::MIN, f64::max);
        // framing, the quotations of one source and loaded wording each rank
        // below the whole tier above them
        for (upper, lower) in [(0, 1), (1, 2), (3, 4)] {
            assert!(
                ceiling(tiers[lower]) < floor(tiers[upper]),
                "tier {lower} reaches into tier {upper}"
            );
        }
        let bases: Vec<f64> = Band::ALL.iter().map(|b| b.base()).collect();
        assert!(bases.windows(2).all(|w| w[0] >= w[1]), "ALL is by base");
    }

    #[test]
    fn ranks_dedupes_and_numbers() {
        let out = finish(vec![
            d(DiscrepancyKind::Omission, 0.2, &[(0, 5)]),
            d(DiscrepancyKind::Number, 0.9, &[(0, 5), (3, 9)]),
            d(DiscrepancyKind::Number, 0.85, &[(1, 4), (4, 8)]),
            d(DiscrepancyKind::Framing, 0.6, &[(20, 25), (20, 30)]),
        ]);
        let kinds: Vec<_> = out.iter().map(|d| (d.id.0, d.kind)).collect();
        assert_eq!(
            kinds,
            [
                (0, DiscrepancyKind::Number),
                (1, DiscrepancyKind::Framing),
                (2, DiscrepancyKind::Omission)
            ]
        );
    }
}
