//! Cleaning and classification on the bundled corpus: real, dirty scrapes.
//! These check behaviour on known lines; the rules are general and tuned
//! elsewhere (see `src/ingest/classify.rs`).

use parallax::ingest::{self, Input};
use parallax::model::{ParagraphKind, Source};

fn corpus_file(name: &str) -> Source {
    let path = format!("{}/assets/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut loaded = ingest::load(&[Input::new(path)]).expect("corpus file loads");
    loaded.sources.remove(0)
}

/// The kind of the paragraph whose text contains `needle` (exactly one).
fn kind_of(source: &Source, needle: &str) -> ParagraphKind {
    let found: Vec<_> = source
        .paragraphs
        .iter()
        .filter(|p| p.text.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "{needle:?} in {}: {found:#?}", source.name);
    found[0].kind
}

#[test]
fn every_listed_furniture_line_is_not_body() {
    let cases: &[(&str, &[&str])] = &[
        (
            "financial-times.txt",
            &[
                "© Leah Millis/Pool/AP",
                "3 HOURS AGO",
                "Additional reporting by Maiqi Ding",
                "Copyright The Financial Times Limited 2023",
                "US-China relations",
            ],
        ),
        (
            "sky-news.txt",
            &[
                "qatar airways",
                "Listen to this article",
                "0:00 / 3:18",
                "BeyondWords",
                "Audio created using AI assistance",
                "REUTERS/Leah Millis/Pool1:09",
                "Play Video – US and China agree",
                "The United States and China have pledged to stabilise their relations",
                "Why you can trust Sky News",
                "in five years.1:00",
                "Play Video – China and US meet to ease tensions",
                "Xi Jinping meets with U.S. Secretary of State Antony Blinken in the Great Hall",
                "shakes hands with Chinese President Xi Jinping in the Great Hall",
                "Click to subscribe to the Sky News Daily",
                "arrives in Munich4:30",
                "Play Video – Explained",
                "Read more:",
                "Five key talking points at US-China talks",
                "Bill Gates visit signals Beijing is open",
                "Related Topics",
                "LEAVE A REPLY",
                "Sky News reporter @thejournojames",
                "Monday 19 June 2023 13:44, UK",
            ],
        ),
        (
            "time.txt",
            &[
                "6 minute read",
                "Updated: | Originally published:",
                "Read More: The Making of the Xi Jinping Personality Cult",
                "Read More: U.S. General’s Prediction",
                "Read More: China Says It Doesn’t Want Conflict",
                "With assistance from Zhu Lin",
                "More Must-Reads From TIME",
                "Contact us at letters@time.com",
            ],
        ),
        ("ap-wire.txt", &["Leah Millis/AP ."]),
        (
            "ft-rewrite-news-site.txt",
            &["- International - June 20, 2023"],
        ),
    ];
    for (file, lines) in cases {
        let source = corpus_file(file);
        for line in *lines {
            assert_ne!(
                kind_of(&source, line),
                ParagraphKind::Body,
                "{file}: {line:?}"
            );
        }
    }
}

#[test]
fn exact_kinds_of_typical_furniture() {
    let sky = corpus_file("sky-news.txt");
    assert_eq!(kind_of(&sky, "0:00 / 3:18"), ParagraphKind::Boilerplate);
    assert_eq!(kind_of(&sky, "1X"), ParagraphKind::Boilerplate);
    assert_eq!(
        kind_of(&sky, "REUTERS/Leah Millis/Pool1:09"),
        ParagraphKind::Caption
    );
    assert_eq!(kind_of(&sky, "James Robinson"), ParagraphKind::Byline);
    assert_eq!(
        kind_of(&sky, "Monday 19 June 2023"),
        ParagraphKind::Dateline
    );
    let ft = corpus_file("financial-times.txt");
    assert_eq!(
        kind_of(&ft, "© Leah Millis/Pool/AP"),
        ParagraphKind::Caption
    );
    assert_eq!(kind_of(&ft, "3 HOURS AGO"), ParagraphKind::Byline);
    assert_eq!(
        kind_of(&ft, "Xi Jinping sees 'progress' in China-US ties"),
        ParagraphKind::Title
    );
    let time = corpus_file("time.txt");
    assert_eq!(kind_of(&time, "Derailed Ties"), ParagraphKind::Heading);
}

#[test]
fn ft_paragraph_broken_after_chinas_is_one_body_paragraph() {
    let ft = corpus_file("financial-times.txt");
    let joined = "with the US concerned about China’s increasing military activity around Taiwan and its refusal";
    assert_eq!(kind_of(&ft, joined), ParagraphKind::Body);
    assert!(
        !ft.paragraphs
            .iter()
            .any(|p| p.text.starts_with("increasing military"))
    );
    let people = "the number of people-to-people exchanges and flights";
    assert_eq!(kind_of(&ft, people), ParagraphKind::Body);
}

#[test]
fn sky_mixed_blocks_yield_their_body_sentences_as_body() {
    let sky = corpus_file("sky-news.txt");
    for sentence in [
        "China’s President Xi Jinping has met US Secretary of State Antony Blinken in Beijing – as the world’s two biggest economies look to cool rising tensions.",
        "However, Mr Blinken said that he raised Washington’s “concerns” with Mr Xi about China’s “provocative” actions in the Taiwan strait.",
        "It comes after Mr Blinken – who is in China for his second day of meetings – met China’s top diplomat earlier on Monday and foreign minister Qin Gang on Sunday.",
        "However, they showed little inclination to bend on hardened positions such as Taiwan – the self-governing island that Beijing claims as its own territory.",
    ] {
        let paragraph = sky
            .paragraphs
            .iter()
            .find(|p| p.text == sentence)
            .unwrap_or_else(|| panic!("no paragraph is exactly {sentence:?}"));
        assert_eq!(paragraph.kind, ParagraphKind::Body, "{sentence}");
    }
}

#[test]
fn markdown_remnants_are_removed_from_text() {
    let ft = corpus_file("financial-times.txt");
    for p in &ft.paragraphs {
        assert!(!p.text.contains("](#)"), "{}", p.text);
        assert!(!p.text.contains("**"), "{}", p.text);
    }
    assert!(ft.paragraphs.iter().any(|p| {
        p.text
            .contains("Joe Leahy in Beijing and Demetri Sevastopulo in Washington")
    }));
}

#[test]
fn source_identity_is_detected_from_the_text() {
    let ft = corpus_file("financial-times.txt");
    assert_eq!(ft.name, "Financial Times");
    let time = corpus_file("time.txt");
    assert_eq!(time.name, "TIME");
    let sky = corpus_file("sky-news.txt");
    assert_eq!(sky.name, "Sky News");
    assert_eq!(
        sky.date.map(|d| d.to_string()).as_deref(),
        Some("2023-06-19")
    );
    let rewrite = corpus_file("ft-rewrite-news-site.txt");
    assert_eq!(
        rewrite.date.map(|d| d.to_string()).as_deref(),
        Some("2023-06-20")
    );
    assert_eq!(
        rewrite.name, "ft-rewrite-news-site",
        "no outlet named: the file stem"
    );
    assert_eq!(
        time.title.as_deref(),
        Some("Xi Hails ‘Progress’ Made By Blinken’s China Trip")
    );
}

#[test]
fn bundled_sources_keep_manifest_names_and_dates() {
    let sources = ingest::bundled_sources();
    let named: Vec<(&str, String)> = sources
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(named[0], ("Financial Times", "2023-06-19".to_string()));
    assert_eq!(named[3], ("AP", "2023-06-19".to_string()));
    for source in &sources {
        assert!(source.body().count() >= 8, "{}", source.name);
        for p in &source.paragraphs {
            assert!(!p.text.chars().any(char::is_control));
            for span in &p.sentences {
                assert!(p.text.get(span.start..span.end).is_some());
            }
        }
    }
}

#[test]
fn label_overrides_the_detected_name() {
    let path = format!("{}/assets/corpus/time.txt", env!("CARGO_MANIFEST_DIR"));
    let input = Input {
        origin: path,
        label: Some("Time magazine".into()),
    };
    let loaded = ingest::load(&[input]).unwrap();
    assert_eq!(loaded.sources[0].name, "Time magazine");
}
