//! Small harnesses that run the detectors on hand-made alignments: two
//! texts linked sentence by sentence, articles left unlinked, or groups of
//! sentences chosen by hand. Used by the detectors' unit tests, the
//! integration tests and the evaluation crate (`crates/parallax-eval`,
//! whose planted-change evaluation builds its gold alignments with
//! [`link_sentences`]).

use crate::ingest::source_from_text;
use crate::model::{
    Alignment, DiffTag, Discrepancy, Group, GroupId, Member, SentenceLink, SentenceRef, Source,
    SourceId,
};
use crate::text::diff::token_list_diff as word_diff;
use crate::text::segment_span as tokenize_span;

/// Runs the detectors on two one-paragraph texts whose sentences are
/// linked in order (first with first, ...), dated 19 June 2023: a small
/// harness for tests and examples.
pub fn detect_pair(a: &str, b: &str) -> Vec<Discrepancy> {
    let mut sources: Vec<Source> = [a, b]
        .iter()
        .enumerate()
        .map(|(i, t)| source_from_text(SourceId(i), format!("S{i}"), "-".into(), t))
        .collect();
    for s in &mut sources {
        s.date = chrono::NaiveDate::from_ymd_opt(2023, 6, 19);
    }
    let n = sources
        .iter()
        .map(|s| s.paragraphs.first().map_or(0, |p| p.sentences.len()))
        .min()
        .unwrap_or(0);
    let groups: Vec<Vec<SentenceRef>> = (0..n)
        .map(|sentence| {
            (0..2)
                .map(|s| SentenceRef {
                    source: SourceId(s),
                    paragraph: 0,
                    sentence,
                })
                .collect()
        })
        .collect();
    let alignment = hand_alignment(&sources, &groups);
    super::detect(&sources, &alignment)
}

/// Runs the detectors on articles (paragraphs separated by blank lines,
/// dated 19 June 2023) with an empty alignment: nothing is linked, so only
/// referent matching can pair their sentences. A harness for tests.
pub fn detect_unlinked(texts: &[&str]) -> Vec<Discrepancy> {
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut s = source_from_text(SourceId(i), format!("S{i}"), "-".into(), t);
            s.date = chrono::NaiveDate::from_ymd_opt(2023, 6, 19);
            s
        })
        .collect();
    super::detect(&sources, &Alignment::default())
}

/// An alignment made by hand: one group per list of sentences, every pair
/// of them linked with its word diff (for tests and examples).
pub fn hand_alignment(sources: &[Source], groups: &[Vec<SentenceRef>]) -> Alignment {
    let mut out = Vec::new();
    for (g, refs) in groups.iter().enumerate() {
        let mut links = Vec::new();
        for (i, a) in refs.iter().enumerate() {
            for b in &refs[i + 1..] {
                let (a, b) = if a.source <= b.source {
                    (*a, *b)
                } else {
                    (*b, *a)
                };
                links.push(link_sentences(sources, a, b));
            }
        }
        out.push(Group {
            id: GroupId(g),
            label: String::new(),
            score: 1.0,
            members: refs
                .iter()
                .map(|r| Member {
                    source: r.source,
                    paragraph: r.paragraph,
                    sentences: vec![r.sentence],
                })
                .collect(),
            links,
        });
    }
    Alignment {
        groups: out,
        sub_events: Vec::new(),
        relations: Vec::new(),
    }
}

/// A sentence link with the word diff of the two sentences (Patience diff
/// over words via `similar`; similarity is the share of unchanged bytes).
pub fn link_sentences(sources: &[Source], a: SentenceRef, b: SentenceRef) -> SentenceLink {
    let pa = &sources[a.source.0].paragraphs[a.paragraph];
    let pb = &sources[b.source.0].paragraphs[b.paragraph];
    let (sa, sb) = (pa.sentences[a.sentence], pb.sentences[b.sentence]);
    let diff = word_diff(&tokenize_span(&pa.text, sa), &tokenize_span(&pb.text, sb));
    let equal: usize = diff
        .iter()
        .filter(|o| o.tag == DiffTag::Equal)
        .map(|o| o.a.len())
        .sum();
    SentenceLink {
        a,
        b,
        similarity: equal as f64 / sa.len().max(sb.len()).max(1) as f64,
        diff,
    }
}
