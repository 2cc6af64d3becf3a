//! The rule catalogue: the shipped rule files (compiled into the binary), extra packs given
//! with `--rules DIR`, their validation (unknown keys, duplicate ids, field paths that do not
//! exist in the dossier model, checks applied to fields of the wrong type, citations not in
//! canonical form) with located diagnostics, and the digest that binds a verdict to the exact
//! rules that produced it.

pub mod catalogue;
pub mod format;
pub mod scope;
mod validate;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde_json::Value;
use sha2::{Digest, Sha256};

use serde::Deserialize;

use crate::classify::Fact;
use crate::diag::source::{ByteRange, SourceText};
use crate::diag::{Diagnostic, Error, Result};
use crate::dossier::path::FieldPath;
use crate::dossier::yaml::{self, Node};
pub use format::*;
#[cfg(test)]
use validate::canonical_citation;
use validate::check_rule;

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

/// A condition of `applies_when`, parsed: a fact that must hold, or with `not`, must not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// The fact.
    pub fact: Fact,
    /// Whether the condition is `not FACT`.
    pub negated: bool,
}

impl Condition {
    /// A condition as a rule file writes it (`NAME` or `not NAME`); the name when it is not a
    /// fact.
    pub fn parse(text: &str) -> std::result::Result<Condition, &str> {
        let (name, negated) = match text.strip_prefix("not ") {
            Some(name) => (name, true),
            None => (text, false),
        };
        Fact::from_name(name)
            .map(|fact| Condition { fact, negated })
            .ok_or(name)
    }
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.negated {
            f.write_str("not ")?;
        }
        f.write_str(self.fact.name())
    }
}

/// A rule with the area it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedRule {
    /// The rule, as its file writes it (its paths parsed as it was read).
    pub rule: Rule,
    /// Its `applies_when`, parsed.
    pub conditions: Vec<Condition>,
    /// Identifier of its area.
    pub area: String,
    /// The documents it feeds: its own `documents`, or else its area's.
    pub documents: Vec<Document>,
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
            sha256: crate::digest::sha256_hex(text.as_bytes()),
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
                    let (problems, conditions) = check_rule(rule, &here, &source, &tree);
                    diagnostics.extend(problems);
                    let mut rule = rule.clone();
                    rule.help = reflow(&rule.help);
                    rule.message = reflow(&rule.message);
                    let documents = rule
                        .documents
                        .clone()
                        .unwrap_or_else(|| file.documents.clone());
                    rules.push(LoadedRule {
                        rule,
                        conditions,
                        area: file.area.clone(),
                        documents,
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
        let mut diagnostic = Diagnostic::error(error.message)
            .at(source, error.range)
            .code("yaml-syntax");
        if !error.path.is_root() {
            diagnostic = diagnostic.field(error.path.to_string());
        }
        vec![diagnostic]
    })?;
    let validation = crate::dossier::validator::validate_against(rule_schema(), &tree);
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

/// The rules aiact applies to waivers themselves (evaluated by `check`, listed by the
/// catalogue).
pub fn waiver_rules() -> [LoadedRule; 2] {
    let rule = |id: &str, title: &str, severity, message: &str, help: &str| LoadedRule {
        rule: Rule {
            id: id.to_owned(),
            title: title.to_owned(),
            legal_basis: Vec::new(),
            source: Source::Aiact,
            applies_when: Vec::new(),
            check: Check::All(Vec::new()),
            severity,
            message: message.to_owned(),
            help: help.to_owned(),
            unverified: false,
            documents: None,
        },
        conditions: Vec::new(),
        area: "waivers".to_owned(),
        // A waiver is about the check itself, whatever is filed.
        documents: Document::ALL.to_vec(),
        area_title: "Waivers".to_owned(),
        file: "(built in)".to_owned(),
        at: (0, 0),
    };
    [
        rule(
            "WVR-001",
            "Waiver expired",
            Severity::Error,
            "A waiver has expired; the finding it accepted counts again.",
            "Each waiver in aiact.yaml has an expiry date. After it, the waived rule's failure counts again and this finding reports the stale waiver. Fix the underlying gap, or renew the waiver with a new approval and expiry date.",
        ),
        rule(
            "WVR-002",
            "Waiver matches nothing",
            Severity::Warning,
            "A waiver accepts no failing finding.",
            "A waiver that matches no failing finding (the rule passes, does not apply, does not exist, or the path matches none of its failures) is probably stale. Remove it, or correct its rule id or path.",
        ),
    ]
}

/// The dossier and the rules to check it with, read at the same time (they are independent),
/// with the problems of both when both have some.
pub fn load_with_dossier(
    dir: &Path,
    rule_dirs: &[PathBuf],
) -> Result<(crate::dossier::LoadedDossier, RuleSet)> {
    let (rules, loaded) = std::thread::scope(|scope| {
        let rules = scope.spawn(|| load(rule_dirs));
        let loaded = crate::dossier::load(dir);
        let rules = rules
            .join()
            .unwrap_or_else(|_| Err(Error::Internal("the rules could not be loaded".to_owned())));
        (rules, loaded)
    });
    match (loaded, rules) {
        (Ok(loaded), Ok(rules)) => Ok((loaded, rules)),
        (Err(b), Err(a)) => Err(Error::Input([a.diagnostics(), b.diagnostics()].concat())),
        (Err(error), _) | (_, Err(error)) => Err(error),
    }
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
        diagnostics.extend(check_rule(rule, &here, &source, &tree).0);
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
