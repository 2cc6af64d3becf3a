//! The rule catalogue: the shipped rule files (compiled into the binary), extra packs given
//! with `--rules DIR`, their validation (unknown keys, duplicate ids, field paths that do not
//! exist in the dossier model, checks applied to fields of the wrong type, citations not in
//! canonical form) with located diagnostics, and the digest that binds a verdict to the exact
//! rules that produced it.

pub mod catalogue;
pub mod format;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Error, Result};
use crate::dossier::path::{FieldPath, PathPattern};
use crate::dossier::schema::{self, FieldInfo, enum_values, types_of};
use crate::dossier::source::{ByteRange, SourceText};
use crate::dossier::yaml::{self, Node};
pub use format::*;

/// The shipped rule files, in catalogue order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "classification.yaml",
        include_str!("../../rules/classification.yaml"),
    ),
    (
        "technical-documentation.yaml",
        include_str!("../../rules/technical-documentation.yaml"),
    ),
    (
        "downstream-information.yaml",
        include_str!("../../rules/downstream-information.yaml"),
    ),
    (
        "model-documentation-form.yaml",
        include_str!("../../rules/model-documentation-form.yaml"),
    ),
    ("copyright.yaml", include_str!("../../rules/copyright.yaml")),
    (
        "training-content-summary.yaml",
        include_str!("../../rules/training-content-summary.yaml"),
    ),
    (
        "open-source-exemption.yaml",
        include_str!("../../rules/open-source-exemption.yaml"),
    ),
    (
        "authorised-representative.yaml",
        include_str!("../../rules/authorised-representative.yaml"),
    ),
    (
        "systemic-risk.yaml",
        include_str!("../../rules/systemic-risk.yaml"),
    ),
    (
        "evaluations.yaml",
        include_str!("../../rules/evaluations.yaml"),
    ),
    (
        "cross-cutting.yaml",
        include_str!("../../rules/cross-cutting.yaml"),
    ),
];

/// A fact a rule's `applies_when` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactDefinition {
    /// Its name.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// What is assumed while the dossier does not tell: the reading under which obligations
    /// apply (a provider must show that an obligation does not apply to it).
    pub when_unknown: bool,
}

const fn fact(name: &'static str, meaning: &'static str, when_unknown: bool) -> FactDefinition {
    FactDefinition {
        name,
        meaning,
        when_unknown,
    }
}

/// The facts a rule's `applies_when` may name.
pub const FACTS: &[FactDefinition] = &[
    fact("gpai", "a general-purpose AI model (Art. 3(63))", true),
    fact(
        "systemic_risk",
        "a GPAI model with systemic risk (Art. 51)",
        true,
    ),
    fact(
        "open_source_exemption",
        "exempt from Art. 53(1)(a), (b) and Art. 54 as free and open-source (Art. 53(2))",
        false,
    ),
    fact(
        "authorised_representative_required",
        "an authorised representative is required (Art. 54)",
        true,
    ),
    fact(
        "modifier_is_provider",
        "a modification of another model whose modifier becomes its provider",
        true,
    ),
    fact(
        "legacy_model",
        "placed on the Union market before 2 August 2025 (Art. 111(3))",
        false,
    ),
    fact(
        "notification_due",
        "a notification to the Commission is owed (Art. 52(1))",
        true,
    ),
    fact(
        "placed",
        "placed on the Union market and not research-only",
        true,
    ),
    fact(
        "non_eu",
        "the provider is established outside the Union",
        true,
    ),
    fact("sme", "the provider is an SME", false),
    fact(
        "crawls",
        "training data was crawled by or for the provider",
        true,
    ),
    fact("synthetic_data", "synthetic training data was used", true),
    fact(
        "has_dependencies",
        "the model modifies models already on the market",
        false,
    ),
    fact(
        "own_generative_system",
        "the provider places a generative AI system of its own built on the model",
        false,
    ),
    fact(
        "research_only",
        "the model is used only for research",
        false,
    ),
];

/// Where a rule file came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct RuleSource {
    /// File name, with its pack directory for extra packs.
    pub name: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Whether it is compiled into aiact.
    pub builtin: bool,
}

/// A rule with the area it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedRule {
    /// The rule.
    pub rule: Rule,
    /// Identifier of its area.
    pub area: String,
    /// Title of its area.
    pub area_title: String,
    /// The file it came from.
    pub file: String,
    /// Line and column of its `id` in that file (1-based; 0 for built-in rules of code).
    pub at: (usize, usize),
}

/// The rules in force for a run.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// Every rule, in catalogue order.
    pub rules: Vec<LoadedRule>,
    /// SHA-256 over the names and digests of every rule file, in order.
    pub digest: String,
    /// The files.
    pub sources: Vec<RuleSource>,
}

impl RuleSet {
    /// A rule by id.
    pub fn get(&self, id: &str) -> Option<&LoadedRule> {
        self.rules.iter().find(|r| r.rule.id == id)
    }
}

/// The JSON Schema of rule files (cached).
pub fn rule_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        generator.into_root_schema_for::<RuleFile>().to_value()
    })
}

/// Loads the shipped rules and the packs in `extra_dirs`, validating all of them; every
/// problem of every file is reported at once.
pub fn load(extra_dirs: &[PathBuf]) -> Result<RuleSet> {
    let mut texts: Vec<(String, String, bool)> = BUILTIN
        .iter()
        .map(|(name, text)| (format!("rules/{name}"), (*text).to_owned(), true))
        .collect();
    let mut diagnostics = Vec::new();
    for dir in extra_dirs {
        match pack_files(dir) {
            Ok(files) => texts.extend(files.into_iter().map(|(n, t)| (n, t, false))),
            Err(error) => diagnostics.extend(error.diagnostics()),
        }
    }

    let mut rules: Vec<LoadedRule> = Vec::new();
    let mut sources = Vec::new();
    let mut first_seen: Vec<(String, Arc<SourceText>, ByteRange)> = Vec::new();
    for (name, text, builtin) in texts {
        sources.push(RuleSource {
            name: name.clone(),
            sha256: hex::encode(Sha256::digest(text.as_bytes())),
            builtin,
        });
        let source = Arc::new(SourceText::new(name.clone(), text));
        match parse_rule_file(&source) {
            Ok((file, tree)) => {
                for (index, rule) in file.rules.iter().enumerate() {
                    let here = FieldPath::root().key("rules").index(index);
                    let id_range = tree.nearest(&here.key("id")).1;
                    if let Some((_, first_source, first_range)) =
                        first_seen.iter().find(|(id, _, _)| *id == rule.id)
                    {
                        let (line, _) = first_source.line_col(first_range.start);
                        diagnostics.push(
                            Diagnostic::error(format!(
                                "duplicate rule id `{}`, first defined in {}:{line}",
                                rule.id, first_source.name
                            ))
                            .at(&source, id_range)
                            .field(format!("rules[{index}].id"))
                            .help("rule ids are unique across all rule packs"),
                        );
                    } else {
                        first_seen.push((rule.id.clone(), Arc::clone(&source), id_range));
                    }
                    diagnostics.extend(check_rule(rule, &here, &source, &tree));
                    let mut rule = rule.clone();
                    rule.help = reflow(&rule.help);
                    rule.message = reflow(&rule.message);
                    rules.push(LoadedRule {
                        rule,
                        area: file.area.clone(),
                        area_title: file.title.clone(),
                        file: name.clone(),
                        at: source.line_col(id_range.start),
                    });
                }
            }
            Err(mut problems) => diagnostics.append(&mut problems),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(diagnostics));
    }
    let mut hasher = Sha256::new();
    for source in &sources {
        hasher.update(source.name.as_bytes());
        hasher.update(b"\n");
        hasher.update(source.sha256.as_bytes());
        hasher.update(b"\n");
    }
    Ok(RuleSet {
        rules,
        digest: hex::encode(hasher.finalize()),
        sources,
    })
}

/// Joins the lines of each paragraph, so that texts written as YAML block scalars read the
/// same in every output; paragraphs stay separated by a blank line.
pub fn reflow(text: &str) -> String {
    text.split("\n\n")
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The rule files of a pack directory, sorted by name.
fn pack_files(dir: &Path) -> Result<Vec<(String, String)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut refused = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let is_rule_file = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "yaml" || e == "yml");
        if !is_rule_file {
            continue;
        }
        // A rule file's text is echoed in errors: never read one through a link out.
        match crate::dossier::evidence::readable_inside(dir, &path) {
            Ok(true) => paths.push(path),
            Ok(false) => {}
            Err(why) => refused.push(
                Diagnostic::error(format!("refusing to read the rule file: it {why}"))
                    .at_point(path.display().to_string(), 1, 1)
                    .help("copy the file into the rule pack"),
            ),
        }
    }
    if !refused.is_empty() {
        return Err(Error::Input(refused));
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Error::Usage(format!(
            "{} holds no rule files (*.yaml)",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    for path in paths {
        let size = std::fs::metadata(&path)
            .map_err(|e| Error::io(&path, e))?
            .len();
        if size > crate::dossier::MAX_FILE_BYTES {
            return Err(Error::Usage(format!(
                "{} is larger than {} bytes",
                path.display(),
                crate::dossier::MAX_FILE_BYTES
            )));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        files.push((path.display().to_string(), text));
    }
    Ok(files)
}

fn parse_rule_file(
    source: &Arc<SourceText>,
) -> std::result::Result<(RuleFile, Node), Vec<Diagnostic>> {
    let tree = yaml::parse(&source.text, crate::dossier::BOUNDS).map_err(|error| {
        let mut diagnostic = Diagnostic::error(error.message).at(source, error.range);
        if !error.path.is_root() {
            diagnostic = diagnostic.field(error.path.to_string());
        }
        vec![diagnostic]
    })?;
    let validation = schema::validate_against(rule_schema(), &tree);
    if !validation.issues.is_empty() {
        return Err(validation
            .issues
            .iter()
            .map(|issue| crate::dossier::issue_diagnostic(None, source, &tree, issue))
            .collect());
    }
    let file = RuleFile::deserialize(&tree).map_err(|e| {
        vec![
            Diagnostic::error(format!("cannot read the rule file: {e}"))
                .at(source, ByteRange::at(0)),
        ]
    })?;
    Ok((file, tree))
}

use serde::Deserialize;

/// Canonical citation forms.
fn canonical_citation(citation: &str) -> bool {
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

/// Semantic checks of one rule, located in its file.
fn check_rule(
    rule: &Rule,
    here: &FieldPath,
    source: &Arc<SourceText>,
    tree: &Node,
) -> Vec<Diagnostic> {
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
    for (i, condition) in rule.applies_when.iter().enumerate() {
        let name = condition.strip_prefix("not ").unwrap_or(condition);
        if !FACTS.iter().any(|fact| fact.name == name) {
            let suggestion = schema::closest(name, FACTS.iter().map(|f| f.name));
            problem(
                &here.key("applies_when").index(i),
                format!("`{condition}` is not a fact of the classification"),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "facts: {}",
                        FACTS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                    ),
                }),
            );
        }
    }
    let mut checker = CheckValidator {
        problems: Vec::new(),
    };
    checker.check(&rule.check, &PathPattern::default(), &here.key("check"));
    for (at, message, help) in checker.problems {
        problem(&at, message, help);
    }
    problems
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
    if types.contains(&"array") {
        Kind::List
    } else if types.contains(&"number") || types.contains(&"integer") {
        Kind::Number
    } else if types.contains(&"boolean") {
        Kind::Boolean
    } else if format == Some("date") {
        Kind::Date
    } else if types.contains(&"object") || info.schema.get("properties").is_some() {
        Kind::Mapping
    } else {
        Kind::Text
    }
}

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
        text: &str,
        base: &PathPattern,
        at: &FieldPath,
    ) -> Option<(PathPattern, FieldInfo)> {
        let (base, text) = match text.strip_prefix('/') {
            Some(absolute) => (&PathPattern::default(), absolute),
            None => (base, text),
        };
        let relative = match PathPattern::parse(text) {
            Ok(pattern) => pattern,
            Err(message) => {
                self.problem(at, format!("`{text}`: {message}"), None);
                return None;
            }
        };
        let full = base.join(&relative);
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
        text: &str,
        base: &PathPattern,
        at: &FieldPath,
        kinds: &[Kind],
        what: &str,
    ) -> Option<(PathPattern, FieldInfo)> {
        let (pattern, info) = self.field(text, base, at)?;
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

    fn check(&mut self, check: &Check, base: &PathPattern, at: &FieldPath) {
        match check {
            Check::Present(path) => {
                self.field(path, base, &at.key("present"));
            }
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
                    item.0.push(crate::dossier::path::Step::EveryItem);
                    self.check(inner, &item, &at.key(key).key("check"));
                }
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
                self.expect(
                    path,
                    base,
                    &at.key("at_least").key("path"),
                    &[Kind::Number],
                    "a number",
                );
            }
            Check::AtMost { path, .. } => {
                self.expect(
                    path,
                    base,
                    &at.key("at_most").key("path"),
                    &[Kind::Number],
                    "a number",
                );
            }
            Check::SignificantFigures { path, .. } => {
                self.expect(
                    path,
                    base,
                    &at.key("significant_figures").key("path"),
                    &[Kind::Number],
                    "a number",
                );
            }
            Check::CountAtLeast { path, .. } => {
                self.list_or_projection(path, base, &at.key("count_at_least").key("path"));
            }
            Check::ContainsAll { path, values } => {
                let at = at.key("contains_all");
                if let Some(info) = self.list_or_projection(path, base, &at.key("path")) {
                    let item = match info.schema.get("items") {
                        Some(items) => crate::dossier::schema::resolve_non_null(
                            schema::schema(info.file),
                            items,
                        ),
                        None => info.schema,
                    };
                    if let Some(allowed) = enum_values(schema::schema(info.file), item) {
                        for (i, value) in values.iter().enumerate() {
                            if !allowed.iter().any(|a| a.as_str() == Some(value)) {
                                self.problem(
                                    &at.key("values").index(i),
                                    format!("`{value}` is not a value `{path}` can hold"),
                                    Some(format!(
                                        "values: {}",
                                        allowed
                                            .iter()
                                            .filter_map(|a| a.as_str())
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    )),
                                );
                            }
                        }
                    }
                }
            }
            Check::DateAtMost { path, than, .. } | Check::DateAtLeast { path, than, .. } => {
                let key = if matches!(check, Check::DateAtMost { .. }) {
                    "date_at_most"
                } else {
                    "date_at_least"
                };
                let at = at.key(key);
                if path != "today" {
                    self.expect(path, base, &at.key("path"), &[Kind::Date], "a date");
                }
                if than != "today" && chrono::NaiveDate::parse_from_str(than, "%Y-%m-%d").is_err() {
                    self.expect(
                        than,
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
                    self.expect(
                        part,
                        base,
                        &at.key("parts").index(i),
                        &[Kind::Number],
                        "a number",
                    );
                }
                self.expect(total, base, &at.key("total"), &[Kind::Number], "a number");
            }
            Check::ParameterCountInRange
            | Check::ComputeEstimateConsistent { .. }
            | Check::ModificationEstimateConsistent { .. }
            | Check::TopDomainsSufficient
            | Check::EvaluationsNameDocumentedVersion
            | Check::EvaluationsComplete
            | Check::EvaluationsMatchEvidence => {
                if !base.0.is_empty() {
                    self.problem(
                        at,
                        "this check is about the whole dossier and cannot be used inside `each`"
                            .to_owned(),
                        None,
                    );
                }
            }
        }
    }

    fn list_or_projection(
        &mut self,
        text: &str,
        base: &PathPattern,
        at: &FieldPath,
    ) -> Option<FieldInfo> {
        let (pattern, info) = self.field(text, base, at)?;
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
                            self.problem(
                                at,
                                format!("`{text}` is not a value `{pattern}` can hold"),
                                Some(format!(
                                    "values: {}",
                                    allowed
                                        .iter()
                                        .filter_map(|a| a.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )),
                            );
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
        let crate::dossier::path::Step::Key(wanted) = step else {
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
        let suggestion = schema::closest(wanted, candidates.iter().map(String::as_str))?;
        let mut fixed = prefix.clone();
        fixed.0.push(crate::dossier::path::Step::Key(suggestion));
        return Some(format!("did you mean `{fixed}`?"));
    }
    None
}

fn is_section(step: &crate::dossier::path::Step) -> bool {
    matches!(step, crate::dossier::path::Step::Key(key) if crate::dossier::FileKind::ALL.iter().any(|k| k.section() == Some(key.as_str())))
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

// Fuzzing entry point.
/// The checks [`load`] makes on one rule file (parsing, the schema, each rule's check, ids
/// unique within the file), without the shipped catalogue, which `load` reads again on every
/// call: the `rules_pack` fuzz target runs this on every input and `load` on the ones it
/// accepts.
pub fn check_pack_text(name: &str, text: &str) -> Result<()> {
    let source = Arc::new(SourceText::new(name, text));
    let (file, tree) = parse_rule_file(&source).map_err(Error::Input)?;
    let mut diagnostics = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (index, rule) in file.rules.iter().enumerate() {
        let here = FieldPath::root().key("rules").index(index);
        if !seen.insert(rule.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(format!("duplicate rule id `{}`", rule.id))
                    .at(&source, tree.nearest(&here.key("id")).1)
                    .field(format!("rules[{index}].id")),
            );
        }
        diagnostics.extend(check_rule(rule, &here, &source, &tree));
        reflow(&rule.help);
        reflow(&rule.message);
    }
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(diagnostics))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".yaml"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = BUILTIN.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        for (name, text) in BUILTIN {
            assert_eq!(
                std::fs::read_to_string(dir.join(name)).unwrap(),
                *text,
                "{name} is stale in the binary"
            );
        }
    }

    #[test]
    fn the_shipped_catalogue_loads_without_problems() {
        let rules = load(&[]).unwrap();
        assert!(rules.rules.len() >= 60);
        assert_eq!(rules.digest.len(), 64);
        assert!(
            rules
                .rules
                .iter()
                .all(|r| !r.rule.help.contains('\n') || r.rule.help.contains("\n\n"))
        );
    }

    #[test]
    fn the_catalogue_covers_every_required_citation() {
        let rules = load(&[]).unwrap();
        let cited: Vec<&str> = rules
            .rules
            .iter()
            .flat_map(|r| r.rule.legal_basis.iter().map(String::as_str))
            .collect();
        let mut required: Vec<String> = [
            "Art. 52(1)",
            "Art. 53(1)(a)",
            "Art. 53(1)(b)",
            "Art. 53(1)(c)",
            "Art. 53(1)(d)",
            "Art. 53(2)",
            "Art. 54(1)",
            "Art. 54(3)",
            "Art. 55(1)(a)",
            "Art. 55(1)(b)",
            "Art. 55(1)(c)",
            "Art. 55(1)(d)",
            "Art. 111(3)",
            "Annex XI §2.1",
            "Annex XI §2.2",
            "Annex XI §2.3",
            "Annex XII §2(a)",
            "Annex XII §2(b)",
            "Annex XII §2(c)",
            "Template §1.1",
            "Template §1.2",
            "Template §1.3",
            "Template §3.1",
            "Template §3.2",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for point in ['a', 'b', 'c', 'd', 'e', 'f'] {
            required.push(format!("Annex XI §1.1({point})"));
        }
        for point in ['a', 'b', 'c', 'd', 'e'] {
            required.push(format!("Annex XI §1.2({point})"));
        }
        for point in ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] {
            required.push(format!("Annex XII §1({point})"));
        }
        for measure in 1..=3 {
            required.push(format!("CoP Transparency M1.{measure}"));
        }
        for measure in 1..=5 {
            required.push(format!("CoP Copyright M1.{measure}"));
        }
        for section in 1..=6 {
            required.push(format!("Template §2.{section}"));
        }
        let missing: Vec<&String> = required
            .iter()
            .filter(|c| !cited.contains(&c.as_str()))
            .collect();
        assert!(missing.is_empty(), "no rule cites {missing:?}");
    }

    #[test]
    fn citations_in_canonical_form() {
        for good in [
            "Art. 53(1)(a)",
            "Art. 3(63)",
            "Annex XI §1.2(d)",
            "Annex XI §2.1",
            "Annex XII §1(a)",
            "CoP Safety C9",
            "CoP Copyright M1.3",
            "Template §2.3",
            "Recital 111",
            "Guidelines",
        ] {
            assert!(canonical_citation(good), "{good}");
        }
        for bad in [
            "Article 53",
            "Art 53(1)",
            "Annex 11",
            "CoP M1.1",
            "template 2.3",
        ] {
            assert!(!canonical_citation(bad), "{bad}");
        }
    }

    #[test]
    fn reflow_joins_lines_and_keeps_paragraphs() {
        assert_eq!(reflow("a\nb  c\n\nd\n"), "a b c\n\nd");
    }
}
