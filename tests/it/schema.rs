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
