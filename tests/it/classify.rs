//! `aiact classify`: facts with reasons and legal bases, on every shipped example.

use crate::support::{aiact, code, repo, stderr, stdout};

const EXAMPLES: [&str; 4] = [
    "open-weights-eu",
    "frontier-non-eu",
    "incomplete",
    "fine-tune",
];

/// `aiact classify examples/<example> --format json`, checked to succeed.
fn classify_json(example: &str) -> serde_json::Value {
    let dir = repo().join("examples").join(example);
    let output = aiact([
        "classify".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{example}: {}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

#[test]
fn classify_json_of_every_example() {
    for example in EXAMPLES {
        let json = classify_json(example);
        for key in [
            "gpai",
            "systemic_risk",
            "open_source_exemption",
            "authorised_representative_required",
            "modifier_is_provider",
            "deadline",
            "notification_due",
        ] {
            let fact = &json[key];
            assert!(
                fact["applies"].is_boolean() || fact["applies"].is_null(),
                "{example} {key}"
            );
            assert!(
                fact["why"].as_str().is_some_and(|w| !w.is_empty()),
                "{example} {key}"
            );
            assert!(
                fact["basis"].as_array().is_some_and(|b| !b.is_empty()),
                "{example} {key}"
            );
        }
        insta::assert_json_snapshot!(format!("classify_{example}"), json);
    }
}

#[test]
fn expected_regimes_of_the_examples() {
    let facts = classify_json;
    let open = facts("open-weights-eu");
    assert_eq!(open["gpai"]["applies"], true);
    assert_eq!(open["systemic_risk"]["applies"], false);
    assert_eq!(open["open_source_exemption"]["applies"], true);
    assert_eq!(open["authorised_representative_required"]["applies"], false);

    let frontier = facts("frontier-non-eu");
    assert_eq!(frontier["systemic_risk"]["applies"], true);
    assert_eq!(frontier["open_source_exemption"]["applies"], false);
    assert_eq!(
        frontier["authorised_representative_required"]["applies"],
        true
    );
    assert_eq!(frontier["notification_due"]["applies"], true);
    assert_eq!(frontier["deadline"]["applies"], false);

    let fine_tune = facts("fine-tune");
    assert_eq!(fine_tune["modifier_is_provider"]["applies"], true);
    assert_eq!(fine_tune["open_source_exemption"]["applies"], false);
}

#[test]
fn classify_human_output() {
    let dir = repo().join("examples/frontier-non-eu");
    let output = aiact(["classify".as_ref(), dir.as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("systemic_risk"), "{text}");
    assert!(
        text.contains("basis: Art. 51(1), Art. 51(2), Art. 52(3)"),
        "{text}"
    );
    assert!(text.contains("not legal advice"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn classify_defaults_to_the_current_directory() {
    let dir = repo().join("examples/open-weights-eu");
    let output = assert_cmd::Command::cargo_bin("aiact")
        .unwrap()
        .arg("classify")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn example_readmes_show_the_current_classify_output() {
    for example in EXAMPLES {
        let dir = repo().join("examples").join(example);
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
        let start = readme
            .find("\nmodel:    ")
            .unwrap_or_else(|| panic!("{example}/README.md shows no classify output"))
            + 1;
        let end = start + readme[start..].find("```").expect("a closed code block");
        let output = aiact(["classify".as_ref(), dir.as_os_str()]);
        assert_eq!(
            &readme[start..end],
            stdout(&output),
            "examples/{example}/README.md is out of date: paste the output of `aiact classify examples/{example}`"
        );
    }
}
