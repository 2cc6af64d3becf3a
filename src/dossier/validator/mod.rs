//! Validation of a parsed dossier file against the schema of its kind, collecting every
//! problem with its location. The generated JSON Schema (owned by [`super::schema`]) is
//! compiled once into a compact tree (references resolved, property tables hashed, patterns
//! compiled), then walked alongside a parsed file. Compiling matters for large dossiers:
//! looking keywords up in the schema's JSON for every value cost more than parsing the file.
//!
//! Design note: the validator is ours rather than a general JSON Schema crate because it
//! must report *every* problem of a file with a precise, human message (an unknown key with a
//! "did you mean", the allowed values of an enum, a missing field named), including problems
//! nested inside optional sections, where a general validator reports only "not valid under
//! any of the given schemas". It supports exactly the keywords our generated schemas use; a
//! unit test walks every schema and fails if a keyword appears that it does not understand,
//! so the published schemas and the enforced rules cannot drift apart.

mod describe;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::diag::closest;
use crate::diag::source::ByteRange;

pub use describe::{check_evidence_syntax, check_path_syntax, describe_value};
use describe::{check_format, describe_number, describe_types, pattern_hint, truncate};

use super::model::{EVIDENCE_PATH_FORMAT, FileKind};
use super::path::{FieldPath, Segment};
use super::schema::{enum_values, resolve, schema, types_of};
use super::yaml::{Content, Entry, Node};

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

type Id = usize;

/// A schema compiled for validation.
#[derive(Debug)]
pub struct Compiled {
    shapes: Vec<Shape>,
}

#[derive(Debug)]
enum Shape {
    /// Not compiled yet (a placeholder while a recursive reference is being compiled).
    Pending,
    /// `anyOf: [X, null]`: null, or X.
    Nullable(Id),
    /// Several alternatives: the value must fit one; problems of the closest are reported.
    Choice(Vec<Id>),
    /// One of some names (`enum`, or `oneOf` of `const`s).
    Enum { values: Vec<String>, null_ok: bool },
    /// An externally tagged union: a bare name, or a one-entry mapping `{name: value}`.
    Tagged(Vec<(String, Option<Id>)>),
    /// Everything else.
    Typed(Box<Typed>),
}

#[derive(Debug, Default)]
struct Typed {
    types: Vec<String>,
    properties: HashMap<String, Id>,
    names: Vec<String>,
    required: Vec<String>,
    closed: bool,
    items: Option<Id>,
    min_items: Option<u64>,
    unique: bool,
    format: Option<String>,
    pattern: Option<(String, regex::Regex)>,
    min_length: Option<u64>,
    minimum: Option<f64>,
    maximum: Option<f64>,
}

impl Compiled {
    /// Compiles a generated schema.
    pub fn new(root: &Value) -> Compiled {
        let mut compiler = Compiler {
            root,
            shapes: Vec::new(),
            by_ref: HashMap::new(),
        };
        compiler.compile(root);
        Compiled {
            shapes: compiler.shapes,
        }
    }

    /// Validates a parsed file, collecting every problem.
    pub fn validate(&self, tree: &Node) -> Validation {
        let mut walker = Walker {
            compiled: self,
            path: FieldPath::root(),
            out: Validation::default(),
        };
        walker.walk(tree, 0, None);
        walker.out
    }
}

struct Compiler<'s> {
    root: &'s Value,
    shapes: Vec<Shape>,
    by_ref: HashMap<String, Id>,
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
}

impl Compiler<'_> {
    fn compile(&mut self, schema: &Value) -> Id {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            if let Some(&id) = self.by_ref.get(reference) {
                return id;
            }
            let id = self.shapes.len();
            self.shapes.push(Shape::Pending);
            self.by_ref.insert(reference.to_owned(), id);
            let target = resolve(self.root, schema);
            let shape = self.shape(target);
            self.shapes[id] = shape;
            return id;
        }
        let id = self.shapes.len();
        self.shapes.push(Shape::Pending);
        let shape = self.shape(schema);
        self.shapes[id] = shape;
        id
    }

    fn shape(&mut self, schema: &Value) -> Shape {
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            let others: Vec<&Value> = branches
                .iter()
                .filter(|b| !is_null_schema(resolve(self.root, b)))
                .collect();
            let nullable = others.len() < branches.len();
            let ids: Vec<Id> = others.into_iter().map(|b| self.compile(b)).collect();
            return match (nullable, ids.as_slice()) {
                (true, [only]) => Shape::Nullable(*only),
                (true, _) => {
                    let choice = self.shapes.len();
                    self.shapes.push(Shape::Choice(ids));
                    Shape::Nullable(choice)
                }
                (false, _) => Shape::Choice(ids),
            };
        }
        if let Some(values) = enum_values(self.root, schema) {
            return Shape::Enum {
                values: values
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect(),
                null_ok: types_of(schema).contains(&"null"),
            };
        }
        if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
            if let Some(tagged) = self.tagged(branches) {
                return Shape::Tagged(tagged);
            }
            let ids = branches.iter().map(|b| self.compile(b)).collect();
            return Shape::Choice(ids);
        }
        let mut typed = Typed {
            types: types_of(schema).into_iter().map(str::to_owned).collect(),
            ..Typed::default()
        };
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                let id = self.compile(property);
                typed.properties.insert(name.clone(), id);
                typed.names.push(name.clone());
            }
        }
        typed.closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        typed.required = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        typed.items = schema.get("items").map(|items| self.compile(items));
        typed.min_items = schema.get("minItems").and_then(Value::as_u64);
        typed.unique = schema.get("uniqueItems") == Some(&Value::Bool(true));
        typed.format = schema
            .get("format")
            .and_then(Value::as_str)
            .map(str::to_owned);
        typed.pattern = schema
            .get("pattern")
            .and_then(Value::as_str)
            .and_then(|p| regex::Regex::new(p).ok().map(|re| (p.to_owned(), re)));
        typed.min_length = schema.get("minLength").and_then(Value::as_u64);
        typed.minimum = schema.get("minimum").and_then(Value::as_f64);
        typed.maximum = schema.get("maximum").and_then(Value::as_f64);
        Shape::Typed(Box::new(typed))
    }

    /// An externally tagged union (schemars' shape for an enum whose variants carry data):
    /// every branch a constant name or an object with exactly one required property.
    fn tagged(&mut self, branches: &[Value]) -> Option<Vec<(String, Option<Id>)>> {
        let mut names: Vec<(String, Option<&Value>)> = Vec::new();
        for branch in branches {
            let branch = resolve(self.root, branch);
            if let Some(name) = branch.get("const").and_then(Value::as_str) {
                names.push((name.to_owned(), None));
                continue;
            }
            if let Some(values) = branch.get("enum").and_then(Value::as_array) {
                names.extend(
                    values
                        .iter()
                        .filter_map(Value::as_str)
                        .map(|n| (n.to_owned(), None)),
                );
                continue;
            }
            let required = branch.get("required").and_then(Value::as_array)?;
            let [name] = required.as_slice() else {
                return None;
            };
            let name = name.as_str()?;
            names.push((name.to_owned(), Some(branch.get("properties")?.get(name)?)));
        }
        if !names.iter().any(|(_, schema)| schema.is_some()) {
            return None;
        }
        Some(
            names
                .into_iter()
                .map(|(name, schema)| (name, schema.map(|s| self.compile(s))))
                .collect(),
        )
    }
}

struct Walker<'c> {
    compiled: &'c Compiled,
    path: FieldPath,
    out: Validation,
}

fn type_matches(expected: &str, node: &Node) -> bool {
    match (expected, &node.content) {
        ("object", Content::Map(_))
        | ("array", Content::Seq(_))
        | ("string", Content::Str(_))
        | ("boolean", Content::Bool(_))
        | ("null", Content::Null)
        | ("number", Content::Int(_) | Content::UInt(_) | Content::Float(_))
        | ("integer", Content::Int(_) | Content::UInt(_)) => true,
        ("integer", Content::Float(f)) => f.is_finite() && f.fract() == 0.0,
        ("object" | "array" | "string" | "boolean" | "null" | "number" | "integer", _) => false,
        _ => true,
    }
}

impl Walker<'_> {
    fn issue(&mut self, range: ByteRange, kind: IssueKind) {
        self.out.issues.push(Issue {
            path: self.path.clone(),
            range,
            kind,
        });
    }

    /// `key` is the span of the key that introduces `node`, where there is one.
    fn walk(&mut self, node: &Node, id: Id, key: Option<ByteRange>) {
        let here = if node.is_collection() {
            key.unwrap_or(ByteRange::at(node.span.start))
        } else {
            node.span
        };
        match &self.compiled.shapes[id] {
            Shape::Pending => {}
            Shape::Nullable(inner) => {
                if node.content != Content::Null {
                    self.walk(node, *inner, key);
                }
            }
            Shape::Choice(ids) => self.walk_best(node, ids, key),
            Shape::Enum { values, null_ok } => {
                if *null_ok && node.content == Content::Null {
                    return;
                }
                let matches = match &node.content {
                    Content::Str(text) => values.iter().any(|v| v == text),
                    _ => false,
                };
                if !matches {
                    let (value, suggestion) = match &node.content {
                        Content::Str(text) => (
                            text.clone(),
                            closest(text, values.iter().map(String::as_str)),
                        ),
                        _ => (describe_value(node), None),
                    };
                    self.issue(
                        here,
                        IssueKind::NotAllowed {
                            value,
                            allowed: values.clone(),
                            suggestion,
                        },
                    );
                }
            }
            Shape::Tagged(variants) => self.walk_tagged(node, variants, here),
            Shape::Typed(typed) => self.walk_typed(node, typed, here),
        }
    }

    fn walk_typed(&mut self, node: &Node, typed: &Typed, here: ByteRange) {
        if !typed.types.is_empty() && !typed.types.iter().any(|t| type_matches(t, node)) {
            let types: Vec<&str> = typed.types.iter().map(String::as_str).collect();
            self.issue(
                here,
                IssueKind::WrongType {
                    expected: describe_types(&types),
                    found: describe_value(node),
                },
            );
            return;
        }
        match &node.content {
            Content::Map(entries) => self.walk_object(entries, typed, here),
            Content::Seq(items) => self.walk_array(items, typed, here),
            Content::Str(text) => self.check_string(text, typed, here),
            Content::Int(_) | Content::UInt(_) | Content::Float(_) => {
                self.check_number(node, typed, here)
            }
            Content::Bool(_) | Content::Null => {}
        }
    }

    fn walk_tagged(&mut self, node: &Node, variants: &[(String, Option<Id>)], here: ByteRange) {
        let names = || variants.iter().map(|(name, _)| name.as_str());
        let (name, name_span, entry) = match &node.content {
            Content::Str(name) => (name.as_str(), node.span, None),
            Content::Map(entries) if entries.len() == 1 => (
                entries[0].key.as_str(),
                entries[0].key_span,
                Some(&entries[0]),
            ),
            _ => {
                self.issue(
                    here,
                    IssueKind::WrongType {
                        expected: format!("one of {}", names().collect::<Vec<_>>().join(", ")),
                        found: describe_value(node),
                    },
                );
                return;
            }
        };
        match variants.iter().find(|(variant, _)| variant == name) {
            Some((_, None)) if entry.is_none() => {}
            Some((_, Some(id))) => match entry {
                Some(entry) => {
                    self.path.0.push(Segment::Key(entry.key.clone()));
                    self.walk(&entry.value, *id, Some(entry.key_span));
                    self.path.0.pop();
                }
                None => self.issue(
                    here,
                    IssueKind::Invalid {
                        message: format!("`{name}` needs a value"),
                        hint: Some(format!("write it as `{name}: …`")),
                    },
                ),
            },
            Some((_, None)) => self.issue(
                here,
                IssueKind::Invalid {
                    message: format!("`{name}` takes no value"),
                    hint: Some(format!("write it as a bare `{name}`")),
                },
            ),
            None => {
                let allowed: Vec<String> = names().map(str::to_owned).collect();
                self.issue(
                    name_span,
                    IssueKind::NotAllowed {
                        value: name.to_owned(),
                        suggestion: closest(name, names()),
                        allowed,
                    },
                );
            }
        }
    }

    /// Validates against the alternative that fits best (fewest problems) and reports its
    /// problems, so that a nested mistake is reported as itself.
    fn walk_best(&mut self, node: &Node, ids: &[Id], key: Option<ByteRange>) {
        if let [only] = ids {
            self.walk(node, *only, key);
            return;
        }
        let mut best: Option<Validation> = None;
        for id in ids {
            let mut trial = Walker {
                compiled: self.compiled,
                path: self.path.clone(),
                out: Validation::default(),
            };
            trial.walk(node, *id, key);
            let clean = trial.out.issues.is_empty();
            if best
                .as_ref()
                .is_none_or(|b| trial.out.issues.len() < b.issues.len())
            {
                best = Some(trial.out);
            }
            if clean {
                break;
            }
        }
        if let Some(best) = best {
            self.out.issues.extend(best.issues);
            self.out.evidence.extend(best.evidence);
        }
    }

    fn walk_object(&mut self, entries: &[Entry], typed: &Typed, here: ByteRange) {
        for entry in entries {
            self.path.0.push(Segment::Key(entry.key.clone()));
            match typed.properties.get(&entry.key) {
                Some(id) => self.walk(&entry.value, *id, Some(entry.key_span)),
                None if typed.closed => {
                    self.issue(
                        entry.key_span,
                        IssueKind::UnknownField {
                            suggestion: closest(&entry.key, typed.names.iter().map(String::as_str)),
                            allowed: typed.names.clone(),
                        },
                    );
                }
                None => {}
            }
            self.path.0.pop();
        }
        for name in &typed.required {
            if !entries.iter().any(|e| &e.key == name) {
                self.path.0.push(Segment::Key(name.clone()));
                self.issue(here, IssueKind::MissingField);
                self.path.0.pop();
            }
        }
    }

    fn walk_array(&mut self, items: &[Node], typed: &Typed, here: ByteRange) {
        if let Some(id) = typed.items {
            for (index, item) in items.iter().enumerate() {
                self.path.0.push(Segment::Index(index));
                self.walk(item, id, None);
                self.path.0.pop();
            }
        }
        if let Some(min) = typed.min_items
            && (items.len() as u64) < min
        {
            self.issue(
                here,
                IssueKind::Invalid {
                    message: format!("needs at least {min} entries, has {}", items.len()),
                    hint: None,
                },
            );
        }
        if typed.unique {
            for (index, item) in items.iter().enumerate() {
                if items[..index]
                    .iter()
                    .any(|earlier| earlier.content == item.content)
                {
                    self.path.0.push(Segment::Index(index));
                    self.issue(
                        item.span,
                        IssueKind::Invalid {
                            message: format!("{} is listed twice", describe_value(item)),
                            hint: None,
                        },
                    );
                    self.path.0.pop();
                }
            }
        }
    }

    fn check_string(&mut self, text: &str, typed: &Typed, here: ByteRange) {
        if let Some(format) = &typed.format {
            if let Some((message, hint)) = check_format(format, text) {
                self.issue(here, IssueKind::Invalid { message, hint });
            }
            if format == EVIDENCE_PATH_FORMAT {
                self.out
                    .evidence
                    .push((self.path.clone(), here, text.to_owned()));
            }
        }
        if let Some((pattern, regex)) = &typed.pattern
            && !regex.is_match(text)
        {
            self.issue(
                here,
                IssueKind::Invalid {
                    message: format!("`{}` is not in the expected form", truncate(text, 60)),
                    hint: Some(pattern_hint(pattern)),
                },
            );
        }
        if let Some(min) = typed.min_length
            && (text.chars().count() as u64) < min
        {
            self.issue(
                here,
                IssueKind::Invalid {
                    message: "must not be empty".to_owned(),
                    hint: None,
                },
            );
        }
    }

    fn check_number(&mut self, node: &Node, typed: &Typed, here: ByteRange) {
        let value = match node.content {
            Content::Int(i) => i as f64,
            Content::UInt(u) => u as f64,
            Content::Float(f) => f,
            _ => return,
        };
        let shown = describe_number(node);
        let problem = if !value.is_finite() {
            Some(format!("{shown} is not a finite number"))
        } else if let Some(min) = typed.minimum.filter(|m| value < *m) {
            Some(format!("{shown} is below the minimum {min}"))
        } else if let Some(max) = typed.maximum.filter(|m| value > *m) {
            Some(format!("{shown} is above the maximum {max}"))
        } else {
            let limit = match typed.format.as_deref() {
                Some("uint32") => Some(f64::from(u32::MAX)),
                Some("uint64") => Some(u64::MAX as f64),
                _ => None,
            };
            limit
                .filter(|limit| value > *limit)
                .map(|_| format!("{shown} is too large"))
        };
        if let Some(message) = problem {
            self.issue(
                here,
                IssueKind::Invalid {
                    message,
                    hint: None,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests;
