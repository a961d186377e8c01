//! The `parallax.report/1` JSON contract, checked on the wire format (plain
//! `serde_json::Value`, not the crate's own types) through the real binary.

use std::process::{Command, Output, Stdio};

use serde_json::Value;

const PARAGRAPH_KINDS: [&str; 7] = [
    "title",
    "heading",
    "byline",
    "dateline",
    "caption",
    "body",
    "boilerplate",
];
const DISCREPANCY_KINDS: [&str; 4] = ["number", "quote", "framing", "omission"];

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the parallax binary runs")
}

fn report_json(args: &[&str]) -> Value {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let out = parallax(&all);
    assert!(
        out.status.success(),
        "parallax {all:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("report is valid JSON")
}

fn is_id(value: &Value, prefix: char, index: usize) -> bool {
    value.as_str() == Some(&format!("{prefix}{index}"))
}

/// The index behind an `s3`-style id, if it names one of `len` items.
fn id_index(value: &Value, prefix: char, len: usize) -> Option<usize> {
    let n: usize = value.as_str()?.strip_prefix(prefix)?.parse().ok()?;
    (n < len).then_some(n)
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Checks every rule of the contract that the README states, panicking with
/// the path of the first violation.
fn check_contract(report: &Value) {
    assert_eq!(report["schema"], "parallax.report/1");
    let sources = report["sources"].as_array().expect("sources is an array");
    assert!(!sources.is_empty(), "at least one source");
    let groups = report["groups"].as_array().expect("groups is an array");
    let discrepancies = report["discrepancies"]
        .as_array()
        .expect("discrepancies is an array");

    for (i, s) in sources.iter().enumerate() {
        assert!(is_id(&s["id"], 's', i), "sources[{i}].id is s{i}");
        assert!(
            s["name"].as_str().is_some_and(|n| !n.trim().is_empty()),
            "sources[{i}].name"
        );
        assert!(s["origin"].is_string(), "sources[{i}].origin");
        assert!(
            s["date"].is_null() || s["date"].as_str().is_some_and(is_iso_date),
            "sources[{i}].date is null or YYYY-MM-DD: {}",
            s["date"]
        );
        let paragraphs = s["paragraphs"].as_array().expect("paragraphs");
        for (j, p) in paragraphs.iter().enumerate() {
            assert_eq!(p["index"], j, "sources[{i}].paragraphs[{j}].index");
            let kind = p["kind"].as_str().unwrap_or_default();
            assert!(PARAGRAPH_KINDS.contains(&kind), "paragraph kind {kind:?}");
            let text = p["text"].as_str().expect("paragraph text");
            assert!(
                !text.chars().any(char::is_control),
                "sources[{i}].paragraphs[{j}].text has a control character"
            );
        }
    }

    let paragraph = |source: &Value, index: &Value| -> (usize, &Value) {
        let s = id_index(source, 's', sources.len())
            .unwrap_or_else(|| panic!("{source} names a source"));
        let p = index
            .as_u64()
            .and_then(|p| sources[s]["paragraphs"].get(p as usize))
            .unwrap_or_else(|| panic!("{index} is a paragraph of {source}"));
        (s, p)
    };

    for (k, g) in groups.iter().enumerate() {
        assert!(is_id(&g["id"], 'g', k), "groups[{k}].id is g{k}");
        assert!(g["label"].is_string(), "groups[{k}].label");
        assert!(g["score"].is_number(), "groups[{k}].score");
        let members = g["members"].as_array().expect("members");
        let mut seen = Vec::new();
        for m in members {
            let (s, p) = paragraph(&m["source"], &m["paragraph"]);
            assert_eq!(p["kind"], "body", "groups[{k}] member is a body paragraph");
            seen.push(s);
        }
        seen.sort_unstable();
        seen.dedup();
        assert!(seen.len() >= 2, "groups[{k}] spans two or more sources");
    }

    // Sub-events: body paragraphs of two or more sources, and every claim
    // group inside exactly one of them, with all its members.
    let sub_events = report["sub_events"]
        .as_array()
        .expect("sub_events is an array");
    let mut group_home = vec![None; groups.len()];
    for (e, sub) in sub_events.iter().enumerate() {
        let members = sub["members"].as_array().expect("sub_events members");
        let mut inside = std::collections::HashSet::new();
        let mut seen = Vec::new();
        for m in members {
            let (s, p) = paragraph(&m["source"], &m["paragraph"]);
            assert_eq!(
                p["kind"], "body",
                "sub_events[{e}] member is a body paragraph"
            );
            inside.insert((s, m["paragraph"].as_u64()));
            seen.push(s);
        }
        seen.sort_unstable();
        seen.dedup();
        assert!(seen.len() >= 2, "sub_events[{e}] spans two or more sources");
        for g in sub["groups"].as_array().expect("sub_events groups") {
            let k = id_index(g, 'g', groups.len())
                .unwrap_or_else(|| panic!("sub_events[{e}]: {g} names a group"));
            assert!(group_home[k].is_none(), "group g{k} sits in one sub-event");
            group_home[k] = Some(e);
            for m in groups[k]["members"].as_array().unwrap() {
                let s = id_index(&m["source"], 's', sources.len()).unwrap();
                assert!(
                    inside.contains(&(s, m["paragraph"].as_u64())),
                    "sub_events[{e}] holds every member of g{k}"
                );
            }
        }
    }
    for (k, home) in group_home.iter().enumerate() {
        assert!(home.is_some(), "group g{k} sits inside a sub-event");
    }

    let mut last_score = f64::INFINITY;
    for (k, d) in discrepancies.iter().enumerate() {
        assert!(is_id(&d["id"], 'd', k), "discrepancies[{k}].id is d{k}");
        let kind = d["kind"].as_str().unwrap_or_default();
        assert!(
            DISCREPANCY_KINDS.contains(&kind),
            "discrepancy kind {kind:?}"
        );
        assert!(
            d["group"].is_null() || id_index(&d["group"], 'g', groups.len()).is_some(),
            "discrepancies[{k}].group is null or a group id"
        );
        assert!(
            d["summary"].as_str().is_some_and(|s| !s.trim().is_empty()),
            "discrepancies[{k}].summary"
        );
        let score = d["score"].as_f64().expect("score is a number");
        assert!(score <= last_score, "discrepancies are ranked by score");
        last_score = score;
        let mut seen = Vec::new();
        for m in d["mentions"].as_array().expect("mentions") {
            let (s, p) = paragraph(&m["source"], &m["paragraph"]);
            seen.push(s);
            let text = p["text"].as_str().unwrap_or_default();
            let (start, end) = (
                m["start"].as_u64().expect("start") as usize,
                m["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                text.get(start..end),
                m["text"].as_str(),
                "discrepancies[{k}] mention text is the byte slice {start}..{end}"
            );
            assert!(m.get("value").is_none_or(Value::is_number));
            assert!(m.get("unit").is_none_or(Value::is_string));
        }
        seen.sort_unstable();
        seen.dedup();
        // one source stands alone for an omission, loaded wording and a
        // quotation no other source carries
        let sub = d["subkind"].as_str();
        let alone = (kind == "framing" && sub == Some("loaded"))
            || (kind == "quote" && sub == Some("exclusive"));
        let needed = if kind == "omission" || alone { 1 } else { 2 };
        assert!(
            seen.len() >= needed,
            "discrepancies[{k}] ({kind}) has mentions in {needed}+ sources"
        );
    }
}

#[test]
fn bundled_corpus_report_follows_the_contract() {
    let report = report_json(&[]);
    check_contract(&report);
    let names: Vec<&str> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Financial Times",
            "Sky News",
            "News site (FT rewrite)",
            "AP",
            "TIME"
        ]
    );
}

#[test]
fn every_input_paragraph_is_listed_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wire.txt");
    std::fs::write(
        &path,
        "Ministers met for three hours on Monday.\n\nThe talks ended without a deal.\n\n\
         Officials said more talks would follow in May.\n",
    )
    .unwrap();
    let report = report_json(&[path.to_str().unwrap()]);
    check_contract(&report);
    let texts: Vec<&str> = report["sources"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Ministers met for three hours on Monday.",
            "The talks ended without a deal.",
            "Officials said more talks would follow in May."
        ]
    );
}

#[test]
fn label_overrides_the_display_name() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "The minister resigned on Friday after the vote.\n").unwrap();
    std::fs::write(&b, "The minister quit on Friday following the vote.\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let label = format!("{a}=Wire Service");
    let report = report_json(&["--label", &label, a, b]);
    check_contract(&report);
    assert_eq!(report["sources"][0]["name"], "Wire Service");
    assert_eq!(report["sources"][0]["origin"], a);
    assert_eq!(report["sources"][1]["origin"], b);
}

#[test]
fn label_for_a_path_that_is_not_an_input_is_an_error() {
    let out = parallax(&["report", "--label", "elsewhere.txt=X", "Cargo.toml"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("elsewhere.txt"), "names the path: {err}");
}

#[test]
fn markdown_and_text_reports_name_every_source() {
    for format in ["markdown", "text"] {
        let out = parallax(&["report", "--format", format]);
        assert!(out.status.success(), "{format} report succeeds");
        let text = String::from_utf8(out.stdout).expect("UTF-8 report");
        for name in ["Financial Times", "Sky News", "AP", "TIME"] {
            assert!(text.contains(name), "{format} report names {name}");
        }
        assert!(
            !text.contains('\u{1b}'),
            "{format} report has no escape codes"
        );
    }
    let md = String::from_utf8(parallax(&["report", "--format", "markdown"]).stdout).unwrap();
    assert!(md.starts_with("# "), "Markdown starts with a heading");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["report", "--format", "json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the report (tens of kilobytes) is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "exit status {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "nothing on stderr");
}

#[test]
fn report_help_lists_the_formats() {
    let out = parallax(&["report", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for word in ["json", "markdown", "text", "--label"] {
        assert!(help.contains(word), "help mentions {word}");
    }
}

#[test]
fn the_contract_checker_catches_a_bad_mention() {
    // Guard against a checker that cannot fail: corrupt a valid report.
    let mut report = report_json(&[]);
    report["discrepancies"] = serde_json::json!([{
        "id": "d0", "kind": "number", "group": null, "summary": "x", "score": 1.0,
        "mentions": [
            { "source": "s0", "paragraph": 0, "start": 0, "end": 3, "text": "not the slice" },
            { "source": "s1", "paragraph": 0, "start": 0, "end": 1, "text": "?" }
        ]
    }]);
    let caught = std::panic::catch_unwind(|| check_contract(&report));
    assert!(
        caught.is_err(),
        "a mention whose text is not its slice is rejected"
    );
}
