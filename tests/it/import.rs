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

/// The evaluations file's text.
fn evaluations_text(dossier: &Path) -> String {
    std::fs::read_to_string(dossier.join("evaluations.yaml")).unwrap()
}

/// The record of `dossier` whose evidence pointer is `pointer`.
fn record_at(dossier: &Path, pointer: &str) -> serde_json::Value {
    records(dossier)
        .into_iter()
        .find(|r| r["evidence_pointer"] == pointer)
        .unwrap_or_else(|| panic!("no record at {pointer}"))
}

#[test]
fn lm_eval_records_are_tagged_from_the_benchmark_catalogue() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let output = import(
        "lm-eval",
        &[
            fixture("lm-eval-alignment-v04.json"),
            fixture("lm-eval-alignment-v03.json"),
        ],
        &dossier,
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let summary = stderr(&output);
    let cases = [
        (
            "/results/mmlu_abstract_algebra/acc,none",
            serde_json::json!(["capability"]),
        ),
        (
            "/results/truthfulqa_mc2/acc,none",
            serde_json::json!(["honesty.truthfulness"]),
        ),
        (
            "/results/truthfulqa-multi_gen_en/acc,none",
            serde_json::json!(["honesty.truthfulness", "multilingual"]),
        ),
        (
            "/results/wmdp/acc,none",
            serde_json::json!(["sr.cbrn", "sr.cyber_offence"]),
        ),
        ("/results/wmdp_bio/acc,none", serde_json::json!(["sr.cbrn"])),
        (
            "/results/sycophancy_on_nlp_survey/acc,none",
            serde_json::json!(["honesty.non_deception"]),
        ),
        (
            "/results/crows_pairs_english_gender/pct_stereotype,none",
            serde_json::json!(["fairness.bias"]),
        ),
        (
            "/results/leaderboard_ifeval/prompt_level_strict_acc,none",
            serde_json::json!(["instruction_following"]),
        ),
        (
            "/results/hendrycksTest-virology/acc",
            serde_json::json!(["capability"]),
        ),
        (
            "/results/crows_pairs_french_age/likelihood_diff",
            serde_json::json!(["fairness.bias", "multilingual"]),
        ),
        ("/results/ethics_cm/acc", serde_json::json!(["ethics"])),
    ];
    for (pointer, dimensions) in &cases {
        assert_eq!(
            &record_at(&dossier, pointer)["dimensions"],
            dimensions,
            "{pointer}"
        );
    }
    // Not catalogued, or a profile only: no dimension, and listed as not mapped.
    for pointer in [
        "/results/hellaswag/acc,none",
        "/results/persona_agreeableness/acc,none",
        "/results/lambada_openai/acc",
    ] {
        assert!(
            record_at(&dossier, pointer).get("dimensions").is_none(),
            "{pointer}"
        );
    }
    assert!(
        summary.contains("not mapped: hellaswag: not in the benchmark catalogue"),
        "{summary}"
    );
    assert!(
        summary.contains("not mapped: persona_agreeableness: catalogue: persona"),
        "{summary}"
    );
    // The comment beside `dimensions` names the catalogue entry and its file.
    let text = evaluations_text(&dossier);
    assert!(
        text.contains("dimensions: [\"honesty.truthfulness\"]  # catalogue: truthfulqa (rules/benchmarks/honesty.yaml)"),
        "{text}"
    );
    // Risk and ideal-at-50 metrics get no higher_is_better of the catalogue; the comment
    // says why. The log's own `higher_is_better` stays.
    assert!(
        text.contains("catalogue: wmdp (rules/benchmarks/systemic-risk.yaml)"),
        "{text}"
    );
    assert!(
        text.contains("pct_stereotype: best at 50, not monotone"),
        "{text}"
    );
    assert!(
        record_at(
            &dossier,
            "/results/crows_pairs_english_gender/pct_stereotype,none"
        )
        .get("higher_is_better")
        .is_none()
    );
    assert_eq!(
        record_at(&dossier, "/results/wmdp_bio/acc,none")["higher_is_better"],
        true
    );
    // A v0.3 log gives no direction: the catalogue's fills it in, with a comment.
    assert_eq!(
        record_at(&dossier, "/results/crows_pairs_french_age/likelihood_diff")["higher_is_better"],
        false
    );
    assert!(text.contains("higher_is_better: false  # from the catalogue (crows_pairs): the log gives no direction"), "{text}");
    // Sycophancy `acc` counts sycophantic answers: the log's `true` is kept and flagged.
    assert!(
        summary.contains("sycophancy_on_nlp_survey acc,none: the log says higher_is_better: true; the catalogue (sycophancy_mwe) says lower is better"),
        "{summary}"
    );
    // check reads the tagged file.
    assert_eq!(outcome(&dossier, "EVAL-005"), "pass");
}

#[test]
fn inspect_and_compl_ai_logs_are_tagged() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let output = import(
        "inspect",
        &[
            fixture("inspect-xstest.json"),
            fixture("inspect-complai.json"),
        ],
        &dossier,
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let records = records(&dossier);
    // XSTest's safe subset: over-refusal, and refusing is worse.
    let xstest = &records[0];
    assert_eq!(
        xstest["dimensions"],
        serde_json::json!(["safety.over_refusal"])
    );
    assert_eq!(xstest["higher_is_better"], false);
    // COMPL-AI: aiact's dimension, COMPL-AI's requirement as a second label, and only
    // COMPL-AI's own direction (1 − toxicity, higher is better), never lm-eval's `score`↓.
    let complai = &records[1];
    assert_eq!(
        complai["dimensions"],
        serde_json::json!(["safety.toxicity"])
    );
    assert_eq!(
        complai["compl_ai_requirement"],
        "Harmful Content and Toxicity"
    );
    assert_eq!(complai["higher_is_better"], true);
    let text = evaluations_text(&dossier);
    assert!(
        text.contains("COMPL-AI rescales its scores, so no upstream direction is applied"),
        "{text}"
    );
}

#[test]
fn model_card_results_are_tagged_by_dataset_id_then_by_name() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let output = import("hf-card", &[fixture("model-card-alignment.md")], &dossier);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let records = records(&dossier);
    assert_eq!(
        records[0]["dimensions"],
        serde_json::json!(["honesty.truthfulness"])
    );
    assert_eq!(records[0]["higher_is_better"], true);
    // `our-mirror/wmdp-copy` is no catalogued id: matched on the name WMDP, with a warning.
    assert_eq!(records[1]["dimensions"], serde_json::json!(["sr.cbrn"]));
    let summary = stderr(&output);
    assert!(summary.contains("dataset `our-mirror/wmdp-copy` is not a catalogued dataset id; matched on its name `WMDP`"), "{summary}");
    assert!(records[2].get("dimensions").is_none());
    assert!(summary.contains("not mapped: hellaswag"), "{summary}");
}

#[test]
fn hand_set_dimensions_survive_a_re_import() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let log = fixture("lm-eval-alignment-v04.json");
    assert_eq!(
        code(&import("lm-eval", std::slice::from_ref(&log), &dossier)),
        0
    );
    let path = dossier.join("evaluations.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The provider re-tags one record by hand, says another has none (`[]`), and removes a
    // third's tag as if it had been imported before the catalogue existed.
    let text = text
        .replacen(
            "dimensions: [\"honesty.truthfulness\"]  # catalogue: truthfulqa (rules/benchmarks/honesty.yaml)",
            "dimensions: [honesty.truthfulness, honesty.calibration]  # ours",
            1,
        )
        .replacen("dimensions: [\"sr.cbrn\"]", "dimensions: []", 1)
        .replacen(
            "    dimensions: [\"capability\"]  # catalogue: mmlu (rules/benchmarks/capability.yaml)\n",
            "",
            1,
        );
    std::fs::write(&path, &text).unwrap();
    let again = import("lm-eval", &[log], &dossier);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(
        record_at(&dossier, "/results/truthfulqa_mc2/acc,none")["dimensions"],
        serde_json::json!(["honesty.truthfulness", "honesty.calibration"])
    );
    assert_eq!(
        record_at(&dossier, "/results/wmdp_bio/acc,none")["dimensions"],
        serde_json::json!([])
    );
    // The untagged record gains the catalogue's tag.
    assert_eq!(
        record_at(&dossier, "/results/mmlu_abstract_algebra/acc,none")["dimensions"],
        serde_json::json!(["capability"])
    );
    let summary = stderr(&again);
    assert!(
        summary.contains("kept the existing answers of:"),
        "{summary}"
    );
    assert!(summary.contains(".dimensions"), "{summary}");
    assert!(evaluations_text(&dossier).contains("# ours"));
}

#[test]
fn an_unknown_dimension_is_a_located_error_with_a_suggestion() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    std::fs::write(
        dossier.join("evaluations.yaml"),
        "records:\n  - benchmark: TruthfulQA\n    metric: acc\n    value: 0.4\n    dimensions: [honesty.truthfulnes]\n",
    )
    .unwrap();
    let output = aiact(&["check", arg(&dossier)]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    let shown = stderr(&output);
    assert!(shown.contains("evaluations.yaml:5:18"), "{shown}");
    assert!(shown.contains("records[0].dimensions[0]"), "{shown}");
    assert!(
        shown.contains("did you mean `honesty.truthfulness`?"),
        "{shown}"
    );
}

#[test]
fn benchmark_packs_extend_the_catalogue_and_clashes_are_refused() {
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let pack = dir.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(
        pack.join("ours.yaml"),
        "title: Ours\nbenchmarks:\n  - id: house_hellaswag\n    name: HellaSwag (ours)\n    source: our notes\n    tasks:\n      lm_eval: [hellaswag]\n    dimensions: [capability]\n    metrics:\n      - metric: acc\n        higher_is_better: true\n",
    )
    .unwrap();
    let run = |pack: &Path| {
        aiact(&[
            "import",
            "lm-eval",
            arg(&fixture("lm-eval-alignment-v04.json")),
            "--into",
            arg(&dossier),
            "--benchmarks",
            arg(pack),
        ])
    };
    let output = run(&pack);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        record_at(&dossier, "/results/hellaswag/acc,none")["dimensions"],
        serde_json::json!(["capability"])
    );
    assert!(evaluations_text(&dossier).contains("# catalogue: house_hellaswag ("));
    let clash = dir.path().join("clash");
    std::fs::create_dir(&clash).unwrap();
    std::fs::write(
        clash.join("bad.yaml"),
        "title: Bad\nbenchmarks:\n  - id: wmdp\n    name: WMDP again\n    source: x\n    dimensions: [sr.cbrn]\n",
    )
    .unwrap();
    let refused = run(&clash);
    assert_eq!(code(&refused), 2);
    let shown = stderr(&refused);
    assert!(
        shown.contains("bad.yaml:3:") && shown.contains("duplicate benchmark id `wmdp`"),
        "{shown}"
    );
}
