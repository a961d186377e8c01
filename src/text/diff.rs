//! Word-level diffs of two linked sentences, as byte spans into their
//! paragraphs.
//!
//! This is the one word diff of parallax: the aligner computes it once per
//! sentence link ([`crate::model::SentenceLink::diff`]) and every detector
//! and the reader use that. The diff itself is `similar`'s (Myers over the
//! tokens of [`crate::text::segment`]): a maintained, well-tested
//! implementation. Tokens are
//! interned once per sentence ([`TokenInterner`]) so that a sentence linked
//! to many others is segmented once and compared as integers. On top of it a semantic cleanup
//! folds trivial equal runs (spaces, punctuation, a lone stop word) between
//! two changes into one replacement, so the reader shows "spy balloon" →
//! "surveillance device" rather than a confetti of one-word edits.

use rustc_hash::FxHashMap as HashMap;

use similar::Algorithm;

use std::borrow::Cow;

use crate::model::{DiffOp, DiffTag, Span};
use crate::text::{Tok, is_stop_word, lowercase, segment_span};

/// Diffs sentence `a_span` of paragraph text `a` against sentence `b_span`
/// of paragraph text `b`. The returned ops cover both sentences completely
/// and in order; their spans are offsets into `a` and `b` (not into the
/// sentences). An `Insert` carries an empty `a` span at the insertion point,
/// a `Delete` an empty `b` span.
pub fn word_diff(a: &str, a_span: Span, b: &str, b_span: Span) -> Vec<DiffOp> {
    let mut interner = TokenInterner::default();
    let ta = interner.tokenize(a, a_span);
    let tb = interner.tokenize(b, b_span);
    diff_tokenized(a, &ta, &tb)
}

/// Interns word tokens to small integers, so one sentence tokenized once
/// can be diffed against many others with cheap comparisons. The keys
/// borrow from the texts tokenized (no copies).
#[derive(Debug, Default)]
pub struct TokenInterner<'t> {
    ids: HashMap<&'t str, u32>,
}

/// A sentence cut into the tokens of [`segment_span`]: every word, number
/// or mark is a token that carries the whitespace after it, so the tokens
/// tile the sentence and whitespace never shows up as a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokenized {
    /// Byte offset (into the paragraph) of each token's start, then the end.
    pub offsets: Vec<usize>,
    /// Interned token ids.
    pub ids: Vec<u32>,
}

impl<'t> TokenInterner<'t> {
    /// Tokenizes sentence `span` of paragraph `text`.
    pub fn tokenize(&mut self, text: &'t str, span: Span) -> Tokenized {
        let toks = segment_span(text, span);
        let mut offsets = Vec::with_capacity(toks.len() + 1);
        offsets.push(span.start);
        let mut ids = Vec::with_capacity(toks.len());
        for (i, tok) in toks.iter().enumerate() {
            // whitespace joins the token before it
            let end = toks.get(i + 1).map_or(span.end, |next| next.start);
            let next = self.ids.len() as u32;
            ids.push(*self.ids.entry(tok.text).or_insert(next));
            offsets.push(end);
        }
        Tokenized { offsets, ids }
    }
}

/// Diffs two tokenized sentences (tokenized by the same interner); `a` is
/// the paragraph text of `ta` (trivial equal runs are judged on it). See
/// [`word_diff`] for the result's shape.
pub fn diff_tokenized(a: &str, ta: &Tokenized, tb: &Tokenized) -> Vec<DiffOp> {
    to_bytes(&token_diff(a, ta, tb), ta, tb)
}

/// [`diff_tokenized`] with the op spans in token positions (`Span::new(2, 5)`:
/// tokens 2 to 4) instead of bytes; [`to_bytes`] maps them to the texts.
/// The result depends only on the two sentences' texts, so it can be reused
/// for another pair of sentences with the same texts.
pub fn token_diff(a: &str, ta: &Tokenized, tb: &Tokenized) -> Vec<DiffOp> {
    let whole = |t: &Tokenized| Span::new(0, t.ids.len());
    if ta.ids == tb.ids {
        return vec![DiffOp {
            tag: DiffTag::Equal,
            a: whole(ta),
            b: whole(tb),
        }];
    }
    let ops = similar::capture_diff_slices(Algorithm::Myers, &ta.ids, &tb.ids);
    let raw: Vec<DiffOp> = ops
        .iter()
        .map(|op| {
            let (tag, o, n) = op.as_tag_tuple();
            DiffOp {
                tag: model_tag(tag),
                a: Span::new(o.start, o.end),
                b: Span::new(n.start, n.end),
            }
        })
        .collect();
    semantic_cleanup(&raw, |run| is_trivial(ta.bytes(run).slice(a)))
}

/// Maps ops in token positions (see [`token_diff`]) to byte spans.
pub fn to_bytes(ops: &[DiffOp], ta: &Tokenized, tb: &Tokenized) -> Vec<DiffOp> {
    ops.iter()
        .map(|op| DiffOp {
            tag: op.tag,
            a: ta.bytes(op.a),
            b: tb.bytes(op.b),
        })
        .collect()
}

impl Tokenized {
    /// The byte span of tokens `tokens.start..tokens.end`. Every token is
    /// at least one byte, so empty token runs map to empty byte spans and
    /// back.
    fn bytes(&self, tokens: Span) -> Span {
        Span::new(self.offsets[tokens.start], self.offsets[tokens.end])
    }
}

/// True when an equal run carries no information on its own: whitespace,
/// punctuation, or a single stop word.
fn is_trivial(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => true,
        [w] => is_stop_word(&w.to_lowercase()),
        _ => false,
    }
}

/// Merges adjacent non-equal ops, and folds trivial equal runs that sit
/// between two changes into the surrounding change (`trivial` judges an
/// equal run by its `a` side).
fn semantic_cleanup(ops: &[DiffOp], trivial: impl Fn(Span) -> bool) -> Vec<DiffOp> {
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for (i, op) in ops.iter().enumerate() {
        let between_changes = i > 0 && i + 1 < ops.len();
        let fold = op.tag == DiffTag::Equal
            && between_changes
            && out.last().is_some_and(|p| p.tag != DiffTag::Equal)
            && trivial(op.a);
        let change = op.tag != DiffTag::Equal || fold;
        match out.last_mut() {
            Some(prev) if change && prev.tag != DiffTag::Equal => {
                prev.a.end = op.a.end;
                prev.b.end = op.b.end;
                prev.tag = change_tag(prev.a, prev.b);
            }
            _ => out.push(DiffOp {
                tag: if change {
                    change_tag(op.a, op.b)
                } else {
                    DiffTag::Equal
                },
                ..*op
            }),
        }
    }
    out
}

fn change_tag(a: Span, b: Span) -> DiffTag {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => DiffTag::Insert,
        (_, true) => DiffTag::Delete,
        _ => DiffTag::Replace,
    }
}

/// Word diff of two token lists (tokens of [`crate::text::segment`], often
/// filtered: the words of two quotations), as diff ops with byte spans.
/// Patience diff via `similar`, on lowercased token texts: for comparing
/// the wording of two passages, where case and the order of long runs
/// matter less than in a sentence diff.
///
/// The tokens are compared as small integers: each distinct lowercased text
/// gets one id (so equal ids mean equal lowercased texts, the same relation
/// `similar` would see on the strings, and the same diff).
pub fn token_list_diff<'t>(a: &[Tok<'t>], b: &[Tok<'t>]) -> Vec<DiffOp> {
    let mut ids: HashMap<Cow<'t, str>, u32> = HashMap::default();
    let mut intern = |t: &Tok<'t>| -> u32 {
        let key = lowercase(t.text);
        let next = ids.len() as u32;
        *ids.entry(key).or_insert(next)
    };
    let la: Vec<u32> = a.iter().map(&mut intern).collect();
    let lb: Vec<u32> = b.iter().map(&mut intern).collect();
    let ops = similar::capture_diff_slices(Algorithm::Patience, &la, &lb);
    let span = |toks: &[Tok<'_>], r: std::ops::Range<usize>| -> Span {
        if r.is_empty() {
            let at = toks
                .get(r.start)
                .map(|t| t.start)
                .or_else(|| toks.last().map(|t| t.end))
                .unwrap_or(0);
            Span::new(at, at)
        } else {
            Span::new(toks[r.start].start, toks[r.end - 1].end)
        }
    };
    ops.iter()
        .map(|op| {
            let (tag, ra, rb) = op.as_tag_tuple();
            DiffOp {
                tag: model_tag(tag),
                a: span(a, ra),
                b: span(b, rb),
            }
        })
        .collect()
}

fn model_tag(tag: similar::DiffTag) -> DiffTag {
    match tag {
        similar::DiffTag::Equal => DiffTag::Equal,
        similar::DiffTag::Delete => DiffTag::Delete,
        similar::DiffTag::Insert => DiffTag::Insert,
        similar::DiffTag::Replace => DiffTag::Replace,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(s: &str) -> Span {
        Span::new(0, s.len())
    }

    fn render(ops: &[DiffOp], a: &str, b: &str) -> Vec<(DiffTag, String, String)> {
        ops.iter()
            .map(|o| (o.tag, o.a.slice(a).to_string(), o.b.slice(b).to_string()))
            .collect()
    }

    #[test]
    fn identical_sentences_are_one_equal_op() {
        let s = "Xi met Blinken.";
        let ops = word_diff(s, whole(s), s, whole(s));
        assert_eq!(
            render(&ops, s, s),
            vec![(DiffTag::Equal, s.into(), s.into())]
        );
    }

    #[test]
    fn ops_cover_both_sentences_in_order() {
        let a = "Intro. The 30-minute meeting was held on Monday in Beijing.";
        let b = "Intro! A 35-minute meeting took place in Beijing on Monday.";
        let sa = Span::new(7, a.len());
        let sb = Span::new(7, b.len());
        let ops = word_diff(a, sa, b, sb);
        assert_eq!(ops.first().map(|o| (o.a.start, o.b.start)), Some((7, 7)));
        assert_eq!(
            ops.last().map(|o| (o.a.end, o.b.end)),
            Some((a.len(), b.len()))
        );
        for w in ops.windows(2) {
            assert_eq!(w[0].a.end, w[1].a.start);
            assert_eq!(w[0].b.end, w[1].b.start);
        }
        let changed: Vec<_> = render(&ops, a, b)
            .into_iter()
            .filter(|o| o.0 != DiffTag::Equal)
            .collect();
        assert!(
            changed
                .iter()
                .any(|o| o.1.contains("30") && o.2.contains("35"))
        );
    }

    #[test]
    fn trivial_equal_runs_fold_into_one_replacement() {
        let a = "a spy balloon flew";
        let b = "a surveillance device of flew";
        let ops = word_diff(a, whole(a), b, whole(b));
        let r = render(&ops, a, b);
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!(r[1].0, DiffTag::Replace);
    }

    #[test]
    fn pure_insertion_has_an_empty_a_span() {
        let a = "Xi met Blinken.";
        let b = "Xi warmly met Blinken.";
        let ops = word_diff(a, whole(a), b, whole(b));
        let ins: Vec<_> = ops.iter().filter(|o| o.tag == DiffTag::Insert).collect();
        assert_eq!(ins.len(), 1);
        assert!(ins[0].a.is_empty());
        assert_eq!(ins[0].b.slice(b).trim(), "warmly");
    }

    #[test]
    fn token_list_diff_spans_point_into_the_texts() {
        let a = "an alleged Chinese spy balloon";
        let b = "a Chinese surveillance balloon";
        let ops = token_list_diff(&crate::text::segment(a), &crate::text::segment(b));
        let changed: Vec<(&str, &str)> = ops
            .iter()
            .filter(|o| o.tag != DiffTag::Equal)
            .map(|o| (o.a.slice(a), o.b.slice(b)))
            .collect();
        assert_eq!(
            changed,
            [("an alleged", "a"), ("spy", "surveillance")],
            "{ops:?}"
        );
    }
}
