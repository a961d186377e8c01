//! A small hand-made [`Report`] for unit tests of the reader: three sources
//! whose paragraphs report the same things in different orders, two groups
//! with a sentence link and word diff, and one discrepancy of each kind.

use crate::model::{
    DiffOp, DiffTag, Discrepancy, DiscrepancyId, DiscrepancyKind, Group, GroupId, Member, Mention,
    Paragraph, ParagraphKind, Report, Rewrite, RewriteKind, SCHEMA, SentenceLink, SentenceRef,
    Source, SourceId, SourceRelation, Span, Subkind,
};

fn paragraph(index: usize, kind: ParagraphKind, text: &str) -> Paragraph {
    Paragraph {
        index,
        kind,
        text: text.to_string(),
        sentences: vec![Span::new(0, text.len())],
    }
}

fn source(id: usize, name: &str, texts: &[(ParagraphKind, &str)]) -> Source {
    Source {
        id: SourceId(id),
        name: name.to_string(),
        origin: format!("test:{name}"),
        date: chrono::NaiveDate::from_ymd_opt(2023, 6, 19),
        title: None,
        paragraphs: texts
            .iter()
            .enumerate()
            .map(|(i, (k, t))| paragraph(i, *k, t))
            .collect(),
    }
}

const FILLER: &str = "Officials on both sides described the talks as candid and said further meetings would follow in the coming months.";

pub fn mention(report_sources: &[Source], s: usize, p: usize, needle: &str) -> Mention {
    let text = &report_sources[s].paragraphs[p].text;
    let start = text.find(needle).expect("fixture needle");
    Mention {
        source: SourceId(s),
        paragraph: p,
        start,
        end: start + needle.len(),
        text: needle.to_string(),
        value: None,
        unit: None,
    }
}

/// Source 0 reports the meeting length early; source 1 late (after filler
/// paragraphs); source 2 has no such paragraph.
pub fn report() -> Report {
    use ParagraphKind::{Body, Title};
    let a = source(
        0,
        "Alpha",
        &[
            (Title, "Talks in Beijing"),
            (Body, "The meeting lasted 35 minutes, officials said."),
            (
                Body,
                "Xi said \"progress\" had been made on specific issues.",
            ),
            (Body, FILLER),
            (Body, FILLER),
            (Body, "Only Alpha mentions the weather in Beijing."),
        ],
    );
    let b = source(
        1,
        "Beta",
        &[
            (Body, FILLER),
            (Body, FILLER),
            (Body, FILLER),
            (Body, "Xi said that \"some progress\" was made on issues."),
            (Body, "The meeting lasted 30 minutes, officials said."),
        ],
    );
    let c = source(
        2,
        "Gamma",
        &[(Body, FILLER), (Body, "Xi spoke of progress.")],
    );
    let sources = vec![a, b, c];
    let link = SentenceLink {
        a: SentenceRef {
            source: SourceId(0),
            paragraph: 1,
            sentence: 0,
        },
        b: SentenceRef {
            source: SourceId(1),
            paragraph: 4,
            sentence: 0,
        },
        similarity: 0.9,
        diff: vec![
            DiffOp {
                tag: DiffTag::Equal,
                a: Span::new(0, 19),
                b: Span::new(0, 19),
            },
            DiffOp {
                tag: DiffTag::Replace,
                a: Span::new(19, 21),
                b: Span::new(19, 21),
            },
            DiffOp {
                tag: DiffTag::Equal,
                a: Span::new(21, 46),
                b: Span::new(21, 46),
            },
        ],
    };
    let groups = vec![
        Group {
            id: GroupId(0),
            label: "meeting length".into(),
            score: 0.9,
            members: vec![
                Member {
                    source: SourceId(0),
                    paragraph: 1,
                    sentences: vec![0],
                },
                Member {
                    source: SourceId(1),
                    paragraph: 4,
                    sentences: vec![0],
                },
            ],
            links: vec![link],
        },
        Group {
            id: GroupId(1),
            label: "progress".into(),
            score: 0.8,
            members: vec![
                Member {
                    source: SourceId(0),
                    paragraph: 2,
                    sentences: vec![0],
                },
                Member {
                    source: SourceId(1),
                    paragraph: 3,
                    sentences: vec![0],
                },
                Member {
                    source: SourceId(2),
                    paragraph: 1,
                    sentences: vec![0],
                },
            ],
            links: vec![],
        },
    ];
    let discrepancies = vec![
        Discrepancy {
            id: DiscrepancyId(0),
            kind: DiscrepancyKind::Number,
            subkind: None,
            group: Some(GroupId(0)),
            summary: "Meeting length: Alpha 35 min · Beta 30 min".into(),
            score: 0.9,
            mentions: vec![
                Mention {
                    value: Some(35.0),
                    unit: Some("min".into()),
                    ..mention(&sources, 0, 1, "35 minutes")
                },
                Mention {
                    value: Some(30.0),
                    unit: Some("min".into()),
                    ..mention(&sources, 1, 4, "30 minutes")
                },
            ],
        },
        Discrepancy {
            id: DiscrepancyId(1),
            kind: DiscrepancyKind::Quote,
            subkind: Some(Subkind::Reworded),
            group: Some(GroupId(1)),
            summary: "Xi on progress: quoted differently".into(),
            score: 0.7,
            mentions: vec![
                mention(&sources, 0, 2, "\"progress\""),
                mention(&sources, 1, 3, "\"some progress\""),
            ],
        },
        Discrepancy {
            id: DiscrepancyId(2),
            kind: DiscrepancyKind::Omission,
            subkind: None,
            group: None,
            summary: "Only Alpha: the weather".into(),
            score: 0.3,
            mentions: vec![mention(
                &sources,
                0,
                5,
                "Only Alpha mentions the weather in Beijing.",
            )],
        },
    ];
    Report {
        schema: SCHEMA.to_string(),
        sources,
        groups,
        sub_events: Vec::new(),
        discrepancies,
        relations: vec![SourceRelation {
            a: SourceId(0),
            b: SourceId(2),
            a_in_b: 0.2,
            b_in_a: 0.9,
            rewrite_of: Some(Rewrite {
                derived: SourceId(2),
                original: SourceId(0),
                kind: RewriteKind::Rewrite,
            }),
            ..SourceRelation::default()
        }],
    }
}
