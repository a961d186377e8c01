//! The issue's examples on the bundled corpus, with alignments built by hand
//! (the sentences are paired here, the word diff comes from `similar`), so
//! the detectors are checked independently of the aligner: the meeting
//! length, the Qin talks, the Foreign Ministry quote and the balloon label
//! are found; "about three hours" / "three-hour meeting" and "since 2018" /
//! "in five years" are not flagged.

use parallax::analysis::detect::detect;
use parallax::analysis::detect::harness::hand_alignment;
use parallax::ingest::bundled_sources;
use parallax::model::{Discrepancy, DiscrepancyKind, SentenceRef, Source, Subkind};

/// The sentence of source `source` that contains `needle`.
fn find(sources: &[Source], source: usize, needle: &str) -> SentenceRef {
    let s = &sources[source];
    for p in &s.paragraphs {
        for (i, span) in p.sentences.iter().enumerate() {
            if span.slice(&p.text).contains(needle) {
                return SentenceRef {
                    source: s.id,
                    paragraph: p.index,
                    sentence: i,
                };
            }
        }
    }
    panic!("{} has no sentence with {needle:?}", s.name);
}

const FT: usize = 0;
const SKY: usize = 1;
const AP: usize = 3;
const TIME: usize = 4;

fn run() -> (Vec<Source>, Vec<Discrepancy>) {
    let sources = bundled_sources();
    let s = &sources;
    let groups = vec![
        vec![
            find(s, SKY, "30-minute meeting"),
            find(s, AP, "35-minute meeting"),
        ],
        vec![
            find(s, FT, "five-and-a-half hours"),
            find(s, AP, "nearly six hours"),
            find(s, TIME, "7 1/2 hours"),
        ],
        vec![
            find(s, SKY, "critical juncture"),
            find(s, AP, "critical turning point"),
        ],
        vec![
            find(s, FT, "alleged Chinese spy balloon"),
            find(s, AP, "Chinese surveillance balloon"),
        ],
        vec![
            find(s, AP, "about three hours"),
            find(s, TIME, "three-hour meeting"),
        ],
        vec![
            find(s, FT, "visit the Chinese capital since 2018"),
            find(s, SKY, "to visit China in five years, and"),
            find(s, TIME, "in five years, Blinken"),
        ],
    ];
    let alignment = hand_alignment(s, &groups);
    let found = detect(s, &alignment);
    (sources, found)
}

fn mentions_text(d: &Discrepancy, needle: &str) -> bool {
    d.mentions.iter().any(|m| m.text.contains(needle))
}

#[test]
fn issue_examples_are_found_and_agreements_are_not() {
    let (_, found) = run();
    for d in &found {
        println!(
            "{} {:?} {:?} {:.2} {}",
            d.id, d.kind, d.subkind, d.score, d.summary
        );
    }
    let meeting = found
        .iter()
        .find(|d| d.kind == DiscrepancyKind::Number && mentions_text(d, "30-minute"))
        .expect("meeting length conflict");
    assert!(mentions_text(meeting, "35-minute"));
    assert!(meeting.summary.contains("30 min") && meeting.summary.contains("35 min"));

    let talks = found
        .iter()
        .find(|d| d.kind == DiscrepancyKind::Number && mentions_text(d, "7 1/2"))
        .expect("Qin talks conflict");
    assert!(mentions_text(talks, "five-and-a-half"));
    assert!(mentions_text(talks, "nearly six"));

    assert!(
        found.iter().any(|d| d.kind == DiscrepancyKind::Quote
            && d.subkind == Some(Subkind::Reworded)
            && mentions_text(d, "critical juncture")
            && mentions_text(d, "critical turning point")),
        "Foreign Ministry quote reworded"
    );
    assert!(
        found.iter().any(|d| d.kind == DiscrepancyKind::Framing
            && mentions_text(d, "spy balloon")
            && mentions_text(d, "surveillance balloon")),
        "balloon label"
    );

    // Agreements.
    assert!(
        !found
            .iter()
            .any(|d| d.kind == DiscrepancyKind::Number && mentions_text(d, "three")),
        "about three hours / three-hour meeting agree"
    );
    assert!(
        !found.iter().any(|d| d.kind == DiscrepancyKind::Number
            && (mentions_text(d, "2018") || mentions_text(d, "five years"))),
        "since 2018 / in five years agree"
    );
    // Number conflicts and quotes outrank framing.
    let rank = |d: Option<&Discrepancy>| d.map_or(usize::MAX, |d| d.id.0);
    let framing = found.iter().find(|d| d.kind == DiscrepancyKind::Framing);
    assert!(meeting.id.0 < rank(framing) && talks.id.0 < rank(framing));
}

#[test]
fn mentions_are_byte_exact() {
    let (sources, found) = run();
    for d in &found {
        assert!(!d.mentions.is_empty());
        for m in &d.mentions {
            let text = &sources[m.source.0].paragraphs[m.paragraph].text;
            assert_eq!(
                text.get(m.start..m.end),
                Some(m.text.as_str()),
                "{}",
                d.summary
            );
        }
    }
}

#[test]
fn odd_text_does_not_panic() {
    use parallax::analysis::detect::harness::detect_pair;
    let odd = [
        "“Unclosed quote and ‘nested ’ marks… $ ½½ 1,2,3 -5 ... 10–20% of 7 1/2",
        "\"\" “” ‘’ 5bn$ £ € ¥ 2023-06-19 06:30 1/0 0/0 99999999999999999999 a dozen dozen",
        "Ça coûte 3,5 € — 「引用」 «citation» ٣ 𝟘 e\u{301} the the the said said claimed",
        "",
        "said",
        "– – – 35- -minute -- five-and-a- half",
    ];
    for a in odd {
        for b in odd {
            let found = detect_pair(a, b);
            for d in &found {
                assert!(!d.summary.is_empty());
            }
        }
    }
}
