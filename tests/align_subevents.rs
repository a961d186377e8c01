//! The sub-event level on the bundled corpus and on small articles written
//! for this test: every claim group sits inside a sub-event, reports of one
//! happening share one, and what one outlet alone reports stays alone.

use parallax::analysis::analyze;
use parallax::ingest::{bundled_sources, source_from_text};
use parallax::model::{Report, SourceId};

/// The sub-events holding the paragraph of `source` that contains `needle`.
fn holding(r: &Report, source: &str, needle: &str) -> Vec<usize> {
    let s = r.sources.iter().find(|s| s.name == source).expect(source);
    let p = s
        .paragraphs
        .iter()
        .find(|p| p.text.contains(needle))
        .unwrap_or_else(|| panic!("{source}: {needle}"));
    r.sub_events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.members
                .iter()
                .any(|m| m.source == s.id && m.paragraph == p.index)
        })
        .map(|(i, _)| i)
        .collect()
}

fn share(a: &[usize], b: &[usize]) -> bool {
    a.iter().any(|x| b.contains(x))
}

#[test]
fn every_group_sits_inside_a_sub_event() {
    let r = analyze(bundled_sources());
    assert!(!r.sub_events.is_empty());
    for g in &r.groups {
        let inside = r.sub_events.iter().any(|e| {
            e.groups.contains(&g.id)
                && g.members.iter().all(|m| {
                    e.members
                        .iter()
                        .any(|x| x.source == m.source && x.paragraph == m.paragraph)
                })
        });
        assert!(inside, "group {} ({}) in no sub-event", g.id, g.label);
    }
    for e in &r.sub_events {
        let mut sources: Vec<SourceId> = e.members.iter().map(|m| m.source).collect();
        sources.dedup();
        assert!(sources.len() >= 2, "a sub-event spans two sources");
    }
}

#[test]
fn sunday_talks_with_qin_share_a_sub_event_and_weibo_stays_alone() {
    let r = analyze(bundled_sources());
    let ft = holding(&r, "Financial Times", "On Sunday, Blinken also met");
    let ap = holding(&r, "AP", "During the first round of talks on Sunday");
    let time = holding(&r, "TIME", "Hua Chunying attended the meeting");
    assert!(share(&ft, &ap) && share(&ft, &time) && share(&ap, &time));
    assert!(holding(&r, "TIME", "trending topics on China’s Twitter-like Weibo").is_empty());
}

#[test]
fn one_happening_told_in_other_words_is_one_sub_event() {
    let a = "Harbour fire\n\nA fire destroyed three warehouses at the Kestrel harbour on Tuesday night, the port authority said.\n\nFirefighters fought the blaze for six hours before bringing it under control.\n\nThe mayor, Ana Ruiz, praised the crews and promised help for the owners.";
    let b = "Blaze at Kestrel port\n\nThree harbour warehouses in Kestrel burned down overnight on Tuesday.\n\nCrews needed six hours to bring the blaze under control, officials said.\n\nSeparately, the city council approved a new budget for schools.";
    let sources = vec![
        source_from_text(SourceId(0), "A".into(), "a".into(), a),
        source_from_text(SourceId(1), "B".into(), "b".into(), b),
    ];
    let r = analyze(sources);
    let fire_a = holding(&r, "A", "destroyed three warehouses");
    let fire_b = holding(&r, "B", "burned down overnight");
    assert!(share(&fire_a, &fire_b), "{:?}", r.sub_events);
    assert!(holding(&r, "B", "budget for schools").is_empty());
    assert!(holding(&r, "A", "mayor, Ana Ruiz").is_empty());
}
