//! Audiences: who a document is for, and the part of the dossier it may show.
//!
//! Every field of the format carries `x-aiact-audiences` marks (the recipient columns of the
//! Model Documentation Form, plus `public`); a nested field may go only where every enclosing
//! field may go. [`visible_to`] cuts the unified dossier value down to the fields an audience
//! may see, so a template rendering for that audience never holds anything else: a template
//! that refers to a withheld field fails to render instead of leaking it.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::FileKind;
use super::schema::{narrow_audiences, resolve_non_null, schema};

/// Who a rendered document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Audience {
    /// The AI Office and national competent authorities (Art. 53(1)(a), Annex XI).
    Authority,
    /// Providers of AI systems who integrate the model (Art. 53(1)(b), Annex XII).
    Downstream,
    /// Everyone (Art. 53(1)(d), the published copyright policy).
    Public,
}

impl Audience {
    /// The marks a field needs (any one of them) to be shown to this audience.
    pub fn marks(self) -> &'static [&'static str] {
        match self {
            Audience::Authority => &["ai_office", "national_authorities"],
            Audience::Downstream => &["downstream"],
            Audience::Public => &["public"],
        }
    }

    /// The name used on the command line and in documents.
    pub fn name(self) -> &'static str {
        match self {
            Audience::Authority => "authority",
            Audience::Downstream => "downstream",
            Audience::Public => "public",
        }
    }
}

/// The unified dossier value (see `Dossier::to_unified_value`) with every field the audience
/// may not see removed. Fields it may see keep their place, `null` when unanswered.
pub fn visible_to(unified: &Value, audience: Audience) -> Value {
    let Some(top) = unified.as_object() else {
        return Value::Null;
    };
    let root_schema = schema(FileKind::Root);
    let mut kept = Map::new();
    for (key, value) in top {
        let section = FileKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.section() == Some(key.as_str()));
        match section {
            // A section is a whole file: its own fields carry the marks.
            Some(kind) => {
                let file_schema = schema(kind);
                kept.insert(
                    key.clone(),
                    filter_value(file_schema, file_schema, value, None, audience),
                );
            }
            None => {
                if let Some(child) =
                    filter_property(root_schema, root_schema, key, value, None, audience)
                {
                    kept.insert(key.clone(), child);
                }
            }
        }
    }
    Value::Object(kept)
}

/// The running intersection of marks along a path; `None` until the first mark.
type Marks = Option<BTreeSet<String>>;

/// The property `key` of an object with schema `container`, filtered; `None` when withheld.
fn filter_property(
    root: &'static Value,
    container: &'static Value,
    key: &str,
    value: &Value,
    marks: Marks,
    audience: Audience,
) -> Option<Value> {
    let container = resolve_non_null(root, container);
    // A key the schema does not know cannot carry a mark: withhold it (fail closed).
    let property = container.get("properties")?.get(key)?;
    let marks = narrow_audiences(marks, property);
    let shown = marks
        .as_ref()
        .is_some_and(|marks| audience.marks().iter().any(|m| marks.contains(*m)));
    if !shown {
        return None;
    }
    Some(filter_value(root, property, value, marks, audience))
}

fn filter_value(
    root: &'static Value,
    schema: &'static Value,
    value: &Value,
    marks: Marks,
    audience: Audience,
) -> Value {
    let resolved = resolve_non_null(root, schema);
    match value {
        Value::Object(object) => Value::Object(
            object
                .iter()
                .filter_map(|(key, child)| {
                    filter_property(root, resolved, key, child, marks.clone(), audience)
                        .map(|child| (key.clone(), child))
                })
                .collect(),
        ),
        Value::Array(items) => match resolved.get("items") {
            Some(item_schema) => Value::Array(
                items
                    .iter()
                    .map(|item| filter_value(root, item_schema, item, marks.clone(), audience))
                    .collect(),
            ),
            None => value.clone(),
        },
        _ => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::Dossier;
    use crate::dossier::path::FieldPath;
    use crate::dossier::schema::field_info;

    /// Every path to a leaf (or to an empty container) of a value.
    fn leaves(value: &Value, path: FieldPath, out: &mut Vec<FieldPath>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (key, child) in map {
                    leaves(child, path.key(key), out);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                for (index, child) in items.iter().enumerate() {
                    leaves(child, path.index(index), out);
                }
            }
            _ => out.push(path),
        }
    }

    fn skeleton_value() -> Value {
        // The default dossier has every field, unanswered: the shape is what matters here.
        Dossier::default().to_unified_value()
    }

    #[test]
    fn each_audience_sees_exactly_the_fields_marked_for_it() {
        let full = skeleton_value();
        let mut all = Vec::new();
        leaves(&full, FieldPath::root(), &mut all);
        for audience in [Audience::Authority, Audience::Downstream, Audience::Public] {
            let visible = visible_to(&full, audience);
            let mut shown = Vec::new();
            leaves(&visible, FieldPath::root(), &mut shown);
            for path in &all {
                let info = field_info(path).unwrap_or_else(|| panic!("{path} is in the format"));
                let allowed = audience
                    .marks()
                    .iter()
                    .any(|m| info.audiences.iter().any(|a| a == m));
                let is_shown = shown.contains(path);
                // A path is shown exactly when the intersection of its marks admits the audience
                // (a section key itself is a container and never a leaf here).
                assert_eq!(
                    is_shown,
                    allowed,
                    "{path} for {} (marks {:?})",
                    audience.name(),
                    info.audiences
                );
            }
        }
    }

    #[test]
    fn withheld_fields_are_removed_and_the_rest_keeps_its_values() {
        let mut full = skeleton_value();
        full["technical"]["compute"]["training_flop"] = serde_json::json!(3.8e25);
        full["provider"]["legal_name"] = serde_json::json!("Example SAS");
        let public = visible_to(&full, Audience::Public);
        assert_eq!(public["provider"]["legal_name"], "Example SAS");
        assert!(
            public["technical"]["compute"]
                .get("training_flop")
                .is_none()
        );
        let authority = visible_to(&full, Audience::Authority);
        assert_eq!(authority["technical"]["compute"]["training_flop"], 3.8e25);
        // Bookkeeping of the dossier (waivers) is for no audience.
        assert!(authority.get("waivers").is_none());
    }
}
