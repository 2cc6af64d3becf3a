//! `aiact check --document/--audience/--area`: only the rules that feed what is filed, the
//! scope stated in every output format, waivers of rules left out neither applied nor
//! reported, and a located refusal of an area no rule has.

use crate::support::{aiact, code, copy_dir, repo, stderr, stdout};

const AS_OF: &str = "2026-11-29";

fn check(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all: Vec<std::ffi::OsString> = vec!["check".into(), dir.into()];
    all.extend(args.iter().map(Into::into));
    all.extend(["--as-of".into(), AS_OF.into()]);
    aiact(all)
}

fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|e| panic!("{e}: {}", stderr(output)))
}

fn areas(report: &serde_json::Value) -> Vec<String> {
    let mut areas: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["area"].as_str().unwrap().to_owned())
        .collect();
    areas.sort();
    areas.dedup();
    areas
}

#[test]
fn a_summary_filing_is_checked_only_against_the_rules_that_feed_the_summary() {
    let dir = repo().join("examples/incomplete");
    let full = json(&check(&dir, &["--format", "json"]));
    let scoped_output = check(
        &dir,
        &["--format", "json", "--document", "training-content-summary"],
    );
    assert_eq!(
        code(&scoped_output),
        1,
        "the summary's own errors still fail"
    );
    let scoped = json(&scoped_output);

    assert_eq!(scoped["scope"]["everything"], false);
    assert_eq!(scoped["scope"]["documents"][0], "training-content-summary");
    assert_eq!(
        areas(&scoped),
        [
            "classification",
            "cross-cutting",
            "training-content-summary"
        ],
        "the summary's area, the provider's identity and the timing rules"
    );
    for finding in scoped["findings"].as_array().unwrap() {
        let rule = finding["rule"].as_str().unwrap();
        match finding["area"].as_str().unwrap() {
            "classification" => assert!(rule.starts_with("TIM-"), "{rule}"),
            "cross-cutting" => assert_eq!(rule, "GEN-002", "who the provider is"),
            _ => assert!(rule.starts_with("SUM-"), "{rule}"),
        }
    }
    let in_scope = scoped["scope"]["rules_in_scope"].as_u64().unwrap();
    let left_out = scoped["scope"]["rules_out_of_scope"].as_u64().unwrap();
    assert_eq!(
        scoped["findings"].as_array().unwrap().len() as u64,
        in_scope,
        "one finding per rule in scope"
    );
    assert_eq!(
        in_scope + left_out,
        full["rules"]["count"].as_u64().unwrap()
    );
    assert!(
        full["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["area"] == "technical-documentation" && f["outcome"] == "fail"),
        "the full check fails technical-documentation rules, which the scope leaves out"
    );
    assert!(
        scoped["summary"]["errors"].as_u64().unwrap() < full["summary"]["errors"].as_u64().unwrap()
    );
    assert_eq!(full["scope"]["everything"], true);
    assert_eq!(full["scope"]["rules_out_of_scope"], 0);
}

#[test]
fn an_audience_selects_the_documents_for_it() {
    let dir = repo().join("examples/open-weights-eu");
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let report = json(&check(&dir, &all));
        let mut ids: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let public = rules(&["--audience", "public"]);
    let both = rules(&["--document", "training-content-summary,copyright-policy"]);
    assert_eq!(public, both);
    assert!(public.iter().any(|id| id.starts_with("CPY-")));
    assert!(public.iter().any(|id| id.starts_with("SUM-")));
    assert!(!public.iter().any(|id| id.starts_with("DOC-")));

    let copyright_only = rules(&["--audience", "public", "--area", "copyright"]);
    assert!(!copyright_only.is_empty());
    assert!(
        copyright_only.iter().all(|id| id.starts_with("CPY-")),
        "{copyright_only:?}"
    );
}

#[test]
fn every_output_format_states_the_scope() {
    let dir = repo().join("examples/open-weights-eu");
    for format in ["human", "json", "sarif", "junit", "github", "markdown"] {
        let output = check(
            &dir,
            &["--format", format, "--document", "training-content-summary"],
        );
        assert_eq!(code(&output), 0, "{format}: {}", stderr(&output));
        assert!(
            stdout(&output).contains("rules feeding training-content-summary"),
            "{format} does not state the scope:\n{}",
            stdout(&output)
        );
    }
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&check(
        &dir,
        &["--format", "sarif", "--area", "copyright"],
    )))
    .unwrap();
    assert_eq!(
        sarif["runs"][0]["automationDetails"]["id"], "aiact/rules-in-area-copyright/",
        "a scoped upload is its own code-scanning category"
    );
    let full: serde_json::Value =
        serde_json::from_str(&stdout(&check(&dir, &["--format", "sarif"]))).unwrap();
    assert!(full["runs"][0].get("automationDetails").is_none());
}

#[test]
fn a_waiver_of_a_rule_left_out_is_neither_applied_nor_reported_unused() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("dossier");
    copy_dir(&repo().join("examples/frontier-non-eu"), &dir);
    let root = dir.join("aiact.yaml");
    let mut text = std::fs::read_to_string(&root).unwrap();
    text.push_str(
        "waivers:\n\
         \x20 - rule: CLS-001\n\
         \x20   reason: Left over from an earlier draft.\n\
         \x20   approved_by: Head of Compliance\n\
         \x20   expires: 2027-06-30\n",
    );
    std::fs::write(&root, text).unwrap();
    let full = json(&check(&dir, &["--format", "json"]));
    let unused = |report: &serde_json::Value| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "WVR-002")
    };
    assert!(unused(&full), "unscoped, the stale waiver is reported");
    let scoped = json(&check(
        &dir,
        &["--format", "json", "--document", "training-content-summary"],
    ));
    assert!(
        !unused(&scoped),
        "CLS-001 is not checked in this scope, so its waiver is not judged"
    );
}

#[test]
fn an_area_no_rule_has_is_refused_with_the_closest_one() {
    let output = check(
        &repo().join("examples/open-weights-eu"),
        &["--area", "copyrght"],
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("did you mean `copyright`?"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
    let output = check(
        &repo().join("examples/open-weights-eu"),
        &["--document", "annex-xi"],
    );
    assert_eq!(code(&output), 2, "{}", stderr(&output));
}

#[test]
fn build_checks_every_rule_and_takes_no_scope() {
    let parent = tempfile::tempdir().unwrap();
    let output = aiact([
        "build".as_ref(),
        repo().join("examples/open-weights-eu").as_os_str(),
        "--out".as_ref(),
        parent.path().join("bundle").as_os_str(),
        "--document".as_ref(),
        "training-content-summary".as_ref(),
    ]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(!parent.path().join("bundle").exists());
}
