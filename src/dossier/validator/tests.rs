//! Unit tests of the parent module.

use std::collections::BTreeSet;

use super::*;
use crate::dossier::model::LANGUAGE_CODE_FORMAT;
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

/// The hint `check_format` gives for a bad language code, after checking its message.
fn language_hint_for(text: &str) -> String {
    let Some((message, hint)) = check_format(LANGUAGE_CODE_FORMAT, text) else {
        panic!("`{text}` was accepted");
    };
    assert_eq!(
        message,
        format!("`{text}` is not an ISO 639-1 or ISO 639-3 language code")
    );
    hint.expect("a hint")
}

#[test]
fn language_codes_are_checked_with_a_suggestion() {
    for good in ["en", "szl", "gsw", "rm", "deu", "und"] {
        assert_eq!(check_format(LANGUAGE_CODE_FORMAT, good), None, "{good}");
    }
    let cases = [
        // Case and spaces.
        (
            "EN",
            "written in lower case, without spaces: `en` (English)",
        ),
        ("Szl", "`szl` (Silesian)"),
        ("en ", "`en` (English)"),
        // A tag with a region.
        ("en-GB", "without region or script: `en` (English)"),
        ("pt_BR", "`pt` (Portuguese)"),
        // Names, in English or in the language itself.
        ("English", "English is a language name; write its code `en`"),
        ("english", "english is a language name; write its code `en`"),
        (
            "Deutsch",
            "Deutsch is a language name; write its code `de` (German)",
        ),
        ("Silesian", "write its code `szl`"),
        ("Swiss German", "write its code `gsw`"),
        // A word of a name; languages with an ISO 639-1 code first.
        ("Greek", "did you mean `el` (Modern Greek)?"),
        (
            "Sorbian",
            "did you mean `dsb` (Lower Sorbian) or `hsb` (Upper Sorbian)?",
        ),
        // Misspelt names, through `closest`.
        ("Englsh", "did you mean English? Its code is `en`"),
        (
            "Francais",
            "did you mean français (French)? Its code is `fr`",
        ),
        (
            "Schweizerdeutsch",
            "did you mean Schwiizertüütsch (Swiss German)? Its code is `gsw`",
        ),
        // Library-catalogue codes and swapped letters.
        (
            "ger",
            "ISO 639-2/B code, which ISO 639-3 does not use: write `de` (German)",
        ),
        ("gws", "`gsw` (Swiss German)"),
        ("pjn", "did you mean `jpn` (Japanese) or `pnj` (Pinjarup)?"),
    ];
    for (text, expected) in cases {
        let hint = language_hint_for(text);
        assert!(hint.contains(expected), "{text}: {hint}");
    }
    // No confident suggestion: the hint says how codes are written.
    for text in ["xx1", "jp", "Gibberish", ""] {
        let hint = language_hint_for(text);
        assert!(
            hint.starts_with("write an ISO 639-1 code"),
            "{text}: {hint}"
        );
    }
}

#[test]
fn language_entries_are_a_code_or_a_mapping_and_each_problem_is_located() {
    let found = issues(
        FileKind::Data,
        json!({
            "overview": {"languages": [
                "en",
                {"code": "szl", "share_percent": 5},
                "English",
                {"code": "Deutsch"},
                {"code": "fr", "share": 3},
                {"code": "it", "share_percent": 120},
                {"share_percent": 2},
                42,
            ]},
            "sources": {"public_datasets": {"large_datasets": [
                {"name": "x", "languages": ["en", "EN"]},
            ]}},
        }),
    );
    let mut paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "overview.languages[2]",
            "overview.languages[3].code",
            "overview.languages[4].share",
            "overview.languages[5].share_percent",
            "overview.languages[6].code",
            "overview.languages[7]",
            "sources.public_datasets.large_datasets[0].languages[1]",
        ],
        "{found:?}"
    );
    let by_path = |path: &str| &found.iter().find(|(p, _)| p == path).expect(path).1;
    match by_path("overview.languages[4].share") {
        IssueKind::UnknownField { allowed, .. } => assert_eq!(allowed, &["code", "share_percent"]),
        other => panic!("{other:?}"),
    }
    match by_path("overview.languages[3].code") {
        IssueKind::Invalid { message, hint } => {
            assert_eq!(
                message,
                "`Deutsch` is not an ISO 639-1 or ISO 639-3 language code"
            );
            assert!(
                hint.as_deref().is_some_and(|h| h.contains("`de`")),
                "{hint:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    match by_path("overview.languages[7]") {
        IssueKind::WrongType { expected, .. } => assert_eq!(expected, "text or a mapping"),
        other => panic!("{other:?}"),
    }
    assert!(
        issues(
            FileKind::Root,
            json!({"provider": {"authorised_representative": {"mandate": {"language": "German"}}}}),
        )
        .iter()
        .any(|(path, _)| path == "provider.authorised_representative.mandate.language")
    );
}
