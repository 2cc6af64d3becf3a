//! The JSON Schemas of the dossier files, generated from the Rust types, and the validator
//! that checks a parsed file against them before deserialisation.
//!
//! Design note: the validator is ours rather than a general JSON Schema crate because it
//! must report *every* problem of a file with a precise, human message (an unknown key with a
//! "did you mean", the allowed values of an enum, a missing field named), including problems
//! nested inside optional sections, where a general validator reports only "not valid under
//! any of the given schemas". It supports exactly the keywords our generated schemas use; a
//! unit test walks every schema and fails if a keyword appears that it does not understand,
//! so the published schemas and the enforced rules cannot drift apart.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use super::model::FileKind;
use super::path::{FieldPath, Segment};
use super::source::ByteRange;
use super::validator::Compiled;
use super::yaml::{Content, Node};

/// The generated schema of a dossier file (cached).
pub fn schema(kind: FileKind) -> &'static Value {
    static SCHEMAS: OnceLock<Vec<Value>> = OnceLock::new();
    let schemas = SCHEMAS.get_or_init(|| FileKind::ALL.iter().map(|k| k.schema()).collect());
    let index = FileKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &schemas[index]
}

/// Follows `$ref`s to the schema they name.
pub fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(name) = reference.strip_prefix("#/$defs/") else {
            break;
        };
        match root.get("$defs").and_then(|defs| defs.get(name)) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// Like [`resolve`], and also looks through `anyOf: [X, null]`, the shape of `Option<X>`.
pub fn resolve_non_null<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    let schema = resolve(root, schema);
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        let non_null: Vec<&Value> = branches.iter().filter(|b| !is_null_schema(b)).collect();
        if let [only] = non_null.as_slice() {
            return resolve(root, only);
        }
    }
    schema
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
}

/// The `type` keyword as a list.
pub fn types_of(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The values an enum schema allows: `enum`, or `oneOf` of `const`s (schemars' shape for
/// documented unit enums). `None` if the schema is not an enum.
pub fn enum_values<'s>(root: &'s Value, schema: &'s Value) -> Option<Vec<&'s Value>> {
    let schema = resolve_non_null(root, schema);
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.iter().filter(|v| !v.is_null()).collect());
    }
    if let Some(constant) = schema.get("const") {
        return Some(vec![constant]);
    }
    let branches = schema.get("oneOf").and_then(Value::as_array)?;
    let mut values = Vec::new();
    for branch in branches {
        let branch = resolve(root, branch);
        if let Some(constant) = branch.get("const") {
            values.push(constant);
        } else if let Some(more) = branch.get("enum").and_then(Value::as_array) {
            values.extend(more.iter());
        } else {
            return None;
        }
    }
    Some(values)
}

/// One problem of a file against its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Path of the offending value (for a missing or unknown field: the field's own path).
    pub path: FieldPath,
    /// Where to point: the value, the unknown key, or the mapping missing a field.
    pub range: ByteRange,
    /// What is wrong.
    pub kind: IssueKind,
}

/// The kinds of schema problems.
#[derive(Debug, Clone, PartialEq)]
pub enum IssueKind {
    /// A key the format does not define.
    UnknownField {
        /// The closest known key, if one is close.
        suggestion: Option<String>,
        /// Every key allowed there.
        allowed: Vec<String>,
    },
    /// A required key is absent.
    MissingField,
    /// The value has the wrong type.
    WrongType {
        /// What the format expects, in words.
        expected: String,
        /// What was found, in words.
        found: String,
    },
    /// The value is not one of the allowed values.
    NotAllowed {
        /// The value found.
        value: String,
        /// The allowed values.
        allowed: Vec<String>,
        /// The closest allowed value, if one is close.
        suggestion: Option<String>,
    },
    /// The value has the right type but a wrong form or range.
    Invalid {
        /// What is wrong with it.
        message: String,
        /// How to write it.
        hint: Option<String>,
    },
}

/// The result of validating one file.
#[derive(Debug, Default)]
pub struct Validation {
    /// Every problem found.
    pub issues: Vec<Issue>,
    /// Every evidence path in the file, with where it is.
    pub evidence: Vec<(FieldPath, ByteRange, String)>,
}

/// Validates a parsed file against the schema of `kind`, collecting every problem.
pub fn validate(kind: FileKind, tree: &Node) -> Validation {
    static COMPILED: OnceLock<Vec<Compiled>> = OnceLock::new();
    let compiled = COMPILED.get_or_init(|| {
        FileKind::ALL
            .iter()
            .map(|kind| Compiled::new(schema(*kind)))
            .collect()
    });
    let index = FileKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    compiled[index].validate(tree)
}

/// Validates a parsed file against a generated schema, collecting every problem.
pub fn validate_against(root: &Value, tree: &Node) -> Validation {
    Compiled::new(root).validate(tree)
}

pub(crate) fn describe_types(types: &[&str]) -> String {
    let words: Vec<&str> = types
        .iter()
        .filter(|t| **t != "null")
        .map(|t| match *t {
            "object" => "a mapping",
            "array" => "a list",
            "string" => "text",
            "boolean" => "true or false",
            "number" => "a number",
            "integer" => "a whole number",
            other => other,
        })
        .collect();
    words.join(" or ")
}

pub(crate) fn describe_number(node: &Node) -> String {
    match node.content {
        Content::Int(i) => i.to_string(),
        Content::UInt(u) => u.to_string(),
        Content::Float(f) if f.is_nan() => ".nan".to_owned(),
        Content::Float(f) if f.is_infinite() => if f > 0.0 { ".inf" } else { "-.inf" }.to_owned(),
        Content::Float(f) => f.to_string(),
        _ => String::new(),
    }
}

/// A value in words, for "found …" messages.
pub fn describe_value(node: &Node) -> String {
    match &node.content {
        Content::Null => "nothing (null)".to_owned(),
        Content::Bool(b) => format!("the boolean `{b}`"),
        Content::Int(_) | Content::UInt(_) | Content::Float(_) => {
            format!("the number `{}`", describe_number(node))
        }
        Content::Str(s) => format!("the text `{}`", truncate(s, 60)),
        Content::Seq(_) => "a list".to_owned(),
        Content::Map(_) => "a mapping".to_owned(),
    }
}

pub(crate) fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let normalise = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = normalise(word);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if normalise(candidate) == wanted {
            return Some(candidate.to_owned());
        }
        let distance = strsim::damerau_levenshtein(word, candidate);
        let limit = (word.chars().count().max(candidate.chars().count()) / 3).max(2);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate.to_owned())
}

pub(crate) fn check_format(format: &str, text: &str) -> Option<(String, Option<String>)> {
    match format {
        "date" => check_date(text),
        "uri" => {
            let valid = text.split_once(':').is_some_and(|(scheme, rest)| {
                !scheme.is_empty()
                    && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                    && !rest.is_empty()
            }) && !text.chars().any(char::is_whitespace);
            (!valid).then(|| {
                (
                    format!("`{}` is not a web address", truncate(text, 60)),
                    Some("write it with its scheme, for example https://example.eu/page".into()),
                )
            })
        }
        "email" => {
            let valid = text.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && domain.contains('.') && !domain.contains('@')
            }) && !text.chars().any(char::is_whitespace);
            (!valid).then(|| {
                (
                    format!("`{}` is not an e-mail address", truncate(text, 60)),
                    None,
                )
            })
        }
        // Artefact paths only need the syntax here; build checks the file itself.
        super::model::ARTEFACT_PATH_FORMAT => check_path_syntax(text, "artefact"),
        // Evidence paths are checked by the loader, which also needs the file system.
        _ => None,
    }
}

/// Checks an ISO 8601 calendar date `YYYY-MM-DD`.
fn check_date(text: &str) -> Option<(String, Option<String>)> {
    let hint = Some("write dates as YYYY-MM-DD, for example 2025-08-02".to_owned());
    let shape_ok = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Some((format!("`{}` is not a date", truncate(text, 40)), hint));
    }
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(_) => None,
        Err(_) => Some((format!("`{text}` is not a valid calendar date"), hint)),
    }
}

/// Syntax of an evidence path; existence and containment are checked by the loader.
pub fn check_evidence_syntax(text: &str) -> Option<(String, Option<String>)> {
    check_path_syntax(text, "evidence")
}

/// Syntax of a path to a file inside the dossier: relative, `/` separators, no `..`, no empty
/// or `.` parts. `noun` says what the file is, for the message (`evidence`, `artefact`).
pub fn check_path_syntax(text: &str, noun: &str) -> Option<(String, Option<String>)> {
    let hint = Some(
        "name a file inside the dossier with a relative path such as evidence/report.pdf"
            .to_owned(),
    );
    let control = text.chars().find(|c| c.is_control());
    let control_problem = control.map(|c| {
        format!(
            "contains the control character U+{:04X}; sha256sum and manifests cannot name such a file",
            u32::from(c)
        )
    });
    let problem = if text.is_empty() {
        Some("is empty")
    } else if let Some(problem) = control_problem.as_deref() {
        Some(problem)
    } else if text.starts_with('/') || text.starts_with('\\') || text.get(1..2) == Some(":") {
        Some("is absolute")
    } else if text.contains('\\') {
        Some("uses `\\`; use `/` between folders")
    } else if text.split('/').any(|part| part == "..") {
        Some("leaves the dossier through `..`")
    } else if text.split('/').any(|part| part.is_empty() || part == ".") {
        Some("has an empty or `.` component")
    } else {
        None
    };
    problem.map(|problem| {
        (
            format!(
                "the {noun} path {problem}: `{}`",
                // A control character is shown escaped: printed, a newline would split the line.
                match control {
                    Some(_) => truncate(&text.escape_debug().to_string(), 80),
                    None => truncate(text, 80),
                }
            ),
            hint,
        )
    })
}

pub(crate) fn pattern_hint(pattern: &str) -> String {
    match pattern {
        p if p == super::model::MONTH_YEAR_PATTERN => {
            "write a month as MM/YYYY, for example 03/2025".to_owned()
        }
        r"^[A-Z]{2}$" => "write a country as an ISO 3166-1 alpha-2 code, such as FR".to_owned(),
        r"^[0-9a-f]{64}$" => "write a SHA-256 digest as 64 lower-case hex digits".to_owned(),
        other => format!("it must match the pattern {other}"),
    }
}

/// The keywords the validator understands; annotations it may ignore are listed too.
pub const SUPPORTED_KEYWORDS: &[&str] = &[
    // validation
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "uniqueItems",
    "enum",
    "const",
    "oneOf",
    "anyOf",
    "format",
    "pattern",
    "minLength",
    "minimum",
    "maximum",
    // annotations
    "$schema",
    "$defs",
    "title",
    "description",
    "default",
    "contentMediaType",
    "x-aiact-audiences",
    "x-aiact-basis",
];

/// Where a unified field path leads in the schemas.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldInfo {
    /// The file holding the field.
    pub file: FileKind,
    /// Audiences the field may be shown to: the intersection of the marks along its path.
    pub audiences: Vec<String>,
    /// Legal basis of the nearest marked field on the path.
    pub basis: Vec<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its schema, `$ref`s and `Option` resolved.
    pub schema: &'static Value,
}

/// The audiences of a field: the running intersection of the marks along its path
/// (`inherited`, `None` before the first mark) with the property's own `x-aiact-audiences`.
pub fn narrow_audiences(
    inherited: Option<BTreeSet<String>>,
    property: &Value,
) -> Option<BTreeSet<String>> {
    let Some(own) = property.get("x-aiact-audiences").and_then(Value::as_array) else {
        return inherited;
    };
    let own: BTreeSet<String> = own
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    Some(match inherited {
        None => own,
        Some(previous) => previous.intersection(&own).cloned().collect(),
    })
}

/// Looks up a field by its unified path (such as `technical.compute.training_flop`). List
/// indices step into the item schema. `None` if no such field exists in the format.
pub fn field_info(path: &FieldPath) -> Option<FieldInfo> {
    let first = match path.0.first() {
        Some(Segment::Key(key)) => key.as_str(),
        _ => return None,
    };
    let file = FileKind::of_section(first);
    let segments = if file == FileKind::Root {
        &path.0[..]
    } else {
        &path.0[1..]
    };
    let root = schema(file);
    let mut current: &'static Value = root;
    let mut audiences: Option<BTreeSet<String>> = None;
    let mut basis: Vec<String> = Vec::new();
    let mut description = None;
    for segment in segments {
        let container = resolve_non_null(root, current);
        let (child, mark_holder) = match segment {
            Segment::Key(key) => {
                let property = container.get("properties")?.get(key)?;
                (property, Some(property))
            }
            Segment::Index(_) => (container.get("items")?, None),
        };
        if let Some(holder) = mark_holder {
            audiences = narrow_audiences(audiences, holder);
            if let Some(marks) = holder.get("x-aiact-basis").and_then(Value::as_array) {
                basis = marks
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect();
            }
            description = holder
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned);
        }
        current = child;
    }
    Some(FieldInfo {
        file,
        audiences: audiences.unwrap_or_default().into_iter().collect(),
        basis,
        description,
        schema: resolve_non_null(root, current),
    })
}

#[cfg(test)]
mod tests {
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

    fn check_marks(root: &Value, schema: &Value, where_: &str, missing: &mut Vec<String>) {
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                if property.get("x-aiact-audiences").is_none() {
                    missing.push(format!("{where_}.{name}"));
                }
            }
        }
        let _ = root;
    }

    #[test]
    fn every_property_carries_audience_marks() {
        let mut missing = Vec::new();
        for kind in FileKind::ALL {
            let root = schema(kind);
            check_marks(root, root, kind.stem(), &mut missing);
            for (name, def) in root["$defs"].as_object().into_iter().flatten() {
                check_marks(root, def, name, &mut missing);
            }
        }
        assert!(
            missing.is_empty(),
            "properties without x-aiact-audiences: {missing:?}"
        );
    }

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let found = issues(
            FileKind::Root,
            json!({"format_version": 1, "provider": {"legal_nmae": "X"}}),
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

    #[test]
    fn closest_handles_case_and_separators() {
        let candidates = ["legal_name", "country", "is_sme"];
        assert_eq!(
            closest("legalName", candidates.into_iter()).as_deref(),
            Some("legal_name")
        );
        assert_eq!(
            closest("contry", candidates.into_iter()).as_deref(),
            Some("country")
        );
        assert_eq!(closest("zzzzzz", candidates.into_iter()), None);
    }

    #[test]
    fn field_info_intersects_audiences_along_the_path() {
        let path = |text: &str| {
            FieldPath(
                text.split('.')
                    .map(|k| Segment::Key(k.to_owned()))
                    .collect(),
            )
        };
        let compute = field_info(&path("technical.compute.training_flop")).unwrap();
        assert_eq!(compute.file, FileKind::Technical);
        assert_eq!(compute.audiences, ["ai_office", "national_authorities"]);
        assert!(compute.basis.iter().any(|b| b == "Annex XI §1.2(d)"));
        let email = field_info(&path("provider.contact.email")).unwrap();
        assert_eq!(email.audiences.len(), 4);
        let incident_email =
            field_info(&path("systemic_risk.serious_incidents.contact.email")).unwrap();
        assert_eq!(
            incident_email.audiences,
            ["ai_office", "national_authorities"]
        );
        assert!(field_info(&path("technical.compute.trainng_flop")).is_none());
    }
}
