//! Referent matching on real-looking text with no alignment at all: the
//! same fact in sentences nobody linked is compared; different facts (other
//! meetings, other counterparts, other events of the same day) are not.

use parallax::analysis::detect::harness::detect_unlinked;
use parallax::model::{Discrepancy, DiscrepancyKind};

fn of_kind(found: Vec<Discrepancy>, kind: DiscrepancyKind) -> Vec<Discrepancy> {
    found.into_iter().filter(|d| d.kind == kind).collect()
}

fn numbers(texts: &[&str]) -> Vec<Discrepancy> {
    of_kind(detect_unlinked(texts), DiscrepancyKind::Number)
}

#[test]
fn same_meeting_in_unlinked_sentences_conflicts() {
    let found = numbers(&[
        "US Secretary of State Antony Blinken met Chinese President Xi Jinping on Monday.\n\n\
         Speaking after the 30-minute meeting on Monday, Mr Xi said he hoped for progress.",
        "BEIJING: Blinken met President Xi Jinping on Monday as he wrapped up a two-day visit.\n\n\
         The 35-minute meeting at the Great Hall of the People was expected.",
    ]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].summary.contains("30 min") && found[0].summary.contains("35 min"));
}

#[test]
fn one_fact_in_three_sources_is_one_discrepancy() {
    let found = numbers(&[
        "On Sunday, Blinken also met Chinese foreign minister Qin Gang for five-and-a-half hours of talks.",
        "During the first round of talks on Sunday, Blinken met for nearly six hours with \
         Chinese Foreign Minister Qin Gang.",
        "On Sunday, Qin accepted an invitation to visit Washington, the State Department said, \
         after 7 1/2 hours of talks with Blinken.",
    ]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.mentions.len(), 3, "{d:#?}");
    for v in ["5.5 h", "nearly 6 h", "7.5 h"] {
        assert!(d.summary.contains(v), "{}", d.summary);
    }
}

#[test]
fn different_meetings_with_different_counterparts_do_not_conflict() {
    let found = numbers(&[
        "Secretary of State Antony Blinken met Chinese President Xi Jinping on Monday.\n\n\
         The 35-minute meeting at the Great Hall of the People was cordial.",
        "Blinken met senior diplomat Wang Yi on Monday for a three-hour meeting, a US official said.",
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn different_events_on_the_same_day_do_not_conflict() {
    let found = numbers(&[
        "On Monday, Secretary of State Antony Blinken gave a 40-minute press conference in Beijing.",
        "On Monday, Secretary of State Antony Blinken held a 35-minute meeting with President Xi Jinping.",
        "On Monday, Blinken also met diplomat Wang Yi for about three hours.",
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn same_meeting_on_different_days_does_not_conflict() {
    let found = numbers(&[
        "On Sunday, Blinken met Foreign Minister Qin Gang for five hours.",
        "On Monday, Blinken met Foreign Minister Qin Gang for two hours.",
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn hedged_and_compound_forms_of_one_meeting_agree() {
    let found = numbers(&[
        "Blinken met with senior Chinese diplomat Wang Yi earlier Monday for about three hours, \
         according to a US official.",
        "On Monday, Blinken and Wang Yi, China's top diplomat, held a three-hour meeting.",
    ]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn label_for_one_referent_in_unlinked_sentences() {
    let found = of_kind(
        detect_unlinked(&[
            "Secretary of State Antony Blinken had been scheduled to travel to Beijing.\n\n\
             The trip was postponed after an alleged Chinese spy balloon flew over the US in February.",
            "Blinken's visit comes after his plans were postponed in February following the \
             downing of a Chinese surveillance balloon over the United States.",
        ]),
        DiscrepancyKind::Framing,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].summary.contains("alleged Chinese spy balloon"));
    assert!(found[0].summary.contains("Chinese surveillance balloon"));
}

#[test]
fn labels_in_different_event_contexts_are_not_compared() {
    let found = of_kind(
        detect_unlinked(&[
            "Secretary of State Antony Blinken said a Chinese spy balloon crossed Montana in February.",
            "Defense Secretary Lloyd Austin said a weather balloon drifted over Hawaii in April.",
        ]),
        DiscrepancyKind::Framing,
    );
    assert!(found.is_empty(), "{found:#?}");
}
