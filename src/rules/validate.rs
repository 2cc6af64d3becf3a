//! Validation of rule files beyond their schema: citations in canonical form, facts that
//! exist, and checks whose paths name fields of the dossier format of the right kind. It
//! runs once, when the rules load; what it parses (conditions into [`Condition`]s; paths
//! were parsed as the file was read) is what evaluation uses.

use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::{Check, Condition, Literal, Rule, RulePath, Source};
use crate::classify::Fact;
use crate::diag::Diagnostic;
use crate::diag::source::SourceText;
use crate::dossier::path::{FieldPath, PathPattern, Step};
use crate::dossier::schema::{self, FieldInfo, enum_values, types_of};
use crate::dossier::yaml::Node;

/// Canonical citation forms.
pub(super) fn canonical_citation(citation: &str) -> bool {
    static PATTERNS: OnceLock<Vec<regex::Regex>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            r"^Art\. [0-9]+(\([0-9]+\))?(\([a-z]\))*$",
            r"^Annex (XI|XII|XIII) §[0-9]+(\.[0-9]+)?(\([a-z]\))?$",
            r"^CoP (Transparency|Copyright) M[0-9]+\.[0-9]+$",
            r"^CoP Safety (C[0-9]+|M[0-9]+\.[0-9]+)$",
            r"^Template §[0-9]+(\.[0-9]+){0,2}$",
            r"^Recital [0-9]+$",
            r"^Guidelines$",
        ]
        .iter()
        .filter_map(|p| regex::Regex::new(p).ok())
        .collect()
    });
    patterns.iter().any(|p| p.is_match(citation))
}

/// Semantic checks of one rule, located in its file, and its conditions parsed (those that
/// name a fact).
pub(super) fn check_rule(
    rule: &Rule,
    here: &FieldPath,
    source: &Arc<SourceText>,
    tree: &Node,
) -> (Vec<Diagnostic>, Vec<Condition>) {
    let mut problems = Vec::new();
    let mut problem = |at: &FieldPath, message: String, help: Option<String>| {
        let (_, range) = tree.nearest(at);
        let mut diagnostic = Diagnostic::error(message)
            .at(source, range)
            .field(at.to_string());
        if let Some(help) = help {
            diagnostic = diagnostic.help(help);
        }
        problems.push(diagnostic);
    };
    if rule.legal_basis.is_empty() && rule.source != Source::Aiact {
        problem(
            &here.key("legal_basis"),
            format!("rule `{}` cites no legal basis", rule.id),
            None,
        );
    }
    for (i, citation) in rule.legal_basis.iter().enumerate() {
        if !canonical_citation(citation) {
            problem(
                &here.key("legal_basis").index(i),
                format!("`{citation}` is not a citation in canonical form"),
                Some("write Art. 53(1)(a), Annex XI §1.2(d), Annex XII §1(a), CoP Transparency M1.1, CoP Copyright M1.3, CoP Safety C9, Template §2.3, Recital 111 or Guidelines".to_owned()),
            );
        }
    }
    for (field, text) in [
        ("message", &rule.message),
        ("help", &rule.help),
        ("title", &rule.title),
    ] {
        if text.trim().is_empty() {
            problem(
                &here.key(field),
                format!("the rule's {field} is empty"),
                None,
            );
        }
    }
    let mut conditions = Vec::with_capacity(rule.applies_when.len());
    for (i, condition) in rule.applies_when.iter().enumerate() {
        match Condition::parse(condition) {
            Ok(parsed) => conditions.push(parsed),
            Err(name) => {
                let names = Fact::ALL.map(Fact::name);
                let suggestion = crate::diag::closest(name, names.into_iter());
                problem(
                    &here.key("applies_when").index(i),
                    format!("`{condition}` is not a fact of the classification"),
                    Some(match suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("facts: {}", names.join(", ")),
                    }),
                );
            }
        }
    }
    let mut checker = CheckValidator {
        problems: Vec::new(),
    };
    checker.check(&rule.check, &PathPattern::default(), &here.key("check"));
    for (at, message, help) in checker.problems {
        problem(&at, message, help);
    }
    (problems, conditions)
}

/// What kind of value a field holds, for type-checking checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Boolean,
    Text,
    Date,
    List,
    Mapping,
}

fn kind_of(info: &FieldInfo) -> Kind {
    let types = types_of(info.schema);
    let format = info.schema.get("format").and_then(Value::as_str);
    // A month or a year compares as every day it may mean (see check::predicate); a year may
    // be written as a number, so the format decides before the types do.
    let date = format.is_some_and(|f| {
        [
            "date",
            crate::dossier::model::PARTIAL_DATE_FORMAT,
            crate::dossier::model::MONTH_YEAR_FORMAT,
        ]
        .contains(&f)
    });
    if types.contains(&"array") {
        Kind::List
    } else if date {
        Kind::Date
    } else if types.contains(&"number") || types.contains(&"integer") {
        Kind::Number
    } else if types.contains(&"boolean") {
        Kind::Boolean
    } else if types.contains(&"object") || info.schema.get("properties").is_some() {
        Kind::Mapping
    } else {
        Kind::Text
    }
}

/// The one walk over a rule's check at load: every path it writes is resolved against the
/// dossier format (relative to the item inside `each` and `some`) and checked for the kind
/// of value the check needs.
struct CheckValidator {
    problems: Vec<(FieldPath, String, Option<String>)>,
}

impl CheckValidator {
    fn problem(&mut self, at: &FieldPath, message: String, help: Option<String>) {
        self.problems.push((at.clone(), message, help));
    }

    /// Resolves a path written in a check (relative to `base` inside `each`) and returns the
    /// field it names, or records why it does not exist.
    fn field(
        &mut self,
        path: &RulePath,
        base: &PathPattern,
        at: &FieldPath,
    ) -> Option<(PathPattern, FieldInfo)> {
        let base = if path.is_absolute() {
            &PathPattern::default()
        } else {
            base
        };
        let relative = match path.parsed() {
            Ok(pattern) => pattern,
            Err(message) => {
                let text = path.relative_text();
                self.problem(at, format!("`{text}`: {message}"), None);
                return None;
            }
        };
        let full = base.join(relative);
        match schema::field_info(&full.representative()) {
            Some(info) => Some((full, info)),
            None => {
                let help = nearest_field_help(&full);
                self.problem(
                    at,
                    format!("`{full}` is not a field of the dossier format"),
                    help,
                );
                None
            }
        }
    }

    fn expect(
        &mut self,
        path: &RulePath,
        base: &PathPattern,
        at: &FieldPath,
        kinds: &[Kind],
        what: &str,
    ) -> Option<(PathPattern, FieldInfo)> {
        let (pattern, info) = self.field(path, base, at)?;
        let kind = kind_of(&info);
        if !kinds.contains(&kind) {
            self.problem(
                at,
                format!(
                    "`{pattern}` is {}, but this check needs {what}",
                    kind_words(kind)
                ),
                None,
            );
            return None;
        }
        Some((pattern, info))
    }

    fn number(&mut self, path: &RulePath, base: &PathPattern, at: &FieldPath) {
        self.expect(path, base, at, &[Kind::Number], "a number");
    }

    /// Checks `check` at `at`, with relative paths from `base`: the combinators and lists
    /// here, the checks on values in [`CheckValidator::check_values`].
    fn check(&mut self, check: &Check, base: &PathPattern, at: &FieldPath) {
        match check {
            Check::All(checks) | Check::Any(checks) => {
                let key = if matches!(check, Check::All(_)) {
                    "all"
                } else {
                    "any"
                };
                if checks.is_empty() {
                    self.problem(
                        &at.key(key),
                        format!("`{key}` needs at least one check"),
                        None,
                    );
                }
                for (i, inner) in checks.iter().enumerate() {
                    self.check(inner, base, &at.key(key).index(i));
                }
            }
            Check::Not(inner) => self.check(inner, base, &at.key("not")),
            Check::Implies { when, then } => {
                self.check(when, base, &at.key("implies").key("when"));
                self.check(then, base, &at.key("implies").key("then"));
            }
            Check::Each { path, check: inner } | Check::Some { path, check: inner } => {
                let key = if matches!(check, Check::Each { .. }) {
                    "each"
                } else {
                    "some"
                };
                let at_path = at.key(key).key("path");
                if let Some((pattern, _)) =
                    self.expect(path, base, &at_path, &[Kind::List], "a list")
                {
                    let mut item = pattern.clone();
                    item.0.push(Step::EveryItem);
                    self.check(inner, &item, &at.key(key).key("check"));
                }
            }
            Check::CountAtLeast { path, .. } => {
                self.list_or_projection(path, base, &at.key("count_at_least").key("path"));
            }
            Check::ContainsAll { path, values } => {
                self.contains_all(path, values, base, &at.key("contains_all"));
            }
            Check::ParameterCountInRange
            | Check::ComputeEstimateConsistent { .. }
            | Check::ModificationEstimateConsistent { .. }
            | Check::TopDomainsSufficient
            | Check::EvaluationsNameDocumentedVersion
            | Check::EvaluationsComplete
            | Check::EvaluationsMatchEvidence
            | Check::LicenceTermsOpen
            | Check::EvaluationsCoverFamilies
            | Check::SpecifiedRisksEvaluated
            | Check::RefusalResultsPaired
            | Check::EvaluationDirectionsKnown
            | Check::EvaluationsConsistent
            | Check::EvaluationsHavePrecision => {
                if !base.0.is_empty() {
                    self.problem(
                        at,
                        "this check is about the whole dossier and cannot be used inside `each`"
                            .to_owned(),
                        None,
                    );
                }
            }
            _ => self.check_values(check, base, at),
        }
    }

    /// Checks on single values: presence, literals, numbers and dates.
    fn check_values(&mut self, check: &Check, base: &PathPattern, at: &FieldPath) {
        match check {
            Check::Present(path) => {
                self.field(path, base, &at.key("present"));
            }
            Check::Equals { path, value } => {
                let at = at.key("equals");
                if let Some((pattern, info)) = self.expect(
                    path,
                    base,
                    &at.key("path"),
                    &[Kind::Number, Kind::Boolean, Kind::Text, Kind::Date],
                    "a single value",
                ) {
                    self.literal(&pattern, &info, value, &at.key("value"));
                }
            }
            Check::OneOf { path, values } => {
                let at = at.key("one_of");
                if let Some((pattern, info)) = self.expect(
                    path,
                    base,
                    &at.key("path"),
                    &[Kind::Number, Kind::Boolean, Kind::Text],
                    "a single value",
                ) {
                    for (i, value) in values.iter().enumerate() {
                        self.literal(&pattern, &info, value, &at.key("values").index(i));
                    }
                }
            }
            Check::AtLeast { path, .. } => {
                self.number(path, base, &at.key("at_least").key("path"));
            }
            Check::AtMost { path, .. } => self.number(path, base, &at.key("at_most").key("path")),
            Check::SignificantFigures { path, .. } => {
                self.number(path, base, &at.key("significant_figures").key("path"));
            }
            Check::DateAtMost { path, than, .. } | Check::DateAtLeast { path, than, .. } => {
                let key = if matches!(check, Check::DateAtMost { .. }) {
                    "date_at_most"
                } else {
                    "date_at_least"
                };
                let at = at.key(key);
                if !path.is_today() {
                    self.expect(&path.path, base, &at.key("path"), &[Kind::Date], "a date");
                }
                if than.fixed.is_none() {
                    self.expect(
                        &than.path,
                        base,
                        &at.key("than"),
                        &[Kind::Date],
                        "a date (or `today`, or YYYY-MM-DD)",
                    );
                }
            }
            Check::SumMatches { parts, total, .. } => {
                let at = at.key("sum_matches");
                for (i, part) in parts.iter().enumerate() {
                    self.number(part, base, &at.key("parts").index(i));
                }
                self.number(total, base, &at.key("total"));
            }
            // The combinators, lists and whole-dossier checks are `check`'s.
            _ => {}
        }
    }

    fn contains_all(
        &mut self,
        path: &RulePath,
        values: &[String],
        base: &PathPattern,
        at: &FieldPath,
    ) {
        let Some(info) = self.list_or_projection(path, base, &at.key("path")) else {
            return;
        };
        let item = match info.schema.get("items") {
            Some(items) => schema::resolve_non_null(schema::schema(info.file), items),
            None => info.schema,
        };
        let Some(allowed) = enum_values(schema::schema(info.file), item) else {
            return;
        };
        for (i, value) in values.iter().enumerate() {
            if !allowed.iter().any(|a| a.as_str() == Some(value)) {
                self.not_allowed(&at.key("values").index(i), value, path, &allowed);
            }
        }
    }

    /// `value` is not one of the values the field at `path` can hold.
    fn not_allowed(
        &mut self,
        at: &FieldPath,
        value: &str,
        path: &dyn std::fmt::Display,
        allowed: &[&Value],
    ) {
        let values: Vec<&str> = allowed.iter().filter_map(|a| a.as_str()).collect();
        self.problem(
            at,
            format!("`{value}` is not a value `{path}` can hold"),
            Some(format!("values: {}", values.join(", "))),
        );
    }

    fn list_or_projection(
        &mut self,
        path: &RulePath,
        base: &PathPattern,
        at: &FieldPath,
    ) -> Option<FieldInfo> {
        let (pattern, info) = self.field(path, base, at)?;
        if kind_of(&info) != Kind::List && !pattern.has_wildcard() {
            self.problem(
                at,
                format!("`{pattern}` is not a list; use a list or a path with `[*]`"),
                None,
            );
            return None;
        }
        Some(info)
    }

    fn literal(
        &mut self,
        pattern: &PathPattern,
        info: &FieldInfo,
        value: &Literal,
        at: &FieldPath,
    ) {
        let kind = kind_of(info);
        let fits = match (kind, value) {
            (Kind::Boolean, Literal::Bool(_)) | (Kind::Number, Literal::Number(_)) => true,
            (Kind::Text | Kind::Date, Literal::Text(text)) => {
                match enum_values(schema::schema(info.file), info.schema) {
                    Some(allowed) => {
                        if !allowed.iter().any(|a| a.as_str() == Some(text)) {
                            self.not_allowed(at, text, pattern, &allowed);
                        }
                        true
                    }
                    None => true,
                }
            }
            _ => false,
        };
        if !fits {
            self.problem(
                at,
                format!(
                    "`{pattern}` is {}, which this value cannot equal",
                    kind_words(kind)
                ),
                None,
            );
        }
    }
}

fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Number => "a number",
        Kind::Boolean => "true or false",
        Kind::Text => "text",
        Kind::Date => "a date",
        Kind::List => "a list",
        Kind::Mapping => "a mapping",
    }
}

/// "did you mean" for a path that does not exist: the closest field at the first step that
/// fails.
fn nearest_field_help(pattern: &PathPattern) -> Option<String> {
    let mut prefix = PathPattern::default();
    for step in &pattern.0 {
        let mut next = prefix.clone();
        next.0.push(step.clone());
        if schema::field_info(&next.representative()).is_some()
            || prefix.0.is_empty() && is_section(step)
        {
            prefix = next;
            continue;
        }
        let Step::Key(wanted) = step else {
            return None;
        };
        let candidates: Vec<String> = if prefix.0.is_empty() {
            top_level_names()
        } else {
            let info = schema::field_info(&prefix.representative())?;
            let container = match info.schema.get("items") {
                Some(items) => schema::resolve_non_null(schema::schema(info.file), items),
                None => info.schema,
            };
            container
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default()
        };
        let suggestion = crate::diag::closest(wanted, candidates.iter().map(String::as_str))?;
        let mut fixed = prefix.clone();
        fixed.0.push(Step::Key(suggestion));
        return Some(format!("did you mean `{fixed}`?"));
    }
    None
}

fn is_section(step: &Step) -> bool {
    matches!(step, Step::Key(key) if crate::dossier::FileKind::ALL.iter().any(|k| k.section() == Some(key.as_str())))
}

fn top_level_names() -> Vec<String> {
    let mut names: Vec<String> = schema::schema(crate::dossier::FileKind::Root)
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    names.extend(
        crate::dossier::FileKind::ALL
            .iter()
            .filter_map(|k| k.section().map(str::to_owned)),
    );
    names
}
