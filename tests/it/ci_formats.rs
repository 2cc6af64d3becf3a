//! The CI formats as the services that read them expect: SARIF results only for failing and
//! waived rules, each located relative to the repository root with a fingerprint; GitHub
//! annotations capped at what GitHub shows, with a notice counting the rest, paths relative to
//! the workspace, and the Markdown report appended to the step summary; JUnit counts that add
//! up. (`.ci/run` also validates every example with the SARIF Multitool and junit-10.xsd.)

use std::process::Output;

use crate::support::{aiact, code, copy_dir, repo, stderr, stdout};

const AS_OF: &str = "2026-11-29";

fn check(current_dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = assert_cmd::Command::cargo_bin("aiact").unwrap();
    command
        .current_dir(current_dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_WORKSPACE")
        .arg("check")
        .args(args)
        .args(["--as-of", AS_OF]);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn skeleton() -> tempfile::TempDir {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("dossier");
    assert_eq!(code(&aiact(["init".as_ref(), dir.as_os_str()])), 0);
    parent
}

#[test]
fn annotations_are_capped_at_what_github_shows_and_the_rest_is_counted() {
    let parent = skeleton();
    let json = check(parent.path(), &["dossier", "--format", "json"], &[]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let errors = report["summary"]["errors"].as_u64().unwrap();
    let warnings = report["summary"]["warnings"].as_u64().unwrap();
    assert!(
        errors + warnings >= 30,
        "a dossier of 30 failures or more: {errors} + {warnings}"
    );
    assert!(errors > 10 && warnings > 10);

    let output = check(parent.path(), &["dossier", "--format", "github"], &[]);
    let text = stdout(&output);
    let count = |level: &str| {
        text.lines()
            .filter(|l| l.starts_with(&format!("::{level} ")))
            .count()
    };
    assert_eq!(count("error"), 10);
    assert_eq!(count("warning"), 10);
    assert!(count("notice") <= 10);
    let first_warning = text
        .lines()
        .position(|l| l.starts_with("::warning "))
        .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let last_error = lines
        .iter()
        .rposition(|l| l.starts_with("::error "))
        .unwrap();
    assert!(last_error < first_warning, "the most severe first");
    let more = text
        .lines()
        .find(|l| l.contains("more findings::"))
        .expect("a notice counts what was left out");
    assert!(
        more.contains(&format!(
            "{} more errors and {} more warnings",
            errors - 10,
            warnings - 10
        )),
        "{more}"
    );
    assert!(more.contains("step summary"), "{more}");
}

#[test]
fn annotation_paths_are_relative_to_the_workspace_even_for_an_absolute_dossier_path() {
    let absolute = repo().join("examples/incomplete");
    let output = check(
        &repo(),
        &[absolute.to_str().unwrap(), "--format", "github"],
        &[],
    );
    let text = stdout(&output);
    let files: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split("file=").nth(1))
        .map(|rest| rest.split(',').next().unwrap())
        .collect();
    assert!(!files.is_empty());
    assert!(
        files.iter().all(|f| f.starts_with("examples/incomplete/")),
        "{files:?}"
    );

    // GITHUB_WORKSPACE wins over the current directory.
    let workspace = tempfile::tempdir().unwrap();
    copy_dir(&absolute, &workspace.path().join("model/dossier"));
    let dossier = workspace.path().join("model/dossier");
    let output = check(
        &repo(),
        &[dossier.to_str().unwrap(), "--format", "sarif"],
        &[("GITHUB_WORKSPACE", workspace.path().to_str().unwrap())],
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let location =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(
        location["uri"]
            .as_str()
            .unwrap()
            .starts_with("model/dossier/"),
        "{location}"
    );
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
}

#[test]
fn the_markdown_report_is_appended_to_the_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("step_summary.md");
    std::fs::write(&summary, "## An earlier step\n").unwrap();
    let output = check(
        &repo(),
        &["examples/incomplete", "--format", "github"],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("## An earlier step\n"),
        "appended, never replaced"
    );
    assert!(
        written.contains("90 rules: 8 passed, 52 failed"),
        "{written}"
    );
    assert!(
        written.contains("DOC-001"),
        "every finding, not only the annotated ones"
    );
}

#[test]
fn sarif_holds_one_located_fingerprinted_result_per_failing_or_waived_rule() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/frontier-non-eu"), dir.path());
    let root = dir.path().join("aiact.yaml");
    let mut text = std::fs::read_to_string(&root).unwrap();
    text.push_str(
        "waivers:\n\
         \x20 - rule: MDF-006\n\
         \x20   reason: The archived copy of 1.0.0 is being restored from backup.\n\
         \x20   approved_by: Head of Compliance\n\
         \x20   expires: 2027-01-31\n",
    );
    std::fs::write(&root, text).unwrap();
    let output = check(dir.path(), &[".", "--format", "sarif"], &[]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    let summary = &run["properties"]["summary"];
    assert_eq!(
        results.len() as u64,
        summary["failed"].as_u64().unwrap() + summary["waived"].as_u64().unwrap()
    );
    for result in results {
        assert_eq!(result["kind"], "fail");
        assert!(
            !result["locations"].as_array().unwrap().is_empty(),
            "{result}"
        );
        let fingerprint = result["partialFingerprints"]["aiactFinding/v1"]
            .as_str()
            .unwrap();
        assert_eq!(fingerprint.len(), 64);
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
    }
    let waived = results.iter().find(|r| r["ruleId"] == "MDF-006").unwrap();
    let suppression = &waived["suppressions"][0];
    assert_eq!(suppression["status"], "accepted");
    assert_eq!(
        suppression["properties"]["approved_by"],
        "Head of Compliance"
    );
    assert!(
        suppression["justification"]
            .as_str()
            .unwrap()
            .contains("restored from backup")
    );

    // The rules: Markdown help, a help link, citations as tags, severity GitHub can rank.
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("**Legal basis:**")
        );
        assert!(
            rule["helpUri"]
                .as_str()
                .unwrap()
                .starts_with(env!("CARGO_PKG_REPOSITORY"))
        );
        let severity = rule["properties"]["security-severity"].as_str().unwrap();
        let expected = if rule["defaultConfiguration"]["level"] == "error" {
            "7.0"
        } else {
            "4.0"
        };
        assert_eq!(severity, expected);
        assert!(rule["properties"]["tags"].as_array().unwrap().len() >= 2);
    }
    assert_eq!(
        run["tool"]["driver"]["informationUri"],
        env!("CARGO_PKG_REPOSITORY")
    );

    // A fingerprint follows the finding, not the line: an edit above it keeps it.
    let before: Vec<String> = results
        .iter()
        .map(|r| {
            r["partialFingerprints"]["aiactFinding/v1"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let data = dir.path().join("data.yaml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, format!("# a comment added above\n\n{text}")).unwrap();
    let again: serde_json::Value = serde_json::from_str(&stdout(&check(
        dir.path(),
        &[".", "--format", "sarif"],
        &[],
    )))
    .unwrap();
    let after: Vec<String> = again["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["aiactFinding/v1"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(before, after);
}
