//! Ranking and ids: drops duplicates (the same kind over the same mentions),
//! sorts by score (number conflicts and reworded quotes of named speakers
//! first, then framing, then omissions; each detector scores inside its
//! band), and numbers the result `d0..`.

use std::cmp::Ordering;

use crate::model::{Discrepancy, DiscrepancyId, Mention};

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
pub fn finish(mut found: Vec<Discrepancy>) -> Vec<Discrepancy> {
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
