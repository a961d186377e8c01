//! Sparse unit vectors and their dot product: what sentence and paragraph
//! features are made of.

/// A sparse vector: (key, weight) pairs sorted by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SparseVec(pub Vec<(u64, f32)>);

impl SparseVec {
    /// Sorts `entries` by key, sums duplicates and scales to unit length.
    pub(crate) fn normalized(mut entries: Vec<(u64, f32)>) -> SparseVec {
        entries.sort_unstable_by_key(|e| e.0);
        let mut merged: Vec<(u64, f32)> = Vec::with_capacity(entries.len());
        for (k, w) in entries {
            match merged.last_mut() {
                Some(last) if last.0 == k => last.1 += w,
                _ => merged.push((k, w)),
            }
        }
        let norm = merged.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in &mut merged {
                e.1 /= norm;
            }
        }
        SparseVec(merged)
    }

    /// Dot product (the cosine, as both sides are unit length).
    pub(crate) fn dot(&self, other: &SparseVec) -> f32 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_unit_vectors() {
        let a = SparseVec::normalized(vec![(1, 1.0), (2, 1.0)]);
        let b = SparseVec::normalized(vec![(2, 1.0), (3, 1.0)]);
        assert!((a.dot(&a) - 1.0).abs() < 1e-6);
        assert!((a.dot(&b) - 0.5).abs() < 1e-6);
        assert_eq!(a.dot(&SparseVec::default()), 0.0);
    }
}
