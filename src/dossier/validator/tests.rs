//! Unit tests of the parent module.

use std::collections::BTreeSet;

use super::*;
use serde_json::json;

fn tree(value: Value) -> Node {
    let text = serde_json::to_string(&value).unwrap();
    super::super::yaml::parse(
        &text,
        super::super::yaml::Bounds {
            max_depth: 32,
            max_events: 1_000_000,
            max_alias_nodes: 1000,
        },
    )
    .unwrap()
}

fn issues(kind: FileKind, value: Value) -> Vec<(String, IssueKind)> {
    validate(kind, &tree(value))
        .issues
        .into_iter()
        .map(|issue| (issue.path.to_string(), issue.kind))
        .collect()
}

fn visit_keywords(schema: &Value, seen: &mut BTreeSet<String>, in_properties: bool) {
    if let Value::Object(map) = schema {
        for (key, child) in map {
            if in_properties {
                visit_keywords(child, seen, false);
                continue;
            }
            seen.insert(key.clone());
            match key.as_str() {
                "properties" | "$defs" => visit_keywords(child, seen, true),
                "default" | "const" | "enum" | "x-aiact-audiences" | "x-aiact-basis" => {}
                _ => visit_keywords(child, seen, false),
            }
        }
    } else if let Value::Array(items) = schema {
        for item in items {
            visit_keywords(item, seen, false);
        }
    }
}

#[test]
fn schemas_use_only_keywords_the_validator_supports() {
    for kind in FileKind::ALL {
        let mut seen = BTreeSet::new();
        visit_keywords(schema(kind), &mut seen, false);
        let unknown: Vec<_> = seen
            .iter()
            .filter(|k| !SUPPORTED_KEYWORDS.contains(&k.as_str()))
            .collect();
        assert!(unknown.is_empty(), "{kind:?} uses {unknown:?}");
    }
}

#[test]
fn unknown_field_gets_a_suggestion() {
    let found = issues(
        FileKind::Root,
        json!({"format_version": 2, "provider": {"legal_nmae": "X"}}),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "provider.legal_nmae");
    match &found[0].1 {
        IssueKind::UnknownField { suggestion, .. } => {
            assert_eq!(suggestion.as_deref(), Some("legal_name"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn collects_every_problem_including_inside_optional_sections() {
    let found = issues(
        FileKind::Root,
        json!({
            "provider": {"is_sme": "yes", "country": "France"},
            "model": {"release_date": "2025-02-30", "licence": {"category": "open_source"}},
        }),
    );
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert!(paths.contains(&"format_version"), "{paths:?}");
    assert!(paths.contains(&"provider.is_sme"), "{paths:?}");
    assert!(paths.contains(&"provider.country"), "{paths:?}");
    assert!(paths.contains(&"model.release_date"), "{paths:?}");
    assert!(paths.contains(&"model.licence.category"), "{paths:?}");
    assert_eq!(found.len(), 5, "{found:?}");
}

#[test]
fn enum_values_are_listed_with_a_suggestion() {
    let found = issues(
        FileKind::Technical,
        json!({"compute": {"method": "architecure"}}),
    );
    match &found[0].1 {
        IssueKind::NotAllowed {
            allowed,
            suggestion,
            ..
        } => {
            assert_eq!(allowed, &["architecture", "hardware", "measured"]);
            assert_eq!(suggestion.as_deref(), Some("architecture"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn list_items_are_validated_with_their_index() {
    let found = issues(
        FileKind::Evaluations,
        json!({"records": [
            {"benchmark": "MMLU", "metric": "acc", "value": 0.5},
            {"benchmark": "GSM8K", "value": "high"},
        ]}),
    );
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["records[1].value", "records[1].metric"]);
}

#[test]
fn dates_month_years_and_ranges_are_checked() {
    let found = issues(
        FileKind::Data,
        json!({"overview": {"latest_collection_date": "2025-03"},
               "sources": {"public_datasets": {"large_datasets": [{"name": "x", "share_percent": 120}]}}}),
    );
    assert_eq!(found.len(), 2, "{found:?}");
    let found = issues(
        FileKind::Technical,
        json!({"compute": {"estimate_inputs": {"utilisation": 1.5}}}),
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn evidence_paths_are_collected_and_syntax_checked() {
    let result = validate(
        FileKind::Copyright,
        &tree(json!({"policy": {"document": "evidence/policy.pdf"}})),
    );
    assert!(result.issues.is_empty());
    assert_eq!(result.evidence[0].2, "evidence/policy.pdf");
    for bad in [
        "/etc/passwd",
        "../outside.pdf",
        "evidence/../../x",
        "C:\\x",
        "",
    ] {
        assert!(check_evidence_syntax(bad).is_some(), "{bad}");
    }
}
