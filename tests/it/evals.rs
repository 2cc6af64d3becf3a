//! `aiact evals`: the evaluation profile by dimension for every example, in both formats.

use crate::support::{aiact, code, repo, stderr, stdout};

const EXAMPLES: [&str; 4] = [
    "open-weights-eu",
    "frontier-non-eu",
    "fine-tune",
    "incomplete",
];

fn evals(example: &str, format: &str) -> std::process::Output {
    aiact([
        "evals".as_ref(),
        repo().join("examples").join(example).as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
    ])
}

#[test]
fn the_profile_of_every_example() {
    for example in EXAMPLES {
        let human = evals(example, "human");
        assert_eq!(code(&human), 0, "{example}: {}", stderr(&human));
        insta::assert_snapshot!(format!("evals_{example}"), stdout(&human));
        let json = evals(example, "json");
        let profile: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
        assert_eq!(profile["profile_version"], 1);
        assert_eq!(profile["dimensions"].as_array().unwrap().len(), 22);
        assert_eq!(profile["catalogue_digest"].as_str().unwrap().len(), 64);
        // Every result is in a dimension or listed as not mapped.
        let records = std::fs::read_to_string(
            repo()
                .join("examples")
                .join(example)
                .join("evaluations.yaml"),
        )
        .unwrap()
        .matches("\n  - benchmark:")
        .count();
        let seen: std::collections::BTreeSet<u64> = profile["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["points"].as_array().unwrap())
            .chain(profile["unmapped"].as_array().unwrap())
            .map(|p| p["record"].as_u64().unwrap())
            .collect();
        assert_eq!(seen.len(), records, "{example}");
    }
}

#[test]
fn the_frontier_example_evidences_every_specified_risk_and_the_incomplete_one_shows_gaps() {
    let status = |example: &str| -> std::collections::BTreeMap<String, String> {
        let profile: serde_json::Value =
            serde_json::from_str(&stdout(&evals(example, "json"))).unwrap();
        profile["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["id"].as_str().unwrap().to_owned(),
                    d["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let frontier = status("frontier-non-eu");
    for id in [
        "sr.cbrn",
        "sr.cyber_offence",
        "sr.harmful_manipulation",
        "sr.loss_of_control",
        "honesty.truthfulness",
        "fairness.bias",
        "safety.refusal",
        "safety.over_refusal",
        "capability",
    ] {
        assert_eq!(frontier[id], "covered", "{id}");
    }
    let incomplete = status("incomplete");
    assert_eq!(incomplete["capability"], "covered");
    assert_eq!(incomplete["honesty.truthfulness"], "missing");
    let text = stdout(&evals("incomplete", "human"));
    assert!(text.contains("metric direction unknown: 1"), "{text}");
}

fn render(example: &str, out: &std::path::Path) {
    let output = aiact([
        "render".as_ref(),
        repo().join("examples").join(example).as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "md,html".as_ref(),
        "--as-of".as_ref(),
        "2026-11-29".as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{example}: {}", stderr(&output));
}

#[test]
fn the_documents_chart_the_profile_reproducibly_and_every_charted_value_is_in_the_table() {
    for example in EXAMPLES {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        render(example, first.path());
        render(example, second.path());
        for stem in ["technical-documentation", "downstream-information"] {
            let html = std::fs::read_to_string(first.path().join(format!("{stem}.html"))).unwrap();
            let again =
                std::fs::read_to_string(second.path().join(format!("{stem}.html"))).unwrap();
            assert_eq!(html, again, "{example} {stem}: the same bytes on every run");
            let markdown =
                std::fs::read_to_string(first.path().join(format!("{stem}.md"))).unwrap();
            assert!(
                !markdown.contains("aiact-chart"),
                "the Markdown keeps the tables only"
            );
            assert!(!html.contains("<script"), "{example} {stem}");
            let charts = html.matches("<svg").count();
            let charted_dimensions = markdown.matches("**`").count();
            assert!(
                charts <= charted_dimensions,
                "{example} {stem}: {charts} charts"
            );
            // The incomplete example's results give no unit, so nothing can be drawn.
            assert_eq!(
                charts > 0,
                example != "incomplete",
                "{example} {stem}: {charts} charts"
            );
            // Every value a chart writes (the text right of its scale) is a table cell.
            for svg in html.split("<svg").skip(1) {
                let svg = &svg[..svg.find("</svg>").unwrap()];
                for text in svg.split("<text ").skip(1) {
                    let value = &text[text.find('>').unwrap() + 1..text.find("</text>").unwrap()];
                    if value.contains("percent") || value.contains("fraction") {
                        let value = value.replace("&amp;", "&");
                        assert!(
                            markdown.contains(&format!("| {value} |")),
                            "{example} {stem}: the chart shows {value}, which no table cell holds"
                        );
                    }
                }
            }
        }
        for stem in ["training-content-summary", "copyright-policy"] {
            let markdown =
                std::fs::read_to_string(first.path().join(format!("{stem}.md"))).unwrap();
            assert!(
                !markdown.contains("Coverage matrix"),
                "{example} {stem}: no evaluation profile in public documents"
            );
        }
    }
}
