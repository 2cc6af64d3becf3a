//! `aiact import` and `aiact init --from-hf-card`: what each format maps to (snapshots), numbers
//! that round-trip exactly, evidence kept with pointers that `check` re-reads, nothing dropped
//! silently, re-imports that add nothing, and bad input refused with its location and no write.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{code, repo, stderr};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/import").join(name)
}

fn aiact(args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("aiact")
        .unwrap()
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1764374400")
        .args(args)
        .output()
        .unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A fresh skeleton dossier.
fn skeleton() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = aiact(&["init", arg(&dir.path().join("d"))]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    dir
}

fn import(kind: &str, files: &[PathBuf], dossier: &Path) -> Output {
    let mut args = vec!["import".to_owned(), kind.to_owned()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(["--into".to_owned(), dossier.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    aiact(&args)
}

/// The records of the dossier's evaluations file, as JSON.
fn records(dossier: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dossier.join("evaluations.yaml")).unwrap();
    aiact::dossier::parse_str("evaluations.yaml", &text)
        .unwrap()
        .to_json()["records"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The outcome of one rule in `check --format json`.
fn outcome(dossier: &Path, rule: &str) -> String {
    let output = aiact(&[
        "check",
        arg(dossier),
        "--format",
        "json",
        "--as-of",
        "2026-11-29",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .map(|f| f["outcome"].as_str().unwrap().to_owned())
        .unwrap()
}

#[test]
fn lm_eval_results_of_both_shapes() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let output = import(
        "lm-eval",
        &[fixture("lm-eval-v04.json"), fixture("lm-eval-v03.json")],
        &dossier,
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let summary = stderr(&output)
        .replace(&dossier.display().to_string(), "[DOSSIER]")
        .replace(&repo().display().to_string(), "[REPO]");
    insta::assert_snapshot!("import_lm_eval_summary", summary);
    let records = records(&dossier);
    insta::assert_yaml_snapshot!("import_lm_eval_records", records);
    // Numbers are the numbers of the file, and the evidence is kept where the records say.
    let kept = dossier.join(records[0]["evidence"].as_str().unwrap());
    assert_eq!(
        std::fs::read(kept).unwrap(),
        std::fs::read(fixture("lm-eval-v04.json")).unwrap()
    );
    assert_eq!(outcome(&dossier, "EVAL-005"), "pass");
    // The logged model is not the documented version: the identity cross-check warns.
    assert_eq!(outcome(&dossier, "EVAL-002"), "fail");
    // Partial runs are flagged by the partial-run rule.
    assert_eq!(outcome(&dossier, "EVAL-003"), "fail");

    // A number imported and then rendered is the number of the file.
    let docs = dir.path().join("docs");
    let render = aiact(&[
        "render",
        arg(&dossier),
        "--out",
        arg(&docs),
        "--format",
        "md",
        "--audience",
        "authority",
    ]);
    assert_eq!(code(&render), 0, "{}", stderr(&render));
    let documentation = std::fs::read_to_string(docs.join("technical-documentation.md")).unwrap();
    assert!(
        documentation.contains("| 0.6532198765432109 "),
        "the value as written in the log"
    );
    // The copy of the source has its digest beside it, in sha256sum's format.
    let sums =
        std::fs::read_to_string(dossier.join("evidence/imports/lm-eval/lm-eval-v04.json.sha256"))
            .unwrap();
    assert!(sums.ends_with("  lm-eval-v04.json\n"), "{sums}");

    // Importing the same file again adds nothing.
    let again = import("lm-eval", &[fixture("lm-eval-v04.json")], &dossier);
    assert_eq!(code(&again), 0);
    assert!(stderr(&again).contains("were imported before and were not added again"));
    assert_eq!(self::records(&dossier).len(), records.len());
}

#[test]
fn a_value_edited_after_import_is_caught_by_check() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    assert_eq!(
        code(&import("lm-eval", &[fixture("lm-eval-v04.json")], &dossier)),
        0
    );
    let path = dossier.join("evaluations.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("value: 0.5712"));
    std::fs::write(&path, text.replacen("value: 0.5712", "value: 0.6712", 1)).unwrap();
    assert_eq!(outcome(&dossier, "EVAL-005"), "fail");
}

#[test]
fn inspect_logs_as_json_and_as_eval_archives() {
    use std::io::Write;
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let archive = dir.path().join("run.eval");
    {
        let file = std::fs::File::create(&archive).unwrap();
        let mut writer = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("header.json", options).unwrap();
        writer
            .write_all(&std::fs::read(fixture("inspect-cancelled.json")).unwrap())
            .unwrap();
        writer
            .start_file("samples/1_epoch_1.json", options)
            .unwrap();
        writer.write_all(b"{\"id\": 1}").unwrap();
        writer.finish().unwrap();
    }
    let output = import(
        "inspect",
        &[fixture("inspect-cancelled.json"), archive],
        &dossier,
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let summary = stderr(&output)
        .replace(&dossier.display().to_string(), "[DOSSIER]")
        .replace(&repo().display().to_string(), "[REPO]")
        .replace(&dir.path().display().to_string(), "[TMP]");
    insta::assert_snapshot!("import_inspect_summary", summary);
    let records = records(&dossier);
    assert_eq!(records.len(), 4, "two scorers, two logs");
    insta::assert_yaml_snapshot!("import_inspect_records", records);
    assert!(
        records[2]["evidence_pointer"]
            .as_str()
            .unwrap()
            .starts_with("header.json#/results/scores/0")
    );
    assert_eq!(outcome(&dossier, "EVAL-005"), "pass");
}

#[test]
fn model_and_dataset_cards() {
    let dir = tempfile::tempdir().unwrap();
    let dossier = dir.path().join("d");
    let output = aiact(&[
        "init",
        arg(&dossier),
        "--from-hf-card",
        arg(&fixture("model-card.md")),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let summary = stderr(&output)
        .replace(&dossier.display().to_string(), "[DOSSIER]")
        .replace(&repo().display().to_string(), "[REPO]");
    insta::assert_snapshot!("import_model_card_summary", summary);
    let root = aiact::dossier::parse_str(
        "aiact.yaml",
        &std::fs::read_to_string(dossier.join("aiact.yaml")).unwrap(),
    )
    .unwrap()
    .to_json();
    assert_eq!(root["model"]["licence"]["identifier"], "apache-2.0");
    assert_eq!(root["model"]["name"], "example-7b-chat");
    assert_eq!(
        root["model"]["dependencies"][0]["name"],
        "example-org/example-7b-base"
    );
    assert_eq!(
        root["model"]["dependencies"][0]["relationship"],
        "fine_tune"
    );
    assert_eq!(
        root["model"]["use_policy"]["prohibited_uses"],
        serde_json::json!([
            "Medical or legal advice",
            "Generating content that violates the licence"
        ])
    );
    // The skeleton's comments survive the edits.
    let text = std::fs::read_to_string(dossier.join("aiact.yaml")).unwrap();
    assert!(text.contains("# SPDX identifier where there is one"));
    // Every answered field says where it came from.
    assert!(
        text.contains("identifier: \"apache-2.0\"  # imported from evidence/imports/hf-card/model-card.md front matter `license`"),
        "{text}"
    );
    let records = records(&dossier);
    insta::assert_yaml_snapshot!("import_model_card_records", records);
    assert_eq!(records[0]["value"], 61.43);
    assert_eq!(records[0]["n_shot"], 25);
    assert!(records[2].get("value").is_none(), "NaN is not a value");
    assert_eq!(outcome(&dossier, "EVAL-005"), "pass");

    let output = import("hf-dataset-card", &[fixture("dataset-card.md")], &dossier);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let data = aiact::dossier::parse_str(
        "data.yaml",
        &std::fs::read_to_string(dossier.join("data.yaml")).unwrap(),
    )
    .unwrap()
    .to_json();
    let datasets = data["sources"]["public_datasets"]["large_datasets"]
        .as_array()
        .unwrap();
    let added = datasets
        .iter()
        .find(|d| d["name"] == "Example Web Corpus")
        .expect("the dataset is added");
    assert_eq!(added["licence"], "cc-by-4.0");
    assert_eq!(added["url"], "https://example.org/web-corpus");
    assert_eq!(added["languages"], serde_json::json!(["en", "fr"]));
    assert!(
        stderr(&output).contains("annotations_creators"),
        "unmapped fields are listed"
    );
}

#[test]
fn bad_input_is_refused_with_its_location_and_nothing_is_written() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let before: Vec<(PathBuf, Vec<u8>)> = ["evaluations.yaml", "aiact.yaml", "data.yaml"]
        .iter()
        .map(|n| (dossier.join(n), std::fs::read(dossier.join(n)).unwrap()))
        .collect();
    let cases: [(&str, Vec<PathBuf>, &str); 4] = [
        (
            "lm-eval",
            vec![
                fixture("lm-eval-v04.json"),
                fixture("lm-eval-truncated.json"),
            ],
            "lm-eval-truncated.json:4:1",
        ),
        (
            "hf-card",
            vec![fixture("model-card-bad-yaml.md")],
            "model-card-bad-yaml.md:3:11",
        ),
        (
            "hf-card",
            vec![fixture("model-card-unclosed.md")],
            "not closed",
        ),
        (
            "inspect",
            vec![fixture("lm-eval-v03.json")],
            "no `eval.task`",
        ),
    ];
    for (kind, files, expected) in cases {
        let output = import(kind, &files, &dossier);
        assert_eq!(code(&output), 2, "{kind}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(expected),
            "{kind}: expected {expected:?} in {}",
            stderr(&output)
        );
    }
    for (path, bytes) in before {
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{} unchanged",
            path.display()
        );
    }
    assert!(
        !dossier.join("evidence/imports").exists(),
        "no evidence copied"
    );
    // A failed `init --from-hf-card` leaves no skeleton behind.
    let fresh = dir.path().join("fresh");
    let output = aiact(&[
        "init",
        arg(&fresh),
        "--from-hf-card",
        arg(&fixture("model-card-bad-yaml.md")),
    ]);
    assert_eq!(code(&output), 2);
    assert!(!fresh.exists());
}
