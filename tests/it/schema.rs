//! `aiact schema`: JSON Schemas (2020-12) generated from the dossier types, with audiences.

use crate::support::{aiact, code, stderr, stdout};

fn count_marks(value: &serde_json::Value, properties: &mut usize, marked: &mut usize) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                for property in props.values() {
                    *properties += 1;
                    if property.get("x-aiact-audiences").is_some() {
                        *marked += 1;
                    }
                }
            }
            for child in map.values() {
                count_marks(child, properties, marked);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                count_marks(item, properties, marked);
            }
        }
        _ => {}
    }
}

#[test]
fn schema_out_writes_one_2020_12_schema_per_file_with_audiences() {
    let dir = tempfile::tempdir().unwrap();
    let output = aiact(["schema".as_ref(), "--out".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "aiact.schema.json",
            "copyright.schema.json",
            "data.schema.json",
            "evaluations.schema.json",
            "systemic-risk.schema.json",
            "technical.schema.json"
        ]
    );
    for name in names {
        let text = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        let (mut properties, mut marked) = (0, 0);
        count_marks(&schema, &mut properties, &mut marked);
        assert!(properties > 0, "{name}");
        assert_eq!(
            properties, marked,
            "{name}: every property carries x-aiact-audiences"
        );
    }
}

#[test]
fn schema_without_out_prints_all_schemas() {
    let output = aiact(["schema"]);
    assert_eq!(code(&output), 0);
    let all: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(all.as_object().unwrap().len(), 6);
    let compute = &all["technical.schema.json"]["properties"]["compute"];
    assert_eq!(
        compute["x-aiact-audiences"],
        serde_json::json!(["ai_office", "national_authorities"])
    );
}

/// `aiact schema --outputs DIR` publishes a schema for each machine output, and every such
/// output of every example is valid against it.
#[test]
fn every_machine_output_is_valid_against_its_published_schema() {
    let dir = tempfile::tempdir().unwrap();
    let output = crate::support::aiact([
        "schema".as_ref(),
        "--outputs".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(
        crate::support::code(&output),
        0,
        "{}",
        crate::support::stderr(&output)
    );
    let load = |name: &str| -> jsonschema::Validator {
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(name)).unwrap()).unwrap();
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let check_schema = load("check-report.schema.json");
    let classify_schema = load("classification.schema.json");
    let evals_schema = load("evals.schema.json");
    let error_schema = load("error.schema.json");
    let valid = |validator: &jsonschema::Validator, what: &str, text: &str| {
        let value: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
    };
    for example in [
        "open-weights-eu",
        "frontier-non-eu",
        "fine-tune",
        "incomplete",
    ] {
        let path = crate::support::repo().join("examples").join(example);
        let run = |args: &[&str]| {
            let mut all: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            all.insert(1, path.clone().into());
            crate::support::stdout(&crate::support::aiact(all))
        };
        valid(
            &check_schema,
            &format!("check {example}"),
            &run(&["check", "--format", "json", "--as-of", "2026-11-29"]),
        );
        valid(
            &classify_schema,
            &format!("classify {example}"),
            &run(&["classify", "--format", "json"]),
        );
        valid(
            &evals_schema,
            &format!("evals {example}"),
            &run(&["evals", "--format", "json"]),
        );
    }
    let broken =
        crate::support::dossier(&[("aiact.yaml", "format_version: 2\nprovider:\n  contry: FR\n")]);
    let output = crate::support::aiact([
        "classify".as_ref(),
        broken.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(crate::support::code(&output), 2);
    valid(
        &error_schema,
        "an exit-2 error",
        &crate::support::stdout(&output),
    );
}
