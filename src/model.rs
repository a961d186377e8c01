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
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span holds no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The text the span covers; panics unless [`Span::check`] holds.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    /// True when byte `offset` lies inside the span.
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// True when the two spans share a byte.
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
    /// The headline.
    Title,
    /// A section heading inside the article.
    Heading,
    /// "By Jane Smith".
    Byline,
    /// A place-and-date line, or a publication stamp.
    Dateline,
    /// A photo or video caption, or a credit.
    Caption,
    /// The article's text.
    Body,
    /// Page furniture: share buttons, newsletter prompts, related links.
    Boilerplate,
}

impl ParagraphKind {
    /// Every kind, in declaration order.
    pub const ALL: [ParagraphKind; 7] = [
        ParagraphKind::Title,
        ParagraphKind::Heading,
        ParagraphKind::Byline,
        ParagraphKind::Dateline,
        ParagraphKind::Caption,
        ParagraphKind::Body,
        ParagraphKind::Boilerplate,
    ];

    /// The name in `parallax.report/1` ("body").
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

    /// True for [`ParagraphKind::Body`], the only kind aligned and compared.
    pub fn is_body(self) -> bool {
        self == ParagraphKind::Body
    }
}

/// One paragraph of cleaned text, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Position in the source's paragraph list (0-based, reading order).
    pub index: usize,
    /// The paragraph's role on the page.
    pub kind: ParagraphKind,
    /// Cleaned text: no control characters or escape sequences, whitespace
    /// collapsed, Markdown syntax removed. This is what the reader shows.
    pub text: String,
    /// Sentence byte ranges into `text`, in order, covering its content.
    #[serde(default)]
    pub sentences: Vec<Span>,
}

impl Paragraph {
    /// The text of sentence `sentence` (panics when there is none).
    pub fn sentence_text(&self, sentence: usize) -> &str {
        self.sentences[sentence].slice(&self.text)
    }
}

/// One article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Position in the report's source list.
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
    /// Every paragraph, body or not, in reading order.
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
    /// The source.
    pub source: SourceId,
    /// Index into the source's `paragraphs`.
    pub paragraph: usize,
    /// Index into the paragraph's `sentences`.
    pub sentence: usize,
}

/// One operation of a word-level diff between two linked sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    /// The same words on both sides.
    Equal,
    /// Words only `a` has.
    Delete,
    /// Words only `b` has.
    Insert,
    /// Different words in the same place.
    Replace,
}

/// `a` and `b` are byte spans into the *paragraph* texts of the link's `a`
/// and `b` sentences (not sentence-relative). An `Insert` has an empty `a`
/// span at the insertion point; a `Delete` has an empty `b` span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DiffOp {
    /// What the op does.
    pub tag: DiffTag,
    /// Its words in the `a` sentence's paragraph.
    pub a: Span,
    /// Its words in the `b` sentence's paragraph.
    pub b: Span,
}

/// Two sentences in different sources that report the same thing,
/// with the word diff of `a` against `b`. `a.source < b.source`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceLink {
    /// The sentence of the lower source id.
    pub a: SentenceRef,
    /// The sentence of the other source.
    pub b: SentenceRef,
    /// Similarity in 0..=1.
    pub similarity: f64,
    /// The word diff of `a` against `b`, covering both sentences.
    pub diff: Vec<DiffOp>,
}

/// A paragraph's membership in a group, with the sentences that put it there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The source.
    pub source: SourceId,
    /// Index into the source's `paragraphs`.
    pub paragraph: usize,
    /// Indices of the paragraph's sentences that belong to this group.
    #[serde(default)]
    pub sentences: Vec<usize>,
}

/// Paragraphs from two or more sources that report the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Position in the report's group list.
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
    /// The source.
    pub source: SourceId,
    /// Index into the source's `paragraphs`.
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
    /// The groups, with their sentence links.
    pub groups: Vec<Group>,
    /// Sub-events: the coarser, recall-first level above the groups.
    #[serde(default)]
    pub sub_events: Vec<SubEvent>,
    /// Pairwise coverage and rewrite flags.
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

/// What kind of disagreement a discrepancy is (`kind` in
/// `parallax.report/1`). Ranking breaks score ties in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscrepancyKind {
    /// Numbers that disagree.
    Number,
    /// Quotations that differ, or that one source alone carries.
    Quote,
    /// Different wording choices for the same thing, or loaded wording.
    Framing,
    /// What some sources carry and others lack.
    Omission,
}

impl DiscrepancyKind {
    /// Every kind, in ranking order.
    pub const ALL: [DiscrepancyKind; 4] = [
        DiscrepancyKind::Number,
        DiscrepancyKind::Quote,
        DiscrepancyKind::Framing,
        DiscrepancyKind::Omission,
    ];

    /// The name in `parallax.report/1` ("number").
    pub fn as_str(self) -> &'static str {
        match self {
            DiscrepancyKind::Number => "number",
            DiscrepancyKind::Quote => "quote",
            DiscrepancyKind::Framing => "framing",
            DiscrepancyKind::Omission => "omission",
        }
    }
}

/// The finer kind of a discrepancy (`subkind` in `parallax.report/1`,
/// written as the snake_case names below). Each belongs to one
/// [`DiscrepancyKind`] ([`Subkind::fits`]), except `exclusive`, which a
/// quotation and an omission can both be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subkind {
    /// Number: values that cannot both be true.
    Conflict,
    /// Number: a figure a later day changes (a count so far, what is
    /// expected, a date), differing between a report and a later report of
    /// the story; ranked below every conflict.
    TimeBound,
    /// Quote: the same quotation in different words.
    Reworded,
    /// Quote: the same quotation given to different speakers.
    DifferentSpeaker,
    /// Quote: one source cuts the quotation where the cut changes it.
    Truncated,
    /// Quote: one source quotes, others carry the words without quotation
    /// marks.
    Paraphrased,
    /// Quote: only one source quotes it. Omission: only one source has the
    /// sentence.
    Exclusive,
    /// Framing: different labels for the same thing.
    Label,
    /// Framing: report verbs of different stance ("said" / "claimed").
    Attribution,
    /// Framing: a hedge ("alleged", "reportedly") in one version only.
    Hedge,
    /// Framing: evaluative words of different strength.
    Evaluative,
    /// Framing: loaded wording in one source.
    Loaded,
    /// Omission: a group that some sources have no member in.
    Partial,
}

impl Subkind {
    /// Every subkind, in declaration order.
    pub const ALL: [Subkind; 13] = [
        Subkind::Conflict,
        Subkind::TimeBound,
        Subkind::Reworded,
        Subkind::DifferentSpeaker,
        Subkind::Truncated,
        Subkind::Paraphrased,
        Subkind::Exclusive,
        Subkind::Label,
        Subkind::Attribution,
        Subkind::Hedge,
        Subkind::Evaluative,
        Subkind::Loaded,
        Subkind::Partial,
    ];

    /// The name in `parallax.report/1` ("different_speaker").
    pub fn as_str(self) -> &'static str {
        match self {
            Subkind::Conflict => "conflict",
            Subkind::TimeBound => "time_bound",
            Subkind::Reworded => "reworded",
            Subkind::DifferentSpeaker => "different_speaker",
            Subkind::Truncated => "truncated",
            Subkind::Paraphrased => "paraphrased",
            Subkind::Exclusive => "exclusive",
            Subkind::Label => "label",
            Subkind::Attribution => "attribution",
            Subkind::Hedge => "hedge",
            Subkind::Evaluative => "evaluative",
            Subkind::Loaded => "loaded",
            Subkind::Partial => "partial",
        }
    }

    /// True when a discrepancy of `kind` may have this subkind.
    pub fn fits(self, kind: DiscrepancyKind) -> bool {
        use DiscrepancyKind as K;
        match self {
            Subkind::Conflict | Subkind::TimeBound => kind == K::Number,
            Subkind::Reworded
            | Subkind::DifferentSpeaker
            | Subkind::Truncated
            | Subkind::Paraphrased => kind == K::Quote,
            Subkind::Exclusive => matches!(kind, K::Quote | K::Omission),
            Subkind::Label
            | Subkind::Attribution
            | Subkind::Hedge
            | Subkind::Evaluative
            | Subkind::Loaded => kind == K::Framing,
            Subkind::Partial => kind == K::Omission,
        }
    }
}

impl fmt::Display for Subkind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a span cannot be a mention of a paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[allow(missing_docs)] // the field names say it
pub enum SpanError {
    /// `start > end`.
    #[error("span {}..{} ends before it starts", .span.start, .span.end)]
    Reversed { span: Span },
    /// `end` lies past the text's `len` bytes.
    #[error("span {}..{} runs past the text ({len} bytes)", .span.start, .span.end)]
    OutOfBounds { span: Span, len: usize },
    /// An end falls inside a character.
    #[error("span {}..{} cuts a character", .span.start, .span.end)]
    NotCharBoundary { span: Span },
}

impl Span {
    /// Checks that the span lies inside `text` on character boundaries.
    pub fn check(&self, text: &str) -> Result<(), SpanError> {
        let span = *self;
        if span.start > span.end {
            Err(SpanError::Reversed { span })
        } else if span.end > text.len() {
            Err(SpanError::OutOfBounds {
                span,
                len: text.len(),
            })
        } else if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            Err(SpanError::NotCharBoundary { span })
        } else {
            Ok(())
        }
    }
}

/// Where one source states its side of a discrepancy.
/// `text == source.paragraphs[paragraph].text[start..end]`, byte for byte:
/// [`Mention::new`] checks the span once, so readers of a mention can slice
/// the paragraph with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The source.
    pub source: SourceId,
    /// Index into the source's `paragraphs`.
    pub paragraph: usize,
    /// First byte in the paragraph's text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The paragraph text `start..end`.
    pub text: String,
    /// A number mention's value, in the unit as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// A number mention's unit as written ("min", "%", "USD").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl Mention {
    /// The mention of `span` of paragraph `paragraph` of `source`, whose
    /// text is `text`; an error when the span does not lie inside the text
    /// on character boundaries.
    pub fn new(
        source: SourceId,
        paragraph: usize,
        text: &str,
        span: Span,
    ) -> Result<Mention, SpanError> {
        span.check(text)?;
        Ok(Mention {
            source,
            paragraph,
            start: span.start,
            end: span.end,
            text: text[span.start..span.end].to_string(),
            value: None,
            unit: None,
        })
    }

    /// The mention's byte span in its paragraph.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// One place where the sources disagree, or where one stands alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discrepancy {
    /// Rank: `d0` is the most worth reading.
    pub id: DiscrepancyId,
    /// What kind of disagreement.
    pub kind: DiscrepancyKind,
    /// Finer kind where it helps, e.g. quote `reworded` / `different_speaker`
    /// / `exclusive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subkind: Option<Subkind>,
    /// The group the compared sentences belong to, when there is one.
    pub group: Option<GroupId>,
    /// One line for a person: "Meeting length: Sky News 30 min · AP 35 min".
    pub summary: String,
    /// Ranking score; higher is more worth reading.
    pub score: f64,
    /// Where each source states its side, ordered by source and position.
    pub mentions: Vec<Mention>,
}

impl Discrepancy {
    /// A new, unranked discrepancy (id `d0` until ranking numbers it). A
    /// subkind must fit the kind ([`Subkind::fits`]); the mentions are
    /// checked where they are made ([`Mention::new`]).
    pub fn new(
        kind: DiscrepancyKind,
        subkind: Option<Subkind>,
        group: Option<GroupId>,
        summary: String,
        score: f64,
        mentions: Vec<Mention>,
    ) -> Discrepancy {
        debug_assert!(
            subkind.is_none_or(|s| s.fits(kind)),
            "{subkind:?} is not a subkind of {kind:?}"
        );
        Discrepancy {
            id: DiscrepancyId(0),
            kind,
            subkind,
            group,
            summary,
            score,
            mentions,
        }
    }
}

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

/// Everything parallax knows about one comparison: the `parallax.report/1`
/// document, and the state the reader draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA`].
    pub schema: String,
    /// The articles compared.
    pub sources: Vec<Source>,
    /// Paragraphs of several sources that report the same thing.
    pub groups: Vec<Group>,
    /// Sub-events: the coarser, recall-first level above the groups (extra
    /// field, added within `parallax.report/1`).
    #[serde(default)]
    pub sub_events: Vec<SubEvent>,
    /// Ranked: the most worth reading first.
    pub discrepancies: Vec<Discrepancy>,
    /// Pairwise relations: coverage, kind, score, evidence, rewrite flags
    /// (extra field).
    #[serde(default)]
    pub relations: Vec<SourceRelation>,
}

impl Report {
    /// Source `id` (panics when there is none).
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.0]
    }

    /// Paragraph `paragraph` of `source` (panics when there is none).
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
    fn subkind_names_match_the_contract() {
        for subkind in Subkind::ALL {
            let json = serde_json::to_string(&subkind).unwrap();
            assert_eq!(json, format!("\"{subkind}\""));
            assert_eq!(serde_json::from_str::<Subkind>(&json).unwrap(), subkind);
            assert!(DiscrepancyKind::ALL.iter().any(|k| subkind.fits(*k)));
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
    fn mentions_check_their_spans() {
        let text = "Xi’s visit";
        let m = Mention::new(SourceId(1), 2, text, Span::new(0, 6)).unwrap();
        assert_eq!((m.text.as_str(), m.paragraph), ("Xi’s", 2));
        assert!(matches!(
            Mention::new(SourceId(0), 0, text, Span::new(0, 3)),
            Err(SpanError::NotCharBoundary { .. })
        ));
        assert!(matches!(
            Mention::new(SourceId(0), 0, text, Span::new(4, 40)),
            Err(SpanError::OutOfBounds { .. })
        ));
        assert!(matches!(
            Mention::new(SourceId(0), 0, text, Span::new(5, 4)),
            Err(SpanError::Reversed { .. })
        ));
    }

    #[test]
    fn paragraph_kind_names_match_the_contract() {
        for kind in ParagraphKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}
