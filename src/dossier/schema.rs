//! The JSON Schemas of the dossier files, generated from the Rust types, and what they say
//! about a field: its file, audiences, legal basis and description. Validating a file against
//! them is [`super::validator`]'s.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use super::model::FileKind;
use super::path::{FieldPath, Segment};

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
