//! The data every part of parallax shares: sources and their paragraphs,
//! alignment groups, sentence links with word diffs, and discrepancies.
//!
//! This is also the `parallax.report/1` JSON contract (see README, "Report
//! schema"). Fields named in the contract may not change meaning; new fields
//! may be added. All offsets are **byte** offsets into a paragraph's `text`.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The schema identifier written at the top of every JSON report.
pub const SCHEMA: &str = "parallax.report/1";

// ---------------------------------------------------------------------------
// Identifiers: plain indices in memory, "s0" / "g0" / "d0" on the wire.
// ---------------------------------------------------------------------------

macro_rules! prefixed_id {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub usize);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                raw.strip_prefix($prefix)
                    .and_then(|n| n.parse().ok())
                    .map($name)
                    .ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            concat!("expected an id like \"", $prefix, "0\", got {:?}"),
                            raw
                        ))
                    })
            }
        }
    };
}

prefixed_id!(
    /// Index of a source in [`Report::sources`]; `"s0"` in JSON.
    SourceId,
    "s"
);
prefixed_id!(
    /// Index of a group in [`Report::groups`]; `"g0"` in JSON.
    GroupId,
    "g"
);
prefixed_id!(
    /// Index of a discrepancy in [`Report::discrepancies`]; `"d0"` in JSON.
    DiscrepancyId,
    "d"
);

/// A half-open byte range `start..end` into a paragraph's `text`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

// ---------------------------------------------------------------------------
// Sources and paragraphs
// ---------------------------------------------------------------------------

/// What role a paragraph plays on the page. Only `Body` is aligned and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Title,
    Heading,
    Byline,
    Dateline,
    Caption,
    Body,
    Boilerplate,
}

impl ParagraphKind {
    pub const ALL: [ParagraphKind; 7] = [
        ParagraphKind::Title,
        ParagraphKind::Heading,
        ParagraphKind::Byline,
        ParagraphKind::Dateline,
        ParagraphKind::Caption,
        ParagraphKind::Body,
        ParagraphKind::Boilerplate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Title => "title",
            ParagraphKind::Heading => "heading",
            ParagraphKind::Byline => "byline",
            ParagraphKind::Dateline => "dateline",
            ParagraphKind::Caption => "caption",
            ParagraphKind::Body => "body",
            ParagraphKind::Boilerplate => "boilerplate",
        }
    }

    pub fn is_body(self) -> bool {
        self == ParagraphKind::Body
    }
}

/// One paragraph of cleaned text, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Position in the source's paragraph list (0-based, reading order).
    pub index: usize,
    pub kind: ParagraphKind,
    /// Cleaned text: no control characters or escape sequences, whitespace
    /// collapsed, Markdown syntax removed. This is what the reader shows.
    pub text: String,
    /// Sentence byte ranges into `text`, in order, covering its content.
    #[serde(default)]
    pub sentences: Vec<Span>,
}

impl Paragraph {
    pub fn sentence_text(&self, sentence: usize) -> &str {
        self.sentences[sentence].slice(&self.text)
    }
}

/// One article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    /// Display name: outlet or site name, else the file stem.
    pub name: String,
    /// The path or URL as the user gave it (`"-"` for standard input,
    /// `"bundled:<file>"` for the bundled corpus).
    pub origin: String,
    /// Publication date, when known (`"2023-06-19"` in JSON).
    pub date: Option<NaiveDate>,
    /// Headline, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

impl Source {
    /// Body paragraphs only, in reading order.
    pub fn body(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().filter(|p| p.kind.is_body())
    }
}

// ---------------------------------------------------------------------------
// Alignment
// ---------------------------------------------------------------------------

/// A sentence, addressed by source, paragraph index and sentence index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SentenceRef {
    pub source: SourceId,
    pub paragraph: usize,
    pub sentence: usize,
}

/// One operation of a word-level diff between two linked sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    Equal,
    Delete,
    Insert,
    Replace,
}

/// `a` and `b` are byte spans into the *paragraph* texts of the link's `a`
/// and `b` sentences (not sentence-relative). An `Insert` has an empty `a`
/// span at the insertion point; a `Delete` has an empty `b` span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DiffOp {
    pub tag: DiffTag,
    pub a: Span,
    pub b: Span,
}

/// Two sentences in different sources that report the same thing,
/// with the word diff of `a` against `b`. `a.source < b.source`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceLink {
    pub a: SentenceRef,
    pub b: SentenceRef,
    /// Similarity in 0..=1.
    pub similarity: f64,
    pub diff: Vec<DiffOp>,
}

/// A paragraph's membership in a group, with the sentences that put it there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub source: SourceId,
    pub paragraph: usize,
    /// Indices of the paragraph's sentences that belong to this group.
    #[serde(default)]
    pub sentences: Vec<usize>,
}

/// Paragraphs from two or more sources that report the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    /// A few salient terms or entities.
    pub label: String,
    /// Cohesion of the group, 0..=1.
    pub score: f64,
    /// Ordered by source, then paragraph.
    pub members: Vec<Member>,
    /// Sentence-level links inside the group, with word diffs (extra field).
    #[serde(default)]
    pub links: Vec<SentenceLink>,
}

/// A paragraph, addressed by source and paragraph index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ParagraphRef {
    pub source: SourceId,
    pub paragraph: usize,
}

/// Paragraphs of two or more sources that report one happening (a
/// meeting, a statement, a vote), recall first: the claim groups that share
/// paragraphs, widened by paragraphs that read as the same account as a
/// whole. Coarser than a [`Group`], whose sentences state the same claims;
/// every group sits inside one sub-event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubEvent {
    /// Ordered by source, then paragraph.
    pub members: Vec<ParagraphRef>,
    /// The claim groups inside it.
    pub groups: Vec<GroupId>,
}

/// What two sources share: one event, a later day of it, a part of it, a
/// rewrite, the same text, or nothing (see README, "Source relations").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// The two report one happening.
    #[default]
    SameEvent,
    /// One covers a later stage or day of the same story: it shares the
    /// background and adds new happenings ([`RelationEvidence::later`]).
    LaterReport,
    /// One covers only part of the other (a sidebar, a single angle).
    Partial,
    /// No shared happening: the two report different events (even on one
    /// topic).
    DifferentEvent,
    /// One is a rewrite or near-copy of the other ([`SourceRelation::rewrite_of`]).
    Rewrite,
    /// The same text twice: compared once.
    Identical,
}

impl RelationKind {
    pub const ALL: [RelationKind; 6] = [
        RelationKind::SameEvent,
        RelationKind::LaterReport,
        RelationKind::Partial,
        RelationKind::DifferentEvent,
        RelationKind::Rewrite,
        RelationKind::Identical,
    ];

    /// The wire name (`same_event`, `later_report`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::SameEvent => "same_event",
            RelationKind::LaterReport => "later_report",
            RelationKind::Partial => "partial",
            RelationKind::DifferentEvent => "different_event",
            RelationKind::Rewrite => "rewrite",
            RelationKind::Identical => "identical",
        }
    }

    /// True when the two sources report one story (every kind but
    /// [`RelationKind::DifferentEvent`]): findings may set them side by side.
    pub fn shares_event(self) -> bool {
        self != RelationKind::DifferentEvent
    }
}

/// What a relation rests on, for a reader to check.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RelationEvidence {
    /// Sub-events with paragraphs in both sources (indices into the
    /// report's `sub_events`): the happenings they share.
    #[serde(default)]
    pub shared_sub_events: Vec<usize>,
    /// Names both sources use, most used first (a few).
    #[serde(default)]
    pub shared_names: Vec<String>,
    /// Overlap of the two sources' named-entity profiles (how often each
    /// names whom), 0..=1.
    #[serde(default)]
    pub names: f64,
    /// Overlap of the two openings (the first body sentences, where the
    /// main happening is stated), 0..=1.
    #[serde(default)]
    pub openings: f64,
    /// Overlap of the two content-word profiles, 0..=1.
    #[serde(default)]
    pub content: f64,
    /// Weight of the sentence links between the two: their summed
    /// similarity over the geometric mean of the two sentence counts.
    #[serde(default)]
    pub links: f64,

    /// Verbatim phrases (five words) the two share: quotations, mostly.
    #[serde(default)]
    pub shared_phrases: usize,
    /// The day each opening reports (`"Thursday"`, `"2023-06-19"`), when it
    /// names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a_day: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b_day: Option<String>,
    /// For `later_report`: the later of the two, when the text or the
    /// dates tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later: Option<SourceId>,
    /// For `partial`: the source that covers part of the other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<SourceId>,
    /// One line for a person: why this kind.
    #[serde(default)]
    pub note: String,
}

/// How two sources relate: coverage both ways, the kind of relation with
/// its score and evidence, and the rewrite flag.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SourceRelation {
    pub a: SourceId,
    pub b: SourceId,
    /// Share of `a`'s body sentences with a counterpart in `b` (0..=1).
    pub a_in_b: f64,
    /// Share of `b`'s body sentences with a counterpart in `a` (0..=1).
    pub b_in_a: f64,
    /// Set when one source is largely a rewrite or near-copy of the other:
    /// names the derived source (the later or the more covered one).
    #[serde(default)]
    pub rewrite_of: Option<Rewrite>,
    /// What the two share (added within `parallax.report/1`; a report
    /// without it reads as `same_event`).
    #[serde(default)]
    pub kind: RelationKind,
    /// How strongly the two report one event, 0..=1: the calibrated
    /// probability (see README, "Source relations"); 1 for `identical`.
    #[serde(default = "full_score")]
    pub score: f64,
    #[serde(default)]
    pub evidence: RelationEvidence,
}

fn full_score() -> f64 {
    1.0
}

/// How close a rewrite stays to its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RewriteKind {
    /// Most sentences kept nearly word for word.
    NearCopy,
    /// Lightly edited: the same sentences in the same order, reworded.
    Rewrite,
}

impl RewriteKind {
    /// The wire name, `near_copy` or `rewrite`.
    pub fn as_str(self) -> &'static str {
        match self {
            RewriteKind::NearCopy => "near_copy",
            RewriteKind::Rewrite => "rewrite",
        }
    }

    /// For a person: "near copy", "rewrite".
    pub fn label(self) -> &'static str {
        match self {
            RewriteKind::NearCopy => "near copy",
            RewriteKind::Rewrite => "rewrite",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rewrite {
    /// The source that reads as a rewrite of `original`.
    pub derived: SourceId,
    pub original: SourceId,
    /// `near_copy` or `rewrite`.
    pub kind: RewriteKind,
}

/// Output of the alignment engine.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub groups: Vec<Group>,
    #[serde(default)]
    pub sub_events: Vec<SubEvent>,
    pub relations: Vec<SourceRelation>,
}

impl Alignment {
    /// Every sentence link of every group.
    pub fn links(&self) -> impl Iterator<Item = (&Group, &SentenceLink)> {
        self.groups
            .iter()
            .flat_map(|g| g.links.iter().map(move |l| (g, l)))
    }

    /// An index from each sentence to its links (see [`LinkIndex`]).
    pub fn link_index(&self) -> LinkIndex<'_> {
        LinkIndex::new(&self.groups)
    }
}

impl SentenceLink {
    /// The other end of the link, if `s` is one of its ends.
    pub fn other(&self, s: SentenceRef) -> Option<SentenceRef> {
        if self.a == s {
            Some(self.b)
        } else if self.b == s {
            Some(self.a)
        } else {
            None
        }
    }
}

/// Every sentence's links, for "is this sentence in source X?" queries.
/// The aligner links every matched pair of sentences across sources and
/// nothing else, so a body sentence with no link into source X reports
/// something X does not have.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex<'a> {
    by_sentence: std::collections::HashMap<SentenceRef, Vec<&'a SentenceLink>>,
}

impl<'a> LinkIndex<'a> {
    /// Indexes the links of `groups` (both ends of every link).
    pub fn new(groups: &'a [Group]) -> Self {
        let mut by_sentence: std::collections::HashMap<SentenceRef, Vec<&'a SentenceLink>> =
            std::collections::HashMap::new();
        for link in groups.iter().flat_map(|g| &g.links) {
            by_sentence.entry(link.a).or_default().push(link);
            by_sentence.entry(link.b).or_default().push(link);
        }
        LinkIndex { by_sentence }
    }

    /// The links touching sentence `s` (empty if it has none).
    pub fn links(&self, s: SentenceRef) -> &[&'a SentenceLink] {
        self.by_sentence.get(&s).map_or(&[], Vec::as_slice)
    }

    /// The sentences linked to `s`, with their links.
    pub fn counterparts(
        &self,
        s: SentenceRef,
    ) -> impl Iterator<Item = (SentenceRef, &'a SentenceLink)> + '_ {
        self.links(s)
            .iter()
            .filter_map(move |l| l.other(s).map(|o| (o, *l)))
    }

    /// True when `s` has a counterpart in `source`.
    pub fn has_counterpart_in(&self, s: SentenceRef, source: SourceId) -> bool {
        self.counterparts(s).any(|(o, _)| o.source == source)
    }
}

// ---------------------------------------------------------------------------
// Discrepancies
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscrepancyKind {
    Number,
    Quote,
    Framing,
    Omission,
}

impl DiscrepancyKind {
    pub const ALL: [DiscrepancyKind; 4] = [
        DiscrepancyKind::Number,
        DiscrepancyKind::Quote,
        DiscrepancyKind::Framing,
        DiscrepancyKind::Omission,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DiscrepancyKind::Number => "number",
            DiscrepancyKind::Quote => "quote",
            DiscrepancyKind::Framing => "framing",
            DiscrepancyKind::Omission => "omission",
        }
    }
}

/// Where one source states its side of a discrepancy.
/// `text == source.paragraphs[paragraph].text[start..end]`, byte for byte.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub source: SourceId,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl Mention {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discrepancy {
    pub id: DiscrepancyId,
    pub kind: DiscrepancyKind,
    /// Finer kind where it helps, e.g. quote `reworded` / `different_speaker`
    /// / `exclusive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subkind: Option<String>,
    pub group: Option<GroupId>,
    /// One line for a person: "Meeting length: Sky News 30 min · AP 35 min".
    pub summary: String,
    /// Ranking score; higher is more worth reading.
    pub score: f64,
    pub mentions: Vec<Mention>,
}

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

/// Everything parallax knows about one comparison: the `parallax.report/1`
/// document, and the state the reader draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub sources: Vec<Source>,
    pub groups: Vec<Group>,
    /// Sub-events: the coarser, recall-first level above the groups (extra
    /// field, added within `parallax.report/1`).
    #[serde(default)]
    pub sub_events: Vec<SubEvent>,
    pub discrepancies: Vec<Discrepancy>,
    /// Pairwise relations: coverage, kind, score, evidence, rewrite flags
    /// (extra field).
    #[serde(default)]
    pub relations: Vec<SourceRelation>,
}

impl Report {
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.0]
    }

    pub fn paragraph(&self, source: SourceId, paragraph: usize) -> &Paragraph {
        &self.sources[source.0].paragraphs[paragraph]
    }

    /// An index from each sentence to its links (see [`LinkIndex`]).
    pub fn link_index(&self) -> LinkIndex<'_> {
        LinkIndex::new(&self.groups)
    }

    /// The relation between two sources, either way round.
    pub fn relation(&self, x: SourceId, y: SourceId) -> Option<&SourceRelation> {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        self.relations.iter().find(|r| r.a == a && r.b == b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_as_prefixed_strings() {
        let json = serde_json::to_string(&(SourceId(3), GroupId(0), DiscrepancyId(12))).unwrap();
        assert_eq!(json, r#"["s3","g0","d12"]"#);
        let back: (SourceId, GroupId, DiscrepancyId) = serde_json::from_str(&json).unwrap();
        assert_eq!(back, (SourceId(3), GroupId(0), DiscrepancyId(12)));
        assert!(serde_json::from_str::<SourceId>(r#""g1""#).is_err());
    }

    #[test]
    fn link_index_finds_counterparts_both_ways() {
        let r = |s, p, k| SentenceRef {
            source: SourceId(s),
            paragraph: p,
            sentence: k,
        };
        let group = Group {
            id: GroupId(0),
            label: String::new(),
            score: 1.0,
            members: Vec::new(),
            links: vec![SentenceLink {
                a: r(0, 1, 0),
                b: r(2, 3, 1),
                similarity: 0.9,
                diff: Vec::new(),
            }],
        };
        let alignment = Alignment {
            groups: vec![group],
            sub_events: Vec::new(),
            relations: Vec::new(),
        };
        let index = alignment.link_index();
        assert!(index.has_counterpart_in(r(0, 1, 0), SourceId(2)));
        assert!(index.has_counterpart_in(r(2, 3, 1), SourceId(0)));
        assert!(!index.has_counterpart_in(r(0, 1, 0), SourceId(1)));
        assert!(index.links(r(0, 1, 1)).is_empty());
        let found: Vec<_> = index.counterparts(r(2, 3, 1)).map(|(o, _)| o).collect();
        assert_eq!(found, vec![r(0, 1, 0)]);
    }

    #[test]
    fn date_serializes_as_iso() {
        let d = NaiveDate::from_ymd_opt(2023, 6, 19);
        assert_eq!(serde_json::to_string(&d).unwrap(), r#""2023-06-19""#);
    }

    #[test]
    fn relation_and_rewrite_kinds_keep_their_wire_names() {
        for kind in RelationKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        for kind in [RewriteKind::NearCopy, RewriteKind::Rewrite] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn a_relation_without_the_new_fields_still_reads() {
        // A `parallax.report/1` relation as written before kinds existed.
        let old = r#"{ "a": "s0", "b": "s2", "a_in_b": 0.62, "b_in_a": 0.91,
            "rewrite_of": { "derived": "s2", "original": "s0", "kind": "rewrite" } }"#;
        let r: SourceRelation = serde_json::from_str(old).unwrap();
        assert_eq!(r.kind, RelationKind::SameEvent);
        assert_eq!(r.score, 1.0);
        assert_eq!(r.rewrite_of.unwrap().kind, RewriteKind::Rewrite);
    }

    #[test]
    fn paragraph_kind_names_match_the_contract() {
        for kind in ParagraphKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}
