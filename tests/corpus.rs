//! Tests against the real third-party files of `../shared/corpus` (model cards, dataset cards,
//! evaluation logs). They need that folder, which is not part of the repository, so they are
//! ignored by a plain `cargo test` and run by `.ci/run` with
//! `AIACT_CORPUS=../shared/corpus cargo test --test corpus -- --ignored`. Without the
//! variable they fail loudly rather than pass vacuously.

#![allow(clippy::unwrap_used)] // tests unwrap: a failure there is a test failure

use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    let dir = std::env::var_os("AIACT_CORPUS")
        .map(PathBuf::from)
        .expect("set AIACT_CORPUS to the shared corpus folder (see .ci/run)");
    assert!(
        dir.is_dir(),
        "AIACT_CORPUS={} is not a folder",
        dir.display()
    );
    dir
}

fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Every JSON file of the corpus reads through aiact's YAML 1.2 parser either to exactly the
/// value serde_json reads, or (for files that are not strict JSON, such as logs with bare
/// `NaN`) to a located error, never a panic or a different value.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_json_reads_identically_through_the_dossier_parser() {
    let files = files_under(&corpus(), ".json");
    assert!(
        files.len() >= 10,
        "expected the corpus JSON files, found {}",
        files.len()
    );
    let (mut identical, mut refused) = (0, 0);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let ours = aiact::dossier::parse_str(&name, &text);
        match (
            serde_json::from_str::<serde_json::Value>(&text),
            ours.map(|tree| tree.to_json()),
        ) {
            (Ok(expected), Ok(actual)) => {
                if let Some(difference) = first_difference(&expected, &actual, String::new()) {
                    panic!("{}: {difference}", path.display());
                }
                identical += 1;
            }
            (_, Err(error)) => {
                let diagnostics = error.diagnostics();
                assert!(
                    diagnostics.iter().all(|d| d.location.is_some()),
                    "{}: unlocated error {diagnostics:?}",
                    path.display()
                );
                refused += 1;
            }
            (Err(json_error), Ok(_)) => {
                panic!(
                    "{}: aiact accepted what serde_json refuses ({json_error})",
                    path.display()
                )
            }
        }
    }
    eprintln!("{identical} corpus JSON files read identically, {refused} refused with a location");
    assert!(identical > 0);
}

/// The first place where two JSON values differ, as a JSON pointer with both values.
fn first_difference(
    expected: &serde_json::Value,
    actual: &serde_json::Value,
    pointer: String,
) -> Option<String> {
    use serde_json::Value;
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let child = format!("{pointer}/{key}");
                match b.get(key) {
                    Some(other) => {
                        if let Some(found) = first_difference(value, other, child) {
                            return Some(found);
                        }
                    }
                    None => return Some(format!("{child}: missing")),
                }
            }
            (a.len() != b.len()).then(|| format!("{pointer}: extra keys"))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!("{pointer}: {} vs {} items", a.len(), b.len()));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| first_difference(x, y, format!("{pointer}/{i}")))
        }
        (a, b) if a == b => None,
        (a, b) => Some(format!("{pointer}: serde_json read {a}, aiact read {b}")),
    }
}

/// The YAML front matter of every model and dataset card parses (or fails with a location).
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_card_front_matter_parses() {
    let files = files_under(&corpus(), ".README.md");
    assert!(
        files.len() >= 10,
        "expected the corpus cards, found {}",
        files.len()
    );
    let mut parsed = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let Some(rest) = text.strip_prefix("---\n") else {
            continue;
        };
        let Some(end) = rest.find("\n---") else {
            continue;
        };
        let front = &rest[..end + 1];
        match aiact::dossier::parse_str("front-matter.yaml", front) {
            Ok(value) => {
                assert!(value.to_json().is_object(), "{}", path.display());
                parsed += 1;
            }
            Err(error) => {
                for diagnostic in error.diagnostics() {
                    assert!(
                        diagnostic.location.is_some(),
                        "{}: {diagnostic}",
                        path.display()
                    );
                }
            }
        }
    }
    eprintln!("{parsed} card front matters parsed");
    assert!(parsed >= 8, "only {parsed} front matters parsed");
}

/// `check --format sarif` is valid SARIF 2.1.0 against the OASIS schema in the corpus, for a
/// failing, a waived-free passing and a skeleton dossier.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    let schema_path = corpus().join("schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let skeleton = tempfile::tempdir().unwrap();
    let skeleton_dir = skeleton.path().join("dossier");
    aiact::init(&skeleton_dir, false, None).unwrap();
    let dossiers = [
        repo.join("examples/incomplete"),
        repo.join("examples/frontier-non-eu"),
        repo.join("examples/fine-tune"),
        skeleton_dir,
    ];
    for dir in dossiers {
        let options = aiact::CheckOptions {
            as_of: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
            ..aiact::CheckOptions::default()
        };
        let report = aiact::check(&dir, &dir.display().to_string(), &options).unwrap();
        let sarif: serde_json::Value =
            serde_json::from_str(&aiact::report::sarif(&report)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: {}",
            dir.display(),
            errors.join("\n")
        );
        assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());

        // The validator does reject what SARIF forbids.
        let mut broken = sarif.clone();
        broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
        assert!(
            !validator.is_valid(&broken),
            "an invalid level must be rejected"
        );
    }
}

/// Text of a PDF through poppler's `pdftotext`, which the corpus step requires.
fn pdf_text(pdf: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed for the corpus PDF tests");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Lower case, one space between words, straight apostrophes, no hyphenation artefacts.
fn normalise(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .replace("general-purpose", "generalpurpose")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Our public summary, rendered from the example built on SmolLM3's published facts.
fn our_summary() -> String {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("docs");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_aiact"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["render", "examples/open-weights-eu", "--audience", "public"])
        .args(["--format", "md,pdf", "--out"])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    let markdown = std::fs::read_to_string(dir.join("training-content-summary.md")).unwrap();
    // Compare the text a reader sees: Markdown escapes removed, and the PDF's text too.
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new_ext(&markdown, aiact::render::html::markdown_options())
    {
        match event {
            pulldown_cmark::Event::Text(t) => text.push_str(&t),
            _ => text.push(' '),
        }
    }
    text.push(' ');
    text.push_str(&pdf_text(&dir.join("training-content-summary.pdf")));
    normalise(&text)
}

/// The published summaries that follow the AI Office template (the corpus also has one that
/// renames its questions) ask their questions and title their sections in the template's
/// words; ours must carry every one of them, so that a provider can replace a hand-made
/// summary with aiact's and lose nothing a reader or assessor looks for.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn our_summary_has_every_section_and_question_of_the_published_ones() {
    let pdfs = files_under(&corpus().join("eu_ai_act/public_summaries"), ".pdf");
    assert!(pdfs.len() >= 2, "expected the published summaries");
    let ours = our_summary();
    let heading = regex::Regex::new(r"(?m)^\s*[1-3](?:\.\d)*\.?\s+([A-Z][^\n]{3,80})$").unwrap();
    let question = regex::Regex::new(
        r"(Have you|Were crawlers|Was data|Was synthetic|Are you a Signatory)[^?]{10,400}\?",
    )
    .unwrap();
    let ticks = regex::Regex::new(r"[☐☒☑]\s*(Yes|No)\s*").unwrap();
    let mut template_filings = 0;
    let (mut headings_checked, mut questions_checked) = (0, 0);
    for pdf in &pdfs {
        let text = pdf_text(pdf);
        if !text.contains("Provider identification") {
            continue; // not laid out on the template
        }
        template_filings += 1;
        for found in heading.captures_iter(&text) {
            // Headings wrap in the PDFs: compare their first four words.
            let words: Vec<&str> = found[1].split_whitespace().take(4).collect();
            let start = normalise(&words.join(" "));
            assert!(
                ours.contains(&start),
                "{}: section `{}` is missing from our summary",
                pdf.display(),
                &found[1]
            );
            headings_checked += 1;
        }
        // Tick boxes of the answer sometimes land inside the question in the PDF's text.
        let flat = ticks
            .replace_all(&text.split_whitespace().collect::<Vec<_>>().join(" "), "")
            .into_owned();
        for found in question.find_iter(&flat) {
            let asked = normalise(found.as_str());
            assert!(
                ours.contains(&asked),
                "{}: question `{}` is missing from our summary",
                pdf.display(),
                found.as_str()
            );
            questions_checked += 1;
        }
    }
    assert!(template_filings >= 2, "{template_filings} template filings");
    assert!(
        headings_checked >= 20,
        "{headings_checked} headings checked"
    );
    assert!(
        questions_checked >= 8,
        "{questions_checked} questions checked"
    );
}

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(args)
        .output()
        .unwrap()
}

/// Every real model card, dataset card, lm-eval results file and Inspect log of the corpus
/// imports (exit 0) into one dossier that still loads; every imported number equals the number
/// at its pointer in its source file, read here independently of aiact; and `check` agrees
/// (EVAL-005 passes).
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn every_corpus_file_imports_and_its_numbers_round_trip() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    let dossier = dir.path().join("d");
    let cards = files_under(&corpus.join("model_cards"), ".md");
    assert!(cards.len() >= 10);
    // Every card also starts a dossier of its own.
    for card in &cards {
        let own = dir.path().join(card.file_name().unwrap());
        let output = run(&[
            "init".as_ref(),
            own.as_os_str(),
            "--from-hf-card".as_ref(),
            card.as_os_str(),
        ]);
        assert!(
            output.status.success(),
            "{}: {}",
            card.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(
        run(&["init".as_ref(), dossier.as_os_str()])
            .status
            .success()
    );
    let batches = [
        ("hf-card", cards),
        (
            "hf-dataset-card",
            files_under(&corpus.join("dataset_cards"), ".md"),
        ),
        (
            "lm-eval",
            files_under(&corpus.join("eval_results/lm_eval_harness"), ".json"),
        ),
        (
            "inspect",
            files_under(&corpus.join("eval_results/inspect_ai"), ".json"),
        ),
    ];
    for (kind, files) in &batches {
        assert!(!files.is_empty(), "{kind}");
        let mut args: Vec<&std::ffi::OsStr> = vec!["import".as_ref(), kind.as_ref()];
        args.extend(files.iter().map(|f| f.as_os_str()));
        args.extend(["--into".as_ref(), dossier.as_os_str()]);
        let output = run(&args);
        assert!(
            output.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = std::fs::read_to_string(dossier.join("evaluations.yaml")).unwrap();
    let records = aiact::dossier::parse_str("evaluations.yaml", &text)
        .unwrap()
        .to_json()["records"]
        .as_array()
        .cloned()
        .unwrap();
    assert!(records.len() > 400, "{} records", records.len());
    let mut compared = 0;
    for record in &records {
        let evidence = dossier.join(record["evidence"].as_str().unwrap());
        let pointer = record["evidence_pointer"].as_str().unwrap();
        if pointer.contains('#') {
            continue; // card front matter: checked by EVAL-005 below
        }
        let source: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&evidence).unwrap()).unwrap();
        let found = source
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{pointer} in {}", evidence.display()));
        match (found.as_f64(), record.get("value")) {
            (Some(number), Some(value)) => assert_eq!(value.as_f64(), Some(number), "{pointer}"),
            (None, None) => assert!(record.get("value_not_available").is_some()),
            other => panic!("{pointer}: {other:?}"),
        }
        compared += 1;
    }
    assert!(compared > 400, "{compared} compared");
    let check = run(&[
        "check".as_ref(),
        dossier.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let eval5 = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "EVAL-005")
        .unwrap();
    assert_eq!(eval5["outcome"], "pass", "{eval5}");
}

/// Every evaluation log of the corpus imports with its records tagged: each record of a task
/// the benchmark catalogue maps to dimensions has exactly those dimensions, every other task
/// is listed as not mapped in the import's summary, and the list is printed (run with
/// `--nocapture` to read it).
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn every_corpus_evaluation_record_of_a_catalogued_task_is_tagged() {
    let corpus = corpus();
    let catalogue = aiact::evals::builtin().unwrap();
    let batches = [
        (
            "lm-eval",
            aiact::evals::Harness::LmEval,
            files_under(&corpus.join("eval_results/lm_eval_harness"), ".json"),
        ),
        (
            "inspect",
            aiact::evals::Harness::Inspect,
            files_under(&corpus.join("eval_results/inspect_ai"), ".json"),
        ),
    ];
    let (mut tagged, mut untagged) = (0, 0);
    let mut not_mapped = std::collections::BTreeSet::new();
    for (kind, harness, files) in &batches {
        assert!(!files.is_empty(), "{kind}");
        for file in files {
            let dir = tempfile::tempdir().unwrap();
            let dossier = dir.path().join("d");
            assert!(
                run(&["init".as_ref(), dossier.as_os_str()])
                    .status
                    .success()
            );
            let output = run(&[
                "import".as_ref(),
                kind.as_ref(),
                file.as_os_str(),
                "--into".as_ref(),
                dossier.as_os_str(),
            ]);
            let summary = String::from_utf8_lossy(&output.stderr).into_owned();
            assert!(output.status.success(), "{}: {summary}", file.display());
            let text = std::fs::read_to_string(dossier.join("evaluations.yaml")).unwrap();
            let records = aiact::dossier::parse_str("evaluations.yaml", &text)
                .unwrap()
                .to_json()["records"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for record in &records {
                let task = record["benchmark"].as_str().unwrap();
                let name = match harness {
                    aiact::evals::Harness::Inspect if !task.contains('/') => {
                        format!("inspect_evals/{task}")
                    }
                    _ => task.to_owned(),
                };
                let expected = catalogue
                    .lookup(*harness, &name, &Default::default())
                    .map(|m| m.dimensions().iter().map(|d| d.id()).collect::<Vec<_>>())
                    .filter(|d| !d.is_empty());
                match expected {
                    Some(dimensions) => {
                        assert_eq!(
                            record["dimensions"],
                            serde_json::json!(dimensions),
                            "{}: {task}",
                            file.display()
                        );
                        tagged += 1;
                    }
                    None => {
                        assert!(record.get("dimensions").is_none(), "{task}");
                        assert!(
                            summary.contains(&format!("not mapped: {task}: ")),
                            "{}: {task} is not listed as not mapped:\n{summary}",
                            file.display()
                        );
                        not_mapped.insert(format!("{kind} {task}"));
                        untagged += 1;
                    }
                }
            }
        }
    }
    println!("{tagged} records tagged, {untagged} not mapped; tasks not mapped:");
    for task in &not_mapped {
        println!("  {task}");
    }
    assert!(tagged >= 100, "{tagged} records tagged");
}
