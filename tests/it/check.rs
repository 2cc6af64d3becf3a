//! `aiact check`: exit codes, the six output formats, waivers, rule packs and the catalogue.

use std::path::Path;

use crate::support::{aiact, code, copy_dir, repo, stderr, stdout};

const AS_OF: &str = "2026-11-29";

/// Runs `aiact check` from the repository root (so paths in reports are relative).
fn check_in_repo(args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("aiact")
        .unwrap()
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_WORKSPACE")
        .arg("check")
        .args(args)
        .args(["--as-of", AS_OF])
        .output()
        .unwrap()
}

#[test]
fn complete_examples_pass_and_the_incomplete_one_fails() {
    for (example, expected) in [
        ("open-weights-eu", 0),
        ("frontier-non-eu", 0),
        ("fine-tune", 0),
        ("incomplete", 1),
    ] {
        let output = check_in_repo(&[&format!("examples/{example}")]);
        assert_eq!(code(&output), expected, "{example}: {}", stdout(&output));
    }
}

#[test]
fn an_init_skeleton_fails_with_many_findings_but_is_never_unusable() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("dossier");
    assert_eq!(code(&aiact(["init".as_ref(), dir.as_os_str()])), 0);
    let output = aiact([
        "check".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(
        report["summary"]["errors"].as_u64().unwrap() >= 20,
        "{}",
        report["summary"]
    );
}

fn failing_rules(report: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["outcome"] == "fail")
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_incomplete_example_fails_with_the_rules_its_readme_lists() {
    let output = check_in_repo(&["examples/incomplete", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let readme = std::fs::read_to_string(repo().join("examples/incomplete/README.md")).unwrap();
    let start = readme
        .find("<!-- failing rules -->")
        .expect("the README lists the failing rules after <!-- failing rules -->");
    let end = start + readme[start..].find("<!-- /failing rules -->").unwrap();
    let mut listed: Vec<String> = readme[start..end]
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|word| {
            word.split_once('-').is_some_and(|(letters, digits)| {
                !letters.is_empty()
                    && letters.chars().all(|c| c.is_ascii_uppercase())
                    && digits.len() == 3
                    && digits.chars().all(|c| c.is_ascii_digit())
            })
        })
        .map(str::to_owned)
        .collect();
    listed.sort();
    listed.dedup();
    assert_eq!(listed, failing_rules(&report));
}

#[test]
fn every_output_format_of_the_incomplete_example() {
    for format in ["human", "json", "sarif", "junit", "github", "markdown"] {
        let output = check_in_repo(&["examples/incomplete", "--format", format]);
        assert_eq!(code(&output), 1, "{format}: {}", stderr(&output));
        insta::assert_snapshot!(format!("check_incomplete_{format}"), stdout(&output));
        if format != "human" {
            assert!(
                stderr(&output).contains("rules: "),
                "{format}: the summary goes to stderr when stdout carries a machine format"
            );
        }
    }
}

/// Outcome counts as each format states them: (failed, passed, waived, not applicable).
fn counts(format: &str, text: &str) -> (u64, u64, u64, u64) {
    match format {
        "json" => {
            let s = &serde_json::from_str::<serde_json::Value>(text).unwrap()["summary"];
            let n = |k: &str| s[k].as_u64().unwrap();
            (n("failed"), n("passed"), n("waived"), n("not_applicable"))
        }
        "sarif" => {
            // Results are the failing and waived rules only (what code scanning ingests);
            // the run's properties carry the other counts.
            let sarif: serde_json::Value = serde_json::from_str(text).unwrap();
            let results = sarif["runs"][0]["results"].as_array().unwrap();
            let count = |pred: &dyn Fn(&serde_json::Value) -> bool| {
                results.iter().filter(|r| pred(r)).count() as u64
            };
            let summary = &sarif["runs"][0]["properties"]["summary"];
            (
                count(&|r| r["kind"] == "fail" && r.get("suppressions").is_none()),
                summary["passed"].as_u64().unwrap(),
                count(&|r| r.get("suppressions").is_some()),
                summary["not_applicable"].as_u64().unwrap(),
            )
        }
        "junit" => {
            // Counted from the test cases themselves, and checked against the attributes.
            let cases: Vec<&str> = text.split("<testcase ").skip(1).collect();
            let body = |case: &&str| case[..case.find("</testcase>").unwrap()].to_owned();
            let failed = cases
                .iter()
                .filter(|c| body(c).contains("<failure"))
                .count() as u64;
            let waived = cases
                .iter()
                .filter(|c| body(c).contains("<skipped type=\"waived\""))
                .count() as u64;
            let not_applicable = cases
                .iter()
                .filter(|c| body(c).contains("<skipped type=\"not_applicable\""))
                .count() as u64;
            let passed = cases.len() as u64 - failed - waived - not_applicable;
            let root = &text[text.find("<testsuites ").unwrap()..];
            let attr = |name: &str| -> u64 {
                let key = format!(" {name}=\"");
                let start = root.find(&key).unwrap() + key.len();
                root[start..start + root[start..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            };
            assert_eq!(attr("tests"), cases.len() as u64, "<testsuites tests>");
            assert_eq!(attr("failures"), failed, "<testsuites failures>");
            (failed, passed, waived, not_applicable)
        }
        "github" | "markdown" | "human" => {
            let line = text
                .lines()
                .find(|l| l.contains(" rules: "))
                .unwrap_or_else(|| panic!("{format} has no summary line"));
            let number_before = |word: &str| -> u64 {
                let end = line.find(word).unwrap();
                line[..end]
                    .trim_end()
                    .rsplit(|c: char| !c.is_ascii_digit())
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            (
                number_before(" failed"),
                number_before(" passed"),
                number_before(" waived"),
                number_before(" not applicable"),
            )
        }
        _ => unreachable!(),
    }
}

#[test]
fn the_six_formats_agree_on_the_counts() {
    for example in ["examples/incomplete", "examples/fine-tune"] {
        let mut seen = Vec::new();
        for format in ["human", "json", "sarif", "junit", "github", "markdown"] {
            let output = check_in_repo(&[example, "--format", format]);
            seen.push((format, counts(format, &stdout(&output))));
        }
        let first = seen[0].1;
        for (format, counted) in &seen {
            assert_eq!(*counted, first, "{example}: {format} disagrees: {seen:?}");
        }
    }
}

#[test]
fn output_file_is_written_and_the_human_report_goes_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.sarif");
    let output = check_in_repo(&[
        "examples/frontier-non-eu",
        "--format",
        "sarif",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("aiact check: Crest-1 405B"));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let output = check_in_repo(&["examples/frontier-non-eu"]);
    assert_eq!(code(&output), 0);
    assert!(
        stdout(&output).contains("warning MDF-006"),
        "{}",
        stdout(&output)
    );
    let output = check_in_repo(&["examples/frontier-non-eu", "--deny-warnings"]);
    assert_eq!(code(&output), 1);
}

#[test]
fn date_rules_follow_as_of_and_source_date_epoch() {
    let dir = repo().join("examples/open-weights-eu");
    let run = |args: &[&str], epoch: Option<&str>| {
        let mut command = assert_cmd::Command::cargo_bin("aiact").unwrap();
        command.env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
        if let Some(epoch) = epoch {
            command.env("SOURCE_DATE_EPOCH", epoch);
        }
        let output = command
            .arg("check")
            .arg(&dir)
            .args(["--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        (
            report["as_of"].as_str().unwrap().to_owned(),
            report["clock"].clone(),
        )
    };
    assert_eq!(run(&["--as-of", "2027-09-01"], None).0, "2027-09-01");
    // 1764374400 is 2025-11-29T00:00:00Z.
    let (date, clock) = run(&[], Some("1764374400"));
    assert_eq!(date, "2025-11-29");
    assert_eq!(clock, "source_date_epoch");
}

#[test]
fn waivers_are_visible_expire_and_are_reported_when_unused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/frontier-non-eu"), dir.path());
    let root = dir.path().join("aiact.yaml");
    let mut text = std::fs::read_to_string(&root).unwrap();
    text.push_str(
        "waivers:\n\
         \x20 - rule: MDF-006\n\
         \x20   reason: The archived copy of 1.0.0 is being restored from backup.\n\
         \x20   approved_by: Head of Compliance\n\
         \x20   expires: 2027-01-31\n\
         \x20 - rule: SUM-008\n\
         \x20   path: data.sources.public_datasets\n\
         \x20   reason: Dataset versions are being confirmed with the publishers.\n\
         \x20   approved_by: Head of Data\n\
         \x20   expires: 2026-10-31\n\
         \x20 - rule: CLS-001\n\
         \x20   reason: Left over from an earlier draft.\n\
         \x20   approved_by: Head of Compliance\n\
         \x20   expires: 2027-06-30\n",
    );
    std::fs::write(&root, text).unwrap();
    let output = aiact([
        "check".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    assert_eq!(
        code(&output),
        1,
        "the expired waiver is an error: {}",
        stderr(&output)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let finding = |id: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == id)
            .unwrap()
            .clone()
    };
    let waived = finding("MDF-006");
    assert_eq!(waived["outcome"], "waived");
    assert_eq!(waived["waiver"]["approved_by"], "Head of Compliance");
    assert_eq!(finding("SUM-008")["outcome"], "fail", "its waiver expired");
    let expired = finding("WVR-001");
    assert_eq!(expired["outcome"], "fail");
    assert_eq!(expired["severity"], "error");
    assert_eq!(expired["location"]["file"], "aiact.yaml");
    let unused = finding("WVR-002");
    assert_eq!(unused["severity"], "warning");
    assert!(unused["message"].as_str().unwrap().contains("CLS-001"));
    assert_eq!(report["summary"]["waived"], 1);

    let human = aiact([
        "check".as_ref(),
        dir.path().as_os_str(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    assert!(
        stdout(&human).contains("waived  MDF-006"),
        "{}",
        stdout(&human)
    );
    assert!(stdout(&human).contains("waived until 2027-01-31 by Head of Compliance"));
}

fn pack(files: &[(&str, &str)]) -> tempfile::TempDir {
    crate::support::dossier(files)
}

fn check_with_pack(pack: &Path) -> std::process::Output {
    check_in_repo(&[
        "examples/frontier-non-eu",
        "--rules",
        pack.to_str().unwrap(),
        "--format",
        "json",
    ])
}

#[test]
fn an_extra_rule_pack_adds_rules_and_changes_the_digest() {
    let dir = pack(&[(
        "house.yaml",
        "area: house-rules\ntitle: House rules\nrules:\n  - id: HSE-001\n    title: Model card linked\n    legal_basis: [\"Art. 53(1)(b)\"]\n    source: act\n    check: { present: \"model.versions[*].url\" }\n    severity: warning\n    message: A version has no public documentation link.\n    help: Link each version's model card.\n",
    )]);
    let with = check_with_pack(dir.path());
    assert_eq!(code(&with), 0, "{}", stderr(&with));
    let report: serde_json::Value = serde_json::from_str(&stdout(&with)).unwrap();
    let without: serde_json::Value = serde_json::from_str(&stdout(&check_in_repo(&[
        "examples/frontier-non-eu",
        "--format",
        "json",
    ])))
    .unwrap();
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "HSE-001")
    );
    assert_ne!(report["rules"]["digest"], without["rules"]["digest"]);
    assert_eq!(
        report["rules"]["count"],
        without["rules"]["count"].as_u64().unwrap() + 1
    );
}

#[test]
fn rule_pack_errors_are_located() {
    let rule = |body: &str| {
        format!(
            "area: house\ntitle: House\nrules:\n  - id: HSE-001\n    title: T\n    legal_basis: [\"Art. 53(1)(a)\"]\n    source: act\n{body}    severity: error\n    message: M\n    help: H\n"
        )
    };
    let cases: Vec<(String, &str, &[&str])> = vec![
        (
            rule("    check: { present: technical.compute.trainng_flop }\n"),
            "`technical.compute.trainng_flop` is not a field of the dossier format",
            &[
                "did you mean `technical.compute.training_flop`?",
                "house.yaml:8:",
            ],
        ),
        (
            rule("    check: { presnt: model.name }\n"),
            "`presnt` is not an accepted value",
            &["did you mean `present`?", "house.yaml:8:14"],
        ),
        (
            rule("    check: { at_least: { path: model.name, value: 2 } }\n"),
            "`model.name` is text, but this check needs a number",
            &["field: rules[0].check.at_least.path"],
        ),
        (
            rule("    check: { equals: { path: model.licence.category, value: open } }\n"),
            "`open` is not a value `model.licence.category` can hold",
            &["values: free_and_open_source"],
        ),
        (
            rule("    applies_when: [gpia]\n    check: { present: model.name }\n"),
            "`gpia` is not a fact of the classification",
            &["did you mean `gpai`?"],
        ),
        (
            rule("    check: { present: model.name }\n    severty: error\n"),
            "unknown field `severty`",
            &["did you mean `severity`?"],
        ),
        (
            rule("    check: { present: model.name }\n").replace("Art. 53(1)(a)", "Article 53"),
            "`Article 53` is not a citation in canonical form",
            &["house.yaml:6:"],
        ),
        (
            rule("    check: { present: model.name }\n").replace("HSE-001", "DOC-001"),
            "duplicate rule id `DOC-001`, first defined in rules/technical-documentation.yaml",
            &["house.yaml:4:"],
        ),
    ];
    for (text, message, more) in cases {
        let dir = pack(&[("house.yaml", &text)]);
        let output = check_with_pack(dir.path());
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{message}: {err}");
        assert!(err.contains(message), "expected `{message}` in:\n{err}");
        for needle in more {
            assert!(err.contains(needle), "expected `{needle}` in:\n{err}");
        }
        // Asked for JSON, the program gets the same errors as JSON on stdout.
        let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(json["error_version"], 1);
        assert_eq!(json["kind"], "input");
        assert!(
            json["errors"].as_array().unwrap().iter().any(|e| e["file"]
                .as_str()
                .unwrap_or_default()
                .ends_with("house.yaml")),
            "{json:#}"
        );
    }
}

#[test]
fn rules_list_and_explain() {
    let list = aiact(["rules", "list"]);
    assert_eq!(code(&list), 0);
    let text = stdout(&list);
    assert!(text.contains("SUM-011"), "{text}");
    assert!(text.contains("WVR-001"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&aiact(["rules", "list", "--format", "json"]))).unwrap();
    let rules = json["rules"].as_array().unwrap();
    assert!(rules.len() >= 60, "{}", rules.len());
    assert!(
        rules
            .iter()
            .all(|r| r["help"].as_str().is_some_and(|h| h.len() > 40))
    );

    let explained = aiact(["rules", "explain", "SUM-011"]);
    assert_eq!(code(&explained), 0);
    insta::assert_snapshot!(stdout(&explained));
    let unknown = aiact(["rules", "explain", "SUM-11"]);
    assert_eq!(code(&unknown), 2);
    assert!(
        stderr(&unknown).contains("did you mean `SUM-011`?"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn a_dossier_error_and_a_rule_error_are_reported_together() {
    let bad_pack = pack(&[("x.yaml", "area: x\ntitle: X\nrules: [ { id: bad } ]\n")]);
    let dossier = crate::support::dossier(&[("aiact.yaml", "format_version: 2\nprovder: {}\n")]);
    let output = aiact([
        "check".as_ref(),
        dossier.path().as_os_str(),
        "--rules".as_ref(),
        bad_pack.path().as_os_str(),
    ]);
    let err = stderr(&output);
    assert_eq!(code(&output), 2);
    assert!(err.contains("unknown field `provder`"), "{err}");
    assert!(err.contains("x.yaml"), "{err}");
}

/// The first ```yaml block after `heading` in the README.
fn readme_yaml_after(heading: &str) -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = &readme[readme.find(heading).expect("the README has the section")..];
    let start = section.find("```yaml\n").unwrap() + "```yaml\n".len();
    let end = start + section[start..].find("```").unwrap();
    section[start..end].to_owned()
}

#[test]
fn the_readme_rule_pack_and_waiver_examples_work() {
    let dir = pack(&[(
        "internal.yaml",
        &readme_yaml_after("### Your own rule packs"),
    )]);
    let output = check_with_pack(dir.path());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ACME-001")
        .expect("the pack's rule is evaluated");
    assert_eq!(finding["outcome"], "pass");

    // The waiver example accepts the incomplete example's failure of the rule it names.
    let dossier = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/incomplete"), dossier.path());
    let root = dossier.path().join("aiact.yaml");
    let mut text = std::fs::read_to_string(&root).unwrap();
    text.push_str(&readme_yaml_after("### Waivers"));
    std::fs::write(&root, text).unwrap();
    let output = aiact([
        "check".as_ref(),
        dossier.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let outcome = |id: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == id)
            .map(|f| f["outcome"].clone())
    };
    assert_eq!(outcome("SUM-011"), Some("waived".into()));
    // Waiver findings appear only for waivers that expired or matched nothing.
    assert_eq!(outcome("WVR-001"), None);
    assert_eq!(outcome("WVR-002"), None);
}

#[test]
fn a_fresh_skeleton_passes_no_rule() {
    let dir = tempfile::tempdir().unwrap();
    let skeleton = dir.path().join("dossier");
    let output = crate::support::aiact(["init".as_ref(), skeleton.as_os_str()]);
    assert_eq!(crate::support::code(&output), 0);
    let output = crate::support::aiact([
        "check".as_ref(),
        skeleton.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(crate::support::code(&output), 1);
    let report: serde_json::Value = serde_json::from_str(&crate::support::stdout(&output)).unwrap();
    assert_eq!(report["summary"]["passed"], 0, "{}", report["summary"]);
    let findings = report["findings"].as_array().unwrap();
    for finding in findings {
        let outcome = finding["outcome"].as_str().unwrap();
        assert_ne!(outcome, "pass", "{finding}");
        if outcome == "not_applicable" {
            let message = finding["message"].as_str().unwrap();
            assert!(
                message.starts_with("Does not apply") || message.starts_with("Nothing to check"),
                "{finding}"
            );
        }
    }
    // A condition nobody answered is reported, not taken as false.
    let oss = findings
        .iter()
        .find(|f| f["rule"] == "OSS-002")
        .expect("OSS-002 is in the report");
    assert_eq!(oss["outcome"], "fail", "{oss}");
    assert!(oss.to_string().contains("model.licence.category"), "{oss}");
}
