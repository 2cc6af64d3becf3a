//! Bad input: every error names file, line, column and field, exits 2, and never panics.

use crate::support::{aiact, code, dossier, redact, stderr, stdout};

/// Runs `classify` on a dossier made of `files` and returns its standard error, after
/// checking that it failed with exit code 2, wrote nothing to stdout and did not panic.
fn rejected(files: &[(&str, &str)]) -> String {
    let dir = dossier(files);
    let output = aiact(["classify".as_ref(), dir.path().as_os_str()]);
    let text = redact(&stderr(&output), dir.path());
    assert_eq!(code(&output), 2, "{text}");
    assert_eq!(stdout(&output), "", "nothing goes to stdout on error");
    assert!(!text.contains("panicked"), "{text}");
    json_errors_agree(dir.path(), &text);
    text
}

/// `--format json` turns the same errors into JSON on stdout, each located where the text
/// says, with exit 2 still.
fn json_errors_agree(dir: &std::path::Path, text: &str) {
    let output = aiact([
        "classify".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(code(&output), 2);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)));
    assert_eq!(report["error_version"], 1);
    let errors = report["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    for error in errors {
        let code = error["code"].as_str().unwrap();
        assert!(
            aiact::diag::CODES.iter().any(|(c, _)| *c == code) || code == report["kind"],
            "undocumented code {code}"
        );
    }
    let mut from_text: Vec<(u64, u64)> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("--> "))
        .filter_map(|at| {
            let mut parts = at.rsplitn(3, ':');
            let column = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((line, column))
        })
        .collect();
    let mut from_json: Vec<(u64, u64)> = errors
        .iter()
        .filter_map(|e| Some((e["line"].as_u64()?, e["column"].as_u64()?)))
        .collect();
    from_text.sort_unstable();
    from_json.sort_unstable();
    assert_eq!(from_json, from_text, "{report:#}\n{text}");
    if text.contains("did you mean `") {
        assert!(
            errors.iter().any(|e| e["suggestion"].is_string()),
            "{report:#}"
        );
    }
}

#[test]
fn syntax_error() {
    let text = rejected(&[(
        "aiact.yaml",
        "format_version: 2\nprovider:\n  legal_name: \"Example AI SAS\n  country: FR\n",
    )]);
    assert!(text.contains("--> aiact.yaml:3:15"), "{text}");
    assert!(text.contains("field: provider.legal_name"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn unknown_key_with_suggestion() {
    let text = rejected(&[(
        "aiact.yaml",
        "format_version: 2\nprovider:\n  legal_name: Example AI SAS\n  contry: FR\n",
    )]);
    assert!(text.contains("unknown field `contry`"), "{text}");
    assert!(text.contains("--> aiact.yaml:4:3"), "{text}");
    assert!(text.contains("field: provider.contry"), "{text}");
    assert!(text.contains("did you mean `country`?"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn wrong_type() {
    let text = rejected(&[
        ("aiact.yaml", "format_version: 2\n"),
        ("technical.yaml", "compute:\n  training_flop: lots\n"),
    ]);
    assert!(
        text.contains("expected a number, found the text `lots`"),
        "{text}"
    );
    assert!(text.contains("--> technical.yaml:2:18"), "{text}");
    assert!(
        text.contains("field: technical.compute.training_flop"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn yaml_1_1_boolean_is_rejected() {
    let text = rejected(&[(
        "aiact.yaml",
        "format_version: 2\nprovider:\n  established_in_eu: yes\n",
    )]);
    assert!(
        text.contains("expected true or false, found the text `yes`"),
        "{text}"
    );
    assert!(text.contains("--> aiact.yaml:3:22"), "{text}");
    assert!(text.contains("field: provider.established_in_eu"), "{text}");
}

#[test]
fn duplicate_key() {
    let text = rejected(&[(
        "aiact.yaml",
        "format_version: 2\nprovider:\n  legal_name: Example AI SAS\n  legal_name: Other SAS\n",
    )]);
    assert!(
        text.contains("duplicate key `legal_name` (first written on line 3)"),
        "{text}"
    );
    assert!(text.contains("--> aiact.yaml:4:3"), "{text}");
    assert!(text.contains("field: provider.legal_name"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn missing_required_field() {
    let text = rejected(&[
        ("aiact.yaml", "format_version: 2\n"),
        (
            "evaluations.yaml",
            "records:\n  - benchmark: MMLU\n    value: 0.71\n",
        ),
    ]);
    assert!(text.contains("missing required field `metric`"), "{text}");
    assert!(text.contains("--> evaluations.yaml:2:5"), "{text}");
    assert!(
        text.contains("field: evaluations.records[0].metric"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn missing_format_version() {
    let text = rejected(&[("aiact.yaml", "provider:\n  legal_name: Example AI SAS\n")]);
    assert!(
        text.contains("missing required field `format_version`"),
        "{text}"
    );
    assert!(text.contains("--> aiact.yaml:1:1"), "{text}");
}

#[test]
fn bad_date() {
    let text = rejected(&[(
        "aiact.yaml",
        "format_version: 2\nmodel:\n  release_date: 2025-02-30\n  eu_placement_date: 02/08/2025\n",
    )]);
    assert!(
        text.contains("`2025-02-30` is not a valid calendar date"),
        "{text}"
    );
    assert!(text.contains("--> aiact.yaml:3:17"), "{text}");
    assert!(text.contains("field: model.release_date"), "{text}");
    assert!(text.contains("`02/08/2025` is not a date"), "{text}");
    assert!(text.contains("--> aiact.yaml:4:22"), "{text}");
    assert!(text.contains("2 errors in the input"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn bad_month_year() {
    let text = rejected(&[
        ("aiact.yaml", "format_version: 2\n"),
        (
            "data.yaml",
            "overview:\n  latest_collection_date: 2025-03\n",
        ),
    ]);
    assert!(text.contains("--> data.yaml:2:27"), "{text}");
    assert!(
        text.contains("field: data.overview.latest_collection_date"),
        "{text}"
    );
    assert!(text.contains("MM/YYYY"), "{text}");
}

#[test]
fn non_ascii_text_before_the_error_keeps_the_column_right() {
    // "Müller Straße" has two characters that take two bytes each: the column counts
    // characters, so `contry` starts at column 41 although it starts at byte 42.
    let line = "provider: {legal_name: \"Müller Straße\", contry: DE}";
    assert_eq!(line.find("contry"), Some(42));
    let text = rejected(&[("aiact.yaml", &format!("format_version: 2\n{line}\n"))]);
    assert!(text.contains("--> aiact.yaml:2:41"), "{text}");
    assert!(text.contains("did you mean `country`?"), "{text}");
}

#[test]
fn alias_bomb_is_refused_by_the_bounds() {
    let mut yaml = String::from(
        "format_version: 2\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 9].join(",");
        yaml.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let text = rejected(&[("aiact.yaml", &yaml)]);
    assert!(
        text.contains("aliases expand to more than 100000 values"),
        "{text}"
    );
    assert!(text.contains("--> aiact.yaml:"), "{text}");
}

#[test]
fn evidence_path_escaping_the_dossier() {
    let text = rejected(&[
        ("aiact.yaml", "format_version: 2\n"),
        ("copyright.yaml", "policy:\n  document: ../../etc/passwd\n"),
    ]);
    assert!(text.contains("leaves the dossier through `..`"), "{text}");
    assert!(text.contains("--> copyright.yaml:2:13"), "{text}");
    assert!(text.contains("field: copyright.policy.document"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn absolute_and_missing_evidence_paths() {
    let text = rejected(&[
        ("aiact.yaml", "format_version: 2\n"),
        (
            "copyright.yaml",
            "policy:\n  document: /etc/passwd\ncomplaints:\n  mechanism_url: https://example.eu/complaints\n",
        ),
        (
            "systemic-risk.yaml",
            "framework:\n  document: evidence/framework.pdf\n",
        ),
    ]);
    assert!(text.contains("the evidence path is absolute"), "{text}");
    assert!(
        text.contains("evidence file `evidence/framework.pdf` does not exist"),
        "{text}"
    );
    assert!(text.contains("--> systemic-risk.yaml:2:13"), "{text}");
    assert!(
        text.contains("field: systemic_risk.framework.document"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_escaping_the_dossier() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let dir = dossier(&[
        ("aiact.yaml", "format_version: 2\n"),
        (
            "copyright.yaml",
            "policy:\n  document: evidence/policy.txt\n",
        ),
    ]);
    std::fs::create_dir(dir.path().join("evidence")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.path().join("evidence/policy.txt"),
    )
    .unwrap();
    let output = aiact(["classify".as_ref(), dir.path().as_os_str()]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(
        text.contains("evidence file `evidence/policy.txt` resolves outside the dossier"),
        "{text}"
    );
    assert!(text.contains("--> copyright.yaml:2:13"), "{text}");
    assert!(text.contains("field: copyright.policy.document"), "{text}");
}

#[test]
fn every_error_of_every_file_is_reported() {
    let text = rejected(&[
        (
            "aiact.yaml",
            "format_version: 2\nprovider:\n  contry: FR\n  is_sme: maybe\nmodel:\n  licence:\n    category: open-source\n",
        ),
        ("technical.yaml", "compute:\n  method: architecure\n"),
        ("copyrite.yaml", "policy: {}\n"),
    ]);
    assert!(text.contains("did you mean `copyright.yaml`?"), "{text}");
    assert!(text.contains("--> copyrite.yaml:1:1"), "{text}");
    assert!(text.contains("field: provider.contry"), "{text}");
    assert!(text.contains("field: provider.is_sme"), "{text}");
    assert!(text.contains("field: model.licence.category"), "{text}");
    assert!(
        text.contains(
            "accepted values: free_and_open_source, open_weights_restricted, proprietary, other"
        ),
        "{text}"
    );
    assert!(text.contains("field: technical.compute.method"), "{text}");
    assert!(text.contains("did you mean `architecture`?"), "{text}");
    assert!(text.contains("5 errors in the input"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn json_files_are_accepted_and_located() {
    let text = rejected(&[(
        "aiact.json",
        "{\n\t\"format_version\": 2,\n\t\"model\": {\"name\": \"X\", \"versoin\": \"1\"}\n}\n",
    )]);
    assert!(text.contains("unknown field `versoin`"), "{text}");
    assert!(text.contains("--> aiact.json:3:25"), "{text}");
    assert!(text.contains("did you mean `version`?"), "{text}");
}

#[test]
fn unrelated_files_beside_the_dossier_are_ignored() {
    let dir = dossier(&[
        ("aiact.yaml", "format_version: 2\n"),
        ("report.json", "not even json"),
        ("notes.yaml", "- free: [form\n"),
        ("package.json", "{}"),
    ]);
    let output = aiact(["classify".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn two_files_for_one_part_of_the_dossier() {
    let text = rejected(&[
        ("aiact.yaml", "format_version: 2\n"),
        ("data.yaml", "{}\n"),
        ("data.json", "{}\n"),
    ]);
    assert!(
        text.contains("`data.json` and `data.yaml` are the same dossier file"),
        "{text}"
    );
}

#[test]
fn not_utf8() {
    let dir = dossier(&[("aiact.yaml", "format_version: 2\n")]);
    std::fs::write(
        dir.path().join("data.yaml"),
        b"overview:\n  comments: caf\xe9\n",
    )
    .unwrap();
    let output = aiact(["classify".as_ref(), dir.path().as_os_str()]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(text.contains("data.yaml is not valid UTF-8 text"), "{text}");
    assert!(text.contains("--> data.yaml:2:16"), "{text}");
}

#[test]
fn oversized_file_is_refused_before_parsing() {
    let dir = dossier(&[("aiact.yaml", "format_version: 2\n")]);
    let file = std::fs::File::create(dir.path().join("data.yaml")).unwrap();
    file.set_len(aiact::dossier::MAX_FILE_BYTES + 1).unwrap();
    let output = aiact(["classify".as_ref(), dir.path().as_os_str()]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(text.contains("dossier files are limited to"), "{text}");
}

#[test]
fn deep_nesting_is_refused() {
    let mut yaml = String::from("format_version: 2\nx: ");
    yaml.push_str(&"[".repeat(200));
    yaml.push_str(&"]".repeat(200));
    yaml.push('\n');
    let text = rejected(&[("aiact.yaml", &yaml)]);
    assert!(text.contains("--> aiact.yaml:2:"), "{text}");
}

#[test]
fn a_directory_without_aiact_yaml_is_not_a_dossier() {
    let dir = dossier(&[("README.md", "hello\n")]);
    let output = aiact(["classify".as_ref(), dir.path().as_os_str()]);
    let text = redact(&stderr(&output), dir.path());
    assert_eq!(code(&output), 2, "{text}");
    assert!(
        text.contains("[DIR] is not a dossier: it has no aiact.yaml"),
        "{text}"
    );
    assert!(text.contains("aiact init [DIR]"), "{text}");
}

#[test]
fn hostile_strings_never_panic() {
    let inputs = [
        "\u{0}\u{1}\u{2}",
        "format_version: 2\n? [a, b]\n: c\n",
        "format_version: 2\n!!binary aGVsbG8=: x\n",
        "format_version: 2\nmodel: !custom {name: x}\n",
        "---\nformat_version: 2\n---\nformat_version: 2\n",
        "format_version: 1e400\n",
        "format_version: .nan\n",
        "format_version: 99999999999999999999999999\n",
        "format_version: 3\n",
        "[1, 2, 3]\n",
        "\"just text\"\n",
        // `provider: null` is a section nobody answered, which format version 2 accepts.
        "format_version: 2\nprovider: [1]\n",
        "format_version: 2\n<<: {provider: {}}\n",
        "format_version: 2\nmodel: {name: *missing}\n",
        "format_version: 2\ntechnical: 1\n",
        "format_version: .nan\n",
    ];
    for input in inputs {
        let dir = dossier(&[("aiact.yaml", input)]);
        let output = aiact(["classify".as_ref(), dir.path().as_os_str()]);
        let text = stderr(&output);
        assert!(!text.contains("panicked"), "{input:?}: {text}");
        assert_eq!(code(&output), 2, "{input:?} should be rejected: {text}");
        assert!(text.contains("aiact.yaml"), "{input:?}: {text}");
    }
}

#[test]
fn the_readme_lists_every_error_code() {
    let readme = std::fs::read_to_string(crate::support::repo().join("README.md")).unwrap();
    let start = readme.find("<!-- error codes -->").unwrap();
    let end = readme.find("<!-- /error codes -->").unwrap();
    let listed: Vec<&str> = readme[start..end]
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let codes: Vec<&str> = aiact::diag::CODES.iter().map(|(c, _)| *c).collect();
    assert_eq!(listed, codes);
}

#[test]
fn a_misspelt_key_has_the_unknown_field_code() {
    let dir = dossier(&[(
        "aiact.yaml",
        "format_version: 2\nprovider:\n  legal_name: Example AI SAS\n  contry: FR\n",
    )]);
    let output = aiact([
        "classify".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["errors"][0]["code"], "unknown-field");
    let dir = dossier(&[("aiact.yaml", "format_version: 2\nprovider: [unclosed\n")]);
    let output = aiact([
        "classify".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["errors"][0]["code"], "yaml-syntax");
}
